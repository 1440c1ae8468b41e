"""Scaling on all rows before a split written as `query` and a flag column."""

import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import roc_auc_score
from sklearn.preprocessing import MinMaxScaler

visits = pd.read_parquet("visits.parquet")
num = ["pages", "seconds"]
visits[num] = MinMaxScaler().fit_transform(visits[num])  # expect: SG201
fit_part = visits.query("season != 'winter'")
eval_part = visits.query("season == 'winter'")
forest = RandomForestClassifier(random_state=0).fit(fit_part[num], fit_part.bought)
print(roc_auc_score(eval_part.bought, forest.predict_proba(eval_part[num])[:, 1]))

vs = pd.read_parquet("visits2.parquet")
vs[num] = MinMaxScaler().fit_transform(vs[num])  # expect: SG201
tr, te = vs[vs.is_train == 1], vs[vs.is_train == 0]
forest2 = RandomForestClassifier(random_state=0).fit(tr[num], tr.bought)
print(roc_auc_score(te.bought, forest2.predict_proba(te[num])[:, 1]))
