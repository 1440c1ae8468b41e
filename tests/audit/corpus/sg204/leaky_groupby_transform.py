"""The default rate per postcode attached with groupby().transform on all rows."""
import pandas as pd
from lightgbm import LGBMClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

TARGET = "defaulted"
loans = pd.read_csv("loans.csv")
loans["zip_rate"] = loans.groupby("zip")[TARGET].transform("mean")  # expect: SG204
train, test = train_test_split(loans, stratify=loans[TARGET], random_state=8)
features = ["zip_rate", "amount", "term"]
model = LGBMClassifier().fit(train[features], train[TARGET])
print(roc_auc_score(test[TARGET], model.predict_proba(test[features])[:, 1]))
