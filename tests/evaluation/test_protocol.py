import numpy as np
import pandas as pd
import pytest
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import LogisticRegression

from smoteguard import SMOTE, make_pipeline
from smoteguard.datasets import make_imbalanced
from smoteguard.evaluation import encode_target, evaluate
from smoteguard.evaluation.metrics import METRICS
from smoteguard.evaluation.warnings import EvaluationUserWarning


class RowCountingClassifier(ClassifierMixin, BaseEstimator):
    """Logistic regression that records how many rows it was fitted on."""

    fitted_rows: list = []  # noqa: RUF012 - shared on purpose, across clones

    def fit(self, X, y):
        RowCountingClassifier.fitted_rows.append(len(X))
        self.model_ = LogisticRegression().fit(X, y)
        self.classes_ = self.model_.classes_
        return self

    def predict(self, X):
        return self.model_.predict(X)

    def predict_proba(self, X):
        return self.model_.predict_proba(X)


@pytest.fixture(scope="module")
def data():
    return make_imbalanced(n_samples=400, n_features=5, ratio=4.0, random_state=1)


def test_evaluate_refits_on_training_folds_and_fills_out_of_fold_scores(data):
    X, y = data
    RowCountingClassifier.fitted_rows = []
    pipe = make_pipeline(SMOTE(random_state=0), RowCountingClassifier())
    result = evaluate(pipe, X, y, cv=4, n_repeats=2, random_state=3)
    assert len(result.folds) == 8
    assert set(METRICS) <= set(result.folds.columns)
    assert (result.folds["n_train"] + result.folds["n_test"] == len(y)).all()
    # SMOTE saw 3/4 of the rows: the classifier got the training majority twice.
    n_majority_train = int((result.y_true == 0).sum() * 3 / 4)
    assert all(
        abs(n - 2 * n_majority_train) <= 4 for n in RowCountingClassifier.fitted_rows
    )
    assert result.oof_scores.shape == (2, len(y))
    assert np.isfinite(result.oof_scores).all()
    assert result.confusion_matrix.sum() == 2 * len(y)
    summary = result.summary.loc["roc_auc"]
    assert summary["ci_low"] < summary["mean"] < summary["ci_high"]
    assert summary["mean"] > 0.65


def test_holdout_is_scored_once_and_kept_out_of_cv(data):
    X, y = data
    result = evaluate(LogisticRegression(), X, y, cv=3, n_repeats=1, holdout=0.25)
    assert len(result.y_true) == 300
    assert set(result.holdout) == set(METRICS)
    assert 0.5 < result.holdout["roc_auc"] <= 1.0


def test_parallel_folds_give_identical_results(data):
    X, y = data
    pipe = make_pipeline(SMOTE(random_state=0), LogisticRegression())
    one = evaluate(pipe, X, y, cv=3, n_repeats=2, n_jobs=1)
    two = evaluate(pipe, X, y, cv=3, n_repeats=2, n_jobs=2)
    pd.testing.assert_frame_equal(one.folds, two.folds)
    np.testing.assert_array_equal(one.oof_scores, two.oof_scores)


def test_warnings_small_folds_and_accuracy_near_majority():
    X, y = make_imbalanced(n_samples=200, n_features=4, ratio=9.0, random_state=0)
    with pytest.warns(EvaluationUserWarning) as shown:
        result = evaluate(
            DummyClassifier(strategy="prior"), X, y, cv=5, n_repeats=1, random_state=0
        )
    assert [str(w.message) for w in shown] == [w.message for w in result.warnings]
    codes = {w.code for w in result.warnings}
    assert codes == {"small_folds", "accuracy_near_majority"}
    small = next(w for w in result.warnings if w.code == "small_folds")
    # 20 positives: 4 per validation fold; 2 folds give 10 each. Python words.
    assert (
        "only 4 row(s) of class 1 (the positive class)" in small.message
        and "optimistic" in small.message
    )
    assert "cv=2" in small.message and "--" not in small.message


def test_warning_for_already_resampled_data(data):
    X, y = data
    X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)
    with pytest.warns(EvaluationUserWarning, match="resampled already"):
        result = evaluate(LogisticRegression(), X_res, y_res, cv=3, n_repeats=1)
    assert "resampled_test_set" in {w.code for w in result.warnings}


def test_encode_target_positive_label_and_errors():
    y = pd.Series([0, 0, 0, 1, 1, 0])
    target = encode_target(y)
    assert target.positive_label == 1
    np.testing.assert_array_equal(target.codes, [0, 0, 0, 1, 1, 0])
    flipped = encode_target(y, pos_label="0")  # labels typed on a command line
    assert flipped.positive_label == 0
    assert flipped.classes == [1, 0]
    with pytest.raises(ValueError, match="one class only"):
        encode_target([1, 1, 1])
    with pytest.raises(ValueError, match="Positive label 'yes' is not in the target"):
        encode_target(y, pos_label="yes")
    with pytest.raises(ValueError, match="missing label"):
        encode_target(pd.Series(["a", None, "b"]))


def test_too_many_folds_for_the_smallest_class():
    X = np.random.default_rng(0).normal(size=(30, 2))
    y = np.array([1] * 3 + [0] * 27)
    with pytest.raises(ValueError, match="cv=5 needs at least 5 rows of every class"):
        evaluate(LogisticRegression(), X, y, cv=5)
