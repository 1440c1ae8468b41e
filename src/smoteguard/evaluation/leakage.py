"""The leaky protocol: what resampling *before* cross-validation would report.

The common mistake is::

    X_res, y_res = SMOTE().fit_resample(X, y)        # whole dataset
    cross_val_score(model, X_res, y_res)             # then cross-validate

Synthetic rows built from future validation rows end up in training folds, and
synthetic rows (near-copies of training rows) end up in validation folds and are
scored as if they were real. smoteguard reproduces it on the *same folds* as the
honest protocol so the two can be compared fold by fold:

1. everything up to the (last) sampler of the strategy's pipeline — preprocessing
   included, as in the mistake — is fitted on all cross-validated rows;
2. every original row keeps its fold; a synthetic row joins the fold of its seed row
   (``parent_a`` in the sampler's provenance); rows an under-sampler removed are gone;
3. the rest of the pipeline (the classifier, possibly wrapped in a threshold tuner)
   is cross-validated on the resampled rows, validation folds included.

The per-metric difference leaky minus clean is the *leak inflation*: a diagnostic,
never a result.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.base import clone
from threadpoolctl import threadpool_limits

from .._sampler_steps import contains_sampler, hoist_sampler
from ..pipeline import is_sampler
from .protocol import Split, fold_assignment

__all__ = ["contains_sampler", "hoist_sampler", "leaky_resample", "leaky_splits"]


def _row_origin(step: Any) -> np.ndarray:
    provenance = getattr(step, "provenance_", None)
    if provenance is not None:
        return np.concatenate([provenance.original_indices, provenance.parent_a])
    indices = getattr(step, "sample_indices_", None)
    if indices is not None:
        return np.asarray(indices)
    raise ValueError(
        f"{type(step).__name__} does not record which input row each output row "
        "came from (provenance_ or sample_indices_), so its leaky protocol cannot "
        "keep the folds of the original rows."
    )


def leaky_resample(estimator: Any, X: Any, y: np.ndarray) -> tuple:
    """Resample the whole dataset the way the leaky workflow does.

    Parameters
    ----------
    estimator : estimator containing a sampler (see :func:`hoist_sampler`)
    X : array-like or DataFrame
    y : ndarray of int codes

    Returns
    -------
    X_res, y_res : resampled features and labels
    origin : ndarray of int
        For every resampled row, the position in ``X`` of the original row it is
        (or, for a synthetic row, of its seed).
    rest : estimator
        Unfitted remainder to cross-validate on ``X_res``.
    """
    head, rest = hoist_sampler(estimator)
    head = clone(head)
    with threadpool_limits(limits=1):
        X_res, y_res = head.fit_resample(X, y)
    origin = np.arange(len(y))
    for _, step in head.steps:
        if is_sampler(step):
            origin = origin[_row_origin(step)]
    return X_res, np.asarray(y_res), origin, rest


def leaky_splits(
    splits: Sequence[Split], origin: np.ndarray, n_rows: int
) -> list[Split]:
    """The honest splits carried over to resampled rows through ``origin``.

    Each resampled row is in the validation fold of the row it came from;
    ``n_rows`` is the number of rows before resampling.
    """
    folds = fold_assignment(splits, n_rows)
    out = []
    for s in splits:
        in_test = folds[s.repeat, origin] == s.fold
        out.append(
            Split(s.repeat, s.fold, np.flatnonzero(~in_test), np.flatnonzero(in_test))
        )
    return out
