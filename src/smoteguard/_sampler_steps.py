"""Where the samplers are inside an estimator: the one place that looks.

A strategy's estimator is a sampler, a pipeline (samplers among its steps) or a
meta-estimator holding one of those in its ``estimator`` parameter (such as
:class:`~sklearn.model_selection.TunedThresholdClassifierCV`). Three questions are
asked about it, all answered here with the same two primitives
(:func:`_wrapped`, :func:`_sampler_positions`):

* :func:`samplers_in`: every sampler inside, at any depth (the shared neighbour
  graph prepares for them);
* :func:`hoist_sampler`: split a :class:`~smoteguard.Pipeline` at its last sampler
  (the leaky protocol resamples the whole dataset with the head);
* :func:`find_sampler`: the steps before the first sampler, and that sampler (the
  report's 2-D view of real and synthetic rows).
"""

from __future__ import annotations

from typing import Any

from sklearn.base import clone

from .pipeline import Pipeline, is_sampler

__all__ = ["contains_sampler", "find_sampler", "hoist_sampler", "samplers_in"]


def _wrapped(estimator: Any) -> Any:
    """The estimator a meta-estimator wraps (its ``estimator``), or None."""
    inner = getattr(estimator, "estimator", None)
    return None if inner is estimator else inner


def _sampler_positions(steps: list) -> list[int]:
    """Positions of the samplers among pipeline ``steps``."""
    return [i for i, (_, step) in enumerate(steps) if is_sampler(step)]


def samplers_in(estimator: Any) -> list:
    """The samplers inside ``estimator``: itself, the steps of a pipeline (any
    library's, recursively) and the ``estimator`` of meta-estimators such as
    :class:`~sklearn.model_selection.TunedThresholdClassifierCV`.

    Parameters
    ----------
    estimator : object

    Returns
    -------
    list
        The sampler objects, in pipeline order.
    """
    if is_sampler(estimator) and not hasattr(estimator, "steps"):
        return [estimator]
    found = [
        s for _, step in getattr(estimator, "steps", []) for s in samplers_in(step)
    ]
    inner = _wrapped(estimator)
    return found + (samplers_in(inner) if inner is not None else [])


def hoist_sampler(estimator: Any) -> tuple[Pipeline, Any]:
    """Split an estimator at its last sampler.

    Parameters
    ----------
    estimator : pipeline (smoteguard's, imbalanced-learn's: anything with a list of
        ``steps``), or a meta-estimator whose ``estimator`` is one (such as
        :class:`~sklearn.model_selection.TunedThresholdClassifierCV`).

    Returns
    -------
    head : Pipeline
        The steps up to and including the last sampler (has ``fit_resample``).
    rest : estimator
        What is fitted on the resampled rows; a meta-estimator keeps its wrapper
        around the remainder of its inner pipeline.

    Raises
    ------
    ValueError
        When the estimator contains no sampler.
    """
    steps = getattr(estimator, "steps", None)
    if isinstance(steps, list):  # any library's pipeline (imbalanced-learn's too)
        positions = _sampler_positions(steps)
        if positions:
            last = positions[-1]
            head = Pipeline(list(steps[: last + 1]))
            tail = list(steps[last + 1 :])
            rest = tail[0][1] if len(tail) == 1 else Pipeline(tail)
            return head, rest
    inner = _wrapped(estimator)
    if inner is not None:
        head, rest = hoist_sampler(inner)
        return head, clone(estimator).set_params(estimator=rest)
    raise ValueError(
        f"{type(estimator).__name__} contains no sampler, so there is no leaky "
        "variant of it."
    )


def contains_sampler(estimator: Any) -> bool:
    """Whether :func:`hoist_sampler` finds a sampler in ``estimator``.

    Parameters
    ----------
    estimator : object
        A strategy's estimator: a pipeline (anything with a list of ``steps``,
        imbalanced-learn's included), a meta-estimator whose ``estimator`` holds
        one (such as :class:`~sklearn.model_selection.TunedThresholdClassifierCV`),
        or any other estimator. A bare sampler outside a pipeline counts as
        containing none: there is nothing to fit after it.

    Returns
    -------
    bool
        True when some pipeline step, at any depth of wrapping, is a sampler
        (has ``fit_resample``); the estimator is not fitted or changed.
    """
    try:
        hoist_sampler(estimator)
    except ValueError:
        return False
    return True


def find_sampler(estimator: Any) -> tuple[list[Any], Any] | None:
    """The steps before the sampler, and the sampler, of a strategy's estimator.

    Looks through wrappers that hold their pipeline in ``estimator`` (such as
    :class:`~sklearn.model_selection.TunedThresholdClassifierCV`).

    Parameters
    ----------
    estimator : object
        A strategy's estimator: a :class:`~smoteguard.Pipeline`, or a
        meta-estimator wrapping one (at any depth) in its ``estimator``
        parameter. The pipeline's last step (the classifier) is never taken for
        the sampler.

    Returns
    -------
    (list of transformers, sampler) or None
        The (unfitted) steps before the first sampler, in order and without
        ``None`` or ``"passthrough"`` steps, and that sampler itself (not a
        copy). None when the estimator does not resample, or when it is not a
        smoteguard :class:`~smoteguard.Pipeline` (a bare sampler, an
        imbalanced-learn pipeline).
    """
    while not isinstance(estimator, Pipeline) and _wrapped(estimator) is not None:
        estimator = _wrapped(estimator)
    if not isinstance(estimator, Pipeline):
        return None
    positions = _sampler_positions(estimator.steps[:-1])
    if not positions:
        return None
    first = positions[0]
    before = [
        step
        for _, step in estimator.steps[:first]
        if step is not None and step != "passthrough"
    ]
    return before, estimator.steps[first][1]
