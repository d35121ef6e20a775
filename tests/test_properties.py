"""Property tests (hypothesis) for what tests/test_clean.py and tests/test_dates.py do not cover yet.

Cleaning: every span it reports (arbitrary clean spans through ``to_original``, headline, dateline,
byline, removed debris) lies inside the original, and cleaning is idempotent on hostile alphabets
(long runs without spaces, symbol runs, controls, bidi marks, entities, many short lines). Dates:
on date-dense noise with publication dates at the edges of the range, offsets are valid, values stay
in 1900..2100 and at most one date is the event; the bisection helpers agree with the plain scans
they replaced. Names: ``parse_name`` raises nothing but ``NameParseError`` and returns a name,
honorifics and degrees written in its input; ``scan_name`` and ``name_runs`` give spans inside the text.
"""
from __future__ import annotations

import datetime as dt

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings, strategies as st  # noqa: E402

from extractor.clean import clean  # noqa: E402
from extractor.dates import YEAR_MAX, YEAR_MIN, _Raw, _starts_by_year, _Taken, _years_by_distance, find_dates  # noqa: E402
from extractor.names import NameParseError, name_runs, parse_name, scan_name  # noqa: E402

SETTINGS = settings(max_examples=200, deadline=None)

HOSTILE = ["(", ")", "[", "](", "<b ", "</p>", "**", "&amp;", "&#x41;", "&nbsp;", "!", "?", "...", "-", "\u2014", "'",
           '"', "\u201c", "\u201d", "#", "_", "/", "\\", "|", "\u200f", "\u202e", "\u061c", "\u200b", "\x00", "\x07",
           "\x1b", "\x7f", "\t", " ", "  ", "\n", "\n\n", "\r\n", "\r", "\u2028", "\U0001F600", "\U0001F1EE\U0001F1E9",
           "e\u0301", "\u0301", "\ua9a7\ua9b8", "\u0628\u0648", "\u5e03", "\u0130", "\u00df", "A", "Bupati", "Sintang",
           "Sintang - ", "Foto: ", "Baca juga: ", "(ant)", "Senin (6/3/2023)", "H. Budi Santoso, S.Sos.",
           "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "!?!?!?!?!?!?!?!?!?!?", "x" * 70]
HOSTILE_TEXT = st.lists(st.sampled_from(HOSTILE) | st.text(max_size=5), max_size=120).map("".join)


@SETTINGS
@given(HOSTILE_TEXT, st.data())
def test_clean_spans_inside_the_original(text, data):
    c = clean(text)
    n, m = len(c.text), len(text)
    a = data.draw(st.integers(0, n))
    b = data.draw(st.integers(a, n))
    s, e = c.to_original(a, b)
    assert 0 <= s <= e <= m
    if c.headline_span:
        assert 0 <= c.headline_span[0] <= c.headline_span[1] <= m
    if c.dateline:
        d = c.dateline
        assert text[d.start:d.end] == d.raw and 0 <= d.start <= d.end <= m
        if d.place is not None:
            assert text[d.place_start:d.place_end] == d.place
    for s, e, t in c.byline:
        assert text[s:e] == t
    assert all(0 <= r.start <= r.end <= m for r in c.removed)


@SETTINGS
@given(HOSTILE_TEXT)
def test_clean_idempotent_on_hostile_text(text):
    once = clean(text).text
    assert clean(once).text == once


DATE_NOISE = ["Senin", "Selasa", "Jumat", "Minggu", "lalu", "depan", "kemarin", "besok", "pekan lalu", "(", ")", "/",
              "-", ".", ",", " ", "\n", "s.d.", "hingga", "Maret", "Des.", "2023", "1900", "2100", "1899", "2101",
              "31", "29", "2", "12", "0", "tanggal", "pukul 10.00 WIB", "Tahun Anggaran", "Nomor 5 Tahun",
              "Senin (6/3/2023)", "6 Maret 2023", "30 Desember - 2 Januari", "Juli 2022", "29/2/2100"]
EDGE_DATES = st.sampled_from([dt.date(1900, 1, 1), dt.date(1900, 1, 7), dt.date(2100, 12, 31), dt.date(2100, 12, 25)])
PUBLISHED = st.none() | EDGE_DATES | st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))


@SETTINGS
@given(st.lists(st.sampled_from(DATE_NOISE), max_size=200).map("".join), PUBLISHED)
def test_dates_on_dense_noise_are_sound(text, published):
    found = find_dates(text, published)
    for m in found:
        assert 0 <= m.start < m.end <= len(text) and text[m.start:m.end] == m.text
        assert all(v is None or YEAR_MIN <= v.year <= YEAR_MAX for v in (m.value, m.end_value))
    assert sum(m.role == "event" for m in found) <= 1
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))          # no overlaps


@SETTINGS
@given(st.lists(st.tuples(st.integers(0, 2000), st.integers(1900, 1905)), max_size=40), st.integers(0, 2000))
def test_years_by_distance_is_the_plain_ranking(spots, pos):
    full = [_Raw(s, s + 1, "day", y=y) for s, y in sorted(dict(spots).items())]
    plain = list(dict.fromkeys(f.y for f in sorted(full, key=lambda f: abs(f.start - pos))))
    assert _years_by_distance(_starts_by_year(full), pos) == plain


@SETTINGS
@given(st.lists(st.tuples(st.integers(0, 300), st.integers(1, 20)), max_size=30), st.integers(0, 320),
       st.integers(0, 20))
def test_taken_overlap_is_the_plain_test(spans, start, length):
    raws, taken = [], _Taken()
    for s, n in spans:                        # keep the non-overlapping ones, as the grammar does
        if not any(s < r.end and r.start < s + n for r in raws):
            raws.append(_Raw(s, s + n, "day"))
            taken.add(s, s + n)
    end = start + length
    assert taken.overlaps(start, end) == any(start < r.end and r.start < end for r in raws)


NAME_PARTS = ["H.", "Hj.", "Dr.", "dr.", "Prof.", "Ir", "KH", "AKBP", "S.Sos.", "M.Si.", "S.H.", "MM", ",", ".", " ",
              "  ", "\t", "\n", "\u00a0", "Budi", "santoso", "Made", "I", "bin", "van", "(", ")", "-", "'", "e\u0301",
              "\u0130", "\u00df", "\U0001F600", "Kepala Dinas", "Bupati", "Kabupaten Sintang"]
NAME_TEXT = st.one_of(st.text(max_size=60), st.lists(st.sampled_from(NAME_PARTS) | st.text(max_size=3),
                                                     max_size=20).map("".join))


@SETTINGS
@given(NAME_TEXT)
def test_parse_name_raises_only_its_error_and_names_what_is_written(written):
    try:
        p = parse_name(written)
    except NameParseError:
        return
    flat = " ".join(written.split())
    assert p.name and p.name in flat
    assert all(h in flat for h in p.honorifics) and all(d in flat for d in p.degrees)


@SETTINGS
@given(NAME_TEXT, st.data())
def test_scan_name_and_name_runs_stay_inside_the_text(text, data):
    pos = data.draw(st.integers(0, len(text)))
    span = scan_name(text, pos)
    if span is not None:
        assert pos == span.start <= span.name_start < span.name_end <= span.end <= len(text)
    for r in name_runs(text, [], lambda words: False):
        assert 0 <= r.start <= r.name_start < r.name_end <= r.end <= len(text)
