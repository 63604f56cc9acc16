"""A steps table under edit: the frame, its stable row ids, and what the ops need to know.

Every op names rows by a stable id (kept in ``ids``, parallel to the frame's rows),
never by position or index label, so an op that arrives after Python replaced the
frame lands on the same step if it still exists and is refused if it does not.
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import numpy as np
import pandas as pd

from ..errors import InvalidEditError
from ..table.schema import Lane, Roles, stage_order
from ..table.values import is_missing

_fresh_ids = itertools.count(1)


def new_ids(count: int) -> np.ndarray:
    """Row ids never used before in this process."""
    return np.fromiter((next(_fresh_ids) for _ in range(count)), dtype=np.int64, count=count)


def step_keys(frame: pd.DataFrame, roles: Roles) -> list[tuple[Any, Any]]:
    """Each row's (persona, step): unique in a journey, so it names the row whatever its label.
    With a state column, each row's ((persona, state), step): a step stands in both states."""
    steps = frame[roles.step].tolist()
    if roles.persona is None:
        personas: list[Any] = [None] * len(steps)
    else:
        personas = [None if p is None or p != p else p for p in frame[roles.persona].tolist()]
    if roles.state is not None:
        personas = list(zip(personas, frame[roles.state].tolist(), strict=True))
    return list(zip(personas, steps, strict=True))


def edit_key(edit: Edit, roles: Roles) -> tuple[Any, Any]:
    """The :func:`step_keys` key of the row an edit touched."""
    group = edit.persona if roles.state is None else (edit.persona, edit.state)
    return (group, edit.step)


def carry_ids(
    old: pd.DataFrame, old_ids: np.ndarray, new: pd.DataFrame, roles: Roles
) -> np.ndarray:
    """Ids for ``new``: a row keeps its id when it holds the same (persona, step) as before.

    Never by index label: after ``reset_index`` a label names another row, and an edit sent
    for the old row would land on the wrong step.
    """
    ids = new_ids(len(new))
    if len(old) == 0 or len(new) == 0 or roles.step not in old.columns:
        return ids
    if roles.persona is not None and roles.persona not in old.columns:
        return ids
    if roles.state is not None and roles.state not in old.columns:
        return ids
    try:
        known = dict(zip(step_keys(old, roles), old_ids.tolist(), strict=True))
        for pos, key in enumerate(step_keys(new, roles)):
            same = known.get(key)
            if same is not None:
                ids[pos] = same
    except TypeError:  # unhashable step labels are refused later, by the table's checks
        return new_ids(len(new))
    return ids


@dataclass(frozen=True)
class Edit:
    """One applied edit, as ``on_edit`` callbacks receive it.

    ``kind`` is the op (``set_cell``, ``insert_step``, ``delete_step``, ``move_step``,
    ``rename_stage``, ``add_stage``, ``set_column`` for a column written from Python, as
    ``JourneyMap.add_priorities`` does); ``label`` the index label of the row it touched
    (``None`` for a stage rename or a column); ``old`` and ``new`` the values before and after:
    a cell's value, a stage's name, ``(stage, position)`` for a move, the row as a
    dict for a deleted step, and for ``set_column`` the column's values as a list, one per
    row in table order (missing values as ``None``; ``old`` is ``None`` when the column was
    new). ``via`` says how it came: ``view`` (a person's edit in a
    widget), ``python`` (a method call such as ``EmotionCurve.set_emotion``), ``undo`` or
    ``redo``. ``persona`` and ``step`` name the row's persona and step (``None`` for a
    stage rename), and ``state`` its state in a map with a state column. ``view`` is the id
    of the view the edit (or the undo) came from, ``None`` from Python. ``row`` is the stable
    id of the row it touched (not compared: two records of one change are equal whichever
    table they came from).
    """

    kind: str
    label: Hashable | None
    column: Hashable | None
    old: Any
    new: Any
    via: Literal["view", "python", "undo", "redo"] = "view"
    persona: Hashable | None = None
    step: Hashable | None = None
    view: str | None = None
    row: int | None = field(default=None, compare=False, repr=False)
    state: Hashable | None = None

    def describe(self, title: str | None = None) -> str:
        """The edit in a sentence, as the view announces an undo or redo (``title``: the lane's
        title, for the column)."""
        what = {
            "set_cell": f"{title or self.column} of step \u201c{self.step}\u201d",
            "insert_step": f"new step \u201c{self.new if self.old is None else self.old}\u201d",
            "delete_step": f"deletion of step \u201c{self.step}\u201d",
            "move_step": f"move of step \u201c{self.step}\u201d",
            "rename_stage": "stage name",
            "add_stage": f"new stage \u201c{self.new if self.old is None else self.old}\u201d",
            "set_column": f"column \u201c{self.column}\u201d of every step",
        }.get(self.kind, self.kind)
        if self.kind in ("set_cell", "rename_stage"):
            what += f": {_shown(self.old)} \u2192 {_shown(self.new)}"
        if self.persona is not None:
            what += f" (persona {self.persona})"
        return what


@dataclass(frozen=True)
class Spec:
    """What the reducer needs to know of the map: roles, lanes, column keys, and with a state
    column its two states in order (current first; ``()`` while unknown)."""

    roles: Roles
    lanes: tuple[Lane, ...]
    keys: dict[str, Hashable] = field(default_factory=dict)
    states: tuple[Any, ...] = ()

    @classmethod
    def build(cls, roles: Roles, lanes: Iterable[Lane], states: Iterable[Any] = ()) -> Spec:
        """The spec, with one distinct wire key per column (columns 1 and "1" get two)."""
        lanes = tuple(lanes)
        keys: dict[str, Hashable] = {}
        emotion = () if roles.emotion is None else (roles.emotion,)
        columns = (roles.stage, roles.step, *emotion, *(lane.column for lane in lanes))
        for column in columns:
            if any(_same_column(c, column) for c in keys.values()):
                continue
            key = str(column)
            if key in keys:
                key = f"{column!r} ({type(column).__name__})"
            while key in keys:
                key += "'"
            keys[key] = column
        return cls(roles, lanes, keys, tuple(states))

    def key_of(self, column: Hashable) -> str:
        """The wire key of a column (what the view's ops name it by)."""
        return next(k for k, c in self.keys.items() if _same_column(c, column))

    def lane(self, column: Hashable) -> Lane | None:
        return next((lane for lane in self.lanes if lane.column == column), None)


def _same_column(a: Hashable, b: Hashable) -> bool:
    # 1 == 1.0 == True in Python, but they are three columns of a DataFrame.
    return a is b or (type(a) is type(b) and a == b)


def _shown(value: Any) -> str:
    if is_missing(value):  # None, NaN, NaT and pd.NA (whose truth value raises)
        return "(empty)"
    if isinstance(value, float):
        value = f"{value:g}".replace("-", "\u2212")
    return f"\u201c{value}\u201d"


@dataclass(frozen=True)
class State:
    """The table, its row ids, and what edits decided about its lanes (kept by undo and redo,
    shared by linked widgets).

    ``written``: the columns ``JourneyMap.add_priorities`` wrote, shown as priority lanes while
    they hold priorities. ``forms``: ``(column, "rank" or "quadrant")`` for each priority lane
    as its lane was resolved, so that a column whose cells were all emptied keeps its form.
    """

    frame: pd.DataFrame
    ids: np.ndarray
    written: tuple[Hashable, ...] = ()
    forms: tuple[tuple[Hashable, str], ...] = ()

    def with_rows(self, frame: pd.DataFrame, ids: np.ndarray | None = None) -> State:
        """This state with another frame (and ids), its lane decisions kept."""
        return replace(self, frame=frame, ids=self.ids if ids is None else ids)


def position_of(state: State, row_id: Any) -> int:
    if isinstance(row_id, bool) or not isinstance(row_id, (int, np.integer)):
        raise InvalidEditError(f"row id {row_id!r} is not an id")
    found = np.flatnonzero(state.ids == row_id)
    if len(found) == 0:
        raise InvalidEditError(
            "that step no longer exists (the table was changed meanwhile)"
        ).with_code("refused.gone")
    return int(found[0])


def group_of(state: State, spec: Spec, pos: int) -> Any:
    """The group a row's steps are ordered, named and moved within: its persona, or with a
    state column (persona, state), so that rows never move into the other state."""
    roles = spec.roles
    persona = None if roles.persona is None else state.frame[roles.persona].iloc[pos]
    if roles.state is None:
        return persona
    return (persona, state.frame[roles.state].iloc[pos])


def persona_mask(state: State, spec: Spec, persona: Any) -> np.ndarray:
    """The rows of one persona (with a state column: of one (persona, state) group)."""
    column = spec.roles.persona
    mask = np.ones(len(state.frame), dtype=bool)
    if spec.roles.state is not None:
        persona, value = persona
        mask = (state.frame[spec.roles.state] == value).to_numpy(dtype=bool, na_value=False)
    if column is None:
        return mask
    return mask & (state.frame[column] == persona).to_numpy(dtype=bool, na_value=False)


def display_order(state: State, spec: Spec, persona: Any) -> list[int]:
    """Row positions of one persona's steps (one group's, see :func:`group_of`), grouped by
    stage in map order."""
    positions = np.flatnonzero(persona_mask(state, spec, persona))
    rank = {s: i for i, s in enumerate(stage_order(state.frame, spec.roles))}
    stages = state.frame[spec.roles.stage].to_numpy()[positions].tolist()
    keyed = sorted(range(len(positions)), key=lambda k: rank[stages[k]])
    return [int(positions[k]) for k in keyed]
