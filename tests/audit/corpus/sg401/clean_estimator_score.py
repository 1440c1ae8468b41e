"""ROC AUC of the decision function instead."""
from sklearn.datasets import make_classification
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC

X, y = make_classification(n_samples=2000, weights=[0.95, 0.05], random_state=1)
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=1)
svm = SVC(class_weight="balanced").fit(X_train, y_train)
print(f"test AUC: {roc_auc_score(y_test, svm.decision_function(X_test)):.3f}")
