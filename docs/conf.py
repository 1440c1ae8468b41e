"""Sphinx configuration of the smoteguard documentation (`make docs`, offline).

The stack is the one scikit-learn and imbalanced-learn use, so their users find
what they know: Sphinx with autodoc/autosummary for the API reference, numpydoc to
read the docstrings (and to fail the build on a public name without one),
sphinx-gallery to run the examples and embed their plots, the PyData theme, and
MyST to include the Markdown rule reference of ``smoteguard audit``.
"""

from __future__ import annotations

import os
import sys
import types
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
os.environ.setdefault("MPLBACKEND", "Agg")

from _api import write_api_pages  # noqa: E402

import smoteguard  # noqa: E402

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
numpydoc_validation_checks = {"GL08"}
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
}

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


def setup(app):
    app.connect("autodoc-skip-member", _skip_foreign_member)


# An explicit mode: with none, the theme logs "invalid theme mode" to the console on
# a reader's first visit.
html_context = {"default_mode": "light"}
