"""What :func:`~smoteguard.evaluation.compare` found: :class:`ComparisonResult`,
the record (``results.json``) with views of it, saving and loading."""

from __future__ import annotations

import html
import warnings as _warnings
from pathlib import Path

import numpy as np
import pandas as pd

from ._oof_file import (
    INLINE_MAX_VALUES,
    n_oof_values,
    read_json_file,
    record_to_json,
    resolve_oof,
    results_path,
    write_oof,
)
from .intervals import describe_estimate
from .metrics import METRICS, metrics_in
from .record import (
    ComparisonRecord,
    check_record,
    legacy_note,
    pipeline_key,
    pooled_metrics_of,
)

__all__ = ["ComparisonResult"]

_HOW_TO_LOAD = "pass the results.json written by ComparisonResult.save(DIR), or DIR"


class ComparisonResult:
    """What :func:`compare` found; a JSON-ready ``record`` plus views of it.

    Parameters
    ----------
    record : ComparisonRecord
        The full result (what ``results.json`` holds): defined in
        ``smoteguard.evaluation.record``, described in
        :mod:`~smoteguard.evaluation.compare`.
    """

    def __init__(self, record: ComparisonRecord) -> None:
        self.record = record

    # -- views -------------------------------------------------------------------

    @property
    def metric(self) -> str:
        """The primary metric."""
        return self.record["meta"]["metric"]

    def to_frame(self, *, leak_metric: str | None = None) -> pd.DataFrame:
        """One row per strategy x model, best first.

        Parameters
        ----------
        leak_metric : str, optional
            Metric of the ``leak_inflation`` column; default the record's
            ``meta.leak_metric`` (ROC-AUC, which does not move with the share of
            positives; see :meth:`inflation` for every metric).

        Returns
        -------
        DataFrame
            Columns: ``rank``, ``strategy``, ``model``, the mean of every metric,
            the primary metric's ``ci_low``/``ci_high``, the paired difference to
            ``none`` (``vs_none``, ``vs_none_low``, ``vs_none_high``) and
            ``leak_inflation`` (leaky minus clean in ``leak_metric``; NaN for
            non-resampling strategies).
        """
        metric = self.metric
        leak_metric = leak_metric or self.leak_metric
        if leak_metric not in METRICS:
            raise ValueError(
                f"Unknown leak_metric {leak_metric!r}; choose from "
                f"{', '.join(METRICS)}."
            )
        rows = []
        for r in self.record["results"]:
            diff = (r["vs_none"] or {}).get(metric) or {}
            inflation = (r["inflation"] or {}).get(leak_metric) or {}
            rows.append(
                {
                    "rank": r["rank"],
                    "strategy": r["strategy"],
                    "model": r["model"],
                    **{m: r["metrics"][m]["mean"] for m in metrics_in(r["metrics"])},
                    "ci_low": r["metrics"][metric]["ci_low"],
                    "ci_high": r["metrics"][metric]["ci_high"],
                    "vs_none": diff.get("mean"),
                    "vs_none_low": diff.get("ci_low"),
                    "vs_none_high": diff.get("ci_high"),
                    "leak_inflation": inflation.get("mean"),
                }
            )
        frame = pd.DataFrame(rows)
        return frame.astype({m: float for m in metrics_in(frame.columns)})

    @property
    def leak_metric(self) -> str:
        """Metric of the leak-inflation column (``"roc_auc"``; records written
        before it was recorded showed the primary metric)."""
        return self.record["meta"].get("leak_metric") or self.metric

    def best(self) -> dict:
        """The recommendation: strategy, model, score with CI, paired differences,
        verdict ``message`` and the holdout score (if a holdout was used).

        Records of an older schema lack some keys (``headline``, ``at_chance``,
        ``baseline``, ...); they are present here as None, so code written for
        the current schema reads both.
        """
        best = dict(self.record["recommendation"])
        for key in (
            "headline",
            "at_chance",
            "inconclusive",
            "baseline",
            "vs_baseline",
            "holdout",
        ):
            best.setdefault(key, None)
        return best

    @property
    def note(self) -> str | None:
        """What to know about a record of an older schema (None for current ones)."""
        return legacy_note(self.record)

    @property
    def estimate(self) -> str:
        """How the primary metric's point estimate was computed, in words."""
        meta = self.record["meta"]
        pooled = self.metric in pooled_metrics_of(meta)
        return describe_estimate(self.metric, pooled, meta.get("n_repeats"))

    def inflation(self) -> pd.DataFrame:
        """Leak inflation per resampling strategy x model x metric.

        Columns: ``strategy``, ``model``, ``metric``, ``clean`` (honest mean),
        ``leaky`` (what the leaky workflow would have reported), ``inflation``
        (leaky minus clean) and its ``ci_low``/``ci_high``, and
        ``clean_positive_share``/``leaky_positive_share``: the share of positives
        among each view's validation rows, the chance level of PR-AUC (NaN for
        multiclass targets). Read PR-AUC against them: a 1:1 leaky view's chance
        level is about 0.5. ``clean`` and ``leaky`` are estimated the same way
        (:attr:`estimate`), so ``inflation == leaky - clean``.

        Strategies that were requested but not run (a SMOTE ratio below the data's
        own, a sampler that cannot run on this data) have no rows; they are listed
        with the reason in ``attrs["skipped"]`` of the returned frame, in
        ``record["skipped_strategies"]`` and in the messages.
        """
        rows = []
        for r in self.record["results"]:
            shares = (r.get("leak_check") or {}).get("positive_share") or {}
            for m, v in (r["inflation"] or {}).items():
                rows.append(
                    {
                        "strategy": r["strategy"],
                        "model": r["model"],
                        "metric": m,
                        "clean": r["metrics"][m]["mean"],
                        "leaky": v["leaky_mean"],
                        "inflation": v["mean"],
                        "ci_low": v["ci_low"],
                        "ci_high": v["ci_high"],
                        "clean_positive_share": shares.get("clean"),
                        "leaky_positive_share": shares.get("leaky"),
                    }
                )
        columns = ["strategy", "model", "metric", "clean", "leaky", "inflation"]
        columns += ["ci_low", "ci_high", "clean_positive_share", "leaky_positive_share"]
        frame = pd.DataFrame(rows, columns=columns).astype(
            {c: float for c in columns[3:]}
        )
        frame.attrs["skipped"] = dict(self.record.get("skipped_strategies") or {})
        return frame

    def folds(self) -> pd.DataFrame:
        """Tidy per-fold metrics (clean and leaky protocols), as in results.csv."""
        return pd.DataFrame(self.record["folds"])

    def oof_scores(self, strategy: str, model: str) -> np.ndarray:
        """Out-of-fold scores ``(n_repeats, n_rows[, n_classes])`` of one pipeline.

        Parameters
        ----------
        strategy, model : str
            The pipeline's strategy and model names, as in ``results``.
        """
        return np.asarray(
            self.record["oof"]["scores"][pipeline_key(strategy, model)], dtype=float
        )

    @property
    def warnings(self) -> list[str]:
        """Warning messages."""
        return [w["message"] for w in self.record["warnings"]]

    # -- persistence -------------------------------------------------------------

    def to_json(self) -> str:
        """The record as JSON text (the whole of it, ``oof`` included)."""
        return record_to_json(self.record, indent=1)

    def save(
        self, directory: str | Path, *, oof_file: bool | None = None
    ) -> tuple[Path, Path]:
        """Write ``results.json`` and the tidy per-fold ``results.csv``.

        Parameters
        ----------
        directory : str or Path
            Created if needed.
        oof_file : bool or None, default=None
            Write the out-of-fold scores to ``oof.npz`` beside ``results.json``
            (which then refers to it) instead of into it. None: only when they
            hold more than a million scores (large tables; see
            :mod:`smoteguard.evaluation._oof_file`). Keep the two files together.

        Returns
        -------
        (json path, csv path)
        """
        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        json_path, csv_path = out / "results.json", out / "results.csv"
        record = self.record
        if oof_file is None:
            oof_file = n_oof_values(record) > INLINE_MAX_VALUES
        if oof_file and record.get("oof"):
            record = {**record, "oof": write_oof(record["oof"], out)}
        json_path.write_text(record_to_json(record, indent=1) + "\n", encoding="utf-8")
        self.folds().to_csv(csv_path, index=False)
        return json_path, csv_path

    @classmethod
    def load(cls, path: str | Path) -> ComparisonResult:
        """Read a ``results.json`` written by :meth:`save` (and its ``oof.npz``,
        when it refers to one).

        Records of the older schemas in ``LEGACY_SCHEMAS`` load too;
        ``/1`` records with a note (:attr:`note`, also warned).

        Parameters
        ----------
        path : str or Path
            The ``results.json`` file, or the directory :meth:`save` wrote it to.

        Raises
        ------
        FileNotFoundError
            ``path`` does not exist (the message names it).
        ValueError
            The file is empty, truncated or not JSON (the message names it and
            what is wrong), is not a comparison, is one of a schema this version cannot
            read (the message names it), lacks a part of its schema or has a part
            of the wrong type (``record.check_record`` names it), or refers
            to a missing ``oof.npz``.
        """
        path = results_path(path)
        try:
            record = read_json_file(path)
        except (FileNotFoundError, ValueError) as exc:
            raise type(exc)(f"{exc}; {_HOW_TO_LOAD}") from None
        note = check_record(record, str(path))
        result = cls(resolve_oof(record, path.parent))
        if note:
            _warnings.warn(f"{path}: {note}", UserWarning, stacklevel=2)
        return result

    # -- display -----------------------------------------------------------------

    def _repr_html_(self) -> str:
        frame = self.to_frame()
        shown = ["rank", "strategy", "model", self.metric, "ci_low", "ci_high"]
        shown += ["vs_none", "recall", "precision", "mcc", "g_mean", "leak_inflation"]
        table = frame[list(dict.fromkeys(shown))].to_html(
            index=False, float_format=lambda v: f"{v:.3f}", na_rep="–"
        )
        # Strategy and model names are free text (register_strategy/register_model).
        verdict = html.escape(self.record["recommendation"]["message"])
        notes = "".join(
            f"<p><i>Note:</i> {html.escape(message)}</p>"
            for message in [self.note or "", *(self.record.get("messages") or [])]
            if message
        )
        notes += "".join(
            f"<p><i>Warning:</i> {html.escape(message)}</p>"
            for message in self.warnings
        )
        return f"<p><b>Recommendation:</b> {verdict}</p>{table}{notes}"

    def __repr__(self) -> str:
        best = self.record["recommendation"]
        return (
            f"ComparisonResult({len(self.record['results'])} pipelines, best "
            f"{best['strategy']} + {best['model']}: {self.metric} {best['mean']:.3f})"
        )
