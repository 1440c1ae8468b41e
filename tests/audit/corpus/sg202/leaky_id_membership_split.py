"""Missing values filled from every patient, then patients split by id."""

import numpy as np
import pandas as pd
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

records = pd.read_csv("records.csv")
labs = ["glucose", "insulin"]
records[labs] = SimpleImputer(strategy="median").fit_transform(records[labs])  # expect: SG202
people = records["person"].unique()
held = np.random.default_rng(7).choice(people, size=len(people) // 4, replace=False)
inside = records[~records.person.isin(held)]
outside = records[records.person.isin(held)]
clf = LogisticRegression(max_iter=500).fit(inside[labs], inside["diabetic"])
print(roc_auc_score(outside["diabetic"], clf.predict_proba(outside[labs])[:, 1]))
