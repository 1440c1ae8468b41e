"""A hand-written transformer class fitted on all rows before cross-validation."""
import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score


class Standardise(BaseEstimator, TransformerMixin):
    def fit(self, X, y=None):
        self.mu_ = X.mean(axis=0)  # expect: SG201
        self.sd_ = X.std(axis=0)  # expect: SG201
        return self

    def transform(self, X):
        return (X - self.mu_) / self.sd_


X = np.load("X.npy")
y = np.load("y.npy")
X_std = Standardise().fit_transform(X)
print(cross_val_score(LogisticRegression(), X_std, y, scoring="roc_auc"))
