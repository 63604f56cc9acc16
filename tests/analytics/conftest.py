from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

os.environ.setdefault("RETENTIONEERING_NO_TRACK", "1")

#: Each engine the analytics take, as a conversion of a pandas table.
ENGINES = [
    pytest.param(lambda df: df, id="pandas"),
    pytest.param(lambda df: pa.Table.from_pandas(df, preserve_index=False), id="pyarrow"),
    pytest.param(lambda df: duckdb.from_df(df), id="duckdb"),
    pytest.param(lambda df: pl.from_pandas(df), id="polars"),
    pytest.param(lambda df: pl.from_pandas(df).lazy(), id="polars-lazy"),
]


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
