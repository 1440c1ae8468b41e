"""Edited nearest neighbours (Wilson, 1972): remove rows their neighbours outvote."""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from .._param_validation import NEIGHBORS, StrOptions
from .._tabular import Table, Target
from ..base import BaseCleaningSampler
from ..neighbors import check_k_neighbors
from ..neighbors._search import neighbors_words
from ..provenance import Provenance
from ._neighborhood_rules import neighbors_of_rows

__all__ = ["EditedNearestNeighbours"]

_KINDS = ("all", "mode")


def _mode_codes(codes: np.ndarray) -> np.ndarray:
    """Most frequent value of each row of a small int matrix; ties go to the
    smallest value (the rule of :func:`scipy.stats.mode`)."""
    counts = (codes[:, :, None] == codes[:, None, :]).sum(axis=2)
    best = counts.max(axis=1, keepdims=True)
    candidates = np.where(counts == best, codes, np.iinfo(np.int64).max)
    return candidates.min(axis=1)


def edited_keep_mask(
    y_codes: np.ndarray,
    rows: np.ndarray,
    neighbor_codes: np.ndarray,
    kind_sel: str,
) -> np.ndarray:
    """Which of ``rows`` survive the rule, given their neighbours' class codes.

    Parameters
    ----------
    y_codes : ndarray of int64
        Class code of every row (codes ordered like the sorted class labels).
    rows : ndarray of int
        Rows being examined.
    neighbor_codes : ndarray of int64 of shape (len(rows), k)
        Class codes of their neighbours.
    kind_sel : {"all", "mode"}
    """
    own = y_codes[rows]
    if kind_sel == "all":
        return np.all(neighbor_codes == own[:, None], axis=1)
    return _mode_codes(neighbor_codes) == own


class EditedNearestNeighbours(BaseCleaningSampler):
    """Remove rows whose nearest neighbours mostly (or all) belong to other classes.

    Wilson's editing rule (Wilson, 1972): a row of a class being cleaned is kept
    when its ``n_neighbors`` nearest rows (of any class, the row itself excluded)
    agree with its label: all of them (``kind_sel="all"``) or the most frequent
    label among them (``kind_sel="mode"``; ties go to the label that sorts first,
    as :func:`scipy.stats.mode` does). Rows of classes not being cleaned are kept.
    On the same data the removals are those of imbalanced-learn's
    ``EditedNearestNeighbours``.

    Parameters
    ----------
    sampling_strategy : str or list, default="auto"
        Classes to clean: ``"auto"`` / ``"not minority"`` (every class but the
        smallest), ``"all"``, ``"majority"``, ``"not majority"``, ``"minority"``,
        or a list of class labels.
    n_neighbors : int or object with ``kneighbors``, default=3
        Neighbours to consult, or a neighbours estimator (its ``n_neighbors``
        counts the row itself).
    kind_sel : {"all", "mode"}, default="all"
        ``"all"`` removes a row as soon as one neighbour disagrees (more
        aggressive); ``"mode"`` only when the neighbours' majority label differs.

    Attributes
    ----------
    sampling_strategy_ : dict
        Classes cleaned, with their count before cleaning.
    sample_indices_ : ndarray of int64
        Input positions of the kept rows, increasing.
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
    D. L. Wilson, "Asymptotic properties of nearest neighbor rules using edited
    data", IEEE Transactions on Systems, Man and Cybernetics, 2(3), 408-421, 1972.

    Examples
    --------
    >>> from sklearn.datasets import make_classification
    >>> from smoteguard import EditedNearestNeighbours
    >>> X, y = make_classification(n_samples=300, weights=[0.8], random_state=0)
    >>> enn = EditedNearestNeighbours()
    >>> X_res, y_res = enn.fit_resample(X, y)
    >>> len(y_res) <= len(y)
    True
    """

    def __init__(
        self,
        *,
        sampling_strategy: Any = "auto",
        n_neighbors: Any = 3,
        kind_sel: str = "all",
    ) -> None:
        self.sampling_strategy = sampling_strategy
        self.n_neighbors = n_neighbors
        self.kind_sel = kind_sel

    _parameter_constraints: ClassVar[dict] = {
        **BaseCleaningSampler._parameter_constraints,
        "n_neighbors": NEIGHBORS,
        "kind_sel": [StrOptions(set(_KINDS))],
    }
    _parameter_messages: ClassVar[dict] = {
        **BaseCleaningSampler._parameter_messages,
        "n_neighbors": neighbors_words("n_neighbors"),
        "kind_sel": (
            "kind_sel must be 'all' or 'mode'; got {value!r}. 'all' removes a row "
            "when any neighbour disagrees, 'mode' when most do."
        ),
    }

    def _lost_class_advice(self) -> str:
        return (
            "To keep more rows, clean fewer classes (sampling_strategy='auto' "
            "leaves the smallest alone), use kind_sel='mode', or a smaller "
            "n_neighbors."
        )

    def _cleaned_rows(self, y: np.ndarray) -> np.ndarray:
        return np.flatnonzero(np.isin(y, list(self.sampling_strategy_)))

    def _resample(self, table: Table, target: Target) -> tuple[Provenance, Any]:
        y = target.labels
        rows = self._cleaned_rows(y)
        neighbors = neighbors_of_rows(
            table.values,
            rows,
            check_k_neighbors(self.n_neighbors, "n_neighbors"),
            "n_neighbors",
            type(self).__name__,
        )
        keep = self._keep_given_neighbors(y, rows, neighbors)
        return Provenance(n_input=len(y), original_indices=np.flatnonzero(keep)), None

    def _keep_given_neighbors(
        self, y: np.ndarray, rows: np.ndarray, neighbors: np.ndarray
    ) -> np.ndarray:
        """Boolean keep-mask over all rows from the neighbours of ``rows``."""
        _, codes = np.unique(y, return_inverse=True)
        codes = codes.astype(np.int64)
        keep = np.ones(len(y), dtype=bool)
        keep[rows] = edited_keep_mask(codes, rows, codes[neighbors], self.kind_sel)
        return keep
