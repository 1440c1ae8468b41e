"""TargetEncoder as the first step of the cross-validated pipeline."""
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import TargetEncoder

frame = pd.read_csv("clicks.csv")
y = frame.pop("clicked")
model = make_pipeline(TargetEncoder(target_type="binary"), LogisticRegression())
cv = StratifiedKFold(5, shuffle=True, random_state=0)
print(cross_val_score(model, frame[["site", "device"]], y, cv=cv, scoring="roc_auc").mean())
