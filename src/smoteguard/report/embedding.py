"""The 2-D view of real and synthetic rows: what a sampler did, in one picture.

:func:`sampler_embedding` fits the preprocessing steps of a strategy's pipeline on
all rows, runs its sampler once on the preprocessed features, and projects every
row onto the first two principal components of the *real* (standardised) rows.
Provenance tells synthetic rows from real ones, and an under-sampler's dropped rows
from the kept ones. Only a capped, seeded subsample of the coordinates is kept,
rounded to 3 decimals, so the result is small enough to live in ``results.json``
(see :meth:`Embedding.to_dict`): ``smoteguard report results.json`` can redraw the
plot without the data.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from sklearn.base import clone
from sklearn.decomposition import PCA
from sklearn.preprocessing import StandardScaler

from .._sampler_steps import find_sampler
from .data import Embedding

__all__ = [
    "attach_embedding",
    "comparison_embedding",
    "find_sampler",
    "sampler_embedding",
]

#: Points kept per kind (majority, minority, synthetic, removed) at most.
MAX_POINTS_PER_KIND = 300


def _subsample(xy: np.ndarray, rng: np.random.Generator, cap: int) -> np.ndarray:
    if len(xy) > cap:
        xy = xy[np.sort(rng.choice(len(xy), size=cap, replace=False))]
    return np.round(xy, 3)


def sampler_embedding(
    estimator: Any,
    X: Any,
    y: Any,
    *,
    name: str | None = None,
    note: str = "",
    max_points_per_kind: int = MAX_POINTS_PER_KIND,
    random_state: int = 0,
) -> Embedding | None:
    """Refit a strategy's sampler on all rows and project the result to 2-D.

    Parameters
    ----------
    estimator : estimator
        An unfitted strategy estimator, usually a :class:`smoteguard.Pipeline`
        ``[preprocess, sampler, model]``; it is cloned, never modified.
    X : array-like or DataFrame
        The features the pipeline takes (before its preprocessing).
    y : array-like
        Labels; the smallest class is "minority", every other class "majority".
    name : str, optional
        Title of the plot; defaults to the sampler's ``repr``.
    note : str, optional
        Shown under the plot (e.g. why this sampler stands in for the
        recommendation).
    max_points_per_kind : int, default=300
    random_state : int, default=0
        Seed of the subsample.

    Returns
    -------
    Embedding or None
        None when the estimator has no sampler.
    """
    found = find_sampler(estimator)
    if found is None:
        return None
    steps, sampler = found
    Xt = X
    for step in steps:
        step = clone(step)
        Xt = step.fit_transform(Xt, y)
    sampler = clone(sampler)
    X_res, _ = sampler.fit_resample(Xt, y)
    provenance = sampler.provenance_

    real = np.asarray(Xt, dtype=np.float64)
    labels = np.asarray(y)
    classes, counts = np.unique(labels, return_counts=True)
    is_minority = labels == classes[np.argmin(counts)]
    # Standardise so that no feature dominates the components by its unit.
    scaler = StandardScaler().fit(real)
    pca = PCA(n_components=2, random_state=random_state).fit(scaler.transform(real))
    real_2d = pca.transform(scaler.transform(real))
    synthetic = np.asarray(X_res, dtype=np.float64)[provenance.is_synthetic]
    syn_2d = pca.transform(scaler.transform(synthetic)) if len(synthetic) else synthetic
    kept = np.zeros(len(real), dtype=bool)
    kept[provenance.original_indices] = True

    kinds = {
        "majority": real_2d[~is_minority & kept],
        "removed": real_2d[~kept],
        "minority": real_2d[is_minority & kept],
        "synthetic": syn_2d,
    }
    rng = np.random.default_rng(random_state)
    points = {
        kind: _subsample(xy, rng, max_points_per_kind)
        for kind, xy in kinds.items()
        if len(xy)
    }
    ratio = pca.explained_variance_ratio_
    return Embedding(
        sampler=name or repr(sampler),
        points=points,
        counts={kind: len(xy) for kind, xy in kinds.items() if len(xy)},
        explained_variance=(float(ratio[0]), float(ratio[1])),
        note=note,
    )


def _estimator(record: Mapping[str, Any], plan: Any, strategy: str, model: str) -> Any:
    from ..evaluation.models import get_model
    from ..evaluation.preprocessing import make_preprocessor
    from ..evaluation.strategies import STRATEGIES

    if strategy not in STRATEGIES:
        return None
    meta = record["meta"]
    return STRATEGIES[strategy].build(
        model,
        int(meta["seed"]),
        preprocessor=make_preprocessor(plan, scale=get_model(model).scale),
        metric=meta["metric"],
    )


def _best_smote(record: Mapping[str, Any], model: str) -> tuple[str, float] | None:
    from ..evaluation.metrics import HIGHER_IS_BETTER

    sign = 1 if HIGHER_IS_BETTER.get(record["meta"]["metric"], True) else -1
    sweep = [
        entry
        for entry in record.get("ratio_sweep") or []
        if entry["model"] == model
        and entry["strategy"] != "none"
        and entry.get("mean") is not None
    ]
    if not sweep:
        return None
    best = max(sweep, key=lambda entry: sign * entry["mean"])
    return best["strategy"], float(best["ratio"])


def comparison_embedding(
    record: Mapping[str, Any], X: Any, y: Any, **kwargs: Any
) -> Embedding | None:
    """The 2-D view for a comparison: the recommended pipeline's sampler, refitted
    on the cross-validated rows after that pipeline's preprocessing.

    When the recommended pipeline does not resample, SMOTE at the ratio that scored
    best in the sweep (same model) stands in, and the note says so.

    Parameters
    ----------
    record : mapping
        A comparison record (``ComparisonResult.record``).
    X, y
        The data given to :func:`~smoteguard.evaluation.compare`.
    **kwargs
        Passed to :func:`sampler_embedding`.

    Returns
    -------
    Embedding or None
        None when no strategy of the comparison resamples.
    """
    from ..evaluation.compare import _as_frame
    from ..evaluation.preprocessing import plan_columns, prepare_frame
    from ..evaluation.protocol import encode_target

    # compare's own conversion, so that columns get the same names as in its plan
    frame = _as_frame(X)
    plan = plan_columns(frame)
    rows = np.asarray(record["oof"]["row_position"], dtype=np.int64)
    X_cv = prepare_frame(frame, plan).iloc[rows]
    codes = encode_target(y, record["data"].get("positive_label")).codes[rows]
    rec = record["recommendation"]
    strategy, model = rec["strategy"], rec["model"]
    n_rows = f"{len(rows):,} cross-validated rows"
    estimator = _estimator(record, plan, strategy, model)
    if estimator is not None and find_sampler(estimator) is not None:
        note = (
            f"Sampler of the recommended pipeline ({strategy} + {model}) refitted "
            f"once on all {n_rows}, after the pipeline's preprocessing."
        )
        return sampler_embedding(
            estimator, X_cv, codes, name=f"{strategy} + {model}", note=note, **kwargs
        )
    stand_in = _best_smote(record, model)
    if stand_in is None:
        return None
    smote, ratio = stand_in
    estimator = _estimator(record, plan, smote, model)
    if estimator is None:
        return None
    note = (
        f"The recommended pipeline ({strategy} + {model}) does not resample, so "
        f"this shows SMOTE at the ratio that scored best in the sweep ({ratio:g}, "
        f"strategy {smote}), refitted once on all {n_rows}."
    )
    return sampler_embedding(
        estimator,
        X_cv,
        codes,
        name=f"{smote} + {model} (stand-in)",
        note=note,
        **kwargs,
    )


def attach_embedding(result: Any, X: Any, y: Any, **kwargs: Any) -> bool:
    """Store the 2-D view in a comparison's record under ``"embedding"``.

    ``smoteguard compare`` calls this before saving, so ``results.json`` carries the
    (subsampled) coordinates and ``smoteguard report results.json`` can redraw the
    plot without the data.

    Parameters
    ----------
    result : ComparisonResult or dict
        The comparison (or its record), updated in place.
    X, y
        The data given to :func:`~smoteguard.evaluation.compare`.

    Returns
    -------
    bool
        Whether a view was stored (False when nothing resamples).
    """
    record = getattr(result, "record", result)
    embedding = comparison_embedding(record, X, y, **kwargs)
    if embedding is None:
        return False
    record["embedding"] = embedding.to_dict()
    return True
