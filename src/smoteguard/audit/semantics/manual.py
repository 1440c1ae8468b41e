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
from ..values import DATA_KINDS, META, Event, V, as_rows, flatten, short


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

    def use_rows(self, values: list[V | None]) -> None:
        """Rows are fitted on, predicted or scored: once both sides of a
        hand-made split have been, it is a split (``X_res[:1000]`` fitted alone
        is a subsample), and the rows it was cut from are checked."""
        for v in flatten(values):
            for split, role in v.splits:
                if not split.manual or split.confirmed:
                    continue
                split.used.add(role)
                if split.used >= {"train", "test"}:
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
        _, key, label = mask.const
        event = self.split_event(("mask", key), label, node)
        self.leak_sink([base], event.site, f"split by the random mask `{label}`")
        role = "test" if "mask_not" in mask.flags else "train"
        return self.split_part(base, event, role, defer=False)

    def sample_split(self, receiver: V, kwargs: dict[str, V], node: ast.Call) -> V:
        """``df.sample(frac=0.8)``: a random part of the rows; ``frac=1`` only
        shuffles them."""
        frac = kwargs.get("frac")
        if frac is not None and frac.const == 1:
            return as_rows(receiver)
        event = self.split_event(("sample", id(node)), None, node)
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
