"""The syntax stage in the pipeline (needs the syntax extra: skipped without Stanza): actions in
records, the schema, the Parquet table, and the seed release when ../shared is there."""
import os

import pytest

from extractor import tables as T
from extractor.record import validate

from .conftest import DEVSET

pytestmark = pytest.mark.slow

TEXT = ("Tanjungpinang - Wali Kota Tanjungpinang Hendra Saputra membuka pelatihan kader posyandu di "
        "Aula Kantor Camat Bukit Bestari, Senin (3/7/2023).\n\nBantuan sembako diserahkan oleh Hendra "
        "kepada warga lanjut usia. Harga cabai di pasar naik.")


@pytest.fixture(scope="module")
def record(nlp_syntax):
    return nlp_syntax.extract(TEXT, doc_id="syn1")


def test_record_carries_actions_and_validates(record):
    d = record.as_dict()
    validate(d)
    assert d["schema_version"] == 2 and "stanza" in d["versions"]["models"]
    opened = [a for a in record.actions if a.predicate == "membuka"]
    assert opened, [a.predicate for a in record.actions]
    act = opened[0]
    assert act.lemma == "buka" and act.kind == "open" and act.voice == "active"
    assert act.actor is not None and record.people[act.actor.person].name == "Hendra Saputra"
    assert act.object is not None and act.object.text.startswith("pelatihan")
    sentence = TEXT[act.sentence_start:act.sentence_end]  # the dateline is not part of the body
    assert TEXT[act.start:act.end] == "membuka" and sentence.startswith("Wali Kota") and sentence.endswith("2023).")


def test_passive_is_resolved_to_the_agent(record):
    handed = [a for a in record.actions if a.predicate == "diserahkan"]
    assert handed, [a.predicate for a in record.actions]
    act = handed[0]
    assert act.voice == "passive" and act.lemma == "serah"
    assert act.actor is not None and act.actor.text == "Hendra"
    assert act.object is not None and "sembako" in act.object.text


def test_sentences_without_actor_or_action_word_give_no_action(record):
    start = TEXT.index("Harga")
    assert all(a.start < start for a in record.actions)


def test_actions_table_rows(record, tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text(record.to_json() + "\n", encoding="utf-8")
    actions = T.read(path)["actions"]
    assert len(actions) == len(record.actions)
    row = actions[actions["predicate"] == "membuka"].iloc[0]
    assert row["lemma"] == "buka" and row["actor_name"] == "Hendra Saputra"


@pytest.mark.skipif(not os.path.isdir(DEVSET), reason="../shared/devset is not here")
def test_seed_release_action(nlp_syntax):
    from extractor.inputs import read_file

    doc = read_file(os.path.join(DEVSET, "d000.txt"))
    rec = nlp_syntax.process(doc)
    opened = [a for a in rec.actions if a.predicate == "membuka"]
    assert opened, [(a.predicate, a.lemma) for a in rec.actions]
    act = opened[0]
    assert act.lemma == "buka"
    assert act.actor is not None and act.actor.person is not None and "Mardiah" in rec.people[act.actor.person].name
    assert act.on_behalf_of is not None and "Bupati" in act.on_behalf_of.text
    assert act.object is not None and act.object.text.startswith("Bimbingan")


def test_run_with_syntax_in_a_worker_writes_actions_and_restores_the_default(nlp_syntax, tmp_path):
    import json

    from extractor import pipeline
    from extractor.cli import main

    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "o.jsonl"
    assert main(["run", str(tmp_path / "a.txt"), "-o", str(out), "--syntax", "--workers", "1"]) == 0
    (rec,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    validate(rec)
    assert any(a["predicate"] == "membuka" and a["lemma"] == "buka" for a in rec["actions"])
    assert pipeline._DEFAULT.syntax is False


def test_default_records_have_no_actions(nlp):
    assert nlp.extract(TEXT, doc_id="plain").actions == []
