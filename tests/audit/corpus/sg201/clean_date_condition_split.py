"""The rows split by date first, the scaler fitted on the earlier rows only."""

import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score
from sklearn.preprocessing import StandardScaler

payments = pd.read_csv("payments.csv", parse_dates=["day"])
cols = ["amount", "hour"]
cutoff = pd.Timestamp("2022-06-30")
early = payments[payments["day"] <= cutoff].copy()
late = payments[cutoff < payments["day"]].copy()
scaler = StandardScaler().fit(early[cols])
early[cols] = scaler.transform(early[cols])
late[cols] = scaler.transform(late[cols])
model = LogisticRegression().fit(early[cols], early["chargeback"])
scores = model.predict_proba(late[cols])[:, 1]
print(average_precision_score(late["chargeback"], scores))
