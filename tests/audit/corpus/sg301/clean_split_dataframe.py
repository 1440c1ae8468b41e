"""The whole frame is split, stratified on the label column."""
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

df = pd.read_csv("visits.csv")
train_df, test_df = train_test_split(df, test_size=0.25, random_state=3, stratify=df["no_show"])
features = ["age", "visits", "last_gap"]
clf = LogisticRegression().fit(train_df[features], train_df["no_show"])
print(roc_auc_score(test_df["no_show"], clf.predict_proba(test_df[features])[:, 1]))
