"""Batch runs: inputs to a JSONL file of records and a JSONL file of error rows.

Every input ends as a record or an error row, and the summary counts both. Output is written to a
temporary file beside the target and renamed at the end, so a target is never left half-written.
"""
from __future__ import annotations

import json
import logging
import os
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from .errors import InputError, UsageError
from .inputs import InputDoc, JsonlFields, iter_documents

log = logging.getLogger(__name__)


@dataclass
class Summary:
    documents: int = 0
    records: int = 0
    errors: int = 0
    seconds: float = 0.0
    errors_by_stage: dict[str, int] = field(default_factory=dict)

    @property
    def per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    def line(self) -> str:
        stages = ", ".join(f"{k}: {v}" for k, v in sorted(self.errors_by_stage.items()))
        return (f"{self.documents} documents, {self.records} records, {self.errors} errors"
                f"{f' ({stages})' if stages else ''}, {self.seconds:.1f} s, {self.per_second:.1f} documents/s")

    @property
    def exit_code(self) -> int:
        if self.errors == 0:
            return 0
        return 3 if self.records == 0 else 1


class AtomicWriter:
    """A text file written under a temporary name and renamed into place on success."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.tmp = f"{path}.part"
        self.fh: IO[str] = open(self.tmp, "w", encoding="utf-8")

    def write_row(self, row: dict[str, Any]) -> None:
        self.fh.write(json.dumps(row, ensure_ascii=False))
        self.fh.write("\n")

    def commit(self) -> None:
        self.fh.close()
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        self.fh.close()
        if os.path.exists(self.tmp):
            os.remove(self.tmp)


class StreamWriter:
    def __init__(self, fh: IO[str]) -> None:
        self.fh = fh

    def write_row(self, row: dict[str, Any]) -> None:
        self.fh.write(json.dumps(row, ensure_ascii=False) + "\n")

    def commit(self) -> None:
        self.fh.flush()

    def abort(self) -> None:
        self.fh.flush()


def errors_path_for(output: str) -> str:
    base = output[:-6] if output.endswith(".jsonl") else output
    return f"{base}.errors.jsonl"


def unique_ids(items: Iterable[InputDoc | InputError]) -> Iterator[InputDoc | InputError]:
    """Document ids must be unique in a run: a repeated id gets '#2', '#3' ... and a warning."""
    seen: dict[str, int] = {}
    for item in items:
        if isinstance(item, InputDoc):
            n = seen.get(item.doc_id, 0) + 1
            seen[item.doc_id] = n
            if n > 1:
                new = f"{item.doc_id}#{n}"
                item.warnings.append(f"doc_id {item.doc_id!r} was already used in this run; renamed {new!r}")
                item.doc_id = new
        yield item


def run(inputs: list[str], output: str, errors_output: str | None = None, force: bool = False,
        fields: JsonlFields = JsonlFields(), stdin_format: str = "txt", pipeline: Any = None) -> Summary:
    """Extract every input into ``output`` (a .jsonl path, or '-' for stdout)."""
    from .pipeline import ErrorRow, load

    if not inputs:
        raise UsageError("no input given")
    errors_output = errors_output or (errors_path_for(output) if output != "-" else None)
    for path in (output, errors_output):
        if path and path != "-" and os.path.exists(path) and not force:
            raise UsageError(f"{path} exists; use --force to overwrite it")
    for path in (output, errors_output):
        if path and path != "-" and os.path.dirname(path):
            os.makedirs(os.path.dirname(path), exist_ok=True)
    nlp = pipeline or load()
    out = StreamWriter(sys.stdout) if output == "-" else AtomicWriter(output)
    err = (StreamWriter(sys.stderr) if errors_output is None else AtomicWriter(errors_output))
    summary = Summary()
    t0 = time.perf_counter()
    try:
        docs = unique_ids(iter_documents(inputs, fields, stdin_format))
        for result in nlp.pipe(docs, errors="yield"):
            summary.documents += 1
            if isinstance(result, ErrorRow):
                summary.errors += 1
                summary.errors_by_stage[result.stage] = summary.errors_by_stage.get(result.stage, 0) + 1
                err.write_row(result.as_dict())
                log.warning("%s: %s failed at %s: %s", result.source or result.doc_id, result.doc_id,
                            result.stage, result.message)
            else:
                summary.records += 1
                out.write_row(result.as_dict())
            if summary.documents % 1000 == 0:
                log.info("%d documents done", summary.documents)
    except BaseException:
        out.abort()
        err.abort()
        raise
    out.commit()
    err.commit()
    summary.seconds = time.perf_counter() - t0
    return summary
