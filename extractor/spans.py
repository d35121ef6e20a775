"""Overlap queries over character spans by bisection, so stages stay linear on texts with thousands
of names, places or organisations (a pairwise test is quadratic)."""
from __future__ import annotations

import bisect
import itertools


class Overlaps:
    """Which of some spans (start, end) overlap a query span [s, e)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.order = sorted(range(len(spans)), key=lambda i: spans[i])
        self.spans = [spans[i] for i in self.order]
        self.starts = [a for a, _ in self.spans]
        self.reach = list(itertools.accumulate((b for _, b in self.spans), max))  # ends' running maximum

    def hits(self, s: int, e: int) -> list[int]:
        """Indices (into the spans given) of those overlapping [s, e), in ascending order."""
        lo, hi = bisect.bisect_right(self.reach, s), bisect.bisect_left(self.starts, e)
        return sorted(self.order[k] for k in range(lo, hi) if self.spans[k][1] > s)

    def any(self, s: int, e: int) -> bool:
        lo, hi = bisect.bisect_right(self.reach, s), bisect.bisect_left(self.starts, e)
        return any(self.spans[k][1] > s for k in range(lo, hi))


def free(spans: list[tuple[int, int]], taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans that overlap none of ``taken``, in their order."""
    index = Overlaps(taken)
    return [(s, e) for s, e in spans if not index.any(s, e)]
