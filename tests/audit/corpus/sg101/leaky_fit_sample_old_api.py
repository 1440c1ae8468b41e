"""The pre-0.4 imbalanced-learn API (fit_sample), before cross_val_score."""
import pandas as pd
from imblearn.over_sampling import ADASYN
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import cross_val_score

frame = pd.read_csv("defects.csv")
features = frame.drop("defective", axis=1)
target = frame["defective"]

ada = ADASYN(n_neighbors=5)
features_res, target_res = ada.fit_sample(features, target)  # expect: SG101
print(cross_val_score(RandomForestClassifier(), features_res, target_res, cv=5, scoring="f1").mean())
