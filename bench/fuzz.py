"""Fuzzing: N generated inputs through clean, dates, names and (a subset) the whole pipeline.

Inputs (each made from its own seed, so a failure can be replayed with --only I):
  unicode   random text from several alphabets (ASCII, Latin-1, controls, bidi marks, symbols, emoji,
            CJK, Arabic, Javanese, combining marks), with long runs without spaces
  mutated   a sample release from data/samples after 1-12 random mutations (insert a hostile fragment,
            delete, duplicate, truncate, swap case, join or split lines, respace, replace characters)
  html      a random HTML fragment (nested, unclosed, entities, script/style, comments, external
            references), read as the CLI reads it (extractor.inputs: trafilatura, nothing fetched)
  bytes     random or mis-encoded bytes (UTF-16 with and without BOM, cp1252, cut UTF-8, NUL bytes),
            decoded by extractor.inputs.decode
Checks: clean never raises on a str, every to_original span lies inside the original, cleaning the
clean text changes nothing; find_dates never raises, offsets valid, values in 1900..2100, at most one
event; parse_name raises nothing but NameParseError and names what is written, scan_name/name_runs
spans inside the text; decode/HTML reading raises nothing but InputError; every --pipeline-every-th
input also goes through Pipeline.pipe(errors="yield"): a stage error row is a crash, and every
evidence triple of the record must be text[start:end] (the headline's range only: its text is the clean
form). Prints the figures; exit code 1 when anything failed.

Usage: python bench/fuzz.py [-n 100000] [--seed 1] [--pipeline-every 50] [--jobs 2] [--rules-only]
                            [--only I] [--save DIR]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
import traceback
from collections import Counter
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor.clean import clean  # noqa: E402
from extractor.dates import YEAR_MAX, YEAR_MIN, find_dates  # noqa: E402
from extractor.errors import InputError  # noqa: E402
from extractor.inputs import InputDoc, decode, doc_from_bytes  # noqa: E402
from extractor.names import NameParseError, name_runs, parse_name, scan_name  # noqa: E402

KINDS = ("unicode", "mutated", "html", "bytes")
ALPHABETS = [
    "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 .,;:!?()[]{}\"'-/\n",
    "".join(map(chr, range(0x20, 0x7f))) + "\n\t",
    "".join(map(chr, range(0xa0, 0x180))) + " ",
    "".join(map(chr, range(0x00, 0x20))) + "\x7f\x85\u2028\u2029 a",
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c\ufeff a B",
    "!?.,;:-()[]{}\"'/\\|*#&%$@^~`_+=<>\u2026\u2013\u2014\u201c\u201d\u00ab\u00bb ",
    "\U0001F600\U0001F389\U0001F468\u200d\U0001F469\U0001F1EE\U0001F1E9\u2764\ufe0f a ",
    "\u5e03\u5e15\u8482\u0628\u0648\u0627\u062a\u064a\u092c\u0941\u0924\u093f\u0411\u0443\u043f\u0430 ",
    "\ua9a7\ua9b8\ua9a5\ua9a0\ua9b6\ua9b1\ua9a4\ua9c0\ua981\ua9c9 ",
    "e\u0301a\u0308o\u0303\u0301\u0308\u0327 I\u0307\u0130\u0131\u00df\u1e9e\ufb01",
]
FRAGMENTS = ["Senin (6/3/2023)", "6 Maret 2023", "31/2/2023", "30 Desember - 2 Januari", "Juli 2022", "kemarin",
             "pekan lalu", "H. Budi Santoso, S.Sos., M.Si.", "Plt. Bupati Sintang", "Kepala Dinas Sosial Kabupaten",
             "Dinas Sosial (Dinsos)", "di Desa Sungai Ayak", "Kecamatan Belitang Hilir", "kata Budi", '"Kami siap,"',
             "Baca juga: ", "Foto: Humas", "(ant)", "CNI-02", "&amp;", "&nbsp;", "<b>", "![x](y.jpg)", "[a](b)",
             "Sintang - ", "SINTANG (KABAR) -", "\u201c", "\u201d", "(" * 40, "H. " * 12, ", S.Sos." * 8, "-" * 60,
             "\n" * 5, " " * 30, "\u00a0", "\t", "\r\n", "\x00", "\x07", "\u200f", "\u202e", "\U0001F600" * 10,
             "a" * 200, "Kabupaten " * 20, "Senin, " * 15, "1/" * 40, "&amp;amp;amp;", "\ud7ff", "\uffff"]
TAGS = ["div", "p", "span", "article", "main", "section", "table", "tr", "td", "ul", "li", "b", "i", "a", "h1", "h2",
        "nav", "header", "footer", "aside", "script", "style", "noscript", "svg", "iframe", "form", "br", "img"]
ATTRS = ['class="x"', 'id="y"', 'href="http://127.0.0.1:9/a"', 'src="http://127.0.0.1:9/b.js"', "hidden",
         'style="display:none"', 'onload="alert(1)"', 'data-x="&amp;&#0;"']
TRIPLES = (("start", "end", "text"), ("start", "end", "raw"), ("place_start", "place_end", "place"),
           ("date_start", "date_end", "date_text"))


def samples() -> list[str]:
    return [p.read_text("utf-8").split("\n", 1)[1] for p in sorted((ROOT / "data" / "samples").glob("s*.txt"))]


SAMPLES = samples()


def gen_unicode(rng: random.Random) -> str:
    alpha = "".join(rng.sample(ALPHABETS, rng.randint(1, 3)))
    text = "".join(rng.choice(alpha) for _ in range(rng.choice([0, 1, 5, 40, 200, 800, 2000])))
    if rng.random() < 0.3:
        text += "".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 10)))
    return text


def mutate(rng: random.Random, text: str) -> str:
    for _ in range(rng.randint(1, 12)):
        n, op = len(text), rng.randrange(9)
        a = rng.randint(0, n)
        b = min(n, a + rng.randint(0, 200))
        if op == 0:
            text = text[:a] + rng.choice(FRAGMENTS) + text[a:]
        elif op == 1:
            text = text[:a] + text[b:]
        elif op == 2:
            text = text[:b] + text[a:b] * rng.randint(1, 30) + text[b:]
        elif op == 3:
            text = text[:a]
        elif op == 4:
            text = text[:a] + text[a:b].swapcase() + text[b:]
        elif op == 5:
            text = text.replace("\n", rng.choice([" ", "\r\n", "\r", "\n\n\n", "\u2028"]))
        elif op == 6:
            text = text[:a] + text[a:b].replace(" ", rng.choice(["", "\u00a0", "\t", "  ", "\u200b"])) + text[b:]
        elif op == 7:
            alpha = rng.choice(ALPHABETS)
            text = text[:a] + "".join(rng.choice(alpha) for _ in range(b - a)) + text[b:]
        else:
            text = text[:a] + "\n" + text[a:]
    return text


def gen_html(rng: random.Random) -> str:
    out: list[str] = []
    words = rng.choice(SAMPLES).split()

    def node(depth: int) -> None:
        for _ in range(rng.randint(0, 4 if depth < 6 else 1)):
            r = rng.random()
            if r < 0.35:
                k = rng.randrange(max(1, len(words)))
                out.append(" ".join(words[k:k + rng.randint(1, 60)]))
            elif r < 0.45:
                out.append(rng.choice(FRAGMENTS))
            elif r < 0.5:
                out.append("<!-- " + rng.choice(FRAGMENTS) + (" -->" if rng.random() < 0.8 else ""))
            else:
                tag = rng.choice(TAGS)
                attrs = " ".join(rng.sample(ATTRS, rng.randint(0, 2)))
                out.append(f"<{tag} {attrs}>".replace(" >", ">"))
                if depth < 40:
                    node(depth + 1)
                if rng.random() < 0.85:
                    out.append(f"</{tag}>")
    head = rng.choice(["", "<!DOCTYPE html>", '<?xml version="1.0" encoding="UTF-8"?>', "<html><head><title>" +
                       " ".join(words[:8]) + "</title></head><body>"])
    node(0)
    if rng.random() < 0.1:
        out.append("<div>" * rng.randint(100, 3000))
    return head + "".join(out)


def gen_bytes(rng: random.Random) -> bytes:
    text = mutate(rng, rng.choice(SAMPLES)[: rng.randint(0, 3000)])
    r = rng.random()
    if r < 0.2:
        return bytes(rng.randrange(256) for _ in range(rng.randint(0, 400)))
    enc = rng.choice(["utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1", "utf-8", "utf-8-sig", "utf-32"])
    data = text.encode(enc, errors="replace")
    if rng.random() < 0.3:
        a = rng.randint(0, len(data))
        data = data[:a] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 8))) + data[a:]
    if rng.random() < 0.2:
        data = data[: rng.randint(0, len(data))]
    return data


def make(seed: int, i: int) -> tuple[str, object]:
    rng = random.Random(f"{seed}:{i}")
    kind = rng.choices(KINDS, weights=(30, 45, 15, 10))[0]
    if kind == "unicode":
        return kind, gen_unicode(rng)
    if kind == "mutated":
        return kind, mutate(rng, rng.choice(SAMPLES))
    if kind == "html":
        return kind, gen_html(rng)
    return kind, gen_bytes(rng)


class Tally:
    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.failures: list[tuple[int, str, str]] = []

    def fail(self, i: int, what: str, detail: str) -> None:
        self.counts[f"FAIL {what}"] += 1
        if len(self.failures) < 50:
            self.failures.append((i, what, detail[-2000:]))


def check_clean(i: int, text: str, rng: random.Random, t: Tally) -> None:
    c = clean(text)
    n = len(c.text)
    for _ in range(3):
        a = rng.randint(0, n)
        b = rng.randint(a, n)
        s, e = c.to_original(a, b)
        if not 0 <= s <= e <= len(text):
            t.fail(i, "clean offsets", f"({a},{b}) -> ({s},{e}) in {len(text)}")
    if any(not 0 <= r.start <= r.end <= len(text) for r in c.removed):
        t.fail(i, "clean removed offsets", repr(text[:200]))
    if clean(c.text).text != c.text:
        t.fail(i, "clean idempotence", repr(text[:500]))


def check_dates(i: int, text: str, rng: random.Random, t: Tally) -> None:
    published = None if rng.random() < 0.4 else dt.date(1900, 1, 1) + dt.timedelta(days=rng.randrange(73414))
    found = find_dates(text, published)
    for m in found:
        if not (0 <= m.start < m.end <= len(text) and text[m.start:m.end] == m.text):
            t.fail(i, "dates offsets", f"{m} in {len(text)}")
        if any(v is not None and not YEAR_MIN <= v.year <= YEAR_MAX for v in (m.value, m.end_value)):
            t.fail(i, "dates range", str(m))
    if sum(m.role == "event" for m in found) > 1:
        t.fail(i, "dates two events", repr(text[:300]))


def check_names(i: int, text: str, rng: random.Random, t: Tally) -> None:
    for _ in range(3):
        a = rng.randint(0, len(text))
        piece = text[a:a + rng.randint(0, 60)]
        try:
            p = parse_name(piece)
        except NameParseError:
            p = None
        if p is not None:
            flat = " ".join(piece.split())
            if p.name not in flat or not all(h in flat for h in p.honorifics) or not all(d in flat for d in p.degrees):
                t.fail(i, "parse_name not written", repr(piece))
        span = scan_name(text, a)
        if span is not None and not a == span.start <= span.name_start < span.name_end <= span.end <= len(text):
            t.fail(i, "scan_name offsets", f"{span} at {a}")
    for r in name_runs(text[:5000], [], lambda words: False):
        if not 0 <= r.start <= r.name_start < r.name_end <= r.end <= min(len(text), 5000):
            t.fail(i, "name_runs offsets", str(r))


def evidence_problems(node: object, text: str, where: str = "") -> list[str]:
    out = []
    if isinstance(node, dict):
        for s, e, k in TRIPLES:
            if isinstance(node.get(s), int) and isinstance(node.get(k), str):
                a, b = node[s], node[e]
                if where.endswith("headline"):
                    ok = 0 <= a <= b <= len(text)
                else:
                    ok = 0 <= a <= b <= len(text) and text[a:b] == node[k]
                if not ok:
                    out.append(f"{where}.{k} ({a},{b}) {node[k][:60]!r} vs {text[a:b][:60]!r}")
        for k, v in node.items():
            out += evidence_problems(v, text, f"{where}.{k}")
    elif isinstance(node, list):
        for j, v in enumerate(node):
            out += evidence_problems(v, text, f"{where}[{j}]")
    return out


_NLP = None


def pipeline(rules_only: bool):
    global _NLP
    if _NLP is None:
        from extractor.pipeline import Settings, load
        _NLP = load(Settings(ner=False)) if rules_only else load()
    return _NLP


def check_pipeline(i: int, doc: InputDoc, t: Tally, rules_only: bool) -> None:
    from extractor.pipeline import ErrorRow
    from extractor.record import validate

    [result] = pipeline(rules_only).pipe([doc], errors="yield")
    t.counts["pipeline documents"] += 1
    if isinstance(result, ErrorRow):
        t.fail(i, f"pipeline crash at {result.stage}", f"{result.error}: {result.message} :: {doc.text[:300]!r}")
        return
    d = result.as_dict()
    try:
        validate(d)
    except Exception as exc:  # noqa: BLE001 - any schema failure is a finding
        t.fail(i, "record invalid", str(exc)[:500])
    for p in evidence_problems(d, doc.text):
        t.fail(i, "record evidence", p)


def run_one(seed: int, i: int, every: int, rules_only: bool, t: Tally) -> None:
    kind, item = make(seed, i)
    rng = random.Random(f"check:{seed}:{i}")
    t.counts[f"inputs {kind}"] += 1
    stage = "input"
    try:
        doc = None
        if kind == "bytes":
            try:
                text = decode(item, "fuzz")[0]
            except InputError:
                t.counts["input errors (InputError)"] += 1
                return
        elif kind == "html":
            try:
                doc = doc_from_bytes(item.encode("utf-8", errors="surrogatepass"), f"f{i}", f"f{i}.html", "html")
                text = doc.text
            except InputError:
                t.counts["input errors (InputError)"] += 1
                return
        else:
            text = item
        for stage, check in (("clean", check_clean), ("dates", check_dates), ("names", check_names)):
            check(i, text, rng, t)
        stage = "pipeline"
        if i % every == 0:
            check_pipeline(i, doc or InputDoc(doc_id=f"f{i}", text=text, source=f"f{i}"), t, rules_only)
    except Exception:  # noqa: BLE001 - a crash is what we count
        t.fail(i, f"crash in {stage}", traceback.format_exc())


def work(args: tuple[int, int, int, int, bool]) -> tuple[Counter, list]:
    seed, lo, hi, every, rules_only = args
    t = Tally()
    for i in range(lo, hi):
        run_one(seed, i, every, rules_only, t)
    return t.counts, t.failures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=100_000, help="number of generated inputs")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--pipeline-every", type=int, default=50, help="every k-th input also through the pipeline")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--rules-only", action="store_true", help="the pipeline without its NER model")
    ap.add_argument("--only", type=int, help="replay one input by its number")
    ap.add_argument("--save", help="write the failing inputs' numbers and details to this JSON file")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    if args.only is not None:
        t = Tally()
        run_one(args.seed, args.only, 1, args.rules_only, t)
        print(make(args.seed, args.only)[1].__repr__()[:3000])
        counts, failures = t.counts, t.failures
    else:
        chunk = 500
        jobs = [(args.seed, lo, min(lo + chunk, args.n), args.pipeline_every, args.rules_only)
                for lo in range(0, args.n, chunk)]
        counts, failures = Counter(), []
        with Pool(max(1, args.jobs)) as pool:
            for k, (c, f) in enumerate(pool.imap_unordered(work, jobs), 1):
                counts.update(c)
                failures += f
                if k % 20 == 0:
                    done = sum(v for key, v in counts.items() if key.startswith("inputs "))
                    print(f"  {done} inputs, {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
    seconds = time.perf_counter() - t0
    total = sum(v for k, v in counts.items() if k.startswith("inputs "))
    fails = sum(v for k, v in counts.items() if k.startswith("FAIL "))
    print(f"fuzz: {total} inputs in {seconds:.0f} s (seed {args.seed}); "
          f"{counts['pipeline documents']} also through the whole pipeline; {fails} failures")
    for k in sorted(counts):
        print(f"  {k:40s} {counts[k]}")
    for i, what, detail in failures[:10]:
        print(f"--- input {i}: {what}\n{detail}")
    if args.save:
        Path(args.save).write_text(json.dumps(failures, ensure_ascii=False, indent=1), encoding="utf-8")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
