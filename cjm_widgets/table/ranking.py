"""Priorities of steps: a priority table joined into a steps table, and steps ranked by it.

A priority table's values are read by the priority lane's rule (see
:mod:`cjm_widgets.table.lanes.priority`): a column of numbers, or of text that is all ranks
(``"#1"``, ``"2"``), gives ranks; other text gives quadrants. Ranks are written as ``Int64``,
except into an existing text column of ranks, which keeps its dtype and its way of writing
them (``"#3"`` or ``"3"``).
"""

from __future__ import annotations

import decimal
import numbers
from collections.abc import Hashable
from typing import Any

import numpy as np
import pandas as pd

from ..errors import (
    InvalidArgumentError,
    InvalidEditError,
    InvalidTableError,
    MissingColumnError,
    MissingValueError,
)
from .frames import collect_to_pandas
from .lanes.base import name_key
from .lanes.priority import (
    accepted,
    is_rank_column,
    priority_key,
    quadrant_of,
    rank_of,
    rank_writer,
)
from .schema import Roles, plain, stage_order
from .values import is_missing

#: What the ranked steps carry beside their priority, found by column name (English, French).
TEXT_ROLES: dict[str, frozenset[str]] = {
    "pain": frozenset(
        {
            "pain",
            "pains",
            "pain point",
            "pain points",
            "painpoint",
            "painpoints",
            "douleur",
            "douleurs",
            "point de douleur",
            "points de douleur",
            "irritant",
            "irritants",
            "friction",
            "frictions",
        }
    ),
    "opportunity": frozenset(
        {
            "opportunity",
            "opportunities",
            "opportunite",
            "opportunites",
            "piste d amelioration",
            "pistes d amelioration",
        }
    ),
    "owner": frozenset(
        {
            "owner",
            "owners",
            "responsable",
            "responsables",
            "proprietaire",
            "proprietaires",
            "porteur",
            "porteurs",
        }
    ),
}

#: The columns a priority table's values are read from, in the order they are looked for.
VALUE_COLUMNS = ("priority", "rank", "rang", "quadrant")
STEP_COLUMNS = ("step", "driver")


def _key(column: Hashable) -> str:
    """A column name as compared here: :func:`name_key`, with apostrophes as spaces."""
    return " ".join(name_key(column).replace("'", " ").replace("\u2019", " ").split())


def text_columns(
    frame: pd.DataFrame, roles: Roles, skip: tuple[Hashable, ...] = ()
) -> dict[str, Hashable]:
    """The first column of each text role (``pain``, ``opportunity``, ``owner``) by name."""
    found: dict[str, Hashable] = {}
    for column in frame.columns:
        if column in roles.structural or column in skip:
            continue
        key = _key(column)
        role = next((r for r, names in TEXT_ROLES.items() if key in names), None)
        if role is not None and role not in found:
            found[role] = column
    return found


def priority_order(frame: pd.DataFrame, roles: Roles, column: Hashable) -> np.ndarray:
    """Positions of the rows that have a priority, first to act on first.

    By rank (or quadrant), then persona (in order of appearance), then journey order (stage
    order, then row order).
    """
    key = priority_key(frame[column]).to_numpy()
    stages = {stage: i for i, stage in enumerate(stage_order(frame, roles))}
    stage_rank = np.array([stages[s] for s in frame[roles.stage].tolist()], dtype=np.int64)
    persona_rank = (
        np.zeros(len(frame), dtype=np.int64)
        if roles.persona is None
        else pd.factorize(frame[roles.persona])[0]
    )
    order = np.lexsort((np.arange(len(frame)), stage_rank, persona_rank, key))
    return order[~np.isnan(key[order])]


def top_positions(
    frame: pd.DataFrame,
    roles: Roles,
    column: Hashable,
    n: int | None = None,
    persona: Hashable | None = None,
) -> np.ndarray:
    """Positions of the first ``n`` rows (default: all) with a priority, in acting order: of
    every persona when ``persona`` is ``None``, else of the rows whose persona is ``persona``
    (a value of the persona column, or its text). The map's priorities panel lists
    ``top_positions(..., 10, persona)`` for the persona shown."""
    order = priority_order(frame, roles, column)
    if persona is not None and roles.persona is not None:
        values = frame[roles.persona].to_numpy()[order]
        text = str(persona)
        keep = np.array(
            [not is_missing(v) and (v == persona or str(v) == text) for v in values], dtype=bool
        )
        order = order[keep]
    return order if n is None else order[:n]


def ranked_steps(
    frame: pd.DataFrame, roles: Roles, column: Hashable, positions: np.ndarray
) -> pd.DataFrame:
    """The rows at ``positions`` as the ranking shows them: stage, step, persona, priority,
    and the pain, opportunity and owner columns the table has; indexed by the table's labels."""
    rows = frame.iloc[positions]
    out: dict[str, pd.Series] = {"stage": rows[roles.stage], "step": rows[roles.step]}
    if roles.persona is not None:
        out["persona"] = rows[roles.persona]
    out["priority"] = rows[column]
    for role, source in text_columns(frame, roles, skip=(column,)).items():
        out[role] = rows[source]
    return pd.DataFrame(out, index=rows.index)


# -- joining a priority table ----------------------------------------------------------


def _pick(
    table: pd.DataFrame, given: Hashable | None, defaults: tuple[str, ...], what: str
) -> Hashable:
    if given is not None:
        try:
            hash(given)
        except TypeError:
            raise InvalidArgumentError(
                f"{what}= names one column of the priority table, not "
                f"{type(given).__name__} {given!r}"
            ) from None
        if given not in table.columns:
            raise MissingColumnError(given, f"priority table's {what}", list(table.columns))
        return given
    found = next((c for c in defaults if c in table.columns), None)
    if found is None:
        shown = ", ".join(repr(c) for c in list(table.columns)[:20]) or "none"
        raise InvalidTableError(
            f"the priority table has no {' or '.join(defaults)} column for its {what}s; name "
            f"it with {what}=... (its columns: {shown})"
        )
    return found


def _labels(keys: list[tuple[str, ...]]) -> str:
    """(step,) or (step, persona) keys as a message names them."""
    shown = [" of persona ".join(repr(v) for v in key) for key in keys[:5]]
    more = len(keys) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def _check_filled(table: pd.DataFrame, column: Hashable, what: str) -> None:
    """Raise for a step or persona column with empty cells (missing, or blank text)."""
    cells = table[column]
    empty = cells.isna().to_numpy() | np.array(
        [isinstance(v, str) and v.strip() == "" for v in cells.tolist()], dtype=bool
    )
    if empty.any():
        rows = [repr(plain(x)) for x in table.index[empty][:5]]
        more = int(empty.sum()) - len(rows)
        where = ("row " if len(rows) == 1 and more == 0 else "rows ") + ", ".join(rows)
        raise MissingValueError(
            f"the priority table's {what} column {column!r} is empty in {where}"
            + (f" and {more} more" if more > 0 else "")
            + "; drop or fill those rows first"
        )


def _values(table: pd.DataFrame, column: Hashable, steps: pd.Series) -> tuple[bool, list[Any]]:
    """The table's priorities, checked: whether they are ranks, and each row's value."""
    ranks = is_rank_column(table[column])
    read = rank_of if ranks else quadrant_of
    values: list[Any] = []
    for value, step in zip(table[column].tolist(), steps.tolist(), strict=True):
        try:
            meant = read(value)
        except ValueError:
            # A number among quadrant words is a rank gone wrong more likely than a quadrant.
            numeric = isinstance(value, (numbers.Number, decimal.Decimal)) and not isinstance(
                value, (bool, np.bool_)
            )
            raise InvalidEditError(
                f"the priority table's {column!r} holds {plain(value)!r} for step "
                f"{plain(step)!r}, which is not {accepted(ranks or numeric)}"
            ) from None
        # A rank as a whole number; a quadrant in the table's own words.
        values.append(meant if ranks or meant is None else value)
    return ranks, values


def join_priorities(
    frame: pd.DataFrame,
    roles: Roles,
    table: Any,
    *,
    value: Hashable | None = None,
    step: Hashable | None = None,
    persona: Hashable | None = None,
    column: Hashable | None = None,
) -> pd.Series:
    """A priority column for ``frame``: each step's value from ``table``, missing for steps it
    lacks. Ranks come as ``Int64`` (as text into ``frame[column]`` when that is a text
    column of ranks), quadrants as text.

    Steps are matched by their label, and by persona when both tables have one (``persona``
    names the table's persona column: default, the map's persona column name, else
    ``persona``). A step, or persona, of the table that the map lacks is an error.
    """
    table = collect_to_pandas(
        table, "a priority table is a DataFrame (pandas, polars, pyarrow, DuckDB…), not {type}"
    )
    step_column = _pick(table, step, STEP_COLUMNS, "step")
    value_column = _pick(table, value, VALUE_COLUMNS, "value")
    who = _persona_column(table, roles, persona)
    steps = table[step_column]
    _check_filled(table, step_column, "step")
    if who is not None:
        _check_filled(table, who, "persona")
    ranks, values = _values(table, value_column, steps)

    def keys(steps: pd.Series, personas: pd.Series | None) -> list[tuple[str, ...]]:
        if personas is None:
            return [(str(s),) for s in steps.tolist()]
        return [(str(s), str(p)) for s, p in zip(steps.tolist(), personas.tolist(), strict=True)]

    given: dict[tuple[str, ...], Any] = {}
    for key, v in zip(keys(steps, None if who is None else table[who]), values, strict=True):
        if key in given:
            hint = ""
            if who is None and "persona" in table.columns:
                hint = (
                    "; the map has no persona: keep one persona's rows, e.g. "
                    "table[table['persona'] == ...]"
                )
            raise InvalidTableError(
                f"the priority table has more than one row for step {_labels([key])}{hint}"
            )
        given[key] = v
    mine = keys(frame[roles.step], None if who is None else frame[roles.persona])
    known = set(mine)
    if who is not None:
        personas = {key[1] for key in known}
        strangers = sorted({key[1] for key in given} - personas)
        if strangers:
            raise InvalidEditError(
                f"the priority table names personas the map does not have: "
                f"{', '.join(map(repr, strangers[:5]))} (the map's: "
                f"{', '.join(map(repr, sorted(personas)[:10]))})"
            )
    unknown = [key for key in given if key not in known]
    if unknown:
        raise InvalidEditError(
            f"the priority table names steps the map does not have: {_labels(unknown)}"
        )
    out = [given.get(key) for key in mine]
    if ranks:
        target = None if column is None or column not in frame.columns else frame[column]
        write = None if target is None or not is_rank_column(target) else rank_writer(target)
        if target is not None and write is not None:
            text = pd.Series([None if r is None else write(r) for r in out], index=frame.index)
            categorical = isinstance(target.dtype, pd.CategoricalDtype)
            return text if categorical else text.astype(target.dtype)
        return pd.Series(pd.array(out, dtype="Int64"), index=frame.index)
    return pd.Series(out, index=frame.index, dtype=object)


def _persona_column(table: pd.DataFrame, roles: Roles, persona: Hashable | None) -> Hashable | None:
    """The table's persona column: the one named, else the map's persona column name or
    ``persona``; none when the map has no personas."""
    if persona is not None:
        if roles.persona is None:
            raise InvalidEditError(
                f"persona={persona!r}: the map has no personas; keep one persona's rows of the "
                "table instead"
            )
        return _pick(table, persona, (), "persona")
    if roles.persona is None:
        return None
    return next((c for c in (roles.persona, "persona") if c in table.columns), None)
