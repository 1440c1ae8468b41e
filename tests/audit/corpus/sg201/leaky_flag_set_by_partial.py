"""The scaling flag is bound by ``functools.partial``; a second helper is
reached by name through ``getattr`` with its flag on, while the only direct
call leaves it off."""
import sys
from functools import partial

import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import balanced_accuracy_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import MinMaxScaler


def to_matrix(frame, rescale=False):
    X = frame.drop(columns="fraud").to_numpy()
    if rescale:
        X = MinMaxScaler().fit_transform(X)  # expect: SG201
    return X, frame["fraud"].to_numpy()


def impute(frame, fill=False):
    if fill:
        frame = frame.fillna(frame.mean())  # expect: SG202
    return frame


claims = pd.read_csv("claims.csv")
claims = getattr(sys.modules[__name__], "impute")(claims, fill=True)
claims = impute(claims)
build = partial(to_matrix, rescale=True)
X, y = build(claims)
X_a, X_b, y_a, y_b = train_test_split(X, y, stratify=y, test_size=0.3)
forest = RandomForestClassifier(random_state=1).fit(X_a, y_a)
print(balanced_accuracy_score(y_b, forest.predict(X_b)))
