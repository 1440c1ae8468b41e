"""The majority class sampled down by hand (and per class with groupby),
then the balanced table split: the test part is balanced too, and its rows
were chosen together with the training rows."""

import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split

claims = pd.read_csv("claims.csv")
n_fraud = int((claims["fraud"] == 1).sum())
honest = claims[claims["fraud"] != 1].sample(n=n_fraud, random_state=2)
balanced = pd.concat([claims[claims["fraud"] == 1], honest])  # expect: SG101
X_a, X_b, y_a, y_b = train_test_split(
    balanced.drop(columns="fraud"), balanced["fraud"], stratify=balanced["fraud"]
)
print(f1_score(y_b, LogisticRegression().fit(X_a, y_a).predict(X_b)))

even = claims.groupby("fraud").sample(n=n_fraud, random_state=2)  # expect: SG101
X_c, X_d, y_c, y_d = train_test_split(
    even.drop(columns="fraud"), even["fraud"], stratify=even["fraud"]
)
print(f1_score(y_d, LogisticRegression().fit(X_c, y_c).predict(X_d)))
