"""``smoteguard audit``: a static leakage linter for scripts and notebooks.

It reads ``.py`` files and ``.ipynb`` notebooks without running them and reports
resampling, preprocessing and evaluation steps that let test data leak into
training (the rules: ``smoteguard audit --list-rules``).
"""

from .engine import Options, audit_file, audit_paths, audit_text
from .findings import Finding
from .rules import RULES, Rule

__all__ = [
    "RULES",
    "Finding",
    "Options",
    "Rule",
    "audit_file",
    "audit_paths",
    "audit_text",
]
