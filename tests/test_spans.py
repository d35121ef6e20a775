"""Overlap queries by bisection give what the pairwise test gives."""
import random

import pytest

from extractor.spans import Overlaps, free


def pairwise(spans, s, e):
    return [i for i, (a, b) in enumerate(spans) if a < e and s < b]


@pytest.mark.parametrize("seed", range(20))
def test_overlaps_equal_the_pairwise_test(seed):
    rng = random.Random(seed)
    spans = [(a, a + rng.randint(1, 30)) for a in (rng.randint(0, 200) for _ in range(rng.randint(0, 40)))]
    index = Overlaps(spans)
    for _ in range(50):
        s = rng.randint(0, 230)
        e = s + rng.randint(1, 40)
        assert index.hits(s, e) == pairwise(spans, s, e)
        assert index.any(s, e) == bool(pairwise(spans, s, e))


@pytest.mark.parametrize("spans, taken, expected", [
    ([(0, 5), (10, 15), (20, 25)], [(4, 11)], [(20, 25)]),
    ([(0, 5), (5, 10)], [(5, 5)], [(0, 5), (5, 10)]),          # an empty span overlaps nothing
    ([(0, 100)], [(40, 41)], []),                              # a long span holding a short one
    ([(0, 3)], [], [(0, 3)]),
])
def test_free_keeps_the_spans_that_touch_nothing_taken(spans, taken, expected):
    assert free(spans, taken) == expected
