"""Turn a value typed in the browser into one that fits its column's dtype."""

from __future__ import annotations

import math
from collections.abc import Hashable
from typing import Any

import numpy as np
import pandas as pd
from pandas.api import types as ptypes

from .errors import InvalidEditError

_TRUE = {"true", "yes", "y", "1", "x", "oui", "vrai"}
_FALSE = {"false", "no", "n", "0", "non", "faux"}


def is_missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def can_hold_missing(dtype: Any) -> bool:
    if isinstance(dtype, np.dtype):
        return dtype.kind in "fOcmM"
    return True  # extension dtypes (string, category, nullable ints…) all have NA


def missing_for(dtype: Any) -> Any:
    if isinstance(dtype, np.dtype):
        if dtype.kind in "mM":
            return pd.NaT
        if dtype.kind == "O":
            return None
        return np.nan
    return dtype.na_value if hasattr(dtype, "na_value") else pd.NA


def blank_for(dtype: Any) -> Any:
    """What a new row holds in a column: missing where the dtype can hold it, else zero."""
    if can_hold_missing(dtype):
        return missing_for(dtype)
    if ptypes.is_bool_dtype(dtype):
        return False
    return dtype.type(0)


def _reject(column: Hashable, dtype: Any, raw: Any, why: str) -> InvalidEditError:
    return InvalidEditError(f"{raw!r} does not fit column {column!r} ({dtype}): {why}")


def coerce(raw: Any, dtype: Any, column: Hashable) -> Any:
    """The value ``raw`` (text or JSON scalar from the view) as column ``column`` holds it.

    Raises
    ------
    InvalidEditError
        When the value cannot be stored without changing the column's dtype.
    """
    text = raw.strip() if isinstance(raw, str) else None
    if is_missing(raw) or (text == "" and not _is_text(dtype)):
        if not can_hold_missing(dtype):
            raise _reject(column, dtype, raw, "this column cannot hold an empty value")
        return missing_for(dtype)
    if isinstance(dtype, pd.CategoricalDtype):
        value = raw
        if value not in dtype.categories:
            matches = [c for c in dtype.categories if str(c) == str(raw)]
            if not matches:
                shown = ", ".join(repr(c) for c in list(dtype.categories)[:12])
                raise _reject(column, "category", raw, f"allowed values are {shown}")
            value = matches[0]
        return value
    if ptypes.is_bool_dtype(dtype):
        if isinstance(raw, bool):
            return raw
        key = str(raw).strip().lower()
        if key in _TRUE:
            return True
        if key in _FALSE:
            return False
        raise _reject(column, dtype, raw, "expected true or false")
    if ptypes.is_integer_dtype(dtype):
        number = _number(raw, column, dtype)
        if not float(number).is_integer():
            raise _reject(column, dtype, raw, "expected a whole number")
        info = np.iinfo(dtype.numpy_dtype if hasattr(dtype, "numpy_dtype") else dtype)
        if not info.min <= int(number) <= info.max:
            raise _reject(column, dtype, raw, f"out of range {info.min}…{info.max}")
        return int(number)
    if ptypes.is_float_dtype(dtype):
        return float(_number(raw, column, dtype))
    if ptypes.is_datetime64_any_dtype(dtype):
        try:
            stamp = pd.Timestamp(raw)
        except (ValueError, TypeError) as exc:
            raise _reject(column, dtype, raw, "expected a date and time") from exc
        tz = getattr(dtype, "tz", None)
        if tz is not None:
            stamp = stamp.tz_localize(tz) if stamp.tzinfo is None else stamp.tz_convert(tz)
        elif stamp.tzinfo is not None:
            raise _reject(column, dtype, raw, "this column holds times without a time zone")
        return stamp
    if ptypes.is_timedelta64_dtype(dtype):
        try:
            return pd.Timedelta(raw)
        except (ValueError, TypeError) as exc:
            raise _reject(column, dtype, raw, "expected a duration") from exc
    if _is_text(dtype):
        return raw if isinstance(raw, str) else str(raw)
    raise _reject(column, dtype, raw, "this dtype cannot be edited in the map")


def _is_text(dtype: Any) -> bool:
    return ptypes.is_string_dtype(dtype) or ptypes.is_object_dtype(dtype)


def _number(raw: Any, column: Hashable, dtype: Any) -> float:
    if isinstance(raw, bool):
        raise _reject(column, dtype, raw, "expected a number")
    if isinstance(raw, (int, float)):
        value = float(raw)
    else:
        try:
            value = float(str(raw).strip().replace("\u202f", "").replace(" ", ""))
        except ValueError as exc:
            raise _reject(column, dtype, raw, "expected a number") from exc
    if not math.isfinite(value):
        raise _reject(column, dtype, raw, "expected a finite number")
    return value
