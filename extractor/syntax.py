"""Stanza for Indonesian syntax: loading the models once per process and parsing pretokenised words.

The shipped models (``models/stanza-id``, installed as ``extractor.models``) are Stanza POS, lemma
and dependency models trained here by :mod:`extractor.train_syntax`; ``stanza_dir`` takes Stanza's
official ``id`` models instead (a folder laid out as Stanza's downloads, with ``resources.json``).
Tokenisation stays spaCy's: Stanza gets the words (``tokenize_pretokenized=True``) and never
downloads anything (``download_method=None``). Stanza and PyTorch come with the ``syntax`` extra.
"""
from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from .errors import UsageError

PROCESSORS = "tokenize,pos,lemma,depparse"
FILES = {"pos": "id_pos.pt", "lemma": "id_lemma.pt", "depparse": "id_depparse.pt", "pretrain": "id_vectors.pt",
         "resources": "resources.json"}
INSTALL_HINT = ('the syntax stage needs Stanza and PyTorch, which the default install leaves out: '
                'pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu '
                '(a CPU-only PyTorch), then pip install "extractor[syntax]"')


class SyntaxUnavailable(UsageError):
    """Stanza (or PyTorch) is not installed, or a model folder cannot be used."""


@dataclass(frozen=True)
class Word:
    """One word of a parsed sentence: ``head`` is 1-based (0 = root), as in CoNLL-U."""

    text: str
    lemma: str
    upos: str
    head: int
    deprel: str


def available() -> bool:
    """Whether Stanza can be imported (the ``syntax`` extra is installed)."""
    try:
        import stanza  # noqa: F401
    except ImportError:
        return False
    return True


def require() -> None:
    """Raise SyntaxUnavailable, saying what to install, when Stanza cannot be imported."""
    if not available():
        raise SyntaxUnavailable(INSTALL_HINT)


def shipped_dir() -> Path:
    return Path(str(files("extractor.models"))) / "stanza-id"


def model_files(folder: Path) -> dict[str, Path]:
    """The four files of a folder of models trained by :mod:`extractor.train_syntax`."""
    paths = {k: folder / name for k, name in FILES.items()}
    missing = [str(p) for p in paths.values() if not p.is_file()]
    if missing:
        raise SyntaxUnavailable(f"Stanza model folder {folder}: missing {', '.join(missing)} (the project's "
                                f"Stanza models are not shipped yet: give --stanza-dir DIR with Stanza's official "
                                f"Indonesian models, or train them: python -m extractor.train_syntax --help)")
    return paths


def version(stanza_dir: str | None = None) -> str:
    """Which models parse: ``stanza-id+HASH`` (shipped files) or ``official:DIR``, with Stanza's version."""
    import stanza

    if stanza_dir:
        return f"stanza {stanza.__version__} official:{stanza_dir}"
    h = hashlib.sha256()
    for path in sorted(model_files(shipped_dir()).values()):
        h.update(path.read_bytes())
    return f"stanza {stanza.__version__} stanza-id+{h.hexdigest()[:12]}"


@functools.lru_cache(maxsize=4)
def load(stanza_dir: str | None = None):
    """Stanza's Pipeline (POS, lemma, parser on pretokenised input), built once per process.

    ``stanza_dir``: a folder of Stanza's official models (``DIR/resources.json``, ``DIR/id/...``);
    None: the shipped models. Runs on one thread (the batch runner's workers give the parallelism).
    """
    require()
    import stanza
    import torch

    torch.set_num_threads(1)
    common = dict(lang="id", processors=PROCESSORS, tokenize_pretokenized=True, download_method=None,
                  use_gpu=False, logging_level="ERROR", pos_batch_size=3000, depparse_batch_size=3000)
    if stanza_dir:
        folder = Path(stanza_dir)
        if not (folder / "resources.json").is_file():
            raise SyntaxUnavailable(f"--stanza-dir {stanza_dir}: no resources.json there; give the folder "
                                    f"Stanza downloaded its models into (the one holding id/)")
        return stanza.Pipeline(dir=str(folder), **common)
    paths = model_files(shipped_dir())
    # resources.json there is empty ("{}"): every model is given by path, nothing is looked up
    return stanza.Pipeline(dir=str(shipped_dir()), allow_unknown_language=True, pos_model_path=str(paths["pos"]),
                           pos_pretrain_path=str(paths["pretrain"]), lemma_model_path=str(paths["lemma"]),
                           depparse_model_path=str(paths["depparse"]),
                           depparse_pretrain_path=str(paths["pretrain"]), **common)


def parse(sentences: list[list[str]], stanza_dir: str | None = None) -> list[list[Word]]:
    """Parse sentences given as word lists; one list of :class:`Word` per sentence, words kept."""
    if not sentences:
        return []
    nlp = load(stanza_dir)
    doc = nlp([list(words) for words in sentences])
    out = []
    for sent in doc.sentences:
        out.append([Word(w.text, w.lemma or w.text, w.upos or "X", int(w.head or 0), w.deprel or "dep")
                    for w in sent.words])
    return out
