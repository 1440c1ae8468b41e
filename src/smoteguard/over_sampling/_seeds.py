"""Drawing (seed, partner, weight) triples, the random step the SMOTE family shares."""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["allocate", "draw_pairs"]


def draw_pairs(
    rng: np.random.RandomState,
    seeds: np.ndarray,
    partners: np.ndarray,
    n_new: int | None = None,
    *,
    seed_pos: np.ndarray | None = None,
    lam_range: tuple[float, float] = (0.0, 1.0),
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Parents and weights of synthetic rows ``seed + lam * (partner - seed)``.

    Parameters
    ----------
    rng : RandomState
    seeds : ndarray of int of shape (n_seeds,)
        Input positions of the rows that may be seeds.
    partners : ndarray of int of shape (n_seeds, k)
        Input positions of each seed's candidate partners; one is drawn uniformly.
    n_new : int, optional
        Number of rows, seeds drawn uniformly; or give ``seed_pos``.
    seed_pos : ndarray of int, optional
        Positions in ``seeds`` of the seed of every row.
    lam_range : (float, float)
        ``lam`` is drawn uniformly from this interval.

    Returns
    -------
    parent_a, parent_b, lam : ndarrays of shape (n_rows,)
    """
    if seed_pos is None:
        seed_pos = rng.randint(0, len(seeds), size=n_new)
    column = rng.randint(0, partners.shape[1], size=len(seed_pos))
    low, high = lam_range
    lam = low + (high - low) * rng.random_sample(len(seed_pos))
    return seeds[seed_pos], partners[seed_pos, column], lam


def allocate(weights: Any, total: int) -> np.ndarray:
    """Split ``total`` into integer counts proportional to ``weights`` that sum to
    ``total`` exactly (largest-remainder rounding; ties go to the first)."""
    weights = np.asarray(weights, dtype=np.float64)
    share = weights / weights.sum() * total
    counts = np.floor(share).astype(np.int64)
    short = total - int(counts.sum())
    if short > 0:
        order = np.argsort(-(share - counts), kind="stable")
        counts[order[:short]] += 1
    return counts
