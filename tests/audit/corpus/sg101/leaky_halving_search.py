"""Random under-sampling, then a successive-halving search."""
import pandas as pd
from imblearn.under_sampling import RandomUnderSampler
from sklearn.experimental import enable_halving_search_cv  # noqa: F401
from sklearn.model_selection import HalvingGridSearchCV, StratifiedKFold
from sklearn.svm import SVC

df = pd.read_csv("sensor.csv")
X = df.filter(like="s_")
y = df["failure"]
X_rus, y_rus = RandomUnderSampler(sampling_strategy=0.5).fit_resample(X, y)  # expect: SG101
search = HalvingGridSearchCV(SVC(), {"C": [0.1, 1, 10]}, cv=StratifiedKFold(4), scoring="recall")
search.fit(X_rus, y_rus)
print(search.best_estimator_)
