"""Expressions for the interpreter: names, attributes, subscripts, operators,
containers, comprehensions, lambdas; constants are folded where they decide a
branch."""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import replace

from . import catalog as cat
from .codes import SG201
from .values import (
    DATA_KINDS,
    EMPTY,
    META,
    UNKNOWN,
    VARIES,
    Func,
    Scope,
    V,
    as_rows,
    const_str,
    element,
    join,
    join_all,
    looks_heldout,
    truth,
    union,
)


class Expressions:
    """Mixin of :class:`~smoteguard.audit.interpreter.Interpreter`: the value of
    each kind of expression (``ev`` dispatches on the node type)."""

    # -- expressions ----------------------------------------------------------------

    def ev(self, node: ast.expr) -> V:
        method = getattr(self, "ex_" + type(node).__name__, None)
        if method is not None:
            return method(node)
        values = [
            self.ev(c) for c in ast.iter_child_nodes(node) if isinstance(c, ast.expr)
        ]
        return self.generic(values, node) if values else UNKNOWN

    def ex_Constant(self, node: ast.Constant) -> V:
        return V("const", const=node.value)

    def ex_Name(self, node: ast.Name) -> V:
        return self.load(node.id)

    def load(self, name: str) -> V:
        value = self.scope.lookup(name)
        if value is None:
            module = cat.MODULE_ALIASES.get(name)
            if module:
                return V("ext", qual=module)
            if name not in self.free_origins:
                self.free_origins[name] = self.new_origin()
            value = V("free", qual=name, origins=frozenset({self.free_origins[name]}))
        if (
            value.kind in DATA_KINDS
            and "heldout" not in value.flags
            and not value.splits
            and looks_heldout(name)
        ):
            value = replace(value, flags=value.flags | {"heldout"})
        return value

    def ex_Attribute(self, node: ast.Attribute) -> V:
        self.best_read(node)
        return self.attribute(self.ev(node.value), node.attr)

    def attribute(self, base: V, name: str) -> V:
        kind = base.kind
        bound = (base, name)
        if kind == "ext":
            return V("ext", qual=f"{base.qual}.{name}")
        if kind == "free":
            return replace(base, qual=f"{base.qual}.{name}", bound=bound)
        if kind == "est":
            return self.estimator_attribute(base, name)
        if kind in ("data", "stat"):
            if name in cat.META_ATTRIBUTES:
                return V("meta", bound=bound)
            return replace(base, bound=bound)
        if kind == "groupby":
            return replace(base, cols=frozenset({name}), bound=bound)
        if kind == "inst":
            return self.instance_attribute(base, name)
        return V("unknown", bound=bound)

    def ex_Subscript(self, node: ast.Subscript) -> V:
        base = self.ev(node.value)
        index = self.ev(node.slice)
        return self.subscript(base, index, node)

    def subscript(self, base: V, index: V, node: ast.expr) -> V:
        kind = base.kind
        if kind == "seq":
            i = index.const
            if (
                base.items is not None
                and isinstance(i, int)
                and not isinstance(i, bool)
                and -len(base.items) <= i < len(base.items)
            ):
                return base.items[i]
            if isinstance(node.slice, ast.Slice):
                return V("seq", elem=element(base))
            return element(base)
        if kind == "dict":
            key = index.const
            for k, v in base.items or ():
                if k == key and key is not None:
                    return v
            return element(base)
        if kind == "groupby":
            col = const_str(index)
            return replace(base, cols=frozenset({col}) if col else EMPTY, bound=None)
        if kind == "est":
            steps = [s for o in base.objs for s in o.steps]
            if steps and isinstance(index.const, int):
                i = index.const
                if -len(steps) <= i < len(steps):
                    return V("est", objs=steps[i])
            objs = frozenset(s for step in steps for s in step)
            return V("est", objs=objs) if objs else UNKNOWN
        if kind in DATA_KINDS:
            sliced = (
                self.slice_rows(base, node) if isinstance(node, ast.Subscript) else None
            )
            return sliced or self.select_rows(base, index, node)
        if kind == "stat":
            return self.generic([base, index], node)
        if kind == "meta":
            return index if index.kind == "stat" else META
        if kind == "ext":
            return self.generic([index], node)
        return UNKNOWN

    def select_rows(self, base: V, index: V, node: ast.expr) -> V:
        parts = (
            index.items if index.kind == "seq" and index.items is not None else (index,)
        )
        out = as_rows(base)
        cols = EMPTY
        picked = False
        for part in parts:
            if part.flags & {"mask", "mask_not"} and isinstance(part.const, tuple):
                out = self.mask_rows(out, part, node)
            elif "indexer" in part.flags and part.splits:
                for split, _role in part.splits:
                    if not split.is_split():
                        split.pending.append(base)  # a slice of an index array
                        continue
                    # rows taken by positions a splitter's folds yield, or
                    # by a slice of one permutation (a split by hand)
                    verb = "split by" if split.manual else "split into folds by"
                    self.leak_sink([base], split.site, f"{verb} `{split.label}`")
                out = replace(out, splits=out.splits | part.splits)
            elif part.kind == "stat":
                out = self.absorb(out, [part], None, self.site(node), selecting=True)
            elif part.kind == "const" and isinstance(part.const, str):
                cols = frozenset({part.const})
            elif part.kind in DATA_KINDS:  # a boolean mask, row positions
                picked = True
                mask = as_rows(part)
                out = replace(
                    out,
                    splits=out.splits | mask.splits,
                    origins=out.origins | mask.origins,
                    taints=out.taints | mask.taints,
                )
        out = replace(out, cols=cols, flags=out.flags - {"indexer"})
        if picked:  # remember whose rows these are (duplication by hand)
            owner = (
                base.bound[0]
                if base.bound and base.bound[1] in ("loc", "iloc")
                else base
            )
            out = replace(out, parent=owner)
        return out

    def ex_Call(self, node: ast.Call) -> V:
        func = self.ev(node.func)
        unseen: list[V] = []

        def opaque(value: V) -> V:  # `*args` of unknown length
            unseen.append(value)
            return element(value) if value.kind == "seq" else value

        args = self._spread(node.args, opaque)
        kwargs: dict[str, V] = {}
        for keyword in node.keywords:
            value = self.ev(keyword.value)
            if keyword.arg is not None:
                kwargs[keyword.arg] = value
            else:
                kwargs.update(_spread_keywords(value))
        if unseen:  # any parameter may be passed
            kwargs.setdefault(UNSEEN_ARGS, UNKNOWN)
        return self.apply(func, args, kwargs, node)

    def ex_BinOp(self, node: ast.BinOp) -> V:
        return self.binop(self.ev(node.left), node.op, self.ev(node.right), node)

    def binop(self, left: V, op: ast.operator, right: V, node: ast.AST) -> V:
        if left.kind == "seq" and isinstance(op, (ast.Add, ast.Mult)):
            return _sequence_op(left, op, right)
        rows = [v for v in (left, right) if v.kind in DATA_KINDS]
        stats = [v for v in (left, right) if v.kind == "stat"]
        if rows and stats:
            return self.absorb(union("data", rows), stats, SG201, self.site(node))
        return self.generic([left, right], node)

    def ex_Compare(self, node: ast.Compare) -> V:
        values = [self.ev(node.left)] + [self.ev(c) for c in node.comparators]
        folded = (
            _fold_compare(node.ops, values)
            or self.random_mask(values, node)
            or self.condition_mask(values, node)
        )
        if folded is not None:
            return folded
        ordering = (ast.Gt, ast.GtE, ast.Lt, ast.LtE)
        if any(isinstance(op, ordering) for op in node.ops):
            self.selected(values, node)
        out = self.generic(values, node)
        equality = any(isinstance(op, ast.Eq) for op in node.ops)
        if out.kind == "data" and equality and any(v.preds for v in values):
            out = replace(out, flags=out.flags | {"accuracy"})
        return out

    def ex_BoolOp(self, node: ast.BoolOp) -> V:
        values = [self.ev(value) for value in node.values]
        truths = [truth(v) for v in values]
        if None not in truths:  # constants: Python's own short-circuit result
            stop = isinstance(node.op, ast.And) is False
            for value, known in zip(values, truths):
                if known is stop:
                    return value
            return values[-1]
        out = None
        for value in values:
            out = join(out, value)
        return out or UNKNOWN

    def ex_UnaryOp(self, node: ast.UnaryOp) -> V:
        operand = self.ev(node.operand)
        known = truth(operand)
        if isinstance(node.op, ast.Not) and known is not None:
            return V("const", const=not known)
        if isinstance(node.op, ast.Invert) and operand.flags & {"mask", "mask_not"}:
            return replace(operand, flags=operand.flags ^ {"mask", "mask_not"})
        number = operand.const
        if isinstance(number, (int, float)) and not isinstance(node.op, ast.Not):
            if isinstance(node.op, ast.USub):
                return V("const", const=-number)
            if isinstance(node.op, ast.UAdd):
                return operand
        return self.generic([operand], node)

    def ex_IfExp(self, node: ast.IfExp) -> V:
        test = self.ev(node.test)
        known = truth(test)
        if known is not None:
            return self.ev(node.body if known else node.orelse)
        body, orelse = self.ev(node.body), self.ev(node.orelse)
        if "missing" in test.flags:  # `mu if pd.isna(v) else v`
            return self.fill_where(test, [body, orelse], node)
        return join(body, orelse) or UNKNOWN

    def ex_Tuple(self, node: ast.Tuple | ast.List | ast.Set) -> V:
        return V("seq", items=tuple(self._spread(node.elts, element)))

    def _spread(self, nodes: list[ast.expr], opaque: Callable[[V], V]) -> list[V]:
        """Evaluate expressions, spreading each ``*starred`` sequence of known items
        into those items; ``opaque`` says what an unknown starred value stands for."""
        out: list[V] = []
        for node in nodes:
            if not isinstance(node, ast.Starred):
                out.append(self.ev(node))
                continue
            value = self.ev(node.value)
            if value.kind == "seq" and value.items is not None:
                out.extend(value.items)
            else:
                out.append(opaque(value))
        return out

    ex_List = ex_Tuple
    ex_Set = ex_Tuple

    def ex_Dict(self, node: ast.Dict) -> V:
        pairs = []
        for key, value in zip(node.keys, node.values):
            v = self.ev(value)
            k = self.ev(key).const if key is not None else None
            pairs.append((k, v) if key is not None else (None, element(v)))
        return V("dict", items=tuple(pairs), elem=join_all(v for _, v in pairs))

    def ex_Lambda(self, node: ast.Lambda) -> V:
        defaults = [self.ev(d) for d in node.args.defaults]
        kw_defaults = [
            self.ev(d) if d is not None else None for d in node.args.kw_defaults
        ]
        return V("func", func=Func(node, self.scope, defaults, kw_defaults))

    def ex_NamedExpr(self, node: ast.NamedExpr) -> V:
        value = self.ev(node.value)
        self.assign(node.target, value)
        return value

    def ex_Starred(self, node: ast.Starred) -> V:
        return self.ev(node.value)

    def ex_Yield(self, node: ast.Yield | ast.YieldFrom) -> V:
        if node.value is not None:
            value = self.ev(node.value)
            self.yields.append(
                element(value) if isinstance(node, ast.YieldFrom) else value
            )
        return UNKNOWN

    ex_YieldFrom = ex_Yield

    def ex_Await(self, node: ast.Await) -> V:
        return self.ev(node.value)

    def ex_JoinedStr(self, node: ast.JoinedStr) -> V:
        for value in node.values:
            if isinstance(value, ast.FormattedValue):
                self.ev(value.value)
        return V("const", const=VARIES)

    def ex_ListComp(self, node: ast.ListComp | ast.SetComp | ast.GeneratorExp) -> V:
        outer = self.scope
        self.scope = Scope(parent=outer, module=self.module_scope)
        self.loop_depth += 1  # a loop: its scores compare settings (SG104, SG106)
        try:
            for generator in node.generators:
                self.assign(generator.target, element(self.ev(generator.iter)))
                for condition in generator.ifs:
                    self.ev(condition)
            if isinstance(node, ast.DictComp):
                self.ev(node.key)
                return V("dict", elem=self.ev(node.value))
            return V("seq", elem=self.ev(node.elt))
        finally:
            self.loop_depth -= 1
            self.scope = outer

    ex_SetComp = ex_ListComp
    ex_GeneratorExp = ex_ListComp
    ex_DictComp = ex_ListComp

    def ex_Slice(self, node: ast.Slice) -> V:
        for part in (node.lower, node.upper, node.step):
            if part is not None:
                self.ev(part)
        return META


_COMPARISONS = {
    ast.Eq: lambda a, b: a == b,
    ast.NotEq: lambda a, b: a != b,
    ast.Is: lambda a, b: a is b,
    ast.IsNot: lambda a, b: a is not b,
}


def _fold_compare(ops: list[ast.cmpop], values: list[V]) -> V | None:
    """``flag == "x"``, ``option is None`` on known constants: a constant."""
    if any(v.kind != "const" or v.const is VARIES for v in values):
        return None
    result = True
    for op, left, right in zip(ops, values, values[1:]):
        compare = _COMPARISONS.get(type(op))
        if compare is None:
            return None
        result = result and compare(left.const, right.const)
    return V("const", const=bool(result))


def _sequence_op(left: V, op: ast.operator, right: V) -> V:
    """``[a] + [b]`` keeps the items; ``[a] * k`` repeats them (``repeat``)."""
    if isinstance(op, ast.Add):
        if right.kind != "seq":
            return V("seq", elem=join(element(left), right))
        items = (left.items if left.items is not None else (element(left),)) + (
            right.items if right.items is not None else (element(right),)
        )
        return V("seq", items=items, flags=left.flags | right.flags)
    times = right.const
    if isinstance(times, int) and left.items is not None and 0 <= times <= 4:
        return V("seq", items=left.items * times)
    return V("seq", elem=element(left), flags=frozenset({"repeat"}))


#: a key of the keyword arguments of a call that may set parameters the
#: analysis cannot see (``**opts``, ``*args`` of unknown length): every
#: parameter left to its default may then hold anything
UNSEEN_ARGS = "**"


class OpenKeywords(dict):
    """Keyword arguments of a call that may hold more than the analysis sees
    (``**opts``): a keyword not seen reads as unknown, not as absent, so
    ``stratify=``, ``scoring=`` or a flag may be set."""

    def get(self, key, default=None):
        return dict.get(self, key, UNKNOWN)


def _spread_keywords(value: V) -> dict[str, V]:
    """The keyword arguments ``**value`` passes: a dict of known string keys
    passes its items; anything else may set any parameter."""
    items = value.items if value.kind == "dict" else None
    if items is not None and all(isinstance(k, str) for k, _ in items):
        return dict(items)
    return {UNSEEN_ARGS: element(value)}
