"""Evidence: the sentence around a span of a document, for showing a fact in context."""
from __future__ import annotations

import re

_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[\"“A-Z0-9])|\n+")
BOLD, DIM, RESET = "\033[1m", "\033[2m", "\033[0m"


MAX_REACH = 600  # a "sentence" longer than this on either side is cut: documents can be megabytes


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the sentence (or line) containing [start, end), at most MAX_REACH beyond the span."""
    s = max(0, start - MAX_REACH)
    for m in _BOUNDARY.finditer(text, s, start):
        s = m.end()
    m = _BOUNDARY.search(text, end, min(len(text), end + MAX_REACH))
    return s, m.start() if m else min(len(text), end + MAX_REACH)


def evidence(text: str, start: int, end: int, color: bool, width: int = 220) -> str:
    s, e = sentence_around(text, start, end)
    s, e = max(s, start - width // 2), min(e, end + width // 2)
    hi = f"{BOLD}{text[start:end]}{RESET}" if color else f"[{text[start:end]}]"
    return f"{'…' if s > 0 else ''}{text[s:start]}{hi}{text[end:e]}{'…' if e < len(text) else ''}".replace("\n", " ")
