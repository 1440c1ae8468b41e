import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from sklearn.impute import SimpleImputer
from sklearn.utils.estimator_checks import parametrize_with_checks

from smoteguard.evaluation.preprocessing import MedianImputer


@parametrize_with_checks([MedianImputer()])
def test_sklearn_estimator_checks(estimator, check):
    check(estimator)


values = st.one_of(
    st.just(np.nan), st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)
)


@settings(max_examples=60, deadline=None)
@given(
    arrays(
        np.float64, st.tuples(st.integers(1, 12), st.integers(1, 4)), elements=values
    )
)
def test_same_values_as_simple_imputer_median(X):
    expected = SimpleImputer(strategy="median", keep_empty_features=True).fit(X)
    ours = MedianImputer().fit(X)
    np.testing.assert_array_equal(ours.statistics_, expected.statistics_)
    np.testing.assert_array_equal(ours.transform(X), expected.transform(X))


def test_complete_columns_pass_through_bit_exact_and_input_untouched():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(50, 3))
    X[::7, 1] = np.nan
    before = X.copy()
    out = MedianImputer().fit(X).transform(X)
    np.testing.assert_array_equal(out[:, [0, 2]], X[:, [0, 2]])
    assert not np.isnan(out).any()
    assert not np.shares_memory(out, X)
    np.testing.assert_array_equal(X, before)


def test_empty_column_filled_with_zero_and_unseen_missing_filled():
    X = np.array([[np.nan, 1.0], [np.nan, 3.0]])
    imputer = MedianImputer().fit(X)
    np.testing.assert_array_equal(imputer.statistics_, [0.0, 2.0])
    out = imputer.transform(np.array([[5.0, np.nan]]))
    np.testing.assert_array_equal(out, [[5.0, 2.0]])


def test_feature_names_and_wrong_width():
    frame = pd.DataFrame({"a": [1.0, np.nan], "b": [2.0, 4.0]})
    imputer = MedianImputer().fit(frame)
    assert list(imputer.get_feature_names_out()) == ["a", "b"]
    with pytest.raises(ValueError, match="features"):
        imputer.transform(np.ones((2, 3)))
