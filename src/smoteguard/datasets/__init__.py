"""Datasets that ship with smoteguard (no download) and generated benchmarks."""

from ._loaders import DATASETS, load_dataset, load_pima, make_imbalanced

__all__ = ["DATASETS", "load_dataset", "load_pima", "make_imbalanced"]
