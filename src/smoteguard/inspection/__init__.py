"""Is a table already oversampled, and did synthetic rows reach the test set?

:func:`inspect` (also ``smoteguard.inspect`` and ``smoteguard inspect DATA``) flags
rows on a segment between two rows of their class (SMOTE's fingerprint), duplicate
rows, and test rows that are synthetic children or copies of training rows.

Modules: ``detection`` (the entry point), ``_precision`` (the tolerance),
``_block_search`` (blocks and candidate pairs), ``_segments`` (the segment test),
``_fingerprints`` (column evidence), ``_contamination`` (re-scoring), ``result``
and ``html``.
"""

from .detection import inspect as inspect
from .result import SCHEMA, InspectionResult

__all__ = ["SCHEMA", "InspectionResult"]
#: public, but not star-exported: ``import *`` would shadow the standard
#: library's ``inspect`` module (see smoteguard._PUBLIC_NOT_IN_ALL)
_PUBLIC_NOT_IN_ALL = ("inspect",)
