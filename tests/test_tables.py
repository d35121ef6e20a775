"""Flat tables: columns and dtypes, one row per fact, JSONL == Parquet, streaming and atomic writes."""
import json
import re
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from extractor import tables as T

ROOT = Path(__file__).resolve().parents[1]

TEXTS = {
    "t1": ("Kepala Dinas Sosial Kabupaten Tapin Hj. Mariani Safitri, S.Sos., M.Si. menyerahkan bantuan "
           "kepada korban banjir di Kecamatan Candi Laras Utara, Selasa (14/3/2023). \"Bantuan ini untuk "
           "warga yang rumahnya terendam,\" kata Mariani."),
    "t2": ("Wonosobo - Bupati Wonosobo Drs. Hartono Wibisono membuka rapat koordinasi penanganan fakir "
           "miskin dan penyandang disabilitas di Pendopo Wonosobo, Rabu (6/9/2023)."),
    "t3": "Pengumuman jadwal pelayanan kantor.",
}
ERRORS = [{"doc_id": "bad", "source": "in/bad.txt", "stage": "read", "error": "InputError",
           "message": "cannot be decoded"}]


@pytest.fixture(scope="module")
def records(nlp):
    return [nlp.extract(text, doc_id=doc_id).as_dict() for doc_id, text in TEXTS.items()]


def hand_record(doc_id="h1", **over):
    """A minimal record dict written by hand (the schema's shape, few facts)."""
    rec = {"doc_id": doc_id, "source": {"path": None, "url": None, "sha256": "", "format": "txt", "encoding": "utf-8"},
           "headline": None, "dateline": None, "byline": [], "published_date": "2024-02-01",
           "event": {"type": None, "types": [], "date": None, "date_text": None, "date_start": None,
                     "date_end": None, "venue": None, "region": None},
           "people": [], "roles_without_name": [], "places": [], "regions": [], "organizations": [],
           "dates": [], "welfare": {"categories": [], "terms": []}, "quotes": [], "warnings": [],
           "versions": {"pipeline": "0.1.0", "schema": 1, "models": {}}, "schema_version": 1}
    rec.update(over)
    return rec


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture()
def jsonl(tmp_path, records):
    write_jsonl(tmp_path / "recs.errors.jsonl", ERRORS)
    return write_jsonl(tmp_path / "recs.jsonl", records)


@pytest.mark.parametrize("name", list(T.TABLES))
def test_columns_and_dtypes_follow_the_spec(jsonl, name):
    df = T.read(jsonl)[name]
    assert list(df.columns) == [c for c, _ in T.TABLES[name]]
    assert {c: str(t) for c, t in df.dtypes.items()} == {c: T._PANDAS[k] for c, k in T.TABLES[name]}


def test_one_row_per_record_person_and_quote(jsonl, records):
    t = T.read(jsonl)
    assert list(t["documents"]["doc_id"]) == ["t1", "t2", "t3"]
    assert len(t["people"]) == sum(len(r["people"]) for r in records) >= 2
    assert len(t["quotes"]) == sum(len(r["quotes"]) for r in records) >= 1
    assert list(t["documents"]["n_people"]) == [len(r["people"]) for r in records]
    assert list(t["errors"]["doc_id"]) == ["bad"]


def test_person_columns(jsonl):
    people = T.read(jsonl)["people"].set_index("name")
    row = people.loc["Mariani Safitri"]
    assert (row["honorifics"], row["degrees"]) == ("Hj.", "S.Sos.; M.Si.")
    assert row["office"] == "Kepala Dinas" and row["n_mentions"] == 2
    text = TEXTS["t1"]
    assert text[row["first_start"]:row["first_end"]].startswith("Hj. Mariani Safitri")
    assert text[row["title_start"]:row["title_end"]] == row["title"]


def test_dates_are_real_dates(jsonl):
    docs = T.read(jsonl)["documents"].set_index("doc_id")
    assert docs.loc["t1", "event_date"] == pd.Timestamp("2023-03-14")
    assert docs.loc["t2", "event_date"] == pd.Timestamp("2023-09-06")
    assert pd.isna(docs.loc["t3", "event_date"])


def test_a_term_with_two_categories_gives_two_rows(tmp_path):
    term = {"text": "gepeng", "start": 0, "end": 6, "canonical": "Gelandangan dan Pengemis",
            "categories": ["ketunaan_sosial", "kemiskinan"], "source": "UU 11/2009 5(2)"}
    rec = hand_record(welfare={"categories": ["kemiskinan", "ketunaan_sosial"], "terms": [term, term | {"start": 9, "end": 15, "categories": ["kemiskinan"]}]})
    wt = T.read(write_jsonl(tmp_path / "r.jsonl", [rec]))["welfare_terms"]
    assert list(zip(wt["term_index"], wt["category"])) == [(0, "ketunaan_sosial"), (0, "kemiskinan"), (1, "kemiskinan")]
    assert list(wt["n_categories"]) == [2, 2, 1]
    assert wt["categories"].iloc[0] == "ketunaan_sosial; kemiskinan"


@pytest.mark.parametrize("code, level, path, expected", [
    ("63", 1, "Kalimantan Selatan", ("63", "Kalimantan Selatan", None)),
    ("63.05", 2, "Kabupaten Tapin, Kalimantan Selatan", ("63", "Kalimantan Selatan", "63.05")),
    ("63.05.06", 3, "Candi Laras Utara, Kabupaten Tapin, Kalimantan Selatan", ("63", "Kalimantan Selatan", "63.05")),
    ("33.07.08.2021", 4, "Reco, Kertek, Kabupaten Wonosobo, Jawa Tengah", ("33", "Jawa Tengah", "33.07")),
])
def test_region_codes(tmp_path, code, level, path, expected):
    region = {"code": code, "name": path.split(", ")[0], "level": level, "type": "x", "path": path,
              "mentions": [{"start": 5, "end": 9, "text": "x"}, {"start": 1, "end": 3, "text": "y"}]}
    rec = hand_record(regions=[region], event={**hand_record()["event"], "region": {"code": code, "name": "x", "level": level}})
    t = T.read(write_jsonl(tmp_path / "r.jsonl", [rec]))
    row = t["regions"].iloc[0]
    got = (row["province_code"], row["province"], None if pd.isna(row["regency_code"]) else row["regency_code"])
    assert got == expected
    assert (row["n_mentions"], row["first_start"], row["first_end"]) == (2, 1, 3)
    assert t["documents"]["event_province"].iloc[0] == expected[1]


def test_lists_are_joined_and_empty_lists_are_null(tmp_path):
    rec = hand_record(warnings=["weekday 'Rabu' does not match; the written date is used", "ambiguous place"],
                      event={**hand_record()["event"], "types": ["aid_distribution", "disaster_response"]})
    doc = T.read(write_jsonl(tmp_path / "r.jsonl", [rec, hand_record("h2")]))["documents"]
    assert doc["warnings"].iloc[0] == "weekday 'Rabu' does not match; the written date is used | ambiguous place"
    assert doc["event_types"].iloc[0] == "aid_distribution; disaster_response"
    assert pd.isna(doc["warnings"].iloc[1]) and pd.isna(doc["event_types"].iloc[1])
    assert list(doc["n_warnings"]) == [2, 0]


def assert_tables_equal(a, b):
    assert list(a) == list(b) == list(T.TABLES)
    for name in T.TABLES:
        pd.testing.assert_frame_equal(a[name], b[name], obj=name)


def test_empty_inputs_give_empty_tables_with_columns(tmp_path):
    from_jsonl = T.read(write_jsonl(tmp_path / "empty.jsonl", []))
    T.write_parquet([], [], tmp_path / "pq")
    from_parquet = T.read(tmp_path / "pq")
    assert_tables_equal(from_jsonl, T.empty_tables())
    assert_tables_equal(from_parquet, T.empty_tables())
    assert all(len(df) == 0 for df in from_parquet.values())
    assert sorted(p.name for p in (tmp_path / "pq").iterdir()) == sorted(f"{n}.parquet" for n in T.TABLES)


def test_jsonl_and_parquet_read_back_identical(tmp_path, jsonl, records):
    counts = T.write_parquet(iter(records), iter(ERRORS), tmp_path / "tables")
    assert counts["documents"] == 3 and counts["errors"] == 1
    assert_tables_equal(T.read(jsonl), T.read(tmp_path / "tables"))


def test_parquet_is_written_in_row_groups_as_records_arrive(tmp_path, records):
    out = tmp_path / "tables"
    writer = T.TableWriter(out, row_group_size=2)
    for rec in records:
        writer.add_record(rec)
    assert writer.rows_written["documents"] == 2  # one row group on disk, one row buffered
    assert not out.exists() and (tmp_path / "tables.part").is_dir()
    writer.commit()
    assert not (tmp_path / "tables.part").exists()
    assert pq.ParquetFile(out / "documents.parquet").num_row_groups == 2
    assert pq.ParquetFile(out / "documents.parquet").metadata.num_rows == 3
    people = pq.ParquetFile(out / "people.parquet").metadata
    sizes = [people.row_group(i).num_rows for i in range(people.num_row_groups)]
    assert sum(sizes) == sum(len(r["people"]) for r in records) and all(n == 2 for n in sizes[:-1])


def test_a_failure_midway_leaves_no_output(tmp_path, records):
    def failing():
        yield from records
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        T.write_parquet(failing(), [], tmp_path / "tables", row_group_size=1)
    assert list(tmp_path.iterdir()) == []


def test_an_existing_output_is_replaced_only_when_asked(tmp_path, records):
    out = tmp_path / "tables"
    T.write_parquet(records[:1], [], out)
    with pytest.raises(T.TablesError, match="exists"):
        T.write_parquet(records, [], out)
    T.write_parquet(records, [], out, overwrite=True)
    assert len(T.read(out)["documents"]) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tables"]


@pytest.mark.parametrize("setup, message", [
    (lambda p: None, "does not exist"),
    (lambda p: p.mkdir(), "no documents.parquet"),
    (lambda p: p.write_text('{"doc_id": "a"}\n{broken\n', encoding="utf-8"), r":2: not a JSON line"),
])
def test_read_errors_say_what_is_wrong(tmp_path, setup, message):
    path = tmp_path / "x.jsonl"
    setup(path)
    with pytest.raises(T.TablesError, match=message):
        T.read(path)


def test_docs_list_every_column_with_its_dtype():
    doc = (ROOT / "docs" / "tables.md").read_text(encoding="utf-8")
    for name, cols in T.TABLES.items():
        section = re.search(rf"## `{name}`.*?(?=\n## |\Z)", doc, re.S)
        assert section, name
        rows = re.findall(r"^\| `(\w+)` \| `([\w\[\]]+)` \|", section.group(0), re.M)
        assert rows == [(c, T._PANDAS[k]) for c, k in cols], name


def test_a_full_disk_leaves_no_tables_folder(small_fs, records):
    from extractor.errors import OutputError

    fs = small_fs("64k")
    with pytest.raises(OutputError, match="tables"):
        T.write_parquet(iter(records * 200), iter(ERRORS), fs / "tables", row_group_size=50)
    assert list(fs.iterdir()) == []
