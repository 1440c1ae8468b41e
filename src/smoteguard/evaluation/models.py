"""Model registry: the classifiers a comparison can use, by short name.

=======  ==============================================  =========================
name     model                                           class weighting
=======  ==============================================  =========================
lr       LogisticRegression (standardised inputs)        ``class_weight``
rf       RandomForestClassifier (100 trees, n_jobs=1)    ``class_weight``
hgb      HistGradientBoostingClassifier (early stopping) ``class_weight``
xgb      xgboost.XGBClassifier (extra ``boost``)         ``scale_pos_weight``
lgbm     lightgbm.LGBMClassifier (extra ``boost``)       ``class_weight``
=======  ==============================================  =========================

Every model runs single-threaded: the evaluation parallelises over folds instead.
Add a model with :func:`register_model`.

Settings chosen for speed (issue 15; ``bench/RESULTS.md``): ``hgb`` always stops
early (``early_stopping=True``: up to 100 iterations, stopping when the log-loss
on a stratified 10 % of the training fold has not improved for 10), which
scikit-learn does by default only above 10,000 rows; on small tables it cut the
boosting iterations by about half (Pima: 44 instead of 100) without a loss of
PR-AUC beyond noise. ``rf`` keeps 100 full-depth trees and leaves tables above
10,000 rows unless named (:func:`default_models`).

Lighter forests were measured and not taken (2026-12-01, issue 15; the table in
``bench/RESULTS.md``): ``rf`` is most of the CPU time of a default comparison
(about 63 % of the fold fits on Pima, 68 % on the 3,000-row synthetic set), and
50 or 70 trees (0.5x and 0.7x its fit time; ``min_samples_leaf`` 2-5 saves
nothing, ``max_samples=0.5`` 0.7x) would cut it, but with 50 or 70 trees the
recommendation on yeast4 (a KEEL set) changes from ``none + rf`` to
``none + hgb``: the forest's PR-AUC there drops below boosting's. A default
setting must keep the recommended pipeline and verdict of the benchmark sets,
so ``rf`` stays at 100 trees. ``hgb`` with ``max_leaf_nodes=15`` (0.63x the fit
time on SMOTE-resampled folds) kept the answer on glass2, ecoli1, abalone9_18,
Pima and yeast4 but was not measured on all the sets before the change could be
made, so it is not taken either.

Large tables (measured with ``bench/bench_compare_speed.py --only fits``, single
fits on one thread on a 227,845 x 30 training fold of the credit-card table and
of its look-alike, and on its SMOTE 1:1 version of 454,904 rows):

* ``lr`` keeps scikit-learn's default solver, L-BFGS, on standardised inputs: it
  stops after 9-40 iterations (0.3-1.6 CPU-s per fit). Newton-Cholesky, the
  solver scikit-learn suggests when rows far outnumber columns, optimises the
  same objective but took 1.3-1.9x the CPU time on these 30 columns, so there is
  no solver switch for large tables. (L-BFGS stops at its default tolerance
  before the exact optimum; on the real table's SMOTE 1:1 fold its coefficients
  differ from Newton-Cholesky's by up to 2.6 and its PR-AUC by 1e-5.)
* ``hgb`` early-stops on every table, but on SMOTE-resampled folds of a large
  table the held-out log-loss keeps improving by more than the stopping
  tolerance: all 100 iterations run (98 with ``tol=1e-3``, 10,000x the
  default), about 10 CPU-s per fit at 454,904 rows. No early-stopping setting
  of the library shortens these fits; fewer iterations or a larger learning
  rate would, and would change the model, so neither is made.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.utils import get_tags
from sklearn.utils.class_weight import compute_sample_weight
from sklearn.utils.validation import check_is_fitted

from .._param_validation import (
    HasMethods,
    InvalidParameterError,
    validate_params,
)
from ._caller import option

__all__ = [
    "DEFAULT_MODELS",
    "MODELS",
    "ModelSpec",
    "ScalePosWeight",
    "available_models",
    "default_models",
    "register_model",
]


class ScalePosWeight(ClassifierMixin, BaseEstimator):
    """Class weighting for estimators that take ``scale_pos_weight`` (XGBoost).

    The weight (negatives / positives) is computed from the rows passed to ``fit``,
    so inside cross-validation it comes from the training fold only. Multiclass
    targets get balanced per-row ``sample_weight`` instead (``scale_pos_weight`` is
    binary only).

    Parameters
    ----------
    estimator : estimator with a ``scale_pos_weight`` parameter

    Raises
    ------
    ValueError, TypeError
        Whatever the wrapped estimator raises for its input: ``X`` and ``y`` are
        passed to it unchecked (XGBoost wants class codes ``0..n-1``).
    sklearn.exceptions.NotFittedError
        ``predict`` or ``predict_proba`` before ``fit``.
    """

    _parameter_constraints: ClassVar[dict] = {
        "estimator": [HasMethods(["fit", "get_params", "set_params"])],
    }
    _parameter_messages: ClassVar[dict] = {
        "estimator": (
            "estimator must be an unfitted scikit-learn-style classifier that "
            "takes scale_pos_weight, e.g. xgboost.XGBClassifier(); got {value!r}."
        ),
    }

    def __init__(self, estimator: Any) -> None:
        self.estimator = estimator

    def fit(self, X: Any, y: Any, **params: Any) -> ScalePosWeight:
        """Fit a clone of ``estimator`` with ``scale_pos_weight`` set from ``y``."""
        validate_params(self)
        if isinstance(self.estimator, type):  # has fit, but clone needs an instance
            raise InvalidParameterError(
                f"ScalePosWeight: estimator must be an instance, not the class "
                f"{self.estimator.__name__}; pass {self.estimator.__name__}()."
            )
        y = np.asarray(y)
        self.estimator_ = clone(self.estimator)
        if len(np.unique(y)) > 2:
            params = {"sample_weight": compute_sample_weight("balanced", y), **params}
        else:
            n_pos = int((y == 1).sum())
            weight = (len(y) - n_pos) / n_pos if n_pos else 1.0
            self.estimator_.set_params(scale_pos_weight=weight)
        self.estimator_.fit(X, y, **params)
        self.classes_ = self.estimator_.classes_
        for attr in ("n_features_in_", "feature_names_in_"):
            if hasattr(self.estimator_, attr):
                setattr(self, attr, getattr(self.estimator_, attr))
        return self

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        # the input goes to the wrapped estimator as it is
        tags.input_tags.sparse = get_tags(self.estimator).input_tags.sparse
        return tags

    def predict(self, X: Any) -> np.ndarray:
        """Predict with the fitted estimator."""
        check_is_fitted(self)
        return self.estimator_.predict(X)

    def predict_proba(self, X: Any) -> np.ndarray:
        """Class probabilities from the fitted estimator."""
        check_is_fitted(self)
        return self.estimator_.predict_proba(X)


@dataclass(frozen=True)
class ModelSpec:
    """How to build one registered model.

    Parameters
    ----------
    name : str
        Short name used on the command line.
    label : str
        Display name.
    factory : callable
        ``factory(seed, class_weight) -> classifier``; ``class_weight`` is ``None``
        or ``"balanced"``.
    scale : bool
        Whether numeric inputs should be standardised (linear models).
    requires : str or None
        Module that must be importable (optional extras).
    max_default_rows : int or None
        Largest number of cross-validated rows for which the model is among the
        defaults (None: no limit). Above it the model runs only when named.
    """

    name: str
    label: str
    factory: Callable[[int, str | None], Any]
    scale: bool = False
    requires: str | None = None
    max_default_rows: int | None = None

    @property
    def available(self) -> bool:
        """Whether the optional dependency (if any) is installed."""
        return (
            self.requires is None or importlib.util.find_spec(self.requires) is not None
        )

    def build(self, seed: int, class_weight: str | None = None) -> Any:
        """A fresh, unfitted classifier."""
        return self.factory(seed, class_weight)


def _logistic(seed: int, class_weight: str | None) -> Any:
    return LogisticRegression(max_iter=2000, class_weight=class_weight)


def _forest(seed: int, class_weight: str | None) -> Any:
    return RandomForestClassifier(
        n_estimators=100, n_jobs=1, random_state=seed, class_weight=class_weight
    )


def _hist_gradient_boosting(seed: int, class_weight: str | None) -> Any:
    return HistGradientBoostingClassifier(
        early_stopping=True, random_state=seed, class_weight=class_weight
    )


def _xgboost(seed: int, class_weight: str | None) -> Any:
    from xgboost import XGBClassifier

    model = XGBClassifier(
        n_estimators=200, tree_method="hist", n_jobs=1, random_state=seed, verbosity=0
    )
    return ScalePosWeight(model) if class_weight else model


def _lightgbm(seed: int, class_weight: str | None) -> Any:
    from lightgbm import LGBMClassifier

    return LGBMClassifier(
        n_estimators=200,
        n_jobs=1,
        random_state=seed,
        class_weight=class_weight,
        verbose=-1,
    )


#: Registered models by short name.
MODELS: dict[str, ModelSpec] = {}

#: Models used when none are asked for (fast enough for ``make demo``); a model
#: with ``max_default_rows`` drops out of them on larger tables.
DEFAULT_MODELS: tuple[str, ...] = ("lr", "rf", "hgb")

#: Random forests grow full-depth trees: on one core, 100 of them take 1.9 s on
#: 10,000 x 30 rows, 5.8 s on 20,000 and 166 s on 227,845 (bench/RESULTS.md), and a
#: default comparison fits each model about 255 times (more rows once resampled).
_FOREST_MAX_DEFAULT_ROWS = 10_000


def register_model(
    name: str,
    factory: Callable[[int, str | None], Any],
    *,
    label: str | None = None,
    scale: bool = False,
    requires: str | None = None,
    max_default_rows: int | None = None,
) -> ModelSpec:
    """Add (or replace) a model in :data:`MODELS`.

    Parameters
    ----------
    name : str
        Short name (``--models`` on the command line).
    factory : callable
        ``factory(seed, class_weight) -> unfitted classifier`` where
        ``class_weight`` is ``None`` or ``"balanced"``. Must be picklable (a
        module-level function) so folds can run in worker processes.
    label : str, optional
        Display name; defaults to ``name``.
    scale : bool, default=False
        Standardise numeric inputs.
    requires : str, optional
        Module the model needs; the model is unavailable when it is missing.
    max_default_rows : int, optional
        Leave the model out of the defaults (it still runs when named) when more
        rows than this are cross-validated: for models too slow on large tables.

    Returns
    -------
    ModelSpec
    """
    spec = ModelSpec(
        name,
        label or name,
        factory,
        scale=scale,
        requires=requires,
        max_default_rows=max_default_rows,
    )
    MODELS[name] = spec
    return spec


register_model("lr", _logistic, label="logistic regression", scale=True)
register_model(
    "rf",
    _forest,
    label="random forest",
    max_default_rows=_FOREST_MAX_DEFAULT_ROWS,
)
register_model("hgb", _hist_gradient_boosting, label="hist gradient boosting")
register_model("xgb", _xgboost, label="XGBoost", requires="xgboost")
register_model("lgbm", _lightgbm, label="LightGBM", requires="lightgbm")


def default_models(n_rows: int) -> tuple[list[str], dict[str, str]]:
    """The default models for ``n_rows`` cross-validated rows, and those left out.

    Parameters
    ----------
    n_rows : int

    Returns
    -------
    chosen : list of str
    skipped : dict
        Model name -> reason, for defaults left out because the table is too large.
    """
    chosen, skipped = [], {}
    for name in DEFAULT_MODELS:
        limit = MODELS[name].max_default_rows
        if limit is not None and n_rows > limit:
            skipped[name] = (
                f"not a default above {limit:,} rows (this table has {n_rows:,}): "
                "too slow to fit once per fold and strategy; name it in "
                f"{option('models')} to run it anyway"
            )
        else:
            chosen.append(name)
    return chosen, skipped


def available_models() -> list[str]:
    """Names of the registered models whose dependencies are installed.

    Takes no parameters: it reads the registry ``MODELS`` (see
    :func:`register_model`).

    Returns
    -------
    list of str
        The names, in registration order (``lr``, ``rf``, ``hgb``, then ``xgb``
        and ``lgbm`` when the ``boost`` extra is installed).
    """
    return [name for name, spec in MODELS.items() if spec.available]


def get_model(name: str) -> ModelSpec:
    """The :class:`ModelSpec` called ``name``, with a helpful error otherwise."""
    try:
        spec = MODELS[name]
    except KeyError:
        raise ValueError(
            f"Unknown model {name!r}; choose from {', '.join(MODELS)}."
        ) from None
    if not spec.available:
        raise ValueError(
            f"Model {name!r} needs the {spec.requires!r} package; install the extra "
            "with: pip install 'smoteguard[boost]'."
        )
    return spec
