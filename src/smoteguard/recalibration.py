"""Probabilities that can be read as risks again after resampling or reweighting.

A classifier fitted on rebalanced data learns the class prior of what it saw: after
random under-sampling of the majority to 1:1 it predicts about 50 % risk where the
population has 2 %. :class:`RecalibratedClassifier` puts the population's prior back,
using real rows only:

* ``method="prior"`` — the analytic prior-shift correction. If resampling or class
  weights changed only the class prior (``p(x | y)`` unchanged), the fitted model's
  probabilities relate to the population's by Bayes' rule,
  ``p(k | x) ∝ p_fit(k | x) * pi_k / pi_fit_k``, where ``pi`` is the class share of
  the training rows and ``pi_fit`` the class share the final classifier was fitted on
  (after every sampler, times its class weights). For random under-sampling this is
  the correction of Dal Pozzolo et al. (2015); it holds in the same way for random
  over-sampling (duplicates are integer weights) and for class weights (Elkan, 2001).
  No extra fit is needed.
* ``method="sigmoid"`` or ``"isotonic"`` — out-of-fold recalibration: the wrapped
  estimator (its samplers included) is cross-validated inside the training rows, and
  Platt's logistic map (Platt, 1999) or an isotonic map is fitted on the out-of-fold
  probabilities of the real rows, never on synthetic rows; the final estimator is
  then refitted on all training rows (scikit-learn's
  :class:`~sklearn.calibration.CalibratedClassifierCV` with ``ensemble=False``). SMOTE
  and its family change ``p(x | minority)`` itself, so the prior shift alone is not
  enough for them.
* ``method="auto"`` (default) — ``"prior"`` when every sampler in the estimator only
  draws or drops real rows (random over-sampling without shrinkage, random
  under-sampling) or there is no sampler (class weights only), ``"sigmoid"``
  otherwise.

References
----------
Dal Pozzolo, A., Caelen, O., Johnson, R. A., Bontempi, G. (2015). Calibrating
probability with undersampling for unbalanced classification. IEEE SSCI 2015,
159-166.

Elkan, C. (2001). The foundations of cost-sensitive learning. IJCAI 2001, 973-978.

Platt, J. (1999). Probabilistic outputs for support vector machines and comparisons
to regularized likelihood methods. Advances in Large Margin Classifiers, 61-74.
"""

from __future__ import annotations

import warnings
from typing import Any, ClassVar

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, MetaEstimatorMixin, clone
from sklearn.calibration import CalibratedClassifierCV
from sklearn.frozen import FrozenEstimator
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, column_or_1d

from ._dask_input import refuses_dask
from ._param_validation import HasMethods, StrOptions, positive_int, validate_params
from ._sampler_steps import samplers_in
from .base import RANDOM_STATE_CONSTRAINT, RANDOM_STATE_MESSAGE

__all__ = ["RecalibratedClassifier", "shift_prior"]

_METHODS = ("auto", "prior", "sigmoid", "isotonic")


def shift_prior(proba: Any, from_prior: Any, to_prior: Any) -> np.ndarray:
    """Move predicted probabilities from one class prior to another (Bayes' rule).

    Parameters
    ----------
    proba : array-like of shape (n,) or (n, n_classes)
        Binary: probability of the positive class. Multiclass: probability matrix.
    from_prior, to_prior : float or array-like of shape (n_classes,)
        Class shares the probabilities were fitted under and the shares to move to
        (binary: the positive share, or both shares). Each must be positive.

    Returns
    -------
    ndarray of the shape of ``proba``
        ``p'(k | x) ∝ p(k | x) * to_prior[k] / from_prior[k]``, renormalised.

    Raises
    ------
    ValueError
        When a prior is not positive or its length does not match the classes.

    Examples
    --------
    >>> round(float(shift_prior(0.5, from_prior=0.5, to_prior=0.1)), 3)
    0.1
    """
    p = np.asarray(proba, dtype=float)
    binary = p.ndim <= 1
    matrix = np.column_stack([1 - p, p]) if binary else p
    n_classes = matrix.shape[1]
    ratio = _as_prior(to_prior, n_classes, "to_prior") / _as_prior(
        from_prior, n_classes, "from_prior"
    )
    shifted = matrix * ratio
    shifted /= shifted.sum(axis=1, keepdims=True)
    return shifted[:, 1].reshape(p.shape) if binary else shifted


def _as_prior(prior: Any, n_classes: int, name: str) -> np.ndarray:
    values = np.atleast_1d(np.asarray(prior, dtype=float))
    if n_classes == 2 and values.size == 1:
        values = np.array([1.0 - values[0], values[0]])
    if values.size != n_classes or not np.all(values > 0):
        raise ValueError(
            f"{name} must hold {n_classes} positive class shares (binary: the "
            f"positive share in (0, 1)); got {prior!r}."
        )
    return values / values.sum()


def _is_row_drawing(sampler: Any) -> bool:
    """Whether a sampler only copies or drops real rows (so only the prior moves)."""
    name = type(sampler).__name__
    if name == "RandomUnderSampler":
        return True
    return name == "RandomOverSampler" and getattr(sampler, "shrinkage", None) is None


def _warn_if_prior_not_enough(estimator: Any) -> None:
    """Warn when ``method="prior"`` is asked for samplers that do more than move the
    class prior (SMOTE and its family change ``p(x | minority)``)."""
    others = sorted(
        {type(s).__name__ for s in samplers_in(estimator) if not _is_row_drawing(s)}
    )
    if others:
        warnings.warn(
            f"method='prior' corrects the class prior only, but {', '.join(others)} "
            "also changes the rows the model sees (p(x | class)), so the prior "
            "correction is not enough; use method='sigmoid' (or method='auto', "
            "which picks it here).",
            UserWarning,
            stacklevel=3,
        )


def _labels_after_samplers(estimator: Any, y: np.ndarray) -> np.ndarray:
    """The labels the final classifier of a fitted estimator was trained on."""
    labels = np.asarray(y)
    for sampler in samplers_in(estimator):
        provenance = getattr(sampler, "provenance_", None)
        if provenance is not None:
            labels = np.concatenate(
                [labels[provenance.original_indices], labels[provenance.parent_a]]
            )
        elif hasattr(sampler, "sample_indices_"):
            labels = labels[sampler.sample_indices_]
        else:
            raise ValueError(
                f"{type(sampler).__name__} records neither provenance_ nor "
                "sample_indices_, so the class prior it produced is unknown; use "
                "method='sigmoid' or method='isotonic'."
            )
    return labels


def _final_class_weight(estimator: Any) -> Any:
    while True:
        if hasattr(estimator, "steps"):
            estimator = estimator.steps[-1][1]
        elif getattr(estimator, "estimator", None) is not None:
            estimator = estimator.estimator
        else:
            return estimator.get_params().get("class_weight")


def _fitted_prior(estimator: Any, y: np.ndarray, classes: np.ndarray) -> np.ndarray:
    labels = _labels_after_samplers(estimator, y)
    counts = np.array([np.sum(labels == c) for c in classes], dtype=float)
    weight = _final_class_weight(estimator)
    if isinstance(weight, str):  # "balanced" (or "balanced_subsample"): equal mass
        weighted = np.where(counts > 0, 1.0, 0.0)
    elif isinstance(weight, dict):
        weighted = counts * np.array([weight.get(c, 1.0) for c in classes])
    else:
        weighted = counts
    if not np.all(weighted > 0):
        raise ValueError(
            "A class is absent from the rows the final classifier was fitted on, so "
            "its prior cannot be corrected; use method='sigmoid' or 'isotonic'."
        )
    return weighted / weighted.sum()


def _class_shares(y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    classes, counts = np.unique(y, return_counts=True)
    return classes, counts / counts.sum()


def _response_method(estimator: Any) -> str:
    """The response :class:`~sklearn.calibration.CalibratedClassifierCV` maps."""
    # its own rule: the first of the two the estimator has
    return (
        "decision_function"
        if hasattr(estimator, "decision_function")
        else "predict_proba"
    )


def _response_columns(
    response: np.ndarray, classes: np.ndarray, method: str
) -> np.ndarray:
    """Responses as the columns :class:`_GivenResponse` hands back unchanged
    (binary: the positive class's one column, as the calibrator selects it)."""
    response = np.asarray(response)
    if len(classes) == 2 and method == "predict_proba":
        response = response[:, 1]
    return response.reshape(-1, 1) if response.ndim == 1 else response


class _GivenResponse(ClassifierMixin, BaseEstimator):
    """A 'fitted' classifier whose decision function of ``X`` is ``X`` itself
    (one column: that column): lets the calibrator be fitted on, and applied to,
    responses computed elsewhere. (Sigmoid and isotonic maps are fitted on the
    response values alone, whichever method produced them.)"""

    def __init__(self, classes: np.ndarray) -> None:
        self.classes = classes
        self.classes_ = classes

    def fit(self, X: Any, y: Any) -> _GivenResponse:
        return self

    def decision_function(self, X: Any) -> np.ndarray:
        X = np.asarray(X, dtype=float)
        return X[:, 0] if X.shape[1] == 1 else X

    def predict(self, X: Any) -> np.ndarray:
        given = self.decision_function(X)
        if given.ndim == 1:
            return self.classes_[(given > 0).astype(int)]
        return self.classes_[np.argmax(given, axis=1)]


class RecalibratedClassifier(MetaEstimatorMixin, ClassifierMixin, BaseEstimator):
    """A classifier (typically a resampling pipeline) whose probabilities are
    recalibrated to the class prior of the real training rows.

    Parameters
    ----------
    estimator : classifier
        Any scikit-learn classifier with ``predict_proba``, typically a smoteguard or
        imbalanced-learn ``Pipeline`` with a sampler, or a classifier with
        ``class_weight``.
    method : {"auto", "prior", "sigmoid", "isotonic"}, default="auto"
        How to recalibrate (see the module notes): ``"prior"`` is the analytic
        prior-shift correction, ``"sigmoid"``/``"isotonic"`` fit a map on
        out-of-fold probabilities of real rows; ``"auto"`` picks ``"prior"`` for
        random over/under-sampling and class weights, ``"sigmoid"`` otherwise.
    cv : int, default=5
        Stratified folds for the out-of-fold recalibration (ignored by
        ``"prior"``).
    random_state : int, RandomState instance or None, default=None
        Shuffles the out-of-fold recalibration's folds.

    Attributes
    ----------
    estimator_ : classifier
        The fitted estimator (``"prior"``) or the fitted
        :class:`~sklearn.calibration.CalibratedClassifierCV`.
    method_ : str
        The method used (``"auto"`` resolved).
    classes_ : ndarray of shape (n_classes,)
    training_prior_ : ndarray of shape (n_classes,)
        Class shares of the training rows: the prior the probabilities are moved to.
    fitted_prior_ : ndarray of shape (n_classes,) or None
        Class shares the final classifier was fitted on after resampling and class
        weights (``"prior"`` only).
    n_features_in_ : int

    Raises
    ------
    ValueError
        From ``fit``: an unknown ``method``, ``cv`` below 2, or a prior that cannot
        be recovered (a sampler without provenance, a class the classifier never saw).

    References
    ----------
    Dal Pozzolo et al. (2015), Elkan (2001), Platt (1999): see
    :mod:`smoteguard.recalibration`.

    Examples
    --------
    >>> from sklearn.datasets import make_classification
    >>> from sklearn.linear_model import LogisticRegression
    >>> from smoteguard import RandomUnderSampler, make_pipeline
    >>> X, y = make_classification(2000, weights=[0.95], random_state=0)
    >>> pipe = make_pipeline(RandomUnderSampler(random_state=0), LogisticRegression())
    >>> model = RecalibratedClassifier(pipe).fit(X, y)
    >>> model.method_
    'prior'
    >>> bool(abs(model.predict_proba(X)[:, 1].mean() - y.mean()) < 0.02)
    True
    """

    _parameter_constraints: ClassVar[dict] = {
        **RANDOM_STATE_CONSTRAINT,
        "estimator": [HasMethods(["fit"])],
        "method": [StrOptions(set(_METHODS))],
        # at least 2 unless method='prior' (checked in fit: it needs no folds)
        "cv": positive_int(1),
    }
    _parameter_messages: ClassVar[dict] = {
        **RANDOM_STATE_MESSAGE,
        "estimator": "estimator must be a classifier with fit; got {type}.",
        "method": "method must be one of "
        + ", ".join(map(repr, _METHODS))
        + "; got {value!r}.",
        "cv": "cv must be an integer of at least 2; got {value!r}.",
    }

    def __init__(
        self,
        estimator: Any,
        method: str = "auto",
        cv: int = 5,
        random_state: Any = None,
    ) -> None:
        self.estimator = estimator
        self.method = method
        self.cv = cv
        self.random_state = random_state

    def _resolved_method(self) -> str:
        if self.method != "auto":
            return self.method
        samplers = samplers_in(self.estimator)
        return "prior" if all(map(_is_row_drawing, samplers)) else "sigmoid"

    @refuses_dask
    def fit(self, X: Any, y: Any, **fit_params: Any) -> RecalibratedClassifier:
        """Fit the estimator and its recalibration on real training rows.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
        **fit_params : dict
            Passed to the estimator's ``fit``.

        Returns
        -------
        self
        """
        validate_params(self)
        method = self._resolved_method()
        if method != "prior" and self.cv < 2:
            raise ValueError(f"cv must be an integer of at least 2; got {self.cv!r}.")
        if y is None:
            raise ValueError(
                f"{type(self).__name__} requires y to be passed, but the target y "
                "is None."
            )
        y = y_arr = column_or_1d(y, warn=True)
        check_classification_targets(y_arr)
        self.classes_, self.training_prior_ = _class_shares(y_arr)
        if method == "prior":
            _warn_if_prior_not_enough(self.estimator)
            self.estimator_ = clone(self.estimator).fit(X, y, **fit_params)
            self.fitted_prior_ = _fitted_prior(self.estimator_, y_arr, self.classes_)
        else:
            folds = StratifiedKFold(
                self.cv, shuffle=True, random_state=self.random_state
            )
            self.estimator_ = CalibratedClassifierCV(
                clone(self.estimator), method=method, cv=folds, ensemble=False
            ).fit(X, y, **fit_params)
            self.fitted_prior_ = None
        self.method_ = method
        inner = getattr(self.estimator_, "n_features_in_", None)
        self.n_features_in_ = inner if inner is not None else np.shape(X)[1]
        if hasattr(self.estimator_, "feature_names_in_"):
            self.feature_names_in_ = self.estimator_.feature_names_in_
        return self

    @refuses_dask
    def predict_proba(self, X: Any) -> np.ndarray:
        """Recalibrated class probabilities.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples, n_classes)
            Columns in the order of ``classes_``.
        """
        check_is_fitted(self)
        proba = self.estimator_.predict_proba(X)
        if self.method_ != "prior":
            return proba
        return shift_prior(proba, self.fitted_prior_, self.training_prior_)

    def _predict_proba_around(
        self, fitted: Any, X: Any, y: np.ndarray, X_test: Any
    ) -> np.ndarray:
        """``fit(X, y).predict_proba(X_test)``, given ``fitted``: a clone of
        ``estimator`` already fitted on ``(X, y)`` (as the final refit would be).

        The same method as :meth:`fit` without refitting the final estimator:
        ``"prior"`` reads the fitted prior of ``fitted`` (no fit at all); the
        out-of-fold methods run the same inner folds on the same rows and fit the
        same map (scikit-learn's, through a frozen stand-in whose response is the
        out-of-fold one), then apply it to the response of ``fitted``. Scores
        equal :meth:`fit` + :meth:`predict_proba` to rounding (``compare`` shares
        its base strategy's fit this way; see
        :mod:`smoteguard.evaluation.shared_fits`).
        """
        method = self._resolved_method()
        y = column_or_1d(y)
        classes, training_prior = _class_shares(y)
        if method == "prior":
            fitted_prior = _fitted_prior(fitted, y, classes)
            return shift_prior(
                fitted.predict_proba(X_test), fitted_prior, training_prior
            )
        response = _response_method(fitted)
        folds = StratifiedKFold(self.cv, shuffle=True, random_state=self.random_state)
        oof = cross_val_predict(clone(self.estimator), X, y, cv=folds, method=response)
        stand_in = FrozenEstimator(_GivenResponse(classes))
        calibrator = CalibratedClassifierCV(stand_in, method=method)
        calibrator.fit(_response_columns(oof, classes, response), y)
        test_response = getattr(fitted, response)(X_test)
        return calibrator.predict_proba(
            _response_columns(test_response, classes, response)
        )

    @refuses_dask
    def predict(self, X: Any) -> np.ndarray:
        """The most probable class under the recalibrated probabilities.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,)
        """
        check_is_fitted(self)
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        inner = self.estimator.__sklearn_tags__()
        tags.input_tags = inner.input_tags
        return tags
