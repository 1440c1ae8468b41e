"""A fit that fails on a fold names its pipeline and fold (review of #15 on
bb32c36): from Python the exception keeps its type and gets a note, from the
command line it is one line, exit 2."""

import numpy as np
import pytest
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression

from smoteguard import compare
from smoteguard.cli import main
from smoteguard.evaluation.models import MODELS, ModelSpec
from smoteguard.evaluation.protocol import failed_fold


class OddRowsFail(ClassifierMixin, BaseEstimator):
    """Fails when its training fold has an odd number of rows."""

    def fit(self, X, y):
        if len(y) % 2:
            raise RuntimeError("odd number of rows")
        self.model_ = LogisticRegression().fit(X, y)
        self.classes_ = self.model_.classes_
        return self

    def predict_proba(self, X):
        return self.model_.predict_proba(X)

    def predict(self, X):
        return self.model_.predict(X)


@pytest.fixture
def models(monkeypatch):
    monkeypatch.setitem(
        MODELS, "odd", ModelSpec("odd", "odd", lambda seed, cw: OddRowsFail())
    )
    monkeypatch.setitem(
        MODELS,
        "bad_c",
        ModelSpec("bad_c", "bad", lambda s, cw: LogisticRegression(C=-1)),
    )


def _data(n=301):
    X, y = make_classification(n_samples=n, weights=[0.85], random_state=1)
    return X, y


def test_a_failing_fold_keeps_its_type_and_is_named(models):
    X, y = _data()
    with pytest.raises(RuntimeError, match="odd number of rows") as info:
        compare(X, y, models=["lr", "odd"], strategies=["none", "smote_1.0"], n_jobs=1)
    failed = failed_fold(info.value)
    assert failed is not None
    assert "+ odd failed on repeat 1, fold" in failed
    assert "training rows" in failed
    assert failed_fold(RuntimeError("other")) is None


def test_the_note_travels_from_worker_processes(models):
    X, y = _data()
    with pytest.raises(ValueError) as info:  # the library's own type is kept
        compare(X, y, models=["bad_c"], strategies=["none"], n_jobs=2, leaky=False)
    assert failed_fold(info.value).startswith("none + bad_c failed on repeat 1, fold")


def test_the_command_line_says_which_pipeline_and_fold_failed(models, tmp_path, capsys):
    X, y = _data()
    data = tmp_path / "data.csv"
    np.savetxt(
        data,
        np.c_[X, y],
        delimiter=",",
        header="a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r,s,t,y",
        comments="",
    )
    argv = ["compare", str(data), "--target", "y", "--models", "lr,odd"]
    code = main([*argv, "--strategies", "none", "--n-jobs", "1"])
    lines = capsys.readouterr().err.strip().splitlines()
    err = lines[-1]  # after the progress lines of the folds that ran
    assert code == 2 and err.startswith("smoteguard compare: error: ")
    assert not any("Traceback" in line for line in lines)
    assert "none + odd failed on repeat 1, fold" in err
    assert "RuntimeError: odd number of rows" in err
    assert "--models" in err
