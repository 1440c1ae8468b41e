"""Each column standardised through DataFrame.apply, using statistics of all rows."""
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import average_precision_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import MinMaxScaler

readings = pd.read_parquet("readings.parquet")
numeric = ["pressure", "flow", "temperature"]
readings[numeric] = readings[numeric].apply(lambda col: (col - col.mean()) / col.std())  # expect: SG201
readings["load"] = readings[["load"]].apply(lambda s: MinMaxScaler().fit_transform(s.to_frame()).ravel())  # expect: SG201
train, test = train_test_split(readings, stratify=readings["fault"], random_state=2)
model = HistGradientBoostingClassifier().fit(train[numeric + ["load"]], train["fault"])
print(average_precision_score(test["fault"], model.predict_proba(test[numeric + ["load"]])[:, 1]))
