"""Regression on house prices; income bins only stratify the split."""
import numpy as np
import pandas as pd
from sklearn.linear_model import LinearRegression
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import StratifiedShuffleSplit, train_test_split

housing = pd.read_csv("housing.csv")
train_set, test_set = train_test_split(housing, test_size=0.2, random_state=42)
housing["income_cat"] = pd.cut(housing["median_income"], bins=[0.0, 1.5, 3.0, 4.5, 6.0, np.inf], labels=[1, 2, 3, 4, 5])
split = StratifiedShuffleSplit(n_splits=1, test_size=0.2, random_state=42)
for train_index, test_index in split.split(housing, housing["income_cat"]):
    strat_train_set = housing.loc[train_index]
    strat_test_set = housing.loc[test_index]
train_set, test_set = train_test_split(housing, test_size=0.2, random_state=42)
labels = strat_train_set["median_house_value"].copy()
features = strat_train_set.drop("median_house_value", axis=1)
model = LinearRegression().fit(features, labels)
print(mean_squared_error(labels, model.predict(features)))
