"""Dates and durations: datetime64 (with its time zone) in ISO 8601, timedelta64 as pandas
writes it."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from typing import Any, cast

import numpy as np
import pandas as pd

from .codec import BadSpec, BadValue, Codec, shown

UNITS = ("s", "ms", "us", "ns")

_OFFSET = re.compile(r"(Z|[+-]\d\d:\d\d(?::\d\d(?:\.\d{1,6})?)?)$")
_LOCAL = re.compile(r"-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?")


def _tz_name(tz: Any) -> str:
    """The name a file holds for a time zone: an IANA key (zoneinfo, pytz and dateutil zones
    alike), UTC, or a whole-minute offset; a zone with no such name is a TypeError."""
    if tz is dt.timezone.utc:
        return "UTC"
    if isinstance(tz, zoneinfo.ZoneInfo) and tz.key:
        return tz.key
    # pytz zones name themselves in .zone, dateutil's in the file they were read from.
    key = (
        getattr(tz, "zone", None)
        or str(getattr(tz, "_filename", "") or "").rpartition("zoneinfo/")[2]
    )
    if isinstance(key, str) and key:
        if key == "UTC":
            return key
        try:
            zoneinfo.ZoneInfo(key)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            pass
        else:
            return key
    offset = tz.utcoffset(None)  # a fixed offset has one whatever the date
    if offset is not None:
        sign = "-" if offset < dt.timedelta(0) else "+"
        minutes, seconds = divmod(abs(int(offset.total_seconds())), 60)
        if seconds or offset.microseconds:
            raise TypeError(f"time zone {tz} (an offset of seconds)")
        return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"
    raise TypeError(f"time zone {tz!r}")


def tz_of(name: Any) -> dt.tzinfo:
    if name == "UTC":
        return dt.timezone.utc
    if not isinstance(name, str):
        raise BadSpec(f"tz {shown(name)} is not a time zone name")
    fixed = re.fullmatch(r"([+-])(\d\d):(\d\d)", name)
    if fixed:
        sign = -1 if fixed[1] == "-" else 1
        minutes = int(fixed[2]) * 60 + int(fixed[3])
        return dt.timezone(sign * dt.timedelta(minutes=minutes))
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise BadSpec(f"tz {shown(name)} is no time zone this machine knows") from None


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
        self.unit: Any = unit  # one of UNITS
        self.tz = tz
        self.tz_name = None if tz is None else _tz_name(tz)  # refused here, where it is named
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
            "tz": self.tz_name,
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
                raise BadValue(position, f"{shown(value)} is not an ISO 8601 date and time")
            offset = _OFFSET.search(value) if self.tz is not None else None
            stamp = value[: offset.start()] if offset else value
            if (self.tz is not None and offset is None) or not _LOCAL.fullmatch(stamp):
                zone = " with its UTC offset" if self.tz is not None else ""
                raise BadValue(
                    position,
                    f"{shown(value)} is not an ISO 8601 date and time{zone} "
                    "(e.g. 2024-03-31T14:30:00)",
                )
            try:
                local[position] = np.datetime64(stamp, self.unit)
                if offset:
                    offsets[position] = np.timedelta64(
                        round(_offset_seconds(offset[0]) * 1e6), "us"
                    )
            except (ValueError, OverflowError) as exc:
                raise BadValue(position, f"{shown(value)}: {exc}") from None
        if self.tz is None:
            return pd.array(local, dtype=self.dtype)
        utc = local - offsets.astype(f"timedelta64[{self.unit}]")
        instants = pd.DatetimeIndex(utc).tz_localize("UTC")
        return instants.tz_convert(self.tz).array


class Timedeltas(Codec):
    """Durations as pandas writes them: ``1 days 02:30:00``."""

    def __init__(self, unit: str) -> None:
        self.unit: Any = unit  # one of UNITS
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
                    position, f'{shown(value)} is not a duration (e.g. "1 days 02:30:00")'
                ) from None
        return pd.array(out, dtype=self.dtype)
