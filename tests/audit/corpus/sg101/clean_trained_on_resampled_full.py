"""Train on a resampled copy of the training rows only."""
from imblearn.over_sampling import RandomOverSampler
from sklearn.datasets import load_breast_cancer
from sklearn.metrics import recall_score
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier

X, y = load_breast_cancer(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=0)
X_res, y_res = RandomOverSampler(random_state=0).fit_resample(X_train, y_train)
clf = DecisionTreeClassifier(random_state=0).fit(X_res, y_res)
print(recall_score(y_test, clf.predict(X_test)))
