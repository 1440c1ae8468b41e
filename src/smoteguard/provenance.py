"""Provenance: where every row of a resampled dataset came from.

After ``fit_resample`` every smoteguard sampler exposes ``provenance_``, a
:class:`Provenance` that says, for each output row, whether it is an original row
(and which input position it was) or a synthetic one (and from which two input rows,
``parent_a`` the seed and ``parent_b`` its neighbour, with what weight ``lam``).

For interpolating samplers a synthetic row is ``X[parent_a] + lam * (X[parent_b] -
X[parent_a])`` computed in the dtype of ``X``. Samplers that do something else with
the parents document it (for example random over-sampling duplicates
``X[parent_a]``: ``parent_b == parent_a`` and ``lam == 0``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["Provenance", "provenance_frame"]


@dataclass(frozen=True)
class Provenance:
    """Origin of every row of a resampled dataset.

    Output rows are the kept original rows first, in input order, followed by the
    synthetic rows.

    Parameters
    ----------
    n_input : int
        Number of rows of the input.
    original_indices : ndarray of int64
        Input positions of the original rows kept in the output, increasing.
    parent_a : ndarray of int64
        For each synthetic row, the input position of its seed.
    parent_b : ndarray of int64
        For each synthetic row, the input position of the neighbour it moved towards.
    lam : ndarray of float64
        For each synthetic row, the interpolation weight in ``[0, 1]``.
    method : str
        How synthetic rows relate to their parents (``"interpolation"``,
        ``"duplicate"``, ``"latent interpolation"``, ...).
    """

    n_input: int
    original_indices: np.ndarray
    parent_a: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    parent_b: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    lam: np.ndarray = field(default_factory=lambda: np.empty(0, np.float64))
    method: str = "interpolation"

    def __post_init__(self) -> None:
        n_syn = len(self.parent_a)
        if len(self.parent_b) != n_syn or len(self.lam) != n_syn:
            raise ValueError("parent_a, parent_b and lam must have the same length.")

    @classmethod
    def identity(cls, n_input: int) -> Provenance:
        """Provenance of a dataset returned unchanged.

        Parameters
        ----------
        n_input : int
            Number of input rows; every one is kept, in order.
        """
        return cls(n_input=n_input, original_indices=np.arange(n_input))

    @property
    def n_original(self) -> int:
        """Number of original rows in the output."""
        return len(self.original_indices)

    @property
    def n_synthetic(self) -> int:
        """Number of synthetic rows in the output."""
        return len(self.parent_a)

    @property
    def n_output(self) -> int:
        """Number of rows in the output."""
        return self.n_original + self.n_synthetic

    @property
    def is_synthetic(self) -> np.ndarray:
        """Boolean mask over output rows, True for synthetic rows."""
        mask = np.zeros(self.n_output, dtype=bool)
        mask[self.n_original :] = True
        return mask

    def take(self, values: Any) -> np.ndarray:
        """Resample a per-row array the way the rows were resampled.

        Original rows keep their value; a synthetic row takes the value of its seed
        (``parent_a``). This is the rule used for ``sample_weight`` and for every
        other per-row array passed through ``fit_resample``.

        Parameters
        ----------
        values : array-like of shape (n_input, ...)
            One value per input row.

        Returns
        -------
        ndarray of shape (n_output, ...)
        """
        arr = np.asarray(values)
        if arr.ndim == 0 or len(arr) != self.n_input:
            raise ValueError(
                f"A per-row array must have one entry per input row ({self.n_input}); "
                f"got shape {arr.shape}."
            )
        return arr[np.concatenate([self.original_indices, self.parent_a])]

    def select(self, positions: np.ndarray) -> Provenance:
        """Provenance after keeping only some output rows (a cleaning step).

        Parameters
        ----------
        positions : ndarray of int
            Increasing positions in this provenance's output to keep.
        """
        positions = np.asarray(positions, dtype=np.int64)
        if positions.size and np.any(np.diff(positions) <= 0):
            raise ValueError("positions must be strictly increasing.")
        split = np.searchsorted(positions, self.n_original)
        kept_orig, kept_syn = positions[:split], positions[split:] - self.n_original
        return Provenance(
            n_input=self.n_input,
            original_indices=self.original_indices[kept_orig],
            parent_a=self.parent_a[kept_syn],
            parent_b=self.parent_b[kept_syn],
            lam=self.lam[kept_syn],
            method=self.method,
        )

    def to_frame(self, index: Any = None) -> pd.DataFrame:
        """One row per output row: ``is_synthetic``, ``source_index`` (input position
        of an original row), ``parent_a``, ``parent_b`` and ``lam`` (synthetic rows).

        Integer columns use pandas' nullable ``Int64``: missing means "not
        applicable" (no parents for an original row, no source for a synthetic one).

        Parameters
        ----------
        index : array-like, optional
            Index for the frame, typically ``X_res.index``.
        """
        n_orig, n_syn = self.n_original, self.n_synthetic

        def _column(orig: np.ndarray | None, syn: np.ndarray | None) -> pd.array:
            values = np.zeros(n_orig + n_syn, dtype=np.int64)
            mask = np.ones(n_orig + n_syn, dtype=bool)
            if orig is not None:
                values[:n_orig], mask[:n_orig] = orig, False
            if syn is not None:
                values[n_orig:], mask[n_orig:] = syn, False
            return pd.arrays.IntegerArray(values, mask)

        lam = np.full(n_orig + n_syn, np.nan)
        lam[n_orig:] = self.lam
        return pd.DataFrame(
            {
                "is_synthetic": self.is_synthetic,
                "source_index": _column(self.original_indices, None),
                "parent_a": _column(None, self.parent_a),
                "parent_b": _column(None, self.parent_b),
                "lam": lam,
            },
            index=index,
        )


def provenance_frame(sampler: Any, index: Any = None) -> pd.DataFrame:
    """Provenance of a fitted sampler's last ``fit_resample`` as a DataFrame.

    Parameters
    ----------
    sampler : fitted smoteguard sampler, or a :class:`Provenance`
        Anything with a ``provenance_`` attribute.
    index : array-like, optional
        Index for the frame, typically ``X_res.index``.

    Returns
    -------
    DataFrame
        See :meth:`Provenance.to_frame`.

    Examples
    --------
    >>> from smoteguard import SMOTE, provenance_frame
    >>> from sklearn.datasets import make_classification
    >>> X, y = make_classification(weights=[0.9], random_state=0)
    >>> smote = SMOTE(random_state=0)
    >>> X_res, y_res = smote.fit_resample(X, y)
    >>> provenance_frame(smote)["is_synthetic"].sum() == len(y_res) - len(y)
    np.True_
    """
    if isinstance(sampler, Provenance):
        return sampler.to_frame(index=index)
    prov = getattr(sampler, "provenance_", None)
    if prov is None:
        raise ValueError(
            f"{type(sampler).__name__} has no provenance_: call fit_resample first "
            "(only smoteguard samplers record provenance)."
        )
    return prov.to_frame(index=index)
