"""The syntax stage: Stanza parses the sentences that carry an actor or an action word; actions follow.

Off by default (``Settings(syntax=True)``, ``extractor run --syntax``). Bounded cost: only sentences
with a person (name or title), an office without a name or a word of ``resources/actions.tsv`` are
parsed, never the whole page; at most ``MAX_SENTENCES`` of them per document, each at most
``MAX_WORDS`` words (a longer one is skipped, with a warning). Stanza gets spaCy's tokens as words.
"""
from __future__ import annotations

import functools
import re
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc

from . import actions, components, syntax  # noqa: F401  (components registers doc._.actions)

MAX_SENTENCES = 80
MAX_WORDS = 120
_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[\"“'‘(A-Z0-9])|\n+")

@functools.lru_cache(maxsize=1)
def _no_stop() -> frozenset[str]:
    """Words after whose dot a sentence does not end: honorifics and degrees (resources), acting
    prefixes, single letters (initials) are handled in ``_abbreviation``."""
    out = {"plt", "pj", "pjs", "plh", "no", "hal", "jl", "kec", "kab", "kel", "ds", "tgl", "st"}
    for name in ("honorifics.txt", "degrees.txt"):
        for line in resources.files("extractor.resources").joinpath(name).read_text("utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                out.add(line.split()[-1].replace(".", "").casefold())
    return frozenset(out)


def _abbreviation(text: str, dot: int) -> bool:
    """Whether the dot at ``dot`` ends an abbreviation (``drs.``, ``H.``, ``Plt.``), not a sentence."""
    m = re.search(r"([\w.]+)\.$", text[max(0, dot - 20):dot + 1])
    if not m:
        return False
    word = m.group(1).replace(".", "").casefold()
    return len(word) == 1 or word in _no_stop()


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Sentences of a clean text as character ranges: cut after . ! ? before a capital, digit or
    quote (not after an honorific, a degree or an initial: "drs. Mardiah, MM. membuka" stays one
    sentence), and at line breaks."""
    out, a = [], 0
    for m in _BOUNDARY.finditer(text):
        if m.group(0).strip() == "" and "\n" not in m.group(0) and _abbreviation(text, m.start() - 1):
            continue
        if text[a:m.start()].strip():
            out.append((a, m.start()))
        a = m.end()
    if text[a:].strip():
        out.append((a, len(text)))
    return out


def holders(doc: Doc) -> actions.Holders:
    """Where the people stage found people (mentions and titles) and offices without a name."""
    res = doc._.people
    if res is None:
        return actions.Holders()
    people = []
    for k, p in enumerate(res.people):
        people += [(m.start, m.end, k) for m in p.mentions]
        if p.title is not None:
            people.append((p.title.start, p.title.end, k))
    roles = [(r.start, r.end, k) for k, r in enumerate(res.roles_without_name)]
    return actions.Holders(sorted(people), sorted(roles))


def select(doc: Doc, text: str, where: actions.Holders) -> tuple[list[tuple[tuple[int, int], list]], list[str]]:
    """The sentences to parse, each with its (non-space) tokens, and warnings."""
    spans = [(s, e) for s, e, _ in [*where.people, *where.roles]]
    tokens = [t for t in doc if not t.is_space]
    out, warnings, skipped, k = [], [], 0, 0
    for s, e in sentence_bounds(text):
        sent = []
        while k < len(tokens) and tokens[k].idx < e:
            if tokens[k].idx >= s:
                sent.append(tokens[k])
            k += 1
        if not sent:
            continue
        if not (any(a < e and s < b for a, b in spans) or any(actions.is_action_word(t.text) for t in sent)):
            continue
        if len(sent) > MAX_WORDS:
            skipped += 1
            continue
        out.append(((s, e), sent))
    if skipped:
        warnings.append(f"syntax: {skipped} sentence(s) longer than {MAX_WORDS} words not parsed")
    if len(out) > MAX_SENTENCES:
        warnings.append(f"syntax: {len(out)} sentences with an actor or action word; the first "
                        f"{MAX_SENTENCES} parsed")
        out = out[:MAX_SENTENCES]
    return out, warnings


def find_actions(doc: Doc, text: str, stanza_dir: str | None = None) -> tuple[list[actions.ActionFound], list[str]]:
    where = holders(doc)
    chosen, warnings = select(doc, text, where)
    parsed = syntax.parse([[t.text for t in sent] for _, sent in chosen], stanza_dir)
    found = []
    for (bounds, sent), words in zip(chosen, parsed):
        tree = actions.Tree(words, [(t.idx, t.idx + len(t.text)) for t in sent])
        found += actions.sentence_actions(tree, where, bounds)
    return found, warnings


class SyntaxStage:
    def __init__(self, stanza_dir: str | None = None) -> None:
        self.stanza_dir = stanza_dir
        syntax.load(stanza_dir)  # once per process; forked workers inherit it

    def __call__(self, doc: Doc) -> Doc:
        cleaned = doc._.cleaned
        text = cleaned.text if cleaned is not None else doc.text
        doc._.actions, warnings = find_actions(doc, text, self.stanza_dir)
        if warnings:
            doc._.warnings = [*(doc._.warnings or []), *warnings]
        return doc


@Language.factory("extractor_syntax", requires=["doc._.people"], assigns=["doc._.actions"],
                  default_config={"stanza_dir": None})
def make_syntax_stage(nlp: Language, name: str, stanza_dir: str | None) -> SyntaxStage:
    return SyntaxStage(stanza_dir)
