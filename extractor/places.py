"""Named places in a release: regions, venues, streets and geographic names, with offsets.

The rules: an admin word (Kecamatan, Kab., Desa ...) or a venue/street/geo head (Hotel, Jl.,
Gunung ...) followed by a name; an office or agency that names a place ("Bupati Klaten",
"Pemkab Garut" -> the place part only); a province/regency/city name from the Kemendagri table
where the context says it is a place (after "di"/"warga", an acronym, "Dinas ...", a comma after
another region; provinces standalone; the dateline). Admin names are cut to the longest known
region name ("Kota Malang Budi Santoso" -> "Kota Malang"). Word lists: ``extractor/resources``
place_patterns.tsv, place_titles.tsv, place_words.tsv, geo_names.tsv.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby

from extractor.organizations import is_head_word
from extractor.regions import (RegionDataError, codes_for, name_levels, near_province, normalize_name, read_tsv,
                               upper_first_words)

__all__ = ["PlaceMention", "PlaceDataError", "PlaceInputError", "find_places", "nested_places"]


class PlaceDataError(RegionDataError):
    """A place resource file lacks a column or holds a value the loader does not allow."""


class PlaceInputError(ValueError):
    """find_places was given something other than a str."""


@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int
    end: int
    text: str           # as written: text[start:end]
    kind: str           # region | venue | street | geo
    prefix: str | None  # normalized head: "Kecamatan", "Kota", "Hotel", "Jalan", "Gunung" ...
    name: str           # without an admin head ("Klojen"); venues, streets, natural features: the full text


@dataclass(frozen=True, slots=True)
class _Head:
    words: tuple[str, ...]
    kind: str
    prefix: str
    level: int
    dot: str            # yes: "Kel." needs its dot; opt: "Kab"/"Kab."; no: a full word
    strip: bool         # the name is what follows the head


@dataclass(frozen=True, slots=True)
class _Data:
    heads: dict[str, tuple[_Head, ...]]                 # first word -> heads, longest first
    titles: dict[str, tuple[str | None, frozenset[int]]]  # office word -> (prefix, levels of the place)
    roles: dict[str, frozenset[str]]                    # place_words.tsv role -> words
    geo: frozenset[str]                                 # normalized island and country names
    geo_first: frozenset[str]                           # their first words
    inner: frozenset[str]                               # head words, allowed lower-case inside venue names


@lru_cache(maxsize=1)
def _data() -> _Data:
    heads: dict[str, list[_Head]] = {}
    for r in read_tsv("place_patterns.tsv", ("head", "kind", "prefix", "level", "dot", "name")):
        if r["kind"] not in ("region", "venue", "street", "geo") or r["dot"] not in ("yes", "opt", "no") \
                or r["name"] not in ("strip", "full") or (r["kind"] == "region") != r["level"].isdigit():
            raise PlaceDataError(f"place_patterns.tsv: kind must be region|venue|street|geo (a region with a "
                                 f"level), dot yes|opt|no, name strip|full; got {r!r}")
        h = _Head(tuple(r["head"].lower().split()), r["kind"], r["prefix"], int(r["level"] or 0), r["dot"],
                  r["name"] == "strip")
        heads.setdefault(h.words[0], []).append(h)
    titles = {r["title"].lower(): (r["prefix"] or None, frozenset({int(r["level"])} if r["level"] else {1, 2}))
              for r in read_tsv("place_titles.tsv", ("title", "prefix", "level"))}
    roles: dict[str, set[str]] = {}
    for r in read_tsv("place_words.tsv", ("word", "role")):
        roles.setdefault(r["role"], set()).add(r["word"].lower())
    missing = {"before", "prep", "org", "stop", "function", "generic", "notplace"} - roles.keys()
    if missing:
        raise PlaceDataError(f"place_words.tsv: no words for the roles {sorted(missing)}")
    geo = frozenset(normalize_name(r["name"]) for r in read_tsv("geo_names.tsv", ("name", "kind")))
    inner = frozenset(w for hs in heads.values() for h in hs for w in h.words)
    return _Data({k: tuple(sorted(v, key=lambda h: -len(h.words))) for k, v in heads.items()}, titles,
                 {k: frozenset(v) for k, v in roles.items()}, geo, frozenset(g.split()[0] for g in geo), inner)


_TOKEN = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_SPACES = re.compile(r"[ \t\u00a0]+")
_AFTER_HEAD = re.compile(r"(?P<dot>\.)?(?:[ \t\u00a0]*\((?P<paren>[^()\n]{1,20})\))?[ \t\u00a0]*")
_BOUNDARY = re.compile(r"\s*(?:[,.;:!?)\]\"”’]|\n|$)")
_DATELINE = re.compile(r"^[ \t]*(?P<head>[^\n]{2,70}?)[ \t]+[-–—]+[ \t]+\S", re.M)
_DATELINE_NAME = re.compile(r"[^,()/|\s-][^,()/|-]*[^,()/|\s-]|[^,()/|\s-]")
_MAX_NAME = 6
_RANK = {"dateline": 0, "region": 1, "title": 2, "venue": 3, "street": 4, "geo": 5, "bare": 6, "prep": 7}
_UPPER = frozenset({1, 2})


@dataclass(frozen=True, slots=True)
class _Cand:
    start: int
    end: int
    kind: str
    prefix: str | None
    name: tuple[int, int]
    rule: str


class _Doc:
    """The text as word tokens with offsets, and the questions the rules ask about them."""

    def __init__(self, text: str) -> None:
        self.text = text
        spans = [m.span() for m in _TOKEN.finditer(text)]
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]
        self.words = [text[s:e] for s, e in spans]
        self.lower = [w.lower() for w in self.words]
        self.n = len(spans)
        self.at = {s: i for i, s in enumerate(self.starts)}
        self.title_line = self._title_lines()

    def _title_lines(self) -> list[bool]:
        """Headline-like lines (most words capitalised) where venue names cannot be told from the rest."""
        func, out = _data().roles["function"], [False] * self.n
        breaks = [m.start() for m in re.finditer("\n", self.text)]
        lines = [bisect.bisect(breaks, s) for s in self.starts]
        for _, group in groupby(range(self.n), key=lines.__getitem__):
            line = list(group)
            content = [j for j in line if self.words[j].isalpha() and self.lower[j] not in func]
            caps = sum(1 for j in content if self.words[j][0].isupper())
            closed = self.text[self.ends[line[-1]]:self.ends[line[-1]] + 1] == "."  # a sentence, not a headline
            if 4 <= len(content) <= 20 and caps >= 0.8 * len(content) and not closed:
                for j in line:
                    out[j] = True
        return out

    def gap(self, i: int) -> str:
        return self.text[self.ends[i - 1] if i else 0:self.starts[i] if i < self.n else len(self.text)]

    def joined(self, i: int) -> bool:
        """Token i follows token i-1 after spaces only."""
        return 0 < i < self.n and _SPACES.fullmatch(self.gap(i)) is not None

    def cap(self, i: int) -> bool:
        return 0 <= i < self.n and self.words[i][0].isupper()

    def acronym(self, i: int) -> bool:
        w = self.words[i]
        return len(w) >= 2 and w.isupper() and sum(c.isalpha() for c in w) >= 2

    def span(self, i: int, j: int) -> str:
        return self.text[self.starts[i]:self.ends[j - 1]]

    def run(self, i: int) -> int:
        """End (exclusive) of the run of capitalised words from i, up to a stop word ("Rabu", "Tahun")."""
        stop, j = _data().roles["stop"], i
        while j < self.n and (j == i or self.joined(j)) and j - i < 8 and self.cap(j) and self.lower[j] not in stop:
            j += 1
        return j

    def known(self, i: int, j: int, levels: frozenset[int]) -> int:
        """Number of tokens from i (up to j) of the longest region name at one of ``levels``; 0 if none."""
        for k in range(min(j, i + _MAX_NAME), i, -1):
            if name_levels(self.span(i, k)) & levels:
                return k - i
        return 0

    def is_head(self, i: int, admin: bool = False) -> bool:
        """Token i is a head word or an office; with ``admin``, only admin words, Kampung/Dusun, offices."""
        d = _data()
        return self.lower[i] in d.titles or any(not admin or h.kind == "region" or h.strip
                                                for h in d.heads.get(self.lower[i], ()))

    def cand(self, i: int, j: int, kind: str, prefix: str | None, rule: str, name_from: int | None = None,
             start: int | None = None) -> _Cand:
        """A candidate over tokens i..j-1 whose name starts at token ``name_from`` (default i)."""
        return _Cand(self.starts[i] if start is None else start, self.ends[j - 1], kind, prefix,
                     (self.starts[i if name_from is None else name_from], self.ends[j - 1]), rule)


def _match_words(doc: _Doc, i: int, words: tuple[str, ...]) -> int:
    """End index when tokens from i spell ``words`` with spaces between, else 0."""
    if i + len(words) > doc.n or any(doc.lower[i + k] != w or (k and not doc.joined(i + k))
                                     for k, w in enumerate(words)):
        return 0
    return i + len(words)


def _name_start(doc: _Doc, j: int, dot: str) -> tuple[int, bool] | None:
    """First name token after a head ending at token j-1, and whether an "(ABBR)" stands between."""
    if not 0 < j < doc.n:
        return None
    m = _AFTER_HEAD.match(doc.text, doc.ends[j - 1])
    if m.end() not in doc.at or (dot == "yes" and not m.group("dot")) or (dot == "no" and m.group("dot")):
        return None
    if not m.group("dot") and m.end() == doc.ends[j - 1]:
        return None
    return doc.at[m.end()], m.group("paren") is not None


def _heads(doc: _Doc, i: int, out: list[_Cand], admin_only: bool = False) -> None:
    for head in _data().heads.get(doc.lower[i], ()):
        j = _match_words(doc, i, head.words)
        if not j or (admin_only and head.kind != "region"):
            continue
        if not doc.cap(i) and ((head.kind in ("street", "geo") and head.dot == "no")
                               or (head.kind == "venue" and head.prefix.isupper())):
            continue  # "jalan" is also "to walk", "sd" is "sampai dengan"
        after = _name_start(doc, j, head.dot)
        if after is None or (after[1] and head.kind != "region"):
            continue
        if head.kind == "region":
            _admin(doc, i, after[0], after[1], head, out)
        else:
            _venue(doc, i, after[0], head, out)
        return


def _admin(doc: _Doc, i: int, k: int, paren: bool, head: _Head, out: list[_Cand]) -> None:
    """ "Kecamatan Klojen", "Kab. Pangkep", "Kabupaten (Pemkab) Garut" (then the mention is "Garut")."""
    if not doc.cap(k):
        return
    end = doc.run(k)
    n = doc.known(k, end, frozenset({head.level}))
    if doc.is_head(k, True) and not (n and head.level >= 3):
        return                      # "Kelurahan Kota Kulon" is a village whose name starts with a head word
    if not n and head.level == 2 and not paren:  # "Kota Gajah": a district whose name holds the word
        n = max(doc.known(i, end, frozenset({3})) - (k - i), 0)
    if not n and head.level == 4 and not doc.title_line[k]:  # the table lacks many village spellings
        n = min(next((x - k for x in range(k, end) if doc.is_head(x)), end - k), 3)
    elif head.level == 4 and n < end - k <= 3 and name_levels(doc.span(k, end)):
        n = end - k                 # "Desa Gading Rejo": a known name longer than the village the table has
    if n:
        out.append(doc.cand(k, k + n, "region", head.prefix, "region", start=None if paren else doc.starts[i]))
        if head.level >= 3:
            _coordinated(doc, k + n, head, out)


def _coordinated(doc: _Doc, j: int, head: _Head, out: list[_Cand]) -> None:
    """ "Kecamatan Sokaraja dan Kemranjen": known names after "dan" or a comma share the admin word."""
    while j < doc.n:
        if doc.lower[j] == "dan" and (doc.joined(j) or doc.gap(j).strip() == ","):
            j += 1
        elif doc.gap(j).strip() != ",":
            return
        if j >= doc.n or not doc.cap(j) or doc.is_head(j, True):
            return
        n = doc.known(j, doc.run(j), frozenset({head.level}))
        if n and doc.known(j, j + n, _UPPER) == n:
            return  # "Kecamatan Coblong, Bandung": the city, not a second district
        if not n or not (_BOUNDARY.match(doc.text, doc.ends[j + n - 1])
                         or doc.lower[min(j + n, doc.n - 1)] == "dan"):
            return
        out.append(doc.cand(j, j + n, "region", head.prefix, "region"))
        j += n


def _venue(doc: _Doc, i: int, k: int, head: _Head, out: list[_Cand]) -> None:
    """ "Hotel Melati Indah", "Aula kantor Dinas Sosial Kabupaten X", "Hotel sri rejeki,", "Dusun Krajan"."""
    d = _data()
    if head.kind == "venue" and doc.title_line[i]:
        return
    if not doc.cap(i) and (not doc.cap(k) or doc.is_head(k)):
        return  # lower-case "aula Kantor ...": the venue starts at "Kantor"
    if doc.joined(i) and doc.lower[i - 1] in d.roles["org"] and doc.cap(i - 1):
        return  # "Ikatan Masjid Nusantara" is an organisation
    end = k
    while end < doc.n and (end == k or doc.joined(end)) and end - k < 8:
        if head.kind != "venue" and doc.is_head(end, True):
            break  # "Dusun X Desa Y": the next head starts the next place
        word = doc.cap(end) and doc.lower[end] not in d.roles["stop"]
        number = doc.words[end].isdigit() and head.kind != "geo"  # "SMP Negeri 2"
        inner = doc.lower[end] in d.inner and doc.cap(end + 1) and doc.joined(end + 1)  # "Aula kantor Dinas"
        if not (word or number or inner):
            break
        end += 1
    if end == k and doc.cap(i):
        end = _lower_tail(doc, k)
    if end == k or all(doc.lower[x] in d.roles["generic"] for x in range(k, end)):
        return  # "Posyandu Balita" is a kind of posyandu, not a name
    if head.kind == "geo" and not head.strip:  # "Bukit Raya Berbagi": cut to a known region name
        n = doc.known(i, end, frozenset({1, 2, 3}))
        end = i + n if n > k - i else end
    region = head.kind == "geo" and not head.strip and bool(name_levels(doc.span(i, end)) & _UPPER)
    out.append(doc.cand(i, end, "region" if region else head.kind, None if region else head.prefix, head.kind,
                        name_from=k if head.strip else i))


def _lower_tail(doc: _Doc, k: int) -> int:
    """ "Hotel sri rejeki," : up to three lower-case words, closed by punctuation or a function word."""
    func, end = _data().roles["function"], k
    while end < doc.n and (end == k or doc.joined(end)) and end - k < 3 and doc.words[end].isalpha() \
            and not doc.cap(end) and doc.lower[end] not in func:
        end += 1
    if end == k:
        return k
    if end < doc.n and doc.joined(end):
        return end if doc.lower[end] in func else k
    return end if _BOUNDARY.match(doc.text, doc.ends[end - 1]) else k


def _title(doc: _Doc, i: int, out: list[_Cand]) -> None:
    """ "Bupati Klaten", "Camat Klojen", "Pemkab Garut", "Kapolres Bengkalis": the known place after the office."""
    entry = _data().titles.get(doc.lower[i])
    after = _name_start(doc, i + 1, "opt") if entry else None
    if after is None or not doc.cap(after[0]) or doc.is_head(after[0], True):
        return
    k = after[0]
    n = doc.known(k, doc.run(k), entry[1])
    if n:
        out.append(doc.cand(k, k + n, "region", entry[0], "title"))


def _bare(doc: _Doc, i: int, out: list[_Cand], ends: dict[int, _Cand]) -> None:
    """A province/regency/city (island, country) name without a head, where its neighbours say it is a place."""
    d = _data()
    if not doc.cap(i) or doc.lower[i] in d.roles["stop"] or doc.is_head(i):
        return
    end, first = doc.run(i), normalize_name(doc.words[i]).split(" ")[0]
    n = doc.known(i, end, _UPPER) if first in upper_first_words() else 0
    geo = 0 if n or first not in d.geo_first else next(
        (k - i for k in range(min(end, i + 3), i, -1) if normalize_name(doc.span(i, k)) in d.geo), 0)
    m = n or geo
    if not m or (n and end == i + n + 1 and not doc.known(i + n, end, _UPPER)
                 and (end == doc.n or not doc.joined(end) or doc.lower[end] in d.roles["function"])):
        _prep(doc, i, end, out)  # "di Garut Plaza dan ..." is more than Garut
    if not m:
        _typo(doc, i, end, out, ends)
        _resident(doc, i, end, out)
        return
    province = bool(geo) or 1 in name_levels(doc.span(i, i + m))
    if doc.joined(i):
        p = doc.lower[i - 1]
        free = province and not doc.cap(i - 1)
        if not (free or p in d.roles["before"] or doc.acronym(i - 1) or _org_run(doc, i - 1)
                or doc.ends[i - 1] in ends):
            return
    else:
        prev = ends.get(doc.ends[i - 1]) if i and doc.gap(i).strip() == "," else None
        free = province or (prev is not None and prev.rule == "region")
        if not free:
            return
    k = i + m
    if free and doc.joined(k) and doc.cap(k) and not doc.is_head(k) and doc.lower[k] not in d.roles["stop"]:
        _typo(doc, i, end, out, ends)  # "Riau Pos", "Karo Sembiring": part of a longer name
        return
    cand = doc.cand(i, k, "geo" if geo else "region", None, "bare")
    out.append(cand)
    ends[cand.end] = cand


def _resident(doc: _Doc, i: int, end: int, out: list[_Cand]) -> None:
    """ "warga Sukamaju", "masyarakat Pohgading Timur": a known district or village name after a word
    for its people or area (coded only inside a region the text names, see regions._pick)."""
    d = _data()
    if not doc.joined(i) or doc.lower[i - 1] not in d.roles["before"] or doc.lower[i - 1] in d.roles["prep"] \
            or doc.title_line[i]:
        return
    while True:                     # "dari Muntok, Koba dan Sungailiat": the known places of the list
        n = doc.known(i, end, frozenset({3, 4}))
        if n and (i + n == doc.n or not doc.joined(i + n) or not doc.cap(i + n)):
            out.append(doc.cand(i, i + n, "geo", None, "prep"))
        elif end - i > 3 or end == i:
            return
        i += n or end - i
        if i < doc.n and doc.lower[i] == "dan" and doc.joined(i):
            i += 1
        elif i >= doc.n or doc.gap(i).strip() != ",":
            return
        if i >= doc.n or not doc.cap(i):
            return
        end = doc.run(i)


def _typo(doc: _Doc, i: int, end: int, out: list[_Cand], ends: dict[int, _Cand]) -> None:
    """ "Kabupaten Sanggau, Kalimantan Brat": a province name one letter off, right after a region."""
    prev = ends.get(doc.ends[i - 1]) if i and doc.gap(i).strip() == "," else None
    k = min(end, i + 3)
    if prev is not None and prev.rule == "region" and k - i >= 2 and near_province(doc.span(i, k)):
        cand = doc.cand(i, k, "region", None, "bare")
        out.append(cand)
        ends[cand.end] = cand


def _prep(doc: _Doc, i: int, end: int, out: list[_Cand]) -> None:
    """ "di Garut Plaza", "ke Bambu Kuning": a short capitalised name after "di"/"ke" is a place unless a
    word in it says organisation or person. Not in headlines, where every word is capitalised."""
    d = _data()
    if not doc.joined(i) or doc.lower[i - 1] not in d.roles["prep"] or end > i + 3 or doc.title_line[i]:
        return
    if not any(doc.acronym(x) or doc.is_head(x) or doc.lower[x] in d.roles["notplace"]
               or doc.lower[x] in d.roles["org"] or is_head_word(doc.words[x]) for x in range(i, end)):
        out.append(doc.cand(i, end, "geo", None, "prep"))


def _org_run(doc: _Doc, i: int) -> bool:
    """Token i closes a capitalised run holding an organisation word ("Dinas Sosial")."""
    while doc.cap(i):
        if doc.lower[i] in _data().roles["org"]:
            return True
        if not doc.joined(i):
            return False
        i -= 1
    return False


def _dateline(doc: _Doc, out: list[_Cand]) -> None:
    """ "KORANKU.ID, SUMEDANG - ", "SANGGAU-KALBAR, Outlet.id – ": the first short line head before a dash
    with a known region name in it; failing that, a capitalised first part beside a domain or "(OUTLET)"."""
    for m in _DATELINE.finditer(doc.text):
        head, base = m.group("head"), m.start("head")
        if m.start() > 3000:
            return
        if len(head.split()) > 6:
            continue
        names = [(base + s.start(), s.group(0)) for s in _DATELINE_NAME.finditer(head)]
        names = [(s, n) for s, n in names if n[0].isupper() and not any(c.isdigit() or c == "." for c in n)]
        found = [(s, n) for s, n in names if name_levels(n) & {1, 2, 3}]
        if not found and names and names[0][0] == base and len(names[0][1].split()) <= 3 \
                and re.search(r"\w\.\w|\(", head):
            found = names[:1]
        for s, n in found:
            out.append(_Cand(s, s + len(n), "region", None, (s, s + len(n)), "dateline"))
        if found:
            return


def _candidates(text: str, admin_only: bool = False) -> list[_Cand]:
    doc, out = _Doc(text), []
    if not admin_only:
        _dateline(doc, out)
    for i in range(doc.n):
        _heads(doc, i, out, admin_only)
        _title(doc, i, out)
    ends = {c.end: c for c in out}
    for i in range(doc.n):
        _bare(doc, i, out, ends)
    return out


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Longest first, then by rule; no overlaps; text order. Characters taken are marked in a byte
    array, so each test costs the candidate's length, not the number taken (thousands of places)."""
    taken: list[_Cand] = []
    used = bytearray(max((c.end for c in cands), default=0))
    for c in sorted(cands, key=lambda c: (c.start - c.end, _RANK[c.rule], c.start)):
        if c.end > c.start:
            free = used.find(1, c.start, c.end) < 0
        else:                       # an empty candidate overlaps only a place around it
            free = all(c.end <= t.start or c.start >= t.end for t in taken)
        if free:
            taken.append(c)
            used[c.start:c.end] = b"\x01" * (c.end - c.start)
    return sorted(taken, key=lambda c: c.start)


def _mention(text: str, c: _Cand, shift: int = 0) -> PlaceMention:
    return PlaceMention(c.start + shift, c.end + shift, text[c.start:c.end], c.kind, c.prefix,
                        text[c.name[0]:c.name[1]])


def find_places(text: str) -> list[PlaceMention]:
    """Named places in ``text``, in text order, without overlaps (the longest wins)."""
    if not isinstance(text, str):
        raise PlaceInputError(f"find_places needs a str, got {type(text).__name__}")
    return [_mention(text, c) for c in _select(_candidates(text))]


def nested_places(mention: PlaceMention) -> list[PlaceMention]:
    """Regions named inside a venue ("Aula Kantor Dinas Sosial Kabupaten Garut" -> "Kabupaten Garut"),
    with offsets into the text the venue came from."""
    inner = _select([c for c in _candidates(mention.text, admin_only=True) if c.kind == "region"])
    return [_mention(mention.text, c, mention.start) for c in inner]


def known_place_name(name: str) -> bool:
    """Whether ``name`` is a region in the Kemendagri table or a listed island/country name."""
    return normalize_name(name) in _data().geo or bool(codes_for(name))
