"""Comparing two sketches: each signal says how much it joins (or parts) two records, and why.

``compare(a, b, settings)`` gives a ``Link``: the summed score, the signals with their points and a
short reason each, and ``veto`` when one signal rules the pair out (event dates days apart, event
regions in different regencies). Points are the same for every language; only word lists are data.

=============  ==========================================================  ==================
signal         when                                                        points
=============  ==========================================================  ==================
``text``       MinHash Jaccard of word shingles                            0 … 4 (scaled)
``date``       same event day / one day apart (allowed, but a doubt)       +2 / -1.5
               dates differ in only the month or only the year (a slip)     0, no veto
               further apart (or publication before the event)              veto
``region``     same or nested event region code / same regency              +1.5 / +1
               one record's event regency absent from the other's regions  -1.5
               neither event regency among the other's regions             veto
``officials``  each official both name (names normalised), at most two     +1.5 each
               both name officials, none shared                            -1
``type``       same main event type / overlapping types / disjoint types   +0.5 / +0.25 / -0.5
``venue``      shared venue or place names (villages, buildings)           +0.5 each, max +1.5
=============  ==========================================================  ==================
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from .settings import GroupSettings
from .sketch import Sketch, fold, jaccard, regency, same_person


@dataclass(slots=True)
class Link:
    score: float
    signals: dict[str, float] = field(default_factory=dict)
    why: dict[str, Callable[[], str]] = field(default_factory=dict)
    veto: str | None = None

    def add(self, name: str, points: float, reason: Callable[[], str]) -> None:
        """Add a signal's points; its reason is written only when asked for (most pairs never are)."""
        self.signals[name] = round(points, 3)
        self.why[name] = reason
        self.score += points

    @property
    def reasons(self) -> dict[str, str]:
        return {k: f() for k, f in self.why.items()}

    @property
    def joined_by(self) -> list[str]:
        """The signals that pulled the two records together, strongest first."""
        return [k for k, v in sorted(self.signals.items(), key=lambda kv: -kv[1]) if v > 0]


def _iso(d: int) -> str:
    return dt.date.fromordinal(d).isoformat()


def one_field_slip(a: int, b: int) -> bool:
    """Two dates that differ only in the month or only in the year (a misprint or a misread year)."""
    x, y = dt.date.fromordinal(a), dt.date.fromordinal(b)
    return x.day == y.day and (x.month == y.month) != (x.year == y.year)


def _date(link: Link, a: Sketch, b: Sketch, s: GroupSettings) -> None:
    if a.date is not None and b.date is not None:
        gap = abs(a.date - b.date)
        if gap == 0:
            link.add("date", 2.0, lambda: f"same event date {_iso(a.date)}")
        elif gap <= s.date_window:
            link.add("date", -1.5, lambda: f"event dates {_iso(a.date)} and {_iso(b.date)}, {gap} day apart")
        elif one_field_slip(a.date, b.date):
            link.add("date", 0.0, lambda: f"event dates {_iso(a.date)} and {_iso(b.date)} differ in one field only")
        else:
            link.veto = f"event dates {_iso(a.date)} and {_iso(b.date)} are {gap} days apart"
        return
    for x, y in ((a, b), (b, a)):  # one event date against the other's publication day
        if x.date is not None and y.date is None and y.published is not None:
            lag = y.published - x.date
            if not -s.date_window <= lag <= s.published_window and not one_field_slip(x.date, y.published):
                link.veto = f"event date {_iso(x.date)} but the other release is published {_iso(y.published)}"
            return
    if a.date is None and b.date is None and a.published is not None and b.published is not None:
        if abs(a.published - b.published) > s.published_window:
            link.veto = f"undated releases published {_iso(a.published)} and {_iso(b.published)}"


def _region(link: Link, a: Sketch, b: Sketch) -> None:
    if a.region and b.region and (a.region.startswith(b.region) or b.region.startswith(a.region)) \
            and min(len(a.region), len(b.region)) >= 5:
        link.add("region", 1.5, lambda: f"event regions {a.region} and {b.region} are the same or nested")
        return
    ra, rb = regency(a.region), regency(b.region)
    if ra and rb and ra == rb:
        link.add("region", 1.0, lambda: f"event regions in the same regency {ra}")
        return
    a_in_b = ra is None or not b.regencies or ra in b.regencies
    b_in_a = rb is None or not a.regencies or rb in a.regencies
    if ra and rb and not a_in_b and not b_in_a:
        link.veto = f"event regions in regencies {ra} and {rb}, neither named by the other"
    elif not a_in_b or not b_in_a:
        link.add("region", -1.5, lambda: f"event regency {ra if not a_in_b else rb} is not named by the other")
    elif (ra or rb) and (ra in b.regencies or rb in a.regencies):
        link.add("region", 0.5, lambda: f"event regency {ra or rb} named by both")


def _officials(link: Link, a: Sketch, b: Sketch) -> None:
    if not a.officials or not b.officials:
        return
    shared = []
    for o in a.officials:
        if any(same_person(o.key, p.key) for p in b.officials) and o.name not in shared:
            shared.append(o.name)
    if shared:
        link.add("officials", 1.5 * min(2, len(shared)), lambda: "shared officials: " + ", ".join(shared[:4]))
    else:
        link.add("officials", -1.0, lambda: "both name officials, none shared")


def _type(link: Link, a: Sketch, b: Sketch) -> None:
    if a.type and a.type == b.type:
        link.add("type", 0.5, lambda: f"same event type {a.type}")
    elif set(a.types) & set(b.types):
        link.add("type", 0.25, lambda: "overlapping event types " + ", ".join(sorted(set(a.types) & set(b.types))))
    elif a.types and b.types:
        link.add("type", -0.5, lambda: f"different event types {a.type} and {b.type}")


def _venue(link: Link, a: Sketch, b: Sketch) -> None:
    names = set(a.places) & set(b.places)
    if a.venue and b.venue and fold(a.venue) == fold(b.venue):
        names.add(fold(a.venue))
    if names:
        link.add("venue", min(1.5, 0.5 * len(names)), lambda: "shared places: " + ", ".join(sorted(names)[:5]))


def compare(a: Sketch, b: Sketch, settings: GroupSettings) -> Link:
    """How strongly two records report the same event, signal by signal."""
    link = Link(0.0)
    _date(link, a, b, settings)
    _region(link, a, b)
    text = jaccard(a.minhash, b.minhash)
    if text > 0:
        link.add("text", min(4.0, 4.0 * text / settings.near_duplicate), lambda: f"text Jaccard ~{text:.2f}")
    _officials(link, a, b)
    _type(link, a, b)
    _venue(link, a, b)
    return link


def same_event(link: Link, settings: GroupSettings) -> bool:
    return link.veto is None and link.score >= settings.threshold
