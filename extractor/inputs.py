"""Reading inputs: files, folders, globs, JSONL and stdin, into documents ready for the pipeline.

Every input ends as an :class:`InputDoc` or as an :class:`InputError` (never silently dropped), so a
batch can report each document. Decoding (``decode``): a byte-order mark (UTF-8, UTF-16, UTF-32), UTF-16
without one told by its NUL bytes, UTF-8, else Windows-1252, each guess with a warning; binary data
(NUL bytes, control characters) is refused. The encoding used is kept in ``InputDoc.encoding``.
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

from .dates import YEAR_MAX, YEAR_MIN
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


BOMS = ((b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")     # C0 controls other than tab, newlines, form feed, escape
BINARY_CONTROL_SHARE = 0.10      # more control characters than this share of the text: a binary file
UTF16_SAMPLE = 4096              # bytes read to tell UTF-16 without a byte-order mark by its NUL bytes


def decode(data: bytes, source: str) -> tuple[str, str, list[str]]:
    """Bytes to text. Returns (text, encoding, warnings); raises InputError for binary data.

    A byte-order mark decides (UTF-8, UTF-16, UTF-32); else NUL bytes in every other position mean
    UTF-16 without a mark (LE or BE by their side, with a warning) and NUL bytes elsewhere a binary
    file; else UTF-8, UTF-8 with a few bad bytes replaced (more valid non-ASCII characters than bad
    bytes, with a warning), or Windows-1252 (with a warning). Decoded text with NUL characters or
    more than 10% control characters is refused as binary.
    """
    text, encoding, warnings = _decode(data, source)
    controls = len(CONTROL.findall(text))
    if "\x00" in text or controls > BINARY_CONTROL_SHARE * len(text):
        raise InputError(source, f"{controls} of its {len(text)} characters are control characters "
                                 f"(decoded as {encoding}): looks like a binary file, not text or HTML")
    return text, encoding, warnings


def _decode(data: bytes, source: str) -> tuple[str, str, list[str]]:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding, []
            except UnicodeDecodeError as exc:
                if encoding != "utf-8-sig":
                    raise InputError(source, f"declares {encoding.upper()} by its byte-order mark but does "
                                             f"not decode: {exc}") from exc
                return _mostly_utf8(data[len(bom):], encoding)
    if b"\x00" in data:
        encoding = _utf16_without_bom(data[:UTF16_SAMPLE])
        if encoding is None:
            raise InputError(source, "contains NUL bytes: looks like a binary file, not text or HTML")
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError(source, f"has the NUL bytes of {encoding.upper()} text without a byte-order mark "
                                     f"but does not decode as it: {exc}") from exc
        return text, encoding, [f"no byte-order mark; decoded as {encoding.upper()} by its pattern of NUL bytes"]
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        return _mostly_utf8(data, "utf-8")


def _utf16_without_bom(sample: bytes) -> str | None:
    """"utf-16-le" / "utf-16-be" when the NUL bytes sit (nearly) all on one side of the byte pairs, as
    the high bytes of ASCII characters and spaces do in UTF-16; None otherwise (binary data has them
    on both sides)."""
    pairs = len(sample) // 2
    even, odd = sample[0:2 * pairs:2].count(0), sample[1:2 * pairs:2].count(0)
    if odd >= 2 and even <= odd // 50:
        return "utf-16-le"
    if even >= 2 and odd <= even // 50:
        return "utf-16-be"
    return None


def _mostly_utf8(data: bytes, encoding: str) -> tuple[str, str, list[str]]:
    """Invalid UTF-8: UTF-8 with replacement characters when valid multi-byte characters outnumber the
    bad bytes (a UTF-8 file with a stray byte), else Windows-1252 (single-byte Western text)."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    good = len(text) - len(text.encode("ascii", errors="ignore")) - bad
    if good > bad:
        return text, encoding, [f"{bad} invalid UTF-8 byte sequence(s) replaced with U+FFFD"]
    return data.decode("cp1252", errors="replace"), "cp1252", ["input is not valid UTF-8; decoded as Windows-1252"]


def split_source_line(text: str) -> tuple[str | None, str]:
    """A ``.txt`` may begin with ``# source: URL``: that line is the source URL, not text."""
    if text.startswith(SOURCE_PREFIX):
        first, _, rest = text.partition("\n")
        return first[len(SOURCE_PREFIX):].strip() or None, rest
    return None, text


def parse_date(value: object) -> date | None:
    """An ISO date or datetime string (or a date) to a date; None when absent, unreadable or outside
    the years dates are read in (``dates.YEAR_MIN`` to ``dates.YEAR_MAX``)."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        value = value.isoformat()
    try:
        day = date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None
    return day if YEAR_MIN <= day.year <= YEAR_MAX else None


_URL_DATE = re.compile(r"/((?:19|20)\d\d)/(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])(?=/|$)")


def date_from_url(url: str | None) -> date | None:
    """The publication date a news URL spells in its path ("/2022/09/05/"), else None."""
    m = _URL_DATE.search(url or "")
    if m is None:
        return None
    try:
        day = date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None
    return day if YEAR_MIN <= day.year <= YEAR_MAX else None


HTML_FALLBACK_MAX_TAGS = 10_000  # above this many tags, no second-opinion extractors (their cost grows with depth x size)


def html_to_doc(html: str, doc_id: str, source: str) -> InputDoc:
    """Boilerplate removal with trafilatura (nothing the page references is fetched: the string is
    parsed, no URL is opened, external entities are not resolved). On pages with more than
    ``HTML_FALLBACK_MAX_TAGS`` tags trafilatura runs without its fallback extractors (justext,
    readability), which take seconds on deeply nested or tag-heavy pages."""
    import trafilatura

    try:
        result = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False, include_images=False,
            include_links=False, favor_recall=True, fast=html.count("<") > HTML_FALLBACK_MAX_TAGS,
        )
    except (ValueError, TypeError, LookupError, RecursionError, AssertionError) as exc:
        # the parsers' own failures on tag soup (lxml's drop_tree asserts a parent, inside htmldate)
        raise InputError(source, f"HTML could not be parsed ({type(exc).__name__}: {exc})", doc_id) from exc
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


SURROGATE = re.compile(r"[\ud800-\udfff]")      # lone surrogates (JSON "\\ud800") cannot be written as UTF-8


def _no_surrogates(value: str, what: str, warnings: list[str]) -> str:
    """``value`` with lone surrogates replaced by U+FFFD, one character for one (offsets stay)."""
    if SURROGATE.search(value) is None:
        return value
    warnings.append(f"{what} holds lone surrogate escapes; replaced with U+FFFD")
    return SURROGATE.sub("\ufffd", value)


def _json_object(raw: bytes, where: str, fallback_id: str) -> dict | InputError:
    try:
        text_line, _, _ = decode(raw, where)
    except InputError as exc:
        return InputError(where, f"line cannot be decoded: {exc.message}", fallback_id)
    try:
        obj = json.loads(text_line)
    except ValueError as exc:
        return InputError(where, f"line is not valid JSON ({exc})", fallback_id)
    except RecursionError:                 # the json module's limit on nesting depth
        return InputError(where, "line is JSON nested too deeply to read", fallback_id)
    if not isinstance(obj, dict):
        return InputError(where, f"line is JSON but not an object (a {type(obj).__name__})", fallback_id)
    return obj


def read_jsonl_lines(lines: Iterable[bytes], source: str, fields: JsonlFields) -> Iterator[InputDoc | InputError]:
    stem = os.path.splitext(os.path.basename(source))[0]
    for lineno, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        where = f"{source}:{lineno}"
        obj = _json_object(raw, where, f"{stem}:{lineno}")
        if isinstance(obj, InputError):
            yield obj
            continue
        warnings: list[str] = []
        doc_id = _no_surrogates(str(obj.get(fields.id) or obj.get("doc_id") or f"{stem}:{lineno}"), "the id", warnings)
        value = obj.get(fields.text)
        if not isinstance(value, str) or not value.strip():
            names = sorted(map(str, obj))
            listed = ", ".join(names[:20]) + (f" and {len(names) - 20} more" if len(names) > 20 else "")
            problem = "is empty" if isinstance(value, str) else "is missing" if value is None else f"is a {type(value).__name__}"
            yield InputError(where, f"has no text: field {fields.text!r} {problem} (fields: {listed or 'none'})", doc_id)
            continue
        value = _no_surrogates(value, f"field {fields.text!r}", warnings)
        try:
            doc = (html_to_doc(value, doc_id, where) if fields.html
                   else InputDoc(doc_id=doc_id, text=split_source_line(value)[1], source=where, format="jsonl"))
        except InputError as exc:
            yield exc
            continue
        if not doc.text.strip():
            yield InputError(where, f"field {fields.text!r} is empty: no text to extract from", doc_id)
            continue
        doc.sha256 = sha256(raw.rstrip(b"\r\n"))
        url = obj.get(fields.url)
        doc.url = _no_surrogates(url, f"field {fields.url!r}", warnings) if isinstance(url, str) and url.strip() else doc.url
        doc.published = parse_date(obj.get(fields.published)) or doc.published
        doc.warnings.extend(warnings)
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


def check_inputs(inputs: Iterable[str]) -> None:
    """Fail fast (UsageError) on an input that does not exist or a glob that matches nothing, without
    walking folders: a run over a folder of 100,000 files must not walk it an extra time."""
    for item in inputs:
        if item == "-" or os.path.exists(item):
            continue
        if not glob.has_magic(item):
            raise UsageError(f"input {item!r} does not exist (give files, folders, globs or '-')")
        if next(glob.iglob(item, recursive=True), None) is None:
            raise UsageError(f"no file matches {item!r}")


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
