"""SMOTE on everything, then the first 80 % of rows train and the rest test."""
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score

frame = pd.read_csv("churn.csv")
X, y = frame.drop(columns="churned"), frame["churned"]
X, y = SMOTE(random_state=0).fit_resample(X, y)  # expect: SG101
cut = int(0.8 * len(X))
X_train, X_test = X.iloc[:cut], X.iloc[cut:]
y_train, y_test = y[:cut], y[cut:]
forest = RandomForestClassifier(random_state=0).fit(X_train, y_train)
print(f1_score(y_test, forest.predict(X_test)))
print(X[:5])
