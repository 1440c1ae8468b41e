"""Give the memory freed by a neighbour search back to the operating system.

The threaded passes of the self-join allocate many small arrays on worker threads,
which glibc serves from per-thread arenas; freed, those pages stay resident, so the
output that a sampler allocates next lands on top of them and the process's peak
resident size is the search's scratch *plus* the output instead of the larger of
the two. ``malloc_trim(0)`` releases the free pages of every arena (glibc >= 2.8).
Elsewhere (macOS, Windows, musl) it is a no-op.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools

__all__ = ["release_freed_memory"]


@functools.cache
def _malloc_trim():  # pragma: no cover - depends on the C library
    name = ctypes.util.find_library("c")
    try:
        trim = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError, TypeError):
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


def release_freed_memory() -> None:
    """Return the C heap's free pages to the operating system, where the C
    library can (glibc's ``malloc_trim``); takes a few milliseconds."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
