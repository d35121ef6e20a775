"""The analyst notebook: committed without outputs, and it runs end to end on the samples' records."""
import json
import os
from pathlib import Path

import pytest

from .conftest import ROOT, SAMPLES

NOTEBOOK = Path(ROOT) / "notebooks" / "analyst.ipynb"


def test_notebook_is_committed_without_outputs():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code and all(c["outputs"] == [] and c["execution_count"] is None for c in code)
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    assert any("extractor.read(" in "".join(c["source"]) for c in code)


@pytest.mark.slow
def test_notebook_runs_on_the_samples_records(tmp_path, monkeypatch, nlp):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    kernelspec = pytest.importorskip("ipykernel.kernelspec")
    import extractor
    from extractor.cli import main

    records = tmp_path / "samples.jsonl"
    assert main(["run", SAMPLES, "-o", str(records), "--workers", "0"]) == 0

    # A python3 kernel spec that runs this interpreter, whatever the venv's share/jupyter holds.
    prefix = tmp_path / "jupyter"
    monkeypatch.setenv("JUPYTER_PATH", str(prefix / "share" / "jupyter"))
    kernelspec.install(kernel_name="python3", prefix=str(prefix))
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")
    monkeypatch.setenv("EXTRACTOR_RECORDS", str(records))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    package_parent = os.path.dirname(os.path.dirname(os.path.abspath(extractor.__file__)))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(p for p in (package_parent, os.environ.get("PYTHONPATH")) if p))

    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=120, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()  # raises CellExecutionError on the first failing cell

    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert errors == []
    shown = "\n".join(o.get("data", {}).get("text/plain", "") for c in nb.cells if c.cell_type == "code"
                      for o in c.outputs)
    assert "documents             16" in shown  # the row counts of the first table
