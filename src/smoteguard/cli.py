"""The ``smoteguard`` command line: one sub-command per module.

Each sub-command module defines ``add_arguments(parser)`` and ``run(args) -> int``.
Exit codes: 0 success, 1 findings (``audit``, ``inspect``), 2 bad usage or bad data,
141 (128 + SIGPIPE, the shell's code) when the reader of standard output closes it
early (``smoteguard inspect data.csv --target y | head -1``): the command's own code
is unknown then, and 141 cannot be mistaken for "findings".
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Iterable, Sequence
from typing import NoReturn

from . import __version__

#: exit code after the reader of stdout went away (128 + SIGPIPE)
_SIGPIPE_EXIT = 141

#: sub-command name -> (module, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "compare": (
        "smoteguard.commands.compare",
        "compare resampling strategies honestly (stratified repeated CV, leak check)",
    ),
    "audit": (
        "smoteguard.audit.cli",
        "lint .py and .ipynb files for data leakage around resampling",
    ),
    "report": (
        "smoteguard.commands.report",
        "write the HTML report of a saved comparison (results.json)",
    ),
    "inspect": (
        "smoteguard.commands.inspect",
        "is a table already oversampled, and did synthetic rows reach the test set?",
    ),
}


class UsageError(Exception):
    """Bad usage or bad data: printed as one line, exit code 2."""


class _OneLineParser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line, exit code 2."""

    def error(self, message: str) -> NoReturn:
        hint = f"; see `{self.prog} --help`" if "--help" not in message else ""
        self.exit(2, f"{self.prog}: error: {message}{hint}\n")


def build_parser(load: Iterable[str] | None = None) -> argparse.ArgumentParser:
    """The top-level parser.

    Parameters
    ----------
    load : iterable of str, optional
        Sub-commands whose modules are imported to declare their options; the
        others are listed by name and help only. Default: all of them. ``main``
        loads just the one being run, so ``smoteguard audit`` does not import
        scikit-learn or pandas.
    """
    parser = _OneLineParser(
        prog="smoteguard",
        description="Honest imbalanced classification: resampling without leakage.",
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}"
    )
    sub = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=_OneLineParser
    )
    wanted = set(COMMANDS) if load is None else set(load)
    for name, (module_name, help_text) in COMMANDS.items():
        command = sub.add_parser(name, help=help_text, description=help_text)
        if name not in wanted:
            continue
        module = importlib.import_module(module_name)
        module.add_arguments(command)
        command.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``smoteguard`` command."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        try:
            return _dispatch(argv)
        finally:  # also after argparse's --help exit: show a closed pipe here,
            sys.stdout.flush()  # not in the interpreter's final flush
    except BrokenPipeError:
        return _closed_pipe()


def _dispatch(argv: list[str]) -> int:
    """Parse ``argv`` and run its sub-command; its exit code."""
    requested = next((a for a in argv if not a.startswith("-")), None)
    parser = build_parser(load=[requested] if requested in COMMANDS else [])
    args = parser.parse_args(argv)
    args._argv = argv  # the command as given, for the reproducibility record
    if not getattr(args, "_run", None):
        parser.print_help()
        return 2
    try:
        return int(args._run(args) or 0)
    except UsageError as exc:
        print(f"smoteguard {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _closed_pipe() -> int:
    """Point stdout at devnull so the interpreter's final flush stays silent."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return _SIGPIPE_EXIT


if __name__ == "__main__":  # pragma: no cover
    # `python -m smoteguard.cli` runs this file as __main__; the commands import
    # smoteguard.cli, a second copy with its own UsageError. Use that copy.
    from smoteguard.cli import main as _main

    sys.exit(_main())
