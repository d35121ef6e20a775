"""Training recipe for the shipped Indonesian NER model (``models/ner-id``).

    python -m extractor.train --data ../shared/data --out models/ner-id

Steps: read the BIO corpora, map their labels to PER/LOC/ORG (:mod:`extractor.ner`), re-case
the lower-cased NERP corpus, write spaCy DocBins into a work folder outside the repository,
train with ``extractor/resources/ner.cfg`` (fixed seed), copy the best model to ``--out`` and
score it on every dev split.  The defaults reproduce the shipped model; see models/README.md.
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import time
from collections import Counter, defaultdict
from importlib.resources import files
from pathlib import Path

from .ner import (MISSING, NerError, bio_spans, format_scores, label_map_for, load_label_map,
                  map_tags, read_bio, repair_bio, score_bio)

CASED_TRAIN = {  # corpus name -> train file, relative to --data
    "nerui": "indolem-ner/nerui/train.tsv",
    "nerugm": "indolem-ner/nerugm/train.tsv",
    "nergrit": "indonlu-ner/nergrit/train.tsv",
}
NERP_TRAIN = "indonlu-ner/nerp/train.tsv"
DEV = {  # split shown in the model card -> file
    "NER UI dev": "indolem-ner/nerui/dev.tsv",
    "NER UGM dev": "indolem-ner/nerugm/dev.tsv",
    "NERGrit valid": "indonlu-ner/nergrit/valid.tsv",
    "NERP valid": "indonlu-ner/nerp/valid.tsv",
}
SELECT_DEV = ("NER UI dev", "NERGrit valid")  # cased dev splits spaCy selects the best model on
UNLABELLED = ("ud-indonesian/id_csui-ud-train.conllu", "ud-indonesian/id_gsd-ud-dev.conllu",
              "indonlu-pos/bapos/train.tsv")
CONNECTORS = frozenset("dan di ke dari untuk atau yang serta bin binti van von der de la of the and".split())
KEEP = ("config.cfg", "meta.json", "tokenizer", "vocab", "tok2vec", "ner")

Sent = tuple[list[str], list[str]]


# --------------------------------------------------------------------------- re-casing NERP

def case_table(data: Path, corpora: list[list[Sent]]) -> dict[str, Counter]:
    """lower-case word -> Counter of its spellings in cased text (sentence-initial tokens skipped)."""
    table: dict[str, Counter] = defaultdict(Counter)
    texts = [[w for w, _ in sents] for sents in corpora]
    for rel in UNLABELLED:
        path = data / rel
        if path.is_file():
            texts.append(_unlabelled_words(path))
    for words_list in texts:
        for words in words_list:
            for w in words[1:]:
                table[w.lower()][w] += 1
    return table


def _unlabelled_words(path: Path) -> list[list[str]]:
    sents, cur = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if cur:
                sents.append(cur)
            cur = []
        elif not line.startswith("#"):
            cols = line.split("\t")
            if path.suffix == ".conllu" and not cols[0].isdigit():
                continue  # multiword-token ranges "3-4" and empty nodes "3.1"
            cur.append(cols[1] if path.suffix == ".conllu" else cols[0])
    return sents + ([cur] if cur else [])


def recase(words: list[str], tags: list[str], table: dict[str, Counter] | None) -> list[str]:
    """Cased spelling of a lower-cased sentence.

    Without ``table`` (the simple rule): title-case tokens inside PER/LOC/ORG spans and the
    first token, keep the rest.  With ``table`` (true-casing): a token outside entities takes
    its most frequent spelling in cased text; inside an entity its most frequent capitalised
    spelling (``DPRD``, ``Kota``), else lower-case for connectors (``dan``), else title case.
    """
    inside = {i for s, e, lab in bio_spans(tags) if lab in ("PER", "LOC", "ORG") for i in range(s, e)}
    out = []
    for i, w in enumerate(words):
        forms = table.get(w.lower()) if table else None
        if i in inside:
            caps = [(n, f) for f, n in forms.items() if f[:1].isupper()] if forms else []
            new = max(caps)[1] if caps else (w if table and w in CONNECTORS else w[:1].upper() + w[1:])
        else:
            new = forms.most_common(1)[0][0] if forms else w
        initial = i == 0 or words[i - 1] in (".", "!", "?")
        out.append(new[:1].upper() + new[1:] if initial else new)
    return out


# --------------------------------------------------------------------------- case augmentation

def case_copies(sents: list[Sent], lower: float, upper: float, rng: random.Random) -> list[Sent]:
    """Lower-case and ALL-CAPS copies of a share of ``sents`` (tags unchanged).

    ``lower`` and ``upper`` are shares in [0, 1]: each sentence gets a lower-case copy with
    probability ``lower`` and an upper-case copy with probability ``upper`` (1.0: every sentence).
    A copy identical to its source (no letters to change) is not added.
    """
    for name, share in (("lower", lower), ("upper", upper)):
        if not 0.0 <= share <= 1.0:
            raise NerError(f"case-augmentation share {name}={share} is outside [0, 1]")
    out: list[Sent] = []
    for words, tags in sents:
        for share, fold in ((lower, str.lower), (upper, str.upper)):
            if share and (share >= 1.0 or rng.random() < share):
                new = [fold(w) for w in words]
                if new != words:
                    out.append((new, tags))
    return out


def parse_case_augment(value: str) -> tuple[float, float]:
    """``"lower=1,upper=0.3"`` -> (1.0, 0.3); a missing key is 0."""
    shares = {"lower": 0.0, "upper": 0.0}
    for item in filter(None, (x.strip() for x in value.split(","))):
        key, sep, num = item.partition("=")
        try:
            share = float(num)
        except ValueError:
            share = -1.0
        if not sep or key not in shares or not 0.0 <= share <= 1.0:
            raise NerError(f"--case-augment wants lower=SHARE,upper=SHARE with shares in [0, 1], got {value!r}")
        shares[key] = share
    return shares["lower"], shares["upper"]


# --------------------------------------------------------------------------- static vectors

def build_vectors(sentences: list[list[str]], out: Path, dim: int, rows: int, seed: int) -> Path:
    """Small lower-case word vectors (PPMI + truncated SVD, numpy only) as a spaCy vocab folder."""
    import numpy as np
    import spacy
    from spacy.vectors import Vectors

    counts = Counter(w.lower() for s in sentences for w in s)
    words = [w for w, n in counts.most_common(rows) if n >= 3]
    ctx = {w: i for i, w in enumerate(words[:5000])}
    index = {w: i for i, w in enumerate(words)}
    rows_i, cols_i, vals = [], [], []
    for sent in sentences:
        ids = [index.get(w.lower(), -1) for w in sent]
        cids = [ctx.get(w.lower(), -1) for w in sent]
        for i, wi in enumerate(ids):
            if wi < 0:
                continue
            for j in range(max(0, i - 2), min(len(sent), i + 3)):
                if j != i and cids[j] >= 0:
                    rows_i.append(wi), cols_i.append(cids[j]), vals.append(1.0 / abs(i - j))
    m = np.zeros((len(words), len(ctx)), dtype=np.float32)
    np.add.at(m, (np.array(rows_i), np.array(cols_i)), np.array(vals, dtype=np.float32))
    total = m.sum()
    pw = m.sum(1, keepdims=True) / total
    pc = m.sum(0, keepdims=True) ** 0.75
    pc /= pc.sum()
    with np.errstate(divide="ignore"):
        pmi = np.log(m / total / (pw * pc + 1e-12))
    ppmi = np.maximum(pmi, 0).astype(np.float32)
    rng = np.random.default_rng(seed)
    q, _ = np.linalg.qr(ppmi @ rng.standard_normal((ppmi.shape[1], dim + 20)).astype(np.float32))
    u, sv, _ = np.linalg.svd(q.T @ ppmi, full_matrices=False)
    vecs = (q @ u[:, :dim]) * np.sqrt(sv[:dim])
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True) + 1e-8
    nlp = spacy.blank("id")
    for w in words:
        nlp.vocab.strings.add(w)
    nlp.vocab.vectors = Vectors(strings=nlp.vocab.strings, data=vecs.astype(np.float32), keys=words, attr="LOWER")
    nlp.to_disk(out)
    print(f"  vectors: {len(words)} words x {dim} -> {out}")
    return out


# --------------------------------------------------------------------------- corpora -> DocBins

def load_corpus(path: Path, corpus: str, override: dict[str, str]) -> list[Sent]:
    mapping = label_map_for(corpus, override)
    return [(words, repair_bio(map_tags(tags, mapping))) for words, tags in read_bio(path)]


def to_docbin(nlp, sents: list[Sent], path: Path) -> int:
    from spacy.tokens import Doc, DocBin

    db = DocBin(store_user_data=False)
    for words, tags in sents:
        db.add(Doc(nlp.vocab, words=words, ents=[None if t == MISSING else t for t in tags]))
    path.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(path)
    return len(sents)


def build_training_set(args, override: dict[str, str]) -> list[Sent]:
    data = Path(args.data)
    cased = {}
    for name in args.corpora:
        org = {"nergrit": {"ORGANISATION": {"keep": "ORG", "missing": MISSING, "drop": "O"}[args.nergrit_org]}}
        cased[name] = load_corpus(data / CASED_TRAIN[name], name, {**org.get(name, {}), **override})
        print(f"  {name}: {len(cased[name])} sentences")
    weights = {k: int(v) for k, v in parse_sets(args.weight).items()}
    train = [s for name, sents in cased.items() for s in sents * weights.get(name, 1)]
    rng = random.Random(args.seed)
    if args.nerp != "none":
        nerp = load_corpus(data / NERP_TRAIN, "nerp", override)
        nerp = rng.sample(nerp, round(len(nerp) * args.nerp_fraction))
        table = case_table(data, list(cased.values())) if args.nerp in ("truecase", "truecase+lower") else None
        if args.nerp != "asis":
            lowered = nerp if args.nerp.endswith("+lower") else []
            nerp = [(recase(w, t, table), t) for w, t in nerp] + lowered
        print(f"  nerp ({args.nerp}, fraction {args.nerp_fraction}): {len(nerp)} sentences")
        train += nerp
    lower, upper = parse_case_augment(args.case_augment)
    if lower or upper:
        cased_train = [s for name, sents in cased.items() for s in sents * weights.get(name, 1)]
        copies = case_copies(cased_train, lower, upper, rng)
        print(f"  case copies of the cased corpora (lower {lower}, upper {upper}): {len(copies)} sentences")
        train += copies
    return train


# --------------------------------------------------------------------------- train, ship, score

def parse_sets(items: list[str]) -> dict:
    out = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep:
            raise NerError(f"--set wants KEY=VALUE, got {item!r}")
        try:
            out[key] = json.loads(value)
        except json.JSONDecodeError:
            out[key] = value
    return out


def vector_overrides(args, data: Path, work: Path) -> dict:
    """Build the static vectors from every train split and the unlabelled text; config overrides."""
    sents = [w for name, rel in CASED_TRAIN.items() for w, _ in read_bio(data / rel)]
    sents += [w for w, _ in read_bio(data / NERP_TRAIN)]
    sents += [w for rel in UNLABELLED if (data / rel).is_file() for w in _unlabelled_words(data / rel)]
    path = build_vectors(sents, work / "vectors", args.vectors_dim, args.vectors_rows, args.seed)
    return {"paths.vectors": str(path), "components.tok2vec.model.embed.include_static_vectors": True}


def ship(best: Path, out: Path) -> int:
    """Copy what loading needs from ``best`` to ``out``; return the size in bytes."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for name in KEEP:
        src = best / name
        if src.is_dir():
            shutil.copytree(src, out / name)
        elif src.is_file():
            shutil.copy2(src, out / name)
    cfg = out / "config.cfg"
    lines = cfg.read_text(encoding="utf-8").splitlines()
    section = ""
    for i, line in enumerate(lines):
        section = line if line.startswith("[") else section
        if section == "[paths]" and line.split(" = ")[0] in ("train", "dev"):
            lines[i] = line.split(" = ")[0] + " = null"  # the work folder is not shipped
    cfg.write_text("\n".join(lines) + "\n", encoding="utf-8")
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    meta.update(name="ner_id", version="1.0.0", license="see models/README.md (training data licences)",
                description="Indonesian NER (PER, LOC, ORG) for extractor; recipe: python -m extractor.train",
                spacy_version=spacy_range())
    (out / "meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    return sum(f.stat().st_size for f in out.rglob("*") if f.is_file())


def spacy_range() -> str:
    """Minor-level spaCy range for meta.json (``>=3.8.0,<3.9.0``), not the patch-level floor spaCy writes."""
    import spacy

    major, minor = (int(x) for x in spacy.__version__.split(".")[:2])
    return f">={major}.{minor}.0,<{major}.{minor + 1}.0"


def score_all(model_dir: Path, data: Path) -> dict:
    from .ner import load_model

    nlp = load_model(model_dir)
    results = {}
    for name, rel in DEV.items():
        results[name] = score_bio(nlp, data / rel)
        print(format_scores(results[name], name), "\n")
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m extractor.train", description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", required=True, help="folder with indolem-ner/, indonlu-ner/, ... (shared/data)")
    ap.add_argument("--out", default="models/ner-id", help="where the trained model is copied")
    ap.add_argument("--work", default="/tmp/extractor-train", help="work folder for DocBins and runs")
    ap.add_argument("--config", default=None, help="spaCy config (default extractor/resources/ner.cfg)")
    ap.add_argument("--corpora", default="nerui,nerugm,nergrit", help="cased training corpora, comma-separated")
    ap.add_argument("--nerp", choices=("none", "asis", "recase", "truecase", "recase+lower", "truecase+lower"),
                    default="recase", help="how the lower-cased NERP train split is added (+lower: also as it is)")
    ap.add_argument("--case-augment", default="", metavar="lower=SHARE,upper=SHARE",
                    help="also add lower-case / ALL-CAPS copies of this share of the cased sentences")
    ap.add_argument("--dev-lower", action="store_true",
                    help="select the best checkpoint on the dev splits cased and lower-cased")
    ap.add_argument("--nerp-fraction", type=float, default=1.0, help="share of NERP sentences used")
    ap.add_argument("--nergrit-org", choices=("keep", "missing", "drop"), default="keep",
                    help="NERGrit ORGANISATION spans: as ORG, as missing annotation, or as O")
    ap.add_argument("--weight", action="append", default=["nergrit=2"], metavar="CORPUS=N",
                    help="repeat a cased corpus N times (default nergrit=2; a later value wins)")
    ap.add_argument("--vectors-dim", type=int, default=0, help="build static vectors of this width (0: none)")
    ap.add_argument("--vectors-rows", type=int, default=15000, help="most frequent words given a vector")
    ap.add_argument("--label-map", default=None, help="FROM<TAB>TO file applied over every corpus mapping")
    ap.add_argument("--seed", type=int, default=42, help="seed for spaCy and for NERP sampling")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="config override")
    ap.add_argument("--name", default="run", help="run name (sub-folder of --work)")
    args = ap.parse_args(argv)
    args.corpora = [c for c in args.corpora.split(",") if c]
    unknown = set(args.corpora) - set(CASED_TRAIN)
    if unknown:
        raise NerError(f"unknown corpora {sorted(unknown)}; choose from {sorted(CASED_TRAIN)}")
    return run(args)


def run(args) -> int:
    import spacy
    from spacy.cli.train import train

    data, work = Path(args.data), Path(args.work) / args.name
    config = Path(args.config) if args.config else Path(str(files("extractor.resources") / "ner.cfg"))
    override = load_label_map(args.label_map) if args.label_map else {}
    print(f"[1/4] corpora from {data}")
    nlp = spacy.blank("id")
    n_train = to_docbin(nlp, build_training_set(args, override), work / "train.spacy")
    dev = [s for name in SELECT_DEV for s in load_corpus(data / DEV[name], Path(DEV[name]).parent.name, {})]
    if args.dev_lower:
        dev += case_copies(dev, 1.0, 0.0, random.Random(args.seed))
    n_dev = to_docbin(nlp, dev, work / "dev.spacy")
    print(f"  train {n_train} sentences, dev {n_dev} sentences -> {work}")
    overrides = {"paths.train": str(work / "train.spacy"), "paths.dev": str(work / "dev.spacy"),
                 "system.seed": args.seed}
    if args.vectors_dim:
        overrides.update(vector_overrides(args, data, work))
    overrides.update(parse_sets(args.set))
    print(f"[2/4] training with {config} {overrides}")
    t0 = time.time()
    train(config, work / "output", overrides=overrides)
    minutes = (time.time() - t0) / 60
    print(f"[3/4] trained in {minutes:.1f} min; copying model-best to {args.out}")
    size = ship(work / "output" / "model-best", Path(args.out))
    print(f"  {size / 1e6:.1f} MB")
    print("[4/4] scores on the dev splits")
    results = score_all(Path(args.out), data)
    summary = {"args": {k: v for k, v in vars(args).items()}, "minutes": minutes, "bytes": size, "scores": results}
    (work / "scores.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
