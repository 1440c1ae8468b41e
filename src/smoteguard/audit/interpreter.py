"""The abstract interpreter of ``smoteguard audit``: scopes, statements, joins.

It walks a module's AST in execution order (a user function runs where it is
called, with its arguments bound; loops run twice so values carried round a loop
are seen; both branches of an ``if`` run and their results are joined), computing
the abstract values of :mod:`.values` instead of arrays. What a call of a library
does is not known here: :meth:`Interpreter.apply` hands calls of imported names
and methods of estimators, tables and containers to the semantics in
:mod:`.semantics`, and the rule checks of :mod:`.rules` are called at the events
listed in :data:`.rules.HOOKS`. Nothing is executed.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable
from dataclasses import replace

from . import catalog as cat
from .expressions import UNSEEN_ARGS, Expressions, OpenKeywords
from .rules import CHECKS
from .values import (
    DATA_KINDS,
    LOOP,
    META,
    MISSING,
    NONE,
    ROWS_OR_STATS,
    UNKNOWN,
    VARIES,
    Evaluation,
    Event,
    Func,
    Issue,
    Obj,
    Scope,
    Site,
    Taint,
    Tuning,
    V,
    element,
    flatten,
    join,
    join_all,
    looks_heldout,
    position,
    short,
    test_splits,
    truth,
    union,
)

MAX_CALL_DEPTH = 6
#: calls that run a user's objective once per setting they try (Optuna's
#: study.optimize, hyperopt's fmin, scikit-optimize's *_minimize)
OPTIMIZER_CALLS = frozenset(
    {"optimize", "fmin", "gp_minimize", "forest_minimize", "gbrt_minimize"}
)
MAX_LOOP_REPEAT_DEPTH = 3
INLINE_BUDGET_PER_STATEMENT = 20
INLINE_BUDGET_BASE = 10_000


class Interpreter(Expressions):
    """Runs the abstract interpretation of one module; :meth:`run` returns the
    issues found.

    Parameters
    ----------
    where : callable, optional
        Renders a program line for messages (default ``line N``).
    """

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
        # labels known to be classes, or a regression target: whole data sets,
        # and single columns of them as (origin, column)
        self.classif_origins: set[int] = set()
        self.classif_columns: set[tuple[int, str]] = set()
        self.regress_origins: set[int] = set()
        self.regress_columns: set[tuple[int, str]] = set()
        self.target_cols: set[str] = set()
        self.free_origins: dict[str, int] = {}
        self.origin_counter = 0
        self.parents: dict[ast.AST, ast.AST] = {}
        self.loop_depth = 0
        self.objective_depth = 0  # inside an objective an optimiser calls
        # functions callers may reach unseen (getattr by name, handed on)
        self.escaped: set[int] = set()
        self.budget = 0
        self.manual_splits: dict[object, Event] = {}
        self.condition_values: dict[str, object] = {}
        self.tunings: list[Tuning] = []
        # scores of test rows computed by an objective, and the optimisers
        # (by source text) whose best value is one of them
        self.objective_tests: list[tuple[Site, str, Event]] = []
        self.best_of_test: dict[str, list[tuple[Site, str, Event]]] = {}
        # cross-validations run in a loop, tuning once their scores pick a value
        self.pending_tunings: dict[Event, Tuning] = {}
        # split -> the models scored on its test side (LOOP: scored in a loop)
        self.test_scorers: dict[Event, set] = {}

    # -- driver ------------------------------------------------------------------

    def run(self, tree: ast.Module) -> list[Issue]:
        # Every statement is interpreted once (twice in loops, at most 8 times
        # in nested loops); calls of user functions are inlined while the
        # budget lasts and summarised afterwards: linear in the file size.
        n_statements = sum(isinstance(n, ast.stmt) for n in ast.walk(tree))
        self.parents = {
            child: parent
            for parent in ast.walk(tree)
            for child in ast.iter_child_nodes(parent)
        }
        self.budget = INLINE_BUDGET_PER_STATEMENT * n_statements + INLINE_BUDGET_BASE
        self.escaped = _escaped_functions(tree)
        self.exec_block(tree.body)
        index = 0
        while index < len(self.defined):  # functions never called: on their own
            func = self.defined[index]
            index += 1
            if id(func.node) not in self.called:
                self.inline(func, [], {}, None)
        for check in CHECKS["on_finish"]:
            check(self)
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
        context: dict | None = None,
    ) -> None:
        key = (code, site.line)
        if key not in self.issues:
            self.issues[key] = Issue(
                code, site, message, related, target_col, context or {}
            )

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
        if any(
            isinstance(t, ast.Name) and t.id.lower().startswith("best")
            for t in node.targets
        ):  # `best_score = score`: a choice
            self.chosen([value])
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
            body = self.scope.vars
        finally:
            self.scope = outer
        self.scope.set(node.name, self.define_class(node, body))

    def stmt_Return(self, node: ast.Return) -> None:
        self.returns.append(self.ev(node.value) if node.value is not None else NONE)

    def stmt_Global(self, node: ast.Global) -> None:
        self.scope.global_names.update(node.names)

    def stmt_If(self, node: ast.If) -> None:
        # a known condition (a flag every call site leaves at a value that
        # skips the branch) runs one branch: only reachable leaks are reported
        known = truth(self.ev(node.test))
        if known is None:
            self.branches([node.body, node.orelse])
        else:
            self.exec_block(node.body if known else node.orelse)

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
            key = self.ev(target.slice)
            self.store_into(target.value, self.fill_rows(target, key, value))
        elif isinstance(target, ast.Attribute):
            owner = self.ev(target.value)
            if owner.kind == "inst":
                self.set_instance_attribute(owner, target.attr, value)
            else:
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
            if isinstance(root, ast.Attribute):
                owner = self.ev(root.value)
                if owner.kind == "inst":  # self.df[col] = ...: the attribute
                    held = self.instance_attribute(owner, root.attr)
                    self.set_instance_attribute(
                        owner, root.attr, self.generic([held, value], None)
                    )
                    return
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
            out = union("data", rows)
            if stats:
                site = self.site(node) if node is not None else None
                out = self.absorb(out, stats, None, site)
            flags = out.flags - cat.TRANSIENT_FLAGS
            if len(rows) > 1:
                flags -= {"indexer"}
            return replace(out, flags=flags)
        if stats:
            return union("stat", stats)
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
        """Something learned under ``rule`` is applied to ``rows``: the checks'
        ``on_overlap`` hooks decide whether the split rows were part of it."""
        for check in CHECKS["on_overlap"]:
            check(self, event, rule, rows)

    def leak_sink(
        self, values: Iterable[V | None], site: Site, verb: str, scoring: bool = False
    ) -> None:
        """``values`` are split or cross-validated at ``site`` (``scoring``: they
        are scored there, which only matters for resampled rows); every taint
        they carry goes to the checks' ``on_sink`` hooks."""
        checks = CHECKS["on_sink"]
        for v in flatten(values):
            for taint in sorted(v.taints, key=lambda t: position(t.event.site)):
                for check in checks:
                    check(self, taint, site, verb, scoring)

    def scored(
        self, objs: frozenset, values: list[V | None], site: Site, label: str
    ) -> None:
        """Models ``objs`` are scored on ``values`` at ``site``: the checks'
        ``on_scored`` hooks look at what the models were trained on."""
        for split in test_splits(values):
            scorers = self.test_scorers.setdefault(split, set())
            scorers.update(objs)
            if self.loop_depth:  # a score computed in a loop: several settings
                scorers.add(LOOP)
        for check in CHECKS["on_scored"]:
            check(self, objs, values, site, label)
        if self.objective_depth:  # an objective scoring test rows tunes on them
            rows = join_all(v for v in flatten(values) if v.kind in ROWS_OR_STATS)
            if rows is not None and test_splits(values):
                self.tunings.append(Tuning(site, label, rows))
                finals = [s for s in test_splits(values) if not s.nested]
                if finals:  # not a validation part cut from training rows
                    self.objective_tests.append((site, label, finals[0]))

    def score_value(self, objs: frozenset, values: list[V | None]) -> V:
        """What a score or a metric returns: a number that remembers which
        models were scored on which test rows (for SG106)."""
        tests = frozenset((split, "test") for split in test_splits(values))
        return V("stat", splits=tests, preds=objs, flags=frozenset({"score"}))

    def chosen(self, values: list[V | None]) -> None:
        """A choice made from ``values``: the cross-validations in a loop whose
        scores they carry were tuning (SG104)."""
        for v in flatten(values):
            for taint in v.taints:
                if taint.kind == "T" and taint.event in self.pending_tunings:
                    self.tunings.append(self.pending_tunings.pop(taint.event))

    def only_shown(self, node: ast.AST) -> bool:
        """Whether ``node`` only goes to ``print``/``display``/a logger (as an
        argument, in an f-string): a value looked at, not a choice acted on."""
        parents = getattr(self, "parents", {})
        child, parent = node, parents.get(node)
        while isinstance(parent, (ast.expr, ast.keyword, ast.FormattedValue)):
            if isinstance(parent, ast.Call) and child is not parent.func:
                func = parent.func
                name = func.attr if isinstance(func, ast.Attribute) else ""
                name = name or getattr(func, "id", "")
                return name in cat.SHOW_CALLS
            child, parent = parent, parents.get(parent)
        return False

    def selected(self, values: list[V | None], node: ast.AST) -> None:
        """``max(scores)``, ``np.argmax``, ``sort_values``, ``if s > best``: a
        choice among values; the checks' ``on_select`` hooks look at them."""
        site = self.site(node)
        values = self.ranked_by_key(values, node)
        if not self.only_shown(node):
            self.chosen(values)
        for check in CHECKS["on_select"]:
            check(self, values, site)

    def ranked_by_key(self, values: list[V | None], node: ast.AST) -> list[V | None]:
        """``max(models, key=lambda m: score(m))``, ``rows.sort(key=...)``: the
        key is called on the items being ranked, and what it returns is what
        the choice compares; it joins the values looked at."""
        if not isinstance(node, ast.Call):
            return values
        key = next((k for k in node.keywords if k.arg == "key"), None)
        func = self.ev(key.value) if key is not None else None
        if func is None or func.kind != "func" or func.func is None:
            return values
        if isinstance(node.func, ast.Attribute) and not node.args:
            ranked = self.ev(node.func.value)  # rows.sort(key=...)
        else:
            seqs = (v for v in values if v is not None and v.kind == "seq")
            ranked = next(seqs, None)
        item = element(ranked) if ranked is not None else UNKNOWN
        return [*values, self.apply(func, [item], {}, node)]

    # -- calls ------------------------------------------------------------------------

    def apply(self, func: V, args: list[V], kwargs: dict[str, V], node: ast.Call) -> V:
        self.run_objectives(args, kwargs, node)
        if func.kind == "ext" and func.qual in PARTIAL_CALLS and args:
            return _partial(args[0], args[1:], kwargs) or self.generic(
                [*args, *kwargs.values()], node
            )
        if func.preset is not None:  # a functools.partial: its arguments first
            preset_args, preset_kwargs = func.preset
            args, kwargs = [*preset_args, *args], {**dict(preset_kwargs), **kwargs}
        if UNSEEN_ARGS in kwargs:
            kwargs = OpenKeywords(kwargs)
        if func.kind == "func" and func.func is not None:
            if func.bound is not None:
                return self.call_method(func, args, kwargs, node)
            return self.inline(func.func, args, kwargs, self.site(node))
        if func.kind == "class":
            return self.instantiate(func, args, kwargs, node)
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
                return self.container_method(receiver, attr, args, kwargs, node)
            if receiver.kind == "inst":
                return self.composite_method(receiver, attr, args, kwargs, node)
            if receiver.kind in ("meta", "unknown"):  # rng = default_rng(0)
                drawn = self.random_draw("rng", attr, args, kwargs, node)
                if drawn is not None:
                    return drawn
        if func.kind == "free" and func.qual:
            return self.external(func.qual, args, kwargs, node)
        return self.generic([*args, *kwargs.values()], node)

    def run_objectives(self, args: list[V], kwargs: dict[str, V], node: ast.Call):
        """``study.optimize(objective)``, ``fmin(objective, ...)``: the optimiser
        calls the user's objective here, once per setting it tries."""
        callee = node.func
        name = callee.attr if isinstance(callee, ast.Attribute) else ""
        name = name or getattr(callee, "id", "")
        if name not in OPTIMIZER_CALLS:
            return
        for value in [*args, *kwargs.values()]:
            if value.kind == "func" and value.func is not None and value.bound is None:
                self.objective_depth += 1
                before = len(self.objective_tests)
                try:
                    self.inline(value.func, [], {}, self.site(node))
                finally:
                    self.objective_depth -= 1
                scores = self.objective_tests[before:]
                # study.optimize(objective), fmin(..., trials=trials): the
                # study's (trials') best value is a test score
                keeper = next(
                    (k.value for k in node.keywords if k.arg == "trials"),
                    callee.value if isinstance(callee, ast.Attribute) else None,
                )
                if scores and keeper is not None:
                    self.best_of_test[ast.unparse(keeper)] = scores

    def best_read(self, node: ast.Attribute) -> None:
        """``study.best_value`` of a study whose objective scored test rows:
        the checks' ``on_best`` hooks report the best of those scores."""
        if node.attr not in cat.BEST_OF_STUDY:
            return
        scores = self.best_of_test.get(ast.unparse(node.value))
        if scores:
            for check in CHECKS["on_best"]:
                check(self, scores, self.site(node), short(node))

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
        self.bind(func, scope, args, kwargs, called=site is not None)
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
        self,
        func: Func,
        scope: Scope,
        args: list[V],
        kwargs: dict[str, V],
        called: bool = True,
    ) -> None:
        """Bind the parameters of ``func`` in ``scope``; a function nobody calls
        (``called`` False) gets its constant defaults as unknown constants, since
        a caller elsewhere may pass anything."""
        spec = func.node.args
        defaults = func.defaults
        kw_defaults = func.kw_defaults
        # `**opts`, `*args` of unknown length, or a function that escapes to
        # callers the analysis cannot see (getattr, handed to another call):
        # any parameter left to its default may hold anything
        if not called or UNSEEN_ARGS in kwargs or id(func.node) in self.escaped:
            defaults = [_unknown_if_const(d) for d in defaults]
            kw_defaults = [_unknown_if_const(d) for d in kw_defaults]
        positional = [*spec.posonlyargs, *spec.args]
        first_default = len(positional) - len(func.defaults)
        for i, param in enumerate(positional):
            if i < len(args):
                value = args[i]
            elif param.arg in kwargs:
                value = kwargs[param.arg]
            elif i >= first_default:
                value = defaults[i - first_default]
            else:
                value = self.load_param(param.arg)
            scope.vars[param.arg] = value
        for param, default in zip(spec.kwonlyargs, kw_defaults):
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


def _unknown_if_const(value: V | None) -> V | None:
    if value is not None and value.kind == "const":
        return V("const", const=VARIES)
    return value


PARTIAL_CALLS = frozenset({"functools.partial", "functools.partialmethod"})


def _partial(func: V, args: list[V], kwargs: dict[str, V]) -> V | None:
    """``functools.partial(func, *args, **kwargs)`` of a user function: the same
    function with those arguments bound first."""
    if func.kind != "func" or func.func is None:
        return None
    if func.preset is not None:
        args = [*func.preset[0], *args]
        kwargs = {**dict(func.preset[1]), **kwargs}
    return replace(func, preset=(tuple(args), tuple(kwargs.items())))


def _escaped_functions(tree: ast.Module) -> set[int]:
    """The functions defined in ``tree`` that callers the analysis cannot follow
    may call with any arguments: named by a string (``getattr(module, "prep")``,
    ``globals()["prep"]``) or handed to a call together with other arguments
    (``df.pipe(prep, scale=True)``, ``pool.submit(prep, df, True)``)."""
    defs: dict[str, list[int]] = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            defs.setdefault(node.name, []).append(id(node))
    named: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "getattr":
            named.update(_strings(node.args[1:2]))
        elif isinstance(node, ast.Subscript) and isinstance(node.value, ast.Call):
            if getattr(node.value.func, "id", "") in ("globals", "locals", "vars"):
                named.update(_strings([node.slice]))
        elif isinstance(node, ast.Call) and len(node.args) + len(node.keywords) > 1:
            callee = getattr(node.func, "id", "") or getattr(node.func, "attr", "")
            if callee not in ("partial", "partialmethod"):
                named.update(
                    a.id for a in node.args if isinstance(a, ast.Name) and a.id in defs
                )
    return {key for name in named for key in defs.get(name, ())}


def _strings(nodes: list[ast.expr]) -> list[str]:
    return [
        n.value
        for n in nodes
        if isinstance(n, ast.Constant) and isinstance(n.value, str)
    ]
