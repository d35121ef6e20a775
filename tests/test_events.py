import pytest

from extractor.events import event_types, lead_of, taxonomy


@pytest.mark.parametrize("headline,text,expected", [
    ("Bupati Buka Bimtek Pengurus LKS", "Bupati membuka bimbingan teknis bagi pengurus.", "training"),
    ("Wali Kota Lantik 12 Pejabat Eselon III", "Sebanyak 12 pejabat dilantik di aula.", "inauguration"),
    ("Dinsos Salurkan Bansos kepada 300 KPM", "Penyaluran bantuan sosial berlangsung lancar.", "aid_distribution"),
    ("Camat Buka Musrenbang Kecamatan", "Musrenbang digelar di kantor camat.", "musrenbang"),
    ("Gubernur Resmikan Gedung Baru RSUD", "Gubernur meresmikan gedung rawat inap.", "opening"),
    ("BNNK Rehabilitasi 20 Pecandu", "Mereka menjalani rehabilitasi rawat jalan.", "rehabilitation"),
    ("Dinsos Pulangkan Dua Korban TPPO", "Keduanya dipulangkan ke kampung halaman.", "repatriation"),
    (None, "Tim gabungan menggelar bakti sosial di desa terpencil.", "social_service"),
    ("Kapolres Tinjau Lokasi Longsor", "Kapolres meninjau lokasi longsor bersama camat.", "field_visit"),
])
def test_primary_type(headline, text, expected):
    assert event_types(headline, text)[0] == expected


def test_several_types_headline_first():
    got = event_types("Bupati Serahkan Bantuan Usai Pelantikan Pengurus",
                      "Bupati menyerahkan bantuan sembako setelah melantik pengurus forum.")
    assert got[:2] == ["aid_distribution", "inauguration"]


def test_cues_after_the_lead_do_not_count():
    text = "Bupati meninjau pasar.\n\nHarga stabil.\n\nPekan depan akan ada pelatihan pedagang."
    assert "training" not in event_types(None, text)
    assert lead_of(text) == "Bupati meninjau pasar.\n\nHarga stabil."


def test_no_cue_no_type():
    assert event_types("Harga Cabai Turun", "Harga cabai di pasar turun dua ribu rupiah.") == []


def test_taxonomy_keys_unique_and_documented():
    keys = [t.key for t in taxonomy()]
    assert len(keys) == len(set(keys)) >= 12 and all(t.label for t in taxonomy())


def test_raids_have_their_type():
    assert event_types("Satpol PP Jaring 12 Pengamen", "Petugas menggelar razia di perempatan.")[0] == "enforcement_raid"
