"""Personal names: split honorifics, ranks and degrees off a name, and find name-shaped spans.

``parse_name`` splits a written name ("drs. Rukmini, MM.", "AKBP Rinaldi Pratama, S.I.K.") into
the personal name, the honorific prefixes and the degree suffixes, each kept as written.
``scan_name`` reads a name at a position of a text (honorifics, capitalised name words, degrees);
``name_runs`` finds all such runs outside given spans; ``headline_lines`` gives the lines where
capitalisation says nothing (headlines, captions) and ``sentence_starts`` the sentence offsets.
Word lists are data: ``honorifics.txt``, ``rank_units.txt``, ``degrees.txt``, ``address_terms.txt``,
``name_stopwords.txt``, ``name_place_nouns.txt``, ``person_nouns.txt``, ``institution_words.txt``,
``region_types.tsv``, ``region_suffixes.txt``, ``quote_verbs.txt`` and the office heads in
``titles.tsv``.

Heuristics (documented because names and the words around them are all capitalised):
- an honorific is taken only when followed by a dot or a space and then more of the name;
  ``M.`` and other single capitals with a dot are initials, not honorifics;
- a name word is Capitalised; the name stops at a stop word, a title head, an institution word, a
  region-type word, punctuation, a lowercase word (except the particles bin/binti/van/de ...);
- a trailing one- or two-letter capital group ("Yanto M", "Darsono BP") is part of the name unless it
  is a listed degree; a listed degree, or a dotted degree shape (S.Xx., M.Xx.), after a comma or a
  space is a degree;
- a run glued to a capitalised word loses leading region names ("Kota Blitar Heru ..." -> "Heru ...");
  a single word of fewer than three letters is not a name.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

MAX_NAME_WORDS = 6
MAX_HONORIFICS = 6          # "Prof. Dr. Ir. H.": a longer run of honorifics is not read as one name
_CAP_START = re.compile(r"(?<![\w'’.-])(?:[^\W\d_a-z]|[a-z]{1,4}\.)")
_SENTENCE = re.compile(r"\n+|(?<=[.!?])[\"”]?[ \t]+(?=[\"“]?[A-Z])")


class NameParseError(ValueError):
    """A string given as a name holds no personal name."""


@dataclass(frozen=True, slots=True)
class ParsedName:
    name: str
    honorifics: tuple[str, ...]
    degrees: tuple[str, ...]
    as_written: str


@dataclass(frozen=True, slots=True)
class NameSpan:
    """A name read in a text: [start, end) as written, [name_start, name_end) the personal name."""
    start: int
    end: int
    name_start: int
    name_end: int
    honorifics: tuple[str, ...]
    degrees: tuple[str, ...]

    def name(self, text: str) -> str:
        return " ".join(text[self.name_start:self.name_end].split())


# ---------------------------------------------------------------- resources

def load_lines(filename: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a resource file."""
    raw = resources.files("extractor.resources").joinpath(filename).read_text("utf-8")
    return tuple(s for s in (ln.strip() for ln in raw.splitlines()) if s and not s.startswith("#"))


def load_tsv(filename: str) -> list[dict[str, str]]:
    """Rows of a resource TSV (first non-comment line is the header)."""
    lines = load_lines(filename)
    header = lines[0].split("\t")
    return [dict(zip(header, (ln.split("\t") + [""] * len(header))[:len(header)])) for ln in lines[1:]]


def load_patterns(filename: str) -> dict[str, re.Pattern[str]]:
    """Compiled patterns of a ``cue<TAB>pattern`` resource; in a pattern a space means one or more
    spaces or tabs and "~" any number of them."""
    out = {}
    for row in load_tsv(filename):
        pattern = row["pattern"].replace(" ", r"[ \t]+").replace("~", r"[ \t]*")
        out[row["cue"]] = re.compile(pattern)
    return out


@lru_cache(maxsize=None)
def word_set(filename: str) -> frozenset[str]:
    """Keys of the words listed in a resource file."""
    return frozenset(key(w) for w in load_lines(filename))


def key(word: str) -> str:
    """Lookup key of a word: lowercase, without dots and spaces."""
    return "".join(word.split()).replace(".", "").lower()


def _flex(entry: str) -> str:
    """Regex for a listed form: dots optional, space after an inner dot optional."""
    words = []
    for word in entry.split():
        parts = [re.escape(p) for p in word.rstrip(".").split(".")]
        words.append(r"\.?\s?".join(parts))
    return r"\s+".join(words)


@lru_cache(maxsize=1)
def _honorific_re() -> re.Pattern[str]:
    forms = sorted(load_lines("honorifics.txt"), key=len, reverse=True)
    units = sorted(load_lines("rank_units.txt"), key=len, reverse=True)
    unit_alt = "|".join(re.escape(u.rstrip(".")) for u in units)
    alt = "|".join(_flex(f) for f in forms)
    return re.compile(rf"(?i:(?:{alt})(?:\.[ \t]*|[ \t]+)(?:(?:{unit_alt})(?:\.[ \t]*|[ \t]+))?)(?=[A-Za-z(])")


@lru_cache(maxsize=1)
def name_abbreviations() -> frozenset[str]:
    """Keys of name words written short with a dot inside a name (name_abbreviations.txt)."""
    return frozenset(key(w) for w in load_lines("name_abbreviations.txt"))


@lru_cache(maxsize=1)
def honorific_keys() -> frozenset[str]:
    return frozenset(key(h) for h in load_lines("honorifics.txt"))


@lru_cache(maxsize=1)
def abbreviation_keys() -> frozenset[str]:
    """Keys of words written with a dot that do not end a sentence (Drs., Inf., S.Sos., Kec.)."""
    words = honorific_keys() | {key(w) for w in load_lines("rank_units.txt")} | {d.lower() for d in degree_keys()}
    return frozenset(words | {key(r["form"]) for r in load_tsv("region_types.tsv")})


@lru_cache(maxsize=1)
def degree_keys() -> frozenset[str]:
    return frozenset(d.replace(" ", "").rstrip(".").replace(".", "") for d in load_lines("degrees.txt"))


_DEGREE_SHAPE = re.compile(r"(?:[A-Z][a-z]{0,2}\.){1,3}[A-Z][A-Za-z]{0,4}\.?(?:\([A-Z]\))?")


def is_degree(token: str) -> bool:
    """A listed degree (case kept, dots ignored) or a dotted degree shape such as ``S.Kep.``."""
    return token.replace(".", "") in degree_keys() or bool(_DEGREE_SHAPE.fullmatch(token))


@lru_cache(maxsize=1)
def address_terms() -> frozenset[str]:
    return frozenset(key(t) for t in load_lines("address_terms.txt"))


@lru_cache(maxsize=1)
def person_nouns() -> frozenset[str]:
    """Keys of nouns for people that may stand before a name ("Salah satu penerima, Budi")."""
    return frozenset(key(w) for w in load_lines("person_nouns.txt"))


@lru_cache(maxsize=1)
def place_nouns() -> frozenset[str]:
    """Keys of nouns after which a capitalised run names a place or body: place, institution, region words."""
    words = {key(w) for w in load_lines("name_place_nouns.txt")} | {key(w) for w in load_lines("institution_words.txt")}
    return frozenset(words | {key(r["form"]) for r in load_tsv("region_types.tsv")})


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """Keys of words that never belong to a personal name."""
    words = {key(w) for w in load_lines("name_stopwords.txt")}
    words |= place_nouns() | address_terms() | {key(w) for w in load_lines("region_suffixes.txt")}
    words |= {key(w) for w in load_lines("quote_verbs.txt")}
    words |= {key(row["form"].split()[0]) for row in load_tsv("titles.tsv")}
    return frozenset(words)


# ---------------------------------------------------------------- scanning

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_GAP = re.compile(r"[ \t\u00a0]+")
_NON_SPACE = re.compile(r"\S+")
_DEGREE_AT = re.compile(r"(?:[ \t]*,[ \t]*|[ \t]+)([A-Z][A-Za-z.()]*(?:-[A-Z]+)?)")


def match_honorifics(text: str, pos: int) -> tuple[list[str], int]:
    """Honorifics written at ``pos`` (each as written) and the position after them."""
    found: list[str] = []
    rx = _honorific_re()
    while len(found) < MAX_HONORIFICS and (m := rx.match(text, pos)) is not None:
        found.append(m.group(0).strip())
        pos = m.end()
    return found, pos


def _capitalised(word: str) -> bool:
    return word[0].isupper() and not word.isupper()


def _name_words(text: str, pos: int, stop: frozenset[str]) -> int:
    """End of the name words starting at ``pos`` (== pos when there are none)."""
    end = i = pos
    count = 0
    while count < MAX_NAME_WORDS:
        j = i
        if count:
            gap = _GAP.match(text, i)
            if gap is None:
                break
            j = gap.end()
        m = _WORD.match(text, j)
        if m is None:
            break
        word, after = m.group(0), m.end()
        if count and len(word) > 1 and _honorific_re().match(text, j):
            break                                                     # "Polda Kalteng Kombes Pol Arie": a rank starts the name
        if count and sum(c.isupper() for c in word) >= 2 and is_degree(word):
            break                                                     # "Watiullah SPd MM": degrees without dots
        if key(word) in name_abbreviations() and text.startswith(".", after) and \
                _followed_by_name(text, after + 1, stop):
            end = i = after + 1                                       # "Tjok. Arim", "Moh. Yusuf"
            count += 1
            continue
        if len(word) == 1 and word.isupper() and text.startswith(".", after) and \
                _followed_by_name(text, after + 1, stop, gap_optional=True):
            end = i = after + 1                                       # initial "M." before a name word
        elif word == "I" and count == 0 and _followed_by_name(text, after, stop):
            end = i = after                                           # Balinese "I Made ..."
        elif word.lower() in word_set("name_particles.txt") and count and _followed_by_name(text, after, stop):
            i = after                                                 # "bin", "van" inside a name
            continue
        elif _capitalised(word) and key(word) not in stop:
            end = i = after
        else:
            if count and word.isupper() and len(word) <= 2 and word not in degree_keys():
                end = after                                           # "Yanto M", "Darsono BP"
            break
        count += 1
    return end


def _followed_by_name(text: str, pos: int, stop: frozenset[str], gap_optional: bool = False) -> bool:
    gap = _GAP.match(text, pos)
    if gap is None and not gap_optional:
        return False
    m = _WORD.match(text, gap.end() if gap else pos)
    return m is not None and _capitalised(m.group(0)) and key(m.group(0)) not in stop


def _degrees_at(text: str, pos: int) -> tuple[list[str], int]:
    found: list[str] = []
    while (m := _DEGREE_AT.match(text, pos)) is not None:
        token = m.group(1)
        if not is_degree(token.rstrip(",")):
            break
        found.append(token)
        pos = m.end()
    return found, pos


def scan_name(text: str, pos: int, stop: frozenset[str] | None = None) -> NameSpan | None:
    """Read a name at ``pos``: honorifics, capitalised name words, degrees; None if no name word."""
    stop = stop_words() if stop is None else stop
    hons, i = match_honorifics(text, pos)
    end = _name_words(text, i, stop)
    if end == i:
        return None
    degs, after = _degrees_at(text, end)
    full_end = after if degs else end
    return NameSpan(pos, full_end, i, end, tuple(hons), tuple(degs))


# ---------------------------------------------------------------- parsing

def parse_name(s: str) -> ParsedName:
    """Split honorifics (prefixes) and degrees (suffixes) off a written name, any case and spacing.

    Text after a comma that is not a degree is dropped (it is not part of the name)."""
    written = " ".join(s.split())
    hons, i = match_honorifics(written, 0)
    head, *tails = written[i:].split(",")
    degrees: list[str] = []
    for tail in tails:
        parts = tail.split()
        if not parts or not all(is_degree(p) for p in parts):
            break
        degrees.extend(parts)
    words = head.split()
    trailing: list[str] = []
    while len(words) > 1 and words[-1].rstrip(".").replace(".", "") in degree_keys():
        trailing.insert(0, words.pop())
    name = " ".join(words).strip(" ;:")
    name = name[:-1] if name.endswith(".") else name          # sentence stop, or "Yanto M." -> "Yanto M"
    if not name or key(name) in honorific_keys():
        raise NameParseError(f"no personal name in {s!r}: only honorifics, degrees or nothing")
    return ParsedName(name, tuple(hons), tuple(trailing + degrees), s.strip())


# ---------------------------------------------------------------- runs in a text

def words_before(text: str, pos: int) -> list[str]:
    """Up to four words before pos on the same line, punctuation kept."""
    lo = max(0, pos - 50)
    return text[max(lo, text.rfind("\n", lo, pos) + 1):pos].split()[-4:]


def headline_lines(text: str) -> list[tuple[int, int]]:
    """Lines that look like headlines or captions: most words capitalised and no final stop."""
    out, pos = [], 0
    for line in text.split("\n"):
        words = [w for w in line.split() if w[0].isalpha() and w.lower() not in word_set("function_words.txt")]
        if 3 <= len(words) <= 25 and sum(w[0].isupper() for w in words) >= 0.7 * len(words) and \
                not line.rstrip().endswith((".", "!", "?", '"')):
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def name_runs(text: str, blocked: list[tuple[int, int]], is_region: Callable[[list[str]], bool],
              memo: dict[int, NameSpan | None] | None = None) -> list[NameSpan]:
    """Name-shaped runs outside the blocked (title) spans, in text order; ``is_region`` tells region
    names; ``memo`` keeps the run read at each position for a later call on the same text."""
    out: list[NameSpan] = []
    memo = {} if memo is None else memo
    starts = [s for s, _ in blocked]
    pos = 0
    for m in _CAP_START.finditer(text):
        p = m.start()
        k = bisect.bisect_right(starts, p) - 1
        if p < pos or (k >= 0 and p < blocked[k][1]):
            continue
        if p not in memo:
            span = scan_name(text, p)
            memo[p] = _trim_regions(text, span, is_region) if span is not None else None
        if (span := memo[p]) is not None and not (k + 1 < len(blocked) and span.start < blocked[k + 1][0] < span.end):
            out.append(span)
            pos = span.end
    return out


def _trim_regions(text: str, span: NameSpan, is_region: Callable[[list[str]], bool]) -> NameSpan | None:
    """Drop region names leading a run glued to a capitalised word ('Kota Blitar Heru ...');
    None for a single word of fewer than three letters."""
    words = list(_NON_SPACE.finditer(text, span.name_start, span.name_end))
    ws = words_before(text, span.start)
    glued = bool(ws) and ws[-1][0].isupper() and ws[-1][-1].isalnum()
    while glued and not span.honorifics and len(words) > 1 and is_region([words[0].group(0)]):
        words.pop(0)
    if len(words) == 1 and len(words[0].group(0).rstrip(".")) < 3:
        return None
    start = words[0].start()
    return NameSpan(span.start if start == span.name_start else start, span.end, start,
                    span.name_end, span.honorifics, span.degrees)


def sentence_starts(text: str) -> list[int]:
    """Offsets where sentences start: after a newline, or after . ! ? that do not end an abbreviation."""
    starts = [0]
    for m in _SENTENCE.finditer(text):
        prev = text[max(0, m.start() - 12):m.start()].split()[-1:]
        abbrev = bool(prev) and (len(prev[0]) <= 2 or prev[0].count(".") > 1 or key(prev[0]) in abbreviation_keys())
        if m.group(0).startswith("\n") or not abbrev:
            starts.append(m.end())
    return starts
