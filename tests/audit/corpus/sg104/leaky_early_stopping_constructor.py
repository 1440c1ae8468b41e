"""Boosted trees whose early stopping watches the test part: the number of
trees is chosen on the rows the score is then measured on."""

import lightgbm as lgb
import numpy as np
from catboost import CatBoostClassifier
from sklearn.metrics import average_precision_score
from sklearn.model_selection import train_test_split
from xgboost import XGBClassifier

X, y = np.load("features.npy"), np.load("labels.npy")
X_fit, X_hold, y_fit, y_hold = train_test_split(X, y, stratify=y, random_state=3)

booster = XGBClassifier(n_estimators=2000, early_stopping_rounds=40)
booster.fit(X_fit, y_fit, eval_set=[(X_hold, y_hold)], verbose=False)  # expect: SG104
print(average_precision_score(y_hold, booster.predict_proba(X_hold)[:, 1]))

light = lgb.LGBMClassifier(n_estimators=2000)
light.fit(X_fit, y_fit, eval_set=[(X_hold, y_hold)], callbacks=[lgb.early_stopping(40)])  # expect: SG104
print(average_precision_score(y_hold, light.predict_proba(X_hold)[:, 1]))

cat = CatBoostClassifier(iterations=2000, od_type="Iter", od_wait=40, verbose=0)
cat.fit(X_fit, y_fit, eval_set=(X_hold, y_hold))  # expect: SG104
print(average_precision_score(y_hold, cat.predict_proba(X_hold)[:, 1]))
