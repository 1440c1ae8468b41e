"""Cost of the sampler input checks added for issue 12 (overflow range, label
kinds) next to one SMOTE run on the same data.

Run: .venv/bin/python bench/bench_input_checks.py
"""

import time

import numpy as np

from smoteguard import SMOTE
from smoteguard._tabular import _check_label_types, check_scale


def main() -> None:
    rng = np.random.RandomState(0)
    X = rng.normal(size=(200_000, 20))
    y = (rng.rand(200_000) < 0.1).astype(int)
    y_text = np.where(y == 1, "pos", "neg").astype(object)
    scale, labels, smote = [], [], []
    for _ in range(3):  # interleaved, best of 3
        t = time.perf_counter()
        check_scale(X, "SMOTE")
        scale.append(time.perf_counter() - t)
        t = time.perf_counter()
        _check_label_types(y_text)
        labels.append(time.perf_counter() - t)
        t = time.perf_counter()
        SMOTE(random_state=0).fit_resample(X, y)
        smote.append(time.perf_counter() - t)
    print(
        f"check_scale {min(scale) * 1e3:.1f} ms, label kinds (object y) "
        f"{min(labels) * 1e3:.1f} ms, SMOTE.fit_resample {min(smote):.2f} s"
    )


if __name__ == "__main__":
    main()
