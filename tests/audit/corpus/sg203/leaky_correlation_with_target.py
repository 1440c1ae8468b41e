"""Features kept by their correlation with the label over all rows."""
import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

df = pd.read_csv("signals.csv")
X, y = df.drop(columns="event"), df["event"]
corr = X.corrwith(y).abs()  # expect: SG203
chosen = corr[corr > 0.1].index
X = X[chosen]
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=6)
model = GradientBoostingClassifier().fit(X_train, y_train)
print(roc_auc_score(y_test, model.predict_proba(X_test)[:, 1]))
