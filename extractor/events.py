"""Event type: what kind of event a release reports, from its headline and lead.

The taxonomy and its cues are data (``resources/event_types.tsv``); several types may apply, the
primary one is the one whose cue comes first in the headline, else in the lead.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

LEAD_PARAGRAPHS = 2


@dataclass(frozen=True, slots=True)
class EventType:
    key: str
    label: str
    pattern: re.Pattern[str]


@lru_cache(maxsize=1)
def taxonomy() -> tuple[EventType, ...]:
    rows = []
    text = resources.files("extractor.resources").joinpath("event_types.tsv").read_text("utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    for line in lines[1:]:
        key, label, cue = line.split("\t")
        rows.append(EventType(key, label, re.compile(rf"\b(?:{cue})\b", re.IGNORECASE)))
    return tuple(rows)


def lead_of(text: str, paragraphs: int = LEAD_PARAGRAPHS) -> str:
    """The first ``paragraphs`` non-empty paragraphs of a clean text."""
    parts = [p for p in text.split("\n\n") if p.strip()]
    return "\n\n".join(parts[:paragraphs])


def event_types(headline: str | None, text: str) -> list[str]:
    """Event-type keys, primary first: ordered by first cue position in headline, then lead."""
    found: list[tuple[int, int, str]] = []
    lead = lead_of(text)
    for order, etype in enumerate(taxonomy()):
        best = None
        for rank, part in enumerate((headline or "", lead)):
            m = etype.pattern.search(part)
            if m:
                best = (rank * 1_000_000 + m.start(), order, etype.key)
                break
        if best:
            found.append(best)
    return [key for _, _, key in sorted(found)]
