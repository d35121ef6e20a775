"""Time the officials register and its HTML report on a records file; print time and size.

Usage::

    python bench/officials_report.py RECORDS.jsonl [...] [--out DIR] [--texts DIR] [--no-source-path]

Builds the register (``extractor.officials.build_register``, streaming over the records), writes it as
JSONL and CSV, writes the HTML report (``extractor.report.write_html``) and prints one line per step
with its wall time, the output sizes, the counts and the peak resident memory of the process.
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor import officials, report  # noqa: E402


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("records", nargs="+", help="records JSONL written by `extractor run`")
    ap.add_argument("--out", help="folder for the outputs (default: a new temporary folder)")
    ap.add_argument("--texts", help="folder with the documents, for evidence sentences")
    ap.add_argument("--no-source-path", action="store_true", help="do not read source.path for evidence")
    args = ap.parse_args(argv)
    out = Path(args.out or tempfile.mkdtemp(prefix="officials-"))
    out.mkdir(parents=True, exist_ok=True)

    t0 = time.perf_counter()
    reg = officials.build_register(officials.read_records(args.records), texts=args.texts,
                                   use_source_path=not args.no_source_path)
    t1 = time.perf_counter()
    jsonl, flags = officials.write_jsonl(reg, out / "officials.jsonl")
    csv = officials.write_table(reg, out / "officials.csv")
    t2 = time.perf_counter()
    size = report.write_html(reg, out / "officials.html")
    t3 = time.perf_counter()

    st = reg.stats
    print(f"records {st['records']} (text read for {st['with_text']}), person mentions {st['person_mentions']}, "
          f"officials {st['officials']} (from {st['atoms']} name/region groups), flags {st['flags']}")
    print(f"register  {t1 - t0:7.2f} s")
    print(f"jsonl+csv {t2 - t1:7.2f} s  {jsonl} {_mb(os.path.getsize(jsonl))}, {flags} "
          f"{_mb(os.path.getsize(flags))}, {csv} {_mb(os.path.getsize(csv))}")
    print(f"html      {t3 - t2:7.2f} s  {out / 'officials.html'} {_mb(size)}")
    print(f"total     {t3 - t0:7.2f} s  peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
