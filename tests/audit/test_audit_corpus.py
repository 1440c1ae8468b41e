"""The audit against its corpus: exact findings per file, and corpus-wide scores.

Every file under ``corpus/<rule>/`` is a small script or notebook written for this
project (``corpus/fixable/`` holds the runnable programs of the ``--fix`` tests).
Its expected findings are marked on the offending line itself with
``# expect: SG101`` (several codes: ``# expect: SG205, SG301``); the expectation
is the code plus the line (and, in notebooks, the cell) of that comment. Files
come in twins: ``leaky_<case>`` has at least one mark, ``clean_<case>`` is the
repaired version and must produce no finding at all.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from smoteguard.audit.engine import audit_file
from smoteguard.audit.rules import RULES
from smoteguard.audit.sources import read_source

CORPUS = Path(__file__).parent / "corpus"
FILES = sorted(
    p
    for p in CORPUS.rglob("*")
    if p.suffix in (".py", ".ipynb") and p.parent.name != "fixable"
)
_MARK = re.compile(r"#\s*expect:\s*(SG\d{3}(?:\s*,\s*SG\d{3})*)")

#: the hard cases named by the issue, by file
HARD_CASES = {
    "sampling inside a helper function": "sg101/leaky_helper_function.py",
    "SMOTE then cross_val_score": "sg101/leaky_smote_cross_val_score.py",
    "SMOTE then GridSearchCV": "sg101/leaky_smote_gridsearch.py",
    "resampling in a loop over folds done correctly": "sg101/clean_fold_loop.py",
    "scaler fitted on X_train only": "sg201/clean_scaler_before_split.py",
    "a pipeline that is correct": "sg101/clean_smote_cross_val_score.py",
}

Key = tuple[str, int | None, int]  # code, cell, line


def expected(path: Path) -> set[Key]:
    source = read_source(path)
    marks: set[Key] = set()
    for number, text in enumerate(source.text.split("\n"), start=1):
        match = _MARK.search(text)
        if match:
            cell, line = source.location(number)
            for code in match.group(1).split(","):
                marks.add((code.strip(), cell, line))
    return marks


def found(path: Path) -> set[Key]:
    return {(f.code, f.cell, f.line) for f in audit_file(path).findings}


def _id(path: Path) -> str:
    return path.relative_to(CORPUS).as_posix()


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_file_gives_exactly_the_expected_findings(path):
    assert found(path) == expected(path)


def test_corpus_is_big_and_made_of_twins():
    assert len(FILES) >= 60
    stems = {(p.parent, p.name) for p in FILES}
    for path in FILES:
        kind, _, case = path.name.partition("_")
        assert kind in ("leaky", "clean"), path
        if kind == "leaky":
            assert expected(path), f"{_id(path)} has no '# expect:' mark"
            assert (path.parent, f"clean_{case}") in stems, (
                f"no clean twin: {_id(path)}"
            )
        else:
            assert not expected(path), f"{_id(path)} is clean but has a mark"


def test_every_rule_has_leaky_and_clean_cases_and_notebooks():
    codes_expected = {code for path in FILES for code, _, _ in expected(path)}
    assert codes_expected == set(RULES)
    for code in RULES:
        folder = CORPUS / code.lower()
        assert any(folder.glob("leaky_*")) and any(folder.glob("clean_*")), code
    notebooks = [p for p in FILES if p.suffix == ".ipynb"]
    assert len(notebooks) >= 8
    assert any(p.name.startswith("leaky") for p in notebooks)


def test_hard_cases_are_in_the_corpus():
    for case, name in HARD_CASES.items():
        assert (CORPUS / name).exists(), case


def test_corpus_precision_and_recall(capsys):
    true_pos = false_pos = false_neg = 0
    for path in FILES:
        want, got = expected(path), found(path)
        true_pos += len(want & got)
        false_pos += len(got - want)
        false_neg += len(want - got)
    precision = true_pos / (true_pos + false_pos)
    recall = true_pos / (true_pos + false_neg)
    with capsys.disabled():
        print(
            f"\naudit corpus: {len(FILES)} files, {true_pos + false_neg} expected "
            f"findings, precision {precision:.3f}, recall {recall:.3f} "
            f"(TP {true_pos}, FP {false_pos}, FN {false_neg})"
        )
    assert precision == 1.0
    assert recall == 1.0


def scores_per_rule() -> dict[str, tuple[int, int, int]]:
    """Rule -> (true positives, false positives, false negatives) on the
    corpus, a finding matching by code, cell and line."""
    counts: dict[str, list[int]] = {code: [0, 0, 0] for code in RULES}
    for path in FILES:
        want, got = expected(path), found(path)
        for code, *_ in want & got:
            counts[code][0] += 1
        for code, *_ in got - want:
            counts[code][1] += 1
        for code, *_ in want - got:
            counts[code][2] += 1
    return {code: tuple(c) for code, c in counts.items()}


def test_corpus_precision_and_recall_per_rule(capsys):
    """Per rule, printed as the Markdown table docs/audit.md shows."""
    table = scores_per_rule()
    lines = ["| rule | expected | TP | FP | FN | precision | recall |"]
    lines.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for code, (tp, fp, fn) in table.items():
        precision = tp / (tp + fp) if tp + fp else float("nan")
        recall = tp / (tp + fn) if tp + fn else float("nan")
        lines.append(
            f"| {code} | {tp + fn} | {tp} | {fp} | {fn} | {precision:.2f} | "
            f"{recall:.2f} |"
        )
        assert fp == 0 and fn == 0, code
        assert tp >= 1, f"{code} has no leaky case in the corpus"
    with capsys.disabled():
        print("\n" + "\n".join(lines))
