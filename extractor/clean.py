"""CLEAN stage: a press release as text -> clean text, headline, dateline, byline, removed debris.

Small steps, regexes compiled once, phrases in ``resources/debris.tsv`` and ``resources/dateline.tsv``
(weekdays and months from ``dates_id.tsv``): 1. ``normalize`` each line (NFC, entities, invisible
characters, spaces, curly quotes, dashes; one character for one where possible); 2. ``scrub`` each
line: ``line_reason`` drops a debris line, ``INLINE_STEPS`` cut debris inside it, to a fixpoint;
3. join wrapped lines; 4. paragraph rules (duplicates, teasers, a name over a timestamp, related
bullets, fragments after the closing reporter code) to a fixpoint; 5. headline = the first paragraph
if title-like; the one dateline near the top ("PLACE, OUTLET -") is cut off. Every piece of clean text
keeps its original span (``Cleaned.to_original``). A place "SINTANG-KALBAR" is kept whole, as written.
Hostile input stays linear: a run of more than MAX_SYMBOL_RUN symbols becomes one space (removed as
"symbols"), a run of more than MAX_RUN characters without a space gets a space every MAX_RUN
characters (``_break_runs``; the tokenizer is quadratic in a token's length), and the paragraph rules
read each paragraph once (``_Facts``).
"""
from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from types import SimpleNamespace

from .errors import UsageError

__all__ = ["Cleaned", "Dateline", "Removed", "clean", "normalize", "line_reason", "scrub", "INLINE_STEPS"]


@dataclass(frozen=True, slots=True)
class Dateline:
    raw: str
    start: int
    end: int
    place: str | None
    place_start: int | None
    place_end: int | None
    outlet: str | None
    date_text: str | None
    date_start: int | None
    date_end: int | None


@dataclass(frozen=True, slots=True)
class Removed:
    start: int
    end: int
    reason: str


@dataclass(frozen=True, slots=True)
class _Span:
    """Text covered in order by pieces (clean_start, clean_end, orig_start, orig_end). A piece as long
    as its original maps character by character, any other piece maps as a whole."""
    text: str
    starts: tuple[int, ...]
    pieces: tuple[tuple[int, int, int, int], ...]

    @property
    def bounds(self) -> tuple[int, int]:
        return self.pieces[0][2], self.pieces[-1][3]

    def _point(self, pos: int, as_end: bool) -> int:
        i = bisect_right(self.starts, pos - 1 if as_end else pos) - 1
        c0, c1, o0, o1 = self.pieces[min(max(i, 0), len(self.pieces) - 1)]
        if c1 - c0 == o1 - o0:
            return o0 + min(max(pos - c0, 0), c1 - c0)
        return o1 if as_end or pos >= c1 else o0

    def orig(self, start: int, end: int) -> tuple[int, int]:
        a = self._point(start, False)
        return (a, a) if end <= start else (a, max(a, self._point(end, True)))

    def parts(self, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
        end = len(self.text) if end is None else end
        if start >= end:
            return []
        i, j = max(bisect_right(self.starts, start) - 1, 0), bisect_right(self.starts, end - 1)
        out = [(self.text[c0:c1], o0, o1) for c0, c1, o0, o1 in self.pieces[i:j]]
        for k in {0, len(out) - 1}:       # the first and last piece may be cut
            c0, c1, o0, o1 = self.pieces[i + k]
            lo, hi = max(c0, start), min(c1, end)
            exact = c1 - c0 == o1 - o0
            out[k] = (self.text[lo:hi], o0 + lo - c0 if exact else o0, o0 + hi - c0 if exact else o1)
        return out


def _build(parts: list[tuple[str, int, int]]) -> _Span | None:
    """A _Span from (text, orig_start, orig_end) parts; exact neighbours merge into one piece."""
    if len(parts) == 1:                   # one piece (most lines): no merging to do
        s, o0, o1 = parts[0]
        return _Span(s, (0,), ((0, len(s), o0, o1),)) if s else None
    texts, pieces, pos = [], [], 0
    for s, o0, o1 in parts:
        n = len(s)
        if n:
            texts.append(s)
            last = pieces[-1] if pieces else None
            if last and n == o1 - o0 and last[3] == o0 and last[1] - last[0] == last[3] - last[2]:
                pieces[-1] = (last[0], pos + n, last[2], o1)
            else:
                pieces.append((pos, pos + n, o0, o1))
            pos += n
    return _Span("".join(texts), tuple(p[0] for p in pieces), tuple(pieces)) if pieces else None


def _keep(sp: _Span, cuts: list[tuple[int, int]]) -> _Span | None:
    """``sp`` without the ``cuts`` (clean offsets), then without leading, trailing or doubled spaces."""
    if cuts:
        parts, pos = [], 0
        for a, b in sorted(cuts):
            parts += sp.parts(pos, a)
            pos = max(pos, b)
        sp = _build(parts + sp.parts(pos))
    if sp is None or not (sp.text.startswith(" ") or sp.text.endswith(" ") or "  " in sp.text):
        return sp                         # the test _SPACES makes, without the regex
    spaces = [m.span() for m in _SPACES.finditer(sp.text)]
    return _keep(sp, spaces) if spaces else sp


# -- step 1: character normalization -------------------------------------------------------------
_TABLE = str.maketrans({**dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u301d\u301e\uff02", '"'),
                        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4", "'"),
                        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-")})
_X = "\t\x0b\x0c\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"      # spaces other than " "
_DROP = "\x00-\x08\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
_SPECIAL = re.compile(r"(?P<ent>&(?:amp;)*(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)"
                      rf"|(?P<ws>[ ]{{2,}}[ {_X}]*|[ ]?[{_X}][ {_X}]*)|(?P<drop>[{_DROP}]+)")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_ENT_JUNK = re.compile(rf"(?P<ws>[\s{_X}]+)|[{_DROP}]+")
_SPACES = re.compile(r"^ +| +$|(?<= ) +")
MAX_RUN = 32            # a longer run of non-space characters gets a space every MAX_RUN characters
MAX_SYMBOL_RUN = 8      # a longer run of symbols (not letters or digits) becomes one space
_SYMBOL_RUN = re.compile(rf"(?:[^\w\s]|_){{{MAX_SYMBOL_RUN + 1},}}")
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")
_BREAK = re.compile(r"\r\n|[\n\r\x85\u2028\u2029]")
_RUNS = re.compile(r"\S+|\s+")


def _nfc(text: str, a: int, b: int) -> list[tuple[str, int, int]]:
    """text[a:b] in NFC with straight quotes and dashes; runs that NFC shortens map as a whole."""
    chunk = text[a:b]
    if unicodedata.is_normalized("NFC", chunk):
        return [(chunk.translate(_TABLE), a, b)]
    return [(unicodedata.normalize("NFC", m.group()).translate(_TABLE), a + m.start(), a + m.end())
            for m in _RUNS.finditer(chunk)]


def _renfc(sp: _Span) -> _Span:
    """Cuts can bring a letter next to a combining mark: compose them again."""
    if unicodedata.is_normalized("NFC", sp.text):
        return sp
    return _build([p for m in _RUNS.finditer(sp.text) for p in (
        sp.parts(*m.span()) if unicodedata.is_normalized("NFC", m.group())
        else [(unicodedata.normalize("NFC", m.group()), *sp.orig(*m.span()))])])


def _break_runs(sp: _Span) -> tuple[_Span, list[Removed]]:
    """Runs of more than MAX_SYMBOL_RUN symbols (rules, ornaments, runs of brackets or emoji) become
    one space: they carry no fact and would cost the tokenizer and the NER model a token per
    character (a 100 KB run of brackets took the model seconds). Then a space (mapped to an empty
    original span) every MAX_RUN characters of a longer run without one: no word is that long, and
    the tokenizer's affix splitting costs time quadratic in a token's length."""
    removed: list[Removed] = []
    if _SYMBOL_RUN.search(sp.text):
        parts, pos = [], 0
        for m in _SYMBOL_RUN.finditer(sp.text):
            a, b = sp.orig(*m.span())
            parts += sp.parts(pos, m.start()) + [(" ", a, b)]
            removed.append(Removed(a, b, "symbols"))
            pos = m.end()
        sp = _build(parts + sp.parts(pos))
    if _LONG_RUN.search(sp.text):
        parts, pos = [], 0
        for m in _LONG_RUN.finditer(sp.text):
            for cut in range(m.start() + MAX_RUN, m.end(), MAX_RUN):
                at = sp.orig(cut, cut)[0]
                parts += sp.parts(pos, cut) + [(" ", at, at)]
                pos = cut
        sp = _build(parts + sp.parts(pos))
    return sp, removed


def _line_spans(text: str):
    pos = 0
    for m in _BREAK.finditer(text):
        yield pos, m.start()
        pos = m.end()
    yield pos, len(text)


def _normalize_line(text: str, start: int, end: int) -> _Span | None:
    """Step 1 on one line, repeated while it makes an entity: dropping an invisible character or
    decoding one entity can leave another ("&nb\u202esp;" -> "&nbsp;", "&AMP;AMP;" -> "&AMP;")."""
    sp = _normalize_once(text, start, end)
    for _ in range(4):
        if sp is None or not _ENTITY.search(sp.text):
            break
        again = _normalize_once(sp.text, 0, len(sp.text))
        if again is not None and again.text == sp.text:
            break
        sp = _compose(sp, again) if again is not None else None
    return sp


def _compose(outer: _Span, inner: _Span) -> _Span | None:
    """``inner`` (a span over ``outer.text``) mapped through ``outer`` to the original."""
    parts: list[tuple[str, int, int]] = []
    for c0, c1, o0, o1 in inner.pieces:
        if c1 - c0 == o1 - o0:
            parts += outer.parts(o0, o1)
        else:
            parts.append((inner.text[c0:c1], *outer.orig(o0, o1)))
    return _build(parts)


def _normalize_once(text: str, start: int, end: int) -> _Span | None:
    parts, pos = [], start
    for m in _SPECIAL.finditer(text, start, end):
        parts += _nfc(text, pos, m.start())
        if m.lastgroup == "ent":
            decoded = m.group()
            while (u := html.unescape(decoded)) != decoded:
                decoded = u
            decoded = "".join(s for s, _, _ in _nfc(decoded, 0, len(decoded)))
            parts.append((_ENT_JUNK.sub(lambda j: " " if j.lastgroup else "", decoded), *m.span()))
        elif m.lastgroup == "ws":
            parts.append((" ", *m.span()))
        pos = m.end()
    sp = _build(parts + _nfc(text, pos, end))
    return _keep(sp, []) if sp else None


def normalize(text: str) -> str:
    """Step 1 alone, line by line (no debris removed)."""
    return "\n".join(sp.text if sp else "" for sp in (_normalize_line(text, a, b) for a, b in _line_spans(text)))


# -- resources -------------------------------------------------------------------------------------
def _rows(name: str, ncols: int) -> list[list[str]]:
    text = files("extractor.resources").joinpath(name).read_text("utf-8")
    rows = [ln.split("\t") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return [r[:ncols] for r in rows[1:] if len(r) >= ncols]


def _scoped(pattern: str) -> str:
    """A pattern as one branch of an alternation: its leading global flags become a scoped group."""
    m = re.match(r"\(\?([aiLmsux]+)\)", pattern)
    return f"(?{m.group(1)}:{pattern[m.end():]})" if m else f"(?:{pattern})"


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def _rules() -> SimpleNamespace:
    """Patterns built once from the resource files (see their headers for the kinds of rows)."""
    by: dict[str, list[tuple[str, int, str]]] = {}
    for reason, kind, maxw, value in _rows("debris.tsv", 4):
        by.setdefault(kind, []).append((reason, int(maxw or 0), value))
    for kind, value, *_ in _rows("dates_id.tsv", 2) + _rows("dateline.tsv", 2):
        by.setdefault(kind, []).append(("", 0, value))
    words = {k: [v for _, _, v in rows] for k, rows in by.items()}
    groups: dict[tuple[str, int], list[str]] = {}
    for reason, maxw, value in by["prefix"]:
        groups.setdefault((reason, maxw), []).append(value)
    credit, wd, mon = _alt(words["credit"]), _alt(words["weekday"]), _alt(words["month"])
    day = rf"(?:\d{{1,2}}\s+(?:{mon})\.?\s+\d{{4}}|\d{{1,2}}\s*/\s*\d{{1,2}}(?:\s*/\s*\d{{2,4}})?)"
    clock = r"(?:\s*[|,-]?\s*(?:pukul\s*)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*(?:WIB|WITA|WIT))?)?"
    return SimpleNamespace(
        exact={v: r for r, _, v in by["exact"] + by["header"]},             # line key -> reason
        headers=frozenset(words["header"]),           # lines that open a list of related headlines
        prefixes=[(r, n, re.compile(rf"(?:{_alt(ws)})(?=$|[\s:|.,!>»-])")) for (r, n), ws in groups.items()],
        regexes=[(r, n, re.compile(v)) for r, n, v in by["regex"]],
        any_regex=re.compile("|".join(_scoped(v) for _, _, v in by["regex"])),   # one test before the loop
        widgets={v: (r, k == "strong") for k in ("widget", "strong") for r, _, v in by[k]},
        label=re.compile(rf"(?:{_alt(words['label'])})\s*:\s*", re.I),
        credit_paren=re.compile(rf" ?\(\s*(?:{credit})(?:\s*[:/.][^()\n]{{0,80}}|(?:\s+[^()\s]+){{0,2}})\s*\)", re.I),
        credit_tail=re.compile(rf"(?:(?<=[.!?\"'])|^)\s*(?:{credit})\s*[:/]\s*[^\s:]+(?:\s+[^\s:]+){{0,5}}$", re.I),
        related_tail=re.compile(rf"(?<=[.!?\"'] )(?:{_alt(words['inline'])})\s*:.*$", re.I),
        date=re.compile(rf"(?:\b(?:{wd})\b\s*,?\s*)?(?:\(\s*{day}\s*\)|{day})|\b(?:{wd})\b", re.I),
        stamp=re.compile(rf"(?:(?:diterbitkan|dipublikasikan|diposting|published|posted|diperbarui|updated?)\s*:?\s*)?"
                         rf"(?:(?:{wd})\s*,?\s*)?{day}{clock}", re.I),
        domain=re.compile(rf"\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:{_alt(words['tld'])})(?![a-z0-9])", re.I),
        media=re.compile("|".join(f"(?:{m})" for m in words["media"]), re.I),
        not_place=frozenset(w.casefold() for w in words["not_place"]),
    )


# -- step 2: debris lines and inline debris --------------------------------------------------------
_IMG_FILE = re.compile(r"(?i)\S{0,300}\.(?:jpe?g|png|gif|webp|bmp|svg|tiff?|heic|avif)(?:\?\S{0,300})?\)?")
_IMG_NAME = re.compile(r"(?i)(?:img|dsc[fn]?|pxl|vid|wa|whatsapp image|screenshot|photo|foto|image|gambar|pic)"
                       r"[\s_-]*\d[\w\s.-]{0,150}")
_URL_LINE = re.compile(r"(?:https?://|www\.)\S+|[-*_=~#.•·+]{3,}")
_KEY_END = re.compile(r"[\s:*|.\-]+$")
_LETTERS = re.compile(r"[^\W\d_]+")
_MD_IMAGE = re.compile(r" ?!\[[^\]\n]{0,300}\]\([^()\n]{0,600}\)")
_MD_LINK = re.compile(r"\[([^\[\]\n]{1,300})\]\([^()\s]{0,600}\)")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]{0,30}(?:\s[^<>\n]{0,500})?/?>|<!--[^\n]{0,500}?-->"
                  r"|\[/?(?:caption|embed|gallery|video|audio|img)\b[^\]\n]{0,300}\]"
                  r"|\*\*+(?=\S)|(?<=\S)\*\*+|^#{1,6}(?= )")
_CODE = re.compile(r"(?:(?<=[.!?\"')])|^)\s*(?:\((?:[A-Za-z][\w .&-]{0,24}/){1,4}[A-Za-z][\w .&-]{0,24}\)"
                   r"|\([a-z]{2,5}\)|\(\*{1,3}\)|[A-Z]{2,5}-\d{1,3})$")


@lru_cache(maxsize=4096)   # scraped pages repeat lines ("Share", "A"): each distinct line is judged once
def line_reason(line: str) -> str | None:
    """Why a whole normalized line is debris ("image", "related", "byline" ...), or None."""
    rules = _rules()
    toks = [t for t in re.split(r"[\s_.-]+", line) if t] if _IMG_NAME.fullmatch(line) else []
    if _IMG_FILE.fullmatch(line) or (toks and 2 * sum(any(c.isdigit() for c in t) for t in toks) >= len(toks)):
        return "image"
    if _URL_LINE.fullmatch(line):
        return "markup"
    low = line.casefold()
    if reason := rules.exact.get(_KEY_END.sub("", low)):
        return reason
    nwords = len(line.split())
    for reason, maxw, rx in rules.prefixes:
        if (not maxw or nwords <= maxw) and rx.match(low):
            return reason
    if rules.any_regex.fullmatch(line):
        for reason, maxw, rx in rules.regexes:
            if (not maxw or nwords <= maxw) and rx.fullmatch(line):
                return reason
    found = [rules.widgets.get(w) for w in (_LETTERS.findall(low) if nwords <= 12 else [])]
    strong = [f[0] for f in found if f and f[1]]
    return strong[0] if strong and all(found) else None


def _spans(rx: re.Pattern, t: str) -> list[tuple[int, int]]:
    return [m.span() for m in rx.finditer(t)]


def _cuts_markup(t: str) -> list[tuple[int, int]]:
    """Markdown link syntax (the link text stays), HTML tags, shortcodes, emphasis, heading marks."""
    return [c for m in _MD_LINK.finditer(t) for c in ((m.start(), m.start(1)), (m.end(1), m.end()))] + _spans(_TAG, t)


def _cuts_code(t: str) -> list[tuple[int, int]]:
    """Reporter codes closing a paragraph: "(din/ton)", "(sda)", "CNI-02", one or several."""
    end = len(t)
    while m := _CODE.search(t, max(0, end - 160), end):
        end = m.start()
    return [(end, len(t))] if end < len(t) else []


def _cuts_label(t: str) -> list[tuple[int, int]]:
    end, label = 0, _rules().label
    while m := label.match(t, end):
        end = m.end()
    return [(0, end)] if end else []


_INLINE_TRIGGER = re.compile(r"[\[<*#:(/-]")    # every inline step below cuts around one of these

INLINE_STEPS = (  # (reason, text -> spans to cut), tried in this order
    ("image", lambda t: _spans(_MD_IMAGE, t)),
    ("markup", _cuts_markup),
    ("related", lambda t: _spans(_rules().related_tail, t)),
    ("photo_credit", lambda t: _spans(_rules().credit_paren, t) + _spans(_rules().credit_tail, t)),
    ("reporter_code", _cuts_code),
    ("label", _cuts_label),
)


def _scrub(sp: _Span) -> tuple[_Span | None, str | None, list[Removed], bool]:
    """(what is left, why it all went, inline removals, ends with a reporter code), to a fixpoint."""
    removed, signoff = [], False
    for _ in range(32):
        sp = _renfc(sp)
        if reason := line_reason(sp.text):
            return None, reason, removed, signoff
        if not _INLINE_TRIGGER.search(sp.text):
            break
        reason, cuts = next(((r, c) for r, step in INLINE_STEPS if (c := step(sp.text))), (None, None))
        if not cuts:
            break
        removed += [Removed(*sp.orig(a, b), reason) for a, b in cuts]
        signoff = signoff or reason == "reporter_code"
        if (sp := _keep(sp, cuts)) is None:
            return None, reason, removed, signoff
    return sp, None, removed, signoff


def _settle(sp: _Span) -> tuple[_Span | None, str | None, list[Removed], bool]:
    """``_scrub``, then ``_break_runs``, again until neither changes the line: a space put into a long
    run can make debris syntax ("<x ^>" is a tag), so the result is a fixpoint of both (idempotence).
    Breaking comes after the first scrub, which still sees long URLs and file names whole."""
    kept, reason, removed, signoff = _scrub(sp)
    for _ in range(8):
        if kept is None:
            break
        broken, cut = _break_runs(kept)
        if broken is kept:
            break
        if broken is None or not broken.text.strip():
            kept, reason, removed = None, "symbols", removed + cut
            break
        kept, reason, more, more_signoff = _scrub(_keep(broken, []))
        removed, signoff = removed + cut + more, signoff or more_signoff
    return kept, reason, removed, signoff


def scrub(text: str) -> str:
    """Steps 1-2 on each line: what is left of it ("" for a debris line)."""
    kept = (_settle(sp)[0] if sp else None for sp in (_normalize_line(text, a, b) for a, b in _line_spans(text)))
    return "\n".join(k.text if k else "" for k in kept)


# -- step 5 helpers: dateline, title, name, timestamp ---------------------------------------------
_DL_HEAD = re.compile(r"[^\n]{2,90}?(?: +-{1,3} *|-{1,3} +)")
_DL_CHUNK = re.compile(r"\([^()]{1,40}\)|[^,()]+")
_INNER = re.compile(r"[^ ,-](?:.*[^ ,-])?")
_TRAIL = re.compile(r"[\s.\-…]+$")
_BULLETS = "•▪►▶➤➢◆◾■●▸‣⁃"


def _trim(s: str, a: int, b: int) -> tuple[int, int]:
    m = _INNER.search(s, a, b)
    return m.span() if m else (b, b)


def _place_ok(chunk: str) -> bool:
    words = chunk.split()
    return (1 <= len(words) <= 4 and words[0].casefold().rstrip(".") not in _rules().not_place
            and all(w[0].isupper() and all(c.isalpha() or c in ".'-" for c in w) for w in words))


def _dl_items(head: str) -> list[tuple[str, int, int]] | None:
    """(kind, start, end) of the place, outlet and date in a dateline head; None if it is none."""
    rules = _rules()
    items, places, d = [], [], rules.date.search(head)
    for g0, g1 in [(0, d.start()), (d.end(), len(head))] if d else [(0, len(head))]:
        for m in _DL_CHUNK.finditer(head, g0, g1):
            a, b = _trim(head, *m.span())
            if a < b and head[a] == "(":      # "(KABAR)", "(kotaku.go.id)": an outlet
                items.append(("outlet", a, b))
                continue
            dom = rules.domain.search(head, a, b) if a < b else None
            items += [("outlet", *dom.span())] if dom else []
            for x, y in [_trim(head, a, dom.start()), _trim(head, dom.end(), b)] if dom else [(a, b)]:
                if x < y and rules.media.search(head[x:y]):
                    items.append(("outlet", x, y))
                elif x < y and _place_ok(head[x:y]):
                    places.append((x, y))
                elif x < y:
                    return None
    outlets = sum(k == "outlet" for k, _, _ in items)
    if len(places) > 2 or outlets > 1 or not (places or outlets):
        return None
    if len(places) == 2 and not outlets:      # "Belitang Hilir, Warta Kapuas": the first is the place
        caps = [head[a:b].isupper() for a, b in places]
        first, second = places[::-1] if caps == [False, True] else places
        places = [first]
        items.append(("outlet", *second))
    return items + ([("place", *places[0])] if places else []) + ([("date", *d.span())] if d else [])


def _dateline_at(t: str) -> tuple[int, list[tuple[str, int, int]]] | None:
    """(end of the dateline prefix, its items) when ``t`` opens with a dateline before a sentence."""
    m = _DL_HEAD.match(t)
    rest = t[m.end():] if m else ""
    if not rest or not (rest[0].isupper() or rest[0].isdigit() or rest[0] in "\"'(") or len(rest.split(None, 8)) < 8:
        return None
    items = _dl_items(t[:m.end()].rstrip(" -"))
    return (m.end(), items) if items else None


def _title_like(t: str) -> bool:
    n = len(t.split())
    return (2 <= n <= 30 and len(t) <= 250 and t[-1] not in ".,;:" and (t[0].isupper() or t[0] in "0123456789\"'")
            and not _rules().stamp.fullmatch(t) and _dateline_at(t) is None)


def _name_like(t: str) -> bool:
    w = t.split()
    return 2 <= len(w) <= 4 and len(t) <= 40 and all(
        x[0].isupper() and x.replace(".", "").replace("'", "").replace("-", "").isalpha()
        and x.casefold().rstrip(".") not in _rules().not_place for x in w)


# -- steps 3-4: paragraphs -------------------------------------------------------------------------
@dataclass(slots=True)
class _Para:
    sp: _Span
    start: int          # original extent of its lines
    end: int
    block: int          # paragraphs of one block had no blank line between them
    signoff: bool = False


def _lines(text: str, removed: list[Removed]) -> list[_Para]:
    rules, out, block, run = _rules(), [], 0, 0
    for a, b in _line_spans(text):
        sp = _normalize_line(text, a, b)
        if sp is None:
            block += 1
            continue
        kept, reason, cuts, signoff = _settle(sp)
        if kept is not None and run and _title_like(kept.text):   # a headline listed under "Berita Terkait"
            kept, reason, run = None, "related", run - 1
        if kept is None:
            removed.append(Removed(*sp.bounds, reason))
            run = 10 if _KEY_END.sub("", sp.text.casefold()) in rules.headers else run if reason == "related" else 0
        else:
            out.append(_Para(kept, *sp.bounds, block, signoff))
            removed += cuts
            run = 0
    return out


def _join(paras: list[_Para], removed: list[Removed]) -> list[_Para]:
    """Join a line that ends mid-sentence with a next line that starts in lower case."""
    groups: list[list[_Para]] = []
    for p in paras:
        prev = groups[-1][-1] if groups else None
        if prev and prev.block == p.block and prev.sp.text[-1] not in ".!?:;\"')]»-" and p.sp.text[0].islower():
            groups[-1].append(p)
        else:
            groups.append([p])
    out = []
    for g in groups:
        if len(g) == 1:
            out.append(g[0])
            continue
        parts = g[0].sp.parts()
        for prev, p in zip(g, g[1:]):
            parts += [(" ", prev.sp.bounds[1], p.sp.bounds[0])] + p.sp.parts()
        kept, reason, cuts, signoff = _settle(_build(parts))
        if kept is None:
            removed.append(Removed(g[0].start, g[-1].end, reason))
        else:
            out.append(_Para(kept, g[0].start, g[-1].end, g[-1].block, g[-1].signoff or signoff))
            removed += cuts
    return out


@dataclass(frozen=True, slots=True)
class _Facts:
    """What the paragraph rules read of one paragraph, computed once (the rules run to a fixpoint)."""
    text: str
    key: str            # the text without a dateline: repeats are compared on it
    dup: str | None     # its comparison key, when it has 3 words or more
    trail: str          # the key without trailing dots, dashes and ellipses
    teaser: bool        # long enough to be a teaser (6 words or more, at most 600 characters)
    one_word: bool      # a single word ending in a letter ("Beranda")
    name_like: bool
    stamp: bool         # a posting timestamp alone
    bullet: bool        # "• Two Title-Case Words ...": a related headline unless a list intro ends with ":"

    @classmethod
    @lru_cache(maxsize=4096)  # noqa: B019 - frozen facts of the text alone, shared by repeated lines
    def of(cls, t: str) -> _Facts:
        d = _dateline_at(t)
        key = t[d[0]:] if d else t
        k, trail = _KEY_END.sub("", key.casefold()), _TRAIL.sub("", key)
        return cls(t, key, k if len(k.split()) >= 3 else None, trail,
                   len(trail) <= 600 and len(trail.split()) >= 6, len(t.split()) == 1 and t[-1].isalpha(),
                   _name_like(t), bool(_rules().stamp.fullmatch(t)), t[0] in _BULLETS and _bullet_shape(t[1:].strip()))


def _teaser(f: _Facts, later: list[_Facts]) -> bool:
    """A lead or cut-off summary repeated inside one of the next paragraphs."""
    return f.teaser and any(f.trail in q.key and len(f.trail) < len(q.trail) for q in later)


def _bullet_shape(t: str) -> bool:
    words = [w for w in t.split() if len(w) >= 3 and w[0].isalpha()]
    return len(t.split()) >= 5 and t[-1] not in ".;:" and sum(w[0].isupper() for w in words) >= 0.7 * len(words) > 0


def _drops(paras: list[_Para], facts: list[_Facts]) -> dict[int, str]:
    texts = [f.text for f in facts]
    head = 1 if len(texts) > 1 and _title_like(texts[0]) else 0
    drop: dict[int, str] = {}
    while len(drop) < len(texts) - 1 and facts[len(drop)].one_word:      # navigation words at the top
        drop[len(drop)] = "navigation"
    seen: dict[str, int] = {}
    intro, bylines = "", set()
    for i in range(len(texts) - 2, head - 1, -1):     # reporter names right above a timestamp
        if facts[i].name_like and (i + 1 in bylines or facts[i + 1].stamp):
            bylines.add(i)
    for i, (t, f) in enumerate(zip(texts, facts)):
        j = seen.setdefault(f.dup, i) if f.dup is not None else i
        if i in drop:
            pass
        elif i in bylines:
            drop[i] = "byline"
        elif f.bullet and not intro.endswith(":"):
            drop[i] = "related"
        elif i and (paras[i - 1].signoff or drop.get(i - 1) == "fragment") and t[0].islower():
            drop[i] = "fragment"
        elif j != i:        # a repeat: keep the first, unless only the repeat carries the dateline
            dated = f.key != t and facts[j].key == texts[j]
            drop[j if dated else i] = "duplicate"
            seen[f.dup] = i if dated else j
        elif i >= head and _teaser(f, facts[i + 1:i + 4]):
            drop[i] = "duplicate"
        intro = intro if t[0] in _BULLETS else t
    return drop


def _context(paras: list[_Para], removed: list[Removed]) -> list[_Para]:
    facts = [_Facts.of(p.sp.text) for p in paras]
    for _ in range(64):
        if not (drop := _drops(paras, facts)):
            break
        removed += [Removed(paras[i].start, paras[i].end, r) for i, r in drop.items()]
        paras = [p for i, p in enumerate(paras) if i not in drop]
        facts = [f for i, f in enumerate(facts) if i not in drop]
    return paras


# -- step 5 and the whole stage --------------------------------------------------------------------
@dataclass(frozen=True)
class Cleaned:
    original: str
    text: str
    headline: str | None
    headline_span: tuple[int, int] | None
    dateline: Dateline | None
    byline: tuple[tuple[int, int, str], ...]
    removed: tuple[Removed, ...]
    _map: _Span | None = field(default=None, repr=False, compare=False)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The span of ``original`` that ``text[start:end]`` came from."""
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(self.text)):
            raise UsageError(f"span ({start!r}, {end!r}) must satisfy 0 <= start <= end <= {len(self.text)}")
        return self._map.orig(start, end) if self._map else (0, 0)


def _strip_dateline(paras: list[_Para], first: int, text: str, removed: list[Removed]) -> Dateline | None:
    """Cut the dateline off the one paragraph near the top that has one (none when two have one)."""
    hits = []
    for i in range(first, min(len(paras), first + 8)):
        d = _dateline_at(paras[i].sp.text)
        rest = _build(paras[i].sp.parts(d[0])) if d else None
        kept = _scrub(rest)[0] if rest else None
        if kept and kept.text == rest.text and _dateline_at(rest.text) is None:
            hits.append((i, d, rest))
    if len(hits) != 1:
        return None
    i, (cut, items), rest = hits[0]
    sp = paras[i].sp
    got = {k: sp.orig(a, b) for k, a, b in items}
    start, end = sp.orig(0, len(sp.text[:cut].rstrip()))
    removed.append(Removed(*sp.orig(0, cut), "dateline"))
    paras[i].sp = rest
    place, outlet, date = (got.get(k) for k in ("place", "outlet", "date"))
    return Dateline(text[start:end], start, end, text[slice(*place)] if place else None, *(place or (None, None)),
                    text[slice(*outlet)] if outlet else None, text[slice(*date)] if date else None,
                    *(date or (None, None)))


def clean(text: str) -> Cleaned:
    """Clean one press release (see the module docstring); never raises on a str."""
    if not isinstance(text, str):
        raise UsageError(f"clean() takes the text as a str, not {type(text).__name__}")
    removed: list[Removed] = []
    paras = _context(_join(_lines(text, removed), removed), removed)
    headline = paras[0] if len(paras) > 1 and _title_like(paras[0].sp.text) else None
    dateline = _strip_dateline(paras, 1 if headline else 0, text, removed)
    parts: list[tuple[str, int, int]] = []
    for prev, p in zip([None, *paras], paras):
        parts += ([("\n\n", prev.sp.bounds[1], p.sp.bounds[0])] if prev else []) + p.sp.parts()
    body = _build(parts)
    gone = tuple(dict.fromkeys(sorted(removed, key=lambda r: (r.start, r.end, r.reason))))
    return Cleaned(text, body.text if body else "", headline.sp.text if headline else None,
                   headline.sp.bounds if headline else None, dateline,
                   tuple((r.start, r.end, text[r.start:r.end]) for r in gone if r.reason == "byline"), gone, body)
