"""One column filled in place with its median over all rows."""
import pandas as pd
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier

df = pd.read_csv("customers.csv")
df["income"].fillna(df["income"].median(), inplace=True)  # expect: SG202
df["tenure"] = df["tenure"].fillna(0)
train, test = train_test_split(df, stratify=df["left"], random_state=2)
features = ["income", "tenure", "age"]
tree = DecisionTreeClassifier(max_depth=5).fit(train[features], train["left"])
print(f1_score(test["left"], tree.predict(test[features])))
