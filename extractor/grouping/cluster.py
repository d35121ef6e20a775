"""From sketches to events: candidate pairs from an LSH index and blocking keys, then average-linkage
clustering that never joins two groups holding a vetoed pair.

Candidates (never all pairs):

* MinHash LSH (bands of the ``datasketch`` signatures, see ``lsh_pairs``) gives pairs whose texts
  share shingles;
* blocking keys give pairs that share a regency on neighbouring days, or an official's name on
  neighbouring days, or a regency and a date that differs in the month or the year only (a slip),
  or (for a release without an event date) a regency and an official's name. A key shared by more
  than ``max_block`` records is skipped.

Clustering is best-first average linkage on those pairs: two groups merge when the mean score of
all their cross pairs (computed when the merge is considered, so a group of n records is compared
n x m times, not the corpus) reaches ``threshold`` and no cross pair is vetoed. Each merge keeps the
strongest cross pair as the link that explains it.
"""
from __future__ import annotations

import datetime as dt
import heapq
from collections import defaultdict
from collections.abc import Iterator
from itertools import combinations

import numpy as np
from datasketch import MinHashLSH

from .settings import GroupSettings
from .signals import Link, compare
from .sketch import EMPTY, Sketch


def _keys(s: Sketch) -> Iterator[tuple]:
    regs = s.regencies[:3]
    names = {tok for o in s.officials for tok in o.key if len(tok) >= 4}
    when = s.when
    if s.date is not None:  # dates that differ in one field only (signals.one_field_slip) can meet
        d = dt.date.fromordinal(s.date)
        for r in regs:
            yield ("ym", r, d.month, d.day)
            yield ("yd", r, d.year, d.day)
    if when is not None:
        for d in (when, when + 1):
            for r in regs:
                yield ("rd", r, d)
            for n in names:
                yield ("nd", n, d)
    for r in regs:  # pairs of this block need an undated member (see candidate_pairs)
        for n in names:
            yield ("rn", r, n)


def candidate_pairs(sketches: list[Sketch], settings: GroupSettings) -> set[tuple[int, int]]:
    """Index pairs (i < j) worth comparing."""
    pairs: set[tuple[int, int]] = set()
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for i, s in enumerate(sketches):
        for key in _keys(s):
            blocks[key].append(i)
    for key, members in blocks.items():
        if not 1 < len(members) <= settings.max_block:
            continue
        members = sorted(set(members))
        if key[0] == "rn":  # regency x official over all time: only to place the undated records
            undated = [i for i in members if sketches[i].date is None]
            pairs.update((min(i, j), max(i, j)) for i in undated for j in members if i != j)
        else:
            pairs.update(combinations(members, 2))
    del blocks
    pairs.update(lsh_pairs(sketches, settings))
    return pairs


def lsh_pairs(sketches: list[Sketch], settings: GroupSettings) -> Iterator[tuple[int, int]]:
    """Pairs whose signatures agree on all rows of at least one band: MinHash LSH with the band
    count and width ``datasketch.MinHashLSH`` chooses for ``lsh_threshold``, the buckets sorted in
    numpy (a few bytes per record and band, where the index's tables cost kilobytes per record).
    Buckets bigger than ``max_block`` (boilerplate every release shares) are skipped."""
    if len(sketches) < 2:
        return
    params = MinHashLSH(threshold=settings.lsh_threshold, num_perm=settings.num_perm)
    sig = np.stack([s.minhash for s in sketches])
    live = np.flatnonzero(sig[:, 0] != EMPTY)  # an empty text is like no other
    for band in range(params.b):
        rows = sig[live, band * params.r:(band + 1) * params.r]
        key = np.zeros(len(live), dtype=np.uint64)
        for col in range(rows.shape[1]):
            key = key * np.uint64(0x9E3779B97F4A7C15) ^ rows[:, col]
        order = np.argsort(key, kind="stable")
        sorted_key = key[order]
        edges = np.flatnonzero(np.diff(sorted_key)) + 1
        starts = np.concatenate(([0], edges))
        ends = np.concatenate((edges, [len(order)]))
        for a, b in zip(starts[ends - starts > 1], ends[ends - starts > 1]):
            if b - a <= settings.max_block:
                yield from combinations(sorted(live[order[a:b]].tolist()), 2)


class _Groups:
    """Best-first average linkage with cannot-links, over a sparse candidate graph."""

    def __init__(self, sketches: list[Sketch], settings: GroupSettings) -> None:
        self.sk, self.s = sketches, settings
        self.members: dict[int, list[int]] = {i: [i] for i in range(len(sketches))}
        self.neighbours: dict[int, set[int]] = defaultdict(set)
        self.links: dict[tuple[int, int], Link] = {}
        self.explained: dict[int, list[tuple[int, int, Link]]] = defaultdict(list)
        self.next_id = len(sketches)

    def link(self, i: int, j: int) -> Link:
        key = (i, j) if i < j else (j, i)
        found = self.links.get(key)
        if found is None:
            found = self.links[key] = compare(self.sk[key[0]], self.sk[key[1]], self.s)
        return found

    def cross(self, a: int, b: int) -> tuple[float, tuple[int, int, Link] | None]:
        """Mean score of the cross pairs of groups a and b (-inf when one is vetoed) and the best."""
        total, best = 0.0, None
        for i in self.members[a]:
            for j in self.members[b]:
                ln = self.link(i, j)
                if ln.veto:
                    return float("-inf"), (i, j, ln)
                total += ln.score
                if best is None or ln.score > best[2].score:
                    best = (i, j, ln)
        return total / (len(self.members[a]) * len(self.members[b])), best

    def run(self, pairs: set[tuple[int, int]]) -> list[list[int]]:
        heap: list[tuple[float, int, int]] = []
        for i, j in pairs:  # only links that could start a merge are kept; others are recomputed if needed
            ln = compare(self.sk[i], self.sk[j], self.s)
            if ln.veto is None and ln.score >= self.s.threshold:
                self.links[(i, j)] = ln
                self.neighbours[i].add(j)
                self.neighbours[j].add(i)
                heapq.heappush(heap, (-ln.score, i, j))
        while heap:
            bound, a, b = heapq.heappop(heap)
            if a not in self.members or b not in self.members:
                continue
            mean, best = self.cross(a, b)
            if mean < self.s.threshold:
                continue
            if heap and -heap[0][0] > mean + 1e-9 and mean < -bound - 1e-9:
                heapq.heappush(heap, (-mean, a, b))  # exact value below another's bound: re-queue
                continue
            self._merge(a, b, best, heap)
        return sorted((sorted(m) for m in self.members.values()), key=lambda m: m[0])

    def _merge(self, a: int, b: int, best: tuple[int, int, Link] | None, heap: list) -> None:
        c = self.next_id
        self.next_id += 1
        self.members[c] = self.members.pop(a) + self.members.pop(b)
        self.explained[c] = self.explained.pop(a, []) + self.explained.pop(b, []) + ([best] if best else [])
        near = (self.neighbours.pop(a, set()) | self.neighbours.pop(b, set())) - {a, b}
        self.neighbours[c] = near
        for x in near:
            self.neighbours[x] -= {a, b}
            self.neighbours[x].add(c)
            bound = max((self.links[k].score for k in self._pair_keys(c, x) if k in self.links), default=0.0)
            if bound >= self.s.threshold:
                heapq.heappush(heap, (-bound, c, x))

    def _pair_keys(self, a: int, b: int) -> Iterator[tuple[int, int]]:
        for i in self.members[a]:
            for j in self.members[b]:
                yield (i, j) if i < j else (j, i)


def cluster(sketches: list[Sketch], settings: GroupSettings) -> list[tuple[list[int], list[tuple[int, int, Link]]]]:
    """Groups of sketch indexes, each with the links that joined it (one per merge)."""
    groups = _Groups(sketches, settings)
    result = groups.run(candidate_pairs(sketches, settings))
    by_members = {tuple(sorted(m)): gid for gid, m in groups.members.items()}
    return [(m, groups.explained.get(by_members[tuple(m)], [])) for m in result]
