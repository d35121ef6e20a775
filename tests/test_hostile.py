"""Hostile and broken input (issue 7): nothing crashes, nothing is lost, nothing runs away.

Every input is made here, in tmp_path, and run through the real command (``extractor.cli.main``, in
process) or ``Pipeline.pipe(errors="yield")``. For each: the exit code, every input accounted for
(records + error rows == inputs), error rows that name the input and the problem, every evidence
triple (``start``/``end``/``text`` and the dateline's and event date's pairs) inside the document text
as read, and records valid against the schema. The only timed assertions are catastrophe guards;
``bench/hostile.py`` measures seconds per 100 KB.
"""
from __future__ import annotations

import functools
import json
import os
import random
import socket
import time
from dataclasses import dataclass

import pytest

from extractor.cli import main
from extractor.inputs import InputDoc, read_file
from extractor.record import validate

SENT = ("Bupati Sintang Rahmat Hidayat membuka pelatihan kader posyandu di Aula Kantor Bupati Sintang, "
        "Senin (6/3/2023). Kegiatan diikuti 40 peserta dari 14 kecamatan.")
RELEASE = ("Bupati Buka Pelatihan Kader Posyandu\nSintang - " + SENT + "\n\n"
           "\u201cKader adalah ujung tombak pelayanan kesehatan warga,\u201d kata Rahmat.\n\n"
           "Kepala Dinas Sosial Kabupaten Sintang Siti Aminah, S.Sos., M.Si. menyebut bantuan bagi lansia "
           "terlantar dan korban banjir disalurkan bulan ini.\n")
PUNCT = "!?.,;:-()[]{}\"'/\\|*#&%$@^~`_+=<>\u2026\u2013\u2014\u201c\u201d\u00ab\u00bb"
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
          "Oktober", "November", "Desember"]
TRIPLES = (("start", "end", "text"), ("start", "end", "raw"), ("place_start", "place_end", "place"),
           ("date_start", "date_end", "date_text"))


@dataclass(frozen=True)
class Case:
    """One hostile file: what it holds, and whether it must give a record, an error, or either."""

    name: str                       # file name in the input folder
    data: bytes
    expect: str                     # "record" | "error" | "either"
    message: str = ""               # for an error: a piece of its message
    encoding: str | None = None     # for a record: source.encoding
    warning: str = ""               # for a record: a piece of one warning


def _rng_text(seed: int, alphabet: str, n: int) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(alphabet) for _ in range(n))


def _cases() -> list[Case]:
    u = str.encode
    dates = " ".join(f"{DAYS[i % 7]} ({i % 28 + 1}/{i % 12 + 1}/{1990 + i % 40}) dan {i % 28 + 1} {MONTHS[i % 12]}"
                     f" {2000 + i % 30}," for i in range(500)) + " 31/2/2023."
    names = " ".join(f"H. Budi{i} Santoso, S.Sos. hadir." for i in range(1000))
    control = "".join(ch + (chr(random.Random(i).choice([1, 2, 7, 8, 11, 12, 27, 31, 127])) if i % 25 == 0 else "")
                      for i, ch in enumerate(RELEASE * 3))
    return [
        Case("empty.txt", b"", "error", "empty"),
        Case("whitespace.txt", u(" \n\t \r\n\u00a0 \u3000\n"), "error", "empty"),
        Case("source_only.txt", b"# source: https://contoh.id/x\n", "error", "empty"),
        Case("one_word.txt", b"Bupati", "record"),
        Case("dateline_only.txt", b"Sintang -", "record"),
        Case("long_line.txt", u(_rng_text(1, "abcdefghijKLMNOP0123456789", 50_000)), "record"),
        Case("long_punct_line.txt", u(_rng_text(2, PUNCT + "ab", 8_000)), "record"),
        Case("dates_1000.txt", u(dates), "record"),
        Case("names_1000.txt", u(names), "record"),
        Case("punct_runs.txt", u(" ".join(_rng_text(i, PUNCT, i % 60 + 1) for i in range(300))), "record"),
        Case("open_parens.txt", u("(" * 5000 + SENT), "record"),
        Case("honorifics.txt", u("H. " * 3000 + "Budi"), "record"),
        Case("degrees.txt", u("Budi Santoso" + ", S.Sos., M.Si." * 1000), "record"),
        Case("markup.txt", u("[a](" * 1500 + "<b " * 1500 + "**a" * 1500 + "&amp;" * 1500), "record"),
        Case("dashes.txt", u("A - " * 3000 + SENT), "record"),
        Case("title_words.txt", u("Kepala Dinas Sosial Kabupaten " * 300 + "Sintang"), "record"),
        Case("weekday_sentences.txt", u("Senin lalu. " * 100), "record"),
        Case("quotes.txt", u('"' * 3001 + ' kata Budi "' * 500), "record"),
        Case("short_lines.txt", u("A\n" * 5000), "record"),
        Case("crlf.txt", u(RELEASE.replace("\n", "\r\n")), "record"),
        Case("cr_only.txt", u(RELEASE.replace("\n", "\r")), "record"),
        Case("control_chars.txt", u(control), "record"),
        Case("all_controls.txt", bytes(range(1, 32)) * 50, "error", "control characters"),
        Case("rtl_marks.txt", u("\u200f\u202e" + RELEASE.replace(" ", " \u200f") + "\u202c\u061c"), "record"),
        Case("emoji.txt", u(RELEASE.replace(" ", " \U0001F600 ") + "\U0001F468\u200d\U0001F469\u200d\U0001F467 "
                              "\U0001F1EE\U0001F1E9"), "record"),
        Case("mixed_scripts.txt", u("Bupati \u0411\u0443\u043f\u0430\u0442\u0438 \u5e03\u5e15\u8482 "
                                      "\u0628\u0648\u0628\u0627\u062a\u064a \u092c\u0941\u092a\u0924\u093f "
                                      "\u216b \u0663 \u00df \u0130 e\u0301 " * 200 + SENT), "record"),
        Case("javanese.txt", u("Bupati Sintang mbukak pelatihan kader ing Aula Kantor Bupati, Senin (6/3/2023).\n"
                                 "\ua9a7\ua9b8\ua9a5\ua9a0\ua9b6 \ua9b1\ua9b6\ua9a4\ua9c0\ua9a0\ua981\n" * 20),
             "record"),
        Case("english.txt", u("The Regent of Sintang, Mr John Smith, opened the workshop on Monday, 6 March "
                                "2023, in the hall of the Social Affairs Office. " * 50), "record"),
        Case("nul_bytes.txt", b"PK\x03\x04\x00\x00\x14\x00binary zip", "error", "NUL bytes"),
        Case("png.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(random.Random(3).randrange(256)
                                                                       for _ in range(3000)), "error", "binary"),
        Case("utf8_bom.txt", b"\xef\xbb\xbf" + u(RELEASE), "record", encoding="utf-8-sig"),
        Case("utf16_bom.txt", RELEASE.encode("utf-16"), "record", encoding="utf-16"),
        Case("utf16le.txt", RELEASE.encode("utf-16-le"), "record", encoding="utf-16-le", warning="UTF-16-LE"),
        Case("utf16be.txt", RELEASE.encode("utf-16-be"), "record", encoding="utf-16-be", warning="UTF-16-BE"),
        Case("cp1252.txt", ("Caf\u00e9 na\u00efve \u00bd " + RELEASE).encode("cp1252"), "record", encoding="cp1252",
             warning="Windows-1252"),
        Case("utf8_stray_byte.txt", u("Caf\u00e9 d\u00e9j\u00e0 " + RELEASE) + b"\xff", "record", encoding="utf-8",
             warning="invalid UTF-8"),
        Case("utf16_broken.txt", b"\xff\xfe" + "Bupati".encode("utf-16-le") + b"\x00\xd8A\x00", "error",
             "does not decode"),
        Case("nested.html", u("<html><body>" + "<div>" * 3000 + f"<p>{SENT}</p>" + "</div>" * 3000 + "</body></html>"),
             "either", "no extractable article text"),
        Case("unclosed.html", u("<html><body><article><p>" + SENT + " <b>di <i>aula " + "<p>teks " * 500), "record"),
        Case("script_only.html", u("<html><head><script>var x = 1;</script><style>p{}</style></head>"
                                     "<body><script>alert(1)</script></body></html>"), "error", "no extractable"),
        Case("entities.html", u("<html><head><title>Bupati &amp; Camat Buka Pelatihan</title></head><body>"
                                  f"<article><p>{SENT} &amp;amp; &#x0; &#xD800; &#99999999; &bogus;</p>"
                                  f"<p>{SENT.replace('40', '41')}</p><p>{SENT.replace('40', '42')}</p>"
                                  "</article></body></html>"), "record"),
    ]


CASES = _cases()


def doc_text(path: str) -> str:
    """The text record offsets point into: decoded, without a '# source:' line, HTML boilerplate removed."""
    return read_file(path).text


def check_evidence(node: object, text: str, where: str = "record") -> int:
    """Every (start, end, text) triple in ``node`` is ``text[start:end]`` inside the text; returns the count."""
    n = 0
    if isinstance(node, dict):
        for s, e, t in TRIPLES:
            if isinstance(node.get(s), int) and isinstance(node.get(t), str):
                a, b = node[s], node[e]
                assert 0 <= a <= b <= len(text), f"{where}: span ({a}, {b}) outside a text of {len(text)}"
                assert text[a:b] == node[t], f"{where}.{t}: {node[t]!r} != text[{a}:{b}] = {text[a:b]!r}"
                n += 1
        for k, v in node.items():
            if k == "headline" and v is not None:   # its text is the clean form: see the xfail test below
                assert 0 <= v["start"] <= v["end"] <= len(text), f"{where}.headline outside the text"
            else:
                n += check_evidence(v, text, f"{where}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            n += check_evidence(v, text, f"{where}[{i}]")
    return n


def rows(path) -> list[dict]:
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def run_cli(folder, out, *extra: str) -> tuple[int, list[dict], list[dict]]:
    code = main(["run", str(folder), "-o", str(out), "--workers", "0", "--no-progress", *extra])
    return code, rows(out), rows(str(out)[:-6] + ".errors.jsonl")


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    """All hostile files in one folder, one run of the command over it."""
    base = tmp_path_factory.mktemp("hostile")
    folder = base / "in"
    folder.mkdir()
    for case in CASES:
        (folder / case.name).write_bytes(case.data)
    t0 = time.perf_counter()
    code, recs, errs = run_cli(folder, base / "out" / "records.jsonl")
    return folder, code, recs, errs, time.perf_counter() - t0


def test_the_suite_is_large_enough():
    assert len({c.name for c in CASES}) == len(CASES) >= 25


def test_every_input_accounted_for(hostile_run):
    folder, code, recs, errs, seconds = hostile_run
    assert code == 1                                       # some inputs are refused, the rest go on
    ids = sorted([r["doc_id"] for r in recs] + [e["doc_id"] for e in errs])
    assert ids == sorted(os.path.splitext(c.name)[0] for c in CASES)
    assert seconds < 300                                   # catastrophe guard only


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input(case, hostile_run):
    folder, _, recs, errs, _ = hostile_run
    doc_id = os.path.splitext(case.name)[0]
    rec = next((r for r in recs if r["doc_id"] == doc_id), None)
    err = next((e for e in errs if e["doc_id"] == doc_id), None)
    assert (rec is None) != (err is None), f"{case.name}: must end as exactly one record or error row"
    if err is not None:
        assert case.expect in ("error", "either"), f"{case.name} failed: {err}"
        assert err["stage"] == "input" and case.name in err["source"] and case.message in err["message"], err
        return
    assert case.expect in ("record", "either"), f"{case.name} should have been refused"
    validate(rec)
    assert rec["source"]["path"].endswith(case.name)
    if case.encoding:
        assert rec["source"]["encoding"] == case.encoding
    if case.warning:
        assert any(case.warning in w for w in rec["warnings"]), rec["warnings"]
    text = doc_text(str(folder / case.name))
    check_evidence(rec, text, case.name)
    assert sum(d["role"] == "event" for d in rec["dates"]) <= 1
    assert all(1900 <= int(v[:4]) <= 2100 for d in rec["dates"] for v in (d["value"], d["end_value"]) if v)


def test_txt_text_is_the_decoded_file_without_its_source_line(tmp_path):
    body = "Judul Rilis Dinas Sosial\n\u201cKami siap,\u201d kata Camat Budi.\n"
    for enc in ("utf-8", "utf-16-le", "utf-16-be", "cp1252"):
        data = ("# source: https://contoh.id/r\n" + body).encode(enc, errors="replace")
        p = tmp_path / f"r_{enc}.txt"
        p.write_bytes(data)
        expected = body if enc != "cp1252" else body.encode("cp1252", errors="replace").decode("cp1252")
        doc = read_file(str(p))
        assert (doc.text, doc.url) == (expected, "https://contoh.id/r")


def _jsonl_lines() -> tuple[list[str], dict[str, str]]:
    """Lines of a hostile JSONL batch, and for the lines that must become records, their text."""
    good = {"ok1": RELEASE, "dup": SENT, "../../escape": SENT, "/tmp/abs_escape": RELEASE,
            "surrogate": SENT + " \ud800 akhir."}
    lines = [json.dumps({"id": "ok1", "text": RELEASE, "published": "2023-03-07"}),
             "",                                                     # blank: skipped, not an input
             "{not json",
             json.dumps({"id": "no_text", "body": "tanpa field teks"}),
             json.dumps({"id": "num_text", "text": 42}),
             json.dumps({"id": "blank_text", "text": "  \n "}),
             json.dumps(["bukan", "objek"]),
             "[" * 100_000,                                          # deeper than the json module reads
             json.dumps({"id": "dup", "text": SENT, "url": 7, "published": "0001-01-01"}),
             json.dumps({"id": "dup", "text": SENT}),
             json.dumps({"id": "../../escape", "text": SENT}),
             json.dumps({"id": "/tmp/abs_escape", "text": RELEASE}),
             json.dumps({"id": "surrogate", "text": SENT + " \ud800 akhir."}),
             json.dumps({"id": "trunc", "text": RELEASE})[:-7]]      # truncated last line, no newline
    return lines, good


def test_jsonl_batch_every_line_accounted_and_ids_never_become_paths(tmp_path):
    lines, good = _jsonl_lines()
    src = tmp_path / "in"
    src.mkdir()
    (src / "batch.jsonl").write_text("\n".join(lines), encoding="utf-8")
    out_dir = tmp_path / "out"
    before = set(os.listdir(tmp_path.parent))
    code, recs, errs = run_cli(src, out_dir / "r.jsonl")
    assert code == 1
    assert len(recs) + len(errs) == sum(1 for ln in lines if ln.strip()) == 13
    assert sorted(os.listdir(out_dir)) == ["r.errors.jsonl", "r.jsonl"]
    assert set(os.listdir(tmp_path.parent)) == before and not os.path.exists("/tmp/abs_escape")
    assert sorted(r["doc_id"] for r in recs) == sorted(["ok1", "dup", "dup#2", "../../escape",
                                                        "/tmp/abs_escape", "surrogate"])
    problems = {e["source"].rsplit(":", 1)[1]: e["message"] for e in errs}
    assert all(e["source"].startswith(str(src / "batch.jsonl")) and e["stage"] == "input" for e in errs)
    assert "not valid JSON" in problems["3"] and "field 'text' is missing" in problems["4"]
    assert "is a int" in problems["5"] and "is empty" in problems["6"] and "not an object" in problems["7"]
    assert "nested too deeply" in problems["8"] and "not valid JSON" in problems["14"]
    for r in recs:
        validate(r)
        text = good[r["doc_id"].split("#")[0]].replace("\ud800", "\ufffd")
        check_evidence(r, text, r["doc_id"])
    by_id = {r["doc_id"]: r for r in recs}
    assert by_id["dup"]["source"]["url"] is None and by_id["dup"]["published_date"] is None
    assert any("surrogate" in w for w in by_id["surrogate"]["warnings"])


def test_html_is_parsed_without_fetching_anything(tmp_path, monkeypatch, nlp):
    secret = tmp_path / "secret.txt"
    secret.write_text("RAHASIA-XXE", encoding="utf-8")
    page = (f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">]><html><head>'
            '<link rel="stylesheet" href="http://127.0.0.1:9/a.css"><script src="http://127.0.0.1:9/a.js">'
            '</script><meta http-equiv="refresh" content="0;url=http://127.0.0.1:9/"><base href="http://127.0.0.1:9/">'
            f'</head><body><article><p>{SENT}</p><p>{SENT.replace("40", "41")}</p><p>&xxe;</p>'
            '<img src="http://127.0.0.1:9/a.jpg"><iframe src="http://127.0.0.1:9/"></iframe></article></body></html>')
    p = tmp_path / "page.html"
    p.write_text(page, encoding="utf-8")
    calls = []

    def refuse(*args, **kwargs):
        calls.append(args)
        raise OSError("network access attempted")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    doc = read_file(str(p))
    assert "RAHASIA" not in doc.text and "Rahmat Hidayat" in doc.text and not calls
    [rec] = nlp.pipe([doc], errors="yield")
    validate(rec.as_dict())
    check_evidence(rec.as_dict(), doc.text, "page.html")


@functools.lru_cache(maxsize=1)
def _rules_only():
    from extractor.pipeline import Settings, load

    try:
        return load(Settings(ner=False))
    except TypeError:               # a Settings without the NER switch
        return load()


def _big_release(size: int) -> str:
    """A release of ``size`` characters whose paragraphs all differ (repeats would be cleaned away)."""
    rng, out, n = random.Random(7), [RELEASE], len(RELEASE)
    while n < size:
        i = len(out)
        para = (f"Rapat koordinasi ke-{i} membahas {rng.choice(['banjir', 'lansia', 'stunting'])} di Desa "
                f"{rng.choice(['Sungai', 'Tanjung', 'Batu'])} {i}, {rng.randint(1, 28)} Maret 2023. Camat Budi{i} "
                f"menyebut {rng.randint(2, 900)} warga terdampak.\n\n")
        out.append(para)
        n += len(para)
    return "".join(out)


@pytest.mark.parametrize("name,text", [
    ("line_1m_chars", _rng_text(4, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789", 1_000_000)),
    ("parens_100k", "(" * 100_000),
    ("honorifics_100k", "H. " * 33_000),
    ("dates_100k", " ".join(f"{DAYS[i % 7]} ({i % 28 + 1}/{i % 12 + 1}/20{i % 30:02d})" for i in range(5000))),
    ("short_lines_100k", "A\n" * 50_000),
])
def test_large_hostile_text_finishes(name, text):
    nlp = _rules_only()
    doc = InputDoc(doc_id=name, text=text, source=name)
    t0 = time.perf_counter()
    [result] = nlp.pipe([doc], errors="yield")
    assert time.perf_counter() - t0 < 60, f"{name} took {time.perf_counter() - t0:.0f} s"   # catastrophe guard
    d = result.as_dict()
    if "stage" in d:                # an error row: only spaCy's length limit is allowed here
        assert "exceeds maximum" in d["message"], d
        return
    validate(d)
    check_evidence(d, text, name)


@pytest.mark.slow
def test_ten_megabyte_release_finishes_and_is_accounted(tmp_path):
    text = _big_release(10_000_000)
    nlp = _rules_only()
    t0 = time.perf_counter()
    out = list(nlp.pipe([InputDoc(doc_id="big", text=text, source="big.txt")], errors="yield"))
    assert time.perf_counter() - t0 < 120                  # catastrophe guard (a minute on a quiet machine)
    assert len(out) == 1
    d = out[0].as_dict()
    if "stage" in d:                # see test_text_over_a_million_characters_becomes_a_record
        assert d["doc_id"] == "big" and "exceeds maximum" in d["message"], d
    else:
        validate(d)
        check_evidence(d, text, "big")


def test_text_over_a_million_characters_becomes_a_record():
    text = _big_release(1_100_000)
    [result] = _rules_only().pipe([InputDoc(doc_id="long", text=text, source="long.txt")], errors="yield")
    validate(result.as_dict())


def test_headline_text_is_the_evidence(nlp):
    text = "Bupati Buka \u201cPelatihan\u201d Kader &amp; Relawan\n" + SENT
    rec = nlp.extract(text).as_dict()
    h = rec["headline"]
    assert h is not None and text[h["start"]:h["end"]] == h["text"]
