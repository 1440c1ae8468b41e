"""One fit per fold for a base strategy and the strategies that share it.

:func:`fit_predict_shared` fits the base estimator once on a training fold and
gives each post-fit step (a tuned threshold, a recalibration;
:mod:`~smoteguard.evaluation.shared_fits`) its result from that fit. The clean
view (:mod:`~smoteguard.evaluation._clean_cv`) and the leak check
(:mod:`~smoteguard.evaluation.leakage`) both run it in their workers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ..neighbors import use_neighbor_graph
from ._threads import one_thread
from .protocol import fit_predict, fit_predict_model, take_rows
from .shared_fits import PostFit, Recalibration, inner_split

__all__ = ["fit_predict_shared"]


def fit_predict_shared(
    estimator: Any,
    posts: Sequence[tuple[PostFit, float, int]],
    X: Any,
    y: np.ndarray,
    train: np.ndarray,
    test: np.ndarray,
    n_classes: int,
    graph: Any = None,
) -> list[tuple[np.ndarray, np.ndarray]]:
    """The base's ``(pred, scores)`` on ``test`` and each post-fit step's.

    Parameters
    ----------
    estimator : classifier or Pipeline
        The base strategy's estimator; fitted (a clone) once on ``train``, and
        once on the inner training part of each distinct ``(validation, seed)``.
    posts : sequence of (PostFit, validation fraction, seed)
        Unfitted post-fit steps; each is fitted on the base's held-out scores of
        its inner split -- or, with validation None, a
        :class:`~.shared_fits.Recalibration` applied around the base's fit.
    X, y, train, test, n_classes, graph
        As for :func:`~smoteguard.evaluation.protocol.fit_predict`.

    Returns
    -------
    list of (pred, scores)
        The base's first, then one per post-fit step, in order.
    """
    model, pred, scores = fit_predict_model(
        estimator, X, y, train, test, n_classes, None, graph
    )
    out = [(pred, scores)]
    held_out: dict[tuple[float, int], tuple[np.ndarray, np.ndarray]] = {}
    for post, validation, seed in posts:
        if validation is None:  # reads the fitted base (a recalibration)
            out.append(_apply_fitted(post, model, X, y, train, test, n_classes, graph))
            continue
        if (validation, seed) not in held_out:
            inner_train, inner_val = inner_split(y, train, validation, seed)
            _, inner_scores = fit_predict(
                estimator, X, y, inner_train, inner_val, n_classes, None, graph
            )
            held_out[validation, seed] = (inner_scores, y[inner_val])
        post.fit(*held_out[validation, seed])
        out.append(post.apply(scores))
    return out


def _apply_fitted(
    post: Recalibration,
    model: Any,
    X: Any,
    y: np.ndarray,
    train: np.ndarray,
    test: np.ndarray,
    n_classes: int,
    graph: Any,
) -> tuple[np.ndarray, np.ndarray]:
    # the same context as the stand-alone fit: its inner folds' samplers see the
    # outer fold's graph, and one thread per fit
    with one_thread(), use_neighbor_graph(graph, train):
        return post.apply_fitted(
            model, take_rows(X, train), y[train], take_rows(X, test), n_classes
        )
