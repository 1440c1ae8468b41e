"""A split by df.sample plus drop, then gaps filled with the training medians."""
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import recall_score

patients = pd.read_csv("patients.csv")
train = patients.sample(frac=0.7, random_state=11)
test = patients.drop(train.index)
medians = train.median(numeric_only=True)
train, test = train.fillna(medians), test.fillna(medians)
cols = [c for c in patients.columns if c != "readmitted"]
model = RandomForestClassifier().fit(train[cols], train["readmitted"])
print(recall_score(test["readmitted"], model.predict(test[cols])))
