"""A regression target needs no stratification: no finding."""
from sklearn.datasets import fetch_california_housing
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import train_test_split

X, y = fetch_california_housing(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3)
model = Ridge().fit(X_train, y_train)
print(mean_absolute_error(y_test, model.predict(X_test)))
