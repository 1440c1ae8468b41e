"""Star imports hide where `preprocessing` comes from; the scaler is fitted on the training part."""
from sklearn import *  # noqa: F403
from sklearn.model_selection import *  # noqa: F403

X, y = read_tables()
X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y)
scaler = preprocessing.MinMaxScaler().fit(X_tr)
X_tr, X_te = scaler.transform(X_tr), scaler.transform(X_te)
