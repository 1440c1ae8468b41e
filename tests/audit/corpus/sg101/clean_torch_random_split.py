"""torch's random_split first; SMOTE balances the training part only."""
import torch
from imblearn.over_sampling import SMOTE
from torch.utils.data import TensorDataset, random_split

X_np, y_np = load_arrays()
dataset = TensorDataset(torch.tensor(X_np), torch.tensor(y_np))
train_ds, val_ds = random_split(dataset, [0.8, 0.2])
X_fit, y_fit = SMOTE().fit_resample(*train_ds[:])
