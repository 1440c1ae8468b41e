"""Review 17c, items D, F, H, I: test labels encoded differently, --n-jobs checked
as in Python, counts worded right, notes (not evidence) on a clean table, and
clear handling of sparse, object, categorical, complex input and directories."""

import json
import re
import warnings

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from sklearn.model_selection import train_test_split

import smoteguard
from smoteguard import SMOTE
from smoteguard.cli import main


def _blobs(n=300, seed=0, n_classes=2):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, n_classes, n)
    X = rng.normal(size=(n, 4)) + y[:, None]
    return X, y


def _cli(tmp_path, capsys, frames, *args):
    paths = {}
    for name, frame in frames.items():
        paths[name] = tmp_path / f"{name}.csv"
        frame.to_csv(paths[name], index=False)
    argv = [str(paths.get(a, a)) for a in args]
    code = main(["inspect", *argv])
    return code, capsys.readouterr()


# ---- D: test labels that are not classes of the training labels --------------


def test_test_labels_encoded_differently_are_refused():
    X, y = _blobs()
    y_words = np.where(y[:60] == 1, "pos", "neg")
    with pytest.raises(ValueError, match=r"y_test shares no class with y: \['neg'"):
        smoteguard.inspect(X, y, X[:60] + 0.01, y_words)
    with pytest.raises(ValueError, match=r"not classes of y: \['7'\] in 1 row"):
        smoteguard.inspect(X, y, X[:60] + 0.01, np.r_[y[:59], 7])
    # the same classes as text agree with the ints (labels are pooled as text)
    smoteguard.inspect(X, y, X[:60] + 0.01, y[:60].astype(str))


def test_cli_test_labels_encoded_differently_exit_2(tmp_path, capsys):
    X, y = _blobs()
    train = pd.DataFrame(X, columns=list("abcd")).assign(label=y)
    test = train.iloc[:60].assign(label=np.where(y[:60] == 1, "pos", "neg"))
    code, out = _cli(
        tmp_path, capsys, {"tr": train, "te": test}, "tr", "--target", "label",
        "--test", "te",
    )  # fmt: skip
    assert code == 2
    err = out.err.strip()
    assert len(err.splitlines()) == 1, err
    assert "--test" in err and "['neg', 'pos']" in err and "encode" in err
    assert "Warning" not in err and out.out == ""


def _multiclass_split():
    rng = np.random.default_rng(3)
    y = rng.choice(3, 400, p=[0.7, 0.2, 0.1])
    X = rng.normal(size=(400, 4)) + y[:, None]
    X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)
    X_tr, X_te, y_tr, y_te = train_test_split(
        X_res, y_res, test_size=0.25, random_state=0
    )
    keep = y_te != 2  # a test set without one of the classes
    return X_tr, y_tr, X_te[keep], y_te[keep]


def test_no_raw_warning_from_the_rescore():
    # balanced accuracy on a test set lacking a class the model predicts: sklearn
    # warns "y_pred contains classes not in y_true"
    X_tr, y_tr, X_te, y_te = _multiclass_split()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = smoteguard.inspect(X_tr, y_tr, X_te, y_te)
    assert result.status == "contaminated"
    assert result.rescore["metric"] == "balanced accuracy"


# ---- F: --n-jobs accepts exactly what n_jobs accepts ---------------------------


@pytest.mark.parametrize("n_jobs", [0, -3, -1, 2])
def test_cli_n_jobs_checked_as_python(tmp_path, capsys, n_jobs):
    X, y = _blobs(n=120)
    try:
        smoteguard.inspect(X, y, n_jobs=n_jobs)
        python_ok = True
    except ValueError as exc:
        python_ok = False
        python_message = str(exc)
    frame = pd.DataFrame(X, columns=list("abcd")).assign(label=y)
    code, out = _cli(
        tmp_path, capsys, {"d": frame}, "d", "--target", "label", "--n-jobs",
        str(n_jobs),
    )  # fmt: skip
    assert (code != 2) == python_ok
    if not python_ok:
        err = out.err.strip()
        assert len(err.splitlines()) == 1 and "--n-jobs must be" in err
        # the same rule in both vocabularies
        rule = re.search(r"\(threads.*", python_message).group(0)
        assert rule in err


# ---- H: counts of 1 and 2; notes, not evidence, on a clean table --------------


def _with_copies(n_copies):
    X, y = _blobs(n=200, seed=5)
    rows = np.flatnonzero(y == 0)[:n_copies]
    return np.vstack([X, X[rows]]), np.r_[y, y[rows]]


def test_duplicate_counts_worded_in_singular_and_plural():
    one = smoteguard.inspect(*_with_copies(1)).verdict
    assert "1 row repeats an earlier row of its class" in one
    assert "1 row repeat " not in one and "they are" not in one
    two = smoteguard.inspect(*_with_copies(2)).verdict
    assert "2 rows repeat an earlier row of their class" in two


def test_contaminated_count_worded_in_singular_and_plural():
    X, y = _blobs(n=300, seed=1)
    copied = np.flatnonzero(y == 1)[:2]  # copies of training rows in the test set
    # copies alone in a table with no over-sampling: duplicates, worded as such
    phrases = {1: "is an exact copy of a training row", 2: "are exact copies of"}
    for n_bad, phrase in phrases.items():
        X_te = np.vstack([X[copied[:n_bad]], X[:40] + 7.0])
        y_te = np.r_[[1] * n_bad, y[:40]]
        verdict = smoteguard.inspect(X, y, X_te, y_te).verdict
        assert f"{n_bad} of the {40 + n_bad:,} test rows" in verdict
        assert phrase in verdict


def test_single_fraction_fingerprint_worded_in_singular():
    rng = np.random.default_rng(0)
    y = np.r_[np.zeros(200, int), np.ones(100, int)]
    X = np.column_stack([rng.normal(size=300), rng.integers(0, 80, 300)])
    X = X.astype(float)
    X[-1, 1] += 0.5
    result = smoteguard.inspect(X, y)
    text = result.fingerprints[0]["explanation"]
    assert "this row is not also flagged" in text and "1 rows" not in text


def test_clean_table_gets_notes_oversampled_gets_evidence():
    X, y = _blobs(n=300, seed=2)
    y = (y & (np.arange(300) % 2 == 0)).astype(int)  # imbalanced
    X = np.column_stack([X, np.random.default_rng(2).integers(0, 9, 300)])
    X[:4, -1] += 0.5  # a column note on a clean table
    clean = smoteguard.inspect(X, y)
    assert clean.status in ("clean", "duplicates")
    assert "Supporting evidence" not in clean.verdict
    assert "Notes (real data shows these too" in clean.verdict
    assert "Supporting evidence" not in clean._repr_html_()
    X_res, y_res = SMOTE(random_state=0).fit_resample(X[:, :4], y)
    smoted = smoteguard.inspect(X_res, y_res)  # 1:1 balance: evidence
    assert smoted.status == "oversampled"
    assert "Supporting evidence: class sizes" in smoted.verdict
    assert "Supporting evidence (never a verdict alone)" in smoted._repr_html_()


# ---- I: input types ---------------------------------------------------------


def test_sparse_input_is_made_dense():
    X, y = _blobs()
    X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)
    dense = smoteguard.inspect(X_res, y_res).to_frame()
    for kind in (sp.csr_matrix, sp.csc_array):
        pd.testing.assert_frame_equal(
            smoteguard.inspect(kind(X_res), y_res).to_frame(), dense
        )
    test = smoteguard.inspect(X, y, sp.csr_matrix(X[:30] + 5), y[:30])
    assert test.n_test == 30


def test_object_columns_of_numbers_are_converted_text_refused():
    X, y = _blobs()
    frame = pd.DataFrame(X, columns=list("abcd"))
    expected = smoteguard.inspect(frame, y).to_frame()
    as_objects = frame.astype(object)
    pd.testing.assert_frame_equal(
        smoteguard.inspect(as_objects, y).to_frame(), expected
    )
    assert as_objects.dtypes.eq(object).all()  # the caller's frame is untouched
    pd.testing.assert_frame_equal(
        smoteguard.inspect(X.astype(object), y).to_frame(), expected
    )
    with pytest.raises(TypeError, match=r"non-numeric columns \['s'\]"):
        smoteguard.inspect(frame.assign(s="word"), y)


def test_categorical_columns_read_as_their_codes():
    X, y = _blobs()
    rng = np.random.default_rng(0)
    codes = rng.integers(0, 4, len(y))
    frame = pd.DataFrame(X, columns=list("abcd"))
    as_codes = smoteguard.inspect(frame.assign(c=codes), y).to_frame()
    for values in (codes, np.array(list("wxyz"))[codes]):
        cat = frame.assign(c=pd.Categorical(values))
        pd.testing.assert_frame_equal(smoteguard.inspect(cat, y).to_frame(), as_codes)
    missing = pd.Categorical(np.where(codes == 0, None, codes))
    with pytest.raises(ValueError, match=r"missing or infinite values .*\['c'\]"):
        smoteguard.inspect(frame.assign(c=missing), y)


def test_complex_numbers_refused_as_complex():
    X, y = _blobs()
    for data in (X.astype(complex), pd.DataFrame(X).astype(complex)):
        with pytest.raises(TypeError, match="complex") as info:
            smoteguard.inspect(data, y)
        assert "text" not in str(info.value)


def test_cli_directory_as_data_or_test(tmp_path, capsys):
    X, y = _blobs(n=60)
    pd.DataFrame(X, columns=list("abcd")).assign(label=y).to_csv(
        tmp_path / "d.csv", index=False
    )
    cases = [
        ["inspect", str(tmp_path)],
        ["inspect", str(tmp_path / "d.csv"), "--test", str(tmp_path)],
        ["compare", str(tmp_path)],  # the same reader
    ]
    for args in cases:
        assert main([*args, "--target", "label"]) == 2
        err = capsys.readouterr().err.strip()
        assert "is a directory" in err and "no such file" not in err
        assert len(err.splitlines()) == 1


def test_categories_shared_by_train_and_test():
    # the test set lacks category "w": its own codes would mean other categories
    X, y = _blobs(n=200)
    rng = np.random.default_rng(1)
    frame = pd.DataFrame(X, columns=list("abcd"))
    frame["c"] = pd.Categorical(rng.choice(list("wxyz"), len(y)))
    test = frame.iloc[:30].copy()
    test = test[test["c"] != "w"]
    test["c"] = test["c"].astype(str).astype("category")
    result = smoteguard.inspect(frame, y, test, y[test.index])
    # every test row is a copy of its training row, category included
    assert result.contaminated_test_rows == list(range(len(test)))
    assert list(test["c"].cat.categories) == ["x", "y", "z"]  # the caller's frame


def test_cli_parquet_categorical_columns(tmp_path, capsys):
    pytest.importorskip("pyarrow")
    X, y = _blobs(n=200)
    rng = np.random.default_rng(1)
    frame = pd.DataFrame(X, columns=list("abcd")).assign(label=y)
    frame["c"] = pd.Categorical(rng.choice(list("wxyz"), len(y)))
    test = frame.iloc[:30]
    test = test[test["c"] != "w"].astype({"c": str}).astype({"c": "category"})
    frame.to_parquet(tmp_path / "tr.parquet")
    test.to_parquet(tmp_path / "te.parquet")
    args = [str(tmp_path / "tr.parquet"), "--target", "label", "--format", "json"]
    assert main(["inspect", *args, "--test", str(tmp_path / "te.parquet")]) == 1
    out = capsys.readouterr().out
    assert json.loads(out)["contaminated_test_rows"] == list(range(len(test)))


@pytest.mark.parametrize(
    "option",
    [
        {"block_rows": 0},
        {"block_rows": 1.5},
        {"block_rows": True},
        {"random_state": "a"},
        {"random_state": -1},
    ],
)
def test_search_options_refused_before_work(option):
    X, y = _blobs(n=100)
    (name,) = option
    with pytest.raises(ValueError, match=rf"^{name} must be"):
        smoteguard.inspect(X, y, **option)
