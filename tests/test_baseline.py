from extractor import baseline as B


def test_update_pins_rounded_down_and_never_lowers_silently(tmp_path):
    path = str(tmp_path / "b.json")
    B.update(path, "g", "h1", {"f1": 0.8765})
    assert B.read(path)["g"]["floors"]["f1"] == 0.87
    changes = B.update(path, "g", "h1", {"f1": 0.5})
    assert B.read(path)["g"]["floors"]["f1"] == 0.87 and "kept" in changes[0]
    B.update(path, "g", "h1", {"f1": 0.5}, allow_lower=True)
    assert B.read(path)["g"]["floors"]["f1"] == 0.5


def test_check_reports_drops_and_changed_gold(tmp_path):
    base = {"g": {"gold_sha256": "h1", "floors": {"f1": 0.8, "acc": 0.5}}}
    assert B.check(base, "g", "h1", {"f1": 0.8, "acc": 0.9}) == []
    problems = B.check(base, "g", "h2", {"f1": 0.79})
    assert any("changed" in p for p in problems)
    assert any("f1 = 0.7900 fell below" in p for p in problems)
    assert any("'acc' is no longer computed" in p for p in problems)
    assert B.check(base, "other", "h", {}) == ["no floors pinned for gold set 'other'"]
