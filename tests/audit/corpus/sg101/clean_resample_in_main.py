"""prepare() only loads; the sampler is a pipeline step."""
import pandas as pd
from imblearn.over_sampling import SVMSMOTE
from imblearn.pipeline import make_pipeline
from sklearn.ensemble import ExtraTreesClassifier
from sklearn.model_selection import RepeatedStratifiedKFold, cross_val_score


def prepare(path):
    df = pd.read_csv(path)
    X = df.drop(columns=["label"])
    y = df["label"]
    return X, y


def main():
    X, y = prepare("sensors.csv")
    cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=3, random_state=1)
    pipe = make_pipeline(SVMSMOTE(random_state=1), ExtraTreesClassifier())
    scores = cross_val_score(pipe, X, y, cv=cv, scoring="roc_auc")
    print(scores.mean())


if __name__ == "__main__":
    main()
