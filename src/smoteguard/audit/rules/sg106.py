"""SG106."""

from __future__ import annotations

from ..codes import SG106
from ..values import LOOP, Site, flatten
from ._rule import Rule

RULE = Rule(
    code=SG106,
    name="best-of-many-on-test",
    title="several models scored on one test set and the best one picked from it",
    fix="Choose between models on a validation split or by cross-validation on "
    "the training part, then score only the chosen model, once, on the test set.",
    why="""
    A test set gives an honest estimate for one model decided in advance. When
    several models or settings are scored on it and the best is kept (max,
    min, sorted, list.sort, argmax, argsort, heapq.nlargest, sort_values,
    idxmax, with or without a key= that scores each candidate, or an if that
    keeps the best so far), the
    reported score is the maximum of several noisy estimates, and the
    maximum is biased upwards: with ten models of equal skill the winner's test
    score is above its true skill by about one and a half standard errors.
    Yang et al. (ASE 2022) call this multi-test leakage.

    The rule fires where the best is picked, when two or more models (or one
    model built in a loop over settings, or one model's predictions scored in
    a loop or a comprehension over decision thresholds, as in
    max(f1_score(y_test, p > t) for t in grid)) were scored on the test side
    of the same split and the picked values are those scores. One finding is
    given per test set.
    """,
    leaky="""
    from sklearn.metrics import f1_score
    from sklearn.model_selection import train_test_split

    X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y)
    scores = {}
    for name, model in candidates.items():
        model.fit(X_train, y_train)
        scores[name] = f1_score(y_test, model.predict(X_test))
    best = max(scores, key=scores.get)
    """,
    fixed="""
    from sklearn.metrics import f1_score
    from sklearn.model_selection import cross_val_score, train_test_split

    X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y)
    scores = {}
    for name, model in candidates.items():
        scores[name] = cross_val_score(model, X_train, y_train, scoring="f1").mean()
    best = max(scores, key=scores.get)
    final = candidates[best].fit(X_train, y_train)
    print(f1_score(y_test, final.predict(X_test)))
    """,
)


def on_select(an, values: list, site: Site) -> None:
    """A best value picked among scores of several models on one test set
    (one finding per test set: ``max(scores, key=...)`` then
    ``max(scores.values())`` are the same choice).

    Parameters
    ----------
    an : smoteguard.audit.interpreter.Interpreter
        The interpreter reading the file; findings go through ``an.report``.
    values : list
        The abstract values involved (rows, scores); ``None`` is unknown.
    site : Site
        Where in the file (path, cell, line, column) the call happens.
    """
    reported = an.__dict__.setdefault("_sg106_splits", set())
    for v in flatten(values):
        if "score" not in v.flags:
            continue
        for split, role in v.splits:
            if split.nested or split in reported:
                continue  # choosing on a validation split is the remedy
            scorers = an.test_scorers.get(split, set())
            models = len(scorers - {LOOP})
            if LOOP in scorers:
                models = max(models, 2)
            if role == "test" and models >= 2:
                reported.add(split)
                more = "+" if LOOP in scorers else ""
                an.report(
                    SG106,
                    site,
                    f"picks the best of {models}{more} models or settings by their "
                    f"scores on the test part of `{split.label}` "
                    f"({an.where(split.site.line)}); that best score is biased upwards",
                    (("the split", split.site),),
                )
                return
