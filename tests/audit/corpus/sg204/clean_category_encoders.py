"""category_encoders' TargetEncoder fitted on the training part."""
import category_encoders as ce
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import average_precision_score
from sklearn.model_selection import train_test_split

df = pd.read_csv("orders.csv")
X, y = df.drop(columns="returned"), df["returned"]
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=0)
encoder = ce.TargetEncoder(cols=["product", "region"])
X_train = encoder.fit_transform(X_train, y_train)
X_test = encoder.transform(X_test)
rf = RandomForestClassifier().fit(X_train, y_train)
print(average_precision_score(y_test, rf.predict_proba(X_test)[:, 1]))
