"""Gaps filled by hand with statistics of every row (mask assignment, np.where, map/apply with a test for missing values), then the split."""
import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

df = pd.read_csv("loans.csv")
df.loc[df["income"].isna(), "income"] = df["income"].mean()  # expect: SG202
mu_debt = df["debt"].mean()  # expect: SG202
df["debt"] = np.where(df["debt"].isna(), mu_debt, df["debt"])
mid_age = df["age"].median()  # expect: SG202
df["age"] = df["age"].map(lambda v: mid_age if pd.isna(v) else v)
mid_tenure = df["tenure"].median()  # expect: SG202
df["tenure"] = df["tenure"].apply(lambda v: mid_tenure if np.isnan(v) else v)
features = ["income", "debt", "age", "tenure"]
X_tr, X_te, y_tr, y_te = train_test_split(df[features], df["default"], stratify=df["default"])
model = LogisticRegression().fit(X_tr, y_tr)
print(roc_auc_score(y_te, model.predict_proba(X_te)[:, 1]))
