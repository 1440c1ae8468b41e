"""CLI options of issue 15: --leak-repeats, --no-racing, --n-jobs default, and
progress lines with the time left when stderr is not a terminal."""

import json

import pytest

from smoteguard.cli import main

FAST = ["--models", "lr", "--strategies", "smote_1.0", "--cv", "3", "--n-jobs", "1"]


@pytest.mark.parametrize("value", ["0", "3"])
def test_leak_repeats_out_of_range_is_a_one_line_usage_error(value, capsys):
    code = main(["compare", *FAST, "--repeats", "2", "--leak-repeats", value])
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert len(err.splitlines()) == 1
    assert f"--leak-repeats {value}" in err and "--repeats 2" in err


def test_no_racing_and_leak_repeats_reach_the_record(tmp_path, capsys):
    out = tmp_path / "out"
    args = ["compare", *FAST, "--repeats", "2", "--leak-repeats", "2", "--no-racing"]
    assert main([*args, "--out", str(out)]) == 0
    meta = json.loads((out / "results.json").read_text())["meta"]
    assert meta["racing"]["enabled"] is False
    assert meta["leak_repeats"] == 2
    assert main(["compare", *FAST, "--repeats", "2", "--out", str(out)]) == 0
    meta = json.loads((out / "results.json").read_text())["meta"]
    assert meta["racing"]["enabled"] is True and meta["leak_repeats"] == 1


def test_n_jobs_defaults_to_all_cores():
    import argparse

    from smoteguard.commands.compare import add_arguments

    parser = argparse.ArgumentParser()
    add_arguments(parser)
    args = parser.parse_args([])
    assert args.n_jobs == -1 and args.leak_repeats == 1 and not args.no_racing


def test_progress_lines_say_the_time_left_when_not_a_terminal(capsys):
    assert main(["compare", *FAST, "--repeats", "2"]) == 0
    lines = [
        line
        for line in capsys.readouterr().err.splitlines()
        if line.startswith("smoteguard compare:")
    ]
    assert len(lines) >= 5
    assert any("left" in line for line in lines)
    assert "fold fits (100%)" in lines[-1]
