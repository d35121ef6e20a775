"""Scoring the Stanza models on a CoNLL-U treebank file with gold tokenisation.

    extractor evaluate --syntax FILE.conllu [--stanza-dir DIR]

Figures follow the CoNLL 2018 shared task's definitions (``conll18_ud_eval.py``) for gold
tokenisation, where system and gold words align one to one:

- UPOS: share of words whose universal POS tag is the gold one.
- UAS: share of words whose head is the gold head.
- LAS: share of words whose head is the gold head and whose relation is the gold one, relations
  compared by their universal part (``obl:agent`` counts as ``obl``).
- Lemmas: share of words whose lemma is the gold one (CoNLL 2018 also scores these).

Every word counts, punctuation included; multi-word-token lines are skipped and their syntactic
words given to the parser as words; empty nodes (``3.1``) are skipped.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from .errors import UsageError


@dataclass
class GoldWord:
    text: str
    lemma: str
    upos: str
    head: int
    deprel: str


@dataclass
class SyntaxScores:
    path: str
    sentences: int = 0
    words: int = 0
    upos: int = 0
    lemma: int = 0
    uas: int = 0
    las: int = 0
    seconds: float = 0.0
    models: str = ""
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        n = max(self.words, 1)
        return {"path": self.path, "models": self.models, "sentences": self.sentences, "words": self.words,
                "upos": round(100 * self.upos / n, 2), "lemma": round(100 * self.lemma / n, 2),
                "uas": round(100 * self.uas / n, 2), "las": round(100 * self.las / n, 2),
                "words_per_second": round(self.words / self.seconds, 1) if self.seconds else None}


def read_conllu(path: str | Path) -> list[list[GoldWord]]:
    """The sentences of a CoNLL-U file as gold words; a malformed line raises UsageError naming it."""
    sents: list[list[GoldWord]] = []
    cur: list[GoldWord] = []
    try:
        fh = open(path, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"--syntax {path}: cannot read it ({exc.strerror})") from exc
    with fh:
        for n, raw in enumerate(fh, 1):
            line = raw.rstrip("\r\n")
            if not line.strip():
                if cur:
                    sents.append(cur)
                cur = []
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 10:
                raise UsageError(f"{path}:{n}: a CoNLL-U word line has 10 tab-separated columns, this one "
                                 f"has {len(cols)}")
            if not cols[0].isdigit():
                continue  # multi-word token range or empty node
            if not cols[6].isdigit():
                raise UsageError(f"{path}:{n}: HEAD must be a number, not {cols[6]!r}")
            cur.append(GoldWord(cols[1], cols[2], cols[3], int(cols[6]), cols[7]))
    if cur:
        sents.append(cur)
    if not sents:
        raise UsageError(f"--syntax {path}: no sentences in it (expected CoNLL-U)")
    return sents


def universal(deprel: str) -> str:
    return deprel.split(":", 1)[0]


def score_file(path: str | Path, stanza_dir: str | None = None, batch: int = 200) -> SyntaxScores:
    """UPOS, lemma, UAS and LAS of the shipped (or ``stanza_dir``) models on a CoNLL-U file."""
    from . import syntax

    gold = read_conllu(path)
    syntax.load(stanza_dir)  # loading is not timed
    scores = SyntaxScores(str(path), models=syntax.version(stanza_dir))
    t0 = time.perf_counter()
    predicted = []
    for i in range(0, len(gold), batch):
        predicted += syntax.parse([[w.text for w in s] for s in gold[i:i + batch]], stanza_dir)
    scores.seconds = time.perf_counter() - t0
    for g_sent, p_sent in zip(gold, predicted):
        if len(g_sent) != len(p_sent):
            raise UsageError(f"{path}: the parser returned {len(p_sent)} words for a sentence of {len(g_sent)}")
        scores.sentences += 1
        for g, p in zip(g_sent, p_sent):
            scores.words += 1
            scores.upos += g.upos == p.upos
            scores.lemma += g.lemma == p.lemma
            if g.head == p.head:
                scores.uas += 1
                scores.las += universal(g.deprel) == universal(p.deprel)
    return scores


def format_scores(s: SyntaxScores) -> str:
    d = s.as_dict()
    speed = f", {d['words_per_second']:,.0f} words/s" if d["words_per_second"] else ""
    return (f"{d['path']}  ({d['sentences']} sentences, {d['words']} words{speed}; {d['models']})\n"
            f"{'UPOS':<7}{d['upos']:6.2f}\n{'Lemma':<7}{d['lemma']:6.2f}\n"
            f"{'UAS':<7}{d['uas']:6.2f}\n{'LAS':<7}{d['las']:6.2f}")
