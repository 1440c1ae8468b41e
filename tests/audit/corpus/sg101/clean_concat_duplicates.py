"""Two disjoint parts of the table put back together: nothing is copied."""
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import StratifiedKFold, cross_val_score

claims = pd.read_csv("claims.csv")
legit = claims[claims["fraud"] == 0]
fraud = claims[claims["fraud"] == 1]
claims = pd.concat([legit, fraud], ignore_index=True)
extra = pd.concat([claims, pd.read_csv("claims_2024.csv")])
X, y = extra.drop(columns="fraud"), extra["fraud"]
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
print(cross_val_score(RandomForestClassifier(), X, y, cv=cv, scoring="average_precision"))
