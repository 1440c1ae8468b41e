"""A lone collinear triple: an interpolated child, or a seed's extrapolated child?

Three rows ``a, m, b`` on one line with ``m`` between them, ``m`` nearer ``a``
(``m = a + λ(b − a)``, ``λ <= 1/3``), read two ways:

* **interpolated**: ``m`` is the child of ``a`` and ``b``. Every SMOTE-family
  sampler takes the second parent among the ``k`` nearest same-class real rows of
  the first (``k_neighbors = 5`` in imbalanced-learn; Chawla et al. 2002), so
  ``b`` is among ``a``'s ``k`` nearest real rows, or ``a`` among ``b``'s;
* **extrapolated**: ``a`` is SVMSMOTE's child of the real seed ``m``, pushed
  away from the seed's neighbour ``b``: ``a = m − t(b − m)``, ``t = λ / (1 − λ)
  <= out_step`` (Nguyen, Cooper and Kamei 2011), and ``b`` is among ``m``'s
  ``k`` nearest real rows.

The segment search (:mod:`._segments`) tells them apart when the seed has other
children or partners (it lies on several lines) or by its digits; a seed with a
single child and nothing else leaves the geometry symmetric, and the search calls
``m`` the child. This module weighs the neighbour ranks instead, in the space the
sampler searched (every column of the table, as written): when the table already
shows extrapolated children, ``a`` and ``b`` are not each other's neighbours
within ``k`` while ``b`` is within ``m``'s ``k``, the triple is read as
extrapolated: ``a`` is flagged with ``λ = −t`` and ``m`` is not.

``k`` is not assumed: it is estimated from the unambiguous interpolated rows of
the table (``λ`` above 1/3, both parents unflagged), as the largest rank at which
their parents find each other. Ranks are counted among the rows not in question
(neither flagged nor the would-be child of a lone triple), a lower bound of the
true rank: an interpolated reading is kept whenever it may hold.
"""

from __future__ import annotations

import numpy as np
from sklearn.neighbors import NearestNeighbors

__all__ = ["lone_seeds"]

#: extrapolated rows (and share of the flagged rows) the table must already show
#: before any lone triple is read as extrapolated: SMOTE, BorderlineSMOTE and
#: ADASYN tables show none, SVMSMOTE's 7-31 % (2,000-row make_classification)
_MIN_EXTRAPOLATED = 3
_MIN_SHARE = 0.02
#: unambiguous interpolated rows needed to estimate the neighbour depth ``k``
_MIN_REFERENCE = 10
#: rows whose parents' ranks estimate ``k`` (a sample on large tables)
_MAX_REFERENCE = 2_000
#: deepest neighbour rank looked at (beyond: ``k`` unknown, nothing changes)
_MAX_DEPTH = 30


def lone_seeds(
    row: np.ndarray,
    parent_a: np.ndarray,
    parent_b: np.ndarray,
    lam: np.ndarray,
    space,
    codes: np.ndarray,
    max_step: float,
    has_evidence,
) -> tuple[np.ndarray, ...]:
    """Re-read lone interpolated triples as extrapolated where the neighbour
    ranks say so (see the module notes).

    Parameters
    ----------
    row, parent_a, parent_b, lam : ndarray of shape (m,)
        Flagged rows, nearer parent first (``0 <= lam <= 0.5`` for interpolated
        rows, ``lam < 0`` for extrapolated ones, ``parent_a`` the seed).
    space : callable
        ``space(rows)``: those rows in the space the sampler searched (all
        columns), an ndarray of shape (len(rows), d); called only when some
        triple is weighed, for the rows of its class.
    codes : ndarray of int, shape (n,)
        Class of each row.
    max_step : float
        Largest extrapolation step ``t`` accepted.
    has_evidence : callable
        ``has_evidence(child, seed, far)``: whether each would-be extrapolated
        child has values of its own (the segment search's evidence rule).

    Returns
    -------
    row, parent_a, parent_b, lam : ndarray
        The same rows with the re-read triples swapped (sorted by row).
    """
    extrapolated = lam < 0
    n_ex = int(extrapolated.sum())
    if n_ex < _MIN_EXTRAPOLATED or n_ex < _MIN_SHARE * len(row):
        return row, parent_a, parent_b, lam
    flagged = np.zeros(len(codes), dtype=bool)
    flagged[row] = True
    bound = max_step / (1 + max_step)
    both_real = ~extrapolated & ~flagged[parent_a] & ~flagged[parent_b]
    lone = both_real & (lam <= bound) & ~_parent_elsewhere(parent_a, parent_b)
    reference = np.flatnonzero(both_real & (lam > bound))
    if not lone.any() or len(reference) < _MIN_REFERENCE:
        return row, parent_a, parent_b, lam
    reference = reference[:: -(-len(reference) // _MAX_REFERENCE)]
    questioned = flagged.copy()
    questioned[parent_a[lone]] = True
    ranks = _Ranks(space, codes, questioned)
    depth = ranks.mutual(parent_a[reference], parent_b[reference]).max()
    if not np.isfinite(depth):
        return row, parent_a, parent_b, lam
    idx = np.flatnonzero(lone)
    m, a, b = row[idx], parent_a[idx], parent_b[idx]
    swap = (ranks.mutual(a, b) > depth) & (ranks.of(b, m, a) <= depth)
    swap &= has_evidence(a, m, b)
    idx, m, a, b = idx[swap], m[swap], a[swap], b[swap]
    # a child may be claimed by two seeds' triples: keep its first
    a, first = np.unique(a, return_index=True)
    idx, m, b = idx[first], m[first], b[first]
    row, parent_a, parent_b, lam = (v.copy() for v in (row, parent_a, parent_b, lam))
    t = lam[idx] / (1 - lam[idx])
    row[idx], parent_a[idx], parent_b[idx], lam[idx] = a, m, b, -t
    order = np.argsort(row, kind="stable")
    return row[order], parent_a[order], parent_b[order], lam[order]


def _parent_elsewhere(parent_a: np.ndarray, parent_b: np.ndarray) -> np.ndarray:
    """Whether each row's nearer parent is also a parent of another flagged row
    (then it is real: the triple is no lone seed's)."""
    uses = np.bincount(np.r_[parent_a, parent_b])
    return uses[parent_a] > 1


class _Ranks:
    """Neighbour ranks among each class's rows not in question (``excluded``:
    flagged, or the would-be child of a lone triple), up to ``_MAX_DEPTH``.

    A rank is one plus the count of such rows nearer than the target, so the
    target need not be one of them. Leaving out rows that may be real can only
    lower a rank: an interpolated reading is then kept more often, never less.
    """

    def __init__(self, space, codes: np.ndarray, excluded: np.ndarray):
        self.space, self.codes, self.excluded = space, codes, excluded
        self._fitted: dict[int, tuple[NearestNeighbors, np.ndarray]] = {}

    def _index(self, code: int):
        if code not in self._fitted:
            members = np.flatnonzero((self.codes == code) & ~self.excluded)
            depth = min(_MAX_DEPTH + 2, len(members))
            fitted = NearestNeighbors(n_neighbors=depth).fit(self.space(members))
            self._fitted[code] = (fitted, members)
        return self._fitted[code]

    def _lists(self, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each point's nearest indexed rows of its class (positions, padded
        with -1) and their distances (padded with inf), nearest first."""
        rows = np.full((len(points), _MAX_DEPTH + 2), -1, dtype=np.int64)
        dist = np.full(rows.shape, np.inf)
        for code in np.unique(self.codes[points]):
            here = np.flatnonzero(self.codes[points] == code)
            fitted, members = self._index(int(code))
            d, found = fitted.kneighbors(self.space(points[here]))
            rows[here, : found.shape[1]] = members[found]
            dist[here, : found.shape[1]] = d
        return rows, dist

    def of(self, target, point, skip) -> np.ndarray:
        """Rank of ``target`` among ``point``'s neighbours, ``point`` itself and
        ``skip`` left out (inf beyond ``_MAX_DEPTH``)."""
        rows, dist = self._lists(point)
        reach = np.linalg.norm(self.space(target) - self.space(point), axis=1)
        nearer = (dist < reach[:, None]) & (rows != point[:, None])
        nearer &= (rows != skip[:, None]) & (rows != target[:, None])
        rank = nearer.sum(axis=1) + 1.0
        return np.where(rank <= _MAX_DEPTH, rank, np.inf)

    def mutual(self, a, b) -> np.ndarray:
        """``min(rank of b among a's, rank of a among b's)``."""
        return np.minimum(self.of(b, a, a), self.of(a, b, b))
