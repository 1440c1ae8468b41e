"""Training stops when the test part stops improving; the test part then scores it."""
import numpy as np
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from tensorflow import keras

X = np.load("X.npy")
y = np.load("y.npy")
X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y, random_state=0)
net = keras.Sequential([keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1, activation="sigmoid")])
net.compile(optimizer="adam", loss="binary_crossentropy")
stop = keras.callbacks.EarlyStopping(patience=5, restore_best_weights=True)
net.fit(X_tr, y_tr, validation_data=(X_te, y_te), epochs=200, callbacks=[stop])  # expect: SG104
print(roc_auc_score(y_te, net.predict(X_te).ravel()))
