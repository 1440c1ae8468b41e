"""``smoteguard audit``: the command line of the leakage linter.

Exit codes: 0 nothing found, 1 findings (SG000 included), 2 bad usage.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..cli import UsageError
from .engine import DEFAULT_MAX_BYTES, Options, audit_paths
from .formats import RENDERERS, render_text
from .rules import MODULES, RULES, expand_codes


def _fixable_rules() -> str:
    """The rules ``--fix`` can rewrite, from the catalogue (a rule module with a
    ``fix``), each with the ``FIX_SCOPE`` its module declares."""
    return ", ".join(
        " ".join([m.RULE.code, getattr(m, "FIX_SCOPE", "")]).strip()
        for m in MODULES
        if hasattr(m, "fix")
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of ``smoteguard audit``.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The ``audit`` sub-command's parser.
    """
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help=".py files, .ipynb notebooks or directories (searched recursively)",
    )
    parser.add_argument(
        "--format",
        choices=sorted(RENDERERS),
        default="text",
        help="output format (default: text; sarif is for GitHub code scanning)",
    )
    parser.add_argument(
        "--select",
        metavar="CODES",
        help="only these rules: comma-separated codes or prefixes (SG1 = SG1xx)",
    )
    parser.add_argument(
        "--ignore",
        metavar="CODES",
        help="skip these rules: comma-separated codes or prefixes",
    )
    parser.add_argument(
        "--exclude",
        metavar="PATTERN",
        action="append",
        default=[],
        help="glob of files or directories to skip when walking directories, "
        "added to the defaults (.git, .venv, __pycache__, build, ...); repeatable",
    )
    parser.add_argument(
        "--max-file-size",
        metavar="MB",
        type=float,
        default=DEFAULT_MAX_BYTES / 1e6,
        help=f"files larger than this are reported (SG000) instead of audited "
        f"(default: {DEFAULT_MAX_BYTES / 1e6:g}; 0 = no limit)",
    )
    parser.add_argument(
        "--output", "-o", metavar="FILE", help="write the report to FILE, not stdout"
    )
    parser.add_argument(
        "--no-fix-hints",
        action="store_true",
        help="text format: do not print the one-line fix under each finding",
    )
    parser.add_argument(
        "--exit-zero",
        action="store_true",
        help="exit with 0 even when there are findings",
    )
    parser.add_argument(
        "--fix",
        action="store_true",
        help=f"rewrite the files where a fix is safe ({_fixable_rules()}), then "
        "report what is left",
    )
    parser.add_argument(
        "--diff",
        action="store_true",
        help="print the fixes --fix would make as a unified diff, write nothing "
        "(exit 1 when there is a change; not with --fix)",
    )
    parser.add_argument(
        "--explain", metavar="CODE", help="print the documentation of a rule and exit"
    )
    parser.add_argument(
        "--list-rules", action="store_true", help="print every rule and exit"
    )


def _codes(option: str, value: str | None) -> frozenset[str] | None:
    if value is None:
        return None
    try:
        return frozenset(expand_codes(value))
    except ValueError as exc:
        raise UsageError(f"{option}: {exc}") from None


def _check_output(output: Path, paths: list[str]) -> None:
    """Before auditing: --output must be writable and must not be an audited file."""
    from ..commands._outputs import Output, check_outputs
    from .engine import SUFFIXES
    from .sources import file_key

    inputs = [Path(p) for p in paths]
    target = file_key(output)
    if output.suffix.lower() in SUFFIXES:
        # A file inside an audited directory is an input too.
        inputs += [
            target for p in inputs if p.is_dir() and file_key(p) in target.parents
        ]
    check_outputs([Output("--output", output)], inputs)


def _path_error(exc: OSError) -> Exception:
    """A path given that is missing or cannot be read (``collect``) as a usage
    error (exit 2, one line); any other OSError as it is."""
    if isinstance(exc, FileNotFoundError):
        return UsageError(f"no such file or directory: {exc.args[0]}")
    if exc.filename is None:
        return exc
    return UsageError(f"{exc.filename}: {exc.strerror}")


def run(args: argparse.Namespace) -> int:
    """Run ``smoteguard audit``.

    Parameters
    ----------
    args : argparse.Namespace
        The parsed options.

    Returns
    -------
    int
        The exit code: 0 nothing found (or ``--exit-zero``), 1 findings.

    Raises
    ------
    UsageError
        Bad usage (a missing path, an unknown code); the CLI exits with 2.
    """
    if args.explain:
        code = args.explain.strip().upper()
        if code not in RULES:
            raise UsageError(
                f"--explain: unknown rule code {args.explain!r} "
                f"(known: {', '.join(RULES)})"
            )
        sys.stdout.write(RULES[code].explain())
        return 0
    if args.list_rules:
        for rule in RULES.values():
            print(f"{rule.code}  {rule.level:<7}  {rule.name:<32}  {rule.title}")
        return 0
    if not args.paths:
        raise UsageError("no path given (try: smoteguard audit .)")
    if args.max_file_size < 0:
        raise UsageError("--max-file-size must be 0 (no limit) or positive")
    if args.fix and args.diff:
        raise UsageError(
            "--fix and --diff cannot be combined: --diff shows the fixes and "
            "writes nothing, --fix writes them; give one"
        )
    if args.output:
        _check_output(Path(args.output), args.paths)
    options = Options(
        select=_codes("--select", args.select),
        ignore=_codes("--ignore", args.ignore) or frozenset(),
        exclude=tuple(args.exclude),
        max_bytes=int(args.max_file_size * 1e6) or None,
    )
    if args.fix or args.diff:
        changed = _fix(args, options)
        if args.diff:
            return 1 if changed else 0
    try:
        results = audit_paths(args.paths, options)
    except OSError as exc:
        raise _path_error(exc) from None
    for result in results:
        if result.notice:
            print(f"{result.path}: note: {result.notice}", file=sys.stderr)
    if args.format == "text":
        report = render_text(
            results,
            hints=not args.no_fix_hints,
            select=options.select,
            ignore=options.ignore,
        )
    else:
        report = RENDERERS[args.format](results)
    if args.output:
        try:
            Path(args.output).parent.mkdir(parents=True, exist_ok=True)
            Path(args.output).write_text(report, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"--output: cannot write {args.output}: {exc}") from None
    else:
        sys.stdout.write(report)
    found = any(result.findings for result in results)
    return 1 if found and not args.exit_zero else 0


def _fix(args: argparse.Namespace, options: Options) -> bool:
    """``--fix`` / ``--diff``: fix every file; whether any would change."""
    from .engine import collect, display_path
    from .fixes import fix_file, write_fixed

    try:
        paths = collect(args.paths, options.exclude)
    except OSError as exc:
        raise _path_error(exc) from None
    changed = 0
    n_fixed = 0
    for path in paths:
        outcome = fix_file(path, options.select, options.ignore)
        shown = display_path(path)
        for note in outcome.manual:
            print(f"{shown}: {note}", file=sys.stderr)
        if not outcome.changed:
            continue
        changed += 1
        n_fixed += len(outcome.applied)
        if args.diff:
            sys.stdout.write(outcome.diff(shown))
        else:
            write_fixed(outcome)
    verb = "Would fix" if args.diff else "Fixed"
    findings = "finding" if n_fixed == 1 else "findings"
    files = "file" if changed == 1 else "files"
    print(f"{verb} {n_fixed} {findings} in {changed} {files}.", file=sys.stderr)
    return changed > 0
