"""The out-of-fold block of a saved comparison, in a file beside ``results.json``.

On large tables the ``oof`` block (every repeat's out-of-fold score of every
pipeline) is nearly all of the record: 17 million scores for the default grid on
284,807 rows, which as JSON is 226 MiB, takes 13 s to write and 1.5 GB to parse.
:meth:`ComparisonResult.save` therefore moves the block into ``oof.npz`` (scores
as float32, finer than the 6 decimals kept in JSON) once it holds more than
:data:`INLINE_MAX_VALUES` scores, and leaves ``{"file": "oof.npz"}`` in its place;
:func:`resolve_oof` puts the arrays back when the record is read.
"""

from __future__ import annotations

import json
import zipfile
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

__all__ = [
    "INLINE_MAX_VALUES",
    "OOF_FILE",
    "n_oof_values",
    "record_to_json",
    "resolve_oof",
    "results_path",
    "write_oof",
]

#: scores up to which the block stays in ``results.json`` (about 10 MiB of JSON)
INLINE_MAX_VALUES = 1_000_000
OOF_FILE = "oof.npz"
_SCORES = "scores:"
_ROWS = ("y_true", "row_position", "fold")


def n_oof_values(record: Mapping[str, Any]) -> int:
    """How many scores the record's ``oof`` block holds (0 when it has none)."""
    oof = record.get("oof") or {}
    scores = oof.get("scores") or {}
    if not scores:
        return 0
    n_classes = len(record["data"].get("classes") or ())
    per_row = n_classes if n_classes > 2 else 1
    return len(scores) * record["meta"]["n_repeats"] * len(oof["y_true"]) * per_row


def write_oof(oof: Mapping[str, Any], directory: Path) -> dict[str, str]:
    """Write the block to ``directory / OOF_FILE``; return what replaces it in the
    JSON record."""
    arrays = {name: np.asarray(oof[name], dtype=np.int64) for name in _ROWS}
    for key, scores in oof["scores"].items():
        # JSON has null where a pipeline gave no score; the file has NaN
        values = np.asarray(scores, dtype=np.float64)
        arrays[_SCORES + key] = values.astype(np.float32)
    np.savez(directory / OOF_FILE, **arrays)
    return {"file": OOF_FILE}


def results_path(path: str | Path) -> Path:
    """``path``, or ``path / "results.json"`` when ``path`` is a directory (what
    :meth:`ComparisonResult.save` and ``smoteguard compare --out`` wrote)."""
    path = Path(path)
    return path / "results.json" if path.is_dir() else path


def read_json_file(path: Path, what: str = "results file") -> Any:
    """The parsed JSON of ``path``, with errors that name the file.

    Raises
    ------
    FileNotFoundError
        ``path`` does not exist or is not a file (the message names it).
    ValueError
        The file is empty, truncated, unreadable or otherwise not JSON text in
        UTF-8; the message names the file and what is wrong.
    """
    if not path.is_file():
        raise FileNotFoundError(f"{what} {str(path)!r} not found")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(f"{str(path)!r} is not valid JSON ({exc})") from None
    except OSError as exc:
        raise ValueError(f"cannot read {str(path)!r} ({exc.strerror})") from None


def resolve_oof(record: dict, directory: Path) -> dict:
    """``record`` with its ``oof`` block read back from its file, when it has one.

    Raises
    ------
    ValueError
        When the file named in the record is missing or is not such a block.
    """
    oof = record.get("oof")
    if not isinstance(oof, Mapping) or "file" not in oof:
        return record
    if not isinstance(oof["file"], str):
        raise ValueError(
            f"The record's oof block names its file as {oof['file']!r}; it must be "
            f"a file name such as {OOF_FILE!r}."
        )
    path = Path(directory) / oof["file"]
    if path.is_dir():
        raise ValueError(
            f"The comparison's out-of-fold scores should be in {str(path)!r}, which "
            f"is a directory; the record must name the {OOF_FILE} file written "
            "beside results.json."
        )
    if not path.is_file():
        raise ValueError(
            f"The comparison's out-of-fold scores are in {str(path)!r}, which is "
            "missing; keep the oof.npz written beside results.json together with it."
        )
    return {**record, "oof": _read_oof(path)}


def _read_oof(path: Path) -> dict[str, Any]:
    """The block in the ``.npz`` file ``path``; a ValueError naming the file for
    anything that is not such a block (empty, truncated, not a zip archive, ...)."""
    problem = None
    if not zipfile.is_zipfile(path):
        # np.load would try a pickle or text and advise allow_pickle=True
        problem = "empty file" if path.stat().st_size == 0 else "not an npz archive"
    else:
        try:
            with np.load(path, allow_pickle=False) as data:
                block: dict[str, Any] = {name: data[name] for name in _ROWS}
                block["scores"] = {
                    name[len(_SCORES) :]: data[name]
                    for name in data.files
                    if name.startswith(_SCORES)
                }
        # a damaged archive fails in zipfile, zlib or numpy's header parser
        except (
            OSError,
            ValueError,
            KeyError,
            EOFError,
            zipfile.BadZipFile,
            zlib.error,
        ) as exc:
            problem = f"{type(exc).__name__}: {exc}"
    if problem is not None:
        raise ValueError(
            f"{str(path)!r} is not the out-of-fold block of a smoteguard "
            f"comparison ({problem}); write it again with ComparisonResult.save "
            "or `smoteguard compare --out DIR`."
        )
    return block


def record_to_json(record: Mapping[str, Any], **kwargs: Any) -> str:
    """``json.dumps`` of a record whose ``oof`` arrays may be numpy arrays (as
    :func:`resolve_oof` leaves them): NaN scores become null, as in the JSON form."""

    def default(value: Any) -> Any:
        if isinstance(value, np.ndarray):
            if value.dtype.kind != "f":
                return value.tolist()
            as_float = np.round(value.astype(np.float64), 6)
            return np.where(np.isfinite(as_float), as_float, None).tolist()
        raise TypeError(f"{type(value).__name__} is not JSON serialisable")

    return json.dumps(record, default=default, allow_nan=False, **kwargs)
