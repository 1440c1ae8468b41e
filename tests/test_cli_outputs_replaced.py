"""An output that replaces an earlier run's files says so in one line, without a
question and without changing the exit status (review12f item 9)."""

import numpy as np
import pandas as pd

from smoteguard.cli import main


def _csv(tmp_path):
    rng = np.random.default_rng(0)
    X = pd.DataFrame(rng.normal(size=(80, 2)), columns=["a", "b"])
    X["y"] = np.r_[np.zeros(64, int), np.ones(16, int)]
    X.loc[X.y == 1, "a"] += 1.5
    path = tmp_path / "data.csv"
    X.to_csv(path, index=False)
    return path


def test_compare_out_says_it_replaces_an_earlier_run(tmp_path, capsys):
    data, out = _csv(tmp_path), tmp_path / "run"
    argv = ["compare", str(data), "--target", "y", "--models", "lr", "--cv", "2"]
    argv += ["--strategies", "none", "--repeats", "1", "--n-jobs", "1"]
    argv += ["--out", str(out)]
    assert main(argv) == 0
    assert "will be replaced" not in capsys.readouterr().err  # nothing there yet
    first = (out / "results.json").stat().st_mtime_ns
    assert main(argv) == 0
    notes = [
        line for line in capsys.readouterr().err.splitlines() if "replaced" in line
    ]
    assert notes == [
        f"smoteguard compare: note: --out {out}: results.json, results.csv, "
        "report.html of an earlier run will be replaced."
    ]
    assert (out / "results.json").stat().st_mtime_ns >= first


def test_report_output_says_it_replaces_a_file(tmp_path, capsys):
    data, out = _csv(tmp_path), tmp_path / "run"
    argv = ["compare", str(data), "--target", "y", "--models", "lr", "--cv", "2"]
    argv += ["--strategies", "none", "--repeats", "1", "--n-jobs", "1"]
    assert main([*argv, "--out", str(out)]) == 0
    capsys.readouterr()
    target = tmp_path / "again.html"
    assert main(["report", str(out), "-o", str(target)]) == 0
    assert "replaced" not in capsys.readouterr().err
    assert main(["report", str(out), "-o", str(target)]) == 0
    err = capsys.readouterr().err
    assert f"note: -o {target}: the existing file will be replaced." in err
