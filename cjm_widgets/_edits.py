"""Validate and apply the edit ops a view sends; pure functions over (frame, ids).

Every op names rows by a stable id (kept in ``ids``, parallel to the frame's rows),
never by position, so an op that arrives after Python replaced the frame lands on
the same step if it still exists and is rejected if it does not.
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import numpy as np
import pandas as pd
from pandas.api import types as ptypes

from .journey.errors import InvalidEditError
from .journey.schema import FLAG_KINDS, Lane, Roles, check_emotions, stage_order
from .journey.values import blank_for, coerce, is_missing

_fresh_ids = itertools.count(1)


def new_ids(count: int) -> np.ndarray:
    """Row ids never used before in this process."""
    return np.fromiter((next(_fresh_ids) for _ in range(count)), dtype=np.int64, count=count)


def carry_ids(old: pd.DataFrame, old_ids: np.ndarray, new: pd.DataFrame) -> np.ndarray:
    """Ids for ``new``: a row keeps its id when its index label is unique in both frames."""
    ids = new_ids(len(new))
    if len(old) == 0 or len(new) == 0:
        return ids
    old_unique = ~old.index.duplicated(keep=False)
    known = dict(zip(old.index[old_unique], old_ids[old_unique], strict=True))
    new_unique = ~new.index.duplicated(keep=False)
    for pos in np.flatnonzero(new_unique):
        same = known.get(new.index[int(pos)])
        if same is not None:
            ids[pos] = same
    return ids


@dataclass(frozen=True)
class Edit:
    """One applied edit, as ``on_edit`` callbacks receive it.

    ``kind`` is the op (``set_cell``, ``insert_step``, ``delete_step``, ``move_step``,
    ``rename_stage``, ``add_stage``); ``label`` the index label of the row it touched
    (``None`` for a stage rename); ``old`` and ``new`` the values before and after:
    a cell's value, a stage's name, ``(stage, position)`` for a move, the row as a
    dict for a deleted step. ``via`` says how it came: ``view`` (a person's edit in a
    widget), ``python`` (a method call such as ``EmotionCurve.set_emotion``), ``undo`` or
    ``redo``.
    """

    kind: str
    label: Hashable | None
    column: Hashable | None
    old: Any
    new: Any
    via: Literal["view", "python", "undo", "redo"] = "view"


@dataclass(frozen=True)
class Spec:
    """What the reducer needs to know of the map: roles, lanes, column keys."""

    roles: Roles
    lanes: tuple[Lane, ...]
    keys: dict[str, Hashable] = field(default_factory=dict)

    @classmethod
    def build(cls, roles: Roles, lanes: Iterable[Lane]) -> Spec:
        lanes = tuple(lanes)
        keys: dict[str, Hashable] = {}
        for column in (roles.stage, roles.step, *(lane.column for lane in lanes)):
            keys.setdefault(str(column), column)
        return cls(roles, lanes, keys)

    def lane(self, column: Hashable) -> Lane | None:
        return next((lane for lane in self.lanes if lane.column == column), None)


@dataclass(frozen=True)
class State:
    frame: pd.DataFrame
    ids: np.ndarray


def position_of(state: State, row_id: Any) -> int:
    if isinstance(row_id, bool) or not isinstance(row_id, (int, np.integer)):
        raise InvalidEditError(f"row id {row_id!r} is not an id")
    found = np.flatnonzero(state.ids == row_id)
    if len(found) == 0:
        raise InvalidEditError("that step no longer exists (the table was changed meanwhile)")
    return int(found[0])


def persona_mask(state: State, spec: Spec, persona: Hashable | None) -> np.ndarray:
    column = spec.roles.persona
    if column is None:
        return np.ones(len(state.frame), dtype=bool)
    return (state.frame[column] == persona).to_numpy(dtype=bool, na_value=False)


def display_order(state: State, spec: Spec, persona: Hashable | None) -> list[int]:
    """Row positions of one persona's steps, grouped by stage in map order."""
    positions = np.flatnonzero(persona_mask(state, spec, persona))
    rank = {s: i for i, s in enumerate(stage_order(state.frame, spec.roles))}
    stages = state.frame[spec.roles.stage].to_numpy()[positions].tolist()
    keyed = sorted(range(len(positions)), key=lambda k: rank[stages[k]])
    return [int(positions[k]) for k in keyed]


def _persona_of(state: State, spec: Spec, pos: int) -> Hashable | None:
    column = spec.roles.persona
    return None if column is None else state.frame[column].iloc[pos]


def _column(spec: Spec, key: Any) -> Hashable:
    if key not in spec.keys:
        raise InvalidEditError(f"column {key!r} is not a lane of this map")
    return spec.keys[key]


def _set_value(frame: pd.DataFrame, pos: int, column: Hashable, value: Any) -> pd.DataFrame:
    out = frame.copy(deep=False)
    col = out[column].copy()
    col.iloc[pos] = value
    out[column] = col
    return out


def _same(a: Any, b: Any) -> bool:
    if is_missing(a) and is_missing(b):
        return True
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return False


def _step_taken(state: State, spec: Spec, persona: Hashable | None, label: Any, skip: int) -> bool:
    mask = persona_mask(state, spec, persona)
    steps = state.frame[spec.roles.step].to_numpy()
    return any(_same(steps[p], label) for p in np.flatnonzero(mask) if p != skip)


def set_cell(state: State, spec: Spec, row_id: Any, key: Any, raw: Any) -> tuple[State, Edit]:
    pos = position_of(state, row_id)
    column = _column(spec, key)
    roles = spec.roles
    if column == roles.stage:
        raise InvalidEditError("rename a stage from its header, or move the step to another stage")
    dtype = state.frame[column].dtype
    lane = spec.lane(column)
    if lane is not None and lane.kind == "flag" and not ptypes.is_bool_dtype(dtype):
        if isinstance(raw, str) and raw.strip() == "":
            raw = None
        if not is_missing(raw) and raw not in FLAG_KINDS:
            raise InvalidEditError(
                f"{raw!r} is not a moment of truth kind; use one of {', '.join(FLAG_KINDS)}"
            )
    value = coerce(raw, dtype, column)
    if column == roles.step:
        if is_missing(value) or str(value).strip() == "":
            raise InvalidEditError("a step needs a name")
        persona = _persona_of(state, spec, pos)
        if _step_taken(state, spec, persona, value, pos):
            raise InvalidEditError(f"step {value!r} already exists in this journey")
    if column == roles.emotion and not is_missing(value):
        check_emotions(pd.Series([value], name=column), roles)
    old = state.frame[column].iloc[pos]
    frame = _set_value(state.frame, pos, column, value)
    label = state.frame.index[pos]
    return State(frame, state.ids), Edit("set_cell", label, column, _plain(old), _plain(value))


def _plain(value: Any) -> Any:
    return value.item() if isinstance(value, np.generic) else value


def _fresh_label(index: pd.Index) -> Hashable:
    if isinstance(index, pd.MultiIndex):
        raise InvalidEditError("new steps cannot be added to a frame with a MultiIndex")
    if len(index) == 0 or ptypes.is_integer_dtype(index.dtype):
        return int(index.max()) + 1 if len(index) else 0
    if ptypes.is_float_dtype(index.dtype):
        return float(np.nanmax(index.to_numpy())) + 1.0
    if ptypes.is_object_dtype(index.dtype) or ptypes.is_string_dtype(index.dtype):
        taken = set(index)
        for n in itertools.count(len(index) + 1):
            label = f"new-{n}"
            if label not in taken:
                return label
    raise InvalidEditError(f"new steps cannot be labelled in an index of dtype {index.dtype}")


def _fresh_step(state: State, spec: Spec, persona: Hashable | None, base: str) -> Any:
    dtype = state.frame[spec.roles.step].dtype
    steps = state.frame[spec.roles.step]
    if ptypes.is_numeric_dtype(dtype) and not ptypes.is_bool_dtype(dtype):
        return dtype.type(steps.max() + 1 if len(steps) else 1)
    mask = persona_mask(state, spec, persona)
    taken = {str(s) for s in steps[mask]}
    for n in itertools.count(1):
        label = base if n == 1 else f"{base} {n}"
        if label not in taken:
            return coerce(label, dtype, spec.roles.step)
    raise AssertionError("unreachable")


def _insert_row(
    state: State, spec: Spec, at: int, template: int | None, values: dict[Hashable, Any]
) -> tuple[State, Hashable]:
    frame = state.frame
    if template is None:
        row = pd.DataFrame(
            {c: pd.Series([blank_for(frame[c].dtype)], dtype=frame[c].dtype) for c in frame.columns}
        )
    else:
        row = frame.iloc[[template]].copy()
        for column in frame.columns:
            row[column] = pd.Series(
                [blank_for(frame[column].dtype)], dtype=frame[column].dtype, index=row.index
            )
    for key, value in values.items():
        row[key] = pd.Series([value], dtype=frame[key].dtype, index=row.index)
    label = _fresh_label(frame.index)
    row.index = pd.Index(
        [label], dtype=frame.index.dtype if len(frame) else None, name=frame.index.name
    )
    out = pd.concat([frame.iloc[:at], row, frame.iloc[at:]])
    for column in frame.columns:
        if out[column].dtype != frame[column].dtype:
            out[column] = out[column].astype(frame[column].dtype)
    if len(frame) and out.index.dtype != frame.index.dtype:
        out.index = out.index.astype(frame.index.dtype)
    ids = np.concatenate([state.ids[:at], new_ids(1), state.ids[at:]])
    return State(out, ids), label


def insert_step(state: State, spec: Spec, after: Any) -> tuple[State, Edit]:
    pos = position_of(state, after)
    persona = _persona_of(state, spec, pos)
    step = _fresh_step(state, spec, persona, "New step")
    values: dict[Hashable, Any] = {
        spec.roles.stage: state.frame[spec.roles.stage].iloc[pos],
        spec.roles.step: step,
    }
    if spec.roles.persona is not None:
        values[spec.roles.persona] = persona
    new, label = _insert_row(state, spec, pos + 1, pos, values)
    return new, Edit("insert_step", label, spec.roles.step, None, _plain(step))


def delete_step(state: State, spec: Spec, row_id: Any) -> tuple[State, Edit]:
    pos = position_of(state, row_id)
    keep = np.ones(len(state.frame), dtype=bool)
    keep[pos] = False
    label = state.frame.index[pos]
    old = {c: _plain(v) for c, v in state.frame.iloc[pos].items()}
    return (
        State(state.frame.iloc[keep], state.ids[keep]),
        Edit("delete_step", label, spec.roles.step, old, None),
    )


def _relayout(state: State, spec: Spec, persona: Hashable | None, order: list[int]) -> State:
    """Put one persona's rows, in place among the others, in the given order."""
    slots = np.flatnonzero(persona_mask(state, spec, persona))
    perm = np.arange(len(state.frame))
    perm[slots] = order
    return State(state.frame.iloc[perm], state.ids[perm])


def move_step(state: State, spec: Spec, row_id: Any, direction: Any) -> tuple[State, Edit]:
    if direction not in (-1, 1) or isinstance(direction, bool):
        raise InvalidEditError(f"a step moves by -1 or +1, not {direction!r}")
    pos = position_of(state, row_id)
    persona = _persona_of(state, spec, pos)
    order = display_order(state, spec, persona)
    stage_col = spec.roles.stage
    stages = state.frame[stage_col]
    i = order.index(pos)
    j = i + direction
    if j < 0 or j >= len(order):
        raise InvalidEditError("the step is already at the " + ("start" if j < 0 else "end"))
    here, there = stages.iloc[order[i]], stages.iloc[order[j]]
    label = state.frame.index[pos]
    if _same(here, there):
        order[i], order[j] = order[j], order[i]
        moved = _relayout(state, spec, persona, order)
        return moved, Edit("move_step", label, stage_col, (here, i), (here, j))
    # The step is at its stage's edge: it crosses into the neighbouring stage, staying put.
    moved = _relayout(state, spec, persona, order)
    new_pos = int(np.flatnonzero(moved.ids == row_id)[0])
    moved = State(_set_value(moved.frame, new_pos, stage_col, there), moved.ids)
    return moved, Edit("move_step", label, stage_col, (_plain(here), i), (_plain(there), i))


def _stage_named(state: State, spec: Spec, key: Any) -> Hashable:
    for stage in stage_order(state.frame, spec.roles):
        if str(stage) == str(key):
            return stage
    raise InvalidEditError(f"there is no stage {key!r}")


def _new_stage_name(state: State, spec: Spec, raw: Any) -> Any:
    if not isinstance(raw, str) or raw.strip() == "":
        raise InvalidEditError("a stage needs a name")
    name = raw.strip()
    series = state.frame[spec.roles.stage]
    known = (
        series.cat.categories
        if isinstance(series.dtype, pd.CategoricalDtype)
        else series.dropna().unique()
    )
    if any(str(s) == name for s in known):
        raise InvalidEditError(f"stage {name!r} already exists")
    if isinstance(series.dtype, pd.CategoricalDtype):
        return name
    return coerce(name, series.dtype, spec.roles.stage)


def rename_stage(state: State, spec: Spec, key: Any, raw: Any) -> tuple[State, Edit]:
    old = _stage_named(state, spec, key)
    new = _new_stage_name(state, spec, raw)
    column = spec.roles.stage
    series = state.frame[column]
    if isinstance(series.dtype, pd.CategoricalDtype):
        renamed = series.cat.rename_categories({old: new})
    else:
        renamed = series.mask(series == old, new)
    frame = state.frame.copy(deep=False)
    frame[column] = (
        renamed.astype(series.dtype)
        if not isinstance(series.dtype, pd.CategoricalDtype)
        else renamed
    )
    return State(frame, state.ids), Edit("rename_stage", None, column, _plain(old), new)


def add_stage(
    state: State, spec: Spec, after: Any, raw: Any, persona: Hashable | None
) -> tuple[State, Edit]:
    column = spec.roles.stage
    if raw is None:
        taken = {str(s) for s in state.frame[column].dropna().unique()}
        raw = next(
            n
            for n in (f"New stage{'' if k == 1 else f' {k}'}" for k in itertools.count(1))
            if n not in taken
        )
    name = _new_stage_name(state, spec, raw)
    frame = state.frame
    series = frame[column]
    if isinstance(series.dtype, pd.CategoricalDtype):
        cats = list(series.cat.categories)
        at_cat = (
            cats.index(_stage_named(state, spec, after)) + 1 if after is not None else len(cats)
        )
        cats.insert(at_cat, name)
        frame = frame.copy(deep=False)
        frame[column] = series.cat.set_categories(cats)
        state = State(frame, state.ids)
    # Just before the next stage first appears, so the new stage follows `after` in
    # first-appearance order too, whichever persona's rows come first.
    at = len(frame)
    if after is not None:
        stages = stage_order(frame, spec.roles)
        k = stages.index(_stage_named(state, spec, after))
        if k + 1 < len(stages):
            at = int(np.flatnonzero((frame[column] == stages[k + 1]).to_numpy())[0])
    values: dict[Hashable, Any] = {
        column: name,
        spec.roles.step: _fresh_step(state, spec, persona, "New step"),
    }
    if spec.roles.persona is not None:
        values[spec.roles.persona] = persona
    new, label = _insert_row(state, spec, at, None, values)
    return new, Edit("add_stage", label, column, None, name)


def apply(state: State, spec: Spec, op: Any, persona: Hashable | None) -> tuple[State, Edit]:
    """Apply one op sent by the view; raise :class:`InvalidEditError` if it is not valid."""
    if not isinstance(op, dict):
        raise InvalidEditError(f"an edit op is a dict, not {type(op).__name__}")
    kind = op.get("kind")
    try:
        if kind == "set_cell":
            return set_cell(state, spec, op["id"], op["column"], op.get("value"))
        if kind == "set_emotion":
            if spec.roles.emotion is None:
                raise InvalidEditError("this map has no emotion column")
            return set_cell(state, spec, op["id"], str(spec.roles.emotion), op.get("value"))
        if kind == "set_flag":
            lane = next(
                (
                    ln
                    for ln in spec.lanes
                    if ln.kind == "flag" and str(ln.column) == str(op.get("column", ln.column))
                ),
                None,
            )
            if lane is None:
                raise InvalidEditError("this map has no moment-of-truth lane")
            return set_cell(state, spec, op["id"], str(lane.column), op.get("value"))
        if kind == "insert_step":
            return insert_step(state, spec, op["after"])
        if kind == "delete_step":
            return delete_step(state, spec, op["id"])
        if kind == "move_step":
            return move_step(state, spec, op["id"], op["direction"])
        if kind == "rename_stage":
            return rename_stage(state, spec, op["stage"], op["name"])
        if kind == "add_stage":
            return add_stage(state, spec, op.get("after"), op.get("name"), persona)
    except KeyError as exc:
        raise InvalidEditError(f"edit {kind!r} is missing {exc.args[0]!r}") from None
    raise InvalidEditError(f"unknown edit {kind!r}")


@dataclass
class History:
    """Undo and redo stacks of whole states (cheap under pandas copy-on-write).

    Edits that carry the same ``gesture`` (the updates of one drag) are one step of
    history: undo takes the table back to before the gesture began.
    """

    depth: int = 100
    undo_stack: list[tuple[State, Edit]] = field(default_factory=list)
    redo_stack: list[tuple[State, Edit]] = field(default_factory=list)
    _last_gesture: Any = None

    def record(self, before: State, edit: Edit, gesture: Any = None) -> None:
        last = self.undo_stack[-1] if self.undo_stack else None
        if (
            gesture is not None
            and gesture == self._last_gesture
            and last is not None
            and (last[1].kind, last[1].label, last[1].column)
            == (edit.kind, edit.label, edit.column)
        ):
            self.undo_stack[-1] = (last[0], replace(edit, old=last[1].old))
        else:
            self.undo_stack.append((before, edit))
            del self.undo_stack[: -self.depth]
        self._last_gesture = gesture
        self.redo_stack.clear()

    def clear(self) -> None:
        self.undo_stack.clear()
        self.redo_stack.clear()
        self._last_gesture = None

    def undo(self, current: State) -> tuple[State, Edit] | None:
        if not self.undo_stack:
            return None
        self._last_gesture = None
        before, edit = self.undo_stack.pop()
        self.redo_stack.append((current, edit))
        return before, replace(edit, old=edit.new, new=edit.old, via="undo")

    def redo(self, current: State) -> tuple[State, Edit] | None:
        if not self.redo_stack:
            return None
        self._last_gesture = None
        after, edit = self.redo_stack.pop()
        self.undo_stack.append((current, edit))
        return after, replace(edit, via="redo")
