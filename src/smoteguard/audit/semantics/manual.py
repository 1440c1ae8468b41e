"""Splits written by hand: slices, shuffled index arrays, random masks,
``df.sample`` + ``drop``, ``np.split``, ``torch.utils.data.random_split``.

A slice such as ``X[:n]`` / ``X[n:]`` is also how people look at the first rows
of a table, so a sliced table is only a split once its rows are used: fitted on,
predicted, scored. Until then the rows it was cut from wait in the split event
(``pending``) and are checked by :meth:`ManualSplits.use_rows`. Index arrays,
masks and splitting functions say what they are, and are checked at once.
"""

from __future__ import annotations

import ast
from dataclasses import replace

from .. import catalog as cat
from ..values import DATA_KINDS, META, ROWS_OR_STATS, Event, V, as_rows, flatten, short


class ManualSplits:
    """Mixin of :class:`~smoteguard.audit.analysis.Analyzer`: hand-made splits."""

    def split_event(self, key: object, label: str | None, node: ast.AST) -> Event:
        """The hand-made split named by ``key`` (``X[:n]`` and ``y[n:]`` share
        the split at ``n``), created at its first use (``label`` None: the
        source of ``node``)."""
        event = self.manual_splits.get(key)
        if event is None:
            label = short(node) if label is None else label
            event = Event("split", self.site(node), label, manual=True)
            event.confirmed = False
            self.manual_splits[key] = event
        return event

    def split_part(self, base: V, event: Event, role: str, defer: bool) -> V:
        """``base``'s rows on side ``role`` of ``event``."""
        event.origins = event.origins | base.origins
        event.nested = event.nested or any(r == "train" for _, r in base.splits)
        if not defer:
            event.confirmed = True
        elif event.confirmed:
            self.leak_sink([base], event.site, f"split by `{event.label}`")
        else:
            event.pending.append(base)
        rows = as_rows(base)
        return replace(
            rows,
            splits=rows.splits | {(event, role)},
            flags=rows.flags - {"heldout"},
        )

    def use_rows(self, values: list[V | None], fitting: bool = False) -> None:
        """Rows are fitted on (``fitting``), predicted or scored: once both
        sides of a hand-made split have been, it is a split (``X_res[:1000]``
        fitted alone is a subsample), and the rows it was cut from are checked.
        A split by a column condition also needs a fit on one side (or on both
        joined again): predicting the rows of each class is not a split."""
        for v in flatten(values):
            for split, role in v.splits:
                if not split.manual or split.confirmed:
                    continue
                if (split, "test" if role == "train" else "train") in v.splits:
                    role = "joined"  # both sides together (a class filter)
                split.used.add(role)
                if fitting:
                    split.used.add(("fit", role))
                if _both_sides_used(split):
                    split.confirmed = True
                    pending, split.pending = split.pending, []
                    self.leak_sink(pending, split.site, f"split by `{split.label}`")

    def slice_rows(self, base: V, node: ast.Subscript) -> V | None:
        """``X[:n]``, ``X[n:]``, ``df.iloc[:n, 1:]``, ``idx[:k]``: the two
        sides of a split at ``n``; None for any other subscript."""
        rows = node.slice
        if isinstance(rows, ast.Tuple) and rows.elts:
            rows = rows.elts[0]
        if not isinstance(rows, ast.Slice) or rows.step is not None:
            return None
        if (rows.lower is None) == (rows.upper is None):
            return None  # X[:], X[a:b]: a window, not one side of a split
        bound = rows.upper if rows.lower is None else rows.lower
        role = "train" if rows.lower is None else "test"
        key = ("slice", ast.unparse(bound))
        event = self.split_event(key, None, node)
        indexer = "indexer" in base.flags
        part = self.split_part(base, event, role, defer=not indexer)
        return replace(part, flags=part.flags | (base.flags & {"indexer"}))

    def index_array(
        self, name: str, args: list[V], kwargs: dict[str, V], node: ast.Call
    ) -> V:
        """Shuffled row positions: ``permutation(n)`` (a split once sliced),
        ``choice(n, size=k, replace=False)`` (the training side of a split;
        ``drop`` of it or its complement is the other side), ``shuffle(idx)``
        (in place: ``idx`` becomes an index array; returns None)."""
        if name == "shuffle":
            if args and isinstance(node.args[0], ast.Name):
                self.rebind(node.args[0], V("data", flags=frozenset({"indexer"})))
            return V("const")
        if name == "choice" and (len(args) > 1 or "size" in kwargs):
            event = self.split_event(("choice", id(node)), None, node)
            return V(
                "data",
                splits=frozenset({(event, "train")}),
                flags=frozenset({"indexer"}),
            )
        return V("data", flags=frozenset({"indexer"}))

    def random_mask(self, values: list[V], node: ast.Compare) -> V | None:
        """``rng.random(n) < 0.8``: a random boolean mask; the rows it selects
        are the training side of a split and ``~mask`` selects the other side
        (:meth:`mask_rows`). Its ``const`` names the split."""
        if not any("random" in v.flags for v in values):
            return None
        return V(
            "data", flags=frozenset({"mask"}), const=("mask", id(node), short(node))
        )

    def mask_rows(self, base: V, mask: V, node: ast.AST) -> V:
        """``df[mask]`` / ``df[~mask]`` with a random mask: a split, checked at
        once (nobody draws a random mask to look at rows)."""
        kind, key, label = mask.const
        role = "test" if "mask_not" in mask.flags else "train"
        if kind == "cond":  # a condition on a column: deferred like a slice
            event = self.split_event(key, label, node)
            event.by = "condition"
            return self.split_part(base, event, role, defer=True)
        event = self.split_event(("mask", key), label, node)
        self.leak_sink([base], event.site, f"split by the random mask `{label}`")
        return self.split_part(base, event, role, defer=False)

    def sample_split(self, receiver: V, kwargs: dict[str, V], node: ast.Call) -> V:
        """``df.sample(frac=0.8)``: a random part of the rows; ``frac=1`` only
        shuffles them."""
        frac = kwargs.get("frac")
        if frac is not None and frac.const == 1:
            return as_rows(receiver)
        event = self.split_event(("sample", id(node)), None, node)
        event.by = "sample"
        return self.split_part(receiver, event, "train", defer=True)

    def drop_rows(self, receiver: V, args: list[V], kwargs: dict[str, V]) -> V | None:
        """``df.drop(train.index)``: the rest of a hand-made split."""
        dropped = [*args[:1], kwargs.get("index"), kwargs.get("labels")]
        sides = {
            split
            for v in flatten(dropped)
            for split, role in v.splits
            if split.manual and role == "train"
        }
        if not sides:
            return None
        rows = as_rows(receiver)
        for split in sides:
            rows = self.split_part(rows, split, "test", defer=True)
        return rows

    def split_function(
        self, name: str, args: list[V], kwargs: dict[str, V], node: ast.Call
    ) -> V:
        """``np.split(X, [a, b])``, ``np.array_split(X, 3)``,
        ``random_split(dataset, [0.8, 0.2])``: the first part trains, the
        others test."""
        data = args[0] if args else None
        where = (
            args[1]
            if len(args) > 1
            else kwargs.get("indices_or_sections", kwargs.get("lengths"))
        )
        if data is None or data.kind not in DATA_KINDS:
            return META
        if where is not None and where.kind == "seq" and where.items is not None:
            n_parts = len(where.items) + (1 if name != "random_split" else 0)
        elif where is not None and isinstance(where.const, int):
            n_parts = where.const
        else:
            n_parts = 2
        event = self.split_event(("call", id(node)), None, node)
        self.leak_sink([data], event.site, f"split by `{short(node.func)}`")
        parts = [
            self.split_part(data, event, "train" if i == 0 else "test", defer=False)
            for i in range(max(n_parts, 2))
        ]
        return V("seq", items=tuple(parts))

    def random_draw(
        self, root: str, name: str, args: list[V], kwargs: dict[str, V], node: ast.Call
    ) -> V | None:
        """``np.random.permutation(n)``, ``rng.random(n)``, ``np.split(X, 2)``...:
        the value, or None when ``root.name`` is none of those (``root`` is
        ``rng`` for a method of a random generator)."""
        if name == "random_split" and root in ("torch", ""):
            return self.split_function(name, args, kwargs, node)
        if root not in ("numpy", "random", "rng"):
            return None
        if name in cat.INDEX_MAKERS:
            return self.index_array(name, args, kwargs, node)
        if name in cat.RANDOM_MAKERS:
            return V("data", flags=frozenset({"random"}))
        if name in cat.SPLIT_FUNCTIONS and root == "numpy":
            return self.split_function(name, args, kwargs, node)
        return None


def _both_sides_used(split: Event) -> bool:
    used = split.used
    sides = used & {"train", "test"}
    if not (used >= {"train", "test"} or ("joined" in used and sides)):
        return False
    if split.by != "condition":
        return True
    fitted = {role for kind, role in (u for u in used if isinstance(u, tuple))}
    # fitted on one side and used on the other, or fitted on both joined again
    # and used on one side
    return bool(fitted & {"train", "test"} and len(sides) == 2) or bool(
        "joined" in fitted and sides
    )


# -- splits by a column condition ---------------------------------------------------

#: values of a split column that name the held-out side (``is_train == 0``)
_HELD_OUT_VALUES = (0, False, "test", "valid", "val", "validation", "holdout", "eval")
#: words in a name that say its rows are held out (``isin(test_ids)``)
_HELD_OUT_WORDS = ("test", "val", "hold", "eval", "oos")
_EARLY = (ast.Lt, ast.LtE)
_LATE = (ast.Gt, ast.GtE)


class ConditionSplits:
    """Mixin of :class:`~smoteguard.audit.analysis.Analyzer`: rows split by a
    condition on one column (``df[df.date < cutoff]`` / ``df[df.date >=
    cutoff]``, ``df.query("year <= 2019")``, ``df[df.id.isin(ids)]`` /
    ``df[~df.id.isin(ids)]``).

    A condition on a column is also how rows are filtered or looked at, so such
    a split is deferred like a slice: it is one once rows of both sides are
    fitted on, predicted or scored. The two sides of one column are told apart
    by the comparison: earlier values (``<``, ``<=``) train, later ones test;
    for ``==`` a held-out value (``0``, ``"test"``...) or another value than the
    first one compared tests.
    """

    def condition_mask(self, values: list[V], node: ast.Compare) -> V | None:
        """``df["date"] < cutoff``: a mask naming the side of the split on that
        column, or None when ``node`` compares no single column with a value."""
        if len(values) != 2 or len(node.ops) != 1:
            return None
        left, right = values
        op = node.ops[0]
        if _is_column(left) and _is_value(right, left):
            column, value, column_node = left, right, node.left
        elif _is_column(right) and _is_value(left, right):
            column, value, column_node = right, left, node.comparators[0]
            op = _FLIPPED.get(type(op), op)
        else:
            return None
        name = _column_name(column, column_node)
        if name is None:
            return None
        held_out = self._held_out_side(name, op, value.const)
        if held_out is None:
            return None
        flag = "mask_not" if held_out else "mask"
        return V(
            "data",
            flags=frozenset({flag}),
            const=("cond", ("cond", name), short(node)),
            origins=column.origins,
        )

    def _held_out_side(self, name: str, op: ast.cmpop, value: object) -> bool | None:
        if isinstance(op, _EARLY):
            return False
        if isinstance(op, _LATE):
            return True
        if not isinstance(op, (ast.Eq, ast.NotEq)) or isinstance(value, float):
            return None
        first = self.condition_values.setdefault(name, value)
        if value in _HELD_OUT_VALUES:
            held_out = True
        elif value in (1, True, "train", "training"):
            held_out = False
        else:
            held_out = value != first
        return held_out if isinstance(op, ast.Eq) else not held_out

    def membership_mask(self, receiver: V, args: list[V], node: ast.Call) -> V | None:
        """``df["id"].isin(test_ids)``: rows of the sampled ids; ``~`` of it is
        the other side."""
        if receiver.kind not in DATA_KINDS or not node.args:
            return None
        name = _column_name(receiver, node.func.value)  # type: ignore[attr-defined]
        if name is None:
            return None
        ids = ast.unparse(node.args[0])
        held_out = any(word in ids.lower() for word in _HELD_OUT_WORDS)
        return V(
            "data",
            flags=frozenset({"mask_not" if held_out else "mask"}),
            const=("cond", ("isin", name, ids), short(node)),
            origins=receiver.origins,
        )

    def query_split(self, receiver: V, args: list[V], node: ast.Call) -> V | None:
        """``df.query("year <= 2019")``: one side of a split on ``year``."""
        expr = args[0].const if args else None
        if receiver.kind not in DATA_KINDS or not isinstance(expr, str):
            return None
        try:
            tree = ast.parse(expr.replace("@", "").strip(), mode="eval").body
        except SyntaxError:
            return None
        if not (
            isinstance(tree, ast.Compare)
            and len(tree.ops) == 1
            and isinstance(tree.left, ast.Name)
        ):
            return None
        right = tree.comparators[0]
        value = right.value if isinstance(right, ast.Constant) else None
        held_out = self._held_out_side(tree.left.id, tree.ops[0], value)
        if held_out is None:
            return None
        event = self.split_event(("cond", tree.left.id), None, node)
        event.by = "condition"
        role = "test" if held_out else "train"
        return self.split_part(receiver, event, role, defer=True)


_FLIPPED = {ast.Lt: ast.Gt(), ast.LtE: ast.GtE(), ast.Gt: ast.Lt(), ast.GtE: ast.LtE()}


def _is_column(v: V) -> bool:
    return v.kind in DATA_KINDS and bool(v.origins)


def _is_value(v: V, column: V) -> bool:
    """A constant, or one value not made from the column's rows
    (``pd.Timestamp(...)``)."""
    if v.kind not in ROWS_OR_STATS:
        return True
    return v.kind == "data" and not v.cols and not (v.origins & column.origins)


def _column_name(column: V, node: ast.expr) -> str | None:
    """The one column ``node`` selects (``df["date"]``, ``df.date``)."""
    if len(column.cols) == 1:
        return next(iter(column.cols))
    if isinstance(node, ast.Attribute) and column.bound is not None:
        return node.attr
    return None


def under_sampled(pieces: list[V]) -> frozenset:
    """The hand-made splits that ``pieces`` undo when stacked together as an
    under-sampling by hand: the rows of each side of one column condition
    (``df[df.y == 0]``, ``df[df.y == 1]``), one side sampled down
    (``.sample(n=...)``). Empty when they are not that.

    Parameters
    ----------
    pieces : list of V
        The stacked tables.

    Returns
    -------
    frozenset of Event
        The condition and sampling events; empty if not an under-sampling.
    """
    sides: dict[Event, set] = {}
    sampled: set = set()
    for piece in pieces:
        for split, role in piece.splits:
            if split.by == "condition":
                sides.setdefault(split, set()).add(role)
            elif split.by == "sample":
                sampled.add(split)
    conditions = {e for e, roles in sides.items() if roles >= {"train", "test"}}
    if not conditions or not sampled:
        return frozenset()
    return frozenset(conditions | sampled)
