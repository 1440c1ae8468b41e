"""Precision and recall of ``smoteguard.inspect`` against a known truth: the rows
from position ``n_real`` on are the synthetic ones (samplers append them)."""

import numpy as np


def precision_recall(result, n_real: int) -> tuple[float, float]:
    """Share of flagged rows that are synthetic, and of synthetic rows flagged."""
    flagged = result.flagged_mask()
    truth = np.arange(len(flagged)) >= n_real
    tp = (flagged & truth).sum()
    return tp / max(flagged.sum(), 1), tp / truth.sum()
