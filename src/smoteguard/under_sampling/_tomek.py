"""Tomek links (Tomek, 1976): remove rows that are mutual nearest neighbours of a
row of another class."""

from __future__ import annotations

from typing import Any

import numpy as np

from .._tabular import Table, Target
from ..base import BaseCleaningSampler
from ..provenance import Provenance
from ._neighborhood_rules import neighbors_of_rows

__all__ = ["TomekLinks", "tomek_link_mask"]


def tomek_link_mask(
    y: np.ndarray, nearest: np.ndarray, cleaned_classes: list
) -> np.ndarray:
    """Rows that belong to a Tomek link and to a class being cleaned.

    Parameters
    ----------
    y : ndarray of shape (n,)
    nearest : ndarray of int of shape (n,)
        Nearest other row of every row.
    cleaned_classes : list
        Classes whose linked rows are removed.
    """
    n = len(y)
    mutual = nearest[nearest] == np.arange(n)
    linked = mutual & (y[nearest] != y)
    return linked & np.isin(y, cleaned_classes)


class TomekLinks(BaseCleaningSampler):
    """Remove rows that form a Tomek link.

    Two rows of different classes form a Tomek link when each is the other's
    nearest neighbour (Tomek, 1976): they sit on the class boundary, or one of them
    is noise. The rows of the link that belong to a class being cleaned are
    removed (by default only the majority side, which widens the margin around the
    minority class). The search is exact (Euclidean, ties broken by position), so
    on the same data the removals are those of imbalanced-learn's ``TomekLinks``.

    Parameters
    ----------
    sampling_strategy : str or list, default="auto"
        Classes to clean: ``"auto"`` / ``"not minority"``, ``"all"``,
        ``"majority"``, ``"not majority"``, ``"minority"``, or a list of labels.

    Attributes
    ----------
    sampling_strategy_ : dict
        Classes cleaned, with their count before cleaning.
    sample_indices_ : ndarray of int64
        Input positions of the kept rows, increasing.
    nearest_ : ndarray of int32 (int64 from 2**31 rows)
        Nearest other row of every input row.
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
    I. Tomek, "Two modifications of CNN", IEEE Transactions on Systems, Man and
    Cybernetics, 6(11), 769-772, 1976.

    Examples
    --------
    >>> from sklearn.datasets import make_classification
    >>> from smoteguard import TomekLinks
    >>> X, y = make_classification(n_samples=300, weights=[0.8], random_state=0)
    >>> X_res, y_res = TomekLinks().fit_resample(X, y)
    >>> len(y_res) <= len(y)
    True
    """

    def __init__(self, *, sampling_strategy: Any = "auto") -> None:
        self.sampling_strategy = sampling_strategy

    def _lost_class_advice(self) -> str:
        return (
            "To keep more rows, clean fewer classes (sampling_strategy='auto' "
            "removes only the larger side of each link)."
        )

    def _resample(self, table: Table, target: Target) -> tuple[Provenance, Any]:
        y = target.labels
        nearest = neighbors_of_rows(table.values, np.arange(len(y)), 1, None)[:, 0]
        return self._provenance_given_nearest(y, nearest), None

    def _provenance_given_nearest(
        self, y: np.ndarray, nearest: np.ndarray
    ) -> Provenance:
        # int32 when it fits: half of what the fitted sampler keeps (issue 19)
        self.nearest_ = nearest.astype(np.int32) if len(y) < 2**31 else nearest
        links = tomek_link_mask(y, self.nearest_, list(self.sampling_strategy_))
        return Provenance(n_input=len(y), original_indices=np.flatnonzero(~links))
