"""A classifier's score() is its accuracy."""
from sklearn.datasets import make_classification
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC

X, y = make_classification(n_samples=2000, weights=[0.95, 0.05], random_state=1)
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=1)
svm = SVC(class_weight="balanced").fit(X_train, y_train)
print(f"test score: {svm.score(X_test, y_test):.3f}")  # expect: SG401
