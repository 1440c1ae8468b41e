"""A Pipeline in which samplers run while fitting, and only then.

``smoteguard.Pipeline`` is scikit-learn's :class:`~sklearn.pipeline.Pipeline` with
one difference: a step may be a sampler (anything with ``fit_resample``, from
smoteguard or imbalanced-learn). While the pipeline is fitted, a sampler resamples
the rows that reach it (and ``y``, and per-row fit parameters such as
``sample_weight``); at prediction, scoring and transform time it is skipped, so
validation and test rows are never resampled. Because cross-validation and search
refit the whole pipeline on each training fold, a sampler inside it sees training
rows only.
"""

from __future__ import annotations

import functools
import inspect
import warnings
from typing import Any

import numpy as np
from sklearn import pipeline as sk_pipeline
from sklearn.base import clone
from sklearn.utils.metadata_routing import (
    MetadataRouter,
    MethodMapping,
    _routing_enabled,
    process_routing,
)
from sklearn.utils.metaestimators import available_if
from sklearn.utils.validation import _num_samples, check_memory

from ._dask_input import (
    accepts_dask,
    dask_advice,
    is_dask_collection,
    refuse_named_dask,
)

__all__ = ["Pipeline", "is_sampler", "make_pipeline"]


def is_sampler(step: Any) -> bool:
    """Whether a pipeline step resamples (has ``fit_resample``).

    Parameters
    ----------
    step : object
        A pipeline step: an estimator, a sampler, ``"passthrough"`` or None.

    Returns
    -------
    bool
        True when the step has a ``fit_resample`` method.
    """
    return hasattr(step, "fit_resample")


def __getattr__(name: str) -> Any:
    # PEP 562: a name that moved keeps working, with a DeprecationWarning.
    if name == "samplers_in":
        warnings.warn(
            "smoteguard.pipeline.samplers_in is internal now and will be removed "
            "in a future release; to find the samplers of a Pipeline, test its "
            "steps with smoteguard.pipeline.is_sampler.",
            DeprecationWarning,
            stacklevel=2,
        )
        from ._sampler_steps import samplers_in

        return samplers_in
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _fit_transform_step(transformer: Any, X: Any, y: Any, params: dict) -> tuple:
    """Fit a transformer and transform X; ``params`` maps each method the step is
    called with (``fit_transform``, or ``fit`` and ``transform``) to its metadata,
    as scikit-learn's Pipeline does."""
    if hasattr(transformer, "fit_transform"):
        return transformer.fit_transform(X, y, **params.get("fit_transform", {})), (
            transformer
        )
    fitted = transformer.fit(X, y, **params.get("fit", {}))
    return fitted.transform(X, **params.get("transform", {})), transformer


def _fit_resample_step(sampler: Any, X: Any, y: Any, **params: Any) -> tuple:
    X_res, y_res = sampler.fit_resample(X, y, **params)
    return X_res, y_res, sampler


def _n_rows(X: Any) -> int:
    return _num_samples(X)


def _row_map(sampler: Any, n_in: int, n_out: int, step: str) -> np.ndarray:
    """For every output row of a sampler, the input row whose per-row fit parameters
    (e.g. ``sample_weight``) it inherits."""
    provenance = getattr(sampler, "provenance_", None)
    if provenance is not None:
        return np.concatenate([provenance.original_indices, provenance.parent_a])
    indices = getattr(sampler, "sample_indices_", None)
    if indices is not None:
        return np.asarray(indices)
    if n_out == n_in:
        return np.arange(n_in)
    raise ValueError(
        f"Step {step!r} ({type(sampler).__name__}) changed the number of rows but "
        "does not say which input row each output row came from, so per-row fit "
        "parameters such as sample_weight cannot follow the rows. Use a smoteguard "
        "sampler (they record provenance_) or drop the per-row parameter."
    )


def _resample_params(params: dict, rows: np.ndarray, n_in: int) -> dict:
    """Per-row values of ``params`` (nested per method, as routed) taken at
    ``rows``; other values unchanged."""
    out = {}
    for key, value in params.items():
        if isinstance(value, dict):
            out[key] = _resample_params(value, rows, n_in)
        elif (
            hasattr(value, "__len__")
            and not isinstance(value, str)
            and (len(value) == n_in)
        ):
            out[key] = (
                value.iloc[rows] if hasattr(value, "iloc") else np.asarray(value)[rows]
            )
        else:
            out[key] = value
    return out


def _sampler_methods_routable() -> bool:
    """Whether scikit-learn's routing knows ``fit_resample`` (imbalanced-learn
    registers it when imported; smoteguard does not change scikit-learn's state)."""
    from sklearn.utils._metadata_requests import SIMPLE_METHODS

    return "fit_resample" in SIMPLE_METHODS


class Pipeline(sk_pipeline.Pipeline):
    """Chain of transformers, samplers and a final estimator; leak-safe resampling.

    Parameters
    ----------
    steps : list of (str, estimator) tuples
        Intermediate steps are transformers or samplers; the last step is any
        estimator (or a sampler, in which case the pipeline has ``fit_resample``).
    memory : str or joblib.Memory, optional
        Caches fitted transformers (not samplers: their output depends on the
        random state and would be reused across folds).
    verbose : bool, default=False
    transform_input : None
        Accepted for compatibility with scikit-learn's signature; not supported.

    Raises
    ------
    TypeError
        When fitting, a step that is neither a transformer nor a sampler, or that
        is both (the message names the step).

    Notes
    -----
    Fit parameters are routed as in scikit-learn's Pipeline:

    * with ``sklearn.set_config(enable_metadata_routing=True)``, every step gets
      the metadata it requests (``set_fit_request(sample_weight=True)``) and no
      other; a parameter some step has not said yes or no to is an error;
    * otherwise they are given as ``step__param=value``; a plain parameter (such
      as ``sample_weight=w``) is a ValueError naming it and both ways to pass it,
      as in scikit-learn's Pipeline. ``score(X, y, sample_weight=w)`` passes it to
      the last step's ``score``, as scikit-learn's does.

    Either way, per-row parameters destined for steps after a sampler are resampled
    with the rows: a synthetic row inherits the value of its seed row.

    ``fit_transform`` and ``fit_predict`` fit the pipeline (resampling the training
    rows) and then transform / predict the *given* rows, so their output lines up
    with the input.

    Examples
    --------
    >>> from sklearn.linear_model import LogisticRegression
    >>> from sklearn.model_selection import cross_validate
    >>> from sklearn.datasets import make_classification
    >>> from smoteguard import SMOTE, make_pipeline
    >>> X, y = make_classification(weights=[0.9], random_state=0)
    >>> pipe = make_pipeline(SMOTE(random_state=0), LogisticRegression())
    >>> scores = cross_validate(pipe, X, y, scoring="roc_auc")
    """

    def _validate_steps(self) -> None:
        names, estimators = zip(*self.steps)
        self._validate_names(names)
        for name, step in self.steps[:-1]:
            if step is None or (isinstance(step, str) and step == "passthrough"):
                continue
            sampler = is_sampler(step)
            transformer = hasattr(step, "transform") and (
                hasattr(step, "fit") or hasattr(step, "fit_transform")
            )
            if not (sampler or transformer):
                raise TypeError(
                    f"Step {name!r} ({type(step).__name__}) is neither a transformer "
                    "(fit + transform) nor a sampler (fit_resample); every step but "
                    "the last must be one of them or 'passthrough'."
                )
            if sampler and transformer:
                raise TypeError(
                    f"Step {name!r} ({type(step).__name__}) has both transform and "
                    "fit_resample; it is ambiguous whether it should run at predict "
                    "time. Wrap it so it is one or the other."
                )
        last = estimators[-1]
        if last is not None and last != "passthrough" and not hasattr(last, "fit"):
            raise TypeError(
                f"The last step {names[-1]!r} ({type(last).__name__}) has no fit."
            )

    def _iter(self, with_final: bool = True, filter_passthrough: bool = True):
        # scikit-learn's transform/predict/score code walks the steps through _iter;
        # leaving samplers out of it is what skips them outside fit.
        for idx, name, step in super()._iter(with_final, filter_passthrough):
            if (
                filter_passthrough
                and is_sampler(step)
                and not (with_final and idx == len(self.steps) - 1)
            ):
                continue
            yield idx, name, step

    def _split_params(self, params: dict, method: str = "fit") -> dict:
        """Routing disabled: ``step__param`` goes to that step's fitting method(s);
        an unprefixed parameter is refused, as by scikit-learn's Pipeline."""
        per_step: dict = {name: {} for name, _ in self.steps}
        final = self.steps[-1][0]
        for key, value in params.items():
            if "__" not in key:
                raise ValueError(
                    f"Pipeline.{method} does not accept the {key} parameter. You can "
                    "pass parameters to specific steps of your pipeline using the "
                    f"stepname__parameter format, e.g. `Pipeline.{method}(X, y, "
                    f"{final}__{key}={key})`, or enable metadata routing "
                    "(sklearn.set_config(enable_metadata_routing=True)) and let the "
                    f"steps request it (set_fit_request({key}=True))."
                )
            step, param = key.split("__", 1)
            if step not in per_step:
                raise ValueError(
                    f"Fit parameter {key!r} names step {step!r}, which is not in "
                    f"the pipeline (steps: {list(per_step)})."
                )
            per_step[step][param] = value
        return {
            name: {m: dict(p) for m in ("fit", "fit_transform", "fit_resample")}
            for name, p in per_step.items()
        }

    def _route_fit_params(self, params: dict, method: str = "fit") -> dict:
        """``{step: {method: {param: value}}}`` for fitting.

        With ``sklearn.set_config(enable_metadata_routing=True)`` the metadata goes
        where the steps request it, exactly as in scikit-learn's Pipeline (a step
        that declines ``sample_weight`` does not get it; an unrequested parameter is
        an error). Samplers are routed ``fit_resample`` metadata only when
        scikit-learn knows that method (imbalanced-learn registers it).
        """
        if not _routing_enabled():
            return self._split_params(params, method)
        routed = process_routing(self, "fit", **params)
        return {
            name: {m: dict(p) for m, p in routed[name].items()}
            if name in routed
            else {}
            for name, _ in self.steps
        }

    def get_metadata_routing(self) -> MetadataRouter:
        """Metadata routing of the pipeline: scikit-learn's, plus samplers.

        Transformers and the last step are routed as in
        :class:`sklearn.pipeline.Pipeline`; a sampler step is routed its
        ``fit_resample`` metadata while fitting (when scikit-learn knows that
        method, see :meth:`_route_fit_params`) and nothing otherwise.

        Returns
        -------
        MetadataRouter
        """
        router = super().get_metadata_routing()
        if not _sampler_methods_routable():
            return router
        for name, step in self.steps[:-1]:
            if step is None or step == "passthrough" or not is_sampler(step):
                continue
            mapping = MethodMapping()
            for caller in ("fit", "fit_transform", "fit_predict"):
                mapping.add(caller=caller, callee="fit_resample")
            router.add(method_mapping=mapping, **{name: step})
        return router

    def _fit(
        self, X: Any, y: Any, params: dict, method: str = "fit"
    ) -> tuple[Any, Any, dict]:
        """Fit every step but the last; return what reaches the last step and the
        last step's routed parameters."""
        self._validate_steps()
        memory = check_memory(self.memory)
        cached_fit_transform = memory.cache(_fit_transform_step)
        self._refuse_dask(X, y, params)
        routed = self._route_fit_params(params, method)
        self.steps = list(self.steps)
        for idx, (name, step) in enumerate(self.steps[:-1]):
            if step is None or (isinstance(step, str) and step == "passthrough"):
                continue
            fitted = clone(step)
            if is_sampler(fitted):
                step_params = routed[name].get("fit_resample", {})
                # per-row metadata of the later steps follows the resampled rows
                later = [n for n, _ in self.steps[idx + 1 :]]
                follow = any(_has_values(routed[n]) for n in later)
                n_in = _n_rows(X) if follow else 0  # no pass over the rows otherwise
                X, y, fitted = _fit_resample_step(fitted, X, y, **step_params)
                if follow:
                    rows = _row_map(fitted, n_in, _n_rows(X), name)
                    for n in later:
                        routed[n] = _resample_params(routed[n], rows, n_in)
            else:
                X, fitted = cached_fit_transform(fitted, X, y, routed[name])
            self.steps[idx] = (name, fitted)
        return X, y, routed[self.steps[-1][0]]

    def _refuse_dask(
        self, X: Any, y: Any, params: dict, *, predicting: bool = False
    ) -> None:
        """Dask input only when every step that sees it takes it lazily (the
        samplers of smoteguard.dask, estimators of a Dask module): refuse it
        otherwise, before any step runs, naming the first step that would compute
        it. At prediction time samplers are skipped, so they do not count."""
        data = {"X": X, "y": y, **params}
        if not any(map(is_dask_collection, data.values())):
            return
        for name, step in self.steps:
            if step is None or (isinstance(step, str) and step == "passthrough"):
                continue
            if predicting and is_sampler(step):
                continue
            if not accepts_dask(step):
                advice = (
                    functools.partial(dask_advice, step) if is_sampler(step) else None
                )
                caller = f"Pipeline step {name!r} ({type(step).__name__})"
                refuse_named_dask(caller, data, lazy=advice)

    def fit(self, X: Any, y: Any = None, **params: Any) -> Pipeline:
        """Fit the steps in order, resampling the rows at every sampler.

        Parameters
        ----------
        X : array-like or DataFrame
        y : array-like
        **params : dict
            ``step__param`` fit parameters; with metadata routing enabled, the
            metadata the steps request.

        Returns
        -------
        self

        Raises
        ------
        ValueError
            Metadata routing disabled and a parameter without a ``step__`` prefix.
        """
        Xt, yt, last_params = self._fit(X, y, params)
        last = self._final_estimator
        if last != "passthrough":
            if is_sampler(last):
                last.fit_resample(Xt, yt, **_final_resample_params(last_params))
            else:
                last.fit(Xt, yt, **last_params.get("fit", {}))
        return self

    @available_if(sk_pipeline.Pipeline._can_fit_transform)
    def fit_transform(self, X: Any, y: Any = None, **params: Any) -> Any:
        """Fit (resampling the training rows), then transform the given rows.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training rows.
        y : array-like of shape (n_samples,), default=None
            Their labels.
        **params : dict
            Fit parameters, routed to the steps as in scikit-learn's Pipeline.

        Returns
        -------
        Xt : array-like of shape (n_samples, n_transformed_features)
        """
        return self.fit(X, y, **params).transform(X)

    def _can_fit_predict(self) -> bool:
        return hasattr(self._final_estimator, "predict")

    @available_if(_can_fit_predict)
    def fit_predict(self, X: Any, y: Any = None, **params: Any) -> Any:
        """Fit (resampling the training rows), then predict the given rows.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training rows.
        y : array-like of shape (n_samples,), default=None
            Their labels.
        **params : dict
            Fit parameters, routed to the steps as in scikit-learn's Pipeline.

        Returns
        -------
        y_pred : ndarray of shape (n_samples,)
        """
        return self.fit(X, y, **params).predict(X)

    def _can_fit_resample(self) -> bool:
        return is_sampler(self._final_estimator)

    @available_if(_can_fit_resample)
    def fit_resample(self, X: Any, y: Any = None, **params: Any) -> tuple[Any, Any]:
        """When the last step is a sampler: fit the pipeline and return the last
        step's resampled output.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training rows.
        y : array-like of shape (n_samples,), default=None
            Their labels.
        **params : dict
            Fit parameters, routed to the steps as in scikit-learn's Pipeline.

        Returns
        -------
        X_res, y_res
            The last step's output.
        """
        Xt, yt, last_params = self._fit(X, y, params, "fit_resample")
        return self._final_estimator.fit_resample(
            Xt, yt, **_final_resample_params(last_params)
        )

    def __sklearn_is_fitted__(self) -> bool:
        last = self.steps[-1][1]
        if last is None or last == "passthrough" or is_sampler(last):
            return all(
                is_sampler(s) or s in (None, "passthrough") or _fitted(s)
                for _, s in self.steps[:-1]
            )
        return _fitted(last)


def _dask_checked(name: str) -> Any:
    """scikit-learn's Pipeline method ``name`` (prediction, scoring, transform),
    refusing Dask input first unless every step that sees it takes it lazily."""
    inherited = sk_pipeline.Pipeline.__dict__[name]  # an available_if descriptor

    # the names of the arguments after X, as the caller may write them (score's y)
    after_X = list(inspect.signature(inherited.fn).parameters)[2:]

    @functools.wraps(inherited.fn)
    def method(self: Pipeline, X: Any, *args: Any, **params: Any) -> Any:
        extra = {**dict(zip(after_X, args)), **params}
        self._refuse_dask(X, extra.pop("y", None), extra, predicting=True)
        return inherited.fn(self, X, *args, **params)

    return available_if(inherited.check)(method)


for _name in (
    "predict",
    "predict_proba",
    "predict_log_proba",
    "decision_function",
    "score",
    "score_samples",
    "transform",
    "inverse_transform",
):
    setattr(Pipeline, _name, _dask_checked(_name))


def _has_values(step_params: dict) -> bool:
    return any(bool(p) for p in step_params.values())


def _final_resample_params(params: dict) -> dict:
    """Metadata for a last step that is a sampler (routed to ``fit_resample``, or
    to ``fit`` when scikit-learn's routing does not know ``fit_resample``)."""
    return params.get("fit_resample", params.get("fit", {}))


def _fitted(estimator: Any) -> bool:
    from sklearn.utils.validation import check_is_fitted

    try:
        check_is_fitted(estimator)
    except Exception:
        return False
    return True


def make_pipeline(*steps: Any, memory: Any = None, verbose: bool = False) -> Pipeline:
    """Build a :class:`Pipeline` from steps, naming them after their classes.

    Parameters
    ----------
    *steps : estimators
        Transformers, samplers and a final estimator.
    memory : str or joblib.Memory, optional
    verbose : bool, default=False

    Returns
    -------
    Pipeline
    """
    return Pipeline(_name_steps(steps), memory=memory, verbose=verbose)


def _name_steps(steps: tuple) -> list[tuple[str, Any]]:
    """Lower-cased class names; repeated names get ``-1``, ``-2``, ... suffixes."""
    names = [
        step if isinstance(step, str) else type(step).__name__.lower() for step in steps
    ]
    seen: dict[str, int] = {}
    out = []
    for name, step in zip(names, steps):
        if names.count(name) > 1:
            seen[name] = seen.get(name, 0) + 1
            name = f"{name}-{seen[name]}"
        out.append((name, step))
    return out
