"""Bagging in which every base learner sees its own resampled training set."""

from __future__ import annotations

import numbers
from typing import Any, ClassVar

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.tree import DecisionTreeClassifier
from sklearn.utils import check_random_state
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data

from .._dask_input import refuses_dask
from .._param_validation import HasMethods, Integral, Interval, Real, validate_params
from .._tabular import _check_label_types
from ..base import RANDOM_STATE_CONSTRAINT, RANDOM_STATE_MESSAGE, inner_step

__all__ = ["BalancedBaggingClassifier"]


def _seed(rng: np.random.RandomState) -> int:
    return int(rng.randint(np.iinfo(np.int32).max))


def _stratified_draw(
    rng: np.random.RandomState, class_rows: list, fraction: float, replace: bool
) -> np.ndarray:
    """One learner's training rows: from every class, ``fraction`` of its rows (at
    least one), drawn with or without replacement, in increasing order.

    Keeping each class's count fixed means a ``sampling_strategy`` resolved on the
    training labels asks the same of every learner, and no learner misses a class.
    """
    parts = []
    for rows in class_rows:
        n = max(1, round(fraction * len(rows)))
        parts.append(rng.choice(rows, size=n, replace=replace))
    return np.sort(np.concatenate(parts))


class BalancedBaggingClassifier(ClassifierMixin, BaseEstimator):
    """Bagging with a sampler applied to each learner's training set.

    One resampled model overfits to one draw of the sampler (one set of synthetic
    rows, one subset of the majority class). Here each of ``n_estimators`` learners
    gets its own bootstrap of the training rows, resampled by its own clone of
    ``sampler`` with its own seed, and predictions average the learners'
    probabilities (Wallace et al., 2011, "Class imbalance, redux"; Hido & Kashima's
    roughly balanced bagging when the sampler is a random under-sampler).

    Parameters
    ----------
    estimator : classifier, default=None
        Base learner; default :class:`~sklearn.tree.DecisionTreeClassifier`.
    n_estimators : int, default=10
    sampler : sampler, default=None
        Any object with ``fit_resample`` (smoteguard or imbalanced-learn). Default
        :class:`~smoteguard.RandomUnderSampler`. Its ``random_state``, when it has
        one, is set per learner.
    bootstrap : bool, default=True
        Draw each learner's rows with replacement before resampling. The draw is
        stratified: every class contributes the same share of its rows to every
        learner (see Notes).
    max_samples : int or float, default=1.0
        Rows per bootstrap: a count, or a fraction of the training rows (each
        class contributes that fraction of its rows, at least one, so a count is
        met up to per-class rounding).
    random_state : int, RandomState instance or None, default=None

    Attributes
    ----------
    estimators_ : list of fitted classifiers
    samplers_ : list of fitted samplers
    estimators_samples_ : list of ndarray
        Training rows drawn for each learner (before resampling).
    classes_ : ndarray
    n_classes_ : int
    n_features_in_ : int
    feature_names_in_ : ndarray of str
        When fitted on a DataFrame with string column names.

    Raises
    ------
    ValueError, TypeError
        A constructor parameter of the wrong type or out of range (scikit-learn's
        ``InvalidParameterError``, naming the parameter), or bad input
        (see :meth:`~smoteguard.base.BaseSampler.fit_resample`).
    ValueError
        ``max_samples`` larger than the training rows.

    Notes
    -----
    The sampler and the learners see the training labels as given (strings stay
    strings), so a dict ``sampling_strategy`` keyed by them works. Because each
    learner's draw keeps every class's count, such a dict asks the same of every
    learner, and each one is trained on exactly the requested counts.

    References
    ----------
    B. C. Wallace, K. Small, C. E. Brodley, T. A. Trikalinos, "Class imbalance,
    redux", ICDM 2011. S. Hido, H. Kashima, "Roughly balanced bagging for
    imbalanced data", SDM 2008.

    Examples
    --------
    >>> from sklearn.datasets import make_classification
    >>> from smoteguard import BalancedBaggingClassifier
    >>> X, y = make_classification(n_samples=300, weights=[0.9], random_state=0)
    >>> clf = BalancedBaggingClassifier(random_state=0).fit(X, y)
    >>> clf.predict_proba(X).shape
    (300, 2)
    """

    def __init__(
        self,
        estimator: Any = None,
        n_estimators: int = 10,
        *,
        sampler: Any = None,
        bootstrap: bool = True,
        max_samples: int | float = 1.0,
        random_state: Any = None,
    ) -> None:
        self.estimator = estimator
        self.n_estimators = n_estimators
        self.sampler = sampler
        self.bootstrap = bootstrap
        self.max_samples = max_samples
        self.random_state = random_state

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
        return tags

    _parameter_constraints: ClassVar[dict] = {
        **RANDOM_STATE_CONSTRAINT,
        "estimator": [HasMethods(["fit"]), None],
        "n_estimators": [Interval(Integral, 1, None, closed="left")],
        "sampler": [HasMethods(["fit_resample"]), None],
        "bootstrap": ["boolean"],
        "max_samples": [
            Interval(Integral, 1, None, closed="left"),
            Interval(Real, 0, 1, closed="right"),
        ],
    }
    _parameter_messages: ClassVar[dict] = {
        **RANDOM_STATE_MESSAGE,
        "estimator": "estimator must be None or a classifier with fit; got {type}.",
        "n_estimators": "n_estimators must be a positive int; got {value!r}.",
        "sampler": (
            "sampler must have fit_resample (a smoteguard or imbalanced-learn "
            "sampler); got {type}."
        ),
        "bootstrap": "bootstrap must be True or False; got {value!r}.",
        "max_samples": (
            "max_samples must be an int count or a fraction in (0, 1]; got {value!r}."
        ),
    }

    def _n_draw(self, n_rows: int) -> int:
        """Rows drawn per learner (``max_samples`` as a count)."""
        m = self.max_samples
        if isinstance(m, numbers.Integral):
            if m > n_rows:
                raise ValueError(
                    f"{type(self).__name__}: max_samples={m} must be between 1 and "
                    f"the {n_rows} training rows."
                )
            return int(m)
        return max(1, round(m * n_rows))

    @refuses_dask
    def fit(self, X: Any, y: Any) -> BalancedBaggingClassifier:
        """Fit ``n_estimators`` learners, each on its own resampled bootstrap.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)

        Returns
        -------
        self
        """
        from ..under_sampling import RandomUnderSampler

        if isinstance(y, (list, tuple)) or getattr(y, "dtype", None) is np.dtype(
            object
        ):
            _check_label_types(np.asarray(y, dtype=object).ravel())
        validate_params(self)
        X, y = validate_data(self, X, y, accept_sparse=["csr", "csc"])
        check_classification_targets(y)
        # Learners and samplers see the caller's labels, never codes: a dict
        # sampling_strategy keyed by them must work inside the ensemble.
        self.classes_ = np.unique(y)
        self.n_classes_ = len(self.classes_)
        n_draw = self._n_draw(len(y))
        rng = check_random_state(self.random_state)
        base_estimator = (
            DecisionTreeClassifier() if self.estimator is None else self.estimator
        )
        base_sampler = RandomUnderSampler() if self.sampler is None else self.sampler
        class_rows = [np.flatnonzero(y == c) for c in self.classes_]
        self.estimators_, self.samplers_, self.estimators_samples_ = [], [], []
        for _ in range(self.n_estimators):
            rows = _stratified_draw(rng, class_rows, n_draw / len(y), self.bootstrap)
            sampler = clone(base_sampler)
            if "random_state" in sampler.get_params():
                sampler.set_params(random_state=_seed(rng))
            if self.n_classes_ > 1:
                with inner_step(type(self).__name__, "sampler", sampler):
                    X_res, y_res = sampler.fit_resample(X[rows], y[rows])
            else:  # one class cannot be resampled; the learner sees it as it is
                X_res, y_res = X[rows], y[rows]
            estimator = clone(base_estimator)
            if "random_state" in estimator.get_params():
                estimator.set_params(random_state=_seed(rng))
            estimator.fit(X_res, y_res)
            self.estimators_.append(estimator)
            self.samplers_.append(sampler)
            self.estimators_samples_.append(rows)
        return self

    @refuses_dask
    def predict_proba(self, X: Any) -> np.ndarray:
        """Average of the learners' class probabilities.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples, n_classes)
            Columns ordered as ``classes_``. A learner that never saw a class
            gives it probability 0.
        """
        check_is_fitted(self, "estimators_")
        X = validate_data(self, X, accept_sparse=["csr", "csc"], reset=False)
        proba = np.zeros((X.shape[0], self.n_classes_))
        for estimator in self.estimators_:
            if hasattr(estimator, "predict_proba"):
                columns = np.searchsorted(self.classes_, estimator.classes_)
                proba[:, columns] += estimator.predict_proba(X)
            else:
                columns = np.searchsorted(self.classes_, estimator.predict(X))
                proba[np.arange(X.shape[0]), columns] += 1.0
        return proba / len(self.estimators_)

    @refuses_dask
    def predict(self, X: Any) -> np.ndarray:
        """Class with the highest average probability.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        """
        proba = self.predict_proba(X)
        return self.classes_[np.argmax(proba, axis=1)]
