"""Tests for extractor.welfare: welfare-problem terms and the UU 11/2009 art. 5(2) categories.

All texts are invented for these tests (people and events are fictitious; region names are real).
"""
from __future__ import annotations

import re
import time

import pytest

from extractor import welfare
from extractor.welfare import (CATEGORIES, WelfareDataError, WelfareError, WelfareTerm, categories_of,
                               find_welfare)


def cats(text: str, exclude=()) -> list[str]:
    return categories_of(find_welfare(text, exclude))


def texts(text: str, exclude=()) -> list[str]:
    return [t.text for t in find_welfare(text, exclude)]


# ------------------------------------------------------------------ the seven law words + variants
@pytest.mark.parametrize("text, expected", [
    ("Angka kemiskinan di Kabupaten Garut turun.", ["kemiskinan"]),
    ("Dinsos menangani ketelantaran warga lanjut usia.", ["ketelantaran"]),
    ("Kasus keterlantaran meningkat tahun ini.", ["ketelantaran"]),
    ("Bayi itu ditelantarkan orang tuanya.", ["ketelantaran"]),
    ("Seorang ibu ditemukan terlantar di terminal.", ["ketelantaran"]),
    ("Pendataan kecacatan dilakukan per desa.", ["kecacatan"]),
    ("Kriteria kedisabilitasan ditetapkan menteri.", ["kecacatan"]),
    ("Bantuan kursi roda bagi difabel di Sleman.", ["kecacatan"]),
    ("Pelatihan kerja untuk penyandang cacat fisik.", ["kecacatan"]),
    ("Program ini menjangkau wilayah dengan keterpencilan tinggi.", ["keterpencilan"]),
    ("Penanganan ketunaan sosial menjadi prioritas.", ["ketunaan_sosial"]),
    ("Rapat membahas ketunasosialan di perkotaan.", ["ketunaan_sosial"]),
    ("Pembinaan tuna sosial di panti dilanjutkan.", ["ketunaan_sosial"]),
    ("Bantuan disalurkan kepada korban bencana alam.", ["korban_bencana"]),
    ("Pendampingan bagi korban tindak kekerasan.", ["korban_kekerasan"]),
])
def test_law_words_and_variants(text, expected):
    assert cats(text) == expected


# ------------------------------------------------------------------ PMKS types and release wording
@pytest.mark.parametrize("text, expected_terms, expected_cats", [
    ("Dinsos mendata anak telantar dan anak jalanan di Medan.", ["anak telantar", "anak jalanan"],
     ["ketelantaran"]),
    ("Razia anjal dan gepeng di perempatan Palembang.", ["anjal", "gepeng"],
     ["ketelantaran", "ketunaan_sosial"]),
    ("Petugas menjangkau lansia terlantar di pasar.", ["lansia terlantar"], ["ketelantaran"]),
    ("Bantuan untuk warga kurang mampu dan keluarga miskin.", ["warga kurang mampu", "keluarga miskin"],
     ["kemiskinan"]),
    ("Sebanyak 40 rumah tidak layak huni (RTLH) diperbaiki.", ["rumah tidak layak huni", "RTLH"],
     ["kemiskinan"]),
    ("Program Rutilahu menyasar fakir miskin.", ["Rutilahu", "fakir miskin"], ["kemiskinan"]),
    ("Penetapan lokasi Komunitas Adat Terpencil (KAT) di Halmahera.",
     ["Komunitas Adat Terpencil", "KAT"], ["keterpencilan"]),
    ("Satpol PP menjaring PSK dan pengemis.", ["PSK", "pengemis"], ["ketunaan_sosial"]),
    ("Tim menjangkau ODGJ terlantar di jalan.", ["ODGJ terlantar"], ["ketelantaran", "kecacatan"]),
    ("Pemulangan korban TPPO asal Kupang.", ["korban TPPO"], ["korban_kekerasan"]),
    ("Sosialisasi pencegahan KDRT dan perdagangan orang.", ["KDRT", "perdagangan orang"],
     ["korban_kekerasan"]),
    ("Pendampingan ODHA oleh relawan.", ["ODHA"], ["ketunaan_sosial"]),
    ("Warga korban banjir bandang mengungsi ke masjid.", ["korban banjir bandang", "mengungsi"],
     ["korban_bencana"]),
    ("Pemulangan PMI non-prosedural dari Johor.", ["PMI non-prosedural"], ["korban_kekerasan"]),
])
def test_pmks_types_and_release_wording(text, expected_terms, expected_cats):
    assert texts(text) == expected_terms
    assert cats(text) == expected_cats


# ------------------------------------------------------------------ decisions documented in the data
@pytest.mark.parametrize("text, expected", [
    ("Penertiban gelandangan di alun-alun.", ["ketunaan_sosial"]),           # GUIDELINES e, not b
    ("BNNK merehabilitasi pecandu narkoba.", ["ketunaan_sosial"]),           # GUIDELINES e, not g
    ("Operasi penertiban PGOT digelar pekan ini.", ["ketelantaran", "ketunaan_sosial"]),
    ("Data PMKS dan PPKS diperbarui setiap tahun.", []),                     # umbrella terms
    ("Pelantikan pengurus LKS, Karang Taruna, TKSK dan Tagana.", []),        # PSKS actors
    ("Santunan bagi anak yatim di masjid raya.", []),                        # orphans are not neglect
    ("Posyandu Lansia aktif setiap bulan.", []),                              # group, not a problem
    ("Ribuan PMI berangkat melalui jalur resmi.", []),                        # migrant, no problem
])
def test_mapping_decisions(text, expected):
    assert cats(text) == expected


# ------------------------------------------------------------------ names are not problems
@pytest.mark.parametrize("text", [
    "Kepala Badan Penanggulangan Bencana Daerah memimpin apel pagi.",
    "Kunjungan ke Balai Besar Rehabilitasi Sosial Penyandang Disabilitas Netra di Bekasi.",
    "Anggota Taruna Siaga Bencana mengikuti pelatihan.",
    "Pegawai Direktorat Pemberdayaan Komunitas Adat Terpencil hadir.",
    "Pengurus Panti Sosial Bina Lansia Terlantar Mulia berkumpul.",
])
def test_terms_inside_names_are_skipped(text):
    assert find_welfare(text) == []


def test_headline_verb_breaks_the_name():
    assert texts("Dinas Sosial Tangani Anak Telantar di Serang") == ["Anak Telantar"]


def test_exclude_spans_are_skipped():
    text = "Yayasan Peduli Anak Jalanan membantu anak jalanan di Bogor."
    name_end = text.index(" membantu")
    assert texts(text, exclude=[(0, name_end)]) == ["anak jalanan"]
    assert texts(text) == ["Anak Jalanan", "anak jalanan"]


# ------------------------------------------------------------------ passing, non-welfare senses
@pytest.mark.parametrize("text", [
    "Sekolah itu dinilai miskin inovasi.",
    "Kekalahan itu disebut bencana politik bagi partai.",
    "Pemerintah menata lahan terlantar di pinggir kota.",
    "Ratusan penumpang terlantar di bandara karena cuaca.",
    "Pelayanan publik diberikan tanpa diskriminasi.",
    "Eksploitasi sumber daya alam harus dibatasi.",
    "Toko roti itu banjir pesanan menjelang Lebaran.",
    "Rapat membahas mitigasi bencana dan kesiapsiagaan bencana.",
    "Siswa yang tidak mampu menjawab soal diberi waktu tambahan.",
    "Kasus penyalahgunaan wewenang diselidiki kejaksaan.",
    "Gedung baru itu ramah disabilitas.",
])
def test_passing_senses_do_not_count(text):
    assert find_welfare(text) == []


@pytest.mark.parametrize("text, expected", [
    ("Pengungsi korban gempa menempati tenda darurat.", ["korban_bencana"]),
    ("Pengungsi dari luar negeri ditampung di rumah detensi.", []),
    ("Warga terdampak longsor dievakuasi.", ["korban_bencana"]),
    ("Warga terdampak kenaikan harga beras mengeluh.", []),
    ("Mereka mulai merasa terasing di kota.", []),
    ("Suku di pedalaman itu masih hidup terasing.", ["keterpencilan"]),
])
def test_context_conditions(text, expected):
    assert cats(text) == expected


# ------------------------------------------------------------------ programme words need a poverty sense
@pytest.mark.parametrize("text, expected_terms", [
    ("Penyaluran bansos kepada KPM di Desa Sukamaju.", ["bansos"]),
    ("Pendamping PKH menyalurkan BPNT.", ["PKH", "BPNT"]),
    ("Bansos diberikan kepada anak yatim di Cilacap.", []),
    ("Bansos diberikan kepada warga miskin, terdata dalam DTKS.", ["warga miskin"]),
    ("Program Bedah Rumah Tidak Layak Huni bagi warga.", ["Rumah Tidak Layak Huni"]),
])
def test_programme_words(text, expected_terms):
    assert texts(text) == expected_terms


# ------------------------------------------------------------------ matching mechanics
@pytest.mark.parametrize("text, expected", [
    ("Rehabilitasi korban penyalahgunaan narkoba di klinik.", ["korban penyalahgunaan narkoba"]),
    ("Perlindungan korban eksploitasi dan perdagangan manusia.",
     ["korban eksploitasi dan perdagangan manusia"]),
    ("Pendataan anak-anak terlantar di Makassar.", ["anak-anak terlantar"]),
    ("Pembinaan tunanetra dan tuna rungu di panti.", ["tunanetra", "tuna rungu"]),
    ("Masih ada kat dan Kat di kalimat ini.", []),                            # acronyms are case-sensitive
])
def test_longest_match_variants_and_case(text, expected):
    assert texts(text) == expected


def test_term_fields_and_offsets():
    text = "Pemkab memperbaiki RTLH milik fakir miskin di Bantul."
    terms = find_welfare(text)
    assert [(t.canonical, t.source) for t in terms] == [
        ("Rumah Tidak Layak Huni", "UU 11/2009 5(2)a"), ("Fakir Miskin", "Permensos 08/2012 #24")]
    for t in terms:
        assert isinstance(t, WelfareTerm)
        assert text[t.start:t.end] == t.text
    assert [t.start for t in terms] == sorted(t.start for t in terms)


@pytest.mark.parametrize("terms, expected", [
    ([], []),
    ([WelfareTerm(0, 1, "x", "X", ("korban_kekerasan", "kemiskinan"), "s"),
      WelfareTerm(2, 3, "y", "Y", ("kemiskinan",), "s")], ["kemiskinan", "korban_kekerasan"]),
])
def test_categories_of_order_and_uniqueness(terms, expected):
    assert categories_of(terms) == expected


def test_non_str_input_is_rejected():
    with pytest.raises(WelfareError):
        find_welfare(None)  # type: ignore[arg-type]


# ------------------------------------------------------------------ data files
def test_data_rows_are_valid():
    primary, programme = welfare._lexicons()
    rows = primary.rows + programme.rows
    assert len(rows) > 100
    for row in rows:
        assert row.categories and set(row.categories) <= set(CATEGORIES)
        assert row.source.startswith(("UU 11/2009 5(2)", "Permensos 08/2012 #", "project: "))
    assert {c for r in rows for c in r.categories} == set(CATEGORIES)


@pytest.mark.parametrize("pattern", ["anak [telantar]", "anak (telantar", "{no_such_list}", "a$b"])
def test_bad_pattern_raises(pattern):
    with pytest.raises(WelfareDataError):
        welfare._translate(pattern, {}, "test")


def test_speed_on_a_long_release():
    para = ("Bupati meninjau lokasi banjir dan menyerahkan bantuan kepada warga kurang mampu, "
            "penyandang disabilitas serta anak telantar di kecamatan itu pada Senin pagi. ")
    text = para * (5000 // len(para) + 1)
    find_welfare(text)
    started = time.perf_counter()
    for _ in range(5):
        find_welfare(text)
    assert (time.perf_counter() - started) / 5 < 0.05


@pytest.mark.parametrize("text, expected", [
    ("Kepala desa jangan membedakan mana yang kaya atau miskin.", []),        # the two ends named in passing
    ("Bupati membagikan paket beras kepada 300 kaum dhuafa di kecamatan itu.", [("kaum dhuafa", "kemiskinan")]),
    ("Makanan dibagikan kepada warga yang tidak memiliki penghasilan tetap.",
     [("tidak memiliki penghasilan tetap", "kemiskinan")]),
])
def test_poverty_words_seen_on_unseen_releases(text, expected):
    assert [(w.text, w.categories[0]) for w in find_welfare(text)] == expected


# ------------------------------------------------------------------ the scan grouped by first letter
@pytest.mark.parametrize("regex, expected", [
    ("kemiskinan", {"k"}),
    ("(?:keluarga )?fakir miskin", {"k", "f"}),
    ("(?-i:KK) miskin", {"K"}),
    (r"[a-c]\w*", {"a", "b", "c"}),
    (r"\w+ miskin", None),          # any word character: not a short list
    ("(?:rentan )?", None),         # can match empty
])
def test_first_chars_of_a_pattern(regex, expected):
    assert welfare._first_chars(regex) == expected


def test_the_grouped_scan_finds_the_same_starts_as_the_plain_alternation():
    regexes = ["kemiskinan", "(?:keluarga )?fakir miskin", "(?-i:KK) miskin", r"\w+ terlantar", "miskin"]
    plain = re.compile(rf"(?<!\w)(?:{'|'.join(regexes)})(?!\w)", re.I)
    grouped = re.compile(rf"(?<!\w)(?:{welfare._by_first_char(regexes)})(?!\w)", re.I)
    text = ("Keluarga fakir miskin dan KK miskin, kk miskin, anak terlantar; KEMISKINAN turun, "
            "Fakir Miskin, ekskemiskinan, warga miskin.")

    def starts(rx):  # every place a match can start
        return [i for i in range(len(text)) if rx.match(text, i)]

    assert starts(grouped) == starts(plain) and len(starts(plain)) >= 6
