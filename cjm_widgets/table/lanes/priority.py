"""Priority lanes: what to act on first, as a rank (1, 2, 3…) or an importance–performance
quadrant.

What a rank is, one rule for the map's editor, ``JourneyMap.add_priorities`` and the
recognition of a priority column (:func:`rank_of`): a whole number from 1 (act first) to
:data:`MAX_RANK`, given as a number (``2``, ``2.0``) or as text of digits, optionally after
``#`` (``"2"``, ``"#2"``, ``" # 2 "``). Text such as ``"2.0"``, ``"1e3"`` or ``"two"`` is no rank.

A numeric column holds ranks. A text column holds ranks when each of its values is one (as
read from a CSV file or a database, ``"#1"``, ``"2"``…), otherwise quadrants: their English
names or a word that means one (English or French). A column named as a priority whose values
are neither (``high``/``low``, a score of 0, a rank of 10 million) keeps its own kind.

A priority lane's form, rank or quadrant, is decided when its lane is resolved (the map built,
its table replaced, priorities written) and kept on the lane (``Lane.format``) while its cells
are edited: a text column of ranks whose every cell is emptied stays a rank lane.

A text column of ranks stays text: a rank typed into it, or written by ``add_priorities``, is
written as the column writes its ranks (``"#3"`` when its values start with ``#``, else
``"3"``), so the column keeps its dtype. ``add_priorities`` writes ranks as ``Int64`` into a new
column or a numeric one, and quadrants as text.
"""

from __future__ import annotations

import decimal
import math
import numbers
import re
from collections.abc import Callable, Hashable
from typing import Any

import numpy as np
import pandas as pd
from pandas.api import types as ptypes

from ...errors import InvalidEditError, InvalidLaneError
from ..values import is_missing
from .base import LaneKind, name_key

#: The largest rank: more than any journey has steps, well within ``Int64`` and the view's
#: exact whole numbers (2**53).
MAX_RANK = 1_000_000

_RANK_TEXT = re.compile(r"#?\s*([0-9]+)")

#: The importance–performance quadrants, in the order they are acted on.
QUADRANTS = ("concentrate here", "keep up the good work", "low priority", "possible overkill")

#: What each quadrant means, as the view's badges say it.
QUADRANT_TITLES = (
    "Important, and performing poorly: act here first",
    "Important, and performing well: keep it so",
    "Less important, and performing poorly: fix when there is room",
    "Less important, and performing well: effort may be better spent elsewhere",
)

#: Words accepted for each quadrant (compared as :func:`name_key` gives them).
SYNONYMS: dict[str, str] = {
    **dict.fromkeys(
        (
            "concentrate here",
            "concentrate",
            "focus here",
            "concentrer les efforts ici",
            "concentrer les efforts",
            "concentrez vous ici",
            "a ameliorer en priorite",
        ),
        "concentrate here",
    ),
    **dict.fromkeys(
        (
            "keep up the good work",
            "keep up",
            "maintain",
            "maintenir les efforts",
            "maintenir",
            "continuer ainsi",
            "bon travail",
        ),
        "keep up the good work",
    ),
    **dict.fromkeys(
        ("low priority", "faible priorite", "priorite faible", "basse priorite", "priorite basse"),
        "low priority",
    ),
    **dict.fromkeys(
        ("possible overkill", "overkill", "exces possible", "exces", "surqualite possible"),
        "possible overkill",
    ),
}


def quadrant_of(value: Any) -> str | None:
    """The quadrant a cell's value means, ``None`` for none; raises ``ValueError`` if unknown."""
    if is_missing(value):
        return None
    if not isinstance(value, str):
        raise ValueError(value)
    key = name_key(value)
    if key == "":
        return None
    quadrant = SYNONYMS.get(key)
    if quadrant is None:
        raise ValueError(value)
    return quadrant


def rank_of(value: Any) -> int | None:
    """The rank a cell's value means (``"#2"``, ``"2"`` and ``2.0`` are 2), ``None`` for none;
    raises ``ValueError`` for anything but a whole number from 1 to :data:`MAX_RANK`."""
    if is_missing(value):
        return None
    if isinstance(value, str):
        text = value.strip()
        if text == "":
            return None
        match = _RANK_TEXT.fullmatch(text)
        if match is None or len(match[1].lstrip("0")) > len(str(MAX_RANK)):
            raise ValueError(value)
        number = int(match[1])
    elif isinstance(value, decimal.Decimal):  # DuckDB's HUGEINT and DECIMAL, say
        if not (value.is_finite() and value == value.to_integral_value()):
            raise ValueError(value)
        number = int(value)
    elif isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise ValueError(value)
    elif isinstance(value, numbers.Integral):
        number = int(value)
    else:
        real = float(value)
        if not (math.isfinite(real) and real.is_integer()):
            raise ValueError(value)
        number = int(real)
    if not 1 <= number <= MAX_RANK:
        raise ValueError(value)
    return number


def _is_numeric(dtype: Any) -> bool:
    return (
        ptypes.is_numeric_dtype(dtype)
        and not ptypes.is_bool_dtype(dtype)
        and not ptypes.is_complex_dtype(dtype)
    )


def _values(series: pd.Series) -> list[Any]:
    """The values the kind reads: a categorical's categories, else every cell."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        return list(series.cat.categories)
    return series.tolist()


def is_rank_column(series: pd.Series) -> bool:
    """Whether a priority column holds ranks rather than quadrants: a numeric column, or one
    of text whose every value is a rank (empty cells aside)."""
    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        dtype = dtype.categories.dtype
    if _is_numeric(dtype):
        return True
    if not (ptypes.is_object_dtype(dtype) or ptypes.is_string_dtype(dtype)):
        return False
    found = False
    for value in _values(series):
        try:
            rank = rank_of(value)
        except ValueError:
            return False
        found = found or rank is not None
    return found


#: A priority lane's forms: ranks, or importance–performance quadrants.
FORMS = ("rank", "quadrant")


def has_value(series: pd.Series) -> bool:
    """Whether a column holds a value the kind reads (not only empty cells)."""
    return any(
        not is_missing(v) and not (isinstance(v, str) and v.strip() == "") for v in _values(series)
    )


def priority_form(series: pd.Series, kept: str | None = None) -> str:
    """A priority lane's form, decided when its lane is resolved: ``"rank"`` or ``"quadrant"``
    as the column's values say (:func:`is_rank_column`); a text column with no value keeps the
    form it had (``kept``), else is a quadrant lane."""
    if kept in FORMS and not _is_numeric(_dtype(series)) and not has_value(series):
        return str(kept)
    return "rank" if is_rank_column(series) else "quadrant"


def _dtype(series: pd.Series) -> Any:
    dtype = series.dtype
    return dtype.categories.dtype if isinstance(dtype, pd.CategoricalDtype) else dtype


def _ranks(lane: Any, series: pd.Series) -> bool:
    """Whether a lane holds ranks: its resolved form, else as its column reads."""
    form = getattr(lane, "format", None)
    return form == "rank" if form in FORMS else is_rank_column(series)


def rank_writer(series: pd.Series) -> Callable[[int], Any] | None:
    """How a rank column writes a rank: ``None`` for a number, else a function giving the
    text (``"#3"`` or ``"3"``, as the column's first written rank does)."""
    first = next((v for v in _values(series) if isinstance(v, str) and v.strip() != ""), None)
    if first is None:
        return None
    if first.strip().startswith("#"):
        return lambda rank: f"#{rank}"
    return str


def priority_key(series: pd.Series) -> pd.Series:
    """Each cell's place in the acting order (rank, or the quadrant's place), NaN for none."""
    if is_rank_column(series):
        if _is_numeric(series.dtype):
            return pd.to_numeric(series, errors="coerce").astype(float)
        return pd.Series(
            [float("nan") if r is None else float(r) for r in map(rank_of, series.tolist())],
            index=series.index,
            dtype=float,
        )
    places = {quadrant: float(i) for i, quadrant in enumerate(QUADRANTS)}
    return pd.Series(
        [float("nan") if q is None else places[q] for q in map(quadrant_of, series.tolist())],
        index=series.index,
        dtype=float,
    )


def accepted(ranks: bool) -> str:
    if ranks:
        return f"a rank: a whole number from 1 (act first) to {MAX_RANK:,}, e.g. 1, 2 or #3"
    return (
        "a quadrant: "
        + ", ".join(QUADRANTS)
        + " (or a synonym such as concentrer les efforts ici, faible priorité)"
    )


def _fits(value: Any, ranks: bool) -> bool:
    try:
        (rank_of if ranks else quadrant_of)(value)
    except ValueError:
        return False
    return True


def _bad_cell(series: pd.Series, ranks: bool | None = None) -> tuple[Hashable, Any] | None:
    if ptypes.is_bool_dtype(series.dtype) or ptypes.is_complex_dtype(series.dtype):
        return (None, series.dtype)
    if ranks is None:
        ranks = is_rank_column(series)
    if isinstance(series.dtype, pd.CategoricalDtype):
        cells = zip(series.cat.categories, series.cat.categories, strict=True)
    else:
        cells = zip(series.index, series.tolist(), strict=True)
    return next(((label, value) for label, value in cells if not _fits(value, ranks)), None)


def holds_priorities(series: pd.Series) -> bool:
    """Whether every value of a column is a priority (ranks, or quadrants), or missing."""
    return _bad_cell(series) is None


class Priority(LaneKind):
    name = "priority"
    names = frozenset(
        {
            "priority",
            "priorities",
            "priorite",
            "priorites",
            "priority rank",
            "rank",
            "ranks",
            "rang",
            "rangs",
            "quadrant",
            "quadrants",
        }
    )

    def recognises(self, series: pd.Series, column: Hashable) -> bool:
        # By name, and only when every value fits: a "priority" column of other words
        # (high, low…) stays a text lane.
        return name_key(column) in self.names and holds_priorities(series)

    def check_column(self, series: pd.Series, column: Hashable) -> None:
        self.check_form(series, column, priority_form(series))

    def check_form(self, series: pd.Series, column: Hashable, form: str) -> None:
        """Raise :class:`~cjm_widgets.InvalidLaneError` unless every value of the column is of
        the form (``"rank"`` or ``"quadrant"``)."""
        if form not in FORMS:
            raise InvalidLaneError(
                f"priority lane {column!r}: format {form!r} is not one of {', '.join(FORMS)}"
            )
        bad = _bad_cell(series, form == "rank")
        if bad is None:
            return
        label, value = bad
        if label is None:
            raise InvalidLaneError(
                f"priority lane {column!r} has dtype {value}; a priority is a rank (whole "
                "numbers) or a quadrant (text)"
            )
        where = "category" if isinstance(series.dtype, pd.CategoricalDtype) else "row"
        raise InvalidLaneError(
            f"priority lane {column!r}: {value!r} ({where} {label!r}) is not "
            f"{accepted(form == 'rank')}"
        )

    def value(self, raw: Any, series: pd.Series, lane: Any) -> Any:
        ranks = _ranks(lane, series)
        try:
            if ranks:
                rank = rank_of(raw)
            else:
                quadrant = quadrant_of(raw)
        except ValueError:
            raise InvalidEditError(
                f"{raw!r} is not a priority of lane {lane.column!r}; use {accepted(ranks)}"
            ) from None
        if ranks:
            # A text column of ranks keeps its own way of writing them ("#3" or "3").
            write = rank_writer(series)
            if rank is None or write is None:
                return rank
            texts = [v for v in _values(series) if isinstance(v, str) and _fits(v, True)]
            return next((t for t in texts if rank_of(t) == rank), write(rank))
        if quadrant is None:
            return None
        # The column's own word for the quadrant (a French map keeps "faible priorité").
        words = (
            series.cat.categories
            if isinstance(series.dtype, pd.CategoricalDtype)
            else series.dropna().unique()
        )
        for word in words:
            if isinstance(word, str) and name_key(word) != "" and quadrant_of(word) == quadrant:
                return word
        return quadrant

    def wire(self, lane: Any, series: pd.Series) -> dict[str, Any]:
        # The view reads ranks by this rule: the largest, and what a rank is in words.
        if _ranks(lane, series):
            return {"priority": "rank", "max_rank": MAX_RANK, "rank_hint": accepted(True)}
        return {
            "priority": "quadrant",
            "quadrants": [list(q) for q in zip(QUADRANTS, QUADRANT_TITLES, strict=True)],
        }

    def encode(self, series: pd.Series) -> list[Any] | None:
        if is_rank_column(series):
            return None if _is_numeric(series.dtype) else [rank_of(v) for v in series.tolist()]
        return [quadrant_of(v) for v in series.tolist()]


KIND = Priority()
