"""The split comes first, but both parts are filled with statistics of all rows."""
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

df = pd.read_csv("vitals.csv")
X, y = df.drop(columns="icu"), df["icu"]
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=3)
fill = X.median()  # expect: SG202
X_train = X_train.fillna(fill)
X_test = X_test.fillna(fill)
model = LogisticRegression(max_iter=1000).fit(X_train, y_train)
print(roc_auc_score(y_test, model.predict_proba(X_test)[:, 1]))
