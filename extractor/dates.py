"""Dates in Indonesian press releases: a fast regex grammar, each date's role, the event date.

Roles: ``publication`` (posting stamps, datelines, a date alone on its line), ``other`` (deadlines,
history, periods, regulations, month-only dates, debris) and at most one ``event`` (the best-scored
remaining date: a weekday, an event verb, the lead). A month without a day (``Juli 2022``) and a
relative week (``pekan lalu``) are ranges (``value`` first day, ``end_value`` last), always ``other``.
Two-digit years: 00-69 are 20xx, 70-99 19xx. Relative words and bare weekdays resolve from
``published``, else from a publication date in the text; without either they are not reported.
Speed: dates are tried only at anchors (a day number, an ISO year) of a lower-cased copy, and their
weekday/bracket prefix is matched backwards. Word lists: ``resources/dates_id.tsv``, ``date_cues_id.tsv``.
"""
from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .errors import ExtractorError

YEAR_MIN, YEAR_MAX = 1900, 2100
LEAD_PARAGRAPHS = 3          # body paragraphs (lines of >= LEAD_WORDS words) that form the lead
LEAD_WORDS = 12
EVENT_MIN_SCORE = 2
WEEKDAY_YEARS = 2            # how far from the inferred year a written weekday may move a day/month date
H = r"[^\S\n]"               # horizontal white space: a date never spans lines
NB = r"(?<![\w.,/:-])"       # left edge of a number
NE = r"(?![\w]|[.,/:-]\d)"   # right edge of a number
D = r"(?:[12]\d|3[01]|0?[1-9])"
MO = r"(?:1[0-2]|0?[1-9])"
Y4 = r"(?:19\d\d|20\d\d|2100)"
YEAR = re.compile(rf"{NB}({Y4}){NE}")
ANCHOR = re.compile(rf"{NB}(?:\d{{1,2}}(?=[/.\-–]\d|{H}*(?:[-–]|[^\W\d_]))|{Y4}(?=[-/.]\d))")
TIME = re.compile(r"(?:pukul|jam)?\s*\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:WIB|WITA|WIT|GMT[+\d]*)?", re.I)
CLOCK_AFTER = re.compile(rf"{H}*[|,/–—-]?{H}*\d{{1,2}}:\d{{2}}")
DATELINE = re.compile(r"\s*[A-Z][^\n,;:.!?]{0,40},\s*")
DASH_AFTER = re.compile(rf"{H}*[–—-]")
CLOSE = re.compile(rf"{H}*\)")
WORD = re.compile(r"[^\W\d_]{2,}")
BULLET_LINE = re.compile(r"\s*[•·»►▶■]")
NEWLINE = re.compile(r"\n")
LINE_WINDOW = 200           # characters of a line read on each side of a date
REG_YEAR = re.compile(r"(?:nomor|no\.?)\s*[\w./-]+\s+tahun\s*$")


class DatesError(ExtractorError):
    """Bad input to find_dates, or a date word list under extractor/resources out of format."""


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str                       # as written, incl. weekday, day part and brackets of the date
    value: dt.date | None           # the date (first day for ranges)
    end_value: dt.date | None       # last day of a range, else None
    role: str                       # "event" | "publication" | "other"
    weekday: str | None             # weekday as written, if any
    weekday_mismatch: bool          # the weekday written does not match the date
    year_inferred: bool             # year taken from other dates, the publication date or year hints
    relative: bool                  # resolved from the reference date ("kemarin", "Senin lalu", "Senin")
    source: str                     # "grammar" ("dateparser" is reserved for a fallback, unused)


@dataclass(slots=True)
class _Raw:
    """A mention being built: kind day | range | month | relday | week; d2/m2/y2 end a range."""
    start: int
    end: int
    kind: str
    d: int | None = None; m: int | None = None; y: int | None = None         # noqa: E702
    d2: int | None = None; m2: int | None = None; y2: int | None = None      # noqa: E702
    wd: int | None = None; wd_text: str | None = None                         # noqa: E702
    value: dt.date | None = None; end_value: dt.date | None = None            # noqa: E702
    year_inferred: bool = False; relative: bool = False                      # noqa: E702
    role: str | None = None; source: str = "grammar"                          # noqa: E702


def _rows(name: str, columns: int) -> Iterator[list[str]]:
    text = resources.files("extractor.resources").joinpath(name).read_text("utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    for n, line in enumerate(lines[1:], 1):
        cells = line.split("\t")
        if len(cells) != columns:
            raise DatesError(f"{name}: data row {n} ({line!r}) has {len(cells)} tab-separated cells, "
                             f"expected {columns}")
        yield [c.strip().lower() for c in cells]


def _alt(words: Sequence[str]) -> str:
    """Alternation of phrases, longest first; a trailing * matches any word ending."""
    parts = []
    for w in sorted(set(words), key=len, reverse=True):
        parts.append(re.escape(w.rstrip("*")).replace(r"\ ", r"\s+") + (r"\w*" if w.endswith("*") else ""))
    return "|".join(parts)


def _cue(words: Sequence[str], tail: str = "") -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{_alt(words)})(?!\w){tail}")


def _norm(word: str) -> str:
    return re.sub(r"['’`\s.]+", "", word.lower())


class _Lexicon:
    """Word lists and the patterns built from them. Patterns match the lower-cased text."""

    def __init__(self) -> None:
        words: dict[str, list[str]] = {}
        self.value: dict[tuple[str, str], int] = {}        # (kind, normalised word) -> number
        for kind, word, value in _rows("dates_id.tsv", 3):
            words.setdefault(kind, []).append(word)
            self.value[kind.replace("_abbr", ""), _norm(word)] = int(value or 0)
        cues: dict[str, list[str]] = {}
        for kind, phrase in _rows("date_cues_id.tsv", 2):
            cues.setdefault(kind, []).append(phrase)
        wdw = rf"(?<![\w'’])(?:{_alt(words['weekday'])})(?![\w'’])"
        dp, lead = _alt(words["daypart"]), _alt(words["lead_in"])
        mon = rf"(?:{_alt(words['month'])}|(?:{_alt(words['month_abbr'])})\.?)(?![^\W\d_])"
        sep = rf"(?:{_alt(words['range_sep'])})(?![^\W\d_])"
        self.cores = [(kind, re.compile(core)) for kind, core in (
            ("range", rf"(?P<d>{D})(?:{H}*(?P<mon>{mon})(?:{H}+(?P<y>{Y4}))?)?{H}*{sep}{H}*"
                      rf"(?P<d2>{D}){H}*(?P<mon2>{mon})(?:{H}*,?{H}*(?P<y2>{Y4}))?(?!\d)"),
            ("range", rf"(?P<d>{D}){H}*[-–]{H}*(?P<d2>{D})/(?P<m>{MO})(?:/(?P<y>{Y4}|\d\d))?{NE}"),
            ("day", rf"(?P<d>{D}){H}*(?P<mon>{mon})(?:{H}*,?{H}*(?P<y>{Y4}))?(?!\d)"),
            ("day", rf"(?P<d>{D})(?P<sep>[/.-])(?P<m>{MO})(?:(?P=sep)(?P<y>{Y4}|\d\d))?{NE}"),
            ("day", rf"(?P<y>{Y4})(?P<sep>[-/.])(?P<m>{MO})(?P=sep)(?P<d>{D}){NE}"))]
        relwd = _alt(words["relative_weekday"])
        self.prefix = re.compile(                          # "Senin-Rabu", "Minggu depan", "Rabu pagi, tanggal ("
            rf"(?:(?P<wd>{wdw})(?:{H}*(?:[-–—]|{sep}){H}*{wdw})?(?:{H}+(?:{relwd}))?{H}*[,.]?{H}*"
            rf"(?:(?:{dp})(?!\w){H}*,?{H}*)?)?(?:(?P<lead>{lead})(?!\w){H}*)?(?P<open>\({H}*)?$")
        self.daypart_after = re.compile(rf"{H}+(?:{dp})(?!\w)")
        self.months_before = [
            re.compile(rf"(?<![\w-])(?P<mon>{mon})(?:{H}+(?P<y>{Y4}))?{H}*{sep}{H}*(?P<mon2>{mon}){H}*,?{H}*$"),
            re.compile(rf"(?<![\w-])(?P<mon>{mon}){H}*,?{H}*$")]
        self.relative = re.compile(
            rf"(?<!\w)(?:(?P<week>{_alt(words['relative_week'])})|(?P<wd>{wdw})"
            rf"(?:{H}+(?P<rel>{relwd}))?|(?P<day>{_alt(words['relative_day'])}))(?!\w)")
        self.cue_words = _cue(words["month"] + words["month_abbr"] + words["weekday"] + words["lead_in"])
        self.event_verb = _cue(cues["event_verb"])
        self.other_before = _cue(cues["other_before"], r"(?:\W+\w+)?\W*$")
        self.regulation_before = _cue(cues["regulation_before"])
        self.other_after = re.compile(rf"\W{{0,3}}(?:{_alt(cues['other_after'])})(?!\w)")
        self.publication_before = _cue(cues["publication_before"])
        self.debris_line = re.compile(rf"\W*(?:{_alt(cues['debris_line'])})(?!\w)")
        self.debris_section = re.compile(rf"^\W*(?:{_alt(cues['debris_section'])})\W*$", re.M)
        self.date_intro = _cue(cues["date_intro"], r"\W*$")
        self.future_before = _cue(cues["future_before"])


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    """The word lists and compiled patterns, loaded once."""
    return _Lexicon()


def _lower(text: str) -> str:
    """Lower-cased copy with the same offsets (characters that grow when lower-cased stay as they are)."""
    low = text.lower()
    return low if len(low) == len(text) else "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _date(y: int | None, m: int | None, d: int | None) -> dt.date | None:
    try:
        return dt.date(y, m, d) if y is not None and YEAR_MIN <= y <= YEAR_MAX and m and d else None
    except ValueError:                                     # 31/2
        return None


def _year(s: str | None) -> int | None:
    return None if not s else int(s) if len(s) == 4 else (2000 + int(s) if int(s) < 70 else 1900 + int(s))


def _day_mention(kind: str, m: re.Match[str], text: str, low: str, floor: int, lex: _Lexicon) -> _Raw | None:
    """A day or range mention from a core match, extended by its weekday/bracket prefix and day part."""
    g = m.groupdict()
    pre = lex.prefix.search(low, max(floor, m.start() - 60), m.start())
    end = m.end()
    if pre and pre["open"]:
        close = CLOSE.match(low, end)
        if close is None:
            pre = lex.prefix.search(low, pre.start(), pre.start("open"))   # unclosed "(": prefix without it
        else:
            end = close.end()
    wd, lead, bracket = (pre["wd"], pre["lead"], pre["open"]) if pre else (None, None, None)
    if g.get("sep") == "." and (g["y"] is None or len(g["y"]) != 4):
        return None                                        # 1.2 (money), 09.00 (time), 6.7.22 (version)
    if g.get("sep") and g["y"] is None and not (bracket or wd or (lead and g["sep"] == "/")):
        return None                                        # bare 3/4 is a fraction, 6-7 a count
    start = pre.start("wd") if wd else (pre.start("open") if bracket else m.start())
    post = lex.daypart_after.match(low, end)
    r = _Raw(start, post.end() if post else end, kind, d=int(g["d"]), y=_year(g.get("y")))
    r.m = lex.value["month", _norm(g["mon"])] if g.get("mon") else (int(g["m"]) if g.get("m") else None)
    if wd:
        r.wd_text = text[pre.start("wd"):pre.end("wd")]
        r.wd = lex.value["weekday", _norm(wd)]
    if kind == "range":
        r.d2, r.y2 = int(g["d2"]), _year(g.get("y2")) if "y2" in g else r.y
        r.m2 = lex.value["month", _norm(g["mon2"])] if g.get("mon2") else r.m
        r.m = r.m if r.m is not None else r.m2
        if r.y is None and r.y2 is not None:
            r.y = r.y2 - 1 if (r.m, r.d) > (r.m2, r.d2) else r.y2
    return r


def _month_mention(m: re.Match[str], year: re.Match[str], lex: _Lexicon) -> _Raw:
    r = _Raw(m.start(), year.end(), "month", m=lex.value["month", _norm(m["mon"])], y2=int(year.group(1)))
    r.m2 = lex.value["month", _norm(m["mon2"])] if m.groupdict().get("mon2") else r.m
    r.y = int(m["y"]) if m.groupdict().get("y") else (r.y2 if r.m <= r.m2 else r.y2 - 1)
    return r


class _Taken:
    """Non-overlapping spans kept sorted, so each overlap test is a bisection (texts with thousands of dates)."""

    def __init__(self, spans: Sequence[_Raw] = ()) -> None:
        self.starts = [r.start for r in spans]
        self.ends = [r.end for r in spans]

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect.bisect_right(self.starts, start) - 1
        return ((k >= 0 and self.starts[k] < end and self.ends[k] > start)
                or (k + 1 < len(self.starts) and self.starts[k + 1] < end))

    def add(self, start: int, end: int) -> None:
        k = bisect.bisect_right(self.starts, start)
        self.starts.insert(k, start)
        self.ends.insert(k, end)


def _grammar(text: str, low: str, lex: _Lexicon) -> tuple[list[_Raw], list[re.Match[str]]]:
    taken: list[_Raw] = []
    floor = 0
    for a in ANCHOR.finditer(low):
        if a.start() < floor:
            continue
        for kind, core in lex.cores:
            m = core.match(low, a.start())
            r = _day_mention(kind, m, text, low, floor, lex) if m else None
            if r is not None:
                _set_value(r)
                if r.value is not None or r.y is None:     # 31/2/2022 is no date
                    taken.append(r)
                    floor = r.end
                    break
    spans = _Taken(taken)
    years = [y for y in YEAR.finditer(low) if not spans.overlaps(y.start(), y.start() + 1)]
    for pattern in lex.months_before:                      # "Januari hingga November 2022", "Juli 2022"
        for y in years:
            m = pattern.search(low, max(0, y.start() - 50), y.start())
            if m and not spans.overlaps(m.start(), y.end()):
                taken.append(_month_mention(m, y, lex))
                spans.add(m.start(), y.end())
                _set_value(taken[-1])
    years = [y for y in years if not spans.overlaps(y.start(), y.start() + 1)]
    return sorted(taken, key=lambda r: r.start), years


def _set_value(r: _Raw) -> None:
    if r.kind == "month":
        r.value = _date(r.y, r.m, 1)
        last = _date(r.y2, r.m2, 1)
        r.end_value = last and last.replace(day=calendar.monthrange(last.year, last.month)[1])
        return
    r.value = _date(r.y, r.m, r.d)
    if r.kind == "range":
        r.end_value = _date(r.y2 if r.y2 is not None else r.y, r.m2, r.d2)
        if r.value and r.end_value and r.end_value < r.value and r.y2 is None and r.m2 < r.m:
            r.end_value = _date(r.y + 1, r.m2, r.d2)       # 30 Desember - 2 Januari
        if r.value is None or r.end_value is None or r.end_value < r.value:
            r.value = r.end_value = None


def _year_hints(low: str, years: list[re.Match[str]]) -> list[int]:
    """Years written alone ("Tahun Anggaran 2023", "Pemilu 2024"), most frequent first."""
    found = [int(y.group(1)) for y in years if not REG_YEAR.search(low, max(0, y.start() - 40), y.start())]
    counts = Counter(found)
    return sorted(counts, key=lambda y: (-counts[y], found.index(y)))


def _years_by_distance(by_year: dict[int, list[int]], pos: int) -> list[int]:
    """Years of the full dates, nearest first (a year's rank is that of its nearest date, the earlier
    one on a tie); one bisection per distinct year, so thousands of dates stay linear."""
    best: dict[int, tuple[int, int]] = {}
    for year, starts in by_year.items():
        k = bisect.bisect_left(starts, pos)
        near = [s for s in (starts[k - 1] if k else None, starts[k] if k < len(starts) else None) if s is not None]
        best[year] = min((abs(s - pos), s) for s in near)
    return sorted(best, key=best.__getitem__)


def _starts_by_year(full: list[_Raw]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for f in full:                                         # full is in text order: the lists are sorted
        out.setdefault(f.y, []).append(f.start)
    return out


def _infer_years(raws: list[_Raw], hints: list[int], published: dt.date | None) -> None:
    """Years for day/month dates: the nearest full date in the text, else the year that puts the date
    on/before ``published``, else a year written alone. A written weekday picks the first candidate it
    fits (the year after ``published`` too: an announcement); the first candidate otherwise."""
    by_year = _starts_by_year([r for r in raws if r.y is not None and r.kind in ("day", "range") and r.value])
    months = [y for r in raws if r.kind == "month" and (y := r.y or r.y2)]   # "Maret 2023": a year too
    for r in raws:
        if r.y is not None or r.kind not in ("day", "range") or r.m is None:
            continue
        cands, extra = _years_by_distance(by_year, r.start), []
        if published is not None:
            same = _date(published.year, r.m, r.d)
            cands.append(published.year if same is None or same <= published else published.year - 1)
            extra.append(cands[-1] + 1)
        valid = [c for c in dict.fromkeys(cands + hints + months + extra) if _date(c, r.m, r.d)]
        fits = [c for c in valid if r.wd is not None and _date(c, r.m, r.d).weekday() == r.wd]
        valid = [c for c in valid if c not in extra or c in cands + hints + months]
        if not fits and valid and r.wd is not None:      # "Selasa (29/11)" in a text that says 2023 elsewhere
            fits = [y for y in _near_years(valid[0]) if _date(y, r.m, r.d) and _date(y, r.m, r.d).weekday() == r.wd][:1]
        if fits or valid:
            r.y, r.year_inferred = (fits or valid)[0], True
            _set_value(r)


def _near_years(year: int) -> list[int]:
    """Years at most WEEKDAY_YEARS from ``year``, nearest first, the earlier on a tie: where a written
    weekday does not fit the year a day/month date was given, the nearest year it fits is meant."""
    return [year + d for k in range(1, WEEKDAY_YEARS + 1) for d in (-k, k)]


def _relative(text: str, low: str, lex: _Lexicon, ref: dt.date, taken: list[_Raw]) -> list[_Raw]:
    """Relative words and bare weekdays, resolved from the reference date ``ref``."""
    out: list[_Raw] = []
    spans = _Taken(taken)
    for m in lex.relative.finditer(low):
        s, e = m.span()
        if spans.overlaps(s, e):
            continue
        r, days = _Raw(s, e, "day", relative=True), dt.timedelta
        if m["week"]:
            monday = ref - days(ref.weekday()) + days(weeks=lex.value["relative_week", _norm(m["week"])])
            r.kind, r.value, r.end_value = "week", monday, monday + days(6)
        elif m["day"]:
            r.kind, r.value = "relday", ref + days(lex.value["relative_day", _norm(m["day"])])
        else:
            r.wd_text, r.wd = text[m.start("wd"):m.end("wd")], lex.value["weekday", _norm(m["wd"])]
            if r.wd_text.islower() and _norm(m["wd"]) == "minggu":
                continue                                   # lower-case "minggu" is a week
            step = lex.value["relative_weekday", _norm(m["rel"])] if m["rel"] else 0
            back = (ref.weekday() - r.wd) % 7
            back = (back or 7) if step < 0 else (-((r.wd - ref.weekday()) % 7 or 7) if step > 0 else back)
            r.value = ref - days(back)
        out.append(r)
    return out


@dataclass(frozen=True, slots=True)
class _Context:
    text: str
    low: str
    lex: _Lexicon
    lead_end: int                   # end of the lead (the first body paragraphs)
    debris_start: int               # start of trailing debris (comments, related articles)
    breaks: tuple[int, ...]         # offsets of the newlines, for line lookups by bisection

    @classmethod
    def of(cls, text: str, low: str, lex: _Lexicon) -> _Context:
        section = lex.debris_section.search(low)
        lead_end, count, pos = len(text), 0, 0
        for line in low.splitlines(keepends=True):
            pos += len(line)
            if len(line.split()) >= LEAD_WORDS and not _is_debris_line(line, lex):
                count += 1
                if count == LEAD_PARAGRAPHS:
                    lead_end = pos
                    break
        breaks = tuple(m.start() for m in NEWLINE.finditer(text))
        return cls(text, low, lex, lead_end, section.start() if section else len(text), breaks)

    def line(self, i: int) -> tuple[int, int]:
        k = bisect.bisect_left(self.breaks, i)
        return self.breaks[k - 1] + 1 if k else 0, self.breaks[k] if k < len(self.breaks) else len(self.text)

    def window(self, start: int, end: int) -> tuple[int, int, bool]:
        """The line around [start, end), cut to LINE_WINDOW characters each side; True if it was cut
        (a line that long is a paragraph, not a date line: its words need not be read)."""
        ls, le = self.line(start)
        ws, we = max(ls, start - LINE_WINDOW), min(le, end + LINE_WINDOW)
        return ws, we, (ws, we) != (ls, le)


def _is_debris_line(line: str, lex: _Lexicon, start: int = 0, end: int | None = None) -> bool:
    end = len(line) if end is None else end
    return bool(lex.debris_line.match(line, start, end) or BULLET_LINE.match(line, start, end))


def _is_publication(r: _Raw, ctx: _Context) -> bool:
    ls, le, cut = ctx.window(r.start, r.end)
    before, after = ctx.low[ls:r.start], ctx.low[r.end:le]
    if ctx.lex.publication_before.search(before[-50:]) or CLOCK_AFTER.match(after):
        return True
    if cut:
        return False
    if DATELINE.fullmatch(ctx.text[ls:r.start]) and DASH_AFTER.match(after):
        return True                                        # "Ternate, 12 Maret 2024 – ..."
    rest = TIME.sub(" ", before + " " + after)               # a date alone on its line (not "(6/7)")
    alone = len(WORD.findall(rest)) <= 2 and not ctx.lex.event_verb.search(rest)
    return alone and "(" not in ctx.text[r.start:r.end]


def _fixed_role(r: _Raw, ctx: _Context) -> str | None:
    """"publication" or "other" from the context; None when the date may be the event date."""
    ls, le = ctx.line(r.start)
    lex, low = ctx.lex, ctx.low
    if (r.value is None or r.kind in ("month", "week") or r.start >= ctx.debris_start
            or _is_debris_line(low, lex, ls, le)):
        return "other"
    if not r.relative and r.source == "grammar" and _is_publication(r, ctx):
        return "publication"
    if (lex.other_before.search(low, max(ls, r.start - 30), r.start) or lex.other_after.match(low, r.end, le)
            or (r.wd is None and lex.regulation_before.search(low, max(ls, r.start - 70), r.start))):
        return "other"
    return None


def _score(r: _Raw, ctx: _Context) -> int:
    low, lo = ctx.low, max(0, r.start - 200)
    cut = max(low.rfind(". ", lo, r.start), low.rfind("\n", lo, r.start), lo - 1)
    before = low[cut + 1:r.start]
    after = re.split(r"[.\n]", low[r.end:r.end + 40], maxsplit=1)[0]
    score = 3 if r.wd is not None else 0
    score += 2 if ctx.lex.event_verb.search(before) or ctx.lex.event_verb.search(after) else 0
    score += 1 if ctx.lex.date_intro.search(before) else 0
    score += 2 if r.start < ctx.lead_end else 0
    score -= 2 if ctx.lex.future_before.search(before) else 0
    return score - (1 if r.relative else 0)


def _choose_event(raws: list[_Raw], ctx: _Context) -> None:
    scored = [(_score(r, ctx), -r.start, r) for r in raws if r.role is None]
    if scored:
        score, _, best = max(scored, key=lambda t: t[:2])
        if score >= EVENT_MIN_SCORE:
            best.role = "event"
    for r in raws:
        r.role = r.role or "other"


def _as_date(published: object) -> dt.date | None:
    if isinstance(published, dt.datetime):
        return published.date()
    if published is None or isinstance(published, dt.date):
        return published
    raise DatesError(f"published must be a datetime.date, a datetime.datetime or None, "
                     f"got {type(published).__name__}: {published!r}")


def _freeze(r: _Raw, text: str) -> DateMention:
    mismatch = r.wd is not None and r.value is not None and not r.relative and r.value.weekday() != r.wd
    return DateMention(r.start, r.end, text[r.start:r.end], r.value, r.end_value, r.role or "other",
                       r.wd_text, mismatch, r.year_inferred, r.relative, r.source)


def find_dates(text: str, published: dt.date | None = None) -> list[DateMention]:
    """All dates in ``text`` in text order, each with a role; at most one has role "event".

    ``published`` (the page's publication date) resolves relative dates and missing years; without it
    a publication date stated in the text is used. No dateparser here: as a fallback it gained nothing
    on the devset at half the speed (bench/dates_vs_dateparser.py measures it).
    """
    if not isinstance(text, str):
        raise DatesError(f"text must be a str, got {type(text).__name__}")
    published, lex, low = _as_date(published), lexicon(), _lower(text)
    raws, years = _grammar(text, low, lex)
    _infer_years(raws, _year_hints(low, years), published)
    ctx = _Context.of(text, low, lex)
    for r in raws:
        r.role = _fixed_role(r, ctx)
    ref = published or next((r.value for r in raws if r.role == "publication" and r.value), None)
    extra = _relative(text, low, lex, ref, raws) if ref and YEAR_MIN < ref.year < YEAR_MAX else []
    for r in extra:
        r.role = _fixed_role(r, ctx)
    raws = [r for r in raws + extra if all(v is None or YEAR_MIN <= v.year <= YEAR_MAX
                                           for v in (r.value, r.end_value))]
    _choose_event(raws, ctx)
    return [_freeze(r, text) for r in sorted(raws, key=lambda r: (r.start, r.end))]


def event_date(mentions: Sequence[DateMention]) -> DateMention | None:
    """The mention with role "event", or None when the text states no event date."""
    return next((m for m in mentions if m.role == "event"), None)
