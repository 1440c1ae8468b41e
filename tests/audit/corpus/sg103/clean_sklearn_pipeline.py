"""The same steps in imbalanced-learn's Pipeline."""
import pandas as pd
from imblearn.over_sampling import SMOTE
from imblearn.pipeline import Pipeline
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.preprocessing import StandardScaler

df = pd.read_csv("patients.csv")
X, y = df.drop(columns="readmitted"), df["readmitted"]
pipe = Pipeline(
    [
        ("scale", StandardScaler()),
        ("smote", SMOTE(random_state=0)),
        ("clf", LogisticRegression(max_iter=1000)),
    ]
)
print(cross_val_score(pipe, X, y, cv=StratifiedKFold(5), scoring="roc_auc").mean())
