"""smoteguard's pipeline inside learning_curve."""
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import StratifiedKFold, learning_curve

from smoteguard import SMOTE, make_pipeline
from smoteguard.datasets import load_pima

X, y = load_pima()
pipe = make_pipeline(SMOTE(k_neighbors=3, random_state=0), RandomForestClassifier(random_state=0))
sizes, train_scores, val_scores = learning_curve(
    pipe,
    X,
    y,
    cv=StratifiedKFold(5),
    scoring="average_precision",
)
print(pd.DataFrame(val_scores, index=sizes).mean(axis=1))
