"""Resampling, splitting and cross-validation calls."""

from __future__ import annotations

import ast
from dataclasses import replace

from ..codes import SG102, SG104
from ..rules import CHECKS
from ..values import (
    EMPTY,
    META,
    ROWS_OR_STATS,
    UNKNOWN,
    Event,
    Site,
    Taint,
    Tuning,
    Use,
    V,
    as_rows,
    flatten,
    position,
    scoring_kinds,
    short,
)


class SplitCalls:
    """Mixin of :class:`~smoteguard.audit.analysis.Analyzer`: samplers, splits
    and cross-validation."""

    # -- resampling -----------------------------------------------------------------

    def resample(
        self, objs: frozenset, arrays: list[V | None], node: ast.Call, label: str
    ) -> V:
        site = self.site(node)
        present = [a for a in arrays if a is not None]
        splits = frozenset().union(*(a.splits for a in present))
        origins = frozenset().union(*(a.origins for a in present))
        event = Event(
            "resample",
            site,
            label,
            origins=origins,
            pre_split=not splits,
            by_hand=not objs and len(present) == 1,
        )
        tests = sorted(
            (s for s, role in splits if role == "test" and s.is_split()),
            key=lambda split: position(split.site),
        )
        if tests or any("heldout" in a.flags for a in present):
            event.rule = SG102  # reported as such; not SG101 when scored
        for check in CHECKS["on_resample"]:
            check(self, event, present, node, tests)
        if len(present) > 1:
            self.note_classes(present[-1])
            self.note_target(present[-1])
        taint = Taint("R", event, None)
        outputs = []
        for a in arrays:
            if a is None:
                continue
            rows = as_rows(a)
            outputs.append(
                replace(
                    rows, taints=rows.taints | {taint}, flags=rows.flags - {"heldout"}
                )
            )
        return V("seq", items=tuple(outputs))

    # -- splitting and cross-validation ------------------------------------------------

    def train_test_split(
        self, args: list[V], kwargs: dict[str, V], node: ast.Call
    ) -> V:
        site = self.site(node)
        arrays = list(args)
        stratify = kwargs.get("stratify")
        shuffle = kwargs.get("shuffle")
        split = Event(
            "split",
            site,
            "train_test_split",
            origins=frozenset().union(*(a.origins for a in arrays))
            if arrays
            else EMPTY,
            stratified=stratify is not None
            and not (stratify.kind == "const" and stratify.const is None),
            shuffled=not (shuffle is not None and shuffle.const is False),
            label_origins=arrays[-1].origins if arrays else EMPTY,
            label_cols=arrays[-1].cols if arrays else EMPTY,
        )
        split.nested = is_training_part(arrays)
        self.split_events.append(split)
        self.leak_sink(arrays, site, "split by `train_test_split`")
        if stratify is not None:
            self.note_target(stratify)
        outputs: list[V] = []
        for a in arrays:
            rows = as_rows(a)
            flags = rows.flags - {"heldout"}
            if a.kind not in ROWS_OR_STATS:
                flags |= {"indexer"}
            for role in ("train", "test"):
                outputs.append(
                    replace(rows, splits=rows.splits | {(split, role)}, flags=flags)
                )
        return V("seq", items=tuple(outputs))

    def splitter_split(
        self,
        objs: frozenset,
        X: V | None,
        y: V | None,
        groups: V | None,
        node: ast.Call,
    ) -> V:
        site = self.site(node)
        present = [v for v in (X, y) if v is not None]
        label = f"{short(node.func)}()"
        split = Event(
            "split",
            site,
            label,
            origins=frozenset().union(*(v.origins for v in present))
            if present
            else EMPTY,
            label_origins=(y or X).origins if (y or X) is not None else EMPTY,
            label_cols=(y or X).cols if (y or X) is not None else EMPTY,
        )
        split.nested = is_training_part(present)
        self.leak_sink(present, site, f"split into folds by `{label}`")
        for obj in objs:
            if obj.category == "kfold":
                obj.uses.append(Use(site, split=split))
        # the strata of a stratified splitter are categories, but not a sign
        # that the task is classification (binned incomes stratify regressions)
        train = V(
            "data", splits=frozenset({(split, "train")}), flags=frozenset({"indexer"})
        )
        test = V(
            "data", splits=frozenset({(split, "test")}), flags=frozenset({"indexer"})
        )
        return V("seq", elem=V("seq", items=(train, test)))

    def cross_validation(
        self, name: str, args: list[V], kwargs: dict[str, V], node: ast.Call
    ) -> V:
        site = self.site(node)
        estimator = self.arg(args, kwargs, 0, "estimator")
        X = self.arg(args, kwargs, 1, "X")
        y = self.arg(args, kwargs, 2, "y")
        objs = (
            estimator.objs
            if estimator is not None and estimator.kind == "est"
            else EMPTY
        )
        self.use_rows([X, y])
        tuning = None
        if X is not None and (self.objective_depth or self.scope.lookup("trial")):
            # an objective an optimiser calls (an Optuna objective takes a
            # `trial`): its cross-validation chooses the setting
            self.tunings.append(Tuning(site, short(node), X))
        elif X is not None and self.loop_depth:
            # settings compared by cross-validation in a loop: tuning once a
            # choice is made from the scores (max, argmax, `if s > best`...)
            tuning = Tuning(site, short(node), X)
        self.leak_sink([X, y], site, f"passed to `{name}`")
        self.note_use(objs, site)
        self.splitter_use(kwargs.get("cv"), site, objs, y)
        self.note_target(y)
        classifiers = frozenset(o for o in objs if o.is_classifier())
        if not classifiers and any(o.is_regressor() for o in objs):
            self.note_regression(y)
        if classifiers:
            self.note_classes(y)
            if name in ("cross_val_score", "cross_validate"):
                for kind in scoring_kinds(kwargs.get("scoring")):
                    self.evaluation(kind, classifiers, node, name)
        if name == "cross_val_predict":
            out = as_rows(X or UNKNOWN)
            return replace(out, preds=objs, taints=EMPTY)
        if tuning is not None:
            event = Event("tune", site, short(node), rule=SG104)
            self.pending_tunings[event] = tuning
            return V("stat", taints=frozenset({Taint("T", event, SG104)}))
        return META

    def splitter_use(
        self, cv: V | None, site: Site, estimators: frozenset, labels: V | None
    ) -> None:
        if cv is None or cv.kind != "est":
            return
        for obj in cv.objs:
            if obj.category == "kfold":
                obj.uses.append(Use(site, estimators=estimators, labels=labels))


def is_training_part(values: list[V]) -> bool:
    """Whether ``values`` are the training side of an earlier split (what they
    are split into is then a validation split).

    Parameters
    ----------
    values : list of V

    Returns
    -------
    bool
    """
    return any(role == "train" for v in flatten(values) for _, role in v.splits)
