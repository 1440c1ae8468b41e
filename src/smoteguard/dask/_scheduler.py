"""Running joblib-parallel work on a Dask cluster."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

__all__ = ["dask_backend"]


@contextlib.contextmanager
def dask_backend(scheduler: Any) -> Iterator[Any]:
    """Send ``joblib.Parallel`` work inside the block to a Dask cluster.

    Parameters
    ----------
    scheduler : str or distributed.Client
        A scheduler address (``"tcp://host:8786"``), or a client to reuse. A client
        created here is closed on exit.

    Yields
    ------
    distributed.Client
    """
    try:
        import joblib
        from distributed import Client
    except ImportError as error:  # pragma: no cover - depends on the install
        raise ImportError(
            "Running on a Dask cluster needs dask.distributed; install it with "
            "`pip install smoteguard[dask]`."
        ) from error
    owned = not isinstance(scheduler, Client)
    client = Client(scheduler) if owned else scheduler
    try:
        with joblib.parallel_config(backend="dask"):
            yield client
    finally:
        if owned:
            client.close()
