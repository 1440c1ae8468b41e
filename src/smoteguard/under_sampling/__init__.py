"""Under-samplers: keep a subset of rows of the larger classes."""

from ._enn import EditedNearestNeighbours
from ._random_under import RandomUnderSampler
from ._tomek import TomekLinks

__all__ = ["EditedNearestNeighbours", "RandomUnderSampler", "TomekLinks"]
