"""What estimators do: construction, fit, transform, predict, score, learned attributes.

The names come from :mod:`..catalog`; which methods do what is the table
:data:`ESTIMATOR_METHODS`.
"""

from __future__ import annotations

import ast
from dataclasses import replace

from .. import catalog as cat
from ..codes import SG203
from ..rules import CHECKS
from ..values import (
    DATA_KINDS,
    EMPTY,
    META,
    UNKNOWN,
    Event,
    Obj,
    Site,
    Taint,
    Tuning,
    V,
    as_rows,
    element,
    flatten,
    scoring_kinds,
    short,
)


class EstimatorCalls:
    """Mixin of :class:`~smoteguard.audit.analysis.Analyzer`: estimator objects."""

    def estimator_attribute(self, base: V, name: str) -> V:
        bound = (base, name)
        objs = base.objs
        if name in ("best_estimator_", "estimator", "estimator_", "base_estimator"):
            inner = frozenset(i for o in objs for i in o.inner)
            return V("est", objs=inner or objs, bound=bound)
        if name in ("named_steps", "steps"):
            steps = frozenset(s for o in objs for step in o.steps for s in step)
            return V("dict", elem=V("est", objs=steps), bound=bound)
        if name.endswith("_") and not name.startswith("_"):
            return self.learned(objs, bound)
        return V("unknown", bound=bound)

    def learned(self, objs: frozenset, bound: tuple | None = None) -> V:
        """Something an estimator learned (``mean_``, ``get_support()``,
        ``feature_importances_``): a statistic of the rows it was fitted on."""
        taints = frozenset(
            Taint("S", o.fit_event, o.fit_event.rule)
            for o in objs
            if o.fit_event is not None and o.fit_event.pre_split
        )
        return V("stat", taints=taints, bound=bound)

    # -- estimators --------------------------------------------------------------------

    def construct(
        self,
        category: str,
        name: str,
        args: list[V],
        kwargs: dict[str, V],
        node: ast.Call,
    ) -> V:
        obj = Obj(name=name, category=category, site=self.site(node), label=short(node))
        self.objects.append(obj)
        if category.startswith("pipeline"):
            if name == "make_pipeline":
                step_values = args
            else:
                steps = self.arg(args, kwargs, 0, "steps")
                step_values = [
                    item.items[1]
                    if item.kind == "seq" and item.items and len(item.items) > 1
                    else element(item)
                    for item in (steps.items or (element(steps),) if steps else ())
                ]
            obj.steps = [
                v.objs for v in step_values if v is not None and v.kind == "est"
            ]
        elif category == "composite":
            # (name, transformer, columns) triples, (columns, transformer) pairs,
            # lists of transformers: every estimator inside is a part
            parts = flatten([*args, *kwargs.values()])
            obj.steps = [v.objs for v in parts if v.kind == "est"]
        elif (
            category == "search"
            or cat.is_internal_cv(name)
            or category in ("selector", "classifier")
        ):
            inner = self.arg(args, kwargs, 0, "estimator", "base_estimator")
            if inner is not None and inner.kind == "est":
                obj.inner = inner.objs
            obj.cv = kwargs.get("cv")
            obj.scoring = kwargs.get("scoring")
        return V("est", objs=frozenset({obj}))

    def estimator_method(
        self,
        receiver: V,
        attr: str,
        args: list[V],
        kwargs: dict[str, V],
        node: ast.Call,
    ) -> V:
        objs = receiver.objs
        X = self.arg(args, kwargs, 0, "X", "raw_documents")
        y = self.arg(args, kwargs, 1, "y")
        action = cat.ESTIMATOR_METHODS.get(attr)
        if attr == "sample" and any(o.category == "sampler" for o in objs):
            action = "resample"  # smote-variants
        if action == "resample":
            return self.resample(objs, [X, y], node, label=self.call_label(node, objs))
        if action in ("fit", "fit_transform", "fit_predict"):
            for obj in objs:
                self.fit(obj, X, y, node)
            self.early_stopping(kwargs, node, objs)
        if action == "fit":
            return receiver
        if action in ("transform", "fit_transform"):
            return self.transform(objs, X)
        if action in ("predict", "fit_predict"):
            return self.predict(objs, X)
        if action == "score":
            return self.score(objs, X, y, node)
        if action == "split":
            groups = self.arg(args, kwargs, 2, "groups")
            return self.splitter_split(objs, X, y, groups, node)
        if action == "itself":
            return receiver
        if action == "learned":
            return self.learned(objs)
        if action == "meta":
            return META
        return self.generic([*args, *kwargs.values()], node)

    def early_stopping(
        self, kwargs: dict[str, V], node: ast.Call, objs: frozenset = EMPTY
    ) -> None:
        """``fit(..., validation_data=(X_val, y_val), callbacks=[EarlyStopping()])``
        or ``eval_set=[...]`` with ``early_stopping_rounds`` given to ``fit`` or
        to the model's constructor (xgboost >= 2, CatBoost, LightGBM): the
        monitored rows choose when training stops, which is tuning on them
        (SG104)."""
        monitored = [kwargs[k] for k in cat.MONITOR_ARGUMENTS if k in kwargs]
        stops = any(k in kwargs for k in cat.STOPPING_ARGUMENTS) or any(
            _stops_early(obj) for obj in objs
        )
        if monitored and stops:
            rows = self.generic(monitored, node)
            if rows.kind == "data":
                self.tunings.append(Tuning(self.site(node), short(node), rows))

    def call_label(self, node: ast.Call, objs: frozenset) -> str:
        label = short(node)
        names = sorted({o.name for o in objs})
        if names and not any(n in label for n in names):
            label += f" ({'/'.join(names)})"
        return label

    def fit(self, obj: Obj, X: V | None, y: V | None, node: ast.Call) -> None:
        category = obj.category
        if category in ("sampler", "splitter", "kfold"):
            return  # a sampler's fit() resamples nothing
        X = X or UNKNOWN
        site = self.site(node)
        if is_preprocessing(obj):
            # a preprocessing-only pipeline, ColumnTransformer, FeatureUnion...:
            # it leaks what each of its steps would leak when fitted here
            self.note_use(frozenset({obj}), site)
            for leaf in leaves(obj):
                if leaf.category in cat.TRANSFORMER_RULES:
                    self.fit(leaf, X, y, node)
            return
        self.use_rows([X, y], fitting=True)
        label = f"{short(node.func)}()"
        if obj.category in cat.TRANSFORMER_RULES:
            label = self.call_label(node, frozenset({obj}))
        pre_split = not X.splits and X.kind in DATA_KINDS
        self.note_use(frozenset({obj}), site)
        if category == "search":
            self.tunings.append(Tuning(site, short(node), X))
        if category == "search" or cat.is_internal_cv(obj.name):
            self.leak_sink([X, y], site, f"used to fit `{short(node.func)}`")
            self.splitter_use(obj.cv, site, obj.inner or frozenset({obj}), y)
        rule = cat.TRANSFORMER_RULES.get(category, SG203)
        obj.fit_event = Event(
            "fit",
            site,
            label,
            rule=rule,
            origins=X.origins,
            pre_split=pre_split,
            select_only=category not in cat.TRANSFORMER_RULES,
        )
        if category in cat.TRANSFORMER_RULES:
            for split in _test_part_alone(X):
                for check in CHECKS["on_test_fit"]:
                    check(self, obj.fit_event, split)
            return
        obj.trained = frozenset(
            t.event for t in X.taints if t.kind == "R" and t.event.pre_split
        )
        obj.fit_rows, obj.fit_site = X, site
        self.note_target(y)
        if obj.is_classifier():
            self.note_classes(y)
        elif obj.is_regressor():
            self.note_regression(y)

    def transform(self, objs: frozenset, X: V | None) -> V:
        out = as_rows(X or UNKNOWN)
        added = set()
        for obj in frozenset().union(*(expand_preprocessing(o) for o in objs)):
            event = obj.fit_event
            if obj.category in cat.TRANSFORMER_RULES and event and event.pre_split:
                added.add(Taint("F", event, event.rule))
                self.check_overlap(event, event.rule, out)
        return replace(out, taints=out.taints | frozenset(added)) if added else out

    def fit_function(self, rule: str, args: list[V], node: ast.Call) -> V:
        """``scale(X)`` and friends: fit and transform in one call."""
        X = as_rows(args[0]) if args else V("data")
        if X.splits or not args or args[0].kind not in DATA_KINDS:
            return X
        event = Event("fit", self.site(node), short(node), rule=rule, origins=X.origins)
        return replace(X, taints=X.taints | {Taint("F", event, rule)})

    def predict(self, objs: frozenset, X: V | None) -> V:
        self.use_rows([X])
        out = as_rows(X or UNKNOWN)
        return replace(out, preds=out.preds | objs, flags=out.flags - {"heldout"})

    def score(self, objs: frozenset, X: V | None, y: V | None, node: ast.Call) -> V:
        site = self.site(node)
        label = f"{short(node.func)}()"
        self.use_rows([X, y])
        self.leak_sink([X, y], site, f"scored by `{label}`", scoring=True)
        self.scored(objs, [X, y], site, label)
        classifiers = frozenset(o for o in objs if o.is_classifier())
        if classifiers:
            self.note_classes(y)
            for obj in classifiers:
                kinds = (
                    scoring_kinds(obj.scoring)
                    if obj.category == "search"
                    else {"accuracy"}
                )
                for kind in kinds:
                    self.evaluation(kind, frozenset({obj}), node, label)
        return self.score_value(objs, [X, y])

    def note_use(self, objs: frozenset, site: Site, depth: int = 0) -> None:
        """A pipeline (possibly inside a search) is fitted or cross-validated."""
        for obj in objs:
            if obj.category == "pipeline_sklearn" and obj.first_use is None:
                obj.first_use = site
            if depth < 4:
                self.note_use(obj.inner, site, depth + 1)


#: categories of estimators that only transform rows
_TRANSFORMING = frozenset(cat.TRANSFORMER_RULES) | {"transformer", "composite"}


def leaves(obj: Obj, depth: int = 0) -> frozenset:
    """The estimators inside a pipeline or a composite, nested ones included.

    Parameters
    ----------
    obj : Obj
    depth : int, default=0

    Returns
    -------
    frozenset of Obj
        ``{obj}`` itself for anything else.
    """
    if depth > 5 or not (
        obj.category.startswith("pipeline") or obj.category == "composite"
    ):
        return frozenset({obj})
    return frozenset(
        leaf for step in obj.steps for part in step for leaf in leaves(part, depth + 1)
    )


def is_preprocessing(obj: Obj) -> bool:
    """Whether ``obj`` is a composite of preprocessing steps only: a
    ColumnTransformer / FeatureUnion / DataFrameMapper, or a pipeline whose last
    step is one of the transformers the catalogue knows (not a model).

    Parameters
    ----------
    obj : Obj

    Returns
    -------
    bool
    """
    if obj.category == "composite":
        return True
    if not obj.category.startswith("pipeline") or not obj.steps:
        return False
    last = obj.steps[-1]
    return bool(last) and all(
        part.category in _TRANSFORMING
        or (part.category.startswith("pipeline") and is_preprocessing(part))
        for part in last
    )


def expand_preprocessing(obj: Obj) -> frozenset:
    """The steps of a preprocessing composite (``{obj}`` for anything else).

    Parameters
    ----------
    obj : Obj

    Returns
    -------
    frozenset of Obj
    """
    return leaves(obj) if is_preprocessing(obj) else frozenset({obj})


def _stops_early(obj: Obj) -> bool:
    """Whether ``obj`` was built with early stopping on its eval set
    (``XGBClassifier(early_stopping_rounds=50)``, ``callbacks=[...]``,
    CatBoost's ``od_wait``...)."""
    call = obj.site.node
    if not isinstance(call, ast.Call):
        return False
    return any(
        k.arg in cat.STOPPING_CONSTRUCTOR_ARGUMENTS
        and not (isinstance(k.value, ast.Constant) and k.value.value in (None, 0))
        for k in call.keywords
    )


def _test_part_alone(X: V) -> list[Event]:
    """The library splits (not hand-made ones, whose sides are guessed) whose
    test part, and not their training part, ``X`` holds."""
    return [
        split
        for split, role in X.splits
        if role == "test"
        and not split.manual
        and not split.nested
        and (split, "train") not in X.splits
    ]
