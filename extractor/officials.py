"""Officials register: one entry per person across a corpus of records, with evidence and flags.

``build_register(records)`` streams over record dicts (``Record.as_dict()``), keeps one small
aggregate ("atom") per (normalized name, region) and merges atoms into officials at the end, so
memory grows with the people, not the documents (per fact at most ``MAX_EVIDENCE`` evidence
sentences and ``MAX_DOCS`` document references are kept, per official ``MAX_QUOTES`` quotes; the
counts are always complete).

Region of a mention: the region the title names (a record region mentioned inside the title span,
else a record region whose name equals the title's region), else none for national offices
(Menteri, Presiden ...), else the release's regency (event region cut to level 2, or its first
regency). Dates: the publication date, else the event date.

Merge rules (applied in this order; two clusters never merge when any of their regions are not
nested in each other, or when the pipeline saw the two names as different people in one release):

1. ``same_name``: equal names after case, spacing, punctuation and accents (honorifics and degrees
   are already split off by the pipeline), regions known and nested, or an office in common.
2. ``spelling``: equal after old/new spelling (oe/u, dj/j, tj/c, ch/kh/h ...), doubled letters and a
   final y/i; same conditions as 1.
3. ``initial``: a missing or extra initial ("Rahmadi M. Noor" / "Rahmadi Noor") or an initial for a
   name word ("M. Nasir" / "Muhammad Nasir"); regions known and nested, and two full name words or
   an office in common.
4. ``short_form``: all words of a two-or-more-word name inside a longer name, same office and region.
5. ``typo``: one letter added, dropped, changed or swapped inside one name word of four letters or
   more (names of six letters or more), same office and region.

Flags: ``office_conflict`` (one official, two different offices in releases at most
``CONFLICT_DAYS`` apart), ``office_two_holders`` (one office written with its region held by two
officials whose first-last dates overlap, with ``OVERLAP_SLACK_DAYS`` of slack; an acting holder
beside a definitive one is not flagged), ``weekday_mismatch`` (a release whose weekday and date
disagree) and ``office_without_name`` (a quote attributed to an office with no name, with the
register's holders of that office around that date as candidates). Details and examples:
``docs/officials.md``.

Evidence: the sentence around each fact, cut from the document text when it can be read (``texts``
folder, else ``source.path``; used only when its sha256 and the fact's text match the record), else
built from what the record holds (title and name as written, the quote itself): ``"from": "record"``.
"""
from __future__ import annotations

import bisect
import json
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from .names import sentence_starts
from .outputs import write_files_aside
from .regions import edit1
from .titles import Title, office_words

MAX_EVIDENCE = 3
MAX_DOCS = 50
MAX_QUOTES = 20
QUOTE_CHARS = 600
SENTENCE_CHARS = 360
CONFLICT_DAYS = 30
OVERLAP_SLACK_DAYS = 7
NAMELESS_GAP = 40       # characters between a quote's end and the office it is attributed to
CANDIDATE_DAYS = 180    # holders of an office this close to a nameless quote are suggested
NATIONAL_WORDS = frozenset("presiden menteri wamen kementerian mensos menkes mendagri dirjen sekjen nasional"
                           .split())
MULTI_HOLDER = frozenset("anggota staf pendamping pekerja penyuluh babinsa bhabinkamtibmas tenaga relawan "
                         "pengurus tim koordinator".split())
_SPELLING = (("oe", "u"), ("dj", "j"), ("tj", "c"), ("sj", "sy"), ("nj", "ny"), ("ch", "h"), ("kh", "h"),
             ("ph", "f"), ("th", "t"), ("dh", "d"))
_APOS = re.compile(r"['’`]")
_NONWORD = re.compile(r"[^\w]+|_")
_DOUBLE = re.compile(r"(.)\1+")
_TITLE_REGION_PREFIX = re.compile(r"^(?i:kabupaten|kab\.?|kota|provinsi|prov\.?|kecamatan|kec\.?|desa)\s+")
_REGION_PREFIX = re.compile(r"^(?:Kabupaten|Kota|Provinsi) ")


class RegisterError(ValueError):
    """A record dict the register cannot read."""


@dataclass
class Register:
    officials: list[dict[str, Any]]
    flags: list[dict[str, Any]]
    stats: dict[str, Any]

    def __len__(self) -> int:
        return len(self.officials)


# ------------------------------------------------------------------ names

@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Case, accents, punctuation and spacing removed: "H. Ahmad  Fauzi" -> "h ahmad fauzi"."""
    s = unicodedata.normalize("NFKD", _APOS.sub("", name))
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    return " ".join(_NONWORD.sub(" ", s).split())


@lru_cache(maxsize=65536)
def spelling_key(key: str) -> str:
    out = []
    for tok in key.split():
        for old, new in _SPELLING:
            tok = tok.replace(old, new)
        tok = _DOUBLE.sub(r"\1", tok)
        out.append(tok[:-1] + "i" if len(tok) > 2 and tok.endswith("y") else tok)
    return " ".join(out)


def initials_match(a: str, b: str) -> str | None:
    """Why two name keys differ only by initials, or None."""
    ta, tb = a.split(), b.split()
    fa, fb = [t for t in ta if len(t) > 1], [t for t in tb if len(t) > 1]
    ia, ib = {t for t in ta if len(t) == 1}, {t for t in tb if len(t) == 1}
    if fa and fa == fb and ia != ib and (ia <= ib or ib <= ia):
        return "a missing or extra initial"
    if len(ta) == len(tb) and ta != tb and any(x == y and len(x) > 1 for x, y in zip(ta, tb)) and all(
            x == y or (min(len(x), len(y)) == 1 and x[0] == y[0]) for x, y in zip(ta, tb)):
        return "an initial for a name word"
    return None


def _subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return len(short) >= 2 and len(short) < len(long) and all(t in it for t in short)


def nested(a: str | None, b: str | None) -> bool:
    """Region codes one inside the other ("63.05" and "63.05.06"); False when one is unknown."""
    if not a or not b:
        return False
    short, long = sorted((a, b), key=len)
    return long == short or long.startswith(short + ".")


def top(counts: dict[Any, int]) -> Any:
    """The most frequent key (the first seen among equals)."""
    return max(counts.items(), key=lambda kv: kv[1])[0]


# ------------------------------------------------------------------ offices

@lru_cache(maxsize=None)
def _words(office: str, institution: str | None, region: str | None) -> tuple[frozenset[str], frozenset[str]]:
    return office_words(Title(0, 0, "", office, institution, region, None))


def same_office(a: Title, b: Title) -> bool:
    """``titles.same_office`` (one title's words inside the other's, each office in the other),
    cached on the title's fields rather than its offsets."""
    if (a.office, a.institution, a.region) == (b.office, b.institution, b.region):
        return True
    (oa, wa), (ob, wb) = _words(a.office, a.institution, a.region), _words(b.office, b.institution, b.region)
    return (wa <= wb or wb <= wa) and oa <= wb and ob <= wa


# ------------------------------------------------------------------ atoms

@dataclass
class _Office:
    title: Title
    acting: str | None
    region: str | None
    region_name: str | None
    region_from: str                       # title | context | none
    texts: dict[str, int] = field(default_factory=dict)
    dates: dict[str, str] = field(default_factory=dict)   # date -> first doc_id
    n_docs: int = 0
    docs: list[dict[str, Any]] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)

    def absorb(self, o: _Office) -> None:
        for t, n in o.texts.items():
            self.texts[t] = self.texts.get(t, 0) + n
        for d, doc in o.dates.items():
            self.dates.setdefault(d, doc)
        self.n_docs += o.n_docs
        self.docs = (self.docs + o.docs)[:MAX_DOCS]
        self.evidence = (self.evidence + o.evidence)[:MAX_EVIDENCE]


@dataclass
class _Atom:
    key: str
    region: str | None
    regions: dict[str, str] = field(default_factory=dict)
    names: dict[str, int] = field(default_factory=dict)
    written: dict[tuple[str, str], int] = field(default_factory=dict)
    roles: dict[str, int] = field(default_factory=dict)
    offices: list[_Office] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    links: list[dict[str, Any]] = field(default_factory=list)   # represents / represented_by
    evidence: list[dict[str, Any]] = field(default_factory=list)
    n_quotes: int = 0
    n_docs: int = 0
    n_mentions: int = 0
    dates: set[str] = field(default_factory=set)

    def office(self, new: _Office) -> _Office:
        for o in self.offices:
            if o.acting == new.acting and same_office(o.title, new.title):
                return o
        self.offices.append(new)
        return new


def office_label(text: str, office: str) -> str:
    """The title without its acting prefix ("Plt. Kepala Dinas ..." -> "Kepala Dinas ...")."""
    i = text.lower().find(office.split()[0].lower()) if office else -1
    return " ".join(text[i:].split()) if i > 0 else " ".join(text.split())


def _title(t: dict[str, Any]) -> Title:
    return Title(t["start"], t["end"], t["text"], t["office"], t.get("institution"), t.get("region"),
                 t.get("acting"))


def _span_region(rec: dict[str, Any], start: int, end: int, region_text: str | None) -> dict[str, Any] | None:
    inside = [r for r in rec.get("regions") or [] for m in r.get("mentions") or []
              if start <= m["start"] and m["end"] <= end]
    if inside:
        return max(inside, key=lambda r: r["level"])
    want = name_key(_TITLE_REGION_PREFIX.sub("", region_text or ""))
    return next((r for r in rec.get("regions") or [] if want and name_key(
        _REGION_PREFIX.sub("", r["name"])) == want), None)


def _context_region(rec: dict[str, Any]) -> str | None:
    """The release's regency: the event region cut to level 2, else its first regency or province."""
    reg = (rec.get("event") or {}).get("region")
    if reg and reg.get("code"):
        return ".".join(reg["code"].split(".")[:2])
    codes = [r["code"] for r in rec.get("regions") or [] if r.get("level") in (1, 2)]
    return min(codes, key=lambda c: c.count(".") != 1) if codes else None


@lru_cache(maxsize=65536)
def region_name(code: str) -> str:
    from lokal import wilayah
    return wilayah.wilayah_name(code) or code


# ------------------------------------------------------------------ reading records

def text_loader(texts: str | os.PathLike[str] | None = None, use_source_path: bool = True
                ) -> Callable[[dict[str, Any]], str | None]:
    """A function giving a record's document text (as its offsets point into) or None."""
    from .errors import ExtractorError
    from .inputs import read_file

    def load(rec: dict[str, Any]) -> str | None:
        src = rec.get("source") or {}
        paths = []
        if texts:
            if src.get("path"):
                paths.append(Path(texts) / os.path.basename(src["path"]))
            name = Path(str(rec["doc_id"])).name  # an id never reaches outside the texts folder
            paths += [Path(texts) / f"{name}{ext}" for ext in (".txt", ".html", ".htm")]
        if use_source_path and src.get("path"):
            paths.append(Path(src["path"]))
        for p in paths:
            if p.is_file():
                try:
                    doc = read_file(str(p), rec["doc_id"])
                except (ExtractorError, ValueError, OSError):
                    continue
                if not src.get("sha256") or doc.sha256 == src["sha256"]:
                    return doc.text
        return None
    return load


class _Doc:
    """What one record contributes to every fact: its id, date, link and text."""

    def __init__(self, rec: dict[str, Any], text: str | None):
        src = rec.get("source") or {}
        url = src.get("url") or ""
        self.id, self.text, self._starts = rec["doc_id"], text, None
        self.date = rec.get("published_date") or (rec.get("event") or {}).get("date")
        self.link = url if url.startswith(("http://", "https://")) else src.get("path") or url or None
        self.ref = {"doc_id": self.id, "date": self.date, "link": self.link}

    def sentence(self, start: int, end: int, expect: str | None) -> str | None:
        """The sentence around [start, end) (abbreviations such as "Drs." do not end it), or None when
        the text is unknown or does not hold ``expect`` there."""
        text = self.text
        if text is None or (expect is not None and text[start:end] != expect):
            return None
        if self._starts is None:
            self._starts = sentence_starts(text)
        st = self._starts
        s = st[bisect.bisect_right(st, start) - 1]
        k = bisect.bisect_left(st, end)
        e = st[k] if k < len(st) else len(text)
        if e - s > SENTENCE_CHARS:
            s = max(s, start - SENTENCE_CHARS // 2)
            e = min(e, max(end, s + SENTENCE_CHARS))
        return " ".join(text[s:e].split())

    def evidence(self, start: int, end: int, expect: str | None, fallback: str) -> dict[str, Any]:
        sent = self.sentence(start, end, expect)
        return {**self.ref, "start": start, "end": end, "sentence": sent or fallback,
                "from": "text" if sent else "record"}


# ------------------------------------------------------------------ streaming

_ACTING_WORDS = frozenset("plt pj plh pjs pelaksana tugas harian penjabat sementara".split())


def _office_key(text: str) -> str:
    return " ".join(w for w in name_key(text).split() if w not in _ACTING_WORDS)


class _Builder:
    def __init__(self, load: Callable[[dict[str, Any]], str | None] | None):
        self.load = load
        self.atoms: list[_Atom] = []
        self.index: dict[tuple[str, str | None], int] = {}
        self.cannot: dict[int, set[int]] = {}
        self.pending: list[dict[str, Any]] = []
        self.stats: dict[str, Any] = {"records": 0, "with_text": 0, "people": 0, "months": Counter(),
                                      "types": Counter(), "welfare": {}, "region_names": {}}

    def add(self, rec: dict[str, Any]) -> None:
        if not isinstance(rec, dict) or not rec.get("doc_id"):
            raise RegisterError(f"not a record dict with a doc_id: {str(rec)[:80]!r}")
        text = self.load(rec) if self.load else None
        doc, ctx = _Doc(rec, text), _context_region(rec)
        self._stats(rec, doc, ctx)
        people = rec.get("people") or []
        ids = [self._person(rec, doc, p, ctx) for p in people]
        self._links(doc, people, ids)
        for q in rec.get("quotes") or []:
            i = q.get("speaker_index")
            if i is not None and i < len(ids) and ids[i] is not None:
                a = self.atoms[ids[i]]
                a.n_quotes += 1
                if len(a.quotes) < MAX_QUOTES:
                    a.quotes.append({**doc.ref, "text": q["text"][:QUOTE_CHARS], "start": q["start"],
                                     "end": q["end"], "cue": q.get("cue")})
        for i in {i for i in ids if i is not None}:
            for j in {j for j in ids if j is not None and j != i}:
                if set(self.atoms[i].key.split()) & set(self.atoms[j].key.split()):
                    self.cannot.setdefault(i, set()).add(j)
        self._doc_flags(rec, doc, ctx, [i for i in ids if i is not None])

    def _stats(self, rec: dict[str, Any], doc: _Doc, ctx: str | None) -> None:
        st, ev = self.stats, rec.get("event") or {}
        st["records"] += 1
        st["with_text"] += doc.text is not None
        st["people"] += len(rec.get("people") or [])
        when = ev.get("date") or rec.get("published_date")
        if when:
            st["months"][when[:7]] += 1
        st["types"][ev.get("type") or "unknown"] += 1
        if ctx:
            names = {r["code"]: r["name"] for r in rec.get("regions") or []}
            st["region_names"].setdefault(ctx, names.get(ctx) or region_name(ctx))
            cats = st["welfare"].setdefault(ctx, Counter())
            cats.update((rec.get("welfare") or {}).get("categories") or [])

    def _person(self, rec: dict[str, Any], doc: _Doc, p: dict[str, Any], ctx: str | None) -> int | None:
        key = name_key(p.get("name") or "")
        if len(key.replace(" ", "")) < 2:
            return None
        t = p.get("title")
        reg = _span_region(rec, t["start"], t["end"], t.get("region")) if t else None
        if reg:
            region, rfrom = reg["code"], "title"
        elif t and NATIONAL_WORDS & set(name_key(t["text"]).split()):
            region, rfrom = None, "none"
        else:
            region, rfrom = ctx, "context" if ctx else "none"
        i = self.index.setdefault((key, region), len(self.atoms))
        if i == len(self.atoms):
            self.atoms.append(_Atom(key, region))
        a = self.atoms[i]
        if region:
            a.regions.setdefault(region, reg["name"] if reg else self.stats["region_names"].get(region)
                                 or region_name(region))
        written = p.get("name_as_written") or p["name"]
        a.names[p["name"]] = a.names.get(p["name"], 0) + 1
        a.written[(p["name"], written)] = a.written.get((p["name"], written), 0) + 1
        for role in p.get("roles") or []:
            a.roles[role] = a.roles.get(role, 0) + 1
        a.n_docs += 1
        a.n_mentions += max(1, len(p.get("mentions") or []))
        if doc.date:
            a.dates.add(doc.date)
        m = (p.get("mentions") or [None])[0]
        if m and len(a.evidence) < MAX_EVIDENCE:
            a.evidence.append({**doc.evidence(m["start"], m["end"], m.get("text"), written), "form": written})
        if t:
            o = a.office(_Office(_title(t), t.get("acting") or p.get("acting"), region,
                                 a.regions.get(region) if region else t.get("region"), rfrom))
            label = office_label(t["text"], t["office"])
            o.texts[label] = o.texts.get(label, 0) + 1
            if doc.date:
                o.dates.setdefault(doc.date, doc.id)
            o.n_docs += 1
            if len(o.docs) < MAX_DOCS:
                o.docs.append(doc.ref)
            if len(o.evidence) < MAX_EVIDENCE:
                before = m is None or t["start"] < m["start"]
                o.evidence.append(doc.evidence(t["start"], t["end"], t["text"],
                                               f"{t['text']} {written}" if before else f"{written}, {t['text']}"))
        return i

    def _links(self, doc: _Doc, people: list[dict[str, Any]], ids: list[int | None]) -> None:
        for j, p in enumerate(people):
            target = p.get("represents")
            if not target or ids[j] is None:
                continue
            tk = _office_key(target)
            k = next((k for k, q in enumerate(people) if k != j and ids[k] is not None and (
                name_key(q["name"]) == name_key(target) or
                (q.get("title") and _office_key(q["title"]["text"]) == tk))), None)
            m = (p.get("mentions") or [None])[0]
            written = p.get("name_as_written") or p["name"]
            ev = doc.evidence(m["start"], m["end"], m.get("text"), f"{written} (for {target})") if m else None
            self._link(ids[j], "represents", ids[k] if k is not None else None, target, doc, ev)
            if k is not None:
                self._link(ids[k], "represented_by", ids[j], p["name"], doc, ev)

    def _link(self, i: int, kind: str, other: int | None, text: str, doc: _Doc, ev: dict | None) -> None:
        links = self.atoms[i].links
        item = next((x for x in links if x["kind"] == kind and x["atom"] == other and
                     (other is not None or _office_key(x["text"]) == _office_key(text))), None)
        if item is None:
            item = {"kind": kind, "atom": other, "text": text, "count": 0, "dates": [], "evidence": []}
            links.append(item)
        item["count"] += 1
        if doc.date:
            item["dates"] = [min(item["dates"] + [doc.date]), max(item["dates"] + [doc.date])]
        if ev and len(item["evidence"]) < MAX_EVIDENCE:
            item["evidence"].append(ev)

    def _doc_flags(self, rec: dict[str, Any], doc: _Doc, ctx: str | None, atoms: list[int]) -> None:
        bad = [d for d in rec.get("dates") or [] if d.get("weekday_mismatch")]
        if bad:
            d = bad[0]
            self.pending.append({"kind": "weekday_mismatch", "atoms": atoms, "docs": [doc.ref],
                                 "date_text": d["text"], "date": d.get("value"), "weekday": d.get("weekday"),
                                 "evidence": [doc.evidence(d["start"], d["end"], d["text"], d["text"])]})
        roles = rec.get("roles_without_name") or []
        for q in rec.get("quotes") or []:
            if q.get("speaker_index") is not None:
                continue
            r = next((r for r in roles if 0 <= r["start"] - q["end"] <= NAMELESS_GAP), None) or next(
                (r for r in roles if "speaker" in (r.get("roles") or []) and abs(r["start"] - q["end"]) <= 300), None)
            if r is None:
                continue
            reg = _span_region(rec, r["start"], r["end"], None)
            label = office_label(r["text"], r["office"])
            inst = label[len(r["office"]):].strip() if label.lower().startswith(r["office"].lower()) else None
            self.pending.append({
                "kind": "office_without_name", "atoms": [], "docs": [doc.ref], "office": r["text"],
                "title": Title(r["start"], r["end"], r["text"], r["office"], inst or None, None, r.get("acting")),
                "region": reg["code"] if reg else ctx, "date": doc.date, "quote": q["text"][:QUOTE_CHARS],
                "evidence": [doc.evidence(r["start"], r["end"], r["text"], f'"{q["text"][:200]}" {r["text"]}')]})


# ------------------------------------------------------------------ merging

RULES = ("same_name", "spelling", "initial", "short_form", "typo")


def _agree(a: _Atom, b: _Atom) -> bool:
    return any(same_office(x.title, y.title) for x in a.offices for y in b.offices)


def _why(rule: str, a: _Atom, b: _Atom) -> str | None:
    """The reason two atoms may be one person under a rule, or None (keep apart). Cheap tests first."""
    near = nested(a.region, b.region)
    unknown = a.region is None or b.region is None
    if not near and not unknown:
        return None
    where = "same or nested region" if near else "an office in common, region unknown on one side"
    if rule in ("same_name", "spelling"):
        what = "same name" if rule == "same_name" else "same name in old/new spelling or doubled letters"
        return f"{what}; {where}" if near or _agree(a, b) else None
    if rule == "initial":
        how = initials_match(a.key, b.key)
        full = sum(len(t) > 1 for t in a.key.split()) >= 2
        ok = how and ((near and (full or _agree(a, b))) or (unknown and full and _agree(a, b)))
        return f"{how}; {where}" if ok else None
    if rule == "typo":
        diff = [(x, y) for x, y in zip(a.key.split(), b.key.split()) if x != y]
        if len(a.key.split()) != len(b.key.split()) or len(diff) != 1 or min(map(len, diff[0])) < 4:
            return None             # the typo must sit inside one name word, not in an initial
        if not edit1(a.key, b.key):
            return None
    if near and _agree(a, b):
        return {"short_form": "a name word dropped", "typo": "one-letter typo"}[rule] + "; same office and region"
    return None


def _abbreviated(toks: list[str]) -> set[str]:
    """The name with one or more words cut to their initial: "muhammad nasir" -> "m nasir", ..."""
    if len(toks) > 5:
        return set()
    out = {" ".join(t[0] if mask >> k & 1 else t for k, t in enumerate(toks)) for mask in range(1, 2 ** len(toks))}
    return {v for v in out if any(len(t) > 1 for t in v.split())} - {" ".join(toks)}


def _candidates(atoms: list[_Atom]) -> list[tuple[int, int, int]]:
    """(rule index, atom, atom) pairs worth checking, found through blocking keys. Inside a block only
    atoms of one province (or of unknown region) are paired: other pairs could never merge."""
    same: dict[str, list[int]] = {}
    spell: dict[str, list[int]] = {}
    full: dict[tuple[str, ...], list[int]] = {}
    abbrev: dict[str, list[int]] = {}
    longer: dict[tuple[str, str], list[int]] = {}
    dels: dict[str, list[int]] = {}
    fulls = [tuple(t for t in a.key.split() if len(t) > 1) for a in atoms]
    for i, a in enumerate(atoms):
        same.setdefault(a.key, []).append(i)
        spell.setdefault(spelling_key(a.key), []).append(i)
        full.setdefault(fulls[i], []).append(i)
        for v in _abbreviated(a.key.split()):
            abbrev.setdefault(v, []).append(i)
        if a.region and a.offices:
            f = fulls[i]
            for x in range(min(len(f), 8)):
                for y in range(x + 1, min(len(f), 8)):
                    longer.setdefault((f[x], f[y]), []).append(i)
            if len(a.key.replace(" ", "")) >= 6:
                for v in {a.key} | {a.key[:k] + a.key[k + 1:] for k in range(len(a.key))}:
                    dels.setdefault(v, []).append(i)
    pairs: set[tuple[int, int, int]] = set()

    def add(rule: int, i: int, j: int) -> None:
        if i != j and (rule == 0 or atoms[i].key != atoms[j].key):
            pairs.add((rule, min(i, j), max(i, j)))

    def block(rule: int, ids: list[int]) -> None:
        if len(ids) < 2:
            return
        by: dict[str, list[int]] = {}
        for i in ids:
            by.setdefault((atoms[i].region or "*")[:2], []).append(i)
        star = by.pop("*", [])
        for g in list(by.values()) + [star]:
            for x, i in enumerate(g):
                for j in g[x + 1:]:
                    add(rule, i, j)
        if star and len(star) * len(ids) <= 1_000_000:
            for i in star:
                for j in ids:
                    add(rule, i, j)

    for rule, index in ((0, same), (1, spell), (2, full), (4, dels)):
        for ids in index.values():
            block(rule, ids)
    for i, a in enumerate(atoms):
        if any(len(t) == 1 for t in a.key.split()):
            for j in abbrev.get(a.key, ()):
                add(2, i, j)
        if a.region and a.offices and len(fulls[i]) >= 2:
            for j in longer.get((fulls[i][0], fulls[i][-1]), ()):
                if len(fulls[j]) > len(fulls[i]) and _subsequence(list(fulls[i]), list(fulls[j])):
                    pairs.add((3, i, j))
    return sorted(pairs)


class _Clusters:
    def __init__(self, atoms: list[_Atom], cannot: dict[int, set[int]]):
        self.parent = list(range(len(atoms)))
        self.members = {i: {i} for i in range(len(atoms))}
        self.regions = {i: {a.region} - {None} for i, a in enumerate(atoms)}
        self.cannot = {i: set(cannot.get(i, ())) for i in range(len(atoms))}
        self.reasons: dict[int, list[dict[str, Any]]] = {}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int, reason: dict[str, Any]) -> bool:
        a, b = self.find(i), self.find(j)
        if a == b or self.members[a] & self.cannot[b] or not all(
                nested(x, y) for x in self.regions[a] for y in self.regions[b]):
            return False
        if len(self.members[a]) < len(self.members[b]):
            a, b = b, a
        self.parent[b] = a
        self.members[a] |= self.members.pop(b)
        self.regions[a] |= self.regions.pop(b)
        self.cannot[a] |= self.cannot.pop(b)
        self.reasons.setdefault(a, []).extend(self.reasons.pop(b, []) + [reason])
        return True


def _cluster(atoms: list[_Atom], cannot: dict[int, set[int]]) -> _Clusters:
    cl = _Clusters(atoms, cannot)
    for rule, i, j in _candidates(atoms):
        a, b = atoms[i], atoms[j]
        if cl.find(i) == cl.find(j):
            continue
        why = _why(RULES[rule], a, b)
        if why:
            cl.union(i, j, {"rule": RULES[rule], "names": [top(a.names), top(b.names)], "why": why})
    return cl


# ------------------------------------------------------------------ entries

def _sum(counts: Iterable[dict[Any, int]]) -> dict[Any, int]:
    total: dict[Any, int] = {}
    for c in counts:
        for k, n in c.items():
            total[k] = total.get(k, 0) + n
    return total


def _canonical(names: dict[str, int]) -> str:
    return max(names.items(), key=lambda kv: (kv[1], len(kv[0].split()), not kv[0].isupper(), kv[0]))[0]


def _variants(atoms: list[_Atom], canonical: str, reasons: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every other form seen (name as parsed, name as written) with how many times and why it is here."""
    why_key = {name_key(n): r["why"] for r in reasons for n in r["names"]}
    out: dict[str, dict[str, Any]] = {}

    def add(form: str, n: int, why: str) -> None:
        if form != canonical:
            out.setdefault(form, {"form": form, "count": 0, "why": why})["count"] += n

    for a in atoms:
        for (name, written), n in a.written.items():
            key = name_key(name)
            add(name, n, "case, spacing or punctuation" if key == name_key(canonical)
                else why_key.get(key, "merged (see merge_reasons)"))
            if written != name:
                add(written, n, f"honorifics or degrees around {name!r}")
    return sorted(out.values(), key=lambda v: (-v["count"], v["form"]))


def _office_dict(o: _Office) -> dict[str, Any]:
    dates = sorted(o.dates)
    return {"office": top(o.texts), "written": sorted(o.texts, key=lambda t: -o.texts[t])[:5],
            "acting": o.acting, "region_code": o.region, "region_name": o.region_name,
            "region_from": o.region_from, "first_seen": dates[0] if dates else None,
            "last_seen": dates[-1] if dates else None, "n_docs": o.n_docs, "docs": o.docs,
            "evidence": o.evidence}


def _entry(oid: str, atoms: list[_Atom], reasons: list[dict[str, Any]], ids: dict[int, str],
           names: dict[str, str]) -> tuple[dict[str, Any], list[_Office]]:
    allnames = _sum(a.names for a in atoms)
    canonical = _canonical(allnames)
    offices: list[_Office] = []
    for o in (o for a in atoms for o in a.offices):
        same = next((x for x in offices if x.acting == o.acting and same_office(x.title, o.title)), None)
        if same:
            same.absorb(o)
        else:
            offices.append(_Office(o.title, o.acting, o.region, o.region_name, o.region_from,
                                   dict(o.texts), dict(o.dates), o.n_docs, list(o.docs), list(o.evidence)))
    offices.sort(key=lambda o: (min(o.dates) if o.dates else "9999", -o.n_docs))
    links: dict[tuple[str, str], dict[str, Any]] = {}
    for item in (x for a in atoms for x in a.links):
        other = ids.get(item["atom"]) if item["atom"] is not None else None
        k = (item["kind"], other or _office_key(item["text"]))
        v = links.setdefault(k, {"official_id": other, "name": names.get(other, item["text"]) if other
                                 else item["text"], "count": 0, "first_seen": None, "last_seen": None,
                                 "evidence": []})
        v["count"] += item["count"]
        ds = [d for d in (v["first_seen"], v["last_seen"], *item["dates"]) if d]
        v["first_seen"], v["last_seen"] = (min(ds), max(ds)) if ds else (None, None)
        v["evidence"] = (v["evidence"] + item["evidence"])[:MAX_EVIDENCE]
    dates = sorted(set().union(*(a.dates for a in atoms)))
    quotes = sorted((q for a in atoms for q in a.quotes), key=lambda q: (q["date"] or "9999", q["start"]))
    regions: dict[str, str] = {}
    for a in atoms:
        regions.update(a.regions)
    entry = {
        "id": oid, "name": canonical, "name_key": name_key(canonical),
        "variants": _variants(atoms, canonical, reasons), "merge_reasons": reasons,
        "regions": [{"code": c, "name": n} for c, n in sorted(regions.items())],
        "first_seen": dates[0] if dates else None, "last_seen": dates[-1] if dates else None,
        "n_docs": sum(a.n_docs for a in atoms), "n_mentions": sum(a.n_mentions for a in atoms),
        "roles": dict(sorted(_sum(a.roles for a in atoms).items(), key=lambda kv: -kv[1])),
        "offices": [_office_dict(o) for o in offices],
        "acting": [{k: d[k] for k in ("office", "acting", "region_name", "first_seen", "last_seen", "n_docs")}
                   for d in (_office_dict(o) for o in offices if o.acting)],
        "represents": [v for (kind, _), v in links.items() if kind == "represents"],
        "represented_by": [v for (kind, _), v in links.items() if kind == "represented_by"],
        "n_quotes": sum(a.n_quotes for a in atoms), "quotes": quotes[:MAX_QUOTES],
        "evidence": [e for a in atoms for e in a.evidence][:MAX_EVIDENCE], "flags": []}
    return entry, offices


# ------------------------------------------------------------------ flags

def _days(a: str, b: str) -> int:
    """Days between two ISO dates; a date that does not parse counts as far away."""
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)
    except ValueError:
        return 10**6


def _closest(da: list[str], db: list[str]) -> tuple[int, str, str] | None:
    """Smallest distance in days between two sorted lists of ISO dates, with the two dates."""
    best, i, j = None, 0, 0
    while i < len(da) and j < len(db):
        d = _days(da[i], db[j])
        if best is None or d < best[0]:
            best = (d, da[i], db[j])
        if da[i] < db[j]:
            i += 1
        else:
            j += 1
    return best


def _conflicts(entry: dict[str, Any], offices: list[_Office]) -> list[dict[str, Any]]:
    out = []
    for x, a in enumerate(offices):
        for b in offices[x + 1:]:
            if same_office(a.title, b.title):
                continue
            near = _closest(sorted(a.dates), sorted(b.dates))
            if near and near[0] <= CONFLICT_DAYS:
                la, lb = top(a.texts), top(b.texts)
                out.append({"kind": "office_conflict", "officials": [entry["id"]], "offices": [la, lb],
                            "dates": [near[1], near[2]], "days_apart": near[0],
                            "docs": [next(d for d in o.docs + [{"doc_id": o.dates[dt], "date": dt, "link": None}]
                                          if d["doc_id"] == o.dates[dt]) for o, dt in ((a, near[1]), (b, near[2]))],
                            "evidence": [next((x for x in o.evidence if x["doc_id"] == o.dates[dt]), o.evidence[0])
                                         for o, dt in ((a, near[1]), (b, near[2])) if o.evidence],
                            "message": f"{entry['name']} is {la!r} on {near[1]} and {lb!r} on {near[2]} "
                                       f"({near[0]} days apart)"})
    return out


def _holder_groups(held: list[tuple[dict[str, Any], _Office]]) -> dict[tuple[str, str], list]:
    """Offices with a region and dates, by (region, first office word), for the two-holders flag and
    for naming the holders of an office quoted without a name."""
    groups: dict[tuple[str, str], list] = {}
    for entry, o in held:
        words = name_key(o.title.office).split()
        if o.region and o.dates and words and not MULTI_HOLDER & set(words):
            groups.setdefault((o.region, words[0]), []).append((entry, o))
    return groups


def _episode_flag(region: str, episode: list[tuple[dict[str, Any], _Office]]) -> dict[str, Any]:
    label = top(episode[0][1].texts)
    periods = [[e["id"], min(o.dates), max(o.dates)] for e, o in episode]
    who = [f"{e['name']} ({min(o.dates)}..{max(o.dates)})" for e, o in episode]
    more = f" and {len(who) - 6} more" if len(who) > 6 else ""
    return {"kind": "office_two_holders", "officials": list(dict.fromkeys(e["id"] for e, _ in episode)),
            "office": label, "region_code": region, "region_name": episode[0][1].region_name, "periods": periods,
            "docs": [o.docs[0] for _, o in episode[:10] if o.docs], "evidence": [o.evidence[0] for _, o in
                                                                                 episode[:5] if o.evidence],
            "message": f"{label!r} held by {len(episode)} officials in overlapping periods: "
                       f"{', '.join(who[:6])}{more}"}


def _two_holders(groups: dict[tuple[str, str], list]) -> list[dict[str, Any]]:
    """One flag per run of overlapping holders of one office (acting and definitive holders apart)."""
    out = []
    for (region, _), items in sorted(groups.items()):
        classes: list[list[tuple[dict[str, Any], _Office]]] = []
        for e, o in items:
            if o.region_from != "title":
                continue
            c = next((c for c in classes if (c[0][1].acting is None) == (o.acting is None)
                      and same_office(c[0][1].title, o.title)), None)
            c.append((e, o)) if c else classes.append([(e, o)])
        for c in classes:
            c.sort(key=lambda eo: (min(eo[1].dates), eo[0]["id"]))
            episode: list[tuple[dict[str, Any], _Office]] = []
            end = ""
            for e, o in c + [(None, None)]:  # type: ignore[list-item]
                start = min(o.dates) if o else None
                if episode and (o is None or (start > end and _days(start, end) > OVERLAP_SLACK_DAYS)):
                    if len({x[0]["id"] for x in episode}) > 1:
                        out.append(_episode_flag(region, episode))
                    episode, end = [], ""
                if o is not None:
                    episode.append((e, o))
                    end = max(end, max(o.dates))
    return out


def _nameless(p: dict[str, Any], groups: dict[tuple[str, str], list]) -> dict[str, Any]:
    t, region, when = p.pop("title"), p.pop("region"), p.get("date")
    cands = []
    for code in dict.fromkeys(c for c in (region, ".".join((region or "").split(".")[:2])) if c):
        for e, o in groups.get((code, name_key(t.office).split()[0] if t.office else ""), []):
            if same_office(o.title, t) and (not when or any(_days(when, d) <= CANDIDATE_DAYS for d in o.dates)):
                cands.append(e["id"])
    p["candidates"] = list(dict.fromkeys(cands))
    p["message"] = f"quote attributed to {p['office']!r} without a name" + (
        f"; holders of this office around {when}: {', '.join(p['candidates'])}" if p["candidates"] else "")
    return p


# ------------------------------------------------------------------ the register

def build_register(records: Iterable[dict[str, Any]], *, texts: str | os.PathLike[str] | None = None,
                   use_source_path: bool = True) -> Register:
    """One entry per person across ``records`` (record dicts), with merge reasons, evidence and flags.

    ``texts``: a folder holding the documents (``NAME.txt``/``.html`` as in ``source.path`` or
    ``DOC_ID.txt``) for evidence sentences; ``use_source_path`` also tries ``source.path``."""
    b = _Builder(text_loader(texts, use_source_path) if texts or use_source_path else None)
    for rec in records:
        b.add(rec)
    atoms = b.atoms
    cl = _cluster(atoms, b.cannot)
    canon = {r: _canonical(_sum(atoms[i].names for i in m)) for r, m in cl.members.items()}
    roots = sorted(cl.members, key=lambda r: (-sum(atoms[i].n_docs for i in cl.members[r]), canon[r], r))
    oid = {r: f"P{n + 1:06d}" for n, r in enumerate(roots)}
    ids = {i: oid[cl.find(i)] for i in range(len(atoms))}
    names = {oid[r]: canon[r] for r in roots}
    officials, held, flags = [], [], []
    for r in roots:
        members = sorted(cl.members[r])
        entry, offices = _entry(oid[r], [atoms[i] for i in members], cl.reasons.get(r, []), ids, names)
        officials.append(entry)
        held.extend((entry, o) for o in offices)
        flags.extend(_conflicts(entry, offices))
    groups = _holder_groups(held)
    flags.extend(_two_holders(groups))
    for p in b.pending:
        p["officials"] = list(dict.fromkeys(ids[i] for i in p.pop("atoms")))
        flags.append(_nameless(p, groups) if p["kind"] == "office_without_name" else
                     {**p, "message": f"weekday {p['weekday']!r} does not match {p['date']} in {p['date_text']!r}"})
    by_id = {e["id"]: e for e in officials}
    for n, f in enumerate(flags):
        f["id"] = f"F{n + 1:06d}"
        for o in f["officials"] if f["kind"] != "office_without_name" else f["candidates"]:
            by_id[o]["flags"].append(f["id"])
    st = b.stats
    stats = {"records": st["records"], "with_text": st["with_text"], "person_mentions": st["people"],
             "officials": len(officials), "atoms": len(atoms), "flags": dict(Counter(f["kind"] for f in flags)),
             "months": dict(sorted(st["months"].items())), "event_types": dict(st["types"].most_common()),
             "welfare_by_region": {c: {"name": st["region_names"].get(c, c), "categories": dict(v)}
                                   for c, v in st["welfare"].items() if v}}
    return Register(officials, [{"id": f.pop("id"), **f} for f in flags], stats)


# ------------------------------------------------------------------ output

def write_jsonl(register: Register, path: str | os.PathLike[str], flags_path: str | os.PathLike[str] | None = None
                ) -> tuple[str, str]:
    """Officials to ``path`` (one JSON object a line), flags to ``flags_path`` (default
    ``PATH.flags.jsonl`` beside it). Both written as ``NAME.part``, fsynced, then renamed
    (``outputs.write_files_aside``)."""
    path = Path(path)
    fpath = Path(flags_path) if flags_path else path.with_name(path.name.removesuffix(".jsonl") + ".flags.jsonl")

    def lines(rows: list[dict[str, Any]]) -> Callable[[str], None]:
        def write(tmp: str) -> None:
            with open(tmp, "w", encoding="utf-8") as fh:
                for row in rows:
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")

        return write

    write_files_aside([(path, lines(register.officials)), (fpath, lines(register.flags))])
    return str(path), str(fpath)


TABLE_COLUMNS = ("official_id", "name", "variants", "office", "acting", "region_code", "region_name",
                 "first_seen", "last_seen", "n_docs", "docs", "official_n_docs", "represents",
                 "represented_by", "n_quotes", "flags", "merge_rules", "evidence")


def table_rows(register: Register) -> Iterable[dict[str, Any]]:
    """One flat row per official and office (one row with empty office fields for people without)."""
    for e in register.officials:
        base = {"official_id": e["id"], "name": e["name"],
                "variants": "; ".join(v["form"] for v in e["variants"]),
                "official_n_docs": e["n_docs"],
                "represents": "; ".join(v["name"] for v in e["represents"]),
                "represented_by": "; ".join(v["name"] for v in e["represented_by"]),
                "n_quotes": e["n_quotes"], "flags": "; ".join(e["flags"]),
                "merge_rules": "; ".join(sorted({r["rule"] for r in e["merge_reasons"]}))}
        for o in e["offices"] or [None]:
            yield {**base, **({"office": o["office"], "acting": o["acting"], "region_code": o["region_code"],
                               "region_name": o["region_name"], "first_seen": o["first_seen"],
                               "last_seen": o["last_seen"], "n_docs": o["n_docs"],
                               "docs": "; ".join(d["doc_id"] for d in o["docs"]),
                               "evidence": o["evidence"][0]["sentence"] if o["evidence"] else None} if o else
                              {"first_seen": e["first_seen"], "last_seen": e["last_seen"], "n_docs": e["n_docs"]})}


def to_dataframe(register: Register) -> Any:
    """A pandas DataFrame, one row per official-office (columns ``TABLE_COLUMNS``)."""
    import pandas as pd

    return pd.DataFrame(list(table_rows(register)), columns=list(TABLE_COLUMNS))


def flags_dataframe(register: Register) -> Any:
    import pandas as pd

    return pd.DataFrame([{"flag_id": f["id"], "kind": f["kind"], "message": f["message"],
                          "officials": "; ".join(f["officials"]),
                          "docs": "; ".join(d["doc_id"] for d in f["docs"])} for f in register.flags],
                        columns=["flag_id", "kind", "message", "officials", "docs"])


def write_table(register: Register, path: str | os.PathLike[str]) -> str:
    """The table as ``.csv`` or ``.parquet`` (by suffix); flags beside it as ``NAME.flags.csv|parquet``."""
    path = Path(path)
    if path.suffix not in (".csv", ".parquet"):
        raise RegisterError(f"table output must end in .csv or .parquet, not {path.name!r}")

    def table(df: Any) -> Callable[[str], None]:
        return lambda tmp: df.to_csv(tmp, index=False) if path.suffix == ".csv" else df.to_parquet(tmp, index=False)

    write_files_aside([(path, table(to_dataframe(register))),
                       (path.with_name(path.stem + ".flags" + path.suffix), table(flags_dataframe(register)))])
    return str(path)


def read_records(paths: Iterable[str | os.PathLike[str]]) -> Iterable[dict[str, Any]]:
    """Record dicts from JSONL files, streamed (blank lines skipped)."""
    for p in paths:
        with open(p, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if line.strip():
                    try:
                        yield json.loads(line)
                    except json.JSONDecodeError as exc:
                        raise RegisterError(f"{p}:{n}: not a JSON record: {exc.msg}") from exc
