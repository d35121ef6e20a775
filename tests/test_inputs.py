import json

import pytest

from extractor.errors import InputError, UsageError
from extractor.inputs import JsonlFields, decode, expand, iter_documents, read_file, split_source_line


@pytest.mark.parametrize("data,text,encoding", [
    ("Bupati membuka acara".encode(), "Bupati membuka acara", "utf-8"),
    (b"\xef\xbb\xbfCamat hadir", "Camat hadir", "utf-8-sig"),
    ("Lurah datang".encode("utf-16"), "Lurah datang", "utf-16"),
    ("Caf\u00e9 di Bintan".encode("cp1252"), "Caf\u00e9 di Bintan", "cp1252"),
])
def test_decode(data, text, encoding):
    got, enc, warnings = decode(data, "x.txt")
    assert (got, enc) == (text, encoding)
    assert bool(warnings) == (encoding == "cp1252")


def test_decode_refuses_binary():
    with pytest.raises(InputError, match="NUL bytes"):
        decode(b"PK\x03\x04\x00\x00binary", "archive.txt")


def test_source_line_is_not_text():
    assert split_source_line("# source: https://x.go.id/a\nBintan - isi") == ("https://x.go.id/a", "Bintan - isi")
    assert split_source_line("Bintan - isi") == (None, "Bintan - isi")


def test_read_file_sets_source_and_hash(tmp_path):
    p = tmp_path / "r01.txt"
    p.write_text("# source: https://contoh.id/r01\nJudul\nBintan - Isi rilis.", encoding="utf-8")
    doc = read_file(str(p))
    assert doc.doc_id == "r01" and doc.url == "https://contoh.id/r01"
    assert doc.text == "Judul\nBintan - Isi rilis." and len(doc.sha256) == 64


def test_empty_file_is_an_error(tmp_path):
    p = tmp_path / "kosong.txt"
    p.write_text("# source: https://contoh.id\n   \n", encoding="utf-8")
    with pytest.raises(InputError, match="empty"):
        read_file(str(p))


def test_folder_expansion_sorted_and_skips_gold(tmp_path):
    for name in ("b.txt", "a.txt", "a.json", "c.html", "notes.md"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.rsplit("/", 1)[1] for p in expand([str(tmp_path)])] == ["a.txt", "b.txt", "c.html"]


def test_missing_input_and_empty_glob_are_usage_errors(tmp_path):
    with pytest.raises(UsageError, match="does not exist"):
        list(expand([str(tmp_path / "nope.txt")]))
    with pytest.raises(UsageError, match="no file matches"):
        list(expand([str(tmp_path / "*.txt")]))


def test_jsonl_every_line_accounted(tmp_path):
    p = tmp_path / "batch.jsonl"
    lines = [json.dumps({"id": "a", "text": "Wali Kota membuka rapat.", "published": "2023-05-02"}),
             "{not json",
             json.dumps({"id": "c", "body": "tanpa field teks"}),
             json.dumps(["bukan", "objek"]),
             json.dumps({"id": "e", "text": "Camat meninjau banjir."})[:-5]]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = list(iter_documents([str(p)], JsonlFields()))
    assert len(out) == 5
    assert out[0].doc_id == "a" and out[0].published.isoformat() == "2023-05-02"
    assert [type(o).__name__ for o in out[1:]] == ["InputError"] * 4
    assert "field 'text'" in str(out[2]) and out[2].doc_id == "c"


def test_html_goes_through_boilerplate_removal(tmp_path):
    body = " ".join(["Bupati Bintan membuka pelatihan bagi pengurus lembaga sosial di Gedung Serbaguna."] * 4)
    html = (f"<html><head><title>Bupati Buka Pelatihan</title></head><body><nav>Beranda | Berita</nav>"
            f"<article><p>{body}</p><p>Kegiatan berlangsung &amp; diikuti 40 peserta.</p></article>"
            f"<footer>Hak cipta</footer></body></html>")
    p = tmp_path / "rilis.html"
    p.write_text(html, encoding="utf-8")
    doc = read_file(str(p))
    assert doc.format == "html" and "Gedung Serbaguna" in doc.text and "&amp;" not in doc.text
    assert "Hak cipta" not in doc.text
