"""Base classes shared by every smoteguard sampler.

A sampler follows imbalanced-learn's protocol (``fit_resample(X, y) -> (X_res,
y_res)``, ``sampling_strategy``, ``random_state``) and scikit-learn's estimator
conventions (``__init__`` stores parameters, validation happens in ``fit_resample``,
fitted attributes end in ``_``). Subclasses implement one method, ``_resample``,
which receives plain arrays and returns a :class:`~smoteguard.provenance.Provenance`
plus the synthetic rows; this class does the checking, the bookkeeping and the
output contract (see :mod:`smoteguard._tabular`).
"""

from __future__ import annotations

import numbers
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from functools import partial
from typing import Any, ClassVar

import numpy as np
from sklearn.base import BaseEstimator, OneToOneFeatureMixin
from sklearn.utils import InputTags, Tags

from ._dask_input import dask_advice, refuse_dask, refuse_named_dask
from ._param_validation import validate_params, words_of
from ._sampling_strategy import class_counts, resolve_sampling_strategy
from ._tabular import Table, Target, assemble, check_table, check_target
from .provenance import Provenance

__all__ = [
    "RANDOM_STATE_CONSTRAINT",
    "RANDOM_STATE_MESSAGE",
    "BaseCleaningSampler",
    "BaseOverSampler",
    "BaseSampler",
    "BaseUnderSampler",
    "ClassRemovedWarning",
    "NothingLeftError",
    "check_random_state_param",
    "inner_step",
]

_MAX_SEED = 2**32 - 1
_SKLEARN_PIPELINE_MESSAGE = (
    "{name} has no transform: it is a sampler. It changes the rows (and y), "
    "which scikit-learn's Pipeline cannot do, and a sampler outside a "
    "resampling-aware pipeline would leak into "
    "validation folds. Use smoteguard.Pipeline / smoteguard.make_pipeline (or "
    "imblearn.pipeline.Pipeline) instead: they run samplers while fitting only."
)


def check_random_state_param(random_state: Any, owner: str) -> None:
    """Refuse a ``random_state`` numpy cannot seed from, naming the parameter.

    Accepted: None, an int in ``[0, 2**32 - 1]`` or a ``numpy.random.RandomState``.

    Parameters
    ----------
    random_state : object
        The value to check: None, an integer seed (``bool`` is refused) in
        ``[0, 2**32 - 1]``, or a ``numpy.random.RandomState`` instance.
    owner : str
        Name of the estimator or function that received ``random_state``
        (usually its class name); every error message starts with it.

    Raises
    ------
    ValueError
        If ``random_state`` is an integer outside ``[0, 2**32 - 1]``.
    TypeError
        If ``random_state`` is anything else (a float, a string, a bool, a
        ``numpy.random.Generator``, ...).
    """
    if random_state is None or isinstance(random_state, np.random.RandomState):
        return
    if isinstance(random_state, numbers.Integral) and not isinstance(
        random_state, (bool, np.bool_)
    ):
        if 0 <= random_state <= _MAX_SEED:
            return
        raise ValueError(
            f"{owner}: random_state={random_state} is out of range; use an int "
            f"between 0 and {_MAX_SEED}, a numpy RandomState or None."
        )
    raise TypeError(
        f"{owner}: random_state must be an int seed, a numpy RandomState or None; "
        f"got {random_state!r} ({type(random_state).__name__})."
    )


def _random_state_words(value: Any, owner: str) -> str | None:
    return words_of(check_random_state_param, owner)(value, owner)


#: constraints and words shared by every estimator with a ``random_state``
RANDOM_STATE_CONSTRAINT: dict[str, Any] = {"random_state": ["random_state"]}
RANDOM_STATE_MESSAGE: dict[str, Any] = {"random_state": _random_state_words}


class ClassRemovedWarning(UserWarning):
    """A resampling step removed every row of a class that was present in ``y``."""


class NothingLeftError(ValueError):
    """A resampling step removed every row."""


@contextmanager
def inner_step(owner: str, param: str, step: Any) -> Iterator[None]:
    """Re-raise a step's ValueError/TypeError naming the owner's parameter.

    A context manager for a step an estimator runs for the user (a hybrid's
    over-sampler, an ensemble's sampler). An error raised inside it gets the
    context the user needs: which of the owner's parameters holds the step, so
    that advice naming the step's own parameters can be followed
    (``param=Step(...)``).

    Parameters
    ----------
    owner : str
        Name of the estimator running the step (usually its class name), e.g.
        ``"SMOTEENN"``.
    param : str
        Name of the owner's parameter that holds the step, e.g. ``"smote"`` or
        ``"sampler"``.
    step : object
        The step being run (an estimator instance); its class name is quoted
        in the message.

    Yields
    ------
    None
        Control returns to the ``with`` block that runs the step.

    Raises
    ------
    ValueError, TypeError
        Of the same type as the step's error, with the owner, ``param`` and
        the step's class prepended to the step's message; the original error
        is chained as ``__cause__``.
    """
    try:
        yield
    except (ValueError, TypeError) as exc:
        step_name = type(step).__name__
        raise type(exc)(
            f"{owner} could not run its {param} step ({step_name}): {exc} Set the "
            f"step's parameters through {param}, e.g. {param}={step_name}(...)."
        ) from exc


@dataclass
class SamplerTags:
    """imbalanced-learn's sampler tags, declared here so its estimator checks work
    without smoteguard depending on it."""

    sample_indices: bool = False


@dataclass
class _SamplerInputTags(InputTags):
    """scikit-learn's input tags plus imbalanced-learn's ``dataframe`` tag."""

    dataframe: bool = False


@dataclass
class _SamplerTagsHolder(Tags):
    sampler_tags: SamplerTags | None = field(default_factory=SamplerTags)


class BaseSampler(OneToOneFeatureMixin, BaseEstimator):
    """Base class for samplers; not for direct use.

    Subclasses set ``_sampling_type`` and implement ``_resample``. Samplers keep
    the features, so ``get_feature_names_out`` returns the input's names
    (scikit-learn's ``OneToOneFeatureMixin``).
    """

    _estimator_type = "sampler"
    _sampling_type: ClassVar[str] = "over-sampling"
    #: whether the algorithm does arithmetic on the features (interpolation)
    _numeric_features: ClassVar[bool] = True
    _accepts_sparse: ClassVar[bool] = True
    _accepts_nan: ClassVar[bool] = False
    #: neighbour-count parameters searched within a class through
    #: ``neighbors._graph.class_neighbors``, which a shared ``NeighborGraph`` can
    #: serve (see ``NeighborGraph.prepare``); empty: the sampler cannot use one
    _neighbor_graph_params: ClassVar[tuple[str, ...]] = ()

    #: what to do instead when sparse input is refused (None: densify or use SMOTE)
    _sparse_advice: ClassVar[str | None] = None

    #: constructor parameters, in scikit-learn's constraint language (checked by
    #: ``smoteguard._param_validation.validate_params`` when fitting); subclasses
    #: extend it. ``sampling_strategy`` is checked against ``y`` instead, by
    #: ``resolve_sampling_strategy``, since what it may be depends on the classes.
    _parameter_constraints: ClassVar[dict[str, Any]] = {
        "sampling_strategy": "no_validation"
    }
    #: clearer words for a refused parameter (see ``smoteguard._param_validation``)
    _parameter_messages: ClassVar[dict[str, Any]] = RANDOM_STATE_MESSAGE

    # -- scikit-learn protocol -------------------------------------------------

    def __sklearn_tags__(self) -> Tags:
        """scikit-learn's tags of a sampler (``estimator_type="sampler"``)."""
        base = super().__sklearn_tags__()
        tags = _SamplerTagsHolder(
            estimator_type="sampler",
            target_tags=base.target_tags,
            transformer_tags=None,
            classifier_tags=None,
            regressor_tags=None,
            array_api_support=False,
            no_validation=False,
            non_deterministic=False,
            requires_fit=True,
            input_tags=_SamplerInputTags(
                **{f.name: getattr(base.input_tags, f.name) for f in fields(InputTags)}
            ),
            sampler_tags=SamplerTags(
                sample_indices=self._sampling_type != "over-sampling"
            ),
        )
        tags.input_tags.sparse = self._accepts_sparse
        tags.input_tags.allow_nan = self._accepts_nan
        tags.input_tags.dataframe = True
        tags.input_tags.string = not self._numeric_features
        tags.target_tags.required = True
        return tags

    @property
    def transform(self) -> Any:
        # Samplers are not transformers, as in imbalanced-learn: ``hasattr(sampler,
        # "transform")`` is False, so scikit-learn's Pipeline refuses a sampler step
        # with its own TypeError (and ``smoteguard audit`` flags it as SG103 before
        # anything runs). Who looks the attribute up is not inspected; a direct call
        # gets the advice below.
        raise AttributeError(_SKLEARN_PIPELINE_MESSAGE.format(name=type(self).__name__))

    def fit(self, X: Any, y: Any) -> BaseSampler:
        """Check the data and resolve ``sampling_strategy`` (no resampling).

        Parameters
        ----------
        X : {array-like, DataFrame, sparse matrix} of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)

        Returns
        -------
        self
        """
        self._check_input(X, y)
        return self

    def fit_resample(self, X: Any, y: Any, **params: Any) -> tuple[Any, Any]:
        """Resample the dataset.

        Parameters
        ----------
        X : {array-like, DataFrame, sparse matrix} of shape (n_samples, n_features)
            Features. DataFrames come back as DataFrames (same columns, dtypes and
            index; synthetic rows are appended with new index labels).
        y : array-like of shape (n_samples,)
            Class labels. A Series comes back as a Series.
        **params : dict
            Per-row metadata to resample with the rows: ``sample_weight`` and
            ``groups`` (see ``_per_row_params``), each an array of shape
            (n_samples,) or (n_samples, ...). The results are stored in
            ``resampled_params_``; a synthetic row takes the value of its seed row.
            imbalanced-learn's own samplers (0.14) accept no keyword here; any
            other keyword is refused (a misspelt ``sampel_weight`` would
            otherwise be carried along unnoticed).

        Returns
        -------
        X_res : same type as X
            Original rows first (bit-exact, in input order), then synthetic rows.
        y_res : same type as y

        Raises
        ------
        ValueError, TypeError
            Bad input or parameters, with the fix in the message (text in X, y
            mixing numbers and text, values whose differences overflow, ...);
            a TypeError for a keyword other than ``sample_weight``/``groups``, a
            ValueError naming the keyword for a per-row array of the wrong length.
        NothingLeftError
            (a ValueError) when resampling removed every row.

        Warns
        -----
        ClassRemovedWarning
            When every row of a class present in ``y`` was removed (unless an
            under-sampler was asked for 0 rows of it).
        """
        refuse_named_dask(type(self).__name__, params, lazy=partial(dask_advice, self))
        self._check_param_names(params)
        table, target = self._check_input(X, y)
        self._check_param_lengths(params, table.n_rows)
        provenance, X_synthetic = self._resample(table, target)
        self._check_classes_kept(target.labels, provenance)
        self.provenance_ = provenance
        if self._sampling_type != "over-sampling":
            self.sample_indices_ = provenance.original_indices
        self.resampled_params_ = {
            key: provenance.take(value) for key, value in params.items()
        }
        return assemble(table, target, provenance, X_synthetic)

    # -- helpers for subclasses ------------------------------------------------

    #: keywords of ``fit_resample``: per-row metadata resampled with the rows
    _per_row_params: ClassVar[tuple[str, ...]] = ("sample_weight", "groups")

    def _check_param_names(self, params: dict) -> None:
        unknown = [key for key in params if key not in self._per_row_params]
        if unknown:
            accepted = ", ".join(self._per_row_params)
            raise TypeError(
                f"{type(self).__name__}.fit_resample() got an unexpected keyword "
                f"argument {unknown[0]!r}; it accepts per-row metadata {accepted} "
                "(resampled with the rows into resampled_params_)."
            )

    def _check_param_lengths(self, params: dict, n_rows: int) -> None:
        for key, value in params.items():
            shape = np.shape(value)
            if not shape or shape[0] != n_rows:
                raise ValueError(
                    f"{type(self).__name__}.fit_resample(): {key} must have one "
                    f"entry per row of X ({n_rows}); got shape {shape}."
                )

    def _check_input(self, X: Any, y: Any) -> tuple[Table, Target]:
        name = type(self).__name__
        refuse_dask(name, X, y, lazy=partial(dask_advice, self), names=("X", "y"))
        table = check_table(
            X,
            name,
            numeric=self._numeric_features,
            allow_sparse=self._accepts_sparse,
            allow_nan=self._accepts_nan,
            sparse_advice=self._sparse_advice,
        )
        target = check_target(y, table.n_rows, name)
        self._validate_params()
        self.n_features_in_ = table.values.shape[1]
        if table.columns is not None and all(isinstance(c, str) for c in table.columns):
            self.feature_names_in_ = np.asarray(table.columns, dtype=object)
        elif hasattr(self, "feature_names_in_"):
            del self.feature_names_in_
        counts = class_counts(target.labels)
        self.sampling_strategy_ = resolve_sampling_strategy(
            self.sampling_strategy,
            target.labels,
            self._sampling_type,
            type(self).__name__,
        )
        self.class_counts_ = counts
        return table, target

    def _validate_params(self) -> None:
        """Check the constructor parameters against ``_parameter_constraints``."""
        validate_params(self)

    def _lost_class_advice(self) -> str:
        """How to keep a class this sampler removed entirely (its own parameters)."""
        return ""

    def _check_classes_kept(self, y: np.ndarray, provenance: Provenance) -> None:
        """Raise when no row is left; warn for every class of ``y`` that is gone
        (unless an under-sampler was asked for 0 rows of it)."""
        n_in = len(y)
        if len(provenance.original_indices) == n_in:
            return  # every input row is kept (over-samplers)
        name = type(self).__name__
        advice = self._lost_class_advice()
        kept = y[np.concatenate([provenance.original_indices, provenance.parent_a])]
        if not len(kept):
            classes = ", ".join(f"{c!r}: {n}" for c, n in class_counts(y).items())
            raise NothingLeftError(
                f"{name} removed every one of the {n_in} rows ({{{classes}}}): "
                f"nothing is left to fit a model on. {advice}".rstrip()
            )
        present = set(class_counts(kept))
        for cls, n in class_counts(y).items():
            asked_zero = (
                self._sampling_type == "under-sampling"
                and self.sampling_strategy_.get(cls, None) == 0
            )
            if cls in present or asked_zero:
                continue
            warnings.warn(
                f"{name} removed all {n} rows of class {cls!r} (of {n_in} input "
                f"rows); {len(kept)} rows of class(es) "
                f"{', '.join(map(repr, sorted(present, key=str)))} are left, so a "
                f"model fitted on them cannot predict {cls!r}. {advice}".rstrip(),
                ClassRemovedWarning,
                stacklevel=3,
            )

    def _resample(self, table: Table, target: Target) -> tuple[Provenance, Any]:
        raise NotImplementedError


class BaseOverSampler(BaseSampler):
    """Base class for over-samplers: keep every row, append synthetic ones."""

    _sampling_type = "over-sampling"

    def diagnose(self, X: Any, y: Any, **options: Any) -> Any:
        """Diagnose the synthetic rows of the last ``fit_resample(X, y)``.

        Parameters
        ----------
        X, y : array-like
            The data given to ``fit_resample``.
        **options
            See :func:`smoteguard.diagnostics.diagnose_fitted`.

        Returns
        -------
        SyntheticDiagnostics
        """
        from .diagnostics import diagnose_fitted

        return diagnose_fitted(self, X, y, **options)


class BaseUnderSampler(BaseSampler):
    """Base class for under-samplers: keep a subset of rows (``sample_indices_``)."""

    _sampling_type = "under-sampling"
    _numeric_features = False
    _accepts_nan = True


class BaseCleaningSampler(BaseSampler):
    """Base class for cleaning samplers (rules that remove rows they flag)."""

    _sampling_type = "clean-sampling"
