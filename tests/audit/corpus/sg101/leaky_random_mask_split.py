"""Random over-sampling, then a split by a random boolean mask."""
import numpy as np
import pandas as pd
from imblearn.over_sampling import RandomOverSampler
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score

events = pd.read_csv("events.csv")
X_all, y_all = RandomOverSampler(random_state=3).fit_resample(events.drop(columns="alarm"), events["alarm"])  # expect: SG101
msk = np.random.rand(len(X_all)) < 0.8
clf = LogisticRegression().fit(X_all[msk], y_all[msk])
print(average_precision_score(y_all[~msk], clf.predict_proba(X_all[~msk])[:, 1]))
