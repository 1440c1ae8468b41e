"""Remove minority seeds that look like noise before over-sampling them."""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from .._param_validation import NEIGHBORS, Interval, Real
from .._tabular import Table, Target
from ..base import BaseCleaningSampler
from ..neighbors import check_k_neighbors, n_neighbors_of
from ..neighbors._search import neighbors_words
from ..provenance import Provenance
from ..under_sampling._neighborhood_rules import neighbors_of_rows

__all__ = ["NoiseFilter"]


class NoiseFilter(BaseCleaningSampler):
    """Drop rows whose nearest neighbours almost all belong to other classes.

    SMOTE trusts every minority row as a seed: an isolated or mislabelled minority
    row inside the majority class seeds synthetic rows there, amplifying the noise.
    This filter, meant to run *before* an over-sampler (e.g.
    ``make_pipeline(NoiseFilter(), SMOTE(), model)``), removes rows of the cleaned
    classes for which the fraction of their ``k_neighbors`` nearest rows (any class,
    the row excluded) belonging to another class is at least ``threshold``. With
    ``threshold=1.0`` (default) a row is noise when *all* its neighbours disagree,
    the definition of Han et al. (2005) used by Borderline-SMOTE.

    Parameters
    ----------
    sampling_strategy : str or list, default="minority"
        Classes to filter (by default the smallest class, whose rows seed SMOTE).
    k_neighbors : int or object with ``kneighbors``, default=5
    threshold : float in (0, 1], default=1.0
        Fraction of disagreeing neighbours from which a row is dropped.

    Attributes
    ----------
    sampling_strategy_ : dict
    sample_indices_ : ndarray of int64
        Input positions of the kept rows.
    noise_indices_ : ndarray of int64
        Input positions of the rows dropped as noise.
    provenance_ : Provenance
    resampled_params_ : dict
    n_features_in_ : int

    Raises
    ------
    ValueError, TypeError
        A constructor parameter of the wrong type or out of range (scikit-learn's
        ``InvalidParameterError``, naming the parameter), or bad input
        (see :meth:`~smoteguard.base.BaseSampler.fit_resample`).

    References
    ----------
    H. Han, W.-Y. Wang, B.-H. Mao, "Borderline-SMOTE: a new over-sampling method in
    imbalanced data sets learning", ICIC 2005, LNCS 3644, 878-887.
    """

    def __init__(
        self,
        *,
        sampling_strategy: Any = "minority",
        k_neighbors: Any = 5,
        threshold: float = 1.0,
    ) -> None:
        self.sampling_strategy = sampling_strategy
        self.k_neighbors = k_neighbors
        self.threshold = threshold

    _parameter_constraints: ClassVar[dict] = {
        **BaseCleaningSampler._parameter_constraints,
        "k_neighbors": NEIGHBORS,
        "threshold": [Interval(Real, 0, 1, closed="right")],
    }
    _parameter_messages: ClassVar[dict] = {
        **BaseCleaningSampler._parameter_messages,
        "k_neighbors": neighbors_words("k_neighbors"),
        "threshold": (
            "threshold must be a fraction in (0, 1]; got {value!r}. 1.0 drops rows "
            "whose neighbours all disagree, 0.8 when 80% do."
        ),
    }

    def _lost_class_advice(self) -> str:
        return (
            "To keep more rows, use a larger k_neighbors, or filter fewer classes with "
            "sampling_strategy; if these rows really are mislabelled, fix the labels."
        )

    def _resample(self, table: Table, target: Target) -> tuple[Provenance, Any]:
        y = target.labels
        rows = np.flatnonzero(np.isin(y, list(self.sampling_strategy_)))
        k_neighbors = check_k_neighbors(self.k_neighbors)
        neighbors = neighbors_of_rows(
            table.values, rows, k_neighbors, "k_neighbors", type(self).__name__
        )
        other = (y[neighbors] != y[rows, None]).sum(axis=1)
        # integer comparison avoids float rounding at the threshold
        k = n_neighbors_of(k_neighbors)
        noisy = other >= np.ceil(self.threshold * k - 1e-9)
        self.noise_indices_ = rows[noisy]
        keep = np.ones(len(y), dtype=bool)
        keep[self.noise_indices_] = False
        return Provenance(n_input=len(y), original_indices=np.flatnonzero(keep)), None
