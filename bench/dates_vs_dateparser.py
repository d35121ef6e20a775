"""Event-date accuracy and speed on the devset: the date grammar vs. dateparser's search_dates.

Compares, per devset document (``dNNN.txt`` without its ``# source:`` line, gold ``event_date`` in
``dNNN.json``):
  grammar      extractor.dates.find_dates + event_date (regex grammar, no dateparser)
  grammar+dp   the grammar, and where it finds no event date, dateparser on the sentences holding a
               month/weekday/"tanggal" word the grammar did not consume (extractor.datefallback,
               what the pipeline runs)
  dateparser   dateparser.search.search_dates alone, its first date taken as the event date (naive)
A null gold date counts as correct only when the method returns no event date. Speed is documents per
second, the best of several timed passes after a warm-up pass. The devset gives no publication dates,
so no RELATIVE_BASE is set. Usage: python bench/dates_vs_dateparser.py [--devset DIR] [--repeat N]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor.datefallback import fallback_event  # noqa: E402
from extractor.dates import event_date, find_dates  # noqa: E402

SETTINGS = {"DATE_ORDER": "DMY", "PREFER_DATES_FROM": "past"}
Doc = tuple[str, str, dt.date | None]


def load(devset: Path) -> list[Doc]:
    docs = []
    for txt in sorted(devset.glob("d[0-9][0-9][0-9].txt")):
        text = txt.read_text("utf-8").split("\n", 1)[1]
        gold = json.loads(txt.with_suffix(".json").read_text("utf-8")).get("event_date")
        docs.append((txt.stem, text, dt.date.fromisoformat(gold) if gold else None))
    if not docs:
        raise SystemExit(f"no dNNN.txt documents in {devset}")
    return docs


def by_grammar(text: str) -> dt.date | None:
    found = event_date(find_dates(text))
    return found.value if found else None


def by_grammar_dp(text: str) -> dt.date | None:
    mentions = find_dates(text)
    found = event_date(mentions)
    if found:
        return found.value
    extra = fallback_event(text, mentions)
    return extra.value if extra else None


def by_dateparser(text: str) -> dt.date | None:
    from dateparser.search import search_dates
    found = search_dates(text, languages=["id"], settings=SETTINGS)
    return found[0][1].date() if found else None


def run(method: Callable[[str], dt.date | None], docs: list[Doc], repeat: int) -> tuple[list, float]:
    answers = [method(text) for _, text, _ in docs]          # warm-up pass, also the answers
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _, text, _ in docs:
            method(text)
        best = min(best, time.perf_counter() - t0)
    return answers, len(docs) / best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--devset", type=Path, default=ROOT.parent / "shared" / "devset")
    ap.add_argument("--repeat", type=int, default=5, help="timed passes for dateparser (grammar: x40)")
    args = ap.parse_args()
    docs = load(args.devset)
    warnings.simplefilter("ignore")                          # dateparser's own deprecation noise
    methods = {"grammar": (by_grammar, args.repeat * 40), "grammar+dp": (by_grammar_dp, args.repeat),
               "dateparser": (by_dateparser, args.repeat)}
    results = {name: run(fn, docs, n) for name, (fn, n) in methods.items()}
    gold = [g for _, _, g in docs]
    print(f"{len(docs)} documents from {args.devset}\n")
    print(f"{'method':<12} {'correct':>8} {'accuracy':>9} {'docs/s':>10} {'speed vs dateparser':>20}")
    base = results["dateparser"][1]
    for name, (answers, rate) in results.items():
        ok = sum(a == g for a, g in zip(answers, gold))
        print(f"{name:<12} {ok:>5}/{len(docs):<2} {ok / len(docs):>9.1%} {rate:>10.1f} {rate / base:>19.1f}x")
    print("\nper document (gold | grammar | grammar+dp | dateparser):")
    for i, (doc_id, _, g) in enumerate(docs):
        row = [results[n][0][i] for n in results]
        marks = " ".join("ok" if a == g else "XX" for a in row)
        print(f"  {doc_id}  {g!s:<10} | " + " | ".join(f"{a!s:<10}" for a in row) + f"   {marks}")
    misses = [(d, g, a) for (d, _, g), a in zip(docs, results["grammar"][0]) if a != g]
    print(f"\ngrammar misses: {len(misses)}")
    for doc_id, g, a in misses:
        print(f"  {doc_id}: gold {g}, grammar {a}")


if __name__ == "__main__":
    main()
