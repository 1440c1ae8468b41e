"""The resampling hides in a helper that is called before the split."""
import pandas as pd
from imblearn.over_sampling import BorderlineSMOTE
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split


def balance(features, labels, seed=0):
    sampler = BorderlineSMOTE(random_state=seed)
    features, labels = sampler.fit_resample(features, labels)  # expect: SG101
    return features, labels


def load(path):
    frame = pd.read_csv(path)
    return frame.drop(columns="default"), frame["default"]


X, y = load("credit.csv")
X_bal, y_bal = balance(X, y)
X_train, X_test, y_train, y_test = train_test_split(X_bal, y_bal, stratify=y_bal, random_state=0)
model = GradientBoostingClassifier().fit(X_train, y_train)
print(roc_auc_score(y_test, model.predict_proba(X_test)[:, 1]))
