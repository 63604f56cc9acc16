"""How a column's values are written in a journey file, one JSON text each, and read back:
the codec of each dtype (:func:`codec_for`) and of each dtype a file names
(:func:`codec_from_spec`). One module per family: :mod:`.numbers`, :mod:`.texts`,
:mod:`.times`; categories here, as their categories have a codec of their own. Missing values
keep their kind: ``null`` is None (or the dtype's own missing value), ``NaN`` is NaN.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pandas as pd
from pandas.api import types as ptypes

from ..errors import JourneyFileError
from ..table.schema import plain
from .codec import BadSpec, BadValue, Codec, json_key, shown
from .numbers import (
    MASKED_FLOATS,
    MASKED_INTS,
    NUMPY_FLOATS,
    NUMPY_INTS,
    Masked,
    NumpyBools,
    NumpyFloats,
    NumpyInts,
)
from .texts import Objects, Text
from .times import UNITS, Datetimes, Timedeltas, tz_of

__all__ = ["BadSpec", "BadValue", "Codec", "codec_for", "codec_from_spec", "column_codec"]


class Categories(Codec):
    """A categorical column: its categories (their dtype, values, order) and ``ordered``."""

    def __init__(self, categories: pd.Index, ordered: bool) -> None:
        self.dtype = pd.CategoricalDtype(categories, ordered=ordered)
        self.inner = codec_for(categories.dtype)
        self.texts = self.inner.encode(pd.Series(categories, copy=False))

    @property
    def spec(self) -> dict[str, Any]:
        return {
            "dtype": "category",
            "ordered": bool(self.dtype.ordered),
            "categories": {
                **self.inner.spec,
                "values": [json.loads(t) for t in self.texts],
            },
        }

    def encode(self, values: pd.Series) -> list[str]:
        texts = self.texts
        return ["null" if c < 0 else texts[c] for c in values.cat.codes.to_numpy().tolist()]

    def decode(self, values: list[Any]) -> Any:
        code_of = {json_key(json.loads(t)): code for code, t in enumerate(self.texts)}
        codes = np.empty(len(values), dtype=np.int64)
        for position, value in enumerate(values):
            if value is None:
                codes[position] = -1
                continue
            code = code_of.get(json_key(value))
            if code is None:
                raise BadValue(position, f"{shown(value)} is not among the column's categories")
            codes[position] = code
        return pd.Categorical.from_codes(codes, dtype=self.dtype)


def codec_for(dtype: Any) -> Codec:
    """The codec of a dtype; :class:`TypeError` naming it when the file cannot hold it."""
    if isinstance(dtype, pd.CategoricalDtype):
        return Categories(dtype.categories, bool(dtype.ordered))
    if isinstance(dtype, pd.StringDtype):
        return Text(dtype)
    if isinstance(dtype, pd.DatetimeTZDtype):
        return Datetimes(dtype.unit, dtype.tz)
    name = str(dtype)
    if name in MASKED_INTS or name in MASKED_FLOATS or name == "boolean":
        return Masked(name)
    if isinstance(dtype, np.dtype):
        if name in NUMPY_INTS:
            return NumpyInts(name)
        if name in NUMPY_FLOATS:
            return NumpyFloats(name)
        if name == "bool":
            return NumpyBools(name)
        if name == "object":
            return Objects()
        if ptypes.is_datetime64_dtype(dtype) and np.datetime_data(dtype)[0] in UNITS:
            return Datetimes(np.datetime_data(dtype)[0], None)
        if ptypes.is_timedelta64_dtype(dtype) and np.datetime_data(dtype)[0] in UNITS:
            return Timedeltas(np.datetime_data(dtype)[0])
    raise TypeError(f"dtype {name}")


def codec_from_spec(spec: Any) -> Codec:
    """The codec a file's dtype description names; :class:`BadSpec` when none does."""
    if not isinstance(spec, dict) or not isinstance(spec.get("dtype"), str):
        raise BadSpec(f'{shown(spec)} has no "dtype"')
    name = spec["dtype"]
    allowed = {"dtype"}
    codec: Codec
    if name in NUMPY_INTS:
        codec = NumpyInts(name)
    elif name in NUMPY_FLOATS:
        codec = NumpyFloats(name)
    elif name == "bool":
        codec = NumpyBools(name)
    elif name in MASKED_INTS or name in MASKED_FLOATS or name == "boolean":
        codec = Masked(name)
    elif name == "object":
        codec = Objects()
    elif name in ("str", "string"):
        allowed.add("storage")
        codec = Text(_string_dtype(name, spec.get("storage")))
    elif name in ("datetime64", "timedelta64"):
        allowed |= {"unit", "tz"} if name == "datetime64" else {"unit"}
        unit = spec.get("unit")
        if unit not in UNITS:
            raise BadSpec(f"unit {shown(unit)} is not one of {', '.join(UNITS)}")
        tz = spec.get("tz")
        codec = (
            Datetimes(unit, None if tz is None else tz_of(tz))
            if name == "datetime64"
            else (Timedeltas(unit))
        )
    elif name == "category":
        allowed |= {"ordered", "categories"}
        codec = _categories_from_spec(spec)
    else:
        raise BadSpec(f"unknown dtype {shown(name)}")
    unknown = sorted(set(spec) - allowed)
    if unknown:
        raise BadSpec(f"unknown key {shown(unknown[0])} for dtype {name}")
    return codec


def _string_dtype(name: str, storage: Any) -> pd.StringDtype:
    if storage not in ("python", "pyarrow"):
        raise BadSpec(f'storage {shown(storage)} is not "python" nor "pyarrow"')
    if storage == "pyarrow":
        try:
            import pyarrow  # noqa: F401
        except ImportError:  # the same text, kept by Python instead
            storage = "python"
    return pd.StringDtype(storage, na_value=np.nan if name == "str" else pd.NA)


def _categories_from_spec(spec: dict[str, Any]) -> Codec:
    ordered = spec.get("ordered")
    if type(ordered) is not bool:
        raise BadSpec(f'"ordered" must be true or false, not {shown(ordered)}')
    inner_spec = spec.get("categories")
    if not isinstance(inner_spec, dict) or not isinstance(inner_spec.get("values"), list):
        raise BadSpec('"categories" must give the categories\' "dtype" and "values"')
    inner_spec = dict(inner_spec)
    listed = inner_spec.pop("values")
    inner = codec_from_spec(inner_spec)
    try:
        categories = pd.Index(inner.decode(listed), dtype=inner.dtype)
    except BadValue as bad:
        raise BadSpec(f"category {bad.position + 1}: {bad.message}") from None
    if categories.hasnans or not categories.is_unique:
        raise BadSpec("categories must be distinct and not missing")
    return Categories(categories, ordered)


def column_codec(dtype: Any, field: str) -> Codec:
    """:func:`codec_for` for saving: a dtype no file holds is refused, naming ``field``."""
    try:
        return codec_for(dtype)
    except TypeError as exc:
        raise JourneyFileError(
            f"{exc} cannot be saved in a journey file; convert it first (text, numbers, "
            "booleans, nullable Int64/Float64/boolean, category, datetime64, timedelta64)",
            field=field,
        ) from None


def label_value(value: Any) -> Any:
    """An index or column name as a JSON value: text, a number, true/false or null."""
    value = plain(value)
    if value is None or type(value) in (str, int, bool):
        return value
    if type(value) is float and np.isfinite(value):
        return value
    raise TypeError(type(value).__name__)
