"""Worst-case timings on hostile inputs: seconds per 100 KB, per stage and overall.

Builds each hostile kind (a long release, a line without spaces, thousands of dates or names,
punctuation runs, strings made to make regular expressions backtrack, control characters, RTL marks,
emoji, mixed scripts, English and Javanese text, tag soup, other encodings, a JSONL batch ...) at
each size, reads it as the CLI does (``extractor.inputs``: decoding, HTML boilerplate removal), runs
the pipeline and takes ``Pipeline.timings`` (stage -> seconds, reset before each document). Every
figure is seconds per 100 KB of input bytes; the table gives the worst document per stage and the
kind it came from. Nothing is written to disk.

Usage: python bench/hostile.py [--sizes 100000,1000000] [--big 10000000] [--kinds a,b] [--timeout S]
                               [--rules-only]
``--big`` adds the kinds in BIG_KINDS at that size (the 10 MB release). ``--timeout`` aborts the run
with a traceback when one document takes longer (a runaway is a bug to report, not to wait for).
"""
from __future__ import annotations

import argparse
import faulthandler
import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor.errors import InputError  # noqa: E402
from extractor.inputs import JsonlFields, doc_from_bytes, read_jsonl_lines  # noqa: E402
from extractor.pipeline import ErrorRow, Settings, load  # noqa: E402

Maker = Callable[[int], tuple[str, bytes]]          # size in bytes -> (format, input bytes)
KINDS: dict[str, Maker] = {}
BIG_KINDS = ("release", "letters_no_space", "jsonl_batch")


def kind(name: str):
    def register(fn: Maker) -> Maker:
        KINDS[name] = fn
        return fn
    return register


def fill(unit: Callable[[int], str], size: int) -> str:
    """Units i = 0, 1, 2 ... joined until the text is ``size`` bytes of UTF-8 (cut at a character)."""
    out, n, i = [], 0, 0
    while n < size:
        s = unit(i)
        out.append(s)
        n += len(s.encode())
        i += 1
    return "".join(out).encode()[:size].decode("utf-8", errors="ignore")


def txt(unit: Callable[[int], str]) -> Maker:
    return lambda size: ("txt", fill(unit, size).encode())


def samples() -> list[str]:
    texts = []
    for p in sorted((ROOT / "data" / "samples").glob("s*.txt")):
        texts.append(p.read_text("utf-8").split("\n", 1)[1])
    return texts


def distinct(text: str, i: int) -> str:
    """A sample release made distinct (so the duplicate-paragraph rule keeps every paragraph): numbers
    shifted, and a copy number at the end of each long line."""
    shifted = "".join(str((int(ch) + i) % 10) if ch.isdigit() else ch for ch in text)
    lines = [f"{ln} (salinan {i})" if len(ln.split()) >= 6 else ln for ln in shifted.split("\n")]
    return "\n".join(lines) + "\n\n"


NAMES = ["Rahmat Hidayat", "Siti Aminah", "Yohanes Bria", "I Made Suarta", "Andi Tenri", "Budi Santoso"]
TITLES = ["Bupati Sintang", "Kepala Dinas Sosial Kabupaten Tapin", "Camat Semanu", "Plt. Wali Kota Tarakan"]
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember"]
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
PUNCT = "!?.,;:-()[]{}\"'/\\|*#&%$@^~`_+=<>…–—“”«»"
SENT = "Bupati Sintang membuka pelatihan kader posyandu di Aula Kantor Bupati. "


@kind("release")
def _release(size: int) -> tuple[str, bytes]:
    base = samples()
    return "txt", fill(lambda i: distinct(base[i % len(base)], i), size).encode()


kind("letters_no_space")(txt(lambda i: "Kabupaten"[i % 9]))
kind("mixed_no_space")(txt(lambda i: random.Random(i).choice("abcXYZ019" + PUNCT)))
kind("dates")(txt(lambda i: f"{DAYS[i % 7]} ({i % 28 + 1}/{i % 12 + 1}/{1990 + i % 40}) dan "
                            f"{i % 28 + 1} {MONTHS[i % 12]} {2000 + i % 30}, "))
kind("dates_no_year")(txt(lambda i: f"{DAYS[i % 7]} ({i % 28 + 1}/{i % 12 + 1}) lalu {i % 28 + 1} {MONTHS[i % 12]}; "))
kind("names")(txt(lambda i: f"{TITLES[i % 4]} H. {NAMES[i % 6].split()[0]}{i} {NAMES[(i + 1) % 6]}, S.Sos., "
                            f"M.Si. mengatakan, \"kami siap\". "))
kind("punctuation_runs")(txt(lambda i: "".join(random.Random(i).choice(PUNCT) for _ in range(i % 97 + 1))
                                       + (" " if i % 3 else " kata ")))
kind("open_parens")(txt(lambda i: "("))
kind("honorifics")(txt(lambda i: "H. "))
kind("degrees")(txt(lambda i: ", S.Sos." if i % 2 else ", M.Si"))
kind("title_words")(txt(lambda i: "Kepala Dinas Sosial Kabupaten "))
kind("capitalised_words")(txt(lambda i: "Abcd "))
kind("place_words")(txt(lambda i: "di Desa Sungai Kecamatan Kabupaten "))
kind("org_words")(txt(lambda i: "Dinas Sosial (Dinsos) Badan "))
kind("entities")(txt(lambda i: "&amp;" * (i % 7) + "amp;#x41; "))
kind("markup")(txt(lambda i: ["[a](", "<b ", "**a", "![x](", "(Foto: ", ". Baca juga: "][i % 6]))
kind("dateline_dashes")(txt(lambda i: "A - "))
kind("digits")(txt(lambda i: f"{i % 13}/{i % 31}" + ("-" if i % 2 else " ")))
kind("quotes")(txt(lambda i: '"' + ("kata Budi " if i % 2 else "")))
kind("weekdays")(txt(lambda i: DAYS[i % 7] + (", " if i % 2 else " lalu ")))
kind("short_lines")(txt(lambda i: "A\n"))
kind("crlf_lines")(txt(lambda i: SENT[: 10 + i % 60].strip() + ("\r\n" if i % 2 else "\r")))
kind("control_chars")(txt(lambda i: SENT[i % 40:] + chr(random.Random(i).choice([1, 2, 7, 8, 11, 12, 27, 31, 127]))))
kind("rtl_marks")(txt(lambda i: "\u200f\u202e" + SENT[:30] + "\u202c\u061c "))
kind("emoji")(txt(lambda i: "😀🎉👨‍👩‍👧 " + SENT[:40] + "🇮🇩 "))
kind("mixed_scripts")(txt(lambda i: "Bupati Бупати 布帕蒂 بوباتي बुपति Ⅻ ٣ ß İ "))
kind("javanese")(txt(lambda i: ["Bupati Sintang mbukak pelatihan kader ing Aula Kantor Bupati, Senin (6/7/2022). ",
                               "ꦧꦸꦥꦠꦶ ꦱꦶꦤ꧀ꦠꦁ ꦩ꧀ꦧꦸꦏꦏ꧀ ꦥꦼꦭꦠꦶꦲꦤ꧀꧉ "][i % 2]))
kind("english")(txt(lambda i: "The Regent of Sintang, Mr John Smith, opened the workshop on Monday, "
                              f"{i % 28 + 1} October 2023, in the hall of the Social Affairs Office. "))


def _html(body: Callable[[int], str], head: str = "") -> Maker:
    return lambda size: ("html", f"<html><head>{head}</head><body>{fill(body, size)}</body></html>".encode())


P = "<p>" + SENT * 2 + "Kegiatan diikuti {i} peserta.</p>"
kind("html_article")(_html(lambda i: P.format(i=i)))
kind("html_nested")(_html(lambda i: "<div>" * 250 + P.format(i=i) + "</div>" * 250))
kind("html_unclosed")(_html(lambda i: "<p>teks " if i % 50 else P.format(i=i)))
kind("html_tags")(_html(lambda i: f"<div><span>{i}</span></div>"))
kind("html_script_only")(_html(lambda i: "<script>var x = 1;</script><style>p{}</style>"))


@kind("encoding_utf16le")
def _utf16(size: int) -> tuple[str, bytes]:
    return "txt", _release(size // 2)[1].decode().encode("utf-16-le")


@kind("encoding_cp1252")
def _cp1252(size: int) -> tuple[str, bytes]:
    return "txt", fill(lambda i: f"Caf\u00e9 {SENT}na\u00efve \u00bd ", size).encode("cp1252", errors="replace")


@kind("jsonl_batch")
def _jsonl(size: int) -> tuple[str, bytes]:
    base = samples()

    def line(i: int) -> str:
        if i % 7 == 3:
            return '{"id": "broken", "text": "no end\n'
        if i % 11 == 5:
            return json.dumps({"id": f"j{i}", "body": "no text field"}) + "\n"
        return json.dumps({"id": f"j{i}", "text": distinct(base[i % len(base)], i)}, ensure_ascii=False) + "\n"
    return "jsonl", fill(line, size).encode()


def run_one(nlp, name: str, fmt: str, data: bytes) -> dict[str, float]:
    """Seconds per stage for one input (a JSONL batch: summed over its lines); 'input' is reading."""
    spent = {"input": 0.0}
    t0 = time.perf_counter()
    if fmt == "jsonl":
        items = list(read_jsonl_lines(data.splitlines(keepends=True), f"{name}.jsonl", JsonlFields()))
    else:
        try:
            items = [doc_from_bytes(data, name, f"{name}.{fmt}", fmt)]
        except InputError as exc:
            items = [exc]
    spent["input"] = time.perf_counter() - t0
    for item in items:
        for k in nlp.timings:
            nlp.timings[k] = 0.0
        result = next(iter(nlp.pipe([item], errors="yield")))
        if isinstance(result, ErrorRow) and result.stage != "input":
            print(f"  !! {name}: stage {result.stage} failed: {result.error}: {result.message[:200]}", flush=True)
        for k, v in nlp.timings.items():
            spent[k] = spent.get(k, 0.0) + v
    return spent


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100000,1000000", help="input sizes in bytes, comma-separated")
    ap.add_argument("--big", type=int, default=10_000_000, help=f"size for {', '.join(BIG_KINDS)} (0: none)")
    ap.add_argument("--kinds", help="only these kinds (comma-separated)")
    ap.add_argument("--timeout", type=float, default=600, help="abort when one document takes longer (s)")
    ap.add_argument("--rules-only", action="store_true", help="the pipeline without its NER model")
    args = ap.parse_args(argv)
    kinds = args.kinds.split(",") if args.kinds else list(KINDS)
    runs = [(k, int(s)) for s in args.sizes.split(",") for k in kinds]
    runs += [(k, args.big) for k in BIG_KINDS if args.big and k in kinds]
    nlp = load(Settings(ner=False)) if args.rules_only else load()
    run_one(nlp, "warmup", *KINDS["release"](5000))
    worst: dict[str, tuple[float, str]] = {}
    print(f"{'kind':20s} {'bytes':>9s} {'total s':>8s} {'s/100KB':>8s}  slowest stage", flush=True)
    for name, size in runs:
        fmt, data = KINDS[name](size)
        faulthandler.dump_traceback_later(args.timeout, exit=True)
        spent = run_one(nlp, name, fmt, data)
        faulthandler.cancel_dump_traceback_later()
        per = 100_000 / len(data)
        total = sum(spent.values())
        for stage, sec in [*spent.items(), ("overall", total)]:
            if sec * per > worst.get(stage, (-1.0, ""))[0]:
                worst[stage] = (sec * per, f"{name}@{len(data)}")
        top = max(spent, key=spent.__getitem__)
        print(f"{name:20s} {len(data):9d} {total:8.2f} {total * per:8.3f}  {top} {spent[top] * per:.3f}", flush=True)
    print("\nworst seconds per 100 KB, per stage (input bytes; kind@size)")
    for stage, (sec, where) in sorted(worst.items(), key=lambda kv: -kv[1][0]):
        print(f"  {stage:28s} {sec:7.3f}  {where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
