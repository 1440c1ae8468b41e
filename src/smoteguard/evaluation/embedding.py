"""The 2-D view of real and synthetic rows: what a sampler did, in one picture.

:func:`sampler_embedding` fits the preprocessing steps of a strategy's pipeline on
all rows, runs its sampler once on the preprocessed features, and projects every
row onto the first two principal components of the *real* (standardised) rows.
Provenance tells synthetic rows from real ones, and an under-sampler's dropped rows
from the kept ones. Only a capped, seeded subsample of the coordinates is kept,
rounded to 3 decimals, so the result is small enough to live in ``results.json``
(see :meth:`Embedding.to_dict`): ``smoteguard report results.json`` can redraw the
plot without the data.

:func:`~smoteguard.evaluation.compare` computes the view of a comparison with
``embedding=True`` (:func:`plan_embedding`); :func:`comparison_embedding` computes
it afterwards from a record and the data.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sklearn.base import clone
from sklearn.decomposition import PCA
from sklearn.preprocessing import StandardScaler

from .._sampler_steps import find_sampler
from .metrics import HIGHER_IS_BETTER
from .models import get_model
from .plan import ComparisonPlan, as_frame
from .preprocessing import make_preprocessor, plan_columns, prepare_frame
from .protocol import encode_target
from .strategies import STRATEGIES

__all__ = [
    "EMBEDDING_KINDS",
    "Embedding",
    "attach_embedding",
    "comparison_embedding",
    "find_sampler",
    "plan_embedding",
    "sampler_embedding",
]

#: Points kept per kind (majority, minority, synthetic, removed) at most.
MAX_POINTS_PER_KIND = 300

#: Kinds of points in the 2-D view, in drawing order.
EMBEDDING_KINDS = ("majority", "removed", "minority", "synthetic")


@dataclass(frozen=True)
class Embedding:
    """A 2-D view (principal components of the training rows) of real and synthetic
    rows for one sampler.

    Parameters
    ----------
    sampler : str
        What produced the synthetic rows, e.g. ``"SMOTE(sampling_strategy=0.5)"``.
    points : mapping of kind to array of shape (n, 2)
        Coordinates per kind: ``"majority"``, ``"minority"`` (real rows),
        ``"synthetic"`` (new rows) and ``"removed"`` (rows an under-sampler dropped).
        Usually a subsample; see ``counts``.
    counts : mapping of kind to int
        How many rows of each kind there were before subsampling.
    explained_variance : (float, float)
        Share of the variance each component explains.
    note : str
        Anything the reader must know, e.g. why this sampler is shown.
    """

    sampler: str
    points: Mapping[str, np.ndarray]
    counts: Mapping[str, int] = field(default_factory=dict)
    explained_variance: tuple[float, float] = (math.nan, math.nan)
    note: str = ""

    def __post_init__(self) -> None:
        unknown = set(self.points) - set(EMBEDDING_KINDS)
        if unknown:
            raise ValueError(
                f"Unknown embedding point kinds {sorted(unknown)}; "
                f"use {list(EMBEDDING_KINDS)}."
            )

    def to_dict(self) -> dict:
        """JSON-ready form (coordinates as lists of ``[x, y]``)."""
        return {
            "sampler": self.sampler,
            "points": {k: np.asarray(v).tolist() for k, v in self.points.items()},
            "counts": {k: int(v) for k, v in self.counts.items()},
            "explained_variance": [float(v) for v in self.explained_variance],
            "note": self.note,
        }

    @classmethod
    def from_dict(cls, data: Mapping) -> Embedding:
        """Inverse of ``to_dict``.

        Parameters
        ----------
        data : mapping
            The dictionary ``to_dict`` returned (as read from ``results.json``).
        """
        points = {
            kind: np.asarray(xy, dtype=np.float64).reshape(-1, 2)
            for kind, xy in data["points"].items()
        }
        ev = data.get("explained_variance") or (math.nan, math.nan)
        return cls(
            sampler=str(data.get("sampler", "")),
            points=points,
            counts={str(k): int(v) for k, v in data.get("counts", {}).items()},
            explained_variance=(float(ev[0]), float(ev[1])),
            note=str(data.get("note", "")),
        )


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
        Labels. Real rows of the smaller class are "minority", the other's
        "majority"; with more than two classes, "minority" holds every class given
        synthetic rows (the smallest when none is), "majority" the other classes,
        and the note names them.
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
        None when the estimator has no sampler, or its sampler sees fewer than
        two features (nothing to project).
    """
    found = find_sampler(estimator)
    if found is None:
        return None
    steps, sampler = found
    Xt = X
    for step in steps:
        step = clone(step)
        Xt = step.fit_transform(Xt, y)
    real = np.asarray(Xt, dtype=np.float64)
    if real.ndim != 2 or real.shape[1] < 2:
        return None
    sampler = clone(sampler)
    X_res, y_res = sampler.fit_resample(Xt, y)
    provenance = sampler.provenance_

    labels = np.asarray(y)
    is_minority, classes_note = _minority_rows(
        labels, np.asarray(y_res)[provenance.is_synthetic]
    )
    note = " ".join(part for part in (note, classes_note) if part)
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
        explained_variance=(round(float(ratio[0]), 6), round(float(ratio[1]), 6)),
        note=note,
    )


def _minority_rows(labels: np.ndarray, synthetic_labels: np.ndarray) -> tuple:
    """Rows drawn as real "minority": the smaller of two classes; with more, every
    class given synthetic rows (the smallest when none is), so each synthetic row
    is drawn against real rows of its own class, and a note naming them."""
    classes, counts = np.unique(labels, return_counts=True)
    smallest = classes[[np.argmin(counts)]]
    if len(classes) <= 2:
        return labels == smallest[0], ""
    grown = np.unique(synthetic_labels)
    if not len(grown):
        grown = smallest
    is_minority = np.isin(labels, grown)
    others = [c for c in classes if c not in set(grown.tolist())]
    note = (
        f"Real rows of class(es) {', '.join(map(str, grown.tolist()))} are drawn as "
        f"minority; those of class(es) {', '.join(map(str, others))} as other "
        "classes."
    )
    return is_minority, note


def _best_smote(
    sweep: Sequence[Mapping[str, Any]], model: str, metric: str
) -> tuple[str, float] | None:
    """The SMOTE strategy of the sweep that scored best with ``model``."""
    sign = 1 if HIGHER_IS_BETTER.get(metric, True) else -1
    scored = [
        entry
        for entry in sweep
        if entry["model"] == model
        and entry["strategy"] != "none"
        and entry.get("mean") is not None
    ]
    if not scored:
        return None
    best = max(scored, key=lambda entry: sign * entry["mean"])
    return best["strategy"], float(best["ratio"])


def _view(
    recommended: tuple[str, str],
    sweep: Sequence[Mapping[str, Any]],
    metric: str,
    build: Callable[[str, str], Any],
    X_cv: Any,
    y_cv: np.ndarray,
    **kwargs: Any,
) -> Embedding | None:
    """The recommended pipeline's sampler, or SMOTE at the sweep's best ratio when
    it does not resample; ``build(strategy, model)`` gives the unfitted pipeline
    (None when the strategy is unknown)."""
    strategy, model = recommended
    n_rows = f"{len(y_cv):,} cross-validated rows"
    estimator = build(strategy, model)
    if estimator is not None and find_sampler(estimator) is not None:
        note = (
            f"Sampler of the recommended pipeline ({strategy} + {model}) refitted "
            f"once on all {n_rows}, after the pipeline's preprocessing."
        )
        return sampler_embedding(
            estimator, X_cv, y_cv, name=f"{strategy} + {model}", note=note, **kwargs
        )
    stand_in = _best_smote(sweep, model, metric)
    if stand_in is None:
        return None
    smote, ratio = stand_in
    estimator = build(smote, model)
    if estimator is None:
        return None
    note = (
        f"The recommended pipeline ({strategy} + {model}) does not resample, so "
        f"this shows SMOTE at the ratio that scored best in the sweep ({ratio:g}, "
        f"strategy {smote}), refitted once on all {n_rows}."
    )
    name = f"{smote} + {model} (stand-in)"
    return sampler_embedding(estimator, X_cv, y_cv, name=name, note=note, **kwargs)


def plan_embedding(
    plan: ComparisonPlan,
    recommendation: Mapping[str, Any],
    sweep: Sequence[Mapping[str, Any]],
    **kwargs: Any,
) -> Embedding | None:
    """The 2-D view of a comparison while it runs: the recommended pipeline's
    sampler (or SMOTE at the sweep's best ratio, as a stand-in, when it does not
    resample), refitted once on the cross-validated rows.

    Parameters
    ----------
    plan : ComparisonPlan
    recommendation : mapping
        The record's ``recommendation`` (``strategy`` and ``model`` are read).
    sweep : sequence of mapping
        The record's ``ratio_sweep``.
    **kwargs
        Passed to :func:`sampler_embedding`.

    Returns
    -------
    Embedding or None
        None when no pipeline of the plan resamples (or has two features to
        project).
    """
    planned = {(p.strategy, p.model): p.estimator for p in plan.pipelines}
    return _view(
        (recommendation["strategy"], recommendation["model"]),
        sweep,
        plan.metric,
        lambda strategy, model: planned.get((strategy, model)),
        plan.X_cv,
        plan.y_cv,
        **kwargs,
    )


def comparison_embedding(
    record: Mapping[str, Any], X: Any, y: Any, **kwargs: Any
) -> Embedding | None:
    """The 2-D view for a comparison already run (:func:`plan_embedding` from its
    record and data): the recommended pipeline's sampler, refitted on the
    cross-validated rows after that pipeline's preprocessing.

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
    # compare's own conversion, so that columns get the same names as in its plan
    frame = as_frame(X)
    columns = plan_columns(frame)
    rows = np.asarray(record["oof"]["row_position"], dtype=np.int64)
    X_cv = prepare_frame(frame, columns).iloc[rows]
    codes = encode_target(y, record["data"].get("positive_label")).codes[rows]
    meta = record["meta"]

    def build(strategy: str, model: str) -> Any:
        if strategy not in STRATEGIES:
            return None
        return STRATEGIES[strategy].build(
            model,
            int(meta["seed"]),
            preprocessor=make_preprocessor(columns, scale=get_model(model).scale),
            metric=meta["metric"],
        )

    rec = record["recommendation"]
    return _view(
        (rec["strategy"], rec["model"]),
        record.get("ratio_sweep") or [],
        meta["metric"],
        build,
        X_cv,
        codes,
        **kwargs,
    )


def attach_embedding(result: Any, X: Any, y: Any, **kwargs: Any) -> bool:
    """Store the 2-D view in a comparison's record under ``"embedding"``.

    For a comparison run without ``embedding=True``;
    :func:`~smoteguard.evaluation.compare` with it stores the same view itself.

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
