"""``compare``: every strategy x model on the same folds, honestly, plus the leak check.

The leak check (``smoteguard.evaluation.leakage``) reproduces the real mistake
for every pipeline that resamples: the whole cross-validated table is resampled
once with the same sampler and parameters (the preprocessing before the sampler
fitted on that whole table), then the same repeated stratified k-fold as the clean
view (same ``cv``, ``n_repeats``, ``random_state``) runs over the resampled rows
with fresh folds, synthetic and copied rows scored as if real, fitting the same
model and per-fold steps after the sampler. With a holdout it also reports the
single-split version: resample the whole table, ``train_test_split`` it
(stratified, the same fraction and seed) and score the resampled test part. The
inflation column shows ROC-AUC whatever the primary metric: the leaky validation
rows are about half positive, so PR-AUC's chance level rises with them; every
leaky PR-AUC comes with the positive share of both views' validation rows.

Result schema (``results.json``, also ``ComparisonResult.record``)
------------------------------------------------------------------
A JSON object; floats are rounded to 6 decimals and undefined values are ``null``.
It is defined once, in code, by
:class:`~smoteguard.evaluation.record.ComparisonRecord`; the JSON Schema generated
from it ships with the package
(:func:`~smoteguard.evaluation.record.record_schema`). What its parts mean:

``schema``
    ``"smoteguard.comparison/3"``. Records of schema ``smoteguard.comparison/2``
    (the same parts, before they were written down as a JSON Schema) load as
    they are; records of ``smoteguard.comparison/1`` (written before the leak
    check reproduced the real mistake and before the verdict, when the leak
    column was the seed-fold view in the primary metric and the recommendation
    the top-ranked pipeline) load with a note (:attr:`ComparisonResult.note`).
    Other schemas are refused with a message naming them.
``meta``
    ``command`` (argv list or null), ``seed``, ``cv``, ``n_repeats``, ``holdout``,
    ``metric`` (primary), ``confidence``, ``ci_method``, ``pooled_metrics`` (the
    metrics estimated from pooled out-of-fold scores: ROC-AUC and PR-AUC of binary
    targets, else empty), ``estimate_method`` (how point estimates are computed),
    ``leaky_protocol`` (how
    the leaky cross-validated view is built, see below; null with ``leaky=False``),
    ``leaky_holdout_protocol`` (the leaky holdout view; null without a holdout),
    ``leak_metric`` (the metric of the leak-inflation column: ``"roc_auc"``),
    ``leak_repeats`` (repeats of the leaky view's k-fold; null with
    ``leaky=False``), ``leak_interval`` (how the inflation's interval is computed:
    a diagnostic), ``racing`` (``{enabled, rule, confidence, stopped}``:
    ``stopped`` maps ``"strategy|model"`` to the folds a pipeline ran before the
    race stopped it, ``smoteguard.evaluation.racing``),
    ``versions`` (python, smoteguard, numpy, scipy, scikit-learn,
    pandas, joblib, plus xgboost/lightgbm when used) and ``decisions`` (null
    without ``costs``/``prevalence``; else ``costs`` (the matrix ``C[true,
    decided]`` as given), ``costs_text``, ``decision_matrix`` (the matrix the
    folds decided and were scored by: each true class's row weighted by
    ``P_k / pi_k`` with a prevalence), ``rule``, ``prevalence`` (``P``),
    ``training_prevalence`` (``pi``), ``prevalence_rule`` and
    ``bayes_threshold`` (binary: on the data's probabilities)). With costs,
    ``metric`` is ``"expected_cost"``.
``data``
    ``source``, ``n_rows``, ``n_cv_rows``, ``n_holdout_rows``, ``n_features``,
    ``target``, ``classes`` (code order: binary ``[negative, positive]``),
    ``class_counts`` (label as text -> count), ``positive_label``,
    ``minority_rate``, ``majority_rate``, ``imbalance_ratio`` (majority/minority),
    ``numeric_columns``, ``categorical_columns`` (column -> distinct levels,
    one-hot encoded per fold with rare levels grouped), ``dropped_columns``
    (column -> reason).
``strategies`` / ``models``
    What ran: ``{name, description, family, ratio, resamples}`` /
    ``{name, label}``; ``skipped_strategies`` and ``skipped_models`` map name ->
    reason (``skipped_models``: defaults left out on large tables).
``results``
    One entry per strategy x model: ``strategy``, ``model``, ``resamples``,
    ``rank`` (by the primary metric; pipelines the race stopped after those that
    ran every fold), ``metrics`` (metric -> ``{mean, std, ci_low,
    ci_high}`` for every metric of :data:`~smoteguard.evaluation.METRICS`, the
    calibration metrics ``log_loss``, ``calibration_intercept``,
    ``calibration_slope`` and ``ece`` included, plus ``expected_cost`` per 1,000
    cases with costs; ROC-AUC and PR-AUC of binary targets are pooled out-of-fold scores
    with the pooled interval and ``std`` its standard error, the rest fold means
    with the corrected t-interval and ``std`` of the fold scores:
    ``meta.ci_method``; ``ci_low <= mean <= ci_high`` always; PR-AUC of a binary
    target is bias-corrected average precision, a little below
    ``average_precision_score`` on the same scores, of a multiclass target the
    fold mean of macro one-vs-rest AP: ``meta.pr_auc_method``), ``vs_none``
    (metric -> paired difference to ``none`` with
    the same model on the same folds, ``{mean, std, ci_low, ci_high}``; null for
    ``none``),
    ``inflation`` (resampling strategies: metric -> ``{leaky_mean, mean, std,
    ci_low, ci_high}``: the leaky view's estimate, computed exactly as
    ``metrics`` is (pooled per repeat for ROC-AUC/PR-AUC), and ``mean`` = leaky
    minus clean, so ``leaky_mean - metrics[m].mean == mean``; the interval treats
    the two views as independent; else null),
    ``folds_run`` (validation folds it was evaluated on: ``cv * n_repeats``, or
    fewer when ``stopped_early`` by the race; its estimates, its out-of-fold
    scores and its paired differences then use those folds),
    ``confusion_matrix`` (out-of-fold, summed over the repeats run, rows = true
    class) and
    ``leak_check`` (resampling strategies, else null): ``positive_share``
    ``{clean, leaky}``, the mean share of positives among the validation rows of
    each view, which is the chance level of PR-AUC (a 1:1 leaky view has about
    0.5; null for multiclass targets), and ``holdout``: with a holdout, the leaky
    holdout view ``{metrics, n_test, positive_share}``, else null.
``folds``
    Tidy per-fold records (also ``results.csv``): ``strategy``, ``model``,
    ``protocol`` (``clean``/``leaky``), ``repeat``, ``fold``, ``n_train``,
    ``n_test``, ``n_test_minority``, one column per metric (clean folds add
    ``expected_cost`` with costs) and ``positive_share`` (of the validation
    rows: PR-AUC's chance level). Leaky
    folds are folds of the resampled table, so fold ``i`` of the two protocols
    holds different rows.
``oof``
    ``y_true`` (codes of the cross-validated rows), ``row_position`` (their
    positions in the input table), ``fold`` (``[repeat][row]`` validation fold) and
    ``scores`` (``"strategy|model"`` -> ``[repeat][row]`` positive-class
    probability; multiclass ``[repeat][row][class]``), for ROC and PR curves. In
    a saved ``results.json`` with more than a million scores, the block is
    ``{"file": "oof.npz"}`` instead: the same arrays in that file beside it
    (scores as float32), read back by :meth:`ComparisonResult.load`.
``ratio_sweep``
    SMOTE ratio vs primary metric per model: ``{model, strategy, ratio, mean,
    ci_low, ci_high}``; ``none`` appears at the data's own ratio.
``recommendation``
    The one verdict that the terminal, this record and the HTML report show (rules
    in :mod:`~smoteguard.evaluation.verdict`): ``strategy``, ``model`` (the
    pipeline to keep, not necessarily the top-ranked one), ``metric``, ``mean``,
    ``std``, ``ci_low``, ``ci_high``, ``headline`` (one line), ``message``
    (plain-language verdict), ``at_chance`` (the best clean ROC-AUC interval
    contains 0.5), ``inconclusive`` (it does, but is too wide to say anything:
    more folds or repeats are needed), ``top_ranked`` (``{strategy, model}``),
    ``baseline`` (best pipeline without synthetic or removed rows: ``none``,
    ``class_weight`` or ``threshold`` with any model; ``{strategy, model, mean,
    std, ci_low, ci_high}``), ``baseline_rule``, ``best_resampling`` (the same
    for the best resampling pipeline, plus ``vs_baseline`` and
    ``beats_baseline``), ``vs_baseline`` (recommended minus baseline, same
    folds; null when it is the baseline), ``vs_none``/``vs_class_weight`` and
    ``beats_none``/``beats_class_weight`` (recommended against the same model;
    CI of the difference excludes 0), ``holdout`` (metrics of the recommended
    pipeline, refitted, on the untouched holdout, or null), ``calibration``
    (``{warn, intercept, ece, ece_none, message}``: ``warn`` when the calibration
    intercept's interval excludes 0 or the ECE exceeds ``none``'s by more than
    0.02) and ``threshold_shift`` (``pipelines``: each resampling pipeline
    against ``threshold`` with the same model, ``{strategy, model,
    threshold_shift, differences}``; ``message``).
``warnings`` / ``messages``
    ``{code, message}`` warnings (``calibration`` when the recommended
    pipeline's probabilities should not be read as risks), and informational
    lines (dropped columns, skipped strategies).
``timings``
    ``started``, ``finished`` (ISO 8601 UTC) and ``seconds``: the only part that
    differs between two runs with the same seed.
``embedding`` (optional)
    With ``embedding=True`` (``smoteguard compare`` sets it when it writes a
    report; :mod:`~smoteguard.evaluation.embedding`): the recommended sampler's
    real and synthetic rows on two principal components, subsampled
    (``sampler``, ``points`` kind -> ``[[x, y], ...]``, ``counts``,
    ``explained_variance``, ``note``).

Phases
------
:func:`compare` checks its inputs, then runs one phase after another, each in its
own module and each testable alone:

1. plan (:mod:`~smoteguard.evaluation.plan`): the table prepared, the folds, the
   strategies x models as unfitted pipelines, what is skipped and why;
2. clean cross-validation (:mod:`~smoteguard.evaluation.clean_cv`), of any
   subset of the plan's pipelines and splits;
3. leak check (:mod:`~smoteguard.evaluation.leak_check`);
4. summaries and paired differences, ranked
   (:mod:`~smoteguard.evaluation.ranking`);
5. recommendation (:mod:`~smoteguard.evaluation.recommendation`, the verdict's
   rules in :mod:`~smoteguard.evaluation.verdict`);
6. record (:mod:`~smoteguard.evaluation.assemble`, with the 2-D view of
   :mod:`~smoteguard.evaluation.embedding` when asked for).

:func:`run_plan` runs phases 2-6 on a plan.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

import numpy as np

from .._dask_input import EVALUATION_ADVICE, refuse_dask
from ._clean_cv import race_plan
from ._decisions import calibration_warnings
from ._fold_labels import name_classes
from ._validation import check_compare_inputs
from .assemble import build_record, collect_warnings
from .embedding import plan_embedding
from .leak_check import LEAK_METRIC, LeakCheck
from .leakage import LEAK_REPEATS, check_leak_repeats
from .plan import ComparisonPlan, make_plan
from .protocol import Progress
from .ranking import ratio_sweep, summarize_results
from .recommendation import recommend_pipeline
from .record import LEGACY_SCHEMAS, SCHEMA, legacy_note, pooled_metrics_of
from .result import ComparisonResult

# LEAK_METRIC, legacy_note and pooled_metrics_of stay importable from here; they
# live in .leak_check and .record.
__all__ = [
    "LEAK_METRIC",
    "LEGACY_SCHEMAS",
    "SCHEMA",
    "ComparisonResult",
    "compare",
    "legacy_note",
    "pooled_metrics_of",
    "run_plan",
]


def _shifted(progress: Progress | None, offset: int, total: int) -> Progress | None:
    """``progress`` for one batch of calls, counting the calls before it."""
    if progress is None:
        return None
    return lambda done, _: progress(offset + done, total)


def compare(
    X: Any,
    y: Any,
    *,
    models: Sequence[str] | None = None,
    strategies: Sequence[str] | None = None,
    metric: str = "pr_auc",
    cv: int = 5,
    n_repeats: int = 3,
    holdout: float | None = None,
    pos_label: Any = None,
    random_state: int = 0,
    n_jobs: int | None = -1,
    leaky: bool = True,
    confidence: float = 0.95,
    progress: Progress | None = None,
    source: str | None = None,
    command: Sequence[str] | None = None,
    target_type: str = "auto",
    embedding: bool = False,
    costs: Any = None,
    prevalence: float | None = None,
    leak_repeats: int = LEAK_REPEATS,
    racing: bool = True,
) -> ComparisonResult:
    """Compare imbalance strategies x models on the same stratified repeated folds.

    Every pipeline is refitted on each training fold; the leak check shows how much
    resampling before the split would have inflated the scores (module docstring).

    Parameters
    ----------
    X : DataFrame or array-like of shape (n_samples, n_features)
        Raw features: missing values, string and ID columns are handled per fold.
    y : array-like of shape (n_samples,)
    models : str or list of str, optional
        Registered model name(s); default lr, rf, hgb (no rf above 10,000 rows).
    strategies : str or list of str, optional
        Registered strategy name(s) or families (``smote``); default all defaults.
        ``none`` always runs: it is the baseline.
    metric : str, default="pr_auc"
        Primary metric for the ranking (one of :data:`~smoteguard.evaluation.METRICS`).
    cv, n_repeats : int, default=5, 3
    holdout : float, optional
        Fraction kept aside to score the recommended pipeline once.
    pos_label : label, optional
        Positive class (binary); default the minority class.
    random_state : int, default=0
    n_jobs : int or None, default=-1
        Parallel folds: -1 every core, None or 1 sequential (same results).
    leaky : bool, default=True
        Run the leak check for resampling strategies (and its holdout version).
    confidence : float, default=0.95
    progress : callable, optional
        ``progress(done, total)`` after each fitted fold.
    source, command : optional
        Recorded in the result (data origin; command line as a string or list).
    target_type : {"auto", "multiclass"}, default="auto"
        ``"auto"`` refuses a numeric target that looks continuous (non-integer, or
        more than 10 values); ``"multiclass"`` confirms every value is a class.
    embedding : bool, default=False
        Compute the report's 2-D view of real and synthetic rows (``embedding``).
    costs : str, dict or array-like, optional
        ``{"fn": 10, "fp": 1}``, ``"fn=10,fp=1"`` or the matrix ``C[true, decided]``
        in the encoded class order: every pipeline decides by least expected cost
        (thresholds tuned on real training rows); ranked by ``expected_cost``.
    prevalence : float, optional
        Deployment share of positives (binary): cost thresholds, expected costs and
        the decision curve move to it by the prior-shift formula.
    leak_repeats : int, default=1
        Repeats of the leak check's k-fold (1 to ``n_repeats``; ``meta.leak_interval``).
    racing : bool, default=True
        Stop pipelines clearly below the leader after a repeat (``meta.racing``,
        ``folds_run``); False runs every pipeline on every fold.

    Returns
    -------
    ComparisonResult

    Raises
    ------
    TypeError, ValueError
        Before any fitting, for bad parameters or data, naming the parameter.

    References
    ----------
    .. [1] Nadeau & Bengio (2003), *Machine Learning* 52, 239-281 (the intervals).
    .. [2] Bates, Hastie & Tibshirani (2024), *JASA* 119(546), 1434-1445.
    """
    refuse_dask("compare()", X, y, lazy=EVALUATION_ADVICE, names=("X", "y"))
    started = time.time()
    _check_switches(embedding=embedding, racing=racing)
    check_leak_repeats(leak_repeats, n_repeats, leaky)
    shared = dict(metric=metric, cv=cv, n_repeats=n_repeats, holdout=holdout)
    shared.update(pos_label=pos_label, random_state=random_state, n_jobs=n_jobs)
    shared.update(leaky=leaky, confidence=confidence, costs=costs)
    shared.update(prevalence=prevalence)
    checked = check_compare_inputs(
        X,
        y,
        models=models,
        strategies=strategies,
        progress=progress,
        command=command,
        target_type=target_type,
        **shared,
    )
    plan = make_plan(
        X,
        y,
        models=checked.models,
        strategies=checked.strategies,
        source=source,
        command=checked.command,
        leak_repeats=leak_repeats,
        racing=bool(racing),
        **shared,
    )
    return _run_in_labels(plan, progress, started, embedding)


def _run_in_labels(
    plan: ComparisonPlan, progress: Progress | None, started: float, embedding: bool
) -> ComparisonResult:
    """:func:`run_plan`; a failed fold's message gets a note in the user's labels."""
    try:
        return run_plan(plan, progress=progress, started=started, embedding=embedding)
    except Exception as exc:
        name_classes(exc, plan.target.classes)
        raise


def _check_switches(**switches: Any) -> None:
    """Refuse a non-boolean on/off parameter, naming it."""
    for name, value in switches.items():
        if not isinstance(value, (bool, np.bool_)):
            raise TypeError(f"{name} must be True or False; got {value!r}.")


def run_plan(
    plan: ComparisonPlan,
    *,
    progress: Progress | None = None,
    started: float | None = None,
    embedding: bool = False,
) -> ComparisonResult:
    """Run the phases of :func:`compare` on a plan (:func:`~.plan.make_plan`):
    clean cross-validation, leak check, summaries, recommendation, record.

    Parameters
    ----------
    plan : ComparisonPlan
    progress : callable, optional
        ``progress(done, total)`` after each fold fit.
    started : float, optional
        ``time.time()`` when the comparison started; default now.
    embedding : bool, default=False
        Compute the 2-D view of real and synthetic rows (see :func:`compare`).

    Returns
    -------
    ComparisonResult
    """
    started = time.time() if started is None else started
    resampling = plan.resampling if plan.leaky else []
    check = LeakCheck(plan, resampling) if resampling else None
    # the leak check's folds run in the clean view's first stream (``tail``)
    # unless their resampled tables are too large to be alive at once
    streamed = check is not None and check.streamable
    n_after = 0 if check is None else check.n_holdout_fits
    if check is not None and not streamed:
        n_after += check.n_calls

    def clean_progress(done: int, total: int) -> None:
        if progress is not None:
            progress(done, total + n_after)

    notes: list[tuple[str, str]] = []
    clean, race, n_fits = race_plan(
        plan,
        progress=clean_progress,
        notes=notes,
        tail=check if streamed else None,
    )
    leaks = {}
    if check is not None:
        total = n_fits + check.n_calls + check.n_holdout_fits
        if not streamed:
            check.run(plan.n_jobs, _shifted(progress, n_fits, total))
        leaks = check.views(_shifted(progress, n_fits + check.n_calls, total))
    summaries = summarize_results(plan, clean, leaks, race)
    recommendation = recommend_pipeline(plan, clean, summaries, notes)
    warnings = collect_warnings(
        plan, clean, summaries, notes, n_fits=n_fits, leak_checked=bool(leaks)
    )
    warnings += calibration_warnings(recommendation, plan.decisions, summaries.ranking)
    view = None
    if embedding:
        sweep = ratio_sweep(plan, summaries.ranking)
        view = plan_embedding(plan, recommendation, sweep)
    record = build_record(
        plan,
        clean,
        leaks,
        summaries,
        recommendation,
        warnings,
        started=started,
        embedding=None if view is None else view.to_dict(),
        race=race,
    )
    return ComparisonResult(record)
