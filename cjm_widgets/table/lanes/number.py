"""Number lanes (KPIs): a bar scaled over the lane, with the value in a chosen format."""

from __future__ import annotations

import re
from collections.abc import Hashable
from typing import Any

import pandas as pd
from pandas.api import types as ptypes

from ...errors import InvalidLaneError
from ..values import duration_text, number_text
from .base import LaneKind, name_key

FORMATS = ("number", "percent", "duration")

# Names of shares and durations, as the analytics functions and people write them.
_PERCENT = re.compile(r"\b(share|rate|ratio|pct|percent|percentage|conversion|kept|taux|part)\b")
_DURATION = re.compile(r"\b(seconds?|secs?|duration|wait|time to next|duree|attente)\b")


class Number(LaneKind):
    name = "number"

    def recognises(self, series: pd.Series, column: Hashable) -> bool:
        dtype = series.dtype
        return (
            ptypes.is_numeric_dtype(dtype)
            and not ptypes.is_bool_dtype(dtype)
            and not ptypes.is_complex_dtype(dtype)
        )

    def check_column(self, series: pd.Series, column: Hashable) -> None:
        if not self.recognises(series, column):
            raise InvalidLaneError(
                f"lane {column!r} is declared as a number lane but its dtype is {series.dtype}"
            )

    def value(self, raw: Any, series: pd.Series, lane: Any) -> Any:
        """Text typed in the lane's unit: ``50`` or ``50 %`` in a percent lane is 0.5, and
        ``1 min 35 s`` in a duration lane is 95 seconds, as the lane shows them."""
        if not isinstance(raw, str) or raw.strip() == "":
            return raw
        style = lane_format(lane, series)["style"]
        text = raw.strip()
        if style == "percent":
            return number_text(text.removesuffix("%").strip(), lane.column, series.dtype) / 100
        if style == "duration":
            return duration_text(text, lane.column, series.dtype)
        return raw

    def wire(self, lane: Any, series: pd.Series) -> dict[str, Any]:
        return {"format": lane_format(lane, series)}


def parse_format(column: Hashable, spec: str | None) -> tuple[str, int | None] | None:
    """``"percent"``, ``"duration"``, ``"number"``, optionally ``":N"`` decimals."""
    if spec is None:
        return None
    style, _, digits = str(spec).partition(":")
    if style not in FORMATS or (digits and not (digits.isdigit() and int(digits) <= 6)):
        raise InvalidLaneError(
            f"lane {column!r}: format {spec!r} is not one of {', '.join(FORMATS)} "
            f"(optionally with ':N' decimals, N from 0 to 6, e.g. 'percent:1')"
        )
    return style, int(digits) if digits else None


def lane_format(lane: Any, series: pd.Series) -> dict[str, Any]:
    """How the view writes the lane's numbers: the declared format, or one read from the name.

    A share (a name such as ``exit_rate`` or ``customer_share``, values within 0…1) is a
    percentage; seconds (``median_seconds_to_next``) are a duration; anything else a number.
    """
    declared = parse_format(lane.column, getattr(lane, "format", None))
    if declared is not None:
        return {"style": declared[0], "digits": declared[1]}
    key = name_key(lane.column)
    if _DURATION.search(key):
        return {"style": "duration", "digits": None}
    if _PERCENT.search(key) and ptypes.is_float_dtype(series.dtype):
        values = series.dropna()
        if len(values) and values.between(0, 1).all():
            return {"style": "percent", "digits": None}
    return {"style": "number", "digits": None}


KIND = Number()
