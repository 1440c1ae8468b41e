"""The under-sampler is a pipeline step, tuned together with the model."""
import pandas as pd
from imblearn.pipeline import Pipeline
from imblearn.under_sampling import RandomUnderSampler
from sklearn.experimental import enable_halving_search_cv  # noqa: F401
from sklearn.model_selection import HalvingGridSearchCV, StratifiedKFold
from sklearn.svm import SVC

df = pd.read_csv("sensor.csv")
X = df.filter(like="s_")
y = df["failure"]
pipe = Pipeline(steps=[("rus", RandomUnderSampler(sampling_strategy=0.5)), ("svc", SVC())])
search = HalvingGridSearchCV(pipe, {"svc__C": [0.1, 1, 10]}, cv=StratifiedKFold(4), scoring="recall")
search.fit(X, y)
print(search.best_estimator_)
