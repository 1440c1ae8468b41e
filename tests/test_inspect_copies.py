"""smoteguard.inspect: random over-sampling read from the copies themselves, and the
rescore's real minority (review 17c, items B and E).

The truth is known: the rows a sampler appends are the copies.
"""

import json

import numpy as np
import pytest
from sklearn.datasets import make_classification
from sklearn.model_selection import train_test_split

import smoteguard
from smoteguard.inspection._copies import copy_table, random_over_classes

imblearn = pytest.importorskip("imblearn.over_sampling")


def _imbalanced(n=1_500, weight=0.9, seed=3):
    return make_classification(
        n_samples=n,
        n_features=6,
        n_informative=4,
        weights=[weight],
        random_state=seed,
    )


def _ros(X, y, ratio, seed=0):
    sampler = imblearn.RandomOverSampler(sampling_strategy=ratio, random_state=seed)
    return sampler.fit_resample(X, y)


def _assert_random_over(result, copies):
    """Status, suspected rows and per-class shares of a randomly over-sampled X."""
    assert result.status == "oversampled"
    assert result.suspected_synthetic == sorted(copies)
    table = result.class_table()
    assert table.loc[0, "synthetic_share"] == 0
    share = len(copies) / table.loc[1, "rows"]
    assert table.loc[1, "synthetic_share"] == pytest.approx(share)
    assert f"Class 1: {len(copies):,} of {table.loc[1, 'rows']:,} rows" in (
        result.verdict
    )
    assert "the pattern of random over-sampling" in result.verdict
    assert "class 0: 0 of" in result.verdict  # the other class's share of copies


@pytest.mark.parametrize("ratio", [0.37, 0.93, 0.61])
def test_random_over_sampling_at_odd_ratios_is_oversampled(ratio):
    X, y = _imbalanced()
    Xr, yr = _ros(X, y, ratio)
    assert smoteguard.inspect(Xr, yr).balance is None  # no round ratio to lean on
    _assert_random_over(smoteguard.inspect(Xr, yr), range(len(X), len(Xr)))


def test_random_over_sampling_then_rows_dropped_is_oversampled():
    X, y = _imbalanced()
    Xr, yr = _ros(X, y, 1.0)
    keep = np.ones(len(yr), dtype=bool)
    keep[np.flatnonzero(yr == 0)[:3]] = False  # 1:1 no more
    result = smoteguard.inspect(Xr[keep], yr[keep])
    assert result.balance is None
    _assert_random_over(result, range(len(X) - 3, len(Xr) - 3))


def test_random_over_sampling_then_split_training_part_is_oversampled():
    X, y = _imbalanced()
    Xr, yr = _ros(X, y, 1.0)
    train, _ = train_test_split(np.arange(len(yr)), test_size=0.25, random_state=1)
    result = smoteguard.inspect(Xr[train], yr[train])
    # the truth: every repeat of a row earlier in the training part
    seen, copies = set(), []
    for i, row in enumerate(map(bytes, Xr[train])):
        if row in seen:
            copies.append(i)
        seen.add(row)
    _assert_random_over(result, copies)


@pytest.mark.parametrize("share", [0.03, 0.12])
def test_real_duplicates_spread_over_classes_stay_duplicates(share):
    # the same share of copies in both classes (0.12: segment0-like, at least
    # 10 % of the smaller class, drawn at random: only the spread over the
    # classes tells it from over-sampling)
    X, y = _imbalanced(n=1_200, weight=0.75)
    rng = np.random.default_rng(4)
    extra = np.concatenate(
        [
            rng.choice(np.flatnonzero(y == c), size=int(share * np.sum(y == c)))
            for c in (0, 1)
        ]
    )
    X2, y2 = np.vstack([X, X[extra]]), np.r_[y, y[extra]]
    result = smoteguard.inspect(X2, y2)
    copies = copy_table(result.duplicate_of, result.codes, 2)
    assert (copies["copies"] >= 0.8 * share * copies["distinct"]).all()
    assert result.status == "duplicates"
    assert result.suspected_synthetic == []
    assert "not the pattern of random over-sampling" in result.verdict
    assert "copies per class: class 0:" in result.verdict


def test_duplicates_on_few_rows_of_the_minority_are_not_random_over_sampling():
    # 20 % copies, all in the smaller class, but of 2 rows: draws with replacement
    # would touch ~37 distinct rows; the class balance is 1:2 (a round ratio)
    X, y = _imbalanced(n=600, weight=0.7)
    minority = np.flatnonzero(y == 1)
    extra = np.r_[np.repeat(minority[:1], 25), np.repeat(minority[1:2], 25)]
    X2, y2 = np.vstack([X, X[extra]]), np.r_[y, y[extra]]
    result = smoteguard.inspect(X2, y2)
    assert result.status == "duplicates"
    assert result.suspected_synthetic == []


def test_copies_in_the_largest_class_are_not_random_over_sampling():
    # winequality-like: 15 % copies drawn at random, but in the majority class
    X, y = _imbalanced(n=1_000, weight=0.8)
    rng = np.random.default_rng(1)
    majority = np.flatnonzero(y == 0)
    extra = rng.choice(majority, size=120)
    X2, y2 = np.vstack([X, X[extra]]), np.r_[y, y[extra]]
    result = smoteguard.inspect(X2, y2)
    assert result.status == "duplicates"


def test_random_over_sampling_rule_conditions():
    def table(rows, copies, copied, expected, sd, distinct=None):
        import pandas as pd

        rows, copies = np.asarray(rows), np.asarray(copies)
        return pd.DataFrame(
            {
                "rows": rows,
                "distinct": rows - copies if distinct is None else distinct,
                "copies": copies,
                "copied": copied,
                "expected_copied": expected,
                "sd_copied": sd,
                "most_copies": 1,
            }
        )

    ros = table([1000, 1000], [0, 900], [0, 100], [0, 100.0], [0, 0.1])
    assert random_over_classes(ros).tolist() == [1]
    few = table([1000, 1000], [0, 9], [0, 9], [0, 9.0], [0, 0.1])
    assert random_over_classes(few).tolist() == []
    spread = table([1000, 1000], [150, 300], [150, 300], [150.0, 300.0], [1, 1])
    assert random_over_classes(spread).tolist() == []
    clumped = table([1000, 1000], [0, 900], [0, 30], [0, 100.0], [0, 2.0])
    assert random_over_classes(clumped).tolist() == []
    larger = table([1000, 500], [300, 0], [250, 0], [250.0, 0], [5.0, 0])
    assert random_over_classes(larger).tolist() == []


@pytest.mark.parametrize("n, m", [(40, 30), (200, 500), (13, 150), (500, 20)])
def test_occupancy_mean_and_sd_match_a_simulation(n, m):
    # m copies drawn with replacement from n distinct rows, 4000 times
    rng = np.random.default_rng(0)
    draws = rng.integers(0, n, size=(4_000, m))
    touched = np.array([len(np.unique(d)) for d in draws])
    duplicate_of = np.r_[np.arange(n), draws[0]]
    codes = np.zeros(n + m, dtype=np.int64)
    row = copy_table(duplicate_of, codes, 1).loc[0]
    assert row["distinct"] == n and row["copies"] == m
    assert row["copied"] == len(np.unique(draws[0]))
    assert row["most_copies"] == np.bincount(draws[0]).max()
    assert row["expected_copied"] == pytest.approx(touched.mean(), abs=0.1 + 0.01 * n)
    assert row["sd_copied"] == pytest.approx(touched.std(), rel=0.1, abs=0.05)


# ---- E: the rescore after random over-sampling -----------------------------------


def test_rescore_after_random_over_sampling_uses_the_real_minority():
    # 5 % minority grown to 1:1 then split: every class-1 test row copies a
    # training row, so the clean part of the test set holds no class 1
    X, y = _imbalanced(n=3_000, weight=0.95)
    Xr, yr = _ros(X, y, 1.0)
    train, test = train_test_split(np.arange(len(yr)), test_size=0.25, random_state=1)
    result = smoteguard.inspect(Xr[train], yr[train], Xr[test], yr[test])
    score = json.loads(result.to_json())["rescore"]
    assert score["positive"] == 1  # class 0 has fewer rows after the copies
    assert score["clean"] is None and score["missing_in_clean"] == [1]
    assert score["all"] is not None
    assert "clean rows hold no row of class 1" in result.verdict
    assert "every test row of that class is contaminated" in result.verdict
    assert "positive class 1, the real minority" in result.verdict


def test_real_minority_counts_distinct_rows_when_copies_are_not_flagged():
    # training class 1: 750 distinct rows + 80 copies (9.6 %: too few to call it
    # over-sampled); class 0: 800 rows. By rows class 0 is the smaller one, by
    # distinct rows class 1.
    rng = np.random.default_rng(2)
    X = rng.normal(size=(1_850, 4))
    y = np.r_[np.zeros(950, int), np.ones(900, int)]
    X[y == 1] += 0.7
    extra = 950 + rng.choice(750, size=80, replace=False)
    X, y = np.vstack([X, X[extra]]), np.r_[y, y[extra]]
    train = np.r_[np.arange(0, 800), np.arange(950, 1_700), np.arange(1_850, 1_930)]
    test = np.r_[np.arange(800, 950), np.arange(1_700, 1_850)]
    result = smoteguard.inspect(X[train], y[train], X[test], y[test])
    assert result.status == "duplicates"
    assert result.rescore["positive"] == 1


def test_html_says_why_the_clean_score_is_missing():
    from smoteguard.inspection.html import render_section

    X, y = _imbalanced(n=3_000, weight=0.95)
    Xr, yr = _ros(X, y, 1.0)
    train, test = train_test_split(np.arange(len(yr)), test_size=0.25, random_state=1)
    result = smoteguard.inspect(Xr[train], yr[train], Xr[test], yr[test])
    assert "the clean rows hold no row of class 1" in render_section(result)


def test_cli_random_over_sampling_then_split_exits_1(tmp_path, capsys):
    import pandas as pd

    from smoteguard.cli import main

    X, y = _imbalanced(n=2_000, weight=0.93)
    Xr, yr = _ros(X, y, 0.81)
    train, test = train_test_split(np.arange(len(yr)), test_size=0.25, random_state=1)
    for name, rows in (("train", train), ("test", test)):
        frame = pd.DataFrame(Xr[rows]).add_prefix("x").assign(label=yr[rows])
        frame.to_csv(tmp_path / f"{name}.csv", index=False)
    args = ["inspect", str(tmp_path / "train.csv"), "--target", "label"]
    assert main([*args, "--format", "json"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert document["status"] == "oversampled" and document["suspected_synthetic"]
    assert main([*args, "--test", str(tmp_path / "test.csv"), "--format", "json"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert document["status"] == "contaminated"
    assert document["rescore"]["positive"] == 1


def test_random_over_sampling_next_to_a_class_of_piled_real_duplicates():
    # wisconsin-like: class 0 holds 200 real copies piled on 40 rows; class 1 is
    # then grown to 1:1. Class 0's copies weigh as the 40 rows they repeat.
    X, y = _imbalanced(n=700, weight=0.58, seed=5)
    piled = np.repeat(np.flatnonzero(y == 0)[:40], 5)
    X, y = np.vstack([X, X[piled]]), np.r_[y, y[piled]]
    n0 = np.sum(y == 0)
    Xr, yr = _ros(X, y, 1.0)
    result = smoteguard.inspect(Xr, yr)
    assert result.status == "oversampled"
    assert result.suspected_synthetic == list(range(len(X), len(Xr)))
    assert len(Xr) - len(X) == n0 - np.sum(y == 1)
