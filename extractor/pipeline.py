"""The pipeline: clean, then the spaCy components in order, then the record.

``load()`` builds it once; ``Pipeline.extract`` gives one record; ``Pipeline.pipe`` streams records
(and, with ``errors="yield"``, error rows for documents that failed, so a batch goes on).
"""
from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from . import __version__
from . import components  # noqa: F401  (registers the components)
from .assemble import build_record
from .clean import clean
from .errors import InputError, StageError, UsageError
from .inputs import InputDoc, date_from_url, parse_date
from .record import Record, Versions, error_row

log = logging.getLogger(__name__)


MAX_CHARS = 20_000_000  # spaCy's default (1,000,000) would refuse long releases; time is bounded by --doc-timeout
MODEL_PIPES = ("tok2vec", "ner")  # the NER model's components: their cost is per token
MODEL_TOKENS_PER_CHAR = 0.16      # the model reads at most this many tokens per character of clean text
MODEL_MIN_TOKENS = 3000           # ... or this many: a release (at most about 1,500 tokens) is read whole;
#                                   a longer text, as far as 0.16 tokens per character go (prose has
#                                   0.15-0.19, so nearly all of it), a text of runs of initials, digits or
#                                   brackets (a token every two or three characters) up to that limit,
#                                   with a warning saying where the model stopped
MODEL_CHUNK = 2000                # the model reads a long text in pieces of at most this many tokens


@dataclass(frozen=True)
class Settings:
    """What a pipeline is built with.

    ``ner``: also run the shipped Indonesian NER model (``models/ner-id``, see models/README.md)
    before the rule stages, which then take its PER/LOC spans as candidates; ``ner_path`` another
    model directory (implies ``ner``). The default is the rules-only pipeline: on releases no rule
    was written beside, the model added no accuracy for more than half of the run time (README,
    "The NER model").

    ``syntax``: add the syntax stage (Stanza POS, lemma and parser on the sentences with an actor or
    an action word; records then carry ``actions``). Needs the ``syntax`` extra; ``stanza_dir`` takes
    Stanza's official ``id`` models instead of the shipped ``models/stanza-id``.
    """

    stages: tuple[str, ...] = components.STAGES
    ner: bool = False
    ner_path: str | None = None
    syntax: bool = False
    stanza_dir: str | None = None


@dataclass
class ErrorRow:
    """A document that did not become a record: which one, at which stage, and why."""

    doc_id: str | None
    source: str | None
    stage: str
    error: str
    message: str
    sha256: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return error_row(self.doc_id, self.source, self.stage, self.error, self.message, self.sha256)


class Pipeline:
    def __init__(self, settings: Settings = Settings()) -> None:
        self.settings = settings
        self.nlp: Language = _base_language(settings)
        self.nlp.max_length = MAX_CHARS
        for name in settings.stages:
            self.nlp.add_pipe(name)
        if settings.syntax:
            from . import syntax, syntax_stage  # noqa: F401  (registers the stage)

            syntax.require()
            self.nlp.add_pipe("extractor_syntax", config={"stanza_dir": settings.stanza_dir})
        problems = self.nlp.analyze_pipes()["problems"]
        unmet = {k: v for k, v in problems.items() if v}
        if unmet:
            raise UsageError(f"pipeline stages have unmet requirements: {unmet}")
        models = {"spacy": spacy.__version__}
        if uses_model(settings):
            models["ner-id"] = _model_version(settings, self.nlp.meta)
        if settings.syntax:
            from . import syntax

            models["stanza"] = syntax.version(settings.stanza_dir)
        self.versions = Versions(pipeline=__version__, models=models)
        self.timings: dict[str, float] = {name: 0.0 for name in ("clean", *self.nlp.pipe_names, "assemble")}
        self._model = [(n, p) for n, p in self.nlp.pipeline if n in MODEL_PIPES]
        self._rules = [(n, p) for n, p in self.nlp.pipeline if n not in MODEL_PIPES]
        # The rule stages read the clean text (doc._.cleaned), never tokens: without the model the Doc
        # only carries their attributes, and the text is not tokenised (the tokenizer took about a
        # fifth of the rules-only time, and its vocabulary grows with every new word).
        self._make_doc = self.nlp.make_doc if self._model or settings.syntax else self._carrier   # syntax reads tokens

    def _carrier(self, text: str) -> Doc:
        return Doc(self.nlp.vocab)

    @property
    def stage_names(self) -> list[str]:
        return ["clean", *self.nlp.pipe_names, "assemble"]

    def _timed(self, stage: str, doc_id: str, fn, *args):
        t0 = time.perf_counter()
        try:
            return fn(*args)
        except Exception as exc:  # noqa: BLE001 - one document's failure must not stop a batch
            raise StageError(stage, doc_id, exc) from exc
        finally:
            self.timings[stage] += time.perf_counter() - t0

    def process(self, item: InputDoc) -> Record:
        """Run every stage on one document; a failure raises StageError naming the stage."""
        cleaned = self._timed("clean", item.doc_id, clean, item.text)
        doc = self._timed("clean", item.doc_id, self._make_doc, cleaned.text)
        doc._.cleaned = cleaned
        published, warnings = item.published, list(item.warnings)
        if published is None and (published := date_from_url(item.url)) is not None:
            warnings.append(f"publication date {published.isoformat()} read from the URL")
        doc._.meta = {"doc_id": item.doc_id, "published": published, "path": item.source,
                      "url": item.url, "sha256": item.sha256, "format": item.format,
                      "encoding": item.encoding, "warnings": warnings}
        doc._.warnings = []
        self._run_model(doc, len(cleaned.text), item.doc_id)
        for name, proc in self._rules:
            doc = self._timed(name, item.doc_id, proc, doc)
        return self._timed("assemble", item.doc_id, build_record, doc, self.versions)

    def _run_model(self, doc: Doc, chars: int, doc_id: str) -> None:
        """The NER model's components on the document's first ``model_token_limit`` tokens (all of a
        normal release), in pieces of at most MODEL_CHUNK tokens cut after a sentence end; the
        entities are set on the whole document, and a warning says where the model stopped."""
        if not self._model:
            return
        limit = min(len(doc), model_token_limit(chars))
        if limit == len(doc) <= MODEL_CHUNK:
            for name, proc in self._model:
                self._timed(name, doc_id, proc, doc)
            return
        ents = []
        for a, b in chunks(doc, limit):
            part = doc[a:b].as_doc(copy_user_data=False)
            for name, proc in self._model:
                part = self._timed(name, doc_id, proc, part)
            ents += [Span(doc, a + e.start, a + e.end, label=e.label) for e in part.ents]
        doc.set_ents(ents)
        if limit < len(doc):
            doc._.warnings.append(f"ner: the text has {len(doc)} tokens in {chars} characters; the "
                                  f"model read the first {limit} (up to character {doc[limit].idx})")

    def extract(self, text: str, doc_id: str = "doc", published: date | str | None = None,
                url: str | None = None) -> Record:
        """One text to one record. ``published`` (ISO string or date) anchors relative dates."""
        if not isinstance(text, str):
            raise UsageError(f"extract() takes the document text as str, not {type(text).__name__}")
        return self.process(as_input(text, doc_id, published, url))

    def pipe(self, items: Iterable[Any], errors: str = "raise") -> Iterator[Record | ErrorRow]:
        """Stream records. Items: str, (text, context dict), InputDoc, or InputError.

        ``errors="raise"`` stops at the first failure; ``errors="yield"`` yields an ErrorRow
        for it and goes on, so every input ends as a record or an error row.
        """
        if errors not in ("raise", "yield"):
            raise UsageError(f"errors must be 'raise' or 'yield', not {errors!r}")
        for n, item in enumerate(items):
            doc = None
            try:
                if isinstance(item, InputError):
                    raise item
                doc = _coerce(item, n)
                yield self.process(doc)
            except (InputError, StageError) as exc:
                if errors == "raise":
                    raise
                yield to_error_row(exc, doc)


def _base_language(settings: Settings) -> Language:
    """The NER model's pipeline (its tokenizer, tok2vec and ner) or a blank Indonesian one."""
    if not uses_model(settings):
        return spacy.blank("id")
    from . import ner

    return ner.load_fresh(settings.ner_path)  # a fresh copy: the stages are added to it


def _model_version(settings: Settings, meta: dict) -> str:
    """The NER model's version and a short hash of its weights, so records say which model made them."""
    import hashlib

    from . import ner

    path = ner.resolve_path(settings.ner_path)
    h = hashlib.sha256()
    for f in sorted(p for p in path.rglob("*") if p.is_file() and p.name in ("model", "cfg", "meta.json")):
        h.update(f.read_bytes())
    return f"{meta.get('version', '0.0.0')}+{h.hexdigest()[:12]}"


def chunks(doc: Doc, limit: int) -> Iterator[tuple[int, int]]:
    """Token ranges covering ``doc[:limit]``, each at most MODEL_CHUNK tokens, cut after a sentence
    end or a line break where one is in the last quarter (a long text in one piece makes the model
    slower per token; its window is a few tokens, so cutting at a sentence end loses nothing)."""
    a = 0
    while a < limit:
        b = min(limit, a + MODEL_CHUNK)
        if b < limit:
            cut = next((i + 1 for i in range(b - 1, b - MODEL_CHUNK // 4, -1)
                        if doc[i].text in (".", "!", "?") or "\n" in doc[i].text), None)
            b = cut or b
        yield a, b
        a = b


def model_token_limit(chars: int) -> int:
    """How many tokens the NER model reads of a clean text of ``chars`` characters: its cost is
    per token, so this keeps it per character whatever the text is made of."""
    return max(MODEL_MIN_TOKENS, int(chars * MODEL_TOKENS_PER_CHAR))


def to_error_row(exc: Exception, doc: InputDoc | None = None) -> ErrorRow:
    """The error row for a failure; ``doc`` (the document that failed in a stage) adds its source
    and content hash."""
    if isinstance(exc, InputError):
        return ErrorRow(exc.doc_id, exc.source, "input", type(exc).__name__, exc.message)
    if isinstance(exc, StageError):
        return ErrorRow(exc.doc_id, doc.source if doc else None, exc.stage, type(exc.cause).__name__,
                        str(exc.cause), doc.sha256 if doc else None)
    return ErrorRow(None, None, "unknown", type(exc).__name__, str(exc))


def as_input(text: str, doc_id: str, published: date | str | None = None, url: str | None = None) -> InputDoc:
    from .inputs import split_source_line

    src_url, body = split_source_line(text)
    return InputDoc(doc_id=doc_id, text=body, source=doc_id, url=url or src_url,
                    published=parse_date(published))


def _coerce(item: Any, n: int) -> InputDoc:
    if isinstance(item, InputDoc):
        return item
    if isinstance(item, str):
        return as_input(item, f"doc{n}")
    if isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str) and isinstance(item[1], dict):
        ctx = item[1]
        return as_input(item[0], str(ctx.get("doc_id", f"doc{n}")), ctx.get("published"), ctx.get("url"))
    raise UsageError(f"pipe() item {n} is a {type(item).__name__}; give str, (text, dict) or InputDoc")


def uses_model(settings: Settings) -> bool:
    return settings.ner or settings.ner_path is not None


_PIPELINE: Pipeline | None = None
_DEFAULT = Settings()


def configure(settings: Settings) -> Settings:
    """Make ``settings`` what ``load()`` builds from now on in this process and in the batch
    runner's workers forked from it (the command's ``--ner-model`` and ``--syntax``); returns the
    previous settings, which the command restores after it."""
    global _PIPELINE, _DEFAULT
    previous = _DEFAULT
    if settings != _DEFAULT:
        _DEFAULT, _PIPELINE = settings, None
    return previous


def default_settings() -> Settings:
    return _DEFAULT


def load(settings: Settings | None = None) -> Pipeline:
    """The pipeline, built once per process with the configured settings (a new one when other
    settings are given)."""
    global _PIPELINE
    if settings is not None:
        return Pipeline(settings)
    if _PIPELINE is None:
        _PIPELINE = Pipeline(_DEFAULT)
    return _PIPELINE
