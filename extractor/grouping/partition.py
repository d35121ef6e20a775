"""Grouping a whole run with bounded memory.

Up to ``max_records`` sketches are grouped in memory at once. A bigger run spills its sketches to a
temporary folder, one JSONL file per province (events never cross provinces: their regions would
veto the pair), and groups one province at a time; a province bigger than ``max_records`` is cut
into time slices of ``slice_days`` (by event date, else publication date), and its records without
any date are grouped among themselves. Pairs across a slice boundary are not compared: that is the
price of the bound, and the only difference from the in-memory result.
"""
from __future__ import annotations

import logging
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .cluster import cluster
from .merge import build_event
from .settings import GroupSettings
from .sketch import Sketch, sketch

log = logging.getLogger(__name__)


def group_sketches(sketches: list[Sketch], settings: GroupSettings) -> Iterator[dict[str, Any]]:
    """Events of sketches that fit in memory, in the order of their first member."""
    for members, links in cluster(sketches, settings):
        yield build_event([sketches[i] for i in members], [(sketches[a], sketches[b], ln) for a, b, ln in links])


def _slices(sketches: list[Sketch], settings: GroupSettings) -> Iterator[list[Sketch]]:
    if len(sketches) <= settings.max_records:
        yield sketches
        return
    undated = [s for s in sketches if s.when is None]
    dated = sorted((s for s in sketches if s.when is not None), key=lambda s: s.when)
    chunk: list[Sketch] = []
    for s in dated:
        if chunk and (s.when - chunk[0].when >= settings.slice_days or len(chunk) >= settings.max_records):
            yield chunk
            chunk = []
        chunk.append(s)
    if chunk:
        yield chunk
    for i in range(0, len(undated), settings.max_records):
        yield undated[i:i + settings.max_records]


class Spill:
    """Sketches written to one file per province in a temporary folder (a stream of pickles: the
    folder is private to this run and removed when it ends)."""

    def __init__(self, folder: str | None = None) -> None:
        self._tmp = tempfile.TemporaryDirectory(prefix="extractor-events-", dir=folder)
        self.files: dict[str, Any] = {}
        self.counts: dict[str, int] = {}

    def add(self, s: Sketch) -> None:
        key = s.province
        fh = self.files.get(key)
        if fh is None:
            fh = self.files[key] = open(os.path.join(self._tmp.name, f"{key}.pickle"), "wb")
        pickle.dump(s, fh, protocol=pickle.HIGHEST_PROTOCOL)
        self.counts[key] = self.counts.get(key, 0) + 1

    def partitions(self) -> Iterator[list[Sketch]]:
        for fh in self.files.values():
            fh.close()
        for key in sorted(self.files):
            part = []
            with open(os.path.join(self._tmp.name, f"{key}.pickle"), "rb") as fh:
                for _ in range(self.counts[key]):
                    part.append(pickle.load(fh))
            yield part

    def close(self) -> None:
        for fh in self.files.values():
            fh.close()
        self._tmp.cleanup()


def _local(pieces: Iterable[list[Sketch]], settings: GroupSettings) -> Iterator[dict[str, Any]]:
    for piece in pieces:
        yield from group_sketches(piece, settings)


def group_stream(sketches: Iterable[Sketch], settings: GroupSettings, spill_dir: str | None = None,
                 map_pieces: Callable[..., Iterator[dict[str, Any]]] = _local) -> Iterator[dict[str, Any]]:
    """Events of a stream of sketches, holding at most ``max_records`` of them at a time;
    ``map_pieces(pieces, settings)`` groups the spilled partitions (``DaskGrouping.map_pieces``
    sends them to a cluster)."""
    held: list[Sketch] = []
    spill: Spill | None = None
    try:
        for s in sketches:
            if spill is not None:
                spill.add(s)
                continue
            held.append(s)
            if len(held) > settings.max_records:
                log.info("more than %d records: spilling sketches by province", settings.max_records)
                spill = Spill(spill_dir)
                for h in held:
                    spill.add(h)
                held = []
        if spill is None:
            yield from group_sketches(held, settings)
            return
        pieces = (piece for part in spill.partitions() for piece in _slices(part, settings))
        yield from map_pieces(pieces, settings)
    finally:
        if spill is not None:
            spill.close()


def sketches_of(records: Iterable[dict], settings: GroupSettings) -> Iterator[Sketch]:
    seen: set[str] = set()
    for order, rec in enumerate(records):
        s = sketch(rec, order, settings)
        if s.doc_id in seen:
            raise ValueError(f"doc_id {s.doc_id!r} occurs twice in the records: give each run once")
        seen.add(s.doc_id)
        yield s


def group(records: Iterable[dict], settings: GroupSettings | None = None,
          spill_dir: str | None = None) -> Iterator[dict[str, Any]]:
    """Events (dicts) of record dicts: the library form of ``extractor events``."""
    settings = settings or GroupSettings()
    yield from group_stream(sketches_of(records, settings), settings, spill_dir)
