"""The per-column transform is learned on the training part, in a loop."""
import pandas as pd
from sklearn.ensemble import AdaBoostClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import QuantileTransformer

df = pd.read_csv("applications.csv")
numeric = ["income", "loan_amount", "age"]
train, test = train_test_split(df, test_size=0.2, stratify=df["approved"], random_state=0)
for col in numeric:
    qt = QuantileTransformer(n_quantiles=100).fit(train[[col]])
    train[col] = qt.transform(train[[col]])
    test[col] = qt.transform(test[[col]])
model = AdaBoostClassifier().fit(train[numeric], train["approved"])
print(roc_auc_score(test["approved"], model.predict_proba(test[numeric])[:, 1]))
