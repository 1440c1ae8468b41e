"""Out-of-fold predictions of a pipeline that resamples inside each fold."""
from imblearn.over_sampling import RandomOverSampler
from imblearn.pipeline import make_pipeline
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import confusion_matrix
from sklearn.model_selection import StratifiedKFold, cross_val_predict

X, y = get_training_data()
pipe = make_pipeline(RandomOverSampler(shrinkage=0.2, random_state=3), LogisticRegression())
pred = cross_val_predict(pipe, X, y, cv=StratifiedKFold(5))
print(confusion_matrix(y, pred))
