"""Abstract values of the audit's interpreter, and the places and events they record.

Instead of arrays the interpreter computes :class:`V` values that describe where
rows come from:

* ``origins``: which data sets a value's rows come from;
* ``splits``: the split events (``train_test_split``, ``KFold.split``...) a value
  came out of, and whether as training or test rows;
* ``taints``: what happened to the rows before they were split: resampled by a
  sampler (``R``), transformed with something learned from unsplit rows (``F``),
  and, on statistics rather than rows, learned from unsplit rows (``S``).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import NamedTuple

from . import catalog as cat

EMPTY: frozenset = frozenset()
DATA_KINDS = frozenset({"data", "free"})
ROWS_OR_STATS = DATA_KINDS | {"stat"}

# -- sites, events, objects ------------------------------------------------------


class Site:
    """Where something happens: an AST node, plus the user-function calls
    (outermost first) through which the analysis reached it.

    Parameters
    ----------
    node : ast.AST
        The statement or expression.
    via : tuple of Site, default=()
        The user-function calls that led there, outermost first.
    """

    __slots__ = ("node", "via")

    def __init__(self, node: ast.AST, via: tuple[Site, ...] = ()):
        self.node = node
        self.via = via

    @property
    def line(self) -> int:
        return self.node.lineno


def position(site: Site) -> tuple[int, int]:
    """Where ``site`` is in the program, to visit events in a fixed order (sets
    of events iterate in an order that changes from run to run).

    Parameters
    ----------
    site : Site

    Returns
    -------
    tuple of int
        ``(line, column)``.
    """
    return site.node.lineno, site.node.col_offset


@dataclass(eq=False)
class Event:
    """A resampling, a fit, a statistic or a split.

    Parameters
    ----------
    kind : str
        ``"resample"``, ``"fit"``, ``"stat"`` or ``"split"``.
    site : Site
        Where it happens.
    label : str
        The call as messages quote it.
    rule : str or None, default=None
        The rule it can violate.
    origins : frozenset, default=frozenset()
        The data sets (by origin) whose rows it read.
    pre_split : bool, default=True
        Whether the rows it read had not been split.
    target_col : str or None, default=None
        The rule applies only if this column is the label.
    select_only : bool, default=False
        What it learned leaks only when it picks columns.
    by_hand : bool, default=False
        A resampling written by hand, one array at a time.
    stratified, shuffled : bool
        Splits: whether stratified (default False) and shuffled (default True).
    label_origins, label_cols : frozenset, default=frozenset()
        Splits: the origins of the labels split, and their column when known.
    classif, regress : bool, default=False
        Splits: the outputs were used as class labels, or a regression target.
    manual : bool, default=False
        A split written by hand (slices, masks, sample + drop).
    nested : bool, default=False
        It splits a training part (a validation split).
    pending : list, optional
        Hand-made splits: rows cut, not yet checked.
    used : set, optional
        Hand-made splits: the sides used so far.
    confirmed : bool, default=True
        Hand-made splits: both sides used (or a splitting call).
    by : str, default=""
        Hand-made splits: how they are made (``"condition"`` on a column,
        ``"sample"`` of rows).
    """

    kind: str  # resample | fit | stat | split
    site: Site
    label: str
    rule: str | None = None
    origins: frozenset = EMPTY
    pre_split: bool = True  # the rows it read had not been split
    target_col: str | None = None  # rule applies only if this column is the label
    select_only: bool = False  # what it learned leaks only when it picks columns
    by_hand: bool = False  # a resampling written by hand, one array at a time
    # split events
    stratified: bool = False
    shuffled: bool = True
    label_origins: frozenset = EMPTY
    label_cols: frozenset = EMPTY  # the labels' column, when known
    classif: bool = False  # its outputs were used as class labels
    regress: bool = False  # its outputs were used as a regression target
    manual: bool = False  # a split written by hand (slices, masks, sample+drop)
    nested: bool = False  # it splits a training part (a validation split)
    pending: list = field(default_factory=list)  # rows cut, not yet checked
    used: set = field(default_factory=set)  # hand-made: the sides used so far
    confirmed: bool = True  # hand-made: both sides used (or a splitting call)
    by: str = ""  # hand-made: "condition" (a column condition), "sample"...

    def is_split(self) -> bool:
        """Whether this is known to be a split (a slice is one only once both
        of its sides are fitted on, predicted or scored)."""
        return not self.manual or self.confirmed


class Taint(NamedTuple):
    """A mark on rows: how an earlier event may leak through them.

    Parameters
    ----------
    kind : str
        ``"R"`` (resampled rows), ``"F"`` (rows transformed by a fit made before
        the split) or ``"S"`` (a statistic of rows not yet split).
    event : Event
        The event that made them.
    rule : str or None
        The rule it can violate.
    """

    kind: str  # R (resampled rows) | F (rows transformed by a pre-split fit) | S
    event: Event
    rule: str | None


@dataclass(eq=False)
class Obj:
    """An estimator, pipeline, search or splitter instance (mutable: fit).

    Parameters
    ----------
    name : str
        The class name.
    category : str
        What it is (``"classifier"``, ``"sampler"``, ``"pipeline"``, ``"search"``,
        ``"splitter"``, ...; see ``smoteguard.audit.catalog``).
    site : Site
        Where it was made.
    label : str
        The call as messages quote it.
    steps : list of frozenset, optional
        Pipelines: the possible objects of each step.
    inner : frozenset, default=frozenset()
        Searches and wrappers: the possible inner estimators.
    cv, scoring : V or None, default=None
        Searches: their ``cv=`` and ``scoring=`` arguments.
    fit_event : Event or None, default=None
        Its last fit.
    trained : frozenset, default=frozenset()
        The resampling events (before a split) it was trained on.
    uses : list of Use, optional
        Splitters: where they are used.
    first_use : Site or None, default=None
        scikit-learn pipelines: their first fit or cross-validation.
    fit_rows : V or None, default=None
        Models: the rows of their last fit.
    fit_site : Site or None, default=None
        Models: where they were last fitted.
    """

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
    fit_rows: V | None = None  # models: the rows of their last fit
    fit_site: Site | None = None

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
class Tuning:
    """A hyperparameter search fitted, or a cross-validation run to choose
    between settings (in a loop, or in an Optuna objective).

    Parameters
    ----------
    site : Site
        Where it runs.
    label : str
        The call as messages quote it.
    rows : V
        The rows it tunes on.
    """

    site: Site
    label: str
    rows: V


@dataclass(eq=False)
class Use:
    """A splitter in use: its own ``split`` or a ``cv=`` argument.

    Parameters
    ----------
    site : Site
        Where it is used.
    split : Event or None, default=None
        The split it made, when known.
    estimators : frozenset, default=frozenset()
        The models cross-validated with it.
    labels : V or None, default=None
        The labels it split on.
    """

    site: Site
    split: Event | None = None
    estimators: frozenset = EMPTY
    labels: V | None = None


@dataclass(eq=False)
class Func:
    """A user function or lambda, with the scope it closes over.

    Parameters
    ----------
    node : ast.FunctionDef, ast.AsyncFunctionDef or ast.Lambda
        Its definition.
    scope : Scope
        The scope it was defined in.
    defaults, kw_defaults : list of V
        The values of its positional and keyword-only defaults (None: no default).
    """

    node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
    scope: Scope
    defaults: list[V]
    kw_defaults: list[V | None]


@dataclass(frozen=True, eq=False, slots=True)
class V:
    """An abstract value: what the analysis knows of a Python value.

    Parameters
    ----------
    kind : str, default="unknown"
        ``data``, ``free``, ``stat``, ``meta``, ``const``, ``est``, ``seq``,
        ``dict``, ``func``, ``ext``, ``groupby`` or ``unknown``.
    taints : frozenset of Taint, default=frozenset()
        How earlier events may leak through it.
    splits : frozenset, default=frozenset()
        ``(split Event, "train" | "test")``: the split parts it is.
    origins : frozenset, default=frozenset()
        The data sets its rows come from.
    preds : frozenset, default=frozenset()
        The estimators whose predictions these are.
    cols : frozenset, default=frozenset()
        The single column selected, when known.
    flags : frozenset of str, default=frozenset()
        Marks such as ``indexer``, ``heldout``, ``accuracy``, ``random``, ``mask``.
    const : object, default=None
        Constants: the value; a random mask: the split it draws.
    qual : str or None, default=None
        The dotted name it stands for (imported names).
    objs : frozenset of Obj, default=frozenset()
        The estimator objects it may be.
    items : tuple or None, default=None
        Sequences and dicts: their items, when known.
    elem : V or None, default=None
        Sequences: the value of any element.
    func : Func or None, default=None
        User functions: the function.
    bound : tuple or None, default=None
        ``(receiver, attribute)``: a method, when called.
    parent : V or None, default=None
        The rows these rows were selected from (``df[df.y == 1]``).
    preset : tuple or None, default=None
        ``functools.partial``: its ``(args, kwargs items)``.
    """

    kind: str = "unknown"  # data free stat meta const est seq dict func ext groupby
    taints: frozenset = EMPTY
    splits: frozenset = EMPTY  # (split Event, "train" | "test")
    origins: frozenset = EMPTY
    preds: frozenset = EMPTY  # estimators whose predictions these are
    cols: frozenset = EMPTY  # the single column selected, when known
    flags: frozenset = EMPTY  # indexer, heldout, accuracy, random, mask...
    const: object = None  # constants; a random mask: the split it draws
    qual: str | None = None
    objs: frozenset = EMPTY
    items: tuple | None = None
    elem: V | None = None
    func: Func | None = None
    bound: tuple | None = None  # (receiver, attribute): a method when called
    parent: V | None = None  # rows selected from these rows (df[df.y == 1])
    preset: tuple | None = None  # functools.partial: (args, kwargs items)


NONE = V("const")
#: marks a score computed inside a loop (one model per iteration)
LOOP = "loop"
#: the ``const`` of a constant whose value is not known (two constants joined,
#: an f-string): a constant kind, but no truth value
VARIES = object()
UNKNOWN = V()
META = V("meta")
MISSING = object()


@dataclass(eq=False)
class Issue:
    """One rule violation found by the analysis (a ``Finding`` before it is
    placed in a file).

    Parameters
    ----------
    code : str
        The rule's code, such as ``"SG101"``.
    site : Site
        Where it is reported (the call that introduced the leak).
    message : str
        What is wrong.
    related : tuple of (str, Site), default=()
        Other places it refers to, each with what happens there.
    target_col : str or None, default=None
        The column the rule needs to be the label, when it depends on one.
    context : dict, optional
        What the rule's fixer needs (see ``smoteguard.audit.fixes``).
    """

    code: str
    site: Site
    message: str
    related: tuple[tuple[str, Site], ...] = ()
    target_col: str | None = None
    context: dict = field(default_factory=dict)  # what the rule's fixer needs


@dataclass(eq=False)
class Evaluation:
    """Models scored on rows (a metric, ``score`` or a cross-validation).

    Parameters
    ----------
    site : Site
        The scoring call.
    estimators : frozenset of Obj
        The models scored.
    kind : str
        ``"accuracy"`` (accuracy alone) or ``"other"``.
    label : str
        The call as messages quote it.
    """

    site: Site
    estimators: frozenset
    kind: str  # accuracy | other
    label: str


class Scope:
    """Variables of a module, function or comprehension; ``journals`` record the
    first write of each name inside an ``if`` branch so branches can be joined.

    Parameters
    ----------
    parent : Scope or None, default=None
        The enclosing scope (None: the module's).
    module : Scope or None, default=None
        The module's scope (None: this one is it).
    """

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
    """The value that may be either ``a`` or ``b`` (after an ``if``, in a loop).

    Parameters
    ----------
    a, b : V or None
        None stands for "not assigned on this path".

    Returns
    -------
    V or None
        Rows or statistics join into their union; estimators into the union of
        their objects; a known value wins over an unknown one.
    """
    if a is None or a is b:
        return b
    if b is None:
        return a
    if a.kind == "est" and b.kind == "est":
        return replace(a, objs=a.objs | b.objs)
    if a.kind == "const" and b.kind == "const":
        same = type(a.const) is type(b.const) and a.const == b.const
        return a if same else V("const", const=VARIES)
    if a.kind in ROWS_OR_STATS and b.kind in ROWS_OR_STATS:
        kind = "stat" if a.kind == b.kind == "stat" else "data"
        return union(kind, (a, b))
    if a.kind == "seq" and b.kind == "seq":
        if a.items is not None and b.items is not None and len(a.items) == len(b.items):
            return V("seq", items=tuple(map(join, a.items, b.items)))
        return V("seq", elem=join(element(a), element(b)))
    if a.kind in ("unknown", "meta", "const"):
        return b
    return a if b.kind in ("unknown", "meta", "const") else b


def union(kind: str, values: Iterable[V]) -> V:
    """The union of rows or statistics.

    Parameters
    ----------
    kind : {"data", "stat"}
        The kind of the result.
    values : iterable of V

    Returns
    -------
    V
        Taints, splits, origins, predictions and flags of all ``values``; the
        selected column only when they agree on one.
    """
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
    """The known items of a sequence, the known values of a dict.

    Parameters
    ----------
    v : V

    Returns
    -------
    tuple of V
    """
    if not v.items:
        return ()
    if v.kind == "dict":
        return tuple(value for _key, value in v.items)
    return v.items


def element(v: V) -> V:
    """What iterating over ``v`` yields.

    Parameters
    ----------
    v : V

    Returns
    -------
    V
        The join of a sequence's items (a dict: of its values); rows iterate as
        rows; anything else as UNKNOWN.
    """
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
    """``v`` as row data (what a transform or a split returns for it).

    Parameters
    ----------
    v : V

    Returns
    -------
    V
        Of kind ``data``; a statistic keeps its taints.
    """
    if v.kind == "data":
        return v if v.bound is None else replace(v, bound=None)
    if v.kind == "free":
        return replace(v, kind="data", qual=None, bound=None)
    return V("data", taints=v.taints if v.kind == "stat" else EMPTY, flags=v.flags)


def flatten(values: Iterable[V | None], depth: int = 0) -> Iterable[V]:
    """The leaves of nested sequences and dicts (up to 4 levels).

    Parameters
    ----------
    values : iterable of V or None
        None entries are skipped.
    depth : int, default=0

    Returns
    -------
    iterator of V
    """
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
    """Whether a variable name says it holds held-out data.

    ``X_test``, ``y_val``, ``df_valid``, ``Xtest``, ``holdout``... but not
    ``X_train`` or ``latest``.

    Parameters
    ----------
    name : str

    Returns
    -------
    bool
    """
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
    """Source text of an expression, shortened for messages.

    Parameters
    ----------
    node : ast.AST
    limit : int, default=48
        Characters at most; a long call keeps its callee chain
        (``SelectKBest(...).fit_transform(X, y)``).

    Returns
    -------
    str
    """
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


def const_str(v: V | None) -> str | None:
    """The string constant ``v`` holds, if any.

    Parameters
    ----------
    v : V or None

    Returns
    -------
    str or None
    """
    return v.const if v is not None and isinstance(v.const, str) else None


def join_all(values: Iterable[V | None]) -> V | None:
    """The join of several values (see :func:`join`).

    Parameters
    ----------
    values : iterable of V or None

    Returns
    -------
    V or None
        None when ``values`` is empty or all None.
    """
    out = None
    for v in values:
        out = join(out, v)
    return out


def scoring_kinds(scoring: V | None) -> set[str]:
    """What a ``scoring=`` argument measures.

    Parameters
    ----------
    scoring : V or None
        The argument (None: not given, which means accuracy for a classifier).

    Returns
    -------
    set of {"accuracy", "other"}
    """
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


def truth(v: V) -> bool | None:
    """Whether a condition is known to hold.

    Parameters
    ----------
    v : V
        The condition's value.

    Returns
    -------
    bool or None
        The truth of a known constant (a flag left at its default, a literal);
        None when it is not known, and both branches then run.
    """
    if v.kind != "const" or v.const is VARIES:
        return None
    try:
        return bool(v.const)
    except Exception:  # pragma: no cover - constants of the AST are plain
        return None


def test_splits(values: Iterable[V | None]) -> list[Event]:
    """The splits whose test side ``values`` hold rows of, in program order.

    Parameters
    ----------
    values : iterable of V or None

    Returns
    -------
    list of Event
    """
    found = {
        split
        for v in flatten(values)
        for split, role in v.splits
        if role == "test" and split.is_split()
    }
    return sorted(found, key=lambda split: position(split.site))


def covers_test_rows(rows: V, split: Event) -> bool:
    """Whether ``rows`` include the test rows of ``split``: they hold its test
    side, or they are unsplit rows of the same data.

    Parameters
    ----------
    rows : V
    split : Event

    Returns
    -------
    bool
    """
    if any(s is split and role == "test" for s, role in rows.splits):
        return True
    return not rows.splits and bool(rows.origins & split.origins)
