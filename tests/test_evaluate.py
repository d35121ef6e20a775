import pytest

from extractor.evaluate import Scores, match, norm, norm_place


@pytest.mark.parametrize("a,b", [("Kabupaten Bintan.", "kabupaten  bintan"), ("\u201cDodi\u201d", "dodi")])
def test_norm(a, b):
    assert norm(a) == norm(b)


def test_norm_place_drops_admin_prefix():
    assert norm_place("Kabupaten Cianjur") == norm_place("Cianjur") == "cianjur"
    assert norm_place("Hotel Kota Baru") == "hotel kota baru"


def test_match_is_one_to_one_exact_first():
    same = lambda a, b: a in b or b in a  # noqa: E731
    assert match(["abdul karim", "karim"], ["karim", "abdul karim alhas"], same) == [(1, 0), (0, 1)]


GOLD = {"doc_id": "x", "event_date": "2022-07-06",
        "people": [{"name": "Rina Marlina", "title": "Camat Sukajadi", "honorifics": [], "degrees": []},
                   {"name": "Budi", "title": None, "honorifics": [], "degrees": []}],
        "roles_without_name": ["Plt. Bupati"], "places": ["Kabupaten Bintan", "Hotel Mawar"],
        "regions": [{"name": "Kabupaten Bintan", "code": "21.01"}], "organizations": ["Dinsos"],
        "welfare_categories": ["kemiskinan"], "welfare_terms": ["warga miskin"]}
REC = {"people": [{"name": "Rina Marlina", "title": {"text": "Camat Sukajadi"}},
                  {"name": "Budi Santoso", "title": None}, {"name": "Ahmad", "title": None}],
       "roles_without_name": [], "places": [{"text": "Bintan"}, {"text": "Jalan Mawar"}],
       "regions": [{"code": "21.01"}, {"code": "21.01.04"}], "organizations": [{"text": "Dinsos"}],
       "welfare": {"categories": ["kemiskinan"], "terms": [{"text": "Warga Miskin"}]},
       "event": {"date": "2022-07-06"}}


def test_scores_on_a_hand_built_pair():
    s = Scores()
    s.add(GOLD, REC)
    t = s.table()
    assert (t["people_strict"]["tp"], t["people_strict"]["fp"], t["people_strict"]["fn"]) == (1, 2, 1)
    assert t["people_lenient"]["tp"] == 2
    assert t["title_accuracy"]["accuracy"] == 1.0 and t["title_accuracy"]["total"] == 2
    assert t["roles_without_name"]["fn"] == 1
    assert t["places"]["tp"] == 1 and t["places_strict"]["tp"] == 0
    assert t["region_codes"]["p"] == 0.5 and t["region_codes"]["r"] == 1.0
    assert t["welfare_terms"]["f1"] == 1.0 and t["event_date"]["accuracy"] == 1.0


def test_norm_spaces_after_inner_dots():
    assert norm("Plt.Bupati Bintan") == norm("Plt. Bupati  Bintan")
