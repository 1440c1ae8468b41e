"""IterativeImputer fitted on all rows inside a helper, then a split."""
from sklearn.experimental import enable_iterative_imputer  # noqa: F401
from sklearn.impute import IterativeImputer
from sklearn.metrics import precision_recall_curve
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import GaussianNB


def impute(table):
    imputer = IterativeImputer(max_iter=10, random_state=0)
    return imputer.fit_transform(table)  # expect: SG202


X, y = load_sensor_table()
X = impute(X)
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=0)
nb = GaussianNB().fit(X_train, y_train)
precision, recall, _ = precision_recall_curve(y_test, nb.predict_proba(X_test)[:, 1])
