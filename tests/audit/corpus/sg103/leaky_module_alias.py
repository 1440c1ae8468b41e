"""The scikit-learn pipeline module under an alias."""
from imblearn.combine import SMOTETomek
from sklearn import pipeline as skpipe
from sklearn.svm import LinearSVC

model = skpipe.Pipeline(steps=[("resample", SMOTETomek()), ("svm", LinearSVC())])  # expect: SG103
model.fit(X_train, y_train)
