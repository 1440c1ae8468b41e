"""Train and test from separate files; only the training file is resampled."""
import pandas as pd
from imblearn.over_sampling import ADASYN
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import roc_auc_score

train = pd.read_csv("train.csv")
test = pd.read_csv("test.csv")
X_train, y_train = train.drop(columns="target"), train["target"]
X_test, y_test = test.drop(columns="target"), test["target"]

ada = ADASYN(random_state=2)
X_train, y_train = ada.fit_resample(X_train, y_train)
gbm = GradientBoostingClassifier().fit(X_train, y_train)
print(roc_auc_score(y_test, gbm.predict_proba(X_test)[:, 1]))
