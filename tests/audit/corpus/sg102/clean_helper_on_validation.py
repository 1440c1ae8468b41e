"""The helper resamples the training part only; validation and test stay real."""
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.metrics import average_precision_score
from sklearn.model_selection import train_test_split
from xgboost import XGBClassifier


def oversample(features, labels):
    return SMOTE(random_state=11).fit_resample(features, labels)


df = pd.read_csv("events.csv")
X, y = df.drop(columns="label"), df["label"]
X_rest, X_test, y_rest, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=11)
X_train, X_val, y_train, y_val = train_test_split(X_rest, y_rest, test_size=0.25, stratify=y_rest, random_state=11)

X_train, y_train = oversample(X_train, y_train)
model = XGBClassifier(n_estimators=400)
model.fit(X_train, y_train, eval_set=[(X_val, y_val)])
print(average_precision_score(y_test, model.predict_proba(X_test)[:, 1]))
