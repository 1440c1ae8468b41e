"""Hand-made over-sampling of the training rows only."""
import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.utils import resample

df = pd.read_csv("telecom.csv")
train, test = train_test_split(df, stratify=df["churn"], random_state=7)

majority = train[train.churn == 0]
minority = train[train.churn == 1]
minority_up = resample(minority, replace=True, n_samples=len(majority), random_state=7)
balanced = pd.concat([majority, minority_up])

model = GradientBoostingClassifier().fit(balanced.drop(columns="churn"), balanced["churn"])
proba = model.predict_proba(test.drop(columns="churn"))[:, 1]
print(roc_auc_score(test["churn"], proba))
