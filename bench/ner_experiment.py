"""Figures for one NER model folder: casing, speed and what it adds to the pipeline (prints; no test).

    python bench/ner_experiment.py [MODEL_DIR ...] [--data ../shared/data] [--gold ../shared/devset]
                                   [--json OUT.json]

With no MODEL_DIR the shipped model is measured. For each model it prints:

- strict entity F1 (PER / LOC / ORG / micro) on NER UI dev and NERGrit valid as they are, and on
  lower-cased and ALL-CAPS copies made in a temporary folder at run time (the corpora stay where
  they are), with the ratio lower-cased / cased for PER and LOC (issue 13 target: >= 0.80);
- words per second of the model alone on the cased dev splits (pre-tokenized, ``nlp.pipe``, best of
  ``--repeats`` passes, so that other jobs on a shared machine disturb it less);
- the pipeline on the gold folder with this model vs rules only (``Settings(ner=False)``): people
  strict F1 and places F1 on the documents before ``d100`` (the ones the rules were tuned on) and
  from ``d100`` on (fresh), the difference model - rules, and the model's share of the pipeline's
  time estimated as 1 - (rules-only seconds / seconds with the model) over the gold documents.

Run it with one thread (``OMP_NUM_THREADS=1``) and under ``nice``; speed figures on a shared machine
vary by 10-20% between runs.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor import ner  # noqa: E402
from extractor.evaluate import Scores, gold_documents  # noqa: E402

SPLITS = {"nerui": "indolem-ner/nerui/dev.tsv", "nergrit": "indonlu-ner/nergrit/valid.tsv"}
FRESH_FROM = "d100"


def recased_copy(src: Path, dest: Path, fold) -> Path:
    """``src`` with every token passed through ``fold``; tags and sentence breaks kept."""
    lines = []
    for line in src.read_text(encoding="utf-8").splitlines():
        word, sep, tag = line.partition("\t")
        lines.append(fold(word) + sep + tag if sep else line)
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return dest


def f1s(result: dict) -> dict:
    per = {lab: round(100 * s["f"], 1) for lab, s in result["per_label"].items()}
    return {**per, "micro": round(100 * result["overall"]["f"], 1)}


def ner_figures(model_dir: str | None, data: Path, repeats: int = 5) -> dict:
    nlp = ner.load_fresh(model_dir)
    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, rel in SPLITS.items():
            src = data / rel
            cased = ner.score_bio(nlp, src)
            lower = ner.score_bio(nlp, recased_copy(src, Path(tmp) / "lower" / name / src.name, str.lower))
            upper = ner.score_bio(nlp, recased_copy(src, Path(tmp) / "upper" / name / src.name, str.upper))
            row = {"cased": f1s(cased), "lower": f1s(lower), "upper": f1s(upper)}
            row["lower_ratio"] = {lab: round(row["lower"].get(lab, 0) / row["cased"][lab], 2)
                                  for lab in ("PER", "LOC") if row["cased"].get(lab)}
            out[name] = row
    out["words_per_second"] = best_speed(nlp, data, repeats)
    return out


def best_speed(nlp, data: Path, repeats: int) -> int:
    """Words per second of the model alone on the cased dev splits: the best of ``repeats`` passes."""
    sents = [w for rel in SPLITS.values() for w, _ in ner.read_bio(data / rel)]
    n = sum(len(s) for s in sents)
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        ner.predict_tags(nlp, sents)
        best = min(best, time.perf_counter() - t0)
    return round(n / best)


def pipeline_figures(model_dir: str | None, gold: str) -> dict:
    from extractor import load
    from extractor.inputs import read_file
    from extractor.pipeline import Settings

    docs = gold_documents(gold)
    out = {}
    for label, settings in (("model", Settings(ner=True, ner_path=model_dir)), ("rules", Settings(ner=False))):
        nlp = load(settings)
        parts = {"tuned": Scores(), "fresh": Scores()}
        inputs = [(read_file(path, doc_id=g["doc_id"]), g) for path, g in docs]
        nlp.process(inputs[0][0])  # warm-up
        seconds = 0.0
        for doc, g in inputs:
            t0 = time.perf_counter()
            rec = nlp.process(doc).as_dict()
            seconds += time.perf_counter() - t0
            parts["fresh" if g["doc_id"] >= FRESH_FROM else "tuned"].add(g, rec)
        out[label] = {part: {"docs": s.docs, "people_strict": round(s.headline().get("people_strict", 0), 3),
                             "places": round(s.headline().get("places", 0), 3)} for part, s in parts.items()}
        out[label]["seconds"] = round(seconds, 2)
    # the model's share of the pipeline's time, estimated as the extra time of the pipeline with it
    out["model_share"] = round(1 - out["rules"]["seconds"] / out["model"]["seconds"], 2)
    out["model_minus_rules"] = {part: {k: round(out["model"][part][k] - out["rules"][part][k], 3)
                                       for k in ("people_strict", "places")} for part in ("tuned", "fresh")}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("models", nargs="*", help="model folders (default: the shipped model)")
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"), help="folder with indolem-ner/, indonlu-ner/")
    ap.add_argument("--gold", default=str(ROOT.parent / "shared" / "devset"), help="gold folder (devset)")
    ap.add_argument("--repeats", type=int, default=5, help="speed: best of this many passes")
    ap.add_argument("--no-pipeline", action="store_true", help="only the NER figures")
    ap.add_argument("--json", default=None, help="also write the figures to this file")
    args = ap.parse_args(argv)
    report = {}
    for model in args.models or [None]:
        name = model or "shipped"
        figures = ner_figures(model, Path(args.data), args.repeats)
        if not args.no_pipeline:
            figures["pipeline"] = pipeline_figures(model, args.gold)
        report[name] = figures
        print(f"== {name}")
        for split in SPLITS:
            row = figures[split]
            print(f"  {split:<8} cased {row['cased']}\n{'':11}lower {row['lower']}\n{'':11}upper {row['upper']}"
                  f"\n{'':11}lower/cased {row['lower_ratio']}")
        print(f"  words/s {figures['words_per_second']:,}")
        if "pipeline" in figures:
            for label in ("model", "rules", "model_minus_rules", "model_share"):
                print(f"  {label:<18}{figures['pipeline'][label]}")
        sys.stdout.flush()
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    raise SystemExit(main())
