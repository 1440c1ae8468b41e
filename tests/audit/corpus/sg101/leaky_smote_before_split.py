"""SMOTE on the whole data set, then a train/test split: the classic leak."""
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split

df = pd.read_csv("transactions.csv")
X = df.drop(columns="is_fraud")
y = df["is_fraud"]

X_res, y_res = SMOTE(random_state=42).fit_resample(X, y)  # expect: SG101
X_train, X_test, y_train, y_test = train_test_split(
    X_res, y_res, test_size=0.25, stratify=y_res, random_state=42
)
model = RandomForestClassifier(random_state=42).fit(X_train, y_train)
print("F1:", f1_score(y_test, model.predict(X_test)))
