"""Estimate with cross-validation of the pipeline, then fit the final model on
all rows (resampled inside the pipeline); nothing is scored on resampled rows."""
import pandas as pd
from imblearn.combine import SMOTETomek
from imblearn.pipeline import make_pipeline
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score

df = pd.read_csv("loans.csv")
X, y = df.drop(columns="bad"), df["bad"]
pipe = make_pipeline(SMOTETomek(random_state=0), LogisticRegression(max_iter=500))
print(cross_val_score(pipe, X, y, scoring="balanced_accuracy").mean())
final_model = pipe.fit(X, y)
