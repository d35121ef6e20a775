"""resolve_regions: place mentions -> Kemendagri codes, on hand-built sentences (invented people)."""
from __future__ import annotations

import pytest

from extractor.places import PlaceMention, find_places
from extractor.regions import Region, codes_for, name_levels, normalize_name, resolve_regions


def codes(text: str, dateline: str | None = None) -> list[str]:
    regions, _ = resolve_regions(find_places(text), dateline)
    return [r.code for r in regions]


@pytest.mark.parametrize("text, dateline, expected", [
    # districts and villages are looked up inside the regency the text names
    ("Warga Teluk Sebong, Kabupaten Bintan, menerima bantuan.", None, ["21.01.10", "21.01"]),
    ("Wali Kota Pekanbaru meninjau Kelurahan Sukajadi, Kecamatan Sukajadi.", None,
     ["14.71", "14.71.01.1007", "14.71.01"]),
    ("Desa Karangrau, Kecamatan Sokaraja, Kabupaten Banyumas.", None, ["33.02.19.2018", "33.02.19", "33.02"]),
    ("Warga Desa Karangrau di Kabupaten Banyumas.", None, ["33.02"]),  # two villages of that name there
    ("Bantuan untuk Kecamatan Cibatu.", "GARUT", ["32.05.12"]),  # the dateline picks Garut
    ("Bantuan untuk Kecamatan Cibatu.", None, []),  # Garut or Purwakarta: no code
    # regencies and cities
    ("Bupati Klaten membuka acara.", None, ["33.10"]),
    ("Wali Kota Bogor hadir.", None, ["32.71"]),
    ("Pemerintah Kabupaten Bogor hadir.", None, ["32.01"]),
    ("Rapat di Bogor berlangsung lancar.", None, []),  # Kota or Kabupaten Bogor: nothing says which
    ("Wali Kota Bogor menyapa warga di Bogor.", None, ["32.71"]),
    ("Santunan di Kecamatan Coblong, Bandung.", None, ["32.73.02", "32.73"]),  # the district says Kota
    ("Kegiatan di Kota Gajah.", None, ["18.02.23"]),  # a district, not a city
    ("Pasien dirujuk ke RSUD Kota Bogor.", None, ["32.71"]),  # a region inside a venue name
    # short forms and provinces
    ("Bupati Lamteng menyerahkan bantuan.", None, ["18.02"]),
    ("Nelayan asal Kab. Pangkep, Sulawesi Selatan.", None, ["73.10", "73"]),
    ("Gubernur Jabar meninjau lokasi.", None, ["32"]),
    ("Dinas Sosial Provinsi Jawa Tengah hadir.", None, ["33"]),
    # a one-letter-off province is read only when a region inside it is named
    ("Kabupaten Sanggau, Kalimantan Brat menyalurkan bantuan.", None, ["61.03", "61"]),
    # a place named only by the dateline is context, not a region of the event
    ("MAJENE - Dinas Sosial Provinsi Sulawesi Barat bekerja.", "MAJENE", ["76"]),
    ("MAJENE - Bupati Majene bekerja.", "MAJENE", ["76.05"]),
    # bare district names count only inside a region the text names
    ("KLOJEN - Warga berkumpul.", None, []),
    # issue 12 classes: villages named bare ("di X", "masyarakat X") inside a region the text names,
    # a village whose name starts with a head word, a village after a village officer, districts
    # Kemendagri names "Kota X"; an island is never a village of its name
    ("Bantuan dibagikan di Sikumana dan di Oeba, Kota Kupang.", None, ["53.71.02.1008", "53.71.06.1007", "53.71"]),
    ("Rumah warga di Kelurahan Kota Kulon, Kecamatan Garut Kota rusak.", None, ["32.05.01.1001", "32.05.01"]),
    ("Bupati menyapa masyarakat Pohgading Timur, Kecamatan Pringgabaya.", None, ["52.03.08.2009", "52.03.08"]),
    ("Paket diserahkan Bhabinkamtibmas Pemecutan Kaja di Kota Denpasar.", None, ["51.71.04.2005", "51.71"]),
    ("Rapat di Kecamatan Kisaran Timur, Kabupaten Asahan.", None, ["12.09.20", "12.09"]),
    ("Nelayan dari Madura bekerja di Kabupaten Cilacap.", None, ["33.01"]),
    ("Bantuan dibagikan di Sikumana.", None, []),   # no region named around it
    # the known places of a list after "dari"; a district rather than its village of the same name
    ("Mereka ada yang dari Muntok, Koba dan Sungailiat, Provinsi Kepulauan Bangka Belitung.", None,
     ["19.04.01", "19.01.01", "19"]),
    # "Pemda X" names its regency; Benteng is the usual short form of Bengkulu Tengah
    ("Bantuan disalurkan Pemda Benteng kepada warga di Kabupaten Benteng.", None, ["17.09"]),
])

def test_resolve_codes(text: str, dateline: str | None, expected: list[str]) -> None:
    assert codes(text, dateline) == expected


@pytest.mark.parametrize("text, needle", [
    ("Rapat di Bogor berlangsung lancar.", "Kota Bogor (32.71)"),
    ("Bantuan untuk Kecamatan Cibatu.", "Cibatu (32.14.14)"),
    ("Warga Desa Karangrau di Kabupaten Banyumas.", "Karangrau (33.02.19.2018)"),
    ("Kabupaten Sanggau, Kalimantan Brat menyalurkan bantuan.", "as Kalimantan Barat (61)"),
    ("Warga Kota Bintan berkumpul.", "no region 'Kota Bintan' at level 2"),  # Bintan is a kabupaten
])
def test_warnings_name_the_candidates(text: str, needle: str) -> None:
    _, warnings = resolve_regions(find_places(text))
    assert any(needle in w for w in warnings), warnings


def test_region_fields_and_mentions() -> None:
    text = "Camat Teluk Sebong bertemu Bupati Bintan di Kecamatan Teluk Sebong."
    regions, warnings = resolve_regions(find_places(text))
    assert warnings == []
    by_code = {r.code: r for r in regions}
    district = by_code["21.01.10"]
    assert district == Region("21.01.10", "Teluk Sebong", 3, "kecamatan",
                              "Teluk Sebong, Kabupaten Bintan, Kepulauan Riau", district.mentions)
    assert [m[2] for m in district.mentions] == ["Teluk Sebong", "Kecamatan Teluk Sebong"]
    assert all(text[s:e] == t for r in regions for s, e, t in r.mentions)
    assert by_code["21.01"].type == "kabupaten"


def test_venues_and_streets_are_not_regions() -> None:
    places = [PlaceMention(0, 11, "Jalan Garut", "street", "Jalan", "Jalan Garut"),
              PlaceMention(12, 24, "Hotel Klaten", "venue", "Hotel", "Hotel Klaten")]
    assert resolve_regions(places) == ([], [])


@pytest.mark.parametrize("raw, expected", [
    ("Tojo Una-Una", "tojo una una"),
    ("Ra'as", "raas"),
    ("  KOTA  Malang ", "kota malang"),
    ("Pasi Kuala Ba’u", "pasi kuala bau"),
])
def test_normalize_name(raw: str, expected: str) -> None:
    assert normalize_name(raw) == expected


@pytest.mark.parametrize("name, levels", [
    ("Bintan", {2, 4}),     # the regency and a village
    ("Jawa Barat", {1}),
    ("Gunungsari", {3, 4}),  # also written "Gunung Sari"
    ("kalbar", {1}),         # an alias from region_aliases.tsv
    ("Kota Malang", set()),  # regencies and cities are indexed without "Kota"/"Kabupaten"
])
def test_name_levels(name: str, levels: set[int]) -> None:
    assert name_levels(name) == levels


def test_codes_for_regency_without_prefix() -> None:
    assert set(codes_for("Bandung")) >= {"32.04", "32.73"}


@pytest.mark.parametrize("name, code", [("Kep. Anambas", "21.05"), ("Tg. Pinang", "21.72"), ("kep sangihe", "71.03"),
                                        ("Kep. Riau", "21")])
def test_abbreviated_words_of_regency_and_province_names(name, code):
    assert code in codes_for(name)


def test_abbreviations_are_not_read_into_village_names():
    assert codes_for("Tanjung Harapan") and not codes_for("Tg. Harapan")   # villages keep their full spelling


def test_districts_named_kota_are_found_without_it() -> None:
    # Kemendagri names some districts "Kota <name>" (Kota Kisaran Timur, Asahan); releases write
    # "Kecamatan Kisaran Timur". The alias never shadows a regency or city of that name.
    assert "12.09.20" in codes_for("Kisaran Timur")
    assert all(c.count(".") != 2 for c in codes_for("Bengkulu"))


def test_regression_a_list_of_stop_words_after_dari_ends():
    # a capitalised stop word after a list separator once kept the list reader in place forever
    assert [p.text for p in find_places("Toko itu buka dari Rabu, Kamis dan Jumat, dari Senin, Selasa.")] == []


def test_a_village_name_longer_than_the_table_has_is_kept_whole() -> None:
    # "Gading Rejo" is a known name (a district elsewhere), longer than the village "Gading"
    assert [p.text for p in find_places("Tokoh masyarakat Desa Gading Rejo dalam kesempatan itu hadir.")] == \
        ["Desa Gading Rejo"]
