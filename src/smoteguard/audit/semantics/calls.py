"""Calls of imported names: by catalogue category, builtins, loaders, metrics."""

from __future__ import annotations

import ast

from .. import catalog as cat
from ..codes import SG201, SG203
from ..values import (
    DATA_KINDS,
    EMPTY,
    META,
    Evaluation,
    V,
    element,
    flatten,
    join_all,
    short,
)
from .data import across_columns


class ExternalCalls:
    """Mixin of :class:`~smoteguard.audit.analysis.Analyzer`: calls of
    imported functions and classes."""

    def external(
        self, qual: str, args: list[V], kwargs: dict[str, V], node: ast.Call
    ) -> V:
        """A call of something imported (or of a name whose import is not visible)."""
        module, _, name = qual.rpartition(".")
        root = cat.module_root(module)
        owner = module.rpartition(".")[2]
        if owner in cat.METRIC_DISPLAYS:
            return self.display(name, args, kwargs, node)
        category = cat.classify_class(module, name)
        if category is not None:
            return self.construct(category, name, args, kwargs, node)
        if name == "train_test_split":
            return self.train_test_split(args, kwargs, node)
        if name in cat.CV_FUNCTIONS:
            return self.cross_validation(name, args, kwargs, node)
        if name in cat.SCALE_FUNCTIONS and root in ("sklearn", ""):
            return self.fit_function(SG201, args, node)
        if name in cat.SCORE_FUNCTIONS:
            data = self.arg(args, kwargs, 0, "X")
            return self.statistic(data, node, hint=SG203) if data else META
        if name == "resample" and root == "sklearn":
            outputs = self.resample(EMPTY, args, node, label=short(node))
            return (
                outputs
                if len(args) > 1
                else outputs.items[0]
                if outputs.items
                else META
            )
        kind = cat.metric_kind(module, name)
        if kind is not None:
            return self.metric(kind, name, args, kwargs, node)
        if name in cat.CLASSIFICATION_DATASETS or (
            root in ("sklearn", "imblearn", "smoteguard")
            and name.startswith(("load_", "fetch_", "make_"))
        ):
            return self.dataset(name, args, node)
        if root == "numpy" and name in cat.REDUCTIONS:
            data = self.arg(args, kwargs, 0, "a")
            if (
                data is not None
                and data.kind in DATA_KINDS
                and "accuracy" in data.flags
            ):
                self.evaluation("accuracy", data.preds, node, short(node))
            axis = kwargs.get("axis", args[1] if len(args) > 1 else None)
            if data is not None and across_columns(axis):
                return self.per_row(data, node)
            return self.statistic(data, node) if data is not None else META
        if root in ("pandas", "numpy", "") and name in cat.ROW_STACKS and args:
            stacked = self.stack_rows([args[0]], kwargs, node)
            if stacked is not None:
                return stacked
        if root == "numpy" and name in cat.ROW_REPEATS:
            repeated = self.repeat_rows(args[0] if args else None, node)
            if repeated is not None:
                return repeated
        if name in cat.MISSING_TESTS:  # pd.isna(v), np.isnan(v)
            return self.missing_mask([*args, *kwargs.values()], node)
        if name == "where" and root == "numpy" and args:  # np.where(gaps, mu, x)
            return self.fill_where(args[0], args[1:], node)
        if name in cat.SELECTIONS and root in cat.SELECTION_MODULES:
            self.selected([*args, *kwargs.values()], node)
        drawn = self.random_draw(root, name, args, kwargs, node)
        if drawn is not None:
            return drawn
        if not module:
            builtin = self.builtin(name, args, kwargs, node)
            if builtin is not None:
                return builtin
        if root in ("pandas", "numpy", "scipy", "polars") and name.startswith(
            cat.READERS_PREFIX
        ):
            return V("data", origins=frozenset({self.new_origin()}))
        out = self.generic([*args, *kwargs.values()], node)
        if out.kind == "meta" and root not in ("numpy", "math", "builtins"):
            return V("data", origins=frozenset({self.new_origin()}))  # a loader
        return out

    def builtin(
        self, name: str, args: list[V], kwargs: dict[str, V], node: ast.Call
    ) -> V | None:
        first = args[0] if args else None
        if name in (
            "len",
            "print",
            "display",
            "isinstance",
            "type",
            "str",
            "repr",
            "hasattr",
            "open",
            "format",
            "id",
            "hash",
            "callable",
        ):
            return META
        if name == "range":
            return V("seq", elem=META)
        if name == "enumerate" and first is not None:
            return V("seq", elem=V("seq", items=(META, element(first))))
        if name == "zip":
            return V("seq", elem=V("seq", items=tuple(element(a) for a in args)))
        if name in ("list", "tuple", "sorted", "reversed", "iter", "set", "frozenset"):
            if first is None:
                return V("seq", items=())
            if first.kind in ("seq", "dict"):
                if name in ("list", "tuple") and first.kind == "seq":
                    return first
                return V("seq", elem=element(first))
            return first
        if name == "next" and first is not None:
            return element(first)
        if name == "dict":
            return V("dict", elem=join_all(kwargs.values()))
        return None

    def dataset(self, name: str, args: list[V], node: ast.Call) -> V:
        data = self.generic(args, node)
        origin = self.new_origin()
        out = V(
            "data",
            origins=frozenset({origin})
            | (data.origins if data.kind == "data" else EMPTY),
        )
        if name in cat.CLASSIFICATION_DATASETS:
            self.classif_origins.add(origin)
        return out

    # -- evaluation --------------------------------------------------------------------

    def metric(
        self, kind: str, name: str, args: list[V], kwargs: dict[str, V], node: ast.Call
    ) -> V:
        site = self.site(node)
        y_true = self.arg(args, kwargs, 0, "y_true")
        y_pred = self.arg(args, kwargs, 1, "y_pred", "y_score", "y_prob", "probas_pred")
        values = [y_true, y_pred]
        self.use_rows(values)
        self.leak_sink(values, site, f"scored by `{name}`", scoring=True)
        preds = frozenset().union(*(v.preds for v in flatten(values)))
        self.scored(preds, values, site, name)
        self.note_classes(y_true)
        self.evaluation(kind, preds, node, name)
        return self.score_value(preds, values)

    def display(
        self, name: str, args: list[V], kwargs: dict[str, V], node: ast.Call
    ) -> V:
        if name == "from_estimator":
            estimator = self.arg(args, kwargs, 0, "estimator")
            objs = (
                estimator.objs
                if estimator is not None and estimator.kind == "est"
                else EMPTY
            )
            self.evaluation("other", objs, node, short(node.func))
            return META
        return self.metric("other", short(node.func), args, kwargs, node)

    def evaluation(self, kind: str, objs: frozenset, node: ast.AST, label: str) -> None:
        self.evaluations.append(Evaluation(self.site(node), objs, kind, label))

    def note_classes(self, labels: V | None) -> None:
        """``labels`` are used as class labels (by a classifier, a sampler, a
        classification metric)."""
        self._note_labels(labels, self.classif_origins, self.classif_columns, True)

    def note_regression(self, labels: V | None) -> None:
        """``labels`` are the target of a regressor."""
        self._note_labels(labels, self.regress_origins, self.regress_columns, False)

    @staticmethod
    def _note_labels(
        labels: V | None, origins: set, columns: set, classes: bool
    ) -> None:
        for v in flatten([labels] if labels is not None else []):
            if v.kind not in DATA_KINDS:
                continue
            if v.cols:  # one column of a table: the other columns stay unknown
                columns.update((o, c) for o in v.origins for c in v.cols)
            else:
                origins.update(v.origins)
            for split, _role in v.splits:
                if classes:
                    split.classif = True
                else:
                    split.regress = True

    def is_class_target(
        self,
        origins: frozenset,
        cols: frozenset,
        classif: bool = False,
        regress: bool = False,
    ) -> bool:
        """Whether labels are the classes of a classification task.

        Parameters
        ----------
        origins, cols : frozenset
            Where the labels come from, and their column when known (a whole
            table matches any of its columns).
        classif, regress : bool, default=False
            Evidence already known (the split's outputs were used that way).

        Returns
        -------
        bool
            True when something used them as classes and nothing used them as
            a regression target.
        """
        classes = classif or _known(
            origins, cols, self.classif_origins, self.classif_columns
        )
        return classes and not (
            regress or _known(origins, cols, self.regress_origins, self.regress_columns)
        )

    def labels_are_classes(self, labels: V | None) -> bool:
        """Whether any of ``labels`` is known to be class labels (see
        :meth:`is_class_target`)."""
        return any(
            self.is_class_target(
                v.origins,
                v.cols,
                any(split.classif for split, _ in v.splits),
                any(split.regress for split, _ in v.splits),
            )
            for v in flatten([labels] if labels is not None else [])
        )

    def note_target(self, labels: V | None) -> None:
        """``labels`` are a model's target: remember the column they came from."""
        if labels is not None:
            for v in flatten([labels]):
                self.target_cols.update(v.cols)


def _known(origins: frozenset, cols: frozenset, by_origin: set, by_column: set) -> bool:
    if origins & by_origin:
        return True
    if cols:
        return any((o, c) in by_column for o in origins for c in cols)
    return any(o in origins for o, _ in by_column)
