"""A split by a random boolean mask, then random over-sampling of the training rows."""
import numpy as np
import pandas as pd
from imblearn.over_sampling import RandomOverSampler
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score

events = pd.read_csv("events.csv")
X_all, y_all = events.drop(columns="alarm"), events["alarm"]
msk = np.random.rand(len(X_all)) < 0.8
X_fit, y_fit = RandomOverSampler(random_state=3).fit_resample(X_all[msk], y_all[msk])
clf = LogisticRegression().fit(X_fit, y_fit)
print(average_precision_score(y_all[~msk], clf.predict_proba(X_all[~msk])[:, 1]))
