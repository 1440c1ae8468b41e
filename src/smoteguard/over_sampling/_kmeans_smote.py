"""k-means SMOTE: cluster first, then interpolate only inside minority-rich clusters."""

from __future__ import annotations

import numbers
from typing import Any, ClassVar

import numpy as np
from scipy.special import softmax
from sklearn.base import clone
from sklearn.cluster import MiniBatchKMeans
from sklearn.metrics import pairwise_distances
from sklearn.utils import check_random_state

from .._param_validation import (
    HasMethods,
    Integral,
    Interval,
    Real,
    StrOptions,
    check_count_fits,
)
from .._tabular import Table, Target
from ..neighbors import kneighbors_within, n_neighbors_of
from ..provenance import Provenance
from ._seeds import allocate, draw_pairs
from ._smote import SMOTE, _interpolated_output, check_class_size

__all__ = ["KMeansSMOTE"]

#: rows used to estimate a cluster's mean pairwise distance
_DISTANCE_SAMPLE = 2000


class KMeansSMOTE(SMOTE):
    """k-means SMOTE [1]_.

    1. Cluster all rows with k-means.
    2. For each class to over-sample, keep the clusters where the class's share of
       the rows is at least ``cluster_balance_threshold`` and which hold more than
       ``k_neighbors`` rows of the class (eligible clusters).
    3. Split the rows to generate between eligible clusters in proportion to their
       sparsity, ``mean_distance ** density_exponent / n_class_rows`` (sparser
       clusters get more rows).
    4. In each eligible cluster run SMOTE on the class's rows *of that cluster*:
       seeds and partners are always in the same cluster, so no synthetic row is
       placed on a segment between two clusters (the bridging failure of SMOTE
       between separate minority groups), nor in clusters dominated by another
       class (amplifying noisy rows).

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        See :class:`~smoteguard.SMOTE`.
    random_state : int, RandomState instance or None, default=None
        Also seeds the default k-means.
    k_neighbors : int or object with ``kneighbors``, default=2
        Neighbours (within the class and cluster) to interpolate towards.
    kmeans_estimator : int, clustering estimator or None, default=None
        None: ``MiniBatchKMeans(n_clusters=8)``; an int: that many clusters; or any
        estimator with ``fit_predict`` (it is cloned).
    cluster_balance_threshold : "auto" or float, default="auto"
        Minimum share of the class in a cluster. ``"auto"``: the class's share in
        the whole training set (a cluster must be at least as rich in the class as
        the data overall).
    density_exponent : "auto" or float, default="auto"
        Exponent (>= 0) of the mean distance in the sparsity; ``"auto"`` is the
        number of features, as proposed in the paper. 0 weighs clusters by their
        class rows only; negative values are refused (denser clusters would get
        more rows).

    Attributes
    ----------
    sampling_strategy_ : dict
    provenance_ : Provenance
    kmeans_estimator_ : estimator
        The fitted clustering.
    cluster_labels_ : ndarray of shape (n_samples,)
        Cluster of every input row.
    eligible_clusters_ : dict
        ``{class: ndarray}`` labels of the clusters the class was over-sampled in.
    cluster_weights_ : dict
        ``{class: {cluster: share of the class's synthetic rows}}``.
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
    ValueError
        No cluster is eligible for a class (see ``cluster_balance_threshold``).

    Notes
    -----
    Rows are allocated with largest remainders so exactly the requested number is
    generated (imbalanced-learn rounds each cluster up). A cluster's mean distance
    is estimated on at most 2000 of its class rows. A cluster whose class rows are
    all identical (zero spread) is the densest possible and gets no rows while
    another eligible cluster has spread; when none has, the rows are split in
    proportion to ``1 / n_class_rows`` (the limit of the sparsity shares as the
    spreads shrink together), and the synthetic rows repeat the cluster's point.
    When no cluster is eligible a ``ValueError`` explains which knob to turn.

    References
    ----------
    .. [1] G. Douzas, F. Bacao, F. Last, "Improving imbalanced learning through a
       heuristic oversampling method based on k-means and SMOTE", Information Sciences
       465, 1-20, 2018.

    Examples
    --------
    >>> from sklearn.datasets import make_classification
    >>> from smoteguard import KMeansSMOTE
    >>> X, y = make_classification(n_samples=500, weights=[0.9], random_state=0)
    >>> sampler = KMeansSMOTE(kmeans_estimator=4, random_state=0)
    >>> X_res, y_res = sampler.fit_resample(X, y)
    >>> int((y_res == 1).sum()) == int((y_res == 0).sum())
    True
    """

    _neighbor_graph_params = ()  # it searches within each cluster

    def __init__(
        self,
        *,
        sampling_strategy: Any = "auto",
        random_state: Any = None,
        k_neighbors: Any = 2,
        kmeans_estimator: Any = None,
        cluster_balance_threshold: Any = "auto",
        density_exponent: Any = "auto",
    ) -> None:
        super().__init__(
            sampling_strategy=sampling_strategy,
            random_state=random_state,
            k_neighbors=k_neighbors,
        )
        self.kmeans_estimator = kmeans_estimator
        self.cluster_balance_threshold = cluster_balance_threshold
        self.density_exponent = density_exponent

    _parameter_constraints: ClassVar[dict] = {
        **SMOTE._parameter_constraints,
        "kmeans_estimator": [
            Interval(Integral, 1, None, closed="left"),
            HasMethods(["fit_predict"]),
            None,
        ],
        "cluster_balance_threshold": [
            StrOptions({"auto"}),
            Interval(Real, 0, 1, closed="both"),
        ],
        "density_exponent": [
            StrOptions({"auto"}),
            Interval(Real, 0, None, closed="left"),
        ],
    }
    _parameter_messages: ClassVar[dict] = {
        **SMOTE._parameter_messages,
        "kmeans_estimator": (
            "kmeans_estimator must be None, a positive int (number of clusters) "
            "or a clustering estimator with fit_predict (such as "
            "MiniBatchKMeans); got {value!r}."
        ),
        "cluster_balance_threshold": (
            "cluster_balance_threshold must be 'auto' or a share of rows in [0, "
            "1]; got {value!r}."
        ),
        "density_exponent": (
            "density_exponent must be 'auto' or a number >= 0 (a negative one "
            "would give denser clusters more rows, the opposite of the method); "
            "got {value!r}."
        ),
    }

    def _clusterer(self, rng: np.random.RandomState) -> Any:
        est = self.kmeans_estimator
        seed = rng.randint(np.iinfo(np.int32).max)
        if est is None or isinstance(est, numbers.Integral):
            n_clusters = 8 if est is None else int(est)
            return MiniBatchKMeans(n_clusters=n_clusters, random_state=seed)
        return clone(est)

    def _check_n_clusters(self, n_rows: int) -> None:
        """Refuse more clusters than rows (the default's 8 as well), naming
        ``kmeans_estimator``."""
        n_clusters = getattr(self.kmeans_estimator_, "n_clusters", None)
        if isinstance(n_clusters, numbers.Integral):
            check_count_fits(
                type(self).__name__,
                "kmeans_estimator"
                if self.kmeans_estimator is None
                or isinstance(self.kmeans_estimator, numbers.Integral)
                else "kmeans_estimator.n_clusters",
                int(n_clusters),
                n_rows,
                f"at least {n_clusters} rows, one per cluster; got {n_rows}",
            )

    def _resample(self, table: Table, target: Target) -> tuple[Provenance, Any]:
        X, y = table.values, target.labels
        rng = check_random_state(self.random_state)
        k = n_neighbors_of(self.k_neighbors)
        name = type(self).__name__
        self.kmeans_estimator_ = self._clusterer(rng)
        self._check_n_clusters(X.shape[0])
        labels = np.asarray(self.kmeans_estimator_.fit_predict(X))
        self.cluster_labels_ = labels
        clusters, cluster_sizes = np.unique(labels, return_counts=True)
        exponent = (
            X.shape[1] if self.density_exponent == "auto" else self.density_exponent
        )
        draws = []
        self.eligible_clusters_, self.cluster_weights_ = {}, {}
        for cls, n_new in self.sampling_strategy_.items():
            if n_new == 0:
                continue
            is_class = y == cls
            check_class_size(cls, int(is_class.sum()), k, name)
            threshold = (
                is_class.mean()
                if self.cluster_balance_threshold == "auto"
                else self.cluster_balance_threshold
            )
            members = [np.flatnonzero(is_class & (labels == c)) for c in clusters]
            eligible = [
                i
                for i, rows in enumerate(members)
                if len(rows) > k and len(rows) / cluster_sizes[i] >= threshold
            ]
            if not eligible:
                raise ValueError(self._no_cluster_message(cls, threshold, k))
            log_sparsity = np.array(
                [_log_sparsity(X, members[i], exponent, rng) for i in eligible]
            )
            weights = _cluster_weights(
                log_sparsity, [len(members[i]) for i in eligible]
            )
            counts = allocate(weights, n_new)
            self.eligible_clusters_[cls] = clusters[eligible]
            self.cluster_weights_[cls] = dict(
                zip(clusters[eligible].tolist(), weights.tolist())
            )
            for i, n_cluster in zip(eligible, counts):
                if n_cluster == 0:
                    continue
                rows = members[i]
                partners = rows[kneighbors_within(X[rows], self.k_neighbors)]
                draws.append(draw_pairs(rng, rows, partners, int(n_cluster)))
        return _interpolated_output(table, draws)

    def _no_cluster_message(self, cls: Any, threshold: float, k: int) -> str:
        n_clusters = getattr(self.kmeans_estimator_, "n_clusters", "the")
        return (
            f"KMeansSMOTE found no eligible cluster for class {cls!r}: none of the "
            f"{n_clusters} clusters has a share of class {cls!r} of at least "
            f"{threshold:.3g} and more than k_neighbors={k} of its rows. Use fewer "
            "clusters (kmeans_estimator=<smaller int>), a lower "
            "cluster_balance_threshold, or a smaller k_neighbors."
        )


def _cluster_weights(log_sparsity: np.ndarray, n_rows: list[int]) -> np.ndarray:
    """Shares of the synthetic rows per eligible cluster, from their sparsity.

    A cluster whose class rows are all identical has sparsity 0 (log -inf) and gets
    no rows while another cluster has spread. When no cluster has any spread the
    weights are the limit of the sparsity shares as all spreads shrink together,
    ``1 / n_rows`` normalised.
    """
    if np.isfinite(log_sparsity).any():
        return softmax(log_sparsity)
    inverse = 1.0 / np.asarray(n_rows, dtype=np.float64)
    return inverse / inverse.sum()


def _log_sparsity(
    X: Any, rows: np.ndarray, exponent: float, rng: np.random.RandomState
) -> float:
    """``log(mean_distance ** exponent / n)`` of the rows (in log space: the power
    overflows for many features)."""
    sample = rows
    if len(rows) > _DISTANCE_SAMPLE:
        sample = np.sort(rng.choice(rows, _DISTANCE_SAMPLE, replace=False))
    distances = pairwise_distances(X[sample])
    n = len(sample)
    mean_distance = distances.sum() / (n * (n - 1))
    # Identical rows: no spread at all, the densest possible cluster.
    if mean_distance <= 0:
        return -np.inf
    return exponent * np.log(mean_distance) - np.log(len(rows))
