"""The labels come from a classification data set: no model needed to know."""
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split

X, y = load_breast_cancer(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3)  # expect: SG301
print(X_train.shape, y_test.mean())
