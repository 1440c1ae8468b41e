"""category_encoders' TargetEncoder fitted on all rows."""
import category_encoders as ce
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import average_precision_score
from sklearn.model_selection import train_test_split

df = pd.read_csv("orders.csv")
X, y = df.drop(columns="returned"), df["returned"]
encoder = ce.TargetEncoder(cols=["product", "region"])
X = encoder.fit_transform(X, y)  # expect: SG204
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=0)
rf = RandomForestClassifier().fit(X_train, y_train)
print(average_precision_score(y_test, rf.predict_proba(X_test)[:, 1]))
