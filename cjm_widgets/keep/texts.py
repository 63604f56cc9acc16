"""Text: pandas' string dtypes, and object columns (text, numbers, booleans and missing
values: None, NaN, and pd.NA and NaT written ``{"$": "NA"}`` and ``{"$": "NaT"}``)."""

from __future__ import annotations

from json.encoder import encode_basestring
from typing import Any

import numpy as np
import pandas as pd

from .codec import BadValue, Codec, first_misfit, float_text, shown


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
            first_misfit(values, lambda v: v is None or type(v) is str, "text or null")
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
                        position, f'{shown(value)} is not {{"$": "NA"}} nor {{"$": "NaT"}}'
                    )
                value = _TAGS[tag]
            elif isinstance(value, list):
                raise BadValue(position, f"{shown(value)} is a list, not a value")
            out[position] = value
        return out
