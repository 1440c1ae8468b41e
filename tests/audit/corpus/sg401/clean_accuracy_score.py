"""Accuracy next to metrics that see the minority class."""
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score, classification_report
from sklearn.model_selection import train_test_split

df = pd.read_csv("transactions.csv")
X, y = df.drop(columns="is_fraud"), df["is_fraud"]
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=0)
model = RandomForestClassifier().fit(X_train, y_train)
y_pred = model.predict(X_test)
print("accuracy", accuracy_score(y_test, y_pred))
print(classification_report(y_test, y_pred))
