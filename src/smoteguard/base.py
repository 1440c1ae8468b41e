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

import sys
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.utils import InputTags, Tags

from ._dask_input import dask_advice, refuse_dask
from ._sampling_strategy import class_counts, resolve_sampling_strategy
from ._tabular import Table, Target, assemble, check_table, check_target
from .provenance import Provenance

__all__ = ["BaseCleaningSampler", "BaseOverSampler", "BaseSampler", "BaseUnderSampler"]

_SKLEARN_PIPELINE_MESSAGE = (
    "{name} is a sampler: it changes the rows (and y), which scikit-learn's Pipeline "
    "cannot do, and a sampler outside a resampling-aware pipeline would leak into "
    "validation folds. Use smoteguard.Pipeline / smoteguard.make_pipeline (or "
    "imblearn.pipeline.Pipeline) instead: they run samplers while fitting only."
)


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


class BaseSampler(BaseEstimator):
    """Base class for samplers; not for direct use.

    Subclasses set ``_sampling_type`` and implement ``_resample``.
    """

    _estimator_type = "sampler"
    _sampling_type: ClassVar[str] = "over-sampling"
    #: whether the algorithm does arithmetic on the features (interpolation)
    _numeric_features: ClassVar[bool] = True
    _accepts_sparse: ClassVar[bool] = True
    _accepts_nan: ClassVar[bool] = False

    # -- scikit-learn protocol -------------------------------------------------
    def __sklearn_tags__(self) -> Tags:
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
        # Samplers have no transform. scikit-learn's Pipeline probes for one with
        # hasattr() and then fails with a generic message; raising TypeError from
        # that probe (hasattr only swallows AttributeError) lets us say why and how
        # to fix it. Every other caller sees a plain AttributeError.
        caller = sys._getframe(1)
        if caller.f_code.co_name == "_validate_steps" and caller.f_globals.get(
            "__name__", ""
        ).startswith("sklearn.pipeline"):
            raise TypeError(_SKLEARN_PIPELINE_MESSAGE.format(name=type(self).__name__))
        raise AttributeError(
            f"{type(self).__name__} has no transform; it is a sampler."
        )

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
            Per-row arrays (such as ``sample_weight``) to resample with the rows;
            the results are stored in ``resampled_params_``. A synthetic row takes
            the value of its seed row.

        Returns
        -------
        X_res : same type as X
            Original rows first (bit-exact, in input order), then synthetic rows.
        y_res : same type as y
        """
        table, target = self._check_input(X, y)
        provenance, X_synthetic = self._resample(table, target)
        self.provenance_ = provenance
        if self._sampling_type != "over-sampling":
            self.sample_indices_ = provenance.original_indices
        self.resampled_params_ = {
            key: provenance.take(value) for key, value in params.items()
        }
        return assemble(table, target, provenance, X_synthetic)

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """Samplers keep the features: return their names.

        Parameters
        ----------
        input_features : array-like of str, optional
            Defaults to ``feature_names_in_`` or ``x0, x1, ...``.
        """
        from sklearn.utils.validation import _check_feature_names_in

        return _check_feature_names_in(self, input_features)

    # -- helpers for subclasses ------------------------------------------------
    def _check_input(self, X: Any, y: Any) -> tuple[Table, Target]:
        name = type(self).__name__
        refuse_dask(name, X, y, lazy=dask_advice(name))
        table = check_table(
            X,
            name,
            numeric=self._numeric_features,
            allow_sparse=self._accepts_sparse,
            allow_nan=self._accepts_nan,
        )
        target = check_target(y, table.n_rows, name)
        self._check_params()
        self.n_features_in_ = table.values.shape[1]
        if table.columns is not None and all(isinstance(c, str) for c in table.columns):
            self.feature_names_in_ = np.asarray(table.columns, dtype=object)
        elif hasattr(self, "feature_names_in_"):
            del self.feature_names_in_
        counts = class_counts(target.labels)
        self.sampling_strategy_ = resolve_sampling_strategy(
            self.sampling_strategy, target.labels, self._sampling_type
        )
        self.class_counts_ = counts
        return table, target

    def _check_params(self) -> None:
        """Validate constructor parameters; subclasses extend."""

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
