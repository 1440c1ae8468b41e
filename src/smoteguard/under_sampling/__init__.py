"""Under-samplers: keep a subset of rows of the larger classes."""

from ._random_under import RandomUnderSampler

__all__ = ["RandomUnderSampler"]
