"""SG104."""

from __future__ import annotations

from ..codes import SG104
from ..values import Site, covers_test_rows, test_splits
from ._rule import Rule

RULE = Rule(
    code=SG104,
    name="tuning-on-test-rows",
    title="hyperparameters tuned on rows that are later the test set of a score",
    fix="Tune on the training part only (fit the search on X_train, or nest the "
    "search inside the cross-validation) and score the chosen model once on the "
    "test part.",
    why="""
    A hyperparameter search picks the settings that score best on the rows it
    is given. When those rows include the ones later used as the test set, the
    chosen settings are partly fitted to the test set: the search has already
    seen which values work there, and the test score is optimistic in the same
    way a validation score is optimistic for the model it selected. The same
    holds for a loop that compares settings by cross-validation (or an Optuna
    objective that does) on data that includes the test rows.

    The rule fires on the search's fit (GridSearchCV, RandomizedSearchCV, the
    halving searches, BayesSearchCV, OptunaSearchCV...), on a cross-validation
    run inside a loop that picks a value, or on the cross-validation or the
    score computed by an objective handed to an optimiser (Optuna's study.optimize,
    hyperopt's fmin, scikit-optimize's gp_minimize), when a model is later
    scored (score() or a metric) on the test side of a split whose rows were
    part of that tuning: the tuning saw the unsplit data, or the test part
    itself. Early stopping is
    tuning too: a fit whose validation_data (Keras) or eval_set (XGBoost,
    LightGBM, CatBoost) holds the test part, with callbacks or
    early_stopping_rounds (given to fit or to the model's constructor, as
    xgboost >= 2 wants; CatBoost's od_wait / use_best_model) that let those rows
    decide when training stops; an eval_set that is only watched decides
    nothing and is not reported. An objective that scores each trial on the
    test part is reported as soon as the study's best value (best_value,
    best_trial; hyperopt's trials.best_trial) is read: that number is the best
    of many test scores.
    """,
    leaky="""
    from sklearn.model_selection import GridSearchCV, train_test_split
    from sklearn.svm import SVC
    from sklearn.metrics import roc_auc_score

    search = GridSearchCV(SVC(), {"C": [0.1, 1, 10]}, scoring="roc_auc").fit(X, y)
    X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y)
    model = SVC(**search.best_params_).fit(X_train, y_train)
    print(roc_auc_score(y_test, model.decision_function(X_test)))
    """,
    fixed="""
    from sklearn.model_selection import GridSearchCV, train_test_split
    from sklearn.svm import SVC
    from sklearn.metrics import roc_auc_score

    X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y)
    search = GridSearchCV(SVC(), {"C": [0.1, 1, 10]}, scoring="roc_auc")
    search.fit(X_train, y_train)
    print(roc_auc_score(y_test, search.decision_function(X_test)))
    """,
)


def on_scored(an, objs: frozenset, values: list, site: Site, label: str) -> None:
    """A score on test rows that an earlier tuning saw.

    Parameters
    ----------
    an : smoteguard.audit.interpreter.Interpreter
        The interpreter reading the file; findings go through ``an.report``.
    objs : frozenset
        The model objects being scored.
    values : list
        The abstract values involved (rows, scores); ``None`` is unknown.
    site : Site
        Where in the file (path, cell, line, column) the call happens.
    label : str
        The source text of the call, for the message.
    """
    for split in test_splits(values):
        for tuning in an.tunings:
            if covers_test_rows(tuning.rows, split):
                an.report(
                    SG104,
                    tuning.site,
                    f"{an.describe(tuning.site, tuning.label)} tunes on rows that "
                    f"are later the test set of `{label}` ({an.where(site.line)}), "
                    f"split by `{split.label}` ({an.where(split.site.line)})",
                    (("scored", site), ("the split", split.site)),
                )


def on_best(an, scores: list, site: Site, label: str) -> None:
    """The best value of an objective that scored the test part is read.

    Parameters
    ----------
    an : smoteguard.audit.interpreter.Interpreter
        The interpreter reading the file; findings go through ``an.report``.
    scores : list of (Site, str, Event)
        Where the objective scored test rows, the call, and the split.
    site : Site
        Where the best value is read (``study.best_value``).
    label : str
        The source text read, for the message.
    """
    score_site, score_label, split = scores[0]
    an.report(
        SG104,
        score_site,
        f"{an.describe(score_site, score_label)} scores each trial on the test "
        f"part of `{split.label}` ({an.where(split.site.line)}), and the best of "
        f"those scores is read by `{label}` ({an.where(site.line)}): the test "
        "part picked the setting it then measures",
        (("best value", site), ("the split", split.site)),
    )
