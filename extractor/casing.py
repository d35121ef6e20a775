"""The text the rule stages read: the clean text with lines written in capitals put in title case.

Scraped releases often come with an ALL-CAPS headline or caption ("BUPATI KENDAL SERAHKAN BANTUAN DI
KECAMATAN WELERI"). The rules read capital letters as cues (a name, an acronym, a place), so such a
line would be one long acronym to them. ``rules_view`` returns a text of the same length in which
each such line is title-cased word by word: a known acronym (an all-capitals short form of
``organizations.tsv``, ``titles.tsv`` or ``region_aliases.tsv``) stays as written, a function word
(``function_words.txt``) goes to lower case, every other word keeps its first letter and lowers the
rest. Offsets are unchanged, so the record's evidence (sliced from the original text) is the same;
names, places and titles read from the view come out in title case.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .names import load_lines, load_tsv

_LINE = re.compile(r"[^\n]+")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
MIN_WORDS = 3          # a line needs this many words of two letters or more, nearly all in capitals
CAPS_SHARE = 0.8


@lru_cache(maxsize=1)
def _acronyms() -> frozenset[str]:
    forms = {r["form"] for r in load_tsv("organizations.tsv")} | {r["form"] for r in load_tsv("titles.tsv")}
    words = {w for f in forms for w in f.split() if len(w) >= 2 and w.isupper()}
    return frozenset(words | {r["alias"].upper() for r in load_tsv("region_aliases.tsv") if len(r["alias"]) <= 3})


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    return frozenset(w.lower() for w in load_lines("function_words.txt"))


def _caps_line(line: str) -> bool:
    words = [w for w in _WORD.findall(line) if len(w) >= 2]
    caps = sum(1 for w in words if w.isupper())
    return len(words) >= MIN_WORDS and caps >= CAPS_SHARE * len(words)


def _word(m: re.Match[str]) -> str:
    w = m.group(0)
    if not w.isupper() or w in _acronyms():
        return w
    if w.lower() in _function_words():
        return w.lower()
    return w[0] + w[1:].lower()


def rules_view(text: str) -> str:
    """``text`` with its ALL-CAPS lines title-cased (same length, same offsets)."""
    if not any(c.isupper() for c in text):
        return text
    out, pos = [], 0
    for m in _LINE.finditer(text):
        if _caps_line(m.group(0)):
            out += [text[pos:m.start()], _WORD.sub(_word, m.group(0))]
            pos = m.end()
    if not out:
        return text
    out.append(text[pos:])
    view = "".join(out)
    return view if len(view) == len(text) else text      # a case change that changes length (rare letters)
