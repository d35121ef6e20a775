"""Parallel extraction: worker processes, input order kept, a hard time limit per document.

Each worker process builds the pipeline once and takes one task at a time over a pipe. The parent
hands out tasks, collects results and yields them in input order. A document that runs past
``doc_timeout`` gets its worker killed and replaced, and becomes an error row (stage ``timeout``); a
worker that dies (a crash, the out-of-memory killer) costs only its current document (stage
``worker``). Memory stays flat: at most ``max_ahead`` results wait for an earlier, slower document,
and a worker retires after ``max_tasks`` documents, replaced by a fresh fork of the parent's warm
pipeline (the vocabulary and caches a worker grows over a long batch are dropped, at no cost per
document; spaCy's per-document memory zones cost about a fifth of the speed here).

``workers=0`` runs in this process (no isolation; the time limit then relies on SIGALRM, which
cannot interrupt a single long C call).
"""
from __future__ import annotations

import json
import multiprocessing as mp
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from .errors import InputError, StageError
from .inputs import InputDoc, read_file
from .record import error_row, json_line

DEFAULT_DOC_TIMEOUT = 60.0
DEFAULT_MAX_TASKS = 1000  # documents a worker extracts before it is replaced by a fresh one


@dataclass
class Task:
    """One unit of work: a file the worker reads, a document already read, or an input that failed."""

    seq: int
    path: str | None = None
    doc: InputDoc | None = None
    error: InputError | None = None
    doc_id: str | None = None
    sha256: str | None = None

    @property
    def label(self) -> str:
        return self.doc_id or (self.doc.doc_id if self.doc else None) or self.path or f"#{self.seq}"


@dataclass
class Result:
    """What became of one task: the record as its JSONL line (``line``, serialised in the worker, so
    the parent neither unpickles nor re-encodes a nested dict), or an error row."""

    seq: int
    line: bytes | None = None
    error: dict[str, Any] | None = None
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def record(self) -> dict[str, Any] | None:
        """The record as a dict (decoded from ``line``)."""
        return json.loads(self.line) if self.line is not None else None


def run_task(nlp: Any, task: Task) -> Result:
    """Read (if needed) and extract one document; every failure becomes an error dict."""
    if task.error is not None:
        e = task.error
        return Result(task.seq, error=error_row(e.doc_id, e.source, "input", type(e).__name__, e.message,
                                                 task.sha256))
    try:
        item = task.doc if task.doc is not None else read_file(task.path, task.doc_id)
    except InputError as e:
        return Result(task.seq, error=error_row(e.doc_id, e.source, "input", type(e).__name__, e.message))
    before = dict(nlp.timings)
    try:
        line = json_line(nlp.process(item).as_dict())
    except StageError as e:
        return Result(task.seq, error=error_row(item.doc_id, item.source, e.stage, type(e.cause).__name__,
                                                 str(e.cause), item.sha256))
    finally:
        timings = {k: v - before.get(k, 0.0) for k, v in nlp.timings.items()}
    return Result(task.seq, line=line, timings=timings)


def _worker_main(conn: Connection) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    from .pipeline import load

    nlp = load()
    conn.send("ready")
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        conn.send(run_task(nlp, task))


class _Worker:
    def __init__(self, ctx: Any) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child,), daemon=True)
        self.proc.start()
        child.close()
        self.task: Task | None = None
        self.started = 0.0
        self.ready = False
        self.done = 0

    def send(self, task: Task) -> None:
        self.task, self.started = task, time.monotonic()
        self.conn.send(task)

    def retire(self) -> float | None:
        """Ask the idle worker to stop; its peak memory in MB (Linux), read before it goes."""
        peak = peak_mb(self.proc.pid)
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass
        self.proc.join(5)
        self.kill()
        return peak

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()


def _context() -> Any:
    methods = mp.get_all_start_methods()
    return mp.get_context("fork" if "fork" in methods else "spawn")


class WorkerPool:
    """``imap(tasks)`` yields one Result per task, in task order."""

    def __init__(self, workers: int, doc_timeout: float | None = DEFAULT_DOC_TIMEOUT, max_ahead: int = 512,
                 max_tasks: int | None = DEFAULT_MAX_TASKS) -> None:
        self.n = max(1, workers)
        self.doc_timeout = doc_timeout
        self.max_ahead = max(max_ahead, self.n * 2)
        self.max_tasks = max_tasks
        self.ctx = _context()
        self.workers: list[_Worker] = []
        self.timings: dict[str, float] = {}
        self.restarts = 0
        self.retired = 0
        self.peaks: list[float] = []  # peak memory (MB) of each worker slot over its retired workers

    def __enter__(self) -> WorkerPool:
        if self.ctx.get_start_method() == "fork":
            warm_up()  # forked workers inherit the loaded pipeline: no load per worker, shared pages
        self.workers = [_Worker(self.ctx) for _ in range(self.n)]
        return self

    def __exit__(self, *exc: Any) -> None:
        for w in self.workers:
            self._note_peak(w, peak_mb(w.proc.pid))
            try:
                if w.proc.is_alive() and w.task is None:
                    w.conn.send(None)
            except (OSError, ValueError):
                pass
        for w in self.workers:
            w.proc.join(2)
            w.kill()

    def _note_peak(self, w: _Worker, peak: float | None) -> None:
        if peak is None:
            return
        slot = self.workers.index(w)
        self.peaks += [0.0] * (slot + 1 - len(self.peaks))
        self.peaks[slot] = max(self.peaks[slot], peak)

    def _recycle(self, w: _Worker) -> None:
        """Replace an idle worker that has done ``max_tasks`` documents with a fresh fork."""
        self._note_peak(w, w.retire())
        self.retired += 1
        self.workers[self.workers.index(w)] = _Worker(self.ctx)

    def _replace(self, w: _Worker) -> _Worker:
        self._note_peak(w, peak_mb(w.proc.pid))
        w.kill()
        self.restarts += 1
        new = _Worker(self.ctx)
        self.workers[self.workers.index(w)] = new
        return new

    def _fail(self, w: _Worker, stage: str, message: str) -> Result:
        t = w.task
        assert t is not None
        source = t.path or (t.doc.source if t.doc else None)
        return Result(t.seq, error=error_row(t.label, source, stage, "TimeoutError" if stage == "timeout"
                                              else "WorkerDied", message, t.sha256))

    def imap(self, tasks: Iterable[Task]) -> Iterator[Result]:
        pending = iter(tasks)
        done: dict[int, Result] = {}
        next_out, exhausted, in_flight = None, False, 0
        order: deque[int] = deque()  # seqs handed out, in order, not yet yielded
        while True:
            for w in self.workers:
                if w.task is None and w.ready and not exhausted and (not order or order[-1] - order[0] < self.max_ahead):
                    task = next(pending, None)
                    while task is not None and task.error is not None:  # nothing to extract: no worker needed
                        order.append(task.seq)
                        done[task.seq] = run_task(None, task)
                        task = next(pending, None)
                    if task is None:
                        exhausted = True
                        break
                    order.append(task.seq)
                    w.send(task)
                    in_flight += 1
            while order and order[0] in done:
                seq = order.popleft()
                yield done.pop(seq)
            if exhausted and in_flight == 0 and not order:
                return
            conns = [w.conn for w in self.workers]
            for conn in wait(conns, timeout=0.2):
                w = next(x for x in self.workers if x.conn is conn)
                try:
                    msg = conn.recv()
                except (EOFError, OSError):
                    if not w.ready:
                        raise RuntimeError(f"a worker process failed to start (exit code {w.proc.exitcode}); "
                                           "run with --workers 0 to see the error")
                    if w.task is not None:
                        code = w.proc.exitcode
                        done[w.task.seq] = self._fail(w, "worker", f"worker process died (exit code {code}) "
                                                                    "while extracting this document")
                        in_flight -= 1
                    self._replace(w)
                    continue
                if msg == "ready":
                    w.ready = True
                    continue
                for k, v in msg.timings.items():
                    self.timings[k] = self.timings.get(k, 0.0) + v
                done[msg.seq] = msg
                w.task = None
                w.done += 1
                in_flight -= 1
                if self.max_tasks and w.done >= self.max_tasks:
                    self._recycle(w)
            if self.doc_timeout:
                now = time.monotonic()
                for w in list(self.workers):
                    if w.task is not None and now - w.started > self.doc_timeout:
                        done[w.task.seq] = self._fail(w, "timeout", f"extraction took longer than "
                                                      f"{self.doc_timeout:g} s (--doc-timeout); worker stopped")
                        in_flight -= 1
                        self._replace(w)


class InProcess:
    """The same interface without subprocesses (``workers=0``)."""

    def __init__(self, doc_timeout: float | None = None) -> None:
        from .pipeline import load

        self.nlp = load()
        self.doc_timeout = doc_timeout
        self.timings: dict[str, float] = {}
        self.restarts = 0

    def __enter__(self) -> InProcess:
        return self

    def __exit__(self, *exc: Any) -> None:
        pass

    def imap(self, tasks: Iterable[Task]) -> Iterator[Result]:
        use_alarm = bool(self.doc_timeout) and threading.current_thread() is threading.main_thread() \
            and hasattr(signal, "setitimer")
        for task in tasks:
            if use_alarm:
                old = signal.signal(signal.SIGALRM, _alarm)
                signal.setitimer(signal.ITIMER_REAL, self.doc_timeout)
            try:
                result = run_task(self.nlp, task)
            except _Timeout:
                source = task.path or (task.doc.source if task.doc else None)
                result = Result(task.seq, error=error_row(task.label, source, "timeout", "TimeoutError",
                                                           f"extraction took longer than {self.doc_timeout:g} s"))
            finally:
                if use_alarm:
                    signal.setitimer(signal.ITIMER_REAL, 0)
                    signal.signal(signal.SIGALRM, old)
            for k, v in result.timings.items():
                self.timings[k] = self.timings.get(k, 0.0) + v
            yield result


class _Timeout(BaseException):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise _Timeout()


def peak_mb(pid: int) -> float | None:
    """Peak resident memory of a process in MB (VmHWM; Linux only, else None)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def warm_up() -> None:
    """Load the pipeline and its lazily built indexes (gazetteers, lexicons) in this process."""
    from .pipeline import load

    load().extract("Bupati Bintan membuka pelatihan di Kecamatan Gunung Kijang, Rabu (6/7/2022).", "warm-up")


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)
