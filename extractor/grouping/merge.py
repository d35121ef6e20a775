"""One event from its member sketches: the canonical member, the merged facts, and where the
outlets disagree (dates, regions, event types, an official's spelling or office), with evidence.

Evidence is what each record holds: the text as the outlet wrote it and its character offsets in
that document (``doc_id``, ``text``, ``start``, ``end``), so ``extractor show`` can open it.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from typing import Any

from .signals import Link
from .sketch import Official, Sketch, fold, same_person


def event_id(doc_ids: list[str]) -> str:
    """A stable id: the same members give the same id in every run."""
    digest = hashlib.sha1("\n".join(sorted(doc_ids)).encode("utf-8")).hexdigest()
    return f"ev-{digest[:12]}"


def canonical(members: list[Sketch]) -> Sketch:
    """The fullest member (most facts); ties go to the earliest published, then the first read."""
    never = dt.date.max.toordinal()
    return min(members, key=lambda s: (-s.size, s.published if s.published is not None else never, s.order))


def _iso(d: int | None) -> str | None:
    return dt.date.fromordinal(d).isoformat() if d is not None else None


def _vote(values: list[Any], prefer: Any) -> Any:
    """The most frequent non-empty value; a tie goes to ``prefer`` (the canonical member's value)."""
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    top = max(counts.values())
    return prefer if prefer and counts.get(prefer) == top else next(v for v in values if v and counts[v] == top)


def _people(members: list[Sketch]) -> list[list[tuple[Sketch, Official]]]:
    """Officials of all members grouped by person (normalised names)."""
    groups: list[list[tuple[Sketch, Official]]] = []
    for s in members:
        for o in s.officials:
            for g in groups:
                if any(same_person(o.key, other.key) for _, other in g):
                    g.append((s, o))
                    break
            else:
                groups.append([(s, o)])
    return groups


def _disagreement(field: str, subject: str | None, variants: dict[str, list[dict]]) -> dict[str, Any]:
    return {"field": field, "subject": subject,
            "values": [{"value": v, "doc_ids": sorted({e["doc_id"] for e in ev}), "evidence": ev}
                       for v, ev in variants.items()]}


def _disagreements(members: list[Sketch], people: list[list[tuple[Sketch, Official]]]) -> list[dict[str, Any]]:
    out = []
    dates: dict[str, list[dict]] = {}
    for s in members:
        if s.date is not None:
            dates.setdefault(_iso(s.date), []).append(
                {"doc_id": s.doc_id, "text": s.date_text, "start": s.date_span[0], "end": s.date_span[1]})
    if len(dates) > 1:
        out.append(_disagreement("date", None, dates))
    regions: dict[str, list[dict]] = {}
    for s in members:
        if s.region and len(s.region) >= 5:
            regions.setdefault(s.region[:5], []).append({"doc_id": s.doc_id, "text": s.region_name, "code": s.region})
    if len(regions) > 1:
        out.append(_disagreement("region", None, regions))
    types: dict[str, list[dict]] = {}
    for s in members:
        if s.type:
            types.setdefault(s.type, []).append({"doc_id": s.doc_id, "text": s.headline})
    if len(types) > 1:
        out.append(_disagreement("type", None, types))
    for group in people:
        name = _vote([o.name for _, o in group], None)
        spellings: dict[str, list[dict]] = {}
        offices: dict[str, list[dict]] = {}
        for s, o in group:
            spellings.setdefault(" ".join(o.name.split()), []).append(
                {"doc_id": s.doc_id, "text": o.written, "start": o.start, "end": o.end})
            if o.office:
                offices.setdefault(o.office, []).append({"doc_id": s.doc_id, "text": o.title})
        if len({fold(k) for k in spellings}) > 1:
            out.append(_disagreement("official_name", name, spellings))
        if len({fold(k) for k in offices}) > 1:
            out.append(_disagreement("official_title", name, offices))
    return out


def build_event(members: list[Sketch], links: list[tuple[Sketch, Sketch, Link]]) -> dict[str, Any]:
    """The event dict of one group (the JSONL line of ``extractor events``)."""
    canon = canonical(members)
    members = sorted(members, key=lambda s: s.order)
    people = _people(members)
    region = _vote([s.region for s in members], canon.region)
    region_name = next((s.region_name for s in members if s.region == region), None)
    venue = _vote([s.venue for s in members], canon.venue)
    merged_people = []
    for group in people:
        docs = sorted({s.doc_id for s, _ in group})
        merged_people.append({"name": _vote([o.name for _, o in group], None),
                              "titles": list(dict.fromkeys(o.title for _, o in group if o.title)),
                              "offices": list(dict.fromkeys(o.office for _, o in group if o.office)),
                              "doc_ids": docs})
    merged_people.sort(key=lambda p: (-len(p["doc_ids"]), p["name"]))
    return {
        "event_id": event_id([s.doc_id for s in members]),
        "n_members": len(members),
        "n_outlets": len({s.source for s in members}),
        "canonical": canon.doc_id,
        "members": [{"doc_id": s.doc_id, "source": s.source, "published_date": _iso(s.published),
                     "event_date": _iso(s.date), "headline": s.headline} for s in members],
        "facts": {
            "date": _iso(_vote([s.date for s in members], canon.date)),
            "region": {"code": region, "name": region_name} if region else None,
            "type": _vote([s.type for s in members], canon.type),
            "venue": venue,
            "people": merged_people,
            "welfare_categories": sorted({c for s in members for c in s.welfare}),
        },
        "disagreements": _disagreements(members, people),
        "links": [{"doc_ids": [a.doc_id, b.doc_id], "score": round(ln.score, 3), "joined_by": ln.joined_by,
                   "signals": ln.signals, "reasons": ln.reasons} for a, b, ln in links],
    }
