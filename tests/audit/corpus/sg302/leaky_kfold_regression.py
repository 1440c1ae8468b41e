"""The same KFold, but the model is a classifier of a thresholded price."""
import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.model_selection import KFold, cross_val_score

df = pd.read_csv("houses.csv")
X, y = df.drop(columns="price"), (df["price"] > 1_000_000).astype(int)
cv = KFold(n_splits=5, shuffle=True, random_state=0)  # expect: SG302
print(cross_val_score(GradientBoostingClassifier(), X, y, cv=cv, scoring="roc_auc").mean())
