"""Fitted candidates ranked by a key that scores each one on the test rows,
and a list of (score, setting) pairs sorted in place to read off the winner."""
import heapq

from sklearn.datasets import make_classification
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC

X, y = make_classification(n_samples=400, weights=[0.85], random_state=5)
X_fit, X_hold, y_fit, y_hold = train_test_split(X, y, stratify=y, random_state=5)

fitted = [
    LogisticRegression(max_iter=400).fit(X_fit, y_fit),
    GradientBoostingClassifier(random_state=5).fit(X_fit, y_fit),
]
winner = max(fitted, key=lambda m: f1_score(y_hold, m.predict(X_hold)))  # expect: SG106

X2, X2_hold, y2, y2_hold = train_test_split(X, y, stratify=y, random_state=6)
ranking = []
for gamma in (0.01, 0.1, 1.0):
    svc = SVC(gamma=gamma, probability=True, random_state=0).fit(X2, y2)
    ranking.append((roc_auc_score(y2_hold, svc.predict_proba(X2_hold)[:, 1]), gamma))
ranking.sort(reverse=True)  # expect: SG106
print(ranking[0], heapq.nlargest(1, ranking))
