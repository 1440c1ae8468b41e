"""Candidates compared on a validation part; only the winner meets the test part."""
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split

X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y)
X_fit, X_val, y_fit, y_val = train_test_split(X_train, y_train, stratify=y_train)
models = {"lr": LogisticRegression(), "rf": RandomForestClassifier()}
best_name, best = None, 0.0
for name, model in models.items():
    model.fit(X_fit, y_fit)
    score = f1_score(y_val, model.predict(X_val))
    if score > best:
        best_name, best = name, score
winner = models[best_name].fit(X_train, y_train)
print(best_name, f1_score(y_test, winner.predict(X_test)))
