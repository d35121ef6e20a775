"""Quality floors: the evaluation figures a change may not fall below, pinned per gold set.

The baseline file maps a gold-set name to ``{"gold_sha256": ..., "floors": {figure: value}}``. A
floor is a figure rounded down to two decimals when it was set. ``check`` lists every figure below
its floor, and a changed gold set (its hash) is a failure too, so floors are never compared with
figures from other documents. ``update`` raises floors; lowering one needs ``allow_lower=True`` and
is reported, never silent.
"""
from __future__ import annotations

import json
import math
import os
from typing import Any


def read(path: str) -> dict[str, Any]:
    if not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def check(baseline: dict[str, Any], name: str, gold_sha256: str, figures: dict[str, float]) -> list[str]:
    entry = baseline.get(name)
    if entry is None:
        return [f"no floors pinned for gold set {name!r}"]
    problems = []
    if entry.get("gold_sha256") != gold_sha256:
        problems.append(f"gold set {name!r} changed (sha256 {gold_sha256[:12]} != pinned "
                        f"{str(entry.get('gold_sha256'))[:12]}): re-pin its floors deliberately")
    for key, floor in entry.get("floors", {}).items():
        value = figures.get(key)
        if value is None:
            problems.append(f"{name}: figure {key!r} is no longer computed")
        elif value + 1e-9 < floor:
            problems.append(f"{name}: {key} = {value:.4f} fell below its floor {floor:.2f}")
    return problems


def update(path: str, name: str, gold_sha256: str, figures: dict[str, float],
           allow_lower: bool = False) -> list[str]:
    """Pin floors at the current figures (rounded down); returns the changes made."""
    baseline = read(path)
    entry = baseline.get(name, {"floors": {}})
    old = entry.get("floors", {})
    changes, floors = [], {}
    same_gold = entry.get("gold_sha256") == gold_sha256
    for key, value in sorted(figures.items()):
        new = math.floor(value * 100 + 1e-9) / 100
        prev = old.get(key)
        if prev is not None and new < prev and same_gold and not allow_lower:
            floors[key] = prev
            changes.append(f"{name}: {key} kept at {prev:.2f} (now {value:.4f}; lowering needs --allow-lower)")
            continue
        floors[key] = new
        if prev != new:
            changes.append(f"{name}: {key} {'new' if prev is None else f'{prev:.2f} ->'} {new:.2f}")
    baseline[name] = {"gold_sha256": gold_sha256, "floors": floors}
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(baseline, fh, indent=1, sort_keys=True)
        fh.write("\n")
    os.replace(tmp, path)
    return changes
