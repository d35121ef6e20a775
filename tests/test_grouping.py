"""Event grouping on hand-written records: signals, vetoes, clustering, merged facts, disagreements."""
import pytest

from extractor.grouping import GroupSettings, group
from extractor.grouping.signals import compare, one_field_slip
from extractor.grouping.sketch import day, name_key, same_person, sketch

S = GroupSettings(use_source_path=False)

BRIDGE = ("Bupati Sukamaju meresmikan jembatan gantung sepanjang delapan puluh meter yang menghubungkan "
          "Desa Karangjati dan Desa Wonorejo dibangun dari dana desa senilai satu miliar rupiah")
FEAST = ("Warga Desa Karangjati menggelar syukuran dengan tumpeng dan doa bersama malam hari bersama "
         "bupati menyambut selesainya pembangunan jembatan desa")


def rec(doc_id, date=None, region="71.05", regions=("71.05", "71.05.03.2004"), people=(("Hendra Wijaya", "Bupati"),),
        etype="opening", text="", places=("Karangjati",), url=None, published=None, venue=None):
    people_rows = []
    for i, (name, office) in enumerate(people):
        written = name
        people_rows.append({"name": name, "name_as_written": written,
                            "title": {"text": f"{office} Sukamaju", "start": 10 * i, "end": 10 * i + 5, "office": office},
                            "mentions": [{"start": 100 + 10 * i, "end": 105 + 10 * i, "text": written}]})
    return {
        "doc_id": doc_id, "source": {"path": None, "url": url or f"https://outlet-{doc_id}.example/a", "sha256": ""},
        "headline": {"text": text[:40], "start": 0, "end": 40}, "published_date": published,
        "event": {"type": etype, "types": [etype] if etype else [], "date": date, "date_text": date and f"tanggal {date}",
                  "date_start": 50, "date_end": 60, "venue": {"text": venue, "start": 1, "end": 2} if venue else None,
                  "region": {"code": region, "name": f"Region {region}", "level": 2} if region else None},
        "people": people_rows, "places": [{"text": p, "name": p, "kind": "village"} for p in places],
        "regions": [{"code": c, "name": c, "level": 2} for c in regions],
        "organizations": [], "dates": [], "welfare": {"categories": ["kemiskinan"], "terms": []},
        "quotes": [{"text": text, "start": 200, "end": 200 + len(text)}], "warnings": []}


def members(events):
    return sorted(sorted(m["doc_id"] for m in ev["members"]) for ev in events)


@pytest.mark.parametrize("a, b", [
    ("Safaruddin Dt. Bandaro", "Safarudin"), ("Hanindhito Himawan Pramana", "Hanindito Himawan"),
    ("Dewa Made Indra", "Dewa Indra")])
def test_same_person_across_spellings(a, b):
    assert same_person(name_key(a), name_key(b))


def test_different_people_are_apart():
    assert not same_person(name_key("Hendra Wijaya"), name_key("Lukas Wijaya Santoso"))
    assert not same_person(name_key("Hendra"), ())


def test_one_field_slip():
    assert one_field_slip(day("2024-07-26"), day("2023-07-26"))
    assert one_field_slip(day("2024-01-04"), day("2024-12-04"))
    assert not one_field_slip(day("2024-07-26"), day("2023-06-26"))
    assert not one_field_slip(day("2024-07-26"), day("2024-07-25"))


def test_two_outlets_of_one_event_are_grouped_and_the_link_is_explained():
    recs = [rec("a", "2024-03-05", text=BRIDGE), rec("b", "2024-03-05", text=BRIDGE + " kata bupati di lokasi")]
    (event,) = group(recs, S)
    assert event["n_members"] == 2 and event["n_outlets"] == 2
    (link,) = event["links"]
    assert {"date", "officials", "text", "region"} <= set(link["joined_by"])
    assert "same event date 2024-03-05" in link["reasons"]["date"]
    assert event["facts"]["date"] == "2024-03-05"
    assert event["facts"]["people"][0]["name"] == "Hendra Wijaya"


def test_same_official_on_different_days_stays_apart():
    recs = [rec("a", "2024-03-05", text=BRIDGE), rec("b", "2024-03-11", text=BRIDGE)]
    assert members(group(recs, S)) == [["a"], ["b"]]
    link = compare(sketch(recs[0], 0, S), sketch(recs[1], 1, S), S)
    assert link.veto and "6 days apart" in link.veto


def test_same_programme_in_neighbouring_regencies_stays_apart():
    a = rec("a", "2024-03-05", region="71.05", regions=("71.05",), text=BRIDGE)
    b = rec("b", "2024-03-05", region="71.06", regions=("71.06",), people=(("Yohanes Lumi", "Bupati"),), text=BRIDGE)
    assert members(group([a, b], S)) == [["a"], ["b"]]
    assert "regencies 71.05 and 71.06" in compare(sketch(a, 0, S), sketch(b, 1, S), S).veto


def test_the_evening_before_is_another_event():
    recs = [rec("a", "2024-07-26", text=BRIDGE), rec("b", "2024-07-26", text=BRIDGE + " jembatan"),
            rec("c", "2024-07-25", text=FEAST), rec("d", "2024-07-25", text=FEAST + " tumpeng")]
    assert members(group(recs, S)) == [["a", "b"], ["c", "d"]]


def test_undated_release_joins_by_region_official_and_text():
    recs = [rec("a", "2024-03-05", text=BRIDGE), rec("b", None, text=BRIDGE + " warga")]
    assert members(group(recs, S)) == [["a", "b"]]


def test_date_slip_joins_and_is_reported_as_a_disagreement_with_evidence():
    recs = [rec("a", "2024-03-05", text=BRIDGE), rec("b", "2024-03-05", text=BRIDGE),
            rec("c", "2023-03-05", text=BRIDGE + " tahun ini")]
    (event,) = group(recs, S)
    (dis,) = [d for d in event["disagreements"] if d["field"] == "date"]
    values = {v["value"]: v for v in dis["values"]}
    assert set(values) == {"2024-03-05", "2023-03-05"}
    assert values["2023-03-05"]["evidence"] == [{"doc_id": "c", "text": "tanggal 2023-03-05", "start": 50, "end": 60}]
    assert event["facts"]["date"] == "2024-03-05"  # the majority


def test_official_spelling_and_office_disagreements():
    a = rec("a", "2024-03-05", text=BRIDGE)
    b = rec("b", "2024-03-05", text=BRIDGE, people=(("Hendra Wijayaa", "Wakil Bupati"),))
    (event,) = group([a, b], S)
    fields = {d["field"]: d for d in event["disagreements"]}
    assert {"official_name", "official_title"} <= set(fields)
    spelled = {v["value"]: v["evidence"][0] for v in fields["official_name"]["values"]}
    assert spelled["Hendra Wijayaa"] == {"doc_id": "b", "text": "Hendra Wijayaa", "start": 100, "end": 105}


def test_canonical_is_the_fullest_member():
    a = rec("a", "2024-03-05", text=BRIDGE)
    b = rec("b", "2024-03-05", text=BRIDGE, people=(("Hendra Wijaya", "Bupati"), ("Rina Kusuma", "Camat")))
    (event,) = group([a, b], S)
    assert event["canonical"] == "b"


def test_event_id_is_stable_and_the_spilled_run_gives_the_same_events():
    recs = [rec(f"x{i}", f"2024-03-{5 + 3 * (i // 2):02d}", text=BRIDGE + f" bagian {i // 2}") for i in range(8)]
    recs += [rec("y", "2024-03-05", region="72.01", regions=("72.01",), people=(("Yohanes Lumi", "Bupati"),), text=FEAST)]
    in_memory = list(group(recs, S))
    spilled = list(group(recs, GroupSettings(use_source_path=False, max_records=8)))  # 9 records: spilled
    assert sorted(e["event_id"] for e in spilled) == sorted(e["event_id"] for e in in_memory)
    assert members(in_memory) == [["x0", "x1"], ["x2", "x3"], ["x4", "x5"], ["x6", "x7"], ["y"]]


def test_a_record_without_doc_id_is_refused():
    with pytest.raises(ValueError, match="no doc_id"):
        list(group([{"event": {}}], S))


def test_a_doc_id_twice_is_refused():
    with pytest.raises(ValueError, match="occurs twice"):
        list(group([rec("a", "2024-03-05"), rec("a", "2024-03-05")], S))


def test_settings_are_checked():
    with pytest.raises(ValueError, match="max_records"):
        GroupSettings(max_records=0)
