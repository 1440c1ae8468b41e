"""Borderline-SMOTE: over-sample only the minority rows near the class border."""

from __future__ import annotations

import warnings
from typing import Any, ClassVar

import numpy as np
from sklearn.utils import check_random_state

from .._param_validation import (
    NEIGHBORS,
    StrOptions,
    check_count_fits,
)
from .._tabular import Table, Target
from ..neighbors import check_k_neighbors, n_neighbors_of
from ..neighbors._neighbor_backends import exact_kneighbors
from ..neighbors._neighborhood import ClassNeighborhood, class_neighborhood
from ..neighbors._search import neighbors_words
from ..provenance import Provenance
from ._seeds import draw_pairs
from ._smote import SMOTE, _interpolated_output, check_class_size

__all__ = ["BorderlineSMOTE"]

_KINDS = ("borderline-1", "borderline-2")


def border_status(n_other: np.ndarray, m: int) -> tuple[np.ndarray, np.ndarray]:
    """Masks ``(danger, noise)`` from the number of other-class rows among ``m``
    neighbours: danger when at least half but not all are of another class, noise
    when all are (Han et al., 2005)."""
    noise = n_other == m
    danger = (2 * n_other >= m) & ~noise
    return danger, noise


def warn_no_seeds(sampler: Any, cls: Any, n_rows: int, n_noise: int) -> None:
    """Say why a border sampler generated nothing for ``cls``: its candidate rows
    are all noise, or none is near the border."""
    name = type(sampler).__name__
    m = n_neighbors_of(check_k_neighbors(sampler.m_neighbors, "m_neighbors"))
    if n_noise == n_rows:
        detail = (
            f"all {n_rows} of its candidate rows are noise (every one of their "
            f"m_neighbors={m} nearest rows belongs to another class). Check their "
            "labels or remove them (smoteguard.NoiseFilter)."
        )
    else:
        detail = (
            f"none of its {n_rows} candidate rows is in danger (near the border "
            f"with another class; {n_noise} are noise, the rest are safe). Use "
            "SMOTE to over-sample a well-separated class."
        )
    warnings.warn(
        f"{name} generated no rows for class {cls!r}: {detail}",
        UserWarning,
        stacklevel=4,
    )


class _BorderSMOTE(SMOTE):
    """SMOTE variants that classify seeds by their ``m_neighbors`` nearest rows of
    any class (:func:`border_status`); subclasses define ``m_neighbors``."""

    m_neighbors: Any

    _parameter_constraints: ClassVar[dict] = {
        **SMOTE._parameter_constraints,
        "m_neighbors": NEIGHBORS,
    }
    _parameter_messages: ClassVar[dict] = {
        **SMOTE._parameter_messages,
        "m_neighbors": neighbors_words("m_neighbors"),
    }

    def _check_m_neighbors(self, n_rows: int) -> None:
        """Refuse an ``m_neighbors`` the ``n_rows`` rows cannot give (before the
        long work: the SVM of SVM-SMOTE)."""
        m = n_neighbors_of(check_k_neighbors(self.m_neighbors, "m_neighbors"))
        check_count_fits(
            type(self).__name__,
            "m_neighbors",
            m,
            n_rows - 1,
            f"more than {m} rows (the row itself excluded); got {n_rows}",
        )

    def _border_neighborhood(
        self, X: Any, y: np.ndarray, cls: Any, query: np.ndarray | None = None
    ) -> tuple[ClassNeighborhood, np.ndarray, np.ndarray]:
        """Neighbourhood of the rows of ``cls`` (or of ``query``) and its
        ``(danger, noise)`` masks."""
        k_neighbors = check_k_neighbors(self.k_neighbors)
        m_neighbors = check_k_neighbors(self.m_neighbors, "m_neighbors")
        hood = class_neighborhood(X, y, cls, m_neighbors, k_neighbors, query=query)
        danger, noise = border_status(hood.n_other, n_neighbors_of(m_neighbors))
        return hood, danger, noise


class BorderlineSMOTE(_BorderSMOTE):
    """Borderline-SMOTE [1]_.

    Only minority rows *in danger* are used as seeds: rows for which at least half,
    but not all, of their ``m_neighbors`` nearest rows (any class) belong to another
    class. Rows whose neighbours are all of another class are treated as noise and
    never used as seeds; rows with mostly same-class neighbours are safe and do not
    need reinforcing.

    * ``kind="borderline-1"``: interpolate from a danger row towards one of its
      ``k_neighbors`` nearest same-class rows, ``lam`` in ``[0, 1]``.
    * ``kind="borderline-2"``: as borderline-1 for a share of the rows drawn from
      Beta(10, 10); the rest move from a danger row towards one of its
      ``k_neighbors`` nearest rows of *other* classes with ``lam`` in ``[0, 0.5]``,
      so the new row stays on the seed's side. Such rows have a ``parent_b`` of
      another class in the provenance.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        See :class:`~smoteguard.SMOTE`.
    random_state : int, RandomState instance or None, default=None
    k_neighbors : int or object with ``kneighbors``, default=5
        Neighbours to interpolate towards (see :class:`~smoteguard.SMOTE`).
    m_neighbors : int or object with ``kneighbors``, default=10
        Neighbourhood (among all rows) that decides whether a row is in danger.
    kind : {"borderline-1", "borderline-2"}, default="borderline-1"

    Attributes
    ----------
    sampling_strategy_ : dict
    provenance_ : Provenance
    danger_indices_ : dict
        ``{class: ndarray}`` input positions of the rows in danger (the seeds).
    noise_indices_ : dict
        ``{class: ndarray}`` input positions of the rows treated as noise.
    neighbors_ : dict
        ``{class: ndarray (n_danger, k)}`` input positions of each danger row's
        same-class neighbours.
    resampled_params_ : dict
    n_features_in_ : int
    feature_names_in_ : ndarray of str

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
    When a class has no row in danger nothing is generated for it and a
    ``UserWarning`` says why: every row of the class is noise (surrounded by other
    classes: check the labels or remove them), or the class is well separated
    (SMOTE is the right tool). The neighbourhood among all rows is computed once
    per class and pruned by the within-class search, which is also reused for
    interpolation; see :mod:`smoteguard.over_sampling._neighborhood`.

    References
    ----------
    .. [1] H. Han, W.-Y. Wang, B.-H. Mao, "Borderline-SMOTE: A New Over-Sampling
       Method in Imbalanced Data Sets Learning", Advances in Intelligent Computing (ICIC
       2005), LNCS 3644, 878-887, 2005.

    Examples
    --------
    >>> from sklearn.datasets import make_classification
    >>> from smoteguard import BorderlineSMOTE
    >>> X, y = make_classification(n_samples=300, weights=[0.9], random_state=0)
    >>> sampler = BorderlineSMOTE(random_state=0)
    >>> X_res, y_res = sampler.fit_resample(X, y)
    >>> len(sampler.danger_indices_[1]) > 0
    True
    """

    _neighbor_graph_params = ("k_neighbors", "m_neighbors")

    def __init__(
        self,
        *,
        sampling_strategy: Any = "auto",
        random_state: Any = None,
        k_neighbors: Any = 5,
        m_neighbors: Any = 10,
        kind: str = "borderline-1",
    ) -> None:
        super().__init__(
            sampling_strategy=sampling_strategy,
            random_state=random_state,
            k_neighbors=k_neighbors,
        )
        self.m_neighbors = m_neighbors
        self.kind = kind

    _parameter_constraints: ClassVar[dict] = {
        **_BorderSMOTE._parameter_constraints,
        "kind": [StrOptions(set(_KINDS))],
    }
    _parameter_messages: ClassVar[dict] = {
        **_BorderSMOTE._parameter_messages,
        "kind": "kind must be one of "
        + ", ".join(map(repr, _KINDS))
        + "; got {value!r}.",
    }

    def _resample(self, table: Table, target: Target) -> tuple[Provenance, Any]:
        X, y = table.values, target.labels
        rng = check_random_state(self.random_state)
        self._check_m_neighbors(X.shape[0])
        k = n_neighbors_of(check_k_neighbors(self.k_neighbors))
        name = type(self).__name__
        draws = []
        self.danger_indices_, self.noise_indices_, self.neighbors_ = {}, {}, {}
        for cls, n_new in self.sampling_strategy_.items():
            if n_new == 0:
                continue
            check_class_size(cls, int(np.sum(y == cls)), k, name)
            hood, danger, noise = self._border_neighborhood(X, y, cls)
            seeds = hood.rows[danger]
            self.danger_indices_[cls] = seeds
            self.noise_indices_[cls] = hood.rows[noise]
            self.neighbors_[cls] = hood.within[danger]
            if not len(seeds):
                warn_no_seeds(self, cls, len(hood.rows), int(noise.sum()))
                continue
            seed_pos = rng.randint(0, len(seeds), size=n_new)
            n_same = n_new
            if self.kind == "borderline-2":
                n_same = int(rng.beta(10, 10) * n_new)
            draws.append(
                draw_pairs(rng, seeds, hood.within[danger], seed_pos=seed_pos[:n_same])
            )
            if n_same < n_new:
                other_nn = _other_class_neighbors(
                    X, y, cls, seeds, hood.overall[danger], k
                )
                draws.append(
                    draw_pairs(
                        rng,
                        seeds,
                        other_nn,
                        seed_pos=seed_pos[n_same:],
                        lam_range=(0.0, 0.5),
                    )
                )
        return _interpolated_output(table, draws)


def _other_class_neighbors(
    X: Any, y: np.ndarray, cls: Any, seeds: np.ndarray, overall: np.ndarray, k: int
) -> np.ndarray:
    """The ``k`` nearest other-class rows of each seed (input positions).

    A danger row has at least ``m / 2`` other-class rows among its ``m`` nearest,
    sorted by distance, so when ``k`` is no larger they are the first ``k`` of them
    and no new search is needed."""
    is_other = y[overall] != cls
    if is_other.sum(axis=1).min() >= k:
        order = np.argsort(~is_other, axis=1, kind="stable")[:, :k]
        return np.take_along_axis(overall, order, axis=1)
    others = np.flatnonzero(y != cls)
    k = min(k, len(others))
    return others[exact_kneighbors(X[others], k, query=X[seeds])]
