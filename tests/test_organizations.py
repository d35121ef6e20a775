"""Organisation mentions and their grouping, on short hand-written release sentences."""
from __future__ import annotations


import pytest

from extractor import organizations
from extractor.organizations import (
    OrganizationDataError,
    OrgMention,
    find_organizations,
    group_organizations,
)


def texts(text: str) -> list[str]:
    return [m.text for m in find_organizations(text)]


@pytest.mark.parametrize("text, expected", [
    # short forms from the lexicon, written as they are
    ("Bantuan logistik disalurkan BPBD bersama Dinsos dan Tagana.", ["BPBD", "Dinsos", "Tagana"]),
    ("Data dari BPS dan Bappeda menjadi acuan OPD terkait.", ["BPS", "Bappeda", "OPD"]),
    # unknown acronyms are not guessed
    ("Sebanyak 40 KPM menerima BLT dan bantuan RTLH di RT 03 pukul 09.00 WIB.", []),
    # head word, capitalised words with "dan" inside, and a region after the name
    ("Dinas Pemberdayaan Perempuan dan Perlindungan Anak Kabupaten Gresik menggelar sosialisasi.",
     ["Dinas Pemberdayaan Perempuan dan Perlindungan Anak Kabupaten Gresik"]),
    ("Bantuan datang dari Yayasan Harapan Kita dan PT Sinar Jaya Abadi kemarin.",
     ["Yayasan Harapan Kita", "PT Sinar Jaya Abadi"]),
    ("Rapat dihadiri Fraksi Partai Golkar dan Universitas Negeri Malang.",
     ["Fraksi Partai Golkar", "Universitas Negeri Malang"]),
    # a person's name after the region is not part of the organisation
    ("Kepala Dinas Sosial Kota Tegal Rahmat Hidayat mengatakan bantuan cair.",
     ["Dinas Sosial Kota Tegal"]),
    ("Kepala BPBD Andi mengatakan tenda sudah didirikan.", ["BPBD"]),
    # a bare place after a short form only when it is a known region or a region short form
    ("Petugas Dinsos Blora dan Polsek Sukajadi turun ke lokasi.", ["Dinsos Blora", "Polsek Sukajadi"]),
    ("Dinsos Kaltim menerima laporan dari Kemensos RI.", ["Dinsos Kaltim", "Kemensos RI"]),
    # regional governments and police units need a region or number after them
    ("Pemkab berharap bantuan tepat sasaran, kata petugas Polres.", []),
    ("Pemkab Sragen bersama Kodim 0725/Sragen dan Polres Sragen menyalurkan beras.",
     ["Pemkab Sragen", "Kodim 0725/Sragen", "Polres Sragen"]),
    ("Rencana Kerja Pemerintah Daerah (RKPD) Kabupaten Sragen dibahas.", []),
    # a capitalised head word before a lower-case name the lexicon knows
    ("Koordinasi dengan Dinas pendidikan berjalan baik.", ["Dinas pendidikan"]),
    ("Aturan disusun oleh kementerian keuangan tahun lalu.", ["kementerian keuangan"]),
    # a lower-case kind of institution counts only with its acronym in brackets
    ("Setiap lembaga kesejahteraan sosial wajib melapor.", []),
    ("Pengurus lembaga kesejahteraan sosial anak (LKSA) dilantik.",
     ["lembaga kesejahteraan sosial anak", "LKSA"]),
    # "Dinas" before an acronym that already says Dinas is dropped; otherwise kept
    ("Koordinasi dengan Dinas DP3A dan Dinas Kesbangpol dilakukan.", ["DP3A", "Dinas Kesbangpol"]),
    # venues: a hall or office named after an organisation is a place
    ("Acara digelar di Aula Setda Pemkot Tegal dan di Kantor Dinas Sosial.", []),
    ("Warga berkumpul di Balai Desa Sukamaju dan Balai Kalurahan Sumberejo.", []),
    # bracketed acronym: a region after the bracket makes one mention
    ("Badan Narkotika Nasional Kabupaten (BNNK) Purworejo memeriksa pasien.",
     ["Badan Narkotika Nasional Kabupaten (BNNK) Purworejo"]),
    ("Badan Amil Zakat Nasional (Baznas) menyalurkan zakat.", ["Badan Amil Zakat Nasional", "Baznas"]),
    # an unknown acronym introduced by its full name is known afterwards; a weak head needs it
    ("Gerakan Peduli Sungai (Gepsi) membersihkan kali. Relawan Gepsi berjumlah 50 orang.",
     ["Gerakan Peduli Sungai", "Gepsi", "Gepsi"]),
    ("Gerakan Menanam Pohon digelar serentak.", []),
    ("Komda (Komisi Daerah) Disabilitas Kabupaten Sleman dibentuk.",
     ["Komda (Komisi Daerah) Disabilitas Kabupaten Sleman"]),
    # headline lines: capitalised verbs do not extend a name
    ("Dinsos Klaten Salurkan Bantuan Sembako untuk Korban Banjir\nKLATEN - Bantuan tiba.", ["Dinsos Klaten"]),
    ("UPTD PPA Makassar Tangani Laporan Warga\nMAKASSAR - Petugas datang.", ["UPTD PPA Makassar"]),
    # related-article lines are debris
    ("Bantuan tiba.\nBaca juga: BNNP Jatim Gelar Razia di Surabaya\nSelesai.", []),
    ("Bantuan tiba.\n\nBerita Terkait:\nPemkab Bone Gelar Pasar Murah\nDinsos Sulsel Latih Pendamping\n\n"
     "Dinsos Bone hadir.", ["Dinsos Bone"]),
    ("Tagana Kabupaten Bogor siaga.\nTags: BPBD, Banjir", ["Tagana Kabupaten Bogor"]),
    # an organisation inside a person's title is still found (the caller drops it by offset)
    ("Wakil Bupati diwakili Asisten Pemerintahan Setda Karimun Rina Wati.", ["Setda Karimun"]),
    # issue 12: district and village governments, task forces, centres, police directorates
    ("Pemerintah Kecamatan Weleri menggelar musrenbang.", ["Pemerintah Kecamatan Weleri"]),
    ("Materi diberikan Tim Gugus Tugas TPPO dan Pusat Pelayanan Terpadu Kabupaten Kendal.",
     ["Tim Gugus Tugas TPPO", "Pusat Pelayanan Terpadu Kabupaten Kendal"]),
    ("Patroli digelar Ditsamapta Polda Jawa Tengah.", ["Ditsamapta Polda Jawa Tengah"]),
])
def test_find_organizations_texts(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Bantuan dari Dinsos Blora tiba.", ("Dinas Sosial Blora", "government")),
    ("Petugas Polresta Kendari berjaga.", ("Kepolisian Resor Kota Kendari", "police_military")),
    ("Ketua DPRD menerima aspirasi.", ("Dewan Perwakilan Rakyat Daerah", "legislature")),
    ("Relawan PKK membantu.", ("Pemberdayaan Kesejahteraan Keluarga", "ngo")),
    ("Koordinasi dengan Dinas pendidikan berjalan.", ("Dinas Pendidikan", "government")),
    ("Pemerintah Kabupaten (Pemkab) Karimun hadir.", ("Pemerintah Kabupaten Karimun", "government")),
    ("Pasien dirujuk ke Puskesmas Gamping.", ("Pusat Kesehatan Masyarakat Gamping", "health")),
    ("Bantuan dari PT Sinar Jaya Abadi tiba.", (None, "company")),
])
def test_canonical_and_kind(text: str, expected: tuple[str | None, str]) -> None:
    (mention,) = find_organizations(text)
    assert (mention.canonical, mention.kind) == expected


@pytest.mark.parametrize("text", [
    "Dinas Sosial (Dinsos) Kabupaten Sleman dan BPBD Sleman bersama Yayasan Cahaya Umat hadir.",
    "Kepala Dinsos P3A Bangkalan , Budi, hadir di Aula Setda.\nBaca juga: Polres Bangkalan Gelar Razia",
    "",
    "((( Dinas ))) Kantor ( BPBD ) Kemensos RI",
])
def test_offsets_match_text_and_do_not_overlap(text: str) -> None:
    mentions = find_organizations(text)
    for m in mentions:
        assert text[m.start:m.end] == m.text
        assert m.kind in organizations.KINDS
    assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:]))


@pytest.mark.parametrize("text, expected", [
    # full name with acronym, the acronym with a region, and the bare name: one organisation
    ("Dinas Sosial (Dinsos) Kabupaten Sleman membuka posko. Dinsos Sleman menyiapkan dapur umum. "
     "Dinas Sosial juga mendata warga.",
     [["Dinas Sosial Kabupaten Sleman", "Dinsos Sleman", "Dinas Sosial"]]),
    # the first-written form leads the group
    ("Dinsos Blora mendata lansia. Dinas Sosial Blora lalu menyalurkan bantuan.",
     [["Dinsos Blora", "Dinas Sosial Blora"]]),
    # a region short form matches the full region name; other regions stay apart
    ("Dinas Sosial Provinsi Kalimantan Timur bekerja sama dengan Dinsos Samarinda. Dinsos Kaltim memantau.",
     [["Dinas Sosial Provinsi Kalimantan Timur", "Dinsos Kaltim"], ["Dinsos Samarinda"]]),
    # the national body and its regency office are different organisations
    ("BNNK Magelang merujuk pasien ke balai milik BNN. BNN RI membiayai.",
     [["BNNK Magelang"], ["BNN", "BNN RI"]]),
    ("Pemerintah Kabupaten (Pemkab) Karimun dan Pemkab Karimun.", [["Pemerintah Kabupaten Karimun", "Pemkab Karimun"]]),
    ("Dinas Sosial Pemberdayaan Perempuan dan Perlindungan Anak (Dinsos P3A) Kabupaten Bangkalan membuka "
     "posko. Petugas Dinsos P3A Bangkalan berjaga.",
     [["Dinas Sosial Pemberdayaan Perempuan dan Perlindungan Anak Kabupaten Bangkalan", "Dinsos P3A Bangkalan"]]),
    ("Pemerintah Daerah Kabupaten Lampung Timur dan Pemkab Lampung Timur.",
     [["Pemerintah Daerah Kabupaten Lampung Timur", "Pemkab Lampung Timur"]]),
    ("Polsek Sukajadi membuka program Polsek Sukajadi Berbagi.", [["Polsek Sukajadi", "Polsek Sukajadi"]]),
    ("Dinas Kesehatan dan Dinas Pendidikan hadir.", [["Dinas Kesehatan"], ["Dinas Pendidikan"]]),
    # the city and the regency of one name are different governments
    ("Pemkot Bogor dan Pemerintah Kabupaten Bogor hadir. Pemerintah Kota Bogor menyiapkan tenda.",
     [["Pemkot Bogor", "Pemerintah Kota Bogor"], ["Pemerintah Kabupaten Bogor"]]),
    # a word one letter off is a typo of the same body, and the usual spelling keeps its short forms
    ("Dinas Sossial Kota Kendal menyalurkan beras. Dinas Sosial Kota Kendal dan Dinsos Kendal mendata. "
     "Petugas Dinas Sosial berjaga.",
     [["Dinas Sossial Kota Kendal", "Dinas Sosial Kota Kendal", "Dinsos Kendal", "Dinas Sosial"]]),
    # a closing acronym of initials is the words it stands for
    ("Bantuan dari Kementerian Sosial Republik Indonesia (RI) tiba. Kemensos RI membantu.",
     [["Kementerian Sosial Republik Indonesia", "Kemensos RI"]]),
])
def test_group_organizations(text: str, expected: list[list[str]]) -> None:
    groups = group_organizations(find_organizations(text))
    assert [[m.name for m in g] for g in groups] == expected


def test_group_accepts_mentions_in_any_order() -> None:
    mentions = find_organizations("Dinsos Sleman hadir. Dinas Sosial Sleman mendata.")
    assert [g[0].text for g in group_organizations(reversed(mentions))] == ["Dinsos Sleman"]


def test_name_drops_a_bracket_inside() -> None:
    mention = OrgMention(0, 52, "Badan Narkotika Nasional Kota (BNNK) Banda Aceh", None, "government")
    assert mention.name == "Badan Narkotika Nasional Kota Banda Aceh"


@pytest.mark.parametrize("lines", [
    ["form\tcanonical\tkind\tflags", "Dinsos\tDinas Sosial\tministry\t"],
    ["form\tcanonical\tkind\tflags", "Dinsos\tDinas Sosial\tgovernment\tfuzzy"],
    ["form\tkind", "Dinsos\tgovernment"],
])
def test_malformed_lexicon_is_reported(monkeypatch: pytest.MonkeyPatch, lines: list[str]) -> None:
    monkeypatch.setattr(organizations, "_data_lines", lambda name: lines)
    with pytest.raises(OrganizationDataError, match="organizations.tsv"):
        organizations._lexicon.__wrapped__()


def test_a_release_takes_a_few_milliseconds() -> None:
    sentence = ("Kepala Dinas Sosial Kabupaten Sleman Budi Santoso bersama BPBD Sleman dan Yayasan Harapan Kita "
                "menyalurkan bantuan kepada 40 KPM di Desa Sukamaju pada Senin (3/3/2025). ")
    text = sentence * (5000 // len(sentence))
    find_organizations(text)  # loads the word lists once
    for _ in range(5):
        group_organizations(find_organizations(text))
    # speed is measured in bench/, not asserted here (timed tests fail on a loaded machine)
