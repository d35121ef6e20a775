"""Running the same batch on a Dask distributed cluster (``extractor run --dask ADDRESS``).

The client (the ``extractor run`` process) walks the inputs and sends tasks in batches; a file
input travels as its path, so the workers read it themselves (they must reach the same paths: a
shared or network file system), a JSONL line or stdin travels as its text. Each worker process builds
the pipeline once. Results come back in input order and are written by the client exactly as in a
local run, so the records are identical. The client is the only writer: it holds the output's lock
(``extractor.lock``) and the workers never touch the output. ``--dask local`` starts a LocalCluster on
this machine, bound to loopback.

The per-document time limit is not enforced on Dask (a task cannot be stopped from outside without
stopping its worker); give the workers a ``--lifetime`` or watch the dashboard instead.

Start a cluster by hand::

    dask scheduler --host 0.0.0.0 --port 8786          # on one machine
    dask worker tcp://SCHEDULER:8786 --nworkers 2 --nthreads 1   # on each machine, extractor installed
    extractor run /shared/corpus -o out.jsonl --dask tcp://SCHEDULER:8786
"""
from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from .batch import Result, Task, run_task


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Lists of ``size`` items in order (the last one shorter): the unit of work sent to a Dask worker."""
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def run_batch(tasks: list[Task], settings: Any = None) -> list[Result]:
    """Executed on a Dask worker: extract a batch with the worker process's pipeline, built with
    the submitting process's settings (a remote worker does not share its configuration)."""
    from .pipeline import configure, load

    if settings is not None:
        configure(settings)
    nlp = load()
    return [run_task(nlp, t) for t in tasks]


class DaskPool:
    """``imap(tasks)`` over a Dask cluster, in task order, with a bounded number of batches in flight."""

    def __init__(self, address: str, workers: int = 2, batch_size: int = 16, in_flight: int | None = None) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - depends on the install
            from .errors import UsageError

            raise UsageError("--dask needs the 'distributed' package: pip install 'extractor[dask]'") from exc
        self.cluster = None
        if address == "local":
            self.cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                                        host="127.0.0.1", dashboard_address=None)
            self.client = Client(self.cluster)
        else:
            self.client = Client(address)
        self.batch_size = batch_size
        self.in_flight = in_flight or 4 * max(1, len(self.client.scheduler_info().get("workers", {})) or workers)
        self.timings: dict[str, float] = {}
        self.restarts = 0

    def __enter__(self) -> DaskPool:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def imap(self, tasks: Iterable[Task]) -> Iterator[Result]:
        from .pipeline import default_settings

        futures: deque[Any] = deque()
        batches = batched(tasks, self.batch_size)
        for batch in batches:
            futures.append(self.client.submit(run_batch, batch, default_settings(), pure=False))
            if len(futures) >= self.in_flight:
                yield from self._collect(futures.popleft())
        while futures:
            yield from self._collect(futures.popleft())

    def _collect(self, future: Any) -> Iterator[Result]:
        for result in future.result():
            for k, v in result.timings.items():
                self.timings[k] = self.timings.get(k, 0.0) + v
            yield result
