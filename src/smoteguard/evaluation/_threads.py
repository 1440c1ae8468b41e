"""One thread per fit, without scanning the loaded libraries at every fit.

``threadpool_limits(limits=1)`` inspects every shared library of the process
each time it is entered (about 2 ms); ``compare`` enters it around each of
several hundred fold fits. A :class:`threadpoolctl.ThreadpoolController` made
once knows the thread pools already; it is made again when the process has
imported more modules since (a model from an optional extra can bring its own
OpenMP runtime).
"""

from __future__ import annotations

import sys
import threading
from contextlib import AbstractContextManager
from typing import Any

from threadpoolctl import ThreadpoolController

__all__ = ["one_thread"]

_lock = threading.Lock()
_cached: dict[str, Any] = {"modules": -1, "controller": None}


def one_thread() -> AbstractContextManager:
    """Context manager: BLAS and OpenMP pools limited to one thread inside it."""
    with _lock:
        if _cached["modules"] != len(sys.modules):
            _cached["controller"] = ThreadpoolController()
            _cached["modules"] = len(sys.modules)
        controller = _cached["controller"]
    return controller.limit(limits=1)
