"""The edit ops a view sends, validated and applied: pure functions over a :class:`State`."""

from __future__ import annotations

import itertools
from collections.abc import Hashable
from typing import Any

import numpy as np
import pandas as pd
from pandas.api import types as ptypes

from ..errors import CJMError, InvalidEditError
from ..table.lanes import KINDS
from ..table.schema import check_emotions, stage_order
from ..table.values import (
    coerce,
    is_missing,
    missing_for,
    nullable,
    numpy_dtype,
    same_value,
)
from ..words import word
from .state import (
    Edit,
    Spec,
    State,
    display_order,
    group_of,
    new_ids,
    persona_mask,
    position_of,
)


def _persona_of(state: State, spec: Spec, pos: int) -> Hashable | None:
    column = spec.roles.persona
    return None if column is None else state.frame[column].iloc[pos]


def _edit(
    kind: str, state: State, spec: Spec, pos: int | None, column: Any, old: Any, new: Any
) -> Edit:
    """An applied edit, naming the row it touched by label, persona and step."""
    if pos is None:
        return Edit(kind, None, column, _plain(old), _plain(new))
    frame = state.frame
    return Edit(
        kind,
        frame.index[pos],
        column,
        _plain(old),
        _plain(new),
        persona=_plain(_persona_of(state, spec, pos)),
        step=_plain(frame[spec.roles.step].iloc[pos]),
        row=int(state.ids[pos]),
        state=None if spec.roles.state is None else _plain(frame[spec.roles.state].iloc[pos]),
    )


def _column(spec: Spec, key: Any) -> Hashable:
    if not isinstance(key, str) or key not in spec.keys:
        # A view drawn before Python took the lane away may still send it.
        raise InvalidEditError(f"column {key!r} is not a lane of this map").with_code(
            "refused.no_lane", column=str(key)
        )
    return spec.keys[key]


def typed_name(raw: Any) -> Any:
    """A stage or step name as typed: the spaces around it are not part of it, so "Achat "
    names the stage "Achat" (and is refused beside it) rather than a second stage."""
    return raw.strip() if isinstance(raw, str) else raw


def _set_value(frame: pd.DataFrame, pos: int, column: Hashable, value: Any) -> pd.DataFrame:
    out = frame.copy(deep=False)
    col = out[column].copy()
    col.iloc[pos] = value
    out[column] = col
    return out


def _step_taken(state: State, spec: Spec, persona: Hashable | None, label: Any, skip: int) -> bool:
    mask = persona_mask(state, spec, persona)
    steps = state.frame[spec.roles.step].to_numpy()
    # A name the table was given with spaces around it ("Pay ") is taken as well.
    return any(
        same_value(steps[p], label) or same_value(typed_name(steps[p]), label)
        for p in np.flatnonzero(mask)
        if p != skip
    )


def set_cell(state: State, spec: Spec, row_id: Any, key: Any, raw: Any) -> tuple[State, Edit]:
    pos = position_of(state, row_id)
    column = _column(spec, key)
    roles = spec.roles
    if column == roles.stage:
        raise InvalidEditError(
            "rename a stage from its header, or move the step to another stage"
        ).with_code("refused.stage_cell")
    dtype = state.frame[column].dtype
    lane = spec.lane(column)
    if lane is not None and lane.kind is not None:
        raw = KINDS[lane.kind].value(raw, state.frame[column], lane)
    if column == roles.step:
        raw = typed_name(raw)
    value = coerce(raw, dtype, column)
    if column == roles.step:
        if is_missing(value) or str(value).strip() == "":
            raise InvalidEditError("a step needs a name").with_code("refused.step_name")
        persona = group_of(state, spec, pos)
        if _step_taken(state, spec, persona, value, pos):
            raise InvalidEditError(f"step {value!r} already exists in this journey").with_code(
                "refused.step_exists", step=str(value)
            )
    if column == roles.emotion and not is_missing(value):
        row = pd.Series([value], name=column, index=state.frame.index[pos : pos + 1])
        try:
            check_emotions(row, roles)
        except CJMError as exc:
            low, high = roles.scale
            raise exc.with_code(
                "refused.emotion_scale", value=float(value), low=float(low), high=float(high)
            ) from None
    old = state.frame[column].iloc[pos]
    frame = _set_value(state.frame, pos, column, value)
    return state.with_rows(frame), _edit("set_cell", state, spec, pos, column, old, value)


def _plain(value: Any) -> Any:
    return value.item() if isinstance(value, np.generic) else value


def _fresh_label(index: pd.Index) -> Hashable:
    if isinstance(index, pd.MultiIndex):
        raise InvalidEditError("new steps cannot be added to a frame with a MultiIndex").with_code(
            "refused.multiindex"
        )
    if len(index) == 0 or ptypes.is_integer_dtype(index.dtype):
        after = int(index.max()) + 1 if len(index) else 0
        if len(index) and after > np.iinfo(numpy_dtype(index.dtype)).max:
            raise InvalidEditError(
                f"the index is full: no label after {after - 1} fits its dtype"
            ).with_code("refused.index_full", label=after - 1)
        return after
    if ptypes.is_float_dtype(index.dtype):
        return float(np.nanmax(index.to_numpy())) + 1.0
    if ptypes.is_object_dtype(index.dtype) or ptypes.is_string_dtype(index.dtype):
        taken = set(index)
        for n in itertools.count(len(index) + 1):
            label = f"new-{n}"
            if label not in taken:
                return label
    raise InvalidEditError(
        f"new steps cannot be labelled in an index of dtype {index.dtype}"
    ).with_code("refused.index_dtype", dtype=str(index.dtype))


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


def _insert_row(state: State, at: int, values: dict[Hashable, Any]) -> tuple[State, Hashable]:
    """A new row at ``at``: empty but for ``values`` (never an invented 0 or False).

    A column whose dtype cannot hold an empty value (int64, bool) becomes its nullable
    twin (Int64, boolean) so the new row can stay empty.
    """
    frame = state.frame.copy(deep=False)
    for column in frame.columns:
        if column not in values:
            frame[column] = nullable(frame[column])
    row = pd.DataFrame(
        {
            c: pd.Series([values.get(c, missing_for(frame[c].dtype))], dtype=frame[c].dtype)
            for c in frame.columns
        }
    )
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
    return state.with_rows(out, ids), label


def insert_step(state: State, spec: Spec, after: Any, lang: Any = None) -> tuple[State, Edit]:
    """A step after ``after``, named "New step" in the view's language (``lang``)."""
    pos = position_of(state, after)
    group = group_of(state, spec, pos)  # a new step joins the persona and state it follows
    step = _fresh_step(state, spec, group, word("New step", lang))
    values: dict[Hashable, Any] = {
        spec.roles.stage: state.frame[spec.roles.stage].iloc[pos],
        spec.roles.step: step,
        **_group_values(spec, group),
    }
    new, _ = _insert_row(state, pos + 1, values)
    return new, _edit("insert_step", new, spec, pos + 1, spec.roles.step, None, step)


def _group_values(spec: Spec, group: Any) -> dict[Hashable, Any]:
    """The persona and state columns' values of a new row of ``group`` (see ``group_of``)."""
    roles = spec.roles
    persona, value = group if roles.state is not None else (group, None)
    values: dict[Hashable, Any] = {} if roles.persona is None else {roles.persona: persona}
    if roles.state is not None:
        values[roles.state] = value
    return values


def _stage_group(state: State, spec: Spec, persona: Any, chosen: Any) -> Any:
    """The group of a new stage's step: the view's persona and, with a state column, the
    state the op names (a view showing both states says which), else the future state."""
    column = spec.roles.state
    if column is None:
        return persona
    values = list(pd.unique(state.frame[column].dropna()))
    if chosen is None and len(spec.states) == 2:
        chosen = spec.states[1]  # the future state, whatever order the table's rows are in
    named = [v for v in values if str(v) == str(chosen)] if chosen is not None else values[-1:]
    if chosen is not None and not named:
        raise InvalidEditError(
            f"state {chosen!r} is not in the journey's column {column!r}"
        ).with_code("refused.no_such_state", state=str(chosen), column=str(column))
    if not named:
        raise InvalidEditError(
            f"the journey has no state to add a stage to (column {column!r})"
        ).with_code("refused.no_state", column=str(column))
    return (persona, named[0])


def delete_step(state: State, spec: Spec, row_id: Any) -> tuple[State, Edit]:
    pos = position_of(state, row_id)
    keep = np.ones(len(state.frame), dtype=bool)
    keep[pos] = False
    old = {c: _plain(v) for c, v in state.frame.iloc[pos].items()}
    edit = _edit("delete_step", state, spec, pos, spec.roles.step, old, None)
    return state.with_rows(state.frame.iloc[keep], state.ids[keep]), edit


def _relayout(state: State, spec: Spec, persona: Hashable | None, order: list[int]) -> State:
    """Put one persona's rows, in place among the others, in the given order."""
    slots = np.flatnonzero(persona_mask(state, spec, persona))
    perm = np.arange(len(state.frame))
    perm[slots] = order
    return state.with_rows(state.frame.iloc[perm], state.ids[perm])


def move_step(state: State, spec: Spec, row_id: Any, direction: Any) -> tuple[State, Edit]:
    if type(direction) is not int or direction not in (-1, 1):
        raise InvalidEditError(f"a step moves by -1 or +1, not {direction!r}")
    pos = position_of(state, row_id)
    persona = group_of(state, spec, pos)
    order = display_order(state, spec, persona)
    stage_col = spec.roles.stage
    stages = state.frame[stage_col]
    i = order.index(pos)
    j = i + direction
    if j < 0 or j >= len(order):
        end = "start" if j < 0 else "end"
        raise InvalidEditError(f"the step is already at the {end}").with_code(f"refused.at_{end}")
    here, there = _plain(stages.iloc[order[i]]), _plain(stages.iloc[order[j]])
    if same_value(here, there):
        order[i], order[j] = order[j], order[i]
        moved = _relayout(state, spec, persona, order)
        return moved, _edit("move_step", state, spec, pos, stage_col, (here, i), (here, j))
    # The step is at its stage's edge: it crosses into the neighbouring stage, staying put.
    moved = _relayout(state, spec, persona, order)
    new_pos = int(np.flatnonzero(moved.ids == row_id)[0])
    moved = moved.with_rows(_set_value(moved.frame, new_pos, stage_col, there))
    return moved, _edit("move_step", state, spec, pos, stage_col, (here, i), (there, i))


def _stage_named(state: State, spec: Spec, key: Any) -> Hashable:
    for stage in stage_order(state.frame, spec.roles):
        if str(stage) == str(key):
            return stage
    raise InvalidEditError(f"there is no stage {key!r}").with_code(
        "refused.no_stage", stage=str(key)
    )


def _new_stage_name(
    state: State, spec: Spec, raw: Any, typed: bool = True, renamed: Hashable = None
) -> Any:
    """A new stage's name, or the new name of stage ``renamed``: refused when a stage has it,
    or has it with spaces around (a table may hold "Buy "), but for ``renamed`` itself."""
    if not isinstance(raw, str) or raw.strip() == "":
        raise InvalidEditError("a stage needs a name").with_code("refused.stage_name")
    name = coerce(typed_name(raw) if typed else raw, np.dtype(object), spec.roles.stage)
    series = state.frame[spec.roles.stage]
    known = (
        series.cat.categories
        if isinstance(series.dtype, pd.CategoricalDtype)
        else series.dropna().unique()
    )
    if any((str(s) == name or str(s).strip() == name) and s != renamed for s in known):
        raise InvalidEditError(f"stage {name!r} already exists").with_code(
            "refused.stage_exists", stage=name
        )
    if isinstance(series.dtype, pd.CategoricalDtype):
        return name
    return coerce(name, series.dtype, spec.roles.stage)


def rename_stage(
    state: State, spec: Spec, key: Any, raw: Any, typed: bool = True
) -> tuple[State, Edit]:
    """Stage ``key`` renamed ``raw``; a name not ``typed`` (an undo's, given back as the
    table held it) keeps its spaces."""
    old = _stage_named(state, spec, key)
    new = _new_stage_name(state, spec, raw, typed, renamed=old)
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
    return state.with_rows(frame), _edit("rename_stage", state, spec, None, column, old, new)


def add_stage(
    state: State,
    spec: Spec,
    after: Any,
    raw: Any,
    persona: Hashable | None,
    lang: Any = None,
) -> tuple[State, Edit]:
    """A stage after ``after``, named ``raw`` or "New stage" in the view's language, with
    one new step."""
    column = spec.roles.stage
    if raw is None:
        taken = {str(s) for s in state.frame[column].dropna().unique()}
        base = word("New stage", lang)
        raw = next(
            n
            for n in (f"{base}{'' if k == 1 else f' {k}'}" for k in itertools.count(1))
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
        state = state.with_rows(frame)
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
        spec.roles.step: _fresh_step(state, spec, persona, word("New step", lang)),
        **_group_values(spec, persona),
    }
    new, _ = _insert_row(state, at, values)
    return new, _edit("add_stage", new, spec, at, column, None, name)


def cell_column(spec: Spec, op: dict[str, Any]) -> Hashable:
    """The column a cell op (``set_cell``, ``set_emotion``, ``set_moment``) writes; refused,
    with its code, when the map has no such lane."""
    kind = op["kind"]
    if kind == "set_emotion":
        if spec.roles.emotion is None:
            raise InvalidEditError("this map has no emotion column").with_code("refused.no_emotion")
        return spec.roles.emotion
    if kind == "set_moment":
        key = op.get("column")
        lane = next(
            (
                ln
                for ln in spec.lanes
                if ln.kind == "moment" and (key is None or spec.key_of(ln.column) == key)
            ),
            None,
        )
        if lane is None:
            raise InvalidEditError("this map has no moment-of-truth lane").with_code(
                "refused.no_moment"
            )
        return lane.column
    return _column(spec, op.get("column"))


def _set_role_cell(state: State, spec: Spec, op: dict[str, Any], persona: Any) -> Any:
    """``set_emotion`` and ``set_moment``: a cell of the lane the op's kind names."""
    return set_cell(state, spec, op["id"], spec.key_of(cell_column(spec, op)), op.get("value"))


#: One function per op kind: ``(state, spec, op, persona) -> (state, edit)``.
OPS: dict[str, Any] = {
    "set_cell": lambda st, sp, op, _: set_cell(st, sp, op["id"], op["column"], op.get("value")),
    "set_emotion": _set_role_cell,
    "set_moment": _set_role_cell,
    "insert_step": lambda st, sp, op, _: insert_step(st, sp, op["after"], op.get("lang")),
    "delete_step": lambda st, sp, op, _: delete_step(st, sp, op["id"]),
    "move_step": lambda st, sp, op, _: move_step(st, sp, op["id"], op["direction"]),
    "rename_stage": lambda st, sp, op, _: rename_stage(st, sp, op["stage"], op["name"]),
    "add_stage": lambda st, sp, op, persona: add_stage(
        st,
        sp,
        op.get("after"),
        op.get("name"),
        _stage_group(st, sp, persona, op.get("state")),
        op.get("lang"),
    ),
}


def apply(state: State, spec: Spec, op: Any, persona: Hashable | None) -> tuple[State, Edit]:
    """Apply one op sent by the view; raise :class:`InvalidEditError` if it is not valid."""
    if not isinstance(op, dict):
        raise InvalidEditError(f"an edit op is a dict, not {type(op).__name__}")
    kind = op.get("kind")
    if not isinstance(kind, str) or kind not in OPS:
        raise InvalidEditError(f"unknown edit {kind!r}")
    try:
        edited: tuple[State, Edit] = OPS[kind](state, spec, op, persona)
        return edited
    except KeyError as exc:
        raise InvalidEditError(f"edit {kind!r} is missing {exc.args[0]!r}") from None
