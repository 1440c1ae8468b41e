"""Compare two ``smoteguard compare`` outputs, ignoring the schema version and timings.

Usage::

    python tools/diff_results.py BEFORE/results.json AFTER/results.json

Prints every path whose value differs (``results[3].metrics.pr_auc.mean``) and exits
1 when there is one, 0 when the two records are identical apart from ``schema`` and
``timings``. The ``results.csv`` beside each file is compared too, byte for byte.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

IGNORED = ("schema", "timings")


def differences(a: Any, b: Any, path: str = "") -> list[str]:
    """Paths where ``a`` and ``b`` differ (types, keys, lengths or values)."""
    if isinstance(a, dict) and isinstance(b, dict):
        out = [f"{path}.{k}: only in one" for k in sorted(set(a) ^ set(b))]
        for key in sorted(set(a) & set(b)):
            out += differences(a[key], b[key], f"{path}.{key}")
        return out
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return [f"{path}: lengths {len(a)} != {len(b)}"]
        return [
            d
            for i, (x, y) in enumerate(zip(a, b))
            for d in differences(x, y, f"{path}[{i}]")
        ]
    if type(a) is not type(b) or a != b:
        return [f"{path}: {a!r} != {b!r}"]
    return []


def main(before: str, after: str) -> int:
    records = []
    for name in (before, after):
        record = json.loads(Path(name).read_text(encoding="utf-8"))
        records.append({k: v for k, v in record.items() if k not in IGNORED})
    found = differences(*records)
    csvs = [Path(name).with_name("results.csv") for name in (before, after)]
    if all(p.exists() for p in csvs) and csvs[0].read_bytes() != csvs[1].read_bytes():
        found.append("results.csv differs")
    for line in found[:50]:
        print(line)
    print(
        f"{len(found)} difference(s) apart from {', '.join(IGNORED)}"
        if found
        else f"identical apart from {', '.join(IGNORED)}"
    )
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
