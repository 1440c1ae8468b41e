"""StratifiedKFold keeps the class proportions of every fold."""
import pandas as pd
from imblearn.over_sampling import SMOTE
from imblearn.pipeline import make_pipeline
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score

df = pd.read_csv("transactions.csv")
X, y = df.drop(columns="is_fraud"), df["is_fraud"]
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
pipe = make_pipeline(SMOTE(random_state=0), LogisticRegression(max_iter=1000))
print(cross_val_score(pipe, X, y, cv=cv, scoring="average_precision").mean())
