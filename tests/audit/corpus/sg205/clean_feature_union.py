"""The FeatureUnion learns its components from the training rows only."""
from sklearn.decomposition import PCA, TruncatedSVD
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import FeatureUnion

X, y = load_features()
union = FeatureUnion([("pca", PCA(n_components=10)), ("svd", TruncatedSVD(n_components=5))])
X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y, random_state=4)
clf = LogisticRegression().fit(union.fit_transform(X_tr), y_tr)
print(f1_score(y_te, clf.predict(union.transform(X_te))))
