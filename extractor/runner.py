"""Batch runs: inputs to a JSONL file of records and a JSONL file of error rows.

Every input ends as a record or an error row, and the summary counts both. Inputs are streamed (a
folder is walked lazily, a JSONL file read line by line) and handed to worker processes; output keeps
input order whatever the number of workers.

Output files are written as ``OUT.part`` and renamed to ``OUT`` when the run is complete, so ``OUT``
is never half-written. With ``resume=True`` a rerun with the same arguments continues an interrupted
run: the ``.part`` file (or a finished ``OUT``) is read back, a torn last line (kill -9, power loss) is
cut off, and documents already written — same doc id and same sha256 of the raw input — are skipped,
so none is lost or written twice.

One writer per output: the run holds ``OUT.lock`` (``extractor.lock``) from before it reads anything
until it ends, and a second run on a live output raises ``OutputLocked``. Rows go out in fsynced
batches and an output the file system refuses raises ``OutputError`` with the ``.part`` ending in a
whole record (``extractor.outputs``).
"""
from __future__ import annotations

import hashlib
import logging
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .batch import DEFAULT_DOC_TIMEOUT, InProcess, Task, WorkerPool, default_workers
from .errors import InputError, OutputError, UsageError
from .inputs import JSONL_SUFFIXES, InputDoc, JsonlFields, check_inputs, doc_from_bytes, expand, read_jsonl_lines
from .lock import OutputLock
from .outputs import Flusher, PartFile, StdoutErr, StdoutFile, errors_path_for, recover_tail

__all__ = ["Summary", "run", "errors_path_for", "recover_tail", "iter_tasks", "count_inputs"]

log = logging.getLogger(__name__)


@dataclass
class Summary:
    documents: int = 0
    records: int = 0
    errors: int = 0
    skipped: int = 0
    seconds: float = 0.0
    errors_by_stage: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    peaks: list[float] = field(default_factory=list)  # peak memory (MB) of each worker slot, when known

    @property
    def per_second(self) -> float:
        return (self.documents - self.skipped) / self.seconds if self.seconds else 0.0

    def line(self) -> str:
        stages = ", ".join(f"{k}: {v}" for k, v in sorted(self.errors_by_stage.items()))
        skipped = f", {self.skipped} already done (resumed)" if self.skipped else ""
        return (f"{self.documents} documents, {self.records} records, {self.errors} errors"
                f"{f' ({stages})' if stages else ''}{skipped}, {self.seconds:.1f} s, "
                f"{self.per_second:.1f} documents/s")

    @property
    def exit_code(self) -> int:
        if self.errors == 0:
            return 0
        return 3 if self.records == 0 else 1


def iter_tasks(inputs: list[str], fields: JsonlFields, stdin_format: str) -> Iterator[Task]:
    """Inputs as tasks, in input order; doc ids made unique ('#2', '#3' ... with a warning)."""
    seen: dict[str, int] = {}
    seq = 0

    def unique(doc_id: str) -> tuple[str, str | None]:
        n = seen.get(doc_id, 0) + 1
        seen[doc_id] = n
        return (doc_id, None) if n == 1 else (f"{doc_id}#{n}", f"doc_id {doc_id!r} was already used in this run; renamed {doc_id}#{n!r}")

    for path in expand(inputs):
        if path == "-" or path.lower().endswith(JSONL_SUFFIXES):
            items: Iterator[InputDoc | InputError]
            if path == "-":
                if stdin_format == "jsonl":  # streamed line by line: stdin may carry gigabytes
                    items = read_jsonl_lines(sys.stdin.buffer, "<stdin>", fields)
                else:
                    items = iter(_stdin_doc(sys.stdin.buffer.read(), stdin_format))
            else:
                items = _jsonl(path, fields)
            for item in items:
                seq += 1
                if isinstance(item, InputError):
                    yield Task(seq, error=item, doc_id=item.doc_id)
                    continue
                item.doc_id, warning = unique(item.doc_id)
                if warning:
                    item.warnings.append(warning)
                yield Task(seq, doc=item, doc_id=item.doc_id, sha256=item.sha256)
        else:
            seq += 1
            doc_id, warning = unique(os.path.splitext(os.path.basename(path))[0])
            if warning:
                log.warning("%s: %s", path, warning)
            yield Task(seq, path=path, doc_id=doc_id)


def _stdin_doc(data: bytes, fmt: str) -> list[InputDoc | InputError]:
    try:
        return [doc_from_bytes(data, "stdin", "<stdin>", fmt)]
    except InputError as exc:
        return [exc]


def _jsonl(path: str, fields: JsonlFields) -> Iterator[InputDoc | InputError]:
    try:
        with open(path, "rb") as fh:
            yield from read_jsonl_lines(fh, path, fields)
    except OSError as exc:
        yield InputError(path, f"cannot be read: {exc.strerror or exc}")


def _file_sha(path: str) -> str:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return ""
    return h.hexdigest()


def skip_done(tasks: Iterator[Task], done: dict[str, set[str]], summary: Summary) -> Iterator[Task]:
    for task in tasks:
        shas = done.get(str(task.doc_id))
        if shas is not None:
            sha = task.sha256 if task.sha256 is not None else (_file_sha(task.path) if task.path else "")
            if (sha or "") in shas:
                summary.skipped += 1
                summary.documents += 1
                continue
            log.warning("%s: content changed since the interrupted run (new sha256); extracting it again", task.label)
        yield task


def count_inputs(inputs: list[str]) -> int | None:
    """How many documents the inputs hold (for the progress bar's ETA); None when unknown."""
    total = 0
    for path in expand(inputs):
        if path == "-":
            return None
        if path.lower().endswith(JSONL_SUFFIXES):
            with open(path, "rb") as fh:
                total += sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
        else:
            total += 1
    return total


def _progress(inputs: list[str], show: bool | None) -> Any:
    from tqdm import tqdm

    enabled = sys.stderr.isatty() if show is None else show
    total = count_inputs(inputs) if enabled else None
    return tqdm(total=total, disable=not enabled, unit="doc", file=sys.stderr, dynamic_ncols=True, smoothing=0.1)


def run(inputs: list[str], output: str, errors_output: str | None = None, force: bool = False,
        fields: JsonlFields = JsonlFields(), stdin_format: str = "txt", workers: int | None = None,
        resume: bool = False, doc_timeout: float | None = DEFAULT_DOC_TIMEOUT,
        progress: bool | None = None, dask: str | None = None, tables: str | None = None) -> Summary:
    """Extract every input into ``output`` (a .jsonl path, or '-' for stdout).

    ``dask`` is a scheduler address ("tcp://host:8786") or "local" to run on a Dask cluster
    (see ``extractor.distributed``). ``tables``, a folder path: when the run is complete, the records
    and error rows are also written there as Parquet tables (``extractor.tables``), streamed from the
    finished JSONL files, so a resumed run gives the same tables.
    """
    if not inputs:
        raise UsageError("no input given")
    if resume and output == "-":
        raise UsageError("--resume needs an output file, not stdout")
    errors_output = errors_output or (errors_path_for(output) if output != "-" else None)
    files = [p for p in (output, errors_output) if p and p != "-"]
    for path in files:
        if os.path.isdir(path):
            raise OutputError(path, IsADirectoryError(21, os.strerror(21)), "name a file, not a folder")
    for path in files + ([tables] if tables else []):
        folder = os.path.dirname(os.path.abspath(path))
        try:
            os.makedirs(folder, exist_ok=True)
        except OSError as exc:
            raise OutputError(path, exc, f"its folder {folder} cannot be made") from None
    locks: list[OutputLock] = []
    try:
        for path in files + ([tables.rstrip("/" + os.sep)] if tables else []):
            locks.append(OutputLock(path).acquire())  # one writer per output: before anything is read
        for path in files:
            if not resume and not force:
                for existing in (path, f"{path}.part"):
                    if os.path.exists(existing):
                        hint = ("an interrupted run left it: use --resume to finish that run, or --force to "
                                "start over" if existing.endswith(".part") else
                                "use --force to overwrite it, or --resume to continue")
                        raise UsageError(f"{existing} exists; {hint}")
        check_inputs(inputs)  # fail fast on a missing input, before any output is opened
        return _run(inputs, output, errors_output, fields, stdin_format, workers, resume, doc_timeout,
                    progress, dask, tables)
    finally:
        for lock in reversed(locks):
            lock.release()


def _run(inputs: list[str], output: str, errors_output: str | None, fields: JsonlFields, stdin_format: str,
         workers: int | None, resume: bool, doc_timeout: float | None, progress: bool | None,
         dask: str | None, tables: str | None) -> Summary:
    workers = default_workers() if workers is None else workers
    out = StdoutFile() if output == "-" else PartFile(output, resume)
    try:
        err = PartFile(errors_output, resume) if errors_output else None
    except OutputError:
        out.close()
        raise
    done: dict[str, set[str]] = {}
    for f in (out, err):
        for k, v in (f.done if f else {}).items():
            done.setdefault(k, set()).update(v)
    summary = Summary()
    bar = _progress(inputs, progress)
    t0 = time.perf_counter()
    if dask:
        from .distributed import DaskPool

        pool: Any = DaskPool(dask, workers)
    else:
        pool = WorkerPool(workers, doc_timeout) if workers > 0 else InProcess(doc_timeout)
    err_writer = err or StdoutErr()
    flusher = Flusher(out, err_writer)
    try:
        with pool:
            tasks = skip_done(iter_tasks(inputs, fields, stdin_format), done, summary)
            for result in pool.imap(tasks):
                summary.documents += 1
                if result.error is not None:
                    summary.errors += 1
                    stage = result.error["stage"]
                    summary.errors_by_stage[stage] = summary.errors_by_stage.get(stage, 0) + 1
                    err_writer.write(result.error)
                    log.warning("%s failed at %s: %s", result.error["doc_id"] or result.error["source"],
                                stage, result.error["message"])
                else:
                    summary.records += 1
                    out.write_line(result.line)
                flusher.tick()
                bar.update(summary.documents - bar.n)
        summary.timings = dict(pool.timings)
        summary.peaks = list(getattr(pool, "peaks", []))
        flusher.flush()
        out.commit()
        if err:
            err.commit()
    except BaseException:
        bar.close()
        try:
            flusher.flush()  # the whole records extracted so far are kept for --resume
        except OutputError:
            pass
        raise
    finally:
        out.close()
        if err:
            err.close()
    bar.close()
    if tables:
        from .tables import iter_jsonl, write_parquet

        error_rows = iter_jsonl(errors_output) if errors_output and errors_output != "-" else iter(())
        try:
            write_parquet(iter_jsonl(output), error_rows, tables, overwrite=True)
        except OSError as exc:
            raise OutputError(tables, exc) from None
    summary.seconds = time.perf_counter() - t0
    return summary
