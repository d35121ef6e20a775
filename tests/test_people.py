"""people: persons from cues, titles, mentions, roles, offices without a name, quotes."""

import pytest

from extractor.people import find_people


def _people(text, **kw):
    return [(p.name, p.title.text if p.title else None) for p in find_people(text, **kw).people]


@pytest.mark.parametrize("text, expected", [
    ("Bupati Sragen Dedy Suryanto membuka pelatihan kader posyandu, Senin (3/4/2023).",
     [("Dedy Suryanto", "Bupati Sragen")]),
    ("Budi Hartono, Kepala Bidang Rehabilitasi Sosial Dinsos Kota Blitar, menjelaskan kuota bertambah.",
     [("Budi Hartono", "Kepala Bidang Rehabilitasi Sosial Dinsos Kota Blitar")]),
    ("Rudi Hartono selaku Camat Ngawen menyampaikan apresiasi kepada warga.",
     [("Rudi Hartono", "Camat Ngawen")]),
    ("Sulastri (Kepala Desa Karangrejo) menyerahkan bantuan beras.",
     [("Sulastri", "Kepala Desa Karangrejo")]),
    ("Bantuan diserahkan oleh Hj. Nurul Aini kepada warga lanjut usia.", [("Nurul Aini", None)]),
    ('"Kami siap membantu warga yang terdampak," kata Wahyu Nugroho.', [("Wahyu Nugroho", None)]),
    ("Dalam kesempatan itu Suharti mengatakan bantuan akan dibagikan besok.", [("Suharti", None)]),
    ("Bantuan diberikan kepada Sutrisno (55) dan Sarinah, 70 tahun, warga Dusun Krajan.",
     [("Sutrisno", None), ("Sarinah", None)]),
    ("Pak Karto bersyukur rumahnya kini layak huni.", [("Karto", None)]),
    ("Camat Tembalang, Agam, mengatakan warga sudah dievakuasi.", [("Agam", "Camat Tembalang")]),
    ("Kepala Dinas Sosial Kabupaten Klaten, Sri Wahyuni, S.Sos., M.Si., mengatakan bantuan cukup.",
     [("Sri Wahyuni", "Kepala Dinas Sosial Kabupaten Klaten")]),
    ("Kapolsek Tegalrejo AKP Agus Salim, S.H. mengatakan patroli ditingkatkan.",
     [("Agus Salim", "Kapolsek Tegalrejo")]),
    ("Camat Kuta Utara I Made Suarjana menjelaskan jadwal musrenbang. Menurut Made, usulan warga banyak.",
     [("I Made Suarjana", "Camat Kuta Utara")]),
    ("Kegiatan berlangsung di Jalan Ahmad Yani dan Masjid Agung Al-Falah, Kota Madiun, Senin (3/4).", []),
    ("SURABAYA, KABARKITA.COM - Dinas Sosial Kota Surabaya menyalurkan bantuan pada Januari 2024.", []),
    ("Sebanyak 50 warga Desa Sukamaju menerima bantuan dari Baznas Kabupaten Kudus.", []),
    ("Wali Kota Madiun Agus Salim hadir bersama Ketua TP PKK Kota Madiun Lina Agus Salim. "
     "Agus Salim mengatakan kegiatan ini rutin.",
     [("Agus Salim", "Wali Kota Madiun"), ("Lina Agus Salim", "Ketua TP PKK Kota Madiun")]),
    ("Salah satu peserta, Yohanes Manoppo, mengaku senang mengikuti lomba.", [("Yohanes Manoppo", None)]),
    ("Petani lain, Tumino (61), pemimpin kelompok KUBE di dusun itu, berharap bantuan bibit.",
     [("Tumino", "pemimpin kelompok KUBE")]),
    ("Budi Santoso mengatakan stok cukup. Kepala Dinas Sosial Kota Blitar, Budi, menambahkan data sudah lengkap.",
     [("Budi Santoso", "Kepala Dinas Sosial Kota Blitar")]),
    ("Kepala Bidang Linjamsos Dinsos Kota Tegal, Suwarno Hadi\nBantuan disalurkan kepada 300 keluarga.",
     [("Suwarno Hadi", "Kepala Bidang Linjamsos Dinsos Kota Tegal")]),
])
def test_people_and_titles(text, expected):
    assert _people(text) == expected


def test_later_mentions_resolve_to_one_person():
    text = ("Sekda Kota Blitar Heru Santoso membuka rapat koordinasi. Sekda Heru mengingatkan pentingnya data. "
            "Santoso juga meminta camat aktif.")
    res = find_people(text)
    assert [p.name for p in res.people] == ["Heru Santoso"]
    assert [m.text for m in res.people[0].mentions] == ["Heru Santoso", "Heru", "Santoso"]
    assert res.people[0].title.text == "Sekda Kota Blitar"
    assert res.roles_without_name == []


@pytest.mark.parametrize("text, name, nickname", [
    ("Siti Rohmah yang akrab disapa Bu Rohmah mengatakan kelompoknya berkembang. "
     '"Kami terus belajar membuat kerajinan," kata Rohmah.', "Siti Rohmah", "Rohmah"),
    ("Penerima tertua, Darmo Suwito (79), yang akrab disapa Mbah Darmo, tampak gembira. "
     '"Sekarang dapur saya tidak bocor lagi," kata Mbah Darmo.', "Darmo Suwito", "Darmo"),
    ("Kepala Dinas Sosial Kabupaten Kapuas, Ahmad Yani, menutup pelatihan. Pak Haji, sapaan akrab Kadinsos "
     'Kapuas, meminta peserta berbagi ilmu. "Ilmu harus ditularkan ke kampung," kata Pak Haji.', "Ahmad Yani", "Haji"),
])
def test_nickname_is_not_a_new_person(text, name, nickname):
    res = find_people(text)
    assert [p.name for p in res.people] == [name]
    assert nickname in [m.text for m in res.people[0].mentions]
    assert res.quotes and res.quotes[0].speaker == 0


def test_headline_mentions_only_known_people():
    text = ("Bupati Dedy Suryanto Serahkan Bantuan Rumah Layak Huni\n"
            "Bupati Sragen Dedy Suryanto menyerahkan bantuan rumah layak huni kepada warga.\n"
            "Wakil Ketua Minta Warga Bersabar\n")
    res = find_people(text)
    assert [p.name for p in res.people] == ["Dedy Suryanto"]
    assert [m.text for m in res.people[0].mentions] == ["Dedy Suryanto", "Dedy Suryanto"]


def test_honorifics_and_degrees_once_each():
    text = ("Pelatihan kader dibuka Staf Ahli Bupati drs. Rukmini, MM. pagi tadi. Menurut drs.Rukmini,MM, "
            "kader posyandu perlu terus dilatih.")
    p = find_people(text).people[0]
    assert (p.name, p.honorifics, p.degrees) == ("Rukmini", ["drs."], ["MM."])
    assert p.name_as_written == "drs. Rukmini, MM."


def test_representation_and_roles_without_name():
    text = ("Plt. Bupati Klaten yang diwakili Asisten Pemerintahan Setda Klaten, Drs. Slamet Riyadi, "
            "membuka pelatihan kader. Acara tersebut dihadiri Kapolsek, Danramil, dan Camat Tegalrejo.")
    res = find_people(text)
    (p,) = res.people
    assert p.name == "Slamet Riyadi"
    assert p.title.text == "Asisten Pemerintahan Setda Klaten"
    assert {"representative", "opener"} <= set(p.roles)
    assert p.represents == "Plt. Bupati Klaten"
    roles = {r.text: r.roles for r in res.roles_without_name}
    assert roles == {"Plt. Bupati Klaten": ["represented"], "Kapolsek": ["attendee"],
                     "Danramil": ["attendee"], "Camat Tegalrejo": ["attendee"]}
    assert res.roles_without_name[0].title.acting == "Plt."


@pytest.mark.parametrize("text, roles", [
    ("Sambutan Gubernur dibacakan oleh Sekda Kendal Sugiono.", ["Gubernur"]),
    ("Bantuan diserahkan kepada Camat Ngawen. Kemudian pak Camat membagikannya kepada warga.", ["Camat Ngawen"]),
    ("Peran para Kepala Desa sangat penting dalam pendataan.", []),
    ("Kepala Dinas Sosial Kota Blitar Rudi Hartono hadir. Kadinsos Blitar meminta warga melapor.", []),
    ("Camat Ngawen melalui Kasi Kesra Kecamatan Ngawen, Tri Handayani, menyampaikan apresiasi.", ["Camat Ngawen"]),
    ("Pencurian itu diketahui ketua RW yang sedang ronda malam.", ["ketua RW"]),
    ("Pembagian bibit disaksikan Lurah Sendangmulyo, pendamping desa, dan Babinsa.",
     ["Lurah Sendangmulyo", "pendamping desa", "Babinsa"]),
    ("Pembagian bibit disaksikan Lurah Gunung Pati dan warga.", ["Lurah Gunung"]),
    ("Bupati meminta lurah dan kepala desa aktif memantau warga.", ["Bupati"]),
    ("Dinas Sosial Kota Latih 40 Pendamping PKH di Manado", []),
    ("Penertiban dilakukan atas perintah Pj. Wali Kota Palu pekan lalu.", ["Pj. Wali Kota Palu"]),
    # issue 12: offices inside a building's or a regulation's name do not act; a lower-case office
    # in passing does not either; two unknown words before another office are a place
    ("Posko berada di halaman Kantor Bupati Gowa sejak pekan lalu.", []),
    ("Gugus tugas dibentuk sesuai Peraturan Gubernur Jawa Tengah tentang TPPO.", []),
    ("Data itu penting untuk kepala desa di wilayah itu.", []),
    ("Ketua RT setempat melapor ke UPTD PPA pagi itu.", ["Ketua RT"]),
    ("Sekda didampingi Camat Kumpe Ulo, Camat Taman Rajo, dan warga.", ["Sekda", "Camat Kumpe Ulo", "Camat Taman Rajo"]),
    ("Menurut dia, Kasi Kesos di tiap desa ujung tombak pendataan.", ["Kasi Kesos"]),
    # offices in the plural count where they are present, not in passing; village heads by their local names
    ("Turut hadir dalam kegiatan ini seluruh Pambakal Desa se-Kecamatan Astambul dan relawan.", ["Pambakal Desa"]),
    ("Hadir dengan Waka Polres serta beberapa pejabat utama polres, Kapolres meninjau posko.",
     ["Waka Polres", "pejabat utama polres", "Kapolres"]),
    ("Bupati meminta seluruh Kepala Desa mendata warga.", ["Bupati"]),
    ("Sekda didampingi Kasatpol PP Kendal serta beberapa Kepala OPD meninjau lokasi.", ["Sekda", "Kasatpol PP Kendal", "Kepala OPD"]),
    # a regency's short form names the same office as its full name
    ("Wakil Bupati (Wabup) Kabupaten Ogan Komering Ilir (OKI), HM Budi Santoso, hadir. Wabup OKI berpesan.", []),
])
def test_roles_without_name(text, roles):
    res = find_people(text)
    assert [r.text for r in res.roles_without_name] == roles
    for r in res.roles_without_name:
        assert text[r.start:r.end] == r.text


def test_verb_before_a_title_makes_a_speaker():
    res = find_people("Hal senada disampaikan Ketua RT 05 Kelurahan Pedalangan, Suparmi.")
    assert [(p.name, p.roles) for p in res.people] == [("Suparmi", ["speaker"])]


def test_through_someone_means_the_second_speaks():
    text = ('"Kami akan terus hadir untuk warga," ujar Kapolres Bantul AKBP Rinaldi Pratama melalui '
            "Kasi Humas Polres Bantul, Iptu Joko Susilo.")
    res = find_people(text)
    names = [p.name for p in res.people]
    assert names == ["Rinaldi Pratama", "Joko Susilo"]
    chief, officer = res.people
    assert "represented" in chief.roles and "speaker" not in chief.roles
    assert {"representative", "speaker"} <= set(officer.roles) and officer.represents == "Rinaldi Pratama"
    assert res.quotes[0].speaker == 1 and res.quotes[0].cue == "ujar"


@pytest.mark.parametrize("text, speakers, cues", [
    ('"Stok beras aman untuk dua minggu," kata Kepala Dinas Sosial Kota Blitar, Rudi Hartono.', [0], ["kata"]),
    ('Rudi Hartono menegaskan: "Kami tidak akan membiarkan warga kelaparan."', [0], [None]),
    ("Camat Ngawen, Agus Prasetyo, mengatakan warga sudah dievakuasi.\n"
     '"Tenda darurat sudah berdiri sejak pagi tadi," ungkapnya.', [0], ["ungkap"]),
    ('Bupati Sragen Dedy Suryanto hadir. "Ini bukti gotong royong warga," ujar Dedy.\n'
     'Sementara itu, Lurah Kebonsari Sumarni mengatakan, "Data penerima sudah kami verifikasi."\n'
     '"Pendataan dilakukan dari rumah ke rumah," imbuhnya.', [0, 1, 1], ["ujar", None, "imbuh"]),
    ('Warga mengikuti program "Jumat Berkah" setiap pekan.', [], []),
])
def test_quotes(text, speakers, cues):
    res = find_people(text)
    assert [q.speaker for q in res.quotes] == speakers
    assert [q.cue for q in res.quotes] == cues
    for q in res.quotes:
        assert text[q.start:q.end] == q.text


def test_unbalanced_quotes_warn():
    res = find_people('Budi Santoso mengatakan, "Kami siap membantu warga kapan saja.')
    assert res.quotes == [] and len(res.warnings) == 1


def test_ner_spans_are_candidates():
    text = "Acara itu juga diikuti Rahmat Hidayat dan Siti Nurhaliza dari Bupati Sleman."
    assert _people(text) == []
    spans = [(text.index("Rahmat"), text.index(" dan")), (text.index("Siti"), text.index(" dari")),
             (text.index("Bupati"), text.index(" Sleman"))]
    assert [p.name for p in find_people(text, ner_persons=spans).people] == ["Rahmat Hidayat", "Siti Nurhaliza"]


def test_offsets_and_speed():
    block = ("Kepala Dinas Sosial Kabupaten Klaten, Sri Wahyuni, mengatakan bantuan disalurkan. "
             '"Kami pastikan tepat sasaran," kata Sri. Bupati Klaten yang diwakili Sekda Klaten Joko Purnomo '
             "membuka acara yang dihadiri Kapolsek dan Danramil.\n")
    text = block * 20
    find_people(text)
    res = find_people(text)
    # speed is measured in bench/, not asserted here
    for p in res.people:
        for m in p.mentions:
            assert text[m.start:m.end] == m.text
        if p.title:
            assert text[p.title.start:p.title.end] == p.title.text
    assert [p.name for p in res.people] == ["Sri Wahyuni", "Joko Purnomo"]
    assert len(res.people[0].mentions) == 40


def test_regression_kep_abbreviation_is_not_a_person():
    """"Kep." (Kepulauan) before a region name was read as a person named "Kep"."""
    from extractor.people import find_people

    for text in ("Bupati Kep. Anambas hadir dalam rapat.", "Gubernur Kep. Riau membuka acara."):
        assert "Kep" not in {p.name for p in find_people(text).people}


# ---- classes of error seen on releases no rule was written beside (issue 12)

@pytest.mark.parametrize("text, expected", [
    # titles written after the name in a list of "Name, Title" pairs, with or without the comma
    ("Kades yang dilantik adalah Warsito, Kades Mekarsari, Supardi, Kades Tanjungsari, Rohmat Kades "
     "Sidomulyo, dan Sugeng, Kades Karangrejo.",
     [("Warsito", "Kades Mekarsari"), ("Supardi", "Kades Tanjungsari"), ("Rohmat", "Kades Sidomulyo"),
      ("Sugeng", "Kades Karangrejo")]),
    # ... while "Title Name, Title Name" keeps each title with the name after it
    ("Hadir Bupati Kendal Eko Prasetyo, Camat Weleri Slamet Riyadi, Kapolsek Weleri Heri Susanto.",
     [("Eko Prasetyo", "Bupati Kendal"), ("Slamet Riyadi", "Camat Weleri"), ("Heri Susanto", "Kapolsek Weleri")]),
    ("Hadir Bupati Kendal, Eko Prasetyo, Camat Weleri, Slamet Riyadi, dan warga.",
     [("Eko Prasetyo", "Bupati Kendal"), ("Slamet Riyadi", "Camat Weleri")]),
    # an address term between the title and the name
    ("Bantuan dibagikan Ketua TP PKK Kabupaten Kendal Ibu Ratna Dewi bersama kader.",
     [("Ratna Dewi", "Ketua TP PKK Kabupaten Kendal")]),
    # a place the gazetteer does not know, between an office and a rank
    ("Hadir Danramil Wonopringgo Kapten Inf. Bambang Wijaya dan Kapolsek Wonopringgo IPTU Dedi Kurnia.",
     [("Bambang Wijaya", "Danramil Wonopringgo"), ("Dedi Kurnia", "Kapolsek Wonopringgo")]),
    # HM (Haji Muhammad) is an honorific
    ("Wakil Bupati Kendal, HM Sukri Ahmad, melantik pengurus.", [("Sukri Ahmad", "Wakil Bupati Kendal")]),
    # words that say a personal name follows; Balinese birth-order names
    ("Bantuan diberikan kepada seorang warga bernama Sumirah Wati yang rumahnya terbakar.", [("Sumirah Wati", None)]),
    ("Penerima yakni Ni Luh Sekarini, anak dari pasangan Wayan Darma dan Ni Made Suci.",
     [("Ni Luh Sekarini", None), ("Wayan Darma", None), ("Ni Made Suci", None)]),
    # a regency's short form (region_aliases.tsv) closes a title
    ("Kepala Dinas Sosial Kukar, Hendra Wijaya mengatakan bantuan tiba.", [("Hendra Wijaya", "Kepala Dinas Sosial Kukar")]),
    # the fuller form of the same office after "selaku"
    ("Bantuan diserahkan oleh Camat Rudi Hartono selaku Camat Tanjungsari kepada warga.",
     [("Rudi Hartono", "Camat Tanjungsari")]),
    # two offices joined by "yang juga": the first is the title, the second is not a role without a name
    ("Hadir Plt. Camat Weleri yang juga Kepala Disnaker Kendal Drs. Agus Salim.", [("Agus Salim", "Plt. Camat Weleri")]),
    # degrees written without dots, name words written short with a dot, police directorate offices
    ("Kepala Dinsos Kendal, Nurhayati SPd MM, mengatakan data sudah lengkap.", [("Nurhayati", "Kepala Dinsos Kendal")]),
    ("Kasat Binmas Polres Gianyar Kompol Tjok. Gede Raka menyerahkan paket.",
     [("Tjok. Gede Raka", "Kasat Binmas Polres Gianyar")]),
    ("Dirlantas Polda Jateng Kombes Pol Budi Hartono meninjau pos.", [("Budi Hartono", "Dirlantas Polda Jateng")]),
    # one person's spelling variant is not a second person; a different office keeps them apart
    ("Pj Bupati Kendal Sugeng Riyanto hadir. Menurut Sugeng Riyamto, bantuan tepat.", [("Sugeng Riyanto", "Pj Bupati Kendal")]),
    ("Bupati Kendal Sri Mulyani hadir. Camat Weleri Sri Mulyana juga hadir.",
     [("Sri Mulyani", "Bupati Kendal"), ("Sri Mulyana", "Camat Weleri")]),
])
def test_unseen_release_classes(text, expected):
    assert _people(text) == expected
    if "yang juga" in text:
        assert find_people(text).roles_without_name == []
