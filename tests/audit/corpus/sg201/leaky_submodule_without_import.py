"""Star imports hide where `preprocessing` comes from; its scale() still fits on all rows."""
from sklearn import *  # noqa: F403
from sklearn.model_selection import *  # noqa: F403

X, y = read_tables()
X_scaled = preprocessing.minmax_scale(X)  # expect: SG201
X_tr, X_te, y_tr, y_te = train_test_split(X_scaled, y, stratify=y)
