"""Event grouping: the records that report the same event, from several outlets, as one event.

``group(records, settings)`` reads record dicts (``extractor run`` output) and yields event dicts;
``group_files(paths, jsonl, tables)`` is what ``extractor events RECORDS... -o EVENTS`` calls. Steps,
one module each: ``sketch`` (what is kept of a record), ``signals`` (how two records compare),
``cluster`` (candidate pairs and clustering), ``partition`` (bounded memory: spill and group by
province), ``merge`` (an event's merged facts and the outlets' disagreements), ``output`` (JSONL and
Parquet), ``score`` (pairwise and B-cubed scores against a gold folder), ``parallel`` (Dask).
"""
from __future__ import annotations

from typing import Any

from .partition import group, group_stream, sketches_of
from .settings import GroupSettings

__all__ = ["GroupSettings", "group", "group_files", "group_tables"]


def group_files(paths: list[str], jsonl: str | None, tables: str | None = None,
                settings: GroupSettings | None = None, overwrite: bool = False,
                dask: str | None = None, workers: int = 2, spill_dir: str | None = None) -> dict[str, int]:
    """Group the records files (or run Parquet folders) ``paths``; write events to ``jsonl``
    (``-`` for stdout) and/or a Parquet ``tables`` folder. Counts of events and records."""
    from .output import read_records, records_path, write_events

    settings = settings or GroupSettings()
    for p in paths:
        records_path(p)  # every input exists before anything is written
    if dask:
        from .parallel import DaskGrouping

        with DaskGrouping(dask, workers=workers) as cluster:
            events = group_stream(cluster.sketches(read_records(paths), settings), settings, spill_dir,
                                  map_pieces=cluster.map_pieces)
            return write_events(events, jsonl, tables, paths, overwrite=overwrite)
    events = group_stream(sketches_of(read_records(paths), settings), settings, spill_dir)
    return write_events(events, jsonl, tables, paths, overwrite=overwrite)


def group_tables(paths: list[str], settings: GroupSettings | None = None) -> dict[str, Any]:
    """The event tables (``events``, ``event_members`` …) of records files as ``pandas`` frames,
    in memory: for a notebook over one run."""
    import pyarrow as pa

    from .output import EVENT_TABLES, PANDAS, event_rows, event_schema, read_records

    rows: dict[str, list[dict]] = {name: [] for name in EVENT_TABLES}
    for ev in group(read_records(paths), settings):
        for name, r in event_rows(ev).items():
            rows[name].extend(r)
    return {name: pa.Table.from_pylist(rows[name], event_schema(name)).to_pandas(date_as_object=False)
            .astype({c: PANDAS[k] for c, k in cols}) for name, cols in EVENT_TABLES.items()}
