"""Current and future state in one map: the state column, its two states in order, and the
comparison the views draw (each step added, removed, moved or changed, with its deltas), as
:func:`cjm_widgets.journey_diff` finds it."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..edits import Spec, State
from ..errors import (
    InvalidArgumentError,
    InvalidTableError,
    MissingColumnError,
    MissingValueError,
)
from ..table.frames import to_pandas
from ..table.schema import Roles, check_one_column, plain
from ..versions import matched, number_formats

if TYPE_CHECKING:
    from .map import JourneyMap

#: State names read as current (0) or future (1), whatever their case.
KNOWN = {"current": 0, "future": 1, "actuel": 0, "futur": 1}
#: The pair a known name belongs to, for a table holding only one of its states so far.
PAIRS = (("current", "future"), ("actuel", "futur"))

#: The column :meth:`JourneyMap.compare` writes each row's state into.
STATE_COLUMN = "state"


@dataclass(frozen=True)
class Comparison:
    """What a map with a state column was told: the column, the states in order (``()`` until
    a table has shown them, when not declared) and the column steps are matched by."""

    column: Hashable
    states: tuple[Any, ...] = ()
    key: Hashable | None = None


def declare(state: Any, states: Any, key: Any) -> Comparison | None:
    """The comparison a map's ``state=``, ``states=`` and ``key=`` ask for (``None``: none)."""
    if state is None:
        if states is not None or key is not None:
            named = "states=" if states is not None else "key="
            raise InvalidArgumentError(
                f"{named} is for a map with a state column: pass state='state' too, or build "
                "it with JourneyMap.compare(current, future)"
            )
        return None
    check_one_column(state, "state")
    check_one_column(key, "key")
    if states is None:
        return Comparison(state, (), key)
    if isinstance(states, (str, bytes)) or not isinstance(states, Sequence) or len(states) != 2:
        raise InvalidArgumentError(
            f"states= takes the two states in order, current first, e.g. ('as-is', 'to-be'); "
            f"not {states!r}"
        )
    if any(pd.isna(v) if not isinstance(v, (list, tuple)) else True for v in states):
        raise InvalidArgumentError(f"states= takes two state names, not {states!r}")
    if str(states[0]) == str(states[1]):
        raise InvalidArgumentError(f"states= takes two different states, not {states!r}")
    return Comparison(state, tuple(plain(v) for v in states), key)


def _rows(labels: Any) -> str:
    shown = [repr(plain(x)) for x in list(labels[:5])]
    more = len(labels) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def check(frame: pd.DataFrame, roles: Roles, comparison: Comparison) -> Comparison:
    """Check a table's state (and key) column; return the comparison with its states in
    order: the declared ones, else current then future (or actuel then futur, any case),
    else the order the table first shows them."""
    column = comparison.column
    if column not in frame.columns:
        raise MissingColumnError(column, "state", list(frame.columns))
    others = {"stage": roles.stage, "step": roles.step, "persona": roles.persona}
    for role, other in others.items():
        if other is not None and other == column:
            raise InvalidArgumentError(f"state {column!r} is the {role} column; name another")
    key = comparison.key
    if key is not None:
        if key not in frame.columns:
            raise MissingColumnError(key, "key", list(frame.columns))
        for role, other in {**others, "state": column}.items():
            if other is not None and other == key:
                raise InvalidArgumentError(f"key {key!r} is the {role} column; name the step's id")
    values = frame[column]
    missing = values.isna().to_numpy(dtype=bool)
    if missing.any():
        raise MissingValueError(
            f"state column {column!r} is empty in rows {_rows(frame.index[missing])}"
        )
    found = [plain(v) for v in pd.unique(values)]
    if comparison.states:
        named = {str(s) for s in comparison.states}
        stray = [v for v in found if str(v) not in named]
        if stray:
            where = (values.astype(str) == str(stray[0])).to_numpy(dtype=bool)
            raise InvalidTableError(
                f"state column {column!r} holds {stray[0]!r} (rows {_rows(frame.index[where])}); "
                f"its states are {comparison.states[0]!r} and {comparison.states[1]!r}"
            )
        # The declared states, as the column writes them when it holds them.
        spelled = {str(v): v for v in found}
        return replace(comparison, states=tuple(spelled.get(str(s), s) for s in comparison.states))
    known = [KNOWN.get(str(v).strip().lower()) for v in found]
    if len(found) > 2:
        raise InvalidTableError(
            f"state column {column!r} holds {len(found)} states ({', '.join(map(repr, found))});"
            " a map compares two, current and future"
        )
    if found and None not in known and len(set(known)) == len(found):
        if len(found) == 2:
            return replace(
                comparison, states=tuple(v for _, v in sorted(zip(known, found, strict=True)))
            )
        name = str(found[0]).strip().lower()
        pair = next(p for p in PAIRS if name in p)
        other = pair[1 - known[0]]  # type: ignore[operator]
        states = (found[0], other) if known[0] == 0 else (other, found[0])
        return replace(comparison, states=states)
    if len(found) == 2:
        return replace(comparison, states=tuple(found))
    raise InvalidTableError(
        f"state column {column!r} holds {', '.join(map(repr, found)) or 'no state'}: a map "
        "compares two states; name them with states=('as-is', 'to-be'), current first"
    )


def state_of(frame: pd.DataFrame, column: Hashable, name: Any) -> np.ndarray:
    """Which rows are of state ``name`` (matched as text, as the views name states)."""
    return (frame[column].astype(str) == str(name)).to_numpy(dtype=bool)


def _keys(frame: pd.DataFrame, ids: np.ndarray, key: Hashable) -> pd.Series:
    """The key column with each empty key (a step inserted since) made its own, so the step
    is added or removed, never matched."""
    values = frame[key].astype(object)
    empty = values.isna().to_numpy(dtype=bool)
    if empty.any():
        values = values.copy()
        values[empty] = [_own_key(int(i)) for i in ids[empty]]
    return values


def _own_key(row_id: int) -> str:
    # A NUL never starts a key a person typed.
    return f"\u0000{row_id}"


def diff_rows(state: State, spec: Spec, comparison: Comparison) -> list[dict[str, Any]]:
    """The comparison as the views get it: one entry per future row and per removed current
    row, in the future map's order (see ``DiffRow`` in ``js/src/shared/wire.ts``)."""
    frame, roles = state.frame, spec.roles
    column, key = comparison.column, comparison.key
    current, future = comparison.states
    lanes = [lane.column for lane in spec.lanes if lane.column != key]
    formats = number_formats(spec.lanes, frame)
    if key is not None:
        frame = _with_column(frame, key, _keys(frame, state.ids, key))
    positions = [np.flatnonzero(state_of(frame, column, name)) for name in (current, future)]
    # The state column stays in each state's rows: with the lanes named, it is not compared.
    frames = [frame.iloc[p] for p in positions]
    read = Roles(roles.stage, roles.step, None, roles.persona)
    diff = matched(frames, read, key, column, lanes, formats)
    change, moved, _, listed = diff.marks()
    deltas = [(spec.key_of(c), delta) for c, _, _, _, delta in diff.deltas()]
    ids = [state.ids[p] for p in positions]
    out = []
    for r, (ci, fi) in enumerate(zip(diff.ci.tolist(), diff.fi.tolist(), strict=True)):
        now = None if ci < 0 else int(ids[0][ci])
        then = None if fi < 0 else int(ids[1][fi])
        mark = str(change[r])
        out.append(
            {
                "id": then if then is not None else now,
                "pair": now if then is not None else None,
                "mark": None if mark == "unchanged" else mark,
                "moved": bool(moved[r]),
                "changed": [spec.key_of(c) for c in listed[r]],
                "deltas": [[k, float(d[r])] for k, d in deltas if d[r] == d[r] and d[r] != 0],
            }
        )
    return out


def _with_column(frame: pd.DataFrame, column: Hashable, values: pd.Series) -> pd.DataFrame:
    out = frame.copy(deep=False)
    out[column] = values
    return out


def state_fields(frame: pd.DataFrame, comparison: Comparison | None) -> dict[str, Any]:
    """Each row's state and the states in order, as every view gets them (none without)."""
    if comparison is None:
        return {}
    return {
        "state": [str(v) for v in frame[comparison.column]],
        "states": [str(v) for v in comparison.states],
    }


def with_states(
    journey: dict[str, Any], state: State, spec: Spec, comparison: Comparison | None
) -> dict[str, Any]:
    """The wire with each row's state, the states, the comparison and (matching by an id
    column) each row's key; a field equal to the one ``journey`` holds is kept as it is, so
    a one-cell edit sends only what changed."""
    if comparison is None:
        return journey
    frame = state.frame
    fields: dict[str, Any] = {
        **state_fields(frame, comparison),
        "diff": diff_rows(state, spec, comparison),
        "keys": None
        if comparison.key is None
        else [str(v) for v in _keys(frame, state.ids, comparison.key)],
    }
    out = dict(journey)
    for name, value in fields.items():
        out[name] = journey[name] if name in journey and journey[name] == value else value
    return out


def compare_frames(
    current: Any, future: Any, *, state: Hashable = STATE_COLUMN
) -> tuple[pd.DataFrame, tuple[str, str]]:
    """One table holding both states' rows (current first) with a state column: each table's
    index kept when no label is in both, else a fresh ``RangeIndex``."""
    frames = [to_pandas(current), to_pandas(future)]
    for name, frame in zip(("current", "future"), frames, strict=True):
        if state in frame.columns:
            raise InvalidTableError(
                f"the {name} table already has a column {state!r}; JourneyMap.compare writes "
                f"each row's state there: pass state='another name'"
            )
    names = ("current", "future")
    both = pd.concat(
        [
            _with_column(f, state, pd.Series(name, index=f.index, dtype=object))
            for f, name in zip(frames, names, strict=True)
        ],
        ignore_index=frames[0].index.intersection(frames[1].index).size > 0,
    )
    return both, names


class States:
    """What a :class:`~cjm_widgets.JourneyMap` with a state column adds: its states' rows."""

    _comparison: Comparison | None

    @classmethod
    def compare(
        cls, current: Any, future: Any, *, key: Hashable | None = None, **kwargs: Any
    ) -> JourneyMap:
        """A map comparing two tables, the current and the future state of one journey.

        Builds one table holding both (``m.data`` then has a ``state`` column, ``"current"``
        or ``"future"``; each table's index is kept when no label is in both, else the rows
        are numbered afresh) and shows it as ``JourneyMap(both, state="state", ...)`` does.
        ``m.state_data("future")`` gives one state's rows back.

        Parameters
        ----------
        current, future
            The two steps tables (pandas, polars or pyarrow), with the same role columns.
        key
            The column that identifies a step in both states (as in
            :func:`~cjm_widgets.journey_diff`); the step label by default.
        **kwargs
            Any other :class:`~cjm_widgets.JourneyMap` argument (``persona=``, ``lanes=``...).
        """
        column = kwargs.pop("state", STATE_COLUMN)
        if "states" in kwargs:
            raise InvalidArgumentError(
                "JourneyMap.compare names its states current and future; states= is for "
                "JourneyMap(df, state=..., states=...)"
            )
        both, names = compare_frames(current, future, state=column)
        return cls(both, state=column, states=names, key=key, **kwargs)  # type: ignore[call-arg, return-value]

    @property
    def states(self) -> tuple[Any, ...]:
        """The map's two states, current first (``()`` without a state column)."""
        return () if self._comparison is None else self._comparison.states

    def state_data(self, name: Any) -> pd.DataFrame:
        """One state's rows of :attr:`data` (index kept), without the state column.

        Raises
        ------
        InvalidArgumentError
            When the map has no state column, or ``name`` is not one of its states.
        """
        comparison = self._comparison
        if comparison is None:
            raise InvalidArgumentError("this map has no state column; build it with state=")
        if str(name) not in {str(s) for s in comparison.states}:
            raise InvalidArgumentError(
                f"state {name!r} is not one of the map's states "
                f"({', '.join(map(repr, comparison.states))})"
            )
        frame = self.data  # type: ignore[attr-defined]
        return frame[state_of(frame, comparison.column, name)].drop(columns=[comparison.column])
