"""Turn a user's ``sampling_strategy`` into per-class target counts.

The semantics follow imbalanced-learn's sampler protocol so that smoteguard samplers
are drop-in replacements:

* over-samplers return ``{class: number of rows to generate}``;
* under-samplers and cleaners return ``{class: number of rows to keep}``.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Mapping
from typing import Any, Literal

import numpy as np

# from scikit-learn directly: ._param_validation imports the neighbours package,
# which imports this module
from sklearn.utils._param_validation import InvalidParameterError

Kind = Literal["over-sampling", "under-sampling", "clean-sampling"]

_STRING_STRATEGIES = (
    "auto",
    "minority",
    "majority",
    "not minority",
    "not majority",
    "all",
)


def _classes_for_string(strategy: str, counts: Mapping[Any, int], kind: Kind) -> list:
    majority = max(counts, key=lambda c: counts[c])
    minority = min(counts, key=lambda c: counts[c])
    if strategy == "auto":
        strategy = "not majority" if kind == "over-sampling" else "not minority"
    if strategy == "minority":
        return [minority]
    if strategy == "majority":
        return [majority]
    if strategy == "not minority":
        return [c for c in counts if c != minority]
    if strategy == "not majority":
        return [c for c in counts if c != majority]
    return list(counts)  # "all"


#: the strings that make no sense for a kind of sampler
_REFUSED_STRINGS: dict[str, tuple[str, ...]] = {
    "over-sampling": ("majority",),
    "under-sampling": ("minority",),
    "clean-sampling": (),
}
#: the other forms a kind of sampler accepts
_OTHER_FORMS: dict[str, str] = {
    "over-sampling": "a float, a dict or a callable",
    "under-sampling": "a float, a dict or a callable",
    "clean-sampling": "a list of classes or a callable",
}


def _check_string(strategy: str, kind: Kind) -> None:
    if strategy not in _STRING_STRATEGIES:
        # only what this kind of sampler accepts, so the advice is never refused
        valid = [s for s in _STRING_STRATEGIES if s not in _REFUSED_STRINGS[kind]]
        raise InvalidParameterError(
            f"sampling_strategy={strategy!r} is not a known strategy; use one of "
            f"{', '.join(map(repr, valid))}, {_OTHER_FORMS[kind]}."
        )
    if kind == "over-sampling" and strategy == "majority":
        raise InvalidParameterError(
            "sampling_strategy='majority' makes no sense for an over-sampler (the "
            "majority class cannot grow to match itself); use 'not majority' or 'auto'."
        )
    if kind == "under-sampling" and strategy == "minority":
        raise InvalidParameterError(
            "sampling_strategy='minority' makes no sense for an under-sampler (the "
            "minority class cannot shrink to match itself); use 'not minority' or "
            "'auto'."
        )


def _from_float(ratio: float, counts: Mapping[Any, int], kind: Kind) -> dict:
    if not 0 < ratio <= 1:
        raise InvalidParameterError(
            f"sampling_strategy={ratio} is out of range: a float is the desired "
            "minority/majority ratio after resampling and must be in (0, 1]."
        )
    if kind == "clean-sampling":
        raise InvalidParameterError(
            f"sampling_strategy={ratio}: a float cannot be used with a cleaning "
            "sampler; use a string or a list of classes."
        )
    if len(counts) != 2:
        raise ValueError(
            f"sampling_strategy={ratio} (a float) is only defined for binary targets; "
            f"y has {len(counts)} classes ({', '.join(map(repr, counts))}). Pass a "
            "dict {class: target count} or a string such as 'auto' instead."
        )
    majority = max(counts, key=lambda c: counts[c])
    minority = min(counts, key=lambda c: counts[c])
    if kind == "over-sampling":
        target = int(ratio * counts[majority])
        if target < counts[minority]:
            raise ValueError(
                f"sampling_strategy={ratio} asks for {target} rows of class "
                f"{minority!r}, fewer than the {counts[minority]} it already has: an "
                "over-sampler cannot remove rows. Use a ratio of at least "
                f"{counts[minority] / counts[majority]:.3f} or an under-sampler."
            )
        return {minority: target - counts[minority]}
    target = int(counts[minority] / ratio)
    if target > counts[majority]:
        raise ValueError(
            f"sampling_strategy={ratio} asks for {target} rows of class "
            f"{majority!r}, more than the {counts[majority]} it has: an "
            "under-sampler cannot add rows. Use a ratio of at least "
            f"{counts[minority] / counts[majority]:.3f} or an over-sampler."
        )
    return {majority: target}


def _from_dict(strategy: Mapping, counts: Mapping[Any, int], kind: Kind) -> dict:
    for cls, target in strategy.items():
        if not isinstance(target, numbers.Integral) or target < 0:
            raise InvalidParameterError(
                f"sampling_strategy[{cls!r}] must be a non-negative integer count; "
                f"got {target!r}."
            )
    unknown = [c for c in strategy if c not in counts]
    if unknown:
        raise ValueError(
            f"sampling_strategy names class(es) {unknown!r} that are not in y; the "
            f"classes present are {list(counts)!r}."
        )
    out = {}
    for cls, target in strategy.items():
        have = counts[cls]
        if kind == "over-sampling":
            if target < have:
                raise ValueError(
                    f"sampling_strategy asks for {target} rows of class {cls!r}, "
                    f"fewer than the {have} it has: an over-sampler cannot remove "
                    f"rows. Ask for at least {have} or use an under-sampler."
                )
            out[cls] = int(target) - have
        else:
            if target > have:
                raise ValueError(
                    f"sampling_strategy asks for {target} rows of class {cls!r}, "
                    f"more than the {have} it has: an under-sampler cannot add rows. "
                    f"Ask for at most {have} or use an over-sampler."
                )
            out[cls] = int(target)
    return out


def plain_label(label: Any) -> Any:
    """A class label as a plain Python value: numpy scalars become Python
    scalars; labels from object arrays (str, tuples, ...) are returned as they are."""
    return label.item() if isinstance(label, np.generic) else label


def class_counts(y: np.ndarray) -> dict:
    """``{class: count}`` of a 1-D label array, classes in sorted order."""
    classes, n = np.unique(y, return_counts=True)
    return {plain_label(c): int(k) for c, k in zip(classes, n)}


def resolve_sampling_strategy(
    sampling_strategy: float | str | Mapping | Callable | list,
    y: np.ndarray,
    kind: Kind,
    owner: str | None = None,
) -> dict:
    """Resolve ``sampling_strategy`` against the class counts of ``y``.

    Parameters
    ----------
    sampling_strategy : float, str, dict, list or callable
        As documented on every sampler.
    y : ndarray of shape (n_samples,)
        The target (a callable strategy receives it, as in imbalanced-learn).
    kind : {"over-sampling", "under-sampling", "clean-sampling"}
        What the sampler does.
    owner : str, optional
        The sampler's class name, put first in every message as in the other
        parameter errors (``"SMOTE: sampling_strategy ..."``).

    Returns
    -------
    dict
        For over-samplers, the number of rows to generate per class; otherwise the
        number of rows to keep (cleaners: the classes they may clean, mapped to their
        current count).

    Raises
    ------
    InvalidParameterError
        (a ValueError and a TypeError) A value no data allows: an unknown string,
        ``'majority'`` for an over-sampler or ``'minority'`` for an under-sampler,
        a ratio outside (0, 1], a negative or non-integer count, a float or dict
        for a cleaning sampler, a value of the wrong type, a callable that does
        not return a dict.
    ValueError
        A value this ``y`` does not allow: a single class, a float for more than
        two classes, classes not in ``y``, counts an over-sampler would have to
        remove or an under-sampler to add.
    """
    try:
        return _resolve(sampling_strategy, y, kind)
    except (TypeError, ValueError) as exc:
        if owner is None:
            raise
        prefix = f"{owner}: "  # as _param_validation.in_style
        text = str(exc)
        raise type(exc)(text if text.startswith(prefix) else prefix + text) from None


def _resolve(
    sampling_strategy: float | str | Mapping | Callable | list,
    y: np.ndarray,
    kind: Kind,
) -> dict:
    counts = class_counts(y)
    if len(counts) < 2:
        raise ValueError(
            f"y has only one class ({next(iter(counts))!r}); resampling needs at "
            "least two classes. Check the target column and the positive label."
        )
    if callable(sampling_strategy):
        resolved = sampling_strategy(y)
        if not isinstance(resolved, Mapping):
            raise InvalidParameterError(
                "sampling_strategy as a callable must return a dict {class: target "
                f"count}}; it returned {type(resolved).__name__}."
            )
        return _from_dict(resolved, counts, kind)
    if isinstance(sampling_strategy, str):
        _check_string(sampling_strategy, kind)
        classes = _classes_for_string(sampling_strategy, counts, kind)
        if kind == "over-sampling":
            target = max(counts.values())
            return {c: target - counts[c] for c in classes}
        if kind == "under-sampling":
            target = min(counts.values())
            return {c: target for c in classes}
        return {c: counts[c] for c in classes}
    if isinstance(sampling_strategy, Mapping):
        if kind == "clean-sampling":
            raise InvalidParameterError(
                "sampling_strategy as a dict cannot be used with a cleaning sampler "
                "(it removes what it finds, not a set count); pass a list of classes."
            )
        return _from_dict(sampling_strategy, counts, kind)
    if isinstance(sampling_strategy, list) and kind == "clean-sampling":
        return _from_dict(
            {c: counts.get(c, 0) for c in sampling_strategy}, counts, kind
        )
    if isinstance(sampling_strategy, numbers.Real) and not isinstance(
        sampling_strategy, bool
    ):
        return _from_float(float(sampling_strategy), counts, kind)
    raise InvalidParameterError(
        "sampling_strategy must be a float, a string, a dict {class: count} or a "
        f"callable(y) -> dict; got {type(sampling_strategy).__name__}."
    )
