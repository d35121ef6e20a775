"""The quality gate: evaluation figures may not fall below the floors pinned in eval_baseline.json.

Raise floors after an improvement with
    extractor evaluate --gold data/samples --gold ../shared/devset --baseline tests/eval_baseline.json --update-baseline
Lowering a floor needs --allow-lower and is visible in the diff of the baseline file.
"""
import os

import pytest

from extractor import baseline as B
from extractor.evaluate import evaluate, gold_hash

from .conftest import DEVSET, SAMPLES

BASELINE = os.path.join(os.path.dirname(__file__), "eval_baseline.json")


@pytest.mark.parametrize("name,folder", [("samples", SAMPLES), ("devset", DEVSET)])
def test_figures_stay_above_their_floors(name, folder, nlp):
    if not os.path.isdir(folder):
        pytest.skip(f"{folder} is not present on this machine")
    scores = evaluate(folder, nlp)
    problems = B.check(B.read(BASELINE), name, gold_hash(folder), scores.headline())
    assert not problems, "\n".join(problems)
