"""Batch runs: order kept across workers, resume after kill -9, torn tails, time limits."""
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extractor import cli
from extractor.errors import UsageError
from extractor.runner import recover_tail, run

from .conftest import ROOT, SAMPLES, synthetic_releases


def rows(path):
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def count_lines(path):
    with open(path, "rb") as fh:
        return fh.read().count(b"\n")


def make_folder(tmp_path, n=12):
    src = tmp_path / "in"
    src.mkdir()
    names = sorted(f for f in os.listdir(SAMPLES) if f.endswith(".txt"))
    for i in range(n):
        shutil.copy(os.path.join(SAMPLES, names[i % len(names)]), src / f"r{i:03d}.txt")
    return src


@pytest.mark.slow
def test_two_workers_give_the_same_records_in_input_order(tmp_path, nlp):
    src = make_folder(tmp_path)
    run([str(src)], str(tmp_path / "w0.jsonl"), workers=0, progress=False)
    s = run([str(src)], str(tmp_path / "w2.jsonl"), workers=2, progress=False)
    assert s.records == 12 and s.errors == 0
    assert rows(tmp_path / "w0.jsonl") == rows(tmp_path / "w2.jsonl")
    assert [r["doc_id"] for r in rows(tmp_path / "w2.jsonl")] == [f"r{i:03d}" for i in range(12)]
    assert s.timings["clean"] > 0


@pytest.mark.slow
def test_workers_retire_after_max_tasks_and_nothing_is_lost_or_reordered(nlp):
    from extractor.batch import Task, WorkerPool
    from extractor.inputs import InputDoc

    from pathlib import Path

    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(SAMPLES).glob("*.txt"))][:7]
    tasks = [Task(i, doc=InputDoc(doc_id=f"d{i}", text=t, source=f"d{i}"), doc_id=f"d{i}")
             for i, t in enumerate(texts)]
    with WorkerPool(2, doc_timeout=None, max_tasks=2) as pool:
        out = list(pool.imap(tasks))
    assert [r.seq for r in out] == list(range(7))
    assert all(r.record is not None and r.record["doc_id"] == f"d{r.seq}" for r in out)
    assert pool.retired >= 2 and pool.restarts == 0
    if sys.platform.startswith("linux"):
        assert len(pool.peaks) == 2 and all(p > 0 for p in pool.peaks)


def test_recover_tail_cuts_a_torn_line(tmp_path):
    p = tmp_path / "x.jsonl.part"
    p.write_bytes(b'{"doc_id": "a"}\n{"doc_id": "b"}\n{"doc_id": "c", "sou')
    assert recover_tail(str(p)) == len(b'{"doc_id": "c", "sou')
    assert p.read_bytes() == b'{"doc_id": "a"}\n{"doc_id": "b"}\n'
    q = tmp_path / "y.part"
    q.write_bytes(b'{"doc_id": "only-torn"')
    recover_tail(str(q))
    assert q.read_bytes() == b""


def test_resume_skips_written_documents_and_finishes_the_rest(tmp_path, nlp):
    src = make_folder(tmp_path, 6)
    full = tmp_path / "full.jsonl"
    run([str(src)], str(full), workers=0, progress=False)
    out = tmp_path / "out.jsonl"
    lines = full.read_text(encoding="utf-8").splitlines(keepends=True)
    (tmp_path / "out.jsonl.part").write_text("".join(lines[:2]) + lines[2][:50], encoding="utf-8")
    with pytest.raises(UsageError, match="interrupted run"):
        run([str(src)], str(out), workers=0, progress=False)
    s = run([str(src)], str(out), workers=0, progress=False, resume=True)
    assert s.skipped == 2 and s.records == 4 and s.documents == 6
    assert rows(out) == rows(full)
    assert not os.path.exists(f"{out}.part")
    s = run([str(src)], str(out), workers=0, progress=False, resume=True)
    assert s.skipped == 6 and s.records == 0 and rows(out) == rows(full)


@pytest.mark.slow
def test_resume_after_kill_9_loses_nothing_and_writes_nothing_twice(tmp_path, nlp):
    n = 400  # enough documents that the run lasts several flushes (FLUSH_SECONDS) after the first rows
    src = make_folder(tmp_path, n)
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "extractor", "run", str(src), "-o", str(out), "--workers", "1", "--no-progress"]
    env = dict(os.environ, PYTHONPATH=ROOT)
    proc = subprocess.Popen(cmd, env=env, start_new_session=True, stderr=subprocess.DEVNULL)
    part = f"{out}.part"
    deadline = time.time() + 120
    while time.time() < deadline:
        if os.path.exists(part) and count_lines(part) >= 3:
            break
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    written = count_lines(part)
    assert 3 <= written < n and not os.path.exists(out)
    assert subprocess.run(cmd + ["--resume"], env=env, stderr=subprocess.DEVNULL).returncode == 0
    ids = [r["doc_id"] for r in rows(out)]
    assert ids == [f"r{i:03d}" for i in range(n)]


def test_a_document_over_its_time_budget_becomes_an_error_row(tmp_path, nlp, monkeypatch):
    from extractor import welfare

    real = welfare.find_welfare

    def slow(text, exclude=()):
        if "LAMBAT" in text:
            time.sleep(30)
        return real(text, exclude)

    monkeypatch.setattr(welfare, "find_welfare", slow)
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Camat Meral membuka rapat, Senin (2/1/2023).", encoding="utf-8")
    (src / "b.txt").write_text("LAMBAT sekali dokumen ini.", encoding="utf-8")
    (src / "c.txt").write_text("Lurah Tebing meninjau banjir, Selasa (3/1/2023).", encoding="utf-8")
    for workers in (0, 1):
        out = tmp_path / f"o{workers}.jsonl"
        s = run([str(src)], str(out), workers=workers, doc_timeout=1.0, progress=False)
        assert (s.records, s.errors) == (2, 1)
        (err,) = rows(tmp_path / f"o{workers}.errors.jsonl")
        assert err["doc_id"] == "b" and err["stage"] == "timeout" and "1 s" in err["message"]
        assert [r["doc_id"] for r in rows(out)] == ["a", "c"]


@pytest.mark.slow
def test_dask_local_cluster_gives_the_same_records(tmp_path, nlp):
    pytest.importorskip("distributed")
    src = make_folder(tmp_path, 8)
    (src / "broken.txt").write_bytes(b"\x00\x01")
    run([str(src)], str(tmp_path / "local.jsonl"), workers=0, progress=False)
    s = run([str(src)], str(tmp_path / "dask.jsonl"), workers=1, progress=False, dask="local")
    assert (s.records, s.errors) == (8, 1)
    assert rows(tmp_path / "dask.jsonl") == rows(tmp_path / "local.jsonl")
    assert rows(tmp_path / "dask.errors.jsonl") == rows(tmp_path / "local.errors.jsonl")


def _persisted(*paths):
    total = 0
    for p in paths:
        try:
            total += count_lines(p)
        except FileNotFoundError:
            pass
    return total


def _fork_cli(args):
    """``extractor`` in a forked child (it inherits the loaded pipeline, so it starts at once)."""
    pid = os.fork()
    if pid == 0:
        code = 99
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 2)
            code = cli.main(args)
        finally:
            os._exit(code)
    return pid


@pytest.mark.slow
def test_sigkill_at_20_random_moments_and_resume_give_the_uninterrupted_output(tmp_path, nlp, capsys, monkeypatch):
    # batches of at most 3 rows (default 200 rows or 1 s), so that 20 kills land across the batch
    monkeypatch.setattr("extractor.outputs.FLUSH_ROWS", 3)
    monkeypatch.setattr("extractor.outputs.FLUSH_SECONDS", 0.2)
    # many more documents than the last kill point (row 200), so that no run can finish in the sleep
    # before its kill, however fast extraction is
    docs = synthetic_releases(tmp_path / "docs.jsonl", 1000, seed=16)
    run([str(docs)], str(tmp_path / "ref.jsonl"), workers=0, progress=False)
    ref, ref_errors = (tmp_path / "ref.jsonl").read_bytes(), (tmp_path / "ref.errors.jsonl").read_bytes()
    # the killed runs (forked from this process) take 5 ms more per document, so that however fast
    # extraction is, the 20 runs together cannot reach the end of the batch (at most about 30
    # documents pass in a run's last sleep before its kill)
    from extractor.pipeline import Pipeline

    real = Pipeline.process

    def slower(self, item):
        time.sleep(0.005)
        return real(self, item)

    monkeypatch.setattr(Pipeline, "process", slower)
    out, err = tmp_path / "out.jsonl", tmp_path / "out.errors.jsonl"
    parts = (f"{out}.part", f"{err}.part")
    args = ["run", str(docs), "-o", str(out), "--workers", "0", "--no-progress"]
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    killed = 0
    for i, target in enumerate(sorted(rng.sample(range(1, 200), 20))):
        target = max(target, _persisted(*parts) + 1)  # each run gets at least one batch further
        pid = _fork_cli(args + (["--resume"] if i else []))
        deadline = time.time() + 60
        while _persisted(*parts) < target and time.time() < deadline:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                pytest.fail(f"run {i} ended with {os.waitstatus_to_exitcode(status)} before it was killed "
                            f"(seed {seed}, {_persisted(*parts)} rows written, waiting for {target})")
            time.sleep(0.01)
        if i == 3:  # the case: a second run on the same output while this one lives
            assert cli.main(args + ["--resume"]) == 2
            assert f"pid {pid} on " in capsys.readouterr().err
        time.sleep(rng.uniform(0, 0.15))  # anywhere: extracting, between batches, in a write
        os.kill(pid, signal.SIGKILL)
        status = os.waitpid(pid, 0)[1]
        killed += os.waitstatus_to_exitcode(status) == -signal.SIGKILL
        ids = [json.loads(line)["doc_id"] for p in parts if os.path.exists(p)
               for line in Path(p).read_bytes().splitlines(keepends=True) if line.endswith(b"\n")]
        assert len(ids) == len(set(ids)), f"a document written twice (seed {seed})"
    assert killed == 20 and not out.exists()
    assert cli.main(args + ["--resume"]) in (0, 1)  # 1 if this last part met an empty document
    assert out.read_bytes() == ref, f"seed {seed}"
    assert err.read_bytes() == ref_errors, f"seed {seed}"
    assert not os.path.exists(f"{out}.lock") and not os.path.exists(parts[0])


def test_a_dask_run_takes_the_lock_before_it_starts_a_cluster(tmp_path):
    from extractor.errors import OutputLocked
    from extractor.lock import OutputLock

    doc = tmp_path / "a.txt"
    doc.write_text("Camat Meral membuka rapat, Senin (2/1/2023).", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    with OutputLock(str(out)):
        with pytest.raises(OutputLocked, match=f"pid {os.getpid()} on "):
            run([str(doc)], str(out), workers=1, progress=False, dask="tcp://127.0.0.1:1")
    assert sorted(os.listdir(tmp_path)) == ["a.txt"]
