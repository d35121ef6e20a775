"""Throughput and memory of the whole pipeline on a synthetic corpus (a script that prints; no test).

For each corpus size N (default 1,000 and 10,000 releases made by bench/make_corpus.py) and for 1 and 2
worker processes it prints documents and words per second, the peak memory (VmHWM) of each worker,
and the share of time per stage. On the same texts, in the same run, it also prints spaCy's blank
Indonesian tokenizer alone (the floor any spaCy pipeline pays) and the NER model alone, and the
pipeline's speed as a ratio of each.

    python bench/pipeline.py [--sizes 1000 10000] [--workers 1 2] [--seed 0]

Targets (issue 5): pipeline >= 60% of the NER model alone; 2 workers >= 1.7x one; peak memory per
worker <= 400 MB and flat from 1,000 to 10,000 documents.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from make_corpus import make_corpus  # noqa: E402

from extractor.batch import Task, WorkerPool  # noqa: E402
from extractor.inputs import InputDoc  # noqa: E402


def vm_hwm_mb(pid: int) -> float:
    """Peak resident memory of a process (Linux /proc), in MB."""
    with open(f"/proc/{pid}/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def corpus(n: int, seed: int) -> list[tuple[str, str]]:
    return list(make_corpus(n, seed))


def words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def run_pipeline(docs: list[tuple[str, str]], workers: int) -> dict:
    tasks = (Task(i, doc=InputDoc(doc_id=d, text=t, source=d), doc_id=d) for i, (d, t) in enumerate(docs))
    t0 = time.perf_counter()
    with WorkerPool(workers, doc_timeout=None) as pool:
        n_err = sum(1 for r in pool.imap(tasks) if r.error is not None)
        seconds = time.perf_counter() - t0
        peaks = [vm_hwm_mb(w.proc.pid) for w in pool.workers]
        timings = dict(pool.timings)
    return {"seconds": seconds, "errors": n_err, "peaks": peaks, "timings": timings}


def time_alone(texts: list[str], fn) -> float:
    t0 = time.perf_counter()
    for t in texts:
        fn(t)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    import spacy

    from extractor import ner
    from extractor.pipeline import load

    blank = spacy.blank("id")
    try:
        ner_nlp = ner.load_model()
    except Exception as exc:  # noqa: BLE001 - the bench still runs without a model
        ner_nlp = None
        print(f"(no NER model: {exc})")
    print(f"machine: {os.cpu_count()} cores; pipeline stages: {', '.join(load().stage_names)}\n")
    print(f"{'N':>6} {'setting':<22} {'docs/s':>8} {'words/s':>9} {'vs NER':>7} {'vs tok':>7} "
          f"{'peak MB/worker':>16}")
    shares: dict[str, dict[str, float]] = {}
    for n in args.sizes:
        docs = corpus(n, args.seed)
        texts = [t for _, t in docs]
        nw = words(texts)
        sample = texts[: min(n, 1000)]
        tok_s = time_alone(sample, blank.make_doc) / len(sample)
        print(f"{n:>6} {'tokenizer alone':<22} {1 / tok_s:>8.1f} {nw / n / tok_s:>9.0f}")
        ner_s = None
        if ner_nlp is not None:
            ner_s = time_alone(sample, ner_nlp) / len(sample)
            print(f"{n:>6} {'NER model alone':<22} {1 / ner_s:>8.1f} {nw / n / ner_s:>9.0f} {'1.00':>7}")
        base = None
        for w in args.workers:
            r = run_pipeline(docs, w)
            dps = n / r["seconds"]
            base = base or dps
            vs_ner = f"{dps * ner_s:.2f}" if ner_s else "-"
            peaks = "/".join(f"{p:.0f}" for p in r["peaks"])
            label = f"pipeline {w} worker{'s' if w > 1 else ''}" + (f" ({dps / base:.2f}x)" if w > 1 else "")
            print(f"{n:>6} {label:<22} {dps:>8.1f} {nw / r['seconds']:>9.0f} {vs_ner:>7} "
                  f"{dps * tok_s:>7.2f} {peaks:>16}" + (f"  errors: {r['errors']}" if r["errors"] else ""))
            total = sum(r["timings"].values()) or 1.0
            shares[f"N={n}, {w}w"] = {k: v / total for k, v in r["timings"].items()}
    print("\nshare of pipeline time per stage:")
    stages = list(next(iter(shares.values())).keys()) if shares else []
    print(f"{'stage':<26}" + "".join(f"{k:>14}" for k in shares))
    for s in stages:
        print(f"{s:<26}" + "".join(f"{v.get(s, 0) * 100:>13.1f}%" for v in shares.values()))


if __name__ == "__main__":
    main()
