"""What the analysis knows about the libraries it reads: names, not imports.

Nothing here imports scikit-learn, imbalanced-learn or pandas: the audit reads code
as text. A name is recognised through the import that bound it (``from
imblearn.over_sampling import SMOTE as S`` makes ``S`` the imbalanced-learn SMOTE)
or, when the import is invisible (``from x import *``, a notebook whose import cell
failed), by the bare name when that name is distinctive enough.
"""

from __future__ import annotations

from .codes import SG201, SG202, SG203, SG204, SG205

# -- samplers ------------------------------------------------------------------

IMBLEARN_OVER = frozenset(
    {
        "RandomOverSampler",
        "SMOTE",
        "SMOTENC",
        "SMOTEN",
        "ADASYN",
        "BorderlineSMOTE",
        "KMeansSMOTE",
        "SVMSMOTE",
    }
)
IMBLEARN_UNDER = frozenset(
    {
        "RandomUnderSampler",
        "ClusterCentroids",
        "NearMiss",
        "TomekLinks",
        "EditedNearestNeighbours",
        "RepeatedEditedNearestNeighbours",
        "AllKNN",
        "CondensedNearestNeighbour",
        "OneSidedSelection",
        "NeighbourhoodCleaningRule",
        "InstanceHardnessThreshold",
    }
)
IMBLEARN_COMBINED = frozenset({"SMOTEENN", "SMOTETomek"})
#: smoteguard's samplers beyond imbalanced-learn's names (tests keep this in sync)
SMOTEGUARD_ONLY = frozenset(
    {"LatentSMOTE", "SMOTEIPF", "IPFFilter", "NoiseFilter", "HybridSampler"}
)
SAMPLER_NAMES = (
    IMBLEARN_OVER
    | IMBLEARN_UNDER
    | IMBLEARN_COMBINED
    | SMOTEGUARD_ONLY
    | {"FunctionSampler"}
)
#: packages whose classes are samplers when their name is a sampler name
SAMPLER_PACKAGES = frozenset({"imblearn", "smoteguard"})
#: every class of smote-variants is an over-sampler driven by ``.sample(X, y)``
SMOTE_VARIANTS = "smote_variants"
#: methods that resample whatever object they are called on
RESAMPLE_METHODS = frozenset({"fit_resample", "fit_sample"})

# -- transformers, by the rule that fires when they are fitted before the split -

SCALERS = frozenset(
    {
        "StandardScaler",
        "MinMaxScaler",
        "MaxAbsScaler",
        "RobustScaler",
        "QuantileTransformer",
        "PowerTransformer",
        "KBinsDiscretizer",
    }
)
#: function forms of the scalers: they fit and transform in one call
SCALE_FUNCTIONS = frozenset(
    {
        "scale",
        "minmax_scale",
        "maxabs_scale",
        "robust_scale",
        "quantile_transform",
        "power_transform",
    }
)
#: ``Imputer`` is scikit-learn's name before 0.22 (sklearn.preprocessing)
IMPUTERS = frozenset({"SimpleImputer", "KNNImputer", "IterativeImputer", "Imputer"})
SELECTORS = frozenset(
    {
        "SelectKBest",
        "SelectPercentile",
        "SelectFpr",
        "SelectFdr",
        "SelectFwe",
        "GenericUnivariateSelect",
        "RFE",
        "RFECV",
        "SelectFromModel",
        "SequentialFeatureSelector",
    }
)
#: supervised score functions: their scores, used to pick columns, are selection
SCORE_FUNCTIONS = frozenset(
    {
        "mutual_info_classif",
        "mutual_info_regression",
        "chi2",
        "f_classif",
        "f_regression",
        "r_regression",
    }
)
#: scikit-learn's TargetEncoder and the supervised encoders of category_encoders
TARGET_ENCODERS = frozenset(
    {
        "TargetEncoder",
        "LeaveOneOutEncoder",
        "CatBoostEncoder",
        "MEstimateEncoder",
        "JamesSteinEncoder",
        "WOEEncoder",
        "GLMMEncoder",
        "QuantileEncoder",
        "SummaryEncoder",
    }
)
DECOMPOSERS = frozenset(
    {
        "PCA",
        "TruncatedSVD",
        "KernelPCA",
        "IncrementalPCA",
        "SparsePCA",
        "FastICA",
        "NMF",
        "FactorAnalysis",
        "LatentDirichletAllocation",
        "TfidfVectorizer",
        "CountVectorizer",
        "TfidfTransformer",
    }
)
#: transformer category -> rule fired when it is fitted on data that is then split
TRANSFORMER_RULES = {
    "scaler": SG201,
    "imputer": SG202,
    "selector": SG203,
    "target_encoder": SG204,
    "decomposer": SG205,
}

# -- models ----------------------------------------------------------------------

CLASSIFIERS = frozenset(
    {
        "LogisticRegression",
        "LogisticRegressionCV",
        "SVC",
        "LinearSVC",
        "NuSVC",
        "GaussianNB",
        "MultinomialNB",
        "BernoulliNB",
        "ComplementNB",
        "CategoricalNB",
        "LinearDiscriminantAnalysis",
        "QuadraticDiscriminantAnalysis",
        "Perceptron",
        "NearestCentroid",
        "LabelPropagation",
        "LabelSpreading",
        "CalibratedClassifierCV",
    }
)
SEARCHES = frozenset(
    {
        "GridSearchCV",
        "RandomizedSearchCV",
        "HalvingGridSearchCV",
        "HalvingRandomSearchCV",
        "BayesSearchCV",
        "TunedThresholdClassifierCV",
        "OptunaSearchCV",  # optuna's scikit-learn interface
        "TuneSearchCV",  # tune-sklearn (Ray)
        "TuneGridSearchCV",
    }
)
PIPELINES = frozenset({"Pipeline", "make_pipeline"})
#: steps side by side: fitted before a split, they leak what their steps leak
COMPOSITES = frozenset(
    {
        "ColumnTransformer",
        "make_column_transformer",
        "FeatureUnion",
        "make_union",
        "DataFrameMapper",  # sklearn-pandas
    }
)
#: transformers that learn nothing a split could leak (or nothing per row that
#: the rules cover): composites made of them are still preprocessing
PLAIN_TRANSFORMERS = frozenset(
    {
        "OneHotEncoder",
        "OrdinalEncoder",
        "LabelEncoder",
        "LabelBinarizer",
        "MultiLabelBinarizer",
        "FunctionTransformer",
        "PolynomialFeatures",
        "SplineTransformer",
        "Normalizer",
        "Binarizer",
        "MissingIndicator",
        "DictVectorizer",
        "HashingVectorizer",
        "FeatureHasher",
    }
)

# -- splitting and cross-validation --------------------------------------------

#: splitters that ignore the class labels: SG302 when used for classification
UNSTRATIFIED_SPLITTERS = frozenset({"KFold", "RepeatedKFold", "ShuffleSplit"})
OTHER_SPLITTERS = frozenset(
    {
        "StratifiedKFold",
        "RepeatedStratifiedKFold",
        "StratifiedShuffleSplit",
        "GroupKFold",
        "StratifiedGroupKFold",
        "GroupShuffleSplit",
        "LeaveOneOut",
        "LeavePOut",
        "LeaveOneGroupOut",
        "LeavePGroupsOut",
        "TimeSeriesSplit",
        "PredefinedSplit",
    }
)
#: functions that cross-validate ``estimator`` on (X, y): estimator, X, y first
CV_FUNCTIONS = frozenset(
    {
        "cross_val_score",
        "cross_validate",
        "cross_val_predict",
        "learning_curve",
        "validation_curve",
        "permutation_test_score",
    }
)

# -- evaluation -----------------------------------------------------------------

ACCURACY_METRICS = frozenset({"accuracy_score"})
#: any other function of these modules is a classification metric unless listed
#: as a regression metric below
METRIC_MODULES = ("sklearn.metrics", "imblearn.metrics")
REGRESSION_METRICS = frozenset(
    {
        "mean_squared_error",
        "root_mean_squared_error",
        "mean_absolute_error",
        "median_absolute_error",
        "r2_score",
        "explained_variance_score",
        "max_error",
        "mean_squared_log_error",
        "root_mean_squared_log_error",
        "mean_absolute_percentage_error",
        "mean_pinball_loss",
        "mean_poisson_deviance",
        "mean_gamma_deviance",
        "mean_tweedie_deviance",
        "d2_absolute_error_score",
        "d2_pinball_score",
        "d2_tweedie_score",
        "make_scorer",
        "get_scorer",
        "get_scorer_names",
        "check_scoring",
    }
)
#: how the names of scoring functions end (sklearn.metrics also holds distances
#: and kernels, which are not metrics)
METRIC_SUFFIXES = (
    "_score",
    "_loss",
    "_curve",
    "_report",
    "_report_imbalanced",
    "_corrcoef",
    "_support",
    "confusion_matrix",
)
#: classification metrics recognised by bare name (no visible import)
CLASSIFICATION_METRICS = frozenset(
    {
        "f1_score",
        "fbeta_score",
        "precision_score",
        "recall_score",
        "roc_auc_score",
        "average_precision_score",
        "balanced_accuracy_score",
        "matthews_corrcoef",
        "cohen_kappa_score",
        "log_loss",
        "brier_score_loss",
        "confusion_matrix",
        "classification_report",
        "precision_recall_curve",
        "roc_curve",
        "precision_recall_fscore_support",
        "jaccard_score",
        "hamming_loss",
        "det_curve",
        "geometric_mean_score",
        "sensitivity_score",
        "specificity_score",
        "classification_report_imbalanced",
    }
)
#: scikit-learn displays: ``X.from_estimator`` / ``X.from_predictions``
METRIC_DISPLAYS = frozenset(
    {
        "RocCurveDisplay",
        "PrecisionRecallDisplay",
        "ConfusionMatrixDisplay",
        "DetCurveDisplay",
        "CalibrationDisplay",
    }
)
#: ``scoring=`` strings that are plain accuracy
ACCURACY_SCORING = frozenset({"accuracy"})

# -- data sources and statistics ---------------------------------------------------

#: loaders whose target is a class label
CLASSIFICATION_DATASETS = frozenset(
    {
        "load_breast_cancer",
        "load_iris",
        "load_wine",
        "load_digits",
        "make_classification",
        "make_blobs",
        "make_moons",
        "make_circles",
        "make_gaussian_quantiles",
        "make_hastie_10_2",
        "fetch_covtype",
        "fetch_kddcup99",
        "fetch_20newsgroups",
        "fetch_20newsgroups_vectorized",
        "fetch_datasets",
        "load_pima",
        "make_imbalanced",
    }
)
#: pandas / numpy readers: a fresh dataset
READERS_PREFIX = ("read_", "load", "fetch_", "make_", "genfromtxt", "loadtxt")
#: reductions whose result is a statistic of the rows they read
REDUCTIONS = frozenset(
    {
        "mean",
        "median",
        "std",
        "var",
        "min",
        "max",
        "mode",
        "quantile",
        "sum",
        "describe",
        "nanmean",
        "nanmedian",
        "nanstd",
        "nanvar",
        "nanmin",
        "nanmax",
        "percentile",
        "nanpercentile",
        "nanquantile",
        "average",
        "amin",
        "amax",
        "ptp",
        "value_counts",
        "nunique",
        "count",
    }
)
#: attributes of a table that describe its shape, not its rows
META_ATTRIBUTES = frozenset(
    {"shape", "columns", "dtypes", "dtype", "ndim", "size", "name", "empty", "nbytes"}
)
#: methods that change a container in place (lists, dicts, sets)
MUTATORS = frozenset({"append", "extend", "insert", "update", "add", "setdefault"})
#: methods of an estimator that return predictions for the rows they are given
PREDICT_METHODS = frozenset(
    {"predict", "predict_proba", "predict_log_proba", "decision_function"}
)
#: what a method of an estimator does with the rows it is given (the semantics
#: in ``semantics/estimators.py`` implement each action)
ESTIMATOR_METHODS = {
    "fit_resample": "resample",
    "fit_sample": "resample",
    "fit": "fit",
    "fit_transform": "fit_transform",
    "transform": "transform",
    "inverse_transform": "transform",
    **{name: "predict" for name in PREDICT_METHODS},
    "fit_predict": "fit_predict",
    "score": "score",
    "evaluate": "score",  # Keras
    "split": "split",
    "set_params": "itself",
    "set_output": "itself",
    "get_support": "learned",
    "get_feature_names_out": "learned",
    "get_n_splits": "meta",
}
#: methods of a table that combine its rows with their arguments, by the rule a
#: statistic of unsplit rows among those arguments leaks under
STATISTIC_METHODS = {
    **dict.fromkeys(("fillna", "where", "mask", "replace"), SG202),
    **dict.fromkeys(
        ("clip", "sub", "subtract", "div", "divide", "truediv", "rsub", "rdiv"), SG201
    ),
}
#: methods of a table whose result takes its column from all its inputs (any
#: other method keeps the column its table was selected as)
GENERIC_COLUMN_METHODS = frozenset(
    {"copy", "to_numpy", "values", "head", "tail", "astype"}
)
#: methods of a table that call a function on its rows, columns or values
APPLY_METHODS = frozenset(
    {"apply", "applymap", "map", "transform", "agg", "aggregate", "pipe"}
)
#: functions and generator methods that return shuffled row positions
INDEX_MAKERS = frozenset({"permutation", "choice", "shuffle"})
#: functions and generator methods that return uniform random numbers (compared
#: with a threshold, a random mask)
RANDOM_MAKERS = frozenset({"rand", "random", "random_sample", "ranf", "uniform"})
#: functions that cut rows into consecutive parts
SPLIT_FUNCTIONS = frozenset({"split", "array_split", "random_split"})
#: flags of values that stop meaning anything once the value is computed on
TRANSIENT_FLAGS = frozenset({"random", "mask", "mask_not", "missing"})
#: functions and methods whose result marks the missing (or present) values: a
#: statistic put where they say is a fill value (SG202)
MISSING_TESTS = frozenset({"isna", "isnull", "notna", "notnull", "isnan"})
#: functions that stack tables or arrays (by rows, unless told otherwise)
ROW_STACKS = frozenset({"concat", "vstack", "concatenate", "row_stack"})
#: functions and methods that repeat rows
ROW_REPEATS = frozenset({"repeat", "tile"})
#: functions that pick a best value among several (numpy's or builtins)
#: calls that only show a value (a choice printed is not a choice acted on)
SHOW_CALLS = frozenset(
    {"print", "display", "info", "debug", "warning", "log", "write", "pprint"}
)
SELECTIONS = frozenset(
    {
        "max",
        "min",
        "sorted",
        "argmax",
        "argmin",
        "nanargmax",
        "nanargmin",
        "argsort",
        "sort",
        "nlargest",
        "nsmallest",
    }
)
#: modules whose functions of those names rank values (builtins, numpy, heapq)
SELECTION_MODULES = frozenset({"", "builtins", "numpy", "heapq"})
#: methods of tables and arrays that pick or rank values
SELECTION_METHODS = frozenset(
    {
        "idxmax",
        "idxmin",
        "nlargest",
        "nsmallest",
        "sort_values",
        "sort",
        "argsort",
        "argmax",
        "argmin",
        "max",
        "min",
    }
)
#: fit() arguments holding rows that steer training (early stopping, the best
#: epoch or iteration): Keras, XGBoost, LightGBM, CatBoost
MONITOR_ARGUMENTS = ("validation_data", "eval_set")
#: fit() arguments that make the monitored rows choose something
STOPPING_ARGUMENTS = ("callbacks", "early_stopping_rounds", "use_best_model")
#: attributes of an Optuna study (or an optimiser's result) holding the best
#: value its objective returned
BEST_OF_STUDY = frozenset({"best_value", "best_trial", "best_trials"})
#: constructor arguments that do the same once fit() is given an eval set
#: (xgboost >= 2, LightGBM's parameter aliases, CatBoost's overfitting detector)
STOPPING_CONSTRUCTOR_ARGUMENTS = frozenset(
    {
        "callbacks",
        "early_stopping_rounds",
        "early_stopping_round",
        "early_stopping",
        "n_iter_no_change",
        "od_wait",
        "od_type",
        "use_best_model",
    }
)
#: module aliases seen without their import (a notebook whose import cell failed)
MODULE_ALIASES = {
    "np": "numpy",
    "pd": "pandas",
    "sk": "sklearn",
    **{
        name: f"sklearn.{name}"
        for name in (
            "preprocessing",
            "impute",
            "feature_selection",
            "decomposition",
            "model_selection",
            "metrics",
            "pipeline",
            "compose",
            "cross_validation",
            "grid_search",
        )
    },
}
DATA_LIBRARIES = frozenset({"numpy", "pandas", "scipy", "polars", "builtins", "torch"})


def module_root(module: str) -> str:
    """The top-level package of a module.

    Parameters
    ----------
    module : str
        Such as ``'imblearn.over_sampling'``.

    Returns
    -------
    str
        Such as ``'imblearn'``.
    """
    return module.split(".", 1)[0]


def classify_class(module: str, name: str) -> str | None:
    """The category of a class (or pipeline factory) named ``module.name``.

    Parameters
    ----------
    module : str
        The module it was imported from; ``''`` when the import is not visible
        (then distinctive names are still recognised).
    name : str
        The class name.

    Returns
    -------
    str or None
        One of ``sampler``, ``scaler``, ``imputer``, ``selector``,
        ``target_encoder``, ``decomposer``, ``classifier``, ``regressor``,
        ``search``, ``cv_model``, ``pipeline_sklearn``, ``pipeline_safe``,
        ``composite`` (ColumnTransformer, FeatureUnion...), ``transformer`` (one
        that learns nothing the rules cover),
        ``splitter``, ``kfold`` or ``model`` (any other class), or None for
        things that are not estimators.
    """
    root = module_root(module)
    if root == SMOTE_VARIANTS:
        return "sampler"
    if root in DATA_LIBRARIES or (
        not name[:1].isupper() and name not in PIPELINES | COMPOSITES
    ):
        return None
    if name in SAMPLER_NAMES and (root in SAMPLER_PACKAGES or not module):
        return "sampler"
    if name in PIPELINES:
        if root == "sklearn":
            return "pipeline_sklearn"
        return "pipeline_safe"  # imblearn, smoteguard, or not visible: trust it
    if name in COMPOSITES:
        return "composite"
    if name in PLAIN_TRANSFORMERS:
        return "transformer"
    if name in SCALERS:
        return "scaler"
    if name in IMPUTERS:
        return "imputer"
    if name in SELECTORS:
        return "selector"
    if name in TARGET_ENCODERS:
        return "target_encoder"
    if name in DECOMPOSERS:
        return "decomposer"
    if name in SEARCHES:
        return "search"
    if name in UNSTRATIFIED_SPLITTERS:
        return "kfold"
    if name in OTHER_SPLITTERS:
        return "splitter"
    if name in CLASSIFIERS or name.endswith(("Classifier", "ClassifierCV")):
        return "classifier"
    if name.endswith(("Regressor", "Regression")) or name in {
        "Ridge",
        "Lasso",
        "ElasticNet",
        "SVR",
        "LinearSVR",
        "NuSVR",
        "RidgeCV",
        "LassoCV",
        "ElasticNetCV",
        "BayesianRidge",
        "ARDRegression",
    }:
        return "regressor"
    if name[:1].isupper() and name.endswith("CV"):
        return "cv_model"
    return "model"


def is_internal_cv(name: str) -> bool:
    """Whether an estimator cross-validates in ``fit`` (``LogisticRegressionCV``...).

    Parameters
    ----------
    name : str
        The class name.

    Returns
    -------
    bool
        True for names ending in ``CV`` that are not searches.
    """
    return name.endswith("CV") and name not in SEARCHES


def metric_kind(module: str, name: str) -> str | None:
    """Whether ``module.name`` is a classification metric, and which.

    Parameters
    ----------
    module : str
        ``''`` when the import is not visible.
    name : str

    Returns
    -------
    {"accuracy", "other"} or None
        None for regression metrics, scorers and anything else.
    """
    if name in ACCURACY_METRICS:
        return "accuracy"
    if name in REGRESSION_METRICS:
        return None
    if module.startswith(METRIC_MODULES) and name.endswith(METRIC_SUFFIXES):
        return "other"
    if not module and name in CLASSIFICATION_METRICS:
        return "other"
    return None
