"""A failed fold's message in the user's labels.

The fold fits see the classes as codes 0, 1, ...; a library's message about them
(``Class 0 has 2 row(s)``) is given, as a note, with the user's labels instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .protocol import _add_note, failed_fold
from .warnings import _decoded

__all__ = ["in_labels", "name_classes"]

#: How the note with a failed fold's message in the user's labels starts.
_IN_LABELS = "smoteguard, in your labels: "


def name_classes(exc: BaseException, classes: Sequence[Any]) -> None:
    """Give the exception of a failed fold fit (:func:`~.protocol.fold_label`) its
    message with the class codes the fits see replaced by the user's labels, as a
    note (the message itself is the library's); nothing when no code is named or
    the exception is not a fold's.

    Parameters
    ----------
    exc : BaseException
    classes : sequence
        The user's labels, in code order.
    """
    message = (str(exc).splitlines() or [""])[0]
    if failed_fold(exc) is None or not message:
        return
    decoded = _decoded(message, classes)
    if decoded != " ".join(message.split()):
        _add_note(exc, _IN_LABELS + decoded)


def in_labels(exc: BaseException) -> str | None:
    """The message :func:`name_classes` noted, or None.

    Parameters
    ----------
    exc : BaseException

    Returns
    -------
    str or None
    """
    for note in getattr(exc, "__notes__", None) or ():
        if isinstance(note, str) and note.startswith(_IN_LABELS):
            return note[len(_IN_LABELS) :]
    return None
