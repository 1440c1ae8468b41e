"""The check shared by the preprocessing rules SG201-SG205.

Each of those rules reports a transformer (or a hand-made statistic) fitted on
rows that are later split or cross-validated; they differ in what the fitted
thing learned, which :func:`checks` puts into the message.
"""

from __future__ import annotations

from collections.abc import Callable

from ..values import Event, Site, Taint, V, position


def checks(code: str, learns: str) -> tuple[Callable, Callable, Callable]:
    """The ``on_sink``, ``on_overlap`` and ``on_test_fit`` hooks of the
    preprocessing rule ``code``.

    Parameters
    ----------
    code : str
        The rule's code (``SG201`` ... ``SG205``).
    learns : str
        What the fitted step learns, for the message ("scaling statistics").

    Returns
    -------
    on_sink, on_overlap, on_test_fit : callable
        The hooks (see :data:`smoteguard.audit.rules.HOOKS`).
    """

    def on_sink(an, taint: Taint, site: Site, verb: str, scoring: bool) -> None:
        """Preprocessing fitted on unsplit rows reaches a split or a
        cross-validation of the same data.

        Parameters
        ----------
        an : smoteguard.audit.interpreter.Interpreter
            The interpreter reading the file; findings go through ``an.report``.
        taint : Taint
            What the value carries: the fitting event and its kind.
        site : Site
            Where in the file (path, cell, line, column) the call happens.
        verb : str
            What is done to the rows, for the message.
        scoring : bool
            Whether the rows are scored there; scoring alone is not reported.
        """
        if taint.kind != "F" or taint.rule != code or scoring:
            return
        event = taint.event
        an.report(
            code,
            event.site,
            f"{an.describe(event.site, event.label)} learns {learns} from data "
            f"that is later {verb} ({an.where(site.line)})",
            ((verb, site),),
            event.target_col,
        )

    def on_overlap(an, event: Event, rule: str, rows: V) -> None:
        """Something learned from unsplit rows applied to split rows of the same
        data: the split's test rows were part of what was learned.

        Parameters
        ----------
        an : smoteguard.audit.interpreter.Interpreter
            The interpreter reading the file; findings go through ``an.report``.
        event : Event
            The fitting event, with its site, label and origins.
        rule : str
            The rule code under which ``event`` was recorded (``"SG201"``, ...).
        rows : V
            The abstract value of the split rows it is applied to.
        """
        if rule != code or not event.pre_split:
            return
        for split, _role in sorted(rows.splits, key=lambda s: position(s[0].site)):
            if split.origins & event.origins:
                an.report(
                    code,
                    event.site,
                    f"{an.describe(event.site, event.label)} learns {learns} "
                    f"from data that is also split by `{split.label}` "
                    f"({an.where(split.site.line)})",
                    (("the split", split.site),),
                    event.target_col,
                )
                return

    def on_test_fit(an, event: Event, split: Event) -> None:
        """The step is fitted on the test part of ``split`` alone
        (``X_test = scaler.fit_transform(X_test)``).

        Parameters
        ----------
        an : smoteguard.audit.interpreter.Interpreter
            The interpreter reading the file; findings go through ``an.report``.
        event : Event
            The fitting event.
        split : Event
            The split whose test part it is fitted on.
        """
        if event.rule != code:
            return
        an.report(
            code,
            event.site,
            f"{an.describe(event.site, event.label)} learns {learns} from the "
            f"test part of `{split.label}` ({an.where(split.site.line)}): the test "
            "rows are then transformed by what they are, not by what was learned "
            "from the training rows",
            (("the split", split.site),),
        )

    return on_sink, on_overlap, on_test_fit
