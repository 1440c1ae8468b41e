"""ADASYN inside an imbalanced-learn pipeline."""
import pandas as pd
from imblearn.over_sampling import ADASYN
from imblearn.pipeline import make_pipeline
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import cross_val_score

frame = pd.read_csv("defects.csv")
features = frame.drop("defective", axis=1)
target = frame["defective"]

pipe = make_pipeline(ADASYN(n_neighbors=5), RandomForestClassifier())
print(cross_val_score(pipe, features, target, cv=5, scoring="f1").mean())
