"""Random under-sampling: keep a random subset of the larger classes."""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from sklearn.utils import check_random_state

from .._tabular import Table, Target
from ..base import RANDOM_STATE_CONSTRAINT, BaseUnderSampler
from ..provenance import Provenance

__all__ = ["RandomUnderSampler"]


class RandomUnderSampler(BaseUnderSampler):
    """Under-sample by keeping a random subset of rows of the selected classes.

    Kept rows are returned in input order (not grouped by class), bit-exact, with
    every dtype preserved; any feature dtype is accepted.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        A float (binary only) is the desired minority/majority ratio after
        resampling; ``"auto"`` / ``"not minority"`` bring every class down to the
        minority count; a dict gives ``{class: rows to keep}``.
    random_state : int, RandomState instance or None, default=None
    replacement : bool, default=False
        Draw with replacement. Rows drawn twice appear once, so the count kept can
        be lower than asked; prefer ``False``.

    Attributes
    ----------
    sampling_strategy_ : dict
        Rows kept per resampled class.
    sample_indices_ : ndarray of int64
        Input positions of the kept rows, increasing.
    provenance_ : Provenance
    resampled_params_ : dict
    n_features_in_ : int

    Raises
    ------
    ValueError, TypeError
        A constructor parameter of the wrong type or out of range (scikit-learn's
        ``InvalidParameterError``, naming the parameter), or bad input
        (see :meth:`~smoteguard.base.BaseSampler.fit_resample`).
    """

    def __init__(
        self,
        *,
        sampling_strategy: Any = "auto",
        random_state: Any = None,
        replacement: bool = False,
    ) -> None:
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.replacement = replacement

    _parameter_constraints: ClassVar[dict] = {
        **BaseUnderSampler._parameter_constraints,
        **RANDOM_STATE_CONSTRAINT,
        "replacement": ["boolean"],
    }
    _parameter_messages: ClassVar[dict] = {
        **BaseUnderSampler._parameter_messages,
        "replacement": "replacement must be True or False; got {value!r}.",
    }

    def _resample(self, table: Table, target: Target) -> tuple[Provenance, Any]:
        y = target.labels
        rng = check_random_state(self.random_state)
        keep = np.ones(len(y), dtype=bool)
        for cls, n_keep in self.sampling_strategy_.items():
            rows = np.flatnonzero(y == cls)
            chosen = rng.choice(rows, size=n_keep, replace=bool(self.replacement))
            keep[rows] = False
            keep[chosen] = True
        return Provenance(n_input=len(y), original_indices=np.flatnonzero(keep)), None
