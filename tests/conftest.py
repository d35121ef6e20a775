import os

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLES = os.path.join(ROOT, "data", "samples")
DEVSET = os.path.normpath(os.path.join(ROOT, "..", "shared", "devset"))


@pytest.fixture(scope="session")
def nlp():
    """One pipeline for the whole session."""
    import extractor

    return extractor.load()


@pytest.fixture(scope="session")
def nlp_syntax():
    """One pipeline with the syntax stage (Stanza) for the whole session; skips without the extra."""
    pytest.importorskip("stanza", reason="the syntax extra is not installed")
    from extractor.pipeline import Pipeline, Settings

    return Pipeline(Settings(syntax=True))
