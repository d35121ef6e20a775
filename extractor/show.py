"""One document's facts in the terminal, each with the sentence it was found in."""
from __future__ import annotations

from typing import Any

from .evidence import BOLD, DIM, RESET, evidence
from .record import Record

def render(record: Record, text: str, color: bool = False) -> str:
    """A readable report of a record; ``text`` is the document text its offsets point into."""
    r = record
    lines: list[str] = []

    def head(title: str) -> None:
        lines.append(f"\n{BOLD if color else ''}{title}{RESET if color else ''}")

    def ev(m: Any) -> None:
        lines.append(f"    {DIM if color else ''}{evidence(text, m.start, m.end, color)}{RESET if color else ''}")

    lines.append(f"{r.doc_id}  {r.source.path or ''}  {r.source.url or ''}".rstrip())
    if r.headline:
        lines.append(f"headline: {r.headline.text}")
    if r.dateline:
        lines.append(f"dateline: {r.dateline.raw!r}  place={r.dateline.place!r}  outlet={r.dateline.outlet!r}")
    e = r.event
    lines.append(f"event: {', '.join(e.types) or '-'}  date={e.date or '-'} ({e.date_text or 'no date'})"
                 f"  venue={e.venue.text if e.venue else '-'}  region={f'{e.region.name} {e.region.code}' if e.region else '-'}")
    head(f"People ({len(r.people)})")
    for p in r.people:
        extra = [f"title: {p.title.text}" if p.title else "no title"]
        if p.honorifics or p.degrees:
            extra.append(f"honorifics {p.honorifics} degrees {p.degrees}")
        if p.roles:
            extra.append("roles: " + ", ".join(p.roles) + (f" (for {p.represents})" if p.represents else ""))
        lines.append(f"  {p.name}  ({'; '.join(extra)})")
        ev(p.mentions[0])
    if r.roles_without_name:
        head("Offices without a name")
        for ro in r.roles_without_name:
            lines.append(f"  {ro.text}  roles: {', '.join(ro.roles) or '-'}")
            ev(ro)
    if r.quotes:
        head(f"Quotes ({len(r.quotes)})")
        for q in r.quotes:
            lines.append(f"  {q.speaker or '(speaker unknown)'}: {q.text[:160]}{'…' if len(q.text) > 160 else ''}")
    head("Places and regions")
    for pl in r.places:
        lines.append(f"  {pl.text}  [{pl.kind}]")
        ev(pl.mentions[0])
    for rg in r.regions:
        lines.append(f"  {rg.code}  {rg.name}  ({rg.type}; {rg.path})")
    if r.organizations:
        head("Organizations")
        for o in r.organizations:
            lines.append(f"  {o.text}" + (f" = {o.canonical}" if o.canonical and o.canonical != o.text else ""))
            ev(o.mentions[0])
    head("Dates")
    for d in r.dates:
        lines.append(f"  {d.value or '?'}  {d.role:<11} {d.text!r}")
        ev(d)
    if r.welfare.terms:
        head(f"Welfare: {', '.join(r.welfare.categories)}")
        for t in r.welfare.terms:
            lines.append(f"  {t.text} -> {t.canonical} ({', '.join(t.categories)}; {t.source})")
            ev(t)
    if r.actions:
        head(f"Actions ({len(r.actions)})")
        for act in r.actions:
            lines.append("  " + describe_action(r, act))
            ev(act)
    if r.warnings:
        head("Warnings")
        lines.extend(f"  {w}" for w in r.warnings)
    return "\n".join(lines)


def _who(record: Record, party: Any) -> str:
    if party is None:
        return "-"
    if party.person is not None and party.person < len(record.people):
        return f"{record.people[party.person].name} [person {party.person}]"
    if party.role is not None:
        return f"{party.text} [office {party.role}]"
    return party.text


def describe_action(record: Record, act: Any) -> str:
    """One line: actor, predicate (lemma, kind, voice), object, recipient, on whose behalf."""
    parts = [f"{_who(record, act.actor)} -- {act.predicate} ({act.lemma}"
             f"{', ' + act.kind if act.kind else ''}{', passive' if act.voice == 'passive' else ''})"]
    if act.object:
        parts.append(f"what: {act.object.text}")
    if act.recipient:
        parts.append(f"to: {_who(record, act.recipient)}")
    if act.on_behalf_of:
        parts.append(f"on behalf of: {_who(record, act.on_behalf_of)}")
    return "; ".join(parts)
