"""A synthetic corpus of N press releases made from the project's own samples, for benchmarks.

Each document is one of the sample releases (``data/samples/sNNN.txt``, the ``# source:`` line
stripped; the HTML sample is not used) with its facts varied, consistently within the document:

* people: every gold person's name tokens are replaced by names drawn from a pool of Indonesian
  given and family names written below (Balinese birth-order words such as ``I``, ``Ni``, ``Putu``
  are kept), so a full name and its short mentions ("Rahmadi Noor" ... "Rahmadi") stay linked;
* places: the gold regencies/cities are replaced by real regencies of the same kind (kabupaten or
  kota) drawn from the ``lokal`` table, their districts and villages by real districts and villages
  of the new regency, a province holding one of them by the new regency's province (names also in
  UPPER CASE, as in datelines); other names (towns, venues, streets) stay as written;
* dates: every date moves by the same whole number of weeks (so weekdays stay right): ``(d/m/yyyy)``,
  ``(d/m)``, ``d Month yyyy``, ``d-d Month yyyy``, ``Month yyyy`` and bare years;
* numbers: small counts (1-999, no leading zero, not part of a date, time, amount or code) are
  scaled by a random factor.

The output is deterministic for a seed. Usage::

    python bench/make_corpus.py --n 10000 --out DIR [--seed 0] [--format txt|jsonl]

``txt`` writes ``DIR/c000001.txt`` ... (first line ``# source: https://example.go.id/corpus/c000001``);
``jsonl`` writes ``DIR/corpus.jsonl`` with ``{"id", "text", "url", "published"}`` rows (the default
fields of ``extractor run DIR/corpus.jsonl``; ``published`` is the shifted first date of the text).
Importable: ``make_corpus(n, seed)`` yields ``(doc_id, text)`` pairs.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lokal import wilayah as _wilayah

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"
URL = "https://example.go.id/corpus/{}"

GIVEN = """Agus Andi Arif Bambang Budi Dedi Dimas Eko Fajar Hadi Hendra Imam Indra Joko Kurniawan
Lukman Rizky Rudi Slamet Taufik Wahyu Yusuf Zainal Bayu Gilang Irfan Reza Yoga Ilham Teguh Ahmad
Ayu Dewi Fitri Indah Kartika Lestari Maya Nurul Putri Ratna Rina Sari Siti Sri Tuti Wulan Yanti
Anisa Dian Endang Fatimah Hartini Intan Laila Mega Novi Rahma Susanti Yulia Zahra""".split()
FAMILY = """Saputra Pratama Wibowo Santoso Setiawan Hidayat Nugroho Kusuma Siregar Nasution Harahap
Lubis Simanjuntak Pohan Tanjung Sembiring Ginting Tarigan Manurung Sinaga Rangkuti Hasibuan Lumbantobing
Rahman Hamzah Syahputra Maulana Firmansyah Gunawan Permana Hakim Utomo Prasetyo Purnomo Suryadi
Wijaya Halim Mahmud Tamba Daulay Latuconsina Pattimura Sangadji Mandagi Wenas Pangemanan Sumampouw
Rumagit Daeng Lamba Tandiarrang Bone Hutagalung Sitompul Matondang Effendi Rusdi Anwar""".split()
_KEEP = frozenset("I Ni Luh Putu Made Kadek Nyoman Komang Ketut Wayan Gede Gusti Ngurah Ayu Agung "
                  "Anak Ida Bagus".split())
MONTHS = ("Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember"
          .split())
_MONTH_NO = {m: i + 1 for i, m in enumerate(MONTHS)} | {"Nopember": 11, "Pebruari": 2}
_M = "|".join(sorted(_MONTH_NO, key=len, reverse=True))
_DATES = (rf"(?P<dmy>(?<![\w/])(\d{{1,2}})/(\d{{1,2}})/((?:19|20)\d\d)(?![\w/]))"
          rf"|(?P<dm>\((\d{{1,2}})/(\d{{1,2}})\))"
          rf"|(?P<dmony>(?<![\w.,-])(\d{{1,2}})(?:-(\d{{1,2}}))? ({_M})(?: ((?:19|20)\d\d))?(?!\w))"
          rf"|(?P<mony>(?<!\w)({_M}) ((?:19|20)\d\d)(?!\w))")
_TAIL = (r"|(?P<year>(?<![\w/.])(?:19[5-9]\d|20\d\d)(?![\w/]))"
         r"|(?P<num>(?<![\w.,/:+-])[1-9]\d{0,2}(?![\w/:%-]|[.,]\d))")
_ANY_DATE = re.compile(_DATES)
WINDOW = (dt.date(2019, 1, 1), dt.date(2025, 12, 31))


@dataclass(frozen=True, slots=True)
class Template:
    name: str
    text: str
    pattern: re.Pattern[str]   # dates | names and places | years | numbers
    people: tuple[tuple[str, ...], ...]  # each person's name tokens to replace
    regions: tuple[tuple[str, str], ...]  # (code, name as written without Kabupaten/Kota)
    anchor: dt.date            # first full date in the text (or mid-year of its first year)


def _strip_prefix(name: str) -> str:
    return re.sub(r"^(?:Kabupaten|Kota)(?: Administrasi)? ", "", name)


def _anchor(text: str) -> dt.date:
    for m in _ANY_DATE.finditer(text):
        try:
            if m["dmy"]:
                return dt.date(int(m[4]), int(m[3]), int(m[2]))
            if m["dmony"] and m[12]:
                return dt.date(int(m[12]), _MONTH_NO[m[11]], int(m[9]))
        except ValueError:
            continue
    years = re.findall(r"(?<![\w/])(20\d\d)(?!\w)", text)
    return dt.date(int(years[0]) if years else 2023, 7, 1)


def _template(path: Path, province: str) -> Template:
    text = path.read_text(encoding="utf-8")
    if text.startswith("# source:"):
        text = text.split("\n", 1)[1]
    gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    people = tuple(tuple(t for t in p["name"].split() if t not in _KEEP and len(t) > 2)
                   for p in gold["people"])
    tokens = {t for p in people for t in p}
    regions = {(r["code"], _strip_prefix(r["name"])) for r in gold["regions"]}
    if province and not any(n == province for _, n in regions):
        code = next((c[:2] for c, _ in regions if c.count(".") == 1), None)
        if code:
            regions.add((code, province))
    keys = tokens | {n for _, n in regions} | {n.upper() for _, n in regions}
    alt = "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))
    # the lookahead skips the many positions (lower case, spaces) where nothing can start
    pattern = re.compile(r"(?=[\dA-Z(])(?:" + _DATES + rf"|(?P<key>(?<![\w-])(?:{alt})(?![\w-]))" + _TAIL + ")")
    return Template(path.stem, text, pattern, people,
                    tuple(sorted(regions, key=lambda r: (r[0].count("."), r[0]))), _anchor(text))


@lru_cache(maxsize=1)
def templates() -> tuple[Template, ...]:
    with open(SAMPLES / "INDEX.tsv", encoding="utf-8") as f:
        provinces = {row["doc_id"]: row["province"] for row in csv.DictReader(f, delimiter="\t")}
    return tuple(_template(p, provinces.get(p.stem, "")) for p in sorted(SAMPLES.glob("s*.txt")))


@lru_cache(maxsize=1)
def _regencies() -> dict[str, tuple]:
    """Kind ('kabupaten'/'kota') -> regencies having districts."""
    out: dict[str, list] = {"kabupaten": [], "kota": []}
    for prov in _wilayah.list_wilayah():
        for reg in _wilayah.list_wilayah(prov.code):
            if reg.type in out and _children(reg.code):
                out[reg.type].append(reg)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=None)
def _children(code: str) -> tuple:
    return tuple(_wilayah.list_wilayah(code))


@lru_cache(maxsize=None)
def _name(code: str) -> str:
    return _strip_prefix(_wilayah.get_wilayah(code).name)


def _place_map(tpl: Template, rng: random.Random) -> dict[str, str]:
    """Old region name -> new name; a level keeps its parent's new region."""
    new_code: dict[str, str] = {}
    for code, _ in tpl.regions:
        level = code.count(".") + 1
        if level == 2:
            kind = "kota" if code[3] == "7" else "kabupaten"
            new_code[code] = rng.choice(_regencies()[kind]).code
        elif level > 2:
            parent = new_code.get(code.rsplit(".", 1)[0])
            pool = [c for c in _children(parent)] if parent else []
            if pool:
                new_code[code] = rng.choice(pool).code
    for code, _ in tpl.regions:  # a province follows its (first) regency; others stay
        if code.count(".") == 0:
            kid = next((v for k, v in new_code.items() if k.startswith(code + ".")), None)
            if kid:
                new_code[code] = kid[:2]
    out: dict[str, str] = {}
    for code, old in tpl.regions:
        if code in new_code:
            new = _name(new_code[code])
            out.setdefault(old, new)
            out.setdefault(old.upper(), new.upper())
    return out


def _people_map(tpl: Template, rng: random.Random) -> dict[str, str]:
    """A given name for a person's first token, family names for the others."""
    out: dict[str, str] = {}
    for tokens in tpl.people:
        for i, t in enumerate(tokens):
            out.setdefault(t, rng.choice(FAMILY if i else GIVEN))
    return out


def _fmt_day_month(d: dt.date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]}"


def _shift_match(m: re.Match[str], shift: dt.timedelta, years: int, ref: int) -> str | None:
    try:
        if m["dmy"]:
            d = dt.date(int(m[4]), int(m[3]), int(m[2])) + shift
            return f"{d.day}/{d.month}/{d.year}"
        if m["dm"]:
            d = dt.date(ref, int(m[7]), int(m[6])) + shift
            return f"({d.day}/{d.month})"
        if m["dmony"]:
            year = int(m[12]) if m[12] else ref
            d = dt.date(year, _MONTH_NO[m[11]], int(m[9])) + shift
            text = _fmt_day_month(d)
            if m[10]:
                e = dt.date(year, _MONTH_NO[m[11]], int(m[10])) + shift
                text = (f"{d.day}-{e.day} {MONTHS[e.month - 1]}" if e.month == d.month
                        else f"{text} - {_fmt_day_month(e)}")
            return f"{text} {d.year}" if m[12] else text
        if m["mony"]:
            return f"{m[14]} {int(m[15]) + years}"
    except ValueError:
        return None
    return None


def vary(tpl: Template, rng: random.Random) -> tuple[str, dt.date]:
    """One varied copy of a template and its new anchor date (a publication date for it)."""
    target = WINDOW[0] + dt.timedelta(days=rng.randrange((WINDOW[1] - WINDOW[0]).days))
    shift = dt.timedelta(weeks=round((target - tpl.anchor).days / 7))
    new_anchor = tpl.anchor + shift
    years = new_anchor.year - tpl.anchor.year
    keys = _people_map(tpl, rng) | _place_map(tpl, rng)
    factor = rng.uniform(0.5, 1.8)

    def sub(m: re.Match[str]) -> str:
        if m["key"]:
            return keys.get(m["key"], m["key"])
        if m["year"]:
            return str(int(m["year"]) + years)
        if m["num"]:
            return str(max(1, round(int(m["num"]) * factor)))
        new = _shift_match(m, shift, years, tpl.anchor.year)
        return m[0] if new is None else new

    return tpl.pattern.sub(sub, tpl.text), new_anchor


def make_corpus(n: int, seed: int = 0) -> Iterator[tuple[str, str]]:
    """``n`` varied releases as ``(doc_id, text)``, ids ``c000001`` ...; the same for the same seed."""
    for doc_id, text, _ in _generate(n, seed):
        yield doc_id, text


def _generate(n: int, seed: int) -> Iterator[tuple[str, str, dt.date]]:
    rng = random.Random(seed)
    tpls = templates()
    for i in range(1, n + 1):
        text, anchor = vary(rng.choice(tpls), rng)
        yield f"c{i:06d}", text, anchor


def write(n: int, out: Path, seed: int = 0, fmt: str = "txt") -> int:
    out.mkdir(parents=True, exist_ok=True)
    if fmt == "jsonl":
        with open(out / "corpus.jsonl", "w", encoding="utf-8") as f:
            for doc_id, text, anchor in _generate(n, seed):
                row = {"id": doc_id, "text": text, "url": URL.format(doc_id), "published": anchor.isoformat()}
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
        return n
    for doc_id, text, _ in _generate(n, seed):
        (out / f"{doc_id}.txt").write_text(f"# source: {URL.format(doc_id)}\n{text}", encoding="utf-8")
    return n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, required=True, help="number of documents")
    ap.add_argument("--out", type=Path, required=True, help="output folder")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--format", choices=("txt", "jsonl"), default="txt")
    args = ap.parse_args(argv)
    if args.n < 0:
        ap.error("--n must be >= 0")
    t0 = time.perf_counter()
    write(args.n, args.out, args.seed, args.format)
    print(f"{args.n} documents in {args.out} ({args.format}) in {time.perf_counter() - t0:.1f} s",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
