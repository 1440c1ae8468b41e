"""Strategy registry: ways of handling class imbalance, each a leak-safe pipeline.

A strategy is a factory ``factory(model, seed, *, preprocessor, metric, **kwargs)``
returning an unfitted estimator, normally a :class:`smoteguard.Pipeline`
``[preprocessor, (sampler), classifier]``. Samplers therefore run inside each
training fold only. Built-in strategies:

===================  ==========================================================
name                 what
===================  ==========================================================
none                 the model as is (the baseline every strategy is compared to)
class_weight         ``class_weight='balanced'`` (``scale_pos_weight`` for XGBoost)
smote_0.25 ... 1.0   SMOTE up to a minority/majority ratio of 0.25, 0.5, 0.75, 1
random_over          random over-sampling to 1:1
random_under         random under-sampling to 1:1
threshold            no resampling; decision threshold tuned on an inner
                     stratified validation split (30% of the training fold)
                     (:class:`~sklearn.model_selection.TunedThresholdClassifierCV`)
smote+threshold      SMOTE to 1:1, then the tuned threshold (the inner split
                     resamples its own training part only)
smote_1.0+recal      SMOTE to 1:1, probabilities recalibrated on real rows
random_under+recal   random under-sampling, prior shift back to the real prior
===================  ==========================================================

Every strategy that resamples or reweights has a ``+recal`` variant (available by
name; the two above run by default): the same pipeline inside a
:class:`~smoteguard.RecalibratedClassifier`, fitted inside each training fold on
that fold's real rows only. The method is chosen per case: the analytic prior shift
(Dal Pozzolo et al., 2015; exact when only the class prior moved) for
``class_weight``, ``random_over`` and ``random_under``; out-of-fold Platt scaling
over :data:`RECALIBRATION_CV` inner folds for the SMOTE family and
``balanced_bagging``, where the prior shift is known not to suffice (synthetic rows
change the minority's feature distribution itself). The Platt map is fitted on the
inner out-of-fold probabilities of real training rows: synthetic rows are only ever
training rows of the inner fits, and the outer validation fold is never seen.

``one_class`` (optional) is a novelty detector (:class:`~smoteguard.
OneClassClassifier`, an :class:`~sklearn.ensemble.IsolationForest`) fitted on the
majority rows of the training fold; its anomaly score is the minority score. It
ignores the model.

With misclassification costs (``compare(costs=...)``) every strategy decides by
cost (:func:`decide_by_cost`): binary targets tune the threshold that minimises the
expected cost on an inner split of the training fold's real rows
(:class:`~sklearn.model_selection.TunedThresholdClassifierCV` with a cost scorer);
multiclass targets decide the class with the least expected cost given the
predicted probabilities.

Add strategies with :func:`register_strategy`, for example::

    from smoteguard.evaluation import build_pipeline, register_strategy

    def adasyn(model, seed, *, preprocessor, **kwargs):
        return build_pipeline(model, seed, preprocessor=preprocessor,
                              sampler=ADASYN(random_state=seed))

    register_strategy("adasyn", adasyn, description="ADASYN to 1:1")

A strategy *resamples* when its estimator contains a sampler; those also get the
leaky protocol (:mod:`smoteguard.evaluation.leakage`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

import numpy as np
from sklearn.base import clone
from sklearn.metrics import make_scorer
from sklearn.model_selection import TunedThresholdClassifierCV

from .._sampling_strategy import plain_label
from ..combine import SMOTEENN, SMOTETomek
from ..novelty import OneClassClassifier
from ..over_sampling import (
    ADASYN,
    SMOTE,
    BorderlineSMOTE,
    KMeansSMOTE,
    RandomOverSampler,
)
from ..pipeline import Pipeline
from ..recalibration import RecalibratedClassifier
from ..under_sampling import RandomUnderSampler
from .decision import _MinimumCostClassifier, cost_scorer
from .metrics import binary_scorer_function
from .models import get_model
from .shared_fits import INNER_VALIDATION, Recalibration, SharedFit, TunedThreshold

__all__ = [
    "DEFAULT_STRATEGIES",
    "RECALIBRATION_CV",
    "SMOTE_RATIOS",
    "STRATEGIES",
    "Strategy",
    "build_pipeline",
    "decide_by_cost",
    "register_strategy",
    "resolve_strategies",
]

#: Minority/majority ratios after SMOTE in the ratio sweep.
SMOTE_RATIOS: tuple[float, ...] = (0.25, 0.5, 0.75, 1.0)

#: Validation fraction of the threshold tuning's single inner split. One split (not
#: inner k-fold) keeps the tuned strategies at two fits per outer fold, and one
#: when ``compare`` shares the final fit with the base strategy
#: (:mod:`~smoteguard.evaluation.shared_fits`).
THRESHOLD_VALIDATION = INNER_VALIDATION

#: Inner folds of the out-of-fold Platt recalibration of ``+recal`` variants
#: (4 fits per outer fold: 3 inner, 1 final; 3 in ``compare``, which shares the
#: final fit with the base strategy, and none for the prior shift).
RECALIBRATION_CV = 3

#: The ``+recal`` variants that run by default (the others run when named).
DEFAULT_RECALIBRATED = ("smote_1.0", "random_under")


class RatioToMajority:
    """``sampling_strategy`` callable: grow every non-majority class to ``ratio``
    times the majority count, never shrinking a class that is already larger.

    Unlike a float ``sampling_strategy`` it works for multiclass targets and does not
    fail on a training fold whose ratio is already above ``ratio``.

    Parameters
    ----------
    ratio : float in (0, 1]
    """

    def __init__(self, ratio: float) -> None:
        self.ratio = ratio

    def __call__(self, y: np.ndarray) -> dict:
        classes, counts = np.unique(y, return_counts=True)
        target = int(self.ratio * counts.max())
        return {
            plain_label(c): max(int(n), target)
            for c, n in zip(classes, counts)
            if n != counts.max()
        }

    def __repr__(self) -> str:
        return f"RatioToMajority({self.ratio})"


def threshold_scoring(metric: str) -> Any:
    """The scorer a tuned threshold optimises for the primary ``metric``.

    Threshold-free metrics (PR-AUC, ROC-AUC, Brier) do not depend on the threshold,
    and recall, precision, specificity have trivial optima, so those fall back to F1.
    """
    tunable = {"f1", "mcc", "g_mean", "balanced_accuracy", "accuracy"}
    return make_scorer(binary_scorer_function(metric if metric in tunable else "f1"))


def build_pipeline(
    model: str,
    seed: int,
    *,
    preprocessor: Any = None,
    sampler: Any = None,
    class_weight: str | None = None,
) -> Pipeline:
    """``[preprocessor, sampler, classifier]`` as a :class:`smoteguard.Pipeline`.

    Parameters
    ----------
    model : str
        Registered model name (see ``smoteguard.evaluation.models``).
    seed : int
        ``random_state`` of the classifier.
    preprocessor : transformer, optional
        Fitted per training fold before the sampler.
    sampler : sampler, optional
    class_weight : {None, "balanced"}

    Returns
    -------
    Pipeline
    """
    steps: list[tuple[str, Any]] = []
    if preprocessor is not None:
        steps.append(("preprocess", preprocessor))
    if sampler is not None:
        steps.append(("sampler", sampler))
    steps.append(("model", get_model(model).build(seed, class_weight)))
    return Pipeline(steps)


def _tuned(estimator: Any, metric: str, seed: int) -> TunedThresholdClassifierCV:
    return TunedThresholdClassifierCV(
        estimator,
        scoring=threshold_scoring(metric),
        cv=THRESHOLD_VALIDATION,
        random_state=seed,
    )


def _pipeline(
    model: str,
    seed: int,
    *,
    preprocessor: Any,
    sampler: Callable[..., Any] | None = None,
    class_weight: str | None = None,
    **kwargs: Any,
) -> Any:
    """The factory of every strategy shaped ``[preprocessor, (sampler), model]``.

    ``sampler`` is a sampler class (or a :func:`functools.partial` of one) built with
    ``random_state=seed``, so each repetition of the folds gets its own draw.
    """
    resampler = None if sampler is None else sampler(random_state=seed)
    return build_pipeline(
        model,
        seed,
        preprocessor=preprocessor,
        sampler=resampler,
        class_weight=class_weight,
    )


def _smote_to(ratio: float) -> Callable[..., Any]:
    return partial(_smote_sampler, ratio=ratio)


def _smote_sampler(*, random_state: int, ratio: float) -> Any:
    # SMOTE is looked up when called, so a benchmark can swap in another library's.
    return SMOTE(sampling_strategy=RatioToMajority(ratio), random_state=random_state)


def _threshold(
    model: str, seed: int, *, preprocessor: Any, metric: str = "f1", **kwargs: Any
) -> Any:
    return _tuned(_pipeline(model, seed, preprocessor=preprocessor), metric, seed)


def _smote_threshold(
    model: str, seed: int, *, preprocessor: Any, metric: str = "f1", **kwargs: Any
) -> Any:
    smote = _pipeline(model, seed, preprocessor=preprocessor, sampler=_smote_to(1.0))
    return _tuned(smote, metric, seed)


@dataclass(frozen=True)
class Strategy:
    """A registered strategy.

    Parameters
    ----------
    name : str
    factory : callable
        ``factory(model, seed, *, preprocessor, metric, **kwargs) -> estimator``.
    description : str
    family : str
        Group name accepted by ``--strategies`` (``smote`` selects every ratio).
    ratio : float or None
        Minority/majority ratio it resamples to, for the ratio sweep; a strategy
        whose ratio is not above the data's own ratio is skipped (it would do
        nothing).
    binary_only : bool
        Skipped (with a message) on multiclass targets.
    leak_check : bool
        Whether the leak check runs for it when it resamples. ``+recal`` variants
        share their base's: a recalibration map is increasing, so the ROC-AUC of
        the leaky view (the inflation column) is the base's.
    recalibrates : str or None
        For a ``+recal`` variant, the strategy it recalibrates.
    shared : SharedFit or None
        The strategy is another one (``shared.base``) plus a step fitted on
        held-out scores; :func:`~smoteguard.evaluation.compare` then reuses the
        base's fit on every fold (:mod:`~smoteguard.evaluation.shared_fits`). Its
        ``factory`` must still build the whole estimator (holdout refit, leak
        check, :func:`~smoteguard.evaluation.evaluate`).
    """

    name: str
    factory: Callable[..., Any]
    description: str = ""
    family: str = ""
    ratio: float | None = None
    binary_only: bool = False
    leak_check: bool = True
    recalibrates: str | None = None
    shared: SharedFit | None = None

    def build(
        self,
        model: str,
        seed: int,
        *,
        preprocessor: Any,
        metric: str = "pr_auc",
        costs: Any = None,
    ) -> Any:
        """A fresh unfitted estimator for ``model``.

        ``costs`` (a cost matrix ``C[true, decided]``) makes it decide by cost
        (:func:`decide_by_cost`).
        """
        estimator = self.factory(model, seed, preprocessor=preprocessor, metric=metric)
        return estimator if costs is None else decide_by_cost(estimator, costs, seed)


def decide_by_cost(estimator: Any, matrix: Any, seed: int) -> Any:
    """``estimator`` deciding by least expected cost.

    Parameters
    ----------
    estimator : classifier
        A strategy's estimator; a tuned threshold already inside is re-aimed at the
        cost instead of being wrapped twice.
    matrix : array-like of shape (n_classes, n_classes)
        ``C[true class, decided class]``.
    seed : int
        Seed of the inner split.

    Returns
    -------
    estimator
        Binary: :class:`~sklearn.model_selection.TunedThresholdClassifierCV`
        minimising the expected cost on an inner stratified split (30 % of the
        training fold's real rows; the model is refitted on all of them).
        Multiclass: :class:`~smoteguard.evaluation.decision._MinimumCostClassifier`.
    """
    matrix = np.asarray(matrix, dtype=float)
    if matrix.shape != (2, 2):
        return _MinimumCostClassifier(estimator, matrix)
    if isinstance(estimator, TunedThresholdClassifierCV):
        return clone(estimator).set_params(scoring=cost_scorer(matrix))
    return TunedThresholdClassifierCV(
        estimator,
        scoring=cost_scorer(matrix),
        cv=THRESHOLD_VALIDATION,
        random_state=seed,
    )


#: Registered strategies by name, in display order.
STRATEGIES: dict[str, Strategy] = {}


def register_strategy(
    name: str,
    factory: Callable[..., Any],
    *,
    description: str = "",
    family: str | None = None,
    ratio: float | None = None,
    binary_only: bool = False,
    default: bool = True,
    leak_check: bool = True,
    recalibrates: str | None = None,
    shared: SharedFit | None = None,
) -> Strategy:
    """Add (or replace) a strategy in :data:`STRATEGIES`.

    Parameters
    ----------
    name : str
        Name used in results and on the command line.
    factory : callable
        ``factory(model, seed, *, preprocessor, metric, **kwargs)`` returning an
        unfitted estimator; put any sampler inside a :class:`smoteguard.Pipeline`
        (see :func:`build_pipeline`) so it runs on training folds only. It must be
        picklable (module-level function or :func:`functools.partial`) so folds can
        run in worker processes, and accept ``**kwargs`` for future options.
    description : str, optional
    family : str, optional
        Group name for ``--strategies`` (defaults to ``name``).
    ratio : float, optional
        Resampling ratio, for the ratio sweep.
    binary_only : bool, default=False
    default : bool, default=True
        Whether the strategy runs when no strategies are named.
    leak_check : bool, default=True
        Run the leak check for it (when it resamples).
    recalibrates : str, optional
        The strategy a ``+recal`` variant recalibrates.
    shared : SharedFit, optional
        Reuse another strategy's fit (see ``Strategy.shared``).

    Returns
    -------
    Strategy
    """
    strategy = Strategy(
        name,
        factory,
        description=description,
        family=family or name,
        ratio=ratio,
        binary_only=binary_only,
        leak_check=leak_check,
        recalibrates=recalibrates,
        shared=shared,
    )
    STRATEGIES[name] = strategy
    if default and name not in DEFAULT_STRATEGIES:
        DEFAULT_STRATEGIES.append(name)
    return strategy


#: Strategies run when none are named.
DEFAULT_STRATEGIES: list[str] = []

register_strategy("none", _pipeline, description="no resampling, no weighting")
register_strategy(
    "class_weight",
    partial(_pipeline, class_weight="balanced"),
    description="balanced class weights, no resampling",
)
for _ratio in SMOTE_RATIOS:
    register_strategy(
        f"smote_{_ratio}",
        partial(_pipeline, sampler=_smote_to(_ratio)),
        description=f"SMOTE to minority/majority {_ratio:g}",
        family="smote",
        ratio=_ratio,
    )
register_strategy(
    "random_over",
    partial(_pipeline, sampler=RandomOverSampler),
    description="random over-sampling to 1:1",
    ratio=1.0,
)
register_strategy(
    "random_under",
    partial(_pipeline, sampler=RandomUnderSampler),
    description="random under-sampling to 1:1",
)


def _threshold_step(metric: str, estimator: Any = None) -> TunedThreshold:
    return TunedThreshold(threshold_scoring(metric))


register_strategy(
    "threshold",
    _threshold,
    description="decision threshold tuned on an inner split, no resampling",
    binary_only=True,
    shared=SharedFit("none", _threshold_step, THRESHOLD_VALIDATION),
)
register_strategy(
    "smote+threshold",
    _smote_threshold,
    description="SMOTE to 1:1, then a threshold tuned on an inner split",
    binary_only=True,
    shared=SharedFit("smote_1.0", _threshold_step, THRESHOLD_VALIDATION),
)


def _balanced_bagging(
    model: str, seed: int, *, preprocessor: Any, **kwargs: Any
) -> Any:
    from ..ensemble import BalancedBaggingClassifier

    learner = get_model(model).build(seed, None)
    bagging = BalancedBaggingClassifier(learner, n_estimators=10, random_state=seed)
    steps: list[tuple[str, Any]] = []
    if preprocessor is not None:
        steps.append(("preprocess", preprocessor))
    steps.append(("model", bagging))
    return Pipeline(steps)


register_strategy(
    "smote_enn",
    partial(_pipeline, sampler=SMOTEENN),
    description="SMOTE to 1:1, then edited nearest neighbours on all classes",
    ratio=1.0,
    default=False,
)
register_strategy(
    "smote_tomek",
    partial(_pipeline, sampler=SMOTETomek),
    description="SMOTE to 1:1, then removal of Tomek links",
    ratio=1.0,
    default=False,
)
register_strategy(
    "balanced_bagging",
    _balanced_bagging,
    description="10 learners, each on its own randomly under-sampled bootstrap",
    default=False,
)


for _name, _class, _description in (
    ("borderline_smote", BorderlineSMOTE, "Borderline-SMOTE (kind 1) to 1:1"),
    ("adasyn", ADASYN, "ADASYN to 1:1, more rows where the class is harder"),
    ("kmeans_smote", KMeansSMOTE, "k-means SMOTE to 1:1, within rich clusters"),
):
    register_strategy(
        _name,
        partial(_pipeline, sampler=_class),
        description=_description,
        ratio=1.0,
        default=False,
    )


def _recalibrated(
    model: str,
    seed: int,
    *,
    preprocessor: Any,
    base: Callable[..., Any],
    method: str,
    **kwargs: Any,
) -> Any:
    inner = base(model, seed, preprocessor=preprocessor, **kwargs)
    return RecalibratedClassifier(
        inner, method=method, cv=RECALIBRATION_CV, random_state=seed
    )


def _one_class(model: str, seed: int, *, preprocessor: Any, **kwargs: Any) -> Any:
    steps: list[tuple[str, Any]] = []
    if preprocessor is not None:
        steps.append(("preprocess", preprocessor))
    steps.append(("model", OneClassClassifier(random_state=seed)))
    return Pipeline(steps)


register_strategy(
    "one_class",
    _one_class,
    description="IsolationForest fitted on the majority rows; its anomaly score "
    "ranks the minority (the model is not used)",
    binary_only=True,
    default=False,
)

#: Strategies that do not use the model (planned once, with the first model's
#: preprocessing; never a baseline nor recommended: their score is no risk).
MODEL_FREE = frozenset({"one_class"})

#: Strategies whose probabilities only the class prior moved (prior shift is exact).
_PRIOR_SHIFTED = frozenset({"class_weight", "random_over", "random_under"})

#: Strategies that neither resample nor reweight, or decide by a tuned threshold
#: (recalibrating a tuned decision would detach it from its threshold).
_NOT_RECALIBRATED = frozenset({"none", "threshold", "smote+threshold", "one_class"})


def _register_recalibrated() -> None:
    bases = [s for s in list(STRATEGIES.values()) if s.name not in _NOT_RECALIBRATED]
    for base in bases:
        method = "prior" if base.name in _PRIOR_SHIFTED else "sigmoid"
        how = (
            "prior shift to the real class prior"
            if method == "prior"
            else f"out-of-fold Platt scaling ({RECALIBRATION_CV} inner folds)"
        )
        register_strategy(
            f"{base.name}+recal",
            partial(_recalibrated, base=base.factory, method=method),
            description=f"{base.description}; probabilities recalibrated on real "
            f"training rows by {how}",
            family=f"{base.family}+recal" if base.family != base.name else "",
            ratio=base.ratio,
            binary_only=base.binary_only,
            default=base.name in DEFAULT_RECALIBRATED,
            leak_check=False,
            recalibrates=base.name,
            shared=_recalibration_share(base, method),
        )


def _recalibration_step(metric: str, estimator: Any) -> Recalibration:
    return Recalibration(estimator)


def _recalibration_share(base: Strategy, method: str) -> SharedFit | None:
    """A ``+recal`` variant reuses its base's fit in ``compare`` (prior shift: no
    extra fit; Platt: the final one), unless the base itself shares one or its
    recalibration is not a plain Platt map over the base's response."""
    if base.shared is not None or base.name == "balanced_bagging":
        return None
    return SharedFit(base.name, _recalibration_step, validation=None)


_register_recalibrated()


def resolve_strategies(names: list[str] | tuple[str, ...] | None) -> list[str]:
    """Expand family names (``smote``) and check every name.

    Parameters
    ----------
    names : list of str or None
        ``None`` gives :data:`DEFAULT_STRATEGIES`.

    Returns
    -------
    list of str
        Registered strategy names, without duplicates, ``none`` first.
    """
    if names is None:
        names = list(DEFAULT_STRATEGIES)
    out: list[str] = []
    for name in names:
        if name in STRATEGIES:
            matched = [name]
        else:
            matched = [s.name for s in STRATEGIES.values() if s.family == name]
        if not matched:
            families = sorted({s.family for s in STRATEGIES.values()} - set(STRATEGIES))
            raise ValueError(
                f"Unknown strategy {name!r}; choose from {', '.join(STRATEGIES)}"
                + (f" (or the group(s) {', '.join(families)})" if families else "")
                + "."
            )
        out.extend(m for m in matched if m not in out)
    if "none" in out:
        out.remove("none")
    return ["none", *out]
