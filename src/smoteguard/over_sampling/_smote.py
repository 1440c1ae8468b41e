"""SMOTE: synthetic minority over-sampling by interpolation between neighbours."""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from sklearn.utils import check_random_state

from .._interpolation import interpolate
from .._param_validation import NEIGHBORS
from .._tabular import Table, Target, preallocate_output
from ..base import RANDOM_STATE_CONSTRAINT, BaseOverSampler
from ..neighbors import check_k_neighbors, n_neighbors_of
from ..neighbors._graph import class_neighbors
from ..neighbors._search import neighbors_words
from ..provenance import Provenance
from ._seeds import draw_pairs

__all__ = ["SMOTE"]


def check_class_size(
    cls: Any, n_rows: int, k: int, sampler: str, param: str = "k_neighbors"
) -> None:
    """Raise a clear error when a class is too small to have ``k`` neighbours.

    ``param`` is the sampler's name for its neighbour count (``k_neighbors``, or
    ``n_neighbors`` for ADASYN), so the advice names a parameter it has.
    """
    if n_rows > k:
        return
    if n_rows <= 1:
        hint = "use RandomOverSampler for it, or collect more rows"
    else:
        hint = f"use {param}={n_rows - 1} or fewer, or RandomOverSampler"
    raise ValueError(
        f"Class {cls!r} has {n_rows} row(s), but {sampler} with {param}={k} needs "
        f"at least {k + 1} rows of each class it over-samples: {hint}."
    )


class SMOTE(BaseOverSampler):
    """Synthetic Minority Over-sampling TEchnique [1]_.

    Each synthetic row is ``x_i + lam * (x_nn - x_i)`` where ``x_i`` is a random row
    of the class being over-sampled (the seed), ``x_nn`` one of its ``k_neighbors``
    nearest neighbours within that class (Euclidean, exact search) and ``lam`` is
    drawn uniformly from ``[0, 1]``. Multiclass targets are handled per class.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        What to generate. A float (binary only) is the desired minority/majority
        ratio after resampling; ``"auto"`` / ``"not majority"`` bring every class up
        to the majority count, ``"minority"``, ``"not minority"`` and ``"all"``
        choose classes likewise; a dict gives ``{class: target count}``; a callable
        receives ``y`` and returns such a dict.
    random_state : int, RandomState instance or None, default=None
        Seed for the choice of seeds, neighbours and ``lam``.
    k_neighbors : int or object with ``kneighbors``, default=5
        Number of neighbours to interpolate towards, or a neighbours estimator
        (its ``n_neighbors`` counts the row itself, as in imbalanced-learn).

    Attributes
    ----------
    sampling_strategy_ : dict
        Number of rows generated per class.
    provenance_ : Provenance
        Parents and ``lam`` of every synthetic row (see :func:`provenance_frame`).
    neighbors_ : dict
        ``{class: ndarray (n_class_rows, k)}`` positions (in the input) of each
        class row's neighbours.
    resampled_params_ : dict
        Per-row arrays passed to ``fit_resample``, resampled with the rows.
    n_features_in_ : int
    feature_names_in_ : ndarray of str
        Present when X was a DataFrame with string column names.

    Raises
    ------
    ValueError, TypeError
        A constructor parameter of the wrong type or out of range (scikit-learn's
        ``InvalidParameterError``, naming the parameter), or bad input
        (see :meth:`~smoteguard.base.BaseSampler.fit_resample`).
    ValueError
        A class has too few rows for the neighbour count; the message names the class
        and a usable count.

    Notes
    -----
    Input contract: features must be finite numbers. Integer and boolean columns
    are upcast to float64 explicitly (interpolated values are not integers);
    original rows keep their values exactly. float32 input stays float32: the
    neighbour search and the interpolation run in float32. CSR input gives CSR
    output. Categorical columns are refused; use SMOTENC.

    References
    ----------
    .. [1] N. V. Chawla, K. W. Bowyer, L. O. Hall, W. P. Kegelmeyer, "SMOTE:
       Synthetic Minority Over-sampling Technique", Journal of Artificial Intelligence
       Research 16, 321-357, 2002.

    Examples
    --------
    >>> from sklearn.datasets import make_classification
    >>> from smoteguard import SMOTE
    >>> X, y = make_classification(n_samples=200, weights=[0.9], random_state=0)
    >>> X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)
    >>> (y_res == 0).sum() == (y_res == 1).sum()
    np.True_
    """

    #: ``method`` recorded in ``provenance_`` by :meth:`_draw_provenance`.
    _provenance_method = "interpolation"
    _neighbor_graph_params = ("k_neighbors",)

    def __init__(
        self,
        *,
        sampling_strategy: Any = "auto",
        random_state: Any = None,
        k_neighbors: Any = 5,
    ) -> None:
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.k_neighbors = k_neighbors

    _parameter_constraints: ClassVar[dict] = {
        **BaseOverSampler._parameter_constraints,
        **RANDOM_STATE_CONSTRAINT,
        "k_neighbors": NEIGHBORS,
    }
    _parameter_messages: ClassVar[dict] = {
        **BaseOverSampler._parameter_messages,
        "k_neighbors": neighbors_words("k_neighbors"),
    }

    def _class_neighbors(self, X: Any, rows: np.ndarray, cls: Any) -> np.ndarray:
        k_neighbors = check_k_neighbors(self.k_neighbors)
        check_class_size(
            cls, len(rows), n_neighbors_of(k_neighbors), type(self).__name__
        )
        return class_neighbors(X, rows, k_neighbors)

    def _resample(self, table: Table, target: Target) -> tuple[Provenance, Any]:
        provenance = self._draw_provenance(table.values, target.labels)
        return provenance, _write_synthetic(table, provenance)

    def _draw_provenance(self, X: Any, y: np.ndarray) -> Provenance:
        """Seeds, neighbours and ``lam`` of every synthetic row (no arithmetic), so
        that the rows can also be written elsewhere (see :mod:`smoteguard.dask`)."""
        rng = check_random_state(self.random_state)
        draws = []
        self.neighbors_ = {}
        for cls, n_new in self.sampling_strategy_.items():
            if n_new == 0:
                continue
            rows = np.flatnonzero(y == cls)
            neighbors = self._class_neighbors(X, rows, cls)
            self.neighbors_[cls] = neighbors
            draws.append(draw_pairs(rng, rows, neighbors, n_new))
        return _interpolation_provenance(len(y), draws, self._provenance_method)


def _interpolation_provenance(
    n_input: int,
    draws: list[tuple[np.ndarray, np.ndarray, np.ndarray]],
    method: str = "interpolation",
) -> Provenance:
    """Provenance of the synthetic rows ``draws`` describes, in order.

    Parameters
    ----------
    n_input : int
        Number of input rows (all kept, in order).
    draws : list of (parent_a, parent_b, lam)
        Parents and weights of consecutive blocks of synthetic rows, as returned by
        :func:`~smoteguard.over_sampling._seeds.draw_pairs`.
    method : str, default="interpolation"
    """

    def _cat(position: int, dtype: Any) -> np.ndarray:
        parts = [draw[position] for draw in draws]
        return np.concatenate(parts).astype(dtype) if parts else np.empty(0, dtype)

    return Provenance(
        n_input=n_input,
        original_indices=np.arange(n_input),
        parent_a=_cat(0, np.int64),
        parent_b=_cat(1, np.int64),
        lam=_cat(2, np.float64),
        method=method,
    )


def _interpolated_output(
    table: Table, draws: list[tuple[np.ndarray, np.ndarray, np.ndarray]]
) -> tuple[Provenance, Any]:
    """``_resample``'s answer for rows ``X[a] + lam * (X[b] - X[a])`` of ``draws``."""
    provenance = _interpolation_provenance(table.n_rows, draws)
    return provenance, _write_synthetic(table, provenance)


def _write_synthetic(table: Table, provenance: Provenance) -> Any:
    """Interpolate the synthetic rows; for plain arrays write them straight into the
    final output buffer (originals already copied in) to avoid a second copy."""
    X = table.values
    out = None
    if table.frame is None and not table.is_sparse and provenance.n_synthetic:
        out = preallocate_output(X, provenance.original_indices, provenance.n_synthetic)
    return interpolate(X, provenance.parent_a, provenance.parent_b, provenance.lam, out)
