"""Over-sample, then clean: the hybrids of Batista et al. (2004).

An over-sampler such as SMOTE interpolates between minority rows; a noisy or
mislabelled minority row then seeds synthetic rows deep inside the majority class,
and the classifier overfits to that pattern. Cleaning the over-sampled data with a
neighbourhood rule (edited nearest neighbours, Tomek links) removes rows, original
or synthetic, whose neighbourhood disagrees with their label.

:class:`HybridSampler` composes *any* smoteguard over-sampler with *any* cleaner
that reports the rows it kept (``sample_indices_``, as every smoteguard and
imbalanced-learn under-sampler does). :class:`SMOTEENN` and :class:`SMOTETomek` are
the two classic pairs with their usual defaults.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any, ClassVar

import numpy as np
import pandas as pd
from sklearn.base import clone

from .._param_validation import HasMethods
from .._tabular import Table, Target
from ..base import (
    RANDOM_STATE_CONSTRAINT,
    BaseOverSampler,
    BaseSampler,
    ClassRemovedWarning,
    NothingLeftError,
    inner_step,
)
from ..provenance import Provenance

__all__ = ["SMOTEENN", "HybridSampler", "SMOTETomek"]


def _rows(X: Any, positions: np.ndarray) -> Any:
    return X.iloc[positions] if isinstance(X, pd.DataFrame) else X[positions]


#: a hybrid's step: a sampler, or None for the default
_STEP = [HasMethods(["fit_resample"]), None]


def _step_words(example: str) -> str:
    return (
        "{name} must be a sampler with fit_resample (e.g. "
        f"smoteguard.{example}()); got {{type}}."
    )


class HybridSampler(BaseOverSampler):
    """Over-sample with one sampler, then clean the result with another.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        Passed to the default over-sampler (ignored when ``oversampler`` is given:
        that object's own ``sampling_strategy`` is used).
    random_state : int, RandomState instance or None, default=None
        Passed to the default over-sampler, and to a given one whose
        ``random_state`` is None.
    oversampler : smoteguard over-sampler, default=None
        Must record ``provenance_`` (every smoteguard sampler does). Default
        :class:`~smoteguard.SMOTE`.
    cleaner : sampler with ``sample_indices_``, default=None
        Applied to the over-sampled data. Default
        :class:`~smoteguard.EditedNearestNeighbours` cleaning all classes.

    Attributes
    ----------
    oversampler_, cleaner_ : fitted clones of the two steps
    sampling_strategy_ : dict
        Rows generated per class by the over-sampler (before cleaning).
    provenance_ : Provenance
        Kept original rows and the kept synthetic rows with their parents and
        ``lam`` (composed with :meth:`Provenance.select`).
    resampled_params_ : dict
    n_features_in_ : int

    Raises
    ------
    ValueError, TypeError
        A constructor parameter of the wrong type or out of range (scikit-learn's
        ``InvalidParameterError``, naming the parameter), or bad input
        (see :meth:`~smoteguard.base.BaseSampler.fit_resample`).

    Notes
    -----
    Output: kept original rows first (bit-exact, input order), then the kept
    synthetic rows. A hybrid both adds and removes rows, so it has no
    ``sample_indices_``; ``provenance_.original_indices`` lists the kept input rows.

    References
    ----------
    .. [1] G. E. A. P. A. Batista, R. C. Prati, M. C. Monard, "A study of the
       behavior of several methods for balancing machine learning training data", ACM
       SIGKDD Explorations Newsletter 6(1), 20-29, 2004.
    """

    _parameter_constraints: ClassVar[dict] = {
        **BaseOverSampler._parameter_constraints,
        **RANDOM_STATE_CONSTRAINT,
        "oversampler": _STEP,
        "cleaner": _STEP,
    }
    _parameter_messages: ClassVar[dict] = {
        **BaseOverSampler._parameter_messages,
        "oversampler": _step_words("SMOTE"),
        "cleaner": _step_words("EditedNearestNeighbours"),
    }

    def __init__(
        self,
        *,
        sampling_strategy: Any = "auto",
        random_state: Any = None,
        oversampler: Any = None,
        cleaner: Any = None,
    ) -> None:
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.oversampler = oversampler
        self.cleaner = cleaner

    # -- the two steps (subclasses rename the parameters) ----------------------

    def _oversampler_param(self) -> tuple[str, Any]:
        return "oversampler", self.oversampler

    def _cleaner_param(self) -> tuple[str, Any]:
        return "cleaner", self.cleaner

    def _default_oversampler(self) -> Any:
        from ..over_sampling import SMOTE

        return SMOTE(
            sampling_strategy=self.sampling_strategy, random_state=self.random_state
        )

    def _default_cleaner(self) -> Any:
        from ..under_sampling import EditedNearestNeighbours

        return EditedNearestNeighbours(sampling_strategy="all")

    @property
    def _numeric_features(self) -> bool:  # type: ignore[override]
        step = self._oversampler_param()[1]
        return bool(getattr(step, "_numeric_features", True))

    @property
    def _accepts_sparse(self) -> bool:  # type: ignore[override]
        _name, step = self._cleaner_param()
        return bool(getattr(step, "_accepts_sparse", True))

    def _build_steps(self) -> tuple[Any, Any]:
        name, over = self._oversampler_param()
        cname, cleaner = self._cleaner_param()
        return (
            self._prepared_step(name, over, self._default_oversampler, "SMOTE"),
            self._prepared_step(
                cname, cleaner, self._default_cleaner, "EditedNearestNeighbours"
            ),
        )

    def _prepared_step(
        self, name: str, step: Any, default: Callable[[], Any], example: str
    ) -> Any:
        """A fresh, unfitted copy of ``step`` (or the default), with this hybrid's
        ``random_state`` when its own is None."""
        if step is None:
            return default()
        step = clone(step)
        params = step.get_params() if hasattr(step, "get_params") else {}
        if "random_state" in params and params["random_state"] is None:
            step.set_params(random_state=self.random_state)
        return step

    def _lost_class_advice(self) -> str:
        cname, _ = self._cleaner_param()
        return (
            f"The cleaning step removed them: pass a gentler {cname}, for example "
            f"{cname}={self._gentle_cleaner()}, or collect more rows."
        )

    def _gentle_cleaner(self) -> str:
        """Constructor call of a cleaner that removes fewer rows than the default."""
        return "EditedNearestNeighbours(sampling_strategy='auto')"

    def _resample(self, table: Table, target: Target) -> tuple[Provenance, Any]:
        over, cleaner = self._build_steps()
        name_over = self._oversampler_param()[0]
        X_in = table.frame if table.frame is not None else table.values
        with inner_step(type(self).__name__, name_over, over):
            over_out = list(over.fit_resample(X_in, target.labels))
        over_prov = getattr(over, "provenance_", None)
        name = self._oversampler_param()[0]
        if over_prov is None:
            raise TypeError(
                f"{name} ({type(over).__name__}) does not record provenance_, so the "
                "kept synthetic rows could not be traced to their parents. Use a "
                "smoteguard over-sampler (e.g. smoteguard.SMOTE)."
            )
        self.oversampler_ = over
        self.sampling_strategy_ = dict(getattr(over, "sampling_strategy_", {}))
        kept = self._clean(cleaner, *over_out)
        self.cleaner_ = cleaner
        provenance = over_prov.select(kept)
        n_kept_orig = provenance.n_original
        X_over = over_out[0]
        if isinstance(X_over, np.ndarray) and X_over.dtype == table.values.dtype:
            # the output is the over-sampled rows that were kept: compact them in
            # place instead of copying them (the base class takes the buffer as it
            # is, see smoteguard._tabular.assemble)
            del X_over
            return provenance, _compacted(over_out.pop(0), kept)[n_kept_orig:]
        return provenance, _rows(X_over, kept[n_kept_orig:])

    def _clean(
        self,
        cleaner: Any,
        X_over: Any,
        y_over: Any,
    ) -> np.ndarray:
        """Positions (in the over-sampled data) of the rows the cleaner keeps."""
        # This hybrid reports removed classes (and an empty result) itself, in
        # terms of its own parameters and input.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ClassRemovedWarning)
            try:
                with inner_step(type(self).__name__, self._cleaner_param()[0], cleaner):
                    _fit_cleaner(cleaner, X_over, y_over)
            except NothingLeftError:
                return np.empty(0, dtype=np.int64)
        indices = getattr(cleaner, "sample_indices_", None)
        if indices is None:
            cname = self._cleaner_param()[0]
            raise TypeError(
                f"{cname} ({type(cleaner).__name__}) does not expose sample_indices_, "
                "so the kept rows are unknown. Use a cleaning sampler such as "
                "EditedNearestNeighbours or TomekLinks."
            )
        return np.sort(np.asarray(indices, dtype=np.int64))


def _fit_cleaner(cleaner: Any, X: Any, y: Any) -> None:
    """Fit a cleaning step; a smoteguard cleaner records its kept rows without
    building an output of its own (the hybrid compacts the over-sampled rows)."""
    if not (
        isinstance(cleaner, BaseSampler) and cleaner._sampling_type != "over-sampling"
    ):
        cleaner.fit_resample(X, y)
        return
    table, target = cleaner._check_input(X, y)
    cleaner.provenance_, _ = cleaner._resample(table, target)
    cleaner.sample_indices_ = cleaner.provenance_.original_indices
    cleaner.resampled_params_ = {}


def _compacted(X: np.ndarray, kept: np.ndarray) -> np.ndarray:
    """``X[kept]`` (``kept`` increasing) written over ``X`` itself, block by block,
    and ``X`` shrunk to it when nothing else refers to it (pass the only
    reference); else a view of its first rows."""
    step = 4096
    for start in range(0, len(kept), step):
        part = kept[start : start + step]
        if part[0] != start or part[-1] != start + len(part) - 1:
            # rows kept[j] >= j of later blocks lie beyond the rows written here
            X[start : start + len(part)] = X[part]
    try:
        X.resize((len(kept), *X.shape[1:]), refcheck=True)
    except ValueError:  # another reference: keep the buffer, hand out its start
        return X[: len(kept)]
    return X


class _SMOTEHybrid(HybridSampler):
    """A hybrid whose over-sampler parameter is named ``smote``."""

    smote: Any

    _parameter_constraints: ClassVar[dict] = {
        **BaseOverSampler._parameter_constraints,
        **RANDOM_STATE_CONSTRAINT,
        "smote": _STEP,
    }
    _parameter_messages: ClassVar[dict] = {
        **BaseOverSampler._parameter_messages,
        "smote": _step_words("SMOTE"),
    }

    def _oversampler_param(self) -> tuple[str, Any]:
        return "smote", self.smote


class SMOTEENN(_SMOTEHybrid):
    """SMOTE followed by edited nearest neighbours (Batista et al., 2004).

    SMOTE over-samples; Wilson's editing rule then removes every row, original or
    synthetic, of any class whose nearest neighbours disagree with its label, which
    removes synthetic rows seeded by noise and the majority rows they overlap.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        Passed to the default SMOTE.
    random_state : int, RandomState instance or None, default=None
    smote : smoteguard over-sampler, default=None
        Default ``SMOTE(sampling_strategy=sampling_strategy,
        random_state=random_state)``. Any smoteguard over-sampler works.
    enn : cleaning sampler, default=None
        Default ``EditedNearestNeighbours(sampling_strategy="all")``.

    Attributes
    ----------
    oversampler_, cleaner_ : the fitted SMOTE and ENN
    sampling_strategy_ : dict
    provenance_ : Provenance
    resampled_params_ : dict
    n_features_in_ : int

    Raises
    ------
    ValueError, TypeError
        A constructor parameter of the wrong type or out of range (scikit-learn's
        ``InvalidParameterError``, naming the parameter), or bad input
        (see :meth:`~smoteguard.base.BaseSampler.fit_resample`).

    Notes
    -----
    The editing step searches the exact neighbours of every over-sampled row among
    all of them, so on large data it dominates the run time (see
    ``bench/RESULTS.md``). The kept rows are the same as imbalanced-learn's
    ``SMOTEENN`` on the same SMOTE output. There is no ``sample_indices_`` (rows
    are added and removed); ``provenance_`` says where every output row came from.

    References
    ----------
    G. E. Batista, R. C. Prati, M. C. Monard, "A study of the behavior of several
    methods for balancing machine learning training data", ACM SIGKDD Explorations
    Newsletter, 6(1), 20-29, 2004.
    """

    def __init__(
        self,
        *,
        sampling_strategy: Any = "auto",
        random_state: Any = None,
        smote: Any = None,
        enn: Any = None,
    ) -> None:
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.smote = smote
        self.enn = enn

    _parameter_constraints: ClassVar[dict] = {
        **_SMOTEHybrid._parameter_constraints,
        "enn": _STEP,
    }
    _parameter_messages: ClassVar[dict] = {
        **_SMOTEHybrid._parameter_messages,
        "enn": _step_words("EditedNearestNeighbours"),
    }

    def _cleaner_param(self) -> tuple[str, Any]:
        return "enn", self.enn


class SMOTETomek(_SMOTEHybrid):
    """SMOTE followed by the removal of Tomek links (Batista et al., 2004).

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        Passed to the default SMOTE.
    random_state : int, RandomState instance or None, default=None
    smote : smoteguard over-sampler, default=None
        Default ``SMOTE(sampling_strategy=sampling_strategy,
        random_state=random_state)``.
    tomek : cleaning sampler, default=None
        Default ``TomekLinks(sampling_strategy="all")`` (both rows of every link
        are removed).

    Attributes
    ----------
    oversampler_, cleaner_ : the fitted SMOTE and Tomek-links cleaner
    sampling_strategy_ : dict
    provenance_ : Provenance
    resampled_params_ : dict
    n_features_in_ : int

    Raises
    ------
    ValueError, TypeError
        A constructor parameter of the wrong type or out of range (scikit-learn's
        ``InvalidParameterError``, naming the parameter), or bad input
        (see :meth:`~smoteguard.base.BaseSampler.fit_resample`).

    Notes
    -----
    See :class:`SMOTEENN`: the link search covers every over-sampled row, exactly.

    References
    ----------
    G. E. Batista, R. C. Prati, M. C. Monard, "A study of the behavior of several
    methods for balancing machine learning training data", ACM SIGKDD Explorations
    Newsletter, 6(1), 20-29, 2004.
    """

    def __init__(
        self,
        *,
        sampling_strategy: Any = "auto",
        random_state: Any = None,
        smote: Any = None,
        tomek: Any = None,
    ) -> None:
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.smote = smote
        self.tomek = tomek

    _parameter_constraints: ClassVar[dict] = {
        **_SMOTEHybrid._parameter_constraints,
        "tomek": _STEP,
    }
    _parameter_messages: ClassVar[dict] = {
        **_SMOTEHybrid._parameter_messages,
        "tomek": _step_words("TomekLinks"),
    }

    def _cleaner_param(self) -> tuple[str, Any]:
        return "tomek", self.tomek

    def _gentle_cleaner(self) -> str:
        return "TomekLinks(sampling_strategy='auto')"

    def _default_cleaner(self) -> Any:
        from ..under_sampling import TomekLinks

        return TomekLinks(sampling_strategy="all")
