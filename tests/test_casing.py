"""casing: the rule stages read ALL-CAPS lines in title case, offsets unchanged."""
import pytest

from extractor.casing import rules_view


@pytest.mark.parametrize("text, expected", [
    ("BUPATI KENDAL SERAHKAN BANTUAN PKH DI KECAMATAN WELERI", "Bupati Kendal Serahkan Bantuan PKH di Kecamatan Weleri"),
    ("DINSOS KALTIM SALURKAN BANTUAN UNTUK KORBAN BANJIR", "Dinsos Kaltim Salurkan Bantuan untuk Korban Banjir"),
    ("Teks biasa dengan BPBD dan DPRD di dalamnya.", "Teks biasa dengan BPBD dan DPRD di dalamnya."),
    ("BPBD DAN TNI", "BPBD dan TNI"),
    ("PKH", "PKH"),                                   # too short to be a line in capitals
])
def test_caps_lines_are_title_cased(text, expected):
    view = rules_view(text)
    assert view == expected and len(view) == len(text)


def test_only_the_caps_lines_change():
    text = "WARGA DESA SUKAMAJU TERIMA BANTUAN\n\nWarga Desa Sukamaju menerima BLT, kata Kades."
    view = rules_view(text)
    assert view.split("\n\n")[1] == text.split("\n\n")[1] and view.startswith("Warga Desa Sukamaju Terima Bantuan")


def test_all_caps_headlines_give_the_people_and_places_of_their_title_case_form(nlp):
    body = ("\n\nKENDAL - Bupati Kendal Agus Wibowo menyerahkan bantuan kepada warga Desa Sukamaju, "
            "Kecamatan Weleri, Senin (2/1/2023).")
    title_case = nlp.extract("Bupati Kendal Agus Wibowo Serahkan Bantuan di Kecamatan Weleri" + body)
    caps = nlp.extract("BUPATI KENDAL AGUS WIBOWO SERAHKAN BANTUAN DI KECAMATAN WELERI" + body)
    assert [p.name for p in caps.people] == [p.name for p in title_case.people] == ["Agus Wibowo"]
    assert [p.text.lower() for p in caps.places] == [p.text.lower() for p in title_case.places]
    assert [r.code for r in caps.regions] == [r.code for r in title_case.regions]
    m = caps.places[0].mentions[0]
    assert caps.headline.text[m.start:m.end].isupper()          # the evidence is the text as written
