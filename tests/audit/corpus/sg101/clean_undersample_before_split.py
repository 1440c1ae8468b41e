"""Under-sample the training part only; the test part keeps every row."""
import pandas as pd
from imblearn.under_sampling import NearMiss
from sklearn.metrics import classification_report
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC

df = pd.read_csv("network_events.csv")
X = df[["bytes", "packets", "duration"]]
y = df["attack"]

X_train, X_test, y_train, y_test = train_test_split(
    X, y, stratify=y, test_size=0.3, random_state=5
)
X_under, y_under = NearMiss(version=1).fit_resample(X_train, y_train)
clf = SVC(probability=True).fit(X_under, y_under)
print(classification_report(y_test, clf.predict(X_test)))
