"""Under-sampling (NearMiss) before the split: the test part loses its natural
class balance and its hard majority rows."""
import pandas as pd
from imblearn.under_sampling import NearMiss
from sklearn.metrics import classification_report
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC

df = pd.read_csv("network_events.csv")
X = df[["bytes", "packets", "duration"]]
y = df["attack"]

X_under, y_under = NearMiss(version=1).fit_resample(X, y)  # expect: SG101
X_train, X_test, y_train, y_test = train_test_split(
    X_under, y_under, stratify=y_under, test_size=0.3, random_state=5
)
clf = SVC(probability=True).fit(X_train, y_train)
print(classification_report(y_test, clf.predict(X_test)))
