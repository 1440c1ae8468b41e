"""Early stopping watches a validation part cut from the training rows; the
test part is scored once. An eval set that is only watched decides nothing."""

import lightgbm as lgb
import numpy as np
from catboost import CatBoostClassifier
from sklearn.metrics import average_precision_score
from sklearn.model_selection import train_test_split
from xgboost import XGBClassifier

X, y = np.load("features.npy"), np.load("labels.npy")
X_fit, X_hold, y_fit, y_hold = train_test_split(X, y, stratify=y, random_state=3)
X_tr, X_val, y_tr, y_val = train_test_split(
    X_fit, y_fit, stratify=y_fit, random_state=4
)

booster = XGBClassifier(n_estimators=2000, early_stopping_rounds=40)
booster.fit(X_tr, y_tr, eval_set=[(X_val, y_val)], verbose=False)
print(average_precision_score(y_hold, booster.predict_proba(X_hold)[:, 1]))

light = lgb.LGBMClassifier(n_estimators=2000)
light.fit(X_tr, y_tr, eval_set=[(X_val, y_val)], callbacks=[lgb.early_stopping(40)])
print(average_precision_score(y_hold, light.predict_proba(X_hold)[:, 1]))

cat = CatBoostClassifier(iterations=300, verbose=0, use_best_model=False)
cat.fit(X_fit, y_fit, eval_set=(X_hold, y_hold))
print(average_precision_score(y_hold, cat.predict_proba(X_hold)[:, 1]))
