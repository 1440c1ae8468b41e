"""``compare``: every strategy x model on the same folds, honestly, plus the leak check.

The leak check (:mod:`~smoteguard.evaluation.leakage`) reproduces the real mistake
for every pipeline that resamples: the whole cross-validated table is resampled
once with the same sampler and parameters (the preprocessing before the sampler
fitted on that whole table), then the same repeated stratified k-fold as the clean
view (same ``cv``, ``n_repeats``, ``random_state``) runs over the resampled rows
with fresh folds, synthetic and copied rows scored as if real, fitting the same
model and per-fold steps after the sampler. With a holdout it also reports the
single-split version: resample the whole table, ``train_test_split`` it
(stratified, the same fraction and seed) and score the resampled test part. The
inflation column shows ROC-AUC whatever the primary metric: the leaky validation
rows are about half positive, so PR-AUC's chance level rises with them; every
leaky PR-AUC comes with the positive share of both views' validation rows.

Result schema (``results.json``, also ``ComparisonResult.record``)
------------------------------------------------------------------
A JSON object; floats are rounded to 6 decimals and undefined values are ``null``.

``schema``
    ``"smoteguard.comparison/2"``. Records of schema ``smoteguard.comparison/1``
    (written before the leak check reproduced the real mistake and before the
    verdict, when the leak column was the seed-fold view in the primary metric and
    the recommendation the top-ranked pipeline) still load, with a note
    (:attr:`ComparisonResult.note`).
``meta``
    ``command`` (argv list or null), ``seed``, ``cv``, ``n_repeats``, ``holdout``,
    ``metric`` (primary), ``confidence``, ``ci_method``, ``pooled_metrics`` (the
    metrics estimated from pooled out-of-fold scores: ROC-AUC and PR-AUC of binary
    targets, else empty), ``estimate_method`` (how point estimates are computed),
    ``leaky_protocol`` (how
    the leaky cross-validated view is built, see below; null with ``leaky=False``),
    ``leaky_holdout_protocol`` (the leaky holdout view; null without a holdout),
    ``leak_metric`` (the metric of the leak-inflation column: ``"roc_auc"``),
    ``leak_repeats`` (repeats of the leaky view's k-fold; null with
    ``leaky=False``), ``leak_interval`` (how the inflation's interval is computed:
    a diagnostic), ``racing`` (``{enabled, rule, confidence, stopped}``:
    ``stopped`` maps ``"strategy|model"`` to the folds a pipeline ran before the
    race stopped it, :mod:`~smoteguard.evaluation.racing`) and ``versions``
    (python, smoteguard, numpy, scipy, scikit-learn, pandas, joblib, plus
    xgboost/lightgbm when used).
``data``
    ``source``, ``n_rows``, ``n_cv_rows``, ``n_holdout_rows``, ``n_features``,
    ``target``, ``classes`` (code order: binary ``[negative, positive]``),
    ``class_counts`` (label as text -> count), ``positive_label``,
    ``minority_rate``, ``majority_rate``, ``imbalance_ratio`` (majority/minority),
    ``numeric_columns``, ``categorical_columns`` (column -> distinct levels,
    one-hot encoded per fold with rare levels grouped), ``dropped_columns``
    (column -> reason).
``strategies`` / ``models``
    What ran: ``{name, description, family, ratio, resamples}`` /
    ``{name, label}``; ``skipped_strategies`` and ``skipped_models`` map name ->
    reason (``skipped_models``: defaults left out on large tables).
``results``
    One entry per strategy x model: ``strategy``, ``model``, ``resamples``,
    ``rank`` (by the primary metric), ``metrics`` (metric -> ``{mean, std, ci_low,
    ci_high}``; ROC-AUC and PR-AUC of binary targets are pooled out-of-fold scores
    with the pooled interval, the rest fold means with the corrected t-interval:
    ``meta.ci_method``), ``vs_none`` (metric -> paired difference to ``none`` with
    the same model on the same folds, ``{mean, std, ci_low, ci_high}``; null for
    ``none``),
    ``inflation`` (resampling strategies: metric -> ``{leaky_mean, mean, std,
    ci_low, ci_high}``: the leaky view's estimate, computed exactly as
    ``metrics`` is (pooled per repeat for ROC-AUC/PR-AUC), and ``mean`` = leaky
    minus clean, so ``leaky_mean - metrics[m].mean == mean``; the interval treats
    the two views as independent; else null),
    ``folds_run`` (validation folds it was evaluated on: ``cv * n_repeats``, or
    fewer when ``stopped_early`` by the race; its estimates and paired
    differences then use those folds),
    ``confusion_matrix`` (out-of-fold, summed over the repeats run, rows = true
    class) and
    ``leak_check`` (resampling strategies, else null): ``positive_share``
    ``{clean, leaky}``, the mean share of positives among the validation rows of
    each view, which is the chance level of PR-AUC (a 1:1 leaky view has about
    0.5; null for multiclass targets), and ``holdout``: with a holdout, the leaky
    holdout view ``{metrics, n_test, positive_share}``, else null.
``folds``
    Tidy per-fold records (also ``results.csv``): ``strategy``, ``model``,
    ``protocol`` (``clean``/``leaky``), ``repeat``, ``fold``, ``n_train``,
    ``n_test``, ``n_test_minority``, one column per metric and
    ``positive_share`` (of the validation rows: PR-AUC's chance level). Leaky
    folds are folds of the resampled table, so fold ``i`` of the two protocols
    holds different rows.
``oof``
    ``y_true`` (codes of the cross-validated rows), ``row_position`` (their
    positions in the input table), ``fold`` (``[repeat][row]`` validation fold) and
    ``scores`` (``"strategy|model"`` -> ``[repeat][row]`` positive-class
    probability; multiclass ``[repeat][row][class]``; a pipeline stopped by the
    race has only the repeats it ran), for ROC and PR curves. In
    a saved ``results.json`` with more than a million scores, the block is
    ``{"file": "oof.npz"}`` instead: the same arrays in that file beside it
    (scores as float32), read back by :meth:`ComparisonResult.load`.
``ratio_sweep``
    SMOTE ratio vs primary metric per model: ``{model, strategy, ratio, mean,
    ci_low, ci_high}``; ``none`` appears at the data's own ratio.
``recommendation``
    The one verdict that the terminal, this record and the HTML report show (rules
    in :mod:`~smoteguard.evaluation.verdict`): ``strategy``, ``model`` (the
    pipeline to keep, not necessarily the top-ranked one), ``metric``, ``mean``,
    ``std``, ``ci_low``, ``ci_high``, ``headline`` (one line), ``message``
    (plain-language verdict), ``at_chance`` (the best clean ROC-AUC interval
    contains 0.5), ``inconclusive`` (it does, but is too wide to say anything:
    more folds or repeats are needed), ``top_ranked`` (``{strategy, model}``),
    ``baseline`` (best pipeline without synthetic or removed rows: ``none``,
    ``class_weight`` or ``threshold`` with any model; ``{strategy, model, mean,
    std, ci_low, ci_high}``), ``baseline_rule``, ``best_resampling`` (the same
    for the best resampling pipeline, plus ``vs_baseline`` and
    ``beats_baseline``), ``vs_baseline`` (recommended minus baseline, same
    folds; null when it is the baseline), ``vs_none``/``vs_class_weight`` and
    ``beats_none``/``beats_class_weight`` (recommended against the same model;
    CI of the difference excludes 0) and ``holdout`` (metrics of the recommended
    pipeline, refitted, on the untouched holdout, or null).
``warnings`` / ``messages``
    ``{code, message}`` warnings, and informational lines (dropped columns,
    skipped strategies).
``timings``
    ``started``, ``finished`` (ISO 8601 UTC) and ``seconds``: the only part that
    differs between two runs with the same seed.
``embedding`` (optional)
    Added by ``smoteguard compare`` for its HTML report
    (:func:`smoteguard.report.attach_embedding`): the recommended sampler's real
    and synthetic rows on two principal components, subsampled (``sampler``,
    ``points`` kind -> ``[[x, y], ...]``, ``counts``, ``explained_variance``,
    ``note``).
"""

from __future__ import annotations

import html
import json
import math
import platform
import time
import warnings as _warnings
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import pandas as pd
from sklearn.base import clone

from .._dask_input import EVALUATION_ADVICE, refuse_dask
from .._sampler_steps import samplers_in
from ._clean_cv import (
    clean_fits_done,
    group_members,
    member_of,
    paired_views,
    run_clean_cv,
)
from ._oof_file import (
    INLINE_MAX_VALUES,
    n_oof_values,
    record_to_json,
    resolve_oof,
    write_oof,
)
from ._shared_graph import shared_graph
from ._validation import check_compare_inputs
from .intervals import (
    CI_METHOD,
    POOLED_METRICS,
    describe_estimate,
    summarize,
)
from .leakage import (
    LEAK_INTERVAL,
    LEAK_REPEATS,
    LEAKY_HOLDOUT_PROTOCOL,
    LEAKY_PROTOCOL,
    check_leak_repeats,
    contains_sampler,
    hoist_sampler,
    inflation_interval,
    leaky_cross_validation,
    leaky_holdout,
    positive_share,
)
from .metrics import HIGHER_IS_BETTER, METRICS, RANGES, compute_metrics
from .models import default_models, get_model
from .preprocessing import ColumnPlan, make_preprocessor, plan_columns, prepare_frame
from .protocol import (
    Progress,
    call_recording,
    collect_folds,
    encode_target,
    fit_predict,
    fold_assignment,
    make_splits,
    pooled_confusion,
    split_holdout,
)
from .racing import Race, racing_messages, racing_record
from .strategies import STRATEGIES, resolve_strategies
from .summaries import (
    PooledScores,
    pooled_scores,
    summarize_paired,
    summarize_pipeline,
)
from .verdict import recommend
from .warnings import (
    ACCURACY_MARGIN,
    EvaluationWarning,
    check_accuracy,
    check_fold_sizes,
    check_resampled_input,
    fold_notes,
    leaky_view_warning,
    smallest_class_name,
)

__all__ = ["LEGACY_SCHEMAS", "SCHEMA", "ComparisonResult", "compare"]

SCHEMA = "smoteguard.comparison/2"

#: Older schemas that still load, each with what a reader must know about it.
LEGACY_SCHEMAS: dict[str, str] = {
    "smoteguard.comparison/1": (
        "This record was written by an earlier smoteguard (schema "
        "smoteguard.comparison/1). Its leak column may be the earlier seed-fold view "
        "(each synthetic row kept in its seed row's fold, in the primary metric), "
        "milder than the real mistake, and its recommendation may be the "
        "top-ranked pipeline rather than a verdict; run `smoteguard compare` again "
        "for the current leak check, intervals and verdict."
    ),
}

#: How the point estimates are computed (``meta.estimate_method``).
ESTIMATE_METHOD = (
    "ROC-AUC and PR-AUC of binary targets (meta.pooled_metrics): score of the "
    "pooled out-of-fold predictions of each repeat, averaged over repeats, PR-AUC "
    "with its small-sample bias removed; other metrics: mean over the validation "
    "folds. The leaky view is estimated the same way."
)


def pooled_metrics_of(meta: dict) -> list[str]:
    """Metrics a record estimated from pooled out-of-fold scores
    (``meta.pooled_metrics``; records written before it was stored: the pooled
    metrics if ``meta.ci_method`` describes pooling, else none)."""
    if "pooled_metrics" in meta:
        return list(meta["pooled_metrics"] or [])
    return (
        list(POOLED_METRICS)
        if "pooled out-of-fold" in str(meta.get("ci_method"))
        else []
    )


def legacy_note(record: dict) -> str | None:
    """What a reader must know about a record of an older schema (None: current)."""
    return (
        LEGACY_SCHEMAS.get(record.get("schema")) if isinstance(record, dict) else None
    )


def _key(strategy: str, model: str) -> str:
    return f"{strategy}|{model}"


def _round(value: Any) -> Any:
    """JSON-ready copy: numpy scalars/arrays to Python, floats rounded, NaN -> None."""
    if isinstance(value, dict):
        return {str(k): _round(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_round(v) for v in value]
    if isinstance(value, np.ndarray):
        if value.dtype.kind == "f" and np.isfinite(value).all():
            # Vectorised: the out-of-fold scores hold millions of floats on large
            # tables (np.round may differ from round() in the last digit kept).
            return np.round(value.astype(np.float64), 6).tolist()
        return _round(value.tolist())
    if isinstance(value, (np.integer, np.bool_)):
        return value.item()
    if isinstance(value, (float, np.floating)):
        value = float(value)
        return round(value, 6) if math.isfinite(value) else None
    return value


def _versions(models: Sequence[str]) -> dict[str, str]:
    packages = ["smoteguard", "numpy", "scipy", "scikit-learn", "pandas", "joblib"]
    packages += [
        p for p, m in (("xgboost", "xgb"), ("lightgbm", "lgbm")) if m in models
    ]
    out = {"python": platform.python_version()}
    for package in packages:
        try:
            out[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            out[package] = "unknown"
    return out


def _as_frame(X: Any) -> pd.DataFrame:
    if isinstance(X, pd.DataFrame):
        # Columns are addressed by their names as text (results, reports, CLI).
        names = [str(c) for c in X.columns]
        if len(set(names)) != len(names):
            raise ValueError(
                "X has column names that are equal as text (e.g. 1 and '1'); give "
                "every column a distinct name."
            )
        return X if list(X.columns) == names else X.set_axis(names, axis=1)
    values = np.asarray(X)
    if values.ndim != 2:
        raise ValueError(
            f"X must be 2-D (rows x features); got shape {values.shape}. Reshape a "
            "single feature with X.reshape(-1, 1)."
        )
    return pd.DataFrame(values, columns=[f"x{i}" for i in range(values.shape[1])])


def _paired(a: pd.DataFrame, b: pd.DataFrame, n_splits: int, confidence: float) -> dict:
    """Per-metric summary of ``a - b`` on matching folds."""
    ratio = 1.0 / (n_splits - 1)
    return {
        m: summarize(a[m].to_numpy() - b[m].to_numpy(), ratio, confidence)
        for m in METRICS
    }


def _rank_key(entry: dict, metric: str) -> float:
    mean = entry["metrics"][metric]["mean"]
    if mean is None:
        return math.inf
    return -mean if HIGHER_IS_BETTER[metric] else mean


def _accuracy_warning(entries: list[dict], majority_rate: float) -> list:
    """One warning naming the pipeline whose accuracy is closest to the
    majority-class rate (and how many others are as uninformative)."""
    near = sorted(
        (abs(acc - majority_rate), i)
        for i, r in enumerate(entries)
        if (acc := r["metrics"]["accuracy"]["mean"]) is not None
        and abs(acc - majority_rate) <= ACCURACY_MARGIN
    )
    if not near:
        return []
    closest = entries[near[0][1]]
    where = f"{closest['strategy']} + {closest['model']}"
    if len(near) > 1:
        where += f" (and {len(near) - 1} other pipeline(s))"
    return check_accuracy(closest["metrics"]["accuracy"]["mean"], majority_rate, where)


@dataclass
class _Pair:
    strategy: str
    model: str
    estimator: Any
    resamples: bool


def _select_strategies(
    names: Sequence[str] | None, n_classes: int, ratio: float
) -> tuple[list[str], dict[str, str]]:
    chosen, skipped = [], {}
    for name in resolve_strategies(None if names is None else list(names)):
        strategy = STRATEGIES[name]
        if strategy.binary_only and n_classes > 2:
            skipped[name] = "needs a binary target"
        elif strategy.ratio is not None and strategy.ratio <= ratio + 1e-9:
            skipped[name] = (
                f"the data's minority/majority ratio is already {ratio:.2f}, so "
                f"resampling to {strategy.ratio:g} would do nothing"
            )
        else:
            chosen.append(name)
    return chosen, skipped


def _shifted(progress: Progress | None, offset: int, total: int) -> Progress | None:
    """``progress`` for one batch of calls, counting the calls before it."""
    if progress is None:
        return None
    return lambda done, _: progress(offset + done, total)


def _neighbour_shortfalls(
    pairs: Sequence[_Pair], y: np.ndarray, splits: Sequence[Any]
) -> dict[str, str]:
    """Strategies whose sampler needs more rows of a class than the smallest training
    fold has (``k_neighbors`` neighbours plus the row itself), with the reason."""
    smallest = min(
        int(counts[counts > 0].min())
        for counts in (np.bincount(y[s.train]) for s in splits)
    )
    reasons = {}
    for pair in pairs:
        for sampler in samplers_in(pair.estimator):
            k = getattr(sampler, "k_neighbors", None)
            if isinstance(k, (int, np.integer)) and smallest <= k:
                reasons.setdefault(
                    pair.strategy,
                    f"the smallest class has only {smallest} rows in some training "
                    f"fold, and {type(sampler).__name__} with k_neighbors={k} needs "
                    f"at least {k + 1}; use fewer folds or collect more minority rows",
                )
    return reasons


def _pair_differences(
    fold_frames: dict[str, pd.DataFrame],
    pooled: dict[str, Any],
    metric: str,
    n_splits: int,
    confidence: float,
    common: Any,
) -> Any:
    """``paired((strategy, model), (strategy, model))`` on the primary metric, for
    :func:`~smoteguard.evaluation.verdict.recommend`; ``common(a, b)`` gives the
    two pipelines' folds and pooled scores on the folds both ran (a pipeline the
    race stopped ran fewer)."""

    def paired(a: tuple[str, str], b: tuple[str, str]) -> dict:
        folds_a, folds_b, pooled_a, pooled_b = common(_key(*a), _key(*b))
        diff = summarize_paired(
            folds_a, folds_b, n_splits, confidence, pooled_a, pooled_b
        )
        return _round(diff[metric])

    return paired


#: Metric of the leak-inflation column: ROC-AUC does not depend on the share of
#: positives, which a 1:1 leaky view changes (PR-AUC's chance level goes with it).
LEAK_METRIC = "roc_auc"


def _leak_meta(leaky: bool, holdout: float | None, leak_repeats: int) -> dict:
    """The ``meta`` fields that say how the leak check was built."""
    return {
        "leaky_protocol": LEAKY_PROTOCOL if leaky else None,
        "leaky_holdout_protocol": LEAKY_HOLDOUT_PROTOCOL if leaky and holdout else None,
        "leak_metric": LEAK_METRIC if leaky else None,
        "leak_repeats": leak_repeats if leaky else None,
        "leak_interval": LEAK_INTERVAL if leaky else None,
    }


def _by_head(pairs: Sequence[_Pair]) -> list[list[_Pair]]:
    """Resampling pairs grouped by identical heads (steps up to the last sampler),
    in first-seen order: one resampled table serves the whole group."""
    groups: dict[str, list[_Pair]] = {}
    for pair in pairs:
        head = clone(hoist_sampler(pair.estimator)[0])
        groups.setdefault(joblib.hash(head), []).append(pair)
    return list(groups.values())


def _leak_check(
    pairs: Sequence[_Pair],
    cv_table: tuple[Any, np.ndarray],
    whole_table: tuple[Any, np.ndarray] | None,
    *,
    cv: int,
    n_repeats: int,
    holdout: float | None,
    random_state: int,
    n_classes: int,
    n_jobs: int | None,
    progress: Progress | None,
) -> dict[str, dict]:
    """The leaky views (:mod:`~smoteguard.evaluation.leakage`) of resampling pairs.

    ``cv_table`` is the cross-validated ``(X, y)``; ``whole_table`` the whole table
    for the leaky holdout view (None without a holdout). Returns ``"strategy|model"``
    -> ``{"folds": DataFrame, "holdout": dict or None}``.
    """
    out: dict[str, dict] = {}
    done = 0
    for group in _by_head(pairs):
        estimators = [pair.estimator for pair in group]
        # One resampled table at a time: on large data each is as big as the input
        # or bigger.
        frames = leaky_cross_validation(
            estimators,
            *cv_table,
            n_splits=cv,
            n_repeats=n_repeats,
            random_state=random_state,
            n_classes=n_classes,
            n_jobs=n_jobs,
            progress=_shifted(progress, done, 0),  # the caller knows the total
        )
        done += len(group) * len(frames[0])
        holdouts: list[dict | None] = [None] * len(group)
        if whole_table is not None:
            holdouts = leaky_holdout(
                estimators,
                *whole_table,
                test_size=holdout,
                random_state=random_state,
                n_classes=n_classes,
            )
            done += len(group)
            if progress is not None:
                progress(done, 0)
        for pair, (folds, pooled), scored in zip(group, frames, holdouts):
            out[_key(pair.strategy, pair.model)] = {
                "folds": folds,
                "pooled": pooled,
                "holdout": scored,
            }
    return out


def _leak_summary(
    leak: dict | None,
    clean: pd.DataFrame,
    clean_pooled: PooledScores,
    clean_metrics: dict,
    clean_share: Sequence[float],
    cv: int,
    confidence: float,
) -> dict:
    """``inflation`` and ``leak_check`` of one result (both None without a leak
    check).

    The leaky view is estimated exactly as the clean one
    (:func:`~.summaries.summarize_pipeline`: ROC-AUC and PR-AUC pooled per repeat,
    PR-AUC bias-corrected; other metrics fold means), and the inflation is the
    difference of the two estimates, so ``leaky - clean == inflation`` wherever
    they are shown. The two views' folds and bootstrap rows hold different rows
    (the leaky folds are drawn over the resampled table, ``leak_repeats`` times),
    so they are treated as independent: the interval of the difference adds
    their variances (:func:`~.leakage.inflation_interval`).
    """
    if leak is None:
        return {"inflation": None, "leak_check": None}
    leaky, leaky_pooled = leak["folds"], leak["pooled"]
    leaky_summary = _round(
        summarize_pipeline(leaky, cv, confidence, leaky_pooled).to_dict(orient="index")
    )
    clean_summary = _round(clean_metrics)
    inflation = {}
    for m in METRICS:
        folds_l, folds_c = leaky[m].to_numpy(float), clean[m].to_numpy(float)
        if m in leaky_pooled and m in clean_pooled:
            (est_l, rep_l), (est_c, rep_c) = leaky_pooled[m], clean_pooled[m]
        else:
            est_l, est_c = np.nanmean(folds_l), np.nanmean(folds_c)
            rep_l = rep_c = None
        row = inflation_interval(
            (est_l, folds_l, rep_l), (est_c, folds_c, rep_c), 1.0 / (cv - 1), confidence
        )
        leaky_mean, clean_mean = leaky_summary[m]["mean"], clean_summary[m]["mean"]
        difference = (
            None
            if leaky_mean is None or clean_mean is None
            else leaky_mean - clean_mean
        )
        row = _clip_inflation(row, clean_mean, RANGES[m])
        inflation[m] = {**row, "leaky_mean": leaky_mean, "mean": difference}
    return {
        "inflation": inflation,
        "leak_check": {
            "positive_share": {
                "clean": _mean_share(clean_share),
                "leaky": _mean_share(leaky["positive_share"]),
            },
            "holdout": leak["holdout"],
        },
    }


def _clip_inflation(
    row: dict, clean: float | None, bounds: tuple[float, float]
) -> dict:
    """The inflation's interval cut to what it can be: the leaky score lies in the
    metric's range, so leaky - clean lies in ``[low - clean, high - clean]``."""
    if clean is None or not np.isfinite(clean):
        return row
    low, high = bounds[0] - clean, bounds[1] - clean
    out = dict(row)
    for key in ("ci_low", "ci_high"):
        value = out.get(key)
        if value is not None and np.isfinite(value):
            out[key] = float(min(max(value, low), high))
    return out


def _mean_share(shares: Any) -> float:
    """Mean positive share over folds; NaN for multiclass targets (all NaN)."""
    values = np.asarray(shares, dtype=float)
    return float(values.mean()) if np.isfinite(values).all() else float("nan")


def _fold_records(
    clean: dict[str, pd.DataFrame],
    leaks: dict[str, dict],
    clean_share: Sequence[float],
) -> list[dict]:
    """Tidy per-fold records of both views (``folds``, ``results.csv``)."""
    records = []
    for key, folds in clean.items():
        shares = list(clean_share)[: len(folds)]
        views = [("clean", folds.assign(positive_share=shares))]
        if key in leaks:
            views.append(("leaky", leaks[key]["folds"]))
        strategy, model = key.split("|")
        for protocol, frame in views:
            tidy = frame.assign(strategy=strategy, model=model, protocol=protocol)
            records += tidy.to_dict(orient="records")
    order = ["strategy", "model", "protocol", "repeat", "fold"]
    return [
        {k: r[k] for k in order} | {k: v for k, v in r.items() if k not in order}
        for r in records
    ]


def _paired_summary(views: tuple, cv: int, confidence: float) -> dict:
    folds_a, folds_b, pooled_a, pooled_b = views
    return summarize_paired(folds_a, folds_b, cv, confidence, pooled_a, pooled_b)


def compare(
    X: Any,
    y: Any,
    *,
    models: Sequence[str] | None = None,
    strategies: Sequence[str] | None = None,
    metric: str = "pr_auc",
    cv: int = 5,
    n_repeats: int = 3,
    holdout: float | None = None,
    pos_label: Any = None,
    random_state: int = 0,
    n_jobs: int | None = -1,
    leaky: bool = True,
    confidence: float = 0.95,
    progress: Progress | None = None,
    source: str | None = None,
    command: Sequence[str] | None = None,
    target_type: str = "auto",
    leak_repeats: int = LEAK_REPEATS,
    racing: bool = True,
) -> ComparisonResult:
    """Compare imbalance strategies x models on the same stratified repeated folds.

    Every pipeline is ``[per-fold preprocessing, (sampler), classifier]`` refitted on
    each training fold, so the scores are honest. For every resampling strategy the
    leak check (:mod:`~smoteguard.evaluation.leakage`) also runs the real mistake --
    resample the whole table once, then the same repeated stratified k-fold over
    the resampled rows with fresh folds -- to show how much it would inflate the
    scores (in ROC-AUC; see the module docstring).

    Parameters
    ----------
    X : DataFrame or array-like of shape (n_samples, n_features)
        Raw features: missing values, string and ID columns are handled (see
        :mod:`~smoteguard.evaluation.preprocessing`).
    y : array-like of shape (n_samples,)
    models : str or list of str, optional
        Registered model name(s); default ``lr``, ``rf``, ``hgb``, without ``rf``
        above 10,000 cross-validated rows (see
        :func:`~smoteguard.evaluation.models.default_models`; the result's
        messages say so).
    strategies : str or list of str, optional
        Registered strategy name(s) or families (``smote``); default all defaults.
        ``none`` always runs: it is the baseline.
    metric : str, default="pr_auc"
        Primary metric for the ranking (one of :data:`~.metrics.METRICS`).
    cv, n_repeats : int, default=5, 3
    holdout : float, optional
        Fraction kept aside; the recommended pipeline is refitted on the rest and
        scored on it once.
    pos_label : label, optional
        Positive class (binary); default the minority class.
    random_state : int, default=0
    n_jobs : int or None, default=-1
        Parallel folds (joblib): -1 uses every core (:func:`joblib.cpu_count`),
        None or 1 runs sequentially; results do not depend on it.
    leaky : bool, default=True
        Run the leak check for resampling strategies (with ``holdout``, also its
        single-split version).
    leak_repeats : int, default=1
        Repeats of the leak check's k-fold (1 to ``n_repeats``). The inflation is
        a diagnostic, not a ranked result: its interval (``meta.leak_interval``)
        comes from these folds alone.
    racing : bool, default=True
        Evaluate repeat by repeat and stop pipelines that are clearly below the
        leader (:mod:`~smoteguard.evaluation.racing`; the result's
        ``meta.racing``, ``folds_run`` and messages say which, after how many
        folds). The leader and everything within noise of it run every fold.
        False runs every pipeline on every fold.
    confidence : float, default=0.95
    progress : callable, optional
        ``progress(done, total)`` after each fitted fold.
    source, command : optional
        Recorded in the result (data origin; command line as a string or list).
    target_type : {"auto", "multiclass"}, default="auto"
        ``"auto"`` refuses a numeric target that looks continuous (non-integer
        values, or more than 10 distinct values); binarize such a target first,
        or pass ``"multiclass"`` to confirm that every value is a class.

    Returns
    -------
    ComparisonResult

    Raises
    ------
    TypeError, ValueError
        Before any fitting, for bad parameters or data, naming the parameter (see
        :func:`~smoteguard.evaluation._validation.check_compare_inputs`).
    """
    refuse_dask("compare()", X, y, lazy=EVALUATION_ADVICE)
    started = time.time()
    checked = check_compare_inputs(
        X,
        y,
        models=models,
        strategies=strategies,
        metric=metric,
        cv=cv,
        n_repeats=n_repeats,
        holdout=holdout,
        pos_label=pos_label,
        random_state=random_state,
        n_jobs=n_jobs,
        leaky=leaky,
        confidence=confidence,
        progress=progress,
        command=command,
        target_type=target_type,
    )
    models, strategies, command = checked.models, checked.strategies, checked.command
    check_leak_repeats(leak_repeats, n_repeats)
    holdout = holdout or None
    if models is not None:
        model_names, skipped_models = list(models), {}
        specs = {name: get_model(name) for name in model_names}

    frame = _as_frame(X)
    if len(frame) != len(y):
        raise ValueError(
            f"X has {len(frame)} rows but y has {len(y)}; pass one label per row."
        )
    target = encode_target(y, pos_label)
    plan = plan_columns(frame)
    prepared = prepare_frame(frame, plan)
    codes = target.codes
    cv_rows, holdout_rows = np.arange(len(codes)), np.empty(0, dtype=np.int64)
    if holdout:
        cv_rows, holdout_rows = split_holdout(codes, holdout, random_state)
    X_cv, y_cv = prepared.iloc[cv_rows], codes[cv_rows]
    if models is None:
        model_names, skipped_models = default_models(len(cv_rows))
        specs = {name: get_model(name) for name in model_names}
    counts = np.bincount(y_cv, minlength=target.n_classes)
    data_ratio = counts.min() / counts.max()
    splits = make_splits(y_cv, cv, n_repeats, random_state)
    chosen, skipped = _select_strategies(strategies, target.n_classes, data_ratio)

    pairs = []
    for strategy in chosen:
        for model in model_names:
            estimator = STRATEGIES[strategy].build(
                model,
                random_state,
                preprocessor=make_preprocessor(plan, scale=specs[model].scale),
                metric=metric,
            )
            pairs.append(_Pair(strategy, model, estimator, contains_sampler(estimator)))

    too_small = _neighbour_shortfalls(pairs, y_cv, splits)
    if too_small:
        pairs = [p for p in pairs if p.strategy not in too_small]
        chosen = [s for s in chosen if s not in too_small]
        skipped.update(too_small)

    # One exact neighbour graph for every fold of every SMOTE-family strategy.
    graph = shared_graph([p.estimator for p in pairs if p.resamples], X_cv, y_cv)
    groups = group_members(
        [
            member_of(
                pair.strategy,
                pair.model,
                pair.estimator,
                pair.resamples,
                make_preprocessor(plan, scale=specs[pair.model].scale),
                random_state,
                metric,
            )
            for pair in pairs
        ]
    )
    race = (
        Race(
            [_key(p.strategy, p.model) for p in pairs],
            cv,
            n_repeats,
            higher_is_better=HIGHER_IS_BETTER[metric],
        )
        if racing
        else None
    )
    resampling = [pair for pair in pairs if pair.resamples] if leaky else []
    n_leaky = len(resampling) * (cv * leak_repeats + bool(len(holdout_rows)))
    n_clean = len(groups) * len(splits)

    def clean_progress(done: int, total: int) -> None:
        if progress is not None:
            progress(done, total + n_leaky)

    notes: list[tuple[str, str]] = []
    outputs = run_clean_cv(
        groups,
        X_cv,
        y_cv,
        splits,
        target.n_classes,
        metric=metric,
        race=race,
        graph=graph,
        n_jobs=n_jobs,
        progress=clean_progress,
        notes=notes,
    )
    fold_frames: dict[str, pd.DataFrame] = {}
    oof_scores: dict[str, np.ndarray] = {}
    matrices: dict[str, np.ndarray] = {}
    for key, fold_outputs in outputs.items():
        folds, scores, preds = collect_folds(
            splits[: len(fold_outputs)], fold_outputs, y_cv, target.n_classes
        )
        fold_frames[key], oof_scores[key] = folds, scores
        matrices[key] = pooled_confusion(y_cv, preds, target.n_classes)
    n_clean = clean_fits_done(groups, race, cv * n_repeats)
    leaks = (
        _leak_check(
            resampling,
            (X_cv, y_cv),
            (prepared, codes) if len(holdout_rows) else None,
            cv=cv,
            n_repeats=leak_repeats,
            holdout=holdout,
            random_state=random_state,
            n_classes=target.n_classes,
            n_jobs=n_jobs,
            progress=_shifted(progress, n_clean, n_clean + n_leaky),
        )
        if resampling
        else {}
    )
    clean_share = [positive_share(y_cv, s.test, target.n_classes) for s in splits]

    pooled = {
        key: pooled_scores(y_cv, scores, target.n_classes, random_state)
        for key, scores in oof_scores.items()
    }

    def common(a: str, b: str) -> tuple:
        return paired_views(
            fold_frames, oof_scores, pooled, a, b, y_cv, target.n_classes, random_state
        )

    results: dict[str, dict] = {}
    for pair in pairs:
        key = _key(pair.strategy, pair.model)
        folds = fold_frames[key]
        none_key = _key("none", pair.model)
        results[key] = {
            "strategy": pair.strategy,
            "model": pair.model,
            "resamples": pair.resamples,
            "rank": None,
            "metrics": summarize_pipeline(folds, cv, confidence, pooled[key]).to_dict(
                orient="index"
            ),
            "vs_none": None
            if pair.strategy == "none"
            else _paired_summary(common(key, none_key), cv, confidence),
            "inflation": None,
            "confusion_matrix": matrices[key],
            "folds_run": len(folds),
            "stopped_early": race is not None and key in race.stopped,
        }
        results[key].update(
            _leak_summary(
                leaks.get(key),
                folds,
                pooled[key],
                results[key]["metrics"],
                clean_share,
                cv,
                confidence,
            )
        )

    record_results = _round(list(results.values()))
    ranking = sorted(record_results, key=lambda r: _rank_key(r, metric))
    for rank, entry in enumerate(ranking, start=1):
        entry["rank"] = rank
    recommendation = _round(
        recommend(
            ranking,
            metric,
            _pair_differences(fold_frames, pooled, metric, cv, confidence, common),
        )
    )
    if len(holdout_rows):
        best = next(
            p
            for p in pairs
            if (p.strategy, p.model)
            == (recommendation["strategy"], recommendation["model"])
        )
        (pred, score), caught = call_recording(
            fit_predict,
            (
                best.estimator,
                X_cv,
                y_cv,
                np.arange(len(y_cv)),
                holdout_rows,
                target.n_classes,
                prepared.iloc[holdout_rows],
            ),
        )
        notes += caught
        recommendation["holdout"] = _round(
            compute_metrics(codes[holdout_rows], pred, score, target.n_classes)
        )

    numeric = X_cv[plan.numeric].to_numpy() if plan.numeric else None
    warnings: list[EvaluationWarning] = check_resampled_input(y_cv, numeric)
    warnings += check_fold_sizes(
        min(int(f["n_test_minority"].min()) for f in fold_frames.values()),
        cv,
        n_repeats,
        int(counts.min()),
        smallest_class_name(y_cv, target),
    )
    warnings += _accuracy_warning(record_results, target.majority_rate)
    warnings += fold_notes(notes, target.classes, n_clean)
    if leaks:
        warnings.append(leaky_view_warning())

    sweep = []
    for model in model_names:
        entries = [
            (data_ratio, "none"),
            *[
                (STRATEGIES[s].ratio, s)
                for s in chosen
                if STRATEGIES[s].family == "smote" and STRATEGIES[s].ratio
            ],
        ]
        for ratio, strategy in entries:
            m = results[_key(strategy, model)]["metrics"][metric]
            sweep.append({"model": model, "strategy": strategy, "ratio": ratio, **m})

    fold_records = _fold_records(fold_frames, leaks, clean_share)

    record = {
        "schema": SCHEMA,
        "meta": {
            "command": list(command) if command is not None else None,
            "seed": random_state,
            "cv": cv,
            "n_repeats": n_repeats,
            "holdout": holdout,
            "metric": metric,
            "confidence": confidence,
            "ci_method": CI_METHOD,
            "pooled_metrics": list(POOLED_METRICS) if target.n_classes == 2 else [],
            "estimate_method": ESTIMATE_METHOD,
            **_leak_meta(leaky, holdout, leak_repeats),
            "racing": racing_record(race),
            "versions": _versions(model_names),
        },
        "data": _data_summary(frame, y, plan, target, source, cv_rows, holdout_rows),
        "strategies": [
            {
                "name": s,
                "description": STRATEGIES[s].description,
                "family": STRATEGIES[s].family,
                "ratio": STRATEGIES[s].ratio,
                "resamples": any(p.resamples for p in pairs if p.strategy == s),
            }
            for s in chosen
        ],
        "skipped_strategies": skipped,
        "skipped_models": skipped_models,
        "models": [{"name": m, "label": specs[m].label} for m in model_names],
        "results": ranking,
        "folds": fold_records,
        "oof": {
            "y_true": y_cv,
            "row_position": cv_rows,
            "fold": fold_assignment(splits, len(y_cv)),
            "scores": oof_scores,
        },
        "ratio_sweep": sweep,
        "recommendation": recommendation,
        "warnings": [w.to_dict() for w in warnings],
        "messages": plan.messages()
        + racing_messages(race, len(splits))
        + [f"skipped strategy {s!r}: {why}" for s, why in skipped.items()]
        + [f"skipped model {m!r}: {why}" for m, why in skipped_models.items()],
    }
    record = _round(record)
    finished = time.time()
    record["timings"] = {
        "started": datetime.fromtimestamp(started, timezone.utc).isoformat(),
        "finished": datetime.fromtimestamp(finished, timezone.utc).isoformat(),
        "seconds": round(finished - started, 3),
    }
    return ComparisonResult(record)


def _data_summary(
    frame: pd.DataFrame,
    y: Any,
    plan: ColumnPlan,
    target: Any,
    source: str | None,
    cv_rows: np.ndarray,
    holdout_rows: np.ndarray,
) -> dict:
    n = len(target.codes)
    minority, majority = min(target.counts.values()), max(target.counts.values())
    return {
        "source": source,
        "n_rows": n,
        "n_cv_rows": len(cv_rows),
        "n_holdout_rows": len(holdout_rows),
        "n_features": frame.shape[1],
        "target": getattr(y, "name", None),
        "classes": target.classes,
        "class_counts": {str(k): v for k, v in target.counts.items()},
        "positive_label": target.positive_label,
        "minority_rate": minority / n,
        "majority_rate": majority / n,
        "imbalance_ratio": majority / minority,
        "numeric_columns": plan.numeric,
        "categorical_columns": plan.categorical,
        "dropped_columns": plan.dropped,
    }


class ComparisonResult:
    """What :func:`compare` found; a JSON-ready ``record`` plus views of it.

    Parameters
    ----------
    record : dict
        The full result, in the schema described in this module's docstring
        (what ``results.json`` holds).
    """

    def __init__(self, record: dict) -> None:
        self.record = record

    # -- views -------------------------------------------------------------------
    @property
    def metric(self) -> str:
        """The primary metric."""
        return self.record["meta"]["metric"]

    def to_frame(self, *, leak_metric: str | None = None) -> pd.DataFrame:
        """One row per strategy x model, best first.

        Parameters
        ----------
        leak_metric : str, optional
            Metric of the ``leak_inflation`` column; default the record's
            ``meta.leak_metric`` (ROC-AUC, which does not move with the share of
            positives; see :meth:`inflation` for every metric).

        Returns
        -------
        DataFrame
            Columns: ``rank``, ``strategy``, ``model``, the mean of every metric,
            the primary metric's ``ci_low``/``ci_high``, the paired difference to
            ``none`` (``vs_none``, ``vs_none_low``, ``vs_none_high``) and
            ``leak_inflation`` (leaky minus clean in ``leak_metric``; NaN for
            non-resampling strategies).
        """
        metric = self.metric
        leak_metric = leak_metric or self.leak_metric
        if leak_metric not in METRICS:
            raise ValueError(
                f"Unknown leak_metric {leak_metric!r}; choose from "
                f"{', '.join(METRICS)}."
            )
        rows = []
        for r in self.record["results"]:
            diff = (r["vs_none"] or {}).get(metric) or {}
            inflation = (r["inflation"] or {}).get(leak_metric) or {}
            rows.append(
                {
                    "rank": r["rank"],
                    "strategy": r["strategy"],
                    "model": r["model"],
                    **{m: r["metrics"][m]["mean"] for m in METRICS},
                    "ci_low": r["metrics"][metric]["ci_low"],
                    "ci_high": r["metrics"][metric]["ci_high"],
                    "vs_none": diff.get("mean"),
                    "vs_none_low": diff.get("ci_low"),
                    "vs_none_high": diff.get("ci_high"),
                    "leak_inflation": inflation.get("mean"),
                }
            )
        return pd.DataFrame(rows).astype({m: float for m in METRICS})

    @property
    def leak_metric(self) -> str:
        """Metric of the leak-inflation column (``"roc_auc"``; records written
        before it was recorded showed the primary metric)."""
        return self.record["meta"].get("leak_metric") or self.metric

    def best(self) -> dict:
        """The recommendation: strategy, model, score with CI, paired differences,
        verdict ``message`` and the holdout score (if a holdout was used).

        Records of an older schema lack some keys (``headline``, ``at_chance``,
        ``baseline``, ...); they are present here as None, so code written for
        the current schema reads both.
        """
        best = dict(self.record["recommendation"])
        for key in (
            "headline",
            "at_chance",
            "inconclusive",
            "baseline",
            "vs_baseline",
            "holdout",
        ):
            best.setdefault(key, None)
        return best

    @property
    def note(self) -> str | None:
        """What to know about a record of an older schema (None for current ones)."""
        return legacy_note(self.record)

    @property
    def estimate(self) -> str:
        """How the primary metric's point estimate was computed, in words."""
        meta = self.record["meta"]
        pooled = self.metric in pooled_metrics_of(meta)
        return describe_estimate(self.metric, pooled, meta.get("n_repeats"))

    def inflation(self) -> pd.DataFrame:
        """Leak inflation per resampling strategy x model x metric.

        Columns: ``strategy``, ``model``, ``metric``, ``clean`` (honest mean),
        ``leaky`` (what the leaky workflow would have reported), ``inflation``
        (leaky minus clean) and its ``ci_low``/``ci_high``, and
        ``clean_positive_share``/``leaky_positive_share``: the share of positives
        among each view's validation rows, the chance level of PR-AUC (NaN for
        multiclass targets). Read PR-AUC against them: a 1:1 leaky view's chance
        level is about 0.5. ``clean`` and ``leaky`` are estimated the same way
        (:attr:`estimate`), so ``inflation == leaky - clean``.

        Strategies that were requested but not run (a SMOTE ratio below the data's
        own, a sampler that cannot run on this data) have no rows; they are listed
        with the reason in ``attrs["skipped"]`` of the returned frame, in
        ``record["skipped_strategies"]`` and in the messages.
        """
        rows = []
        for r in self.record["results"]:
            shares = (r.get("leak_check") or {}).get("positive_share") or {}
            for m, v in (r["inflation"] or {}).items():
                rows.append(
                    {
                        "strategy": r["strategy"],
                        "model": r["model"],
                        "metric": m,
                        "clean": r["metrics"][m]["mean"],
                        "leaky": v["leaky_mean"],
                        "inflation": v["mean"],
                        "ci_low": v["ci_low"],
                        "ci_high": v["ci_high"],
                        "clean_positive_share": shares.get("clean"),
                        "leaky_positive_share": shares.get("leaky"),
                    }
                )
        columns = ["strategy", "model", "metric", "clean", "leaky", "inflation"]
        columns += ["ci_low", "ci_high", "clean_positive_share", "leaky_positive_share"]
        frame = pd.DataFrame(rows, columns=columns).astype(
            {c: float for c in columns[3:]}
        )
        frame.attrs["skipped"] = dict(self.record.get("skipped_strategies") or {})
        return frame

    def folds(self) -> pd.DataFrame:
        """Tidy per-fold metrics (clean and leaky protocols), as in results.csv."""
        return pd.DataFrame(self.record["folds"])

    def oof_scores(self, strategy: str, model: str) -> np.ndarray:
        """Out-of-fold scores ``(n_repeats, n_rows[, n_classes])`` of one pipeline."""
        return np.asarray(
            self.record["oof"]["scores"][_key(strategy, model)], dtype=float
        )

    @property
    def warnings(self) -> list[str]:
        """Warning messages."""
        return [w["message"] for w in self.record["warnings"]]

    # -- persistence -------------------------------------------------------------
    def to_json(self) -> str:
        """The record as JSON text (the whole of it, ``oof`` included)."""
        return record_to_json(self.record, indent=1)

    def save(
        self, directory: str | Path, *, oof_file: bool | None = None
    ) -> tuple[Path, Path]:
        """Write ``results.json`` and the tidy per-fold ``results.csv``.

        Parameters
        ----------
        directory : str or Path
            Created if needed.
        oof_file : bool or None, default=None
            Write the out-of-fold scores to ``oof.npz`` beside ``results.json``
            (which then refers to it) instead of into it. None: only when they
            hold more than a million scores (large tables; see
            :mod:`smoteguard.evaluation._oof_file`). Keep the two files together.

        Returns
        -------
        (json path, csv path)
        """
        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        json_path, csv_path = out / "results.json", out / "results.csv"
        record = self.record
        if oof_file is None:
            oof_file = n_oof_values(record) > INLINE_MAX_VALUES
        if oof_file and record.get("oof"):
            record = {**record, "oof": write_oof(record["oof"], out)}
        json_path.write_text(record_to_json(record, indent=1) + "\n", encoding="utf-8")
        self.folds().to_csv(csv_path, index=False)
        return json_path, csv_path

    @classmethod
    def load(cls, path: str | Path) -> ComparisonResult:
        """Read a ``results.json`` written by :meth:`save` (and its ``oof.npz``,
        when it refers to one)."""
        path = Path(path)
        record = json.loads(path.read_text(encoding="utf-8"))
        schema = record.get("schema") if isinstance(record, dict) else None
        if schema != SCHEMA and schema not in LEGACY_SCHEMAS:
            raise ValueError(
                f"{path} is not a smoteguard comparison (schema "
                f"{schema!r}, expected {SCHEMA!r})."
            )
        result = cls(resolve_oof(record, path.parent))
        if result.note:
            _warnings.warn(f"{path}: {result.note}", UserWarning, stacklevel=2)
        return result

    # -- display -----------------------------------------------------------------
    def _repr_html_(self) -> str:
        frame = self.to_frame()
        shown = ["rank", "strategy", "model", self.metric, "ci_low", "ci_high"]
        shown += ["vs_none", "recall", "precision", "mcc", "g_mean", "leak_inflation"]
        table = frame[list(dict.fromkeys(shown))].to_html(
            index=False, float_format=lambda v: f"{v:.3f}", na_rep="–"
        )
        # Strategy and model names are free text (register_strategy/register_model).
        verdict = html.escape(self.record["recommendation"]["message"])
        notes = "".join(
            f"<p><i>Note:</i> {html.escape(message)}</p>"
            for message in [self.note or "", *(self.record.get("messages") or [])]
            if message
        )
        notes += "".join(
            f"<p><i>Warning:</i> {html.escape(message)}</p>"
            for message in self.warnings
        )
        return f"<p><b>Recommendation:</b> {verdict}</p>{table}{notes}"

    def __repr__(self) -> str:
        best = self.record["recommendation"]
        return (
            f"ComparisonResult({len(self.record['results'])} pipelines, best "
            f"{best['strategy']} + {best['model']}: {self.metric} {best['mean']:.3f})"
        )
