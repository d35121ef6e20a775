"""Event grouping on a Dask cluster (``extractor events --dask ADDRESS``), on the pattern of
``extractor.distributed``: the same ``DaskPool`` client, batches in input order, a bounded number of
batches in flight. Sketching (reading texts, MinHash) runs on the workers in batches of records; with
a spilled run, each province (or time slice) is grouped on a worker too. The events are the same as
in a local run.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .partition import group_sketches
from .settings import GroupSettings
from .sketch import Sketch, sketch


def sketch_batch(batch: list[tuple[int, dict]], settings: GroupSettings) -> list[Sketch]:
    """Executed on a worker: the sketches of (order, record) pairs."""
    return [sketch(rec, order, settings) for order, rec in batch]


def group_piece(piece: list[Sketch], settings: GroupSettings) -> list[dict[str, Any]]:
    """Executed on a worker: the events of one partition or slice."""
    return list(group_sketches(piece, settings))


def _ordered(client: Any, fn: Callable, items: Iterable[Any], settings: GroupSettings, in_flight: int) -> Iterator[Any]:
    futures: deque[Any] = deque()
    for item in items:
        futures.append(client.submit(fn, item, settings, pure=False))
        if len(futures) >= in_flight:
            yield futures.popleft().result()
    while futures:
        yield futures.popleft().result()


class DaskGrouping:
    """Sketching and partition grouping on a Dask cluster; use as a context manager."""

    def __init__(self, address: str, workers: int = 2, batch_size: int = 500) -> None:
        from ..distributed import DaskPool

        self.pool = DaskPool(address, workers=workers)
        self.batch_size = batch_size
        self.in_flight = self.pool.in_flight

    def __enter__(self) -> DaskGrouping:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.pool.__exit__(*exc)

    def sketches(self, records: Iterable[dict], settings: GroupSettings) -> Iterator[Sketch]:
        from ..distributed import batched

        seen: set[str] = set()
        for done in _ordered(self.pool.client, sketch_batch, batched(enumerate(records), self.batch_size),
                             settings, self.in_flight):
            for s in done:
                if s.doc_id in seen:
                    raise ValueError(f"doc_id {s.doc_id!r} occurs twice in the records: give each run once")
                seen.add(s.doc_id)
                yield s

    def map_pieces(self, pieces: Iterable[list[Sketch]], settings: GroupSettings) -> Iterator[dict[str, Any]]:
        for events in _ordered(self.pool.client, group_piece, pieces, settings, self.in_flight):
            yield from events
