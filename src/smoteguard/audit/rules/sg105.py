"""SG105."""

from __future__ import annotations

from ..codes import SG105
from ..values import Site, covers_test_rows, test_splits
from ._rule import Rule

RULE = Rule(
    code=SG105,
    name="test-rows-in-training",
    title="a model fitted on data that contains the rows it is then tested on",
    fix="Fit the model on the training part only; refit on all rows only for "
    "the final model, after the score has been reported.",
    why="""
    A test score means something only for rows the model has not been fitted
    on. When the test part (or a table that still contains it, such as the
    full data, or training and test parts concatenated back together) is what
    the model is fitted on, the score is measured on training rows: a flexible
    model can be close to perfect on them whatever it will do on new data.

    The rule fires on the fit when the same model is afterwards scored (score()
    or a metric of its predictions) on the test side of a split, and the rows
    it was fitted on hold that test side: np.vstack / pd.concat of X_train and
    X_test, the unsplit table, or X_test itself. Refitting on everything after
    the score is reported is not flagged.
    """,
    leaky="""
    import pandas as pd
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.metrics import f1_score
    from sklearn.model_selection import train_test_split

    X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y)
    X_all, y_all = pd.concat([X_train, X_test]), pd.concat([y_train, y_test])
    model = RandomForestClassifier().fit(X_all, y_all)
    print(f1_score(y_test, model.predict(X_test)))
    """,
    fixed="""
    import pandas as pd
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.metrics import f1_score
    from sklearn.model_selection import train_test_split

    X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y)
    model = RandomForestClassifier().fit(X_train, y_train)
    print(f1_score(y_test, model.predict(X_test)))
    final = RandomForestClassifier().fit(pd.concat([X_train, X_test]), y)
    """,
)


def on_scored(an, objs: frozenset, values: list, site: Site, label: str) -> None:
    """A model scored on test rows it was fitted on.

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
    splits = test_splits(values)
    for obj in sorted(objs, key=lambda o: o.site.line):
        rows = obj.fit_rows
        if rows is None or obj.trained or obj.category == "search":
            continue  # resampled unsplit rows: SG101; searches: SG104
        for split in splits:
            if covers_test_rows(rows, split):
                an.report(
                    SG105,
                    obj.fit_site,
                    f"`{obj.label}` is fitted on rows that include the test "
                    f"part of `{split.label}` ({an.where(split.site.line)}), and "
                    f"then scored on it by `{label}` ({an.where(site.line)})",
                    (("scored", site), ("the split", split.site)),
                )
                break
