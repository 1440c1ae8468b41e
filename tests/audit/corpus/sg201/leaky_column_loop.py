"""Scaling column by column in a loop, writing back into the frame, then a split."""
import pandas as pd
from sklearn.ensemble import AdaBoostClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import QuantileTransformer

df = pd.read_csv("applications.csv")
numeric = ["income", "loan_amount", "age"]
for col in numeric:
    df[col] = QuantileTransformer(n_quantiles=100).fit_transform(df[[col]])  # expect: SG201
train, test = train_test_split(df, test_size=0.2, stratify=df["approved"], random_state=0)
model = AdaBoostClassifier().fit(train[numeric], train["approved"])
print(roc_auc_score(test["approved"], model.predict_proba(test[numeric])[:, 1]))
