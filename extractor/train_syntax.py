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

from .syntax import FILES  # the file names the pipeline loads

TREEBANKS = ("ud-indonesian/id_csui-ud-train.conllu", "ud-indonesian/id_gsd-ud-dev.conllu",
             "ud-indonesian/id_pud-ud-test.conllu")
TEXT_CORPORA = ("indolem-ner/nerui/train.tsv", "indolem-ner/nerui/dev.tsv", "indolem-ner/nerugm/train.tsv",
                "indolem-ner/nerugm/dev.tsv", "indonlu-ner/nergrit/train.tsv", "indonlu-ner/nergrit/valid.tsv",
                "indonlu-pos/bapos/train.tsv", "indonlu-pos/bapos/valid.tsv")
HELDOUT_EVERY = 10   # sentence i of a treebank is held out when i % 10 == 0
SELECT_EVERY = 15    # of the rest, i % 15 == 7 selects checkpoints
SHORTHAND = "id_csui"


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
        source = path.name.split("-")[0]  # id_csui, id_gsd, id_pud: a held-out file per treebank too
        parts.setdefault(f"heldout-{source}", [])
        for i, block in enumerate(read_blocks(path)):
            if i % HELDOUT_EVERY == 0:
                parts["heldout"].append(block)
                parts[f"heldout-{source}"].append(block)
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


# The settings of the shipped models: sizes and step counts cut to this project's CPU budget (one
# nice'd thread on a shared two-core machine); Stanza's defaults are much larger (GPU).
TAGGER_ARGS = ["--hidden_dim", "128", "--char_hidden_dim", "128", "--deep_biaff_hidden_dim", "100",
               "--composite_deep_biaff_hidden_dim", "50", "--batch_size", "32", "--eval_interval", "60",
               "--fix_eval_interval", "--max_steps_before_stop", "1200", "--log_step", "10"]
PARSER_ARGS = ["--no_char", "--hidden_dim", "128", "--deep_biaff_hidden_dim", "64", "--no_linearization",
               "--no_distance", "--batch_size", "1000",
               "--optim", "adam", "--lr", "0.003", "--beta2", "0.95", "--no_second_optim", "--eval_interval", "60",
               "--max_steps_before_stop", "1500", "--log_step", "10"]
LEMMA_ARGS = ["--hidden_dim", "100", "--batch_size", "100", "--log_step", "50"]


def train_commands(work: Path, pos_steps: int = 4000, dep_steps: int = 4000, lemma_epochs: int = 8,
                   seed: int = 42) -> dict[str, tuple[str, list[str]]]:
    """Stanza's trainer module and arguments for each model (run from ``work``)."""
    common = ["--train_file", "train.conllu", "--eval_file", "select.conllu", "--shorthand", SHORTHAND,
              "--mode", "train", "--save_dir", "saved", "--cpu", "--seed", str(seed)]
    vec = ["--wordvec_pretrain_file", FILES["pretrain"], "--lang", "id"]
    return {
        "pos": ("stanza.models.tagger", [*common, *vec, "--output_file", "pos_select_out.conllu", "--save_name",
                                         FILES["pos"], *TAGGER_ARGS, "--max_steps", str(pos_steps)]),
        "depparse": ("stanza.models.parser", [*common, *vec, "--output_file", "dep_select_out.conllu",
                                              "--save_name", FILES["depparse"], *PARSER_ARGS,
                                              "--max_steps", str(dep_steps)]),
        "lemma": ("stanza.models.lemmatizer", [*common, "--output_file", "lemma_select_out.conllu", "--save_name",
                                               FILES["lemma"], *LEMMA_ARGS, "--num_epoch", str(lemma_epochs)]),
    }


def train(work: Path, which: list[str], pos_steps: int, dep_steps: int, lemma_epochs: int, seed: int) -> None:
    """Run the trainers one after another (one thread each); logs in ``work/<model>.log``.

    Each trainer keeps the checkpoint that scores best on ``select.conllu`` in ``work/saved``; a run
    cut short (Ctrl-C, a time limit) still leaves its best checkpoint there.
    """
    cmds = train_commands(work, pos_steps, dep_steps, lemma_epochs, seed)
    cwd = Path.cwd()
    os.chdir(work)
    try:
        for name in which:
            module, args = cmds[name]
            _run(module, args, work / f"{name}.log")
    finally:
        os.chdir(cwd)


def ship(work: Path, out: Path) -> dict[str, int]:
    """Copy the four files the pipeline loads into ``out``; their sizes in bytes."""
    out.mkdir(parents=True, exist_ok=True)
    sizes = {}
    (out / FILES["resources"]).write_text("{}\n", encoding="utf-8")  # Stanza wants one; ours names no downloads
    for key, name in FILES.items():
        if key != "resources":
            shutil.copyfile(work / ("" if key == "pretrain" else "saved") / name, out / name)
        sizes[name] = (out / name).stat().st_size
    return sizes


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Train the shipped Stanza models (POS, lemma, parser)")
    ap.add_argument("--data", type=Path, default=Path("../shared/data"), help="folder of the corpora")
    ap.add_argument("--work", type=Path, required=True, help="work folder outside the repository")
    ap.add_argument("--out", type=Path, default=Path("models/stanza-id"), help="where the shipped files go")
    ap.add_argument("--steps", nargs="+", default=["split", "vectors", "pos", "lemma", "depparse", "ship", "score"],
                    choices=["split", "vectors", "pos", "lemma", "depparse", "ship", "score"])
    ap.add_argument("--pos-steps", type=int, default=4000, help="tagger update steps (at most)")
    ap.add_argument("--dep-steps", type=int, default=4000, help="parser update steps (at most)")
    ap.add_argument("--lemma-epochs", type=int, default=8)
    ap.add_argument("--max-vocab", type=int, default=40000, help="word vectors kept")
    ap.add_argument("--seed", type=int, default=42)
    args = ap.parse_args(argv)
    work = args.work.resolve()
    if "split" in args.steps:
        print("sentences:", split(args.data, work))
    if "vectors" in args.steps:
        print("vectors:", vectors(args.data, work, max_vocab=args.max_vocab, seed=args.seed))
    models = [m for m in ("pos", "lemma", "depparse") if m in args.steps]
    if models:
        train(work, models, args.pos_steps, args.dep_steps, args.lemma_epochs, args.seed)
    if "ship" in args.steps:
        print("shipped:", ship(work, args.out))
    if "score" in args.steps:
        from .syntax_eval import format_scores, score_file

        for path in sorted(work.glob("heldout*.conllu")):
            print(format_scores(score_file(path)))


if __name__ == "__main__":
    main()
