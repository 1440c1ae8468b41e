"""SVM-SMOTE: over-sample around the support vectors of an SVM."""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from sklearn.base import clone
from sklearn.svm import SVC
from sklearn.utils import check_random_state

from .._param_validation import HasMethods, Interval, Real
from .._tabular import Table, Target
from ..neighbors import check_k_neighbors, n_neighbors_of
from ..neighbors._heap import release_freed_memory
from ..provenance import Provenance
from ._borderline import _BorderSMOTE, warn_no_seeds
from ._seeds import draw_pairs
from ._smote import _interpolated_output, check_class_size

__all__ = ["SVMSMOTE"]


class SVMSMOTE(_BorderSMOTE):
    """SVM-SMOTE [1]_.

    An SVM approximates the class border; the class's support vectors are the seeds.
    Each support vector is classified by its ``m_neighbors`` nearest rows (any
    class) as in Borderline-SMOTE:

    * noise (all neighbours of another class): never a seed;
    * in danger (at least half of another class): interpolation towards one of its
      ``k_neighbors`` nearest same-class rows, ``lam`` in ``[0, 1]``;
    * safe (fewer than half): *extrapolation* away from that neighbour, to widen the
      class region towards the border, ``lam`` in ``[-out_step, 0]``.

    Seeds are drawn uniformly among the non-noise support vectors. Every synthetic
    row is still ``X[parent_a] + lam * (X[parent_b] - X[parent_a])``; extrapolated
    rows are the ones with a negative ``lam`` in the provenance.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        See :class:`~smoteguard.SMOTE`.
    random_state : int, RandomState instance or None, default=None
    k_neighbors : int or object with ``kneighbors``, default=5
    m_neighbors : int or object with ``kneighbors``, default=10
    svm_estimator : estimator with ``support_`` after fit, or None, default=None
        None: ``sklearn.svm.SVC()`` (RBF kernel). It is cloned and fitted on all rows.
    out_step : float, default=0.5
        Largest extrapolation step for safe support vectors.

    Attributes
    ----------
    sampling_strategy_ : dict
    provenance_ : Provenance
    svm_estimator_ : estimator
        The fitted SVM.
    support_indices_ : dict
        ``{class: ndarray}`` input positions of the class's support vectors.
    danger_indices_, noise_indices_ : dict
        ``{class: ndarray}`` support vectors in danger / treated as noise.
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
        Every support vector of a class is noise (nothing to seed from); the message
        says what to change.

    Notes
    -----
    When every support vector of a class is noise nothing is generated for it and
    a ``UserWarning`` says so, as :class:`~smoteguard.BorderlineSMOTE` does.
    Fitting the SVM costs O(n^2) or more; on large data pass a faster estimator
    (for example ``sklearn.svm.LinearSVC`` wrapped to expose ``support_``) or use
    BorderlineSMOTE.

    Peak memory is usually the SVM's own fit: scikit-learn's ``SVC`` holds about
    250 bytes a row plus its kernel cache (``cache_size``, 200 MB by default),
    while smoteguard holds nothing of its own during the fit and gives the freed
    pages back before it allocates the output (at 100k x 30 its own peak after the
    fit is below input + output; figures in ``bench/RESULTS.md``). A smaller
    ``cache_size`` lowers the peak without changing the result, at some speed.

    References
    ----------
    .. [1] H. M. Nguyen, E. W. Cooper, K. Kamei, "Borderline over-sampling for
       imbalanced data classification", International Journal of Knowledge Engineering
       and Soft Data Paradigms 3(1), 4-21, 2011.

    Examples
    --------
    >>> from sklearn.datasets import make_classification
    >>> from smoteguard import SVMSMOTE
    >>> X, y = make_classification(n_samples=300, weights=[0.9], random_state=0)
    >>> X_res, y_res = SVMSMOTE(random_state=0).fit_resample(X, y)
    >>> int((y_res == 1).sum()) == int((y_res == 0).sum())
    True
    """

    _neighbor_graph_params = ()  # seeds are support vectors, searched among all rows

    def __init__(
        self,
        *,
        sampling_strategy: Any = "auto",
        random_state: Any = None,
        k_neighbors: Any = 5,
        m_neighbors: Any = 10,
        svm_estimator: Any = None,
        out_step: float = 0.5,
    ) -> None:
        super().__init__(
            sampling_strategy=sampling_strategy,
            random_state=random_state,
            k_neighbors=k_neighbors,
        )
        self.m_neighbors = m_neighbors
        self.svm_estimator = svm_estimator
        self.out_step = out_step

    _parameter_constraints: ClassVar[dict] = {
        **_BorderSMOTE._parameter_constraints,
        "svm_estimator": [HasMethods(["fit"]), None],
        "out_step": [Interval(Real, 0, 1, closed="both")],
    }
    _parameter_messages: ClassVar[dict] = {
        **_BorderSMOTE._parameter_messages,
        "svm_estimator": (
            "svm_estimator must be None or an SVM estimator exposing support_ "
            "after fit (such as sklearn.svm.SVC); got {type}."
        ),
        "out_step": "out_step must be a number in [0, 1]; got {value!r}.",
    }

    def _resample(self, table: Table, target: Target) -> tuple[Provenance, Any]:
        X, y = table.values, target.labels
        rng = check_random_state(self.random_state)
        self._check_m_neighbors(X.shape[0])
        k = n_neighbors_of(check_k_neighbors(self.k_neighbors))
        name = type(self).__name__
        svm = SVC() if self.svm_estimator is None else clone(self.svm_estimator)
        self.svm_estimator_ = svm.fit(X, y)
        # libsvm's kernel cache (up to cache_size MB, many small blocks) is freed
        # by now: give the pages back before the output is allocated
        release_freed_memory()
        support = np.asarray(getattr(svm, "support_", None))
        if support.ndim != 1:
            raise TypeError(
                f"{name}: the svm_estimator has no support_ after fit; pass an SVM "
                "such as sklearn.svm.SVC."
            )
        draws = []
        self.support_indices_, self.danger_indices_, self.noise_indices_ = {}, {}, {}
        for cls, n_new in self.sampling_strategy_.items():
            if n_new == 0:
                continue
            check_class_size(cls, int(np.sum(y == cls)), k, name)
            vectors = np.sort(support[y[support] == cls])
            self.support_indices_[cls] = vectors
            if not len(vectors):
                raise ValueError(
                    f"{name}: the SVM has no support vector of class {cls!r}, so "
                    "there is no border to sample from. Use SMOTE, or pass an "
                    "svm_estimator with a smaller C (e.g. sklearn.svm.SVC(C=0.1))."
                )
            hood, danger, noise = self._border_neighborhood(X, y, cls, query=vectors)
            self.danger_indices_[cls] = vectors[danger]
            self.noise_indices_[cls] = vectors[noise]
            if noise.all():
                warn_no_seeds(self, cls, len(vectors), int(noise.sum()))
                continue
            keep = ~noise
            seeds, partners = vectors[keep], hood.within[keep]
            seed_pos = rng.randint(0, len(seeds), size=n_new)
            inside = danger[keep][seed_pos]
            for mask, lam_range in (
                (inside, (0.0, 1.0)),
                (~inside, (-float(self.out_step), 0.0)),
            ):
                draws.append(
                    draw_pairs(
                        rng,
                        seeds,
                        partners,
                        seed_pos=seed_pos[mask],
                        lam_range=lam_range,
                    )
                )
        return _interpolated_output(table, draws)
