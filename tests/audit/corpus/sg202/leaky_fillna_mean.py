"""Gaps filled with the column means of all rows, then the split."""
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import average_precision_score
from sklearn.model_selection import train_test_split

df = pd.read_csv("lab_results.csv")
df = df.fillna(df.mean(numeric_only=True))  # expect: SG202
X, y = df.drop(columns="sepsis"), df["sepsis"]
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=1)
rf = RandomForestClassifier().fit(X_train, y_train)
print(average_precision_score(y_test, rf.predict_proba(X_test)[:, 1]))
