"""The split first, the majority class sampled down in the training part
only; a per-class fraction (stratified subsample) keeps the class ratio."""

import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split

claims = pd.read_csv("claims.csv")
small = claims.groupby("fraud").sample(frac=0.2, random_state=2)
train, test = train_test_split(small, stratify=small["fraud"], random_state=2)
n_fraud = int((train["fraud"] == 1).sum())
honest = train[train["fraud"] != 1].sample(n=n_fraud, random_state=2)
balanced = pd.concat([train[train["fraud"] == 1], honest])
model = LogisticRegression().fit(balanced.drop(columns="fraud"), balanced["fraud"])
print(f1_score(test["fraud"], model.predict(test.drop(columns="fraud"))))
print(pd.concat([claims[claims.fraud == 1], claims[claims.fraud == 0]]).describe())
