"""A scaler fitted on every row, then the rows split by date (a time split)."""

import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score
from sklearn.preprocessing import StandardScaler

payments = pd.read_csv("payments.csv", parse_dates=["day"])
cols = ["amount", "hour"]
payments[cols] = StandardScaler().fit_transform(payments[cols])  # expect: SG201
cutoff = pd.Timestamp("2022-06-30")
early = payments[payments["day"] <= cutoff]
late = payments[cutoff < payments["day"]]
model = LogisticRegression().fit(early[cols], early["chargeback"])
scores = model.predict_proba(late[cols])[:, 1]
print(average_precision_score(late["chargeback"], scores))
