"""Event grouping: the records that report the same event, from several outlets, as one event.

``group(records, settings)`` reads record dicts (``extractor run`` output) and returns ``Event``s;
``extractor events RECORDS... -o EVENTS`` is the command. Steps, one module each: ``sketch`` (what is
kept of a record), ``signals`` (how two records compare), ``cluster`` (candidate pairs and
clustering), ``partition`` (bounded memory: spill and group by province), ``merge`` (an event's
merged facts and the outlets' disagreements), ``output`` (JSONL and Parquet), ``score`` (pairwise
and B-cubed scores against a gold folder), ``parallel`` (sketching on a Dask cluster).
"""
from __future__ import annotations

from .settings import GroupSettings

__all__ = ["GroupSettings"]
