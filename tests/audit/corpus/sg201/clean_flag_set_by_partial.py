"""The helpers are reached through ``functools.partial`` and ``getattr``, but
the scaling is fitted on the training part only, after the split."""
import sys
from functools import partial

import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import balanced_accuracy_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import MinMaxScaler


def to_matrix(frame, label="fraud"):
    return frame.drop(columns=label).to_numpy(), frame[label].to_numpy()


def fit_scaler(train, clip=False):
    return MinMaxScaler(clip=clip).fit(train)


claims = pd.read_csv("claims.csv").dropna()
build = partial(to_matrix, label="fraud")
X, y = build(claims)
X_a, X_b, y_a, y_b = train_test_split(X, y, stratify=y, test_size=0.3)
scaler = getattr(sys.modules[__name__], "fit_scaler")(X_a, clip=True)
forest = RandomForestClassifier(random_state=1).fit(scaler.transform(X_a), y_a)
print(balanced_accuracy_score(y_b, forest.predict(scaler.transform(X_b))))
