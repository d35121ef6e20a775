"""find_places: hand-built sentences in the style of regional press releases (invented people)."""
from __future__ import annotations

import pytest

from extractor.places import PlaceInputError, PlaceMention, find_places, nested_places


def spans(text: str) -> list[tuple[str, str, str | None, str]]:
    return [(m.text, m.kind, m.prefix, m.name) for m in find_places(text)]


@pytest.mark.parametrize("text, expected", [
    # admin words and their short forms
    ("Warga Kecamatan Klojen hadir dalam rapat.", [("Kecamatan Klojen", "region", "Kecamatan", "Klojen")]),
    ("Forum warga Kec. Lowokwaru digelar hari ini.", [("Kec. Lowokwaru", "region", "Kecamatan", "Lowokwaru")]),
    ("Nelayan itu pulang ke Kab. Pangkep, Sulawesi Selatan.",
     [("Kab. Pangkep", "region", "Kabupaten", "Pangkep"), ("Sulawesi Selatan", "region", None, "Sulawesi Selatan")]),
    ("Dinas Sosial Prov Kaltim menerima laporan.", [("Prov Kaltim", "region", "Provinsi", "Kaltim")]),
    ("Pengurus LKS kabupaten Garut dilantik.", [("kabupaten Garut", "region", "Kabupaten", "Garut")]),
    ("Longsor melanda Nagari Koto Baru pekan lalu.", [("Nagari Koto Baru", "region", "Nagari", "Koto Baru")]),
    # the name is cut to the longest known region name
    ("Sekda Kota Malang Budi Santoso membuka acara.", [("Kota Malang", "region", "Kota", "Malang")]),
    ("Desa Sukamaju Bagikan Beras Dana Desa Tahap Dua",
     [("Desa Sukamaju", "region", "Desa", "Sukamaju")]),
    ("Posyandu Mawar, Kelurahan Tanjung Uban Kota, Kecamatan Bintan Utara.",
     [("Posyandu Mawar", "venue", "Posyandu", "Posyandu Mawar"),
      ("Kelurahan Tanjung Uban Kota", "region", "Kelurahan", "Tanjung Uban Kota"),
      ("Kecamatan Bintan Utara", "region", "Kecamatan", "Bintan Utara")]),
    ("Warga Dusun Krajan Desa Sumberejo Kecamatan Kemranjen hadir.",
     [("Dusun Krajan", "geo", "Dusun", "Krajan"), ("Desa Sumberejo", "region", "Desa", "Sumberejo"),
      ("Kecamatan Kemranjen", "region", "Kecamatan", "Kemranjen")]),
    ("Bantuan dibagikan di Kecamatan Sokaraja dan Kemranjen.",
     [("Kecamatan Sokaraja", "region", "Kecamatan", "Sokaraja"), ("Kemranjen", "region", "Kecamatan", "Kemranjen")]),
    # offices and agencies name the place after them: the mention covers the place part
    ("Bupati Klaten membuka acara itu.", [("Klaten", "region", "Kabupaten", "Klaten")]),
    ("Camat Klojen menyampaikan sambutan.", [("Klojen", "region", "Kecamatan", "Klojen")]),
    ("Kapolres Bengkalis AKBP Joko Susanto memimpin apel.", [("Bengkalis", "region", None, "Bengkalis")]),
    ("Gubernur Jawa Tengah meninjau lokasi.", [("Jawa Tengah", "region", "Provinsi", "Jawa Tengah")]),
    ("Program itu digulirkan Pemkab Lampung Selatan.",
     [("Lampung Selatan", "region", "Kabupaten", "Lampung Selatan")]),
    ("Pemerintah Kabupaten (Pemkab) Garut memberi bantuan.", [("Garut", "region", "Kabupaten", "Garut")]),
    ("Plt.Bupati Lamteng hadir.", [("Lamteng", "region", "Kabupaten", "Lamteng")]),
    # offices that hold the admin word keep it: the place is written "Kota Bekasi", "Desa Karangrau"
    ("Wakil Wali Kota Bekasi hadir.", [("Kota Bekasi", "region", "Kota", "Bekasi")]),
    ("Kepala Desa Karangrau, Wartono, mengatakan warga aman.", [("Desa Karangrau", "region", "Desa", "Karangrau")]),
    # bare province/regency names: only where the context says place
    ("Korban berada di Kudus Jawa Tengah.",
     [("Kudus", "region", None, "Kudus"), ("Jawa Tengah", "region", None, "Jawa Tengah")]),
    ("Kepala Dinas Sosial Sigi, Andi, menjelaskan.", [("Sigi", "region", None, "Sigi")]),
    ("BNNK Kebumen melayani 20 orang.", [("Kebumen", "region", None, "Kebumen")]),
    ("warga Sulsel di Kutai Barat, Kalimantan Timur",
     [("Sulsel", "region", None, "Sulsel"), ("Kutai Barat", "region", None, "Kutai Barat"),
      ("Kalimantan Timur", "region", None, "Kalimantan Timur")]),
    ("Camat Cibatu, Karo, mengatakan pengungsi aman, kata Karo.",
     [("Cibatu", "region", "Kecamatan", "Cibatu")]),
    ("Nasabah Bank Jateng dan pembaca Riau Pos hadir.", []),
    ("Kabupaten Sanggau, Kalimantan Brat menyalurkan bantuan.",
     [("Kabupaten Sanggau", "region", "Kabupaten", "Sanggau"), ("Kalimantan Brat", "region", None, "Kalimantan Brat")]),
    ("Ia pernah bekerja di Singapura dua tahun.", [("Singapura", "geo", None, "Singapura")]),
    ("Kegiatan digelar di Garut Plaza dan tempat lain.", [("Garut Plaza", "geo", None, "Garut Plaza")]),
    # venues
    ("Acara digelar di Hotel sri rejeki, Kamis (3/8/2023).",
     [("Hotel sri rejeki", "venue", "Hotel", "Hotel sri rejeki")]),
    ("Rapat berlangsung di aula Kantor Kecamatan Blimbing, Rabu.",
     [("Kantor Kecamatan Blimbing", "venue", "Kantor", "Kantor Kecamatan Blimbing")]),
    ("Rapat di Aula kantor Dinas Kesehatan kabupaten Garut.",
     [("Aula kantor Dinas Kesehatan kabupaten Garut", "venue", "Aula",
       "Aula kantor Dinas Kesehatan kabupaten Garut")]),
    ("Santunan di Masjid Agung Al Falah pada Jumat.",
     [("Masjid Agung Al Falah", "venue", "Masjid", "Masjid Agung Al Falah")]),
    ("Pembagian di Aula Kantor Kelurahan pada Rabu sore.",
     [("Aula Kantor Kelurahan", "venue", "Aula", "Aula Kantor Kelurahan")]),
    ("Siswa SMP Negeri 2 Cibatu ikut lomba.", [("SMP Negeri 2 Cibatu", "venue", "SMP", "SMP Negeri 2 Cibatu")]),
    ("Data dari Posyandu Balita dikumpulkan.", []),
    ("Pengurus Ikatan Masjid Nusantara hadir.", []),
    ("Wali Kota Ajak Posbindu Perluas Layanan Warga\nIsi berita.", []),
    ("Sebagian tinggal di gedung tersebut.", []),
    # streets and geographic names
    ("Kantor itu berada di Jl. Sudirman No. 5.", [("Jl. Sudirman", "street", "Jalan", "Jl. Sudirman")]),
    ("Bantuan diserahkan di Jalan Mawar RT 03, Kelurahan Klojen.",
     [("Jalan Mawar", "street", "Jalan", "Jalan Mawar"), ("Kelurahan Klojen", "region", "Kelurahan", "Klojen")]),
    ("Pasien menjalani rawat jalan di rumah.", []),
    ("Longsor terjadi di Kampung Cibodas Hilir.", [("Kampung Cibodas Hilir", "geo", "Kampung", "Cibodas Hilir")]),
    ("Lokasi wisata di Pulau Penyengat dan Gunung Merapi.",
     [("Pulau Penyengat", "geo", "Pulau", "Pulau Penyengat"), ("Gunung Merapi", "geo", "Gunung", "Gunung Merapi")]),
    ("Kegiatan di Hotel bumi asri, Gunung putri, Rabu.",
     [("Hotel bumi asri", "venue", "Hotel", "Hotel bumi asri"), ("Gunung putri", "geo", "Gunung", "Gunung putri")]),
    ("Polsek Bukit Raya Berbagi digelar lagi.", [("Bukit Raya", "region", "Kecamatan", "Bukit Raya")]),
    # datelines
    ("SUMEDANG - Warga mengungsi.", [("SUMEDANG", "region", None, "SUMEDANG")]),
    ("KORANKU.ID, SUMEDANG - Warga mengungsi.", [("SUMEDANG", "region", None, "SUMEDANG")]),
    ("GARUT-JABAR, Kabarku.id – Warga mengungsi.",
     [("GARUT", "region", None, "GARUT"), ("JABAR", "region", None, "JABAR")]),
    ("Sukamakmur Indah, koranku.com – Warga berkumpul.",
     [("Sukamakmur Indah", "region", None, "Sukamakmur Indah")]),
    ("Bantuan diberikan s/d sd akhir bulan.", []),
])
def test_find_places(text: str, expected: list[tuple[str, str, str | None, str]]) -> None:
    assert spans(text) == expected


@pytest.mark.parametrize("text", [
    "Bupati Klaten dan Camat Klojen meninjau Desa Sukamaju di Jl. Merdeka, Kamis.",
    "KOTA BEKASI (KORANKU) – Wakil Wali Kota Bekasi hadir di Masjid Raya Bekasi.",
    "Baca juga: Banjir di Kota Bogor\n\nWarga Kelurahan Klojen, Kecamatan Klojen, Kota Malang.",
])
def test_offsets_point_into_the_text(text: str) -> None:
    found = find_places(text)
    assert found
    assert all(text[m.start:m.end] == m.text for m in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


@pytest.mark.parametrize("venue, expected", [
    ("Aula Kantor Dinas Sosial Kabupaten Garut", [("Kabupaten Garut", "Kabupaten", "Garut")]),
    ("Rumah Dinas Bupati Klaten", [("Klaten", "Kabupaten", "Klaten")]),
    ("Hotel Melati Indah", []),
])
def test_nested_places(venue: str, expected: list[tuple[str, str, str]]) -> None:
    text = f"Rapat di {venue}."
    outer = next(m for m in find_places(text) if m.kind == "venue")
    inner = nested_places(outer)
    assert [(m.text, m.prefix, m.name) for m in inner] == expected
    assert all(text[m.start:m.end] == m.text for m in inner)


def test_mention_is_frozen() -> None:
    m = find_places("Warga Kecamatan Klojen hadir.")[0]
    assert isinstance(m, PlaceMention)
    with pytest.raises(AttributeError):
        m.start = 0  # type: ignore[misc]


def test_rejects_non_text() -> None:
    with pytest.raises(PlaceInputError, match="needs a str"):
        find_places(None)  # type: ignore[arg-type]


def test_an_organisation_head_word_after_di_is_not_a_place():
    from extractor.places import find_places

    assert [p.text for p in find_places("Para polwan yang ada di Ditsamapta juga berbagi. Warga datang ke Bambu Kuning.")] == \
        ["Bambu Kuning"]
