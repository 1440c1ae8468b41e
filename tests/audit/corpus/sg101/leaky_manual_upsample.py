"""Hand-made over-sampling with sklearn.utils.resample and pd.concat."""
import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.utils import resample

df = pd.read_csv("telecom.csv")
majority = df[df.churn == 0]
minority = df[df.churn == 1]
minority_up = resample(minority, replace=True, n_samples=len(majority), random_state=7)  # expect: SG101
balanced = pd.concat([majority, minority_up])

X = balanced.drop(columns="churn")
y = balanced["churn"]
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=7)
model = GradientBoostingClassifier().fit(X_train, y_train)
print(roc_auc_score(y_test, model.predict_proba(X_test)[:, 1]))
