"""A date split whose two parts are joined again to fit the scored model."""

import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score

loans = pd.read_csv("loans.csv", parse_dates=["opened"])
before = loans[loans.opened < "2020-01-01"]
after = loans[loans.opened >= "2020-01-01"]
both = pd.concat([before, after])
lr = LogisticRegression().fit(both[["income"]], both["default"])  # expect: SG105
print(average_precision_score(after["default"], lr.predict_proba(after[["income"]])[:, 1]))
