"""Noise filters: remove rows that would mislead an over-sampler or a model."""

from ._ipf import SMOTEIPF, IPFFilter
from ._noise_filter import NoiseFilter

__all__ = ["SMOTEIPF", "IPFFilter", "NoiseFilter"]
