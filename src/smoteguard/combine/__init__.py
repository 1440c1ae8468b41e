"""Hybrid samplers: over-sample, then clean."""

from ._hybrid import SMOTEENN, HybridSampler, SMOTETomek

__all__ = ["SMOTEENN", "HybridSampler", "SMOTETomek"]
