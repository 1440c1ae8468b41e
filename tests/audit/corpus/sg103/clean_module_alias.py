"""imbalanced-learn's pipeline module under an alias."""
from imblearn import pipeline as imbpipe
from imblearn.combine import SMOTETomek
from sklearn.svm import LinearSVC

model = imbpipe.Pipeline(steps=[("resample", SMOTETomek()), ("svm", LinearSVC())])
model.fit(X_train, y_train)
