"""Random over-sampling: duplicate rows, optionally with a smoothed bootstrap."""

from __future__ import annotations

import numbers
from typing import Any, ClassVar

import numpy as np
from sklearn.utils import check_random_state

from .._param_validation import Interval, InvalidParameterError, Real
from .._tabular import Table, Target, preallocate_output
from ..base import RANDOM_STATE_CONSTRAINT, BaseOverSampler
from ..provenance import Provenance

__all__ = ["RandomOverSampler"]


class RandomOverSampler(BaseOverSampler):
    """Over-sample by drawing rows of a class with replacement.

    With ``shrinkage`` set, each drawn row is perturbed by Gaussian noise (a
    smoothed bootstrap, as in ROSE [1]_): noise scale per feature
    ``shrinkage * h * std_class`` with Silverman's factor
    ``h = (4 / ((d + 2) n)) ** (1 / (d + 4))``.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        See :class:`~smoteguard.SMOTE`.
    random_state : int, RandomState instance or None, default=None
    shrinkage : float, dict {class: float} or None, default=None
        None duplicates rows exactly (any dtype, including text, is accepted).
        A non-negative float (or one per class) smooths them (numeric features only).

    Attributes
    ----------
    sampling_strategy_ : dict
    provenance_ : Provenance
        A synthetic row's ``parent_a`` is the row it copies (``parent_b`` equals it,
        ``lam`` is 0). With shrinkage the copy is perturbed, so it does not equal
        its parent exactly; the noise is not recorded.
    shrinkage_ : dict or None
        Shrinkage per over-sampled class.
    resampled_params_ : dict
    n_features_in_ : int

    Raises
    ------
    ValueError, TypeError
        A constructor parameter of the wrong type or out of range (scikit-learn's
        ``InvalidParameterError``, naming the parameter), or bad input
        (see :meth:`~smoteguard.base.BaseSampler.fit_resample`).
    ValueError
        A ``shrinkage`` dict without a value for a class being over-sampled.
    TypeError
        ``shrinkage`` with sparse input.

    References
    ----------
    .. [1] G. Menardi, N. Torelli, "Training and assessing classification rules with
       imbalanced data", Data Mining and Knowledge Discovery 28(1), 92-122, 2014.
    """

    def __init__(
        self,
        *,
        sampling_strategy: Any = "auto",
        random_state: Any = None,
        shrinkage: Any = None,
    ) -> None:
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.shrinkage = shrinkage

    @property
    def _numeric_features(self) -> bool:  # type: ignore[override]
        return self.shrinkage is not None

    @property
    def _accepts_nan(self) -> bool:  # type: ignore[override]
        return self.shrinkage is None

    @property
    def _accepts_sparse(self) -> bool:  # type: ignore[override]
        return self.shrinkage is None

    _parameter_constraints: ClassVar[dict] = {
        **BaseOverSampler._parameter_constraints,
        **RANDOM_STATE_CONSTRAINT,
        "shrinkage": [None, Interval(Real, 0, None, closed="left"), dict],
    }
    _parameter_messages: ClassVar[dict] = {
        **BaseOverSampler._parameter_messages,
        "shrinkage": (
            "shrinkage must be None, a non-negative float or a dict "
            "{{class: non-negative float}}; got {value!r}."
        ),
    }

    @property
    def _sparse_advice(self) -> str:  # type: ignore[override]
        return "densify X first (X.toarray()), or leave shrinkage=None."

    def _shrinkage_per_class(self) -> dict | None:
        if self.shrinkage is None:
            return None
        classes = [c for c, n in self.sampling_strategy_.items() if n > 0]
        if isinstance(self.shrinkage, dict):
            missing = [c for c in classes if c not in self.shrinkage]
            if missing:
                raise ValueError(
                    f"{type(self).__name__}: shrinkage has no value for over-sampled "
                    f"class(es) {missing!r}; give one per class in sampling_strategy_."
                )
            values = {c: self.shrinkage[c] for c in classes}
        elif isinstance(self.shrinkage, numbers.Real):
            values = dict.fromkeys(classes, self.shrinkage)
        else:
            raise InvalidParameterError(
                f"{type(self).__name__}: shrinkage must be None, a float or a dict; "
                "got "
                f"{type(self.shrinkage).__name__}."
            )
        for cls, value in values.items():
            if not isinstance(value, numbers.Real) or value < 0:
                raise InvalidParameterError(
                    f"{type(self).__name__}: shrinkage for class {cls!r} must be a "
                    f"non-negative float; got {value!r}."
                )
        return values

    def _resample(self, table: Table, target: Target) -> tuple[Provenance, Any]:
        y = target.labels
        rng = check_random_state(self.random_state)
        provenance = self._draw_copies(y, rng)
        parent = provenance.parent_a
        if table.frame is not None and self.shrinkage is None:
            # Keep every dtype: copy rows of the frame itself.
            return provenance, table.frame.iloc[parent]
        if self.shrinkage_ is None and not table.is_sparse and len(parent):
            # straight into the output buffer (see smoteguard._tabular.assemble)
            out = preallocate_output(
                table.values, provenance.original_indices, len(parent)
            )
            return provenance, np.take(table.values, parent, axis=0, out=out)
        X_new = table.values[parent]
        if self.shrinkage_ is not None:
            X_new = self._smooth(table.values, y, X_new, parent, rng)
        return provenance, X_new

    def _draw_copies(self, y: np.ndarray, rng: np.random.RandomState) -> Provenance:
        """The rows to copy (``parent_a``), drawn from the labels alone, so that
        they can also be drawn without the features (see :mod:`smoteguard.dask`).
        Sets ``shrinkage_``."""
        self.shrinkage_ = self._shrinkage_per_class()
        parents = []
        for cls, n_new in self.sampling_strategy_.items():
            if n_new:
                parents.append(rng.choice(np.flatnonzero(y == cls), size=n_new))
        parent = np.concatenate(parents) if parents else np.empty(0, np.int64)
        return Provenance(
            n_input=len(y),
            original_indices=np.arange(len(y)),
            parent_a=parent.astype(np.int64),
            parent_b=parent.astype(np.int64),
            lam=np.zeros(len(parent)),
            method="duplicate" if self.shrinkage is None else "smoothed bootstrap",
        )

    def _smooth(self, X, y, X_new, parent, rng):
        if hasattr(X_new, "toarray"):
            raise TypeError(
                "RandomOverSampler with shrinkage needs dense X; pass X.toarray() or "
                "leave shrinkage=None."
            )
        X_new = X_new.copy()
        n_features = X.shape[1]
        offset = 0
        for cls, n_new in self.sampling_strategy_.items():
            if not n_new:
                continue
            rows = y == cls
            silverman = (4 / ((n_features + 2) * rows.sum())) ** (1 / (n_features + 4))
            scale = self.shrinkage_[cls] * silverman * X[rows].std(axis=0)
            noise = rng.standard_normal((n_new, n_features)).astype(X.dtype)
            X_new[offset : offset + n_new] += noise * scale.astype(X.dtype)
            offset += n_new
        return X_new
