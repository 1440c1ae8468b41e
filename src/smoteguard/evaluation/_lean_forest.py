"""A random forest that builds the same trees as scikit-learn's with less overhead.

``compare`` fits a 100-tree random forest about 200 times on small training
folds (the Pima demo: ~600 rows). There, scikit-learn spends about half of
:class:`~sklearn.ensemble.RandomForestClassifier`'s time per tree outside the
Cython tree builder: cloning the template tree and setting its seed through
``get_params``/``set_params``, re-checking the (already encoded) target with
``type_of_target`` and ``np.unique``, re-validating the bootstrap weights, and
one joblib dispatch per tree to predict. :class:`LeanRandomForestClassifier`
keeps the forest's own ``fit`` (validation, class weights, the bootstrap draws)
and replaces only those per-tree steps, in the same order and with the same random
draws, so the trees and every probability are bit for bit those of
``RandomForestClassifier`` with the same parameters
(``tests/evaluation/test_lean_forest.py`` compares them). Settings outside the
fast path (sparse input, multi-output targets, ``max_leaf_nodes``, pruning,
monotonic constraints, float ``min_samples_*``, a non-default ``splitter``) use
scikit-learn's code unchanged.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np
from scipy.sparse import issparse
from sklearn.ensemble import RandomForestClassifier
from sklearn.tree import DecisionTreeClassifier
from sklearn.tree import _classes as _tree_classes
from sklearn.tree._tree import DepthFirstTreeBuilder, Tree

__all__ = ["LeanRandomForestClassifier"]

# the bound scikit-learn's _set_random_states draws each tree's seed below
_MAX_INT = np.iinfo(np.int32).max


def _max_features(setting: Any, n_features: int) -> int | None:
    """The number of features tried per split, as the tree computes it."""
    if setting == "sqrt":
        return max(1, int(np.sqrt(n_features)))
    if setting == "log2":
        return max(1, int(np.log2(n_features)))
    if setting is None:
        return n_features
    return None  # an int or float: left to scikit-learn


class _LeanTree(DecisionTreeClassifier):
    """A forest's tree: fitted from the forest's encoded target without re-checks."""

    def _lean(self, X: Any, y: Any, sample_weight: Any, check_input: bool) -> bool:
        return (
            not check_input
            and not issparse(X)
            and getattr(y, "ndim", 0) == 2
            and y.shape[1] == 1
            and sample_weight is not None
            and self.splitter == "best"
            and self.max_leaf_nodes is None
            and self.monotonic_cst is None
            and self.class_weight is None
            and self.ccp_alpha == 0.0
            and isinstance(self.criterion, str)
            and isinstance(self.min_samples_leaf, numbers.Integral)
            and isinstance(self.min_samples_split, numbers.Integral)
            and _max_features(self.max_features, X.shape[1]) is not None
        )

    def _fit(
        self,
        X: Any,
        y: Any,
        sample_weight: Any = None,
        check_input: bool = True,
        missing_values_in_feature_mask: Any = None,
    ) -> _LeanTree:
        if not self._lean(X, y, sample_weight, check_input):
            return super()._fit(
                X, y, sample_weight, check_input, missing_values_in_feature_mask
            )
        classes = np.unique(y[:, 0])
        if not np.array_equal(classes, np.arange(len(classes))):  # not encoded
            return super()._fit(
                X, y, sample_weight, check_input, missing_values_in_feature_mask
            )
        self.n_features_in_, self.n_outputs_ = X.shape[1], 1
        n_classes = np.array([len(classes)], dtype=np.intp)
        self.max_features_ = _max_features(self.max_features, X.shape[1])
        weights = np.asarray(sample_weight, dtype=np.float64)
        min_weight_leaf = self.min_weight_fraction_leaf * np.sum(weights)
        leaf = self.min_samples_leaf
        splitter = _tree_classes.DENSE_SPLITTERS["best"](
            _tree_classes.CRITERIA_CLF[self.criterion](1, n_classes),
            self.max_features_,
            leaf,
            min_weight_leaf,
            np.random.RandomState(self.random_state),
            None,
        )
        self.tree_ = Tree(self.n_features_in_, n_classes, 1)
        builder = DepthFirstTreeBuilder(
            splitter,
            max(self.min_samples_split, 2 * leaf),
            leaf,
            min_weight_leaf,
            _MAX_INT if self.max_depth is None else self.max_depth,
            self.min_impurity_decrease,
        )
        target = np.ascontiguousarray(y, dtype=np.float64)
        builder.build(self.tree_, X, target, weights, missing_values_in_feature_mask)
        self.n_classes_, self.classes_ = n_classes[0], classes
        return self


class LeanRandomForestClassifier(RandomForestClassifier):
    """:class:`~sklearn.ensemble.RandomForestClassifier` with less per-tree overhead.

    Same parameters, same fitted trees, same ``predict_proba`` to the last bit
    (module docstring); about twice as fast on tables of a few hundred rows,
    where scikit-learn's per-tree Python overhead is as large as the tree
    building itself, and a few per cent on large tables.
    """

    def _make_estimator(self, append: bool = True, random_state: Any = None) -> Any:
        if append or random_state is None:
            return super()._make_estimator(append, random_state)
        tree = _LeanTree(**{p: getattr(self, p) for p in self.estimator_params})
        # the one draw _set_random_states makes for a tree (its only seed)
        tree.random_state = random_state.randint(_MAX_INT)
        return tree

    def predict_proba(self, X: Any) -> Any:
        """Class probabilities: the mean over the trees, summed in tree order.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples, n_classes)
        """
        X = self._validate_X_predict(X)
        if self.n_outputs_ != 1 or issparse(X):
            return super().predict_proba(X)
        proba = np.zeros((X.shape[0], self.n_classes_), dtype=np.float64)
        for tree in self.estimators_:
            proba += tree.tree_.predict(X)[:, : self.n_classes_]
        proba /= len(self.estimators_)
        return proba
