"""Renderings of an officials register: a self-contained HTML report, and officials marked in a text.

``write_html(register, path)`` writes one static HTML file (``resources/report_template.html``, plain
CSS and JS inline, no network request of any kind). The register is embedded as JSON in a
``<script type="application/json">`` element, compacted (each document's date and link stored once;
per official at most ``MAX_QUOTES`` quotes, per office ``MAX_EVIDENCE`` evidence sentences and
``MAX_DOC_IDS`` document ids, text cut to ``MAX_CHARS``; the mention's sentence only for people
without an office: the JSONL register holds the rest). About 0.6 KB per official. The page shows:

* a searchable, sortable table of officials, rendered one page (``PAGE_SIZE`` rows) at a time, so
  20,000 officials stay responsive; search matches names, variants, offices and regions;
* a section per official (``#official-P000001``), built on demand when a row is opened: offices over
  time with their evidence sentences and document links, acting periods, representation, quotes,
  merge reasons and flags;
* the flags, filterable by kind and paginated;
* charts drawn here as inline SVG: mentions per official (top ``TOP_OFFICIALS``), welfare categories
  per region (top ``TOP_REGIONS`` regions), events per month.

``highlight(text, record)`` marks the officials (names), their titles and the offices without a name
in a document text, for ``extractor show``.
"""
from __future__ import annotations

import html
import json
import os
from collections.abc import Iterable
from datetime import datetime, timezone
from functools import lru_cache
from importlib import resources
from typing import Any

from .officials import Register
from .outputs import write_aside

PAGE_SIZE = 50
MAX_QUOTES = 3
MAX_EVIDENCE = 1
MAX_CHARS = 320      # quotes and evidence sentences are cut to this length in the page
MAX_DOC_IDS = 10
TOP_OFFICIALS = 25
TOP_REGIONS = 20
WELFARE = ("kemiskinan", "ketelantaran", "kecacatan", "keterpencilan", "ketunaan_sosial", "korban_bencana",
           "korban_kekerasan")
BAR, GRID, INK = "#2b6cb0", "#e2e8f0", "#1a202c"
ANSI = {"name": "\033[1;33m", "title": "\033[36m", "office": "\033[35m", "end": "\033[0m"}
PLAIN = {"name": ("[[", "]]"), "title": ("{{", "}}"), "office": ("<<", ">>")}


class ReportError(ValueError):
    """The report cannot be written (template missing or malformed)."""


@lru_cache(maxsize=1)
def template() -> str:
    try:
        text = resources.files("extractor.resources").joinpath("report_template.html").read_text("utf-8")
    except FileNotFoundError as exc:
        raise ReportError("extractor/resources/report_template.html is missing from the installation") from exc
    for marker in ("%%TITLE%%", "%%SUMMARY%%", "%%CHARTS%%", "%%DATA%%"):
        if marker not in text:
            raise ReportError(f"report_template.html lacks the marker {marker}")
    return text


# ------------------------------------------------------------------ data

class _Docs:
    """Each document's date and link, stored once."""

    def __init__(self) -> None:
        self.table: dict[str, list[Any]] = {}

    def __call__(self, ref: dict[str, Any]) -> str:
        self.table.setdefault(ref["doc_id"], [ref.get("date"), ref.get("link")])
        return ref["doc_id"]

    def ev(self, e: dict[str, Any]) -> list[Any]:
        return [self(e), _cut(e["sentence"]), e.get("from") == "text"]


def _cut(s: str) -> str:
    return s if len(s) <= MAX_CHARS else s[:MAX_CHARS - 1] + "\u2026"


def _official(e: dict[str, Any], docs: _Docs) -> dict[str, Any]:
    offices = [[o["office"], o["acting"], o["region_name"], o["first_seen"], o["last_seen"], o["n_docs"],
                [docs(d) for d in o["docs"][:MAX_DOC_IDS]], [docs.ev(x) for x in o["evidence"][:MAX_EVIDENCE]]]
               for o in e["offices"]]
    links = {k: [[v["official_id"], v["name"], v["count"], v["first_seen"], v["last_seen"],
                  [docs.ev(x) for x in v["evidence"][:1]]] for v in e[k]] for k in ("represents", "represented_by")}
    return {"i": e["id"], "n": e["name"], "v": [[v["form"], v["count"], v["why"]] for v in e["variants"]],
            "m": [[r["rule"], *r["names"], r["why"]] for r in e["merge_reasons"]],
            "r": "; ".join(r["name"] for r in e["regions"]), "o": offices,
            "rp": links["represents"], "rb": links["represented_by"],
            "q": [[docs(q), _cut(q["text"])] for q in e["quotes"][:MAX_QUOTES]], "nq": e["n_quotes"],
            "d": e["n_docs"], "mn": e["n_mentions"], "f": e["first_seen"], "l": e["last_seen"],
            "fl": e["flags"], "ro": ", ".join(e["roles"]),
            "e": [] if e["offices"] else [docs.ev(x) for x in e["evidence"][:1]]}


def _flag(f: dict[str, Any], docs: _Docs) -> list[Any]:
    return [f["id"], f["kind"], f["message"], f["officials"] or f.get("candidates", []),
            [docs(d) for d in f["docs"]], [docs.ev(x) for x in f.get("evidence", [])[:2]]]


def report_data(register: Register) -> dict[str, Any]:
    docs = _Docs()
    officials = [_official(e, docs) for e in register.officials]
    flags = [_flag(f, docs) for f in register.flags]
    return {"officials": officials, "flags": flags, "docs": docs.table, "page_size": PAGE_SIZE,
            "stats": {k: register.stats[k] for k in ("records", "officials", "flags", "with_text")}}


# ------------------------------------------------------------------ charts (inline SVG)

def _e(s: Any) -> str:
    return html.escape(str(s), quote=True)


def _bars(items: list[tuple[str, int, str]], title: str) -> str:
    """Horizontal bars: (label, value, link)."""
    if not items:
        return f'<p class="empty">{_e(title)}: no data</p>'
    top, row, left, width = max(v for _, v, _ in items) or 1, 18, 230, 640
    h = row * len(items) + 30
    parts = [f'<svg class="chart" role="img" aria-label="{_e(title)}" viewBox="0 0 {width} {h}" '
             f'width="{width}" height="{h}" xmlns="http://www.w3.org/2000/svg">',
             f'<text x="0" y="14" font-weight="bold" fill="{INK}">{_e(title)}</text>']
    for n, (label, value, link) in enumerate(items):
        y, w = 24 + n * row, max(1, round((width - left - 50) * value / top))
        parts.append(f'<a href="{_e(link)}"><text x="{left - 6}" y="{y + 12}" text-anchor="end" font-size="12" '
                     f'fill="{INK}">{_e(label[:34])}</text><rect x="{left}" y="{y + 2}" width="{w}" height="{row - 5}" '
                     f'fill="{BAR}"><title>{_e(label)}: {value}</title></rect></a>'
                     f'<text x="{left + w + 4}" y="{y + 12}" font-size="11" fill="{INK}">{value}</text>')
    return "".join(parts) + "</svg>"


def _heatmap(welfare: dict[str, dict[str, Any]]) -> str:
    title = "Welfare categories per region (documents)"
    rows = sorted(welfare.items(), key=lambda kv: -sum(kv[1]["categories"].values()))[:TOP_REGIONS]
    if not rows:
        return f'<p class="empty">{_e(title)}: no data</p>'
    cell, left, top = 46, 230, 96
    top_value = max(n for _, v in rows for n in v["categories"].values()) or 1
    w, h = left + cell * len(WELFARE) + 90, top + 20 * len(rows) + 10
    parts = [f'<svg class="chart" role="img" aria-label="{title}" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
             f'xmlns="http://www.w3.org/2000/svg"><text x="0" y="14" font-weight="bold" fill="{INK}">{title}</text>']
    for c, cat in enumerate(WELFARE):
        x = left + c * cell + cell / 2
        parts.append(f'<text transform="translate({x},{top - 6}) rotate(-40)" font-size="11" fill="{INK}">'
                     f'{_e(cat)}</text>')
    for r, (code, v) in enumerate(rows):
        y = top + r * 20
        parts.append(f'<text x="{left - 6}" y="{y + 14}" text-anchor="end" font-size="12" fill="{INK}">'
                     f'{_e(v["name"][:34])}</text>')
        for c, cat in enumerate(WELFARE):
            n = v["categories"].get(cat, 0)
            shade = 0.08 + 0.92 * n / top_value if n else 0
            parts.append(f'<rect x="{left + c * cell}" y="{y}" width="{cell - 2}" height="18" fill="{BAR}" '
                         f'fill-opacity="{shade:.2f}" stroke="{GRID}"><title>{_e(v["name"])} ({_e(code)}), '
                         f'{cat}: {n}</title></rect>' + (f'<text x="{left + c * cell + cell / 2 - 1}" y="{y + 13}" '
                         f'text-anchor="middle" font-size="10" fill="{"#fff" if shade > .55 else INK}">{n}</text>'
                                                           if n else ""))
    return "".join(parts) + "</svg>"


def _months(months: dict[str, int]) -> str:
    title = "Events per month (event date, else publication date)"
    if not months:
        return f'<p class="empty">{_e(title)}: no data</p>'
    keys = sorted(months)
    y0, y1 = int(keys[0][:4]), int(keys[-1][:4])
    span = [f"{y}-{m:02d}" for y in range(y0, y1 + 1) for m in range(1, 13)
            if keys[0] <= f"{y}-{m:02d}" <= keys[-1]]
    top, h, bw = max(months.values()) or 1, 200, max(3, min(24, 900 // max(1, len(span))))
    w, last_label = 50 + bw * len(span) + 30, -100
    parts = [f'<svg class="chart" role="img" aria-label="{title}" viewBox="0 0 {w} {h + 50}" width="{w}" '
             f'height="{h + 50}" xmlns="http://www.w3.org/2000/svg"><text x="0" y="14" font-weight="bold" '
             f'fill="{INK}">{title}</text><text x="44" y="34" text-anchor="end" font-size="11">{top}</text>'
             f'<line x1="48" y1="{h + 20}" x2="{w}" y2="{h + 20}" stroke="{INK}"/>']
    for n, m in enumerate(span):
        v, x = months.get(m, 0), 50 + n * bw
        bh = round((h - 20) * v / top)
        if v:
            parts.append(f'<rect x="{x}" y="{h + 20 - bh}" width="{bw - 1}" height="{bh}" fill="{BAR}">'
                         f'<title>{m}: {v}</title></rect>')
        if (m.endswith("-01") or n == 0) and x - last_label >= 34:
            parts.append(f'<text x="{x}" y="{h + 36}" font-size="11" fill="{INK}">{m[:4]}</text>')
            last_label = x
    return "".join(parts) + "</svg>"


def charts(register: Register) -> str:
    top = sorted(register.officials, key=lambda e: (-e["n_mentions"], e["name"]))[:TOP_OFFICIALS]
    return "\n".join((
        _bars([(e["name"], e["n_mentions"], f"#official-{e['id']}") for e in top],
              f"Mentions per official (top {TOP_OFFICIALS})"),
        _heatmap(register.stats.get("welfare_by_region", {})),
        _months(register.stats.get("months", {}))))


# ------------------------------------------------------------------ page

def _json_for_script(data: Any) -> str:
    """JSON safe inside <script>: no "<" can close the element or open a comment."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def render_html(register: Register, *, title: str = "Officials register") -> str:
    st = register.stats
    flags = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in sorted(st.get("flags", {}).items())) or "none"
    summary = (f"{st['records']} records, {st['officials']} officials, flags: {flags}. "
               f"Generated {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}.")
    page = template()
    for marker, value in (("%%TITLE%%", _e(title)), ("%%SUMMARY%%", _e(summary)), ("%%CHARTS%%", charts(register))):
        page = page.replace(marker, value)
    return page.replace("%%DATA%%", _json_for_script(report_data(register)))


def write_html(register: Register, path: str | os.PathLike[str], *, title: str = "Officials register") -> int:
    """Write the report (as ``PATH.part``, fsynced, then renamed); returns its size in bytes."""
    data = render_html(register, title=title).encode("utf-8")
    with write_aside(path, "wb") as fh:
        fh.write(data)
    return len(data)


# ------------------------------------------------------------------ officials in a text (extractor show)

def highlight_spans(record: dict[str, Any]) -> list[tuple[int, int, str]]:
    """(start, end, kind) of names ("name"), their titles ("title") and offices without a name
    ("office"), sorted, without overlaps (the earlier, then longer span wins)."""
    spans = [(m["start"], m["end"], "name") for p in record.get("people") or [] for m in p.get("mentions") or []]
    spans += [(p["title"]["start"], p["title"]["end"], "title") for p in record.get("people") or [] if p.get("title")]
    spans += [(r["start"], r["end"], "office") for r in record.get("roles_without_name") or []]
    out: list[tuple[int, int, str]] = []
    for s in sorted(spans, key=lambda x: (x[0], -x[1])):
        if not out or s[0] >= out[-1][1]:
            out.append(s)
    return out


def highlight(text: str, record: dict[str, Any], color: bool = False) -> str:
    """``text`` with the record's officials marked: ANSI colours (names bold yellow, titles cyan, offices
    without a name magenta), or ``[[name]]``, ``{{title}}``, ``<<office>>`` without colour."""
    parts, pos = [], 0
    for s, e, kind in highlight_spans(record):
        if e > len(text):
            continue
        a, b = (ANSI[kind], ANSI["end"]) if color else PLAIN[kind]
        parts += [text[pos:s], a, text[s:e], b]
        pos = e
    return "".join(parts + [text[pos:]])


def iter_lines(register: Register) -> Iterable[str]:
    """One plain-text line per official (for a terminal summary)."""
    for e in register.officials:
        office = e["offices"][-1]["office"] if e["offices"] else "-"
        yield f"{e['id']}  {e['name']}  ({office}; {e['n_docs']} docs, {len(e['flags'])} flags)"
