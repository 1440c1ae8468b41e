"""Two classifiers, both measured with F1."""
from sklearn.dummy import DummyClassifier
from sklearn.ensemble import ExtraTreesClassifier
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import train_test_split

X, y = load_sample()
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=0)
baseline = DummyClassifier(strategy="stratified").fit(X_train, y_train)
print("baseline F1", f1_score(y_test, baseline.predict(X_test)))
challenger = ExtraTreesClassifier().fit(X_train, y_train)
print("challenger acc", accuracy_score(y_test, challenger.predict(X_test)))
print("challenger F1", f1_score(y_test, challenger.predict(X_test)))
