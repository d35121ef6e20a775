"""Reading inputs: files, folders, globs, JSONL and stdin, into documents ready for the pipeline.

Every input ends as an :class:`InputDoc` or as an :class:`InputError` (never silently dropped), so a
batch can report each document. Decoding: UTF-8 (with or without BOM), UTF-16 with a BOM, else
Windows-1252 with a warning; text with NUL bytes is refused as binary.
"""
from __future__ import annotations

import glob
import hashlib
import json
import logging
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from .errors import InputError, UsageError

log = logging.getLogger(__name__)

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
INPUT_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES
SOURCE_PREFIX = "# source:"
HTML_SOURCE = re.compile(r"^\s*<!--\s*source:\s*(\S+?)\s*-->")


@dataclass
class InputDoc:
    """One document as read, before extraction. ``text`` is what record offsets point into."""

    doc_id: str
    text: str
    source: str                      # path, "<stdin>", or "path:line" for JSONL
    url: str | None = None
    sha256: str = ""                 # of the raw input bytes (the JSONL line for JSONL input)
    format: str = "txt"              # txt | html | jsonl
    encoding: str = "utf-8"
    published: date | None = None
    headline: str | None = None      # given by the input (HTML <title>, JSONL field)
    warnings: list[str] = field(default_factory=list)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode(data: bytes, source: str) -> tuple[str, str, list[str]]:
    """Bytes to text. Returns (text, encoding, warnings); raises InputError for binary data."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig", []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16", []
        except UnicodeDecodeError as exc:
            raise InputError(source, f"declares UTF-16 by its byte-order mark but does not decode: {exc}")
    if b"\x00" in data:
        raise InputError(source, "contains NUL bytes: looks like a binary file, not text or HTML")
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        return text, "cp1252", ["input is not valid UTF-8; decoded as Windows-1252"]


def split_source_line(text: str) -> tuple[str | None, str]:
    """A ``.txt`` may begin with ``# source: URL``: that line is the source URL, not text."""
    if text.startswith(SOURCE_PREFIX):
        first, _, rest = text.partition("\n")
        return first[len(SOURCE_PREFIX):].strip() or None, rest
    return None, text


def parse_date(value: object) -> date | None:
    """An ISO date or datetime string (or a date) to a date; None when absent or unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def html_to_doc(html: str, doc_id: str, source: str) -> InputDoc:
    """Boilerplate removal with trafilatura (nothing the page references is fetched)."""
    import trafilatura

    result = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False,
        include_images=False, include_links=False, favor_recall=True,
    )
    if result is None:
        raise InputError(source, "HTML page has no extractable article text", doc_id)
    get = (lambda k: result.get(k)) if isinstance(result, dict) else (lambda k: getattr(result, k, None))
    body = (get("text") or "").strip()
    if not body:
        raise InputError(source, "HTML page has no extractable article text", doc_id)
    title = (get("title") or "").strip() or None
    text = f"{title}\n\n{body}" if title and not body.startswith(title) else body
    comment = HTML_SOURCE.match(html)
    url = comment.group(1) if comment else get("url") or None
    return InputDoc(doc_id=doc_id, text=text, source=source, url=url, format="html",
                    published=parse_date(get("date")), headline=title)


def read_file(path: str, doc_id: str | None = None) -> InputDoc:
    """Read one .txt or .html file into a document."""
    doc_id = doc_id or os.path.splitext(os.path.basename(path))[0]
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise InputError(path, f"cannot be read: {exc.strerror or exc}", doc_id) from exc
    return doc_from_bytes(data, doc_id, path, "html" if path.lower().endswith(HTML_SUFFIXES) else "txt")


def doc_from_bytes(data: bytes, doc_id: str, source: str, fmt: str) -> InputDoc:
    try:
        text, encoding, warnings = decode(data, source)
    except InputError as exc:
        raise InputError(source, exc.message, doc_id) from exc
    if fmt == "html":
        doc = html_to_doc(text, doc_id, source)
    else:
        url, text = split_source_line(text)
        doc = InputDoc(doc_id=doc_id, text=text, source=source, url=url, format="txt")
    doc.sha256, doc.encoding = sha256(data), encoding
    doc.warnings.extend(warnings)
    if not doc.text.strip():
        raise InputError(source, "is empty: no text to extract from", doc_id)
    return doc


@dataclass(frozen=True)
class JsonlFields:
    """Which JSONL fields hold the text, the id, the URL and the publication date."""

    text: str = "text"
    id: str = "id"
    url: str = "url"
    published: str = "published"
    html: bool = False               # the text field holds HTML


def read_jsonl_lines(lines: Iterable[bytes], source: str, fields: JsonlFields) -> Iterator[InputDoc | InputError]:
    stem = os.path.splitext(os.path.basename(source))[0]
    for lineno, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        where = f"{source}:{lineno}"
        fallback_id = f"{stem}:{lineno}"
        try:
            text_line, _, _ = decode(raw, where)
            obj = json.loads(text_line)
        except (InputError, ValueError) as exc:
            yield InputError(where, f"line is not valid JSON ({exc})", fallback_id)
            continue
        if not isinstance(obj, dict):
            yield InputError(where, "line is JSON but not an object", fallback_id)
            continue
        doc_id = str(obj.get(fields.id) or obj.get("doc_id") or fallback_id)
        value = obj.get(fields.text)
        if not isinstance(value, str) or not value.strip():
            yield InputError(where, f"has no text in field {fields.text!r} (fields: {', '.join(sorted(obj)) or 'none'})", doc_id)
            continue
        try:
            doc = (html_to_doc(value, doc_id, where) if fields.html
                   else InputDoc(doc_id=doc_id, text=split_source_line(value)[1], source=where, format="jsonl"))
        except InputError as exc:
            yield exc
            continue
        doc.sha256 = sha256(raw.rstrip(b"\r\n"))
        doc.url = obj.get(fields.url) or doc.url
        doc.published = parse_date(obj.get(fields.published)) or doc.published
        yield doc


def expand(inputs: Iterable[str]) -> Iterator[str]:
    """Paths of input files from files, folders (recursive, sorted) and globs; '-' passes through."""
    for item in inputs:
        if item == "-":
            yield item
        elif os.path.isdir(item):
            skipped = 0
            for root, dirs, files in os.walk(item):
                dirs.sort()
                for name in sorted(files):
                    if name.lower().endswith(INPUT_SUFFIXES):
                        yield os.path.join(root, name)
                    else:
                        skipped += 1
            if skipped:
                log.info("%s: skipped %d file(s) that are not .txt, .html or .jsonl", item, skipped)
        elif os.path.exists(item):
            yield item
        elif glob.has_magic(item):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                raise UsageError(f"no file matches {item!r}")
            yield from (m for m in matches if os.path.isfile(m))
        else:
            raise UsageError(f"input {item!r} does not exist (give files, folders, globs or '-')")


def iter_documents(inputs: Iterable[str], fields: JsonlFields = JsonlFields(),
                   stdin_format: str = "txt") -> Iterator[InputDoc | InputError]:
    """Every input as a document or an error, in input order."""
    for path in expand(inputs):
        if path == "-":
            data = sys.stdin.buffer.read()
            if stdin_format == "jsonl":
                yield from read_jsonl_lines(data.splitlines(), "<stdin>", fields)
            else:
                try:
                    yield doc_from_bytes(data, "stdin", "<stdin>", stdin_format)
                except InputError as exc:
                    yield exc
        elif path.lower().endswith(JSONL_SUFFIXES):
            try:
                with open(path, "rb") as fh:
                    yield from read_jsonl_lines(fh, path, fields)
            except OSError as exc:
                yield InputError(path, f"cannot be read: {exc.strerror or exc}")
        else:
            try:
                yield read_file(path)
            except InputError as exc:
                yield exc
