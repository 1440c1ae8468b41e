"""KFold is right for regression: no finding."""
import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.model_selection import KFold, cross_val_score

df = pd.read_csv("houses.csv")
X, y = df.drop(columns="price"), df["price"]
cv = KFold(n_splits=5, shuffle=True, random_state=0)
print(cross_val_score(GradientBoostingRegressor(), X, y, cv=cv, scoring="neg_mean_absolute_error").mean())
