"""Loaders for bundled datasets and generators for synthetic ones."""

from __future__ import annotations

from importlib import resources
from typing import Any

import numpy as np
import pandas as pd
from sklearn.datasets import make_classification

__all__ = ["DATASETS", "load_dataset", "load_pima", "make_imbalanced"]

#: Pima columns in which a zero means "not measured".
PIMA_ZERO_MEANS_MISSING = (
    "glucose",
    "blood_pressure",
    "skin_thickness",
    "insulin",
    "bmi",
)


def load_pima(*, zeros_as_missing: bool = True) -> tuple[pd.DataFrame, pd.Series]:
    """The Pima Indians Diabetes data (768 rows, 8 features, 268 positive).

    Shipped inside the package (origin: NIDDK via UCI/KEEL; see
    ``smoteguard/datasets/data/README.md``).

    Parameters
    ----------
    zeros_as_missing : bool, default=True
        Zeros in glucose, blood_pressure, skin_thickness, insulin and bmi are
        missing measurements, not values: replace them by NaN (so they are imputed
        per training fold) rather than let them pass as real zeros.

    Returns
    -------
    X : DataFrame of shape (768, 8)
    y : Series named ``diabetes`` (1 = diabetic)
    """
    with resources.files(__package__).joinpath("data/pima.csv").open("r") as fh:
        frame = pd.read_csv(fh)
    y = frame.pop("diabetes").astype(np.int64)
    if zeros_as_missing:
        for column in PIMA_ZERO_MEANS_MISSING:
            frame[column] = frame[column].astype(np.float64).replace(0.0, np.nan)
    return frame, y


def make_imbalanced(
    n_samples: int = 3000,
    *,
    n_features: int = 10,
    ratio: float = 9.0,
    random_state: int = 42,
) -> tuple[pd.DataFrame, pd.Series]:
    """A synthetic binary set with ``ratio``:1 imbalance (majority:minority).

    Parameters
    ----------
    n_samples : int, default=3000
        Number of rows.
    n_features : int, default=10
        Number of columns (6 informative, 2 redundant, the rest noise).
    ratio : float, default=9.0
        Majority rows per minority row.
    random_state : int, default=42
        Seed of the generator; the same seed gives the same table.

    Notes
    -----
    Defaults reproduce ``make_classification(n_samples=3000, n_features=10,
    n_informative=6, n_redundant=2, weights=[0.9, 0.1], flip_y=0.01,
    random_state=42)`` (``ratio=9`` is weights [0.9, 0.1]; the bundled
    ``synthetic`` set uses 10:1).

    Returns
    -------
    X : DataFrame with columns ``x0 ... x{n_features-1}``
    y : Series named ``target``
    """
    minority = 1.0 / (1.0 + ratio)
    X, y = make_classification(
        n_samples=n_samples,
        n_features=n_features,
        n_informative=min(6, n_features),
        n_redundant=min(2, max(0, n_features - 6)),
        weights=[1.0 - minority, minority],
        flip_y=0.01,
        random_state=random_state,
    )
    columns = [f"x{i}" for i in range(n_features)]
    return pd.DataFrame(X, columns=columns), pd.Series(y, name="target")


def _synthetic_10_to_1() -> tuple[pd.DataFrame, pd.Series]:
    return make_imbalanced(ratio=10.0)


#: Bundled datasets by name: loader returning (X, y).
DATASETS: dict[str, Any] = {
    "pima": load_pima,
    "synthetic": _synthetic_10_to_1,
}


def load_dataset(name: str) -> tuple[pd.DataFrame, pd.Series]:
    """Load a bundled dataset by name.

    Parameters
    ----------
    name : str
        A key of ``DATASETS``: ``"pima"`` (Pima Indians diabetes, 768 rows) or
        ``"synthetic"`` (3,000 generated rows at 10:1).

    Returns
    -------
    X : DataFrame
        The features, one row per case.
    y : Series
        The binary target, aligned with ``X``.

    Raises
    ------
    ValueError
        If ``name`` is not a bundled dataset (the message lists them).
    """
    try:
        loader = DATASETS[name]
    except KeyError:
        raise ValueError(
            f"Unknown dataset {name!r}; bundled datasets are {sorted(DATASETS)}."
        ) from None
    return loader()
