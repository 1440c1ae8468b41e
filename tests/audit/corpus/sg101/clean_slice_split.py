"""The first 80 % of rows train (SMOTE on them only); looking at rows is no split."""
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score

frame = pd.read_csv("churn.csv")
X, y = frame.drop(columns="churned"), frame["churned"]
cut = int(0.8 * len(X))
X_train, X_test = X.iloc[:cut], X.iloc[cut:]
y_train, y_test = y[:cut], y[cut:]
X_train, y_train = SMOTE(random_state=0).fit_resample(X_train, y_train)
forest = RandomForestClassifier(random_state=0).fit(X_train, y_train)
print(f1_score(y_test, forest.predict(X_test)))
X_show, y_show = SMOTE(random_state=0).fit_resample(X, y)
print(X_show[:5], y_show[-5:])
