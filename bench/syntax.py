"""Documents per second with and without the syntax stage, from one run (a script that prints; no test).

Builds both pipelines in this process (``Settings()`` and ``Settings(syntax=True)``), warms each up
on one document, then extracts every document with both, alternating per document so both see the
same machine load, and prints documents per second for each, their ratio, the syntax stage's share
of the time, sentences parsed and actions found. One process, one thread (Stanza is set to one).

    python bench/syntax.py [FOLDER ...] [--repeat 2] [--stanza-dir DIR]

Default corpus: ``data/samples`` and, when present, ``../shared/devset``. Target (issue 15): with the
stage, at least 0.5 of the documents per second without it.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

os.environ.setdefault("OMP_NUM_THREADS", "1")

from extractor.inputs import read_file  # noqa: E402
from extractor.pipeline import Pipeline, Settings  # noqa: E402


def documents(folders: list[str]) -> list:
    docs = []
    for folder in folders:
        for path in sorted(Path(folder).glob("*.txt")):
            docs.append(read_file(str(path)))
    return docs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="*")
    ap.add_argument("--repeat", type=int, default=1, help="passes over the corpus")
    ap.add_argument("--stanza-dir", help="Stanza's official models instead of the shipped ones")
    args = ap.parse_args()
    folders = args.folders or [str(ROOT / "data" / "samples")] + \
        [p for p in [str(ROOT.parent / "shared" / "devset")] if os.path.isdir(p)]
    docs = documents(folders)
    if not docs:
        sys.exit(f"no .txt documents in {folders}")
    plain = Pipeline(Settings())
    full = Pipeline(Settings(syntax=True, stanza_dir=args.stanza_dir))
    for nlp in (plain, full):
        nlp.process(docs[0])
        nlp.timings = dict.fromkeys(nlp.timings, 0.0)
    seconds = {"without": 0.0, "with": 0.0}
    actions = sentences = 0
    for _ in range(args.repeat):
        for doc in docs:
            for key, nlp in (("without", plain), ("with", full)):
                t0 = time.perf_counter()
                rec = nlp.process(doc)
                seconds[key] += time.perf_counter() - t0
                if key == "with":
                    actions += len(rec.actions)
                    sentences += len({(a.sentence_start, a.sentence_end) for a in rec.actions})
    n = len(docs) * args.repeat
    rate = {k: n / v for k, v in seconds.items()}
    stage = full.timings.get("extractor_syntax", 0.0)
    print(f"corpus: {len(docs)} documents from {', '.join(folders)}; {args.repeat} pass(es); one process, one thread")
    print(f"without syntax: {rate['without']:6.2f} docs/s")
    print(f"with syntax:    {rate['with']:6.2f} docs/s   ({rate['with'] / rate['without']:.2f} of without; target >= 0.5)")
    print(f"syntax stage: {stage:.1f} s of {seconds['with']:.1f} s ({100 * stage / seconds['with']:.0f}%); "
          f"{actions / n:.1f} actions per document in {sentences / n:.1f} sentences with an action")


if __name__ == "__main__":
    main()
