"""StandardScaler inside the pipeline that is cross-validated."""
import pandas as pd
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

df = pd.read_csv("wine_quality.csv")
X = df.drop(columns="is_good")
y = df["is_good"]
model = make_pipeline(StandardScaler(), SVC())
print(cross_val_score(model, X, y, cv=StratifiedKFold(5), scoring="balanced_accuracy").mean())
