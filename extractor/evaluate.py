"""Scoring the pipeline on a gold folder (format: ../shared/devset/GUIDELINES.md).

A gold folder holds ``NAME.txt`` (or ``NAME.html``) with ``NAME.json`` beside it. Every figure is
micro-averaged over the folder: true positives, false positives and false negatives are summed over
documents before P = tp/(tp+fp), R = tp/(tp+fn), F1 = 2PR/(P+R). Strings are compared after
normalization: Unicode NFC, case-folded, a space after every dot inside a word ("Plt.Bupati" ==
"Plt. Bupati"), whitespace collapsed, and dots/commas/quotes at the ends removed
("Kabupaten Bintan." == "kabupaten bintan"). The figures:

- people_strict: gold ``name`` vs record ``people[].name``, normalized exact, one-to-one.
- people_lenient: a predicted name matches a gold name when one's tokens are all in the other's
  ("Budi Hartono" ~ "Budi Hartono Siregar"), one-to-one, greedy in document order.
- title_accuracy: over gold people matched (lenient) to a predicted person: the normalized title
  strings are equal (both null counts as equal), bracketed acronyms of up to 20 characters left out
  on both sides ("Kepala Dinas Sosial (Dinsos) Agam" == "Kepala Dinas Sosial Agam"). Unmatched
  gold people do not enter it.
- title_lenient: same pairs, one normalized title contains the other.
- roles_without_name: normalized exact set match of gold vs ``roles_without_name[].text``.
- places: gold ``places`` vs record ``places[].text``, compared without a leading administrative
  prefix (Provinsi, Kabupaten/Kab., Kota, Kecamatan/Kec., Kelurahan/Kel., Desa, Kampung) so that the
  GUIDELINES rule "Kabupaten Bintan and Bintan are one place" does not turn a form choice into two errors.
- places_strict: the same, with prefixes kept.
- region_codes: gold ``regions[].code`` vs record ``regions[].code`` (sets per document).
- organizations: normalized exact; organizations_lenient: one contains the other, one-to-one.
- welfare_categories: sets of category keys per document; welfare_terms: normalized exact.
- event_date: share of documents whose record ``event.date`` equals gold ``event_date`` (null = null).
"""
from __future__ import annotations

import fnmatch
import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .errors import GoldFormatError

GOLD_KEYS = ("doc_id", "event_date", "people", "roles_without_name", "places", "regions",
             "organizations", "welfare_categories", "welfare_terms")
ADMIN_PREFIX = re.compile(r"^(provinsi|prov\.?|kabupaten|kab\.?|kota|kecamatan|kec\.?|kelurahan|kel\.?|desa|kampung)\s+")
_EDGE = re.compile(r"^[\s.,;:'\"()\u201c\u201d\u2018\u2019]+|[\s.,;:'\"()\u201c\u201d\u2018\u2019]+$")
_SPACE = re.compile(r"\s+")
_DOT_WORD = re.compile(r"\.(?=\w)")


def norm(s: str | None) -> str:
    if not s:
        return ""
    s = _DOT_WORD.sub(". ", unicodedata.normalize("NFC", s).casefold())
    return _EDGE.sub("", _SPACE.sub(" ", s))


_BRACKETED = re.compile(r"\s*\([^()]{1,20}\)")


def norm_title(s: str | None) -> str:
    """Titles compare without bracketed acronyms: "Kepala Badan ... (Bappeda) Agam" == "Kepala Badan ... Agam"."""
    return norm(_BRACKETED.sub("", s or ""))


def norm_place(s: str | None) -> str:
    return ADMIN_PREFIX.sub("", norm(s))


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp, self.fp, self.fn = self.tp + tp, self.fp + fp, self.fn + fn

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0


@dataclass
class Accuracy:
    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 1.0


def match(gold: list[str], pred: list[str], same: Callable[[str, str], bool]) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs (gold index, pred index) under ``same``; exact matches first."""
    pairs, used_g, used_p = [], set(), set()
    for exact in (True, False):
        for gi, g in enumerate(gold):
            if gi in used_g:
                continue
            for pi, p in enumerate(pred):
                if pi not in used_p and ((g == p) if exact else same(g, p)):
                    pairs.append((gi, pi))
                    used_g.add(gi)
                    used_p.add(pi)
                    break
    return pairs


def _tokens_within(a: str, b: str) -> bool:
    ta, tb = set(a.split()), set(b.split())
    return bool(ta) and bool(tb) and (ta <= tb or tb <= ta)


def _contains(a: str, b: str) -> bool:
    return bool(a) and bool(b) and (a in b or b in a)


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))


def score_sets(prf: PRF, gold: list[str], pred: list[str], same: Callable[[str, str], bool] | None = None) -> list[tuple[int, int]]:
    gold, pred = _unique(gold), _unique(pred)
    pairs = match(gold, pred, same or (lambda a, b: False))
    prf.add(len(pairs), len(pred) - len(pairs), len(gold) - len(pairs))
    return pairs


@dataclass
class Scores:
    docs: int = 0
    prf: dict[str, PRF] = field(default_factory=dict)
    acc: dict[str, Accuracy] = field(default_factory=dict)
    misses: list[dict[str, Any]] = field(default_factory=list)

    def _p(self, key: str) -> PRF:
        return self.prf.setdefault(key, PRF())

    def _a(self, key: str) -> Accuracy:
        return self.acc.setdefault(key, Accuracy())

    def add(self, gold: dict[str, Any], rec: dict[str, Any]) -> None:
        self.docs += 1
        miss: dict[str, Any] = {"doc_id": gold["doc_id"]}
        g_people = gold.get("people") or []
        p_people = rec.get("people") or []
        g_names = [norm(p["name"]) for p in g_people]
        p_names = [norm(p["name"]) for p in p_people]
        score_sets(self._p("people_strict"), g_names, p_names)
        pairs = score_sets(self._p("people_lenient"), g_names, p_names, _tokens_within)
        g_unique, p_unique = _unique(g_names), _unique(p_names)
        by_gname = {norm(p["name"]): p for p in g_people}
        by_pname = {norm(p["name"]): p for p in p_people}
        for gi, pi in pairs:
            gt = norm_title(by_gname[g_unique[gi]].get("title"))
            pt_obj = by_pname[p_unique[pi]].get("title")
            pt = norm_title(pt_obj["text"] if isinstance(pt_obj, dict) else pt_obj)
            self._a("title_accuracy").total += 1
            self._a("title_lenient").total += 1
            self._a("title_accuracy").correct += gt == pt
            self._a("title_lenient").correct += gt == pt or _contains(gt, pt)
            if gt != pt:
                miss.setdefault("titles", []).append([g_unique[gi], gt, pt])
        score_sets(self._p("roles_without_name"), [norm(r) for r in gold.get("roles_without_name") or []],
                   [norm(r["text"]) for r in rec.get("roles_without_name") or []])
        score_sets(self._p("places"), [norm_place(p) for p in gold.get("places") or []],
                   [norm_place(p["text"]) for p in rec.get("places") or []])
        score_sets(self._p("places_strict"), [norm(p) for p in gold.get("places") or []],
                   [norm(p["text"]) for p in rec.get("places") or []])
        score_sets(self._p("region_codes"), [r["code"] for r in gold.get("regions") or []],
                   [r["code"] for r in rec.get("regions") or []])
        g_orgs = [norm(o) for o in gold.get("organizations") or []]
        p_orgs = [norm(o["text"]) for o in rec.get("organizations") or []]
        score_sets(self._p("organizations"), g_orgs, p_orgs)
        score_sets(self._p("organizations_lenient"), g_orgs, p_orgs, _contains)
        score_sets(self._p("welfare_categories"), list(gold.get("welfare_categories") or []),
                   list((rec.get("welfare") or {}).get("categories") or []))
        score_sets(self._p("welfare_terms"), [norm(t) for t in gold.get("welfare_terms") or []],
                   [norm(t["text"]) for t in (rec.get("welfare") or {}).get("terms") or []])
        ev = (rec.get("event") or {}).get("date")
        self._a("event_date").total += 1
        self._a("event_date").correct += ev == gold.get("event_date")
        if ev != gold.get("event_date"):
            miss["event_date"] = [gold.get("event_date"), ev]
        for key, g, p in (("people", g_names, p_names), ("region_codes", [r["code"] for r in gold.get("regions") or []],
                                                           [r["code"] for r in rec.get("regions") or []])):
            extra, missing = sorted(set(p) - set(g)), sorted(set(g) - set(p))
            if extra or missing:
                miss[key] = {"missing": missing, "extra": extra}
        self.misses.append(miss)

    def table(self) -> dict[str, dict[str, float]]:
        out: dict[str, dict[str, float]] = {}
        for k, v in self.prf.items():
            out[k] = {"p": round(v.p, 4), "r": round(v.r, 4), "f1": round(v.f1, 4), "tp": v.tp, "fp": v.fp, "fn": v.fn}
        for k, a in self.acc.items():
            out[k] = {"accuracy": round(a.value, 4), "correct": a.correct, "total": a.total}
        return out

    def headline(self) -> dict[str, float]:
        """One number per figure: F1 for set figures, accuracy for the others (the gated values)."""
        return {k: (v["f1"] if "f1" in v else v["accuracy"]) for k, v in self.table().items()}


def gold_documents(folder: str, pattern: str | None = None) -> list[tuple[str, dict[str, Any]]]:
    """(document path, gold dict) pairs of a gold folder, sorted by name; ``pattern`` (a glob on
    the file name without extension, e.g. ``d1*``) keeps a part of the folder."""
    if not os.path.isdir(folder):
        raise GoldFormatError(f"gold folder {folder!r} does not exist or is not a folder")
    out = []
    for name in sorted(os.listdir(folder)):
        stem, ext = os.path.splitext(name)
        if ext != ".json" or (pattern and not fnmatch.fnmatchcase(stem, pattern)):
            continue
        doc = next((os.path.join(folder, stem + e) for e in (".txt", ".html", ".htm")
                    if os.path.exists(os.path.join(folder, stem + e))), None)
        if doc is None:
            continue  # a .json without a document beside it is not gold (e.g. a schema or config file)
        try:
            with open(os.path.join(folder, name), encoding="utf-8") as fh:
                gold = json.load(fh)
        except ValueError as exc:
            raise GoldFormatError(f"{name}: not valid JSON ({exc})") from exc
        missing = [k for k in GOLD_KEYS if k not in gold]
        if missing:
            raise GoldFormatError(f"{name}: gold lacks {', '.join(missing)} (required: {', '.join(GOLD_KEYS)})")
        out.append((doc, gold))
    if not out:
        which = f"no NAME.json matching {pattern!r}" if pattern else "no NAME.json"
        raise GoldFormatError(f"gold folder {folder!r} holds {which} beside a NAME.txt or NAME.html")
    return out


def gold_hash(folder: str, pattern: str | None = None) -> str:
    """sha256 over the gold folder's (or part's) documents and gold files, so a baseline knows its gold set."""
    h = hashlib.sha256()
    for doc, gold in gold_documents(folder, pattern):
        for path in (doc, os.path.splitext(doc)[0] + ".json"):
            h.update(os.path.basename(path).encode())
            with open(path, "rb") as fh:
                h.update(fh.read())
    return h.hexdigest()


def parse_part(spec: str) -> tuple[str, str]:
    """``NAME=GLOB`` (``fresh=d1*``) to (name, glob)."""
    name, sep, pattern = spec.partition("=")
    if not sep or not name.strip() or not pattern.strip():
        raise GoldFormatError(f"a part is NAME=GLOB (for example fresh='d1*'), not {spec!r}")
    return name.strip(), pattern.strip()


def evaluate(folder: str, pipeline: Any = None, pattern: str | None = None) -> Scores:
    """Run the pipeline on every gold document of ``folder`` (or those matching ``pattern``) and score it."""
    from .inputs import read_file
    from .pipeline import load

    nlp = pipeline or load()
    scores = Scores()
    for path, gold in gold_documents(folder, pattern):
        rec = nlp.process(read_file(path, doc_id=gold["doc_id"])).as_dict()
        scores.add(gold, rec)
    return scores


ORDER = ("people_strict", "people_lenient", "title_accuracy", "title_lenient", "roles_without_name",
         "places", "places_strict", "region_codes", "organizations", "organizations_lenient",
         "welfare_categories", "welfare_terms", "event_date")


def format_table(scores: Scores, title: str = "") -> str:
    table = scores.table()
    lines = [f"{title} ({scores.docs} documents)" if title else f"{scores.docs} documents",
             f"{'figure':<24}{'P':>7}{'R':>7}{'F1/acc':>8}   counts"]
    for key in ORDER:
        v = table.get(key)
        if v is None:
            continue
        if "f1" in v:
            lines.append(f"{key:<24}{v['p']:>7.3f}{v['r']:>7.3f}{v['f1']:>8.3f}   tp={v['tp']} fp={v['fp']} fn={v['fn']}")
        else:
            lines.append(f"{key:<24}{'':>7}{'':>7}{v['accuracy']:>8.3f}   {v['correct']}/{v['total']}")
    return "\n".join(lines)


def format_comparison(base: Scores, other: Scores, names: tuple[str, str] = ("rules only", "with NER model"),
                      keys: Iterable[str] = ORDER) -> str:
    """Two runs on the same documents side by side: F1 (or accuracy) of each and the difference."""
    a, b = base.headline(), other.headline()
    lines = [f"{'figure':<24}{names[0]:>16}{names[1]:>16}{'diff':>9}"]
    for key in keys:
        if key in a and key in b:
            lines.append(f"{key:<24}{a[key]:>16.3f}{b[key]:>16.3f}{b[key] - a[key]:>+9.3f}")
    return "\n".join(lines)
