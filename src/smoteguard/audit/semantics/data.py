"""Methods of tables, arrays, group-bys and containers (pandas and numpy semantics)."""

from __future__ import annotations

import ast
from dataclasses import replace

from .. import catalog as cat
from ..codes import SG202, SG203, SG204
from ..values import (
    DATA_KINDS,
    EMPTY,
    META,
    NONE,
    UNKNOWN,
    Event,
    Taint,
    V,
    as_rows,
    const_str,
    element,
    flatten,
    join_all,
    short,
)
from .manual import under_sampled


class DataCalls:
    """Mixin of :class:`~smoteguard.audit.analysis.Analyzer`: methods of data
    and containers."""

    # -- data methods ------------------------------------------------------------------

    def data_method(
        self,
        receiver: V,
        attr: str,
        args: list[V],
        kwargs: dict[str, V],
        node: ast.Call,
    ) -> V:
        if attr in cat.RESAMPLE_METHODS:
            return self.resample(EMPTY, args[:2], node, label=short(node))
        if attr in cat.SELECTION_METHODS:
            self.selected([receiver, *kwargs.values()], node)
        if receiver.kind == "stat":
            return self.generic([receiver, *args, *kwargs.values()], node)
        if attr in cat.MISSING_TESTS:
            return self.missing_mask([receiver], node)
        if attr in cat.APPLY_METHODS:
            applied = self.apply_function(receiver, args, kwargs, node)
            if applied is not None:
                return applied
        inplace = kwargs.get("inplace")
        if attr in cat.REDUCTIONS:
            if attr == "mean" and "accuracy" in receiver.flags:
                self.evaluation("accuracy", receiver.preds, node, short(node))
            if across_columns(kwargs.get("axis", args[0] if args else None)):
                return self.per_row(receiver, node)
            return self.statistic(receiver, node)
        if attr == "groupby":
            return V("groupby", elem=receiver)
        if attr == "corrwith":
            return self.statistic(receiver, node, hint=SG203)
        if attr == "sample":
            replace_kw = kwargs.get("replace")
            if replace_kw is not None and replace_kw.const is True:
                out = self.resample(EMPTY, [receiver], node, label=short(node))
                return out.items[0] if out.items else UNKNOWN
            return self.sample_split(receiver, kwargs, node)
        if attr == "append" and args:
            stacked = self.stack_rows([receiver, *args], kwargs, node)
            if stacked is not None:
                return stacked
        if attr in cat.ROW_REPEATS:
            return self.repeat_rows(receiver, node)
        if attr in ("random_split", "randomSplit"):  # dask, Spark
            return self.split_function("random_split", [receiver, *args], kwargs, node)
        if attr == "isin":
            mask = self.membership_mask(receiver, args, node)
            if mask is not None:
                return mask
        if attr == "query":
            part = self.query_split(receiver, args, node)
            if part is not None:
                return part
        if attr == "drop":
            rest = self.drop_rows(receiver, args, kwargs)
            if rest is not None:
                return rest
        if attr == "pop":
            col = const_str(self.arg(args, kwargs, 0, "item"))
            return replace(as_rows(receiver), cols=frozenset({col}) if col else EMPTY)
        plain = cat.STATISTIC_METHODS.get(attr)
        stats = [v for v in flatten([*args, *kwargs.values()]) if v.kind == "stat"]
        rows = self.generic([receiver, *args, *kwargs.values()], node)
        if plain and stats and rows.kind == "data":
            rows = self.absorb(rows, stats, plain, self.site(node))
        if attr not in cat.GENERIC_COLUMN_METHODS:
            rows = replace(rows, cols=receiver.cols if rows.kind == "data" else EMPTY)
        if (
            inplace is not None
            and inplace.const is True
            and isinstance(node.func, ast.Attribute)
        ):
            self.rebind(node.func.value, rows)
        return rows

    def per_row(self, data: V, node: ast.AST) -> V:
        """``df.mean(axis=1)``, ``np.std(X, axis=1)``: one value per row, from
        that row alone: rows, not a statistic of the data."""
        return replace(self.generic([data], node), cols=EMPTY)

    def missing_mask(self, values: list[V], node: ast.AST) -> V:
        """``df["a"].isna()``, ``pd.isna(v)``: where values are missing."""
        out = self.generic(values, node)
        return replace(out, flags=out.flags | {"missing"})

    def fill_where(self, condition: V, choices: list[V], node: ast.AST) -> V:
        """``np.where(gaps, mu, x)``, ``mu if pd.isna(v) else v``: a statistic
        put where a missing-value test says is a fill value (SG202); other
        statistics combine with the rows as usual."""
        stats = [v for v in flatten(choices) if v.kind == "stat"]
        rows = [v for v in flatten(choices) if v.kind in DATA_KINDS]
        if "missing" not in condition.flags or not stats or not rows:
            return self.generic([condition, *choices], node)
        site = self.site(node)
        return self.absorb(self.generic(rows, node), stats, SG202, site)

    def fill_rows(self, target: ast.Subscript, key: V, value: V) -> V:
        """``df.loc[df["a"].isna(), "a"] = mu``: the statistic fills the
        selected gaps (SG202); the value to store."""
        if value.kind != "stat" or not any(
            "missing" in v.flags for v in flatten([key])
        ):
            return value
        rows = as_rows(self.ev(target.value))
        return self.absorb(rows, [value], SG202, self.site(target))

    def apply_function(
        self, receiver: V, args: list[V], kwargs: dict[str, V], node: ast.Call
    ) -> V | None:
        """``df.apply(f)``, ``s.map(f)``, ``df.transform(f)``: ``f`` runs on the
        table's columns (or values), so whatever it fits or computes from them
        is fitted on those rows. With ``axis=1`` / ``axis="columns"`` it runs on
        one row at a time and learns nothing across rows. Returns None when no
        function is handed over.
        """
        function = args[0] if args else kwargs.get("func")
        if function is None:
            return None
        row_wise = across_columns(kwargs.get("axis"))
        # one row at a time: a value unrelated to the other rows
        column = self.load_param("row") if row_wise else as_rows(receiver)
        if function.kind == "func" and function.func is not None:
            result = self.inline(function.func, [column], {}, self.site(node))
        elif function.bound is not None and function.bound[0].kind == "est":
            estimator, method = function.bound
            result = self.estimator_method(estimator, method, [column], {}, node)
        else:
            return None
        if row_wise:  # what it learned from the one row stays there
            result = replace(
                result,
                taints=frozenset(
                    t for t in result.taints if not t.event.origins <= column.origins
                ),
            )
        return self.generic([receiver, result], node)

    def stack_rows(
        self, parts: list[V], kwargs: dict[str, V], node: ast.Call
    ) -> V | None:
        """``pd.concat([df, df[df.y == 1]])``, ``np.vstack([X, X[mask]])``,
        ``df.append(df.sample(frac=0.5))``, ``[minority] * 5``: rows stacked
        onto rows they were selected from (or onto themselves) are copies,
        random over-sampling by hand. Returns None when nothing is repeated.
        """
        axis = kwargs.get("axis")
        if axis is not None and axis.const in (1, "columns"):
            return None
        pieces = [v for v in flatten(parts) if v.kind in DATA_KINDS]
        repeated = any("repeat" in v.flags for v in parts if v.kind == "seq")
        for i, piece in enumerate(pieces):
            for other in pieces[i + 1 :]:
                if piece is other or piece.parent is other or other.parent is piece:
                    repeated = True
        undone = under_sampled(pieces) if not repeated else EMPTY
        if not (repeated or undone) or not pieces:
            return None
        out = self.generic(pieces, node)
        if undone:  # the balanced table is no longer one side of those splits
            out = replace(
                out, splits=frozenset(p for p in out.splits if p[0] not in undone)
            )
        return self.resample(EMPTY, [out], node, label=short(node)).items[0]

    def repeat_rows(self, data: V | None, node: ast.Call) -> V | None:
        """``np.repeat(X, k, axis=0)``, ``np.tile(X, (k, 1))``,
        ``df.index.repeat(w)``: rows copied, over-sampling by hand."""
        if data is None or data.kind not in DATA_KINDS:
            return None
        return self.resample(EMPTY, [data], node, label=short(node)).items[0]

    def rebind(self, target: ast.expr, value: V) -> None:
        """``x.method(..., inplace=True)``: ``x`` (or the table it is a column
        of) now holds ``value``."""
        if isinstance(target, ast.Name):
            self.scope.set(target.id, value)
        else:
            self.store_into(target, value)

    def statistic(
        self,
        data: V | None,
        node: ast.Call,
        hint: str | None = None,
        target_col: str | None = None,
    ) -> V:
        """A statistic of ``data`` (a mean, selection scores, a target mean)."""
        if data is None:
            return META
        if data.kind == "stat":
            return replace(data, bound=None)
        if data.kind not in DATA_KINDS or data.splits:
            return V("stat")
        event = Event(
            "stat",
            self.site(node),
            short(node),
            rule=hint,
            origins=data.origins,
            target_col=target_col,
        )
        return V("stat", taints=frozenset({Taint("S", event, hint)}))

    def groupby_method(
        self,
        receiver: V,
        attr: str,
        args: list[V],
        kwargs: dict[str, V],
        node: ast.Call,
    ) -> V:
        base = receiver.elem or UNKNOWN
        col = next(iter(receiver.cols), None)
        if attr in cat.APPLY_METHODS or attr in ("agg", "aggregate", "filter"):
            # a function run on each group (a z-score, a fill with the group
            # mean): what it fits, it fits on the group's rows
            group = as_rows(base)
            if col is not None:
                group = replace(group, cols=frozenset({col}))
            applied = self.apply_function(group, args, kwargs, node)
            if applied is not None:
                return applied
        if attr == "sample" and "n" in kwargs:
            # the same number of rows from every group (class): balancing
            # by hand, under- or over-sampling
            out = self.resample(EMPTY, [as_rows(base)], node, label=short(node))
            return out.items[0] if out.items else UNKNOWN
        if attr in cat.REDUCTIONS or attr in ("agg", "aggregate"):
            return self.statistic(base, node, hint=SG204, target_col=col)
        if attr == "transform":
            stat = self.statistic(base, node, hint=SG204, target_col=col)
            return self.absorb(as_rows(base), [stat], None, self.site(node))
        return self.generic([base, *args], node)

    def container_method(
        self,
        receiver: V,
        attr: str,
        args: list[V],
        kwargs: dict[str, V],
        node: ast.Call,
    ) -> V:
        if attr == "sort":  # results.sort(reverse=True): a ranking
            self.selected([receiver, *kwargs.values()], node)
            return NONE
        if attr in cat.MUTATORS and isinstance(node.func, ast.Attribute):
            added = join_all(
                element(a) if attr in ("extend", "update") else a for a in args
            )
            if added is not None:
                self.store_into(node.func.value, added)
            return NONE
        if attr == "items":
            return V("seq", elem=V("seq", items=(META, element(receiver))))
        if attr in ("values", "copy"):
            return V("seq", elem=element(receiver))
        if attr in ("get", "pop"):
            if receiver.kind == "dict" and args:
                found = self.subscript(receiver, args[0], node)
                return found
            return element(receiver)
        if attr == "keys":
            return V("seq", elem=META)
        return UNKNOWN


def across_columns(axis: V | None) -> bool:
    """Whether an ``axis`` argument makes an operation run along each row
    (``axis=1`` / ``axis="columns"``), learning nothing across rows.

    Parameters
    ----------
    axis : V or None

    Returns
    -------
    bool
    """
    return axis is not None and axis.kind == "const" and axis.const in (1, "columns")
