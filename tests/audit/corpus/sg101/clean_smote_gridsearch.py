"""Tune a pipeline that resamples inside each training fold."""
import pandas as pd
from imblearn.over_sampling import SMOTE
from imblearn.pipeline import make_pipeline
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import GridSearchCV, StratifiedKFold

df = pd.read_parquet("claims.parquet")
X, y = df.drop(columns=["fraud"]), df["fraud"]

pipe = make_pipeline(SMOTE(), RandomForestClassifier(random_state=0))

grid = {"randomforestclassifier__max_depth": [3, 5, None], "smote__k_neighbors": [3, 5]}
search = GridSearchCV(
    pipe,
    grid,
    cv=StratifiedKFold(5, shuffle=True, random_state=0),
    scoring="average_precision",
)
search.fit(X, y)
print(search.best_params_, search.best_score_)
