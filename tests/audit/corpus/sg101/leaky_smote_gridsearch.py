"""Resample once, then tune with GridSearchCV on the resampled data."""
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import GridSearchCV, StratifiedKFold

df = pd.read_parquet("claims.parquet")
X, y = df.drop(columns=["fraud"]), df["fraud"]

X_res, y_res = SMOTE().fit_resample(X, y)  # expect: SG101

grid = {"max_depth": [3, 5, None], "n_estimators": [100, 300]}
search = GridSearchCV(
    RandomForestClassifier(random_state=0),
    grid,
    cv=StratifiedKFold(5, shuffle=True, random_state=0),
    scoring="average_precision",
)
search.fit(X_res, y_res)
print(search.best_params_, search.best_score_)
