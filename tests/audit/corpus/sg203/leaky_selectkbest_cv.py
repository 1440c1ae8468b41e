"""SelectKBest on all rows, then cross-validation of the model."""
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score

X, y = load_expression_matrix()
selector = SelectKBest(f_classif, k=20)
X_top = selector.fit_transform(X, y)  # expect: SG203
scores = cross_val_score(LogisticRegression(max_iter=2000), X_top, y, cv=StratifiedKFold(5), scoring="roc_auc")
print(scores.mean())
