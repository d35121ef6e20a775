"""``extractor events``: JSONL and Parquet output, extractor.read() of the event tables, errors."""
import json

import pytest

import extractor
from extractor.cli import main
from extractor.grouping import GroupSettings, group_files, group_tables
from extractor.grouping.output import EventsOutputError, records_path

from .test_grouping import BRIDGE, FEAST, rec


@pytest.fixture()
def records(tmp_path):
    rows = [rec("a", "2024-03-05", text=BRIDGE), rec("b", "2024-03-05", text=BRIDGE + " warga"),
            rec("c", "2024-04-20", text=FEAST)]
    path = tmp_path / "run.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_cli_writes_events_jsonl(records, tmp_path, capsys):
    out = tmp_path / "events.jsonl"
    assert main(["events", str(records), "-o", str(out)]) == 0
    events = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(e["n_members"] for e in events) == [1, 2]
    assert "3 records, 2 events (1 with several records)" in capsys.readouterr().err


def test_cli_refuses_to_overwrite_and_names_a_missing_input(records, tmp_path, capsys):
    out = tmp_path / "events.jsonl"
    out.write_text("", encoding="utf-8")
    assert main(["events", str(records), "-o", str(out)]) == 2
    assert "exists; use --force" in capsys.readouterr().err
    assert main(["events", str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "x.jsonl")]) == 2
    assert "nope.jsonl do not exist" in capsys.readouterr().err


def test_parquet_tables_have_events_and_event_id(records, tmp_path):
    out = tmp_path / "events.parquet"
    assert main(["events", str(records), "-o", str(out)]) == 0
    tables = extractor.read(out)
    assert {"events", "event_members", "event_disagreements", "event_links"} <= set(tables)
    docs = tables["documents"]
    assert str(docs["event_id"].dtype) == "string"
    ids = dict(zip(docs["doc_id"], docs["event_id"]))
    assert ids["a"] == ids["b"] != ids["c"]
    assert set(tables["people"]["event_id"]) == set(ids.values())
    events = tables["events"].set_index("event_id")
    assert events.loc[ids["a"], "n_outlets"] == 2
    assert str(events["event_date"].dtype).startswith("datetime64")
    links = tables["event_links"]
    assert list(links["doc_id_a"]) == ["a"] and "officials" in links["joined_by"].iloc[0]
    assert (tmp_path / "events.jsonl").exists()  # the events JSONL beside the tables, as for run


def test_a_run_parquet_folder_reads_its_records_beside_it(records, tmp_path):
    folder = tmp_path / "run.parquet"
    folder.mkdir()
    assert records_path(folder) == records
    (tmp_path / "other.parquet").mkdir()
    with pytest.raises(EventsOutputError, match="without its records file"):
        records_path(tmp_path / "other.parquet")


def test_group_tables_for_a_notebook(records):
    tables = group_tables([str(records)], GroupSettings(use_source_path=False))
    assert sorted(tables["events"]["n_members"]) == [1, 2]
    assert set(tables["event_members"]["doc_id"]) == {"a", "b", "c"}


def test_group_files_to_stdout(records, capsys):
    counts = group_files([str(records)], "-", settings=GroupSettings(use_source_path=False))
    assert counts == {"events": 2, "records": 3, "multi": 1}
    assert len(capsys.readouterr().out.splitlines()) == 2


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore:Port 8787 is already in use")  # another cluster on this machine: dask moves
@pytest.mark.filterwarnings("ignore:unclosed <socket:ResourceWarning")  # distributed's own sockets at shutdown
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_dask_local_gives_the_same_events(records, tmp_path):
    pytest.importorskip("distributed")
    local, dask = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    s = GroupSettings(use_source_path=False, max_records=2)  # spilled: partitions go to the workers too
    group_files([str(records)], str(local), settings=s)
    group_files([str(records)], str(dask), settings=s, dask="local", workers=1)
    assert dask.read_text(encoding="utf-8") == local.read_text(encoding="utf-8")
