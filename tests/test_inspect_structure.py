"""Real rows on a few straight lines are collinear structure, not SMOTE (review 17
d): SMOTE spreads the children of a real row over its k nearest neighbours, a
ramp puts every row between the same two end rows."""

import numpy as np
import pytest

import smoteguard

imblearn = pytest.importorskip("imblearn.over_sampling")


def _ramps(seed=0, n=600, d=5, per_line=60):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    y = (rng.random(n) < 0.35).astype(int)
    for label, lines in ((1, 3), (0, 2)):
        for _ in range(lines):
            a, b = rng.normal(size=d), rng.normal(size=d)
            t = rng.random(per_line)
            X = np.vstack([X, a + t[:, None] * (b - a)])
            y = np.r_[y, np.full(per_line, label)]
    return X, y


def test_rows_on_a_few_lines_are_collinear_structure_not_oversampling():
    X, y = _ramps()
    result = smoteguard.inspect(X, y)
    assert result.status == "clean"
    assert result.suspected_synthetic == []
    table = result.class_table()
    # every interior row of the 5 ramps (60 rows less the 2 end rows each)
    assert table.loc[1, "collinear"] == 3 * 58 and table.loc[0, "collinear"] == 2 * 58
    assert (table["synthetic_share"] == 0).all()
    assert "collinear structure" in result.verdict
    assert "3 straight lines through" in result.verdict
    assert "2 straight lines through" in result.verdict
    frame = result.to_frame()
    assert set(frame["kind"]) == {"collinear"}
    assert frame.groupby(["parent_a", "parent_b"]).size().min() >= 8


@pytest.mark.parametrize("minority", [6, 12, 40])
def test_heavy_smote_of_a_small_class_is_not_called_structure(minority):
    """Many children per segment when a tiny class is grown to 1:1: still SMOTE's
    pattern (each seed's children spread over its neighbours)."""
    rng = np.random.default_rng(minority)
    X = np.r_[rng.normal(size=(300, 4)), rng.normal(2, 1, size=(minority, 4))]
    y = np.r_[np.zeros(300, int), np.ones(minority, int)]
    k = min(5, minority - 1)
    X_res, y_res = imblearn.SMOTE(k_neighbors=k, random_state=0).fit_resample(X, y)
    result = smoteguard.inspect(X_res, y_res)
    assert result.class_table()["collinear"].sum() == 0
    assert result.status == "oversampled"
