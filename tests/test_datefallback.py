import datetime as dt

from extractor.datefallback import _year_written, fallback_event, settings
from extractor.dates import find_dates


def fallback(text, published=None):
    return fallback_event(text, find_dates(text, published), published)


def test_fallback_reads_what_the_grammar_leaves():
    m = fallback("Acara digelar pada Juli 6, 2022 di aula kantor camat.")
    assert m is not None and m.value == dt.date(2022, 7, 6) and m.source == "dateparser"
    text = "Acara digelar pada Juli 6, 2022 di aula kantor camat."
    assert text[m.start:m.end] == m.text and m.role == "event"


def test_no_fallback_where_the_grammar_consumed_every_date_word():
    assert fallback("Rapat digelar Rabu (6/7/2022) di aula.") is None
    assert fallback("Harga beras naik lagi di pasar.") is None


def test_without_publication_date_no_part_comes_from_today():
    assert settings(None)["REQUIRE_PARTS"] == ["day", "month", "year"]
    assert fallback("Acara digelar pada Juli 6 di aula kantor camat.") is None
    base = settings(dt.date(2022, 7, 10))["RELATIVE_BASE"]
    assert base.date() == dt.date(2022, 7, 10)


def test_pipeline_uses_it_only_without_an_event_date(nlp):
    rec = nlp.extract("Bupati Natuna membuka rapat koordinasi pada Juli 6, 2022 di aula kantor bupati.")
    assert rec.event.date == "2022-07-06"
    assert [d.source for d in rec.dates if d.role == "event"] == ["dateparser"]
    rec = nlp.extract("Bupati Natuna membuka rapat koordinasi, Rabu (6/7/2022) di aula kantor bupati.")
    assert all(d.source == "grammar" for d in rec.dates)


def test_fallback_tries_a_bounded_number_of_sentences():
    from extractor import datefallback

    text = "Rapat pada hari Senin dan Selasa. " * 200 + "Acara digelar pada Juli 6, 2022 di aula."
    assert fallback(text) is None  # the date comes after MAX_SENTENCES sentences with date words
    shorter = "Rapat pada hari Senin dan Selasa. " * (datefallback.MAX_SENTENCES - 1) + \
        "Acara digelar pada Juli 6, 2022 di aula."
    assert fallback(shorter).value == dt.date(2022, 7, 6)


def test_fallback_reads_a_window_around_the_date_word_of_a_sentence_without_stops():
    from extractor import datefallback

    filler = "warga desa hadir " * 400
    hit = fallback(filler + "acara digelar Juli 6, 2022 di aula " + filler)
    assert hit is not None and hit.value == dt.date(2022, 7, 6) and hit.text.startswith("Juli")
    far = fallback("Juli " + "warga desa hadir " * 30 + "6, 2022 di aula")
    assert far is None  # "Juli" and its day and year are further apart than WINDOW


def test_without_a_publication_date_the_fallback_never_takes_the_year_from_today():
    from extractor.datefallback import fallback_event

    assert fallback_event("Warga berkumpul pada hari Rabu tanggal lima Februari di balai desa.", []) is None
    assert _year_written("Rabu, 5 Februari 2025", 2025) and _year_written("Rabu 5/2/25", 2025)
    assert not _year_written("Rabu 5 Februari", 2025)
