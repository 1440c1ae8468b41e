"""Gaps filled with each store's mean by groupby().apply, before the split."""

import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

sales = pd.read_csv("sales.csv")
sales = sales.groupby("store", group_keys=False).apply(
    lambda shop: shop.fillna(shop.mean(numeric_only=True))  # expect: SG202
)
X, y = sales[["visits", "basket"]], sales["churned"]
X_a, X_b, y_a, y_b = train_test_split(X, y, stratify=y, random_state=0)
lr = LogisticRegression().fit(X_a, y_a)
print(roc_auc_score(y_b, lr.predict_proba(X_b)[:, 1]))
