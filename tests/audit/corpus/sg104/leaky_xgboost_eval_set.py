"""Boosting rounds chosen by early stopping on the test part."""
from sklearn.metrics import average_precision_score
from sklearn.model_selection import train_test_split
from xgboost import XGBClassifier

X, y = load_data()
X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y, test_size=0.25)
booster = XGBClassifier(n_estimators=2000, learning_rate=0.05)
booster.fit(X_tr, y_tr, eval_set=[(X_te, y_te)], early_stopping_rounds=50, verbose=False)  # expect: SG104
print(average_precision_score(y_te, booster.predict_proba(X_te)[:, 1]))
