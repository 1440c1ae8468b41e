"""Fixtures for the report tests: one tiny real comparison, run once per session.

The data file is hostile on purpose (see ``report_helpers``): its name, column names
and class labels are HTML/JS payloads, so every report test also checks that they
stay inert.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from report_helpers import IMG, hostile_frame

from smoteguard.cli import main


@pytest.fixture(scope="session")
def comparison_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``smoteguard compare`` on the hostile CSV: one model, SMOTE only, 3 folds."""
    root = tmp_path_factory.mktemp("hostile")
    csv = root / f"{IMG}.csv"
    hostile_frame().to_csv(csv, index=False)
    out = root / "out"
    code = main(
        [
            "compare",
            str(csv),
            "--target",
            "label",
            "--models",
            "lr",
            "--strategies",
            "smote,random_under",
            "--cv",
            "3",
            "--repeats",
            "2",
            "--n-jobs",
            "1",
            "--out",
            str(out),
        ]
    )
    assert code == 0
    return out
