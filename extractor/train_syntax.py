"""Training recipe for the shipped Indonesian Stanza models (``models/stanza-id``): POS, lemma, parser.

    python -m extractor.train_syntax --data ../shared/data --work /tmp/stanza-work --out models/stanza-id

Steps, each with Stanza's own training code (``stanza.models.tagger``, ``.lemmatizer``, ``.parser``):

1. ``split``: the UD Indonesian treebanks under ``--data/ud-indonesian`` (CSUI train, GSD dev, PUD)
   are cut by sentence number: every ``HELDOUT_EVERY``-th sentence of each file is held out for
   scoring (``heldout.conllu``), every ``SELECT_EVERY``-th of the rest selects the best checkpoint
   (``select.conllu``), the rest is ``train.conllu``. Multi-word-token lines are kept in the files
   (Stanza reads them); the pipeline hands Stanza spaCy's tokens as words.
2. ``vectors``: word2vec (gensim, skip-gram) on the words of every corpus under ``--data`` except the
   held-out sentences, cased, vocabulary capped at ``--max-vocab``; written as a Stanza pretrain
   file (``id_vectors.pt``), shared by the tagger and the parser.
3. ``tagger``, ``lemma``, ``parser``: Stanza's trainers with reduced sizes and step counts (the CPU
   budget of this project; see models/stanza-id/README.md for the figures), one thread.
4. ``score``: UPOS, UAS, LAS of the trained files on ``heldout.conllu`` (gold tokenisation), via
   :func:`extractor.syntax_eval.score_file`.

Nothing here runs at extraction time; it needs the ``syntax`` extra and gensim.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

TREEBANKS = ("ud-indonesian/id_csui-ud-train.conllu", "ud-indonesian/id_gsd-ud-dev.conllu",
             "ud-indonesian/id_pud-ud-test.conllu")
TEXT_CORPORA = ("indolem-ner/nerui/train.tsv", "indolem-ner/nerui/dev.tsv", "indolem-ner/nerugm/train.tsv",
                "indolem-ner/nerugm/dev.tsv", "indonlu-ner/nergrit/train.tsv", "indonlu-ner/nergrit/valid.tsv",
                "indonlu-pos/bapos/train.tsv", "indonlu-pos/bapos/valid.tsv")
HELDOUT_EVERY = 10   # sentence i of a treebank is held out when i % 10 == 0
SELECT_EVERY = 15    # of the rest, i % 15 == 7 selects checkpoints
SHORTHAND = "id_csui"
FILES = {"pos": "id_pos.pt", "lemma": "id_lemma.pt", "depparse": "id_depparse.pt", "pretrain": "id_vectors.pt"}


# --------------------------------------------------------------------------- data

def read_blocks(path: Path) -> list[str]:
    """The sentences of a CoNLL-U file as text blocks (comment lines included), in order."""
    text = path.read_text(encoding="utf-8")
    return [b.strip("\n") for b in text.split("\n\n") if b.strip()]


def block_words(block: str) -> list[str]:
    """The syntactic words of one CoNLL-U sentence block (no multi-word ranges, no empty nodes)."""
    out = []
    for line in block.splitlines():
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) == 10 and cols[0].isdigit():
            out.append(cols[1])
    return out


def split(data: Path, work: Path) -> dict[str, int]:
    """Write train/select/heldout CoNLL-U files into ``work``; the sentence counts."""
    parts: dict[str, list[str]] = {"train": [], "select": [], "heldout": []}
    for rel in TREEBANKS:
        path = data / rel
        if not path.is_file():
            raise FileNotFoundError(f"{path}: treebank missing (expected under --data {data})")
        for i, block in enumerate(read_blocks(path)):
            if i % HELDOUT_EVERY == 0:
                parts["heldout"].append(block)
            elif i % SELECT_EVERY == 7:
                parts["select"].append(block)
            else:
                parts["train"].append(block)
    work.mkdir(parents=True, exist_ok=True)
    for name, blocks in parts.items():
        (work / f"{name}.conllu").write_text("\n\n".join(blocks) + "\n\n", encoding="utf-8")
    return {k: len(v) for k, v in parts.items()}


def vector_sentences(data: Path, work: Path) -> list[list[str]]:
    """Word lists for the vectors: the treebanks' train and select parts and every token corpus."""
    sents = [block_words(b) for name in ("train", "select") for b in read_blocks(work / f"{name}.conllu")]
    for rel in TEXT_CORPORA:
        path = data / rel
        if not path.is_file():
            continue
        cur: list[str] = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                if cur:
                    sents.append(cur)
                cur = []
            else:
                cur.append(line.split("\t")[0])
        if cur:
            sents.append(cur)
    return sents


def vectors(data: Path, work: Path, dim: int = 100, max_vocab: int = 40000, seed: int = 42) -> Path:
    """Train word2vec on the corpora at hand and write Stanza's pretrain file; its path."""
    from gensim.models import Word2Vec
    from stanza.models.common.pretrain import Pretrain

    sents = vector_sentences(data, work)
    model = Word2Vec(sents, vector_size=dim, window=5, min_count=2, sg=1, epochs=10, workers=1, seed=seed,
                     max_final_vocab=max_vocab)
    vec = work / "id_vectors.txt"
    model.wv.save_word2vec_format(str(vec), binary=False)
    pt = work / FILES["pretrain"]
    if pt.exists():
        pt.unlink()
    Pretrain(str(pt), str(vec), max_vocab=max_vocab).load()  # converts the text vectors and saves the .pt
    return pt


# --------------------------------------------------------------------------- training

def _run(module: str, args: list[str], log: Path) -> None:
    env = dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    cmd = [sys.executable, "-m", module, *args]
    with log.open("a", encoding="utf-8") as fh:
        fh.write("$ " + " ".join(cmd) + "\n")
        fh.flush()
        t0 = time.time()
        subprocess.run(cmd, check=True, stdout=fh, stderr=subprocess.STDOUT, env=env)
        fh.write(f"# {time.time() - t0:.0f} s\n")
