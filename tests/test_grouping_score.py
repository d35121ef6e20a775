"""Scoring a grouping: pairwise and B-cubed figures, hard negatives, the gold folder format; and the
shared events gold (skipped when ../shared/events is absent)."""
import os

import pytest

from extractor.cli import main
from extractor.grouping.score import EventsGoldError, gold_assignment, read_clusters, score

from .conftest import DEVSET, ROOT

EVENTS = os.path.normpath(os.path.join(ROOT, "..", "shared", "events"))


def test_perfect_and_merged_groupings():
    gold = {"a": "1", "b": "1", "c": "2", "d": "3"}
    perfect = score({"a": "x", "b": "x", "c": "y", "d": "z"}, gold, hard_negatives=["c"])
    assert perfect.pairwise["f1"] == perfect.bcubed["f1"] == 1.0 and perfect.hard_negatives_merged == []
    merged = score({"a": "x", "b": "x", "c": "x", "d": "z"}, gold, hard_negatives=["c"])
    assert merged.pairwise == {"precision": round(1 / 3, 4), "recall": 1.0, "f1": 0.5}
    # B-cubed precision: a, b, c see 2/3, 2/3, 1/3 of their event as theirs, d all: (5/3 + 1) / 4
    assert merged.bcubed["precision"] == round((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4, 4)
    assert merged.hard_negatives_merged == ["c"]
    assert merged.false_pairs == [("a", "c"), ("b", "c")]


def test_a_document_missing_from_the_grouping_is_its_own_event():
    s = score({"a": "x"}, {"a": "1", "b": "1"})
    assert s.pairwise["recall"] == 0.0 and s.missed_pairs == [("a", "b")]


def test_gold_folder_format(tmp_path):
    with pytest.raises(EventsGoldError, match="no clusters.tsv"):
        read_clusters(str(tmp_path))
    (tmp_path / "clusters.tsv").write_text("file\tevent\tnote\nx1.txt\te1\t\nx2.txt\te1\t\ny1.txt\te2\tclose\n",
                                           encoding="utf-8")
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "z.txt").write_text("teks", encoding="utf-8")
    gold, hard = gold_assignment(str(tmp_path), [str(tmp_path / "more")])
    assert gold == {"x1": "e1", "x2": "e1", "y1": "e2", "z": "distractor:z"} and hard == ["y1"]


@pytest.mark.slow
@pytest.mark.skipif(not os.path.isdir(EVENTS) or not os.path.isdir(DEVSET), reason="../shared/events is not present")
def test_shared_events_gold_meets_the_targets(nlp, capsys):
    from extractor.grouping.score import evaluate_events

    s = evaluate_events(EVENTS, [DEVSET])
    assert s.pairwise["f1"] >= 0.90 and s.bcubed["f1"] >= 0.93, s.table()
    assert s.hard_negatives >= 1 and s.hard_negatives_merged == []


def test_evaluate_events_names_missing_records(tmp_path, capsys):
    assert main(["evaluate", "--events", str(tmp_path), "--records", str(tmp_path / "r.jsonl")]) == 2
    assert "r.jsonl do not exist" in capsys.readouterr().err


def test_evaluate_events_on_records_prints_the_scores(tmp_path, capsys):
    import json

    from .test_grouping import BRIDGE, FEAST, rec

    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "clusters.tsv").write_text("file\tevent\nga.txt\te1\ngb.txt\te1\ngc.txt\te2\n", encoding="utf-8")
    rows = [rec("ga", "2024-03-05", text=BRIDGE), rec("gb", "2024-03-05", text=BRIDGE + " warga"),
            rec("gc", "2024-03-05", text=FEAST, region="71.06", regions=("71.06",),
                people=(("Yohanes Lumi", "Bupati"),))]
    records = tmp_path / "gold.jsonl"
    records.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert main(["evaluate", "--events", str(gold), "--records", str(records), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)["events:gold"]
    assert report["pairwise"]["f1"] == 1.0 and report["bcubed"]["f1"] == 1.0
    assert report["hard_negatives"] == 1 and report["hard_negatives_merged"] == []
