"""Scoring a grouping against a gold folder (``extractor evaluate --events DIR``).

The gold folder holds releases (``NAME.txt``/``.html``) and ``clusters.tsv`` with the columns
``file``, ``event`` (and ``date``, ``region``, ``note`` for people): files with the same event
report the same event; an event with one file is a hard negative (close to another event, not it).
Distractor folders add releases that are all singletons. Figures:

* pairwise precision, recall and F1 over the pairs of documents put in one event;
* B-cubed precision, recall and F1 (per document: the share of its predicted event that is in its
  gold event, and the reverse, averaged);
* hard negatives merged: gold singletons of ``clusters.tsv`` that ended up in an event with a
  document of the gold folder.
"""
from __future__ import annotations

import csv
import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

TEXT_SUFFIXES = (".txt", ".html", ".htm")


class EventsGoldError(ValueError):
    """The events gold folder is missing or malformed."""


def read_clusters(folder: str) -> dict[str, str]:
    """doc id (file stem) -> gold event, from ``folder/clusters.tsv``."""
    path = os.path.join(folder, "clusters.tsv")
    if not os.path.isfile(path):
        raise EventsGoldError(f"{folder!r} has no clusters.tsv (columns: file, event, ...)")
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    if not rows or not {"file", "event"} <= set(rows[0]):
        raise EventsGoldError(f"{path}: needs the columns file and event")
    out = {}
    for n, row in enumerate(rows, 2):
        if not row.get("file") or not row.get("event"):
            raise EventsGoldError(f"{path}:{n}: empty file or event")
        out[os.path.splitext(row["file"])[0]] = row["event"]
    return out


def documents(folder: str) -> list[str]:
    """The release files of a folder, sorted."""
    if not os.path.isdir(folder):
        raise EventsGoldError(f"{folder!r} is not a folder")
    return sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(TEXT_SUFFIXES))


@dataclass
class EventScores:
    pairwise: dict[str, float] = field(default_factory=dict)
    bcubed: dict[str, float] = field(default_factory=dict)
    documents: int = 0
    gold_events: int = 0
    predicted_events: int = 0
    hard_negatives: int = 0
    hard_negatives_merged: list[str] = field(default_factory=list)
    false_pairs: list[tuple[str, str]] = field(default_factory=list)
    missed_pairs: list[tuple[str, str]] = field(default_factory=list)

    def table(self) -> dict[str, Any]:
        return {"documents": self.documents, "gold_events": self.gold_events,
                "predicted_events": self.predicted_events, "pairwise": self.pairwise, "bcubed": self.bcubed,
                "hard_negatives": self.hard_negatives, "hard_negatives_merged": self.hard_negatives_merged,
                "false_pairs": self.false_pairs, "missed_pairs": self.missed_pairs}


def _prf(tp: float, fp: float, fn: float) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4)}


def _pairs(assign: dict[str, str]) -> set[tuple[str, str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for doc, ev in assign.items():
        groups[ev].append(doc)
    return {(a, b) for docs in groups.values() for i, a in enumerate(sorted(docs)) for b in sorted(docs)[i + 1:]}


def score(predicted: dict[str, str], gold: dict[str, str], hard_negatives: Iterable[str] = ()) -> EventScores:
    """Scores of a doc -> event assignment against the gold one, over the gold's documents (a
    document missing from ``predicted`` counts as its own event)."""
    pred = {d: predicted.get(d, f"missing:{d}") for d in gold}
    gp, pp = _pairs(gold), _pairs(pred)
    out = EventScores(documents=len(gold), gold_events=len(set(gold.values())),
                      predicted_events=len(set(pred.values())))
    out.pairwise = _prf(len(gp & pp), len(pp - gp), len(gp - pp))
    out.false_pairs, out.missed_pairs = sorted(pp - gp), sorted(gp - pp)
    g_members: dict[str, set[str]] = defaultdict(set)
    p_members: dict[str, set[str]] = defaultdict(set)
    for d in gold:
        g_members[gold[d]].add(d)
        p_members[pred[d]].add(d)
    bp = sum(len(p_members[pred[d]] & g_members[gold[d]]) / len(p_members[pred[d]]) for d in gold) / len(gold)
    br = sum(len(p_members[pred[d]] & g_members[gold[d]]) / len(g_members[gold[d]]) for d in gold) / len(gold)
    out.bcubed = {"precision": round(bp, 4), "recall": round(br, 4),
                  "f1": round(2 * bp * br / (bp + br) if bp + br else 0.0, 4)}
    hard = list(hard_negatives)
    out.hard_negatives = len(hard)
    out.hard_negatives_merged = sorted(d for d in hard if len(p_members[pred[d]]) > 1)
    return out


def gold_assignment(folder: str, distractors: Iterable[str] = ()) -> tuple[dict[str, str], list[str]]:
    """(doc -> gold event over the gold folder and the distractors, the hard-negative doc ids)."""
    clusters = read_clusters(folder)
    sizes: dict[str, int] = defaultdict(int)
    for ev in clusters.values():
        sizes[ev] += 1
    gold = dict(clusters)
    for d in distractors:
        for path in documents(d):
            stem = os.path.splitext(os.path.basename(path))[0]
            if stem in gold:
                raise EventsGoldError(f"distractor {path} has the id {stem!r} of a gold document")
            gold[stem] = f"distractor:{stem}"
    return gold, sorted(d for d, ev in clusters.items() if sizes[ev] == 1)


def extract_records(folders: Iterable[str]) -> list[dict]:
    """Records of every release in the folders, with the shared pipeline (for an evaluation without
    ``--records``)."""
    from ..inputs import read_file
    from ..pipeline import load

    nlp = load()
    return [nlp.process(read_file(p)).as_dict() for f in folders for p in documents(f)]


def evaluate_events(folder: str, distractors: Iterable[str] = (), records: list[dict] | None = None,
                    settings: Any = None) -> EventScores:
    """Group the records of a gold folder (and distractors) and score the grouping."""
    from .partition import group

    distractors = list(distractors)
    gold, hard = gold_assignment(folder, distractors)
    if records is None:
        records = extract_records([folder, *distractors])
    predicted = {m["doc_id"]: ev["event_id"] for ev in group(records, settings) for m in ev["members"]}
    return score(predicted, gold, hard)


def format_scores(s: EventScores, title: str) -> str:
    lines = [f"{title}: {s.documents} documents, {s.gold_events} gold events, {s.predicted_events} predicted",
             f"  {'':10} {'P':>7} {'R':>7} {'F1':>7}"]
    for name, prf in (("pairwise", s.pairwise), ("B-cubed", s.bcubed)):
        lines.append(f"  {name:10} {prf['precision']:7.3f} {prf['recall']:7.3f} {prf['f1']:7.3f}")
    lines.append(f"  hard negatives merged: {len(s.hard_negatives_merged)} of {s.hard_negatives}"
                 + (f" ({', '.join(s.hard_negatives_merged)})" if s.hard_negatives_merged else ""))
    for a, b in s.false_pairs[:20]:
        lines.append(f"  false pair: {a} + {b}")
    for a, b in s.missed_pairs[:20]:
        lines.append(f"  missed pair: {a} + {b}")
    return "\n".join(lines)
