"""The current and the future state of a journey, compared step by step: :func:`journey_diff`."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from pandas.api import types as ptypes

from .errors import (
    DuplicateStepError,
    InvalidArgumentError,
    InvalidTableError,
    MissingColumnError,
    MissingValueError,
)
from .table.frames import to_pandas
from .table.lanes.number import lane_format
from .table.schema import Lane, Roles, check_one_column, check_table, plain, stage_order

#: The two states of a journey, as a ``state`` column names them.
STATES = ("current", "future")

#: The values of the ``change`` column, in the order a reader scans them.
CHANGES = ("added", "removed", "moved", "changed", "unchanged")

_ROLE_ARGUMENTS = ("stage", "step", "persona")


def journey_diff(
    current: Any,
    future: Any = None,
    *,
    key: Hashable | None = None,
    state: Hashable | None = None,
    stage: Hashable | None = None,
    step: Hashable | None = None,
    persona: Hashable | None = None,
    lanes: Sequence[Hashable] | None = None,
    cells: bool = False,
) -> pd.DataFrame:
    """Compare the current and the future state of a journey, one row per step.

    Steps are matched by their key (the step label, or an id column named by ``key``)
    within each persona. A step is **moved** when its stage changed, or when its order
    among the steps both states share changed: a longest common subsequence of that order
    stays in place and the other common steps are moved, so as few steps as possible are
    called moved, and a step that only shifts because others were added or removed before
    it is not. A step is **changed** when a lane's value differs. Empty cells are equal
    whatever their form (``NaN``, ``None``, ``pd.NA``, ``""``), and values are compared as
    values, not dtypes (``3`` in an int column equals ``3.0`` in a float one).

    Parameters
    ----------
    current
        The current state: a :class:`~cjm_widgets.JourneyMap` or a steps table (pandas,
        polars or pyarrow); with ``state``, one table holding both states. A map with a
        state column alone (``journey_diff(m)``) compares its two states, matched by its
        ``key`` unless ``key=`` says otherwise.
    future
        The future (to-be) state, as ``current``; ``None`` when ``state`` is given.
    key
        The column that identifies a step in both states, such as ``"step_id"``; the step
        label by default. With an id column the label is compared as a lane, so a renamed
        step is changed. Keys must be unique within a state and persona.
    state
        A column of ``current`` whose values are ``"current"`` and ``"future"``: its rows
        are split into the two states (``journey_diff(df, state="state")``).
    stage, step, persona
        For tables: the role columns, read as :class:`~cjm_widgets.JourneyMap` reads them
        (``"stage"``, ``"step"``, no persona). A map brings its own roles.
    lanes
        The columns to compare; by default every column of either state except stage,
        step, persona, key and state, and for a map alone (``journey_diff(m)``) the map's
        lanes, as its views mark them. With an id ``key`` the step label is always compared.
    cells
        ``True`` for the long form: one row per differing cell instead of one per step.

    Returns
    -------
    pandas.DataFrame
        One row per step (per persona and step), in the future map's order, each removed
        step after the step it followed in the current map, with columns:

        - ``persona`` (when the journey has personas; the persona column's name), the key
          column (e.g. ``step``), and ``step``, the label (future's, else current's), when
          the key is an id column;
        - ``stage_current``, ``stage_future`` (``None`` where the step is absent) and
          ``position_current``, ``position_future``: the step's place in that state's map
          (stage order, then row order; 1 for a persona's first step; ``<NA>`` when absent);
        - ``change``: one of :data:`CHANGES`. ``"changed"`` when a lane differs, moved or
          not; ``"moved"`` when only its place changed. ``moved`` and ``changed`` are the
          two facts as booleans (both ``False`` for added and removed steps) and
          ``changed_columns`` lists the lanes that differ;
        - per numeric lane (emotion, KPIs) ``<lane>_current``, ``<lane>_future`` and
          ``<lane>_delta`` (future − current, as floats), or ``<lane>_delta_pts`` in
          percentage points for a share written as a percentage (``exit_rate`` 0.42 → 0.30
          gives −12.0).

        With ``cells=True``, one row per cell to highlight, in the same step order:
        ``persona``, the key column, ``column``, ``current``, ``future`` (empty cells as
        ``None``) and ``change``: ``"added"`` and ``"removed"`` for each filled cell of an
        added or removed step (its stage and label included), ``"moved"`` for the stage of
        a step whose stage changed and ``"changed"`` for a differing lane. Writing these
        cells into the current table gives the future one's values.

    Raises
    ------
    InvalidArgumentError
        For a missing ``future`` (or one given with ``state``), role arguments given with a
        map, two maps with different roles, or a ``key``, ``state`` or lane naming another
        role's column.
    InvalidTableError
        For a table no map can show, a ``state`` value other than current and future, or
        an output column name two columns would share.
    MissingColumnError
        For a role, key, state or lane column that is absent.
    MissingValueError
        For an empty key, stage or persona.
    DuplicateStepError
        For a key that appears twice within one state and persona (the message names the
        key, the persona and the rows).

    Examples
    --------
    >>> journey_diff(current_steps, future_steps, persona="persona")  # doctest: +SKIP
    >>> journey_diff(both, state="state", key="step_id", cells=True)   # doctest: +SKIP
    """
    if not isinstance(cells, bool):
        raise InvalidArgumentError(f"cells= takes True or False, not {cells!r}")
    both = _map_states(current, future, state, {"stage": stage, "step": step, "persona": persona})
    if both is not None:
        frames, roles, formats, own_key, own_lanes = both
        shown = own_lanes if lanes is None else lanes  # as the map's views mark them
        diff = matched(frames, roles, own_key if key is None else key, None, shown, formats)
    else:
        frames, roles, formats = _read(current, future, state, stage, step, persona)
        diff = matched(frames, roles, key, state, lanes, formats)
    return diff.cells_table() if cells else diff.steps()


def _map_states(
    current: Any, future: Any, state: Hashable | None, given: dict[str, Any]
) -> tuple[list[pd.DataFrame], Roles, dict[Hashable, str], Hashable | None, list[Hashable]] | None:
    """A map comparing two states, given alone: its states' tables (current first), its
    roles, its number lanes' formats, its key and its lanes (what its views compare);
    ``None`` for anything else."""
    from .widgets import JourneyMap

    if future is not None or state is not None or not isinstance(current, JourneyMap):
        return None
    comparison = current._comparison
    if comparison is None:
        return None
    named = [role for role, value in given.items() if value is not None]
    if named:
        raise InvalidArgumentError(f"{named[0]}= is for tables; a JourneyMap has its roles")
    roles = current._spec.roles
    formats = number_formats(current.lanes, current.data)
    frames = [current.state_data(name) for name in comparison.states]
    read = Roles(roles.stage, roles.step, None, roles.persona)
    lanes = [lane.column for lane in current.lanes if lane.column != comparison.key]
    return frames, read, formats, comparison.key, lanes


def number_formats(lanes: Iterable[Lane], frame: pd.DataFrame) -> dict[Hashable, str]:
    """Each number lane's style (``percent``, ``number``…) as the map draws it, from its
    declared format or its values: whether a delta is in percentage points."""
    return {
        lane.column: lane_format(lane, frame[lane.column])["style"]
        for lane in lanes
        if lane.kind == "number" and lane.column in frame.columns
    }


def matched(
    frames: Sequence[pd.DataFrame],
    roles: Roles,
    key: Hashable | None,
    state: Hashable | None,
    lanes: Sequence[Hashable] | None,
    formats: dict[Hashable, str],
) -> _Diff:
    """The current and the future table's steps matched (``frames``, in that order): what
    :func:`journey_diff` tabulates, and a map with a state column sends its views (the
    matched rows' positions in each table are ``ci`` and ``fi``)."""
    key = roles.step if key is None else key
    _check_column_name(key, "key")
    taken = {"stage": roles.stage, "persona": roles.persona, "state": state}
    for role, column in taken.items():
        if column is not None and column == key:
            raise InvalidArgumentError(f"key {key!r} is the {role} column; name the step's id")
    sides = [
        _Side.read(frame, name, roles, key, state)
        for name, frame in zip(STATES, frames, strict=True)
    ]
    compared = _compared(sides, roles, key, state, lanes)
    return _Diff(sides, roles, key, compared, formats)


# -- reading the input ----------------------------------------------------------------


def _read(
    current: Any,
    future: Any,
    state: Hashable | None,
    stage: Hashable | None,
    step: Hashable | None,
    persona: Hashable | None,
) -> tuple[list[pd.DataFrame], Roles, dict[Hashable, str]]:
    """The two states' tables, the roles they are read with, and the number formats the
    maps declare (column -> style)."""
    from .widgets import JourneyMap

    given = {"stage": stage, "step": step, "persona": persona}
    inputs = [current] if state is not None else [current, future]
    if state is not None and future is not None:
        raise InvalidArgumentError(
            f"state={state!r} splits one table into both states; pass no future table"
        )
    if state is None and future is None:
        raise InvalidArgumentError(
            "journey_diff() needs the future state: journey_diff(current, future), or one "
            "table with a state column, journey_diff(df, state='state')"
        )
    maps = [m for m in inputs if isinstance(m, JourneyMap)]
    formats: dict[Hashable, str] = {}
    if maps:
        named = [role for role, value in given.items() if value is not None]
        if named:
            raise InvalidArgumentError(f"{named[0]}= is for tables; a JourneyMap has its roles")
        roles = maps[0]._spec.roles
        for m in maps[1:]:
            other = m._spec.roles
            for role in _ROLE_ARGUMENTS:
                if getattr(other, role) != getattr(roles, role):
                    raise InvalidArgumentError(
                        f"the two maps read {role} from different columns: "
                        f"{getattr(roles, role)!r} and {getattr(other, role)!r}"
                    )
        for m in reversed(maps):  # the current map's format wins
            formats.update(number_formats(m.lanes, m.data))
    else:
        roles = Roles(
            stage="stage" if stage is None else stage,
            step="step" if step is None else step,
            emotion=None,
            persona=persona,
        )
    for role in ("stage", "step"):
        _check_column_name(getattr(roles, role), role)
    if roles.persona is not None:
        _check_column_name(roles.persona, "persona")
    structural = [c for c in (roles.stage, roles.step, roles.persona, state) if c is not None]
    if len(set(structural)) < len(structural):
        raise InvalidArgumentError(
            f"stage, step, persona and state must be distinct columns, not {structural!r}"
        )
    tables = [m.data if isinstance(m, JourneyMap) else to_pandas(m) for m in inputs]
    for table in tables:
        check_table(table, roles)
    if state is not None:
        tables = _split(tables[0], state)
    return tables, roles, formats


def _check_column_name(column: Any, role: str) -> None:
    check_one_column(column, role)
    if column is None:
        raise InvalidArgumentError(f"{role}= must name a column")


def _split(frame: pd.DataFrame, state: Hashable) -> list[pd.DataFrame]:
    if state not in frame.columns:
        raise MissingColumnError(state, "state", list(frame.columns))
    values = frame[state].astype(object)
    known = values.isin(STATES).to_numpy(dtype=bool)
    if not known.all():
        bad = plain(values[~known].iloc[0])
        raise InvalidTableError(
            f"state column {state!r} holds {bad!r} (rows {_rows(frame.index[~known])}); "
            f"its values must be {' or '.join(map(repr, STATES))}"
        )
    return [frame[(values == name).to_numpy(dtype=bool)] for name in STATES]


def _rows(labels: Any) -> str:
    shown = [repr(plain(x)) for x in list(labels[:5])]
    more = len(labels) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


@dataclass
class _Side:
    """One state's table and what the comparison reads of it."""

    name: str
    frame: pd.DataFrame
    personas: np.ndarray  # object, one per row (all None without a persona column)
    keys: np.ndarray  # object, one per row

    @classmethod
    def read(
        cls,
        frame: pd.DataFrame,
        name: str,
        roles: Roles,
        key: Hashable,
        state: Hashable | None,
    ) -> _Side:
        if len(frame.columns) == 0 and len(frame) == 0:  # pd.DataFrame(): no steps yet
            empty = pd.Series([], dtype=object)
            frame = pd.DataFrame({roles.stage: empty, roles.step: empty, key: empty})
        needed = {"stage": roles.stage, "step": roles.step, "key": key, "persona": roles.persona}
        for role, column in needed.items():
            if column is not None and column not in frame.columns:
                raise MissingColumnError(column, f"{name} state's {role}", list(frame.columns))
        columns = [c for c in (roles.persona, roles.stage, key) if c is not None]
        for column in columns:
            missing = frame[column].isna().to_numpy(dtype=bool)
            if missing.any():
                role = next(r for r, c in needed.items() if c == column)
                raise MissingValueError(
                    f"{role} column {column!r} is empty in the {name} state's rows "
                    f"{_rows(frame.index[missing])}"
                )
        keys = frame[key].to_numpy(dtype=object)
        personas = (
            np.full(len(frame), None, dtype=object)
            if roles.persona is None
            else frame[roles.persona].to_numpy(dtype=object)
        )
        return cls(name, frame, personas, keys)


def _compared(
    sides: list[_Side],
    roles: Roles,
    key: Hashable,
    state: Hashable | None,
    lanes: Sequence[Hashable] | None,
) -> list[Hashable]:
    """The columns compared: the label (when the key is an id), then the lanes."""
    structural = [c for c in (roles.stage, roles.step, roles.persona, key, state) if c is not None]
    label = [roles.step] if key != roles.step else []
    if lanes is None:
        seen: list[Hashable] = []
        for side in sides:
            seen += [c for c in side.frame.columns if c not in seen and c not in structural]
        return label + seen
    if isinstance(lanes, (str, bytes)) or not isinstance(lanes, Sequence):
        raise InvalidArgumentError(f"lanes= takes a list of columns, not {lanes!r}")
    chosen: list[Hashable] = []
    for column in lanes:
        _check_column_name(column, "lanes")
        if column in structural:
            raise InvalidArgumentError(
                f"lane {column!r} is the journey's stage, step, persona, key or state column"
            )
        if not any(column in side.frame.columns for side in sides):
            raise MissingColumnError(column, "lane", list(sides[0].frame.columns))
        if column in chosen:
            raise InvalidArgumentError(f"lane {column!r} is listed twice")
        chosen.append(column)
    return label + chosen


# -- comparing ------------------------------------------------------------------------


def _is_number(series: pd.Series) -> bool:
    dtype = series.dtype
    return (
        ptypes.is_numeric_dtype(dtype)
        and not ptypes.is_bool_dtype(dtype)
        and not ptypes.is_complex_dtype(dtype)
    )


def _objects(series: pd.Series) -> np.ndarray:
    """The column's values, with every empty cell (NaN, None, NA, NaT, "") as ``None``."""
    values = series.to_numpy(dtype=object, copy=True)  # a copy: written below
    empty = series.isna().to_numpy(dtype=bool)
    if not _is_number(series):
        try:
            empty = empty | (series == "").to_numpy(dtype=bool, na_value=False)
        except (TypeError, ValueError):  # a cell that refuses the comparison (an array)
            empty = empty | np.fromiter((isinstance(v, str) and v == "" for v in values), bool)
    values[empty] = None
    return values


def _codes(columns: list[pd.Series | None], lengths: list[int]) -> list[np.ndarray] | None:
    """Each cell of a column in both states as an integer, equal values equal integers in
    both (3 and 3.0 too), -1 for an empty cell (NaN, None, NA, NaT, "") or an absent column;
    ``None`` when a cell cannot be hashed (it holds a list). Integers compare far faster than
    the values (text, as Arrow holds it, would first be copied into Python strings)."""
    held = [c for c in columns if c is not None and len(c)]
    if not held:
        return [np.full(n, -1, dtype=np.intp) for n in lengths]
    try:
        both = pd.concat(held, ignore_index=True) if len(held) > 1 else held[0]
        codes, uniques = pd.factorize(both)
    except TypeError:
        return None
    blank = pd.Index(uniques).get_indexer([""])[0]
    if blank >= 0:
        codes[codes == blank] = -1
    out, start = [], 0
    for column, n in zip(columns, lengths, strict=True):
        if column is None or not n:
            out.append(np.full(n, -1, dtype=np.intp))
        else:
            out.append(codes[start : start + n])
            start += n
    return out


def _take(values: np.ndarray, rows: np.ndarray, filler: Any = None) -> np.ndarray:
    """``values[rows]``, ``filler`` where ``rows`` is -1 (the step is absent from that state)."""
    return np.append(values, np.array([filler], dtype=values.dtype))[rows]


def _differ(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Where two aligned object arrays of cells (``None`` for empty) hold different values:
    compared as values, so that 3 equals 3.0."""
    try:
        same = np.asarray(a == b, dtype=bool)
        if same.shape == a.shape:
            return ~same
    except (TypeError, ValueError):  # a cell holding an array, or a comparison that refuses
        pass
    return np.array([not _same(x, y) for x, y in zip(a, b, strict=True)], dtype=bool)


def _same(a: Any, b: Any) -> bool:
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return a is b


def _in_place(sequence: list[int]) -> np.ndarray:
    """Which items of ``sequence`` (distinct numbers) form one longest increasing
    subsequence, found by patience sorting in O(n log n)."""
    tails: list[int] = []  # the smallest last value of an increasing run of each length
    ends: list[int] = []  # where each of those runs ends
    before = [-1] * len(sequence)
    for i, value in enumerate(sequence):
        j = bisect_left(tails, value)
        if j == len(tails):
            tails.append(value)
            ends.append(i)
        else:
            tails[j] = value
            ends[j] = i
        before[i] = ends[j - 1] if j else -1
    kept = np.zeros(len(sequence), dtype=bool)
    i = ends[-1] if ends else -1
    while i >= 0:
        kept[i] = True
        i = before[i]
    return kept


def _positions(frame: pd.DataFrame, roles: Roles, persona: np.ndarray) -> np.ndarray:
    """Each row's place in its persona's map (stage order, then row order), from 1."""
    n = len(frame)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    rank = pd.Index(stage_order(frame, roles)).get_indexer(pd.Index(frame[roles.stage]))
    order = np.lexsort((np.arange(n), rank, persona))
    grouped = persona[order]
    starts = np.r_[True, grouped[1:] != grouped[:-1]]
    first = np.maximum.accumulate(np.where(starts, np.arange(n), 0))
    positions = np.empty(n, dtype=np.int64)
    positions[order] = np.arange(n) - first + 1
    return positions


class _Diff:
    """The steps of both states, matched and put in one order, and the tables built from
    them. Row ``r`` is the current row ``ci[r]`` and the future row ``fi[r]`` (-1: absent)."""

    def __init__(
        self,
        sides: list[_Side],
        roles: Roles,
        key: Hashable,
        compared: list[Hashable],
        formats: dict[Hashable, str],
    ) -> None:
        self.sides, self.roles, self.key = sides, roles, key
        self.compared, self.formats = compared, formats
        self._compared: dict[Hashable, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        cur, fut = sides
        n_cur = len(cur.frame)
        # Without a persona column every row's persona is None: one persona, code 0.
        personas = pd.factorize(
            np.concatenate([cur.personas, fut.personas]), use_na_sentinel=False
        )[0].astype(np.int64)
        keys, distinct = pd.factorize(np.concatenate([cur.keys, fut.keys]))
        codes = personas * max(len(distinct), 1) + keys
        self._check_unique(codes[:n_cur], cur)
        self._check_unique(codes[n_cur:], fut)
        cur_persona, fut_persona = personas[:n_cur], personas[n_cur:]
        cur_pos = _positions(cur.frame, roles, cur_persona)
        fut_pos = _positions(fut.frame, roles, fut_persona)
        match = pd.Index(codes[n_cur:]).get_indexer(codes[:n_cur])  # each current row's future
        matched = np.flatnonzero(match >= 0)
        added = np.setdiff1d(np.arange(len(fut.frame)), match[matched], assume_unique=True)
        removed = np.flatnonzero(match < 0)
        ci = np.concatenate([matched, np.full(len(added), -1), removed]).astype(np.int64)
        fi = np.concatenate([match[matched], added, np.full(len(removed), -1)]).astype(np.int64)
        # The future map's order; a removed step goes after the nearest earlier step of the
        # current map that is still there (first when there is none).
        by_place = np.lexsort((cur_pos, cur_persona))
        kept_at = _take(fut_pos.astype(float), match, np.nan)[by_place]
        anchors = np.empty(n_cur)
        anchors[by_place] = (
            pd.Series(kept_at).groupby(cur_persona[by_place]).ffill().fillna(0).to_numpy()
        )
        there = fi >= 0
        persona = np.where(there, _take(fut_persona, fi, -1), _take(cur_persona, ci, -1))
        anchor = np.where(there, _take(fut_pos.astype(float), fi, 0), _take(anchors, ci, 0))
        after = np.where(there, 0, _take(cur_pos, ci, 0))
        order = np.lexsort((after, anchor, persona))
        self.ci, self.fi, self.persona = ci[order], fi[order], persona[order]
        self.both = (self.ci >= 0) & (self.fi >= 0)
        self.positions = (_take(cur_pos, self.ci, 0), _take(fut_pos, self.fi, 0))

    def _check_unique(self, codes: np.ndarray, side: _Side) -> None:
        duplicated = pd.Index(codes).duplicated(keep=False)
        if not duplicated.any():
            return
        same = codes == codes[duplicated][0]
        where = int(np.flatnonzero(same)[0])
        persona = "" if self.roles.persona is None else f" for persona {side.personas[where]!r}"
        hint = "give each step its own key, e.g. key='step_id'"
        if self.roles.persona is None and "persona" in side.frame.columns:
            hint = "if each persona has its own rows, pass persona='persona'"
        raise DuplicateStepError(
            f"key {plain(side.keys[where])!r} (column {self.key!r}) appears more than once in "
            f"the {side.name} state{persona} (rows {_rows(side.frame.index[same])}); {hint}"
        )

    def cells(self, column: Hashable, found: np.ndarray | None = None) -> list[np.ndarray]:
        """A column's cells in the current and the future state, for each row or for the rows
        ``found`` (``None``: empty or absent)."""
        taken = []
        for side, rows in zip(self.sides, (self.ci, self.fi), strict=True):
            picked = rows if found is None else rows[found]
            values = np.full(len(picked), None, dtype=object)
            there = picked >= 0
            if column in side.frame.columns and there.any():
                values[there] = _objects(side.frame[column].iloc[picked[there]])
            taken.append(values)
        return taken

    def compare(self, column: Hashable) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For each row: whether the two states' cells differ (a step in both), and whether
        the current and the future cell hold a value."""
        if column not in self._compared:
            frames = [side.frame for side in self.sides]
            codes = _codes(
                [f[column] if column in f.columns else None for f in frames],
                [len(f) for f in frames],
            )
            if codes is None:
                now, then = self.cells(column)
                has = (~pd.isna(now), ~pd.isna(then))
                differ = self.both & _differ(now, then)
            else:
                now_code, then_code = _take(codes[0], self.ci, -1), _take(codes[1], self.fi, -1)
                has = (now_code >= 0, then_code >= 0)
                differ = self.both & (now_code != then_code)
            self._compared[column] = (differ, *has)
        return self._compared[column]

    def moved(self) -> np.ndarray:
        """Common steps off one longest common order, or whose stage changed."""
        cur_pos, fut_pos = self.positions
        both = np.flatnonzero(self.both)
        by_current = both[np.lexsort((cur_pos[both], self.persona[both]))]
        # Persona first in each value: a run never crosses personas, and the whole longest
        # run is each persona's longest run, one after the other.
        span = int(fut_pos.max(initial=0)) + 1
        sequence = (self.persona[by_current] * span + fut_pos[by_current]).tolist()
        moved = np.zeros(len(self.ci), dtype=bool)
        moved[by_current] = ~_in_place(sequence)
        return moved | self.compare(self.roles.stage)[0]

    def leading(self, label: bool) -> list[tuple[Hashable, np.ndarray]]:
        """The persona and key columns of each row (the future's, else the current's), and
        the step label when ``label`` and the key is an id."""
        named = [self.roles.persona, self.key]
        if label and self.key != self.roles.step:
            named.append(self.roles.step)
        out = []
        for column in named:
            if column is not None:
                now, then = self.cells(column)
                out.append((column, np.where(self.fi >= 0, then, now)))
        return out

    def numeric(self) -> list[Hashable]:
        """The compared lanes that hold numbers in each state that has them."""
        out = []
        for column in self.compared:
            held = [s.frame[column] for s in self.sides if column in s.frame.columns]
            if column != self.roles.step and all(_is_number(s) for s in held):
                out.append(column)
        return out

    def numbers(self, column: Hashable) -> tuple[np.ndarray, np.ndarray]:
        taken = []
        for side, rows in zip(self.sides, (self.ci, self.fi), strict=True):
            frame = side.frame
            values = (
                frame[column].to_numpy(dtype=float, na_value=np.nan)
                if column in frame.columns
                else np.full(len(frame), np.nan)
            )
            taken.append(_take(values, rows, np.nan))
        return taken[0], taken[1]

    def is_percent(self, column: Hashable) -> bool:
        """Whether a number lane holds shares written as percentages (by the map's format,
        else by its name and values, as a map reads them)."""
        if column in self.formats:
            return self.formats[column] == "percent"
        held = [s.frame[column] for s in self.sides if column in s.frame.columns]
        values = np.concatenate([s.to_numpy(dtype=float, na_value=np.nan) for s in held])
        return bool(lane_format(Lane(column), pd.Series(values))["style"] == "percent")

    def marks(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[list[Hashable]]]:
        """Each row's ``change``, ``moved`` and ``changed`` and its changed columns."""
        n = len(self.ci)
        moved = self.moved()
        grid = np.zeros((n, len(self.compared)), dtype=bool)
        for j, column in enumerate(self.compared):
            grid[:, j] = self.compare(column)[0]
        changed = np.asarray(grid.any(axis=1), dtype=bool)
        change = np.full(n, "unchanged", dtype=object)
        change[moved] = "moved"
        change[changed] = "changed"
        change[self.fi < 0] = "removed"
        change[self.ci < 0] = "added"
        listed: list[list[Hashable]] = [[] for _ in range(n)]
        for row in np.flatnonzero(changed).tolist():
            listed[row] = [
                c for c, differs in zip(self.compared, grid[row], strict=True) if differs
            ]
        return change, moved, changed, listed

    def deltas(self) -> list[tuple[Hashable, str, np.ndarray, np.ndarray, np.ndarray]]:
        """Per numeric lane: its name, ``delta`` or ``delta_pts`` (a share, in percentage
        points), and each row's current value, future value and difference."""
        out = []
        for column in self.numeric():
            now, then = self.numbers(column)
            # Rounded to 12 decimals: 0.3 - 0.1 is 0.2, and -12 points are -12.
            if self.is_percent(column):
                out.append((column, "delta_pts", now, then, np.round((then - now) * 100, 12)))
            else:
                out.append((column, "delta", now, then, np.round(then - now, 12)))
        return out

    def steps(self) -> pd.DataFrame:
        change, moved, changed, listed = self.marks()
        stage_now, stage_then = self.cells(self.roles.stage)
        columns = [
            *self.leading(label=True),
            ("stage_current", stage_now),
            ("stage_future", stage_then),
            *(
                (f"position_{name}", pd.arrays.IntegerArray(place, ~present))
                for name, place, present in zip(
                    STATES, self.positions, (self.ci >= 0, self.fi >= 0), strict=True
                )
            ),
            ("change", change),
            ("moved", moved),
            ("changed", changed),
            ("changed_columns", _array(listed)),
        ]
        for column, name, now, then, delta in self.deltas():
            columns += [(f"{column}_current", now), (f"{column}_future", then)]
            columns.append((f"{column}_{name}", delta))
        return _frame(columns)

    def cells_table(self) -> pd.DataFrame:
        """One row per cell to highlight (see :func:`journey_diff`)."""
        stage = self.roles.stage
        rows, places, names, now_parts, then_parts, changes = [], [], [], [], [], []
        for place, column in enumerate([stage, *self.compared]):
            differ, has_now, has_then = self.compare(column)
            for change, mask in (
                ("moved" if column == stage else "changed", differ),
                ("added", (self.ci < 0) & has_then),
                ("removed", (self.fi < 0) & has_now),
            ):
                found = np.flatnonzero(mask)
                now, then = self.cells(column, found)
                rows.append(found)
                places.append(np.full(len(found), place))
                names += [column] * len(found)
                now_parts.append(now)
                then_parts.append(then)
                changes += [change] * len(found)
        row = np.concatenate(rows).astype(np.int64)
        order = np.lexsort((np.concatenate(places), row))
        columns = [(name, values[row[order]]) for name, values in self.leading(label=False)]
        columns += [
            ("column", _array(names)[order]),
            ("current", np.concatenate(now_parts)[order]),
            ("future", np.concatenate(then_parts)[order]),
            ("change", _array(changes)[order]),
        ]
        return _frame(columns)


def _array(items: Sequence[Any]) -> np.ndarray:
    """A one-dimensional object array of ``items``, even when they are lists or tuples."""
    out = np.empty(len(items), dtype=object)
    for i, item in enumerate(items):
        out[i] = item
    return out


def _frame(columns: list[tuple[Hashable, Any]]) -> pd.DataFrame:
    """The result from its columns, refusing a name two of them would share (a lane named
    ``change``, a persona column named ``column``)."""
    seen: set[Hashable] = set()
    for name, _ in columns:
        if name in seen:
            raise InvalidTableError(
                f"column {name!r} would name two columns of the comparison; rename it"
            )
        seen.add(name)
    # Values as the tables hold them (an int stage stays an int, an absent one None), not
    # read again as text.
    return pd.DataFrame(
        {
            name: pd.Series(values, dtype=object)
            if isinstance(values, np.ndarray) and values.dtype == object and name != "change"
            else values
            for name, values in columns
        }
    )
