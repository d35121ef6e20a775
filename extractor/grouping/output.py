"""Events on disk: JSONL (one event per line) and Parquet tables for pandas.

The Parquet folder holds the event tables (``EVENT_TABLES``) and the record tables of
``extractor.tables`` with an ``event_id`` column added, so ``extractor.read(folder)`` gives both and
``documents.groupby("event_id")`` works directly. Reading the records of a run: a records ``.jsonl``
file, or a run's Parquet folder (its records JSONL beside it, ``run.parquet/`` -> ``run.jsonl``).
"""
from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from .. import tables as T

EVENT_TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "events": T._cols(
        "event_id:str n_members:int n_outlets:int canonical_doc_id:str event_date:date region_code:str "
        "region_name:str province_code:str event_type:str venue:str people:str welfare_categories:str "
        "outlets:str n_disagreements:int disagreement_fields:str"),
    "event_members": T._cols(
        "event_id:str doc_id:str source:str canonical:bool published_date:date event_date:date headline:str"),
    "event_disagreements": T._cols(
        "event_id:str disagreement_index:int field:str subject:str value:str doc_ids:str evidence:str"),
    "event_links": T._cols(
        "event_id:str doc_id_a:str doc_id_b:str score:float joined_by:str signals:str reasons:str"),
}


class EventsOutputError(ValueError):
    """Records could not be read or events could not be written."""


ARROW = T._ARROW | {"float": pa.float64()}
PANDAS = T._PANDAS | {"float": "float64"}


def _schema(cols: tuple[tuple[str, str], ...]) -> pa.Schema:
    return pa.schema([pa.field(n, ARROW[k], nullable=k not in ("int", "bool", "float")) for n, k in cols])


def event_schema(name: str) -> pa.Schema:
    return _schema(EVENT_TABLES[name])


def record_schema(name: str) -> pa.Schema:
    """A record table's schema with ``event_id`` after ``doc_id``."""
    cols = list(T.TABLES[name])
    cols.insert(1, ("event_id", "str"))
    return _schema(tuple(cols))


def records_path(path: str | os.PathLike) -> Path:
    """The records JSONL of an input: the file itself, or the JSONL beside a run's Parquet folder."""
    p = Path(path)
    if p.is_file():
        return p
    if p.is_dir():
        base = p.name[:-8] if p.name.endswith(".parquet") else p.name
        beside = p.with_name(base + ".jsonl")
        if beside.is_file():
            return beside
        raise EventsOutputError(f"{p} is a folder without its records file {beside}: give the records .jsonl")
    raise EventsOutputError(f"records {p} do not exist (give the .jsonl or Parquet output of extractor run)")


def read_records(paths: Iterable[str | os.PathLike]) -> Iterator[dict]:
    for path in paths:
        try:
            yield from T.iter_jsonl(records_path(path))
        except T.TablesError as exc:
            raise EventsOutputError(str(exc)) from None


def _date(v: str | None) -> Any:
    return T._date(v)


def event_rows(ev: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The rows one event adds to each event table."""
    eid, facts = ev["event_id"], ev["facts"]
    region = facts.get("region") or {}
    code = region.get("code")
    return {
        "events": [{
            "event_id": eid, "n_members": ev["n_members"], "n_outlets": ev["n_outlets"],
            "canonical_doc_id": ev["canonical"], "event_date": _date(facts.get("date")), "region_code": code,
            "region_name": region.get("name"), "province_code": code[:2] if code else None,
            "event_type": facts.get("type"), "venue": facts.get("venue"),
            "people": T._join(p["name"] for p in facts.get("people") or []),
            "welfare_categories": T._join(facts.get("welfare_categories")),
            "outlets": T._join(dict.fromkeys(m["source"] for m in ev["members"])),
            "n_disagreements": len(ev["disagreements"]),
            "disagreement_fields": T._join(dict.fromkeys(d["field"] for d in ev["disagreements"]))}],
        "event_members": [{
            "event_id": eid, "doc_id": m["doc_id"], "source": m["source"], "canonical": m["doc_id"] == ev["canonical"],
            "published_date": _date(m["published_date"]), "event_date": _date(m["event_date"]),
            "headline": m["headline"]} for m in ev["members"]],
        "event_disagreements": [{
            "event_id": eid, "disagreement_index": i, "field": d["field"], "subject": d["subject"],
            "value": v["value"], "doc_ids": T._join(v["doc_ids"]),
            "evidence": json.dumps(v["evidence"], ensure_ascii=False)}
            for i, d in enumerate(ev["disagreements"]) for v in d["values"]],
        "event_links": [{
            "event_id": eid, "doc_id_a": ln["doc_ids"][0], "doc_id_b": ln["doc_ids"][1], "score": float(ln["score"]),
            "joined_by": T._join(ln["joined_by"]), "signals": json.dumps(ln["signals"]),
            "reasons": json.dumps(ln["reasons"], ensure_ascii=False)} for ln in ev["links"]],
    }


class _Writer:
    """Row-group buffered Parquet writers for a set of tables in one folder."""

    def __init__(self, folder: Path, schemas: dict[str, pa.Schema], row_group_size: int) -> None:
        self.schemas, self.size = schemas, row_group_size
        self.buffers: dict[str, list[dict]] = {n: [] for n in schemas}
        self.writers = {n: pq.ParquetWriter(folder / f"{n}.parquet", s) for n, s in schemas.items()}

    def add(self, name: str, rows: list[dict]) -> None:
        buf = self.buffers[name]
        buf.extend(rows)
        if len(buf) >= self.size:
            self.flush(name)

    def flush(self, name: str) -> None:
        if self.buffers[name]:
            self.writers[name].write_table(pa.Table.from_pylist(self.buffers[name], self.schemas[name]))
            self.buffers[name] = []

    def close(self) -> None:
        for name, w in self.writers.items():
            self.flush(name)
            w.close()


def write_events(events: Iterable[dict[str, Any]], jsonl: str | os.PathLike | None,
                 tables: str | os.PathLike | None, records: list[str] | None = None,
                 overwrite: bool = False, row_group_size: int = T.ROW_GROUP_SIZE) -> dict[str, int]:
    """Write events to a JSONL file and/or a Parquet folder; counts of what was written.

    With a Parquet folder, ``records`` (the input paths) are read a second time for the record
    tables with ``event_id`` (only a ``doc_id -> event_id`` map is held in between).
    """
    for out in (jsonl, tables):
        if out and out != "-" and os.path.exists(out) and not overwrite:
            raise EventsOutputError(f"{out} exists; use --force to overwrite it")
    part = Path(str(tables) + ".part") if tables else None
    if part:
        shutil.rmtree(part, ignore_errors=True)
        part.mkdir(parents=True)
    counts = {"events": 0, "records": 0, "multi": 0}
    member_of: dict[str, str] = {}
    fh = None
    try:
        fh = (open(jsonl, "w", encoding="utf-8") if jsonl and jsonl != "-" else None)
        ew = _Writer(part, {n: event_schema(n) for n in EVENT_TABLES}, row_group_size) if part else None
        for ev in events:
            counts["events"] += 1
            counts["records"] += ev["n_members"]
            counts["multi"] += ev["n_members"] > 1
            line = json.dumps(ev, ensure_ascii=False)
            if fh is not None:
                fh.write(line + "\n")
            elif jsonl == "-":
                print(line)
            if ew is not None:
                for name, rows in event_rows(ev).items():
                    ew.add(name, rows)
                for m in ev["members"]:
                    member_of[m["doc_id"]] = ev["event_id"]
        if ew is not None:
            ew.close()
            rw = _Writer(part, {n: record_schema(n) for n in T.TABLES if n != "errors"}, row_group_size)
            for rec in read_records(records or []):
                eid = member_of.get(str(rec.get("doc_id")))
                for name, rows in T.record_rows(rec).items():
                    rw.add(name, [{**r, "event_id": eid} for r in rows])
            rw.close()
            if os.path.exists(tables):
                shutil.rmtree(tables)
            os.replace(part, tables)
    except BaseException:
        if part:
            shutil.rmtree(part, ignore_errors=True)
        raise
    finally:
        if fh is not None:
            fh.close()
    return counts


def read_event_tables(folder: str | os.PathLike) -> dict[str, Any]:
    """The event tables of a folder as ``pandas`` frames (none when it holds no events)."""
    p = Path(folder)
    if not (p / "events.parquet").exists():
        return {}
    out = {}
    for name, cols in EVENT_TABLES.items():
        f = p / f"{name}.parquet"
        schema = event_schema(name)
        table = pq.read_table(f, schema=schema) if f.exists() else schema.empty_table()
        out[name] = table.to_pandas(date_as_object=False).astype({c: PANDAS[k] for c, k in cols})
    return out
