"""No public entry point computes a Dask collection: every estimator method and
function of the public API that takes data refuses it with the same TypeError,
before any work (the collections here fail if anything computes them)."""

import importlib
import inspect

import numpy as np
import pytest

pytest.importorskip("dask.array")

from _untouchable import untouchable
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression

import smoteguard
from smoteguard._dask_input import dask_advice

#: the public modules whose ``__all__`` is walked
MODULES = [
    "smoteguard",
    "smoteguard.over_sampling",
    "smoteguard.under_sampling",
    "smoteguard.combine",
    "smoteguard.cleaning",
    "smoteguard.ensemble",
    "smoteguard.novelty",
    "smoteguard.recalibration",
    "smoteguard.diagnostics",
    "smoteguard.inspection",
    "smoteguard.neighbors",
]
DATA_METHODS = (
    "fit",
    "fit_resample",
    "fit_predict",
    "fit_transform",
    "predict",
    "predict_proba",
    "decision_function",
    "score",
    "kneighbors",
)
#: what each constructor needs besides its defaults
NEEDS = {
    "RecalibratedClassifier": lambda: smoteguard.RecalibratedClassifier(
        smoteguard.make_pipeline(smoteguard.SMOTE(), LogisticRegression())
    ),
    "Pipeline": lambda: smoteguard.make_pipeline(
        smoteguard.SMOTE(), LogisticRegression()
    ),
}
#: what each function parameter gets (X-like and y-like ones get Dask)
ARGUMENTS = {
    "sampler": lambda: smoteguard.SMOTE(random_state=0),
    "estimator": LogisticRegression,
    "k_neighbors": lambda: 3,
}


def _public(kind):
    found = {}
    for module in MODULES:
        mod = importlib.import_module(module)
        # plus public names kept out of __all__ so ``import *`` does not shadow
        # the standard library (``inspect``, review12f item 8)
        names = [*getattr(mod, "__all__", []), *getattr(mod, "_PUBLIC_NOT_IN_ALL", ())]
        for name in names:
            obj = getattr(mod, name)
            if name.startswith("Base") or not callable(obj):
                continue
            if kind == "class" and inspect.isclass(obj):
                if any(hasattr(obj, m) for m in DATA_METHODS):
                    found[name] = obj
            elif kind == "function" and inspect.isfunction(obj):
                params = inspect.signature(obj).parameters
                if "X" in params or "y" in params:
                    found[name] = obj
    return found


CLASSES = _public("class")
FUNCTIONS = _public("function")


@pytest.fixture(scope="module")
def data():
    X, y = make_classification(
        n_samples=300, n_features=4, weights=[0.8], random_state=0
    )
    return X, y


def test_the_walk_finds_the_entry_points():
    for name in (
        "SMOTE",
        "TomekLinks",
        "SMOTEENN",
        "BalancedBaggingClassifier",
        "OneClassClassifier",
        "RecalibratedClassifier",
        "Pipeline",
        "ExactNeighbors",
    ):
        assert name in CLASSES
    for name in ("compare", "evaluate", "inspect", "diagnose", "kneighbors_within"):
        assert name in FUNCTIONS


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_every_public_estimator_refuses_dask(data, name):
    X, y = data
    dX, dy = untouchable(X, y)
    estimator = NEEDS.get(name, CLASSES[name])()
    checked = 0
    for method_name in ("fit", "fit_resample", "fit_predict"):
        method = getattr(estimator, method_name, None)
        if method is None:
            continue
        for args, lazy in (((dX, dy), "X"), ((X, dy), "y"), ((dX, y), "X")):
            # the message names the argument that is a Dask collection
            with pytest.raises(
                TypeError, match=rf"got a dask Array as {lazy}\b.*\.compute\(\)"
            ):
                method(*args)
        checked += 1
    assert checked
    # once fitted in memory, prediction-time methods refuse Dask rows too
    if not hasattr(estimator, "fit"):
        return
    if hasattr(estimator, "fit_resample") and not hasattr(estimator, "predict"):
        return
    estimator.fit(X, y)
    for method_name in (
        "predict",
        "predict_proba",
        "decision_function",
        "score",
        "kneighbors",
    ):
        method = getattr(estimator, method_name, None)
        if method is None:
            continue
        args = (dX, y) if method_name == "score" else (dX,)
        with pytest.raises(TypeError, match=r"got a dask Array as X\b.*\.compute"):
            method(*args)


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_every_public_function_refuses_dask(data, name):
    X, y = data
    dX, dy = untouchable(X, y)
    function = FUNCTIONS[name]
    kwargs = {}
    for param in inspect.signature(function).parameters.values():
        if param.kind in (param.VAR_KEYWORD, param.VAR_POSITIONAL):
            continue
        if param.name in ("X", "y"):
            kwargs[param.name] = dX if param.name == "X" else dy
        elif param.name in ARGUMENTS:
            kwargs[param.name] = ARGUMENTS[param.name]()
        elif param.default is param.empty:
            pytest.fail(f"{name}: say what parameter {param.name!r} gets")
    first = next(n for n in inspect.signature(function).parameters if n in ("X", "y"))
    with pytest.raises(
        TypeError, match=rf"{name}\(\) got a dask Array as {first}\b.*\.compute"
    ):
        function(**kwargs)


def test_pipeline_refuses_before_any_step_runs(data, monkeypatch):
    # the first step would count rows (len) or fit: neither may happen
    X, y = data
    dX, dy = untouchable(X, y)
    from sklearn.preprocessing import StandardScaler

    pipe = smoteguard.make_pipeline(
        StandardScaler(), smoteguard.SMOTE(), LogisticRegression()
    )
    with pytest.raises(TypeError, match=r"step 'standardscaler' \(StandardScaler\)"):
        pipe.fit(dX, dy)


def test_refusals_name_the_dask_argument(data):
    # whichever argument is the Dask collection, positional or keyword, the
    # message names it as the caller wrote it
    X, y = data
    dX, dy = untouchable(X, y)
    pipe = smoteguard.make_pipeline(smoteguard.SMOTE(), LogisticRegression()).fit(X, y)
    with pytest.raises(TypeError, match=r"got a dask Array as y\b.*compute\(\) on y"):
        pipe.score(X, dy)
    with pytest.raises(TypeError, match=r"got a dask Array as sample_weight\b"):
        pipe.score(X, y, sample_weight=dy)
    with pytest.raises(TypeError, match=r"got a dask Array as X\b"):
        pipe.predict(dX)
    with pytest.raises(TypeError, match=r"compare\(\) got a dask Array as y\b"):
        smoteguard.compare(X, y=dy)
    with pytest.raises(TypeError, match=r"SMOTE got a dask Array as sample_weight\b"):
        smoteguard.SMOTE().fit_resample(X, y, sample_weight=dy)


def test_pipeline_of_dask_aware_steps_counts_no_rows(data, monkeypatch):
    """With every step Dask-aware, the pipeline passes the collection on without
    a len() pass over it."""
    from smoteguard import pipeline as pipeline_module

    X, y = data
    dX, dy = untouchable(X, y)
    seen = []

    from sklearn.base import BaseEstimator

    class Lazy(BaseEstimator):
        _accepts_dask = True

        def fit_resample(self, X, y):
            seen.append(X)
            return X, y

        def fit(self, X, y):
            return self

    def no_len(X):
        raise AssertionError("rows counted")

    monkeypatch.setattr(pipeline_module, "_n_rows", no_len)
    smoteguard.Pipeline([("lazy", Lazy()), ("last", Lazy())]).fit(dX, dy)
    assert len(seen) == 2 and seen[0] is dX and seen[1] is dX


@pytest.mark.parametrize(
    ("sampler", "words", "absent"),
    [
        ("SVMSMOTE", "support vector machine on all rows", "nearest rows"),
        ("RandomUnderSampler", "no lazy under-sampler", "DaskRandomOverSampler"),
        ("TomekLinks", "removes rows by their nearest neighbours", "DaskSMOTE"),
        ("EditedNearestNeighbours", "removes rows by their nearest", "DaskSMOTE"),
        ("SMOTEENN", "cleaning step", "DaskRandomOverSampler"),
        ("SMOTENC", "smoteguard.dask.DaskSMOTENC", "has no lazy"),
        ("LatentSMOTE", "latent model", "DaskRandomOverSampler"),
    ],
)
def test_advice_fits_the_sampler_kind(sampler, words, absent):
    advice = dask_advice(getattr(smoteguard, sampler)())
    assert words in advice
    assert absent not in advice


def test_every_sampler_advice_is_specific():
    """Each sampler's advice names it or its lazy version, and an under-sampler or
    cleaner is never told to over-sample."""
    for name in smoteguard.__all__:
        obj = getattr(smoteguard, name)
        if not (inspect.isclass(obj) and hasattr(obj, "fit_resample")):
            continue
        if name.startswith("Base") or name == "Pipeline":
            continue
        advice = dask_advice(obj())
        assert name in advice
        if obj._sampling_type != "over-sampling":
            assert "over-sample" not in advice and "DaskSMOTE" not in advice, name


def test_refusal_does_not_compute(data):
    X, y = data
    dX, dy = untouchable(X, y)
    with pytest.raises(TypeError):
        smoteguard.BalancedBaggingClassifier().fit(dX, dy)
    assert np.isfinite(X).all()  # the data themselves are untouched


def test_pipeline_predicts_dask_rows_when_its_predicting_steps_take_them(data):
    """At prediction samplers are skipped: an in-memory sampler does not stop a
    Dask-aware final step from predicting a collection (passed on untouched)."""
    from sklearn.base import BaseEstimator, ClassifierMixin

    X, y = data
    dX, _ = untouchable(X, y)

    class LazyModel(ClassifierMixin, BaseEstimator):
        _accepts_dask = True

        def fit(self, X, y):
            self.classes_ = np.unique(y)
            return self

        def predict(self, X):
            return X

    pipe = smoteguard.make_pipeline(smoteguard.SMOTE(), LazyModel()).fit(X, y)
    assert pipe.predict(dX) is dX
    with pytest.raises(TypeError, match=r"step 'logisticregression'"):
        smoteguard.make_pipeline(smoteguard.SMOTE(), LogisticRegression()).fit(
            X, y
        ).predict_proba(dX)


#: advice that works for one kind of Dask collection only
FRAME_ONLY = (".sample(", "frame[frame[target]", "y[column]", "y = frame[target])")
ARRAY_ONLY = ("da.random", "y[:, 0]", "chunks=X.chunks", "chunks=y.chunks")


def _untouchable_frame(X, y):
    import dask
    import dask.dataframe as dd
    import pandas as pd

    def boom():
        raise AssertionError("the collection was computed")

    frame = dd.from_delayed([dask.delayed(boom)()], meta=pd.DataFrame(X[:0]))
    series = dd.from_delayed([dask.delayed(boom)()], meta=pd.Series(y[:0]))
    return frame, series


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_refusal_advice_fits_the_collection_kind(data, name):
    """A Dask Array is never told to call a DataFrame method, nor a DataFrame to
    use an Array recipe (RandomUnderSampler suggested .sample for arrays)."""
    pytest.importorskip("dask.dataframe")
    X, y = data
    estimator = NEEDS.get(name, CLASSES[name])()
    method = getattr(estimator, "fit_resample", None) or estimator.fit
    for collections, wrong in (
        (untouchable(X, y), FRAME_ONLY),
        (_untouchable_frame(X, y), ARRAY_ONLY),
    ):
        with pytest.raises(TypeError) as error:
            method(*collections)
        message = str(error.value)
        assert not [w for w in wrong if w in message], (name, message)


def test_under_sampling_advice_runs_for_each_kind(data):
    """The advice RandomUnderSampler gives keeps a share of one class and every
    other row, for an Array and for a DataFrame, as written."""
    import dask.array as da
    import dask.dataframe as dd
    import pandas as pd

    X, y = data
    sampler = smoteguard.RandomUnderSampler()
    label, frac = 0, 0.5
    with pytest.raises(TypeError, match=r"for an Array: keep = .*X\[keep\], y\[keep\]"):
        sampler.fit_resample(*untouchable(X, y))
    X, y = da.from_array(X, chunks=(100, 4)), da.from_array(y, chunks=100)
    keep = (y != label) | (
        da.random.default_rng(0).random(y.shape[0], chunks=y.chunks) < frac
    )
    kept_X, kept_y = (X[keep]).compute(), (y[keep]).compute()
    assert len(kept_X) == len(kept_y)
    assert (kept_y == 1).sum() == (y == 1).sum().compute()
    assert 0.3 < (kept_y == label).sum() / (y == label).sum().compute() < 0.7
    with pytest.raises(TypeError, match=r"for a DataFrame X .*\.sample\(") as info:
        sampler.fit_resample(*_untouchable_frame(*data))
    assert "split X and y again" in str(info.value)  # y need not be a column of X
    # review 3 item 7: the advice as written, for X and y given apart
    X_dd = dd.from_pandas(pd.DataFrame(data[0]).add_prefix("f"), npartitions=3)
    y_dd = dd.from_pandas(pd.Series(data[1], name="label"), npartitions=3)
    frame = X_dd.assign(target=y_dd)
    part = frame[frame["target"] == label].sample(frac=frac, random_state=0)
    out = dd.concat([part, frame[frame["target"] != label]]).compute()
    assert list(out.columns[:-1]) == list(X_dd.columns)
    assert (out["target"] == 1).sum() == (data[1] == 1).sum()
    assert 0.3 < (out["target"] == label).mean() * len(out) / (data[1] == 0).sum() < 0.7


@pytest.mark.parametrize("X_kind", ["numpy", "pandas"])
def test_mixed_input_names_the_dask_argument_and_advises_compute(data, X_kind):
    """Review 3 item 7: SMOTE(pandas X, dask y) advised DaskSMOTE, which refuses
    mixed input, and numpy X with dask y did not say the Dask one was y."""
    import dask.array as da
    import pandas as pd

    X, y = data
    X = pd.DataFrame(X) if X_kind == "pandas" else X
    y_da = da.from_array(y, chunks=100)
    for call in (
        smoteguard.SMOTE().fit_resample,
        smoteguard.RandomUnderSampler().fit_resample,
        smoteguard.compare,
    ):
        with pytest.raises(TypeError, match=r"got a dask Array as y and a ") as info:
            call(X, y_da)
        message = str(info.value)
        assert "Call .compute() on y" in message
        assert "DaskSMOTE" not in message and "mixed" in message
