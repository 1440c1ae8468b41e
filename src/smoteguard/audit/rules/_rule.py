"""The :class:`Rule` record: a rule's code, documentation and examples."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    """One rule of ``smoteguard audit``.

    Parameters
    ----------
    code : str
        Stable code, such as ``"SG101"`` (see ``smoteguard.audit.codes``).
    name : str
        Kebab-case name, for SARIF ``name`` and for humans.
    title : str
        One line saying what the rule finds.
    fix : str
        One sentence, printed under every finding.
    why : str
        Why it is a problem and what exactly fires the rule (paragraphs separated
        by blank lines; whitespace inside a paragraph does not matter).
    leaky : str
        A short program that triggers the rule (the tests audit it).
    fixed : str
        The same program repaired: it gives no finding (the tests audit it).
    level : {"error", "warning", "note"}, default="error"
        The SARIF level.
    """

    code: str
    name: str
    title: str
    fix: str
    why: str
    leaky: str
    fixed: str
    level: str = "error"

    def __post_init__(self) -> None:
        for name in ("leaky", "fixed"):
            text = textwrap.dedent(getattr(self, name)).strip("\n") + "\n"
            object.__setattr__(self, name, text)

    def explain(self) -> str:
        """Plain-text documentation for ``smoteguard audit --explain CODE``.

        Returns
        -------
        str
            The title, the explanation wrapped at 80 columns, the leaky and fixed
            examples and the fix, ending with a newline.
        """
        parts = [
            f"{self.code} ({self.name}): {self.title}",
            "",
            _wrap(self.why),
            "",
            "Leaky:",
            "",
            textwrap.indent(self.leaky.strip("\n"), "    "),
            "",
            "Fixed:",
            "",
            textwrap.indent(self.fixed.strip("\n"), "    "),
            "",
            _wrap(f"Fix: {self.fix}"),
        ]
        return "\n".join(parts) + "\n"


def _wrap(text: str) -> str:
    return "\n\n".join(
        textwrap.fill(" ".join(par.split()), width=80) for par in text.split("\n\n")
    )
