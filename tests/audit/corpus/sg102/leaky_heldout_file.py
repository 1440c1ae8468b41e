"""Train and test come from separate files; the test file is resampled. Its
origin is not a split the audit can see, but its name says it is held out."""
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
X_test, y_test = ada.fit_resample(X_test, y_test)  # expect: SG102
gbm = GradientBoostingClassifier().fit(X_train, y_train)
print(roc_auc_score(y_test, gbm.predict_proba(X_test)[:, 1]))
