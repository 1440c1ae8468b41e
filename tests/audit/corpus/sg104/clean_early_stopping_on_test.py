"""Training stops on a validation part of the training rows; the test part scores once."""
import numpy as np
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from tensorflow import keras

X = np.load("X.npy")
y = np.load("y.npy")
X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y, random_state=0)
X_fit, X_val, y_fit, y_val = train_test_split(X_tr, y_tr, stratify=y_tr, random_state=0)
net = keras.Sequential([keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1, activation="sigmoid")])
net.compile(optimizer="adam", loss="binary_crossentropy")
stop = keras.callbacks.EarlyStopping(patience=5, restore_best_weights=True)
net.fit(X_fit, y_fit, validation_data=(X_val, y_val), epochs=200, callbacks=[stop])
print(roc_auc_score(y_te, net.predict(X_te).ravel()))
