"""The linked-pair screen of :mod:`._block_search`, with most pairs ruled out first
by a necessary condition on a few projections of the rows.

The screen keeps a pair ``(p, q)`` at a row ``x`` when ``u = p - x`` and
``v = q - x`` are nearly parallel, ``1 - cos² <= s``: the parallelogram they span
then has area ``|u| |v| sin θ <= |u| |v| √s``, and its projection onto any plane is
no larger, ``|(w1·u)(w2·v) - (w2·u)(w1·v)| <= |u| |v| √s`` for orthonormal ``w1``,
``w2``. ``|v| <= |u| + |q - p|``, and ``|q - p|`` is at most the *reach* of
whichever of ``p`` and ``q`` lists the other (its distance to its farthest listed
neighbour, :func:`reach`). A pair whose projected area exceeds
``|u| (|u| + reach) √s`` in some plane, by more than the rounding of the
projections can account for, cannot pass; the projections cost two numbers per
row and plane instead of the row's ``g`` values, and the few pairs left get the
screen's own float64 test, with the same arithmetic (the same values bit for
bit): the same pairs as testing every pair (``tests/test_inspect_plane_screen.py``).

At the exact screen (``s = 1e-8``, unrounded tables) two planes leave under 1 % of
the ~110-135 linked pairs of a row of scattered 30-column rows, and ~7 % in a
class made mostly of SMOTE children (most of those truly in line); at the
rounded one (``s = 1e-2``) the condition is too weak to pay, and every pair is
tested as before.
"""

from __future__ import annotations

import numpy as np

#: planes of projections tried in turn (each on the pairs the last one left)
_PLANES = 2
#: largest screen for which the projections are used
PLANE_SCREEN = 1e-4


def reach(S: np.ndarray, nbrs: np.ndarray, ranked: bool = False) -> np.ndarray:
    """Each row's distance to its farthest listed neighbour in ``S``, rounded up:
    a bound on the distance to any of them there, and in any space made of some
    of ``S``'s columns. ``ranked``: ``nbrs`` lists each row's nearest first by
    exact float64 distances in ``S`` (a k-NN search there), so the last one is
    the farthest."""
    if ranked:
        far = np.take(S, nbrs[:, -1], axis=0)
        far -= S
        return np.sqrt(np.einsum("ij,ij->i", far, far)) * (1 + 1e-9)
    out = np.empty(len(S))
    step = 4_096
    for s in range(0, len(S), step):
        diff = np.take(S, nbrs[s : s + step], axis=0)
        diff -= S[s : s + step, None, :]
        out[s : s + step] = np.sqrt(np.einsum("ijk,ijk->ij", diff, diff).max(axis=1))
    return out * (1 + 1e-9)


def ranked_reach(S: np.ndarray, nbrs: np.ndarray, screen: float) -> np.ndarray | None:
    """:func:`reach` of the rows of a k-NN search in ``S`` (``ranked``), when the
    ``screen`` uses the projections; else None."""
    return reach(S, nbrs, ranked=True) if screen <= PLANE_SCREEN else None


class PlaneFilter:
    """Projections of the rows of ``Z`` onto :data:`_PLANES` random planes (seeded:
    the result does not depend on them, only the work), the bound of their
    rounding errors, and for each row a bound on its distance to any row linked
    to it in the neighbour graph ``nbrs``, either way (the larger of its own
    ``reach`` and that of the rows listing it)."""

    def __init__(
        self, Z: np.ndarray, nbrs: np.ndarray, reach: np.ndarray, screen: float
    ) -> None:
        d = Z.shape[1]
        rng = np.random.default_rng(0)
        planes = [np.linalg.qr(rng.standard_normal((d, 2)))[0] for _ in range(_PLANES)]
        centered = Z - Z.mean(axis=0)
        projected = centered @ np.hstack(planes)
        self.coords = [np.ascontiguousarray(c) for c in projected.T]
        size = float(np.sqrt(np.einsum("ij,ij->i", centered, centered).max(initial=0)))
        # a projected coordinate is off by at most (d + 4) * 2.4e-16 * size (the
        # centring and the product), an area by ~8 times that times size, plus
        # the rounding of the products: (d + 5) * 1e-14 * size² bounds it 5-fold
        self.slack = (d + 5) * 1e-14 * size * size
        # the float64 test passes only if the true 1 - cos² is below s + ~1e-15
        self.root = np.sqrt(screen * (1 + 1e-6) + 1e-12)
        linked = reach.copy()
        np.maximum.at(linked, nbrs.ravel(), np.repeat(reach, nbrs.shape[1]))
        self.linked_reach = linked

    def keep(self, x, p, norm_u, slot, q) -> np.ndarray:
        """Positions of the pairs ``(slot, q)`` that the projections cannot rule
        out: ``q`` linked to ``p[slot]``, tested at row ``x[slot]``, with
        ``|p - x|`` = ``norm_u[slot]``."""
        span = norm_u * (norm_u + self.linked_reach[p])  # >= |u| |v| >= |u . v|
        bound = span * self.root + self.slack
        # where |u|² |v|² or (u . v)² may underflow or overflow, the float64 test
        # itself is degenerate (0 >= 0, inf >= inf): keep those pairs for it
        bound[~((span > 1e-145) & (span < 1e145))] = np.inf
        alive = None
        for plane in range(_PLANES):
            c0, c1 = self.coords[2 * plane], self.coords[2 * plane + 1]
            a0, a1 = c0[p] - c0[x], c1[p] - c1[x]
            # (p - x) x (q - x) = (p - x) x q - (p - x) x x
            offset = a0 * c1[x] - a1 * c0[x]
            s, t = (slot, q) if alive is None else (slot[alive], q[alive])
            cross = a0[s] * c1[t]
            cross -= a1[s] * c0[t]
            cross -= offset[s]
            inside = np.abs(cross, out=cross) <= bound[s]
            alive = np.flatnonzero(inside) if alive is None else alive[inside]
        return alive
