"""scikit-learn's TargetEncoder on all rows, then cross-validation."""
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.preprocessing import TargetEncoder

frame = pd.read_csv("clicks.csv")
y = frame.pop("clicked")
encoded = TargetEncoder(target_type="binary").fit_transform(frame[["site", "device"]], y)  # expect: SG204
cv = StratifiedKFold(5, shuffle=True, random_state=0)
print(cross_val_score(LogisticRegression(), encoded, y, cv=cv, scoring="roc_auc").mean())
