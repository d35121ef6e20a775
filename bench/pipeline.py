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


def run_pipeline(n: int, seed: int, workers: int) -> dict:
    """The pipeline over a corpus generated while it runs, so the parent never holds the corpus.

    The pool forks its workers before any document exists (as ``extractor run`` does when it reads
    files), so a worker's peak memory is its own: the pipeline it inherited plus what the documents
    cost it.
    """
    count = {"words": 0}

    def tasks():
        for i, (d, t) in enumerate(make_corpus(n, seed)):
            count["words"] += len(t.split())
            yield Task(i, doc=InputDoc(doc_id=d, text=t, source=d), doc_id=d)

    with WorkerPool(workers, doc_timeout=None) as pool:
        t0 = time.perf_counter()
        n_err = sum(1 for r in pool.imap(tasks()) if r.error is not None)
        seconds = time.perf_counter() - t0
        timings = dict(pool.timings)
    peaks = pool.peaks  # per worker slot, the highest peak of the workers that held it (they retire
    #                     after batch.DEFAULT_MAX_TASKS documents and are replaced by a fresh fork)
    return {"seconds": seconds, "errors": n_err, "peaks": peaks, "timings": timings, "words": count["words"]}


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
    ap.add_argument("--sample", type=int, default=1000,
                    help="documents timed for the tokenizer and NER model alone (default 1000)")
    args = ap.parse_args()

    from extractor.pipeline import load

    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}; "
          f"pipeline stages: {', '.join(load().stage_names)}\n")
    # The pipeline runs first: the models timed alone are loaded afterwards, so forked workers do
    # not inherit (and count) them.
    runs = {(n, w): run_pipeline(n, args.seed, w) for n in args.sizes for w in args.workers}
    alone = measure_alone(args.sample, args.seed)
    print(f"{'N':>6} {'setting':<22} {'docs/s':>8} {'words/s':>9} {'vs NER':>7} {'vs tok':>7} "
          f"{'peak MB/worker':>16}")
    tok_wps, ner_wps = alone["tokenizer"], alone.get("ner")
    print(f"{'':>6} {'tokenizer alone':<22} {'':>8} {tok_wps:>9.0f}")
    if ner_wps:
        print(f"{'':>6} {'NER model alone':<22} {'':>8} {ner_wps:>9.0f} {'1.00':>7}")
    shares: dict[str, dict[str, float]] = {}
    for n in args.sizes:
        base = None
        for w in args.workers:
            r = runs[(n, w)]
            dps, wps = n / r["seconds"], r["words"] / r["seconds"]
            base = base or dps
            vs_ner = f"{wps / ner_wps:.2f}" if ner_wps else "-"
            peaks = "/".join(f"{p:.0f}" for p in r["peaks"])
            label = f"pipeline {w} worker{'s' if w > 1 else ''}" + (f" ({dps / base:.2f}x)" if w > 1 else "")
            print(f"{n:>6} {label:<22} {dps:>8.1f} {wps:>9.0f} {vs_ner:>7} "
                  f"{wps / tok_wps:>7.2f} {peaks:>16}" + (f"  errors: {r['errors']}" if r["errors"] else ""))
            total = sum(r["timings"].values()) or 1.0
            shares[f"N={n}, {w}w"] = {k: v / total for k, v in r["timings"].items()}
    print("\n'vs NER' and 'vs tok' compare one process's words per second with the NER model or the")
    print(f"tokenizer alone on the first {args.sample} documents, in one process.")
    print("\nshare of pipeline time per stage:")
    stages = list(next(iter(shares.values())).keys()) if shares else []
    print(f"{'stage':<26}" + "".join(f"{k:>14}" for k in shares))
    for s in stages:
        print(f"{s:<26}" + "".join(f"{v.get(s, 0) * 100:>13.1f}%" for v in shares.values()))


def measure_alone(sample: int, seed: int) -> dict[str, float]:
    """Words per second of spaCy's blank Indonesian tokenizer and of the NER model, one process."""
    import spacy

    from extractor import ner

    texts = [t for _, t in make_corpus(sample, seed)]
    nw = sum(len(t.split()) for t in texts)
    out = {"tokenizer": nw / time_alone(texts, spacy.blank("id").make_doc)}
    try:
        out["ner"] = nw / time_alone(texts, ner.load_model())
    except Exception as exc:  # noqa: BLE001 - the bench still runs without a model
        print(f"(no NER model: {exc})")
    return out


if __name__ == "__main__":
    main()
