"""Over-sample a Dask DataFrame and train XGBoost on the cluster, end to end.

Runs on a local cluster with small data (a few seconds); point ``Client`` at a real
scheduler for data that does not fit in memory. The pattern:

1. split train / test *before* resampling (only the training rows are
   over-sampled, otherwise synthetic rows leak into the test set);
2. ``DaskSMOTE.fit_resample`` gathers only the minority rows, writes the synthetic
   rows on the workers and appends them as new partitions;
3. ``xgboost.dask`` (or ``lightgbm.dask``) trains on the resampled collection
   without collecting it.

Usage: ``python examples/dask_train.py``.
"""

from __future__ import annotations

import dask.dataframe as dd
import pandas as pd
from distributed import Client, LocalCluster
from sklearn.datasets import make_classification
from sklearn.metrics import average_precision_score

from smoteguard.dask import DaskSMOTE


def main() -> None:
    X, y = make_classification(
        n_samples=20_000, n_features=10, weights=[0.97, 0.03], random_state=0
    )
    frame = pd.DataFrame(X, columns=[f"f{i}" for i in range(X.shape[1])])
    data = dd.from_pandas(frame.assign(label=y), npartitions=8)
    train, test = data.random_split([0.8, 0.2], random_state=0)

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        X_res, y_res = DaskSMOTE(random_state=0).fit_resample(
            train.drop(columns="label"), train["label"]
        )
        print(f"training rows: {len(train)} -> {len(X_res)} after DaskSMOTE")

        from xgboost import dask as dxgb

        model = dxgb.DaskXGBClassifier(n_estimators=100, tree_method="hist")
        model.client = client
        model.fit(X_res, y_res)
        scores = model.predict_proba(test.drop(columns="label"))[:, 1]
        y_test, scores = test["label"].compute(), scores.compute()
        print(f"PR-AUC on held-out rows: {average_precision_score(y_test, scores):.3f}")


if __name__ == "__main__":
    main()
