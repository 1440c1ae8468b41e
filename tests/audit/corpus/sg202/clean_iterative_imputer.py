"""The helper fits the imputer on the training part and returns it."""
from sklearn.experimental import enable_iterative_imputer  # noqa: F401
from sklearn.impute import IterativeImputer
from sklearn.metrics import precision_recall_curve
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import GaussianNB


def fit_imputer(table):
    return IterativeImputer(max_iter=10, random_state=0).fit(table)


X, y = load_sensor_table()
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=0)
imputer = fit_imputer(X_train)
nb = GaussianNB().fit(imputer.transform(X_train), y_train)
precision, recall, _ = precision_recall_curve(y_test, nb.predict_proba(imputer.transform(X_test))[:, 1])
