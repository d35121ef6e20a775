"""Organisation mentions in a release: agencies, offices, parties, associations, companies.

Evidence, all dictionary and regex work: the lexicon ``resources/organizations.tsv`` (short forms such
as "Dinsos" matched as written, full names such as "Dinas Sosial" ignoring case after a capital); head
words from ``resources/org_heads.txt`` ("Dinas", "Yayasan", "PT") followed by capitalised words with
"dan" inside; a bracket that spells a name ("Gerakan Peduli Lingkungan (Gepeling)") makes the acronym
known for the rest of the text. A region may close a name ("Dinas Sosial Kabupaten Bangkalan",
"Dinsos Blora", "Kemensos RI"); a bare place after a name counts only when the ``lokal`` gazetteer or
``region_aliases.tsv`` knows it. Names right after a venue word ("Aula Setda ...") belong to a place
and are left out. Names inside a person's title are reported: the caller drops those by offset.
"""
from __future__ import annotations

import gzip
import json
import logging
import re
from collections import Counter, namedtuple
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from typing import NamedTuple

from .errors import ExtractorError
from .regions import edit1

__all__ = ["OrgMention", "OrganizationDataError", "find_organizations", "group_organizations", "is_head_word"]

logger = logging.getLogger(__name__)

KINDS = frozenset({"government", "police_military", "legislature", "party", "ngo", "company",
                   "education", "health", "other"})
_FLAGS = frozenset({"name", "class", "needs_name"})
_TOKEN_RE = re.compile(r"(?:Kab|Prov|Kel)\.|[^\W_]+|\n|[^\w\s]")  # a line break is a token
_BRACKET_RE = re.compile(r"\s*\([^()]*\)")
_SPACE_RE = re.compile(r"\s+")
_KEY_WORD_RE = re.compile(r"[^\W_]+(?:/[^\W_]+)*")
_ROMAN_RE = re.compile(r"[IVX]+")
_REGION_LEVEL = {"kabupaten": "kabupaten", "kab": "kabupaten", "kota": "kota", "provinsi": "provinsi",
                 "prov": "provinsi", "propinsi": "provinsi"}
_CONNECTORS = frozenset({"dan", "&"})
_MAX_RUN = 9
_MAX_BRACKET = 10


class OrganizationDataError(ExtractorError):
    """A resource file for organisations is malformed."""


@dataclass(frozen=True, slots=True)
class OrgMention:
    start: int
    end: int
    text: str
    canonical: str | None
    kind: str

    @property
    def name(self) -> str:
        """The text without a bracketed part inside it: "BNNK (Badan ...) Purworejo" -> "BNNK Purworejo"."""
        return _SPACE_RE.sub(" ", _BRACKET_RE.sub("", self.text)).strip()


class _Entry(NamedTuple):
    form: str
    canonical: str
    kind: str
    exact: bool
    klass: bool
    needs_name: bool


class _Words(NamedTuple):  # the sections of org_heads.txt; all but heads and tail in lower case
    heads: dict[tuple[str, ...], tuple[str, bool]]  # head tokens -> (kind, weak)
    stop: frozenset[str]
    region_type: frozenset[str]
    venue: frozenset[tuple[str, ...]]
    tail: frozenset[tuple[str, ...]]
    region_suffix: frozenset[str]
    debris: frozenset[str]


def _data_lines(name: str) -> list[str]:
    text = files("extractor.resources").joinpath(name).read_text(encoding="utf-8")
    return [ln.rstrip("\n") for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


def _toks(s: str) -> tuple[str, ...]:
    return tuple(_TOKEN_RE.findall(s))


@lru_cache(maxsize=2)
def _lengths(which: str) -> dict[str, set[int]]:
    """Lengths in words of the lexicon forms or head words, by (lower-case) first word."""
    by_first: dict[str, set[int]] = {}
    for key in _lexicon() if which == "lexicon" else _words().heads:
        by_first.setdefault(key[0], set()).add(len(key))
    return by_first


@lru_cache(maxsize=1)
def _lexicon() -> dict[tuple[str, ...], tuple[_Entry, ...]]:
    """Entries by their lower-case words."""
    lines = _data_lines("organizations.tsv")
    if not lines or lines[0].split("\t")[:4] != ["form", "canonical", "kind", "flags"]:
        raise OrganizationDataError("organizations.tsv: header must be form, canonical, kind, flags")
    table: dict[tuple[str, ...], list[_Entry]] = {}
    for n, line in enumerate(lines[1:], start=2):
        cols = (line.split("\t") + ["", "", ""])[:4]
        form, canonical, kind, flags = (c.strip() for c in cols)
        flag_set = {f.strip() for f in flags.split(",") if f.strip()}
        if not form or kind not in KINDS or not flag_set <= _FLAGS:
            raise OrganizationDataError(
                f"organizations.tsv row {n}: need a form, a kind in {sorted(KINDS)} and flags in "
                f"{sorted(_FLAGS)}; got {line!r}")
        entry = _Entry(form, canonical or form, kind, "name" not in flag_set, "class" in flag_set,
                       "needs_name" in flag_set)
        table.setdefault(tuple(t.lower() for t in _toks(form)), []).append(entry)
    return {k: tuple(v) for k, v in table.items()}


@lru_cache(maxsize=1)
def _words() -> _Words:
    heads: dict[tuple[str, ...], tuple[str, bool]] = {}
    lists: dict[str, set] = {name: set() for name in _Words._fields[1:]}
    section = ""
    for item in (line.strip() for line in _data_lines("org_heads.txt")):
        if item.startswith("[") and item.endswith("]"):
            section = item[1:-1]
            continue
        group, _, kind = section.partition(":")
        if group in ("head", "weak") and kind in KINDS:
            heads[_toks(item)] = (kind, group == "weak")
        elif section in ("venue", "tail"):
            lists[section].add(_toks(item.lower() if section == "venue" else item))
        elif section in lists:
            lists[section].add(item.lower())
        else:
            raise OrganizationDataError(f"org_heads.txt: item {item!r} is under unknown section [{section}]")
    return _Words(heads, **{name: frozenset(items) for name, items in lists.items()})


@lru_cache(maxsize=1)
def _regions() -> tuple[frozenset[tuple[str, ...]], dict[str, tuple[tuple[str, ...], ...]]]:
    """Region names as lower-case word tuples; provinces and regencies of two or more words by first
    letter, for short forms such as "Kaltim" or "Jateng"."""
    names: set[tuple[str, ...]] = set()
    targets: dict[str, set[tuple[str, ...]]] = {}
    try:
        raw = files("lokal").joinpath("data").joinpath("wilayah.json.gz").read_bytes()
        for code, value in json.loads(gzip.decompress(raw)).items():
            words = tuple(w.lower() for w in _TOKEN_RE.findall(value))
            if code.count(".") == 1 and words[0] in ("kabupaten", "kota"):
                words = words[1:]
            names.add(words)
            if len(words) >= 2 and code.count(".") <= 1:
                targets.setdefault(words[0][0], set()).add(words)
    except (ModuleNotFoundError, FileNotFoundError, OSError, ValueError):
        logger.debug("lokal gazetteer not available; bare region names after short forms are not taken")
    try:
        for line in _data_lines("region_aliases.tsv")[1:]:
            names.add(tuple(w.lower() for w in _TOKEN_RE.findall(line.split("\t")[0])))
    except (FileNotFoundError, OSError):
        logger.debug("region_aliases.tsv not available")
    return frozenset(names), {k: tuple(v) for k, v in targets.items()}


def _abbreviates(short: str, words: tuple[str, ...]) -> bool:
    """"kaltim" abbreviates ("kalimantan", "timur"): one piece of two or more letters from each word,
    taken from the word's start (or its second letter: "kaltara" = Kalimantan Utara)."""
    if not words:
        return not short
    word = words[0]
    for begin in (0, 1):
        for size in range(min(len(short), len(word) - begin), 1, -1):
            if word[begin:begin + size] == short[:size] and _abbreviates(short[size:], words[1:]):
                return True
    return False


def _is_region_like(words: tuple[str, ...], tails: bool = True) -> bool:
    """A region name, a region short form, or (with tails) words such as "RI" or "Pusat"."""
    names, targets = _regions()
    if words in names or (tails and all(w in {x.lower() for t in _words().tail for x in t} for w in words)):
        return True
    return len(words) == 1 and len(words[0]) >= 4 and _is_short_form(words[0])


@lru_cache(maxsize=1)
def _targets_by_start() -> dict[tuple[str, str], tuple[tuple[str, ...], ...]]:
    """The multi-word region names by (first letter, two letters a short form can start with): a short
    form's first piece is the first word's start or its letters from the second on."""
    out: dict[tuple[str, str], list[tuple[str, ...]]] = {}
    for letter, targets in _regions()[1].items():
        for t in targets:
            for start in {t[0][:2], t[0][1:3]}:
                out.setdefault((letter, start), []).append(t)
    return {k: tuple(v) for k, v in out.items()}


def is_head_word(word: str) -> bool:
    """Whether a capitalised word opens an organisation's name by itself ("Dinas", "Ditsamapta")."""
    return (word,) in _words().heads


@lru_cache(maxsize=65536)
def _is_short_form(word: str) -> bool:
    """"kaltim": a short form of a multi-word region name (only the names it can start are tried)."""
    return any(_abbreviates(word, t) for t in _targets_by_start().get((word[0], word[:2]), ()))


# ---------------------------------------------------------------- parsing one text


@dataclass(slots=True)
class _Doc:
    text: str
    toks: list[tuple[int, int, str]]
    local: dict[tuple[str, ...], tuple[_Entry, ...]] = field(default_factory=dict)
    local_lengths: dict[str, set[int]] = field(default_factory=dict)
    words: list[str] = field(default_factory=list)
    low: list[str] = field(default_factory=list)
    titled: list[bool] = field(default_factory=list)  # token on a headline-style line
    # token on a related-articles line ("Baca juga: ..."), or under a line holding only such a marker
    debris: list[bool] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.words = [t[2] for t in self.toks]
        self.low = [w.lower() for w in self.words]
        in_block, start = False, 0
        for end in [k for k, w in enumerate(self.words) if w == "\n"] + [len(self.words)]:
            line = self.words[start:end]
            long_words = [w for w in line if len(w) > 3 and w.isalpha()]
            titled = 3 <= len(long_words) <= 15 and line[-1:] != ["."] and \
                sum(map(_is_cap, long_words)) >= 0.8 * len(long_words)
            text = " ".join(self.low[start:end])
            marker = next((m for m in _words().debris if f"{text} ".startswith(f"{m} ")), None)
            in_block = (in_block and bool(line)) or (marker is not None and not text[len(marker):].strip(" :"))
            self.titled.extend([titled] * (end - start + 1))
            self.debris.extend([in_block or marker is not None] * (end - start + 1))
            start = end + 1

    def tok(self, k: int) -> str:
        return self.words[k] if 0 <= k < len(self.words) else ""

    def span(self, a: int, b: int) -> str:
        return self.text[self.toks[a][0]:self.toks[b - 1][1]] if b > a else ""

    def glued(self, k: int) -> bool:
        return 0 < k < len(self.toks) - 1 and self.toks[k - 1][1] == self.toks[k][0] \
            and self.toks[k][1] == self.toks[k + 1][0]


_Span = namedtuple("_Span", "a b canonical kind")  # token range [a, b) of a mention


def _is_cap(t: str) -> bool:
    return t[:1].isupper()


def _is_name(t: str) -> bool:
    w = _words()
    low = t.lower()
    return _is_cap(t) and low not in w.stop and low not in w.region_type


def _at_region_type(doc: _Doc, k: int) -> bool:
    return doc.tok(k).lower() in _words().region_type and _is_cap(doc.tok(k + 1))


def _lex_at(doc: _Doc, i: int) -> tuple[int, _Entry, bool] | None:
    """Longest lexicon form at token i: (end, entry, lower-case class name needing a bracket)."""
    first = doc.low[i] if i < len(doc.low) else ""
    lengths = sorted(_lengths("lexicon").get(first, set()) | doc.local_lengths.get(first, set()), reverse=True)
    for n in lengths:
        if i + n > len(doc.low):       # a slice past the end is shorter: it would match a shorter form
            continue
        key = tuple(doc.low[i:i + n])
        toks = doc.words[i:i + n]
        for entry in doc.local.get(key, ()) + _lexicon().get(key, ()):
            if entry.exact:
                if all(t == f or t == f.upper() for t, f in zip(toks, _toks(entry.form))):
                    return i + n, entry, False
            elif _is_cap(toks[0]):
                return i + n, entry, False
            elif n > 1:
                return i + n, entry, entry.klass
    return None


def _head_at(doc: _Doc, i: int) -> tuple[int, str, bool] | None:
    heads = _words().heads
    for n in sorted(_lengths("heads").get(doc.tok(i), ()), reverse=True):
        found = heads.get(tuple(doc.words[i:i + n])) if i + n <= len(doc.words) else None
        if found:
            return i + n, found[0], found[1]
    return None


def _run(doc: _Doc, k: int) -> int:
    """End of the capitalised words from token k ("Pemberdayaan Perempuan dan Perlindungan Anak")."""
    j, words = k, 0
    while j < len(doc.toks) and words < _MAX_RUN:
        t = doc.tok(j)
        if t.lower() in _words().region_type:
            break
        if words and t in _CONNECTORS and _is_name(doc.tok(j + 1)) and not _head_at(doc, j + 1):
            j += 1
        elif words and t in "/-" and doc.glued(j) and doc.tok(j + 1)[:1].isalnum():
            j += 1
        elif _is_name(t) and (inner := _lex_at(doc, j)):
            return _tail(doc, inner[0], inner[1].kind, False)  # "Fraksi PDI Perjuangan": ends the name
        elif doc.titled[j] and _is_name(t):  # headline: only acronyms and known places
            end = j + 1 if t.isupper() and len(t) > 1 else _region_name(doc, j, False)
            if end == j:
                break
            j, words = end, words + end - j
        elif _is_name(t):
            j, words = j + 1, words + 1
        else:
            break
    return j


def _region_name(doc: _Doc, k: int, fallback: bool) -> int:
    names, _ = _regions()
    for n in (4, 3, 2, 1):
        toks = [doc.tok(x) for x in range(k, k + n)]
        if all(_is_cap(t) for t in toks) and tuple(t.lower() for t in toks) in names:
            return k + n
    t = doc.tok(k)
    if _is_cap(t) and _is_region_like((t.lower(),), tails=False):
        return k + 1
    if fallback and _is_name(t):
        k += 1
        while doc.tok(k).lower() in _words().region_suffix:
            k += 1
        return k
    return k


def _tail(doc: _Doc, k: int, kind: str, after_type: bool) -> int:
    """End of a region, number or "RI" closing a name at token k (k when there is none)."""
    for words in _words().tail:
        if tuple(doc.words[k:k + len(words)]) == words:
            return k + len(words)
    t = doc.tok(k)
    if kind == "police_military" and (t.isdigit() or _ROMAN_RE.fullmatch(t)):
        k += 1
        if doc.tok(k) in ("/", "-") and doc.glued(k):
            k = max(k + 2, _region_name(doc, k + 1, True))
        return k
    if _at_region_type(doc, k):
        end = _region_name(doc, k + 1, True)
        return end if end > k + 1 else k
    return _region_name(doc, k, after_type)


def _paired_bracket(doc: _Doc, i: int, k: int) -> int | None:
    """The ")" of a short bracket at token k that spells, or is spelt by, the name [i, k)."""
    if doc.tok(k) != "(":
        return None
    for j in range(k + 1, min(k + _MAX_BRACKET, len(doc.toks))):
        if doc.tok(j) in "()\n":
            ok = doc.tok(j) == ")" and j > k + 1 and _acronym_pair(doc.span(i, k), doc.span(k + 1, j))
            return j if ok else None
    return None


def _letters(s: str) -> str:
    return "".join(c for c in s.lower() if c.isalpha())


def _acronym_pair(a: str, b: str) -> bool:
    """True when the shorter of two names spells the longer one ("Dinsos P3A" / "Dinas Sosial ...")."""
    short, long_ = sorted((a, b), key=lambda x: len(_letters(x)))
    s, t = _letters(short), _letters(long_)
    if len(s) < 2 or len(short.split()) > 3 or len(long_.split()) < 2 or s == t or s[0] != t[0]:
        return False
    pos = 0
    for c in s:
        pos = t.find(c, pos) + 1
        if pos == 0:
            return False
    return True


def _after_bracket(doc: _Doc, k: int, kind: str, after_type: bool) -> int:
    """End of the words that continue a name after its bracket ("(BNNK) Purworejo")."""
    run = _run(doc, k)
    if run > k and _at_region_type(doc, run) and _tail(doc, run, kind, False) > run:
        return _tail(doc, run, kind, False)
    return _tail(doc, k, kind, after_type)


def _finish(doc: _Doc, i: int, j: int, entry: _Entry | None, kind: str, *,
            weak: bool = False, needs_bracket: bool = False) -> tuple[list[_Span], tuple | None] | None:
    """Extend a name core [i, j) with its words, bracket and region; also return a bracket definition."""
    klass = entry is not None and entry.klass  # a kind of institution takes no region
    after_type = entry is not None and _toks(entry.form)[-1].lower() in _words().region_type
    ext_end = _run(doc, j)
    if entry is None and ext_end == j:
        return None
    close = _paired_bracket(doc, i, ext_end)
    if entry is not None and ext_end > j and close is None and not _at_region_type(doc, ext_end):
        ext_end, close = j, _paired_bracket(doc, i, j)
    if (weak or needs_bracket) and close is None:
        return None
    base = f"{entry.canonical} {doc.span(j, ext_end)}".strip() if entry else None
    if close is None:
        end = ext_end if klass else _tail(doc, ext_end, kind, after_type and ext_end == j)
        if entry is not None and entry.needs_name and end == j:
            return None
        return [_Span(i, end, f"{base} {doc.span(ext_end, end)}".strip() if base else None, kind)], None
    name, acr = doc.span(i, ext_end), doc.span(ext_end + 1, close)
    inner = _lex_at(doc, ext_end + 1)
    inner_canon = inner[1].canonical if inner and inner[0] == close else None
    flipped = len(_letters(acr)) > len(_letters(name))  # "Komda (Komisi Daerah)": bracket is the long form
    long_canon = (inner_canon or acr) if flipped else (base or name)
    post = close + 1 if klass else _after_bracket(doc, close + 1, kind, after_type)
    definition = (name if flipped else acr, long_canon, kind)
    if post > close + 1:
        return [_Span(i, post, f"{long_canon} {doc.span(close + 1, post)}".strip(), kind)], definition
    return [_Span(i, ext_end, long_canon if flipped else base, kind),
            _Span(ext_end + 1, close, inner_canon if flipped else long_canon, kind)], definition


def _parse(doc: _Doc, i: int) -> tuple[list[_Span], tuple | None] | None:
    results = []
    lex = _lex_at(doc, i)
    if lex:
        results.append(_finish(doc, i, lex[0], lex[1], lex[1].kind, needs_bracket=lex[2]))
    head = _head_at(doc, i)
    nxt = _lex_at(doc, head[0]) if head else None
    venue_word = head and tuple(doc.low[i:head[0]]) in _words().venue
    # "Kantor Dinas Sosial" is a place; "Dinas DP3KB": the acronym already says Dinas
    if head and not (venue_word and (nxt or _head_at(doc, head[0]))) and not (
            nxt and nxt[1].form.isupper() and nxt[1].canonical.split()[0].lower() == doc.low[i]):
        results.append(_finish(doc, i, head[0], None, head[1], weak=head[2]))
    results = [r for r in results if r]
    return max(results, key=lambda r: r[0][-1].b, default=None)


def _reverse_definition(doc: _Doc, i: int) -> tuple | None:
    """"Komda (Komisi Daerah)": an unknown capitalised word and its full name in brackets."""
    close = _paired_bracket(doc, i, i + 1)
    if close is None or i + 1 != _run(doc, i):
        return None
    inner = _parse(doc, i + 2)
    if inner is None or inner[0][0].b != close:
        return None
    return doc.tok(i), inner[0][0].canonical or doc.span(i + 2, close), inner[0][0].kind


def _scan(doc: _Doc) -> tuple[list[_Span], list[tuple]]:
    spans: list[_Span] = []
    definitions: list[tuple] = []
    i = 0
    starts = _lengths("lexicon").keys() | doc.local_lengths.keys()
    while i < len(doc.toks):
        if not (_is_cap(doc.words[i]) or doc.low[i] in starts):
            i += 1
            continue
        found = _parse(doc, i)
        if found is None:
            rev = _reverse_definition(doc, i)
            if rev:
                definitions.append(rev)
            i += 1
            continue
        spans.extend(found[0])
        if found[1]:
            definitions.append(found[1])
        i = max(i + 1, found[0][-1].b)
    return spans, definitions


def find_organizations(text: str) -> list[OrgMention]:
    """Organisation mentions in text order, non-overlapping, the longest match winning."""
    doc = _Doc(text, [(m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(text)])
    _, definitions = _scan(doc)
    local: dict[tuple[str, ...], list[_Entry]] = {}
    for acr, canonical, kind in definitions:
        key = tuple(t.lower() for t in _toks(acr))
        if key not in _lexicon():
            local.setdefault(key, []).append(_Entry(acr, canonical, kind, True, False, False))
    doc.local = {k: tuple(v) for k, v in local.items()}
    for k in local:
        doc.local_lengths.setdefault(k[0], set()).add(len(k))
    spans, _ = _scan(doc)
    out: list[OrgMention] = []
    dropped_end = -2
    for sp in spans:
        venue = any(tuple(doc.low[max(0, sp.a - len(v)):sp.a]) == v for v in _words().venue)
        if doc.debris[sp.a] or venue or (
                sp.a == dropped_end and text[doc.toks[sp.a - 1][1]:doc.toks[sp.a][0]].isspace()):
            dropped_end = sp.b
            continue
        start, end = doc.toks[sp.a][0], doc.toks[sp.b - 1][1]
        out.append(OrgMention(start, end, text[start:end], sp.canonical, sp.kind))
    return out


# ---------------------------------------------------------------- grouping


def _key(m: OrgMention) -> tuple[tuple[str, ...], frozenset[str]]:
    """Lower-case words of the full name without the region-type words that precede a region name,
    and the levels those words named ("Dinas Sosial Kota Bogor" -> (dinas, sosial, bogor), {kota})."""
    words = _KEY_WORD_RE.findall((m.canonical or m.name).lower())
    typed = {k for k, w in enumerate(words[:-1]) if w in _REGION_LEVEL}
    return (tuple(w for k, w in enumerate(words) if k not in typed),
            frozenset(_REGION_LEVEL[words[k]] for k in typed))


def _same(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if _one_letter_off(a, b):
        return True                 # "Dinas Sossial Kota X" and "Dinas Sosial Kota X": a typo
    p = 0
    while p < min(len(a), len(b)) and a[p] == b[p]:
        p += 1
    ra, rb = a[p:], b[p:]
    if not ra and not rb:
        return True
    if p == 0:
        return False
    if not ra or not rb:
        return _is_region_like(ra or rb)
    short, long_ = sorted((ra, rb), key=len)
    return len(short) == 1 and len(long_) >= 2 and (
        _abbreviates(short[0], long_) or short[0] == "".join(w[0] for w in long_))   # "RI" = Republik Indonesia


def _one_letter_off(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    diff = [(x, y) for x, y in zip(a, b) if x != y]
    return len(a) == len(b) and len(diff) == 1 and min(map(len, diff[0])) >= 5 and edit1(*diff[0])


def group_organizations(mentions) -> list[list[OrgMention]]:
    """Mentions of one organisation together ("Dinas Sosial (Dinsos)" / "Dinsos Blora"), groups in
    order of first mention, each in text order (its first-written form first)."""
    groups: list[list[OrgMention]] = []
    best: list[tuple[tuple[str, ...], frozenset[str]]] = []  # the most specific key of each group
    seen: list[Counter] = []                                  # how often each key was written
    for m in sorted(mentions, key=lambda x: (x.start, x.end)):
        words, levels = _key(m)
        for g, (gwords, glevels) in enumerate(best):
            if _same(words, gwords) and (not levels or not glevels or levels & glevels):
                groups[g].append(m)
                seen[g][words] += 1
                if len(words) > len(gwords) or (len(words) == len(gwords) and seen[g][words] > seen[g][gwords]):
                    best[g] = (words, levels or glevels)   # a typo written once gives way to the usual spelling
                break
        else:
            groups.append([m])
            best.append((words, levels))
            seen.append(Counter({words: 1}))
    return groups
