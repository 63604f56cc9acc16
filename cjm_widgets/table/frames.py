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
