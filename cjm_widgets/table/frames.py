"""Accept pandas, polars or pyarrow tables; the widgets work on pandas."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..errors import InvalidTableError


def to_pandas(df: Any) -> pd.DataFrame:
    """``df`` as a pandas DataFrame; other eager frames go through narwhals."""
    if isinstance(df, pd.DataFrame):
        return df
    try:
        import narwhals as nw

        return nw.from_native(df, eager_only=True).to_pandas()
    except TypeError as exc:
        raise InvalidTableError(
            f"expected a pandas, polars or pyarrow table, got {type(df).__name__}"
        ) from exc


def collect_to_pandas(table: Any, refusal: str) -> pd.DataFrame:
    """A small result table as pandas: pandas as is; polars (lazy too), pyarrow, DuckDB…
    through narwhals, collected. Anything else raises :class:`InvalidTableError` with
    ``refusal``, in which ``{type}`` names what was given."""
    if isinstance(table, pd.DataFrame):
        return table
    import narwhals as nw

    try:
        native = nw.from_native(table)
    except TypeError:
        raise InvalidTableError(refusal.format(type=type(table).__name__)) from None
    if isinstance(native, nw.LazyFrame):
        native = native.collect()
    return native.to_pandas()
