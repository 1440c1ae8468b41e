"""Dask collections where smoteguard works in memory: refused, never computed.

``np.asarray`` on a Dask collection computes it, so an in-memory sampler (or
``compare`` / ``evaluate``) given one would load the whole collection into memory and
hand back NumPy arrays. Instead they raise a :class:`TypeError` that says so and
names the fix: a lazy sampler of :mod:`smoteguard.dask` where there is one, or
``.compute()`` when the data fit in memory. Nothing here imports Dask.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "EVALUATION_ADVICE",
    "LAZY_SAMPLERS",
    "dask_advice",
    "is_dask_collection",
    "refuse_dask",
]

#: in-memory sampler -> its lazy counterpart in :mod:`smoteguard.dask`
LAZY_SAMPLERS = {
    "SMOTE": "DaskSMOTE",
    "RandomOverSampler": "DaskRandomOverSampler",
}
_MAJORITY_SEARCH = (
    "{name} classifies each minority row by its nearest rows among all rows, "
    "majority included, so a lazy version would read the whole collection once per "
    "block of minority rows (work ~ minority rows x all rows, as in memory); none is "
    "provided: sample the majority down in Dask and compute, or use "
    "smoteguard.dask.DaskSMOTE"
)
#: why a sampler has no lazy version, when it is not the generic reason
_NOT_LAZY = {
    "BorderlineSMOTE": _MAJORITY_SEARCH,
    "ADASYN": _MAJORITY_SEARCH,
    "SVMSMOTE": _MAJORITY_SEARCH.replace(
        "classifies each minority row by its nearest rows", "fits an SVM on all rows"
    ),
    "KMeansSMOTE": "KMeansSMOTE clusters all rows, majority included, so it has no "
    "lazy version; use smoteguard.dask.DaskSMOTE",
    "SMOTEN": "SMOTEN's value-difference metric counts every category per class over "
    "all rows, so it has no lazy version; use smoteguard.dask.DaskSMOTE on encoded "
    "features",
}

#: what ``compare`` / ``evaluate`` suggest instead
EVALUATION_ADVICE = (
    "resample with smoteguard.dask.DaskSMOTE, or evaluate on a sample that fits; "
    "to run the folds on a Dask cluster, wrap the call in "
    "smoteguard.dask.dask_backend(client) (the data themselves stay in memory)"
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


def dask_advice(sampler: str) -> str | None:
    """What a sampler named ``sampler`` suggests for Dask input (None: the generic
    advice of :func:`refuse_dask`)."""
    if sampler in LAZY_SAMPLERS:
        return (
            f"use smoteguard.dask.{LAZY_SAMPLERS[sampler]}, which resamples them lazily"
        )
    reason = _NOT_LAZY.get(sampler)
    return reason.format(name=sampler) if reason else None


def refuse_dask(caller: str, *data: Any, lazy: str | None = None) -> None:
    """Raise a TypeError when any of ``data`` is a Dask collection.

    Parameters
    ----------
    caller : str
        What the user called, as they wrote it (``"SMOTE.fit_resample"``,
        ``"compare()"``).
    *data
        The arguments to check (``X``, ``y``).
    lazy : str, optional
        Extra advice: what to use instead for lazy work.

    Raises
    ------
    TypeError
        If any of ``data`` is a Dask collection.
    """
    found = next((d for d in data if is_dask_collection(d)), None)
    if found is None:
        return
    kind = f"{type(found).__module__.split('.')[0]} {type(found).__name__}"
    advice = lazy or (
        "smoteguard.dask.DaskSMOTE and DaskRandomOverSampler resample Dask "
        "collections lazily"
    )
    raise TypeError(
        f"{caller} got a {kind}: it works in memory, so the whole collection "
        "would be computed and come back as NumPy. Call .compute() on X and y "
        f"first if they fit in memory; otherwise {advice}."
    )
