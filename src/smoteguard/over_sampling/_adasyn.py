"""ADASYN: adaptive synthetic sampling, more rows where a class is harder to learn."""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from sklearn.utils import check_random_state

from .._param_validation import NEIGHBORS
from .._tabular import Table, Target
from ..base import RANDOM_STATE_CONSTRAINT, BaseOverSampler
from ..neighbors import check_k_neighbors, n_neighbors_of
from ..neighbors._neighborhood import class_neighborhood
from ..neighbors._search import neighbors_words
from ..provenance import Provenance
from ._seeds import allocate, draw_pairs
from ._smote import _interpolated_output, check_class_size

__all__ = ["ADASYN"]


class ADASYN(BaseOverSampler):
    """Adaptive Synthetic sampling [1]_.

    Each row ``i`` of a class being over-sampled gets a difficulty ``r_i``: the share
    of its ``n_neighbors`` nearest rows (any class) that belong to another class.
    The rows to generate are split between the seeds in proportion to ``r_i``, and
    each synthetic row is an interpolation ``x_i + lam * (x_nn - x_i)`` towards one of
    the seed's ``n_neighbors`` nearest same-class rows, ``lam`` uniform in ``[0, 1]``.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        See :class:`~smoteguard.SMOTE`.
    random_state : int, RandomState instance or None, default=None
    n_neighbors : int or object with ``kneighbors``, default=5
        Neighbourhood size, both for the difficulty (among all rows) and for the
        interpolation partners (within the class). An object's ``n_neighbors``
        counts the row itself, as in imbalanced-learn.

    Attributes
    ----------
    sampling_strategy_ : dict
    provenance_ : Provenance
    weights_ : dict
        ``{class: ndarray}`` normalised difficulty ``r_i`` of each class row, in the
        order of ``class_rows_``.
    seed_counts_ : dict
        ``{class: ndarray}`` number of synthetic rows seeded by each class row.
    class_rows_ : dict
        ``{class: ndarray}`` input positions of the class's rows.
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
    The per-seed counts are rounded with largest remainders, so exactly the number
    of rows asked for by ``sampling_strategy`` is generated (imbalanced-learn rounds
    each seed's count on its own, so its total may be a few rows off).

    References
    ----------
    .. [1] H. He, Y. Bai, E. A. Garcia, S. Li, "ADASYN: Adaptive Synthetic Sampling
       Approach for Imbalanced Learning", IEEE International Joint Conference on Neural
       Networks (IJCNN), 1322-1328, 2008.

    Examples
    --------
    >>> from sklearn.datasets import make_classification
    >>> from smoteguard import ADASYN
    >>> X, y = make_classification(n_samples=300, weights=[0.9], random_state=0)
    >>> X_res, y_res = ADASYN(random_state=0).fit_resample(X, y)
    >>> int((y_res == 1).sum()) == int((y_res == 0).sum())
    True
    """

    _neighbor_graph_params = ("n_neighbors",)

    def __init__(
        self,
        *,
        sampling_strategy: Any = "auto",
        random_state: Any = None,
        n_neighbors: Any = 5,
    ) -> None:
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.n_neighbors = n_neighbors

    _parameter_constraints: ClassVar[dict] = {
        **BaseOverSampler._parameter_constraints,
        **RANDOM_STATE_CONSTRAINT,
        "n_neighbors": NEIGHBORS,
    }
    _parameter_messages: ClassVar[dict] = {
        **BaseOverSampler._parameter_messages,
        "n_neighbors": neighbors_words("n_neighbors"),
    }

    def _resample(self, table: Table, target: Target) -> tuple[Provenance, Any]:
        X, y = table.values, target.labels
        rng = check_random_state(self.random_state)
        n_neighbors = check_k_neighbors(self.n_neighbors, "n_neighbors")
        k = n_neighbors_of(n_neighbors)
        draws = []
        self.weights_, self.seed_counts_, self.class_rows_ = {}, {}, {}
        for cls, n_new in self.sampling_strategy_.items():
            if n_new == 0:
                continue
            check_class_size(
                cls, int(np.sum(y == cls)), k, type(self).__name__, "n_neighbors"
            )
            hood = class_neighborhood(X, y, cls, n_neighbors, n_neighbors)
            difficulty = hood.n_other / k
            if not difficulty.any():
                raise ValueError(
                    f"ADASYN: no row of class {cls!r} has a neighbour of another "
                    f"class among its {k} nearest, so there is no difficulty to "
                    "adapt to. Use SMOTE for a well-separated class, or a larger "
                    "n_neighbors."
                )
            weights = difficulty / difficulty.sum()
            counts = allocate(weights, n_new)
            self.weights_[cls], self.seed_counts_[cls] = weights, counts
            self.class_rows_[cls] = hood.rows
            seed_pos = np.repeat(np.arange(len(hood.rows)), counts)
            draws.append(draw_pairs(rng, hood.rows, hood.within, seed_pos=seed_pos))
        return _interpolated_output(table, draws)
