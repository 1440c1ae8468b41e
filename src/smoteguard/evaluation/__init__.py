"""Honest evaluation of imbalanced classifiers.

* :func:`evaluate` — stratified repeated k-fold (plus an optional untouched
  holdout) of one estimator, with rare-class metrics and corrected intervals;
* :func:`compare` — every imbalance strategy x model on the same folds, paired
  differences to doing nothing, the leak inflation of resampling before splitting,
  and a recommendation (:class:`ComparisonResult`, ``results.json``);
* registries to extend: :func:`register_strategy`, :func:`register_model`.

``compare`` runs in phases, one module each (``plan``, ``clean_cv``,
``leak_check``, ``ranking``, ``recommendation``, ``assemble``);
its result record is defined in ``record``, with a JSON Schema shipped beside
it.
"""

from .compare import compare
from .intervals import corrected_t_interval
from .metrics import METRICS, compute_metrics, g_mean_score, specificity_score
from .models import MODELS, available_models, register_model
from .preprocessing import ColumnPlan, make_preprocessor, plan_columns
from .protocol import Evaluation, encode_target, evaluate
from .record import SCHEMA
from .result import ComparisonResult
from .strategies import STRATEGIES, build_pipeline, register_strategy
from .warnings import EvaluationUserWarning, EvaluationWarning

__all__ = [
    "METRICS",
    "MODELS",
    "SCHEMA",
    "STRATEGIES",
    "ColumnPlan",
    "ComparisonResult",
    "Evaluation",
    "EvaluationUserWarning",
    "EvaluationWarning",
    "available_models",
    "build_pipeline",
    "compare",
    "compute_metrics",
    "corrected_t_interval",
    "encode_target",
    "evaluate",
    "g_mean_score",
    "make_preprocessor",
    "plan_columns",
    "register_model",
    "register_strategy",
    "specificity_score",
]
