"""``smoteguard audit`` run time against file size (issue 4 §5: linear).

Generates scripts of 2,500 to 20,000 lines made of realistic, varied experiment
blocks (loading, a helper that imputes and resamples, a split, scaling, a loop over
folds, metrics), audits each one in this process and prints a table. Time per line
should stay flat as the file grows; the last column is the time relative to a
straight line through the smallest size. Garbage left by the previous run is
collected before each timed run; the audit pauses Python's cyclic collector while
it works on a file, since its full collections scan every live object and made the
time grow faster than the file. The machine's load shows in these numbers: run it
on a quiet machine.

A second table audits a notebook of the shape that used to be slow to locate
(issue 16 §4: 366 cells, 3.9 MB, most of it cell outputs), and the same notebook
at half and double its size: locating each cell's source in the JSON file used to
copy the rest of the file for every cell, quadratic in the notebook's size.

Usage: ``python bench/bench_audit.py [--quick] [--keep DIR]``.
"""

from __future__ import annotations

import argparse
import ast
import base64
import gc
import json
import os
import tempfile
import time
from pathlib import Path

from smoteguard.audit.engine import Options, audit_file
from smoteguard.audit.sources import read_source

HEADER = """\
import numpy as np
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold, train_test_split
from sklearn.preprocessing import StandardScaler

"""

BLOCK = """\
# --- experiment {i} ---
df_{i} = pd.read_csv("data_{i}.csv")
X_{i} = df_{i}.drop(columns="target")
y_{i} = df_{i}["target"]


def prepare_{i}(frame, labels):
    frame = frame.fillna(frame.median())
    return SMOTE(random_state={i}).fit_resample(frame, labels)


X_{i}, y_{i} = prepare_{i}(X_{i}, y_{i})
X_tr_{i}, X_te_{i}, y_tr_{i}, y_te_{i} = train_test_split(
    X_{i}, y_{i}, stratify=y_{i}, random_state={i}
)
scaler_{i} = StandardScaler().fit(X_tr_{i})
model_{i} = LogisticRegression().fit(scaler_{i}.transform(X_tr_{i}), y_tr_{i})
scores_{i} = []
for fold, (tr, te) in enumerate(StratifiedKFold(5).split(X_tr_{i}, y_tr_{i})):
    if fold % 2:
        continue
    clf = RandomForestClassifier().fit(X_tr_{i}.iloc[tr], y_tr_{i}.iloc[tr])
    scores_{i}.append(f1_score(y_tr_{i}.iloc[te], clf.predict(X_tr_{i}.iloc[te])))
proba_{i} = model_{i}.predict_proba(scaler_{i}.transform(X_te_{i}))[:, 1]
print("experiment {i}", np.mean(scores_{i}), roc_auc_score(y_te_{i}, proba_{i}))

"""

SIZES = (2_500, 5_000, 10_000, 20_000)
QUICK_SIZES = (1_000, 2_000, 4_000)


def generate(n_lines: int) -> str:
    """A script of about ``n_lines`` lines (whole blocks)."""
    block_lines = BLOCK.count("\n")
    n_blocks = max(1, (n_lines - HEADER.count("\n")) // block_lines)
    return HEADER + "".join(BLOCK.format(i=i) for i in range(n_blocks))


NOTEBOOK_CELLS = 366
#: characters of base64 image output per code cell: 366 cells make 3.9 MB
OUTPUT_BYTES = 12_000


def generate_notebook(n_cells: int) -> str:
    """A notebook of ``n_cells`` cells (a markdown cell after every 4 code
    cells), written as Jupyter writes it (one source line per JSON line), with
    an image output under each code cell, as plotting notebooks have."""
    code_lines = BLOCK.splitlines(keepends=True)
    pixels = bytes(range(256)) * (OUTPUT_BYTES // 256 + 1)
    image = base64.b64encode(pixels[: OUTPUT_BYTES * 3 // 4]).decode()
    cells = [
        {
            "cell_type": "code",
            "metadata": {},
            "execution_count": 1,
            "outputs": [],
            "source": HEADER.splitlines(keepends=True),
        }
    ]
    for i in range(1, n_cells):
        if i % 5 == 0:
            cells.append(
                {
                    "cell_type": "markdown",
                    "metadata": {},
                    "source": [f"## Experiment {i}\n", "Notes."],
                }
            )
            continue
        source = "".join(code_lines).format(i=i).splitlines(keepends=True)
        output = {
            "output_type": "display_data",
            "metadata": {},
            "data": {"image/png": image, "text/plain": ["<Figure>"]},
        }
        cells.append(
            {
                "cell_type": "code",
                "metadata": {},
                "execution_count": i,
                "outputs": [output],
                "source": source,
            }
        )
    notebook = {
        "cells": cells,
        "metadata": {
            "kernelspec": {
                "language": "python",
                "name": "python3",
                "display_name": "Python 3",
            }
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(notebook, indent=1) + "\n"


def measure(path: Path, repeats: int) -> tuple[float, float, int]:
    """Best-of-``repeats`` seconds for the whole audit and for ``ast.parse``
    alone, and the number of findings."""
    options = Options(max_bytes=None)
    best = parse = float("inf")
    n_findings = 0
    text = path.read_text()
    for _ in range(repeats):
        gc.collect()  # the previous run's garbage is not this run's cost
        gc.disable()  # as the audit itself runs (engine._collector_paused)
        start = time.perf_counter()
        ast.parse(text)
        parse = min(parse, time.perf_counter() - start)
        gc.enable()
        gc.collect()
        start = time.perf_counter()
        result = audit_file(path, options)
        best = min(best, time.perf_counter() - start)
        n_findings = len(result.findings)
    return best, parse, n_findings


def measure_notebook(path: Path, repeats: int) -> tuple[float, float, int]:
    """Best-of-``repeats`` seconds for reading the notebook into a program
    (cells located in the JSON file) and for the whole audit; findings."""
    options = Options(max_bytes=None)
    read = best = float("inf")
    n_findings = 0
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        read_source(path)
        read = min(read, time.perf_counter() - start)
        gc.collect()
        start = time.perf_counter()
        n_findings = len(audit_file(path, options).findings)
        best = min(best, time.perf_counter() - start)
    return read, best, n_findings


def notebook_table(folder: Path, quick: bool, repeats: int) -> None:
    counts = (NOTEBOOK_CELLS // 2, NOTEBOOK_CELLS)
    if not quick:
        counts += (2 * NOTEBOOK_CELLS,)
    rows = []
    for n_cells in counts:
        path = folder / f"generated_{n_cells}_cells.ipynb"
        path.write_text(generate_notebook(n_cells))
        read, seconds, findings = measure_notebook(path, repeats)
        rows.append((n_cells, path.stat().st_size, findings, read, seconds))
    print(f"\nnotebooks, best of {repeats}; read = JSON + locating the cells\n")
    print("| cells | MB | findings | read s | audit s | audit vs linear |")
    print("|---:|---:|---:|---:|---:|---:|")
    base_size, base_seconds = rows[0][1], rows[0][4]
    for n_cells, size, findings, read, seconds in rows:
        linear = base_seconds * size / base_size
        print(
            f"| {n_cells} | {size / 1e6:.2f} | {findings:,} | {read:.3f} | "
            f"{seconds:.3f} | {seconds / linear:.2f}x |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes only")
    parser.add_argument("--keep", metavar="DIR", help="keep the generated scripts here")
    args = parser.parse_args()
    quick = args.quick or os.environ.get("SMOTEGUARD_BENCH_QUICK") == "1"
    sizes = QUICK_SIZES if quick else SIZES
    repeats = 3
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(args.keep or scratch)
        folder.mkdir(parents=True, exist_ok=True)
        rows = []
        for size in sizes:
            path = folder / f"generated_{size}.py"
            path.write_text(generate(size))
            lines = path.read_text().count("\n")
            seconds, parse, findings = measure(path, repeats)
            rows.append((lines, path.stat().st_size, findings, parse, seconds))
    base_lines, *_, base_seconds = rows[0]
    print(f"best of {repeats} runs per size; audit = read + parse + analysis\n")
    print("| lines | bytes | findings | ast.parse s | audit s | us/line | vs linear |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for lines, size, findings, parse, seconds in rows:
        linear = base_seconds * lines / base_lines
        print(
            f"| {lines:,} | {size:,} | {findings:,} | {parse:.3f} | {seconds:.3f} | "
            f"{1e6 * seconds / lines:.0f} | {seconds / linear:.2f}x |"
        )
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(args.keep or scratch)
        notebook_table(folder, quick, repeats)


if __name__ == "__main__":
    main()
