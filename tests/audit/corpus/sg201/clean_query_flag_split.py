"""The `query` and flag-column splits first; scalers fitted on the fitting part.

Rows picked by class for a look at them are not a split.
"""

import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import roc_auc_score
from sklearn.preprocessing import MinMaxScaler

visits = pd.read_parquet("visits.parquet")
num = ["pages", "seconds"]
fit_part = visits.query("season != 'winter'")
eval_part = visits.query("season == 'winter'")
scaler = MinMaxScaler().fit(fit_part[num])
forest = RandomForestClassifier(random_state=0)
forest.fit(scaler.transform(fit_part[num]), fit_part.bought)
scores = forest.predict_proba(scaler.transform(eval_part[num]))[:, 1]
print(roc_auc_score(eval_part.bought, scores))

vs = pd.read_parquet("visits2.parquet")
tr, te = vs[vs.is_train == 1], vs[vs.is_train == 0]
sc = MinMaxScaler().fit(tr[num])
forest2 = RandomForestClassifier(random_state=0).fit(sc.transform(tr[num]), tr.bought)
print(roc_auc_score(te.bought, forest2.predict_proba(sc.transform(te[num]))[:, 1]))

vs[num] = MinMaxScaler().fit_transform(vs[num])
buyers = vs[vs.bought == 1]
others = vs[vs.bought == 0]
print(buyers[num].describe(), others[num].describe())
probe = RandomForestClassifier(random_state=0).fit(vs[num], vs.bought)
print(probe.predict_proba(buyers[num])[:, 1].mean())
print(probe.predict_proba(others[num])[:, 1].mean())
