"""The stages as spaCy pipeline components, each declaring what it needs and what it adds.

Each component is a thin wrapper: the language work lives in the stage module named after it
(``organizations``, ``places``/``regions``, ``people``, ``dates``, ``welfare``, ``events``), on plain
strings, so it can be tested and reused without spaCy. Components read and write ``doc._`` attributes;
offsets in them are into the clean text (``doc._.cleaned.text``; the rules-only pipeline does not
tokenise it, see ``Pipeline``); ``assemble`` maps them to the original.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from . import datefallback, dates, events, names, organizations, people, places, regions, welfare
from .casing import rules_view
from .spans import free

EXTENSIONS = ("cleaned", "meta", "orgs", "places", "regions", "people", "dates", "dateline_dates", "welfare",
              "event_types", "warnings", "view", "actions")

for _name in EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def _text(doc: Doc) -> str:
    """The text the rule stages read: the clean text (with the model it equals ``doc.text``, which
    spaCy rebuilds from the tokens on every access; without it the pipeline's Doc has no tokens) with
    its ALL-CAPS lines in title case (``casing.rules_view``: same length, same offsets), built once
    per document."""
    if doc._.view is None:
        cleaned = doc._.cleaned
        doc._.view = rules_view(cleaned.text if cleaned is not None else doc.text)
    return doc._.view


def _warn(doc: Doc, *messages: str) -> None:
    if doc._.warnings is None:
        doc._.warnings = []
    doc._.warnings.extend(messages)


def _model_spans(doc: Doc, label: str) -> list[tuple[int, int, list[str]]]:
    """The model's spans of ``label`` that rules may use: in the body (title case in the headline
    fools the model), on one line, every word in Title Case (not all capitals); with their words."""
    cleaned = doc._.cleaned
    body_start = len(cleaned.headline) if cleaned is not None and cleaned.headline else 0
    out = []
    for e in doc.ents:
        words = e.text.split()
        if e.label_ == label and e.start_char >= body_start and "\n" not in e.text and \
                all(w[:1].isupper() and not w.isupper() for w in words):
            out.append((e.start_char, e.end_char, words))
    return out


def _ner_persons(doc: Doc) -> list[tuple[int, int]]:
    """The model's PER spans that the rule stages can use as names: of two or more words (single
    words and acronyms are mostly agencies, events and headline verbs), not inside an organisation
    or place found by the rules."""
    taken = [(o.start, o.end) for o in doc._.orgs or []] + [(p.start, p.end) for p in doc._.places or []]
    return free([(s, e) for s, e, words in _model_spans(doc, "PER") if len(words) >= 2], taken)


def _ner_places(doc: Doc, found: list) -> list:
    """The model's LOC spans the rules did not find, as geographic places, outside organisations:
    one word only when the gazetteer or the island/country list knows it, several words only when
    none is a word that never names (offices, weekdays, event words)."""
    taken = [(p.start, p.end) for p in found] + [(o.start, o.end) for o in doc._.orgs or []]
    stop = names.stop_words()
    spans = [(s, e) for s, e, words in _model_spans(doc, "LOC")
             if (places.known_place_name(" ".join(words)) if len(words) == 1
                 else not any(names.key(w) in stop for w in words))]
    text = _text(doc)
    return [places.PlaceMention(s, e, text[s:e], "geo", None, text[s:e]) for s, e in free(spans, taken)]


@Language.component("extractor_organizations", assigns=["doc._.orgs"])
def organizations_component(doc: Doc) -> Doc:
    doc._.orgs = organizations.find_organizations(_text(doc))
    return doc


@Language.component("extractor_places", requires=["doc._.orgs"], assigns=["doc._.places", "doc._.regions"])
def places_component(doc: Doc) -> Doc:
    found = places.find_places(_text(doc))
    cleaned = doc._.cleaned
    dateline_place = cleaned.dateline.place if cleaned is not None and cleaned.dateline else None
    doc._.regions, warnings = regions.resolve_regions(found, dateline_place)  # model spans give no codes
    doc._.places = sorted([*found, *_ner_places(doc, found)], key=lambda p: p.start)
    _warn(doc, *warnings)
    return doc


@Language.component("extractor_people", requires=["doc._.orgs", "doc._.places"], assigns=["doc._.people"])
def people_component(doc: Doc) -> Doc:
    result = people.find_people(_text(doc), ner_persons=_ner_persons(doc),
                                orgs=[(o.start, o.end) for o in doc._.orgs or []])
    doc._.people = result
    _warn(doc, *result.warnings)
    return doc


@Language.component("extractor_dates", assigns=["doc._.dates", "doc._.dateline_dates"])
def dates_component(doc: Doc) -> Doc:
    meta = doc._.meta or {}
    published = meta.get("published")
    found = dates.find_dates(_text(doc), published)
    doc._.dateline_dates = _dateline_dates(doc, found, published)
    if not any(m.role == "event" for m in [*found, *doc._.dateline_dates]):
        extra = datefallback.fallback_event(_text(doc), found, published)
        if extra is not None:
            found = sorted([*found, extra], key=lambda m: m.start)
    doc._.dates = found
    for m in [*found, *doc._.dateline_dates]:
        if m.weekday_mismatch:
            _warn(doc, f"weekday {m.weekday!r} does not match the date in {m.text!r}; the written date is used")
    return doc


def _dateline_dates(doc: Doc, body: list, published) -> list:
    """A date written in the dateline ("KOTA, Rabu (6/9/2023) site.id -"), which cleaning takes out
    of the body. Offsets are into the ORIGINAL text. It is the event date when the body states
    none, else the date the release was written (publication)."""
    cleaned = doc._.cleaned
    dl = cleaned.dateline if cleaned is not None else None
    if dl is None or not dl.date_text or dl.date_start is None:
        return []
    anchor = published or next((m.value for m in body if m.role == "publication" and m.value), None) \
        or max((m.value for m in body if m.value and not m.year_inferred), default=None)
    has_event = any(m.role == "event" for m in body)
    out = []
    for m in dates.find_dates(dl.date_text, anchor):
        if m.value is None:
            continue
        role = "publication" if has_event or out else "event"
        out.append(replace(m, start=dl.date_start + m.start, end=dl.date_start + m.end, role=role))
    return out


@Language.component("extractor_welfare", requires=["doc._.orgs"], assigns=["doc._.welfare"])
def welfare_component(doc: Doc) -> Doc:
    exclude = [(o.start, o.end) for o in (doc._.orgs or [])]
    doc._.welfare = welfare.find_welfare(_text(doc), exclude=exclude)
    return doc


@Language.component("extractor_event", requires=["doc._.dates", "doc._.places"], assigns=["doc._.event_types"])
def event_component(doc: Doc) -> Doc:
    cleaned = doc._.cleaned
    doc._.event_types = events.event_types(cleaned.headline if cleaned is not None else None, _text(doc))
    return doc


STAGES = ("extractor_organizations", "extractor_places", "extractor_people", "extractor_dates",
          "extractor_welfare", "extractor_event")
