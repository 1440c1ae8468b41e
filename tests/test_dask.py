"""Dask: resampling collections on a LocalCluster equals the in-memory result."""

import logging

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

import dask  # noqa: E402
import dask.array as da  # noqa: E402
import dask.dataframe as dd  # noqa: E402
from _untouchable import untouchable  # noqa: E402
from sklearn.datasets import make_classification  # noqa: E402

import smoteguard  # noqa: E402
from smoteguard import SMOTE, SMOTENC, RandomOverSampler  # noqa: E402
from smoteguard.dask import (  # noqa: E402
    DaskRandomOverSampler,
    DaskSMOTE,
    DaskSMOTENC,
    dask_backend,
    is_dask_collection,
)


@pytest.fixture(scope="module")
def client():
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


@pytest.fixture(scope="module")
def data():
    X, y = make_classification(
        n_samples=4000,
        n_features=6,
        n_classes=3,
        n_informative=4,
        weights=[0.7, 0.2, 0.1],
        random_state=0,
    )
    return X, y


def test_dataframe_equals_in_memory(client, data):
    X, y = data
    frame = pd.DataFrame(X, columns=[f"f{i}" for i in range(X.shape[1])])
    frame["count"] = np.arange(len(frame)) % 7  # an integer column is upcast
    target = pd.Series(y, name="label")
    reference = SMOTE(random_state=3)
    expected_X, expected_y = reference.fit_resample(frame, target)
    sampler = DaskSMOTE(random_state=3, block_rows=700)
    X_res, y_res = sampler.fit_resample(
        dd.from_pandas(frame, npartitions=4), dd.from_pandas(target, npartitions=4)
    )
    assert is_dask_collection(X_res)
    assert X_res.npartitions == 4 + -(-sampler.provenance_.n_synthetic // 700)
    got_X, got_y = client.compute([X_res, y_res], sync=True)
    pd.testing.assert_frame_equal(got_X, expected_X)
    pd.testing.assert_series_equal(got_y, expected_y)
    assert sampler.sampling_strategy_ == reference.sampling_strategy_


def test_array_equals_in_memory(client, data):
    X, y = data
    X32 = X.astype(np.float32)
    expected_X, expected_y = SMOTE(random_state=0).fit_resample(X32, y)
    X_res, y_res = DaskSMOTE(random_state=0, block_rows=1000).fit_resample(
        da.from_array(X32, chunks=(1000, 6)), da.from_array(y, chunks=1000)
    )
    got_X, got_y = client.compute([X_res, y_res], sync=True)
    assert got_X.dtype == np.float32
    np.testing.assert_array_equal(got_X, expected_X)
    np.testing.assert_array_equal(got_y, expected_y)


def test_original_partitions_untouched(client, data):
    X, y = data
    darr = da.from_array(X, chunks=(500, 6))
    X_res, _ = DaskSMOTE(random_state=0).fit_resample(darr, da.from_array(y, 500))
    assert X_res.chunks[0][:8] == darr.chunks[0]
    np.testing.assert_array_equal(X_res[: len(X)].compute(), X)


def test_in_memory_input_is_plain_smote(data):
    X, y = data
    got = DaskSMOTE(random_state=1).fit_resample(X, y)[0]
    np.testing.assert_array_equal(got, SMOTE(random_state=1).fit_resample(X, y)[0])


def test_clear_errors(client, data):
    X, y = data
    dX, dy = da.from_array(X, 1000), da.from_array(y, 1000)
    with pytest.raises(TypeError, match="must both be Dask collections"):
        DaskSMOTE().fit_resample(dX, pd.Series(y))
    with pytest.raises(TypeError, match="matching kinds"):
        DaskSMOTE().fit_resample(_frames(X, y)[0], dy)
    with pytest.raises(ValueError, match="block_rows"):
        DaskSMOTE(block_rows=0).fit_resample(dX, dy)


def test_joblib_work_runs_on_the_cluster(client):
    from joblib import Parallel, delayed

    with dask_backend(client):
        squares = Parallel()(delayed(pow)(i, 2) for i in range(5))
    assert squares == [0, 1, 4, 9, 16]


def test_compare_on_the_cluster_equals_local(client):
    from smoteguard.evaluation import compare

    X, y = make_classification(
        n_samples=400, n_features=5, weights=[0.85], random_state=0
    )
    options = dict(models=["lr"], strategies=["smote"], cv=3, n_repeats=1)
    local = compare(X, y, leaky=False, **options)
    with dask_backend(client):
        remote = compare(X, y, leaky=False, **options)
    pd.testing.assert_frame_equal(local.to_frame(), remote.to_frame())


def test_cli_scheduler_option(client, tmp_path):
    from smoteguard.cli import main

    X, y = make_classification(
        n_samples=300, n_features=4, weights=[0.8], random_state=0
    )
    frame = pd.DataFrame(X, columns=list("abcd")).assign(target=y)
    frame.to_csv(tmp_path / "data.csv", index=False)
    args = [
        "compare",
        str(tmp_path / "data.csv"),
        "--target",
        "target",
        "--models",
        "lr",
        "--strategies",
        "smote",
        "--cv",
        "2",
        "--repeats",
        "1",
        "--no-leak-check",
        "--scheduler",
        client.scheduler.address,
        "--out",
        str(tmp_path / "out"),
    ]
    assert main(args) == 0
    assert (tmp_path / "out" / "results.json").exists()


@pytest.mark.parametrize("kind", ["frame", "array"])
def test_over_budget_runs_blockwise_and_equals_in_memory(client, data, kind):
    X, y = data
    X = X.copy()
    X[50:60] = X[40]  # ties across partitions: merged by distance, then position
    expected_X, expected_y = SMOTE(random_state=5).fit_resample(X, y)
    if kind == "frame":
        frame = pd.DataFrame(X, columns=[f"f{i}" for i in range(X.shape[1])])
        dX = dd.from_pandas(frame, npartitions=5)
        dy = dd.from_pandas(pd.Series(y, name="y"), npartitions=5)
    else:
        dX, dy = da.from_array(X, chunks=(900, 3)), da.from_array(y, chunks=900)
    sampler = DaskSMOTE(random_state=5, memory_budget=1000, block_rows=900)
    X_res, y_res = sampler.fit_resample(dX, dy)
    got_X, got_y = client.compute([X_res, y_res], sync=True)
    np.testing.assert_array_equal(np.asarray(got_X), expected_X)
    np.testing.assert_array_equal(np.asarray(got_y), expected_y)


def _mixed_frame(X, y):
    """Float, integer, boolean and categorical columns, a missing value, and an
    integer index that does not start at 0."""
    frame = pd.DataFrame(X, columns=[f"f{i}" for i in range(X.shape[1])])
    frame["count"] = np.arange(len(frame)) % 7
    frame["flag"] = frame["count"] > 3
    frame["kind"] = pd.Categorical(np.array(["a", "b", "c"])[np.arange(len(frame)) % 3])
    frame.loc[3, "f0"] = np.nan
    frame.index = np.arange(len(frame)) * 2 + 10
    return frame, pd.Series(y, index=frame.index, name="label")


@pytest.mark.parametrize("strategy", ["auto", {1: 1500, 2: 900}])
def test_random_over_sampler_frame_equals_in_memory(client, data, strategy):
    X, y = data
    frame, target = _mixed_frame(X, y)
    reference = RandomOverSampler(sampling_strategy=strategy, random_state=7)
    expected_X, expected_y = reference.fit_resample(frame, target)
    sampler = DaskRandomOverSampler(
        sampling_strategy=strategy, random_state=7, block_rows=600
    )
    X_res, y_res = sampler.fit_resample(
        dd.from_pandas(frame, npartitions=4), dd.from_pandas(target, npartitions=4)
    )
    assert is_dask_collection(X_res)
    assert X_res.npartitions == 4 + -(-sampler.provenance_.n_synthetic // 600)
    got_X, got_y = client.compute([X_res, y_res], sync=True)
    pd.testing.assert_frame_equal(got_X, expected_X)  # every dtype kept
    pd.testing.assert_series_equal(got_y, expected_y)
    assert sampler.sampling_strategy_ == reference.sampling_strategy_


def test_random_over_sampler_array_equals_in_memory(client, data):
    X, y = data
    X32 = X.astype(np.float32)
    X32[0, 0] = -0.0  # copies are bit-exact
    expected_X, expected_y = RandomOverSampler(random_state=0).fit_resample(X32, y)
    X_res, y_res = DaskRandomOverSampler(random_state=0, block_rows=1000).fit_resample(
        da.from_array(X32, chunks=(700, 3)), da.from_array(y, chunks=700)
    )
    got_X, got_y = client.compute([X_res, y_res], sync=True)
    assert got_X.dtype == np.float32
    np.testing.assert_array_equal(got_X.view(np.uint32), expected_X.view(np.uint32))
    np.testing.assert_array_equal(got_y, expected_y)


def test_random_over_sampler_gathers_no_features(client, data, monkeypatch):
    # only labels reach the client: computing any piece of X there is an error
    import dask

    X, y = data
    dX, dy = da.from_array(X, chunks=(1000, 6)), da.from_array(y, chunks=1000)
    compute = dask.compute

    def labels_only(*args, **kwargs):
        results = compute(*args, **kwargs)
        # labels, or per-partition summaries (row count, class counts)
        assert all(not hasattr(r, "shape") or len(r.shape) <= 1 for r in results), (
            "X was computed on the client"
        )
        return results

    monkeypatch.setattr(dask, "compute", labels_only)
    X_res, _ = DaskRandomOverSampler(random_state=0).fit_resample(dX, dy)
    monkeypatch.undo()
    expected = RandomOverSampler(random_state=0).fit_resample(X, y)[0]
    np.testing.assert_array_equal(client.compute(X_res, sync=True), expected)


def test_random_over_sampler_refuses_shrinkage_lazily(data):
    X, y = data
    sampler = DaskRandomOverSampler(shrinkage=0.5)
    with pytest.raises(ValueError, match=r"shrinkage=None only.*\.compute\(\)"):
        sampler.fit_resample(da.from_array(X, 1000), da.from_array(y, 1000))
    in_memory = sampler.fit_resample(X, y)[0]  # in memory it smooths as usual
    assert len(in_memory) > len(X)


SAMPLERS = [
    name
    for name in smoteguard.__all__
    if name[0].isupper()
    and hasattr(getattr(smoteguard, name), "fit_resample")
    and name not in ("Pipeline", "HybridSampler")
]


@pytest.mark.parametrize("name", SAMPLERS)
def test_every_in_memory_sampler_refuses_dask_input(data, name):
    X, y = data
    dX, dy = untouchable(X, y)
    sampler = getattr(smoteguard, name)()
    for args in ((dX, dy), (X, dy), (dX, y)):
        with pytest.raises(TypeError, match=rf"{name} got a dask Array.*\.compute\(\)"):
            sampler.fit_resample(*args)
    with pytest.raises(TypeError, match="dask Array"):
        sampler.fit(dX, dy)
    if name in ("SMOTE", "RandomOverSampler"):
        with pytest.raises(TypeError, match=f"smoteguard.dask.Dask{name}"):
            sampler.fit_resample(dX, dy)
    if name in ("BorderlineSMOTE", "ADASYN"):
        with pytest.raises(TypeError, match=r"majority included.*minority rows x all"):
            sampler.fit_resample(dX, dy)
    if name == "SVMSMOTE":
        with pytest.raises(TypeError, match=r"support vector machine on all rows"):
            sampler.fit_resample(dX, dy)


def test_dataframe_input_is_named(data):
    X, y = data
    frame = dd.from_pandas(pd.DataFrame(X), npartitions=2)
    with pytest.raises(TypeError, match="got a dask DataFrame"):
        smoteguard.SMOTEENN().fit_resample(frame, dd.from_pandas(pd.Series(y), 2))


@pytest.mark.parametrize("function", ["compare", "evaluate"])
def test_compare_and_evaluate_refuse_dask_input(data, function):
    from sklearn.linear_model import LogisticRegression

    X, y = data
    dX, dy = untouchable(X, y)
    run = getattr(smoteguard, function)
    args = (dX, dy) if function == "compare" else (LogisticRegression(), dX, dy)
    with pytest.raises(
        TypeError, match=rf"{function}\(\) got a dask Array.*dask_backend"
    ):
        run(*args)


LAZY = [DaskSMOTE, DaskRandomOverSampler]


def _frames(X, y, npartitions=3):
    frame = pd.DataFrame(X, columns=[f"f{i}" for i in range(X.shape[1])])
    return (
        dd.from_pandas(frame, npartitions=npartitions),
        dd.from_pandas(pd.Series(y, name="y"), npartitions=npartitions),
    )


@pytest.mark.parametrize("lazy", LAZY)
def test_unknown_chunk_sizes_are_named(client, data, lazy):
    X, y = data
    dX, dy = _frames(X, y)
    with pytest.raises(ValueError, match=r"unknown chunk sizes.*lengths=True"):
        lazy().fit_resample(dX.to_dask_array(), dy.to_dask_array(lengths=True))
    with pytest.raises(ValueError, match=r"y with unknown chunk.*compute_chunk_sizes"):
        lazy().fit_resample(dX.to_dask_array(lengths=True), dy.to_dask_array())
    # with lengths the result equals the in-memory one
    memory = {DaskSMOTE: SMOTE, DaskRandomOverSampler: RandomOverSampler}[lazy]
    expected = memory(random_state=0).fit_resample(X, y)[0]
    X_res, _ = lazy(random_state=0).fit_resample(
        dX.to_dask_array(lengths=True), dy.to_dask_array(lengths=True)
    )
    np.testing.assert_array_equal(client.compute(X_res, sync=True), expected)


@pytest.mark.parametrize("value", [np.nan, np.inf, -np.inf])
@pytest.mark.parametrize("klass", [0, 2])  # a majority row, a minority row
def test_non_finite_values_anywhere_are_refused(client, data, value, klass):
    X, y = data
    X = X.copy()
    X[np.flatnonzero(y == klass)[-1], 1] = value
    for dX, dy in (_frames(X, y), (da.from_array(X, 700), da.from_array(y, 700))):
        with pytest.raises(ValueError, match=r"X contains .*SMOTE cannot") as memory:
            SMOTE().fit_resample(dX.compute(), dy.compute())
        with pytest.raises(ValueError) as lazy:
            DaskSMOTE(memory_budget=10**9).fit_resample(dX, dy)
        assert str(lazy.value) == str(memory.value).replace("SMOTE", "DaskSMOTE")
        with pytest.raises(ValueError, match="X contains"):
            DaskSMOTE(memory_budget=1).fit_resample(dX, dy)  # the blockwise path
    # random over-sampling copies rows, NaN included, like in memory
    X_res, _ = DaskRandomOverSampler(random_state=0).fit_resample(*_frames(X, y))
    expected = RandomOverSampler(random_state=0).fit_resample(X, y)[0]
    np.testing.assert_array_equal(client.compute(X_res, sync=True), expected)


@pytest.mark.parametrize("lazy", [*LAZY, DaskSMOTENC])
def test_bad_collections_get_clear_errors(data, lazy):
    X, y = data
    dX, dy = _frames(X, y)
    with pytest.raises(ValueError, match=r"empty X \(0 rows\)"):
        lazy().fit_resample(dX[dX.f0 > 1e9], dy[dX.f0 > 1e9])
    frame7, _ = _frames(X, y, npartitions=7)
    with pytest.raises(ValueError, match=r"partitioned alike.*7 partitions.*3"):
        lazy().fit_resample(frame7, dy)
    with pytest.raises(ValueError, match=r"X has 4000 rows but y has 3999"):
        lazy().fit_resample(da.from_array(X, 1000), da.from_array(y[1:], 1000))
    with pytest.raises(ValueError, match=r"1-D y.*y\[:, 0\]"):
        lazy().fit_resample(da.from_array(X, 1000), da.from_array(y[:, None], 1000))
    with pytest.raises(ValueError, match=r"1-D y.*y\[column\]"):
        lazy().fit_resample(dX, dy.to_frame())
    # same partitions count, unknown divisions, other rows per partition
    shifted = dd.from_delayed(
        [dask.delayed(pd.Series)(y[:1500]), dask.delayed(pd.Series)(y[1500:])],
        meta=pd.Series(dtype=y.dtype),
    )
    unknown = dd.from_delayed(
        [dask.delayed(pd.DataFrame)(X[:2000]), dask.delayed(pd.DataFrame)(X[2000:])],
        meta=pd.DataFrame(X[:0]),
    )
    with pytest.raises(ValueError, match=r"partition 0 of X has 2000 rows.*1500"):
        lazy().fit_resample(unknown, shifted)


def test_array_y_chunked_unlike_x_follows_x(client, data):
    X, y = data
    expected = SMOTE(random_state=0).fit_resample(X, y)
    X_res, y_res = DaskSMOTE(random_state=0).fit_resample(
        da.from_array(X, (700, 3)), da.from_array(y, 1100)
    )
    got_X, got_y = client.compute([X_res, y_res], sync=True)
    np.testing.assert_array_equal(got_X, expected[0])
    np.testing.assert_array_equal(got_y, expected[1])


class _Records(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.names = []

    def emit(self, record):
        self.names.append(record.name)


@pytest.mark.parametrize("lazy", [*LAZY, DaskSMOTENC])
def test_no_shuffle_on_a_distributed_client(client, data, lazy):
    # y.value_counts() would shuffle: the scheduler logs "Shuffle ... initialized"
    X, y = data
    frame = pd.DataFrame(X).add_prefix("f").assign(kind=np.arange(len(X)) % 3 == 0)
    dX, dy = dd.from_pandas(frame, 4), dd.from_pandas(pd.Series(y, name="y"), 4)
    records = _Records()
    logger = logging.getLogger("distributed")
    logger.addHandler(records)
    try:
        X_res, _ = lazy(random_state=0).fit_resample(dX, dy)
        client.compute(X_res, sync=True)
        assert not [n for n in records.names if "shuffle" in n]
        dy.value_counts().compute()  # the check itself sees a shuffle
        assert [n for n in records.names if "shuffle" in n]
    finally:
        logger.removeHandler(records)


def test_text_column_advice_names_the_lazy_smotenc(data):
    X, y = data
    frame = pd.DataFrame(X).add_prefix("f").assign(kind="a")
    dX, dy = dd.from_pandas(frame, 2), dd.from_pandas(pd.Series(y), 2)
    with pytest.raises(TypeError, match=r"not numeric.*smoteguard.dask.DaskSMOTENC"):
        DaskSMOTE().fit_resample(dX, dy)


def _mixed(X, y):
    frame = pd.DataFrame(X, columns=[f"f{i}" for i in range(X.shape[1])])
    frame["count"] = np.arange(len(frame)) % 5  # integer: upcast, as in memory
    frame["colour"] = pd.Categorical(np.array(list("rgbk"))[np.arange(len(X)) % 4])
    frame["flag"] = (X[:, 0] > 0).astype(bool)
    frame.index = np.arange(len(frame)) * 3 + 7
    return frame, pd.Series(y, index=frame.index, name="label")


@pytest.mark.parametrize("strategy", ["auto", {1: 1800, 2: 900}])
def test_smotenc_frame_equals_in_memory(client, data, strategy):
    X, y = data
    frame, target = _mixed(X, y)
    dX, dy = dd.from_pandas(frame, npartitions=4), dd.from_pandas(target, 4)
    reference = SMOTENC(sampling_strategy=strategy, random_state=4, k_neighbors=4)
    expected_X, expected_y = reference.fit_resample(dX.compute(), dy.compute())
    sampler = DaskSMOTENC(
        sampling_strategy=strategy, random_state=4, k_neighbors=4, block_rows=800
    )
    X_res, y_res = sampler.fit_resample(dX, dy)
    assert is_dask_collection(X_res)
    assert X_res.npartitions == 4 + -(-sampler.provenance_.n_synthetic // 800)
    got_X, got_y = client.compute([X_res, y_res], sync=True)
    pd.testing.assert_frame_equal(got_X, expected_X)
    pd.testing.assert_series_equal(got_y, expected_y)
    assert sampler.sampling_strategy_ == reference.sampling_strategy_
    assert sampler.median_std_ == reference.median_std_
    np.testing.assert_array_equal(
        sampler.categorical_features_, reference.categorical_features_
    )


def test_smotenc_array_equals_in_memory(client, data):
    X, y = data
    values = np.column_stack([X, np.arange(len(X)) % 3])
    expected_X, expected_y = SMOTENC([6], random_state=1).fit_resample(values, y)
    X_res, y_res = DaskSMOTENC([6], random_state=1).fit_resample(
        da.from_array(values, chunks=(900, 7)), da.from_array(y, chunks=900)
    )
    got_X, got_y = client.compute([X_res, y_res], sync=True)
    np.testing.assert_array_equal(got_X, expected_X)
    np.testing.assert_array_equal(got_y, expected_y)


def test_smotenc_checks_every_partition(data):
    X, y = data
    frame, target = _mixed(X, y)
    frame["colour"] = frame["colour"].astype(object)
    frame.iloc[np.flatnonzero(y == 0)[-1], frame.columns.get_loc("colour")] = None
    with pytest.raises(ValueError, match="categorical column 'colour' has missing"):
        DaskSMOTENC().fit_resample(dd.from_pandas(frame, 3), dd.from_pandas(target, 3))
    with pytest.raises(TypeError, match=r"SMOTENC got a dask.*DaskSMOTENC"):
        SMOTENC().fit_resample(dd.from_pandas(frame, 3), dd.from_pandas(target, 3))


def test_smotenc_advice_names_what_works_lazily(data):
    # DaskSMOTENC users are pointed at the lazy sampler for numeric data, and told
    # that SMOTEN needs computed data; SMOTENC users at the in-memory ones
    X, y = data
    numeric = pd.DataFrame(X)
    with pytest.raises(ValueError, match=r"use smoteguard\.dask\.DaskSMOTE;"):
        DaskSMOTENC().fit_resample(
            dd.from_pandas(numeric, 3), dd.from_pandas(pd.Series(y), 3)
        )
    with pytest.raises(ValueError, match=r"For all-numeric data use SMOTE;"):
        SMOTENC().fit_resample(numeric, y)
    codes = pd.DataFrame(
        {"a": (X[:, 0] > 0).astype(str), "b": (X[:, 1] > 0).astype(str)}
    )
    with pytest.raises(ValueError, match=r"use SMOTEN on the computed data"):
        DaskSMOTENC().fit_resample(
            dd.from_pandas(codes, 3), dd.from_pandas(pd.Series(y), 3)
        )


def test_bad_partitions_are_refused_without_failed_tasks(client, data):
    # the workers return the in-memory sampler's error (no failed task, so no
    # "Compute Failed" log on the workers); the client raises it
    from smoteguard.dask._checks import _summary

    X, y = data
    X = X.copy()
    X[0, 0] = np.nan
    frame = pd.DataFrame(X).add_prefix("f")
    returned = _summary(frame, pd.Series(y), DaskSMOTE(), 0)
    assert isinstance(returned, ValueError) and "X contains NaN" in str(returned)
    with pytest.raises(ValueError, match="X contains NaN"):
        DaskSMOTE().fit_resample(*_frames(X, y))


MEMORY = {
    DaskSMOTE: SMOTE,
    DaskRandomOverSampler: RandomOverSampler,
    DaskSMOTENC: SMOTENC,
}


def _one_class_case(case):
    """Binary data (one class over-sampled), or three classes with only the
    smallest over-sampled; the last column holds two categories."""
    if case == "binary":
        X, y = make_classification(1500, 5, weights=[0.9], random_state=0)
        return X, y, "auto"
    X, y = make_classification(
        1800, 5, n_informative=3, n_classes=3, weights=[0.7, 0.2], random_state=0
    )
    return X, y, "minority"


@pytest.mark.parametrize("case", ["binary", "minority of three"])
@pytest.mark.parametrize("kind", ["frame", "array"])
@pytest.mark.parametrize("lazy", [*LAZY, DaskSMOTENC])
def test_one_over_sampled_class_equals_in_memory(client, lazy, kind, case):
    # the gathered rows hold a single class: the per-class work must still run
    # (SMOTENC.fit_resample on them alone refused "y has only one class")
    X, y, strategy = _one_class_case(case)
    X[:, 4] = X[:, 4] > 0
    options = dict(sampling_strategy=strategy, random_state=2)
    if kind == "frame":
        data = pd.DataFrame(X).add_prefix("f").astype({"f4": bool})
        target = pd.Series(y, name="y")
        dX, dy = dd.from_pandas(data, 3), dd.from_pandas(target, 3)
        categorical = ["f4"]
    else:
        data, target = X, y
        dX, dy = da.from_array(X, chunks=(500, 5)), da.from_array(y, chunks=500)
        categorical = [4]
    if lazy is DaskSMOTENC:
        options["categorical_features"] = categorical
    reference = MEMORY[lazy](**options)
    expected_X, expected_y = reference.fit_resample(data, target)
    sampler = lazy(**options, block_rows=400)
    got_X, got_y = client.compute(sampler.fit_resample(dX, dy), sync=True)
    assert len(got_y) > len(y)
    if kind == "frame":
        pd.testing.assert_frame_equal(got_X, expected_X)
        pd.testing.assert_series_equal(got_y, expected_y)
    else:
        np.testing.assert_array_equal(got_X, expected_X)
        np.testing.assert_array_equal(got_y, expected_y)
    assert sampler.sampling_strategy_ == reference.sampling_strategy_
    if lazy is DaskSMOTENC:
        assert sampler.median_std_ == reference.median_std_
    if lazy is DaskSMOTE:  # the blockwise path (nothing gathered) too
        blockwise = DaskSMOTE(**options, memory_budget=1, block_rows=400)
        got_X, _ = client.compute(blockwise.fit_resample(dX, dy), sync=True)
        np.testing.assert_array_equal(np.asarray(got_X), np.asarray(expected_X))


@pytest.mark.parametrize("lazy", [*LAZY, DaskSMOTENC])
def test_nothing_to_over_sample_returns_the_input(client, lazy):
    # no class gathered: nothing for the in-memory per-class work to run on
    X, y, _ = _one_class_case("binary")
    X[:, 4] = X[:, 4] > 0
    counts = {c: int((y == c).sum()) for c in (0, 1)}
    options = dict(sampling_strategy=counts, random_state=0)
    if lazy is DaskSMOTENC:
        options["categorical_features"] = [4]
    expected_X, _ = MEMORY[lazy](**options).fit_resample(X, y)
    dX, dy = da.from_array(X, chunks=(500, 5)), da.from_array(y, chunks=500)
    sampler = lazy(**options)
    X_res, y_res = sampler.fit_resample(dX, dy)
    assert X_res is dX and y_res is dy
    assert sampler.provenance_.n_synthetic == 0
    np.testing.assert_array_equal(client.compute(X_res, sync=True), expected_X)
    if lazy is DaskSMOTENC:
        np.testing.assert_array_equal(sampler.categorical_features_, [4])


def _mixed_inputs(X, y):
    """(X, y) pairs where exactly one of them is a Dask collection."""
    frame, target = pd.DataFrame(X).add_prefix("f"), pd.Series(y, name="y")
    dX, dy = dd.from_pandas(frame, 2), dd.from_pandas(target, 2)
    aX, ay = da.from_array(X, chunks=(1000, 6)), da.from_array(y, chunks=1000)
    return [(dX, target), (frame, dy), (aX, y), (X, ay), (dX, y), (frame, ay)]


@pytest.mark.parametrize("lazy", [*LAZY, DaskSMOTENC])
def test_mixed_dask_and_in_memory_input_is_named(data, lazy):
    X, y = data
    memory = MEMORY[lazy].__name__
    for X_in, y_in in _mixed_inputs(X, y):
        for method in ("fit_resample", "fit"):
            with pytest.raises(TypeError) as error:
                getattr(lazy(), method)(X_in, y_in)
            message = str(error.value)
            assert (
                f"X and y must both be Dask collections (or both in memory: use "
                f"{memory})" in message
            )
            assert "no lazy version" not in message
            assert "smoteguard.dask.Dask" not in message
            if isinstance(X_in, da.Array) or isinstance(y_in, da.Array):
                assert "frame.drop(columns=target), y" not in message
    # in-memory X, y with Dask per-row values: no contradiction either
    with pytest.raises(TypeError) as error:
        lazy().fit_resample(X, y, sample_weight=da.ones(len(y)))
    assert "no lazy version" not in str(error.value)
    assert "as Dask collections too" in str(error.value)


@pytest.mark.parametrize("lazy", [*LAZY, DaskSMOTENC])
def test_fit_on_dask_input_checks_lazily(client, data, lazy):
    X, y = data
    X = np.column_stack([X, np.arange(len(X)) % 2])
    options = {"categorical_features": [6]} if lazy is DaskSMOTENC else {}
    reference = MEMORY[lazy](**options).fit(X, y)
    sampler = lazy(**options).fit(
        da.from_array(X, chunks=(1000, 7)), da.from_array(y, chunks=1000)
    )
    assert sampler.sampling_strategy_ == reference.sampling_strategy_
    assert sampler.class_counts_ == reference.class_counts_


@pytest.mark.parametrize("lazy", [*LAZY, DaskSMOTENC])
def test_lazy_refusals_advise_for_the_kind_given(data, lazy):
    X, y = data
    aX, ay = da.from_array(X, 1000), da.from_array(y, 1000)
    for args, words, wrong in (
        ((aX, da.from_array(y[1:], 1000)), "chunks=X.chunks[0]", "y = frame[target])"),
        ((aX, ay[:, None]), "y[:, 0]", "y[column]"),
        ((_frames(X, y)[0], _frames(X, y)[1].to_frame()), "y[column]", "y[:, 0]"),
        ((aX[:, 0], ay), "X[:, None]", "matching kinds"),
    ):
        with pytest.raises(ValueError) as error:
            lazy().fit_resample(*args)
        assert words in str(error.value) and wrong not in str(error.value)


def _readme_dask_section():
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    section = text.split("## Dask", 1)[1].split("\n## ", 1)[0]
    return " ".join(section.split())


def test_readme_dask_limits_match_behaviour(data):
    """The README's Limits say which lazy samplers refuse NaN: the ones that do,
    and only those (DaskRandomOverSampler copies NaN)."""
    X, y = data
    X = X.copy()
    X[0, 0] = np.nan
    limits = _readme_dask_section().split("Limits:", 1)[1].split(". ", 1)[0]
    refusal, _, rest = limits.partition("refuse NaN")
    for lazy in (*LAZY, DaskSMOTENC):
        options = {"categorical_features": [6]} if lazy is DaskSMOTENC else {}
        values = np.column_stack([X, np.arange(len(X)) % 2])
        args = da.from_array(values, 1000), da.from_array(y, 1000)
        try:
            lazy(**options).fit_resample(*args)
        except ValueError as error:
            assert "NaN" in str(error)
            assert f"`{lazy.__name__}`" in refusal, limits
        else:
            assert f"`{lazy.__name__}`" not in refusal, limits
            assert f"`{lazy.__name__}` copies NaN" in rest, limits


def test_readme_says_a_process_cluster_needs_the_main_guard():
    section = _readme_dask_section()
    if "processes=False" in section:
        assert 'if __name__ == "__main__":' in section


def test_guide_example_runs_on_a_process_cluster_from_a_script(tmp_path):
    """The Dask guide's example, run as a script file on a process-based
    LocalCluster (workers re-import the script: the __main__ guard matters)."""
    import os
    import re
    import subprocess
    import sys
    import textwrap
    from pathlib import Path

    guide = Path(__file__).resolve().parents[1] / "docs" / "user_guide" / "dask.rst"
    block = re.search(
        r"\.\. code-block:: python\n\n(.*?)\n\n(?=\S)", guide.read_text("utf-8"), re.S
    ).group(1)
    script = tmp_path / "example.py"
    script.write_text(textwrap.dedent(block), encoding="utf-8")
    assert "LocalCluster(n_workers=2" in block and "__main__" in block
    src = str(Path(smoteguard.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": src}
    done = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["9", "37822"]


@pytest.mark.parametrize(
    "categorical_features", ["zz", [9], [0, 1, 2], []], ids=["str", "9", "all", "none"]
)
def test_dask_smotenc_errors_name_dask_smotenc(categorical_features):
    """Review 3 item 3: the checks delegated to SMOTENC said 'SMOTENC'."""
    rng = np.random.default_rng(0)
    X = np.c_[rng.random((100, 2)), rng.integers(0, 3, 100)]
    y = np.r_[np.zeros(80, dtype=int), np.ones(20, dtype=int)]
    sampler = DaskSMOTENC(categorical_features=categorical_features)
    with dask.config.set(scheduler="synchronous"), pytest.raises(ValueError) as info:
        sampler.fit_resample(da.from_array(X, chunks=50), da.from_array(y, chunks=50))
    assert str(info.value).startswith("DaskSMOTENC")
    assert "SMOTENC" not in str(info.value).replace("DaskSMOTENC", "")


def test_readme_dask_limits_name_infinity_and_shrinkage(data):
    """Review 3 item 10: the README said DaskRandomOverSampler copies NaN (it
    copies infinity too) and did not say shrinkage must be None for Dask input."""
    X, y = data
    X = X.copy()
    X[0, 0], X[1, 1] = np.inf, np.nan
    limits = _readme_dask_section().split("Limits:", 1)[1].split(". ", 1)[0]
    assert "`DaskRandomOverSampler` copies NaN and infinity" in limits
    args = da.from_array(X, 1000), da.from_array(y, 1000)
    with dask.config.set(scheduler="synchronous"):
        X_res = DaskRandomOverSampler(random_state=0).fit_resample(*args)[0].compute()
    np.testing.assert_array_equal(X_res[: len(X)], X)  # inf and NaN kept as given
    assert "`shrinkage=None` only" in limits
    with pytest.raises(ValueError, match="shrinkage=None only"):
        DaskRandomOverSampler(shrinkage=0.5).fit_resample(*args)
