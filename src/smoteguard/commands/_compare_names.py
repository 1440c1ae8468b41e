"""The names ``smoteguard compare``'s options list, as plain data.

The registries they come from (:data:`smoteguard.evaluation.models.MODELS`,
:data:`smoteguard.evaluation.strategies.STRATEGIES`, the metrics, the bundled
datasets, the input limits) live in modules that import scikit-learn, scipy and
pandas: about 1.5 s. Building the ``compare`` parser from this copy instead lets
``smoteguard compare`` start its worker processes first, so that they import
those libraries while the main process does the same.
``tests/test_cli_parser_imports.py`` checks that every name here equals its
registry's, and that building the parser imports none of those libraries.
"""

from __future__ import annotations

#: :data:`smoteguard.evaluation.models.MODELS`, in registry order
MODEL_NAMES = ("lr", "rf", "hgb", "xgb", "lgbm")

#: :data:`smoteguard.evaluation.models.DEFAULT_MODELS`
DEFAULT_MODELS = ("lr", "rf", "hgb")

#: ``max_default_rows`` of the default models that have one
DEFAULT_ROW_LIMITS = {"rf": 10_000}

#: :data:`smoteguard.evaluation.strategies.DEFAULT_STRATEGIES`
DEFAULT_STRATEGIES = (
    "none",
    "class_weight",
    "smote_0.25",
    "smote_0.5",
    "smote_0.75",
    "smote_1.0",
    "random_over",
    "random_under",
    "threshold",
    "smote+threshold",
    "smote_1.0+recal",
    "random_under+recal",
)

#: the other strategies of :data:`smoteguard.evaluation.strategies.STRATEGIES`,
#: in registry order (run only when named)
OPTIONAL_STRATEGIES = (
    "smote_enn",
    "smote_tomek",
    "balanced_bagging",
    "borderline_smote",
    "adasyn",
    "kmeans_smote",
    "one_class",
    "class_weight+recal",
    "smote_0.25+recal",
    "smote_0.5+recal",
    "smote_0.75+recal",
    "random_over+recal",
    "smote_enn+recal",
    "smote_tomek+recal",
    "balanced_bagging+recal",
    "borderline_smote+recal",
    "adasyn+recal",
    "kmeans_smote+recal",
)

#: :data:`smoteguard.evaluation.metrics.RANKING_METRICS`
RANKING_METRICS = (
    "pr_auc",
    "roc_auc",
    "recall",
    "precision",
    "f1",
    "mcc",
    "g_mean",
    "balanced_accuracy",
    "specificity",
    "accuracy",
    "brier",
    "log_loss",
    "ece",
)

#: the bundled dataset ``smoteguard compare`` uses without DATA
DEFAULT_DATASET = "pima"

#: sorted names of :data:`smoteguard.datasets.DATASETS`
DATASET_NAMES = ("pima", "synthetic")

#: :data:`smoteguard.evaluation._validation.TARGET_TYPES`
TARGET_TYPES = ("auto", "multiclass")

#: :data:`smoteguard.evaluation._validation.MAX_FOLDS` and ``MAX_REPEATS``
MAX_FOLDS = 100
MAX_REPEATS = 100

#: :data:`smoteguard.commands._table_file.SEPARATORS`: separator -> its name
SEPARATORS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
