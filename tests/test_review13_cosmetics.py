"""Review of issue 13, finding 6: the 2-D view labels, its rounding, help() and the
report's advice."""

from __future__ import annotations

import json
import pydoc
import re
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

import smoteguard
from smoteguard import SMOTE, Pipeline
from smoteguard.cli import main
from smoteguard.datasets import make_imbalanced
from smoteguard.evaluation.embedding import sampler_embedding
from smoteguard.under_sampling import RandomUnderSampler

PACKAGE = Path(smoteguard.__file__).parent


def _pipe(sampler):
    return Pipeline([("s", sampler), ("m", LogisticRegression())])


def _three_classes():
    rng = np.random.default_rng(0)
    sizes = {0: 200, 1: 60, 2: 25}
    X = np.vstack([rng.normal(c * 2.0, 1.0, size=(n, 3)) for c, n in sizes.items()])
    y = np.repeat(list(sizes), list(sizes.values()))
    return X, y


def test_multiclass_view_draws_each_synthetic_row_against_its_own_class():
    X, y = _three_classes()
    view = sampler_embedding(_pipe(SMOTE(random_state=0)), X, y)
    # SMOTE grows classes 1 and 2: both are drawn as real "minority" rows, only
    # class 0 as the other classes
    assert view.counts["minority"] == 60 + 25
    assert view.counts["majority"] == 200
    assert "class(es) 1, 2 are drawn as minority" in view.note
    assert "class(es) 0 as other classes" in view.note


def test_binary_view_and_a_view_without_synthetic_rows_keep_the_smallest_class():
    X, y = make_imbalanced(n_samples=200, n_features=3, ratio=4.0, random_state=0)
    n_minority = int(np.bincount(y).min())
    view = sampler_embedding(_pipe(SMOTE(random_state=0)), X, y)
    assert view.counts["minority"] == n_minority and view.note == ""
    X3, y3 = _three_classes()
    under = sampler_embedding(_pipe(RandomUnderSampler(random_state=0)), X3, y3)
    assert under.counts["minority"] == 25


def test_explained_variance_is_rounded_like_every_other_float():
    X, y = make_imbalanced(n_samples=200, n_features=4, ratio=4.0, random_state=0)
    view = sampler_embedding(_pipe(SMOTE(random_state=0)), X, y)
    for value in view.to_dict()["explained_variance"]:
        assert value == round(value, 6)
        assert 0 < value < 1


def test_help_shows_no_source_comment_as_a_docstring():
    assert "# --" not in pydoc.render_doc(SMOTE, renderer=pydoc.plaintext)
    # the kind of fault: a section comment right above a def becomes its help text
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        hits = re.findall(r"\n[ \t]*# --[^\n]*\n[ \t]*(?:def|class|async def|@)", text)
        assert not hits, (path, hits)


def test_report_on_an_unknown_schema_gives_its_advice_once(tmp_path, capsys):
    path = tmp_path / "results.json"
    path.write_text(json.dumps({"schema": "smoteguard.comparison/99"}))
    assert main(["report", str(path), "-o", str(tmp_path / "r.html")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("smoteguard compare --out DIR") == 1, err
