"""Hostile inputs for the report tests: HTML/JS payloads as names and labels."""

from __future__ import annotations

import numpy as np
import pandas as pd

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
PAYLOADS = (SCRIPT, IMG)


def hostile_frame(n_rows: int = 150, seed: int = 0) -> pd.DataFrame:
    """Numeric features, a categorical one and a 5:1 target, all named by payloads."""
    rng = np.random.default_rng(seed)
    positive = rng.random(n_rows) < 1 / 6
    return pd.DataFrame(
        {
            SCRIPT: rng.normal(size=n_rows) + 1.5 * positive,
            "plain": rng.normal(size=n_rows) - positive,
            IMG: rng.choice([SCRIPT, IMG, "ok"], size=n_rows),
            "label": np.where(positive, IMG, SCRIPT),
        }
    )
