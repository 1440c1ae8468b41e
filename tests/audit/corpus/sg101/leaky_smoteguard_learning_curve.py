"""smoteguard's own SMOTE, then learning_curve on the resampled rows."""
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import StratifiedKFold, learning_curve

from smoteguard import SMOTE
from smoteguard.datasets import load_pima

X, y = load_pima()
X_res, y_res = SMOTE(k_neighbors=3, random_state=0).fit_resample(X, y)  # expect: SG101
sizes, train_scores, val_scores = learning_curve(
    RandomForestClassifier(random_state=0),
    X_res,
    y_res,
    cv=StratifiedKFold(5),
    scoring="average_precision",
)
print(pd.DataFrame(val_scores, index=sizes).mean(axis=1))
