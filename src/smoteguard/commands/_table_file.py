"""Reading the DATA file of ``smoteguard compare``: CSV (any common separator and
encoding, detected unless given) or Parquet.

Detection looks at the first 64 KiB: the text encoding is UTF-8 when those bytes
decode as UTF-8, else Windows-1252 (a superset of Latin-1's printable characters),
else Latin-1; the separator is whichever of ``, ; TAB |`` :class:`csv.Sniffer`
finds consistent across lines (comma when none is). With ``;`` as separator,
text columns that are all decimal-comma numbers (``1,5``) are read as numbers.
"""

from __future__ import annotations

import codecs
import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..cli import UsageError

__all__ = ["SEPARATORS", "TableFile", "read_table"]

#: Separators that are detected, with the names used in messages.
SEPARATORS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
_SAMPLE_BYTES = 1 << 16
_DECIMAL_COMMA = re.compile(r"^\s*[+-]?\d+,\d+(?:[eE][+-]?\d+)?\s*$")


@dataclass
class TableFile:
    """A table read from disk and how it was read."""

    frame: pd.DataFrame
    sep: str | None = None
    encoding: str | None = None
    notes: list[str] = field(default_factory=list)


def _sniff_encoding(sample: bytes) -> str:
    if sample.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sample is still UTF-8.
        cut = len(sample) == _SAMPLE_BYTES and exc.start >= len(sample) - 3
        if cut and exc.reason == "unexpected end of data":
            return "utf-8"
    try:
        sample.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"


def _sniff_sep(text: str) -> str:
    lines = [line for line in text.splitlines()[:50] if line.strip()]
    if not lines:
        return ","
    try:
        dialect = csv.Sniffer().sniff("\n".join(lines), delimiters="".join(SEPARATORS))
        return dialect.delimiter
    except csv.Error:
        return ","


def _decimal_commas(frame: pd.DataFrame) -> list[str]:
    """Convert text columns holding only decimal-comma numbers; their names."""
    converted = []
    for column in frame.columns:
        values = frame[column]
        if not pd.api.types.is_string_dtype(values.dtype):
            continue
        present = values.dropna()
        if (
            len(present)
            and present.map(
                lambda v: isinstance(v, str) and bool(_DECIMAL_COMMA.match(v))
            ).all()
        ):
            frame[column] = pd.to_numeric(values.str.replace(",", ".", regex=False))
            converted.append(str(column))
    return converted


def _check_encoding(encoding: str) -> None:
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise UsageError(
            f"--encoding {encoding}: unknown encoding; use e.g. utf-8, latin-1, cp1252."
        ) from None


def _describe(sep: str) -> str:
    return f"{SEPARATORS.get(sep, repr(sep))} ({sep!r})"


def read_csv(path: Path, sep: str | None, encoding: str | None) -> TableFile:
    """Read a CSV file, detecting what is not given (see the module docstring)."""
    with path.open("rb") as handle:
        sample = handle.read(_SAMPLE_BYTES)
    notes = []
    if encoding is not None:
        _check_encoding(encoding)
    else:
        encoding = _sniff_encoding(sample)
        if not encoding.startswith("utf-8"):
            notes.append(
                f"{path.name} is not UTF-8; read it as {encoding} (override with "
                "--encoding)"
            )
    if sep is None:
        sep = _sniff_sep(sample.decode(encoding, errors="replace"))
        if sep != ",":
            notes.append(
                f"{path.name}: detected separator {_describe(sep)} (override with "
                "--sep)"
            )
    try:
        frame = pd.read_csv(path, sep=sep, encoding=encoding)
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"cannot read {path} as {encoding}: byte {exc.object[exc.start]:#04x} at "
            f"offset {exc.start} is not valid there; pass --encoding (e.g. latin-1)."
        ) from None
    if sep == ";":
        converted = _decimal_commas(frame)
        if converted:
            notes.append(
                f"{path.name}: decimal commas read as numbers in column(s) "
                f"{', '.join(converted)}"
            )
    return TableFile(frame, sep, encoding, notes)


def read_table(
    path: Path, *, sep: str | None = None, encoding: str | None = None
) -> TableFile:
    """Read a CSV or Parquet file.

    Raises
    ------
    UsageError
        Missing, empty or unreadable file.
    """
    if path.is_dir():
        raise UsageError(
            f"cannot read {path}: it is a directory; pass a CSV or Parquet file."
        )
    if not path.is_file():
        raise UsageError(f"cannot read {path}: no such file.")
    parquet = path.suffix.lower() in {".parquet", ".pq"}
    if parquet and (sep is not None or encoding is not None):
        raise UsageError("--sep and --encoding apply to CSV files, not Parquet.")
    try:
        if parquet:
            table = TableFile(pd.read_parquet(path))
        else:
            table = read_csv(path, sep, encoding)
    except pd.errors.EmptyDataError:
        raise UsageError(f"{path} is empty.") from None
    except (ImportError, OSError, ValueError, csv.Error) as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        raise UsageError(f"cannot read {path}: {first_line}") from None
    if table.frame.empty:
        raise UsageError(f"{path} has no data rows.")
    return table
