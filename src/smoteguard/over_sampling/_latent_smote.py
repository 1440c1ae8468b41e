"""Latent-space SMOTE: interpolate in a learned low-dimensional space."""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from sklearn.base import clone
from sklearn.decomposition import PCA

from .._interpolation import interpolate
from .._param_validation import HasMethods
from .._tabular import (
    Table,
    Target,
    _release_before_output,
    check_table,
    preallocate_output,
)
from ..provenance import Provenance
from ._smote import SMOTE

#: synthetic rows decoded at a time (bounds the latent and decoded temporaries)
_DECODE_ROWS = 4096

__all__ = ["LatentSMOTE"]

METHOD = "latent interpolation"


def _transformer_words(value: Any, owner: str) -> str:
    missing = [
        method
        for method in ("fit", "transform", "inverse_transform")
        if not hasattr(value, method)
    ]
    return (
        f"transformer must have fit, transform and inverse_transform; "
        f"{type(value).__name__} lacks {', '.join(missing)}. Use "
        "for example sklearn.decomposition.PCA, or leave it None."
    )


class LatentSMOTE(SMOTE):
    """SMOTE in a low-dimensional space learned on the training rows.

    In many dimensions nearest neighbours become meaningless (distances
    concentrate) and straight segments between rows leave the data's manifold.
    LatentSMOTE fits ``transformer`` on all training rows, maps them to
    ``Z = transformer.transform(X)``, runs SMOTE there (neighbours and
    interpolation in latent space) and maps each synthetic point back with
    ``inverse_transform``.

    Provenance (method ``"latent interpolation"``): ``parent_a``, ``parent_b`` and
    ``lam`` refer to latent space. A synthetic row is reproduced as
    ``transformer_.inverse_transform(z_a + lam * (z_b - z_a))`` with
    ``z = transformer_.transform(X)``, in the dtype of ``X``; see
    :meth:`reproduce`. It is *not* ``X[a] + lam * (X[b] - X[a])``: the part of the
    rows the latent space does not represent (for PCA, the discarded components) is
    not copied into synthetic rows.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        See :class:`~smoteguard.SMOTE`.
    random_state : int, RandomState instance or None, default=None
    k_neighbors : int or object with ``kneighbors``, default=5
        Neighbours in latent space.
    transformer : scikit-learn transformer with ``inverse_transform``, or None
        None: ``PCA(n_components=0.95, svd_solver="full")``, the fewest components
        explaining 95% of the variance. Any transformer with ``fit``,
        ``transform`` and ``inverse_transform`` works (it is cloned); scale the
        features first (for example StandardScaler in a Pipeline) when their units
        differ.

    Attributes
    ----------
    sampling_strategy_ : dict
    provenance_ : Provenance
    transformer_ : transformer
        The fitted transformer.
    n_latent_features_ : int
        Dimension of the latent space.
    neighbors_ : dict
        ``{class: ndarray}`` latent-space neighbours (input positions).
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

    References
    ----------
    .. [1] N. V. Chawla, K. W. Bowyer, L. O. Hall, W. P. Kegelmeyer, "SMOTE:
       Synthetic Minority Over-sampling Technique", Journal of Artificial Intelligence
       Research 16, 321-357, 2002.

    Examples
    --------
    >>> from sklearn.datasets import make_classification
    >>> from smoteguard import LatentSMOTE
    >>> X, y = make_classification(n_samples=300, n_features=50, weights=[0.9],
    ...                            random_state=0)
    >>> sampler = LatentSMOTE(random_state=0)
    >>> X_res, y_res = sampler.fit_resample(X, y)
    >>> sampler.n_latent_features_ < 50
    True
    """

    _accepts_sparse = False
    _provenance_method = METHOD
    _neighbor_graph_params = ()  # it searches in the latent space

    def __init__(
        self,
        *,
        sampling_strategy: Any = "auto",
        random_state: Any = None,
        k_neighbors: Any = 5,
        transformer: Any = None,
    ) -> None:
        super().__init__(
            sampling_strategy=sampling_strategy,
            random_state=random_state,
            k_neighbors=k_neighbors,
        )
        self.transformer = transformer

    _parameter_constraints: ClassVar[dict] = {
        **SMOTE._parameter_constraints,
        "transformer": [HasMethods(["fit", "transform", "inverse_transform"]), None],
    }
    _parameter_messages: ClassVar[dict] = {
        **SMOTE._parameter_messages,
        "transformer": _transformer_words,
    }

    def _resample(self, table: Table, target: Target) -> tuple[Provenance, Any]:
        X = table.values
        transformer = (
            PCA(n_components=0.95, svd_solver="full")
            if self.transformer is None
            else clone(self.transformer)
        )
        y = target.labels
        # fit then transform (not fit_transform) so that reproduce() gets the same
        # latent coordinates bit for bit; all rows in one call (a product over
        # fewer rows may round differently), of which only the rows of the classes
        # being over-sampled are kept: only they are searched and interpolated
        with np.errstate(divide="ignore", invalid="ignore"):
            # constant data: PCA's explained-variance ratios are 0 / 0
            Z = np.asarray(transformer.fit(X).transform(X))
        self.transformer_ = transformer
        self.n_latent_features_ = Z.shape[1]
        grown = [cls for cls, n_new in self.sampling_strategy_.items() if n_new]
        sub = np.flatnonzero(np.isin(y, grown))
        Z = Z[sub]
        local = self._draw_provenance(Z, y[sub])
        # positions among the transformed rows -> input positions
        self.neighbors_ = {cls: sub[near] for cls, near in self.neighbors_.items()}
        provenance = Provenance(
            n_input=len(y),
            original_indices=np.arange(len(y)),
            parent_a=sub[local.parent_a],
            parent_b=sub[local.parent_b],
            lam=local.lam,
            method=local.method,
        )
        # the PCA fit's freed work arrays stay resident otherwise, under the output
        # built next (issue 19: 1.18 x (input + output) at 50k x 30)
        _release_before_output(table, len(y) + provenance.n_synthetic)
        out = None
        if table.frame is None and provenance.n_synthetic:
            # decode straight into the final output (assemble takes the buffer)
            out = preallocate_output(
                X, provenance.original_indices, provenance.n_synthetic
            )
        return provenance, self._decode(Z, local, X.dtype, out)

    def _decode(
        self,
        Z: np.ndarray,
        provenance: Provenance,
        dtype: Any,
        out: np.ndarray | None = None,
    ) -> np.ndarray:
        """``inverse_transform`` of the interpolated latent rows, block by block of
        :data:`_DECODE_ROWS` rows (the transformers act row by row), into ``out``."""
        if out is None:
            out = np.empty((provenance.n_synthetic, self.n_features_in_), dtype=dtype)
        for start in range(0, provenance.n_synthetic, _DECODE_ROWS):
            part = slice(start, start + _DECODE_ROWS)
            latent = interpolate(
                Z,
                provenance.parent_a[part],
                provenance.parent_b[part],
                provenance.lam[part],
            )
            rows = np.asarray(self.transformer_.inverse_transform(latent))
            out[part] = rows.astype(dtype, copy=False)
        return out

    def reproduce(self, X: Any) -> np.ndarray:
        """Recompute the synthetic rows of the last ``fit_resample`` from ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The rows ``fit_resample`` was given.

        Returns
        -------
        ndarray of shape (n_synthetic, n_features)
            ``transformer_.inverse_transform(z_a + lam * (z_b - z_a))``.
        """
        values = check_table(X, type(self).__name__, allow_sparse=False).values
        Z = np.asarray(self.transformer_.transform(values))
        return self._decode(Z, self.provenance_, values.dtype)
