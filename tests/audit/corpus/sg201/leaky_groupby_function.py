"""Per-card standardisation with a function handed to groupby().transform,
over every row, before the split."""

import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import average_precision_score
from sklearn.model_selection import train_test_split


def standardise(amounts):
    return (amounts - amounts.mean()) / amounts.std()  # expect: SG201


txns = pd.read_csv("txns.csv")
txns["amount_z"] = txns.groupby("card_id")["amount"].transform(standardise)
txns["hour_r"] = txns.groupby("card_id").hour.transform(
    lambda h: (h - h.min()) / (h.max() - h.min())  # expect: SG201
)
X, y = txns[["amount_z", "hour_r"]], txns["fraud"]
X_a, X_b, y_a, y_b = train_test_split(X, y, stratify=y, random_state=0)
gb = GradientBoostingClassifier().fit(X_a, y_a)
print(average_precision_score(y_b, gb.predict_proba(X_b)[:, 1]))
