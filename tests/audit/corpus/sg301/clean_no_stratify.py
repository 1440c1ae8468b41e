"""The same split, stratified on the label."""
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import average_precision_score
from sklearn.model_selection import train_test_split

df = pd.read_csv("transactions.csv")
X, y = df.drop(columns="is_fraud"), df["is_fraud"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)
X_res, y_res = SMOTE(random_state=0).fit_resample(X_train, y_train)
model = RandomForestClassifier().fit(X_res, y_res)
print(average_precision_score(y_test, model.predict_proba(X_test)[:, 1]))
