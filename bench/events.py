"""Throughput and memory of event grouping on synthetic records (a script that prints; no test).

The generator writes records in the shape ``extractor run`` gives, for made-up events reported by one
to four outlets each: every outlet rewrites the event's release (its own sentence order, synonyms,
dropped and added sentences, another spelling of the official, sometimes no date or a date a day
off), over a few years and a few hundred regencies. Nothing in it is real text. For each size it
prints records per second of wall time and of CPU time (the generator's own time taken off both;
on a shared machine the CPU figure is the steadier one), events found, the peak memory
(``ru_maxrss`` of a fresh process per size, the benchmark's own truth and result maps included) and
the pairwise and B-cubed F1 against the generator's own events.

    python bench/events.py [--sizes 10000 100000 1000000] [--max-records 200000] [--seed 0]

Target (issue 18): 1M records in under an hour on one machine, memory bounded by --max-records.
Run the 1M size under nice, in the background.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing as mp
import random
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor.grouping import GroupSettings, group  # noqa: E402
from extractor.grouping.score import score  # noqa: E402

SYL = ("ka ri ma na su to wi ha di ja ya ra se lo ni gu ba de mu ti pra sa ko le han dra wan to yo "
       "har ti ni sur man ya ri fa zal ul hen dri").split()
NOUNS = ("bantuan warga desa rumah jembatan jalan posko pengungsi sembako beras paket bibit sapi alat "
         "sekolah puskesmas air bersih banjir longsor kebakaran pelatihan usaha modal irigasi sawah "
         "pasar balai gedung program anggaran dana").split()
VERBS = ("menyerahkan meresmikan meninjau membuka menyalurkan mengunjungi memberikan menghadiri "
         "memantau melepas").split()
SYN = {"menyerahkan": "memberikan", "meninjau": "mengunjungi", "warga": "masyarakat", "bantuan": "santunan",
       "membuka": "meresmikan", "rumah": "hunian", "desa": "kampung"}
OFFICES = ("Bupati", "Wakil Bupati", "Camat", "Kepala Dinas Sosial", "Kapolres", "Sekretaris Daerah")
TYPES = ("aid_distribution", "opening", "field_visit", "disaster_response", "meeting", "ceremony")
OUTLETS = ("pemkab.example", "prov.example", "antara.example", "lokal.example", "berita.example")


def _name(r: random.Random, parts: int = 2) -> str:
    return " ".join("".join(r.choice(SYL) for _ in range(r.randint(2, 3))).capitalize() for _ in range(parts))


def lexicon(r: random.Random, size: int = 6000) -> list[str]:
    """Made-up words; drawn with a Zipf-like weight so a few are everywhere and most are rare."""
    return list(dict.fromkeys("".join(r.choice(SYL) for _ in range(r.randint(2, 4))) for _ in range(size)))


class World:
    """Regencies with villages and officials, fixed by the seed."""

    def __init__(self, seed: int, regencies: int = 500) -> None:
        r = random.Random(seed)
        self.words = lexicon(r)
        self.weights = [1 / (i + 1) for i in range(len(self.words))]
        self.regencies = []
        for i in range(regencies):
            code = f"{11 + i % 24:02d}.{1 + i // 24:02d}"
            self.regencies.append({
                "code": code, "name": "Kabupaten " + _name(r, 1),
                "villages": [(f"{code}.{d:02d}.{2000 + v}", _name(r, 1)) for d in range(1, 4) for v in range(1, 6)],
                "officials": [(_name(r, r.choice((2, 3))), office) for office in OFFICES]})


def _sentence(r: random.Random, words: list[str]) -> str:
    return " ".join(r.choice(words) for _ in range(r.randint(8, 16))).capitalize() + "."


def _event(r: random.Random, world: World, day0: int, days: int) -> dict:
    reg = r.choice(world.regencies)
    village = r.choice(reg["villages"])
    official = r.choice(reg["officials"][:3])
    detail = [f"{r.randint(2, 900)}"] + r.sample(NOUNS, 4) + r.choices(world.words, world.weights, k=30) \
        + [village[1], reg["name"].split()[-1]]
    return {"reg": reg, "village": village, "official": official, "date": day0 + r.randrange(days),
            "type": r.choice(TYPES), "verb": r.choice(VERBS),
            "sentences": [_sentence(r, detail + r.choices(world.words, world.weights, k=8)) for _ in range(8)],
            "filler": r.choices(world.words, world.weights, k=60)}


def _rewrite(r: random.Random, ev: dict, doc_id: str, outlet: str) -> dict:
    sentences = [s for s in ev["sentences"] if r.random() > 0.3]
    r.shuffle(sentences)
    sentences += [_sentence(r, ev["filler"]) for _ in range(r.randint(0, 3))]
    text = " ".join(" ".join(SYN.get(w, w) if r.random() < 0.3 else w for w in s.split()) for s in sentences)
    name, office = ev["official"]
    written = name if r.random() > 0.2 else name.replace("a", "aa", 1)
    date = None if r.random() < 0.15 else ev["date"] + (1 if r.random() < 0.05 else 0)
    reg, village = ev["reg"], ev["village"]
    headline = f"{office} {ev['verb']} {' '.join(r.sample(NOUNS, 3))} di {village[1]}"
    return {
        "doc_id": doc_id, "source": {"path": None, "url": f"https://{outlet}/{doc_id}", "sha256": "", "format": "txt"},
        "headline": {"text": headline, "start": 0, "end": len(headline)}, "dateline": None, "byline": [],
        "published_date": dt.date.fromordinal(ev["date"] + r.randint(0, 2)).isoformat(),
        "event": {"type": ev["type"], "types": [ev["type"]],
                  "date": dt.date.fromordinal(date).isoformat() if date else None, "date_text": "Senin",
                  "date_start": 10, "date_end": 15, "venue": None,
                  "region": {"code": r.choice((reg["code"], village[0])), "name": reg["name"], "level": 2}},
        "people": [{"name": written, "name_as_written": written, "title": {
            "text": f"{office} {reg['name'].split()[-1]}", "start": 20, "end": 40, "office": office},
            "mentions": [{"start": 40, "end": 40 + len(written), "text": written}]}],
        "places": [{"text": village[1], "name": village[1], "kind": "village", "mentions": []}],
        "regions": [{"code": reg["code"], "name": reg["name"], "level": 2, "type": "kabupaten", "path": ""},
                    {"code": village[0], "name": village[1], "level": 4, "type": "desa", "path": ""}],
        "organizations": [], "dates": [], "welfare": {"categories": [], "terms": []},
        "quotes": [{"text": text, "start": 100, "end": 100 + len(text)}], "warnings": [],
        "versions": {"pipeline": "synthetic"}, "schema_version": 1}


def records(n: int, seed: int) -> Iterator[tuple[dict, str]]:
    """(record, true event) pairs, n of them, in publication order of made-up events."""
    r = random.Random(seed)
    world = World(seed)
    day0 = dt.date(2022, 1, 1).toordinal()
    days = max(30, n // 1000)  # about a thousand records a day at most
    made, k = 0, 0
    while made < n:
        ev = _event(r, world, day0, days)
        for outlet in r.sample(OUTLETS, min(n - made, r.choice((1, 1, 2, 2, 3, 4)))):
            yield _rewrite(r, ev, f"r{made}", outlet), f"ev{k}"
            made += 1
        k += 1


def _measure(n: int, seed: int, max_records: int, out: mp.Queue) -> None:
    truth: dict[str, str] = {}
    generate = cpu_generate = 0.0

    def stream() -> Iterator[dict]:
        nonlocal generate, cpu_generate
        made = records(n, seed)
        while True:
            t, c = time.perf_counter(), time.process_time()
            pair = next(made, None)
            generate += time.perf_counter() - t  # the generator's own time, taken off the grouping's
            cpu_generate += time.process_time() - c
            if pair is None:
                return
            truth[pair[0]["doc_id"]] = pair[1]
            yield pair[0]

    settings = GroupSettings(use_source_path=False, max_records=max_records)
    start, cpu_start = time.perf_counter(), time.process_time()
    predicted = {m["doc_id"]: ev["event_id"] for ev in group(stream(), settings) for m in ev["members"]}
    seconds = max(1e-3, time.perf_counter() - start - generate)
    cpu = max(1e-3, time.process_time() - cpu_start - cpu_generate)
    s = score(predicted, truth)
    out.put({"records": n, "seconds": round(seconds, 1), "records_per_s": round(n / seconds),
             "cpu_seconds": round(cpu, 1), "records_per_cpu_s": round(n / cpu),
             "events": len(set(predicted.values())), "true_events": len(set(truth.values())),
             "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
             "pairwise_f1": s.pairwise["f1"], "bcubed_f1": s.bcubed["f1"]})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--max-records", type=int, default=GroupSettings().max_records)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    print(f"{'records':>9} {'seconds':>8} {'rec/s':>7} {'CPU s':>8} {'rec/CPU s':>9} {'events':>8} {'true':>8} "
          f"{'peak MB':>8} {'pair F1':>8} {'B3 F1':>6}")
    ctx = mp.get_context("spawn")  # a fresh process per size: its peak memory is its own
    for n in args.sizes:
        q = ctx.Queue()
        p = ctx.Process(target=_measure, args=(n, args.seed, args.max_records, q))
        p.start()
        row = q.get()
        p.join()
        print(f"{row['records']:>9} {row['seconds']:>8} {row['records_per_s']:>7} {row['cpu_seconds']:>8} "
              f"{row['records_per_cpu_s']:>9} {row['events']:>8} "
              f"{row['true_events']:>8} {row['peak_mb']:>8} {row['pairwise_f1']:>8} {row['bcubed_f1']:>6}",
              flush=True)
        print(json.dumps(row), file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
