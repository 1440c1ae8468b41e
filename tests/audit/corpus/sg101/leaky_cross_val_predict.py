"""Out-of-fold predictions computed on resampled rows."""
from imblearn.over_sampling import RandomOverSampler
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import confusion_matrix
from sklearn.model_selection import StratifiedKFold, cross_val_predict

X, y = get_training_data()
X_os, y_os = RandomOverSampler(shrinkage=0.2, random_state=3).fit_resample(X, y)  # expect: SG101
pred = cross_val_predict(LogisticRegression(), X_os, y_os, cv=StratifiedKFold(5))
print(confusion_matrix(y_os, pred))
