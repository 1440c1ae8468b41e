"""Each fold's training rows resampled on their own, with iloc."""
import pandas as pd
from imblearn.over_sampling import RandomOverSampler
from sklearn.metrics import average_precision_score
from sklearn.model_selection import StratifiedKFold
from sklearn.tree import DecisionTreeClassifier

df = pd.read_csv("churn.csv")
X, y = df.drop(columns="churned"), df["churned"]
ros = RandomOverSampler(random_state=1)

kf = StratifiedKFold(n_splits=4, shuffle=True, random_state=1)
for fold, (tr, va) in enumerate(kf.split(X, y)):
    X_tr, y_tr = ros.fit_resample(X.iloc[tr], y.iloc[tr])
    model = DecisionTreeClassifier(max_depth=4)
    model.fit(X_tr, y_tr)
    ap = average_precision_score(y.iloc[va], model.predict_proba(X.iloc[va])[:, 1])
    print(fold, ap)
