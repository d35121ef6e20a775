"""Records of a fixed set of documents, written so two versions of the code can be compared byte for byte.

A speed change must not change what is extracted. This script runs the pipeline (through the same
``extractor.runner.run`` as the command, so the JSONL serialisation is the one users get) over the
sample releases (``data/samples``), the dev set (``../shared/devset``, when present) and, with
``--corpus N``, N synthetic releases from ``bench/make_corpus.py``; it writes the records, in input
order, to ``OUT`` and prints the sha256 of each part. ``--compare REF`` then says whether ``OUT``
equals a file written earlier (for instance by the code before a change), byte for byte, and names
the first record that differs. ``--drop-versions`` leaves the ``versions`` field out of every record
(for comparisons across a change of the pipeline's version number).

    python bench/records_identical.py --out /tmp/after.jsonl [--corpus 500] [--workers 2] [--compare /tmp/before.jsonl]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from extractor.runner import run  # noqa: E402

SAMPLES = ROOT / "data" / "samples"
DEVSET = ROOT.parent / "shared" / "devset"
CORPUS_DIR = Path(tempfile.gettempdir()) / "extractor-records-identical"  # a fixed path: records name it


def parts(corpus: int, seed: int) -> list[tuple[str, list[str]]]:
    """(name, input paths) for each part that is present. Records carry their input's path: samples
    and dev set are named relative to the repository, the corpus by a fixed path, so the records do
    not depend on where the repository is."""
    rel = os.path.relpath
    out = [("samples", sorted(rel(p, ROOT) for p in SAMPLES.iterdir() if p.suffix in (".txt", ".html")))]
    if DEVSET.is_dir():
        out.append(("devset", sorted(rel(p, ROOT) for p in DEVSET.glob("*.txt"))))
    else:
        print(f"(no dev set at {DEVSET}; skipped)")
    if corpus:
        from make_corpus import make_corpus

        path = CORPUS_DIR / f"corpus{corpus}-seed{seed}.jsonl"
        path.parent.mkdir(exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}")
        with open(tmp, "w", encoding="utf-8") as fh:
            for doc_id, text in make_corpus(corpus, seed):
                fh.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")
        os.replace(tmp, path)  # whole, whatever another run does at the same time
        out.append((f"corpus{corpus}", [str(path)]))  # a fixed absolute path
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, help="the JSONL file of records to write")
    ap.add_argument("--corpus", type=int, default=0, help="also N synthetic releases (make_corpus, --seed)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--workers", type=int, default=0, help="worker processes (default 0: in this process)")
    ap.add_argument("--drop-versions", action="store_true", help="leave out each record's 'versions'")
    ap.add_argument("--compare", help="a records file written earlier: say whether OUT equals it")
    args = ap.parse_args()

    lines: list[bytes] = []
    out_path = Path(args.out).resolve()
    ref_path = Path(args.compare).resolve() if args.compare else None
    os.chdir(ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        for name, inputs in parts(args.corpus, args.seed):
            out = Path(tmp) / f"{name}.jsonl"
            summary = run(inputs, str(out), workers=args.workers, progress=False, doc_timeout=None)
            data = out.read_bytes()
            if args.drop_versions:
                data = b"".join((json.dumps({k: v for k, v in json.loads(line).items() if k != "versions"},
                                            ensure_ascii=False) + "\n").encode("utf-8")
                                for line in data.splitlines())
            print(f"{name:<12} {summary.records:>6} records {summary.errors:>3} errors  "
                  f"sha256 {hashlib.sha256(data).hexdigest()}")
            lines += data.splitlines(keepends=True)
    data = b"".join(lines)
    out_path.write_bytes(data)
    print(f"{'all':<12} {len(lines):>6} records             sha256 {hashlib.sha256(data).hexdigest()}  -> {args.out}")
    if ref_path is None:
        return 0
    ref = ref_path.read_bytes()
    if ref == data:
        print(f"byte-identical to {args.compare}")
        return 0
    ref_lines = ref.splitlines(keepends=True)
    for i, (a, b) in enumerate(zip(ref_lines, lines)):
        if a != b:
            print(f"DIFFERS from {args.compare}: first at record {i + 1} "
                  f"(doc_id {json.loads(b).get('doc_id')!r})")
            return 1
    print(f"DIFFERS from {args.compare}: {len(ref_lines)} records there, {len(lines)} here")
    return 1


if __name__ == "__main__":
    sys.exit(main())
