"""titles: offices with their institution and region, stopping before the person's name."""
import pytest

from extractor.titles import find_titles, same_office


def _first(text, **kw):
    titles = find_titles(text, **kw)
    assert titles, f"no title in {text!r}"
    t = titles[0]
    assert text[t.start:t.end] == t.text
    return t


@pytest.mark.parametrize("text, title", [
    ("Bupati Sragen Dedy Suryanto membuka acara.", "Bupati Sragen"),
    ("Wakil Bupati Klaten, Sri Wahyuni, hadir.", "Wakil Bupati Klaten"),
    ("Wakil Wali Kota Madiun Agus Salim meninjau lokasi.", "Wakil Wali Kota Madiun"),
    ("Sekda Kota Blitar Heru Santoso memimpin rapat.", "Sekda Kota Blitar"),
    ("Sekretaris Daerah (Sekda) Kota Blitar Heru Santoso hadir.", "Sekretaris Daerah (Sekda) Kota Blitar"),
    ("Kepala Dinas Sosial Kabupaten Klaten Sri Wahyuni mengatakan", "Kepala Dinas Sosial Kabupaten Klaten"),
    ("Kepala Dinas Kesehatan Kota Batu dr. Rina Kusuma menjelaskan", "Kepala Dinas Kesehatan Kota Batu"),
    ("Kepala Dinsos P3A Kabupaten Pamekasan, Rudi Hartono, mengatakan", "Kepala Dinsos P3A Kabupaten Pamekasan"),
    ("Kadinsos Gresik Rudi Hartono menambahkan", "Kadinsos Gresik"),
    ("Staf Ahli Bidang Ekonomi dan Pembangunan Setda Lingga drs. Rukmini, MM. meninjau",
     "Staf Ahli Bidang Ekonomi dan Pembangunan Setda Lingga"),
    ("Asisten Administrasi Umum Setda Kabupaten Sintang Yohanes Rumpak membuka",
     "Asisten Administrasi Umum Setda Kabupaten Sintang"),
    ("Asisten II Setda Kabupaten Kendal hadir", "Asisten II Setda Kabupaten Kendal"),
    ("Kapolres Bantul AKBP Rinaldi Pratama meninjau", "Kapolres Bantul"),
    ("Kanit Reskrim Polsek Tegalrejo, IPDA Joko Susilo, memimpin", "Kanit Reskrim Polsek Tegalrejo"),
    ("Camat Ngaliyan Agus Prasetyo menjelaskan", "Camat Ngaliyan"),
    ("Camat Kuta Utara I Made Suarjana menjelaskan", "Camat Kuta Utara"),
    ("Kepala Desa Sukamaju Kecamatan Cibeber Asep Saepudin menyebutkan",
     "Kepala Desa Sukamaju Kecamatan Cibeber"),
    ("Kepala BNNK Kediri Sugeng di Kediri mengatakan", "Kepala BNNK Kediri"),
    ("Kepala Sentra Mulya Jaya di Pati Sulastri, mengatakan", "Kepala Sentra Mulya Jaya di Pati"),
    ("Kepala Bidang Rehabilitasi Sosial Dinas Sosial Poso, Yusuf Lamatta",
     "Kepala Bidang Rehabilitasi Sosial Dinas Sosial Poso"),
    ("Ketua Forum Anak sekaligus Penyuluh Sosial, Nurhayati, menjelaskan",
     "Ketua Forum Anak sekaligus Penyuluh Sosial"),
    ("Ketua TP PKK Kabupaten Gresik Hj. Nurul Aini hadir", "Ketua TP PKK Kabupaten Gresik"),
    ("Kepala Dinas Sosial Prov Kalbar, Drs. H. Abdul Rahman, M.Si.", "Kepala Dinas Sosial Prov Kalbar"),
    ("Dandim 0734/Yogyakarta Letkol Inf. Hendra Gunawan hadir", "Dandim 0734/Yogyakarta"),
    ("Pangdam IV/Diponegoro Mayjen TNI Dwi Santoso hadir", "Pangdam IV/Diponegoro"),
    ("Ketua RT 05 Kelurahan Pedalangan, Suparmi, mengatakan", "Ketua RT 05 Kelurahan Pedalangan"),
    ("Bupati Lamteng, H. Sutrisno menyerahkan", "Bupati Lamteng"),
    ("Camat Xyzabc, Budi Santoso mengatakan", "Camat Xyzabc"),
    ("dihadiri Babinsa, Bhabinkamtibmas dan warga", "Babinsa"),
    ("Tenaga Pendamping Profesional Desa juga hadir", "Tenaga Pendamping Profesional Desa"),
    ("Sekretaris Kecamatan, Yanto M, hadir", "Sekretaris Kecamatan"),
    ("Kapolres Magelang Kota AKBP Yolanda Putri hadir", "Kapolres Magelang Kota"),
    ("Kepala Dusun Kalitengah Lor, Suroto, hadir", "Kepala Dusun Kalitengah Lor"),
    ("Panewu Playen, Sri Hartini, menjelaskan", "Panewu Playen"),
    ("Perbekel Mas, Ni Ketut Sari, menambahkan", "Perbekel Mas"),
    ("Wali Nagari Koto Tuo, Zulkifli, meminta", "Wali Nagari Koto Tuo"),
    ("Ketua Laskar Merah Putih Wonosobo Joko Susilo menambahkan", "Ketua Laskar Merah Putih Wonosobo"),
    ("Ketua Yayasan Al Ikhlas yang juga Kepala Dinas Sosial Asahan, Darmawan, hadir",
     "Ketua Yayasan Al Ikhlas"),   # two offices: "yang juga" does not join them (people.py links both)
    # issue 12: a verb after an office is not an institution ("(Keluarga) Berencana" is one)
    ("AH sapaan karib Wali Kota berencana akan memulai pengusulan", "Wali Kota"),
    # an institution word before another is not the place of that name ("Sumber" is a district)
    ("Hadir Asisten Bidang Sumber daya dan Kesra, Ir. Budi Santoso, M.Sc.", "Asisten Bidang Sumber daya dan Kesra"),
    # a unit, a comma, and the body it belongs to
    ("Kepala Bidang Bantuan Sosial, Dinas Sosial Kota Kendal, Budi Santoso mengatakan",
     "Kepala Bidang Bantuan Sosial, Dinas Sosial Kota Kendal"),
    ("Kepala Dinas Sosial, Budi Santoso, mengatakan", "Kepala Dinas Sosial"),
    ("Kepala Badan Penanggulangan Bencana Daerah (BPBD) Pasaman, Ir. Yulianto, memaparkan",
     "Kepala Badan Penanggulangan Bencana Daerah (BPBD) Pasaman"),
    ("menurut ketua RW di kampung itu", "ketua RW"),
    ("Tumino (61), pemimpin kelompok KUBE di dusun itu", "pemimpin kelompok KUBE"),
    ("ikut pendamping desa bersama warga", "pendamping desa"),
])
def test_title_stops_before_the_name(text, title):
    assert _first(text).text == title


@pytest.mark.parametrize("text, office, institution, region, acting", [
    ("Plt.Bupati Sragen hadir", "Bupati", None, "Sragen", "Plt."),
    ("Plt Kepala Dinas Sosial Kabupaten Klaten hadir", "Kepala Dinas", "Dinas Sosial", "Kabupaten Klaten", "Plt."),
    ("Pj. Wali Kota Batu hadir", "Wali Kota", None, "Batu", "Pj."),
    ("Plh. Sekda Kendal hadir", "Sekretaris Daerah", None, "Kendal", "Plh."),
    ("Pjs Kades Sidomulyo hadir", "Kepala Desa", None, "Sidomulyo", "Pjs."),
    ("Pelaksana Harian (Plh.) Sekretaris Daerah Kabupaten Solok drs. Fauzi hadir", "Sekretaris Daerah", None,
     "Kabupaten Solok", "Plh."),
    ("Pelaksana Tugas Kepala Dinas Sosial Kota Padang hadir", "Kepala Dinas", "Dinas Sosial", "Kota Padang", "Plt."),
    ("Penjabat Bupati Poso hadir", "Bupati", None, "Poso", "Pj."),
    ("Kadinsos Gresik hadir", "Kepala Dinas", "Dinas Sosial", "Gresik", None),
    ("Staf Ahli Bidang Ekonomi Setda Karimun drs. Rukmini", "Staf Ahli", "Bidang Ekonomi Setda Karimun", "Karimun",
     None),
    ("Kepala BNNK Wonosobo AKBP Triyono", "Kepala BNNK", "BNNK Wonosobo", "Wonosobo", None),
    ("Bupati Kep. Sula, Hendra Wijaya, hadir", "Bupati", None, "Kep. Sula", None),
    ("Plt. Wali Kota Tg. Pinang Rosita hadir", "Wali Kota", None, "Tg. Pinang", "Plt."),
    ("Kepala Dinas Sosial Kab. Kep. Meranti hadir", "Kepala Dinas", "Dinas Sosial", "Kab. Kep. Meranti", None),
])
def test_title_fields(text, office, institution, region, acting):
    t = _first(text)
    assert (t.office, t.institution, t.region, t.acting) == (office, institution, region, acting)


def test_known_name_words_stop_a_title():
    text = "Camat Wibowo, Kapolsek dan Danramil hadir"
    assert _first(text).text == "Camat Wibowo"
    assert _first(text, name_words=["Wibowo"]).text == "Camat"


@pytest.mark.parametrize("text", [
    "kepala keluarga penerima bantuan",
    "Kepala keluarga yang terdampak",
    "para camat dan lurah hadir",
    "Ketua dan anggota hadir",
    "Dinas Sosial menyalurkan bantuan",
    "para kepala keluarga menerima",
])
def test_no_title(text):
    assert find_titles(text) == []


def test_region_office_does_not_swallow_a_headline():
    titles = find_titles("Bupati Dedy Suryanto Serahkan Bantuan Rumah Layak Huni")
    assert [t.text for t in titles] == ["Bupati"]


@pytest.mark.parametrize("a, b, same", [
    ("Kadinsos Pamekasan", "Kepala Dinsos P3A Pamekasan", True),
    ("Bupati", "Bupati Karimun", True),
    ("Sekda", "Sekretaris Daerah Kota Batu", True),
    ("Kades", "Kepala Desa Sukamaju", True),
    ("Wakil Bupati Karimun", "Bupati", False),
    ("Camat Ngawen", "Camat Tegalrejo", False),
    ("Kepala Dinas Sosial", "Kepala Dinas Kesehatan", False),
])
def test_same_office(a, b, same):
    assert same_office(_first(a + " hadir"), _first(b + " hadir")) is same


def test_offsets_are_into_the_given_text():
    text = "Pada acara itu,\n  Camat Ngawen, Budi, hadir. Kemudian Bupati Klaten datang."
    for t in find_titles(text):
        assert text[t.start:t.end] == t.text
    assert [t.text for t in find_titles(text)] == ["Camat Ngawen", "Bupati Klaten"]
