"""The same column-wise standardisation, with statistics of the training part."""
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import average_precision_score
from sklearn.model_selection import train_test_split

readings = pd.read_parquet("readings.parquet")
numeric = ["pressure", "flow", "temperature"]
train, test = train_test_split(readings, stratify=readings["fault"], random_state=2)
centre, spread = train[numeric].mean(), train[numeric].std()
train[numeric] = train[numeric].apply(lambda col: (col - centre[col.name]) / spread[col.name])
test[numeric] = test[numeric].apply(lambda col: (col - centre[col.name]) / spread[col.name])
model = HistGradientBoostingClassifier().fit(train[numeric], train["fault"])
print(average_precision_score(test["fault"], model.predict_proba(test[numeric])[:, 1]))
