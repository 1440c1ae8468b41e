"""scikit-learn's make_pipeline with an under-sampler, tuned by a search."""
from imblearn.under_sampling import RandomUnderSampler
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import RandomizedSearchCV, StratifiedKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import MinMaxScaler

X, y = read_features()
pipe = make_pipeline(MinMaxScaler(), RandomUnderSampler(), RandomForestClassifier())  # expect: SG103
search = RandomizedSearchCV(
    pipe,
    {"randomforestclassifier__max_depth": [4, 8, 16]},
    n_iter=3,
    cv=StratifiedKFold(5),
    scoring="f1",
)
search.fit(X, y)
