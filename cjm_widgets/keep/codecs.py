"""How a column's values are written in a journey file, one JSON text each, and read back.

One codec per family of dtypes. A codec's ``spec`` is the dtype as the file states it (JSON),
``encode`` gives one JSON text per value and ``decode`` takes the JSON values back to an array
of exactly that dtype, or raises :class:`BadValue` naming the position of the first value that
does not fit. Missing values keep their kind: ``null`` is None (or the dtype's own missing
value), ``NaN`` is NaN, and an object column's ``pd.NA`` and ``NaT`` are ``{"$": "NA"}`` and
``{"$": "NaT"}``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zoneinfo
from collections.abc import Callable, Sequence
from json.encoder import encode_basestring
from typing import Any, cast

import numpy as np
import pandas as pd
from pandas.api import types as ptypes

from ..errors import JourneyFileError
from ..table.schema import plain

_SPECIAL_FLOATS = {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}
_NUMPY_INTS = ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64")
_NUMPY_FLOATS = ("float32", "float64")
_MASKED_INTS = ("Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16", "UInt32", "UInt64")
_MASKED_FLOATS = ("Float32", "Float64")
_UNITS = ("s", "ms", "us", "ns")


class BadValue(Exception):
    """A value that does not fit its column: ``position`` in the column, and why."""

    def __init__(self, position: int, message: str) -> None:
        super().__init__(message)
        self.position = position
        self.message = message


class BadSpec(Exception):
    """A dtype description the file gives that this version cannot read."""


def float_text(value: Any) -> str:
    text = repr(float(value))
    return _SPECIAL_FLOATS.get(text, text)


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if _jsonable(value) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _jsonable(value: Any) -> bool:
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        return False
    return True


def _first(values: Sequence[Any], fits: Callable[[Any], bool], what: str) -> None:
    """Raise for the first value that does not fit."""
    for position, value in enumerate(values):
        if not fits(value):
            raise BadValue(position, f"{_shown(value)} is not {what}")


def _whole(value: Any) -> bool:
    return type(value) is int


def _number(value: Any) -> bool:
    return type(value) is int or type(value) is float


class Codec:
    """The values of one dtype."""

    dtype: Any

    @property
    def spec(self) -> dict[str, Any]:
        raise NotImplementedError

    def encode(self, values: pd.Series) -> list[str]:
        raise NotImplementedError

    def decode(self, values: list[Any]) -> Any:
        raise NotImplementedError


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
            _first(values, _whole, f"a whole number ({self.dtype.name})")
        return _ints(values, self.dtype)


def _ints(values: list[Any], dtype: np.dtype) -> np.ndarray:
    try:
        return np.array(values, dtype=dtype)
    except OverflowError:
        info = np.iinfo(dtype)
        _first(values, lambda v: info.min <= v <= info.max, f"within {dtype.name}'s range")
        raise


class NumpyFloats(Numpy):
    def encode(self, values: pd.Series) -> list[str]:
        return [float_text(v) for v in values.to_numpy().tolist()]

    def decode(self, values: list[Any]) -> Any:
        return _floats(values, self.dtype)


def _floats(values: list[Any], dtype: np.dtype) -> np.ndarray:
    if not all(type(v) is float for v in values):
        _first(values, _number, "a number")
    try:
        wide = np.array(values, dtype=np.float64)
    except OverflowError:  # a whole number beyond any float
        _first(values, lambda v: abs(v) < 2.0**1024, "within a float's range")
        raise
    with np.errstate(over="ignore"):
        out = wide.astype(dtype)
    over = np.isinf(out) & np.isfinite(wide)
    if over.any():
        position = int(np.flatnonzero(over)[0])
        raise BadValue(position, f"{_shown(values[position])} is beyond {dtype.name}'s range")
    return out


class NumpyBools(Numpy):
    def encode(self, values: pd.Series) -> list[str]:
        return ["true" if v else "false" for v in values.to_numpy().tolist()]

    def decode(self, values: list[Any]) -> Any:
        if not all(type(v) is bool for v in values):
            _first(values, lambda v: type(v) is bool, "true or false")
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
        if self.name in _MASKED_FLOATS:  # a NaN that is not NA is written NaN
            floats = values.to_numpy(dtype=np.float64, na_value=np.nan).tolist()
            return ["null" if m else float_text(v) for v, m in zip(floats, missing, strict=True)]
        data = values.astype(object).where(values.notna(), None).tolist()
        return ["null" if m else str(v) for v, m in zip(data, missing, strict=True)]

    def decode(self, values: list[Any]) -> Any:
        mask = np.array([v is None for v in values], dtype=bool)
        if self.name == "boolean":
            if not all(v is None or type(v) is bool for v in values):
                _first(values, lambda v: v is None or type(v) is bool, "true, false or null")
            data = np.array([bool(v) for v in values], dtype=bool)
            return pd.arrays.BooleanArray(data, mask)
        filled = [0 if v is None else v for v in values]
        numpy_dtype = self.dtype.numpy_dtype
        if self.name in _MASKED_FLOATS:
            if not all(type(v) is float or v is None for v in values):
                _first(values, lambda v: v is None or _number(v), "a number or null")
            return pd.arrays.FloatingArray(_floats(filled, numpy_dtype), mask)
        if not all(type(v) is int for v in filled):
            _first(
                values, lambda v: v is None or _whole(v), f"a whole number ({self.name}) or null"
            )
        return pd.arrays.IntegerArray(_ints(filled, numpy_dtype), mask)


class Text(Codec):
    """pandas' string dtypes: text, or ``null`` for the dtype's missing value."""

    def __init__(self, dtype: pd.StringDtype) -> None:
        self.dtype = dtype

    @property
    def spec(self) -> dict[str, Any]:
        na_nan = self.dtype.na_value is not pd.NA
        return {"dtype": "str" if na_nan else "string", "storage": self.dtype.storage}

    def encode(self, values: pd.Series) -> list[str]:
        # tolist() gives text and the dtype's missing value (NaN or pd.NA), nothing else.
        return [encode_basestring(v) if type(v) is str else "null" for v in values.tolist()]

    def decode(self, values: list[Any]) -> Any:
        if not all(type(v) is str or v is None for v in values):
            _first(values, lambda v: v is None or type(v) is str, "text or null")
        return pd.array(values, dtype=self.dtype)


def _tag(value: Any) -> str:
    """One value of an object column."""
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        return float_text(value)
    if value is pd.NA:
        return '{"$": "NA"}'
    if value is pd.NaT:
        return '{"$": "NaT"}'
    raise TypeError(type(value).__name__)


_TAGS = {"NA": pd.NA, "NaT": pd.NaT}


class Objects(Codec):
    """An object column: text, numbers, true/false, None, NaN, pd.NA and NaT."""

    dtype = np.dtype(object)

    @property
    def spec(self) -> dict[str, Any]:
        return {"dtype": "object"}

    def encode(self, values: pd.Series) -> list[str]:
        out = []
        for position, value in enumerate(values.tolist()):
            try:
                out.append(_tag(value))
            except TypeError:
                raise BadValue(
                    position,
                    f"a {type(value).__name__} in an object column cannot be saved; keep text, "
                    "numbers, booleans and missing values in it, or give the column its dtype",
                ) from None
        return out

    def decode(self, values: list[Any]) -> Any:
        out = np.empty(len(values), dtype=object)
        for position, value in enumerate(values):
            if isinstance(value, dict):
                tag = value.get("$") if len(value) == 1 else None
                if tag not in _TAGS:
                    raise BadValue(
                        position, f'{_shown(value)} is not {{"$": "NA"}} nor {{"$": "NaT"}}'
                    )
                value = _TAGS[tag]
            elif isinstance(value, list):
                raise BadValue(position, f"{_shown(value)} is a list, not a value")
            out[position] = value
        return out


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
        code_of = {_key(json.loads(t)): code for code, t in enumerate(self.texts)}
        codes = np.empty(len(values), dtype=np.int64)
        for position, value in enumerate(values):
            if value is None:
                codes[position] = -1
                continue
            code = code_of.get(_key(value))
            if code is None:
                raise BadValue(position, f"{_shown(value)} is not among the column's categories")
            codes[position] = code
        return pd.Categorical.from_codes(codes, dtype=self.dtype)


def _key(value: Any) -> Any:
    """A JSON value as a dict key: 1, 1.0 and true are three keys."""
    if isinstance(value, (dict, list)):
        return json.dumps(value, sort_keys=True)
    return (type(value), value)


_OFFSET = re.compile(r"(Z|[+-]\d\d:\d\d(?::\d\d(?:\.\d{1,6})?)?)$")
_LOCAL = re.compile(r"-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?")


def _tz_name(tz: Any) -> str:
    if tz is dt.timezone.utc:
        return "UTC"
    if isinstance(tz, zoneinfo.ZoneInfo) and tz.key:
        return tz.key
    if isinstance(tz, dt.timezone):
        offset = tz.utcoffset(None)
        sign = "-" if offset < dt.timedelta(0) else "+"
        minutes, seconds = divmod(abs(int(offset.total_seconds())), 60)
        if seconds or offset.microseconds:
            raise TypeError(str(tz))
        return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"
    raise TypeError(str(tz))


def _tz(name: Any) -> dt.tzinfo:
    if name == "UTC":
        return dt.timezone.utc
    if not isinstance(name, str):
        raise BadSpec(f"tz {_shown(name)} is not a time zone name")
    fixed = re.fullmatch(r"([+-])(\d\d):(\d\d)", name)
    if fixed:
        sign = -1 if fixed[1] == "-" else 1
        minutes = int(fixed[2]) * 60 + int(fixed[3])
        return dt.timezone(sign * dt.timedelta(minutes=minutes))
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise BadSpec(f"tz {_shown(name)} is no time zone this machine knows") from None


def _offset_seconds(text: str) -> float:
    if text == "Z":
        return 0.0
    sign = -1 if text[0] == "-" else 1
    parts = text[1:].split(":")
    return sign * (
        int(parts[0]) * 3600 + int(parts[1]) * 60 + float(parts[2] if len(parts) > 2 else 0)
    )


class Datetimes(Codec):
    """Instants in ISO 8601 (with their UTC offset when the column has a time zone)."""

    def __init__(self, unit: str, tz: dt.tzinfo | None) -> None:
        self.unit: Any = unit  # one of _UNITS
        self.tz = tz
        self.dtype = (
            pd.DatetimeTZDtype(cast(Any, unit), tz=tz)
            if tz is not None
            else np.dtype(f"datetime64[{unit}]")
        )

    @property
    def spec(self) -> dict[str, Any]:
        return {
            "dtype": "datetime64",
            "unit": self.unit,
            "tz": None if self.tz is None else _tz_name(self.tz),
        }

    def encode(self, values: pd.Series) -> list[str]:
        return ["null" if v is pd.NaT else f'"{v.isoformat()}"' for v in values.tolist()]

    def decode(self, values: list[Any]) -> Any:
        local = np.empty(len(values), dtype=f"datetime64[{self.unit}]")
        offsets = np.zeros(len(values), dtype="timedelta64[us]")
        for position, value in enumerate(values):
            if value is None:
                local[position] = np.datetime64("NaT")
                continue
            if type(value) is not str:
                raise BadValue(position, f"{_shown(value)} is not an ISO 8601 date and time")
            offset = _OFFSET.search(value) if self.tz is not None else None
            stamp = value[: offset.start()] if offset else value
            if (self.tz is not None and offset is None) or not _LOCAL.fullmatch(stamp):
                zone = " with its UTC offset" if self.tz is not None else ""
                raise BadValue(
                    position,
                    f"{_shown(value)} is not an ISO 8601 date and time{zone} "
                    "(e.g. 2024-03-31T14:30:00)",
                )
            try:
                local[position] = np.datetime64(stamp, self.unit)
                if offset:
                    offsets[position] = np.timedelta64(
                        round(_offset_seconds(offset[0]) * 1e6), "us"
                    )
            except (ValueError, OverflowError) as exc:
                raise BadValue(position, f"{_shown(value)}: {exc}") from None
        if self.tz is None:
            return pd.array(local, dtype=self.dtype)
        utc = local - offsets.astype(f"timedelta64[{self.unit}]")
        instants = pd.DatetimeIndex(utc).tz_localize("UTC")
        return instants.tz_convert(self.tz).array


class Timedeltas(Codec):
    """Durations as pandas writes them: ``1 days 02:30:00``."""

    def __init__(self, unit: str) -> None:
        self.unit: Any = unit  # one of _UNITS
        self.dtype = np.dtype(f"timedelta64[{unit}]")

    @property
    def spec(self) -> dict[str, Any]:
        return {"dtype": "timedelta64", "unit": self.unit}

    def encode(self, values: pd.Series) -> list[str]:
        out = []
        for position, value in enumerate(values.tolist()):
            if value is pd.NaT:
                out.append("null")
                continue
            text = str(value)
            try:
                same = pd.Timedelta(text) == value
            except (ValueError, OverflowError):
                same = False
            if not same:
                raise BadValue(position, f"duration {value!r} is beyond what can be written")
            out.append(f'"{text}"')
        return out

    def decode(self, values: list[Any]) -> Any:
        out = np.empty(len(values), dtype=self.dtype)
        for position, value in enumerate(values):
            if value is None:
                out[position] = np.timedelta64("NaT")
                continue
            try:
                if type(value) is not str:
                    raise ValueError("not text")
                out[position] = pd.Timedelta(value).as_unit(self.unit).to_timedelta64()
            except (ValueError, OverflowError):
                raise BadValue(
                    position, f'{_shown(value)} is not a duration (e.g. "1 days 02:30:00")'
                ) from None
        return pd.array(out, dtype=self.dtype)


def codec_for(dtype: Any) -> Codec:
    """The codec of a dtype; :class:`TypeError` naming it when the file cannot hold it."""
    if isinstance(dtype, pd.CategoricalDtype):
        return Categories(dtype.categories, bool(dtype.ordered))
    if isinstance(dtype, pd.StringDtype):
        return Text(dtype)
    if isinstance(dtype, pd.DatetimeTZDtype):
        return Datetimes(dtype.unit, dtype.tz)
    name = str(dtype)
    if name in _MASKED_INTS or name in _MASKED_FLOATS or name == "boolean":
        return Masked(name)
    if isinstance(dtype, np.dtype):
        if name in _NUMPY_INTS:
            return NumpyInts(name)
        if name in _NUMPY_FLOATS:
            return NumpyFloats(name)
        if name == "bool":
            return NumpyBools(name)
        if name == "object":
            return Objects()
        if ptypes.is_datetime64_dtype(dtype) and np.datetime_data(dtype)[0] in _UNITS:
            return Datetimes(np.datetime_data(dtype)[0], None)
        if ptypes.is_timedelta64_dtype(dtype) and np.datetime_data(dtype)[0] in _UNITS:
            return Timedeltas(np.datetime_data(dtype)[0])
    raise TypeError(f"dtype {name}")


def codec_from_spec(spec: Any) -> Codec:
    """The codec a file's dtype description names; :class:`BadSpec` when none does."""
    if not isinstance(spec, dict) or not isinstance(spec.get("dtype"), str):
        raise BadSpec(f'{_shown(spec)} has no "dtype"')
    name = spec["dtype"]
    allowed = {"dtype"}
    codec: Codec
    if name in _NUMPY_INTS:
        codec = NumpyInts(name)
    elif name in _NUMPY_FLOATS:
        codec = NumpyFloats(name)
    elif name == "bool":
        codec = NumpyBools(name)
    elif name in _MASKED_INTS or name in _MASKED_FLOATS or name == "boolean":
        codec = Masked(name)
    elif name == "object":
        codec = Objects()
    elif name in ("str", "string"):
        allowed.add("storage")
        codec = Text(_string_dtype(name, spec.get("storage")))
    elif name in ("datetime64", "timedelta64"):
        allowed |= {"unit", "tz"} if name == "datetime64" else {"unit"}
        unit = spec.get("unit")
        if unit not in _UNITS:
            raise BadSpec(f"unit {_shown(unit)} is not one of {', '.join(_UNITS)}")
        tz = spec.get("tz")
        codec = (
            Datetimes(unit, None if tz is None else _tz(tz))
            if name == "datetime64"
            else (Timedeltas(unit))
        )
    elif name == "category":
        allowed |= {"ordered", "categories"}
        codec = _categories_from_spec(spec)
    else:
        raise BadSpec(f"unknown dtype {_shown(name)}")
    unknown = sorted(set(spec) - allowed)
    if unknown:
        raise BadSpec(f"unknown key {_shown(unknown[0])} for dtype {name}")
    return codec


def _string_dtype(name: str, storage: Any) -> pd.StringDtype:
    if storage not in ("python", "pyarrow"):
        raise BadSpec(f'storage {_shown(storage)} is not "python" nor "pyarrow"')
    if storage == "pyarrow":
        try:
            import pyarrow  # noqa: F401
        except ImportError:  # the same text, kept by Python instead
            storage = "python"
    return pd.StringDtype(storage, na_value=np.nan if name == "str" else pd.NA)


def _categories_from_spec(spec: dict[str, Any]) -> Codec:
    ordered = spec.get("ordered")
    if type(ordered) is not bool:
        raise BadSpec(f'"ordered" must be true or false, not {_shown(ordered)}')
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
