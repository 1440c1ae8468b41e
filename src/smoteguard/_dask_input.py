"""Dask collections where smoteguard works in memory: refused, never computed.

``np.asarray`` (and ``len``) on a Dask collection computes it, so an in-memory
sampler, estimator or function given one would load the whole collection into
memory and hand back NumPy arrays. Instead every public entry point that takes
data raises a :class:`TypeError` that says so and names the fix: a lazy sampler of
:mod:`smoteguard.dask` where there is one, or ``.compute()`` when the data fit in
memory. :func:`refuse_dask` is the one check; :func:`refuses_dask` decorates the
entry points with it. Nothing here imports Dask.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

__all__ = [
    "ESTIMATOR_ADVICE",
    "EVALUATION_ADVICE",
    "LAZY_SAMPLERS",
    "accepts_dask",
    "dask_advice",
    "describe_kind",
    "is_dask_collection",
    "one_source_advice",
    "refuse_dask",
    "refuse_named_dask",
    "refuses_dask",
]

#: in-memory sampler -> its lazy counterpart in :mod:`smoteguard.dask`
LAZY_SAMPLERS = {
    "SMOTE": "DaskSMOTE",
    "RandomOverSampler": "DaskRandomOverSampler",
    "SMOTENC": "DaskSMOTENC",
}
_OVER_ADVICE = "over-sample with smoteguard.dask.DaskSMOTE instead"
_MAJORITY_SEARCH = (
    "{name} classifies each minority row by its nearest rows among all rows, "
    "majority included, so a lazy version would read the whole collection once per "
    "block of minority rows (work ~ minority rows x all rows, as in memory); none is "
    "provided: sample the majority down in Dask and compute, or " + _OVER_ADVICE
)
_ALL_ROWS_SEARCH = (
    "{name} removes rows by their nearest neighbours among all rows of every "
    "class, so a lazy version would search the whole collection against itself; "
    "none is provided: compute a sample of the rows that fits in memory"
)
#: why a sampler has no lazy version, when its kind's reason is not the right one
_NOT_LAZY = {
    "BorderlineSMOTE": _MAJORITY_SEARCH,
    "ADASYN": _MAJORITY_SEARCH,
    "SVMSMOTE": "SVMSMOTE fits a support vector machine on all rows, majority "
    "included, to find the minority support vectors; an SVM fit needs every row at "
    "once and its cost grows faster than the number of rows, so it has no lazy "
    "version: fit it on a computed sample, or " + _OVER_ADVICE,
    "KMeansSMOTE": "KMeansSMOTE clusters all rows, majority included, so it has no "
    "lazy version; " + _OVER_ADVICE,
    "SMOTEN": "SMOTEN's value-difference metric counts every category per class over "
    "all rows, so it has no lazy version; use smoteguard.dask.DaskSMOTENC (numeric "
    "and categorical columns) or DaskSMOTE on encoded features",
    "LatentSMOTE": "LatentSMOTE fits its latent model (PCA by default) on all rows "
    "before interpolating, so it has no lazy version; " + _OVER_ADVICE,
    "RandomUnderSampler": "smoteguard has no lazy under-sampler: keep a random share "
    "of each large class with Dask itself ({sample_class}), or compute and use "
    "RandomUnderSampler",
}
#: how to keep a random share ``frac`` of class ``label`` with Dask itself, per kind
#: of collection (a Dask Array has no ``.sample``)
_SAMPLE_CLASS = {
    "frame": "for a DataFrame X and Series y partitioned alike: frame = "
    "X.assign(target=y), part = frame[frame['target'] == label].sample(frac=..., "
    "random_state=0), dd.concat with the other classes' rows, then split X and y "
    "again",
    "array": "for an Array: keep = (y != label) | (da.random.default_rng(0).random("
    "y.shape[0], chunks=y.chunks) < frac), then X[keep], y[keep]",
}
#: what a lazy sampler given in-memory X, y and Dask per-row values suggests
_LAZY_ADVICE = (
    "pass X and y as Dask collections too ({name} resamples them lazily), with the "
    "per-row values as columns of X"
)
#: why samplers of a kind (``_sampling_type``) have no lazy version
_KIND_REASON = {
    "over-sampling": "{name} has no lazy version; " + _OVER_ADVICE,
    "under-sampling": "smoteguard has no lazy under-sampler; compute a sample of the "
    "rows that fits in memory and use {name} on it",
    "clean-sampling": _ALL_ROWS_SEARCH,
}
_HYBRID_REASON = (
    "{name}'s cleaning step removes rows by their nearest neighbours among all rows "
    "of every class, so it has no lazy version; " + _OVER_ADVICE + " (without the "
    "cleaning), or compute a sample that fits in memory"
)

#: what ``compare`` / ``evaluate`` suggest instead
EVALUATION_ADVICE = (
    "resample with smoteguard.dask.DaskSMOTE, or evaluate on a sample that fits; "
    "to run the folds on a Dask cluster, wrap the call in "
    "smoteguard.dask.dask_backend(client) (the data themselves stay in memory)"
)
#: what in-memory estimators and functions suggest instead
ESTIMATOR_ADVICE = (
    "work on a sample that fits, or train a Dask-aware learner (xgboost.dask, "
    "lightgbm.dask) on data resampled by smoteguard.dask.DaskSMOTE"
)


def is_dask_collection(obj: Any) -> bool:
    """Whether ``obj`` is a Dask collection (without importing Dask).

    Parameters
    ----------
    obj : object
        Anything; a Dask array, DataFrame or Series has a task graph and keys.

    Returns
    -------
    bool
        True for a Dask collection, False otherwise (NumPy, pandas, lists...).
    """
    return hasattr(obj, "__dask_graph__") and hasattr(obj, "__dask_keys__")


def accepts_dask(step: Any) -> bool:
    """Whether a pipeline step takes Dask collections without computing them: the
    lazy samplers of :mod:`smoteguard.dask` and estimators from a Dask module
    (``xgboost.dask``, ``lightgbm.dask``, ``dask_ml``)."""
    if getattr(step, "_accepts_dask", False):
        return True
    parts = type(step).__module__.split(".")
    return any(p == "dask" or p.startswith("dask_") for p in parts)


def describe_kind(obj: Any) -> str:
    """``obj``'s kind as a user would name it: "a dask DataFrame", "a pandas
    Series", "a numpy ndarray", ..."""
    return f"a {type(obj).__module__.split('.')[0]} {type(obj).__name__}"


def _collection_kind(data: Any) -> str | None:
    """ "frame" (a Dask DataFrame or Series), "array", or None (not known)."""
    if data is None:
        return None
    return "frame" if type(data).__name__ in ("DataFrame", "Series") else "array"


#: how to get X and y holding the same rows, partitioned alike, per kind
_ONE_SOURCE = {
    "frame": "build X and y from one Dask DataFrame (X = frame.drop(columns=target), "
    "y = frame[target])",
    "array": "build X and y with the same row chunks (y = da.from_array(y, "
    "chunks=X.chunks[0]) for an in-memory y; from a Dask DataFrame, "
    "frame.drop(columns=target).to_dask_array(lengths=True) and "
    "frame[target].to_dask_array(lengths=True))",
}


def one_source_advice(data: Any) -> str:
    """How to build X and y that hold the same rows, for the kind of ``data`` (a
    Dask DataFrame or Series, or a Dask Array; or the kind itself, "frame" or
    "array")."""
    kind = data if isinstance(data, str) else _collection_kind(data)
    return _ONE_SOURCE[kind or "frame"]


def dask_advice(sampler: Any, data: Any = None) -> str:
    """What a sampler (an instance, or its class name) suggests for Dask input:
    its lazy counterpart, or why it has none and what to do instead.

    Parameters
    ----------
    sampler : estimator or str
    data : Dask collection, optional
        The collection refused: advice that depends on its kind (DataFrame or
        Array) is given for that kind only; without it, for both.
    """
    name = sampler if isinstance(sampler, str) else type(sampler).__name__
    if name in LAZY_SAMPLERS:
        return f"use smoteguard.dask.{LAZY_SAMPLERS[name]}, which resamples them lazily"
    if name in LAZY_SAMPLERS.values() or getattr(sampler, "_accepts_dask", False):
        return _LAZY_ADVICE.format(name=name)
    if name in _NOT_LAZY:
        kind = _collection_kind(data)
        sample = _SAMPLE_CLASS[kind] if kind else "; ".join(_SAMPLE_CLASS.values())
        return _NOT_LAZY[name].format(name=name, sample_class=sample)
    if any(c.__name__ == "HybridSampler" for c in type(sampler).__mro__[:-1]):
        return _HYBRID_REASON.format(name=name)
    kind = getattr(sampler, "_sampling_type", "over-sampling")
    return _KIND_REASON.get(kind, _KIND_REASON["over-sampling"]).format(name=name)


def refuse_dask(
    caller: str,
    *data: Any,
    lazy: str | Callable[[Any], str] | None = None,
    names: tuple[str, ...] | None = None,
) -> None:
    """Raise a TypeError when any of ``data`` is a Dask collection.

    Parameters
    ----------
    caller : str
        What the user called, as they wrote it (``"SMOTE"``, ``"compare()"``,
        ``"OneClassClassifier.fit"``).
    *data
        The arguments to check (``X``, ``y``, ...).
    lazy : str or callable, optional
        What to do instead for data that do not fit in memory; a callable is
        given the refused collection (advice that depends on its kind).
    names : tuple of str, optional
        The names of the first arguments of ``data`` as the caller wrote them
        (``("X", "y")``): the message says which one is a Dask collection, and
        when only some of them are, it advises computing those (the others are
        already in memory) instead of the lazy route, which needs all of them.

    Raises
    ------
    TypeError
        If any of ``data`` is a Dask collection; nothing is computed.
    """
    found = next((d for d in data if is_dask_collection(d)), None)
    if found is None:
        return
    named = dict(zip(names or (), data))
    lazy_names = [n for n, d in named.items() if is_dask_collection(d)]
    if lazy_names and len(lazy_names) < len(named):
        raise TypeError(_mixed_message(caller, named, lazy_names))
    name = lazy_names[0] if lazy_names else None
    raise TypeError(_in_memory_message(caller, found, name, lazy))


def _in_memory_message(
    caller: str, found: Any, name: str | None, lazy: str | Callable[[Any], str] | None
) -> str:
    """The refusal of a Dask collection ``found`` (the argument ``name``, when
    known) by ``caller``, which works in memory."""
    advice = lazy(found) if callable(lazy) else lazy
    given = describe_kind(found) + (f" as {name}" if name else "")
    return (
        f"{caller} got {given}: it works in memory, so the whole collection would "
        f"be computed and come back as NumPy. Call .compute() on {name or 'the data'} "
        f"first if it fits in memory; otherwise {advice or ESTIMATOR_ADVICE}."
    )


def refuse_named_dask(
    caller: str,
    named: Mapping[Any, Any],
    lazy: str | Callable[[Any], str] | None = None,
) -> None:
    """Raise :func:`refuse_dask`'s TypeError naming the first Dask collection
    among ``named`` (argument name -> value), if there is one.

    Parameters
    ----------
    caller : str
        What the user called, as they wrote it.
    named : mapping
        The call's data arguments by the names the caller used.
    lazy : str or callable, optional
        As for :func:`refuse_dask`.

    Raises
    ------
    TypeError
        If any value of ``named`` is a Dask collection; nothing is computed.
    """
    for name, value in named.items():
        if is_dask_collection(value):
            raise TypeError(_in_memory_message(caller, value, str(name), lazy))


def _first_dask_argument(
    signature: inspect.Signature, args: tuple, kwargs: dict
) -> tuple[str | None, Any]:
    """The name and value of the first Dask collection among a call's arguments
    (``(None, None)`` when there is none); ``*args`` items are named ``args[i]``."""
    try:
        bound = signature.bind_partial(*args, **kwargs).arguments
    except TypeError:  # the call itself is wrong: the function says how
        bound = {
            f"argument {i + 1}": a for i, a in enumerate((*args, *kwargs.values()))
        }
    for key, value in bound.items():
        kind = signature.parameters[key].kind if key in signature.parameters else None
        if kind is inspect.Parameter.VAR_POSITIONAL:
            items = {f"{key}[{i}]": v for i, v in enumerate(value)}
        elif kind is inspect.Parameter.VAR_KEYWORD:
            items = value
        else:
            items = {key: value}
        for name, item in items.items():
            if is_dask_collection(item):
                return name, item
    return None, None


def _mixed_message(caller: str, named: dict[str, Any], lazy_names: list[str]) -> str:
    """Some of the named arguments are Dask collections, the others in memory: the
    lazy samplers refuse such a mix, so the advice is to compute the Dask ones."""
    order = lazy_names + [n for n in named if n not in lazy_names]
    kinds = " and ".join(f"{describe_kind(named[n])} as {n}" for n in order)
    lazy_ones = " and ".join(lazy_names)
    return (
        f"{caller} got {kinds}: mixed Dask and in-memory input. Call .compute() on "
        f"{lazy_ones} (the other data are already in memory); for data that do not "
        "fit in memory, pass them all as Dask collections partitioned alike to a "
        "sampler of smoteguard.dask."
    )


F = TypeVar("F", bound=Callable[..., Any])


def refuses_dask(func: F | None = None, *, lazy: str | None = None) -> Any:
    """Decorate a public function or method so that it refuses Dask arguments
    (positional or keyword) with :func:`refuse_dask` before it runs.

    The caller is named ``Class.method`` for a method (the instance's class) and
    ``function()`` for a function; ``lazy`` is the advice (default
    :data:`ESTIMATOR_ADVICE`).
    """
    if func is None:
        return functools.partial(refuses_dask, lazy=lazy)
    is_method = "." in func.__qualname__ and "<locals>" not in func.__qualname__
    signature = inspect.signature(func)
    if is_method:
        signature = signature.replace(
            parameters=list(signature.parameters.values())[1:]
        )

    @functools.wraps(func)
    def checked(*args: Any, **kwargs: Any) -> Any:
        if is_method:
            caller = f"{type(args[0]).__name__}.{func.__name__}"
            data = args[1:]
        else:
            caller = f"{func.__name__}()"
            data = args
        name, found = _first_dask_argument(signature, data, kwargs)
        if found is not None:
            raise TypeError(_in_memory_message(caller, found, name, lazy))
        return func(*args, **kwargs)

    return checked
