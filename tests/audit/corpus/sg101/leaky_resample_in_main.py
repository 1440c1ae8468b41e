"""Everything in functions: the resampling happens in prepare(), called by main()
before the cross-validation."""
import pandas as pd
from imblearn.over_sampling import SVMSMOTE
from sklearn.ensemble import ExtraTreesClassifier
from sklearn.model_selection import RepeatedStratifiedKFold, cross_val_score


def prepare(path):
    df = pd.read_csv(path)
    X = df.drop(columns=["label"])
    y = df["label"]
    return SVMSMOTE(random_state=1).fit_resample(X, y)  # expect: SG101


def main():
    X, y = prepare("sensors.csv")
    cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=3, random_state=1)
    scores = cross_val_score(ExtraTreesClassifier(), X, y, cv=cv, scoring="roc_auc")
    print(scores.mean())


if __name__ == "__main__":
    main()
