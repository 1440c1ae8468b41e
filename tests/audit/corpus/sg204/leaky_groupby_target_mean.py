"""Mean of the label per city, computed on all rows and mapped back."""
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split

df = pd.read_csv("subscribers.csv")
city_rate = df.groupby("city")["churn"].mean()  # expect: SG204
df["city_rate"] = df["city"].map(city_rate)
features = ["city_rate", "tenure", "monthly_fee"]
train, test = train_test_split(df, stratify=df["churn"], random_state=0)
model = LogisticRegression().fit(train[features], train["churn"])
print(f1_score(test["churn"], model.predict(test[features])))
