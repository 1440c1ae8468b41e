"""Diagnostics of synthetic rows: where SMOTE-style samplers go wrong.

SMOTE draws segments between rows of a class and places new rows on them. That
fails in known ways, each of which can be measured on the result:

* **Landing in another class's territory**: a synthetic row whose nearest real row
  belongs to another class teaches the model the wrong label there.
* **Bridging separate clusters**: a segment between two separate groups of a class
  crosses a region with no real row of the class; the synthetic row invents one.
  Measured by sampling points along the segment and comparing their distance to
  the nearest real row of the class with the class's own nearest-neighbour
  distances.
* **Amplifying noise**: rows surrounded by another class (often mislabelled) used
  as parents spread their label into the other class's region.
* **Meaningless neighbours in high dimension**: when the nearest and the farthest
  row are almost equally far, "nearest neighbour" carries little information and
  interpolation is close to random; sampling in a lower-dimensional space
  (:class:`~smoteguard.LatentSMOTE`) helps.

Use :func:`diagnose` (fits the sampler) or a fitted sampler's ``diagnose(X, y)``.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.metrics import pairwise_distances
from sklearn.utils import check_random_state

from ._dask_input import refuses_dask
from ._interpolation import interpolate
from ._tabular import check_table, check_target
from .neighbors._neighbor_backends import exact_kneighbors, exact_sqdist
from .neighbors._neighborhood import class_neighborhood, pairs_within

__all__ = ["SyntheticDiagnostics", "diagnose", "diagnose_fitted"]

#: provenance methods whose rows are ``X[a] + lam * (X[b] - X[a])``
_RECOMPUTABLE = ("interpolation", "duplicate")
_CONCENTRATION_QUERIES = 300
_CONCENTRATION_REFERENCES = 3000


@dataclass
class SyntheticDiagnostics:
    """What a sampler's synthetic rows look like relative to the real rows.

    Parameters
    ----------
    sampler : str
        Name of the sampler.
    n_original, n_synthetic : int
        Rows in the input and synthetic rows generated.
    rows : DataFrame
        One row per synthetic row (see :meth:`to_frame`).
    noise_indices : ndarray of int
        Input positions of over-sampled-class rows flagged as noise: at least
        ``noise_share`` of their ``n_neighbors`` nearest rows are of another class.
    bridge_thresholds : dict
        ``{class: distance}`` above which a point of a segment counts as far from
        every real row of the class.
    distance_concentration : float
        Mean ratio of the nearest to the farthest distance from a row of an
        over-sampled class to the others (1 means all equally far).
    high_dimensional : bool
        ``distance_concentration`` exceeds the threshold.
    n_neighbors : int
        Neighbours used for the noise flags and the landing check.
    warnings : list of str
        Advice triggered by the figures.
    """

    sampler: str
    n_original: int
    n_synthetic: int
    rows: pd.DataFrame
    noise_indices: np.ndarray
    bridge_thresholds: dict
    distance_concentration: float
    high_dimensional: bool
    n_neighbors: int = 5
    warnings: list = field(default_factory=list)

    def _share(self, column: str) -> tuple[int, float]:
        count = int(self.rows[column].sum()) if self.n_synthetic else 0
        return count, count / self.n_synthetic if self.n_synthetic else 0.0

    @property
    def landed_share(self) -> float:
        """Share of synthetic rows whose nearest real row is of another class."""
        return self._share("landed_in_other_class")[1]

    @property
    def bridging_share(self) -> float:
        """Share of synthetic rows whose segment crosses an empty region."""
        return self._share("bridges_clusters")[1]

    @property
    def noisy_parent_share(self) -> float:
        """Share of synthetic rows with a parent flagged as noise."""
        return self._share("parent_is_noise")[1]

    def to_frame(self) -> pd.DataFrame:
        """One row per synthetic row, indexed by its position in the output.

        Columns: ``class``, ``parent_a``, ``parent_b``, ``lam`` (provenance),
        ``nearest_real`` (input position of the nearest real row) and
        ``nearest_real_class``, ``landed_in_other_class``, ``segment_gap``
        (largest distance from a point of the parents' segment to the nearest real
        row of the class, divided by the class's bridge threshold; exact when above
        1, otherwise possibly an upper bound, the distance to the nearer parent),
        ``bridges_clusters`` (``segment_gap > 1``) and ``parent_is_noise``.
        """
        return self.rows.copy()

    def summary(self) -> str:
        """Readable report of the figures and the advice."""
        lines = [
            f"Synthetic-row diagnostics for {self.sampler}: {self.n_synthetic} "
            f"synthetic rows from {self.n_original} original rows"
        ]
        n, share = self._share("landed_in_other_class")
        lines.append(
            f"  landed in another class's territory (nearest real row of another "
            f"class): {n} ({share:.1%})"
        )
        n, share = self._share("bridges_clusters")
        lines.append(
            f"  bridge separate regions of their class (segment crosses a region "
            f"with no real row of the class): {n} ({share:.1%})"
        )
        n, share = self._share("parent_is_noise")
        lines.append(
            f"  rows flagged as noise (>= {self.n_neighbors} nearest mostly of "
            f"another class): {len(self.noise_indices)}; synthetic rows with a noisy "
            f"parent: {n} ({share:.1%})"
        )
        lines.append(
            "  distance concentration (nearest / farthest distance, 1 = all "
            f"equally far): {self.distance_concentration:.2f}"
            + (" -- HIGH" if self.high_dimensional else "")
        )
        lines.extend(f"  warning: {message}" for message in self.warnings)
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()


def _check_sampler(sampler: Any) -> None:
    """``sampler`` must be a sampler object (not a name, a class or a model)."""
    if isinstance(sampler, str):
        raise TypeError(
            f"sampler must be a smoteguard over-sampler object such as "
            f"SMOTE(random_state=0), not the string {sampler!r}."
        )
    if isinstance(sampler, type):
        raise TypeError(
            f"sampler must be a sampler instance, not the class {sampler.__name__}: "
            f"call it, e.g. {sampler.__name__}()."
        )
    if not hasattr(sampler, "fit_resample"):
        raise TypeError(
            f"sampler must be a smoteguard over-sampler (with fit_resample), such "
            f"as SMOTE(random_state=0); got {type(sampler).__name__}, which is not "
            "a sampler. To diagnose a pipeline, pass its sampling step."
        )


@refuses_dask
def diagnose(sampler: Any, X: Any, y: Any, **options: Any) -> SyntheticDiagnostics:
    """Fit ``sampler`` on ``(X, y)`` with ``fit_resample`` and diagnose its rows.

    Parameters
    ----------
    sampler : smoteguard over-sampler
        It is fitted in place (its ``provenance_`` says where each row came from).
    X, y : array-like
        Training data.
    **options
        See :func:`~smoteguard.diagnostics.diagnose_fitted`.

    Returns
    -------
    SyntheticDiagnostics

    Raises
    ------
    TypeError
        ``sampler`` is not a sampler object (a name, a class, a classifier).

    References
    ----------
    .. [1] Chawla, N. V., Bowyer, K. W., Hall, L. O., Kegelmeyer, W. P. (2002).
       SMOTE: synthetic minority over-sampling technique. *JAIR* 16, 321-357.
    .. [2] Han, H., Wang, W.-Y., Mao, B.-H. (2005). Borderline-SMOTE. *ICIC 2005*,
       LNCS 3644, 878-887 (rows whose neighbours are all of another class as noise).
    .. [3] Beyer, K., Goldstein, J., Ramakrishnan, R., Shaft, U. (1999). When is
       "nearest neighbor" meaningful? *ICDT 1999*, LNCS 1540, 217-235.

    Examples
    --------
    >>> from sklearn.datasets import make_classification
    >>> from smoteguard import SMOTE, diagnose
    >>> X, y = make_classification(n_samples=300, weights=[0.9], random_state=0)
    >>> report = diagnose(SMOTE(random_state=0), X, y)
    >>> 0 <= report.landed_share <= 1
    True
    """
    _check_sampler(sampler)
    X_res, _ = sampler.fit_resample(X, y)
    return diagnose_fitted(sampler, X, y, X_res=X_res, **options)


@refuses_dask
def diagnose_fitted(
    sampler: Any,
    X: Any,
    y: Any,
    *,
    X_res: Any = None,
    n_neighbors: int = 5,
    noise_share: float = 0.8,
    segment_points: int = 5,
    bridge_quantile: float = 0.95,
    bridge_factor: float = 2.0,
    concentration_threshold: float = 0.6,
    random_state: Any = 0,
) -> SyntheticDiagnostics:
    """Diagnose the synthetic rows of a sampler already fitted on ``(X, y)``.

    Parameters
    ----------
    sampler : fitted smoteguard over-sampler
    X, y : array-like
        The data the sampler was fitted on.
    X_res : array-like, optional
        The resampled features it returned. Needed only when the synthetic rows
        cannot be recomputed from the provenance (interpolation, duplicates and
        samplers with a ``reproduce`` method can).
    n_neighbors : int, default=5
        Neighbourhood (all rows) used to flag noise.
    noise_share : float, default=0.8
        A row is noise when at least this share of its neighbours is of another
        class (0.8 with 5 neighbours: 4 or 5 of them).
    segment_points : int, default=5
        Points checked inside each parents' segment.
    bridge_quantile, bridge_factor : float, default=0.95, 2.0
        A segment point farther than ``bridge_factor`` times the ``bridge_quantile``
        quantile of the class's nearest-neighbour distances from every real row of
        the class marks a bridge.
    concentration_threshold : float, default=0.6
        Mean nearest/farthest distance ratio above which the high-dimension
        warning is given.
    random_state : int, RandomState or None, default=0
        Rows sampled for the concentration estimate.
    """
    _check_sampler(sampler)
    name = type(sampler).__name__
    provenance, values, labels, synthetic = _fitted_rows(sampler, X, y, X_res)
    a, b, lam = provenance.parent_a, provenance.parent_b, provenance.lam
    syn_class = labels[a]
    classes = list(pd.unique(syn_class))

    # A parent is a real row at a known distance, so only rows closer than the
    # nearer parent can be the nearest real row: a radius search, not a k-NN one.
    values64 = values.astype(np.float64, copy=False)
    parent_d2 = np.minimum(
        _pair_sq(synthetic, values64, np.arange(len(a)), a),
        _pair_sq(synthetic, values64, np.arange(len(a)), b),
    )
    nearest, _ = _nearest_within(
        synthetic, values64, parent_d2, np.r_[a, b], np.tile(np.arange(len(a)), 2)
    )
    noise = _noise_rows(values, labels, classes, n_neighbors, noise_share)
    gap, thresholds = _bridge_gaps(
        values,
        values64,
        labels,
        a,
        b,
        classes,
        segment_points=segment_points,
        bridge_quantile=bridge_quantile,
        bridge_factor=bridge_factor,
    )
    concentration = _concentration(values, labels, classes, random_state)
    high = concentration > concentration_threshold
    frame = pd.DataFrame(
        {
            "class": syn_class,
            "parent_a": a,
            "parent_b": b,
            "lam": lam,
            "nearest_real": nearest,
            "nearest_real_class": labels[nearest],
            "landed_in_other_class": labels[nearest] != syn_class,
            "segment_gap": gap,
            "bridges_clusters": gap > 1.0,
            "parent_is_noise": np.isin(a, noise) | np.isin(b, noise),
        },
        index=pd.RangeIndex(provenance.n_original, provenance.n_output),
    )
    messages = _advice(frame, concentration, concentration_threshold, values.shape[1])
    return SyntheticDiagnostics(
        sampler=name,
        n_original=provenance.n_input,
        n_synthetic=len(a),
        rows=frame,
        noise_indices=noise,
        bridge_thresholds=thresholds,
        distance_concentration=concentration,
        high_dimensional=bool(high),
        n_neighbors=n_neighbors,
        warnings=messages,
    )


def _fitted_rows(
    sampler: Any, X: Any, y: Any, X_res: Any
) -> tuple[Any, np.ndarray, np.ndarray, np.ndarray]:
    """Check ``X, y`` against the fitted sampler; return its provenance, the
    features, the labels and the synthetic rows (recomputed when possible)."""
    provenance = getattr(sampler, "provenance_", None)
    name = type(sampler).__name__
    if provenance is None:
        raise ValueError(
            f"{name} is not fitted (no provenance_): call fit_resample(X, y) first, "
            "or use smoteguard.diagnose(sampler, X, y), which does."
        )
    table = check_table(X, "diagnose")
    values = table.values.toarray() if sp.issparse(table.values) else table.values
    labels = check_target(y, table.n_rows, "diagnose").labels
    if provenance.n_input != len(labels) or values.shape[1] != sampler.n_features_in_:
        raise ValueError(
            f"{name} was fitted on {provenance.n_input} rows and "
            f"{sampler.n_features_in_} features, but X has shape {values.shape}. "
            "Pass the X and y given to fit_resample."
        )
    a, b, lam = provenance.parent_a, provenance.parent_b, provenance.lam
    if X_res is not None:
        res = check_table(X_res, "diagnose").values
        res = res.toarray() if sp.issparse(res) else res
        synthetic = np.asarray(res[provenance.n_original :], dtype=np.float64)
    elif hasattr(sampler, "reproduce"):
        synthetic = np.asarray(sampler.reproduce(X), dtype=np.float64)
    elif provenance.method in _RECOMPUTABLE:
        synthetic = interpolate(values.astype(np.float64), a, b, lam)
    else:
        raise ValueError(
            f"{name}'s synthetic rows ({provenance.method!r}) cannot be recomputed "
            "from their parents; pass the resampled features as X_res=..., or use "
            "smoteguard.diagnose(sampler, X, y)."
        )
    return provenance, values, labels, synthetic


def _bridge_gaps(
    values: np.ndarray,
    values64: np.ndarray,
    labels: np.ndarray,
    a: np.ndarray,
    b: np.ndarray,
    classes: list,
    *,
    segment_points: int,
    bridge_quantile: float,
    bridge_factor: float,
) -> tuple[np.ndarray, dict]:
    """Each synthetic row's segment gap in units of its class's bridge threshold,
    and the thresholds (classes of fewer than 2 rows have none: gap 0)."""
    syn_class = labels[a]
    gap = np.zeros(len(a))
    thresholds = {}
    for cls in classes:
        rows = np.flatnonzero(labels == cls)
        if len(rows) < 2:
            continue
        _, nn_dist = exact_kneighbors(values[rows], 1, return_distance=True)
        thresholds[cls] = bridge_factor * float(np.quantile(nn_dist, bridge_quantile))
        sel = np.flatnonzero(syn_class == cls)
        gap[sel] = _segment_gap(
            values64, rows, a[sel], b[sel], segment_points, thresholds[cls]
        ) / max(thresholds[cls], np.finfo(float).tiny)
    return gap, thresholds


def _advice(
    frame: pd.DataFrame, concentration: float, threshold: float, n_features: int
) -> list[str]:
    """The diagnostics' plain-words findings (the high-dimension one also warns)."""
    messages = []
    if concentration > threshold:
        messages.append(
            f"nearest-neighbour distances concentrate (nearest/farthest ratio "
            f"{concentration:.2f} > {threshold}) in {n_features} "
            "dimensions: 'nearest' neighbours are barely nearer than the rest, so "
            "interpolation is close to random. Consider LatentSMOTE (interpolation "
            "in a PCA space) or reducing the features first."
        )
        warnings.warn(messages[-1], UserWarning, stacklevel=3)
    n = len(frame)
    if n and frame["bridges_clusters"].mean() > 0.05:
        messages.append(
            "more than 5% of the synthetic rows bridge separate regions of their "
            "class; KMeansSMOTE keeps interpolation inside clusters."
        )
    if n and frame["parent_is_noise"].mean() > 0.05:
        messages.append(
            "more than 5% of the synthetic rows have a parent flagged as noise; "
            "clean first (for example SMOTEENN / SMOTETomek), or use "
            "BorderlineSMOTE, which never seeds from rows whose neighbours are all "
            "of another class."
        )
    return messages


def _noise_rows(
    X: np.ndarray, y: np.ndarray, classes: list, k: int, share: float
) -> np.ndarray:
    found = []
    for cls in classes:
        if np.sum(y == cls) < 2 or k >= len(y):
            continue
        hood = class_neighborhood(X, y, cls, min(k, len(y) - 1))
        found.append(hood.rows[hood.n_other >= share * hood.overall.shape[1]])
    return np.sort(np.concatenate(found)) if found else np.empty(0, np.int64)


def _segment_gap(
    X: np.ndarray,
    rows: np.ndarray,
    a: np.ndarray,
    b: np.ndarray,
    n_points: int,
    threshold: float,
) -> np.ndarray:
    """Largest distance from a point inside segment ``X[a]``-``X[b]`` to the nearest
    of ``X[rows]``, exact where it exceeds ``threshold``.

    A point at ``t`` along the segment is within ``min(t, 1 - t) |X[b] - X[a]|`` of
    a parent (a row of the class), so only points for which that bound exceeds the
    threshold are searched; the others keep the bound (at most the threshold)."""
    gap = np.zeros(len(a))
    if not len(a) or n_points < 1:
        return gap
    ts = np.linspace(0.0, 1.0, n_points + 2)[1:-1]
    length = np.sqrt(_pair_sq(X, X, a, b))
    bound = np.minimum(ts, 1 - ts)[:, None] * length[None]  # (n_points, n_segments)
    need_t, need_s = np.nonzero(bound > threshold)
    if len(need_s):
        t = ts[need_t][:, None]
        points = X[a[need_s]] + t * (X[b[need_s]] - X[a[need_s]])
        _, d2 = _nearest_within(points, X[rows], bound[need_t, need_s] ** 2)
        bound[need_t, need_s] = np.sqrt(np.minimum(d2, bound[need_t, need_s] ** 2))
    return bound.max(axis=0)


def _pair_sq(
    query: np.ndarray, ref: np.ndarray, qi: np.ndarray, rj: np.ndarray
) -> np.ndarray:
    """Exact float64 squared distances ``|query[qi] - ref[rj]|^2``, computed as the
    neighbour search re-ranks its candidates, so both agree on which row is nearer."""
    return exact_sqdist(ref, qi, rj[:, None], Q=query)[:, 0]


def _nearest_within(
    query: np.ndarray,
    ref: np.ndarray,
    radius2: np.ndarray,
    extra_ref: np.ndarray | None = None,
    extra_query: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Nearest ``ref`` row of each query among those within ``sqrt(radius2)`` (and
    the given extra pairs); ties go to the lower position. Queries without any get
    position -1 and distance inf."""
    qi, rj = pairs_within(query, ref, radius2)
    if extra_ref is not None:
        qi, rj = np.r_[qi, extra_query], np.r_[rj, extra_ref]
    d2 = _pair_sq(query, ref, qi, rj)
    order = np.lexsort((rj, d2, qi))
    q_sorted = qi[order]
    first = order[np.r_[True, q_sorted[1:] != q_sorted[:-1]]] if len(order) else order
    idx = np.full(len(query), -1, dtype=np.int64)
    dist2 = np.full(len(query), np.inf)
    idx[qi[first]], dist2[qi[first]] = rj[first], d2[first]
    return idx, dist2


def _concentration(
    X: np.ndarray, y: np.ndarray, classes: list, random_state: Any
) -> float:
    rng = check_random_state(random_state)
    rows = np.flatnonzero(np.isin(y, classes)) if classes else np.arange(len(y))
    if len(rows) < 3:
        return 0.0
    refs = rows
    if len(refs) > _CONCENTRATION_REFERENCES:
        refs = rng.choice(rows, _CONCENTRATION_REFERENCES, replace=False)
    queries = refs[: min(_CONCENTRATION_QUERIES, len(refs))]
    dist = pairwise_distances(X[queries], X[refs])
    dist[np.arange(len(queries)), np.arange(len(queries))] = np.nan
    farthest = np.nanmax(dist, axis=1)
    nearest = np.nanmin(dist, axis=1)
    ok = farthest > 0
    return float(np.mean(nearest[ok] / farthest[ok])) if ok.any() else 0.0
