"""Recursive feature elimination on all rows before the split."""
from sklearn.feature_selection import RFE
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.svm import LinearSVC

X, y = read_dataset()
rfe = RFE(LinearSVC(dual=False), n_features_to_select=8)
X_small = rfe.fit_transform(X, y)  # expect: SG203
X_train, X_test, y_train, y_test = train_test_split(X_small, y, stratify=y, random_state=0)
clf = LogisticRegression().fit(X_train, y_train)
print(roc_auc_score(y_test, clf.decision_function(X_test)))
