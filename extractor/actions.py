"""Actions: who did what to whom, read from a dependency parse of one sentence.

For every predicate (a verb with an actor found, or a verb of ``resources/actions.tsv``) an
:class:`ActionFound`: the predicate as written and its lemma, its kind, voice, the actor, the object,
the recipient and on whose behalf it was done, each a :class:`PartySpan` with character offsets
into the clean text and, where the span holds one, the person or office-without-a-name it names.

The rules, on Universal Dependencies relations:

- **Active** (``membuka``): the actor is the subject (``nsubj``), the object the ``obj``.
- **Passive** (``dibuka oleh Bupati``, ``diserahkan Bupati``; a ``di-`` form whose lemma lacks it,
  or an ``nsubj:pass`` / ``obl:agent`` child): the actor is the agent (an oblique with ``oleh``,
  else a nominal right after the verb), the object is the subject.
- A verb without its own subject (``conj``, ``xcomp``, ``advcl``) takes its head verb's.
- **On behalf of**: a subject represented by someone (``Bupati yang diwakili Staf Ahli X membuka``)
  makes X the actor and the subject the one on whose behalf; ``X, mewakili Bupati, membuka`` and
  ``atas nama Bupati`` give it directly.
- **Recipient**: an oblique of the verb (or a modifier of its object) marked ``kepada``/``bagi``.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .syntax import Word

RECIPIENT_CASES = frozenset({"kepada", "bagi"})
AGENT_CASES = frozenset({"oleh"})
SUBJECTS = ("nsubj", "nsubj:pass", "csubj")
INHERIT = ("conj", "xcomp", "advcl")
PHRASE_STOP = frozenset({"acl", "acl:relcl", "advcl", "punct", "conj", "cc", "parataxis", "dep", "ccomp"})
NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X"})


@dataclass(frozen=True)
class Kind:
    lemma: str
    kind: str


@lru_cache(maxsize=1)
def lexicon() -> tuple[dict[str, Kind], dict[str, Kind]]:
    """(form -> Kind, lemma -> Kind) from ``resources/actions.tsv``."""
    forms: dict[str, Kind] = {}
    lemmas: dict[str, Kind] = {}
    text = resources.files("extractor.resources").joinpath("actions.tsv").read_text("utf-8")
    rows = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    for line in rows[1:]:
        lemma, kind, form_list = line.split("\t")
        k = Kind(lemma, kind)
        lemmas[lemma] = k
        for form in form_list.split():
            forms[form.casefold()] = k
    return forms, lemmas


def is_action_word(word: str) -> bool:
    return word.casefold() in lexicon()[0]


def kind_of(form: str, lemma: str) -> Kind | None:
    """The kind of a listed form, else of a listed lemma when the form is an active or passive
    verb of it (``me-``/``di-``: ``menyerahkannya``), not another word built on it
    (``berterima kasih`` is no ``terima``)."""
    forms, lemmas = lexicon()
    f = form.casefold()
    if f in forms:
        return forms[f]
    return lemmas.get(lemma.casefold()) if f.startswith(("me", "di")) else None


@dataclass
class PartySpan:
    start: int
    end: int
    person: int | None = None   # index into the document's people
    role: int | None = None     # index into its offices without a name


@dataclass
class ActionFound:
    start: int                  # the predicate, clean-text offsets
    end: int
    lemma: str
    kind: str | None
    voice: str                  # "active" or "passive"
    actor: PartySpan | None
    object: PartySpan | None
    recipient: PartySpan | None
    on_behalf_of: PartySpan | None
    sentence_start: int
    sentence_end: int


@dataclass(frozen=True)
class Holders:
    """Where people and offices are in the clean text: (start, end, index) triples."""

    people: Sequence[tuple[int, int, int]] = ()
    roles: Sequence[tuple[int, int, int]] = ()


class Tree:
    """One parsed sentence with the character offsets of its words."""

    def __init__(self, words: Sequence[Word], offsets: Sequence[tuple[int, int]]) -> None:
        self.words = list(words)
        self.offsets = list(offsets)
        self.children: list[list[int]] = [[] for _ in self.words]
        for i, w in enumerate(self.words):
            if 0 < w.head <= len(self.words) and w.head - 1 != i:
                self.children[w.head - 1].append(i)

    def kids(self, i: int, *rels: str) -> list[int]:
        return [c for c in self.children[i] if not rels or self.words[c].deprel in rels]

    def head(self, i: int) -> int | None:
        h = self.words[i].head
        return h - 1 if 0 < h <= len(self.words) else None

    def form(self, i: int) -> str:
        return self.words[i].text.casefold()

    def case_of(self, i: int) -> str | None:
        """The case marker (preposition) of a nominal, if any."""
        for c in self.kids(i, "case"):
            return self.form(c)
        return None

    def phrase(self, i: int, without: int | None = None, comma: bool = True) -> tuple[int, int]:
        """Word range [a, b] of ``i``'s phrase: the contiguous run of its subtree around it, without
        clauses, conjuncts and a ``without`` subtree (the recipient inside an object: "bantuan
        kepada warga"); punctuation only between words of the phrase, and, unless ``comma``, not
        beyond a comma ("warga di Kecamatan X, Selasa (14/3)" ends before the comma)."""
        todo, seen = [i], {i}
        while todo:
            n = todo.pop()
            for c in self.children[n]:
                if c not in seen and c != without and self.words[c].deprel not in PHRASE_STOP \
                        and self.words[c].deprel != "case":
                    seen.add(c)
                    todo.append(c)
        a = b = i
        while a - 1 >= 0 and (a - 1 in seen or (self.words[a - 1].upos == "PUNCT" and a - 2 in seen
                                                 and (comma or self.words[a - 1].text != ","))):
            a -= 1
        while b + 1 < len(self.words) and (b + 1 in seen or (self.words[b + 1].upos == "PUNCT" and b + 2 in seen
                                                                and (comma or self.words[b + 1].text != ","))):
            b += 1
        return a, b

    def span(self, i: int, without: int | None = None, comma: bool = True) -> tuple[int, int]:
        a, b = self.phrase(i, without, comma)
        return self.offsets[a][0], self.offsets[b][1]


def resolve_relative(tree: Tree, verb: int, i: int | None) -> int | None:
    """``yang`` as a verb's subject: in a relative clause ("pengurus yang dilantik") the noun it
    modifies, else nothing (a relativizer names no one)."""
    if i is None or tree.form(i) != "yang":
        return i
    if tree.words[verb].deprel in ("acl", "acl:relcl"):
        return tree.head(verb)
    return None


def party(tree: Tree, i: int | None, holders: Holders, without: int | None = None,
          comma: bool = True) -> PartySpan | None:
    """The phrase headed by word ``i`` and the person or office it names (the one at its head word
    first, else the first one inside it)."""
    if i is None:
        return None
    start, end = tree.span(i, without, comma)
    hs, he = tree.offsets[i]
    out = PartySpan(start, end)
    for attr, spans in (("person", holders.people), ("role", holders.roles)):
        inside = [(s, e, k) for s, e, k in spans if s < end and start < e]
        if inside:
            at_head = [k for s, e, k in inside if s < he and hs < e]
            setattr(out, attr, at_head[0] if at_head else min(inside)[2])
            break
    return out


def lemma_of(w: Word) -> str:
    """The lemma written in ``actions.tsv`` for a form listed there (the model sometimes strips
    too much or nothing: ``berikan`` → ``ikan``, ``dilantik`` unchanged), else the model's."""
    known = lexicon()[0].get(w.text.casefold())
    if known is not None:
        return known.lemma
    return (w.lemma if w.lemma and w.lemma != "_" else w.text).casefold()


def is_passive(tree: Tree, i: int) -> bool:
    w = tree.words[i]
    form, lemma = w.text.casefold(), lemma_of(w)
    if tree.kids(i, "nsubj:pass", "obl:agent", "aux:pass"):
        return True
    return form.startswith("di") and not lemma.startswith("di") and len(form) > len(lemma)


def subject_of(tree: Tree, i: int, depth: int = 0, inherit: bool = True) -> int | None:
    own = tree.kids(i, *SUBJECTS)
    if own:
        return own[0]
    h = tree.head(i)
    if inherit and h is not None and depth < 3 and tree.words[i].deprel in INHERIT:
        return subject_of(tree, h, depth + 1)
    return None


def agent_of(tree: Tree, i: int) -> int | None:
    """A passive verb's agent: an oblique marked ``oleh`` (or ``obl:agent``), else the first nominal
    right after the verb that carries no preposition (``dibuka Bupati``)."""
    for c in tree.children[i]:
        w = tree.words[c]
        if w.deprel == "obl:agent" or (w.deprel.startswith(("obl", "nmod")) and tree.case_of(c) in AGENT_CASES):
            return c
    for c in tree.children[i]:
        w = tree.words[c]
        if c > i and w.upos in NOMINAL and w.deprel.split(":")[0] in (
                "obj", "obl", "nsubj", "iobj", "compound", "flat", "nmod", "appos") and tree.case_of(c) is None:
            return c
    return None


def recipient_of(tree: Tree, i: int, obj: int | None) -> int | None:
    for n in (i, obj):
        if n is None:
            continue
        for c in tree.children[n]:
            if tree.words[c].deprel.startswith(("obl", "iobj", "nmod")) and tree.case_of(c) in RECIPIENT_CASES:
                return c
    return None


def _represented_by(tree: Tree, subj: int) -> int | None:
    """In ``Bupati yang diwakili X`` (a clause on the subject), X."""
    for c in tree.kids(subj, "acl", "acl:relcl"):
        if lemma_of(tree.words[c]) == "wakil" and tree.form(c).startswith("di"):
            return agent_of(tree, c)
    return None


def _on_behalf(tree: Tree, i: int, actor: int | None) -> int | None:
    """``mewakili Y`` on the predicate or its actor, or ``atas nama Y`` on the predicate: Y."""
    for n in (i, actor):
        if n is None:
            continue
        for c in tree.children[n]:
            if tree.form(c) in ("mewakili", "wakili"):  # not "Wakil Bupati" (an office)
                objs = tree.kids(c, "obj") or [k for k in tree.children[c] if k > c and tree.words[k].upos in NOMINAL]
                if objs:
                    return objs[0]
    for k in range(len(tree.words) - 2):
        if tree.form(k) == "atas" and tree.form(k + 1) == "nama":
            nxt = k + 2
            h = tree.head(nxt)
            return h if h is not None and h > k + 1 and tree.words[h].upos in NOMINAL else nxt
    return None


def adjacent_actor(tree: Tree, i: int, holders: Holders) -> PartySpan | None:
    """A person or office ending right before the verb (at most one word between, no comma), when
    the parse gave the verb no subject: headlines in Title Case ("Sekda Serahkan Bantuan") are
    where the tagger and parser fail most."""
    start = tree.offsets[i][0]
    for k in (i - 1, i - 2):
        if k < 0 or tree.words[k].upos == "PUNCT":
            return None
        ws, we = tree.offsets[k]
        for attr, spans in (("person", holders.people), ("role", holders.roles)):
            for s, e, idx in spans:
                if ws < e <= we and e <= start:
                    out = PartySpan(s, e)
                    setattr(out, attr, idx)
                    return out
    return None


def sentence_actions(tree: Tree, holders: Holders, sentence: tuple[int, int]) -> list[ActionFound]:
    """The actions of one parsed sentence (see the module docstring for the rules)."""
    out = []
    for i, w in enumerate(tree.words):
        lemma = lemma_of(w)
        kind = kind_of(w.text, lemma if w.upos == "VERB" else "")  # "bantuan" (NOUN, lemma bantu) is no action
        if w.upos != "VERB" and kind is None:
            continue
        if kind is not None and kind.kind == "represent" and tree.words[i].deprel in ("acl", "acl:relcl", "advcl"):
            continue  # "yang diwakili X", ", mewakili Y,": read as on-behalf-of of the main predicate
        passive = is_passive(tree, i)
        subj = subject_of(tree, i, inherit=kind is not None)  # other verbs only with a subject of their own
        behalf = None
        if passive:
            actor_i, obj_i = agent_of(tree, i), subj
        else:
            actor_i, obj_i = subj, (tree.kids(i, "obj") or [None])[0]
            if subj is not None:
                rep = _represented_by(tree, subj)
                if rep is not None:
                    actor_i, behalf = rep, subj
        if behalf is None:
            behalf = _on_behalf(tree, i, actor_i)
        actor_i, obj_i = resolve_relative(tree, i, actor_i), resolve_relative(tree, i, obj_i)
        actor = party(tree, actor_i, holders)
        if actor is None and not passive:
            actor = adjacent_actor(tree, i, holders)
        named = actor is not None and (actor.person is not None or actor.role is not None)
        if kind is None and not named:
            continue
        s, e = tree.offsets[i]
        rec_i = recipient_of(tree, i, obj_i)
        out.append(ActionFound(s, e, lemma, kind.kind if kind else None, "passive" if passive else "active",
                               actor, party(tree, obj_i, holders, without=rec_i, comma=False),
                               party(tree, rec_i, holders, comma=False),
                               party(tree, behalf, holders), *sentence))
    return out
