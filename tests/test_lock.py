"""One writer per output: live locks refuse, stale locks are taken over, once."""
import json
import multiprocessing as mp
import os
import signal
import socket
import subprocess
import sys
import time

import pytest

from extractor import cli
from extractor.errors import OutputLocked
from extractor.lock import OutputLock, _stat, boot_id, proc_start, read_lock, stale_reason

from .conftest import ROOT

HOLD = ("import sys, time\n"
        "from extractor.lock import OutputLock\n"
        "lock = OutputLock(sys.argv[1]).acquire()\n"
        "print('held', flush=True)\n"
        "time.sleep(120)\n")


def hold_lock(output):
    """Another process that holds the lock of ``output``, started and holding when this returns."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(output)], stdout=subprocess.PIPE, text=True,
                            env=dict(os.environ, PYTHONPATH=ROOT))
    line = proc.stdout.readline().strip()
    proc.stdout.close()
    assert line == "held"
    return proc


def snapshot(folder):
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def write_lock(path, **fields):
    info = {"pid": os.getpid(), "host": socket.gethostname(), "started": "2026-01-01T00:00:00+00:00",
            "boot_id": boot_id(), "proc_start": proc_start(os.getpid()), "token": "t"}
    info.update(fields)
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(info, fh)


def test_a_second_run_on_a_live_output_exits_2_names_the_other_run_and_touches_nothing(tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    (tmp_path / "doc.txt").write_text("Camat Meral membuka rapat, Senin (2/1/2023).", encoding="utf-8")
    (tmp_path / "out.jsonl.part").write_text('{"doc_id": "x"}\n', encoding="utf-8")
    holder = hold_lock(out)
    try:
        before = snapshot(tmp_path)
        for extra in ([], ["--resume"], ["--force"]):
            code = cli.main(["run", str(tmp_path / "doc.txt"), "-o", str(out), "--workers", "0", "--no-progress"]
                            + extra)
            err = capsys.readouterr().err
            assert code == 2
            assert f"pid {holder.pid} on {socket.gethostname()}, started " in err and "Traceback" not in err
            assert snapshot(tmp_path) == before
    finally:
        holder.kill()
        holder.wait()


def test_the_lock_of_a_killed_run_is_taken_over(tmp_path, caplog):
    out = tmp_path / "out.jsonl"
    holder = hold_lock(out)
    with pytest.raises(OutputLocked, match=f"pid {holder.pid}"):
        OutputLock(str(out)).acquire()
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    with OutputLock(str(out)) as lock:
        info, _ = read_lock(lock.path)
        assert info.pid == os.getpid() and info.token == lock.info.token
    assert "took over the lock" in caplog.text and f"process {holder.pid} is gone" in caplog.text
    assert not os.path.exists(f"{out}.lock")


def test_a_reused_pid_a_zombie_and_a_restarted_machine_make_a_lock_stale(tmp_path):
    lock = tmp_path / "out.jsonl.lock"
    write_lock(lock)
    assert stale_reason(*read_lock(lock)) is None  # this very process: alive
    write_lock(lock, proc_start="1")
    assert "now belongs to another process" in stale_reason(*read_lock(lock))
    if boot_id():
        write_lock(lock, boot_id="another-boot")
        assert "restarted" in stale_reason(*read_lock(lock))
    else:
        pytest.skip("no /proc/sys/kernel/random/boot_id here: a restart cannot be told apart")
    zombie = subprocess.Popen([sys.executable, "-c", "pass"])
    deadline = time.time() + 10
    while time.time() < deadline and (_stat(zombie.pid) or ["?"])[0] != "Z":
        time.sleep(0.05)  # exited, not yet reaped
    write_lock(lock, pid=zombie.pid, proc_start=proc_start(zombie.pid))
    assert "is gone" in stale_reason(*read_lock(lock))
    zombie.wait()


def test_a_lock_from_another_host_is_live_until_its_heartbeat_stops(tmp_path):
    out = tmp_path / "out.jsonl"
    write_lock(f"{out}.lock", host="node-17.cluster", pid=1)
    with pytest.raises(OutputLocked, match="pid 1 on node-17.cluster"):
        OutputLock(str(out)).acquire()
    old = time.time() - 3600
    os.utime(f"{out}.lock", (old, old))
    assert "no heartbeat from node-17.cluster" in stale_reason(*read_lock(f"{out}.lock"))
    with OutputLock(str(out)) as lock:
        assert read_lock(lock.path)[0].host == socket.gethostname()


def test_an_empty_lock_is_live_while_young_and_stale_when_old(tmp_path):
    out = tmp_path / "out.jsonl"
    open(f"{out}.lock", "w").close()  # a run between creating its lock and writing it
    with pytest.raises(OutputLocked, match="still writing its lock"):
        OutputLock(str(out)).acquire()
    old = time.time() - 120
    os.utime(f"{out}.lock", (old, old))
    OutputLock(str(out)).acquire().release()


def test_the_heartbeat_refreshes_the_lock_and_release_keeps_a_lock_that_is_not_ours(tmp_path):
    out = tmp_path / "out.jsonl"
    lock = OutputLock(str(out), heartbeat=0.05).acquire()
    old = time.time() - 1000
    os.utime(lock.path, (old, old))
    time.sleep(0.3)
    assert time.time() - os.stat(lock.path).st_mtime < 5
    write_lock(lock.path, token="someone-else")
    lock.release()
    assert read_lock(f"{out}.lock")[0].token == "someone-else"


def _contend(output, barrier, results):
    barrier.wait()
    try:
        lock = OutputLock(output).acquire()
    except OutputLocked:
        results.put("locked")
        barrier.wait()
        return
    results.put("won")
    barrier.wait()  # hold the lock until every contender has decided
    lock.release()


def test_many_runs_racing_for_one_stale_lock_give_exactly_one_writer(tmp_path, monkeypatch):
    from extractor import lock as L

    real = L.stale_reason

    def slow_reader(*args, **kwargs):  # every contender judges the old lock stale before any acts
        reason = real(*args, **kwargs)
        time.sleep(0.2)
        return reason

    monkeypatch.setattr(L, "stale_reason", slow_reader)
    ctx = mp.get_context("fork")
    for _ in range(3):
        out = str(tmp_path / "out.jsonl")
        write_lock(f"{out}.lock", pid=2 ** 22 + 7, proc_start="1")  # a pid that does not exist
        barrier, results = ctx.Barrier(8), ctx.Queue()
        procs = [ctx.Process(target=_contend, args=(out, barrier, results)) for _ in range(8)]
        for p in procs:
            p.start()
        outcomes = sorted(results.get(timeout=30) for _ in procs)
        for p in procs:
            p.join(30)
        assert outcomes == ["locked"] * 7 + ["won"]
        assert not os.path.exists(f"{out}.lock") and not os.path.exists(f"{out}.lock.takeover")
