"""Throughput and memory of the whole pipeline on a synthetic corpus (a script that prints; no test).

From one run: for each corpus size N (releases made by bench/make_corpus.py, written as a JSONL file)
and each number of worker processes, ``extractor.runner.run`` (the path of ``extractor run``: the
parent reads the JSONL, workers extract and serialise, the parent writes the records file) gives
documents and tokens per second, each worker's peak memory (VmHWM) and each stage's share of the
time. On the first ``--sample`` documents, in the same run and in one process, spaCy's blank
Indonesian tokenizer alone gives the reference speed; the pipeline's documents per second with one
worker on the same documents is printed as a ratio of it. The Dask path (``--dask local``, workers
warmed up first) is timed on the smallest corpus, and a projection is printed from the measured
per-core rates: documents per hour on 16 cores and the time for 1M releases.

    python bench/pipeline.py [--sizes 1000 20000] [--workers 1 2] [--seed 0] [--no-dask] [--ner-alone]

Targets (issue 14): pipeline (1 worker) >= 0.30 of the tokenizer's documents/s on the same 1,000
releases; 2 workers >= 1.8x one; peak memory <= 300 MB per worker, flat from 1,000 to 20,000 documents.
Tokens are the blank ``id`` tokenizer's, counted on the sample; a corpus's tokens/s is its documents/s
times the sample's tokens per document (the corpus repeats the same varied templates).
"""
from __future__ import annotations

import argparse
import hashlib
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from make_corpus import make_corpus, write  # noqa: E402

MILLION = 1_000_000
PROJECTED_CORES = 16


def machine() -> str:
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            model = next((ln.split(":", 1)[1].strip() for ln in fh if ln.startswith("model name")), model)
    except OSError:
        pass
    return f"{os.cpu_count()} cores ({model}), Python {platform.python_version()}"


def load_text() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def time_tokenizer(texts: list[str]) -> tuple[float, int]:
    """Seconds for spaCy's blank Indonesian tokenizer over ``texts`` (after one warm pass, as the
    pipeline's workers are warm), and the tokens counted."""
    import spacy

    make_doc = spacy.blank("id").make_doc
    tokens = sum(len(make_doc(t)) for t in texts)  # warm: lexemes and the affix cache exist
    t0 = time.perf_counter()
    for t in texts:
        make_doc(t)
    return time.perf_counter() - t0, tokens


def time_ner(texts: list[str]) -> float | None:
    from extractor import ner

    try:
        model = ner.load_model()
    except Exception as exc:  # noqa: BLE001 - the bench still runs without a model
        print(f"(no NER model: {exc})")
        return None
    t0 = time.perf_counter()
    for t in texts:
        model(t)
    return time.perf_counter() - t0


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def run_pipeline(corpus: Path, workers: int, out: Path):
    from extractor.runner import run

    return run([str(corpus)], str(out), workers=workers, progress=False, force=True)


def run_dask(corpus: Path, workers: int) -> float:
    """Seconds for the Dask path (a LocalCluster of ``workers`` processes, one thread each) over the
    corpus, after every worker built its pipeline (start-up is paid once per worker, not per document)."""
    from extractor.batch import warm_up
    from extractor.distributed import DaskPool
    from extractor.inputs import JsonlFields
    from extractor.runner import iter_tasks

    with DaskPool("local", workers) as pool:
        pool.client.run(warm_up)
        t0 = time.perf_counter()
        n = sum(1 for r in pool.imap(iter_tasks([str(corpus)], JsonlFields(), "txt")) if r.line is not None)
        seconds = time.perf_counter() - t0
    if n == 0:
        raise RuntimeError("the Dask run gave no record")
    return seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 20000])
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--sample", type=int, default=1000,
                    help="documents timed for the tokenizer alone (the first of each corpus; default 1000)")
    ap.add_argument("--no-dask", action="store_true", help="do not time the Dask path")
    ap.add_argument("--ner-alone", action="store_true",
                    help="also time the NER model alone (not in the default pipeline) on the sample")
    args = ap.parse_args()
    sizes, wanted = sorted(args.sizes), sorted(set(args.workers))

    from extractor.batch import warm_up
    from extractor.pipeline import load

    warm_up()  # the lazily built indexes, once, as a long run has them: not in the first run's time
    print(f"machine: {machine()}; load average {load_text()} (1, 5, 15 min) at the start")
    print(f"pipeline stages: {', '.join(load().stage_names)}")
    with tempfile.TemporaryDirectory(prefix="bench-pipeline-") as tmp:
        corpora = {}
        for n in sizes:
            write(n, Path(tmp) / f"c{n}", args.seed, "jsonl")
            corpora[n] = Path(tmp) / f"c{n}" / "corpus.jsonl"
        sample = [t for _, t in make_corpus(min(args.sample, sizes[0]), args.seed)]
        # the pipeline first: forked workers must not inherit (and count) anything timed alone
        runs = {(n, w): run_pipeline(corpora[n], w, Path(tmp) / f"out-{n}-{w}.jsonl") for n in sizes for w in wanted}
        dask = None if args.no_dask else (sizes[0], max(wanted), run_dask(corpora[sizes[0]], max(wanted)))
        tok_seconds, tok_tokens = time_tokenizer(sample)
        ner_seconds = time_ner(sample) if args.ner_alone else None
        digests = {k: sha256(Path(tmp) / f"out-{k[0]}-{k[1]}.jsonl") for k in runs}
    print(f"load average {load_text()} at the end\n")

    per_doc = tok_tokens / len(sample)
    tok_dps = len(sample) / tok_seconds
    print(f"{'N':>6} {'setting':<28} {'docs/s':>8} {'tokens/s':>9} {'vs tok':>7}  peak MB per worker")
    print(f"{len(sample):>6} {'blank id tokenizer alone':<28} {tok_dps:>8.1f} {tok_dps * per_doc:>9.0f} {'1.00':>7}")
    if ner_seconds:
        print(f"{len(sample):>6} {'NER model alone':<28} {len(sample) / ner_seconds:>8.1f} "
              f"{len(sample) / ner_seconds * per_doc:>9.0f} {tok_seconds / ner_seconds:>7.2f}")
    for n in sizes:
        base = None
        for w in wanted:
            s = runs[(n, w)]
            dps = (s.documents - s.skipped) / s.seconds
            base = base or dps
            label = f"pipeline {w} worker{'s' if w != 1 else ''}" + (f" ({dps / base:.2f}x)" if dps != base else "")
            peaks = " / ".join(f"{p:.0f}" for p in s.peaks) or "-"
            errors = f"  errors: {s.errors}" if s.errors else ""
            print(f"{n:>6} {label:<28} {dps:>8.1f} {dps * per_doc:>9.0f} {dps / tok_dps:>7.2f}  {peaks}{errors}")
    if dask:
        n, w, seconds = dask
        print(f"{n:>6} {f'Dask path, {w} workers':<28} {n / seconds:>8.1f} {n / seconds * per_doc:>9.0f} "
              f"{n / seconds / tok_dps:>7.2f}  -")
    for n in sizes:
        same = len({digests[(n, w)] for w in wanted}) == 1
        print(f"N={n}: the records of {', '.join(map(str, wanted))} workers are "
              f"{'byte-identical (input order)' if same else 'NOT identical'}")
    print(f"\n'vs tok': documents per second as a share of the tokenizer's, timed in one process on the first "
          f"{len(sample)} documents; tokens: {per_doc:.0f} per document (the tokenizer's, on those documents).")

    print("\nshare of pipeline time per stage (summed over workers):")
    keys = [(n, w) for n in sizes for w in wanted]
    stages = list(runs[keys[0]].timings)
    print(f"{'stage':<26}" + "".join(f"{f'N={n}, {w}w':>14}" for n, w in keys))
    for st in stages:
        row = []
        for k in keys:
            t = runs[k].timings
            row.append(f"{t.get(st, 0.0) / (sum(t.values()) or 1.0) * 100:>13.1f}%")
        print(f"{st:<26}" + "".join(row))

    n_big = sizes[-1]
    w_top = max(wanted)
    per_core = (n_big / runs[(n_big, w_top)].seconds) / w_top
    hour = per_core * PROJECTED_CORES * 3600
    print(f"\nprojection from the measured per-core rate ({per_core:.1f} documents/s per worker: N={n_big}, "
          f"{w_top} worker{'s' if w_top != 1 else ''} on this machine), scaling linearly with cores:")
    print(f"  {PROJECTED_CORES} cores, local workers: {hour:,.0f} documents/hour; 1M releases in "
          f"{MILLION / hour:.1f} h")
    if dask:
        n, w, seconds = dask
        dask_core = n / seconds / w
        dask_hour = dask_core * PROJECTED_CORES * 3600
        print(f"  {PROJECTED_CORES} cores, Dask path ({dask_core:.1f} documents/s per worker measured, N={n}, "
              f"{w} workers): {dask_hour:,.0f} documents/hour; 1M releases in {MILLION / dask_hour:.1f} h")


if __name__ == "__main__":
    main()
