"""The data-flow analysis on constructs the corpus does not spell out."""

from __future__ import annotations

import textwrap

import pytest

from smoteguard.audit import audit_text
from smoteguard.audit.analysis import looks_heldout

HEADER = """\
from imblearn.over_sampling import SMOTE
from sklearn.model_selection import train_test_split, cross_val_score
from sklearn.linear_model import LogisticRegression
"""


def found(body: str) -> set[tuple[str, int]]:
    """Findings of HEADER + body, with lines counted from the body's first line."""
    offset = HEADER.count("\n")
    text = HEADER + textwrap.dedent(body)
    return {(f.code, f.line - offset) for f in audit_text(text)}


def test_both_branches_of_an_if_are_followed():
    assert found(
        """\
        if balance:
            X, y = SMOTE().fit_resample(X, y)
        else:
            X = X.copy()
        parts = train_test_split(X, y, stratify=y)
        """
    ) == {("SG101", 2)}


def test_names_assigned_in_one_branch_only_keep_their_old_value_too():
    assert found(
        """\
        Xr, yr = X, y
        if flag:
            Xr, yr = SMOTE().fit_resample(X, y)
        parts = train_test_split(Xr, yr, stratify=yr)
        """
    ) == {("SG101", 3)}


def test_resampling_through_global_state_in_a_function():
    assert found(
        """\
        def prepare():
            global X, y
            X, y = SMOTE().fit_resample(X, y)

        prepare()
        parts = train_test_split(X, y, stratify=y)
        """
    ) == {("SG101", 3)}


def test_function_defined_first_but_only_the_call_order_counts():
    body = """\
        def balance(a, b):
            return SMOTE().fit_resample(a, b)

        parts = train_test_split(X, y, stratify=y)
        Xtr, ytr = balance(parts[0], parts[2])
        """
    assert found(body) == set()
    before = "parts = train_test_split(X, y, stratify=y)"
    after = "Xtr, ytr = balance(parts[0], parts[2])"
    moved = body.replace(before, "Xb, yb = balance(X, y)").replace(
        after, "parts = train_test_split(Xb, yb, stratify=yb)"
    )
    assert found(moved) == {("SG101", 2)}


def test_message_names_the_call_that_reached_a_helper():
    [finding] = audit_text(
        HEADER
        + textwrap.dedent(
            """\
            def balance(a, b):
                return SMOTE().fit_resample(a, b)

            Xb, yb = balance(X, y)
            cross_val_score(LogisticRegression(), Xb, yb, scoring="f1")
            """
        )
    )
    assert finding.line == 5
    assert "(in a function called by `balance(X, y)` at line 7)" in finding.message
    assert finding.message.endswith("later passed to `cross_val_score` (line 8)")


def test_lambda_comprehension_and_while_loop():
    assert found(
        """\
        resample = lambda a, b: SMOTE().fit_resample(a, b)
        Xr, yr = resample(X, y)
        folds = [train_test_split(Xr, yr, stratify=yr) for _ in range(3)]
        """
    ) == {("SG101", 1)}
    assert found(
        """\
        i = 0
        while i < 3:
            X, y = SMOTE().fit_resample(X, y)
            i += 1
        cross_val_score(LogisticRegression(), X, y, scoring="f1")
        """
    ) == {("SG101", 3)}


def test_values_carried_round_a_loop_are_seen():
    assert found(
        """\
        data = (X, y)
        for step in range(2):
            if step == 1:
                parts = train_test_split(*data, stratify=data[1])
            data = SMOTE().fit_resample(*data)
        """
    ) == {("SG101", 5)}


def test_dict_and_list_containers():
    assert found(
        """\
        store = {}
        store["X"], store["y"] = SMOTE().fit_resample(X, y)
        cross_val_score(LogisticRegression(), store["X"], store["y"], scoring="f1")
        """
    ) == {("SG101", 2)}
    assert found(
        """\
        batches = []
        batches.append(SMOTE().fit_resample(X, y))
        for Xb, yb in batches:
            cross_val_score(LogisticRegression(), Xb, yb, scoring="f1")
        """
    ) == {("SG101", 2)}


def test_star_import_falls_back_on_distinctive_names():
    text = textwrap.dedent(
        """\
        from imblearn.over_sampling import *
        from sklearn.model_selection import *
        Xr, yr = ADASYN().fit_resample(X, y)
        parts = train_test_split(Xr, yr, stratify=yr)
        """
    )
    assert [(f.code, f.line) for f in audit_text(text)] == [("SG101", 3)]


def test_sklearn_pipeline_message_names_where_it_is_used():
    [finding] = audit_text(
        textwrap.dedent(
            """\
            from sklearn.pipeline import make_pipeline
            from sklearn.svm import SVC
            from imblearn.under_sampling import TomekLinks
            pipe = make_pipeline(TomekLinks(), SVC())
            pipe.fit(X_train, y_train)
            """
        )
    )
    assert (finding.code, finding.line) == ("SG103", 4)
    assert "sampler TomekLinks" in finding.message
    assert "fitted at line 5" in finding.message
    assert finding.related[0].line == 5


def test_a_sampler_fit_alone_resamples_nothing():
    assert (
        found(
            """\
        sampler = SMOTE().fit(X, y)
        parts = train_test_split(X, y, stratify=y)
        """
        )
        == set()
    )


def test_resampled_but_never_split_scored_or_cross_validated_is_not_reported():
    assert (
        found(
            """\
        Xr, yr = SMOTE().fit_resample(X, y)
        print(yr.value_counts())
        final = LogisticRegression().fit(Xr, yr)
        final.predict(X_new)
        """
        )
        == set()
    )


def test_resampled_training_part_cross_validated_again_is_reported():
    assert found(
        """\
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y)
        X_res, y_res = SMOTE().fit_resample(X_tr, y_tr)
        cross_val_score(LogisticRegression(), X_res, y_res, scoring="f1")
        """
    ) == {("SG101", 2)}


def test_recursion_classes_and_methods_do_not_hang():
    assert (
        found(
            """\
        def forever(a, b):
            return forever(a, b)

        class Balancer:
            def run(self, a, b):
                return SMOTE().fit_resample(a, b)

        forever(X, y)
        Xr, yr = Balancer().run(X, y)
        """
        )
        == set()
    )


def test_uncalled_function_is_analyzed_on_its_own():
    assert found(
        """\
        def experiment(features, labels):
            Xr, yr = SMOTE().fit_resample(features, labels)
            return cross_val_score(LogisticRegression(), Xr, yr, scoring="f1")
        """
    ) == {("SG101", 2)}


def test_deeply_nested_code_is_a_finding_not_a_crash():
    text = "x = " + "(" * 150 + "1" + ")" * 150 + "\n"
    codes = {f.code for f in audit_text(text)}
    assert codes <= {"SG000"}
    deep = "x = " + " + ".join(["y"] * 20000) + "\n"
    assert {f.code for f in audit_text(deep)} <= {"SG000"}


def test_heldout_names():
    for name in ["X_test", "y_val", "df_valid", "Xtest", "X_te", "holdout", "testData"]:
        assert looks_heldout(name), name
    for name in ["X_train", "latest", "contest", "attest", "X", "values", "vertex"]:
        assert not looks_heldout(name), name


@pytest.mark.parametrize(
    "call",
    [
        "cross_val_score(LogisticRegression(), Xr, yr, scoring='f1')",
        "cross_validate(estimator=LogisticRegression(), X=Xr, y=yr, scoring='f1')",
        "cross_val_predict(LogisticRegression(), Xr, yr)",
        "learning_curve(LogisticRegression(), Xr, yr, scoring='f1')",
        "validation_curve(LogisticRegression(), Xr, yr, param_name='C', "
        "param_range=[1, 10], scoring='f1')",
        "permutation_test_score(LogisticRegression(), Xr, yr, scoring='f1')",
        "ms.cross_val_score(LogisticRegression(), Xr, yr, scoring='f1')",
        "sklearn.model_selection.cross_val_score(LogisticRegression(), Xr, yr, "
        "scoring='f1')",
        "RandomizedSearchCV(LogisticRegression(), {'C': [1, 10]}, scoring='f1')"
        ".fit(Xr, yr)",
        "LogisticRegressionCV(scoring='f1').fit(Xr, yr)",
        "ms.ShuffleSplit().split(Xr)",
    ],
)
def test_every_cross_validation_entry_point_is_a_sink(call):
    text = (
        "import sklearn.model_selection\n"
        "from sklearn import model_selection as ms\n"
        "from sklearn.model_selection import *\n"
        "from sklearn.linear_model import LogisticRegression, LogisticRegressionCV\n"
        "from imblearn.under_sampling import RandomUnderSampler\n"
        "Xr, yr = RandomUnderSampler().fit_resample(X, y)\n"
        f"result = {call}\n"
    )
    findings = audit_text(text)
    assert ("SG101", 6) in {(f.code, f.line) for f in findings}, call
    sg101 = next(f for f in findings if f.code == "SG101")
    assert sg101.related[0].line == 7


def test_user_function_shadowing_a_library_name_is_followed():
    assert (
        found(
            """\
        def train_test_split(a, b):
            return a[:100], a[100:], b[:100], b[100:]

        Xr, yr = SMOTE().fit_resample(X, y)
        parts = train_test_split(Xr, yr)
        """
        )
        == set()
    )


def test_a_function_nobody_calls_explores_both_sides_of_its_flags():
    """Constants are propagated from call sites only: a helper nobody calls may
    be called with anything, so its flag's branch is still audited."""
    findings = audit_text(
        textwrap.dedent(
            """
            from imblearn.over_sampling import SMOTE
            from sklearn.model_selection import train_test_split

            def build(X, y, balance=False):
                if balance:
                    X, y = SMOTE().fit_resample(X, y)
                return train_test_split(X, y, stratify=y)
            """
        )
    )
    assert [f.code for f in findings] == ["SG101"]


def test_constant_conditions_fold_through_not_and_comparisons():
    findings = audit_text(
        textwrap.dedent(
            """
            from imblearn.over_sampling import SMOTE
            from sklearn.model_selection import train_test_split

            MODE = "honest"

            def build(X, y, quick=False):
                if not quick and MODE == "leaky":
                    X, y = SMOTE().fit_resample(X, y)
                return train_test_split(X, y, stratify=y)

            build(X, y)
            build(X, y, quick=True)
            """
        )
    )
    assert findings == []


def test_every_composite_of_preprocessing_leaks_what_its_steps_leak():
    shapes = {
        "make_column_transformer((StandardScaler(), ['a']), remainder='drop')": [
            "SG201"
        ],
        "DataFrameMapper([(['a'], [SimpleImputer(), StandardScaler()])])": [
            "SG201",
            "SG202",
        ],
        "make_union(PCA(2), make_pipeline(SimpleImputer(), StandardScaler()))": [
            "SG201",
            "SG202",
            "SG205",
        ],
        "make_pipeline(OneHotEncoder(), SelectKBest(k=3))": ["SG203"],
        # a model at the end: fitting it is training, not preprocessing
        "make_pipeline(StandardScaler(), LogisticRegression())": [],
        "make_column_transformer((OneHotEncoder(), ['c']))": [],
    }
    header = textwrap.dedent(
        """
        from sklearn.compose import make_column_transformer
        from sklearn.decomposition import PCA
        from sklearn.feature_selection import SelectKBest
        from sklearn.impute import SimpleImputer
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import train_test_split
        from sklearn.pipeline import make_pipeline, make_union
        from sklearn.preprocessing import OneHotEncoder, StandardScaler
        from sklearn_pandas import DataFrameMapper
        """
    )
    for composite, codes in shapes.items():
        program = (
            header
            + f"prep = {composite}\n"
            + "Z = prep.fit_transform(df, y)\n"
            + "Z_tr, Z_te, y_tr, y_te = train_test_split(Z, y, stratify=y)\n"
        )
        found = sorted(f.code for f in audit_text(program))
        assert found == codes, composite


def test_random_split_methods_of_dask_and_spark_frames_are_splits():
    for call in ("data.random_split([0.8, 0.2])", "data.randomSplit([0.8, 0.2])"):
        program = textwrap.dedent(
            f"""
            from imblearn.over_sampling import SMOTE
            from sklearn.linear_model import LogisticRegression
            from sklearn.metrics import average_precision_score
            train, test = {call}
            X_res, y_res = SMOTE().fit_resample(train.drop(columns="y"), train["y"])
            model = LogisticRegression().fit(X_res, y_res)
            proba = model.predict_proba(test.drop(columns="y"))[:, 1]
            print(average_precision_score(test["y"], proba))
            """
        )
        assert audit_text(program) == [], call


def test_a_slice_alone_is_a_subsample_not_a_split():
    """A resampled training part sliced to fit faster is not split: a slice is a
    split only once both of its sides are fitted on, predicted or scored."""
    findings = audit_text(
        textwrap.dedent(
            """
            from imblearn.over_sampling import SMOTE
            from sklearn.linear_model import LogisticRegression
            from sklearn.metrics import f1_score
            from sklearn.model_selection import train_test_split

            X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y)
            X_res, y_res = SMOTE().fit_resample(X_tr, y_tr)
            model = LogisticRegression().fit(X_res[:1000], y_res[:1000])
            print(f1_score(y_te, model.predict(X_te)))
            tail = X[500:]
            X_tail, y_tail = SMOTE().fit_resample(tail, y[500:])
            """
        )
    )
    assert findings == []


def _all(text: str) -> list[tuple[str, int]]:
    return sorted((f.code, f.line) for f in audit_text(textwrap.dedent(text)))


def test_one_duplication_by_hand_of_x_and_y_is_one_finding():
    text = """\
        import numpy as np
        from sklearn.linear_model import LogisticRegression
        from sklearn.metrics import f1_score
        from sklearn.model_selection import train_test_split
        X, y = np.load("X.npy"), np.load("y.npy")
        minority = y == 1
        X_up = np.vstack([X, X[minority]])
        y_up = np.concatenate([y, y[minority]])
        X_tr, X_te, y_tr, y_te = train_test_split(X_up, y_up, stratify=y_up)
        model = LogisticRegression().fit(X_tr, y_tr)
        print(f1_score(y_te, model.predict(X_te)))
        """
    assert _all(text) == [("SG101", 7)]


def test_one_choice_on_one_test_set_is_one_sg106_finding():
    text = """\
        import numpy as np
        from sklearn.linear_model import LogisticRegression
        from sklearn.metrics import f1_score
        from sklearn.model_selection import train_test_split
        X, y = np.load("X.npy"), np.load("y.npy")
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y)
        scores = {}
        for C in [0.1, 1.0, 10.0]:
            model = LogisticRegression(C=C).fit(X_tr, y_tr)
            scores[C] = f1_score(y_te, model.predict(X_te))
        best_C = max(scores, key=scores.get)
        best_f1 = max(scores.values())
        print(best_C, best_f1)
        """
    assert _all(text) == [("SG106", 11)]


def test_a_split_by_one_permutation_is_not_called_folds():
    text = """\
        import numpy as np
        from imblearn.over_sampling import SMOTE
        from sklearn.linear_model import LogisticRegression
        from sklearn.metrics import f1_score
        X, y = np.load("X.npy"), np.load("y.npy")
        X_res, y_res = SMOTE().fit_resample(X, y)
        idx = np.random.permutation(len(X_res))
        k = int(0.8 * len(idx))
        model = LogisticRegression().fit(X_res[idx[:k]], y_res[idx[:k]])
        print(f1_score(y_res[idx[k:]], model.predict(X_res[idx[k:]])))
        """
    [finding] = audit_text(textwrap.dedent(text))
    assert finding.code == "SG101"
    assert "later split by `idx[:k]`" in finding.message
    assert "folds" not in finding.message


_FLAGGED_HELPER = """\
from sklearn.preprocessing import StandardScaler

def prep(X, y, scale=False):
    if scale:
        X = StandardScaler().fit_transform(X)
    return X, y

{setup}
X, y = {call}
parts = train_test_split(X, y, stratify=y)
"""


@pytest.mark.parametrize(
    ("setup", "call", "leaks"),
    [
        ('CONFIG = {"scale": True}', "prep(X, y, **CONFIG)", True),
        ("", 'prep(X, y, **{"scale": True})', True),
        ("opts = load_options()", "prep(X, y, **opts)", True),
        ("extra = load_extra()", "prep(X, y, *extra)", True),
        ("import functools", "functools.partial(prep, scale=True)(X, y)", True),
        ("from functools import partial", "partial(prep, y=y, scale=True)(X)", True),
        ('table = {"prep": prep}', 'table["prep"](X, y, scale=True)', True),
        (
            'import sys\ngetattr(sys.modules[__name__], "prep")(X, y, scale=True)',
            "prep(X, y)",
            True,
        ),
        ("df_pipe = X.pipe(prep, y, scale=True)", "prep(X, y)", True),
        ('CONFIG = {"scale": False}', "prep(X, y, **CONFIG)", False),
        ("", 'prep(X, y, **{"verbose": 1}) if False else prep(X, y)', False),
        ("", "prep(*(X, y))", False),
        ("from functools import partial", "partial(prep, y=y)(X)", False),
    ],
)
def test_a_flag_set_where_the_analysis_cannot_see_means_both_branches(
    setup, call, leaks
):
    # `**opts`, `*args`, partial, getattr by name, a function handed on: any
    # parameter the call site may set is unknown, not left at its default
    findings = {
        code for code, _ in found(_FLAGGED_HELPER.format(setup=setup, call=call))
    }
    assert ("SG201" in findings) is leaks


_SCORED = """\
from sklearn.metrics import f1_score, roc_auc_score
from sklearn.tree import DecisionTreeClassifier

X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y)
models = [
    LogisticRegression().fit(X_tr, y_tr),
    DecisionTreeClassifier().fit(X_tr, y_tr),
]
results = []
for C in (0.1, 1.0, 10.0):
    m = LogisticRegression(C=C).fit(X_tr, y_tr)
    results.append((roc_auc_score(y_te, m.predict_proba(X_te)[:, 1]), C))
"""


@pytest.mark.parametrize(
    "choice",
    [
        "best = max(models, key=lambda m: f1_score(y_te, m.predict(X_te)))",
        "best = min(models, key=lambda m: -f1_score(y_te, m.predict(X_te)))",
        "best = sorted(models, key=lambda m: f1_score(y_te, m.predict(X_te)))[-1]",
        "results.sort(reverse=True)\nbest = results[0]",
        "best = sorted(results)[-1]",
        "best = max(results)",
        "best = min(results, key=lambda r: -r[0])",
        "import heapq\nbest = heapq.nlargest(1, results)",
        "import numpy as np\nbest = np.argsort([r[0] for r in results])[-1]",
    ],
)
def test_any_choice_over_test_scores_is_multi_test(choice):
    assert "SG106" in {code for code, _ in found(_SCORED + choice + "\n")}


def test_ranking_models_by_training_cv_scores_is_not_multi_test():
    body = _SCORED.split("results = []")[0] + (
        "best = max(models, key=lambda m: cross_val_score(m, X_tr, y_tr).mean())\n"
    )
    assert "SG106" not in {code for code, _ in found(body)}


_FLAGGED_CLASS = """\
from sklearn.preprocessing import StandardScaler

class Prep:
    def __init__(self, scale=False):
        self.scale = scale

    def run(self, X, y, scale=False):
        if scale or self.scale:
            X = StandardScaler().fit_transform(X)
        return X, y

X, y = {call}
parts = train_test_split(X, y, stratify=y)
"""


@pytest.mark.parametrize(
    ("call", "leaks"),
    [
        ("Prep(**opts).run(X, y)", True),
        ('Prep(**{"scale": True}).run(X, y)', True),
        ("Prep().run(X, y, **opts)", True),
        ('getattr(Prep(), "run")(X, y, scale=True) and Prep().run(X, y)', True),
        ('Prep(**{"scale": False}).run(X, y)', False),
        ("Prep().run(X, y)", False),
    ],
)
def test_unseen_arguments_of_classes_and_methods_mean_both_branches(call, leaks):
    findings = {code for code, _ in found(_FLAGGED_CLASS.format(call=call))}
    assert ("SG201" in findings) is leaks


@pytest.mark.parametrize(
    ("call", "code", "fires"),
    [
        ("parts = train_test_split(X, y, **split_options)", "SG301", False),
        ("parts = train_test_split(X, y, **{'stratify': y})", "SG301", False),
        ("parts = train_test_split(X, y, **{'test_size': 0.2})", "SG301", True),
        ("cross_val_score(LogisticRegression(), X, y, **cv_options)", "SG401", False),
        ("cross_val_score(LogisticRegression(), X, y, **{'cv': 3})", "SG401", True),
    ],
)
def test_library_keywords_spread_from_an_unknown_dict_may_be_set(call, code, fires):
    # `**options` may hold stratify= or scoring=: an unseen keyword is
    # unknown, not absent; a known dict passes exactly its keys
    body = "from sklearn.datasets import make_classification\n"
    body += "X, y = make_classification(weights=[0.9])\n" + call + "\n"
    assert (code in {c for c, _ in found(body)}) is fires
