"""What :func:`smoteguard.inspect` found: flagged rows, evidence and a verdict."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ._copies import copy_table, random_over_classes, rule_text
from ._fingerprints import explanations
from ._precision import ColumnModel
from ._segments import Segments
from ._structure import collinear_rows
from ._validation import PYTHON_NAMES, Names, count, json_label

__all__ = ["SCHEMA", "InspectionResult"]

SCHEMA = "smoteguard.inspection/1"

#: interpolated rows needed in a class (and share of it) before the verdict says
#: "oversampled"; below that a handful of coincidences in a large class is noise
_MIN_ROWS = 3
_MIN_SHARE = 0.01

_KIND_ORDER = ("interpolated", "extrapolated", "duplicate", "near_duplicate")


def _copies_text(r: pd.Series) -> str:
    """``"0 of 500 rows (0.0%)"``, from a :func:`copy_table` row."""
    n, m = int(r["rows"]), int(r["copies"])
    return f"{m:,} of {n:,} rows ({m / n if n else 0:.1%})"


def _rows_text(n: int) -> str:
    """``"1 row"``, ``"2 rows"``: a count, never read as a row position."""
    return count(n, "row")


def _be(n: int) -> str:
    return "is" if n == 1 else "are"


def _lie(n: int) -> str:
    return "lies" if n == 1 else "lie"


@dataclass
class InspectionResult:
    """The outcome of :func:`smoteguard.inspect`.

    Parameters
    ----------
    verdict : str
        One paragraph.
    status : {"clean", "duplicates", "oversampled", "contaminated"}
        ``"duplicates"``: copies that do not look like random over-sampling
        (real data often has some); exit code 1 of the CLI goes with
        ``"oversampled"`` and ``"contaminated"``.
    fingerprints : list of dict
        Column evidence (see :mod:`smoteguard.inspection._fingerprints`).
    balance : dict or None
        Class balance at a round ratio.
    rescore : dict or None
        With a test set: a simple model's scores on the whole and the clean test set.
    columns : list of str
        The feature columns inspected.
    labels, codes : ndarray of shape (n_rows,)
        Class label of each pooled row (training rows, then test rows) and its
        integer code.
    classes : list
        The class labels, in code order.
    n_train : int
        Number of training rows; pooled positions from ``n_train`` on are test rows.
    duplicate_of : ndarray of int of shape (n_rows,)
        Position of the first identical row (the row's own position if none).
    segments : Segments
        Rows found on a segment between two others, with their likely parents.
    model : ColumnModel
        Per-column precision and structure of the table.
    values : ndarray of shape (n_rows, n_features)
        The pooled numeric matrix that was searched.
    names : Names
        How the verdict names the inputs: ``X`` from Python, ``DATA`` from
        ``smoteguard inspect``.
    """

    columns: list[str]
    labels: np.ndarray
    classes: list
    codes: np.ndarray
    n_train: int
    duplicate_of: np.ndarray
    segments: Segments
    model: ColumnModel
    values: np.ndarray = field(repr=False)
    fingerprints: list = field(default_factory=list)
    balance: dict | None = None
    rescore: dict | None = None
    #: how the verdict names the inputs (``X`` from Python, ``DATA`` from the CLI)
    names: Names = field(default=PYTHON_NAMES, repr=False)

    # ---- per-row findings -------------------------------------------------------

    def _rows(self) -> pd.DataFrame:
        """Flagged rows (pooled positions), computed once."""
        if "_rows_cache" not in self.__dict__:
            self.__dict__["_rows_cache"] = self._collect_rows()
        return self.__dict__["_rows_cache"]

    def _collect_rows(self) -> pd.DataFrame:
        seg = self.segments
        n = len(self.codes)
        copies = np.flatnonzero(self.duplicate_of != np.arange(n))
        near = seg.near_duplicate
        inside = seg.lam >= 0
        collinear = collinear_rows(
            seg.row,
            seg.parent_a,
            seg.parent_b,
            inside,
            self.codes,
            self.values,
            self.model,
            seg.lam,
        )
        kind = np.where(inside, "interpolated", "extrapolated")
        frames = [
            pd.DataFrame(
                {
                    "row": seg.row,
                    "kind": np.where(collinear, "collinear", kind),
                    "parent_a": seg.parent_a,
                    "parent_b": seg.parent_b,
                    "lam": seg.lam,
                }
            ),
            pd.DataFrame(
                {
                    "row": copies,
                    "kind": "duplicate",
                    "parent_a": self.duplicate_of[copies],
                    "parent_b": -1,
                    "lam": np.nan,
                }
            ),
            pd.DataFrame(
                {
                    "row": near[:, 0],
                    "kind": "near_duplicate",
                    "parent_a": near[:, 1],
                    "parent_b": -1,
                    "lam": np.nan,
                }
            ),
        ]
        rows = pd.concat(frames, ignore_index=True)
        rows = rows.drop_duplicates("row").sort_values("row", kind="stable")
        return rows.reset_index(drop=True)

    def to_frame(self) -> pd.DataFrame:
        """One row per flagged row.

        Returns
        -------
        DataFrame
            ``row`` (0-based position in ``X``, or in ``X_test`` for test rows),
            ``set`` (``"train"``/``"test"``), ``class``, ``kind`` (interpolated,
            extrapolated, duplicate, near_duplicate, or collinear: structure of
            the data, not counted as synthetic), ``parent_a``, ``parent_b``
            (positions, with their set in ``parent_a_set``/``parent_b_set``; -1 when
            there is none), ``lam``, such that
            ``x[row] = x[parent_a] + lam * (x[parent_b] - x[parent_a])``, and
            ``suspected``: whether the verdict counts the row as synthetic (its
            training positions are :attr:`suspected_synthetic`, its test
            positions :attr:`contaminated_test_rows`). A row can be flagged and
            not suspected: a coincidence or two in a class too few to call it
            oversampled, real duplicates, collinear structure.

        Notes
        -----
        The data cannot tell a SMOTE row's seed from its neighbour (the segment
        is the same both ways), so the parents follow a fixed order: for an
        interpolated row ``parent_a`` is the parent nearer the row, so
        ``0 < lam <= 0.5``; for an extrapolated row ``parent_a`` is the real seed
        the row lies beyond and ``lam = -t``, ``-0.55 <= lam < 0``. A copy has
        its original as ``parent_a``, ``parent_b = -1`` and ``lam`` NaN.
        smoteguard's own :func:`~smoteguard.provenance_frame` records the seed as
        ``parent_a`` instead: its ``(parent_a, parent_b, lam)`` is inspect's when
        its ``lam <= 0.5`` and ``(parent_b, parent_a, 1 - lam)`` otherwise (the
        same segment and the same point).
        """
        rows = self._rows()
        out = pd.DataFrame(
            {
                "row": self._local(rows["row"].to_numpy()),
                "set": self._set(rows["row"].to_numpy()),
                # labels keep their type (int stays int) even when the
                # training and test labels were pooled as objects
                "class": pd.Series(
                    self.labels[rows["row"].to_numpy()], dtype=object
                ).infer_objects(),
                "kind": rows["kind"].to_numpy(),
            }
        )
        for side in ("parent_a", "parent_b"):
            pos = rows[side].to_numpy()
            out[side] = np.where(pos >= 0, self._local(pos), -1)
            out[f"{side}_set"] = np.where(pos >= 0, self._set(pos), "")
        out["lam"] = rows["lam"].to_numpy()
        out["suspected"] = self._suspected_mask(rows)
        return out

    def _local(self, pos: np.ndarray) -> np.ndarray:
        return np.where(pos >= self.n_train, pos - self.n_train, pos)

    def _set(self, pos: np.ndarray) -> np.ndarray:
        return np.where(pos >= self.n_train, "test", "train")

    def _suspected_mask(self, rows: pd.DataFrame) -> np.ndarray:
        """Which of ``rows`` (:meth:`_rows`) the verdict counts as synthetic:
        interpolated, extrapolated and near-copied rows of a class it calls
        oversampled, copies in a class it calls randomly over-sampled, and
        contaminated test rows."""
        pos = rows["row"].to_numpy()
        kind = rows["kind"].to_numpy()
        table = self._raw_class_table()
        made = np.isin(
            self.codes[pos], self._class_codes(self._oversampled_classes(table))
        )
        # a near copy in an oversampled class is a child next to its seed (λ ~ 0)
        made &= np.isin(kind, ["interpolated", "extrapolated", "near_duplicate"])
        copied = np.isin(self.codes[pos], self._class_codes(self._ros_classes(table)))
        copied &= np.isin(kind, ["duplicate", "near_duplicate"])
        out = (made | copied) & (pos < self.n_train)
        test = np.asarray(self.contaminated_test_rows or [], dtype=np.int64)
        return out | np.isin(pos, test + self.n_train)

    def _class_codes(self, labels: list) -> np.ndarray:
        return np.array([self.classes.index(label) for label in labels], dtype=int)

    def _suspected(self) -> np.ndarray:
        """Pooled positions of rows suspected synthetic (see :meth:`to_frame`)."""
        rows = self._rows()
        return rows["row"].to_numpy()[self._suspected_mask(rows)]

    def flagged_mask(self) -> np.ndarray:
        """Boolean mask over the rows of ``X`` (then ``X_test``) suspected
        synthetic: the rows of :attr:`suspected_synthetic`, then those of
        :attr:`contaminated_test_rows` (``to_frame()["suspected"]``)."""
        mask = np.zeros(len(self.codes), dtype=bool)
        mask[self._suspected()] = True
        return mask

    @property
    def suspected_synthetic(self) -> list[int]:
        """0-based positions in ``X`` of the rows the verdict counts as synthetic:
        interpolated, extrapolated and near-copied rows of the classes it calls
        oversampled
        and copies in the classes it calls randomly over-sampled. Empty exactly
        when :attr:`status` is ``"clean"``, ``"duplicates"`` or, with a test set,
        ``"contaminated"`` with no training row involved."""
        rows = self._suspected()
        return [int(r) for r in rows[rows < self.n_train]]

    @property
    def contaminated_test_rows(self) -> list[int] | None:
        """0-based positions in ``X_test`` of synthetic rows and of copies of
        training rows (None without a test set)."""
        if self.n_test == 0:
            return None
        rows = self._rows()
        made = rows["kind"].isin(["interpolated", "extrapolated"])
        # a copy counts when it copies a training row; two equal test rows are a
        # property of the data (real duplicates), not a leak from training
        copied = rows["parent_a"].between(0, self.n_train - 1)
        bad = rows.loc[(rows["row"] >= self.n_train) & (made | copied), "row"]
        return [int(r - self.n_train) for r in bad]

    @property
    def n_test(self) -> int:
        """Number of rows of the test set (0 without one)."""
        return len(self.codes) - self.n_train

    # ---- per-class figures and the verdict --------------------------------------

    def _raw_class_table(self) -> pd.DataFrame:
        """Per class of ``X``: rows and flagged rows of each kind."""
        rows = self._rows()
        rows = rows[rows["row"] < self.n_train]
        codes = self.codes[: self.n_train]
        table = pd.DataFrame(index=pd.Index(self.classes, name="class"))
        table["rows"] = np.bincount(codes, minlength=len(self.classes))
        for kind in (*_KIND_ORDER, "collinear"):
            hit = rows.loc[rows["kind"] == kind, "row"].to_numpy()
            table[kind] = np.bincount(codes[hit], minlength=len(self.classes))
        return table

    def class_table(self) -> pd.DataFrame:
        """Per class of ``X``: rows, interpolated, extrapolated and duplicate rows,
        rows on collinear structure (not counted as synthetic), and the estimated
        synthetic share: the class's rows in :attr:`suspected_synthetic` (0 in a
        class the verdict does not call oversampled)."""
        table = self._raw_class_table()
        suspected = np.asarray(self.suspected_synthetic, dtype=np.int64)
        counts = np.bincount(self.codes[suspected], minlength=len(self.classes))
        table["synthetic_share"] = counts / table["rows"].where(table["rows"] > 0)
        return table

    def _oversampled_classes(self, table: pd.DataFrame) -> list:
        made = table["interpolated"] + table["extrapolated"]
        hit = (made >= _MIN_ROWS) & (made >= _MIN_SHARE * table["rows"])
        return list(table.index[hit])

    def _copy_table(self) -> pd.DataFrame:
        """Per class of ``X``: copies and how they spread
        (:func:`~smoteguard.inspection._copies.copy_table`), computed once."""
        if "_copy_cache" not in self.__dict__:
            n = self.n_train
            table = copy_table(self.duplicate_of[:n], self.codes[:n], len(self.classes))
            self.__dict__["_copy_cache"] = table
        return self.__dict__["_copy_cache"]

    def _ros_classes(self, table: pd.DataFrame | None = None) -> list:
        """Classes whose copies look like random over-sampling, read from the
        copies alone (many, concentrated in a class that was smaller, spread
        over its distinct rows as draws with replacement are; see
        :mod:`smoteguard.inspection._copies`); the class balance is not used."""
        codes = random_over_classes(self._copy_table())
        return list(pd.Index(self.classes)[codes])

    @property
    def status(self) -> str:
        """The verdict in one word: ``"contaminated"``, ``"oversampled"``,
        ``"duplicates"`` or ``"clean"`` (what the exit code of
        ``smoteguard inspect`` follows)."""
        table = self.class_table()
        if self.n_test and self.contaminated_test_rows:
            return "contaminated"
        if self._oversampled_classes(table) or self._ros_classes(table):
            return "oversampled"
        if (table["duplicate"] + table["near_duplicate"]).sum():
            return "duplicates"
        return "clean"

    @property
    def verdict(self) -> str:
        """The finding in one paragraph."""
        table = self.class_table()
        parts = []
        interp = self._oversampled_classes(table)
        for label in interp:
            r = table.loc[label]
            made = int(r["interpolated"] + r["extrapolated"])
            near = int(r["near_duplicate"])
            parts.append(
                f"Class {label!r}: {made:,} of {int(r['rows']):,} rows "
                f"({made / r['rows']:.1%}) lie on a segment between two other rows "
                "of the class, the fingerprint of SMOTE-family over-sampling"
                + (
                    f"; {_rows_text(near)} within rounding of another row (children "
                    "next to their seed) also count as synthetic."
                    if near
                    else "."
                )
            )
        ros = self._ros_classes(table)
        parts += self._ros_sentences(ros)
        parts += self._collinear_sentences(table)
        if not interp and not ros:
            parts.append(self._no_oversampling_sentence(table))
        parts += self._coincidence_sentences(table, interp)
        if self.n_test:
            parts.append(self._test_sentence())
        support = explanations(self.fingerprints)
        if self.balance:
            support.append(self.balance["explanation"])
        if support:
            parts.append(f"{self.evidence_heading}: " + "; ".join(support) + ".")
        return " ".join(parts)

    @property
    def evidence_heading(self) -> str:
        """How the verdict introduces the column fingerprints and class balance:
        supporting evidence when it finds over-sampling, notes (things real data
        has too) when it does not."""
        table = self._raw_class_table()
        if self._oversampled_classes(table) or self._ros_classes(table):
            return "Supporting evidence"
        return "Notes (real data shows these too; none is evidence of over-sampling)"

    def _ros_sentences(self, ros: list) -> list[str]:
        """One sentence per class read as randomly over-sampled, and the share of
        copies in every other class (what sets it apart)."""
        if not ros:
            return []
        copies = self._copy_table()
        out = []
        for label in ros:
            r = copies.loc[self.classes.index(label)]
            n, m, k = int(r["rows"]), int(r["copies"]), int(r["copied"])
            out.append(
                f"Class {label!r}: {m:,} of {n:,} rows ({m / n:.1%}) are copies of "
                f"{int(r['distinct']):,} distinct rows, {k:,} of which are copied "
                f"(up to {int(r['most_copies']):,} times; "
                f"{r['expected_copied']:,.0f} expected when rows are drawn with "
                "replacement): the pattern of random over-sampling."
            )
        others = [
            f"class {label!r}: {_copies_text(copies.loc[c])}"
            for c, label in enumerate(pd.Index(self.classes))
            if label not in ros
        ]
        if others:
            out.append("Copies in the other classes: " + "; ".join(others) + ".")
        return out

    def _no_oversampling_sentence(self, table: pd.DataFrame) -> str:
        dups = int((table["duplicate"] + table["near_duplicate"]).sum())
        if not dups:
            return "No sign of SMOTE-family interpolation and no duplicate rows."
        verb = (
            "repeats an earlier row of its"
            if dups == 1
            else ("repeat an earlier row of their")
        )
        copies = self._copy_table()
        per_class = "; ".join(
            f"class {label!r}: {_copies_text(copies.loc[c])}"
            for c, label in enumerate(pd.Index(self.classes))
        )
        return (
            f"No sign of SMOTE-family interpolation; {_rows_text(dups)} {verb} "
            f"class (copies per class: {per_class}). Real data "
            "often has some; "
            f"these are not the pattern of random over-sampling ({rule_text()}), "
            "so no row is counted as synthetic."
        )

    def _coincidence_sentences(self, table: pd.DataFrame, oversampled: list) -> list:
        """Flagged rows of classes too few to call oversampled: named, so that
        the verdict accounts for every row of :meth:`to_frame`."""
        made = table["interpolated"] + table["extrapolated"]
        out = []
        for label in table.index[(made > 0) & ~table.index.isin(oversampled)]:
            n, total = int(made[label]), int(table.loc[label, "rows"])
            out.append(
                f"Class {label!r}: {_rows_text(n)} of {total:,} "
                f"{'lies' if n == 1 else 'lie'} on a segment between two other rows, "
                f"fewer than over-sampling leaves (at least {_MIN_ROWS} rows and "
                f"{_MIN_SHARE:.0%} of the class): "
                f"{'a coincidence' if n == 1 else 'coincidences'} of real data, not "
                "counted as synthetic (listed with suspected = False)."
            )
        return out

    def _collinear_sentences(self, table: pd.DataFrame) -> list[str]:
        rows = self._rows()
        rows = rows[(rows["kind"] == "collinear") & (rows["row"] < self.n_train)]
        out = []
        for label in table.index[table["collinear"] > 0]:
            mine = rows[self.codes[rows["row"].to_numpy()] == self.classes.index(label)]
            ends = np.sort(mine[["parent_a", "parent_b"]].to_numpy(), axis=1)
            lines, per_line = np.unique(ends, axis=0, return_counts=True)
            out.append(
                f"Class {label!r}: {count(len(mine), 'row')} {_lie(len(mine))} on "
                f"{count(len(lines), 'straight line')} through real rows (up to "
                f"{per_line.max():,} on one), far "
                "more than SMOTE puts on one segment (it draws each child's partner "
                "at random among a seed's nearest neighbours): collinear structure "
                "of the data (a ramp, proportional readings), not over-sampling; "
                "these rows are not counted as synthetic."
            )
        return out

    def _test_sentence(self) -> str:
        bad = self.contaminated_test_rows or []
        if not bad:
            if self.n_test == 1:
                return "The one test row is neither synthetic nor a copy."
            return f"None of the {self.n_test:,} test rows is synthetic or a copy."
        head = f"{len(bad):,} of the {count(self.n_test, 'test row')} "
        head += f"({len(bad) / self.n_test:.1%}) {_be(len(bad))} "
        table = self._raw_class_table()
        resampled = self._oversampled_classes(table) or self._ros_classes(table)
        if not resampled and self._synthetic_test_rows() == 0:
            # copies alone, and no sign of over-sampling in the training rows
            text = head + (
                f"{'an exact copy of a training row' if len(bad) == 1 else ''}"
                f"{'' if len(bad) == 1 else 'exact copies of training rows'}. The "
                "training data shows no over-sampling, so this points to duplicates "
                "in the data itself rather than a resampling before the split; "
                "either way the model is scored on rows it was trained on, and the "
                "score reads optimistic."
            )
        else:
            what = "a synthetic child or a copy" if len(bad) == 1 else "synthetic "
            what += "" if len(bad) == 1 else "children or copies"
            text = head + (
                f"{what}: the data was resampled before it was split, so a score on "
                "this test set does not measure performance on real unseen rows."
            )
        return text + self._score_sentence()

    def _synthetic_test_rows(self) -> int:
        """How many contaminated test rows are synthetic children (interpolated
        or extrapolated), not copies."""
        rows = self._rows()
        test = rows["row"] >= self.n_train
        return int((test & rows["kind"].isin(["interpolated", "extrapolated"])).sum())

    def _score_sentence(self) -> str:
        """What the contaminated rows do to a simple model's score, or why it
        cannot be said (a part of the test set without some class)."""
        score = self.rescore or {}
        if score.get("all") is None:
            return (
                " The test set holds a single class, so no score is computed."
                if score
                else ""
            )
        text = (
            f" A {score['model']} trained on {self.names.X} scores "
            f"{score['metric']} {score['all']:.3f} on the whole test set"
        )
        positive = (
            ""
            if score.get("positive") is None
            else f" (positive class {score['positive']!r}, the real minority: the "
            "smaller class once copies and suspected synthetic rows are left out)"
        )
        missing = score.get("missing_in_clean") or []
        if score.get("clean") is not None:
            return (
                f"{text} and {score['clean']:.3f} on its {score['n_clean']:,} clean "
                f"rows{positive}."
            )
        if score["n_clean"] == 0:
            return f"{text}{positive}; every test row is contaminated, so none is left."
        names = ", ".join(repr(label) for label in missing)
        return (
            f"{text}{positive}; its {score['n_clean']:,} clean rows hold no row of "
            f"class {names} (every test row of "
            f"{'that class' if len(missing) == 1 else 'those classes'} is "
            "contaminated), so the score on clean rows cannot be computed."
        )

    def summary(self) -> str:
        """The verdict, the per-class table and the tolerance used, as text."""
        table = self.class_table().to_string(float_format="{:.3f}".format)
        lines = [self.verdict, "", table, "", self.tolerance_note()]
        return "\n".join(lines)

    def tolerance_note(self) -> str:
        """How the segment test's tolerance was set."""
        sig = self.model.sig_digits[self.model.geometry]
        rounded = sig[sig > 0]
        geometry = len(self.model.geometry)
        if rounded.size:
            precision = (
                f"values carry at most {int(rounded.max())} significant digits in "
                f"{rounded.size} of {geometry} geometry columns, so each is taken as "
                "known within half a unit of its last digit"
            )
        else:
            precision = (
                "values are unrounded, so the tolerance is a few units in the last "
                "place"
            )
        return (
            f"Segment test on {geometry} of {len(self.columns)} columns "
            f"(categorical-like and copied columns left out); {precision}."
        )

    def __str__(self) -> str:
        return self.summary()

    # ---- export ----------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """Everything as JSON-ready Python objects (schema ``SCHEMA``).

        Class labels keep their type: ints are JSON numbers, strings strings,
        floats numbers, booleans ``true``/``false``; labels of other types
        (dates, tuples, objects) are written as their ``str()``.

        ``flagged`` holds the records of :meth:`to_frame`, with the same columns
        and the same parent order (nearer parent first, ``0 < lam <= 0.5`` for
        interpolated rows; see the notes there)."""
        table = self.class_table().reset_index()
        table["class"] = pd.Series(
            [json_label(c) for c in table["class"]], dtype=object
        )
        flagged = self.to_frame()
        flagged["class"] = pd.Series(
            [json_label(c) for c in flagged["class"]], dtype=object
        )
        return {
            "schema": SCHEMA,
            "status": self.status,
            "verdict": self.verdict,
            "n_rows": self.n_train,
            "n_test_rows": self.n_test,
            "suspected_synthetic": self.suspected_synthetic,
            "contaminated_test_rows": self.contaminated_test_rows,
            "classes": json.loads(table.to_json(orient="records")),
            "flagged": json.loads(flagged.to_json(orient="records")),
            "fingerprints": [
                {k: v for k, v in f.items() if k != "rows"} for f in self.fingerprints
            ],
            "balance": self.balance,
            "rescore": self.rescore,
            "tolerance": self.tolerance_note(),
        }

    def to_json(self, **kwargs: Any) -> str:
        """:meth:`to_dict` as a JSON string."""
        return json.dumps(self.to_dict(), **kwargs)

    def _repr_html_(self) -> str:
        from .html import render_section

        return render_section(self)
