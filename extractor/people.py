"""People in a release: named persons with titles and roles, offices without a name, direct quotes.

Rules and lexicons (``names``, ``titles``, ``quote_verbs.txt``, ``speech_verbs.txt``); PERSON spans
from a NER model may be given as extra candidates. A capitalised run (``names.scan_name``) is a
person when a cue says so:

- a title before it ("Bupati Sragen Dedy Suryanto", "Camat Tembalang, Agam") or after it ("Budi,
  Kepala Dinas ...", "Budi selaku ...", "Budi (Kepala ...)"); an honorific or rank; a verb of saying
  before it ('kata Budi', "menurut Budi") or after it ("Budi mengatakan"); an address term ("Pak
  Budi"); an age ("Budi (43)", "Budi, 60 tahun"); "Budi, penerima ..."; "Salah satu warga, Budi";
  a NER span.
- in a headline-like line (most words capitalised, no final stop) a run is only a mention of a
  person found elsewhere, cut to the leading words that match, unless a title or honorific cue
  holds and the run ends the line (a caption "Kepala Dinas Sosial Kota Blitar, Budi Santoso").
- "X sapaan akrab <title>" and "Y yang akrab disapa X" make X a nickname, not a new person.
- a later run matching a person's words (all of them, its leading words, one word, or the start of a
  word: "Risma") is a mention of that person; its title must be the same office (``same_office``).
- not persons: runs that are only a region name, runs right after a place or body noun ("Desa
  Baru", "Jalan Ahmad Yani"), a single word of fewer than three letters.

Offices written without a name that no named person holds are ``roles_without_name``, once per
office (the fullest form); plural and generic uses ("para Kepala Desa"), offices written in lower
case ("kepala desa", "ketua RT": in passing) and offices inside the name of a building or a
regulation ("Kantor Bupati Gowa", "Peraturan Gubernur ...") are skipped.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .names import (NameParseError, NameSpan, address_terms, headline_lines, key, load_lines, load_patterns,
                    name_runs, parse_name, person_nouns, place_nouns, scan_name, sentence_starts,
                    words_before)
from .regions import edit1
from .spans import Overlaps
from .titles import Title, find_titles, is_office_word, is_region_name, office_words, same_office, same_office_words

ANCHORS = frozenset({"title", "posttitle", "honorific", "nicknamed"})
PASS1_CUES = frozenset({"honorific", "verb", "said", "age", "address", "appositive", "named"})
_QUOTE_CUE = re.compile(r"[ \t]*[,.]?[ \t]*([^\W\d_]+)")
_WORD_GAP = re.compile(r"[ \t]*(?:[^\W\d_]+[ \t]+)?")
_NON_SPACE = re.compile(r"\S+")
_AFTER_CUES = ("nicknamed", "beneficiary", "age")
_ACTS_AFTER = re.compile(r"[ \t]+(?:setempat[ \t]+)?(?:(?:yang|juga|pun|telah|sudah|sedang|akan)[ \t]+)?"
                         r"(?:me|ber|mem|men|meng|meny)[a-z]{3,}")
_PRESENT = re.compile(r"\b(?:[Hh]adir|[Dd]idampingi|[Dd]i dampingi)\b")   # among those present or accompanying
_AGENT_BEFORE = re.compile(r"\b(?:di[a-z]{3,}(?:kan|i)|oleh)\b")   # a passive verb or "oleh": its agent follows
_LIST_GAP = re.compile(r"(?:[ \t,]+|[ \t]*\b(?:dan|serta)\b[ \t]*|[A-Z][\w./-]*)*")  # names and offices of a list
_ALSO_BEFORE = re.compile(r"[ \t]+yang[ \t]+juga[ \t]+$")
_ADDRESS_BEFORE = re.compile(r"(?<![^ \t])([A-Z][a-z]+\.?)[ \t]+$")


@dataclass
class Mention:
    start: int
    end: int
    text: str


@dataclass
class Person:
    name: str
    name_as_written: str
    honorifics: list[str]
    degrees: list[str]
    title: Title | None
    acting: str | None
    roles: list[str]
    represents: str | None
    mentions: list[Mention]
    title_spans: list[tuple[int, int]] = field(default_factory=list)   # every title written with a mention


@dataclass
class RoleWithoutName:
    start: int
    end: int
    text: str
    title: Title
    roles: list[str]


@dataclass
class Quote:
    start: int
    end: int
    text: str
    speaker: int | None
    cue: str | None


@dataclass
class PeopleResult:
    people: list[Person]
    roles_without_name: list[RoleWithoutName]
    quotes: list[Quote]
    warnings: list[str]


@dataclass
class _Cand:
    span: NameSpan
    words: tuple[str, ...]
    cues: set[str]
    title: Title | None = None
    weak: bool = False
    alias_title: Title | None = None
    also: Title | None = None       # a second office written with the title ("X yang juga Y Budi")


@dataclass
class _P:
    cands: list[_Cand] = field(default_factory=list)
    words: set[str] = field(default_factory=set)
    forms: set[tuple[str, ...]] = field(default_factory=set)
    roles: list[str] = field(default_factory=list)
    represents: str | None = None
    starts: list[int] = field(default_factory=list)     # of the cands, sorted

    def attach(self, c: _Cand) -> None:
        self.cands.append(c)
        self.words.update(c.words)
        self.forms.add(c.words)
        bisect.insort(self.starts, c.span.start)

    def last_before(self, pos: int) -> int:
        """The start of its last mention before ``pos`` (-1 when none)."""
        k = bisect.bisect_left(self.starts, pos)
        return self.starts[k - 1] if k else -1

    def role(self, role: str) -> None:
        if role not in self.roles:
            self.roles.append(role)


@lru_cache(maxsize=1)
def _cue() -> dict[str, re.Pattern[str]]:
    return load_patterns("person_cues.tsv")


@lru_cache(maxsize=1)
def _verbs() -> tuple[frozenset[str], frozenset[str]]:
    return frozenset(load_lines("quote_verbs.txt")) | {"menurut"}, frozenset(load_lines("speech_verbs.txt"))


# ---------------------------------------------------------------- candidates

def _cues(text: str, span: NameSpan, by_end: dict[int, Title], by_start: dict[int, Title],
          taken: set[int] | None = None) -> tuple[set[str], Title | None, Title | None]:
    """Cues for a run, the title before or after it, and the title it is a nickname of. ``taken``
    holds the starts of titles that earlier runs took as the title after them: in a list of "Name,
    Title" pairs ("adalah Sardono, Kades A, Giyanto, Kades B Nur, Kades C") such a title is not
    also the title before the next run, which then takes the title after it, with or without a comma."""
    quote_verbs, speech_verbs = _verbs()
    cue = _cue()
    cues = {"honorific"} if span.honorifics else set()
    after = text[span.end:span.end + 80]
    lo = max(0, span.start - 12)
    i = lo + len(text[lo:span.start].rstrip(" \t"))
    j = lo + len(text[lo:i - 1].rstrip(" \t")) if i > lo and text[i - 1] in ",:–—-" else -1
    title, alias_title = by_end.get(i) or by_end.get(j), None
    if title is None and (m := _ADDRESS_BEFORE.search(text, max(0, span.start - 12), span.start)) \
            and key(m.group(1)) in address_terms():
        title = by_end.get(m.start(1) - 1)        # "Ketua TP PKK Ibu Sari": the title before the address term
    post = by_start.get(span.end + m.end()) if (m := cue["post_title"].match(after)) else None
    taken = set() if taken is None else taken
    if title is not None and title.start in taken:
        title = None
        post = post or by_start.get(span.end + len(after) - len(after.lstrip(" \t")))
    if title is not None and post is not None and len(post.text) > len(title.text) and same_office(title, post):
        title = post                              # "Camat Budi selaku Camat Tolinggula": the fuller one
    if title is not None:
        cues.add("title")
    elif post is not None:
        title = post
        taken.add(post.start)
        cues.add("posttitle")
    ws = words_before(text, span.start)
    vs = words_before(text, title.start) if "title" in cues and title is not None else ws
    prev = vs[-1].rstrip(",") if vs else ""
    if prev.lower() in quote_verbs and (prev.islower() or len(vs) < 2 or vs[-2][-1] in '.!?"'):
        cues.add("verb")
    if ws and key(ws[-1]) in address_terms():
        cues.add("address")
    if ws and ws[-1].endswith(",") and ws[-1][0].islower() and \
            any(key(w.strip(",")) in person_nouns() for w in ws[-3:]):
        cues.add("appositive")                    # 'Salah satu peserta, Budi ...', 'Warga lain, Sri ...'
    said_at = text[title.end:title.end + 80] if title is not None and title.start >= span.end else after
    if (m := cue["said"].match(said_at)) and m.group(1).lower() in speech_verbs:
        cues.add("said")
    cues.update(name for name in _AFTER_CUES if cue[name].match(after))
    if cue["named_before"].search(text, max(0, span.start - 20), span.start) or \
            cue["name_shape"].match(text, span.name_start):
        cues.add("named")                         # 'bernama Budi', 'pasangan Ketut ...', 'Ni Wayan Sari'

    if (m := cue["nickname_after"].match(after)):
        alias_title = by_start.get(span.end + m.end())
        cues.add("alias")
    if cue["nickname_before"].search(" ".join(ws) + " "):
        cues.add("alias")
    return cues, title, alias_title


def _not_person(text: str, span: NameSpan, cues: set[str], title: Title | None) -> bool:
    """Region names (unless a title and a comma stand before: "Camat X, Agam"), runs after place nouns."""
    if is_region_name(text[span.name_start:span.name_end].split()) and \
            not (cues & ANCHORS and not (title is not None and title.end == span.start - 1)):
        return True
    ws = words_before(text, span.start)           # 'Desa Baru', 'Hotel Teluk Indah', 'Jalan Ahmad Yani'
    return not cues & {"title", "honorific"} and bool(ws) and ws[-1][0].isupper() and \
        (ws[-1][-1].isalpha() or ws[-1][-1] == ".") and key(ws[-1]) in place_nouns()


def _candidates(text: str, titles: list[Title], ner: Sequence[tuple[int, int]],
                memo: dict[int, NameSpan | None]) -> list[_Cand]:
    heads = headline_lines(text)
    by_end, by_start = {t.end: t for t in titles}, {t.start: t for t in titles}
    out, taken = [], set()
    for span in name_runs(text, [(t.start, t.end) for t in titles], is_region_name, memo):
        cues, title, alias_title = _cues(text, span, by_end, by_start, taken)
        also = None
        if title is not None and "title" in cues and (m := _ALSO_BEFORE.search(text, max(0, title.start - 20), title.start)) \
                and (first := by_end.get(m.start())) is not None:
            title, also = first, title            # "Camat X yang juga Kepala Dinas Y Budi": the first office
        if not _not_person(text, span, cues, title):
            line_end = next((e for s, e in heads if s <= span.start < e), None)
            weak = line_end is not None and not (cues & ANCHORS and not text[span.end:line_end].strip(" \t.,;"))
            out.append(_Cand(span, tuple(key(w) for w in span.name(text).split()), cues, title, weak, alias_title, also))
    rules, office = Overlaps([(c.span.start, c.span.end) for c in out]), Overlaps([(t.start, t.end) for t in titles])
    for s, e in ner:
        if any(titles[i].start <= s and e <= titles[i].end for i in office.hits(s, e)):
            continue                                     # a NER span that is only an office
        model = _from_ner(text, s, e)
        if model is None:
            continue                                     # the span does not read as a name
        hit = [out[i] for i in rules.hits(s, e)]
        for c in hit:
            c.cues.add("ner")
            c.weak = False
        if not hit:
            out.append(model)
    return sorted(out, key=lambda c: c.span.start)


def _from_ner(text: str, s: int, e: int) -> _Cand | None:
    """A model span no rule found: kept only when it reads as a name by the same word rules (every
    word a possible name word, so "Musrenbang Kabupaten" or a region name is not a person)."""
    run = scan_name(text, s)
    if run is None or run.name_end < e or (run.name_start != s and not run.honorifics) or \
            _not_person(text, run, set(), None):
        return None
    try:
        p = parse_name(text[s:e])
    except NameParseError:
        return None
    i = text.find(p.name, s, e)
    span = NameSpan(s, e, i, i + len(p.name), p.honorifics, p.degrees)
    return _Cand(span, tuple(key(w) for w in p.name.split()), {"ner"}) if i >= 0 else None


def _known_words(text: str, memo: dict[int, NameSpan | None]) -> set[str]:
    """Pass 1: words of names found by cues that need no title, so that titles stop before them."""
    words: set[str] = set()
    for span in name_runs(text, [], is_region_name, memo):
        cues = _cues(text, span, {}, {})[0]
        name = span.name(text).split()
        if cues & PASS1_CUES and not is_region_name(name):
            lead = next((k for k in range(min(3, len(name) - 1), 0, -1) if is_region_name(name[:k])), 0)
            words.update(name[lead:])             # "Sekda Muaro Jambi Budi ...": the region stays the title's
    return words


# ---------------------------------------------------------------- clustering

def _score(words: tuple[str, ...], p: _P, longer: bool) -> int:
    """How well words name a person: 4 a form of it, 3 leading words (or, if ``longer``, a form is
    their leading part), 2 one word, 1 the start of a word."""
    if words in p.forms:
        return 4
    if any(f[:len(words)] == words or longer and words[:len(f)] == f for f in p.forms):
        return 3                                  # 'Heru' for 'Heru Santoso', or the other way round
    if len(words) == 1 and words[0] in p.words:
        return 2
    if len(words) == 1 and len(words[0]) >= 4 and any(w.startswith(words[0]) for w in p.words):
        return 1                                  # 'Risma' for 'Tri Rismaharini'
    return 0


class _Index:
    """The persons a run of words can score against (``_score``), so a release with thousands of names
    stays linear. A run of two or more words scores 4 or 3 only against a form that starts with the
    same two words, or a one-word form equal to its first word; a one-word run scores only against a
    person having that word (4, 3, 2) or a word with the same first four letters (1)."""

    def __init__(self) -> None:
        self.first: dict[str, set[int]] = {}              # first word of a one-word form
        self.pair: dict[tuple[str, str], set[int]] = {}   # first two words of a longer form
        self.word: dict[str, set[int]] = {}
        self.prefix: dict[str, set[int]] = {}

    def add(self, i: int, words: tuple[str, ...]) -> None:
        if len(words) == 1:
            self.first.setdefault(words[0], set()).add(i)
        elif words:
            self.pair.setdefault(words[:2], set()).add(i)
        for w in words:
            self.word.setdefault(w, set()).add(i)
            self.prefix.setdefault(w[:4], set()).add(i)

    def candidates(self, words: tuple[str, ...]) -> list[int]:
        if len(words) > 1:
            return sorted(self.first.get(words[0], set()) | self.pair.get(words[:2], set()))
        found = self.word.get(words[0], set())
        if len(words[0]) >= 4:
            found = found | self.prefix.get(words[0][:4], set())
        return sorted(found)


def _resolve(c: _Cand, persons: list[_P], index: _Index | None = None) -> int | None:
    """The person ``c`` names best (the latest mentioned on a tie); ``index`` limits the persons tried
    to those that can score."""
    best, best_key = None, (0, -1)
    tried = range(len(persons)) if index is None or not c.words else index.candidates(c.words)
    for i in tried:
        p = persons[i]
        sc = _score(c.words, p, not c.weak)
        if 0 < sc < 4 and c.title is not None and \
                not any(x.title is None or same_office(c.title, x.title) for x in p.cands):
            sc = 0
        if sc and (sc, last := p.last_before(c.span.start)) > best_key:
            best, best_key = i, (sc, last)
    if best is None and len(c.words) >= 2:             # "Al Mukgabar" for "Al Muktabar": one letter off
        shared = set().union(*(index.word.get(w, set()) for w in c.words)) if index is not None else range(len(persons))
        near = [i for i in sorted(shared) if any(_variant(c.words, f) for f in persons[i].forms) and (
            c.title is None or all(x.title is None or same_office(c.title, x.title) for x in persons[i].cands))]
        if len(near) == 1:
            return near[0]
    return best


def _variant(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two forms of one name: the same words but one, which is one letter off and long enough to tell."""
    diff = [(x, y) for x, y in zip(a, b) if x != y]
    return len(a) == len(b) and len(diff) == 1 and min(len(diff[0][0]), len(diff[0][1])) >= 5 and \
        edit1(*diff[0])


def _cluster(cands: list[_Cand], text: str) -> list[_P]:
    """Persons from candidates: anchored runs first, then nicknames, then the rest, longest first."""
    persons: list[_P] = []

    def phase(c: _Cand) -> tuple[int, int, int]:
        order = 0 if c.cues & ANCHORS and not c.weak else 1 if "alias" in c.cues else 2
        return order, -len(c.words), c.span.start

    index = _Index()
    for c in sorted(cands, key=phase):
        i = _alias_target(c, persons) if "alias" in c.cues else None
        if i is None:
            i = _resolve(c, persons, index)
        if i is None and c.weak:
            i = _trim_weak(c, persons, text, index)
        if i is None and not c.weak and c.cues - {"alias"}:
            persons.append(_P())
            i = len(persons) - 1
        if i is not None:
            persons[i].attach(c)
            index.add(i, c.words)
    return persons


def _alias_target(c: _Cand, persons: list[_P]) -> int | None:
    if c.alias_title is not None:
        for i, p in enumerate(persons):
            if any(x.title is not None and same_office(c.alias_title, x.title) for x in p.cands):
                return i
    before = [(x.span.start, i) for i, p in enumerate(persons) for x in p.cands if x.span.start < c.span.start]
    return max(before)[1] if before else None


def _trim_weak(c: _Cand, persons: list[_P], text: str, index: _Index | None = None) -> int | None:
    """A headline run matched by its leading words only ('Dedy Serahkan' -> 'Dedy'); the span is cut."""
    ends = [m.end() for m in _NON_SPACE.finditer(text, c.span.name_start, c.span.name_end)]
    for n in range(len(c.words) - 1, 0, -1):
        if (i := _resolve(_Cand(c.span, c.words[:n], c.cues, c.title, True), persons, index)) is not None:
            s = c.span
            c.words, c.span = c.words[:n], NameSpan(s.start, ends[n - 1], s.name_start, ends[n - 1], s.honorifics, ())
            return i
    return None


# ---------------------------------------------------------------- offices, roles, quotes

_Actor = tuple[int, int, str, int]            # start, end, "p" (person) | "r" (role without name), index


def _generic(text: str, t: Title) -> bool:
    """'para Kepala Desa', '50 Pendamping PKH', 'camat dan kepala desa', 'anggota BPD': no one person."""
    if _cue()["generic"].search(text, max(0, t.start - 20), t.start):
        return True
    if not t.text[0].islower():
        return False
    pair = _cue()["generic_pair"].search(text, max(0, t.start - 30), t.start)
    return len(t.office.split()) == 1 or (pair is not None and is_office_word(pair.group(1)))


def _sentence_start(text: str, pos: int) -> int:
    """Start of the sentence holding ``pos`` (at most 150 characters back)."""
    return max(text.rfind(".", 0, pos), text.rfind("\n", 0, pos), pos - 150) + 1


def _present(text: str, t: Title) -> bool:
    """The office is among those present: "Turut hadir ...", "dihadiri ...", "Hadir dengan ..." before it in its sentence."""
    lo = _sentence_start(text, t.start)
    return bool(_cue()["attended_by"].search(text, lo, t.start) or _PRESENT.search(text, lo, t.start))


def _acts(text: str, t: Title) -> bool:
    """An office written in lower case acts in its sentence: a verb follows it ("ketua RT setempat
    melapor"), it is among those present ("Turut hadir Camat X, pendamping desa ...") or it is the
    agent of a passive verb. (Offices in the plural count only when present: "seluruh Pambakal Desa".)"""
    if _ACTS_AFTER.match(text, t.end) or _present(text, t):
        return True
    agent = None                    # "diketahui ketua RW", "disaksikan Lurah X, pendamping desa"
    for agent in _AGENT_BEFORE.finditer(text, _sentence_start(text, t.start), t.start):
        pass
    return agent is not None and _LIST_GAP.fullmatch(text, agent.end(), t.start) is not None


def _title_refs(text: str, titles: list[Title], persons: list[_P], used: set[int]
                ) -> tuple[list[_Actor], list[RoleWithoutName]]:
    """Titles written without a name: a mention of the person holding that office, or a role."""
    actors: list[_Actor] = []
    roles: list[RoleWithoutName] = []
    held: dict[str | None, list[tuple[int, tuple]]] = {}    # an office word -> (person, office words held)
    for i, p in enumerate(persons):                          # (same_office needs b's office words in a)
        for ow in {office_words(c.title) for c in p.cands if c.title is not None}:
            held.setdefault(min(ow[0]) if ow[0] else None, []).append((i, ow))
    for t in titles:
        if id(t) in used:
            continue
        ow = office_words(t)
        owners = {i for w in (*ow[1], None) for i, b in held.get(w, ()) if same_office_words(ow, b)}
        holders = [(persons[i].last_before(t.start), i) for i in owners]
        if holders:
            actors.append((t.start, t.end, "p", max(holders)[1]))
            continue
        if (_generic(text, t) and not (_cue()["generic"].search(text, max(0, t.start - 20), t.start) and _present(text, t))) \
                or (t.text[0].islower() and not _acts(text, t)) or \
                _cue()["not_actor_before"].search(text, max(0, t.start - 30), t.start):
            continue                # 'kepala desa' in passing, 'Kantor Bupati Gowa', 'Peraturan Gubernur ...'
        k = next((k for k, r in enumerate(roles) if same_office(r.title, t)), len(roles))
        if k == len(roles):
            roles.append(RoleWithoutName(t.start, t.end, t.text, t, []))
        elif len(t.text) > len(roles[k].text):
            roles[k] = RoleWithoutName(t.start, t.end, t.text, t, roles[k].roles)
        actors.append((t.start, t.end, "r", k))
    return actors, roles


class _Actors:
    """Actors (start, end, kind, index) in text order, looked up by start or end with bisection: a
    text with thousands of names and cue words stays linear. Ties go to the first in text order."""

    def __init__(self, actors: list[_Actor]) -> None:
        self.actors = actors                                   # sorted: by start, then end ...
        self.starts = [a[0] for a in actors]
        self.by_end = sorted(range(len(actors)), key=lambda k: actors[k][1])
        self.ends = [actors[k][1] for k in self.by_end]

    def from_start(self, lo: int, hi: int) -> list[_Actor]:
        """Actors starting in [lo, hi], in text order."""
        return self.actors[bisect.bisect_left(self.starts, lo):bisect.bisect_right(self.starts, hi)]

    def last_ending(self, lo: int, hi: int) -> _Actor | None:
        """The actor ending last in [lo, hi] (the first in text order among those ending there)."""
        j = bisect.bisect_right(self.ends, hi) - 1
        if j < 0 or self.ends[j] < lo:
            return None
        return self.actors[self.by_end[bisect.bisect_left(self.ends, self.ends[j])]]

    def by_end_in(self, lo: int, hi: int) -> list[_Actor]:
        """Actors ending in [lo, hi], in text order."""
        ks = self.by_end[bisect.bisect_left(self.ends, lo):bisect.bisect_right(self.ends, hi)]
        return [self.actors[k] for k in sorted(ks)]


class _Roles:
    """Roles found by cue words around actors (persons and offices without a name)."""

    def __init__(self, text: str, actors: list[_Actor], persons: list[_P], roles: list[RoleWithoutName]):
        self.text, self.actors, self.persons, self.roles = text, actors, persons, roles
        self.index = _Actors(actors)
        self.sentences = sentence_starts(text)

    def add(self, a: _Actor | None, role: str, represents: _Actor | None = None) -> None:
        if a is None:
            return
        if a[2] == "r":
            if role not in self.roles[a[3]].roles:
                self.roles[a[3]].roles.append(role)
            return
        p = self.persons[a[3]]
        p.role(role)
        if represents is not None and p.represents is None:
            p.represents = _main(self.persons[represents[3]]).span.name(self.text) if represents[2] == "p" else \
                " ".join(self.text[represents[0]:represents[1]].split())

    def ending(self, pos: int) -> _Actor | None:
        near = [a for a in self.index.by_end_in(pos - 4, pos) if not self.text[a[1]:pos].strip(" \t,")]
        return max(near, key=lambda a: (a[1], -a[0])) if near else None

    def starting(self, pos: int) -> _Actor | None:
        return next((a for a in self.index.from_start(pos, pos + 2) if not self.text[pos:a[0]].strip(" \t")), None)

    def before_in_sentence(self, pos: int) -> _Actor | None:
        s = self.sentences[bisect.bisect_right(self.sentences, pos) - 1]
        return self.index.last_ending(s + 1, pos)

    def run(self) -> None:
        t, add = self.text, self.add
        for m in _cue()["represented_by"].finditer(t):
            if (x := self.ending(m.start())) and (y := self.starting(m.end())):
                add(x, "represented")
                add(y, "representative", x)
        for m in _cue()["represents"].finditer(t):
            x, y = self.ending(m.start()), self.starting(m.end())
            add(y, "represented")
            add(x, "representative", y)
        for m in _cue()["speech_of"].finditer(t):
            if (x := self.starting(m.end())) is None:
                continue
            read = _cue()["read_by"].match(t, x[1])
            reader = self.starting(read.end()) if read else self.before_in_sentence(m.start()) \
                if _cue()["read_before"].search(t, max(0, m.start() - 20), m.start()) else None
            if reader:
                add(x, "represented")
                add(reader, "representative", x)
        for m in _cue()["opens"].finditer(t):
            add(self.before_in_sentence(m.start()), "opener")
        for m in _cue()["opened_by"].finditer(t):
            add(self.starting(m.end()), "opener")
        for m in _cue()["attends"].finditer(t):
            add(self.ending(m.start()), "attendee")
        for m in _cue()["attended_by"].finditer(t):
            k = bisect.bisect_right(self.sentences, m.end())
            end = self.sentences[k] if k < len(self.sentences) else len(t)
            for a in self.index.from_start(m.end(), end - 1):
                add(a, "attendee")


def _main(p: _P) -> _Cand:
    """The fullest mention of a person that is not a nickname."""
    named = [c for c in p.cands if "alias" not in c.cues] or p.cands
    return max(named, key=lambda c: (len(c.words), bool(c.cues & ANCHORS), -c.span.start))


def _quote_speaker(text: str, actors: _Actors, a: int, b: int) -> tuple[int | None, str | None]:
    """Speaker index and cue of a quote [a, b]: named after the verb, else the last person before."""
    quote_verbs, speech_verbs = _verbs()
    m = _QUOTE_CUE.match(text, b + 1)
    word = m.group(1).lower() if m else ""
    base = word[:-3] if word.endswith("nya") else word
    cue = base if base in quote_verbs else word if word in speech_verbs else None
    if cue and m and not word.endswith("nya"):
        x = next((x for x in actors.from_start(m.end(), m.end() + 20)
                  if _WORD_GAP.fullmatch(text, m.end(), x[0])), None)
        if x is not None:                   # 'kata X melalui Y': Y speaks for X
            through = _cue()["through"].match(text, x[1])
            x = next(iter(actors.from_start(through.end(), through.end())), x) if through else x
            return (x[3] if x[2] == "p" else None), cue
    before = [x for x in actors.by_end_in(a - 1499, a) if x[2] == "p"]
    return (max(before, key=lambda x: x[1])[3] if before else None), cue


def _quotes(text: str, actors: _Actors) -> tuple[list[Quote], list[str]]:
    marks = [i for i, ch in enumerate(text) if ch == '"']
    warnings = [f"{len(marks)} quotation marks: the last one has no partner"] if len(marks) % 2 else []
    out = []
    for a, b in zip(marks[0::2], marks[1::2]):
        if len(text[a + 1:b].split()) >= 3:
            out.append(Quote(a + 1, b, text[a + 1:b], *_quote_speaker(text, actors, a, b)))
    return out, warnings


def _person(text: str, p: _P) -> Person:
    main = _main(p)
    titles = [c.title for c in p.cands if c.title is not None]
    title = max(titles, key=lambda t: (len(t.text), -t.start)) if titles else None
    cands = sorted(p.cands, key=lambda c: c.span.start)
    nicknames = {c.words for c in cands if "alias" in c.cues}
    hons: dict[str, str] = {}
    degs: dict[str, str] = {}
    for c in (c for c in cands if c.words not in nicknames):
        for h in c.span.honorifics:
            hons.setdefault(key(h), h)
        for d in c.span.degrees:
            degs.setdefault(key(d), d)
    return Person(main.span.name(text), " ".join(text[main.span.start:main.span.end].split()),
                  list(hons.values()), list(degs.values()), title,
                  title.acting if title else None, p.roles, p.represents,
                  [Mention(c.span.start, c.span.end, text[c.span.start:c.span.end]) for c in cands],
                  sorted({(t.start, t.end) for t in titles + [c.also for c in p.cands if c.also is not None]}))


def find_people(text: str, ner_persons: Sequence[tuple[int, int]] = (),
                orgs: Sequence[tuple[int, int]] = ()) -> PeopleResult:
    """Named persons (with titles, roles, mentions), offices without a name, and direct quotes.
    ``orgs``: spans of organisation names; a run inside one is part of that name, not a person
    ("Muspika Paguyangan", "Yayasan Budi Luhur")."""
    memo: dict[int, NameSpan | None] = {}
    titles = find_titles(text, name_words=_known_words(text, memo))
    cands = _candidates(text, titles, ner_persons, memo)
    if orgs:
        inside = Overlaps(list(orgs))
        cands = [c for c in cands if c.cues & {"honorific", "named"} or not any(
            orgs[k][0] <= c.span.name_start and c.span.name_end <= orgs[k][1]
            for k in inside.hits(c.span.name_start, c.span.name_end))]
    persons = sorted(_cluster(cands, text), key=lambda p: min(c.span.start for c in p.cands))
    for p, c in ((p, c) for p in persons for c in p.cands):
        if c.cues & {"said", "verb"} and not _cue()["through"].match(text, c.span.end):
            p.role("speaker")                     # not 'kata X melalui Y': Y speaks
        if c.cues & {"age", "beneficiary"} or _cue()["beneficiary_before"].search(text, max(0, c.span.start - 20),
                                                                                 c.span.start):
            p.role("beneficiary")
    used = {id(t) for p in persons for c in p.cands for t in (c.title, c.alias_title, c.also) if t is not None}
    refs, roles = _title_refs(text, titles, persons, used)
    actors = sorted(refs + [(c.title.start if c.title and "title" in c.cues else c.span.start, c.span.end, "p", i)
                            for i, p in enumerate(persons) for c in p.cands])
    roles_found = _Roles(text, actors, persons, roles)
    roles_found.run()
    quotes, warnings = _quotes(text, roles_found.index)
    for q in quotes:
        if q.speaker is not None:
            persons[q.speaker].role("speaker")
    return PeopleResult([_person(text, p) for p in persons], roles, quotes, warnings)
