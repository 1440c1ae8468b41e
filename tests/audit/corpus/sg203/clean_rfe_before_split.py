"""RFE fitted on the training part."""
from sklearn.feature_selection import RFE
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.svm import LinearSVC

X, y = read_dataset()
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=0)
rfe = RFE(LinearSVC(dual=False), n_features_to_select=8).fit(X_train, y_train)
clf = LogisticRegression().fit(rfe.transform(X_train), y_train)
print(roc_auc_score(y_test, clf.decision_function(rfe.transform(X_test))))
