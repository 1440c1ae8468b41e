"""The ColumnTransformer is fitted on the training part and reused."""
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import balanced_accuracy_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import OneHotEncoder, StandardScaler

claims = pd.read_csv("claims.csv")
features = claims.drop(columns="fraud")
prep = ColumnTransformer(
    [
        ("num", StandardScaler(), ["amount", "age"]),
        ("cat", OneHotEncoder(handle_unknown="ignore"), ["region"]),
    ]
)
X_tr, X_te, y_tr, y_te = train_test_split(features, claims["fraud"], stratify=claims["fraud"])
forest = RandomForestClassifier(random_state=0).fit(prep.fit_transform(X_tr), y_tr)
print(balanced_accuracy_score(y_te, forest.predict(prep.transform(X_te))))
