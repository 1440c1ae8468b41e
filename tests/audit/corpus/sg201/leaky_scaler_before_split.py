"""StandardScaler fitted on every row, then the split."""
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

df = pd.read_csv("heart.csv")
X, y = df.drop(columns="disease"), df["disease"]
scaler = StandardScaler()
X_scaled = scaler.fit_transform(X)  # expect: SG201
X_train, X_test, y_train, y_test = train_test_split(X_scaled, y, stratify=y, random_state=0)
clf = LogisticRegression().fit(X_train, y_train)
print(roc_auc_score(y_test, clf.predict_proba(X_test)[:, 1]))
