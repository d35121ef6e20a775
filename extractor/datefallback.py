"""The dates stage's fallback: dateparser for what the grammar in ``dates.py`` does not cover.

Called only when the grammar finds no event date, and only on the sentences that still hold a date
word (a month or weekday name, "tanggal") that no grammar mention consumed, so it costs nothing on
the usual release. dateparser always runs with ``languages=["id"]``, day-first order, dates from the
past preferred and the publication date as the base for relative expressions; without a publication
date it must find day, month and year in the text (so today's date never fills a gap).
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
import warnings
from collections.abc import Sequence

from .dates import YEAR_MAX, YEAR_MIN, DateMention, lexicon

_SENTENCE = re.compile(r"[^\n.!?]+")
MAX_SENTENCES = 10  # dateparser is slow: a text full of date words must not take it sentence by sentence
WINDOW = 60         # characters either side of the date word that dateparser reads (a "sentence" of
#                     a text without full stops can be the whole text)
_DIGIT = re.compile(r"\d")
_NUMBERS = re.compile(r"\d+")


def _year_written(phrase: str, year: int) -> bool:
    """The phrase writes the year (four digits, or two as its last number: "6/7/22")."""
    numbers = _NUMBERS.findall(phrase)
    return str(year) in numbers or (bool(numbers) and len(numbers[-1]) == 2 and len(numbers) >= 3
                                    and int(numbers[-1]) == year % 100)


def _inside(pos: int, starts: list[int], ordered: Sequence[DateMention]) -> bool:
    """Whether ``pos`` falls inside a mention (``ordered`` by start, ``starts`` their starts)."""
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and ordered[i].start <= pos < ordered[i].end


def settings(published: dt.date | None) -> dict:
    base = {"DATE_ORDER": "DMY", "PREFER_DATES_FROM": "past"}
    if published is None:
        return {**base, "REQUIRE_PARTS": ["day", "month", "year"]}
    return {**base, "REQUIRE_PARTS": ["day", "month"],
            "RELATIVE_BASE": dt.datetime.combine(published, dt.time(12))}


def _window(text: str, a: int, b: int, s: int, e: int) -> tuple[int, int]:
    """At most WINDOW characters either side of [a, b) inside the sentence [s, e), cut at spaces."""
    lo, hi = max(s, a - WINDOW), min(e, b + WINDOW)
    if lo > s:
        lo = text.find(" ", lo, a) + 1 or a
    if hi < e:
        sp = text.rfind(" ", b, hi)
        hi = sp if sp >= 0 else b
    return lo, hi


def fallback_event(text: str, mentions: Sequence[DateMention], published: dt.date | None = None) -> DateMention | None:
    """The first full date dateparser finds in a sentence with an unconsumed date word, as an event."""
    cue = lexicon().cue_words
    low = text.lower()
    ordered = sorted(mentions, key=lambda m: m.start)
    starts = [m.start for m in ordered]
    tried = 0
    for sent in _SENTENCE.finditer(text):
        if tried >= MAX_SENTENCES:
            break
        s, e = sent.span()
        word = next((c for c in cue.finditer(low, s, e) if not _inside(c.start(), starts, ordered)), None)
        if word is None:
            continue
        tried += 1
        s, e = _window(text, word.start(), word.end(), s, e)
        from dateparser.search import search_dates

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # dateparser's own deprecation noise
            found = search_dates(text[s:e], languages=["id"], settings=settings(published)) or []
        for phrase, when in found:
            if not (_DIGIT.search(phrase) and cue.search(phrase.lower())):
                continue
            at = text.find(phrase, s, e)
            if at < 0 or not YEAR_MIN <= when.year <= YEAR_MAX:
                continue
            if published is None and not _year_written(phrase, when.year):
                continue                # dateparser filled the year from today's date: not reproducible
            return DateMention(start=at, end=at + len(phrase), text=phrase, value=when.date(), end_value=None,
                               role="event", weekday=None, weekday_mismatch=False, year_inferred=False,
                               relative=False, source="dateparser")
    return None
