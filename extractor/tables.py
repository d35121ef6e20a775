"""Records as flat tables for analysts: one table per kind of fact, all sharing ``doc_id``.

``record_tables(records)`` turns record dicts (``Record.as_dict()``, one JSONL line) into lists of
rows; ``TableWriter`` / ``write_parquet`` stream them to one Parquet file per table (row groups of
``row_group_size`` rows, an explicit schema so empty tables keep their columns, written to
``OUT.part/`` and renamed to ``OUT`` when complete); ``read(path)`` gives the same ``pandas`` frames
from a JSONL records file (and ``X.errors.jsonl`` beside ``X.jsonl``) or from a Parquet folder.

=====================  ===========================================  ==============================
table                  one row per                                  key columns
=====================  ===========================================  ==============================
``documents``          record                                       doc_id
``people``             person                                       doc_id, person_index
``roles_without_name`` office acting without a name                 doc_id, role_index
``places``             place                                        doc_id, place_index
``regions``            region (Kemendagri code)                     doc_id, region_index
``organizations``      organisation                                 doc_id, org_index
``dates``              date mention                                 doc_id, date_index
``welfare_terms``      (welfare term, category) pair                doc_id, term_index, category
``quotes``             quote                                        doc_id, quote_index
``errors``             input that did not become a record           doc_id (may be null)
=====================  ===========================================  ==============================

Column dtypes (the full column list with meanings is ``docs/tables.md``, the code is ``TABLES``):

========  ================  ================  =====================================================
kind      Parquet (arrow)   pandas            used for
========  ================  ================  =====================================================
``str``   ``string``        ``string``        text; null as ``<NA>``
``int``   ``int64``         ``int64``         counts and offsets that always exist
``Int``   ``int64``         ``Int64``         integers that can be null (title offsets, levels …)
``date``  ``date32``        ``datetime64[ns]``  ISO dates (null as ``NaT``)
``bool``  ``bool``          ``bool``          date flags
========  ================  ================  =====================================================

Lists are joined into one string: with ``"; "`` (honorifics, degrees, roles, event types,
categories), warnings with ``" | "`` (a warning may hold a semicolon). A welfare term with several
categories gives one row per category (``category``; all of them joined in ``categories``), so
``groupby("category")`` counts terms per category directly; a term without a category (none in
schema 1) gives one row with a null ``category``. ``first_start``/``first_end`` are the offsets of
the earliest mention.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from .errors import OutputError
from .outputs import fsync_dir

__all__ = ["TABLES", "TablesError", "TableWriter", "record_rows", "record_tables", "write_parquet",
           "read", "schema", "empty_tables", "iter_jsonl"]

JOIN = "; "
WARN_JOIN = " | "
ROW_GROUP_SIZE = 10_000

_ARROW = {"str": pa.string(), "int": pa.int64(), "Int": pa.int64(), "date": pa.date32(), "bool": pa.bool_()}
_PANDAS = {"str": "string", "int": "int64", "Int": "Int64", "date": "datetime64[ns]", "bool": "bool"}


def _cols(spec: str) -> tuple[tuple[str, str], ...]:
    return tuple(tuple(item.split(":")) for item in spec.split())  # type: ignore[misc]


_FIRST = "n_mentions:int first_start:Int first_end:Int"
TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "documents": _cols(
        "doc_id:str source_path:str source_url:str source_sha256:str source_format:str source_encoding:str "
        "headline:str dateline:str dateline_place:str dateline_outlet:str byline:str published_date:date "
        "event_type:str event_types:str event_date:date event_date_text:str event_date_start:Int "
        "event_date_end:Int venue:str event_region_code:str event_region_name:str event_region_level:Int "
        "event_province_code:str event_province:str welfare_categories:str n_people:int "
        "n_roles_without_name:int n_places:int n_regions:int n_organizations:int n_dates:int "
        "n_welfare_terms:int n_quotes:int n_warnings:int warnings:str pipeline_version:str schema_version:int"),
    "people": _cols(
        "doc_id:str person_index:int name:str name_as_written:str honorifics:str degrees:str title:str "
        "title_start:Int title_end:Int office:str institution:str region:str title_acting:str acting:str "
        f"roles:str represents:str {_FIRST}"),
    "roles_without_name": _cols(
        "doc_id:str role_index:int text:str office:str acting:str roles:str start:int end:int"),
    "places": _cols(f"doc_id:str place_index:int text:str name:str kind:str prefix:str {_FIRST}"),
    "regions": _cols(
        "doc_id:str region_index:int code:str name:str level:int type:str path:str province_code:str "
        f"province:str regency_code:str {_FIRST}"),
    "organizations": _cols(f"doc_id:str org_index:int text:str canonical:str kind:str {_FIRST}"),
    "dates": _cols(
        "doc_id:str date_index:int text:str value:date end_value:date role:str weekday:str "
        "weekday_mismatch:bool year_inferred:bool relative:bool source:str start:int end:int"),
    "welfare_terms": _cols(
        "doc_id:str term_index:int text:str canonical:str category:str n_categories:int categories:str "
        "source:str start:int end:int"),
    "quotes": _cols(
        "doc_id:str quote_index:int speaker:str speaker_index:Int cue:str text:str start:int end:int"),
    "actions": _cols(
        "doc_id:str action_index:int predicate:str lemma:str kind:str voice:str start:int end:int "
        "actor:str actor_name:str actor_person_index:Int actor_role_index:Int actor_start:Int actor_end:Int "
        "object:str object_start:Int object_end:Int recipient:str recipient_person_index:Int "
        "recipient_role_index:Int on_behalf_of:str on_behalf_person_index:Int on_behalf_role_index:Int "
        "sentence_start:int sentence_end:int"),
    "errors": _cols("doc_id:str source:str stage:str error:str message:str sha256:str"),
}


class TablesError(ValueError):
    """Tables could not be written or read (an existing output, an unreadable input)."""


def schema(table: str) -> pa.Schema:
    """The Parquet schema of one table: non-nullable exactly where the kind is ``int`` or ``bool``."""
    return pa.schema([pa.field(name, _ARROW[kind], nullable=kind not in ("int", "bool"))
                      for name, kind in TABLES[table]])


# ----------------------------------------------------------------------------------- rows

def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _join(items: Iterable[str] | None, sep: str = JOIN) -> str | None:
    items = [str(i) for i in items or ()]
    return sep.join(items) if items else None


def _first(mentions: list[dict] | None) -> dict[str, Any]:
    mentions = mentions or []
    first = min(mentions, key=lambda m: (m["start"], m["end"])) if mentions else {}
    return {"n_mentions": len(mentions), "first_start": first.get("start"), "first_end": first.get("end")}


def _province(code: str | None, regions: list[dict]) -> str | None:
    """Province name of a region code, from the path of a region of the same record."""
    if not code:
        return None
    for r in regions:
        if r.get("code", "")[:2] == code[:2] and r.get("path"):
            return r["path"].rsplit(", ", 1)[-1]
    return None


def _document(rec: dict) -> dict[str, Any]:
    src, event = rec.get("source") or {}, rec.get("event") or {}
    head, line = rec.get("headline") or {}, rec.get("dateline") or {}
    region, venue = event.get("region") or {}, event.get("venue") or {}
    welfare, regions = rec.get("welfare") or {}, rec.get("regions") or []
    code = region.get("code")
    return {
        "doc_id": rec.get("doc_id"), "source_path": src.get("path"), "source_url": src.get("url"),
        "source_sha256": src.get("sha256"), "source_format": src.get("format"),
        "source_encoding": src.get("encoding"), "headline": head.get("text"), "dateline": line.get("raw"),
        "dateline_place": line.get("place"), "dateline_outlet": line.get("outlet"),
        "byline": _join(m.get("text") for m in rec.get("byline") or []),
        "published_date": _date(rec.get("published_date")), "event_type": event.get("type"),
        "event_types": _join(event.get("types")), "event_date": _date(event.get("date")),
        "event_date_text": event.get("date_text"), "event_date_start": event.get("date_start"),
        "event_date_end": event.get("date_end"), "venue": venue.get("text"), "event_region_code": code,
        "event_region_name": region.get("name"), "event_region_level": region.get("level"),
        "event_province_code": code[:2] if code else None, "event_province": _province(code, regions),
        "welfare_categories": _join(welfare.get("categories")),
        **{f"n_{k}": len(rec.get(k) or []) for k in
           ("people", "roles_without_name", "places", "regions", "organizations", "dates", "quotes")},
        "n_welfare_terms": len(welfare.get("terms") or []), "n_warnings": len(rec.get("warnings") or []),
        "warnings": _join(rec.get("warnings"), WARN_JOIN),
        "pipeline_version": (rec.get("versions") or {}).get("pipeline"),
        "schema_version": rec.get("schema_version", 1),
    }


def _person(i: int, p: dict) -> dict[str, Any]:
    title = p.get("title") or {}
    return {"person_index": i, "name": p.get("name"), "name_as_written": p.get("name_as_written"),
            "honorifics": _join(p.get("honorifics")), "degrees": _join(p.get("degrees")),
            "title": title.get("text"), "title_start": title.get("start"), "title_end": title.get("end"),
            "office": title.get("office"), "institution": title.get("institution"),
            "region": title.get("region"), "title_acting": title.get("acting"), "acting": p.get("acting"),
            "roles": _join(p.get("roles")), "represents": p.get("represents"), **_first(p.get("mentions"))}


def _action(i: int, a: dict, people: list[dict]) -> dict[str, Any]:
    actor, obj = a.get("actor") or {}, a.get("object") or {}
    rec, behalf = a.get("recipient") or {}, a.get("on_behalf_of") or {}
    k = actor.get("person")
    name = people[k].get("name") if k is not None and k < len(people) else actor.get("text")
    return {"action_index": i, "predicate": a.get("predicate"), "lemma": a.get("lemma"), "kind": a.get("kind"),
            "voice": a.get("voice"), "start": a.get("start"), "end": a.get("end"),
            "actor": actor.get("text"), "actor_name": name, "actor_person_index": k,
            "actor_role_index": actor.get("role"), "actor_start": actor.get("start"), "actor_end": actor.get("end"),
            "object": obj.get("text"), "object_start": obj.get("start"), "object_end": obj.get("end"),
            "recipient": rec.get("text"), "recipient_person_index": rec.get("person"),
            "recipient_role_index": rec.get("role"), "on_behalf_of": behalf.get("text"),
            "on_behalf_person_index": behalf.get("person"), "on_behalf_role_index": behalf.get("role"),
            "sentence_start": a.get("sentence_start"), "sentence_end": a.get("sentence_end")}


def _region(i: int, r: dict) -> dict[str, Any]:
    code, level = r.get("code") or "", r.get("level")
    return {"region_index": i, "code": code, "name": r.get("name"), "level": level, "type": r.get("type"),
            "path": r.get("path"), "province_code": code[:2] or None,
            "province": (r.get("path") or "").rsplit(", ", 1)[-1] or None,
            "regency_code": code[:5] if level and level >= 2 else None, **_first(r.get("mentions"))}


def _terms(terms: list[dict]) -> Iterator[dict[str, Any]]:
    for i, t in enumerate(terms):
        cats = t.get("categories") or []
        base = {"term_index": i, "text": t.get("text"), "canonical": t.get("canonical"),
                "n_categories": len(cats), "categories": _join(cats), "source": t.get("source"),
                "start": t.get("start"), "end": t.get("end")}
        for cat in cats or [None]:
            yield {**base, "category": cat}


def record_rows(rec: dict) -> dict[str, list[dict[str, Any]]]:
    """The rows one record adds to each table (all tables but ``errors``)."""
    doc = {"doc_id": rec.get("doc_id")}
    welfare = rec.get("welfare") or {}
    return {
        "documents": [_document(rec)],
        "people": [doc | _person(i, p) for i, p in enumerate(rec.get("people") or [])],
        "roles_without_name": [
            doc | {"role_index": i, "text": r.get("text"), "office": r.get("office"), "acting": r.get("acting"),
                   "roles": _join(r.get("roles")), "start": r.get("start"), "end": r.get("end")}
            for i, r in enumerate(rec.get("roles_without_name") or [])],
        "places": [doc | {"place_index": i, "text": p.get("text"), "name": p.get("name"), "kind": p.get("kind"),
                          "prefix": p.get("prefix"), **_first(p.get("mentions"))}
                   for i, p in enumerate(rec.get("places") or [])],
        "regions": [doc | _region(i, r) for i, r in enumerate(rec.get("regions") or [])],
        "organizations": [doc | {"org_index": i, "text": o.get("text"), "canonical": o.get("canonical"),
                                 "kind": o.get("kind"), **_first(o.get("mentions"))}
                          for i, o in enumerate(rec.get("organizations") or [])],
        "dates": [doc | {"date_index": i, "text": d.get("text"), "value": _date(d.get("value")),
                         "end_value": _date(d.get("end_value")), "role": d.get("role"),
                         "weekday": d.get("weekday"), "weekday_mismatch": bool(d.get("weekday_mismatch")),
                         "year_inferred": bool(d.get("year_inferred")), "relative": bool(d.get("relative")),
                         "source": d.get("source"), "start": d.get("start"), "end": d.get("end")}
                  for i, d in enumerate(rec.get("dates") or [])],
        "welfare_terms": [doc | t for t in _terms(welfare.get("terms") or [])],
        "quotes": [doc | {"quote_index": i, "speaker": q.get("speaker"), "speaker_index": q.get("speaker_index"),
                          "cue": q.get("cue"), "text": q.get("text"), "start": q.get("start"), "end": q.get("end")}
                   for i, q in enumerate(rec.get("quotes") or [])],
        "actions": [doc | _action(i, a, rec.get("people") or []) for i, a in enumerate(rec.get("actions") or [])],
    }


def _error(row: dict) -> dict[str, Any]:
    return {name: (None if row.get(name) is None else str(row[name])) for name, _ in TABLES["errors"]}


def record_tables(records: Iterable[dict], error_rows: Iterable[dict] = ()) -> dict[str, list[dict[str, Any]]]:
    """All rows of every table (in memory: for a corpus, stream with ``TableWriter`` instead)."""
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for rec in records:
        for name, rows in record_rows(rec).items():
            out[name].extend(rows)
    out["errors"].extend(_error(r) for r in error_rows)
    return out


# -------------------------------------------------------------------------------- Parquet

class TableWriter:
    """Streams records and error rows into ``out_dir/<table>.parquet``, atomically.

    Rows are buffered per table and written as a row group every ``row_group_size`` rows; nothing
    else is kept. Files go to ``out_dir.part/``, renamed to ``out_dir`` by ``commit()``; ``abort()``
    (or an exception inside ``with``) removes the part folder, so ``out_dir`` is never half-written.
    Has the ``add_record``/``add_error`` interface of ``runner.run(sink=...)``.
    """

    def __init__(self, out_dir: str | os.PathLike, overwrite: bool = False,
                 row_group_size: int = ROW_GROUP_SIZE) -> None:
        if row_group_size < 1:
            raise TablesError(f"row_group_size must be >= 1, not {row_group_size}")
        self.out_dir = Path(out_dir)
        self.part = self.out_dir.with_name(self.out_dir.name + ".part")
        if self.out_dir.exists() and not overwrite:
            raise TablesError(f"{self.out_dir} exists; pass overwrite=True (--force) to replace it")
        if self.part.exists():
            shutil.rmtree(self.part)  # left by an interrupted run
        self.part.mkdir(parents=True)
        self.row_group_size = row_group_size
        self.rows_written = {name: 0 for name in TABLES}
        self._buffers: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
        self._writers = {name: pq.ParquetWriter(self.part / f"{name}.parquet", schema(name)) for name in TABLES}

    def add_record(self, rec: dict) -> None:
        for name, rows in record_rows(rec).items():
            self._add(name, rows)

    def add_error(self, row: dict) -> None:
        self._add("errors", [_error(row)])

    def _add(self, name: str, rows: list[dict[str, Any]]) -> None:
        buf = self._buffers[name]
        buf.extend(rows)
        if len(buf) >= self.row_group_size:
            self._flush(name)

    def _flush(self, name: str, final: bool = False) -> None:
        """Write full row groups (and, when ``final``, the rest)."""
        buf = self._buffers[name]
        while len(buf) >= self.row_group_size or (final and buf):
            chunk, buf[:] = buf[:self.row_group_size], buf[self.row_group_size:]
            self._writers[name].write_table(pa.Table.from_pylist(chunk, schema(name)),
                                            row_group_size=self.row_group_size)
            self.rows_written[name] += len(chunk)

    def commit(self) -> dict[str, int]:
        """Write what is buffered, close the files and move them into place; rows per table."""
        try:
            for name in TABLES:
                self._flush(name, final=True)
                self._writers[name].close()
            for name in TABLES:  # fsync the files and the folder before the rename, the parent after
                fd = os.open(self.part / f"{name}.parquet", os.O_RDONLY)
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)
            fsync_dir(self.part)
            old = self.out_dir.with_name(self.out_dir.name + ".old")
            if self.out_dir.exists():
                os.replace(self.out_dir, old)
            os.replace(self.part, self.out_dir)
            fsync_dir(self.out_dir.parent)
        except BaseException as exc:
            self.abort()
            if isinstance(exc, OSError):
                raise OutputError(str(self.out_dir), exc) from None
            raise
        if old.exists():
            shutil.rmtree(old, ignore_errors=True)
        return dict(self.rows_written)

    def abort(self) -> None:
        for w in self._writers.values():
            try:
                w.close()
            except Exception:  # noqa: BLE001 - the folder goes anyway
                pass
        shutil.rmtree(self.part, ignore_errors=True)

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, exc_type: Any, *_: Any) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.abort()


def write_parquet(records: Iterable[dict], error_rows: Iterable[dict], out_dir: str | os.PathLike,
                  overwrite: bool = False, row_group_size: int = ROW_GROUP_SIZE) -> dict[str, int]:
    """Stream records (then error rows) into one Parquet file per table; rows written per table."""
    try:
        writer = TableWriter(out_dir, overwrite=overwrite, row_group_size=row_group_size)
    except OSError as exc:
        raise OutputError(str(out_dir), exc) from None
    try:
        for rec in records:
            writer.add_record(rec)
        for row in error_rows:
            writer.add_error(row)
    except BaseException as exc:
        writer.abort()
        if isinstance(exc, OSError) and not isinstance(exc, FileNotFoundError):
            raise OutputError(str(out_dir), exc) from None
        raise
    return writer.commit()


# ---------------------------------------------------------------------------------- read

def _frame(table: pa.Table, name: str) -> Any:
    cols = [c for c, _ in TABLES[name]]
    event = ["event_id"] if "event_id" in table.column_names else []  # tables of extractor events
    df = table.select(cols[:1] + event + cols[1:]).to_pandas(date_as_object=False)
    return df.astype({c: _PANDAS[kind] for c, kind in TABLES[name]} | {e: "string" for e in event})


def empty_tables() -> dict[str, Any]:
    """Every table with its columns and dtypes and no rows."""
    return {name: _frame(schema(name).empty_table(), name) for name in TABLES}


def iter_jsonl(path: str | os.PathLike) -> Iterator[dict]:
    """The rows of a JSONL file, one dict per non-empty line."""
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise TablesError(f"{path}:{n}: not a JSON line ({exc.msg})") from None


def _errors_path(path: Path) -> Path:
    stem = path.name[:-6] if path.name.endswith(".jsonl") else path.name
    return path.with_name(f"{stem}.errors.jsonl")


def read(path: str | os.PathLike) -> dict[str, Any]:
    """The tables as ``pandas.DataFrame``s, from a records JSONL file or a Parquet folder.

    For ``X.jsonl`` the error rows come from ``X.errors.jsonl`` when it exists. Both forms give the
    same columns and dtypes (``TABLES``). A folder written by ``extractor events`` adds the event
    tables (``events``, ``event_members`` …) and an ``event_id`` column to the record tables.
    """
    p = Path(path)
    if p.is_dir():
        if not (p / "documents.parquet").exists():
            raise TablesError(f"{p} is not a tables folder: it has no documents.parquet")
        out = {}
        for name in TABLES:
            f = p / f"{name}.parquet"
            sch = schema(name)
            if f.exists() and "event_id" in pq.read_schema(f).names:
                sch = sch.insert(1, pa.field("event_id", pa.string()))
            out[name] = _frame(pq.read_table(f, schema=sch) if f.exists() else sch.empty_table(), name)
        from .grouping.output import read_event_tables

        return out | read_event_tables(p)
    if not p.is_file():
        raise TablesError(f"{p} does not exist (give a records .jsonl file or a Parquet tables folder)")
    errors = _errors_path(p)
    rows = record_tables(iter_jsonl(p), iter_jsonl(errors) if errors.exists() and errors != p else ())
    return {name: _frame(pa.Table.from_pylist(rows[name], schema(name)), name) for name in TABLES}
