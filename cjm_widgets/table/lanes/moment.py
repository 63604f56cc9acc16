"""Moment-of-truth lanes: a step marked decisive, of kind ``one-off`` or ``cross-journey``.

A column of text holds the kind, or a word that means one (English or French); a column of
booleans marks moments of truth without a kind.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import pandas as pd
from pandas.api import types as ptypes

from ...errors import InvalidEditError, InvalidLaneError
from ..values import is_missing
from .base import LaneKind, name_key

KINDS = ("one-off", "cross-journey", "moment")

#: Words accepted for each kind (compared without case and accents); the README lists them.
SYNONYMS: dict[str, str] = {
    **dict.fromkeys(
        ("one off", "oneoff", "one time", "single", "ponctuel", "ponctuelle", "unique"),
        "one-off",
    ),
    **dict.fromkeys(
        (
            "cross journey",
            "crossjourney",
            "transversal",
            "transversale",
            "transverse",
            "inter parcours",
            "multi parcours",
        ),
        "cross-journey",
    ),
    **dict.fromkeys(
        ("moment", "moment of truth", "moment de verite", "yes", "oui", "x", "true", "vrai"),
        "moment",
    ),
}


def moment_kind(value: Any) -> str | None:
    """The kind a cell's value means, ``None`` for no moment of truth; raises if unknown."""
    if is_missing(value) or value is False:
        return None
    if value is True:
        return "moment"
    key = name_key(value)
    if key == "" or key in ("no", "non", "false", "faux", "none"):
        return None
    kind = SYNONYMS.get(key)
    if kind is None:
        raise ValueError(value)
    return kind


def moment_or_text(value: Any) -> str | None:
    """The kind a value means (``ponctuel`` is one-off), or, for a curve whose moments are
    free text, the value itself as text; ``None`` for no moment of truth."""
    try:
        return moment_kind(value)
    except ValueError:
        text = str(value).strip()
        return text or None


def _is_kind(value: Any) -> bool:
    try:
        moment_kind(value)
    except ValueError:
        return False
    return True


def _accepted() -> str:
    return "one-off, cross-journey or moment (or a synonym such as ponctuel, transversal, oui)"


class Moment(LaneKind):
    name = "moment"
    names = frozenset(
        {"moment of truth", "moments of truth", "mot", "moment de verite", "moments de verite"}
    )

    def recognises(self, series: pd.Series, column: Hashable) -> bool:
        if name_key(column) in self.names:
            return True
        if not (ptypes.is_object_dtype(series.dtype) or ptypes.is_string_dtype(series.dtype)):
            return False
        values = series.dropna().astype(str).str.strip()
        values = values[values != ""]
        return len(values) > 0 and bool(values.isin(("one-off", "cross-journey")).all())

    def check_column(self, series: pd.Series, column: Hashable) -> None:
        if ptypes.is_bool_dtype(series.dtype):
            return
        unknown = [(label, value) for label, value in series.items() if not _is_kind(value)]
        if unknown:
            label, value = unknown[0]
            raise InvalidLaneError(
                f"moment-of-truth lane {column!r}: {value!r} (row {label!r}) is not a kind; "
                f"use {_accepted()}"
            )

    def value(self, raw: Any, series: pd.Series, lane: Any) -> Any:
        if ptypes.is_bool_dtype(series.dtype):
            return raw
        try:
            kind = moment_kind(raw)
        except ValueError:
            raise InvalidEditError(
                f"{raw!r} is not a moment of truth kind; use {_accepted()}"
            ) from None
        if kind is None:
            return None
        # The column's own word for the kind (a French map keeps "ponctuel"), else the kind.
        for value in series.dropna().unique():
            if isinstance(value, str) and moment_kind(value) == kind:
                return value
        return kind

    def encode(self, series: pd.Series) -> list[Any] | None:
        if ptypes.is_bool_dtype(series.dtype):
            return None
        return [moment_kind(v) for v in series.tolist()]


KIND = Moment()
