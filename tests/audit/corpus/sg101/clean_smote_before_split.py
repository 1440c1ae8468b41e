"""Split first, then SMOTE the training part only."""
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split

df = pd.read_csv("transactions.csv")
X = df.drop(columns="is_fraud")
y = df["is_fraud"]

X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.25, stratify=y, random_state=42
)
X_res, y_res = SMOTE(random_state=42).fit_resample(X_train, y_train)
model = RandomForestClassifier(random_state=42).fit(X_res, y_res)
print("F1:", f1_score(y_test, model.predict(X_test)))
