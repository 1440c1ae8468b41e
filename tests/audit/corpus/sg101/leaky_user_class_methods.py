"""An experiment class: the balancing method runs before the split method."""
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import average_precision_score
from sklearn.model_selection import train_test_split


class Experiment:
    def __init__(self, path, target):
        frame = pd.read_csv(path)
        self.X = frame.drop(columns=target)
        self.y = frame[target]

    def balance(self):
        self.X, self.y = SMOTE(random_state=0).fit_resample(self.X, self.y)  # expect: SG101

    def split(self):
        self.X_train, self.X_test, self.y_train, self.y_test = train_test_split(
            self.X, self.y, stratify=self.y, random_state=0
        )

    def evaluate(self):
        model = GradientBoostingClassifier().fit(self.X_train, self.y_train)
        return average_precision_score(self.y_test, model.predict_proba(self.X_test)[:, 1])


run = Experiment("fraud.csv", "is_fraud")
run.balance()
run.split()
print(run.evaluate())
