"""The same cross-validation with balanced accuracy."""
from imblearn.pipeline import make_pipeline
from imblearn.under_sampling import EditedNearestNeighbours
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.neighbors import KNeighborsClassifier

X, y = load_events()
pipe = make_pipeline(EditedNearestNeighbours(), KNeighborsClassifier())
scores = cross_val_score(pipe, X, y, cv=StratifiedKFold(5), scoring="balanced_accuracy")
print(scores.mean())
