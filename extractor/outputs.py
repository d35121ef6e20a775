"""Output files that are never half-written and survive a crash, a full disk and power loss.

``PartFile`` appends JSONL rows to ``OUT.part`` and renames it to ``OUT`` when the run is complete.
Rows are buffered and written in batches (``flush``); each batch is written whole and fsynced, so the
``.part`` file always ends with a complete record. When the file system refuses a batch (full disk,
quota, read-only, an I/O error) the file is cut back to the end of the last whole batch and an
``OutputError`` names the file and the OS error. ``commit`` fsyncs the file before the rename and the
folder after it, so a committed output survives power loss; what a crash or a power loss can cost is
the batch not yet fsynced, which ``--resume`` redoes.

``recover(part)`` reads a ``.part`` file back for ``--resume``: it keeps the lines up to the first one
that is not a whole JSON object (a torn line after kill -9, zeros or garbage after a power loss), cuts
the rest off, and returns the keys (doc id -> sha256s) of the rows kept.

``write_aside(path)`` and ``write_files_aside([(path, write), ...])`` give the same care to whole-file
outputs (``extractor officials``, HTML reports): written as ``PATH.part``, fsynced, renamed (files
that belong together only once all are written), the folder fsynced; a failure removes the ``.part``
files and leaves any previous ``PATH`` as it was.
"""
from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from .errors import OutputError
from .record import json_line

log = logging.getLogger(__name__)

FLUSH_ROWS = 200  # rows buffered before a batch is written and fsynced
FLUSH_SECONDS = 1.0  # ... or seconds since the last batch, whichever comes first


def errors_path_for(output: str) -> str:
    base = output[:-6] if output.endswith(".jsonl") else output
    return f"{base}.errors.jsonl"


def fsync_dir(path: str | os.PathLike[str]) -> None:
    """fsync a folder so that a file created or renamed in it survives power loss (POSIX only)."""
    if os.name != "posix":  # pragma: no cover - Windows has no directory fsync
        return
    fd = os.open(os.fspath(path) or ".", os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    except OSError as exc:  # some network and FUSE file systems refuse fsync on a folder
        if exc.errno not in (22, 95):  # EINVAL, EOPNOTSUPP
            raise
    finally:
        os.close(fd)


def parent(path: str | os.PathLike[str]) -> str:
    return os.path.dirname(os.path.abspath(path))


def _sync(fd: int) -> None:
    (getattr(os, "fdatasync", None) or os.fsync)(fd)


class PartFile:
    """Append-only JSONL written as PATH.part in fsynced batches and renamed to PATH by ``commit``."""

    def __init__(self, path: str, resume: bool) -> None:
        self.path, self.part = path, f"{path}.part"
        self.done: dict[str, set[str]] = {}
        self._buf: list[bytes] = []
        self.fd = -1
        self.failed = False  # a batch was refused: write nothing more (the file ends whole)
        try:
            if resume:
                if not os.path.exists(self.part) and os.path.isfile(path):
                    os.replace(path, self.part)
                if os.path.exists(self.part):
                    self.done = recover(self.part)
            flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | (0 if resume else os.O_TRUNC)
            self.fd = os.open(self.part, flags | getattr(os, "O_CLOEXEC", 0), 0o644)
            self.size = os.fstat(self.fd).st_size  # the end of the last whole batch
            fsync_dir(parent(self.part))  # the new name survives power loss
        except OSError as exc:
            self.close()
            raise OutputError(self.part, exc, "fix it and run the same command with --resume") from None

    @property
    def pending(self) -> int:
        return len(self._buf)

    def write(self, row: dict[str, Any]) -> None:
        self._buf.append(json_line(row))

    def write_line(self, line: bytes) -> None:
        """A row already serialised by ``record.json_line``."""
        self._buf.append(line)

    def flush(self) -> None:
        """Write the buffered rows as one batch and fsync it; on failure cut the file back to the last
        whole batch and raise ``OutputError``."""
        if not self._buf or self.fd < 0 or self.failed:
            return
        data = b"".join(self._buf)
        try:
            view = memoryview(data)
            while view:
                n = os.write(self.fd, view)
                if n <= 0:  # pragma: no cover - write(2) reports a full disk as an error, not 0
                    raise OSError(28, os.strerror(28))
                view = view[n:]
            _sync(self.fd)
        except OSError as exc:
            self.failed = True
            with contextlib.suppress(OSError):
                os.ftruncate(self.fd, self.size)
                _sync(self.fd)
            raise OutputError(self.part, exc, "the records before it are kept: fix it and run the same "
                                              "command with --resume") from None
        self.size += len(data)
        self._buf.clear()

    def commit(self) -> None:
        """Flush, fsync, rename PATH.part to PATH and fsync the folder."""
        if self.failed:
            raise OutputError(self.part, OSError("an earlier batch could not be written"))
        self.flush()
        try:
            os.fsync(self.fd)
            os.close(self.fd)
            self.fd = -1
        except OSError as exc:
            raise OutputError(self.part, exc, "fix it and run the same command with --resume") from None
        try:
            if os.path.isdir(self.path):
                raise IsADirectoryError(21, os.strerror(21))
            os.replace(self.part, self.path)
            fsync_dir(parent(self.path))
        except OSError as exc:
            raise OutputError(self.path, exc, f"the finished records are in {self.part}: fix it and run "
                                              "the same command with --resume") from None

    def close(self) -> None:
        if self.fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = -1


class StdoutFile:
    done: dict[str, set[str]] = {}
    pending = 0

    def write(self, row: dict[str, Any]) -> None:
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")

    def write_line(self, line: bytes) -> None:
        sys.stdout.write(line.decode("utf-8"))

    def flush(self) -> None:
        sys.stdout.flush()

    commit = flush

    def close(self) -> None:
        self.flush()


class StdoutErr(StdoutFile):
    """Error rows to stderr when records go to stdout and no errors file was named."""

    def write(self, row: dict[str, Any]) -> None:
        sys.stderr.write(json.dumps(row, ensure_ascii=False) + "\n")

    def flush(self) -> None:
        sys.stderr.flush()

    commit = flush


class Flusher:
    """Writes the open files' batches together, every ``rows`` rows or ``seconds`` seconds."""

    def __init__(self, *files: Any, rows: int | None = None, seconds: float | None = None) -> None:
        self.files = [f for f in files if f is not None]
        self.rows = FLUSH_ROWS if rows is None else rows
        self.seconds = FLUSH_SECONDS if seconds is None else seconds
        self.last = time.monotonic()

    def tick(self) -> None:
        if sum(f.pending for f in self.files) >= self.rows or time.monotonic() - self.last >= self.seconds:
            self.flush()

    def flush(self) -> None:
        for f in self.files:
            f.flush()
        self.last = time.monotonic()


def _row_key(row: dict[str, Any]) -> tuple[str, str]:
    source = row.get("source")
    sha = source.get("sha256") if isinstance(source, dict) else row.get("sha256")
    return str(row.get("doc_id")), sha or ""


def recover(path: str) -> dict[str, set[str]]:
    """Keep the whole JSON lines of a ``.part`` file up to the first bad one, cut the rest; their keys."""
    keys: dict[str, set[str]] = {}
    good = 0
    with open(path, "rb") as fh:
        for line in fh:
            if not line.endswith(b"\n"):
                break
            try:
                row = json.loads(line)
            except ValueError:
                break
            if not isinstance(row, dict):
                break
            doc_id, sha = _row_key(row)
            keys.setdefault(doc_id, set()).add(sha)
            good += len(line)
    size = os.path.getsize(path)
    if good < size:
        with open(path, "rb+") as fh:
            fh.truncate(good)
            fh.flush()
            os.fsync(fh.fileno())
        log.warning("%s: cut %d bytes after the last whole record (left by an interrupted run)", path, size - good)
    return keys


def recover_tail(path: str) -> int:
    """Cut a torn or damaged end off a JSONL file; returns the bytes removed."""
    size = os.path.getsize(path)
    recover(path)
    return size - os.path.getsize(path)


@contextlib.contextmanager
def write_aside(path: str | os.PathLike[str], mode: str = "w") -> Iterator[IO[Any]]:
    """Open ``PATH.part`` for writing; on a clean exit fsync it, rename it to ``PATH`` and fsync the
    folder. On any failure the ``.part`` is removed and ``PATH`` is left as it was; OS errors become
    ``OutputError`` naming the file."""
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    try:
        if path.is_dir():
            raise IsADirectoryError(21, os.strerror(21))
        fh = open(tmp, mode, **({} if "b" in mode else {"encoding": "utf-8", "newline": ""}))
    except OSError as exc:
        raise OutputError(str(path if isinstance(exc, IsADirectoryError) else tmp), exc) from None
    try:
        with fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        fsync_dir(parent(path))
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(str(tmp), exc) from None
        raise


def write_file_aside(path: str | os.PathLike[str], write: Callable[[str], Any]) -> None:
    """``write(tmp)`` one whole file as ``PATH.part`` (see ``write_files_aside``)."""
    write_files_aside([(path, write)])


def write_files_aside(items: list[tuple[str | os.PathLike[str], Callable[[str], Any]]]) -> None:
    """``write(tmp)`` each file as ``PATH.part`` (with another library: pandas, pyarrow, or by hand),
    fsync them all, then rename each to its ``PATH`` and fsync the folders: files that belong together
    (a register and its flags) appear together. On any failure every ``.part`` is removed and the
    ``PATH`` files are left as they were; OS errors become ``OutputError`` naming the file."""
    done: list[tuple[str, str]] = []
    path = ""
    try:
        for target, write in items:
            path = os.fspath(target)
            tmp = f"{path}.part"
            if os.path.isdir(path):
                raise IsADirectoryError(21, os.strerror(21))
            done.append((tmp, path))
            write(tmp)
            fd = os.open(tmp, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        for tmp, path in done:
            os.replace(tmp, path)
        for folder in {parent(p) for _, p in done}:
            fsync_dir(folder)
    except BaseException as exc:
        for tmp, _ in done:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(path, exc) from None
        raise
