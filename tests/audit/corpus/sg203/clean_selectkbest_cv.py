"""SelectKBest as a pipeline step."""
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import Pipeline

X, y = load_expression_matrix()
model = Pipeline([("select", SelectKBest(f_classif, k=20)), ("clf", LogisticRegression(max_iter=2000))])
scores = cross_val_score(model, X, y, cv=StratifiedKFold(5), scoring="roc_auc")
print(scores.mean())
