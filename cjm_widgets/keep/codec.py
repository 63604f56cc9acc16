"""What every codec is: the dtype as the file states it, its values written and read back.

A codec's ``spec`` is the dtype as the file states it (JSON), ``encode`` gives one JSON text
per value and ``decode`` takes the JSON values back to an array of exactly that dtype, or
raises :class:`BadValue` naming the position of the first value that does not fit.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd

SPECIAL_FLOATS = {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}


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
    return SPECIAL_FLOATS.get(text, text)


def shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if _jsonable(value) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _jsonable(value: Any) -> bool:
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        return False
    return True


def first_misfit(values: Sequence[Any], fits: Callable[[Any], bool], what: str) -> None:
    """Raise for the first value that does not fit."""
    for position, value in enumerate(values):
        if not fits(value):
            raise BadValue(position, f"{shown(value)} is not {what}")


def is_whole(value: Any) -> bool:
    return type(value) is int


def is_number(value: Any) -> bool:
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


def json_key(value: Any) -> Any:
    """A JSON value as a dict key: 1, 1.0 and true are three keys."""
    if isinstance(value, (dict, list)):
        return json.dumps(value, sort_keys=True)
    return (type(value), value)
