"""The quality gate: evaluation figures may not fall below the floors pinned in eval_baseline.json.

The dev set is gated in two parts: d000-d015, which the rules were written beside, and d101-d124,
fresh releases no rule was written beside (the honest estimate of accuracy on unseen releases).
Raise floors after an improvement with
    extractor evaluate --gold data/samples --gold ../shared/devset --part tuned='d0*' --part fresh='d1*' \
        --baseline tests/eval_baseline.json --update-baseline
Lowering a floor needs --allow-lower and is visible in the diff of the baseline file.
"""
import os

import pytest

from extractor import baseline as B
from extractor.evaluate import evaluate, gold_hash

from .conftest import DEVSET, SAMPLES

BASELINE = os.path.join(os.path.dirname(__file__), "eval_baseline.json")
PARTS = [("samples", SAMPLES, None), ("devset:tuned", DEVSET, "d0*"), ("devset:fresh", DEVSET, "d1*")]


@pytest.mark.parametrize("name,folder,pattern", PARTS, ids=[p[0] for p in PARTS])
def test_figures_stay_above_their_floors(name, folder, pattern, nlp):
    if not os.path.isdir(folder):
        pytest.skip(f"{folder} is not present on this machine")
    scores = evaluate(folder, nlp, pattern)
    problems = B.check(B.read(BASELINE), name, gold_hash(folder, pattern), scores.headline())
    assert not problems, "\n".join(problems)


def test_the_tuned_part_is_the_gold_set_the_old_floors_were_pinned_on():
    # d000-d015 are the files the devset floors were first pinned on: the same hash
    if not os.path.isdir(DEVSET):
        pytest.skip(f"{DEVSET} is not present on this machine")
    assert B.read(BASELINE)["devset:tuned"]["gold_sha256"] == "5bb8aa0c57dbe511c250c62adb823f0221962622b99d96228e6d36a630c8e425"
