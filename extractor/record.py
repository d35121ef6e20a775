"""The record: one typed, versioned result per document, with a fixed field order.

Every fact carries character offsets (``start``, ``end``) into the document text as read (see
``extractor.inputs.InputDoc.text``), so ``text[start:end]`` is the evidence. ``Record.as_dict()``
gives the JSON form validated by ``resources/record.schema.json``; ``Record.from_dict()`` reads it back.
"""
from __future__ import annotations

import copy
import dataclasses
import json
import typing
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

SCHEMA_VERSION = 2  # 2: actions (who did what to whom), from the optional syntax stage


@dataclass
class Mention:
    start: int
    end: int
    text: str


@dataclass
class Source:
    path: str | None = None
    url: str | None = None
    sha256: str = ""
    format: str = "txt"
    encoding: str = "utf-8"


@dataclass
class Headline:
    text: str
    start: int
    end: int


@dataclass
class Dateline:
    raw: str
    start: int
    end: int
    place: str | None = None
    place_start: int | None = None
    place_end: int | None = None
    outlet: str | None = None


@dataclass
class RegionRef:
    code: str
    name: str
    level: int


@dataclass
class Event:
    type: str | None = None
    types: list[str] = field(default_factory=list)
    date: str | None = None
    date_text: str | None = None
    date_start: int | None = None
    date_end: int | None = None
    venue: Mention | None = None
    region: RegionRef | None = None


@dataclass
class Title:
    text: str
    start: int
    end: int
    office: str
    institution: str | None = None
    region: str | None = None
    acting: str | None = None


@dataclass
class Person:
    name: str
    name_as_written: str
    honorifics: list[str] = field(default_factory=list)
    degrees: list[str] = field(default_factory=list)
    title: Title | None = None
    acting: str | None = None
    roles: list[str] = field(default_factory=list)
    represents: str | None = None
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class RoleWithoutName:
    text: str
    start: int
    end: int
    office: str
    acting: str | None = None
    roles: list[str] = field(default_factory=list)


@dataclass
class Place:
    text: str
    name: str
    kind: str
    prefix: str | None = None
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Region:
    code: str
    name: str
    level: int
    type: str
    path: str
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Organization:
    text: str
    canonical: str | None = None
    kind: str = "other"
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class DateRef:
    text: str
    start: int
    end: int
    value: str | None
    end_value: str | None = None
    role: str = "other"
    weekday: str | None = None
    weekday_mismatch: bool = False
    year_inferred: bool = False
    relative: bool = False
    source: str = "grammar"


@dataclass
class WelfareTerm:
    text: str
    start: int
    end: int
    canonical: str
    categories: list[str]
    source: str
    sentence: str = ""


@dataclass
class Welfare:
    categories: list[str] = field(default_factory=list)
    terms: list[WelfareTerm] = field(default_factory=list)


@dataclass
class Quote:
    text: str
    start: int
    end: int
    speaker: str | None = None
    speaker_index: int | None = None
    cue: str | None = None


@dataclass
class Party:
    """Who or what takes part in an action: the phrase as written, and the person (index into
    ``people``) or office without a name (index into ``roles_without_name``) it names, if any."""

    text: str
    start: int
    end: int
    person: int | None = None
    role: int | None = None


@dataclass
class Action:
    """Who did what to whom, from the syntax stage (``Settings(syntax=True)``; empty without it)."""

    predicate: str
    lemma: str
    start: int
    end: int
    kind: str | None = None
    voice: str = "active"
    actor: Party | None = None
    object: Party | None = None
    recipient: Party | None = None
    on_behalf_of: Party | None = None
    sentence_start: int = 0
    sentence_end: int = 0


@dataclass
class Versions:
    pipeline: str
    schema: int = SCHEMA_VERSION
    models: dict[str, str] = field(default_factory=dict)


@dataclass
class Record:
    doc_id: str
    source: Source
    headline: Headline | None
    dateline: Dateline | None
    byline: list[Mention]
    published_date: str | None
    event: Event
    people: list[Person]
    roles_without_name: list[RoleWithoutName]
    places: list[Place]
    regions: list[Region]
    organizations: list[Organization]
    dates: list[DateRef]
    welfare: Welfare
    quotes: list[Quote]
    warnings: list[str]
    versions: Versions
    schema_version: int = SCHEMA_VERSION
    actions: list[Action] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return plain(self)

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        return _build(cls, data)


_ATOMS = frozenset((str, int, float, bool, type(None)))
_FIELDS: dict[type, tuple[str, ...]] = {}  # a dataclass's field names, in order


def plain(value: Any) -> Any:
    """``dataclasses.asdict`` for the record's types, equal to it and several times faster: field
    names are read once per class, and strings, numbers and None are not deep-copied (they are
    immutable, and ``copy.deepcopy`` returns them as they are)."""
    tp = type(value)
    if tp in _ATOMS:
        return value
    names = _FIELDS.get(tp)
    if names is None and dataclasses.is_dataclass(tp):
        names = _FIELDS[tp] = tuple(f.name for f in dataclasses.fields(tp))
    if names is not None:
        return {n: plain(getattr(value, n)) for n in names}
    if isinstance(value, (list, tuple)):
        items = [plain(v) for v in value]
        return items if tp is list else tp(*items) if hasattr(value, "_fields") else tp(items)
    if isinstance(value, dict):
        return tp((plain(k), plain(v)) for k, v in value.items())
    return copy.deepcopy(value)


def _build(tp: Any, value: Any) -> Any:
    """Rebuild dataclasses from their dict form, following the type hints."""
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin is typing.Union or str(origin) == "<class 'types.UnionType'>":
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _build(args[0], value) if len(args) == 1 else value
    if origin is list:
        (item,) = typing.get_args(tp)
        return [_build(item, v) for v in value]
    if dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        return tp(**{k: _build(hints[k], v) for k, v in value.items() if k in hints})
    return value


@lru_cache(maxsize=None)
def _hints(tp: type) -> dict[str, Any]:
    return typing.get_type_hints(tp)


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The JSON Schema of a record (schema version ``SCHEMA_VERSION``)."""
    return json.loads(resources.files("extractor.resources").joinpath("record.schema.json").read_text("utf-8"))


def validate(data: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` when ``data`` is not a valid record."""
    import jsonschema

    jsonschema.validate(data, schema(), cls=jsonschema.Draft202012Validator)


def json_line(row: dict[str, Any]) -> bytes:
    """One row of a JSONL output as written: JSON with non-ASCII characters as they are, a newline,
    UTF-8 (a worker process makes it, so the process that writes only copies bytes)."""
    return (json.dumps(row, ensure_ascii=False) + "\n").encode("utf-8")


def error_row(doc_id: str | None, source: str | None, stage: str, error: str, message: str,
              sha256: str | None = None) -> dict[str, Any]:
    """One row of the errors file: every input that did not become a record ends here. ``sha256``
    (of the input bytes, when they were read) lets ``--resume`` tell a retried input from a new one."""
    return {"doc_id": doc_id, "source": source, "stage": stage, "error": error, "message": message,
            "sha256": sha256 or None}
