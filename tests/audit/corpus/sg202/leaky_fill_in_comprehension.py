"""Gaps filled column by column in a comprehension, with medians of every row."""
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score

labs = pd.read_csv("labs.csv")
columns = [c for c in labs.columns if c != "sepsis"]
filled = pd.concat([labs[c].fillna(labs[c].median()) for c in columns], axis=1)  # expect: SG202
folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
print(cross_val_score(LogisticRegression(), filled, labs["sepsis"], cv=folds, scoring="roc_auc"))
