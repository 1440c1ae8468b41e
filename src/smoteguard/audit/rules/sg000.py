"""SG000."""

from __future__ import annotations

from ..codes import SG000
from ._rule import Rule

RULE = Rule(
    code=SG000,
    name="not-audited",
    title="the file could not be audited",
    fix="Make the file readable as Python source or notebook JSON (the message "
    "says what is wrong), or exclude it from the audit.",
    why="""
        The audit reads a file without running it, so it needs a file it can parse:
        Python source for .py files, notebook JSON for .ipynb files. A syntax error,
        broken notebook JSON, binary content or a file over the size limit is
        reported under this code instead of stopping the run; every other file is
        still audited. In a notebook only the cell that does not parse is skipped.
        """,
    leaky="""
        X_res, y_res = SMOTE().fit_resample(X, y
        """,
    fixed="""
        X_res, y_res = SMOTE().fit_resample(X, y)
        """,
)
