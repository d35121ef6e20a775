"""The command line: every input ends as a record or an error row, exit codes, no silent overwrite."""
import json
import os

import pytest

from extractor.cli import main
from extractor.record import validate

from .conftest import SAMPLES

GOOD = "Bintan - Bupati Bintan Rahmat Hidayat meninjau posyandu di Kijang, Selasa (3/10/2023)."


def rows(path):
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def test_run_on_samples_gives_one_valid_record_per_document(tmp_path, nlp):
    out = tmp_path / "out.jsonl"
    assert main(["run", SAMPLES, "-o", str(out), "--workers", "0"]) == 0
    docs = sorted(os.path.splitext(f)[0] for f in os.listdir(SAMPLES) if f.endswith((".txt", ".html")))
    recs = rows(out)
    assert sorted(r["doc_id"] for r in recs) == docs
    for r in recs:
        validate(r)
    assert rows(tmp_path / "out.errors.jsonl") == []


def test_mixed_folder_accounts_for_every_input(tmp_path, nlp, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(GOOD, encoding="utf-8")
    (src / "b.txt").write_bytes(b"\x00\x01\x02binary")
    (src / "c.txt").write_text("   \n", encoding="utf-8")
    (src / "d.jsonl").write_text(json.dumps({"id": "d1", "text": GOOD}) + "\n{broken\n", encoding="utf-8")
    (src / "gold.json").write_text("{}", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["run", str(src), "-o", str(out), "--workers", "0"]) == 1
    recs, errs = rows(out), rows(tmp_path / "out.errors.jsonl")
    assert sorted(r["doc_id"] for r in recs) == ["a", "d1"]
    assert len(errs) == 3 and all(e["stage"] == "input" and e["message"] for e in errs)
    assert {e["doc_id"] for e in errs} == {"b", "c", "d:2"}
    assert "5 documents, 2 records, 3 errors" in capsys.readouterr().err


def test_refuses_to_overwrite_without_force(tmp_path, nlp):
    src = tmp_path / "a.txt"
    src.write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text("keep me\n", encoding="utf-8")
    assert main(["run", str(src), "-o", str(out), "--workers", "0"]) == 2
    assert out.read_text(encoding="utf-8") == "keep me\n"
    assert main(["run", str(src), "-o", str(out), "--force", "--workers", "0"]) == 0
    assert rows(out)[0]["doc_id"] == "a"


def test_all_failed_and_bad_usage_exit_codes(tmp_path, nlp):
    bad = tmp_path / "x.txt"
    bad.write_bytes(b"\x00\x00")
    assert main(["run", str(bad), "-o", str(tmp_path / "o.jsonl"), "--workers", "0"]) == 3
    assert main(["run", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "p.jsonl")]) == 2
    with pytest.raises(SystemExit) as exc:
        main(["run"])
    assert exc.value.code == 2


def test_show_prints_facts_with_evidence(tmp_path, nlp, capsys):
    src = tmp_path / "a.txt"
    src.write_text(GOOD, encoding="utf-8")
    assert main(["show", str(src)]) == 0
    out = capsys.readouterr().out
    assert "Rahmat Hidayat" in out and "2023-10-03" in out and "[Rahmat Hidayat]" in out


def test_evaluate_prints_table_and_json(nlp, capsys):
    assert main(["evaluate", "--gold", SAMPLES]) == 0
    assert "people_strict" in capsys.readouterr().out
    assert main(["evaluate", "--gold", SAMPLES, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert "event_date" in report["samples"]["figures"]


@pytest.mark.parametrize("output,fmt,expected", [
    ("out/run.jsonl", None, ("out/run.jsonl", None)),
    ("out/run.parquet", None, ("out/run.jsonl", "out/run.parquet")),
    ("out/run/", None, ("out/run.jsonl", "out/run")),
    ("out/run.jsonl", "parquet", ("out/run.jsonl", "out/run.parquet")),
])
def test_output_paths(output, fmt, expected):
    from extractor.cli import output_paths

    assert output_paths(output, fmt) == expected


def test_parquet_output_gives_the_same_tables_as_the_jsonl(tmp_path, nlp):
    import pandas.testing as pdt

    import extractor

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(GOOD, encoding="utf-8")
    (src / "b.txt").write_bytes(b"\x00binary")
    assert main(["run", str(src), "-o", str(tmp_path / "run.parquet"), "--workers", "0"]) == 1
    from_parquet = extractor.read(tmp_path / "run.parquet")
    from_jsonl = extractor.read(tmp_path / "run.jsonl")
    assert len(from_parquet["documents"]) == 1 and len(from_parquet["errors"]) == 1
    for name, frame in from_jsonl.items():
        pdt.assert_frame_equal(frame, from_parquet[name])
    assert main(["run", str(src), "-o", str(tmp_path / "run.parquet"), "--workers", "0"]) == 2


def test_officials_command_writes_register_and_report(tmp_path, nlp, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(GOOD, encoding="utf-8")
    (src / "b.txt").write_text("Natuna - Bupati Natuna Rahmat Hidayat membuka pasar murah, Kamis (5/10/2023).",
                               encoding="utf-8")
    assert main(["run", str(src), "-o", str(tmp_path / "r.jsonl"), "--workers", "0"]) == 0
    assert main(["officials", str(tmp_path / "r.jsonl"), "-o", str(tmp_path / "off.jsonl")]) == 0
    entries = rows(tmp_path / "off.jsonl")
    assert any(e["name"] == "Rahmat Hidayat" for e in entries)
    assert main(["officials", str(tmp_path / "r.jsonl"), "-o", str(tmp_path / "off.html")]) == 0
    assert (tmp_path / "off.html").read_text(encoding="utf-8").lower().startswith("<!doctype html>")
    assert main(["officials", str(tmp_path / "r.jsonl"), "-o", str(tmp_path / "off.html")]) == 2
    assert main(["officials", str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "x.html")]) == 2


def test_evaluate_ner_scores_a_bio_file(tmp_path, capsys):
    bio = tmp_path / "dev.tsv"
    bio.write_text("Wali\tO\nKota\tO\nKendari\tB-LOCATION\nSulkarnain\tB-PERSON\nKadir\tI-PERSON\n"
                   "hadir\tO\n.\tO\n", encoding="utf-8")
    assert main(["evaluate", "--ner", str(bio), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    per = report[f"ner:{bio}"]["per_label"]["PER"]
    assert per["gold"] == 1 and 0.0 <= per["f"] <= 1.0
    assert main(["evaluate"]) == 2
    assert main(["evaluate", "--ner", str(tmp_path / "none.tsv")]) == 2


def test_stdin_jsonl_and_text(tmp_path, nlp, monkeypatch):
    import io
    import sys

    lines = (json.dumps({"id": "x1", "text": GOOD}) + "\n" + json.dumps({"id": "x2", "text": GOOD}) + "\n").encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines)))
    assert main(["run", "-", "--stdin-format", "jsonl", "-o", str(tmp_path / "a.jsonl"), "--workers", "0"]) == 0
    assert [r["doc_id"] for r in rows(tmp_path / "a.jsonl")] == ["x1", "x2"]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(GOOD.encode())))
    assert main(["run", "-", "-o", str(tmp_path / "b.jsonl"), "--workers", "0"]) == 0
    assert [r["doc_id"] for r in rows(tmp_path / "b.jsonl")] == ["stdin"]


def test_devset_gives_one_valid_record_per_document_and_none_for_gold(tmp_path, nlp):
    from .conftest import DEVSET

    if not os.path.isdir(DEVSET):
        pytest.skip("../shared/devset is not present")
    out = tmp_path / "dev.jsonl"
    assert main(["run", DEVSET, "-o", str(out), "--workers", "0"]) == 0
    docs = sorted(os.path.splitext(f)[0] for f in os.listdir(DEVSET) if f.endswith(".txt"))
    recs = rows(out)
    assert sorted(r["doc_id"] for r in recs) == docs
    for r in recs:
        validate(r)


def test_evaluate_scores_parts_apart_and_the_ner_model_beside(tmp_path, nlp, capsys):
    import shutil

    gold = tmp_path / "gold"
    gold.mkdir()
    for prefix, doc in (("t_", "s001"), ("f_", "s002"), ("f_", "s003")):
        for ext in (".txt", ".json"):
            shutil.copy(os.path.join(SAMPLES, doc + ext), gold / f"{prefix}{doc}{ext}")
    assert main(["evaluate", "--gold", str(gold), "--part", "tuned=t_*", "--part", "fresh=f_*", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["gold:tuned"]["documents"] == 1 and report["gold:fresh"]["documents"] == 2
    assert "people_strict" in report["gold:fresh"]["with_ner_model"]
    assert main(["evaluate", "--gold", str(gold), "--part", "nothing=x_*", "--no-compare-ner", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["gold"]["documents"] == 3      # no part matches: the whole folder
    assert main(["evaluate", "--gold", str(gold), "--part", "no-glob"]) == 2
