"""Features kept by the importances of a forest trained on all rows."""
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score

df = pd.read_csv("marketing.csv")
X, y = df.drop(columns="converted"), df["converted"]
rf = RandomForestClassifier(n_estimators=500, random_state=0)
rf.fit(X, y)  # expect: SG203
importance = pd.Series(rf.feature_importances_, index=X.columns)
keep = importance.nlargest(15).index
X_sel = X[keep]
print(cross_val_score(LogisticRegression(), X_sel, y, cv=StratifiedKFold(5), scoring="f1").mean())
