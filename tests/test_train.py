"""Tests for extractor.train: case augmentation of the training set (no model is trained here)."""
from __future__ import annotations

import argparse
import random

import pytest

from extractor.ner import NerError
from extractor.train import build_training_set, case_copies, parse_case_augment

SENTS = [
    (["Wali", "Kota", "Rina", "Hartati", "tiba", "di", "Sleman", "."], ["O", "O", "B-PER", "I-PER", "O", "O", "B-LOC", "O"]),
    (["Dinas", "Sosial", "membagikan", "beras", "."], ["B-ORG", "I-ORG", "O", "O", "O"]),
    (["12", "%", "."], ["O", "O", "O"]),
]


def test_case_copies_every_sentence_keeps_tags():
    copies = case_copies(SENTS, 1.0, 1.0, random.Random(0))
    # the third sentence has no letters: its copies would be identical and are left out
    assert [w for w, _ in copies] == [
        ["wali", "kota", "rina", "hartati", "tiba", "di", "sleman", "."],
        ["WALI", "KOTA", "RINA", "HARTATI", "TIBA", "DI", "SLEMAN", "."],
        ["dinas", "sosial", "membagikan", "beras", "."],
        ["DINAS", "SOSIAL", "MEMBAGIKAN", "BERAS", "."],
    ]
    assert [t for _, t in copies] == [SENTS[0][1], SENTS[0][1], SENTS[1][1], SENTS[1][1]]


def test_case_copies_share_is_a_sample():
    many = SENTS[:1] * 400
    lower = case_copies(many, 0.25, 0.0, random.Random(42))
    assert all(w[2] == "rina" for w, _ in lower)
    assert 60 < len(lower) < 140
    assert case_copies(many, 0.0, 0.0, random.Random(42)) == []


@pytest.mark.parametrize("value, expected", [
    ("lower=1,upper=0.3", (1.0, 0.3)),
    ("upper=0.5", (0.0, 0.5)),
    ("", (0.0, 0.0)),
])
def test_parse_case_augment(value, expected):
    assert parse_case_augment(value) == expected


@pytest.mark.parametrize("value", ["lower=2", "title=0.5", "lower", "lower=x"])
def test_parse_case_augment_rejects(value):
    with pytest.raises(NerError, match="--case-augment"):
        parse_case_augment(value)


def _bio(sents) -> str:
    return "".join("".join(f"{w}\t{t}\n" for w, t in zip(words, tags)) + "\n" for words, tags in sents)


def test_training_set_with_case_copies_and_lower_nerp(tmp_path):
    cased = [(w, [t.replace("PER", "PERSON").replace("LOC", "LOCATION").replace("ORG", "ORGANIZATION") for t in tags])
             for w, tags in SENTS]
    (tmp_path / "indolem-ner" / "nerui").mkdir(parents=True)
    (tmp_path / "indolem-ner" / "nerui" / "train.tsv").write_text(_bio(cased), encoding="utf-8")
    (tmp_path / "indonlu-ner" / "nerp").mkdir(parents=True)
    nerp = [(["bupati", "andi", "ke", "bantul"], ["O", "B-PPL", "O", "B-PLC"])]
    (tmp_path / "indonlu-ner" / "nerp" / "train.tsv").write_text(_bio(nerp), encoding="utf-8")
    args = argparse.Namespace(data=str(tmp_path), corpora=["nerui"], nergrit_org="keep", weight=[], seed=1,
                              nerp="recase+lower", nerp_fraction=1.0, case_augment="lower=1,upper=1")
    train = build_training_set(args, {})
    words = [w for w, _ in train]
    assert ["Bupati", "Andi", "ke", "Bantul"] in words  # NERP re-cased
    assert ["bupati", "andi", "ke", "bantul"] in words  # and as it is
    assert ["WALI", "KOTA", "RINA", "HARTATI", "TIBA", "DI", "SLEMAN", "."] in words
    assert len(train) == 3 + 2 + 4
    assert all(t == ["O", "B-PER", "O", "B-LOC"] for w, t in train if w[1].lower() == "andi")
