"""Sphinx configuration of the smoteguard documentation (`make docs`, offline).

The stack is the one scikit-learn and imbalanced-learn use, so their users find
what they know: Sphinx with autodoc/autosummary for the API reference, numpydoc to
read the docstrings (and to fail the build on a public name without one),
sphinx-gallery to run the examples and embed their plots, the PyData theme, and
MyST to include the Markdown rule reference of ``smoteguard audit``.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import os
import re
import sys
import types
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
os.environ.setdefault("MPLBACKEND", "Agg")

from _api import write_api_pages  # noqa: E402
from numpydoc.docscrape import NumpyDocString  # noqa: E402
from sphinx.util import logging  # noqa: E402

import smoteguard  # noqa: E402

logger = logging.getLogger(__name__)

project = "smoteguard"
author = "The smoteguard developers"
copyright = "2026, the smoteguard developers"
release = version = smoteguard.__version__

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "numpydoc",
    "sphinx_gallery.gen_gallery",
    "myst_parser",
]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build", "_templates", "**/README.md", "audit.md", "inspect.md"]
templates_path = ["_templates"]
root_doc = "index"

# The API reference is generated from the package's public names (smoteguard.__all__
# and the public subpackages), so a new public name appears without editing a page.
write_api_pages(HERE / "api")
autosummary_generate = True
# Members are documented where the class template asks for them
# (_templates/autosummary/class.rst), so automodule shows a module's docstring only.
autodoc_default_options: dict[str, bool] = {}
autodoc_typehints = "none"

# numpydoc renders the docstrings; GL08 (no docstring) on any documented object
# fails the build (make docs runs Sphinx with -W), as do malformed sections.
numpydoc_show_class_members = False
numpydoc_validation_checks = {"GL08"}  # PR01, PR02: _check_parameters
numpydoc_validation_exclude = {r"\.__[a-z_]+__$", r"\._[a-z]"}

sphinx_gallery_conf = {
    "examples_dirs": [str(HERE.parent / "examples" / "gallery")],
    "gallery_dirs": ["auto_examples"],
    "filename_pattern": r"/plot_",
    "download_all_examples": False,
    "remove_config_comments": True,
    "within_subsection_order": "FileNameSortKey",
    "abort_on_example_error": True,
    "run_stale_examples": False,
    "show_memory": False,
    # its page loads DataTables from a CDN; the site must work offline
    "write_computation_times": False,
}

# Unresolved cross-references fail the build (-W): a reference to a smoteguard name
# must reach its page. Other packages have no inventory offline (intersphinx needs
# the network), so a reference to one of their names renders as plain code (see
# _foreign_reference) instead of a broken link.
nitpicky = True
FOREIGN = re.compile(
    r"(sklearn|numpy|np|scipy|pandas|pd|matplotlib|dask|distributed|joblib|imblearn"
    r"|xgboost|lightgbm|faiss|pyarrow|rich|jinja2|typing|collections|pathlib|os|io"
    r"|datetime|re|json|enum|dataclasses|abc|concurrent|numbers|types|builtins"
    r"|argparse|warnings|functools|itertools|math|random)(\.|$)"
    # Python's builtins
    r"|(int|float|str|bool|bytes|dict|list|tuple|set|frozenset|object|callable"
    r"|None|True|False|type|Exception|ValueError|TypeError|KeyError|RuntimeError"
    r"|UserWarning|Warning|NotImplementedError|AttributeError|Path|Any)$"
)

html_theme = "pydata_sphinx_theme"
html_title = "smoteguard"
html_theme_options = {
    "navbar_align": "left",
    "show_toc_level": 2,
    "navigation_with_keys": False,
    "footer_start": ["copyright"],
    "footer_end": [],
}
html_static_path: list[str] = []
html_show_sourcelink = False
myst_heading_anchors = 3


_BUILTIN_METHODS = (
    types.BuiltinFunctionType,
    types.MethodDescriptorType,
    types.WrapperDescriptorType,
)


def _skip_foreign_member(app, what, name, obj, skip, options):
    """Document smoteguard's own members only, inherited from smoteguard's base
    classes included: scikit-learn's generated metadata routing methods
    (``set_*_request``) and inherited methods (``score``, ``get_params``...) are
    documented by scikit-learn, Python's by Python, and a sampler's ``transform``
    property exists only to raise a helpful error."""
    if name.startswith("set_") and name.endswith("_request"):
        return True
    if name == "transform" and isinstance(obj, property):
        return True
    if isinstance(obj, _BUILTIN_METHODS):  # inherited from object or Exception
        return True
    module = getattr(obj, "__module__", None) or ""
    if module and not module.startswith("smoteguard"):
        return True
    return skip


def _top_level_alias(target: str) -> str | None:
    """``smoteguard.base.BaseSampler.fit_resample`` (or ``BaseSampler.fit_resample``
    in a submodule's docstring) -> ``smoteguard.BaseSampler.fit_resample``: a name
    exported by ``smoteguard`` is documented there, once."""
    parts = target.split(".")
    if parts[0] in smoteguard._EXPORTS:  # a bare name, read in a submodule
        return f"smoteguard.{target}"
    for i, part in enumerate(parts[2:], start=2):
        if parts[0] == "smoteguard" and part in smoteguard._EXPORTS:
            return ".".join(["smoteguard", *parts[i:]])
    return None


def _lookup(dotted: str):
    """The object a dotted smoteguard name reaches, or None."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attr in parts[cut:]:
            obj = getattr(obj, attr, None)
        return obj
    return None


_DOCUMENTED: dict[int, str] = {}


def _documented_alias(env, node) -> str | None:
    """The documented name of the object a reference reaches through another name
    (``METRICS`` read in ``smoteguard.evaluation.metrics`` is the documented
    ``smoteguard.evaluation.METRICS``), or None."""
    objects = env.get_domain("py").objects
    if len(_DOCUMENTED) < len(objects):
        for name in objects:
            obj = _lookup(name) if name.startswith("smoteguard") else None
            if obj is not None and not isinstance(obj, (str, int, float, bool)):
                _DOCUMENTED.setdefault(id(obj), name)
    target = node["reftarget"].lstrip(".")
    module = node.get("py:module") or ""
    candidates = [target, f"{module}.{target}", f"{module.rpartition('.')[0]}.{target}"]
    for candidate in candidates:
        if candidate.startswith("smoteguard"):
            obj = _lookup(candidate)
            if obj is not None and id(obj) in _DOCUMENTED:
                return _DOCUMENTED[id(obj)]
    return None


def _foreign_reference(app, env, node, contnode):
    """A Python reference to another package's name (or a builtin), or to a private
    smoteguard name (no page by design), as plain code: resolved, so nitpicky mode
    does not fail on it, and shown without a link.
    A smoteguard name reached through its defining module links to its page."""
    if node.get("refdomain") != "py":
        return None
    alias = _top_level_alias(node["reftarget"]) or _documented_alias(env, node)
    if alias is not None:
        domain = env.get_domain("py")
        return domain.resolve_xref(
            env, node["refdoc"], app.builder, "obj", alias, node, contnode
        )
    private = any(part.startswith("_") for part in node["reftarget"].split("."))
    if not (FOREIGN.match(node["reftarget"]) or private):
        return None
    code = contnode.deepcopy()
    code["classes"] = [c for c in code.get("classes", []) if c != "xref"]
    return code


_LONG_STRING = re.compile(r"""(['"])(?:(?!\1).){40,}?\1""")


def _short_defaults(app, what, name, obj, options, signature, return_annotation):
    """A long text as a default value (a dataclass field holding a description)
    shown as ``'...'``: Sphinx would otherwise split it at its commas into
    parameters, and read words of it as cross-references."""
    if signature:
        signature = _LONG_STRING.sub("'...'", signature)
    return signature, return_annotation


def _signature_names(obj) -> list[str] | None:
    """The parameter names of ``obj``'s signature (``self`` and ``cls`` aside), or
    None without a signature."""
    target = obj.__init__ if isinstance(obj, type) else obj
    if isinstance(obj, type) and target is object.__init__:
        return []
    try:
        signature = inspect.signature(target)
    except (TypeError, ValueError):
        return None
    return [name for name in signature.parameters if name not in ("self", "cls")]


def _check_parameters(app, what, name, obj, options, lines):
    """numpydoc's PR01 (a parameter left out) and PR02 (a documented parameter the
    signature lacks) on smoteguard's public functions, methods and classes; a
    dataclass may document its fields as Attributes. A warning fails the build."""
    if what not in ("function", "method", "class") or not name.startswith("smoteguard"):
        return
    if any(part.startswith("_") for part in name.split(".")):
        return
    expected = _signature_names(obj)
    if expected is None:
        return
    doc = NumpyDocString(inspect.getdoc(obj) or "")
    sections = ["Parameters", "Other Parameters"]
    if dataclasses.is_dataclass(obj):
        sections.append("Attributes")
    documented = set()
    for section in sections:
        for item in doc[section]:
            documented.update(n.strip().lstrip("*") for n in item.name.split(","))
    variadic = {n for n in expected if n in ("args", "kwargs", "params", "options")}
    missing = [n for n in expected if n not in documented | variadic]
    unknown = sorted(documented - set(expected) - {""})
    if dataclasses.is_dataclass(obj):
        unknown = []  # Attributes also lists what is computed from the fields
    for code, names in (("PR01 not documented", missing), ("PR02 unknown", unknown)):
        if names:
            logger.warning(f"{name}: {code}: parameters {', '.join(names)}")


def setup(app):
    app.connect("autodoc-process-docstring", _check_parameters)
    app.connect("autodoc-process-signature", _short_defaults)
    app.connect("autodoc-skip-member", _skip_foreign_member)
    app.connect("missing-reference", _foreign_reference)


# An explicit mode: with none, the theme logs "invalid theme mode" to the console on
# a reader's first visit.
html_context = {"default_mode": "light"}
