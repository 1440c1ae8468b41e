"""Each candidate is scored on the test part and the best so far is kept."""
from sklearn.linear_model import LogisticRegression
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split

X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y)
models = {"lr": LogisticRegression(), "rf": RandomForestClassifier()}
best_name, best = None, 0.0
for name, model in models.items():
    model.fit(X_train, y_train)
    score = f1_score(y_test, model.predict(X_test))
    if score > best:  # expect: SG106
        best_name, best = name, score
print(best_name, best)
