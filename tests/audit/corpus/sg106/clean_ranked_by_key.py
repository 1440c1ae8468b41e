"""The same rankings, made on cross-validated scores of the training part;
only the chosen model is scored once on the test rows."""
import heapq

from sklearn.datasets import make_classification
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import cross_val_score, train_test_split
from sklearn.svm import SVC

X, y = make_classification(n_samples=400, weights=[0.85], random_state=5)
X_fit, X_hold, y_fit, y_hold = train_test_split(X, y, stratify=y, random_state=5)

candidates = [
    LogisticRegression(max_iter=400),
    GradientBoostingClassifier(random_state=5),
]
winner = max(
    candidates,
    key=lambda m: cross_val_score(m, X_fit, y_fit, scoring="f1", cv=5).mean(),
)
winner.fit(X_fit, y_fit)
print(f1_score(y_hold, winner.predict(X_hold)))

ranking = []
for gamma in (0.01, 0.1, 1.0):
    svc = SVC(gamma=gamma, random_state=0)
    ranking.append((cross_val_score(svc, X_fit, y_fit, scoring="roc_auc").mean(), gamma))
ranking.sort(reverse=True)
print(ranking[0], heapq.nlargest(1, ranking))
