"""No split at all: the model is scored on the resampled rows it was trained on.
(Documented choice: SG101 fires when resampled rows are scored.)"""
import pandas as pd
from imblearn.combine import SMOTETomek
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import balanced_accuracy_score

df = pd.read_csv("loans.csv")
X, y = df.drop(columns="bad"), df["bad"]
X_res, y_res = SMOTETomek(random_state=0).fit_resample(X, y)  # expect: SG101
clf = LogisticRegression(max_iter=500).fit(X_res, y_res)
print(balanced_accuracy_score(y_res, clf.predict(X_res)))
