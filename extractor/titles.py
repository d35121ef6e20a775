"""Titles of office (jabatan): "Bupati Karimun", "Kepala Dinas Sosial Kabupaten Dompu", "Plt. Camat ...".

Office heads are data (``resources/titles.tsv``); a title is a head, an optional acting prefix
(Plt., Pj., Plh., Pjs.) and the institution and region written after it. The title must stop before
the person's name, which is capitalised too. Heuristics, in order, for each word after the head:

1. an honorific or rank (``dr.``, ``AKBP``), a comma, a dash, a colon or a known name word (given by
   the caller) ends the title;
2. a region-type word (Kabupaten, Kota, Kecamatan, Desa ...) continues it, with the region name after
   it (longest gazetteer match from ``lokal``, else one capitalised word);
3. right after the head of a region office (Bupati, Camat ...) or after an institution word or acronym
   ("Setda Karimun", "BNNK Wonosobo"), a gazetteer region name continues it;
4. institution words (``institution_words.txt``), all-caps acronyms (BNNK, SDM, P3A), an abbreviation
   in parentheses ("(Sekda)"), connectors followed by such a word ("dan SDM", "di Kudus"), and
   "sekaligus" + another title continue it;
5. unknown capitalised words are held back: they join the title only if a word of rules 2-4 follows
   them (so "Kepala Sentra Mulya Jaya di Kudus" is one title), never right after the head of a region
   office ("Bupati Budi Serahkan Bantuan"), and never once a region has been read (after "Kepala
   BNNK Kediri" the next capitalised word is the name); a region name may carry direction words
   ("Kalitengah Lor", ``region_suffixes.txt``);
6. a region office with no region read takes one held-back word as its region when a comma and a name
   follow ("Camat Xyz, Budi").
"""
from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache

from .names import key, load_lines, load_tsv, match_honorifics
from .regions import abbreviated, abbreviation_words, region_aliases

MAX_HELD = 3
ROMAN = re.compile(r"(?:I{1,3}|IV|V|VI{0,3}|IX|X|XI{0,2}|XI{0,2}V|X?IX)(?:/[\w-]+)?")
_PAREN = re.compile(r"\([A-Z][\w.-]{1,15}\)")
_NUMBER = re.compile(r"\d[\w/.-]*")
_WORDS = re.compile(r"[\w'’-]+")
_REGENCY_PREFIX = re.compile(r"^(?:Kabupaten|Kota)(?: Administrasi)? ")


@dataclass(frozen=True, slots=True)
class Title:
    start: int
    end: int
    text: str
    office: str
    institution: str | None
    region: str | None
    acting: str | None


@dataclass(frozen=True, slots=True)
class _Head:
    office: str
    slot: str
    alone: bool
    implied: str


def _alternation(forms: list[str]) -> str:
    return "|".join(r"[ \t]+".join(re.escape(w) for w in f.split()) for f in sorted(forms, key=len, reverse=True))


@lru_cache(maxsize=1)
def _acting() -> dict[str, str]:
    return {key(r["form"]): r["acting"] for r in load_tsv("acting.tsv")}


@lru_cache(maxsize=1)
def _heads() -> tuple[re.Pattern[str], dict[str, _Head]]:
    rows = load_tsv("titles.tsv")
    table = {key(r["form"]): _Head(r["office"], r["slot"], r["alone"] == "y", r["implied"]) for r in rows}
    acting = [r["form"] for r in load_tsv("acting.tsv")]
    short = "|".join(re.escape(f) for f in acting if " " not in f)
    rx = re.compile(rf"(?<![\w.])(?:(?P<acting>(?i:{_alternation(acting)}))(?:\.[ \t]*|[ \t]+)"
                    rf"(?:\((?i:{short})\.?\)[ \t]*)?)?(?P<head>(?i:{_alternation([r['form'] for r in rows])}))"
                    r"(?![\w'’-])")
    return rx, table


@lru_cache(maxsize=1)
def _connectors() -> dict[tuple[str, ...], str]:
    """Connector words (as word tuples) -> kind: institution, region or title."""
    return {tuple(key(w) for w in r["form"].split()): r["kind"] for r in load_tsv("title_connectors.tsv")}


_WORD_START = re.compile(r"(?<![\w.])[A-Za-z]+")


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    """Lowercase first words of office heads and acting prefixes: where a title may start."""
    rows = load_tsv("titles.tsv") + load_tsv("acting.tsv")
    return frozenset(r["form"].split()[0].lower() for r in rows)


def is_office_word(word: str) -> bool:
    """Whether a word can start an office ("camat", "Kepala", "Plt")."""
    return word.lower() in _first_words()


@lru_cache(maxsize=1)
def _lexicon() -> tuple[frozenset[str], dict[str, str], frozenset[str], frozenset[str]]:
    """Institution words, region-type words (-> level), stop words, place nouns."""
    inst = frozenset(key(w) for w in load_lines("institution_words.txt"))
    types = {key(r["form"]): r["level"] for r in load_tsv("region_types.tsv")}
    places = frozenset(key(w) for w in load_lines("name_place_nouns.txt"))
    return inst, types, frozenset(key(w) for w in load_lines("name_stopwords.txt")) | places, places


def _tokens_of(name: str) -> tuple[str, ...]:
    return tuple(key(t) for t in _WORDS.findall(name))


@lru_cache(maxsize=1)
def _gazetteer() -> dict[str, dict[str, tuple[tuple[str, ...], ...]]]:
    """First word -> region names as word tuples (longest first), for the levels 'major' (province,
    regency, city), 'region' (those and districts) and 'village' (all)."""
    major: set[tuple[str, ...]] = {_tokens_of(a) for a in load_lines("title_region_aliases.txt")}
    major |= {_tokens_of(a) for a, code in region_aliases() if code.count(".") <= 1}   # "Dinsos Gorut"
    regions: set[tuple[str, ...]] = set()
    villages: set[tuple[str, ...]] = set()
    try:
        from lokal import wilayah
        for code, name in wilayah._base().items():
            words = _tokens_of(_REGENCY_PREFIX.sub("", name))
            (major if len(code) <= 5 else regions).add(words)
            if len(code) <= 5:                          # "Kep. Anambas", "Tg. Pinang"
                major.update(_tokens_of(v) for v in abbreviated(" ".join(words)))
        villages = {_tokens_of(n) for n in wilayah._desa().values()}
    except (ImportError, AttributeError, OSError):   # gazetteer unavailable: titles still work
        pass
    regions |= major
    out: dict[str, dict[str, tuple[tuple[str, ...], ...]]] = {}
    for level, names in (("major", major), ("region", regions), ("village", villages | regions)):
        index: dict[str, list[tuple[str, ...]]] = {}
        for t in names:
            if t:
                index.setdefault(t[0], []).append(t)
        out[level] = {k: tuple(sorted(v, key=len, reverse=True)) for k, v in index.items()}
    return out


def is_region_name(words: Collection[str]) -> bool:
    """True when the words (as written) are exactly a province/regency/city/district name or alias."""
    t = tuple(key(w) for w in words)
    return bool(t) and t in _gazetteer()["region"].get(t[0], ())


_TOKEN = re.compile(r"[ \t\u00a0]*(\([^()\n]{1,20}\)|[–—-](?=\s)|[,;:]|[^\s,;:()\"“”]+)")


def _line_tokens(text: str, pos: int, limit: int = 30) -> list[tuple[str, int, int]]:
    """(word, start, end) after pos on the same line; a sentence-final dot is left out of the word."""
    out = []
    while len(out) < limit and (m := _TOKEN.match(text, pos)) is not None:
        word, s, e = m.group(1), m.start(1), m.end(1)
        if word.endswith(".") and len(word) > 1:
            word, e = word[:-1], e - 1
            out.append((word, s, e))
            if not _abbreviation(word):
                break
            pos = e + 1
            continue
        out.append((word, s, e))
        pos = e
    return out


def _abbreviation(word: str) -> bool:
    inst, types = _lexicon()[:2]
    return key(word) in types or key(word) in inst or len(word) <= 2 or key(word) in abbreviation_words()


def _is_acronym(word: str) -> bool:
    return len(word) >= 2 and sum(c.isupper() for c in word) >= 2 and \
        all(c.isupper() or c.isdigit() or c in "-&" for c in word)


def _region_len(toks: list[tuple[str, int, int]], i: int, level: str) -> int:
    """Number of tokens from i that form a gazetteer name of that level (0 if none), with the
    direction words after it ("Kalitengah Lor")."""
    if i >= len(toks):
        return 0
    words = [key(w) for w, _, _ in toks[i:i + 6]]
    if not toks[i][0][:1].isupper():                # lowercase: only a regency or province ("Ketua PKK karimun")
        if words[0] in _lexicon()[2]:
            return 0
        level = "major"
    for cand in _gazetteer()[level].get(words[0], ()):
        if tuple(words[:len(cand)]) == cand:
            n = len(cand)
            while n < len(words) and words[n] in _suffixes() and toks[i + n][0][:1].isupper():
                n += 1
            return n
    return 0


@lru_cache(maxsize=1)
def _suffixes() -> frozenset[str]:
    return frozenset(key(w) for w in load_lines("region_suffixes.txt"))


_VERB = re.compile(r"(?:ber|me|di)[a-z]{4,}$")   # "Wali Kota berencana ...": a verb, not "(Keluarga) Berencana"
_ALSO_OFFICE = re.compile(r"[ \t]+yang[ \t]+juga[ \t]+(\w+)")


class _Extent:
    """What a title covers after its head, filled by ``_extend``."""

    def __init__(self, end: int) -> None:
        self.end = end
        self.inst: list[tuple[int, int]] = []
        self.region: tuple[int, int] | None = None
        self.typed = False          # the region came with a region-type word ("Kabupaten Karimun")
        self.held: list[tuple[str, int, int]] = []

    def take(self, toks: list[tuple[str, int, int]], i: int, n: int, cls: str) -> None:
        if self.held:
            self.inst.append((self.held[0][1], self.held[-1][2]))
            self.held = []
        s, e = toks[i][1], toks[i + n - 1][2]
        if cls == "inst":
            self.inst.append((s, e))
        elif cls != "paren" and self.region is None:
            self.region, self.typed = (s, e), cls == "typed"
        self.end = e


def _extend(text: str, pos: int, head: _Head, names: frozenset[str], lower: bool = False) -> _Extent:
    """Read the institution and region after a head (rules 1-6 of the module doc); ``lower``: the
    head was written in lowercase."""
    inst, types, stop, places = _lexicon()
    toks = _line_tokens(text, pos)
    ext = _Extent(pos)
    want = head.slot if head.slot in ("region", "village") else ""
    prev, i = "head", 0
    while i < len(toks):
        word, s, _ = toks[i]
        k, cap = key(word), word[:1].isupper()
        if word == "," and prev in ("inst", "head") and _unit_then_body(text, toks, i, ext, head):
            i += 1                          # "Kepala Bidang Bantuan Sosial, Dinas Sosial Kota Kupang"
            continue
        if word in ",;:–—-" or (k in names and cap) or match_honorifics(text, s)[0]:
            break
        n, cls = 0, ""
        if k in types and (cap or prev != "region"):
            n = _region_len(toks, i + 1, types[k])
            if not n and _plain_word(text, toks, i + 1, names):
                n = 1
            n, cls = 1 + n, ("typed" if n else "inst")
        elif cap and k in inst and i + 1 < len(toks) and key(toks[i + 1][0]) in inst and not ext.held:
            n, cls = 1, "inst"              # "Bidang Sumber daya": an institution word before another, not the place Sumber
        elif (want or ext.held and head.slot == "inst") and ext.region is None and k not in names and \
                (n := _region_len(toks, i, "major" if ext.held else want)):
            cls = "region"                  # 'Setda Karimun'; held words + region: 'Ketua Baznas Wonosobo'
        elif want and ext.region is not None and not ext.held and (n := _region_len(toks, i, want)):
            cls = "region"
        elif _PAREN.fullmatch(word):
            n, cls = 1, "paren"
        elif (k in inst and (cap or (prev == "inst" or prev == "head" and (head.alone and not _VERB.match(word) or lower))
                             and not ext.held)) or \
                (cap and _is_acronym(word)) or \
                (prev in ("head", "inst") and _NUMBER.fullmatch(word)) or \
                (prev == "head" and ROMAN.fullmatch(word) and not _plain_word(text, toks, i + 1, names)):
            n, cls = 1, "inst"
        elif (n := _joined(text, toks, i, names, ext)):
            cls = "inst"
        elif cap and (k not in stop or k in places and head.slot == "village" and prev == "head") and \
                ext.region is None and len(ext.held) < MAX_HELD:
            ext.held.append(toks[i])
            i += 1
            continue
        if not n or (ext.held and ext.held[0] is toks[0] and want in ("region", "village")):
            break                   # a region office is not followed by an institution: held = name
        ext.take(toks, i, n, cls)
        i += n
        prev = "region" if cls in ("region", "typed") else "inst"
        want = "region" if cls in ("inst", "paren") else ""
    if ext.held and (m := _ALSO_OFFICE.match(text, ext.held[-1][2])) and is_office_word(m.group(1)):
        ext.inst.append((ext.held[0][1], ext.held[-1][2]))      # "Ketua Yayasan Al Ikhlas yang juga Kepala ..."
        ext.end, ext.held = ext.held[-1][2], []
    _held_as_region(text, toks, i, head, ext, names)
    return ext


@lru_cache(maxsize=1)
def _units() -> dict[str, frozenset[str]]:
    roles: dict[str, set[str]] = {}
    for r in load_tsv("title_units.tsv"):
        roles.setdefault(r["role"], set()).add(key(r["word"]))
    return {k: frozenset(v) for k, v in roles.items()}


def _unit_then_body(text: str, toks: list[tuple[str, int, int]], i: int, ext: _Extent, head: _Head) -> bool:
    """A comma after a unit ("Bidang ...") followed by the name of the body it belongs to ("Dinas ...")."""
    units = _units()
    words = head.office.split() + [w for s, e in ext.inst for w in text[s:e].split()]
    return i + 1 < len(toks) and toks[i + 1][0][:1].isupper() and key(toks[i + 1][0]) in units["body"] and \
        any(key(w) in units["unit"] for w in words)


def _plain_word(text: str, toks: list[tuple[str, int, int]], i: int, names: frozenset[str]) -> bool:
    """A capitalised word at i that is neither an institution word nor a known name."""
    if i >= len(toks) or not toks[i][0][:1].isupper() or match_honorifics(text, toks[i][1])[0]:
        return False
    return key(toks[i][0]) not in _lexicon()[0] and key(toks[i][0]) not in names


def _joined(text: str, toks: list[tuple[str, int, int]], i: int, names: frozenset[str], ext: _Extent) -> int:
    """How many tokens a connector at i brings into the title (0: none is there, or it does not
    continue the title)."""
    words = tuple(key(w) for w, _, _ in toks[i:i + 2])
    size, kind = next(((n, _connectors()[words[:n]]) for n in (2, 1) if words[:n] in _connectors()), (0, ""))
    if not size or i + size >= len(toks):
        return 0
    nxt = toks[i + size][0]
    if kind == "title":
        if (m := _heads()[0].match(text, toks[i + size][1])) is None:
            return 0
        sub = _extend(text, m.end(), _heads()[1][key(m.group("head"))], names)
        return sum(1 for _, _, e in toks[i:] if e <= max(sub.end, m.end()))
    if kind == "region":
        n = _region_len(toks, i + size, "region") if ext.region is None else 0
        return size + n if n else 0
    if nxt[:1].isupper() and (key(nxt) in _lexicon()[0] or _is_acronym(nxt)) and key(nxt) not in names:
        return size
    return 0


def _held_as_region(text: str, toks: list[tuple[str, int, int]], i: int, head: _Head, ext: _Extent,
                    names: frozenset[str]) -> None:
    """Rule 6: 'Camat Xyz, Budi': one held word (or a place noun and one word: 'Lurah Gunung Sari')
    is the region when a comma and a name follow, or an honorific or rank ('Kapolsek Xyz AKP Budi')."""
    held = ext.held
    office_next = i + 1 < len(toks) and toks[i][0] == "," and is_office_word(toks[i + 1][0])
    if not (len(held) == 1 or len(held) == 2 and (key(held[0][0]) in _lexicon()[3] or office_next)) or \
            head.slot not in ("region", "village") or ext.region or ext.inst:
        return                      # two words are a place before another office: "Camat Xx Yy, Camat Zz"
    comma_name = i + 1 < len(toks) and toks[i][0] == "," and \
        (toks[i + 1][0][:1].isupper() or match_honorifics(text, toks[i + 1][1])[0])
    rank = i < len(toks) and match_honorifics(text, toks[i][1])[0]     # "Danramil Xyz Kapten Inf. Budi"
    if (comma_name or rank) and key(held[0][0]) not in names:
        ext.region = (held[0][1], held[-1][2])
        ext.end = held[-1][2]


def _capital_ok(text: str, head_text: str, ext: _Extent) -> bool:
    """A lowercase head is an office only before a capitalised institution ("ketua RT",
    "pemimpin kelompok SAD") or when the head has several words ("pendamping desa")."""
    words = head_text.split()
    return any(w[:1].isupper() for w in words) or len(words) > 1 or \
        any(c.isupper() for s, e in ext.inst + ([ext.region] if ext.region else []) for c in text[s:e])


def find_titles(text: str, *, name_words: Collection[str] = ()) -> list[Title]:
    """Titles of office in a text, each over its institution and region, stopping before a name.

    ``name_words``: words known to be personal names (any case); a title never runs over them."""
    rx, table = _heads()
    firsts = _first_words()
    names = frozenset(key(w) for w in name_words)
    out: list[Title] = []
    pos = 0
    for w in _WORD_START.finditer(text):
        if w.start() < pos or w.group(0).lower() not in firsts or (m := rx.match(text, w.start())) is None:
            continue
        pos = m.end()
        head = table[key(m.group("head"))]
        lower = not m.group("head")[0].isupper()
        ext = _extend(text, m.end(), head, names, lower)
        if (ext.end == m.end() and not head.alone) or (lower and not _capital_ok(text, m.group("head"), ext)):
            continue
        out.append(_make(text, m, head, ext))
        pos = ext.end
    return out


def _body_words(head: _Head, head_words: list[str]) -> int:
    """How many last words of a head name its institution ("Dinas" of "Kepala Dinas")."""
    if head.implied:
        return len(head.implied.split()) if key("".join(head_words)).endswith(key(head.implied)) else 0
    return int(head.slot == "inst" and len(head_words) > 1 and key(head_words[-1]) in _lexicon()[0])


def _make(text: str, m: re.Match[str], head: _Head, ext: _Extent) -> Title:
    acting = m.group("acting")
    spans = list(ext.inst)
    head_words = m.group("head").split()
    if n := _body_words(head, head_words):          # 'Kepala Dinas ...', 'Kepala BNNK ...': the head names the body
        spans.insert(0, (m.end("head") - len(" ".join(head_words[-n:])), m.end("head")))
    inst_text = None
    if spans:
        s, e = spans[0][0], max(e for _, e in spans)
        if ext.region and not ext.typed and text[e:ext.region[0]].strip() == "":
            e = ext.region[1]                       # "Setda Karimun", "BNNK Wonosobo"
        inst_text = " ".join(text[s:e].split())
    if head.implied and key(head.implied) not in key(inst_text or ""):
        inst_text = f"{head.implied} {inst_text}" if inst_text else head.implied
    region = " ".join(text[ext.region[0]:ext.region[1]].split()) if ext.region else None
    return Title(m.start(), ext.end, text[m.start():ext.end], head.office, inst_text, region,
                 _acting()[key(acting)] if acting else None)


@lru_cache(maxsize=1)
def _synonyms() -> dict[str, tuple[str, ...]]:
    rows = load_tsv("institution_synonyms.tsv")
    return {key(r["short"]): tuple(key(w) for w in r["long"].split()) for r in rows}


@lru_cache(maxsize=1)
def _alias_words() -> dict[str, tuple[str, ...]]:
    """A regency's or province's short form -> the words of its name ("oki" -> ogan komering ilir),
    so that "Wabup OKI" and "Wakil Bupati Kabupaten Ogan Komering Ilir" are one office."""
    from lokal import wilayah

    out = {}
    for alias, code in region_aliases():
        name = wilayah.wilayah_name(code) if code.count(".") <= 1 else None
        if name and " " not in alias:
            out[alias] = tuple(key(w) for w in _REGENCY_PREFIX.sub("", name).split())
    return out


def _canonical(text: str) -> frozenset[str]:
    """Words of a title, short forms expanded, without region-type words and connectors."""
    words: list[str] = []
    for w in _WORDS.findall(text):
        words.extend(_synonyms().get(key(w), None) or _alias_words().get(key(w), (key(w),)))
    skip = {k for k, level in _lexicon()[1].items() if level == "region"} | {w for c in _connectors() for w in c}
    return frozenset(words) - skip


@lru_cache(maxsize=4096)
def office_words(t: Title) -> tuple[frozenset[str], frozenset[str]]:
    """Canonical words of the office alone and of the whole title (short forms expanded,
    region-type words dropped)."""
    return _canonical(t.office), _canonical(" ".join(x for x in (t.office, t.institution, t.region) if x))


def same_office(a: Title, b: Title) -> bool:
    """Whether two titles can name one office: the words of one contain the other's and each office
    is in the other ("Kadinsos Sampang" / "Kepala Dinsos P3A Sampang"; "Bupati" / "Bupati Karimun";
    not "Wakil Bupati" / "Bupati")."""
    return same_office_words(office_words(a), office_words(b))


def same_office_words(a: tuple[frozenset[str], frozenset[str]], b: tuple[frozenset[str], frozenset[str]]) -> bool:
    """``same_office`` on the ``office_words`` of two titles."""
    (oa, wa), (ob, wb) = a, b
    return (wa <= wb or wb <= wa) and oa <= wb and ob <= wa
