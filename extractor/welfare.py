"""Welfare-problem terms and the seven categories of UU 11/2009 on Social Welfare, art. 5(2).

    terms = find_welfare(text, exclude=org_spans)
    categories_of(terms)            # ["kemiskinan", "korban_bencana"]

The lexicon is data: ``resources/welfare_terms.tsv`` (patterns, canonical type, categories, legal
source, sense condition; its header documents the pattern syntax and the mapping decisions) and
``resources/welfare_contexts.tsv`` (name heads, variant sets, sense cues and blocking words). Both
are compiled once into two big alternation regexes (one scan regex finds where some pattern starts;
a second one, all patterns as optional lookaheads, gives every pattern's match at that place), so
the text is never looped over per term.

Matching: case-insensitive on word boundaries (acronyms written in capitals are case-sensitive),
left to right, non-overlapping; at one place the longest accepted match wins (ties: first row).

Sense rules (a match is dropped, and shorter matches at the same place are tried, when):

1. **Exclude spans**: it overlaps a span in ``exclude`` (organisation names from another stage).
2. **Inside a name**: it starts with a capital and the words right before it, all capitalised, are
   a name head (``org_head``: Badan, Dinas, Balai, Sentra, Panti, Direktorat, Posyandu, Taruna ...)
   followed only by name words (``org_filler``: Rehabilitasi, Sosial, Penanggulangan ...):
   "Badan Penanggulangan Bencana Daerah", "Balai Rehabilitasi Napza X", "Taruna Siaga Bencana".
   A programme word (Program, Bantuan) is NOT a head: "Program Bedah Rumah Tidak Layak Huni" names
   the problem it addresses. PSKS actors (Tagana, LKS, TKSK, Karang Taruna, Pekerja Sosial) are not
   in the lexicon at all, and umbrella words (PMKS, PPKS) name no category, so neither is a term.
3. **Passing, non-welfare sense**: the row's ``not_after`` list matches the words right before it
   ("lahan terlantar", "mitigasi bencana", "tanpa diskriminasi") or its ``not_before`` list matches
   the words right after it ("miskin inovasi", "bencana politik", "banjir pujian",
   "eksploitasi sumber daya alam", "tidak mampu membayar" is ability, not means).
4. **Sense needing context** (condition column): ``needs_disaster_context`` (pengungsi, warga
   terdampak) and ``needs_remote_context`` (terasing) count only when a cue of that kind
   (``cue_disaster``, ``cue_remote``) occurs somewhere in the text. ``needs_poverty_context``
   marks programme and aid words (bansos, PKH, BPNT, BLT, bedah rumah): they are matched after all
   other terms, only in the gaps between them, and count only when the text names no poverty
   problem directly (then that phrase carries the category) and a poverty cue (KPM, DTKS, desil,
   PKH ...) occurs in the text; aid in general (for orphans, for disaster victims) is not poverty.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib.resources import files

from .spans import Overlaps

__all__ = ["CATEGORIES", "WelfareTerm", "WelfareError", "WelfareDataError", "find_welfare",
           "categories_of"]

CATEGORIES = ("kemiskinan", "ketelantaran", "kecacatan", "keterpencilan", "ketunaan_sosial",
              "korban_bencana", "korban_kekerasan")

TERMS_FILE = "welfare_terms.tsv"
CONTEXTS_FILE = "welfare_contexts.tsv"
_TERMS_HEADER = ["pattern", "canonical", "categories", "source", "condition"]
_CONTEXTS_HEADER = ["list", "phrase"]
_NEEDS = {"needs_poverty_context": "cue_poverty", "needs_disaster_context": "cue_disaster",
          "needs_remote_context": "cue_remote"}
_POVERTY = "needs_poverty_context"
_SP = r"[ \t\u00a0]"
_SPACE = rf"(?:{_SP}+|{_SP}*-{_SP}*)"
_OPT_SPACE = rf"(?:{_SP}*-?{_SP}*)"
_TOKEN = re.compile(r"\{(\w+)\}|([A-Za-z0-9']+)|([ ~()|?,/*])|(.)")
_ACRONYM = re.compile(r"[A-Z0-9]*[A-Z][A-Z0-9]*")
_WORD_BEFORE = re.compile(rf"(?<![\w&])([^\W\d_][\w'&]*|&){_SP}+\Z")
_MAX_NAME_WORDS = 6


class WelfareError(ValueError):
    """Base class of this module's errors."""


class WelfareDataError(WelfareError):
    """A welfare data file is malformed (bad header, column count, pattern, list or category)."""


@dataclass(frozen=True, slots=True)
class WelfareTerm:
    start: int
    end: int
    text: str
    canonical: str
    categories: tuple[str, ...]
    source: str


@dataclass(frozen=True, slots=True)
class _Row:
    canonical: str
    categories: tuple[str, ...]
    source: str
    not_after: tuple[str, ...]
    not_before: tuple[str, ...]
    needs: str | None


@dataclass(frozen=True, slots=True)
class _Lexicon:
    rows: tuple[_Row, ...]
    scan: re.Pattern[str]
    every: re.Pattern[str]

    def matches_at(self, text: str, start: int) -> list[tuple[int, _Row]]:
        """(end, row) of every pattern matching at ``start``, longest first, ties in file order."""
        m = self.every.match(text, start)
        found = [(start + len(g), i) for i, g in enumerate(m.groups()) if g] if m else []
        found.sort(key=lambda p: (-p[0], p[1]))
        return [(end, self.rows[i]) for end, i in found]


@dataclass(frozen=True, slots=True)
class _Contexts:
    heads: frozenset[str]
    fillers: frozenset[str]
    before: dict[str, re.Pattern[str]]
    after: dict[str, re.Pattern[str]]
    cues: dict[str, re.Pattern[str]]


# ---------------------------------------------------------------- data files and pattern syntax
def _read_tsv(name: str, header: list[str]) -> list[tuple[str, int, list[str]]]:
    text = files("extractor.resources").joinpath(name).read_text(encoding="utf-8")
    rows: list[tuple[str, int, list[str]]] = []
    seen_header = False
    for no, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if not seen_header:
            if cells != header:
                raise WelfareDataError(f"{name}:{no}: header must be {header}, got {cells}")
            seen_header = True
            continue
        if len(cells) != len(header) or not all(cells):
            raise WelfareDataError(f"{name}:{no}: expected {len(header)} non-empty tab-separated "
                                   f"columns {header}, got {cells}")
        rows.append((name, no, cells))
    if not seen_header:
        raise WelfareDataError(f"{name}: no header line {header}")
    return rows


def _translate(pattern: str, lists: dict[str, list[str]], where: str, depth: int = 0) -> str:
    """The pattern syntax of welfare_terms.tsv (documented there) to a Python regex."""
    out: list[str] = []
    for macro, word, sym, bad in _TOKEN.findall(pattern):
        if bad:
            raise WelfareDataError(f"{where}: character {bad!r} not allowed in pattern {pattern!r}")
        if macro:
            if macro not in lists or depth > 2:
                raise WelfareDataError(f"{where}: unknown or nested-too-deep list {{{macro}}}")
            alts = "|".join(_translate(p, lists, where, depth + 1) for p in lists[macro])
            out.append(f"(?:{alts})")
        elif word:
            acronym = len(word) > 1 and _ACRONYM.fullmatch(word)
            out.append(f"(?-i:{word})" if acronym else re.escape(word))
        else:
            out.append({" ": _SPACE, "~": _OPT_SPACE, "(": "(?:", "*": r"\w*",
                        "/": rf"{_SP}*/{_SP}*"}.get(sym, sym))
    regex = "".join(out)
    try:
        re.compile(regex)
    except re.error as exc:
        raise WelfareDataError(f"{where}: bad pattern {pattern!r}: {exc}") from None
    return regex


def _alternation(patterns: Sequence[str], lists: dict[str, list[str]], where: str) -> str:
    return "|".join(_translate(p, lists, where) for p in patterns)


@functools.lru_cache(maxsize=1)
def _lists() -> dict[str, list[str]]:
    lists: dict[str, list[str]] = {}
    for _name, _no, (lst, phrase) in _read_tsv(CONTEXTS_FILE, _CONTEXTS_HEADER):
        lists.setdefault(lst, []).append(phrase)
    for required in ("org_head", "org_filler", *_NEEDS.values()):
        if required not in lists:
            raise WelfareDataError(f"{CONTEXTS_FILE}: list {required!r} is missing")
    return lists


@functools.lru_cache(maxsize=1)
def _contexts() -> _Contexts:
    lists = _lists()
    before, after, cues = {}, {}, {}
    for lst, phrases in lists.items():
        alts = _alternation(phrases, lists, f"{CONTEXTS_FILE} list {lst}")
        before[lst] = re.compile(rf"(?<!\w)(?:{alts}){_SPACE}(?:yang{_SPACE})?\Z", re.I)
        after[lst] = re.compile(rf"\A{_SPACE}(?:{alts})(?!\w)", re.I)
        cues[lst] = re.compile(rf"(?<!\w)(?:{alts})(?!\w)", re.I)
    return _Contexts(frozenset(w.lower() for w in lists["org_head"]),
                     frozenset(w.lower() for w in lists["org_filler"]), before, after, cues)


def _parse_row(where: str, cells: list[str], lists: dict[str, list[str]]) -> _Row:
    _pattern, canonical, cats, source, condition = cells
    categories = tuple(c.strip() for c in cats.split(","))
    if not categories or any(c not in CATEGORIES for c in categories):
        raise WelfareDataError(f"{where}: categories {cats!r} must be among {CATEGORIES}")
    categories = tuple(c for c in CATEGORIES if c in categories)
    not_after: list[str] = []
    not_before: list[str] = []
    needs = None
    for cond in (c.strip() for c in condition.split(",")):
        key, _, lst = cond.partition("=")
        if cond == "-":
            continue
        if key in ("not_after", "not_before") and lst in lists:
            (not_after if key == "not_after" else not_before).append(lst)
        elif cond in _NEEDS:
            needs = cond
        else:
            raise WelfareDataError(f"{where}: unknown condition {cond!r} (allowed: -, not_after=LIST, "
                                   f"not_before=LIST, {', '.join(_NEEDS)}; LIST from {CONTEXTS_FILE})")
    return _Row(canonical, categories, source, tuple(not_after), tuple(not_before), needs)


def _compile(entries: list[tuple[str, str, _Row]]) -> _Lexicon:
    regexes = [rx for _where, rx, _row in entries]
    scan = re.compile(rf"(?<!\w)(?:{_by_first_char(regexes)})(?!\w)", re.I)
    every = re.compile("".join(f"(?=({rx})(?!\\w))?" for rx in regexes), re.I)
    return _Lexicon(tuple(row for _w, _rx, row in entries), scan, every)


def _by_first_char(regexes: Sequence[str]) -> str:
    """The alternation of ``regexes`` for the scan, grouped by the letter a match can start with
    ("(?=[k])(?:kemiskinan...|keluarga...)|(?=[m])(?:...)"), so at a word start only the patterns of
    its letter are tried (2-3x faster than all of them). The scan only finds where some pattern
    starts, which the grouping does not change; a pattern whose first letters are not known (or that
    can match empty) stays a branch of its own."""
    groups: dict[str, list[str]] = {}
    rest = []
    for rx in regexes:
        first = _first_chars(rx)
        for ch in sorted({c.lower() if len(c.lower()) == 1 else c for c in first or ()}):
            groups.setdefault(ch, []).append(rx)
        if not first:
            rest.append(rx)
    return "|".join([f"(?={re.escape(ch)})(?:{'|'.join(rxs)})" for ch, rxs in sorted(groups.items())] + rest)


def _first_chars(regex: str) -> set[str] | None:
    """The characters a match of ``regex`` can start with (under re.I, either case of them), or None
    when that is not a short list (a class of more than 64 characters, any character, an empty match)."""
    try:
        from re import _constants as C, _parser as P  # the parser of the re module (Python >= 3.11)

        tree = P.parse(regex, re.I)
    except (ImportError, AttributeError, re.error):  # pragma: no cover - another Python's re internals
        return None

    def seq(items) -> tuple[set[str] | None, bool]:  # (first characters, can be empty)
        out: set[str] = set()
        for op, av in items:
            chars, empty = one(op, av)
            if chars is None:
                return None, False
            out |= chars
            if not empty:
                return out, False
        return out, True

    def one(op, av) -> tuple[set[str] | None, bool]:
        if op is C.LITERAL:
            return {chr(av)}, False
        if op is C.IN:
            chars = set()
            for o, a in av:
                if o is C.LITERAL:
                    chars.add(chr(a))
                elif o is C.RANGE and a[1] - a[0] < 64:
                    chars |= {chr(c) for c in range(a[0], a[1] + 1)}
                else:
                    return None, False
            return chars, False
        if op is C.BRANCH:
            found = [seq(b) for b in av[1]]
            if any(f is None for f, _ in found):
                return None, False
            return set().union(*(f for f, _ in found)), any(e for _, e in found)
        if op is C.SUBPATTERN:
            return seq(av[3])
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            chars, empty = seq(av[2])
            return (None, False) if chars is None else (chars, empty or av[0] == 0)
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):  # zero width: leaving it out only widens the set
            return set(), True
        return None, False

    chars, empty = seq(tree)
    return None if empty or not chars else chars


@functools.lru_cache(maxsize=1)
def _lexicons() -> tuple[_Lexicon, _Lexicon]:
    """(primary, programme): programme rows are those with needs_poverty_context."""
    lists = _lists()
    primary: list[tuple[str, str, _Row]] = []
    programme: list[tuple[str, str, _Row]] = []
    for name, no, cells in _read_tsv(TERMS_FILE, _TERMS_HEADER):
        where = f"{name}:{no}"
        row = _parse_row(where, cells, lists)
        entry = (where, _translate(cells[0], lists, where), row)
        (programme if row.needs == _POVERTY else primary).append(entry)
    return _compile(primary), _compile(programme)


# ---------------------------------------------------------------- sense checks
def _in_name(text: str, start: int, ctx: _Contexts) -> bool:
    """True when the match starts a capitalised word that continues a name head (rule 2)."""
    if not text[start].isupper():
        return False
    pos = start
    for _ in range(_MAX_NAME_WORDS):
        m = _WORD_BEFORE.search(text, max(0, pos - 60), pos)
        if not m:
            return False
        word = m.group(1)
        low = word.lower()
        if word[0].isupper() and low in ctx.heads:
            return True
        if low not in ctx.fillers or not (word[0].isupper() or low == "dan"):
            return False
        pos = m.start()
    return False


def _sense_ok(text: str, start: int, end: int, row: _Row, ctx: _Contexts) -> bool:
    before = text[max(0, start - 80):start]
    after = text[end:end + 80]
    if any(ctx.before[lst].search(before) for lst in row.not_after):
        return False
    return not any(ctx.after[lst].search(after) for lst in row.not_before)


def _scan(text: str, lex: _Lexicon, ctx: _Contexts,
          accept: Callable[[int, int, _Row], bool]) -> list[WelfareTerm]:
    terms: list[WelfareTerm] = []
    pos = 0
    while (m := lex.scan.search(text, pos)) is not None:
        start = m.start()
        pos = start + 1
        candidates = lex.matches_at(text, start)
        if candidates and _in_name(text, start, ctx):
            pos = candidates[0][0]  # the whole name is skipped, not only its first word
            continue
        for end, row in candidates:
            if accept(start, end, row):
                terms.append(WelfareTerm(start, end, text[start:end], row.canonical,
                                         row.categories, row.source))
                pos = end
                break
    return terms


# ---------------------------------------------------------------- public API
def find_welfare(text: str, exclude: Sequence[tuple[int, int]] = ()) -> list[WelfareTerm]:
    """Welfare-problem terms in ``text``, in text order, non-overlapping (longest match wins).

    Matches overlapping an ``exclude`` span (organisation names found by another stage), inside an
    organisation name, or used in a non-welfare sense are skipped (module docstring, rules 1-4).
    """
    if not isinstance(text, str):
        raise WelfareError(f"find_welfare expects the text as str, got {type(text).__name__}")
    primary, programme = _lexicons()
    ctx = _contexts()
    cue_seen: dict[str, bool] = {}

    def has_cue(lst: str) -> bool:
        if lst not in cue_seen:
            cue_seen[lst] = ctx.cues[lst].search(text) is not None
        return cue_seen[lst]

    excluded = Overlaps(list(exclude))

    def accept(start: int, end: int, row: _Row, taken: Overlaps | None = None) -> bool:
        return (not excluded.any(start, end) and not (taken is not None and taken.any(start, end))
                and (row.needs is None or has_cue(_NEEDS[row.needs]))
                and _sense_ok(text, start, end, row, ctx))

    terms = _scan(text, primary, ctx, accept)
    if not any("kemiskinan" in t.categories for t in terms) and has_cue(_NEEDS[_POVERTY]):
        taken = Overlaps([(t.start, t.end) for t in terms])
        terms += _scan(text, programme, ctx, lambda s, e, r: accept(s, e, r, taken))
        terms.sort(key=lambda t: t.start)
    return terms


def categories_of(terms: Sequence[WelfareTerm]) -> list[str]:
    """The categories carried by ``terms``, unique, in CATEGORIES order."""
    found = {c for t in terms for c in t.categories}
    return [c for c in CATEGORIES if c in found]
