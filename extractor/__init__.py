"""extractor: structured, normalized event records from Indonesian government press releases.

    import extractor
    nlp = extractor.load()
    record = nlp.extract(text, doc_id="r1", published="2022-07-06")
    record.as_dict()
"""
from __future__ import annotations

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())


def load(settings=None):
    """Build the pipeline once and return it (see :class:`extractor.pipeline.Pipeline`)."""
    from .pipeline import load as _load

    return _load(settings)


def extract(text, doc_id="doc", published=None, url=None):
    """One text to one :class:`extractor.record.Record`, with the shared pipeline."""
    return load().extract(text, doc_id=doc_id, published=published, url=url)


def pipe(items, errors="raise"):
    """Stream records for an iterable of texts, (text, context) pairs or InputDocs."""
    return load().pipe(items, errors=errors)


def read(path):
    """Records as pandas DataFrames (documents, people, places, regions, organizations, dates,
    welfare_terms, quotes, roles_without_name, errors), from a records .jsonl or a Parquet folder."""
    from .tables import read as _read

    return _read(path)


__all__ = ["__version__", "load", "extract", "pipe", "read"]
