"""Batch runs: inputs to a JSONL file of records and a JSONL file of error rows.

Every input ends as a record or an error row, and the summary counts both. Inputs are streamed (a
folder is walked lazily, a JSONL file read line by line) and handed to worker processes; output keeps
input order whatever the number of workers.

Output files are written as ``OUT.part`` and renamed to ``OUT`` when the run is complete, so ``OUT``
is never half-written. With ``resume=True`` a rerun with the same arguments continues an interrupted
run: the ``.part`` file (or a finished ``OUT``) is read back, a torn last line (kill -9, power loss) is
cut off, and documents already written — same doc id and same sha256 of the raw input — are skipped,
so none is lost or written twice.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from .batch import DEFAULT_DOC_TIMEOUT, InProcess, Task, WorkerPool, default_workers
from .errors import InputError, UsageError
from .inputs import JSONL_SUFFIXES, InputDoc, JsonlFields, check_inputs, doc_from_bytes, expand, read_jsonl_lines

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


def errors_path_for(output: str) -> str:
    base = output[:-6] if output.endswith(".jsonl") else output
    return f"{base}.errors.jsonl"


class PartFile:
    """Append-only JSONL written as PATH.part and renamed to PATH by ``commit``."""

    def __init__(self, path: str, resume: bool) -> None:
        self.path, self.part = path, f"{path}.part"
        self.done: dict[str, set[str]] = {}
        if resume:
            if not os.path.exists(self.part) and os.path.exists(path):
                os.replace(path, self.part)
            if os.path.exists(self.part):
                recover_tail(self.part)
                self.done = read_keys(self.part)
        self.fh: IO[str] = open(self.part, "a" if resume else "w", encoding="utf-8")

    def write(self, row: dict[str, Any]) -> None:
        self.fh.write(json.dumps(row, ensure_ascii=False) + "\n")

    def flush(self) -> None:
        self.fh.flush()

    def commit(self) -> None:
        self.fh.close()
        os.replace(self.part, self.path)

    def close(self) -> None:
        if not self.fh.closed:
            self.fh.close()


class StdoutFile:
    done: dict[str, set[str]] = {}

    def write(self, row: dict[str, Any]) -> None:
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")

    def flush(self) -> None:
        sys.stdout.flush()

    commit = flush

    def close(self) -> None:
        self.flush()


def recover_tail(path: str) -> int:
    """Cut a torn last line off a JSONL file; returns the bytes removed."""
    size = os.path.getsize(path)
    if size == 0:
        return 0
    with open(path, "rb+") as fh:
        pos = size
        while pos > 0:
            step = min(65536, pos)
            fh.seek(pos - step)
            chunk = fh.read(step)
            nl = chunk.rfind(b"\n")
            if nl >= 0:
                keep = pos - step + nl + 1
                break
            pos -= step
        else:
            keep = 0
        if keep < size:
            fh.truncate(keep)
            log.warning("%s: cut %d bytes of a torn last line left by an interrupted run", path, size - keep)
    return size - keep


def read_keys(path: str) -> dict[str, set[str]]:
    """doc_id -> sha256s of the records or error rows in a JSONL output."""
    keys: dict[str, set[str]] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            sha = (row.get("source") or {}).get("sha256") if "source" in row and isinstance(row.get("source"), dict) \
                else row.get("sha256")
            keys.setdefault(str(row.get("doc_id")), set()).add(sha or "")
    return keys


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
    for path in (output, errors_output):
        if not path or path == "-":
            continue
        if not resume and not force:
            for existing in (path, f"{path}.part"):
                if os.path.exists(existing):
                    hint = ("an interrupted run left it: use --resume to finish that run, or --force to start over"
                            if existing.endswith(".part") else "use --force to overwrite it, or --resume to continue")
                    raise UsageError(f"{existing} exists; {hint}")
        if os.path.dirname(path):
            os.makedirs(os.path.dirname(path), exist_ok=True)
    workers = default_workers() if workers is None else workers
    check_inputs(inputs)  # fail fast on a missing input, before any output is opened
    out = StdoutFile() if output == "-" else PartFile(output, resume)
    err = PartFile(errors_output, resume) if errors_output else None
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
                    out.write(result.record)
                bar.update(summary.documents - bar.n)
        summary.timings = dict(pool.timings)
    finally:
        bar.close()
        out.flush()
        if err:
            err.flush()
    out.commit()
    if err:
        err.commit()
    if tables:
        from .tables import iter_jsonl, write_parquet

        error_rows = iter_jsonl(errors_output) if errors_output and errors_output != "-" else iter(())
        write_parquet(iter_jsonl(output), error_rows, tables, overwrite=True)
    summary.seconds = time.perf_counter() - t0
    return summary


class StdoutErr:
    """Error rows to stderr when records go to stdout and no errors file was named."""

    def write(self, row: dict[str, Any]) -> None:
        sys.stderr.write(json.dumps(row, ensure_ascii=False) + "\n")
