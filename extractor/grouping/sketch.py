"""What grouping keeps of a record: a compact ``Sketch`` with the facts it compares and a MinHash.

The sketch is built from the record alone (``extractor run`` output); the text signal reads the
document at ``source.path`` when it is there and ``use_source_path`` is set, else the text the record
itself holds (headline, quotes, the sentences of welfare terms, names of people, places and
organisations). Sketches are small and picklable, so a large run can spill them to disk and a Dask
worker can send them back.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

import numpy as np
from datasketch import MinHash

from .settings import GroupSettings

_WORD = re.compile(r"\w+", re.UNICODE)
_REPEAT = re.compile(r"(.)\1+")
EMPTY = np.uint64((1 << 32) - 1)  # the value of an empty signature (datasketch's max hash)
SCHEME = "affine32"  # datasketch 2 MinHash scheme: fixed so spilled signatures stay comparable


@lru_cache(maxsize=None)
def word_list(filename: str) -> frozenset[str]:
    raw = resources.files("extractor.resources").joinpath(filename).read_text("utf-8")
    return frozenset(ln.strip().lower() for ln in raw.splitlines() if ln.strip() and not ln.startswith("#"))


def fold(text: str) -> str:
    """Lowercase ASCII-folded text (accents dropped)."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()


def name_key(name: str) -> tuple[str, ...]:
    """An official's name as comparable tokens: folded, noise words and short words dropped, doubled
    letters and an ``h`` after a consonant removed ("Safaruddin Dt." and "Safarudin", "Hanindhito"
    and "Hanindito" meet)."""
    noise = word_list("grouping_name_noise.txt")
    out = []
    for w in _WORD.findall(fold(name)):
        if len(w) < 3 or w in noise or w.isdigit():
            continue
        w = re.sub(r"(?<=[^aeiou])h", "", _REPEAT.sub(r"\1", w))
        if len(w) >= 3:
            out.append(w)
    return tuple(sorted(set(out)))


def same_person(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two name keys name the same person: they share two tokens, or every token of the shorter."""
    if not a or not b:
        return False
    shared = len(set(a) & set(b))
    return shared >= min(2, len(a), len(b))


def day(value: str | None) -> int | None:
    """An ISO date as a day number (``date.toordinal``), or None."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


def outlet(rec: dict) -> str:
    """Who published the record: the URL's host, else the dateline's outlet, else the source path."""
    src = rec.get("source") or {}
    if src.get("url"):
        host = urlsplit(src["url"]).netloc.lower()
        return host[4:] if host.startswith("www.") else host
    line = rec.get("dateline") or {}
    return line.get("outlet") or src.get("path") or rec.get("doc_id") or ""


@dataclass(slots=True)
class Official:
    key: tuple[str, ...]
    name: str
    written: str
    title: str | None
    office: str | None
    start: int | None
    end: int | None


@dataclass(slots=True)
class Sketch:
    doc_id: str
    source: str
    order: int
    published: int | None
    date: int | None
    date_text: str | None
    date_span: tuple[int | None, int | None]
    region: str | None
    region_name: str | None
    regencies: tuple[str, ...]
    officials: tuple[Official, ...]
    type: str | None
    types: tuple[str, ...]
    venue: str | None
    venue_span: tuple[int | None, int | None]
    places: tuple[str, ...]
    welfare: tuple[str, ...]
    headline: str | None
    size: int
    minhash: Any = field(repr=False)  # np.ndarray of uint64 hash values

    @property
    def when(self) -> int | None:
        """The day the event is known to be near: its date, else the publication day."""
        return self.date if self.date is not None else self.published

    @property
    def province(self) -> str:
        code = self.region or (self.regencies[0] if self.regencies else "")
        return code[:2] or "--"


def regency(code: str | None) -> str | None:
    """The regency (level 2) part of a Kemendagri code, or None for a province code."""
    return code[:5] if code and len(code) >= 5 else None


def record_text(rec: dict) -> str:
    """The text a record itself holds: headline, quotes, welfare sentences and names."""
    parts = [(rec.get("headline") or {}).get("text") or ""]
    parts += [q.get("text") or "" for q in rec.get("quotes") or []]
    parts += list(dict.fromkeys(t.get("sentence") or "" for t in (rec.get("welfare") or {}).get("terms") or []))
    for key in ("people", "places", "organizations"):
        parts += [x.get("name") or x.get("text") or "" for x in rec.get(key) or []]
    return "\n".join(p for p in parts if p)


def source_text(rec: dict) -> str | None:
    path = (rec.get("source") or {}).get("path")
    if not path:
        return None
    try:
        with open(path, encoding=(rec.get("source") or {}).get("encoding") or "utf-8", errors="replace") as fh:
            return fh.read()
    except OSError:
        return None


def shingles(text: str, k: int, max_words: int) -> set[bytes]:
    stop = word_list("grouping_stopwords.txt")
    words = [w for w in _WORD.findall(text.lower()) if w not in stop][:max_words]
    if len(words) < k:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + k]).encode() for i in range(len(words) - k + 1)}


@lru_cache(maxsize=4)
def _empty_minhash(num_perm: int) -> MinHash:
    """One MinHash per size, reused (``clear()``): building one draws its permutations, which costs
    more than hashing a text. Shingles are hashed with CRC-32: stable across processes and fast."""
    return MinHash(num_perm=num_perm, seed=1, scheme=SCHEME, hashfunc=zlib.crc32)


def minhash(shingle_set: set[bytes], num_perm: int) -> np.ndarray:
    m = _empty_minhash(num_perm)
    m.clear()
    if shingle_set:
        m.update_batch(list(shingle_set))
    return m.hashvalues.copy()


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two MinHash signatures (0 when either text was empty)."""
    if a[0] == EMPTY or b[0] == EMPTY:
        return 0.0
    return float(np.count_nonzero(a == b)) / len(a)


def _officials(rec: dict) -> tuple[Official, ...]:
    out = []
    for p in rec.get("people") or []:
        title = p.get("title")
        key = name_key(p.get("name") or "")
        if not title or not key:
            continue
        first = min(p.get("mentions") or [{}], key=lambda m: m.get("start", 0))
        out.append(Official(key, p.get("name") or "", p.get("name_as_written") or p.get("name") or "",
                            title.get("text"), title.get("office"), first.get("start"), first.get("end")))
    return tuple(out)


def sketch(rec: dict, order: int, settings: GroupSettings) -> Sketch:
    """The sketch of one record dict (one line of ``extractor run`` output)."""
    if not isinstance(rec, dict) or not rec.get("doc_id"):
        raise ValueError(f"record #{order} has no doc_id: not a record of extractor run")
    event = rec.get("event") or {}
    region = event.get("region") or {}
    venue = event.get("venue") or {}
    codes = [r.get("code") for r in rec.get("regions") or [] if r.get("code")]
    regencies = tuple(dict.fromkeys(c for c in [regency(region.get("code"))] + [regency(c) for c in codes] if c))
    published = day(rec.get("published_date"))
    if published is None:
        published = next((day(d.get("value")) for d in rec.get("dates") or [] if d.get("role") == "publication"), None)
    text = source_text(rec) if settings.use_source_path else None
    text = text if text is not None else record_text(rec)
    welfare = tuple((rec.get("welfare") or {}).get("categories") or [])
    size = sum(len(rec.get(k) or []) for k in ("people", "places", "regions", "organizations", "dates", "quotes"))
    return Sketch(
        doc_id=str(rec["doc_id"]), source=outlet(rec), order=order, published=published,
        date=day(event.get("date")), date_text=event.get("date_text"),
        date_span=(event.get("date_start"), event.get("date_end")),
        region=region.get("code"), region_name=region.get("name"), regencies=regencies,
        officials=_officials(rec), type=event.get("type"), types=tuple(event.get("types") or []),
        venue=venue.get("text"), venue_span=(venue.get("start"), venue.get("end")),
        places=tuple(sorted({fold(p.get("name") or p.get("text") or "") for p in rec.get("places") or []} - {""})),
        welfare=welfare, headline=(rec.get("headline") or {}).get("text"), size=size,
        minhash=minhash(shingles(text, settings.shingle, settings.max_text_words), settings.num_perm))
