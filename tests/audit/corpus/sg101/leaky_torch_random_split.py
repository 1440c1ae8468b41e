"""A dataset balanced by SMOTE, then divided by torch's random_split."""
import torch
from imblearn.over_sampling import SMOTE
from torch.utils.data import TensorDataset, random_split

X_np, y_np = load_arrays()
X_bal, y_bal = SMOTE().fit_resample(X_np, y_np)  # expect: SG101
dataset = TensorDataset(torch.tensor(X_bal), torch.tensor(y_bal))
train_ds, val_ds = random_split(dataset, [0.8, 0.2])
