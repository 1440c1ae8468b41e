"""Checks of a command's output paths, made before any work starts.

A command that writes must fail in its first second, not after an hour of
computation, when an output cannot be written, and must never overwrite one of
its own inputs.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..cli import UsageError

__all__ = ["HTML", "Output", "check_outputs", "note_replaced", "same_file"]

#: Suffixes of an HTML report.
HTML = (".html", ".htm")


@dataclass(frozen=True)
class Output:
    """One thing a command will write.

    Parameters
    ----------
    option : str
        The option that names it, for messages (``--out``, ``-o``).
    path : Path
    is_dir : bool
        A directory the command fills (created when missing).
    files : sequence of str
        For a directory: the names of the files written into it.
    suffixes : sequence of str
        For a file: the suffixes it may have (``.html`` for a report), so that a
        typo such as ``-o results.csv`` cannot replace a data file; empty: any.
    sometimes : sequence of str
        For a directory: files written only in some runs (checked like ``files``,
        and named as such in messages).
    """

    option: str
    path: Path
    is_dir: bool = False
    files: Sequence[str] = ()
    suffixes: Sequence[str] = ()
    sometimes: Sequence[str] = ()

    def targets(self) -> list[Path]:
        """Every file this output may write."""
        if self.is_dir:
            return [self.path / name for name in (*self.files, *self.sometimes)]
        return [self.path]


def _contents(output: Output) -> str:
    """What a directory output will hold, in words."""
    text = ", ".join(output.files)
    if output.sometimes:
        text += f", and {', '.join(output.sometimes)} on large tables"
    return text


def _key(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # symlink loop
        return path.absolute()


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name the same file (links and ``..`` resolved)."""
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return _key(a) == _key(b)


def _nearest_existing(path: Path) -> Path:
    path = path.absolute()
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate
    return Path(path.anchor)


def _can_create_in(directory: Path) -> bool:
    """Whether a file can really be created in ``directory``.

    ``os.access`` says yes to root everywhere, also on read-only or virtual
    file systems (``/proc``), so a throw-away file is created and removed.
    """
    try:
        handle, name = tempfile.mkstemp(dir=directory, prefix=".smoteguard-probe-")
    except OSError:
        return False
    os.close(handle)
    os.unlink(name)
    return True


def _check_writable(output: Output) -> None:
    path, option = output.path, output.option
    if output.suffixes and path.suffix.lower() not in output.suffixes:
        raise UsageError(
            f"{option} {path}: the file written is {output.suffixes[0][1:].upper()}; "
            f"give a name ending in {' or '.join(output.suffixes)}."
        )
    if output.is_dir:
        if path.exists() and not path.is_dir():
            raise UsageError(
                f"{option} {path}: is an existing file, not a directory; give a "
                f"directory (it will hold {_contents(output)})."
            )
        target = path
    else:
        if path.is_dir():
            raise UsageError(
                f"{option} {path}: is a directory; give a file name (e.g. "
                f"{path / 'report.html'})."
            )
        target = path.parent
    base = _nearest_existing(target)
    if not base.is_dir():
        raise UsageError(
            f"{option} {path}: cannot create it, {base} is a file, not a directory."
        )
    if not os.access(base, os.W_OK | os.X_OK) or not _can_create_in(base):
        raise UsageError(
            f"{option} {path}: cannot create it, {base} is not writable; give a "
            "path in a writable directory."
        )
    for file in output.targets():
        if file.is_dir():
            raise UsageError(
                f"{option} {path}: {file} is a directory; it would be overwritten "
                "by a file of that name."
            )
        if file.exists() and not os.access(file, os.W_OK):
            raise UsageError(f"{option} {path}: {file} exists and is not writable.")


def check_outputs(outputs: Iterable[Output], inputs: Iterable[Path] = ()) -> None:
    """Refuse outputs that cannot be written or that would overwrite an input.

    Parameters
    ----------
    outputs : iterable of Output
    inputs : iterable of Path
        Files the command reads.

    Raises
    ------
    UsageError
        Naming the option and the path.
    """
    outputs = list(outputs)
    inputs = [Path(p) for p in inputs]
    written: dict[Path, str] = {}
    for output in outputs:
        for file in output.targets():
            for source in inputs:
                if same_file(file, source):
                    raise UsageError(
                        f"{output.option} {output.path} would overwrite the input "
                        f"{source}; write to another "
                        f"{'directory' if output.is_dir else 'file'}."
                    )
        _check_writable(output)
        for file in output.targets():
            key = _key(file)
            if key in written and written[key] != output.option:
                raise UsageError(
                    f"{output.option} {output.path} and {written[key]} would both "
                    f"write {file}; give them different paths."
                )
            written[key] = output.option


def note_replaced(outputs: Iterable[Output], command: str) -> None:
    """Say, in one line on stderr, which files of an earlier run the outputs will
    replace (no question asked, the exit status unchanged).

    Parameters
    ----------
    outputs : iterable of Output
    command : str
        The command's name, the line's prefix (``smoteguard compare``).
    """
    for output in outputs:
        existing = [f for f in output.targets() if f.is_file()]
        if not existing:
            continue
        if output.is_dir:
            names = ", ".join(f.name for f in existing)
            what = f"{output.option} {output.path}: {names} of an earlier run"
        else:
            what = f"{output.option} {output.path}: the existing file"
        print(f"{command}: note: {what} will be replaced.", file=sys.stderr)
