"""A FeatureUnion of PCA and SVD components learned from every document."""
from sklearn.decomposition import PCA, TruncatedSVD
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import FeatureUnion

X, y = load_features()
union = FeatureUnion([("pca", PCA(n_components=10)), ("svd", TruncatedSVD(n_components=5))])
Z = union.fit_transform(X)  # expect: SG205
Z_tr, Z_te, y_tr, y_te = train_test_split(Z, y, stratify=y, random_state=4)
clf = LogisticRegression().fit(Z_tr, y_tr)
print(f1_score(y_te, clf.predict(Z_te)))
