"""Only the training part is over-sampled."""
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import precision_score
from sklearn.model_selection import train_test_split

df = pd.read_csv("transactions.csv")
X, y = df.drop(columns="is_fraud"), df["is_fraud"]
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=0)

sm = SMOTE(random_state=0)
X_train, y_train = sm.fit_resample(X_train, y_train)
model = RandomForestClassifier().fit(X_train, y_train)
print(precision_score(y_test, model.predict(X_test)))
