"""Review of inspect on 250e98d: a class of one row, a measurement named as the
target, test labels written as floats, and a verdict that repeated one kind of
column finding once per column."""

import json
import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn.model_selection import train_test_split

import smoteguard
from smoteguard import SMOTE
from smoteguard.cli import main
from smoteguard.inspection._copies import _occupancy
from smoteguard.inspection._validation import label_text


def _table(n=400, seed=0):
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < 0.25).astype(int)
    X = pd.DataFrame(rng.normal(size=(n, 3)) + y[:, None], columns=["a", "b", "c"])
    return X, pd.Series(y, name="label")


# ---- a class of a single row -------------------------------------------------


@pytest.mark.parametrize(("n", "m"), [(1, 0), (1, 3), (2, 0), (2, 4), (3, 5), (40, 25)])
def test_occupancy_matches_a_simulation_for_every_class_size(n, m):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        mean, sd = _occupancy(np.array([n]), np.array([m]))
    rng = np.random.default_rng(0)
    hits = [len(np.unique(rng.integers(0, n, m))) for _ in range(20_000)]
    assert mean[0] == pytest.approx(np.mean(hits), abs=0.03)
    assert sd[0] == pytest.approx(np.std(hits), abs=0.03)


def test_a_class_of_one_row_raises_no_numpy_warning():
    X, y = _table()
    y = y.copy()
    y.iloc[:2] = [7, 8]  # two classes of one row each
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = smoteguard.inspect(X, y, X.iloc[300:], y.iloc[300:])
        result.summary()
        result.to_frame()
    assert result.status == "contaminated"  # the test rows are training rows


# ---- a measurement named as the target ---------------------------------------


def test_a_continuous_target_is_refused_in_python():
    X, _ = _table()
    rng = np.random.default_rng(1)
    with pytest.raises(ValueError, match=r"y holds 400 distinct numbers .*not class"):
        smoteguard.inspect(X, pd.Series(rng.normal(size=len(X))))
    # whole numbers stored as floats are classes
    assert smoteguard.inspect(X, _table()[1].astype(float)).status == "clean"


def test_a_continuous_target_is_refused_by_the_cli(tmp_path, capsys):
    X, y = _table()
    Xs, ys = SMOTE(random_state=0).fit_resample(X, y)
    Xs.assign(label=ys).to_csv(tmp_path / "data.csv", index=False)
    # a feature interpolated by SMOTE named as the target by mistake
    assert main(["inspect", str(tmp_path / "data.csv"), "--target", "a"]) == 2
    err = capsys.readouterr().err
    assert "the --target column of DATA holds" in err
    assert "pass the class column as --target" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


# ---- the same class written as 1 and as 1.0 -----------------------------------


def test_label_text_gives_one_key_per_number():
    assert list(label_text(np.array([1, 0]))) == ["1", "0"]
    assert list(label_text(np.array([1.0, 0.0, 2.5]))) == ["1", "0", "2.5"]
    mixed = np.array([1, 1.0, np.int32(1), "1", "pos", True, 2.5], dtype=object)
    assert list(label_text(mixed)) == ["1", "1", "1", "1", "pos", "True", "2.5"]


def test_float_test_labels_are_the_classes_of_int_training_labels(tmp_path, capsys):
    X, y = _table(600)
    Xs, ys = SMOTE(random_state=0).fit_resample(X, y)
    Xa, Xb, ya, yb = train_test_split(Xs, ys, random_state=0, stratify=ys)
    as_int = smoteguard.inspect(Xa, ya, Xb, yb)
    as_float = smoteguard.inspect(Xa, ya, Xb, yb.astype(float))
    assert as_int.contaminated_test_rows == as_float.contaminated_test_rows
    assert as_int.contaminated_test_rows  # SMOTE then split: contaminated
    assert as_float.to_dict()["rescore"] == as_int.to_dict()["rescore"]
    assert as_float.to_dict()["rescore"]["positive"] == 1  # an int, as passed
    # the command line: pandas writes a float column as 1.0 / 0.0
    Xa.assign(label=ya).to_csv(tmp_path / "train.csv", index=False)
    Xb.assign(label=yb.astype(float)).to_csv(tmp_path / "test.csv", index=False)
    args = ["inspect", str(tmp_path / "train.csv"), "--target", "label"]
    code = main([*args, "--test", str(tmp_path / "test.csv"), "--format", "json"])
    assert code == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["contaminated_test_rows"] == as_int.contaminated_test_rows


# ---- one clause per kind of column finding when many columns share it --------


def test_many_integer_columns_are_summarised_in_one_clause():
    rng = np.random.default_rng(0)
    n = 600
    y = pd.Series((rng.random(n) < 0.2).astype(int))
    X = pd.DataFrame({f"count{j}": rng.integers(0, 50, n) for j in range(5)})
    X["x"] = rng.normal(size=n) + y
    Xs, ys = SMOTE(random_state=0).fit_resample(X, y)
    result = smoteguard.inspect(Xs, ys)
    kinds = [f["kind"] for f in result.fingerprints]
    assert kinds.count("fractional_in_integer_column") == 5  # every column kept
    verdict = result.verdict
    assert "5 columns that otherwise hold integers" in verdict
    assert verdict.count("holds integers") == 0  # no per-column clause
    for j in range(5):
        assert verdict.count(f"'count{j}'") == 1
    assert len(result.to_dict()["fingerprints"]) == len(result.fingerprints)


def test_two_integer_columns_are_still_explained_one_by_one():
    rng = np.random.default_rng(0)
    n = 600
    y = pd.Series((rng.random(n) < 0.2).astype(int))
    X = pd.DataFrame({"age": rng.integers(18, 90, n), "kids": rng.integers(0, 6, n)})
    X["x"] = rng.normal(size=n) + y
    Xs, ys = SMOTE(random_state=0).fit_resample(X, y)
    verdict = smoteguard.inspect(Xs, ys).verdict
    assert "column 'age' holds integers" in verdict
    assert "column 'kids' holds integers" in verdict


# ---- copies across a clean split are not blamed on resampling -----------------


def test_real_duplicates_across_a_clean_split_are_not_called_resampling():
    rng = np.random.default_rng(0)
    X, y = _table(300)
    # a few real duplicate rows, as measured data has them (haberman, glass0)
    twins = rng.choice(len(X), 12, replace=False)
    X = pd.concat([X, X.iloc[twins]], ignore_index=True)
    y = pd.concat([y, y.iloc[twins]], ignore_index=True)
    Xa, Xb, ya, yb = train_test_split(X, y, test_size=0.25, random_state=3)
    result = smoteguard.inspect(Xa, ya, Xb, yb)
    assert result.contaminated_test_rows  # duplicates of training rows
    assert "resampled before it was split" not in result.verdict
    assert "exact cop" in result.verdict and "duplicates in the data" in result.verdict
    # SMOTE then split: still called what it is
    Xs, ys = SMOTE(random_state=0).fit_resample(*_table(600))
    Xa, Xb, ya, yb = train_test_split(Xs, ys, random_state=0, stratify=ys)
    assert "resampled before it was split" in smoteguard.inspect(Xa, ya, Xb, yb).verdict
