"""Exception classes. Each says what was wrong and what is allowed."""
from __future__ import annotations


class ExtractorError(ValueError):
    """Base class for the errors this package raises on purpose."""


class InputError(ExtractorError):
    """An input could not be read or decoded into a document."""

    def __init__(self, source: str, message: str, doc_id: str | None = None) -> None:
        self.source = source
        self.doc_id = doc_id
        self.message = message
        super().__init__(f"{source}: {message}")

    def __reduce__(self):
        return (type(self), (self.source, self.message, self.doc_id))


class StageError(ExtractorError):
    """A pipeline stage failed on one document."""

    def __init__(self, stage: str, doc_id: str | None, cause: BaseException) -> None:
        self.stage = stage
        self.doc_id = doc_id
        self.cause = cause
        super().__init__(f"stage {stage!r} failed on {doc_id!r}: {type(cause).__name__}: {cause}")

    def __reduce__(self):
        return (type(self), (self.stage, self.doc_id, self.cause))


class UsageError(ExtractorError):
    """The command line or a library call was given arguments it cannot use."""


class GoldFormatError(ExtractorError):
    """A gold folder or file does not follow the annotation format."""


class OutputError(ExtractorError):
    """An output file could not be written: full disk, read-only file system, permission denied, a
    missing folder, a folder where a file should be, quota exceeded. Exit code 4 on the command line."""

    def __init__(self, path: str, cause: BaseException, hint: str = "") -> None:
        import errno as _errno

        self.path = str(path)
        self.cause = cause
        self.hint = hint
        code = getattr(cause, "errno", None)
        reason = getattr(cause, "strerror", None) or str(cause) or type(cause).__name__
        if code in _errno.errorcode:
            reason = f"{reason} ({_errno.errorcode[code]})"
        self.reason = reason
        super().__init__(f"cannot write {self.path}: {reason}{f'; {hint}' if hint else ''}")

    def __reduce__(self):
        return (type(self), (self.path, self.cause, self.hint))


class OutputLocked(UsageError):
    """Another live run holds the lock of an output (exit code 2)."""
