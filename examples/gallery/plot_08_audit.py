"""
Finding the leak in a script with ``smoteguard audit``
======================================================

``smoteguard audit`` reads scripts and notebooks without running them and reports
where test data can leak into training. Here a typical script resamples before the
split and scales before it too; the audit names both and how to fix them, and the
fixed script audits clean.
"""

from smoteguard.audit import audit_text

leaky = """
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

df = pd.read_csv("fraud.csv")
X, y = df.drop(columns="fraud"), df["fraud"]
X = StandardScaler().fit_transform(X)
X, y = SMOTE(random_state=0).fit_resample(X, y)
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y)
model = LogisticRegression().fit(X_train, y_train)
"""

fixed = """
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

df = pd.read_csv("fraud.csv")
X, y = df.drop(columns="fraud"), df["fraud"]
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y)
scaler = StandardScaler().fit(X_train)
X_train, X_test = scaler.transform(X_train), scaler.transform(X_test)
X_train, y_train = SMOTE(random_state=0).fit_resample(X_train, y_train)
model = LogisticRegression().fit(X_train, y_train)
"""

for finding in audit_text(leaky, path="train.py"):
    print(f"{finding.code} line {finding.line}: {finding.message}")
    print(f"  fix: {finding.fix}")
print("fixed script:", audit_text(fixed, path="train.py") or "no findings")
