"""The shipped Indonesian NER model: BIO corpora, label mapping, loading and strict scoring.

The model (``models/ner-id``, installed as ``extractor.models``) tags PER, LOC and ORG spans.
It is trained by :mod:`extractor.train` on public BIO corpora whose label sets differ; the
mappings below bring them to that one scheme.  ``score_bio`` gives entity-level strict
precision / recall / F1 (exact span and label) on a gold BIO file.

    python -m extractor.ner score ../shared/data/indolem-ner/nerui/dev.tsv
"""
from __future__ import annotations

import argparse
import functools
import time
from collections import Counter
from collections.abc import Iterable, Mapping
from importlib.resources import files
from pathlib import Path

from .errors import ExtractorError

LABELS = ("PER", "LOC", "ORG")
MISSING = "-"  # mapping target: "annotation unknown here" (training only; scored as O)

# Default mapping, used for any corpus: type name (without B-/I-) -> PER / LOC / ORG / O.
DEFAULT_MAP: dict[str, str] = {
    "PERSON": "PER", "PPL": "PER", "PER": "PER",
    "PLACE": "LOC", "LOCATION": "LOC", "PLC": "LOC", "LOC": "LOC", "GPE": "LOC",
    "ORGANISATION": "ORG", "ORGANIZATION": "ORG", "IND": "ORG", "ORG": "ORG",
}

# One mapping per corpus (folder name).  Types absent from a mapping become O.
CORPUS_MAPS: dict[str, dict[str, str]] = {
    "nerp": {"PPL": "PER", "PLC": "LOC", "IND": "ORG"},                      # EVT, FNB -> O
    "nergrit": {"PERSON": "PER", "PLACE": "LOC", "ORGANISATION": "ORG"},
    "nerui": {"PERSON": "PER", "LOCATION": "LOC", "ORGANIZATION": "ORG"},
    "nerugm": {"PERSON": "PER", "LOCATION": "LOC", "ORGANIZATION": "ORG"},  # TIME, QUANTITY -> O
}


class NerError(ExtractorError):
    """A BIO file, a label map or the shipped NER model could not be used."""


# --------------------------------------------------------------------------- BIO files

def read_bio(path: str | Path) -> list[tuple[list[str], list[str]]]:
    """Sentences of a ``token<TAB>tag`` file (blank line between sentences) as (tokens, tags)."""
    sents: list[tuple[list[str], list[str]]] = []
    words: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for n, raw in enumerate(fh, 1):
            line = raw.rstrip("\r\n")
            if not line.strip():
                if words:
                    sents.append((words, tags))
                    words, tags = [], []
                continue
            parts = line.split("\t")
            if len(parts) < 2:
                parts = line.rsplit(None, 1)
            if len(parts) < 2 or not parts[0].strip() or not parts[-1].strip():
                raise NerError(f"{path}:{n}: expected 'token<TAB>tag', got {line!r}")
            words.append(parts[0].strip())
            tags.append(_check_tag(parts[-1].strip(), path, n))
    if words:
        sents.append((words, tags))
    return sents


def _check_tag(tag: str, path, n: int) -> str:
    if tag == "O" or (len(tag) > 2 and tag[:2] in ("B-", "I-")):
        return tag
    raise NerError(f"{path}:{n}: tag {tag!r} is neither 'O' nor 'B-TYPE' / 'I-TYPE'")


# --------------------------------------------------------------------------- label mapping

def load_label_map(path: str | Path) -> dict[str, str]:
    """A ``FROM<TAB>TO`` file (``#`` comments, blank lines allowed; an optional ``from	to`` header)."""
    mapping: dict[str, str] = {}
    allowed = set(LABELS) | {"O", MISSING}
    for n, raw in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) != 2:
            raise NerError(f"{path}:{n}: expected 'FROM<TAB>TO', got {raw!r}")
        src, dst = parts
        if n == 1 and (src.lower(), dst.lower()) == ("from", "to"):
            continue
        if dst not in allowed:
            raise NerError(f"{path}:{n}: target {dst!r} is not one of {sorted(allowed)}")
        mapping[src] = dst
    return mapping


def label_map_for(corpus: str | None = None, override: Mapping[str, str] | None = None) -> dict[str, str]:
    """The mapping for a corpus (folder name like ``nerp``; unknown -> default), then ``override``."""
    mapping = dict(CORPUS_MAPS.get(corpus or "", DEFAULT_MAP))
    mapping.update(override or {})
    return mapping


def map_tags(tags: Iterable[str], mapping: Mapping[str, str] | None = None) -> list[str]:
    """BIO tags with their types mapped (unmapped types -> O; ``-`` kept as a missing value)."""
    mapping = DEFAULT_MAP if mapping is None else mapping
    out: list[str] = []
    for tag in tags:
        if tag == "O":
            out.append("O")
            continue
        new = mapping.get(tag[2:], "O")
        out.append(new if new in ("O", MISSING) else f"{tag[:2]}{new}")
    return out


def repair_bio(tags: list[str]) -> list[str]:
    """An ``I-X`` that does not continue an ``X`` entity becomes ``B-X`` (as :func:`bio_spans` reads it)."""
    out: list[str] = []
    for tag in tags:
        if tag[:2] == "I-" and (not out or out[-1][2:] != tag[2:]):
            tag = "B-" + tag[2:]
        out.append(tag)
    return out


def bio_spans(tags: list[str]) -> set[tuple[int, int, str]]:
    """Entity spans (start, end exclusive, label) of BIO tags; a stray I- starts an entity."""
    spans: set[tuple[int, int, str]] = set()
    start, label = None, None
    for i, tag in enumerate([*tags, "O"]):
        kind = tag[2:] if tag[:2] in ("B-", "I-") else None
        if label is not None and (tag[:2] != "I-" or kind != label):
            spans.add((start, i, label))
            start, label = None, None
        if kind is not None and label is None:
            start, label = i, kind
    return spans


# --------------------------------------------------------------------------- the shipped model

def model_path() -> Path:
    """Where the installed package keeps the model (a source checkout: ``models/`` beside the package)."""
    try:
        return Path(str(files("extractor.models") / "ner-id"))
    except ModuleNotFoundError:  # not installed: extractor.models is only mapped by pyproject's package-dir
        return Path(__file__).resolve().parent.parent / "models" / "ner-id"


def load_fresh(path: str | Path | None = None):
    """A new copy of the model's spaCy pipeline (the shipped model unless ``path``), not cached: the
    extraction pipeline adds its stages to it."""
    import spacy

    path = resolve_path(path)
    if not (path / "config.cfg").is_file():
        raise NerError(f"NER model not found at {path} (no config.cfg): the package is incomplete; train "
                       "it with 'python -m extractor.train --data ../shared/data --out models/ner-id', or "
                       "run the rules only (pipeline.Settings(ner=False))")
    return spacy.load(path)


@functools.lru_cache(maxsize=4)
def _load(path: str):
    return load_fresh(path)


def resolve_path(path: str | Path | None = None) -> Path:
    """``path`` as a Path, or the shipped model's directory when it is None."""
    return Path(path) if path is not None else model_path()


def load_model(path: str | Path | None = None):
    """The spaCy NER pipeline (shipped model unless ``path``), loaded once per process."""
    return _load(str(resolve_path(path)))


# --------------------------------------------------------------------------- scoring

def predict_tags(nlp, sents: list[list[str]], batch_size: int = 256) -> list[list[str]]:
    """BIO tags the model gives to pre-tokenized sentences (the gold tokens are kept)."""
    from spacy.tokens import Doc

    docs = (Doc(nlp.vocab, words=words) for words in sents)
    out: list[list[str]] = []
    for doc in nlp.pipe(docs, batch_size=batch_size):
        out.append([f"{t.ent_iob_}-{t.ent_type_}" if t.ent_iob_ in ("B", "I") else "O" for t in doc])
    return out


def score_spans(gold: list[list[str]], pred: list[list[str]]) -> dict:
    """Strict entity-level P/R/F1 per label and micro over all labels (exact span + label)."""
    tp: Counter = Counter()
    n_gold: Counter = Counter()
    n_pred: Counter = Counter()
    for g_tags, p_tags in zip(gold, pred, strict=True):
        g, p = bio_spans(g_tags), bio_spans(p_tags)
        n_gold.update(s[2] for s in g)
        n_pred.update(s[2] for s in p)
        tp.update(s[2] for s in g & p)
    labels = sorted(set(n_gold) | set(n_pred))
    per = {lab: _prf(tp[lab], n_pred[lab], n_gold[lab]) for lab in labels}
    total = _prf(sum(tp.values()), sum(n_pred.values()), sum(n_gold.values()))
    return {"per_label": per, "overall": total}


def _prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f": f, "tp": tp, "pred": n_pred, "gold": n_gold}


def score_bio(nlp, path: str | Path, label_map: Mapping[str, str] | None = None) -> dict:
    """Run ``nlp`` on the gold tokens of a BIO file and score it strictly.

    Gold tags are mapped with ``label_map`` (default: the corpus mapping guessed from the
    folder name, else :data:`DEFAULT_MAP`); a missing-value target counts as O.  Returns
    ``{"per_label": {label: {p, r, f, tp, pred, gold}}, "overall": {...}, "words": n,
    "seconds": t, "words_per_second": n / t, "path": str}``.
    """
    sents = read_bio(path)
    mapping = dict(label_map) if label_map is not None else label_map_for(Path(path).parent.name)
    gold = [[t if t != MISSING else "O" for t in map_tags(tags, mapping)] for _, tags in sents]
    words = [w for w, _ in sents]
    t0 = time.perf_counter()
    pred = predict_tags(nlp, words)
    seconds = time.perf_counter() - t0
    result = score_spans(gold, pred)
    n = sum(len(w) for w in words)
    result.update(words=n, seconds=seconds, words_per_second=n / seconds if seconds else 0.0, path=str(path))
    return result


def format_scores(result: dict, title: str | None = None) -> str:
    """A small text table of a :func:`score_bio` result (F1 etc. in percent)."""
    rows = [f"{title or result.get('path', '')}",
            f"{'label':<8}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}"]
    items = [*result["per_label"].items(), ("overall", result["overall"])]
    for lab, s in items:
        rows.append(f"{lab:<8}{100 * s['p']:7.1f}{100 * s['r']:7.1f}{100 * s['f']:7.1f}{s['gold']:7d}{s['pred']:7d}")
    if result.get("words_per_second"):
        rows.append(f"{result['words']} words, {result['words_per_second']:,.0f} words/s")
    return "\n".join(rows)


def print_scores(result: dict, title: str | None = None) -> None:
    """Print :func:`format_scores`."""
    print(format_scores(result, title))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m extractor.ner", description="Score the NER model on BIO files.")
    sub = ap.add_subparsers(dest="cmd", required=True)
    sc = sub.add_parser("score", help="strict entity-level P/R/F1 on gold BIO files")
    sc.add_argument("files", nargs="+", help="token<TAB>tag files")
    sc.add_argument("--model", default=None, help="model folder (default: the shipped model)")
    sc.add_argument("--label-map", default=None, help="FROM<TAB>TO file applied over the corpus mapping")
    args = ap.parse_args(argv)
    nlp = load_model(args.model)
    override = load_label_map(args.label_map) if args.label_map else None
    for f in args.files:
        mapping = label_map_for(Path(f).parent.name, override)
        print_scores(score_bio(nlp, f, mapping))
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
