from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

os.environ.setdefault("RETENTIONEERING_NO_TRACK", "1")


def ecom_path() -> Path:
    """retentioneering's ecom dataset, read from its wheel without importing the package."""
    spec = importlib.util.find_spec("retentioneering")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("retentioneering (a test dependency) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "datasets" / "ecom.csv.gz"


def load_ecom() -> pd.DataFrame:
    frame = pd.read_csv(ecom_path())
    frame["timestamp"] = pd.to_datetime(frame["timestamp"])
    return frame


@pytest.fixture(scope="session")
def ecom() -> pd.DataFrame:
    return load_ecom()


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("cjm-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
