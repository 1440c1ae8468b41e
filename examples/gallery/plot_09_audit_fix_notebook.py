"""
Fixing a leaky notebook with ``smoteguard audit --fix``
=======================================================

A small notebook, shipped with these examples as
``examples/gallery/data/leaky_notebook.ipynb``
(:download:`download it <../../examples/gallery/data/leaky_notebook.ipynb>`), does
what many published notebooks do: it balances the Pima diabetes data with SMOTE,
*then* holds out a test set, trains a random forest and reports its score. Here
``smoteguard audit`` finds the leak, ``--diff`` shows the repair, ``--fix`` writes it
into a copy, and both notebooks' code is run to compare the score the leaky one
reported with the honest one.
"""

# %%
# The notebook
# ------------
# The audit reads notebooks without running them; its line numbers count the cells
# of the notebook (markdown ones included) and the lines inside a cell.

import json
import shutil
import subprocess
import sys
import tempfile
from contextlib import redirect_stdout
from io import StringIO
from pathlib import Path

import matplotlib.pyplot as plt
from sklearn.metrics import average_precision_score, recall_score, roc_auc_score

# run from examples/gallery, as the documentation build does
SHIPPED = Path("data", "leaky_notebook.ipynb").resolve()


def code_cells(path):
    """(cell number as the audit counts it, source) of every code cell."""
    cells = json.loads(Path(path).read_text(encoding="utf-8"))["cells"]
    return [
        (number, "".join(cell["source"]))
        for number, cell in enumerate(cells, start=1)
        if cell["cell_type"] == "code"
    ]


for number, source in code_cells(SHIPPED):
    print(f"# --- cell {number}\n{source}\n")

# %%
# What the audit finds
# --------------------
# ``smoteguard audit`` runs here as a command, in a scratch folder holding the
# notebook as you would have it. Exit status 1 means findings.

work = Path(tempfile.mkdtemp(prefix="smoteguard-example-"))
leaky = work / "leaky_notebook.ipynb"
shutil.copyfile(SHIPPED, leaky)


def smoteguard(*args):
    """Run ``smoteguard ARGS`` in the scratch folder; print what it prints."""
    done = subprocess.run(
        [sys.executable, "-m", "smoteguard", *args],
        cwd=work,
        capture_output=True,
        text=True,
        check=False,
    )
    print(f"$ smoteguard {' '.join(args)}")
    print(done.stdout + done.stderr + f"(exit status {done.returncode})")
    return done.returncode


assert smoteguard("audit", leaky.name) == 1

# %%
# SG101 is the leak: SMOTE interpolates new diabetic patients from real ones, and
# the split then puts a synthetic patient in the test set and its parents in the
# training set. SG301 is the missing ``stratify=``. Both have safe automatic fixes;
# ``--diff`` prints them as a unified diff of the notebook's JSON and writes
# nothing.

assert smoteguard("audit", "--diff", leaky.name) == 1

# %%
# The fixed copy
# --------------
# ``--fix`` rewrites the file it is given, so it is given a copy: the notebook you
# had stays as it was. Only the source lines of the changed cell are rewritten
# (outputs, metadata and the other cells are left alone), and each fix is kept
# only if the notebook still parses and a fresh audit reports neither the finding
# nor a new one.

fixed = work / "fixed_notebook.ipynb"
shutil.copyfile(leaky, fixed)
assert smoteguard("audit", "--fix", fixed.name) == 0
assert leaky.read_bytes() == SHIPPED.read_bytes()  # the input is untouched
assert smoteguard("audit", fixed.name) == 0

for (number, before), (_, after) in zip(code_cells(leaky), code_cells(fixed)):
    if before != after:
        print(f"# --- cell {number}, before\n{before}\n# --- after\n{after}")

# %%
# The honest score
# ----------------
# Both notebooks' code cells are run in order, as "Run all" would. The leaky
# notebook scores its model on a test set that is half synthetic patients,
# interpolated between patients the model was trained on; the fixed one scores it
# on real patients it has never seen.


def run_notebook(path):
    """Run the code cells of a notebook; return its test labels and scores."""
    namespace: dict = {}
    printed = StringIO()
    with redirect_stdout(printed):
        for _, source in code_cells(path):
            exec(compile(source, str(path), "exec"), namespace)
    print(f"{path.name}:\n{printed.getvalue()}")
    return namespace["y_test"], namespace["risk"]


runs = {"leaky notebook": run_notebook(leaky), "fixed by --fix": run_notebook(fixed)}

# %%
# The leaky notebook reports a model far better than the one it trained. PR-AUC is
# not comparable between the two anyway: its chance level is the test set's
# positive share, about one half after balancing and one third on real patients
# (the black lines). ROC-AUC and recall do not depend on that share, and they drop
# too. One split is one draw of the test set; ``smoteguard compare`` and the
# example :ref:`sphx_glr_auto_examples_plot_03_leak_before_split.py` measure the
# inflation over repeated folds, with intervals.

metrics = {
    "ROC-AUC": lambda y, s: roc_auc_score(y, s),
    "PR-AUC": lambda y, s: average_precision_score(y, s),
    "recall at 0.5": lambda y, s: recall_score(y, s >= 0.5),
}
fig, ax = plt.subplots(figsize=(7, 3.5))
width = 0.38
for offset, (label, (y_test, risk)) in zip((-width / 2, width / 2), runs.items()):
    values = [metric(y_test, risk) for metric in metrics.values()]
    bars = ax.bar([i + offset for i in range(len(metrics))], values, width, label=label)
    ax.bar_label(bars, fmt="%.2f", padding=2)
    ax.hlines(y_test.mean(), 1 + offset - width / 2, 1 + offset + width / 2, "k")
ax.set_xticks(range(len(metrics)), list(metrics))
ax.set_ylim(0, 1.12)
ax.set_ylabel("score on the notebook's test set")
ax.set_title("Same data, same model: SMOTE before vs after the split")
ax.legend(loc="lower right")
fig.tight_layout()

shutil.rmtree(work)
