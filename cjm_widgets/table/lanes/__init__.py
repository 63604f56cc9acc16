"""Lane kinds, one module each; adding a kind is a module here and a line in ``KINDS``."""

from __future__ import annotations

from collections.abc import Hashable

import pandas as pd

from . import channel, emotion, moment, number, priority, text
from .base import LaneKind, name_key
from .number import lane_format

#: Every lane kind by name, in the order an undeclared column is tried against them.
KINDS: dict[str, LaneKind] = {
    kind.name: kind
    for kind in (moment.KIND, priority.KIND, channel.KIND, number.KIND, emotion.KIND, text.KIND)
}


def infer_kind(series: pd.Series, column: Hashable) -> str:
    """The kind of an undeclared lane (booleans are text unless named as moments of truth)."""
    if pd.api.types.is_bool_dtype(series.dtype) and name_key(column) not in moment.KIND.names:
        return "text"
    return next(
        name for name, kind in KINDS.items() if kind.recognises(series, column) or name == "text"
    )


__all__ = ["KINDS", "LaneKind", "infer_kind", "lane_format", "name_key"]
