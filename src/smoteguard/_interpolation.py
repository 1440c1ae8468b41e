"""Writing interpolated rows, the one arithmetic step the SMOTE family shares."""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.sparse as sp

#: rows interpolated at a time (the seeds are gathered into a temporary this size)
_BLOCK_ROWS = 4096


def interpolate(
    X: Any,
    parent_a: np.ndarray,
    parent_b: np.ndarray,
    lam: np.ndarray,
    out: np.ndarray | None = None,
) -> Any:
    """Rows ``X[a] + lam * (X[b] - X[a])`` in the dtype of ``X``.

    Dense input is processed in blocks written straight into ``out`` (allocated when
    not given), so no temporary of the full output exists and float32 stays float32.
    CSR input returns a CSR matrix.

    Parameters
    ----------
    X : ndarray of shape (n, d) or CSR matrix
    parent_a, parent_b : ndarray of int of shape (m,)
        Row positions of the seeds and of the neighbours.
    lam : ndarray of float of shape (m,)
        Weights in [0, 1].
    out : ndarray of shape (m, d), optional
        Where to write the rows.
    """
    if sp.issparse(X):
        Xa = X[parent_a]
        steps = sp.diags(lam.astype(X.dtype, copy=False))
        return sp.csr_matrix(Xa + steps @ (X[parent_b] - Xa))
    if out is None:
        out = np.empty((len(parent_a), X.shape[1]), dtype=X.dtype)
    lam = lam.astype(X.dtype, copy=False)
    for start in range(0, len(parent_a), _BLOCK_ROWS):
        stop = start + _BLOCK_ROWS
        block = out[start:stop]
        np.take(X, parent_b[start:stop], axis=0, out=block)
        seeds = np.take(X, parent_a[start:stop], axis=0)
        block -= seeds
        block *= lam[start:stop, None]
        block += seeds
    return out
