"""Numbers and booleans: numpy's dtypes and pandas' nullable ones (``null`` is pd.NA)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from .codec import BadValue, Codec, first_misfit, float_text, is_number, is_whole, shown

NUMPY_INTS = ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64")
NUMPY_FLOATS = ("float32", "float64")
MASKED_INTS = ("Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16", "UInt32", "UInt64")
MASKED_FLOATS = ("Float32", "Float64")


class Numpy(Codec):
    """A numpy dtype, named as numpy names it."""

    def __init__(self, name: str) -> None:
        self.dtype = np.dtype(name)

    @property
    def spec(self) -> dict[str, Any]:
        return {"dtype": self.dtype.name}


class NumpyInts(Numpy):
    def encode(self, values: pd.Series) -> list[str]:
        return [str(v) for v in values.to_numpy().tolist()]

    def decode(self, values: list[Any]) -> Any:
        if not all(type(v) is int for v in values):
            first_misfit(values, is_whole, f"a whole number ({self.dtype.name})")
        return _ints(values, self.dtype)


def _ints(values: list[Any], dtype: np.dtype) -> np.ndarray:
    try:
        return np.array(values, dtype=dtype)
    except OverflowError:
        info = np.iinfo(dtype)
        first_misfit(values, lambda v: info.min <= v <= info.max, f"within {dtype.name}'s range")
        raise


class NumpyFloats(Numpy):
    def encode(self, values: pd.Series) -> list[str]:
        return [float_text(v) for v in values.to_numpy().tolist()]

    def decode(self, values: list[Any]) -> Any:
        return _floats(values, self.dtype)


def _floats(values: list[Any], dtype: np.dtype) -> np.ndarray:
    if not all(type(v) is float for v in values):
        first_misfit(values, is_number, "a number")
    try:
        wide = np.array(values, dtype=np.float64)
    except OverflowError:  # a whole number beyond any float
        first_misfit(values, lambda v: abs(v) < 2.0**1024, "within a float's range")
        raise
    with np.errstate(over="ignore"):
        out = wide.astype(dtype)
    over = np.isinf(out) & np.isfinite(wide)
    if over.any():
        position = int(np.flatnonzero(over)[0])
        raise BadValue(position, f"{shown(values[position])} is beyond {dtype.name}'s range")
    return out


class NumpyBools(Numpy):
    def encode(self, values: pd.Series) -> list[str]:
        return ["true" if v else "false" for v in values.to_numpy().tolist()]

    def decode(self, values: list[Any]) -> Any:
        if not all(type(v) is bool for v in values):
            first_misfit(values, lambda v: type(v) is bool, "true or false")
        return np.array(values, dtype=bool)


class Masked(Codec):
    """Nullable Int*, Float* and boolean: ``null`` is pd.NA (a Float's NaN stays NaN)."""

    def __init__(self, name: str) -> None:
        self.dtype = pd.api.types.pandas_dtype(name)
        self.name = name

    @property
    def spec(self) -> dict[str, Any]:
        return {"dtype": self.name}

    def encode(self, values: pd.Series) -> list[str]:
        missing = values.isna().to_numpy().tolist()
        if self.name == "boolean":
            data = values.to_numpy(dtype=bool, na_value=False).tolist()
            return [
                "null" if m else ("true" if v else "false")
                for v, m in zip(data, missing, strict=True)
            ]
        if self.name in MASKED_FLOATS:  # a NaN that is not NA is written NaN
            floats = values.to_numpy(dtype=np.float64, na_value=np.nan).tolist()
            return ["null" if m else float_text(v) for v, m in zip(floats, missing, strict=True)]
        data = values.astype(object).where(values.notna(), None).tolist()
        return ["null" if m else str(v) for v, m in zip(data, missing, strict=True)]

    def decode(self, values: list[Any]) -> Any:
        mask = np.array([v is None for v in values], dtype=bool)
        if self.name == "boolean":
            if not all(v is None or type(v) is bool for v in values):
                first_misfit(values, lambda v: v is None or type(v) is bool, "true, false or null")
            data = np.array([bool(v) for v in values], dtype=bool)
            return pd.arrays.BooleanArray(data, mask)
        filled = [0 if v is None else v for v in values]
        numpy_dtype = self.dtype.numpy_dtype
        if self.name in MASKED_FLOATS:
            if not all(type(v) is float or v is None for v in values):
                first_misfit(values, lambda v: v is None or is_number(v), "a number or null")
            return pd.arrays.FloatingArray(_floats(filled, numpy_dtype), mask)
        if not all(type(v) is int for v in filled):
            first_misfit(
                values, lambda v: v is None or is_whole(v), f"a whole number ({self.name}) or null"
            )
        return pd.arrays.IntegerArray(_ints(filled, numpy_dtype), mask)
