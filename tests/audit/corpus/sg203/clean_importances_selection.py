"""SelectFromModel inside the cross-validated pipeline."""
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.feature_selection import SelectFromModel
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline

df = pd.read_csv("marketing.csv")
X, y = df.drop(columns="converted"), df["converted"]
selector = SelectFromModel(RandomForestClassifier(n_estimators=500, random_state=0), max_features=15)
model = make_pipeline(selector, LogisticRegression())
print(cross_val_score(model, X, y, cv=StratifiedKFold(5), scoring="f1").mean())
