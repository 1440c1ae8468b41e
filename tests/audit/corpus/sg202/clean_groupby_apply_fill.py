"""Each store's means learned on the training part, used to fill both parts."""

import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

sales = pd.read_csv("sales.csv")
train, test = train_test_split(sales, stratify=sales["churned"], random_state=0)
cols = ["visits", "basket"]
means = train.groupby("store")[cols].mean()
train = train.fillna(train[["store"]].join(means, on="store")[cols])
test = test.fillna(test[["store"]].join(means, on="store")[cols])
lr = LogisticRegression().fit(train[cols], train["churned"])
print(roc_auc_score(test["churned"], lr.predict_proba(test[cols])[:, 1]))
