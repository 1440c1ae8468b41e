"""The data-flow analysis behind ``smoteguard audit``.

An abstract interpreter walks a module's AST in execution order (a user function
runs where it is called, with its arguments bound; loops run twice so values
carried round a loop are seen; both branches of an ``if`` run and their results
are joined). Instead of arrays it computes abstract values that record what
matters for leakage:

* ``origins``: which data sets a value's rows come from;
* ``splits``: the split events (``train_test_split``, ``KFold.split``...) a value
  came out of, and whether as training or test rows;
* ``taints``: what happened to the rows before they were split: resampled by a
  sampler (``R``), transformed with something learned from unsplit rows (``F``),
  and, on statistics rather than rows, learned from unsplit rows (``S``).

Findings are raised where a tainted value reaches a split, a cross-validation, a
search or an evaluation, and reported at the call that introduced the taint (inside
a user function, the message names the call that reached it). Nothing is executed.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import NamedTuple

from . import catalog as cat

EMPTY: frozenset = frozenset()
MAX_CALL_DEPTH = 6
MAX_LOOP_REPEAT_DEPTH = 3
INLINE_BUDGET_PER_STATEMENT = 20
INLINE_BUDGET_BASE = 10_000
DATA_KINDS = frozenset({"data", "free"})
ROWS_OR_STATS = DATA_KINDS | {"stat"}

#: what a taint's rule learned, for the messages
LEARNS = {
    "SG201": "scaling statistics",
    "SG202": "fill values",
    "SG203": "which features to keep",
    "SG204": "a target encoding",
    "SG205": "a decomposition or vocabulary",
}


# -- sites, events, objects ------------------------------------------------------


class Site:
    """Where something happens: an AST node, plus the user-function calls
    (outermost first) through which the analysis reached it."""

    __slots__ = ("node", "via")

    def __init__(self, node: ast.AST, via: tuple[Site, ...] = ()):
        self.node = node
        self.via = via

    @property
    def line(self) -> int:
        return self.node.lineno


@dataclass(eq=False)
class Event:
    """A resampling, a fit, a statistic or a split."""

    kind: str  # resample | fit | stat | split
    site: Site
    label: str
    rule: str | None = None
    origins: frozenset = EMPTY
    pre_split: bool = True  # the rows it read had not been split
    target_col: str | None = None  # rule applies only if this column is the label
    select_only: bool = False  # what it learned leaks only when it picks columns
    # split events
    stratified: bool = False
    shuffled: bool = True
    label_origins: frozenset = EMPTY
    classif: bool = False  # its outputs were used as class labels


class Taint(NamedTuple):
    kind: str  # R (resampled rows) | F (rows transformed by a pre-split fit) | S
    event: Event
    rule: str | None


@dataclass(eq=False)
class Obj:
    """An estimator, pipeline, search or splitter instance (mutable: fit)."""

    name: str
    category: str
    site: Site
    label: str
    steps: list[frozenset] = field(default_factory=list)
    inner: frozenset = EMPTY
    cv: V | None = None
    scoring: V | None = None
    fit_event: Event | None = None
    trained: frozenset = EMPTY  # pre-split resample events it was trained on
    uses: list[Use] = field(default_factory=list)  # splitters: where used
    first_use: Site | None = None  # sklearn pipelines: first fit / CV

    def is_classifier(self) -> bool:
        return self.predicts_as("classifier")

    def is_regressor(self) -> bool:
        return self.predicts_as("regressor")

    def predicts_as(self, category: str, depth: int = 0) -> bool:
        """Whether this is a ``category`` model, or a pipeline ending in one, or
        a search over one."""
        if self.category == category:
            return True
        if self.category.startswith("pipeline") and self.steps:
            inner = self.steps[-1]
        elif self.category == "search":
            inner = self.inner
        else:
            return False
        return depth < 5 and any(o.predicts_as(category, depth + 1) for o in inner)


@dataclass(eq=False)
class Use:
    """A splitter in use: its own ``split`` or a ``cv=`` argument."""

    site: Site
    split: Event | None = None
    estimators: frozenset = EMPTY
    labels: V | None = None


@dataclass(eq=False)
class Func:
    node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
    scope: Scope
    defaults: list[V]
    kw_defaults: list[V | None]


@dataclass(frozen=True, eq=False, slots=True)
class V:
    """An abstract value."""

    kind: str = "unknown"  # data free stat meta const est seq dict func ext groupby
    taints: frozenset = EMPTY
    splits: frozenset = EMPTY  # (split Event, "train" | "test")
    origins: frozenset = EMPTY
    preds: frozenset = EMPTY  # estimators whose predictions these are
    cols: frozenset = EMPTY  # the single column selected, when known
    flags: frozenset = EMPTY  # indexer, heldout, accuracy
    const: object = None
    qual: str | None = None
    objs: frozenset = EMPTY
    items: tuple | None = None
    elem: V | None = None
    func: Func | None = None
    bound: tuple | None = None  # (receiver, attribute): a method when called


NONE = V("const")
UNKNOWN = V()
META = V("meta")
MISSING = object()


@dataclass(eq=False)
class Issue:
    code: str
    site: Site
    message: str
    related: tuple[tuple[str, Site], ...] = ()
    target_col: str | None = None


@dataclass(eq=False)
class Evaluation:
    site: Site
    estimators: frozenset
    kind: str  # accuracy | other
    label: str


class Scope:
    """Variables of a module, function or comprehension; ``journals`` record the
    first write of each name inside an ``if`` branch so branches can be joined."""

    __slots__ = ("global_names", "journals", "module", "parent", "vars")

    def __init__(self, parent: Scope | None = None, module: Scope | None = None):
        self.vars: dict[str, V] = {}
        self.parent = parent
        self.module = module or self
        self.global_names: set[str] = set()
        self.journals: list[dict] = []

    def lookup(self, name: str) -> V | None:
        scope: Scope | None = self
        while scope is not None:
            found = scope.vars.get(name)
            if found is not None:
                return found
            scope = scope.parent
        return None

    def set(self, name: str, value: V) -> None:
        target = self.module if name in self.global_names else self
        target.write(name, value)

    def write(self, name: str, value: V) -> None:
        if self.journals and name not in self.journals[-1]:
            self.journals[-1][name] = self.vars.get(name, MISSING)
        self.vars[name] = value


# -- helpers on values -------------------------------------------------------------


def join(a: V | None, b: V | None) -> V | None:
    """The value that may be either ``a`` or ``b``."""
    if a is None or a is b:
        return b
    if b is None:
        return a
    if a.kind == "est" and b.kind == "est":
        return replace(a, objs=a.objs | b.objs)
    if a.kind in ROWS_OR_STATS and b.kind in ROWS_OR_STATS:
        kind = "stat" if a.kind == b.kind == "stat" else "data"
        return _union(kind, (a, b))
    if a.kind == "seq" and b.kind == "seq":
        if a.items is not None and b.items is not None and len(a.items) == len(b.items):
            return V("seq", items=tuple(map(join, a.items, b.items)))
        return V("seq", elem=join(element(a), element(b)))
    if a.kind in ("unknown", "meta", "const"):
        return b
    return a if b.kind in ("unknown", "meta", "const") else b


def _union(kind: str, values: Iterable[V]) -> V:
    taints, splits, origins, preds, cols, flags = (set() for _ in range(6))
    for v in values:
        taints |= v.taints
        splits |= v.splits
        origins |= v.origins
        preds |= v.preds
        cols |= v.cols
        flags |= v.flags
    return V(
        kind,
        taints=frozenset(taints),
        splits=frozenset(splits),
        origins=frozenset(origins),
        preds=frozenset(preds),
        cols=frozenset(cols) if len(cols) == 1 else EMPTY,
        flags=frozenset(flags),
    )


def members(v: V) -> tuple[V, ...]:
    """The known items of a sequence, the known values of a dict."""
    if not v.items:
        return ()
    if v.kind == "dict":
        return tuple(value for _key, value in v.items)
    return v.items


def element(v: V) -> V:
    """What iterating over ``v`` yields (for a dict: what its values are)."""
    if v.kind in ("seq", "dict"):
        if v.elem is not None:
            return v.elem
        out = None
        for item in members(v):
            out = join(out, item)
        return out or UNKNOWN
    if v.kind in DATA_KINDS or v.kind == "stat":
        return v
    return UNKNOWN


def as_rows(v: V) -> V:
    """``v`` as row data (what a transform or a split returns for it)."""
    if v.kind == "data":
        return v if v.bound is None else replace(v, bound=None)
    if v.kind == "free":
        return replace(v, kind="data", qual=None, bound=None)
    return V("data", taints=v.taints if v.kind == "stat" else EMPTY, flags=v.flags)


def flatten(values: Iterable[V | None], depth: int = 0) -> Iterable[V]:
    for v in values:
        if v is None:
            continue
        if v.kind in ("seq", "dict") and depth < 4:
            if v.items:
                yield from flatten(members(v), depth + 1)
            if v.elem is not None:
                yield from flatten((v.elem,), depth + 1)
        else:
            yield v


_TOKEN = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_HELDOUT_TOKENS = frozenset(
    {"test", "tst", "te", "val", "valid", "validation", "holdout", "dev", "testing"}
)


@lru_cache(maxsize=4096)
def looks_heldout(name: str) -> bool:
    """``X_test``, ``y_val``, ``df_valid``, ``Xtest``, ``holdout``... but not
    ``X_train`` or ``latest``."""
    for part in name.split("_"):
        low = part.lower()
        if low in _HELDOUT_TOKENS:
            return True
        if len(low) > 2 and low[0] in "xy" and low[1:] in _HELDOUT_TOKENS:
            return True
        tokens = [t.lower() for t in _TOKEN.findall(part)]
        if len(tokens) > 1 and any(t in _HELDOUT_TOKENS for t in tokens):
            return True
    return False


def short(node: ast.AST, limit: int = 48) -> str:
    """Source text of an expression, shortened for messages: a long call keeps
    its callee chain (``SelectKBest(...).fit_transform(X, y)``)."""
    try:
        text = " ".join(ast.unparse(node).split())
    except (ValueError, RecursionError):  # pragma: no cover - defensive
        return "<expression>"
    if len(text) <= limit:
        return text
    if isinstance(node, ast.Call):
        callee = _callee(node.func)
        arguments = ", ".join(
            " ".join(ast.unparse(a).split()) for a in [*node.args, *node.keywords]
        )
        if len(callee) + len(arguments) + 2 <= limit:
            return f"{callee}({arguments})"
        return f"{callee}(...)"
    return text[: limit - 3] + "..."


def _callee(node: ast.AST, depth: int = 0) -> str:
    if depth > 6:
        return "..."
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_callee(node.value, depth + 1)}.{node.attr}"
    if isinstance(node, ast.Call):
        return f"{_callee(node.func, depth + 1)}(...)"
    if isinstance(node, ast.Subscript):
        return f"{_callee(node.value, depth + 1)}[...]"
    return "..."


def _const_str(v: V | None) -> str | None:
    return v.const if v is not None and isinstance(v.const, str) else None


# -- the interpreter -----------------------------------------------------------------


class Analyzer:
    """Runs the abstract interpretation of one module; :meth:`run` returns the
    issues found. ``where`` renders a program line for messages."""

    def __init__(self, where: Callable[[int], str] = lambda line: f"line {line}"):
        self.where = where
        self.module_scope = Scope()
        self.scope = self.module_scope
        self.issues: dict[tuple[str, int], Issue] = {}
        self.stack: list[Site] = []
        self.active: set[int] = set()
        self.returns: list[V] = []
        self.yields: list[V] = []
        self.defined: list[Func] = []
        self.called: set[int] = set()
        self.objects: list[Obj] = []
        self.split_events: list[Event] = []
        self.evaluations: list[Evaluation] = []
        self.classif_origins: set[int] = set()
        self.target_cols: set[str] = set()
        self.free_origins: dict[str, int] = {}
        self.origin_counter = 0
        self.loop_depth = 0
        self.budget = 0

    # -- driver ------------------------------------------------------------------

    def run(self, tree: ast.Module) -> list[Issue]:
        # Every statement is interpreted once (twice in loops, at most 8 times
        # in nested loops); calls of user functions are inlined while the
        # budget lasts and summarised afterwards: linear in the file size.
        n_statements = sum(isinstance(n, ast.stmt) for n in ast.walk(tree))
        self.budget = INLINE_BUDGET_PER_STATEMENT * n_statements + INLINE_BUDGET_BASE
        self.exec_block(tree.body)
        index = 0
        while index < len(self.defined):  # functions never called: on their own
            func = self.defined[index]
            index += 1
            if id(func.node) not in self.called:
                self.inline(func, [], {}, None)
        self.finish()
        return [
            issue
            for issue in self.issues.values()
            if issue.target_col is None or issue.target_col in self.target_cols
        ]

    def new_origin(self) -> int:
        self.origin_counter += 1
        return self.origin_counter

    def site(self, node: ast.AST) -> Site:
        return Site(node, tuple(self.stack))

    def describe(self, event_site: Site, label: str) -> str:
        """The call, plus, inside a user function, the call that got there."""
        if event_site.via:
            caller = event_site.via[-1]
            return (
                f"`{label}` (in a function called by `{short(caller.node)}` at "
                f"{self.where(caller.line)})"
            )
        return f"`{label}`"

    def report(
        self,
        code: str,
        site: Site,
        message: str,
        related: tuple[tuple[str, Site], ...] = (),
        target_col: str | None = None,
    ) -> None:
        key = (code, site.line)
        if key not in self.issues:
            self.issues[key] = Issue(code, site, message, related, target_col)

    # -- statements ---------------------------------------------------------------

    def exec_block(self, body: list[ast.stmt]) -> None:
        for stmt in body:
            self.exec_stmt(stmt)

    def exec_stmt(self, node: ast.stmt) -> None:
        self.budget -= 1
        method = getattr(self, "stmt_" + type(node).__name__, None)
        if method is not None:
            method(node)
            return
        for child in ast.iter_child_nodes(node):  # Raise, Assert, Delete, ...
            if isinstance(child, ast.expr):
                self.ev(child)

    def stmt_Expr(self, node: ast.Expr) -> None:
        self.ev(node.value)

    def stmt_Assign(self, node: ast.Assign) -> None:
        value = self.ev(node.value)
        for target in node.targets:
            self.assign(target, value)

    def stmt_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self.assign(node.target, self.ev(node.value))

    def stmt_AugAssign(self, node: ast.AugAssign) -> None:
        current = self.ev(node.target)
        value = self.binop(current, node.op, self.ev(node.value), node)
        self.assign(node.target, value)

    def stmt_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.asname:
                self.scope.set(alias.asname, V("ext", qual=alias.name))
            else:
                root = alias.name.split(".", 1)[0]
                self.scope.set(root, V("ext", qual=root))

    def stmt_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        if node.level:
            module = ""  # relative import: a local module, judge by name
        for alias in node.names:
            if alias.name == "*":
                continue
            qual = f"{module}.{alias.name}" if module else alias.name
            self.scope.set(alias.asname or alias.name, V("ext", qual=qual))

    def stmt_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        for decorator in node.decorator_list:
            self.ev(decorator)
        defaults = [self.ev(d) for d in node.args.defaults]
        kw_defaults = [
            self.ev(d) if d is not None else None for d in node.args.kw_defaults
        ]
        func = Func(node, self.scope, defaults, kw_defaults)
        self.defined.append(func)
        self.scope.set(node.name, V("func", func=func))

    stmt_AsyncFunctionDef = stmt_FunctionDef

    def stmt_ClassDef(self, node: ast.ClassDef) -> None:
        outer = self.scope
        self.scope = Scope(parent=outer, module=self.module_scope)
        try:
            self.exec_block(node.body)
        finally:
            self.scope = outer
        self.scope.set(node.name, V("ext", qual=node.name))

    def stmt_Return(self, node: ast.Return) -> None:
        self.returns.append(self.ev(node.value) if node.value is not None else NONE)

    def stmt_Global(self, node: ast.Global) -> None:
        self.scope.global_names.update(node.names)

    def stmt_If(self, node: ast.If) -> None:
        self.ev(node.test)
        self.branches([node.body, node.orelse])

    def branches(self, bodies: list[list[ast.stmt]]) -> None:
        """Run alternative blocks from the same state and join what they wrote."""
        scope = self.scope
        outcomes: list[dict[str, object]] = []
        for body in bodies:
            scope.journals.append({})
            self.exec_block(body)
            journal = scope.journals.pop()
            outcomes.append({k: scope.vars.get(k, MISSING) for k in journal})
            for name, old in journal.items():
                if old is MISSING:
                    scope.vars.pop(name, None)
                else:
                    scope.vars[name] = old
        names = set().union(*outcomes) if outcomes else set()
        for name in names:
            before = scope.vars.get(name, MISSING)
            merged = None
            for outcome in outcomes:
                value = outcome.get(name, before)
                if value is not MISSING:
                    merged = join(merged, value)
            if merged is not None:
                scope.write(name, merged)

    def stmt_For(self, node: ast.For | ast.AsyncFor) -> None:
        item = element(self.ev(node.iter))
        self.loop(node, lambda: self.assign(node.target, item))
        self.exec_block(node.orelse)

    stmt_AsyncFor = stmt_For

    def stmt_While(self, node: ast.While) -> None:
        self.loop(node, lambda: self.ev(node.test))
        self.exec_block(node.orelse)

    def loop(self, node: ast.For | ast.While, head: Callable[[], object]) -> None:
        repeats = 2 if self.loop_depth < MAX_LOOP_REPEAT_DEPTH else 1
        self.loop_depth += 1
        try:
            for _ in range(repeats):
                head()
                self.exec_block(node.body)
        finally:
            self.loop_depth -= 1

    def stmt_With(self, node: ast.With | ast.AsyncWith) -> None:
        for item in node.items:
            value = self.ev(item.context_expr)
            if item.optional_vars is not None:
                self.assign(item.optional_vars, value)
        self.exec_block(node.body)

    stmt_AsyncWith = stmt_With

    def stmt_Try(self, node: ast.Try) -> None:
        self.exec_block(node.body)
        for handler in node.handlers:
            if handler.name:
                self.scope.set(handler.name, UNKNOWN)
            self.exec_block(handler.body)
        self.exec_block(node.orelse)
        self.exec_block(node.finalbody)

    stmt_TryStar = stmt_Try

    def stmt_Match(self, node: ast.Match) -> None:
        self.ev(node.subject)
        self.branches([case.body for case in node.cases] + [[]])

    # -- assignment ---------------------------------------------------------------

    def assign(self, target: ast.expr, value: V) -> None:
        if isinstance(target, ast.Name):
            self.scope.set(target.id, value)
        elif isinstance(target, (ast.Tuple, ast.List)):
            self.unpack(target.elts, value)
        elif isinstance(target, ast.Starred):
            self.assign(target.value, V("seq", elem=element(value)))
        elif isinstance(target, ast.Subscript):
            self.ev(target.slice)
            self.store_into(target.value, value)
        elif isinstance(target, ast.Attribute):
            self.store_into(target.value, value)

    def unpack(self, targets: list[ast.expr], value: V) -> None:
        starred = [i for i, t in enumerate(targets) if isinstance(t, ast.Starred)]
        items = value.items if value.kind == "seq" else None
        if items is not None and not starred and len(items) == len(targets):
            for target, item in zip(targets, items):
                self.assign(target, item)
            return
        if items is not None and starred and len(items) >= len(targets) - 1:
            s = starred[0]
            tail = len(targets) - s - 1
            for target, item in zip(targets[:s], items[:s]):
                self.assign(target, item)
            middle = items[s : len(items) - tail]
            self.assign(targets[s].value, V("seq", items=tuple(middle)))
            for target, item in zip(targets[s + 1 :], items[len(items) - tail :]):
                self.assign(target, item)
            return
        each = element(value) if value.kind in ("seq", "dict") else value
        if value.kind not in ("seq", "dict") and value.kind not in ROWS_OR_STATS:
            each = UNKNOWN
        for target in targets:
            self.assign(target, each)

    def store_into(self, container: ast.expr, value: V) -> None:
        """``df[col] = value``, ``obj.attr = value``, ``lst.append(value)``: the
        container now holds ``value`` too."""
        root = container
        while isinstance(root, (ast.Subscript, ast.Attribute)):
            root = root.value
        if not isinstance(root, ast.Name):
            return
        current = self.scope.lookup(root.id)
        if current is None:
            current = self.load(root.id)
        if current.kind in ("seq", "dict"):
            updated = replace(current, items=None, elem=join(element(current), value))
        elif current.kind in DATA_KINDS:
            if value.kind in ROWS_OR_STATS:
                updated = self.generic([current, value], None)
            else:
                return
        else:
            return
        self.scope.set(root.id, updated)

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
        return V("unknown", bound=bound)

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
            col = _const_str(index)
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
            return self.select_rows(base, index, node)
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
        for part in parts:
            if "indexer" in part.flags and part.splits:
                for split, _role in part.splits:
                    self.leak_sink(
                        [base], split.site, f"split into folds by `{split.label}`"
                    )
                out = replace(out, splits=out.splits | part.splits)
            elif part.kind == "stat":
                out = self.absorb(out, [part], None, self.site(node), selecting=True)
            elif part.kind == "const" and isinstance(part.const, str):
                cols = frozenset({part.const})
            elif part.kind in DATA_KINDS:  # a boolean mask
                mask = as_rows(part)
                out = replace(
                    out,
                    splits=out.splits | mask.splits,
                    origins=out.origins | mask.origins,
                    taints=out.taints | mask.taints,
                )
        return replace(out, cols=cols, flags=out.flags - {"indexer"})

    def ex_Call(self, node: ast.Call) -> V:
        func = self.ev(node.func)
        args = self._spread(node.args, lambda v: element(v) if v.kind == "seq" else v)
        kwargs: dict[str, V] = {}
        for keyword in node.keywords:
            value = self.ev(keyword.value)
            if keyword.arg is not None:
                kwargs[keyword.arg] = value
        return self.apply(func, args, kwargs, node)

    def ex_BinOp(self, node: ast.BinOp) -> V:
        return self.binop(self.ev(node.left), node.op, self.ev(node.right), node)

    def binop(self, left: V, op: ast.operator, right: V, node: ast.AST) -> V:
        rows = [v for v in (left, right) if v.kind in DATA_KINDS]
        stats = [v for v in (left, right) if v.kind == "stat"]
        if rows and stats:
            return self.absorb(_union("data", rows), stats, "SG201", self.site(node))
        return self.generic([left, right], node)

    def ex_Compare(self, node: ast.Compare) -> V:
        values = [self.ev(node.left)] + [self.ev(c) for c in node.comparators]
        out = self.generic(values, node)
        equality = any(isinstance(op, ast.Eq) for op in node.ops)
        if out.kind == "data" and equality and any(v.preds for v in values):
            out = replace(out, flags=out.flags | {"accuracy"})
        return out

    def ex_BoolOp(self, node: ast.BoolOp) -> V:
        out = None
        for value in node.values:
            out = join(out, self.ev(value))
        return out or UNKNOWN

    def ex_IfExp(self, node: ast.IfExp) -> V:
        self.ev(node.test)
        return join(self.ev(node.body), self.ev(node.orelse)) or UNKNOWN

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
        return V("const", const="")

    def ex_ListComp(self, node: ast.ListComp | ast.SetComp | ast.GeneratorExp) -> V:
        outer = self.scope
        self.scope = Scope(parent=outer, module=self.module_scope)
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
            self.scope = outer

    ex_SetComp = ex_ListComp
    ex_GeneratorExp = ex_ListComp
    ex_DictComp = ex_ListComp

    def ex_Slice(self, node: ast.Slice) -> V:
        for part in (node.lower, node.upper, node.step):
            if part is not None:
                self.ev(part)
        return META

    # -- generic data flow ------------------------------------------------------------

    def generic(self, values: Iterable[V | None], node: ast.AST | None) -> V:
        """An operation we have no model for: rows in, rows out (taints kept);
        statistics combined into rows are absorbed when their rule says so."""
        rows: list[V] = []
        stats: list[V] = []
        for v in flatten(values):
            if v.kind in DATA_KINDS:
                rows.append(v)
            elif v.kind == "stat":
                stats.append(v)
        if rows:
            out = _union("data", rows)
            if stats:
                site = self.site(node) if node is not None else None
                out = self.absorb(out, stats, None, site)
            return replace(
                out, flags=out.flags - {"indexer"} if len(rows) > 1 else out.flags
            )
        if stats:
            return _union("stat", stats)
        return META

    def absorb(
        self,
        rows: V,
        stats: list[V],
        plain_rule: str | None,
        site: Site | None,
        selecting: bool = False,
    ) -> V:
        """Rows combined with statistics: a statistic learned from unsplit rows
        taints them under its own rule (selection scores, target means), or under
        ``plain_rule`` (means used to fill gaps or to standardise). A model's
        ``coef_`` or ``feature_importances_`` count only when ``selecting``
        columns."""
        added = set()
        for stat in stats:
            for taint in stat.taints:
                if taint.kind != "S" or (taint.event.select_only and not selecting):
                    continue
                rule = taint.rule or plain_rule
                if rule is None:
                    continue
                added.add(Taint("F", taint.event, rule))
                self.check_overlap(taint.event, rule, rows)
        if not added:
            return rows
        return replace(rows, taints=rows.taints | frozenset(added))

    def check_overlap(self, event: Event, rule: str, rows: V) -> None:
        """Something learned from unsplit rows applied to split rows of the same
        data: the split's test rows were part of what was learned."""
        if not event.pre_split:
            return
        for split, _role in rows.splits:
            if split.origins & event.origins:
                self.report(
                    rule,
                    event.site,
                    f"{self.describe(event.site, event.label)} learns {LEARNS[rule]} "
                    f"from data that is also split by `{split.label}` "
                    f"({self.where(split.site.line)})",
                    (("the split", split.site),),
                    event.target_col,
                )
                return

    def leak_sink(
        self, values: Iterable[V | None], site: Site, verb: str, scoring: bool = False
    ) -> None:
        """``values`` are split or cross-validated at ``site`` (``scoring``: they
        are scored there, which only matters for resampled rows)."""
        for v in flatten(values):
            for taint in v.taints:
                event = taint.event
                if taint.kind == "R" and event.rule != "SG102":
                    self.report(
                        "SG101",
                        event.site,
                        f"{self.describe(event.site, event.label)} resamples data "
                        f"that is later {verb} ({self.where(site.line)})",
                        ((verb, site),),
                    )
                elif taint.kind == "F" and taint.rule and not scoring:
                    self.report(
                        taint.rule,
                        event.site,
                        f"{self.describe(event.site, event.label)} learns "
                        f"{LEARNS[taint.rule]} from data that is later {verb} "
                        f"({self.where(site.line)})",
                        ((verb, site),),
                        event.target_col,
                    )

    # -- calls ------------------------------------------------------------------------

    def apply(self, func: V, args: list[V], kwargs: dict[str, V], node: ast.Call) -> V:
        if func.kind == "func" and func.func is not None:
            return self.inline(func.func, args, kwargs, self.site(node))
        if func.kind == "ext" and func.qual:
            return self.external(func.qual, args, kwargs, node)
        if func.bound is not None:
            receiver, attr = func.bound
            if receiver.kind == "est":
                return self.estimator_method(receiver, attr, args, kwargs, node)
            if receiver.kind in ROWS_OR_STATS:
                return self.data_method(receiver, attr, args, kwargs, node)
            if receiver.kind == "groupby":
                return self.groupby_method(receiver, attr, args, kwargs, node)
            if receiver.kind in ("seq", "dict"):
                return self.container_method(receiver, attr, args, node)
        if func.kind == "free" and func.qual:
            return self.external(func.qual, args, kwargs, node)
        return self.generic([*args, *kwargs.values()], node)

    def inline(
        self, func: Func, args: list[V], kwargs: dict[str, V], site: Site | None
    ) -> V:
        """Run a user function with its arguments bound (``site`` None: analyse a
        function nobody calls, with unknown arguments)."""
        key = id(func.node)
        exhausted = site is not None and self.budget <= 0  # inlining has a budget
        if exhausted or len(self.stack) >= MAX_CALL_DEPTH or key in self.active:
            return self.generic([*args, *kwargs.values()], None)
        self.called.add(key)
        scope = Scope(parent=func.scope, module=self.module_scope)
        self.bind(func, scope, args, kwargs)
        saved = (self.scope, self.returns, self.yields, self.loop_depth)
        self.scope, self.returns, self.yields, self.loop_depth = scope, [], [], 0
        if site is not None:
            self.stack.append(site)
        self.active.add(key)
        try:
            if isinstance(func.node, ast.Lambda):
                result = self.ev(func.node.body)
            else:
                self.exec_block(func.node.body)
                result = join_all(self.returns) or NONE
                if self.yields:
                    result = V("seq", elem=join_all(self.yields))
        finally:
            self.active.discard(key)
            if site is not None:
                self.stack.pop()
            self.scope, self.returns, self.yields, self.loop_depth = saved
        return result

    def bind(
        self, func: Func, scope: Scope, args: list[V], kwargs: dict[str, V]
    ) -> None:
        spec = func.node.args
        positional = [*spec.posonlyargs, *spec.args]
        first_default = len(positional) - len(func.defaults)
        for i, param in enumerate(positional):
            if i < len(args):
                value = args[i]
            elif param.arg in kwargs:
                value = kwargs[param.arg]
            elif i >= first_default:
                value = func.defaults[i - first_default]
            else:
                value = self.load_param(param.arg)
            scope.vars[param.arg] = value
        for param, default in zip(spec.kwonlyargs, func.kw_defaults):
            value = kwargs.get(param.arg, default)
            scope.vars[param.arg] = (
                value if value is not None else self.load_param(param.arg)
            )
        if spec.vararg is not None:
            scope.vars[spec.vararg.arg] = V("seq", items=tuple(args[len(positional) :]))
        if spec.kwarg is not None:
            names = {p.arg for p in positional} | {p.arg for p in spec.kwonlyargs}
            rest = tuple((k, v) for k, v in kwargs.items() if k not in names)
            scope.vars[spec.kwarg.arg] = V(
                "dict", items=rest, elem=join_all(v for _, v in rest)
            )

    def load_param(self, name: str) -> V:
        """A parameter nobody passed: unknown data of its own."""
        value = V("free", qual=name, origins=frozenset({self.new_origin()}))
        if looks_heldout(name):
            value = replace(value, flags=frozenset({"heldout"}))
        return value

    @staticmethod
    def arg(args: list[V], kwargs: dict[str, V], index: int, *names: str) -> V | None:
        if index < len(args):
            return args[index]
        for name in names:
            if name in kwargs:
                return kwargs[name]
        return None

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
            return self.fit_function("SG201", args, node)
        if name in cat.SCORE_FUNCTIONS:
            data = self.arg(args, kwargs, 0, "X")
            return self.statistic(data, node, hint="SG203") if data else META
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
            return self.statistic(data, node) if data is not None else META
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
        if attr in cat.RESAMPLE_METHODS or (
            attr == "sample" and any(o.category == "sampler" for o in objs)
        ):
            return self.resample(objs, [X, y], node, label=self.call_label(node, objs))
        if attr == "fit":
            for obj in objs:
                self.fit(obj, X, y, node)
            return receiver
        if attr == "fit_transform":
            for obj in objs:
                self.fit(obj, X, y, node)
            return self.transform(objs, X)
        if attr in ("transform", "inverse_transform"):
            return self.transform(objs, X)
        if attr in cat.PREDICT_METHODS:
            return self.predict(objs, X)
        if attr == "fit_predict":
            for obj in objs:
                self.fit(obj, X, y, node)
            return self.predict(objs, X)
        if attr == "score":
            self.score(objs, X, y, node)
            return META
        if attr == "split":
            groups = self.arg(args, kwargs, 2, "groups")
            return self.splitter_split(objs, X, y, groups, node)
        if attr in ("set_params", "set_output"):
            return receiver
        if attr in ("get_support", "get_feature_names_out"):
            return self.learned(objs)
        if attr == "get_n_splits":
            return META
        return self.generic([*args, *kwargs.values()], node)

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
        label = f"{short(node.func)}()"
        if obj.category in cat.TRANSFORMER_RULES:
            label = self.call_label(node, frozenset({obj}))
        pre_split = not X.splits and X.kind in DATA_KINDS
        self.note_use(frozenset({obj}), site)
        if category == "search" or cat.is_internal_cv(obj.name):
            self.leak_sink([X, y], site, f"used to fit `{short(node.func)}`")
            self.splitter_use(obj.cv, site, obj.inner or frozenset({obj}), y)
        rule = cat.TRANSFORMER_RULES.get(category, "SG203")
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
            return
        obj.trained = frozenset(
            t.event for t in X.taints if t.kind == "R" and t.event.pre_split
        )
        self.note_target(y)
        if obj.is_classifier():
            self.note_classes(y)

    def transform(self, objs: frozenset, X: V | None) -> V:
        out = as_rows(X or UNKNOWN)
        added = set()
        for obj in objs:
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
        out = as_rows(X or UNKNOWN)
        return replace(out, preds=out.preds | objs, flags=out.flags - {"heldout"})

    def score(self, objs: frozenset, X: V | None, y: V | None, node: ast.Call) -> None:
        site = self.site(node)
        label = f"{short(node.func)}()"
        self.leak_sink([X, y], site, f"scored by `{label}`", scoring=True)
        self.trained_on_scored(objs, [X, y], site, label)
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

    def trained_on_scored(
        self, objs: frozenset, values: list[V | None], site: Site, label: str
    ) -> None:
        """A model trained on resampled unsplit data, scored on rows that took
        part in that resampling."""
        origins = frozenset().union(*(v.origins for v in flatten(values)))
        for obj in objs:
            for event in obj.trained:
                if event.origins & origins and event.rule != "SG102":
                    self.report(
                        "SG101",
                        event.site,
                        f"{self.describe(event.site, event.label)} resamples data "
                        f"before any split; a model trained on it is then scored "
                        f"on rows that took part ({label}, {self.where(site.line)})",
                        (("scored", site),),
                    )

    def note_use(self, objs: frozenset, site: Site, depth: int = 0) -> None:
        """A pipeline (possibly inside a search) is fitted or cross-validated."""
        for obj in objs:
            if obj.category == "pipeline_sklearn" and obj.first_use is None:
                obj.first_use = site
            if depth < 4:
                self.note_use(obj.inner, site, depth + 1)

    # -- resampling -----------------------------------------------------------------

    def resample(
        self, objs: frozenset, arrays: list[V | None], node: ast.Call, label: str
    ) -> V:
        site = self.site(node)
        present = [a for a in arrays if a is not None]
        splits = frozenset().union(*(a.splits for a in present))
        origins = frozenset().union(*(a.origins for a in present))
        event = Event("resample", site, label, origins=origins, pre_split=not splits)
        tests = [split for split, role in splits if role == "test"]
        if tests or any("heldout" in a.flags for a in present):
            event.rule = "SG102"  # reported as such; not SG101 when scored
        if tests:
            split = tests[0]
            self.report(
                "SG102",
                site,
                f"{self.describe(site, label)} resamples test rows (from "
                f"`{split.label}`, {self.where(split.site.line)})",
                (("the split", split.site),),
            )
        elif any("heldout" in a.flags for a in present):
            named = next(
                (
                    short(a)
                    for a in node.args
                    if isinstance(a, (ast.Name, ast.Attribute, ast.Subscript))
                ),
                "its input",
            )
            self.report(
                "SG102",
                site,
                f"{self.describe(site, label)} resamples `{named}`, which is named "
                f"like test or validation data",
            )
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
        )
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
        )
        self.leak_sink(present, site, f"split into folds by `{label}`")
        for obj in objs:
            if obj.category == "kfold":
                obj.uses.append(Use(site, split=split))
        if any(
            o.category in ("splitter", "kfold") and o.name.startswith("Stratified")
            for o in objs
        ):
            self.note_classes(y)
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
        self.leak_sink([X, y], site, f"passed to `{name}`")
        self.note_use(objs, site)
        self.splitter_use(kwargs.get("cv"), site, objs, y)
        self.note_target(y)
        classifiers = frozenset(o for o in objs if o.is_classifier())
        if classifiers:
            self.note_classes(y)
            if name in ("cross_val_score", "cross_validate"):
                for kind in scoring_kinds(kwargs.get("scoring")):
                    self.evaluation(kind, classifiers, node, name)
        if name == "cross_val_predict":
            out = as_rows(X or UNKNOWN)
            return replace(out, preds=objs, taints=EMPTY)
        return META

    def splitter_use(
        self, cv: V | None, site: Site, estimators: frozenset, labels: V | None
    ) -> None:
        if cv is None or cv.kind != "est":
            return
        for obj in cv.objs:
            if obj.category == "kfold":
                obj.uses.append(Use(site, estimators=estimators, labels=labels))

    # -- evaluation --------------------------------------------------------------------

    def metric(
        self, kind: str, name: str, args: list[V], kwargs: dict[str, V], node: ast.Call
    ) -> V:
        site = self.site(node)
        y_true = self.arg(args, kwargs, 0, "y_true")
        y_pred = self.arg(args, kwargs, 1, "y_pred", "y_score", "y_prob", "probas_pred")
        values = [y_true, y_pred]
        self.leak_sink(values, site, f"scored by `{name}`", scoring=True)
        preds = frozenset().union(*(v.preds for v in flatten(values)))
        self.trained_on_scored(preds, values, site, name)
        self.note_classes(y_true)
        self.evaluation(kind, preds, node, name)
        return META

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
        """``labels`` are used as class labels."""
        if labels is None:
            return
        for v in flatten([labels]):
            if v.kind in DATA_KINDS:
                self.classif_origins.update(v.origins)
                for split, _role in v.splits:
                    split.classif = True

    def note_target(self, labels: V | None) -> None:
        """``labels`` are a model's target: remember the column they came from."""
        if labels is not None:
            for v in flatten([labels]):
                self.target_cols.update(v.cols)

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
        if receiver.kind == "stat":
            return self.generic([receiver, *args, *kwargs.values()], node)
        inplace = kwargs.get("inplace")
        if attr in cat.REDUCTIONS:
            if attr == "mean" and "accuracy" in receiver.flags:
                self.evaluation("accuracy", receiver.preds, node, short(node))
            return self.statistic(receiver, node)
        if attr == "groupby":
            return V("groupby", elem=receiver)
        if attr == "corrwith":
            return self.statistic(receiver, node, hint="SG203")
        if attr == "sample":
            replace_kw = kwargs.get("replace")
            if replace_kw is not None and replace_kw.const is True:
                out = self.resample(EMPTY, [receiver], node, label=short(node))
                return out.items[0] if out.items else UNKNOWN
        if attr == "pop":
            col = _const_str(self.arg(args, kwargs, 0, "item"))
            return replace(as_rows(receiver), cols=frozenset({col}) if col else EMPTY)
        plain = None
        if attr in ("fillna", "where", "mask", "replace"):
            plain = "SG202"
        elif attr in (
            "clip",
            "sub",
            "subtract",
            "div",
            "divide",
            "truediv",
            "rsub",
            "rdiv",
        ):
            plain = "SG201"
        stats = [v for v in flatten([*args, *kwargs.values()]) if v.kind == "stat"]
        rows = self.generic([receiver, *args, *kwargs.values()], node)
        if plain and stats and rows.kind == "data":
            rows = self.absorb(rows, stats, plain, self.site(node))
        if attr not in ("copy", "to_numpy", "values", "head", "tail", "astype"):
            rows = replace(rows, cols=receiver.cols if rows.kind == "data" else EMPTY)
        if (
            inplace is not None
            and inplace.const is True
            and isinstance(node.func, ast.Attribute)
        ):
            self.rebind(node.func.value, rows)
        return rows

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
        if attr in cat.REDUCTIONS or attr in ("agg", "aggregate"):
            return self.statistic(base, node, hint="SG204", target_col=col)
        if attr == "transform":
            stat = self.statistic(base, node, hint="SG204", target_col=col)
            return self.absorb(as_rows(base), [stat], None, self.site(node))
        return self.generic([base, *args], node)

    def container_method(
        self, receiver: V, attr: str, args: list[V], node: ast.Call
    ) -> V:
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

    # -- closing checks ----------------------------------------------------------------

    def finish(self) -> None:
        self.finish_pipelines()
        self.finish_splits()
        self.finish_accuracy()

    def finish_pipelines(self) -> None:
        for obj in self.objects:
            if obj.category != "pipeline_sklearn":
                continue
            samplers = sorted(
                {s.name for step in obj.steps for s in step if s.category == "sampler"}
            )
            if not samplers:
                continue
            message = (
                f"`{obj.label}` puts sampler {', '.join(samplers)} in a scikit-learn "
                f"pipeline"
            )
            related: tuple = ()
            if obj.first_use is not None:
                message += (
                    f", which is then fitted at {self.where(obj.first_use.line)} "
                    f"(`{short(obj.first_use.node)}`)"
                )
                related = (("used here", obj.first_use),)
            self.report("SG103", obj.site, message, related)

    def labels_are_classes(self, labels: V | None) -> bool:
        if labels is None:
            return False
        for v in flatten([labels]):
            if v.origins & self.classif_origins:
                return True
            if any(split.classif for split, _ in v.splits):
                return True
        return False

    def finish_splits(self) -> None:
        for split in self.split_events:
            if split.stratified or not split.shuffled:
                continue
            if split.classif or split.label_origins & self.classif_origins:
                self.report(
                    "SG301",
                    split.site,
                    "`train_test_split` splits class labels without `stratify=`; "
                    "the class proportions of the two parts are left to chance",
                )
        for obj in self.objects:
            if obj.category != "kfold":
                continue
            for use in obj.uses:
                if use.split is not None:
                    classif = use.split.classif or bool(
                        use.split.label_origins & self.classif_origins
                    )
                else:
                    classif = any(o.is_classifier() for o in use.estimators) or (
                        not any(o.is_regressor() for o in use.estimators)
                        and self.labels_are_classes(use.labels)
                    )
                if classif:
                    self.report(
                        "SG302",
                        obj.site,
                        f"`{obj.label}` ignores the class labels, and it is used "
                        f"for classification at {self.where(use.site.line)} "
                        f"(`{short(use.site.node)}`)",
                        (("used here", use.site),),
                    )
                    break

    def finish_accuracy(self) -> None:
        records = self.evaluations
        if not records:
            return
        any_other = any(r.kind == "other" for r in records)
        unattributed_other = any(
            r.kind == "other" and not r.estimators for r in records
        )
        groups: dict[Obj | None, list[Evaluation]] = {}
        for record in records:
            for key in record.estimators or (None,):
                groups.setdefault(key, []).append(record)
        for key, group in groups.items():
            if any(r.kind == "other" for r in group) or unattributed_other:
                continue
            if key is None and any_other:
                continue
            first = next(r for r in group if r.kind == "accuracy")
            if key is None:
                subject = "the classifier"
                related: tuple = ()
            else:
                subject = f"classifier `{key.label}` ({self.where(key.site.line)})"
                related = (("the classifier", key.site),)
            self.report(
                "SG401",
                first.site,
                f"{subject} is evaluated only with accuracy (`{first.label}`), which "
                f"a majority-class guess already scores high on",
                related,
            )


def join_all(values: Iterable[V | None]) -> V | None:
    out = None
    for v in values:
        out = join(out, v)
    return out


def scoring_kinds(scoring: V | None) -> set[str]:
    """``accuracy`` and/or ``other`` for a ``scoring=`` argument."""
    if scoring is None or (scoring.kind == "const" and scoring.const is None):
        return {"accuracy"}
    if scoring.kind == "const":
        return {"accuracy" if scoring.const in cat.ACCURACY_SCORING else "other"}
    if scoring.kind in ("seq", "dict") and scoring.items is not None:
        kinds: set[str] = set()
        for item in scoring.items:
            value = item[1] if scoring.kind == "dict" else item
            if isinstance(value, V):
                kinds |= scoring_kinds(value)
        return kinds or {"other"}
    return {"other"}


def analyse(tree: ast.Module, where: Callable[[int], str] | None = None) -> list[Issue]:
    """The issues of one parsed module (``where`` renders program lines)."""
    analyzer = Analyzer(where) if where is not None else Analyzer()
    return analyzer.run(tree)
