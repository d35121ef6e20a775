"""names: honorifics, ranks and degrees split off personal names; name spans in a text."""
import pytest

from extractor.names import NameParseError, parse_name, scan_name


@pytest.mark.parametrize("written, name, honorifics, degrees", [
    ("drs. Rukmini, MM.", "Rukmini", ("drs.",), ("MM.",)),
    ("drs.Rukmini,MM", "Rukmini", ("drs.",), ("MM",)),
    ("Drs KH Ahmad Fauzan", "Ahmad Fauzan", ("Drs", "KH"), ()),
    ("AKBP Rinaldi Pratama, S.I.K.", "Rinaldi Pratama", ("AKBP",), ("S.I.K.",)),
    ("Hj. Siti Maryam, S.Sos., M.Si.", "Siti Maryam", ("Hj.",), ("S.Sos.", "M.Si.")),
    ("Prof. Dr. Ir. H. Bambang Wiyono, M.Sc.", "Bambang Wiyono", ("Prof.", "Dr.", "Ir.", "H."), ("M.Sc.",)),
    ("IPDA Joko Susilo", "Joko Susilo", ("IPDA",), ()),
    ("Kompol Hendra Wijaya", "Hendra Wijaya", ("Kompol",), ()),
    ("Letkol Inf. Agung Prasetyo", "Agung Prasetyo", ("Letkol Inf.",), ()),
    ("Brigjen TNI Dwi Santoso", "Dwi Santoso", ("Brigjen TNI",), ()),
    ("Irjen Pol Rahmat Hidayat", "Rahmat Hidayat", ("Irjen Pol",), ()),
    ("Ustadz Abdul Somad Harahap", "Abdul Somad Harahap", ("Ustadz",), ()),
    ("Habib Umar Alatas", "Umar Alatas", ("Habib",), ()),
    ("Tgk. Muhammad Yusuf", "Muhammad Yusuf", ("Tgk.",), ()),
    ("dr. Rina Kusuma, Sp.A", "Rina Kusuma", ("dr.",), ("Sp.A",)),
    ("Ir. Joko Purnomo, M.T., IPM", "Joko Purnomo", ("Ir.",), ("M.T.", "IPM")),
    ("H. Sutrisno", "Sutrisno", ("H.",), ()),
    ("Ny. Ratna Sari", "Ratna Sari", ("Ny.",), ()),
    ("Budi Santoso SH MH", "Budi Santoso", (), ("SH", "MH")),
    ("Wawan Setiawan, S.Sos", "Wawan Setiawan", (), ("S.Sos",)),
    ("M. Ridwan", "M. Ridwan", (), ()),
    ("Yanto M", "Yanto M", (), ()),
    ("Yanto M.", "Yanto M", (), ()),
    ("Darsono BP", "Darsono BP", (), ()),
    ("I Made Suarjana", "I Made Suarjana", (), ()),
    ("  Sri   Lestari ", "Sri Lestari", (), ()),
])
def test_parse_name(written, name, honorifics, degrees):
    parsed = parse_name(written)
    assert (parsed.name, parsed.honorifics, parsed.degrees) == (name, honorifics, degrees)
    assert parsed.as_written == written.strip()


@pytest.mark.parametrize("written", ["", "   ", "Dr.", "H. ,"])
def test_parse_name_without_a_name_raises(written):
    with pytest.raises(NameParseError):
        parse_name(written)


def test_parse_name_error_is_a_value_error():
    assert issubclass(NameParseError, ValueError)


@pytest.mark.parametrize("text, at, span_text, name", [
    ("oleh drs.Rukmini,MM, kemudian", "drs", "drs.Rukmini,MM", "Rukmini"),
    ("untuk M. Ridwan, 72 tahun", "M.", "M. Ridwan", "M. Ridwan"),
    ("Camat Kuta Utara I Made Suarjana mengatakan", "I Made", "I Made Suarjana", "I Made Suarjana"),
    ("hadir Yanto M, Sekretaris Desa", "Yanto", "Yanto M", "Yanto M"),
    ("antara lain Darsono BP (47) dari", "Darsono", "Darsono BP", "Darsono BP"),
    ("Drs. H. Abdul Rahman, M.Si., mengatakan", "Drs", "Drs. H. Abdul Rahman, M.Si.", "Abdul Rahman"),
    ("ujar Hendra Wijaya dalam sambutannya", "Hendra", "Hendra Wijaya", "Hendra Wijaya"),
    ("Muhammad bin Abdullah hadir", "Muhammad", "Muhammad bin Abdullah", "Muhammad bin Abdullah"),
    ("Suparjo Kepala Desa", "Suparjo", "Suparjo", "Suparjo"),
    ("Rudi Hartono Senin lalu", "Rudi", "Rudi Hartono", "Rudi Hartono"),
])
def test_scan_name(text, at, span_text, name):
    span = scan_name(text, text.index(at))
    assert span is not None
    assert text[span.start:span.end] == span_text
    assert span.name(text) == name


@pytest.mark.parametrize("text, at", [
    ("Selasa pagi warga berkumpul", "Selasa"),
    ("Dinas Sosial menyalurkan", "Dinas"),
    ("di Kabupaten Karimun", "Kabupaten"),
    ("kata dia", "dia"),
])
def test_scan_name_finds_no_name(text, at):
    assert scan_name(text, text.index(at)) is None
