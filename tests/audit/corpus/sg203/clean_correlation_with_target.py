"""Correlations measured on the training part."""
import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

df = pd.read_csv("signals.csv")
X, y = df.drop(columns="event"), df["event"]
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=6)
corr = X_train.corrwith(y_train).abs()
chosen = corr[corr > 0.1].index
model = GradientBoostingClassifier().fit(X_train[chosen], y_train)
print(roc_auc_score(y_test, model.predict_proba(X_test[chosen])[:, 1]))
