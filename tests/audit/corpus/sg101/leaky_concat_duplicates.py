"""Minority rows copied back onto the table by hand, then cross-validated."""
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import StratifiedKFold, cross_val_score

claims = pd.read_csv("claims.csv")
claims = pd.concat([claims] + [claims[claims["fraud"] == 1]] * 8, ignore_index=True)  # expect: SG101
X, y = claims.drop(columns="fraud"), claims["fraud"]
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
print(cross_val_score(RandomForestClassifier(), X, y, cv=cv, scoring="average_precision"))
