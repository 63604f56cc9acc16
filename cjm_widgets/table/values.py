"""Turn a value typed in the browser into one that fits its column's dtype."""

from __future__ import annotations

import math
import re
from collections.abc import Hashable
from typing import Any

import numpy as np
import pandas as pd
from pandas.api import types as ptypes

from ..errors import CJMError, InvalidEditError

_TRUE = {"true", "yes", "y", "1", "x", "oui", "vrai"}
_FALSE = {"false", "no", "n", "0", "non", "faux"}


def is_missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def numpy_dtype(dtype: Any) -> np.dtype:
    """The numpy dtype behind a column's dtype (Int64 -> int64)."""
    return np.dtype(getattr(dtype, "numpy_dtype", dtype))


def same_value(a: Any, b: Any) -> bool:
    """Whether two cells hold the same value (missing equals missing, NA never raises)."""
    if is_missing(a) or is_missing(b):
        return is_missing(a) and is_missing(b)
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return False


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


def nullable(series: pd.Series) -> pd.Series:
    """The column as a dtype that can hold an empty value: int64 -> Int64, bool -> boolean."""
    dtype = series.dtype
    if can_hold_missing(dtype):
        return series
    if ptypes.is_bool_dtype(dtype):
        return series.astype("boolean")
    bits = np.dtype(dtype).itemsize * 8  # type: ignore[arg-type]
    if ptypes.is_unsigned_integer_dtype(dtype):
        return series.astype(f"UInt{bits}")  # type: ignore[call-overload]
    if ptypes.is_integer_dtype(dtype):
        return series.astype(f"Int{bits}")  # type: ignore[call-overload]
    return series.astype(object)


def _reject(column: Hashable, dtype: Any, raw: Any, why: str, code: str, **params: Any) -> CJMError:
    # The views say the refusal in their language from its code: "refused.<why>".
    value = raw if type(raw) in (str, int, float) else repr(raw)
    return InvalidEditError(f"{raw!r} does not fit column {column!r} ({dtype}): {why}").with_code(
        code, value=value, column=str(column), **params
    )


def coerce(raw: Any, dtype: Any, column: Hashable) -> Any:
    """The value ``raw`` (text or JSON scalar from the view) as column ``column`` holds it.

    Raises
    ------
    InvalidEditError
        When the value cannot be stored without changing the column's dtype.
    """
    if isinstance(raw, (list, dict, tuple, set, bytes)):
        raise _reject(column, dtype, raw, "expected a single value", "refused.single")
    text = raw.strip() if isinstance(raw, str) else None
    if is_missing(raw) or (text == "" and not _is_text(dtype)):
        if not can_hold_missing(dtype):
            raise _reject(
                column, dtype, raw, "this column cannot hold an empty value", "refused.no_empty"
            )
        return missing_for(dtype)
    if isinstance(dtype, pd.CategoricalDtype):
        value = raw
        if value not in dtype.categories:
            matches = [c for c in dtype.categories if str(c) == str(raw)]
            if not matches:
                shown = ", ".join(repr(c) for c in list(dtype.categories)[:12])
                raise _reject(
                    column,
                    "category",
                    raw,
                    f"allowed values are {shown}",
                    "refused.category",
                    allowed=shown,
                )
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
        raise _reject(column, dtype, raw, "expected true or false", "refused.bool")
    if ptypes.is_integer_dtype(dtype):
        number = _number(raw, column, dtype)
        if not float(number).is_integer():
            raise _reject(column, dtype, raw, "expected a whole number", "refused.whole")
        info = np.iinfo(numpy_dtype(dtype))
        if not info.min <= int(number) <= info.max:
            raise _reject(
                column,
                dtype,
                raw,
                f"out of range {info.min}…{info.max}",
                "refused.range",
                # As text: a JSON number loses int64's last digits in the view.
                low=str(info.min),
                high=str(info.max),
            )
        return int(number)
    if ptypes.is_float_dtype(dtype):
        value = float(_number(raw, column, dtype))
        with np.errstate(over="ignore"):
            held = numpy_dtype(dtype).type(value)
        if not np.isfinite(held):
            raise _reject(column, dtype, raw, f"too large for {dtype}", "refused.too_large")
        return value
    if ptypes.is_datetime64_any_dtype(dtype):
        return _timestamp(raw, dtype, column)
    if ptypes.is_timedelta64_dtype(dtype):
        if not isinstance(raw, str):
            raise _reject(
                column,
                dtype,
                raw,
                "expected a duration such as '2 days 03:00:00'",
                "refused.duration",
            )
        try:
            span = pd.Timedelta(raw)
        except (ValueError, TypeError, OverflowError) as exc:
            raise _reject(column, dtype, raw, "expected a duration", "refused.duration") from exc
        if span is pd.NaT or span.value % 1000:
            raise _reject(
                column, dtype, raw, "durations are kept to the microsecond", "refused.precision"
            )
        return span
    if _is_text(dtype):
        return _text(raw if isinstance(raw, str) else str(raw), column, dtype)
    raise _reject(column, dtype, raw, "this dtype cannot be edited in the map", "refused.dtype")


def _timestamp(raw: Any, dtype: Any, column: Hashable) -> pd.Timestamp:
    # Only text is read as a date: a bare number would be nanoseconds since 1970.
    if not isinstance(raw, str):
        raise _reject(
            column,
            dtype,
            raw,
            "expected a date such as 2024-03-01 or 2024-03-01 14:30",
            "refused.date",
        )
    try:
        stamp = pd.Timestamp(raw.strip())
    except (ValueError, TypeError, OverflowError) as exc:
        raise _reject(
            column, dtype, raw, "expected a date such as 2024-03-01", "refused.date"
        ) from exc
    if stamp is pd.NaT or not 1 <= stamp.year <= 9999:
        raise _reject(
            column, dtype, raw, "expected a date between the years 1 and 9999", "refused.date"
        )
    if stamp.nanosecond:
        raise _reject(column, dtype, raw, "times are kept to the microsecond", "refused.precision")
    tz = getattr(dtype, "tz", None)
    try:
        if tz is not None:
            stamp = stamp.tz_localize(tz) if stamp.tzinfo is None else stamp.tz_convert(tz)
        elif stamp.tzinfo is not None:
            raise _reject(
                column, dtype, raw, "this column holds times without a time zone", "refused.date"
            )
        # The column's own unit must hold it (datetime64[ns] ends in 2262).
        pd.Series([stamp]).astype(dtype)
    except (ValueError, TypeError, OverflowError) as exc:
        if isinstance(exc, InvalidEditError):
            raise
        raise _reject(
            column, dtype, raw, f"the column cannot hold this time ({exc})", "refused.date"
        ) from exc
    return stamp


def writable(text: str) -> bool:
    """Whether text can be written as UTF-8, as the view's JSON and every engine need (a lone
    surrogate, such as "\\ud800", cannot)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _text(text: str, column: Hashable, dtype: Any) -> str:
    if not writable(text):
        raise _reject(
            column, dtype, text, "it holds a lone surrogate, which is not text", "refused.text"
        )
    return text


def _is_text(dtype: Any) -> bool:
    return ptypes.is_string_dtype(dtype) or ptypes.is_object_dtype(dtype)


def _number(raw: Any, column: Hashable, dtype: Any) -> float:
    if isinstance(raw, bool):
        raise _reject(column, dtype, raw, "expected a number", "refused.number")
    try:
        value = (
            float(raw) if isinstance(raw, (int, float)) else number_text(str(raw), column, dtype)
        )
    except OverflowError:  # an int beyond any float
        raise _reject(column, dtype, raw, "expected a finite number", "refused.too_large") from None
    if not math.isfinite(value):
        raise _reject(column, dtype, raw, "expected a finite number", "refused.too_large")
    return value


# A decimal comma (French "4,5") unless it could be an English thousands separator ("1,500").
_DECIMAL_COMMA = re.compile(r"^[+-]?\d*,(\d{1,2}|\d{4,})$")
#: The spaces people put between thousands (what Intl writes in French among them).
_SPACES = " \u00a0\u202f\u2009"
# Spaced thousands come in threes after a first group not starting with 0 (as parseNumber).
_SPACED = re.compile(rf"[1-9]\d{{0,2}}(?:[{_SPACES}]\d{{3}})+")
_DIGITS = re.compile(rf"[\d{_SPACES}]+")


def number_text(text: str, column: Hashable, dtype: Any) -> float:
    """A number as people type it: spaces between thousands, a decimal point or (French)
    comma, a − sign. What French and English read differently is refused ("1,500"), as is
    what no one writes ("1 27", "0 500"): the views send numbers they read in their language,
    this reads text from Python callers."""
    cleaned = text.strip().replace("\u2212", "-")
    whole = re.split(r"[.,eE]", cleaned.lstrip("+-"), maxsplit=1)[0]
    spaced = any(space in whole for space in _SPACES) and _DIGITS.fullmatch(whole)
    if spaced and not _SPACED.fullmatch(whole):
        raise _reject(
            column, dtype, text, "thousands come in groups of three digits", "refused.number"
        )
    cleaned = cleaned.translate({ord(space): None for space in _SPACES})
    if _DECIMAL_COMMA.match(cleaned):
        cleaned = cleaned.replace(",", ".")
    elif "," in cleaned:
        raise _reject(
            column,
            dtype,
            text,
            "write the number without a comma, or with a decimal point",
            "refused.comma",
        )
    try:
        return float(cleaned)
    except ValueError as exc:
        raise _reject(column, dtype, text, "expected a number", "refused.number") from exc


# A number, then its unit (not the start of a longer word): "1 500 s", "1,5 h", "2h".
_DURATION_PART = re.compile(r"(.*?\d)\s*(h|min|s)(?![^\W\d_])\s*")
_UNITS = {"h": 3600.0, "min": 60.0, "s": 1.0}


def duration_text(text: str, column: Hashable, dtype: Any) -> float:
    """Seconds from ``95``, ``95 s``, ``1 min 35 s``, ``2 h 05 min`` or ``2 h 30`` (2 h 30
    min): units from the largest down, each once, a bare number after the last one in the
    next one down, each number read by :func:`number_text` (so "1,500 s" is refused as
    "1,500" is). The views send seconds, read by durationSeconds in number.ts the same way."""
    compact = text.strip()
    if not _DURATION_PART.search(compact):
        return number_text(compact, column, dtype)

    def refused() -> CJMError:
        return _reject(
            column,
            dtype,
            text,
            "expected seconds, or a duration like 1 h 05 min 10 s or 2 h 30",
            "refused.duration",
        )

    negative = compact[:1] in ("-", "\u2212")
    rest = compact[1:].strip() if compact[:1] in ("-", "\u2212", "+") else compact
    total, last = 0.0, math.inf
    while rest:
        part = _DURATION_PART.match(rest)
        amount = part.group(1) if part else rest
        unit = _UNITS[part.group(2)] if part else last / 60
        bare_ok = part is not None or last >= 60
        if amount.strip()[:1] in ("+", "-", "\u2212") or not unit < last or not bare_ok:
            raise refused()
        n = number_text(amount, column, dtype)
        if part is None and not (n.is_integer() and 0 <= n < 60):
            raise refused()
        total += n * unit
        last = unit
        rest = rest[part.end() :] if part else ""
    return -total if negative else total
