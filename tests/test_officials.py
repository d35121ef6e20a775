"""officials: the register across records; each merge rule and each flag, both ways.

Records are built by hand (``Doc``): invented people in short texts in the style of the releases, with
offsets that point into the text the builder writes, so evidence can be cut from it too."""
import json

import pytest

from extractor.officials import (RegisterError, build_register, edit1, initials_match, name_key, nested,
                                 spelling_key, to_dataframe, write_jsonl, write_table)

REGIONS = {  # word as written in a title -> (code, name, level)
    "Tapin": ("63.05", "Kabupaten Tapin", 2),
    "Bone": ("73.08", "Kabupaten Bone", 2),
    "Candi Laras Utara": ("63.05.06", "Candi Laras Utara", 3),
}


class Doc:
    """Builds one record dict (and its text) the way ``Record.as_dict()`` gives it."""

    def __init__(self, doc_id, date="2023-03-14", region="Tapin"):
        self.doc_id, self.date, self.text = doc_id, date, ""
        self.people, self.quotes, self.roles, self.dates, self.regions = [], [], [], [], {}
        self.region = region
        if region:
            code, name, level = REGIONS[region]
            self.regions[code] = {"code": code, "name": name, "level": level, "type": "kabupaten", "path": name,
                                  "mentions": []}

    def _add(self, s):
        start = len(self.text)
        self.text += s
        return start

    def person(self, name, title=None, *, written=None, office=None, acting=None, represents=None,
               roles=("speaker",), quote=None):
        written = written or name
        start = self._add(f"{title} " if title else "")
        n = self._add(written)
        self._add(" mengatakan bantuan sudah disalurkan kepada warga. ")
        t = None
        if title:
            label = title.split(" ", 1)[1] if acting else title
            head = office or label.split()[0]
            region = next((w for w in REGIONS if w in title), None)
            t = {"text": title, "start": start, "end": start + len(title), "office": head,
                 "institution": label[len(head):].replace(region or "\0", "").strip() or None,
                 "region": region, "acting": acting}
            if region:
                code, full, level = REGIONS[region]
                at = start + title.index(region)
                self.regions.setdefault(code, {"code": code, "name": full, "level": level, "type": "x", "path": full,
                                               "mentions": []})["mentions"].append(
                    {"start": at, "end": at + len(region), "text": region})
        self.people.append({"name": name, "name_as_written": written, "honorifics": [], "degrees": [], "title": t,
                            "acting": acting, "roles": list(roles), "represents": represents,
                            "mentions": [{"start": n, "end": n + len(written), "text": written}]})
        if quote:
            q = self._add(f'"{quote}," ') + 1
            self.quotes.append({"text": quote + ",", "start": q, "end": q + len(quote) + 1, "speaker": name,
                                "speaker_index": len(self.people) - 1, "cue": "kata"})
        return self

    def nameless_quote(self, quote, office_text, office):
        q = self._add(f'"{quote}," kata ') + 1
        r = self._add(office_text)
        self._add(". ")
        self.quotes.append({"text": quote + ",", "start": q, "end": q + len(quote) + 1, "speaker": None,
                            "speaker_index": None, "cue": "kata"})
        self.roles.append({"text": office_text, "start": r, "end": r + len(office_text), "office": office,
                           "acting": None, "roles": []})
        return self

    def weekday(self, written, value, weekday, mismatch=True):
        s = self._add(written)
        self._add(". ")
        self.dates.append({"text": written, "start": s, "end": s + len(written), "value": value, "end_value": None,
                           "role": "event", "weekday": weekday, "weekday_mismatch": mismatch,
                           "year_inferred": False, "relative": False, "source": "grammar"})
        return self

    def record(self):
        ev_region = None
        if self.region:
            code, name, level = REGIONS[self.region]
            ev_region = {"code": code, "name": name, "level": level}
        return {"doc_id": self.doc_id, "source": {"path": None, "url": f"https://example.go.id/{self.doc_id}",
                                                  "sha256": "", "format": "txt", "encoding": "utf-8"},
                "headline": None, "dateline": None, "byline": [], "published_date": self.date,
                "event": {"type": "aid_distribution", "types": ["aid_distribution"], "date": self.date,
                          "date_text": None, "date_start": None, "date_end": None, "venue": None,
                          "region": ev_region},
                "people": self.people, "roles_without_name": self.roles, "places": [],
                "regions": list(self.regions.values()), "organizations": [], "dates": self.dates,
                "welfare": {"categories": ["korban_bencana"], "terms": []}, "quotes": self.quotes,
                "warnings": [], "versions": {"pipeline": "0.1.0", "schema": 1, "models": {}}, "schema_version": 1}


def reg(*docs, **kw):
    return build_register((d.record() for d in docs), use_source_path=False, **kw)


def names(register):
    return sorted(e["name"] for e in register.officials)


def rules(register):
    return sorted({r["rule"] for e in register.officials for r in e["merge_reasons"]})


# ------------------------------------------------------------------ helpers

@pytest.mark.parametrize("a, b, expected", [
    ("H. Rahmadi  NOOR", "h rahmadi noor", True), ("Ma'ruf Amin", "maruf amin", True),
    ("Budi-Santoso", "budi santoso", True), ("Budi Santoso", "budi santosa", False)])
def test_name_key(a, b, expected):
    assert (name_key(a) == b) is expected


@pytest.mark.parametrize("a, b, expected", [
    ("djoko soeprapto", "joko suprapto", True), ("achmad effendy", "ahmad efendi", True),
    ("budi santoso", "budi susanto", False)])
def test_spelling_key(a, b, expected):
    assert (spelling_key(a) == spelling_key(b)) is expected


@pytest.mark.parametrize("a, b, expected", [
    ("rahmadi noor", "rahmadi nor", True), ("rahmadi noor", "rahmadi noorr", True), ("budi", "bdui", True),
    ("rahmadi noor", "rahmadi nuur", False), ("abc", "abc", False)])
def test_edit1(a, b, expected):
    assert edit1(a, b) is expected


@pytest.mark.parametrize("a, b, expected", [
    ("rahmadi m noor", "rahmadi noor", "a missing or extra initial"),
    ("m nasir", "muhammad nasir", "an initial for a name word"),
    ("a nasir", "b nasir", None), ("m nasir", "budi nasir", None)])
def test_initials_match(a, b, expected):
    assert initials_match(a, b) == expected


@pytest.mark.parametrize("a, b, expected", [
    ("63.05", "63.05.06", True), ("63", "63.05", True), ("63.05", "63.050", False), ("63.05", "73.08", False),
    (None, "63.05", False)])
def test_nested(a, b, expected):
    assert nested(a, b) is expected


# ------------------------------------------------------------------ merge rules, both ways

CAMAT = "Camat Candi Laras Utara"
KADIS = "Kepala Dinas Sosial Tapin"


@pytest.mark.parametrize("a, b, merged, rule", [
    # 1 same name: same region merges, different regions and offices stay apart
    (("Rahmadi Noor", KADIS, "Tapin"), ("Rahmadi Noor", None, "Tapin"), True, None),
    (("Rahmadi Noor", KADIS, "Tapin"), ("Rahmadi Noor", "Kepala Dinas Sosial Bone", "Bone"), False, None),
    (("Rahmadi Noor", "Camat Candi Laras Utara", "Tapin"), ("Rahmadi Noor", "Camat Bone", "Bone"), False, None),
    # case, spacing and punctuation
    (("Rahmadi Noor", KADIS, "Tapin"), ("RAHMADI  NOOR", KADIS, "Tapin"), True, None),
    # 2 spelling
    (("Djoko Santoso", CAMAT, "Tapin"), ("Joko Santoso", CAMAT, "Tapin"), True, "spelling"),
    (("Syamsul Effendi", KADIS, "Tapin"), ("Syamsul Efendi", None, "Tapin"), True, "spelling"),
    (("Djoko Santoso", CAMAT, "Tapin"), ("Joko Santoso", "Camat Bone", "Bone"), False, None),
    # 3 initials
    (("Rahmadi M. Noor", KADIS, "Tapin"), ("Rahmadi Noor", None, "Tapin"), True, "initial"),
    (("M. Nasir", CAMAT, "Tapin"), ("Muhammad Nasir", CAMAT, "Tapin"), True, "initial"),
    (("A. Nasir", CAMAT, "Tapin"), ("B. Nasir", CAMAT, "Tapin"), False, None),
    (("M. Nasir", CAMAT, "Tapin"), ("Muhammad Nasir", "Camat Bone", "Bone"), False, None),
    (("M. Nasir", CAMAT, "Tapin"), ("Muhammad Nasir", None, "Tapin"), False, None),
    # 4 a name word dropped: same office and region only
    (("Abdul Wahab Hasan", KADIS, "Tapin"), ("Abdul Wahab", KADIS, "Tapin"), True, "short_form"),
    (("Rina Budi Santoso", "Ketua PKK Tapin", "Tapin"), ("Budi Santoso", "Bupati Tapin", "Tapin"), False, None),
    # 5 one-letter typo: same office and region only
    (("Ratna Kusuma", KADIS, "Tapin"), ("Ratna Kusumah", KADIS, "Tapin"), True, "typo"),
    (("Hendra Wijaya", CAMAT, "Tapin"), ("Hendra Wijana", CAMAT, "Tapin"), True, "typo"),
    (("Ratna Kusuma", KADIS, "Tapin"), ("Ratna Kusumah", CAMAT, "Tapin"), False, None),
    (("Ratna Kusuma", KADIS, "Tapin"), ("Ratna Kusumah", "Kepala Dinas Sosial Bone", "Bone"), False, None),
    (("Ratna Kusuma", KADIS, "Tapin"), ("Ratna Kusumah", None, "Tapin"), False, None),
    (("Rahmadi Noor", KADIS, "Tapin"), ("Rahmadi Nor", None, "Tapin"), True, "spelling"),
])
def test_merge_rules(a, b, merged, rule):
    (na, ta, ra), (nb, tb, rb) = a, b
    office = {"Kepala Dinas Sosial Tapin": "Kepala Dinas", "Kepala Dinas Sosial Bone": "Kepala Dinas",
              "Ketua PKK Tapin": "Ketua PKK"}
    r = reg(Doc("a1", region=ra).person(na, ta, office=office.get(ta)),
            Doc("b1", "2023-05-02", region=rb).person(nb, tb, office=office.get(tb)))
    assert len(r.officials) == (1 if merged else 2), names(r)
    if rule:
        assert rules(r) == [rule]
        assert r.officials[0]["merge_reasons"][0]["why"]
    if not merged:
        assert rules(r) == []


def test_honorifics_and_degrees_are_variants_of_one_name():
    r = reg(Doc("a1").person("Rahmadi Noor", KADIS, office="Kepala Dinas", written="H. Rahmadi Noor, S.Sos."),
            Doc("a2").person("Rahmadi Noor", None))
    (e,) = r.officials
    assert e["name"] == "Rahmadi Noor" and e["n_docs"] == 2
    assert [(v["form"], v["why"]) for v in e["variants"]] == [
        ("H. Rahmadi Noor, S.Sos.", "honorifics or degrees around 'Rahmadi Noor'")]


def test_case_variant_says_why():
    r = reg(Doc("a1").person("Rahmadi Noor", KADIS, office="Kepala Dinas"),
            Doc("a2").person("Rahmadi Noor", None), Doc("a3").person("RAHMADI NOOR", None))
    assert r.officials[0]["name"] == "Rahmadi Noor"
    assert r.officials[0]["variants"] == [{"form": "RAHMADI NOOR", "count": 1, "why": "case, spacing or punctuation"}]


@pytest.mark.parametrize("together, expected", [(True, 2), (False, 1)])
def test_names_seen_as_two_people_in_one_release_stay_apart(together, expected):
    if together:
        docs = [Doc("a1").person("Rahmadi Noor", KADIS, office="Kepala Dinas").person("Rahmadi M. Noor", None)]
    else:
        docs = [Doc("a1").person("Rahmadi Noor", KADIS, office="Kepala Dinas"), Doc("a2").person("Rahmadi M. Noor", None)]
    assert len(reg(*docs).officials) == expected


@pytest.mark.parametrize("second_title, expected", [(KADIS, 1), (None, 2), ("Camat Bone", 2)])
def test_same_name_without_region_needs_an_office_in_common(second_title, expected):
    a = Doc("a1", region=None).person("Hendra Wijaya", KADIS, office="Kepala Dinas")
    b = Doc("b1", region=None).person("Hendra Wijaya", second_title,
                                      office="Kepala Dinas" if second_title == KADIS else None)
    assert len(reg(a, b).officials) == expected


def test_a_cluster_never_spans_two_unnested_regions():
    # the region-less mention may join one side, but never bridges Tapin and Bone
    r = reg(Doc("a1").person("Hendra Wijaya", KADIS, office="Kepala Dinas"),
            Doc("b1", region="Bone").person("Hendra Wijaya", "Kepala Dinas Sosial Bone", office="Kepala Dinas"),
            Doc("c1", region=None).person("Hendra Wijaya", KADIS, office="Kepala Dinas"))
    assert len(r.officials) == 2
    assert all(len(e["regions"]) == 1 for e in r.officials)


# ------------------------------------------------------------------ offices, acting, representation, quotes

def test_offices_over_time_and_acting_periods():
    r = reg(Doc("a1", "2023-01-10").person("Rahmadi Noor", "Plt. Kepala Dinas Sosial Tapin", office="Kepala Dinas",
                                           acting="Plt."),
            Doc("a2", "2023-02-20").person("Rahmadi Noor", "Plt. Kepala Dinas Sosial Tapin", office="Kepala Dinas",
                                           acting="Plt."),
            Doc("a3", "2023-08-01").person("Rahmadi Noor", KADIS, office="Kepala Dinas"))
    (e,) = r.officials
    assert [(o["office"], o["acting"], o["first_seen"], o["last_seen"], o["n_docs"]) for o in e["offices"]] == [
        ("Kepala Dinas Sosial Tapin", "Plt.", "2023-01-10", "2023-02-20", 2),
        ("Kepala Dinas Sosial Tapin", None, "2023-08-01", "2023-08-01", 1)]
    assert e["acting"][0]["acting"] == "Plt." and e["offices"][0]["region_code"] == "63.05"
    assert [d["doc_id"] for d in e["offices"][0]["docs"]] == ["a1", "a2"]


def test_representation_both_directions_and_quotes():
    d = (Doc("a1").person("Siti Aminah", KADIS, office="Kepala Dinas", roles=("represented",))
         .person("Yusuf Hakim", "Sekretaris Dinas Sosial", office="Sekretaris Dinas", represents="Siti Aminah",
                 quote="Bantuan tahap kedua akan kami salurkan pekan depan")
         .person("Rahmadi Noor", "Asisten Setda Tapin", office="Asisten", represents="Bupati Tapin"))
    r = reg(d)
    by = {e["name"]: e for e in r.officials}
    assert by["Yusuf Hakim"]["represents"][0]["official_id"] == by["Siti Aminah"]["id"]
    assert by["Siti Aminah"]["represented_by"][0]["name"] == "Yusuf Hakim"
    assert by["Rahmadi Noor"]["represents"][0] == {**by["Rahmadi Noor"]["represents"][0], "official_id": None,
                                                   "name": "Bupati Tapin"}
    assert by["Yusuf Hakim"]["n_quotes"] == 1
    assert by["Yusuf Hakim"]["quotes"][0]["text"].startswith("Bantuan tahap kedua")


@pytest.mark.parametrize("with_text, origin", [(True, "text"), (False, "record")])
def test_evidence_sentence_from_text_or_from_record(tmp_path, with_text, origin):
    d = Doc("a1").person("Rahmadi Noor", KADIS, office="Kepala Dinas", written="H. Rahmadi Noor")
    if with_text:
        (tmp_path / "a1.txt").write_text(d.text, encoding="utf-8")
    r = reg(d, texts=tmp_path)
    ev = r.officials[0]["offices"][0]["evidence"][0]
    assert ev["from"] == origin and ev["doc_id"] == "a1" and ev["link"] == "https://example.go.id/a1"
    expected = ("Kepala Dinas Sosial Tapin H. Rahmadi Noor mengatakan bantuan sudah disalurkan kepada warga."
                if with_text else "Kepala Dinas Sosial Tapin H. Rahmadi Noor")
    assert ev["sentence"] == expected


# ------------------------------------------------------------------ flags, both ways

def kinds(register):
    return sorted(f["kind"] for f in register.flags)


@pytest.mark.parametrize("second_date, second_title, flagged", [
    ("2023-03-10", CAMAT, True),                             # 9 days apart, two offices
    ("2023-09-01", CAMAT, False),                            # months apart: a move, not a contradiction
    ("2023-03-05", "Plt. Kepala Dinas Sosial Tapin", False),  # the same office, acting
])
def test_flag_office_conflict(second_date, second_title, flagged):
    acting = "Plt." if second_title.startswith("Plt.") else None
    r = reg(Doc("a1", "2023-03-01").person("Rahmadi Noor", KADIS, office="Kepala Dinas"),
            Doc("a2", second_date).person("Rahmadi Noor", second_title, acting=acting,
                                          office="Kepala Dinas" if acting else None))
    assert len(r.officials) == 1
    assert kinds(r) == (["office_conflict"] if flagged else [])
    if flagged:
        f = r.flags[0]
        assert f["days_apart"] == 9 and f["officials"] == [r.officials[0]["id"]]
        assert r.officials[0]["flags"] == [f["id"]]


@pytest.mark.parametrize("b_dates, b_title, flagged", [
    (["2023-03-05"], "Bupati Tapin", True),                  # inside A's period
    (["2023-06-20"], "Bupati Tapin", True),                  # within the slack after A's last date
    (["2023-09-01", "2023-11-01"], "Bupati Tapin", False),   # after A: a successor
    (["2023-03-05"], "Plt. Bupati Tapin", False),            # an acting holder beside the definitive one
    (["2023-03-05"], "Wakil Bupati Tapin", False),           # another office
])
def test_flag_office_two_holders(b_dates, b_title, flagged):
    acting = "Plt." if b_title.startswith("Plt.") else None
    office = "Wakil Bupati" if b_title.startswith("Wakil") else "Bupati"
    docs = [Doc("a1", "2023-01-10").person("Hendra Wijaya", "Bupati Tapin"),
            Doc("a2", "2023-06-15").person("Hendra Wijaya", "Bupati Tapin")]
    docs += [Doc(f"b{n}", d).person("Yusuf Hakim", b_title, acting=acting, office=office) for n, d in enumerate(b_dates)]
    r = reg(*docs)
    assert kinds(r) == (["office_two_holders"] if flagged else [])
    if flagged:
        assert sorted(r.flags[0]["officials"]) == sorted(e["id"] for e in r.officials)


@pytest.mark.parametrize("mismatch", [True, False])
def test_flag_weekday_mismatch(mismatch):
    d = Doc("a1").person("Rahmadi Noor", KADIS, office="Kepala Dinas").weekday("Kamis (12/5/2023)", "2023-05-12",
                                                                             "Kamis", mismatch)
    r = reg(d)
    assert kinds(r) == (["weekday_mismatch"] if mismatch else [])
    if mismatch:
        assert r.flags[0]["docs"][0]["doc_id"] == "a1" and r.flags[0]["officials"] == [r.officials[0]["id"]]
        assert "Kamis" in r.flags[0]["message"]


@pytest.mark.parametrize("named, candidates", [(False, True), (True, False)])
def test_flag_office_without_name(named, candidates):
    holder = Doc("a0", "2023-03-01").person("Rahmadi Noor", KADIS, office="Kepala Dinas")
    if named:
        d = Doc("a1").person("Siti Aminah", CAMAT, quote="Air sudah surut dan warga mulai kembali ke rumah")
    else:
        d = Doc("a1").nameless_quote("Air sudah surut dan warga mulai kembali ke rumah", KADIS, "Kepala Dinas")
    r = reg(holder, d)
    assert kinds(r) == ([] if named else ["office_without_name"])
    if not named:
        f = r.flags[0]
        assert f["office"] == KADIS and f["quote"].startswith("Air sudah surut")
        assert f["candidates"] == [e["id"] for e in r.officials if e["name"] == "Rahmadi Noor"]


# ------------------------------------------------------------------ output and errors

def test_outputs_jsonl_and_table(tmp_path):
    r = reg(Doc("a1", "2023-03-01").person("Rahmadi Noor", KADIS, office="Kepala Dinas"),
            Doc("a2", "2023-03-05").person("Rahmadi Noor", CAMAT), Doc("a3").person("Siti Aminah", None))
    path, flags = write_jsonl(r, tmp_path / "officials.jsonl")
    with open(path, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    assert [row["name"] for row in rows] == ["Rahmadi Noor", "Siti Aminah"]
    with open(flags, encoding="utf-8") as fh:
        assert [json.loads(line)["kind"] for line in fh] == ["office_conflict"]
    df = to_dataframe(r)
    assert list(df["name"]) == ["Rahmadi Noor", "Rahmadi Noor", "Siti Aminah"]    # one row per official-office
    assert list(df["office"].fillna("")) == ["Kepala Dinas Sosial Tapin", CAMAT, ""]
    out = write_table(r, tmp_path / "officials.csv")
    with open(out, encoding="utf-8") as fh:
        assert fh.readline().startswith("official_id,name,variants,office")
    assert (tmp_path / "officials.flags.csv").exists()
    with pytest.raises(RegisterError):
        write_table(r, tmp_path / "officials.xlsx")


def test_bad_record_is_a_clear_error():
    with pytest.raises(RegisterError, match="doc_id"):
        build_register([{"people": []}])


def test_stats_for_charts():
    r = reg(Doc("a1", "2023-03-01").person("Rahmadi Noor", KADIS, office="Kepala Dinas"),
            Doc("a2", "2023-04-02", region="Bone").person("Siti Aminah", None))
    assert r.stats["months"] == {"2023-03": 1, "2023-04": 1}
    assert r.stats["welfare_by_region"]["63.05"] == {"name": "Kabupaten Tapin", "categories": {"korban_bencana": 1}}


def test_a_full_disk_leaves_no_half_written_register(small_fs, capsys):
    from extractor import cli
    from extractor.errors import OutputError
    from extractor.report import write_html

    r = reg(*[Doc(f"a{i}", "2023-03-01").person(f"Rahmadi Noor{i}", KADIS, office="Kepala Dinas") for i in range(200)])
    fs = small_fs("8k")  # two pages: one for the previous register, one is too few for the new one
    (fs / "officials.jsonl").write_text("previous\n", encoding="utf-8")
    for write, name in ((write_jsonl, "officials.jsonl"), (write_table, "officials.csv"), (write_html, "report.html")):
        with pytest.raises(OutputError, match=r"No space left on device \(ENOSPC\)"):
            write(r, fs / name)
        assert sorted(p.name for p in fs.iterdir()) == ["officials.jsonl"]
        assert (fs / "officials.jsonl").read_text(encoding="utf-8") == "previous\n"
    records = small_fs("1m", "records") / "records.jsonl"
    records.write_text("".join(json.dumps(d.record()) + "\n" for d in
                               [Doc(f"b{i}").person(f"Siti Aminah{i}", CAMAT) for i in range(60)]), encoding="utf-8")
    code = cli.main(["officials", str(records), "-o", str(fs / "report.html"), "--no-source-path"])
    err = capsys.readouterr().err
    assert code == 4 and "Traceback" not in err and f"{fs / 'report.html'}" in err and "ENOSPC" in err
    assert sorted(p.name for p in fs.iterdir()) == ["officials.jsonl"]
