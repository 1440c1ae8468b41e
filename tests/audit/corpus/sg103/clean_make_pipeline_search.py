"""smoteguard's make_pipeline accepts samplers."""
from imblearn.under_sampling import RandomUnderSampler
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import RandomizedSearchCV, StratifiedKFold
from sklearn.preprocessing import MinMaxScaler

from smoteguard import make_pipeline

X, y = read_features()
pipe = make_pipeline(MinMaxScaler(), RandomUnderSampler(), RandomForestClassifier())
search = RandomizedSearchCV(
    pipe,
    {"randomforestclassifier__max_depth": [4, 8, 16]},
    n_iter=3,
    cv=StratifiedKFold(5),
    scoring="f1",
)
search.fit(X, y)
