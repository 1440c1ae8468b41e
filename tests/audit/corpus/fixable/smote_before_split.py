"""Leaky and runnable: SMOTE before an unstratified split (SG101, SG301)."""

from imblearn.over_sampling import SMOTE
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score
from sklearn.model_selection import train_test_split

X, y = make_classification(n_samples=400, weights=[0.9], random_state=0)
X_bal, y_bal = SMOTE(random_state=0).fit_resample(X, y)
X_train, X_test, y_train, y_test = train_test_split(X_bal, y_bal, random_state=0)
model = LogisticRegression(max_iter=500).fit(X_train, y_train)
print(average_precision_score(y_test, model.predict_proba(X_test)[:, 1]))
