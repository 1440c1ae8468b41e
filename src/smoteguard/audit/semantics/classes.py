"""Classes written in the audited file: instances, attributes, methods.

``self.method(...)`` and ``obj.method(...)`` run the method where they are called,
with ``self`` bound to the instance, exactly as plain functions are followed;
``self.attr = value`` is remembered on the instance. A method the class does not
define but inherits from an imported class (``BaseEstimator``,
``RandomForestClassifier``...) is what that class does; ``fit_transform`` of a
class that defines ``fit`` and ``transform`` runs both.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from ..values import UNKNOWN, Func, V, join


@dataclass(eq=False)
class ClassInfo:
    """A class statement: its methods, class attributes and base classes.

    Parameters
    ----------
    name : str
        The class name.
    methods : dict of str to Func
        Its methods.
    attrs : dict of str to V
        Its class attributes.
    bases : list of V
        Its base classes.
    """

    name: str
    methods: dict[str, Func]
    attrs: dict[str, V]
    bases: list[V]

    def find(self, name: str, depth: int = 0) -> Func | V | None:
        """A method or class attribute, looked up through user base classes."""
        if name in self.methods:
            return self.methods[name]
        if name in self.attrs:
            return self.attrs[name]
        for base in self.bases:
            for info in base.objs if base.kind == "class" and depth < 8 else ():
                found = info.find(name, depth + 1)
                if found is not None:
                    return found
        return None

    def external_bases(self, depth: int = 0) -> list[V]:
        """Imported classes among the bases, user base classes included."""
        out = [b for b in self.bases if b.kind in ("ext", "free")]
        for base in self.bases:
            for info in base.objs if base.kind == "class" and depth < 8 else ():
                out += info.external_bases(depth + 1)
        return out


@dataclass(eq=False)
class Instance:
    """An object of a user class (mutable: its attributes change).

    Parameters
    ----------
    klass : ClassInfo
        Its class.
    attrs : dict of str to V, optional
        Its attributes.
    inherited : V or None, default=None
        What an imported base class makes of it.
    """

    klass: ClassInfo
    attrs: dict[str, V] = field(default_factory=dict)
    inherited: V | None = None  # what an imported base class makes of it


class UserClasses:
    """Mixin of :class:`~smoteguard.audit.analysis.Analyzer`: user classes."""

    def define_class(self, node: ast.ClassDef, scope_vars: dict[str, V]) -> V:
        """The value of a ``class`` statement whose body bound ``scope_vars``."""
        bases = [self.ev(base) for base in node.bases]
        methods = {
            name: v.func
            for name, v in scope_vars.items()
            if v.kind == "func" and v.func is not None
        }
        attrs = {n: v for n, v in scope_vars.items() if n not in methods}
        info = ClassInfo(node.name, methods, attrs, bases)
        return V("class", objs=frozenset({info}), qual=node.name)

    def instantiate(
        self, klass: V, args: list[V], kwargs: dict[str, V], node: ast.Call
    ) -> V:
        """``MyPipeline(df, target="y")``: a new instance, ``__init__`` run."""
        info = next(iter(klass.objs))
        instance = Instance(info)
        value = V("inst", objs=frozenset({instance}), qual=info.name)
        for base in info.external_bases()[:1]:
            instance.inherited = self.external(base.qual, [], {}, node)
        init = info.find("__init__")
        if isinstance(init, Func):
            self.inline(init, [value, *args], kwargs, self.site(node))
        return value

    def instance_attribute(self, base: V, name: str) -> V:
        """``obj.name``: an attribute set on the instance, a bound method, a
        class attribute, or what the imported base class has."""
        instance = next(iter(base.objs))
        if name in instance.attrs:
            return instance.attrs[name]
        found = instance.klass.find(name)
        if isinstance(found, Func):
            return V("func", func=found, bound=(base, name))
        if found is not None:
            return found
        combined = name in ("fit_transform", "fit_resample")
        if combined and isinstance(instance.klass.find("fit"), Func):
            return V("unknown", bound=(base, name))  # fit, then the second part
        if instance.inherited is not None:
            return self.attribute(instance.inherited, name)
        return UNKNOWN

    def set_instance_attribute(self, base: V, name: str, value: V) -> None:
        """``self.name = value`` (inside an ``if`` branch: may be either)."""
        instance = next(iter(base.objs))
        old = instance.attrs.get(name)
        inside_branch = bool(self.scope.journals)
        instance.attrs[name] = join(old, value) if inside_branch and old else value

    def call_method(
        self, func: V, args: list[V], kwargs: dict[str, V], node: ast.Call
    ) -> V:
        """A method of a user class: ``self`` first, unless it is static."""
        receiver = func.bound[0] if func.bound else None
        decorators = {
            d.id
            for d in getattr(func.func.node, "decorator_list", ())
            if isinstance(d, ast.Name)
        }
        if (
            receiver is not None
            and receiver.kind == "inst"
            and "staticmethod" not in decorators
        ):
            args = [receiver, *args]
        return self.inline(func.func, args, kwargs, self.site(node))

    def composite_method(
        self,
        receiver: V,
        attr: str,
        args: list[V],
        kwargs: dict[str, V],
        node: ast.Call,
    ) -> V:
        """``fit_transform`` / ``fit_resample`` of a user class that only
        defines the parts: ``fit`` then ``transform`` (``resample``)."""
        instance = next(iter(receiver.objs))
        second = "transform" if attr == "fit_transform" else "resample"
        fit = instance.klass.find("fit")
        then = instance.klass.find(second)
        if isinstance(fit, Func):
            self.call_method(
                V("func", func=fit, bound=(receiver, "fit")), args, kwargs, node
            )
        if isinstance(then, Func):
            return self.call_method(
                V("func", func=then, bound=(receiver, second)), args[:1], {}, node
            )
        return self.generic([*args, *kwargs.values()], node)
