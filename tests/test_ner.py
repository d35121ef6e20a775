"""Tests for extractor.ner: BIO reading, label mapping, strict entity-level scoring."""
from __future__ import annotations

import pytest

from extractor import ner

BIO = (
    "Bupati\tO\n"
    "Rina\tB-PERSON \n"
    "Sumarni\tI-PERSON\n"
    "meninjau\tO\n"
    "Kabupaten\tB-LOCATION\n"
    "Sleman\tI-LOCATION\n"
    ".\tO\n"
    "\n"
    "\n"
    "dinas\tB-IND\n"
    "sosial\tI-IND\n"
    "membantu\tO\n"
    "warga\tI-PPL\n"
    "\n"
    "Hari\tB-TIME\n"
)


@pytest.fixture()
def bio_file(tmp_path):
    path = tmp_path / "small.tsv"
    path.write_text(BIO, encoding="utf-8")
    return path


def test_read_bio_sentences(bio_file):
    sents = ner.read_bio(bio_file)
    assert [len(w) for w, _ in sents] == [7, 4, 1]
    assert sents[0][0][:3] == ["Bupati", "Rina", "Sumarni"]
    assert sents[0][1][:3] == ["O", "B-PERSON", "I-PERSON"]  # trailing space dropped
    assert sents[1][1] == ["B-IND", "I-IND", "O", "I-PPL"]
    assert sents[2] == (["Hari"], ["B-TIME"])  # last sentence without a blank line


@pytest.mark.parametrize("line", ["Rina\tX-PERSON\n", "Rina\n", "Rina\tB-\n"])
def test_read_bio_rejects_bad_lines(tmp_path, line):
    path = tmp_path / "bad.tsv"
    path.write_text("Kata\tO\n" + line, encoding="utf-8")
    with pytest.raises(ValueError, match="bad.tsv:2"):
        ner.read_bio(path)


@pytest.mark.parametrize("tags, expected", [
    (["B-PERSON", "I-PERSON", "O"], ["B-PER", "I-PER", "O"]),
    (["B-PPL", "B-PLC", "I-PLC", "B-IND"], ["B-PER", "B-LOC", "I-LOC", "B-ORG"]),
    (["B-ORGANISATION", "B-ORGANIZATION", "B-GPE", "B-PLACE"], ["B-ORG", "B-ORG", "B-LOC", "B-LOC"]),
    (["B-TIME", "I-TIME", "B-EVT", "B-FNB", "B-QUANTITY"], ["O", "O", "O", "O", "O"]),
])
def test_default_mapping(tags, expected):
    assert ner.map_tags(tags) == expected


@pytest.mark.parametrize("corpus, tag, expected", [
    ("nerp", "B-PPL", "B-PER"), ("nerp", "B-EVT", "O"), ("nerugm", "B-TIME", "O"),
    ("nergrit", "I-ORGANISATION", "I-ORG"), ("nerui", "B-LOCATION", "B-LOC"), ("other", "B-GPE", "B-LOC"),
])
def test_corpus_mapping(corpus, tag, expected):
    assert ner.map_tags([tag], ner.label_map_for(corpus)) == [expected]


def test_label_map_file_overrides(tmp_path):
    path = tmp_path / "map.tsv"
    path.write_text("from\tto\n# events become places here\nEVT\tLOC\nORGANISATION\t-\n", encoding="utf-8")
    mapping = ner.label_map_for("nergrit", ner.load_label_map(path))
    assert ner.map_tags(["B-EVT", "B-ORGANISATION", "B-PERSON"], mapping) == ["B-LOC", "-", "B-PER"]


def test_label_map_file_rejects_unknown_target(tmp_path):
    path = tmp_path / "map.tsv"
    path.write_text("PERSON\tHUMAN\n", encoding="utf-8")
    with pytest.raises(ValueError, match="HUMAN"):
        ner.load_label_map(path)


@pytest.mark.parametrize("tags, spans", [
    (["B-PER", "I-PER", "O", "B-LOC"], {(0, 2, "PER"), (3, 4, "LOC")}),
    (["I-PER", "I-PER"], {(0, 2, "PER")}),                        # stray I- starts an entity
    (["B-PER", "B-PER"], {(0, 1, "PER"), (1, 2, "PER")}),
    (["B-PER", "I-LOC"], {(0, 1, "PER"), (1, 2, "LOC")}),
])
def test_bio_spans(tags, spans):
    assert ner.bio_spans(tags) == spans


class StubNER:
    """Tags the words it was built with; stands in for a spaCy pipeline."""

    def __init__(self, entities: dict[str, str]):
        import spacy

        self.nlp = spacy.blank("id")
        self.vocab = self.nlp.vocab
        self.entities = entities  # word -> label, single-token entities

    def pipe(self, docs, batch_size=None):
        from spacy.tokens import Span

        for doc in docs:
            doc.ents = [Span(doc, i, i + 1, label=self.entities[t.text])
                        for i, t in enumerate(doc) if t.text in self.entities]
            yield doc


GOLD = "Menteri\tO\nAndi\tB-PERSON\nmengunjungi\tO\nBogor\tB-LOCATION\n.\tO\n\nBank\tB-ORGANIZATION\nTani\tI-ORGANISATION\n"


@pytest.fixture()
def gold_file(tmp_path):
    path = tmp_path / "nerui" / "dev.tsv"
    path.parent.mkdir()
    path.write_text(GOLD, encoding="utf-8")
    return path


def test_score_perfect_with_stub(gold_file):
    stub = StubNER({"Andi": "PER", "Bogor": "LOC"})
    res = ner.score_bio(stub, gold_file, ner.DEFAULT_MAP)
    assert res["per_label"]["PER"]["f"] == 1.0 and res["per_label"]["LOC"]["f"] == 1.0
    assert res["per_label"]["ORG"] == {"p": 0.0, "r": 0.0, "f": 0.0, "tp": 0, "pred": 0, "gold": 1}
    assert res["overall"]["p"] == 1.0 and res["overall"]["r"] == pytest.approx(2 / 3)
    assert res["words"] == 7 and res["words_per_second"] > 0


def test_score_boundary_error_is_wrong(gold_file):
    stub = StubNER({"Bank": "ORG", "Andi": "PER", "Menteri": "PER"})  # ORG cut short, extra PER
    res = ner.score_bio(stub, gold_file, ner.DEFAULT_MAP)
    assert res["per_label"]["ORG"]["tp"] == 0 and res["per_label"]["ORG"]["pred"] == 1
    assert res["per_label"]["PER"]["p"] == 0.5 and res["per_label"]["PER"]["r"] == 1.0
    assert res["overall"]["p"] == res["overall"]["r"] == pytest.approx(1 / 3)  # 1 of 3 right


def test_score_wrong_label_is_wrong():
    res = ner.score_spans([["B-PER", "I-PER"]], [["B-LOC", "I-LOC"]])
    assert res["overall"]["tp"] == 0 and res["per_label"]["PER"]["r"] == 0.0


def test_format_scores_table(gold_file):
    res = ner.score_bio(StubNER({"Andi": "PER"}), gold_file, ner.DEFAULT_MAP)
    table = ner.format_scores(res, "tiny")
    assert table.splitlines()[0] == "tiny"
    assert any(line.startswith("PER") and "100.0" in line for line in table.splitlines())


def test_load_model_missing_names_path(tmp_path):
    with pytest.raises(ValueError, match=str(tmp_path)):
        ner.load_model(tmp_path / "nowhere")


@pytest.fixture(scope="module")
def shipped():
    return ner.load_model()


@pytest.mark.slow
def test_shipped_model_scores_on_gold_tokens(shipped, tmp_path):
    path = tmp_path / "gold.tsv"
    path.write_text("Gubernur\tO\nJawa\tB-LOC\nBarat\tI-LOC\nBudi\tB-PER\nSantoso\tI-PER\nhadir\tO\n"
                    "di\tO\nBandung\tB-LOC\n.\tO\n", encoding="utf-8")
    res = ner.score_bio(shipped, path)
    assert res["words"] == 9
    assert res["per_label"]["PER"]["f"] == 1.0
    assert res["per_label"]["LOC"]["tp"] >= 1
    assert ner.load_model() is shipped  # cached once per process


@pytest.mark.parametrize("tags, expected", [
    (["I-PER", "I-PER", "O"], ["B-PER", "I-PER", "O"]),
    (["B-LOC", "I-ORG"], ["B-LOC", "B-ORG"]),
    (["O", "I-LOC", "B-LOC", "I-LOC"], ["O", "B-LOC", "B-LOC", "I-LOC"]),
])
def test_repair_bio(tags, expected):
    assert ner.repair_bio(tags) == expected


@pytest.mark.parametrize("words, tags, table, expected", [
    ("wali kota bogor budi hadir".split(), ["O", "O", "B-LOC", "B-PER", "O"], None,
     "Wali kota Bogor Budi hadir".split()),
    ("ketua dprd kota bogor dan warga".split(), ["O", "B-ORG", "I-ORG", "I-ORG", "O", "O"],
     {"dprd": {"DPRD": 5}, "kota": {"kota": 9, "Kota": 4}, "ketua": {"Ketua": 3, "ketua": 1}},
     "Ketua DPRD Kota Bogor dan warga".split()),
    ("ia datang . dia pulang".split(), ["O"] * 5, {}, "Ia datang . Dia pulang".split()),
])
def test_recase_nerp(words, tags, table, expected):
    from collections import Counter

    from extractor.train import recase

    counters = {k: Counter(v) for k, v in table.items()} if table is not None else None
    assert recase(words, tags, counters) == expected


@pytest.mark.parametrize("version, expected", [
    ("3.8.18", ">=3.8.0,<3.9.0"),
    ("3.10.2", ">=3.10.0,<3.11.0"),
])
def test_spacy_range_is_minor_level(monkeypatch, version, expected):
    import spacy

    from extractor.train import spacy_range

    monkeypatch.setattr(spacy, "__version__", version)
    assert spacy_range() == expected


def test_ship_writes_minor_level_spacy_range(tmp_path):
    import json

    from extractor.train import ship, spacy_range

    best = tmp_path / "best"
    (best / "ner").mkdir(parents=True)
    (best / "config.cfg").write_text("[paths]\ntrain = /w/train.spacy\ndev = /w/dev.spacy\n", encoding="utf-8")
    (best / "meta.json").write_text(json.dumps({"spacy_version": ">=3.8.18,<3.9.0"}), encoding="utf-8")
    (best / "extra.txt").write_text("not shipped", encoding="utf-8")
    ship(best, tmp_path / "out")
    meta = json.loads((tmp_path / "out" / "meta.json").read_text(encoding="utf-8"))
    assert meta["spacy_version"] == spacy_range()
    assert not (tmp_path / "out" / "extra.txt").exists()
    assert "train = null" in (tmp_path / "out" / "config.cfg").read_text(encoding="utf-8")


def test_shipped_meta_spacy_range():
    import json

    meta = json.loads((ner.model_path() / "meta.json").read_text(encoding="utf-8"))
    assert meta["spacy_version"].endswith(".0,<3.9.0") and meta["spacy_version"].startswith(">=3.8.0")
