"""The emit stage: a processed Doc to one :class:`Record`, offsets mapped back to the original text.

Stages work on the clean text; here every span goes through ``Cleaned.to_original`` so the record's
evidence is the text as read. Places are merged into one entry per place (GUIDELINES: "Kabupaten
Bintan" and "Bintan" are one place, shown in the form most often written, the fuller on a tie).
"""
from __future__ import annotations

import re

from collections import Counter
from typing import Any

from spacy.tokens import Doc

from . import record as R
from .events import lead_of
from .evidence import sentence_around
from .spans import Overlaps

ADMIN_KINDS = {"region"}


class Mapper:
    """Maps clean-text spans to original-text mentions."""

    def __init__(self, cleaned: Any) -> None:
        self.cleaned = cleaned
        self.original = cleaned.original

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.cleaned.to_original(start, end)

    def mention(self, start: int, end: int) -> R.Mention:
        s, e = self.span(start, end)
        return R.Mention(s, e, self.original[s:e])


def _within(spans: list[tuple[int, int]], index: Overlaps, start: int, end: int) -> bool:
    """Whether one of ``spans`` (indexed by ``index``) holds [start, end)."""
    return any(spans[i][0] <= start and end <= spans[i][1] for i in index.hits(start, end))


def _title(t: Any, mp: Mapper) -> R.Title:
    m = mp.mention(t.start, t.end)
    return R.Title(m.text, m.start, m.end, t.office, t.institution, t.region, t.acting)


def build_people(doc: Doc, mp: Mapper) -> tuple[list[R.Person], list[R.RoleWithoutName], list[R.Quote]]:
    res = doc._.people
    persons = [R.Person(
        name=p.name, name_as_written=p.name_as_written, honorifics=list(p.honorifics),
        degrees=list(p.degrees), title=_title(p.title, mp) if p.title else None, acting=p.acting,
        roles=list(dict.fromkeys(p.roles)), represents=p.represents,
        mentions=[mp.mention(m.start, m.end) for m in p.mentions]) for p in res.people]
    roles = []
    for r in res.roles_without_name:
        m = mp.mention(r.start, r.end)
        roles.append(R.RoleWithoutName(m.text, m.start, m.end, r.title.office, r.title.acting, list(r.roles)))
    quotes = []
    for q in res.quotes:
        m = mp.mention(q.start, q.end)
        speaker = persons[q.speaker].name if q.speaker is not None and q.speaker < len(persons) else None
        quotes.append(R.Quote(m.text, m.start, m.end, speaker, q.speaker if speaker else None, q.cue))
    return persons, roles, quotes


def build_places(doc: Doc, mp: Mapper) -> tuple[list[R.Place], list[R.Region]]:
    code_of: dict[tuple[int, int], str] = {}
    regions = []
    for reg in doc._.regions or []:
        mentions = [mp.mention(s, e) for s, e, _ in reg.mentions]
        regions.append(R.Region(reg.code, reg.name, reg.level, reg.type, reg.path, mentions))
        for s, e, _ in reg.mentions:
            code_of[(s, e)] = reg.code
    groups: dict[str, list[Any]] = {}
    for p in doc._.places or []:
        code = code_of.get((p.start, p.end))
        key = f"code:{code}" if code else f"{p.kind}:{(p.prefix or '').casefold()}:{p.name.casefold()}"
        groups.setdefault(key, []).append(p)
    out = []
    for group in groups.values():
        counts = Counter(p.text for p in group)
        text = max(counts, key=lambda t: (counts[t], len(t)))
        first = next(p for p in group if p.text == text)
        out.append(R.Place(text, first.name, first.kind, first.prefix,
                           [mp.mention(p.start, p.end) for p in group]))
    out += _dateline_places(doc._.cleaned.dateline if doc._.cleaned else None, out, regions)
    out.sort(key=lambda pl: pl.mentions[0].start)
    return out, regions


_DATELINE_PART = re.compile(r"[^,()/|\-–—]+")


def _dateline_places(dl: Any, places: list[R.Place], regions: list[R.Region]) -> list[R.Place]:
    """The places a dateline names ("LUWUK -", "Mamuju, 23 Juli 2025 –") that the text does not
    name otherwise: a place, never a region (a dateline often says where the outlet writes from)."""
    from .regions import codes_for, normalize_name

    if dl is None or not dl.place or dl.place_start is None:
        return []
    known = {normalize_name(n) for p in places for n in (p.text, p.name)}
    coded = {r.code for r in regions}
    out = []
    for m in _DATELINE_PART.finditer(dl.place):
        part = m.group(0).strip()
        key, codes = normalize_name(part), codes_for(part)
        if len(key) < 3 or key in known or any(c in coded for c in codes):
            continue
        start = dl.place_start + m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        out.append(R.Place(part, part, "region" if codes else "geo", None, [R.Mention(start, start + len(part), part)]))
    return out


_INNER_ACRONYM = re.compile(r"[ \t]*\([^()\n]{1,20}\)(?=[ \t]+\S)")  # "Pemerintah Kabupaten (Pemkab) Garut"


def build_orgs(doc: Doc, mp: Mapper, title_spans: list[tuple[int, int]]) -> list[R.Organization]:
    from .organizations import group_organizations

    out, index = [], Overlaps(title_spans)
    for group in group_organizations(doc._.orgs or []):
        if all(_within(title_spans, index, o.start, o.end) for o in group):
            continue  # an institution named only inside a person's title is part of the title
        first = group[0]
        out.append(R.Organization(_INNER_ACRONYM.sub("", first.text), first.canonical, first.kind,
                                  [mp.mention(o.start, o.end) for o in group]))
    return out


def build_dates(doc: Doc, mp: Mapper) -> list[R.DateRef]:
    """Dates in original-text order; dateline dates already carry original offsets."""
    spans = [(mp.mention(d.start, d.end), d) for d in doc._.dates or []]
    spans += [(R.Mention(d.start, d.end, mp.original[d.start:d.end]), d) for d in doc._.dateline_dates or []]
    out = []
    for m, d in sorted(spans, key=lambda pair: pair[0].start):
        out.append(R.DateRef(m.text, m.start, m.end, d.value.isoformat() if d.value else None,
                             d.end_value.isoformat() if d.end_value else None, d.role, d.weekday,
                             d.weekday_mismatch, d.year_inferred, d.relative, d.source))
    return out


def build_event(doc: Doc, mp: Mapper, dates: list[R.DateRef], places: list[R.Place],
                regions: list[R.Region]) -> R.Event:
    types = list(doc._.event_types or [])
    event = R.Event(type=types[0] if types else None, types=types)
    for d in dates:
        if d.role == "event":
            event.date, event.date_text, event.date_start, event.date_end = d.value, d.text, d.start, d.end
            break
    lead_end = mp.span(0, len(lead_of(mp.cleaned.text)))[1]  # doc.text would rebuild it from the tokens
    venues = [m for p in places if p.kind == "venue" for m in p.mentions if m.start < lead_end]
    if venues:
        event.venue = min(venues, key=lambda m: m.start)
    in_lead = [r for r in regions if any(m.start < lead_end for m in r.mentions)]
    if in_lead:
        best = max(in_lead, key=lambda r: (r.level, -min(m.start for m in r.mentions)))
        event.region = R.RegionRef(best.code, best.name, best.level)
    return event


def _party(p: Any, mp: Mapper) -> R.Party | None:
    if p is None:
        return None
    m = mp.mention(p.start, p.end)
    return R.Party(m.text, m.start, m.end, p.person, p.role)


def build_actions(doc: Doc, mp: Mapper) -> list[R.Action]:
    """The syntax stage's actions (none when it did not run), offsets into the original text."""
    out = []
    for a in doc._.actions or []:
        pred = mp.mention(a.start, a.end)
        s, e = mp.span(a.sentence_start, a.sentence_end)
        out.append(R.Action(pred.text, a.lemma, pred.start, pred.end, a.kind, a.voice, _party(a.actor, mp),
                            _party(a.object, mp), _party(a.recipient, mp), _party(a.on_behalf_of, mp), s, e))
    return out


def build_record(doc: Doc, versions: R.Versions) -> R.Record:
    meta = doc._.meta or {}
    cleaned = doc._.cleaned
    mp = Mapper(cleaned)
    people, roles, quotes = build_people(doc, mp)
    # clean-text spans of the titles written with a named person (GUIDELINES: an institution named only
    # there is part of the title; one inside an office acting without a name is listed)
    title_spans = [s for p in doc._.people.people for s in p.title_spans] if doc._.people else []
    places, regions = build_places(doc, mp)
    dates = build_dates(doc, mp)
    published = meta.get("published")
    published_iso = published.isoformat() if published else next(
        (d.value for d in dates if d.role == "publication" and d.value), None)
    terms = []
    for t in doc._.welfare or []:
        m = mp.mention(t.start, t.end)
        s, e = sentence_around(mp.original, m.start, m.end)
        terms.append(R.WelfareTerm(m.text, m.start, m.end, t.canonical, list(t.categories), t.source,
                                   mp.original[s:e].strip()))
    from .welfare import categories_of

    dl = cleaned.dateline
    return R.Record(
        doc_id=meta.get("doc_id", "doc"),
        source=R.Source(meta.get("path"), meta.get("url"), meta.get("sha256", ""), meta.get("format", "txt"),
                        meta.get("encoding", "utf-8")),
        headline=R.Headline(mp.original[slice(*cleaned.headline_span)], *cleaned.headline_span)
        if cleaned.headline and cleaned.headline_span else None,
        dateline=R.Dateline(dl.raw, dl.start, dl.end, dl.place, dl.place_start, dl.place_end, dl.outlet) if dl else None,
        byline=[R.Mention(s, e, t) for s, e, t in cleaned.byline],
        published_date=published_iso,
        event=build_event(doc, mp, dates, places, regions),
        people=people, roles_without_name=roles, places=places, regions=regions,
        organizations=build_orgs(doc, mp, title_spans), dates=dates,
        welfare=R.Welfare(categories_of(doc._.welfare or []), terms), quotes=quotes,
        warnings=list(dict.fromkeys([*meta.get("warnings", []), *(doc._.warnings or [])])),
        versions=versions,
        actions=build_actions(doc, mp),
    )
