"""Conditions under which evaluation numbers mislead, as messages for the user.

Each check returns a list of :class:`EvaluationWarning` (empty when all is well), so
callers can show them, store them in ``results.json`` and test for them by ``code``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from ._caller import option

__all__ = [
    "ACCURACY_MARGIN",
    "MIN_MINORITY_PER_FOLD",
    "EvaluationUserWarning",
    "EvaluationWarning",
    "check_accuracy",
    "check_fold_sizes",
    "check_resampled_input",
    "leaky_view_warning",
    "suggest_folds",
]

#: Fewer minority rows than this in a validation fold make its metrics unstable
#: and optimistic.
MIN_MINORITY_PER_FOLD = 10

#: Accuracy within this distance of the majority-class rate tells nothing.
ACCURACY_MARGIN = 0.02


class EvaluationUserWarning(UserWarning):
    """Category of the Python warnings :func:`~smoteguard.evaluate` emits."""


@dataclass(frozen=True)
class EvaluationWarning:
    """A warning shown to the user.

    Parameters
    ----------
    code : str
        Stable identifier: ``small_folds``, ``accuracy_near_majority``,
        ``resampled_test_set``.
    message : str
        One or two sentences: what is wrong and what to do.
    """

    code: str
    message: str

    def to_dict(self) -> dict[str, str]:
        """JSON-ready form."""
        return asdict(self)

    def __str__(self) -> str:
        return self.message


def suggest_folds(smallest_class: int, n_splits: int) -> int | None:
    """A feasible fold count below ``n_splits`` with more minority rows per fold.

    The largest one that leaves at least :data:`MIN_MINORITY_PER_FOLD` rows of the
    smallest class in every validation fold; when none does, 2 (the most rows per
    fold). None when no fewer feasible count exists (``n_splits`` is 2 already, or
    the class has fewer than 2 rows: stratified k-fold needs ``k`` rows per class).

    Parameters
    ----------
    smallest_class : int
        Rows of the smallest class.
    n_splits : int
        The fold count requested.

    Returns
    -------
    int or None
        The suggested fold count, or None.
    """
    feasible = [k for k in range(2, n_splits) if k <= smallest_class]
    if not feasible:
        return None
    enough = [k for k in feasible if smallest_class // k >= MIN_MINORITY_PER_FOLD]
    return max(enough) if enough else min(feasible)


def smallest_class_name(codes: np.ndarray, target: Any) -> str:
    """``'bad' (the positive class)``: the smallest class of encoded labels
    ``codes`` in the user's words, for messages (never "minority" or "positive"
    unless it is so)."""
    code = int(np.argmin(np.bincount(codes, minlength=target.n_classes)))
    label = target.classes[code]
    role = ""
    if target.n_classes == 2:
        role = " (the positive class)" if code == 1 else " (not the positive class)"
    return f"{label!r}{role}"


#: ``class 1`` / ``class(es) 0, 2`` in a sampler's message about encoded labels
_CLASS_CODES = re.compile(
    r"\b(class(?:\(es\))?|classes) (\d+(?:, \d+)*)\b", re.IGNORECASE
)

#: Longest note kept from one warning (library messages can be paragraphs).
_MAX_NOTE = 300


def _decoded(message: str, classes: Sequence[Any]) -> str:
    """The message on one line, with class codes replaced by the user's labels."""

    def label(match: re.Match) -> str:
        codes = [int(c) for c in match.group(2).split(", ")]
        if any(c >= len(classes) for c in codes):
            return match.group(0)
        return f"{match.group(1)} " + ", ".join(repr(classes[c]) for c in codes)

    text = " ".join(_CLASS_CODES.sub(label, message).split())
    return text if len(text) <= _MAX_NOTE else text[: _MAX_NOTE - 1] + "…"


def fold_notes(
    caught: Sequence[tuple[str, str]], classes: Sequence[Any], n_fits: int
) -> list[EvaluationWarning]:
    """One note per distinct warning raised inside the fold fits.

    The fits see labels encoded as 0, 1, ...; the notes name the user's labels.

    Parameters
    ----------
    caught : sequence of (category name, message)
    classes : sequence
        The user's labels, indexed by code.
    n_fits : int
        Number of fits, for "in 3 of 15 fold fits".
    """
    counts: dict[tuple[str, str], int] = {}
    for category, message in caught:
        key = (category, _decoded(message, classes))
        counts[key] = counts.get(key, 0) + 1
    return [
        EvaluationWarning(
            "fold_warning",
            f"{category} in {count} of {n_fits} fold fit(s): {message}",
        )
        for (category, message), count in counts.items()
    ]


def check_fold_sizes(
    min_minority: int,
    n_splits: int,
    n_repeats: int,
    smallest_class: int | None = None,
    class_name: str | None = None,
) -> list[EvaluationWarning]:
    """Warn when a validation fold holds fewer than 10 minority rows.

    With so few positives per fold the fold scores are unstable and their usual
    summaries optimistic (average precision over a handful of positives is biased
    upward). The message names the count and a fix the caller can apply, in the
    caller's words (``cv=`` from Python, ``--cv`` from the CLI).

    Parameters
    ----------
    min_minority : int
        Smallest number of minority rows in any validation fold.
    n_splits, n_repeats : int
        The protocol, to suggest a better one.
    smallest_class : int, optional
        Rows of the smallest class in the cross-validated data (default: estimated
        as ``min_minority * n_splits``), so that no impossible fold count is
        suggested.
    class_name : str, optional
        The smallest class in the user's words (:func:`smallest_class_name`).
    """
    if min_minority >= MIN_MINORITY_PER_FOLD:
        return []
    if smallest_class is None:
        smallest_class = min_minority * n_splits
    fixes = []
    folds = suggest_folds(smallest_class, n_splits)
    if folds is not None:
        fixes.append(
            f"fewer folds ({option('cv', folds)}: {smallest_class // folds} per fold)"
        )
    if n_repeats < 10:
        fixes.append(f"more repeats ({option('n_repeats', 10)})")
    fix = f"Use {' and '.join(fixes)}, or collect" if fixes else "Collect"
    return [
        EvaluationWarning(
            "small_folds",
            f"A validation fold has only {min_minority} row(s) of "
            f"{'class ' + class_name if class_name else 'the smallest class'}, "
            f"fewer than {MIN_MINORITY_PER_FOLD}: estimates from folds this "
            "small are optimistic as well as unstable (precision-based scores of a "
            "handful of positives are biased upward), and the intervals are wide. "
            f"{fix} more examples of that class.",
        )
    ]


def check_accuracy(
    accuracy: float,
    majority_rate: float,
    where: str = "",
    scores: Mapping[str, float] | None = None,
    n_classes: int = 2,
    n_others: int = 0,
) -> list[EvaluationWarning]:
    """Warn when accuracy is within 2 points of always predicting the majority.

    The warning is about accuracy only: it cannot tell the model from the
    majority rule, which says nothing about the model itself. When ``scores``
    are given, it sets the model's MCC and balanced accuracy beside the
    majority rule's (0 and ``1 / n_classes``), which do tell them apart.

    Parameters
    ----------
    accuracy : float
        Mean cross-validated accuracy.
    majority_rate : float
        Share of the majority class.
    where : str, optional
        Which pipeline, for the message.
    scores : mapping, optional
        The same pipeline's ``mcc`` and ``balanced_accuracy`` estimates.
    n_classes : int, default=2
        Classes of the target (the majority rule's balanced accuracy is
        ``1 / n_classes``).
    n_others : int, default=0
        Other pipelines whose accuracy is as close, named as a count.

    Returns
    -------
    list of EvaluationWarning
        Empty, or one ``accuracy_near_majority`` warning.
    """
    if not np.isfinite(accuracy) or abs(accuracy - majority_rate) > ACCURACY_MARGIN:
        return []
    subject = f"Accuracy of {where}" if where else "Accuracy"
    if n_others:
        subject += f" (and {n_others} other pipeline(s))"
    message = (
        f"{subject} ({accuracy:.3f}) is within {ACCURACY_MARGIN * 100:.0f} points "
        f"of the majority-class rate ({majority_rate:.3f}), the accuracy of always "
        "predicting the majority class: accuracy cannot tell the model from that "
        "rule. Judge by PR-AUC, recall, MCC or G-mean instead"
    )
    known = {
        k: v
        for k, v in (scores or {}).items()
        if k in ("mcc", "balanced_accuracy") and v is not None and np.isfinite(v)
    }
    if len(known) == 2:
        message += (
            f" (always predicting the majority has MCC 0 and balanced accuracy "
            f"{1 / n_classes:.3f}; {where or 'the model'}: MCC {known['mcc']:.3f}, "
            f"balanced accuracy {known['balanced_accuracy']:.3f})"
        )
    return [EvaluationWarning("accuracy_near_majority", message + ".")]


def check_resampled_input(y: np.ndarray, X_values: np.ndarray | None = None) -> list:
    """Warn when the data to evaluate looks resampled already.

    Exactly balanced classes, or many exact duplicate minority rows, suggest that
    ``X, y`` came out of ``fit_resample``; its validation folds would then contain
    synthetic or duplicated rows (a resampled test set).

    Parameters
    ----------
    y : ndarray
        Encoded labels.
    X_values : ndarray, optional
        Numeric features, to look for duplicated minority rows.
    """
    _, counts = np.unique(y, return_counts=True)
    suspicious = len(counts) > 1 and counts.min() == counts.max() and len(y) > 20
    if X_values is not None and not suspicious and len(counts) > 1:
        minority = np.argmin(counts)
        rows = np.asarray(X_values)[np.asarray(y) == minority]
        if len(rows) > 10 and rows.dtype.kind in "fiub":
            n_unique = len(np.unique(rows, axis=0))
            suspicious = n_unique < 0.8 * len(rows)
    if not suspicious:
        return []
    return [
        EvaluationWarning(
            "resampled_test_set",
            "The data may be resampled already (exactly balanced classes or many "
            "duplicated minority rows). If X, y came out of fit_resample, validation "
            "folds contain synthetic or copied rows and every score is overstated: "
            "evaluate the original data with the sampler inside the pipeline.",
        )
    ]


def leaky_view_warning() -> EvaluationWarning:
    """The note attached to every leaky-protocol number."""
    return EvaluationWarning(
        "resampled_test_set",
        "The leak-inflation column comes from a deliberately leaky protocol whose "
        "validation folds were resampled (synthetic rows scored as if real). It shows "
        "what a leaky workflow would have reported; it is not a result.",
    )
