"""Each column is centred on its mean over all rows (apply runs per column), then the rows are split."""
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

df = pd.read_csv("readings.csv")
sensors = ["s1", "s2", "s3"]
df[sensors] = df[sensors].apply(lambda c: c - c.mean())  # expect: SG201
df["spread"] = df[sensors].transform(lambda c: c / c.std())["s1"]  # expect: SG201
df[sensors] = df[sensors].sub(df[sensors].mean(axis=0), axis=1)  # expect: SG201
X_tr, X_te, y_tr, y_te = train_test_split(df[sensors], df["fault"], stratify=df["fault"])
model = LogisticRegression().fit(X_tr, y_tr)
print(roc_auc_score(y_te, model.predict_proba(X_te)[:, 1]))
