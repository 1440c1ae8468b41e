"""Second outside review of ``smoteguard inspect`` (issue 17): real rows on lines
and evenly spaced are structure, integer tables do not depend on an offset, the
verdict and every output agree on the suspected rows, messages fit the caller,
class labels keep their type."""

import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import smoteguard
from smoteguard import SMOTE, RandomOverSampler
from smoteguard.inspection.html import render_section

# ---- 1. rows on one line, evenly spaced rows -----------------------------------


def _with_other_class(rows: np.ndarray, seed: int = 0, n: int = 200):
    rng = np.random.default_rng(seed)
    other = rng.normal(size=(n, rows.shape[1]))
    return np.vstack([other, rows]), np.r_[np.zeros(n, int), np.ones(len(rows), int)]


def _short_ramps(rng, n_ramps=20, points=5, d=4):
    return [
        a + np.arange(points)[:, None] * step
        for a, step in zip(rng.normal(size=(n_ramps, d)), rng.normal(size=(n_ramps, d)))
    ]


def _printed(X: np.ndarray) -> np.ndarray:
    """X as a CSV written with 6 significant digits reads it back."""
    return np.vectorize(lambda v: float(f"{v:.6g}"))(X)


def _tables():
    rng = np.random.default_rng(1)
    t = np.arange(30.0)
    spaced = np.linspace(0, 1, 30)
    grid = np.array([[i, j] for i in range(8) for j in range(8)], float)
    return {
        "ramp x = t v": t[:, None] * np.array([1.3, -0.7, 2.1]),
        "linspace ramp": np.c_[spaced * 3.7 + 1, spaced * -2.2 + 5, spaced * 0.9],
        "unevenly spaced line": rng.random(30)[:, None] * [1.3, -0.7, 2.1] + 1,
        "short ramps": np.vstack(_short_ramps(rng)),
        "three-point ramps": np.vstack(_short_ramps(rng, 30, 3)),
        "short ramps, 6 digits": _printed(np.vstack(_short_ramps(rng))),
        "2-D grid": grid @ rng.normal(size=(2, 4)),
    }


@pytest.mark.parametrize("name", list(_tables()))
def test_real_rows_on_lines_or_evenly_spaced_are_not_oversampling(name):
    X, y = _with_other_class(_tables()[name])
    result = smoteguard.inspect(X, y)
    assert result.status == "clean", result.verdict
    assert result.suspected_synthetic == []
    frame = result.to_frame()
    assert set(frame["kind"]) <= {"collinear"}
    assert not frame["suspected"].any()


def test_single_line_class_is_clean_from_the_command_line(tmp_path):
    X, y = _with_other_class(np.arange(30.0)[:, None] * np.array([1.3, -0.7, 2.1]))
    path = tmp_path / "ramp.csv"
    pd.DataFrame(X, columns=list("abc")).assign(label=y).to_csv(path, index=False)
    done = subprocess.run(
        [sys.executable, "-m", "smoteguard", "inspect", str(path), "--target",
         "label", "--format", "json"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["status"] == "clean"


def test_smote_children_between_rows_of_short_ramps_are_still_found():
    """Review point 6: the ramp's rows are structure, a child breaking the even
    spacing stays flagged."""
    rng = np.random.default_rng(3)
    ramps = _short_ramps(rng)
    children = [r[1] + rng.uniform(0.05, 0.95) * (r[2] - r[1]) for r in ramps]
    X, y = _with_other_class(np.vstack([*ramps, np.array(children)]))
    result = smoteguard.inspect(X, y)
    n_real = len(X) - len(children)
    assert set(result.suspected_synthetic) == set(range(n_real, len(X)))
    assert result.class_table().loc[1, "collinear"] == 20 * 3


# ---- 2. integer tables: no dependence on an offset ------------------------------


def _integer_table(seed: int, smote: bool):
    rng = np.random.default_rng(seed)
    X = np.column_stack(
        [rng.poisson(40, 400), rng.integers(-300, 300, 400), rng.geometric(0.01, 400)]
    ).astype(np.int64)
    X = np.column_stack([X, rng.integers(0, 5000, 400)])
    y = (rng.random(400) < 0.2).astype(int)
    if smote:
        imblearn = pytest.importorskip("imblearn.over_sampling")
        X, y = imblearn.SMOTE(random_state=seed).fit_resample(X, y)
    return X, y


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 3),
    smote=st.booleans(),
    offset=st.integers(-(10**12), 10**12),
    frame=st.booleans(),
)
def test_integer_tables_do_not_depend_on_an_offset(seed, smote, offset, frame):
    X, y = _integer_table(seed, smote)
    shifted = X + offset
    if frame:
        X, shifted = pd.DataFrame(X), pd.DataFrame(shifted)
    expected = smoteguard.inspect(X, y).to_frame()
    got = smoteguard.inspect(shifted, y).to_frame()
    assert got[["row", "kind", "parent_a", "parent_b", "suspected"]].equals(
        expected[["row", "kind", "parent_a", "parent_b", "suspected"]]
    )
    np.testing.assert_allclose(got["lam"], expected["lam"], rtol=1e-9)


def test_integer_offset_of_the_review():
    """All-int64 Pima-like table, SMOTE'd by imbalanced-learn: +1e6 changed the
    flags (1 -> 7 rows) before the integer columns were shifted to start at 0."""
    X, y = _integer_table(0, smote=True)
    base = smoteguard.inspect(X, y)
    for offset in (10**6, -(10**6), 10**12):
        assert smoteguard.inspect(X + offset, y).suspected_synthetic == (
            base.suspected_synthetic
        )


# ---- 3. verdict, exit code and every output agree --------------------------------


def _coincidences(seed=0):
    """A clean table with two exact interpolations in a class of 1,000 rows: too
    few to call over-sampling."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(1300, 4))
    y = np.r_[np.zeros(1000, int), np.ones(300, int)]
    X[11] = X[10] + 0.3 * rng.normal(size=4)  # near parents, as SMOTE's are
    X[21] = X[20] + 0.3 * rng.normal(size=4)
    X[5] = X[10] + 0.37 * (X[11] - X[10])
    X[6] = X[20] + 0.61 * (X[21] - X[20])
    return X, y


def _consistency_cases():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(400, 5))
    y = (rng.random(400) < 0.15).astype(int)
    Xs, ys = SMOTE(random_state=0).fit_resample(X, y)
    Xr, yr = RandomOverSampler(random_state=0).fit_resample(X, y)
    Xi = np.round(X * 20).astype(np.int64)
    cases = {
        "clean": (X, y, None, None),
        "smote": (Xs, ys, None, None),
        "ros": (Xr, yr, None, None),
        "int clean": (Xi, y, None, None),
        "coincidences": (*_coincidences(), None, None),
        "smote then split": (Xs[:450], ys[:450], Xs[450:], ys[450:]),
        "clean split": (X[:300], y[:300], X[300:], y[300:]),
    }
    try:
        imblearn = pytest.importorskip("imblearn.over_sampling")
        Xis, yis = imblearn.SMOTE(random_state=0).fit_resample(Xi, y)
        cases["int smote"] = (Xis, yis, None, None)
        cases["int smote then split"] = (Xis[:450], yis[:450], Xis[450:], yis[450:])
    except pytest.skip.Exception:
        pass
    return cases


@pytest.mark.parametrize("case", list(_consistency_cases()))
def test_verdict_exit_code_and_outputs_agree(case):
    X, y, X_test, y_test = _consistency_cases()[case]
    result = smoteguard.inspect(X, y, X_test, y_test)
    suspected = result.suspected_synthetic
    frame = result.to_frame()
    document = json.loads(result.to_json())
    exit_one = result.status in ("oversampled", "contaminated")
    # the rows the verdict counts, everywhere the same
    in_frame = frame.loc[frame["suspected"] & (frame["set"] == "train"), "row"]
    assert sorted(in_frame) == suspected
    assert document["suspected_synthetic"] == suspected
    assert [r["row"] for r in document["flagged"] if r["suspected"] and
            r["set"] == "train"] == suspected  # fmt: skip
    test_rows = frame.loc[frame["suspected"] & (frame["set"] == "test"), "row"]
    assert sorted(test_rows) == (result.contaminated_test_rows or [])
    assert np.flatnonzero(result.flagged_mask()[: len(y)]).tolist() == suspected
    # status, verdict, share and exit code
    table = result.class_table()
    assert round((table["synthetic_share"] * table["rows"]).sum()) == len(suspected)
    if result.status in ("clean", "duplicates"):
        assert suspected == [] and not exit_one
        assert "No sign of SMOTE-family interpolation" in result.verdict
    if result.status == "oversampled":
        assert suspected and "over-sampling" in result.verdict
    if suspected:
        assert exit_one
    assert (result.status == "contaminated") == bool(result.contaminated_test_rows)
    assert result.verdict in result.summary()
    assert document["status"] == result.status
    assert document["verdict"] == result.verdict
    html = render_section(result)
    assert f'<div class="pick">{result.status}</div>' in html
    assert html.count("<td>yes</td>") == min(int(frame["suspected"].sum()), 200)
    # every flagged row is accounted for in the verdict
    made = frame["kind"].isin(["interpolated", "extrapolated"]) & ~frame["suspected"]
    if made[frame["set"] == "train"].any():
        assert "of real data, not counted as synthetic" in result.verdict


def test_a_few_coincidences_are_named_not_suspected():
    result = smoteguard.inspect(*_coincidences())
    assert result.status == "clean"
    assert result.suspected_synthetic == []
    frame = result.to_frame()
    assert set(frame.loc[frame["kind"] == "interpolated", "row"]) == {5, 6}
    assert not frame["suspected"].any()
    assert "Class 0: 2 rows of 1,000 lie on a segment" in result.verdict


def test_cli_exit_code_follows_the_suspected_rows(tmp_path):
    X, y = _coincidences()
    path = tmp_path / "data.csv"
    pd.DataFrame(X, columns=list("abcd")).assign(label=y).to_csv(
        path, index=False, float_format="%.17g"
    )
    done = subprocess.run(
        [sys.executable, "-m", "smoteguard", "inspect", str(path), "--target",
         "label", "--format", "json"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    document = json.loads(done.stdout)
    assert done.returncode == 0 and document["suspected_synthetic"] == []
    assert document["status"] == "clean"


# ---- 4. messages fit the caller --------------------------------------------------


def test_nan_advice_fits_the_input_type():
    X = np.c_[np.arange(20.0), np.r_[np.nan, np.ones(19)]]
    y = np.r_[[0, 1] * 10]
    with pytest.raises(ValueError) as info:
        smoteguard.inspect(X, y)
    assert "dropna" not in str(info.value) and "np.isfinite(X)" in str(info.value)
    with pytest.raises(ValueError) as info:
        smoteguard.inspect(pd.DataFrame(X, columns=["a", "b"]), y)
    assert "X.notna().all(axis=1)" in str(info.value)
    assert "in 1 row (columns ['b'])" in str(info.value)


def test_test_set_advice_names_the_test_set():
    X = np.c_[np.arange(20.0), np.ones(20)]
    y = np.r_[[0, 1] * 10]
    X_test = X.copy()
    X_test[3, 0] = np.inf
    with pytest.raises(ValueError, match=r"X_test, y_test = X_test\[keep\], y_test"):
        smoteguard.inspect(X, y, X_test, y)
    with pytest.raises(ValueError, match="drop those rows from X_test and y_test"):
        smoteguard.inspect(X, y, X, np.r_[[0, 1] * 9, None, 1])


def test_a_column_name_as_y_says_what_to_pass():
    X = pd.DataFrame({"a": np.arange(20.0), "label": [0, 1] * 10})
    with pytest.raises(TypeError, match=r"y=X\['label'\], with X\.drop\(columns="):
        smoteguard.inspect(X, "label")
    with pytest.raises(TypeError, match="y is the string 'nope'; pass the class"):
        smoteguard.inspect(X, "nope")
    text = X.assign(label=list("ab") * 10)  # a text label column: still this message
    with pytest.raises(TypeError, match=r"y=X\['label'\]"):
        smoteguard.inspect(text, "label")


@pytest.mark.parametrize("path", ["file.csv", b"file.csv"])
def test_a_path_as_x_says_to_read_it(path, tmp_path):
    with pytest.raises(TypeError, match=r"X is a path .*pd\.read_csv.*smoteguard "):
        smoteguard.inspect(path, [0, 1])
    with pytest.raises(TypeError, match="X is a path"):
        smoteguard.inspect(tmp_path / "file.csv", [0, 1])


@pytest.mark.parametrize(
    "test_columns, expected, absent",
    [
        (["a", "b", "c", "d"], "extra ['d']", "missing"),
        (["a", "b"], "missing ['c']", "extra"),
        (["a", "b", "d"], "missing ['c']; extra ['d']", None),
        (["a", "a", "b"], "missing ['c']", "extra"),
    ],
)
def test_column_differences_never_print_an_empty_list(test_columns, expected, absent):
    X = pd.DataFrame(np.random.default_rng(0).normal(size=(20, 3)), columns=list("abc"))
    y = np.r_[[0, 1] * 10]
    X_test = pd.DataFrame(np.ones((4, len(test_columns))), columns=test_columns)
    with pytest.raises(ValueError) as info:
        smoteguard.inspect(X, y, X_test, y[:4])
    message = str(info.value)
    assert "[]" not in message
    if expected:
        assert expected in message
    if absent:
        assert absent not in message


def test_cli_column_differences_never_print_an_empty_list(tmp_path):
    rng = np.random.default_rng(0)
    frame = pd.DataFrame(rng.normal(size=(20, 2)), columns=["a", "b"]).assign(
        label=[0, 1] * 10
    )
    frame.to_csv(tmp_path / "train.csv", index=False)
    frame.assign(extra=1.0).to_csv(tmp_path / "test.csv", index=False)
    done = subprocess.run(
        [sys.executable, "-m", "smoteguard", "inspect", str(tmp_path / "train.csv"),
         "--target", "label", "--test", str(tmp_path / "test.csv")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert "has extra columns ['extra']" in done.stderr
    assert "[]" not in done.stderr and "lacks" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


# ---- 5. class labels keep their type ----------------------------------------------


@pytest.mark.parametrize(
    "convert, python_type",
    [
        (lambda y: y, int),
        (lambda y: y.astype(np.int32), int),
        (lambda y: np.where(y == 1, "pos", "neg"), str),
        (lambda y: y.astype(str), str),
        (lambda y: y.astype(float), float),
        (lambda y: y.astype(bool), bool),
    ],
)
@pytest.mark.parametrize("with_test", [False, True])
def test_class_labels_keep_their_type(convert, python_type, with_test):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(300, 4))
    y = (rng.random(300) < 0.2).astype(int)
    Xs, ys = SMOTE(random_state=0).fit_resample(X, y)
    labels = convert(ys)
    if with_test:
        result = smoteguard.inspect(Xs[:350], labels[:350], Xs[350:], labels[350:])
    else:
        result = smoteguard.inspect(Xs, labels)
    frame = result.to_frame()
    assert all(type(v.item() if hasattr(v, "item") else v) is python_type
               for v in frame["class"])  # fmt: skip
    if python_type is int:
        assert frame["class"].dtype.kind == "i"
    document = json.loads(result.to_json())
    assert all(type(r["class"]) is python_type for r in document["flagged"])
    assert all(type(r["class"]) is python_type for r in document["classes"])
    if with_test and python_type is not bool:
        positive = document["rescore"]["positive"]
        assert type(positive) is python_type


def test_evenly_spaced_test_in_row_chunks_equals_one_pass(monkeypatch):
    """The evenly-spaced rule runs over the flagged rows in chunks (its temporaries
    were six times the table at 1M rows in one pass): any chunk size gives the
    same flags."""
    from smoteguard.inspection import _structure

    rng = np.random.default_rng(3)
    ramps = _short_ramps(rng)
    children = [r[1] + rng.uniform(0.05, 0.95) * (r[2] - r[1]) for r in ramps]
    X, y = _with_other_class(np.vstack([*ramps, np.array(children)]))
    whole = smoteguard.inspect(X, y).to_frame()
    monkeypatch.setattr(_structure, "_CHUNK_ROWS", 7)
    chunked = smoteguard.inspect(X, y).to_frame()
    pd.testing.assert_frame_equal(chunked, whole)
    assert (whole["kind"] == "collinear").sum() == 20 * 3
