"""Several views editing one table at once: no edit lands on a value its author never saw.

A view's editor opens with a cell's value as the wire sent it; the op it sends carries that
value as ``expected``. If the cell holds something else by the time the op arrives (another
view or Python changed it), the op is refused as a conflict and nothing changes: the view
then shows both values and lets its person choose. Ops that move or delete a step carry the
revision of the journey the view drew; the step is refused when someone else changed or
removed it since.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from typing import Any

import numpy as np

from ..errors import CJMError, EditConflictError
from ..table.lanes import KINDS
from ..table.values import coerce, is_missing, same_value
from .ops import cell_column, typed_name
from .state import Spec, State, position_of

#: The ops that write one cell, and so may carry ``expected``.
CELL_OPS = ("set_cell", "set_emotion", "set_moment")
#: The ops that take a step as the view last drew it, and so may carry ``revision``.
STEP_OPS = ("move_step", "delete_step")


def wire_value(state: State, spec: Spec, column: Hashable, pos: int) -> Any:
    """One cell as the view receives it (what its editor opens with)."""
    from ..widgets.wire import encode_values, lane_values  # the wire is the widgets' room

    series = state.frame[column]
    if column == spec.roles.step:
        return str(series.iloc[pos])
    lane = spec.lane(column)
    if lane is None:
        return encode_values(series.iloc[pos : pos + 1])[0]
    # A priority lane reads ranks or quadrants from its whole column; the others cell by cell.
    if lane.kind == "priority":
        return lane_values(lane, series)[pos]
    return lane_values(lane, series.iloc[pos : pos + 1])[0]


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def same_wire(a: Any, b: Any) -> bool:
    """Whether two wire values are the same: missing equals missing (None, NaN), a boolean
    equals only a boolean, 2 equals 2.0."""
    if _missing(a) or _missing(b):
        return _missing(a) and _missing(b)
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    return type(a) is type(b) and a == b


def cell_of(state: State, spec: Spec, op: dict[str, Any]) -> tuple[int, Hashable]:
    """The (row position, column) a cell op writes to."""
    column = cell_column(spec, op)
    return position_of(state, op["id"]), column


def check_expected(state: State, spec: Spec, op: Any) -> None:
    """Refuse a cell op or stage rename whose ``expected`` is not the value there now.

    An op without ``expected`` (from Python, or an older view) is not checked.
    """
    if not isinstance(op, dict) or "expected" not in op:
        return
    kind, expected = op.get("kind"), op["expected"]
    if kind == "rename_stage":
        names = {str(s) for s in state.frame[spec.roles.stage].dropna().unique()}
        if str(op.get("stage")) not in names or str(expected) != str(op.get("stage")):
            raise EditConflictError(
                f"stage {expected!r} was renamed or removed meanwhile; nothing changed",
                on="stage",
                current=None,
                yours=op.get("name"),
            )
        return
    if kind not in CELL_OPS or "id" not in op:
        return
    pos, column = cell_of(state, spec, op)
    current = wire_value(state, spec, column, pos)
    if same_wire(current, expected):
        return
    # From Python an expected value may be the cell's own type (a Timestamp, say).
    plain = expected is None or isinstance(expected, (bool, int, float, str))
    if not plain and same_value(state.frame[column].iloc[pos], expected):
        return
    # A view's own text still unanswered ("5", "41 %") is expected as the cell reads it once
    # stored, so a second quick edit of a number cell is no conflict with the first.
    if isinstance(expected, str) and _as_stored(state, spec, column, pos, expected):
        return
    step = state.frame[spec.roles.step].iloc[pos]
    raise EditConflictError(
        f"{column} of step {str(step)!r} was changed meanwhile to {_shown(current)}"
        f" (your editor opened on {_shown(expected)}); nothing changed",
        current=current,
        yours=op.get("value"),
        row=int(op["id"]),
        column=lane_key(spec, column),
    )


def lane_key(spec: Spec, column: Hashable) -> str | None:
    """The key a view knows a column by (its lane's, or the step column's); None if none."""
    try:
        return spec.key_of(column)
    except StopIteration:
        return None


def _as_stored(state: State, spec: Spec, column: Hashable, pos: int, text: str) -> bool:
    """Whether ``text``, typed into the cell, would be stored as the value the cell holds."""
    series = state.frame[column]
    lane = spec.lane(column)
    if column == spec.roles.step:
        text = typed_name(text)
    try:
        raw = KINDS[lane.kind].value(text, series, lane) if lane and lane.kind else text
        stored = coerce(raw, series.dtype, column)
    except (CJMError, ValueError, TypeError):
        return False
    return bool(same_value(series.iloc[pos], stored))


def _shown(value: Any) -> str:
    return "(empty)" if _missing(value) or is_missing(value) else repr(value)


class RowLog:
    """What happened to each row, by the document's change number: for each view that
    changed it (a view's id, ``None`` for Python), the last change it made. A step op sent
    from an older drawing is refused when someone else touched the step since, even if its
    own view touched it later."""

    def __init__(self) -> None:
        self.seq = 0
        self.changed: dict[int, dict[str | None, int]] = {}

    def next(self) -> int:
        self.seq += 1
        return self.seq

    def touch(self, rows: Any, view: str | None) -> None:
        for row in rows:
            self.changed.setdefault(int(row), {})[view] = self.seq

    def since(self, row: int, seq: int, view: str | None) -> bool:
        """Whether someone other than ``view`` changed the row after change ``seq``."""
        by = self.changed.get(int(row), {})
        return any(last > seq and (view is None or who != view) for who, last in by.items())

    def check_step(self, state: State, op: Any, view: str | None, seq: int | None) -> None:
        """Refuse a move or delete of a step changed or removed by someone else since the
        view drew change ``seq`` (no check without a revision)."""
        if seq is None or not isinstance(op, dict) or op.get("kind") not in STEP_OPS:
            return
        row = op.get("id")
        if isinstance(row, bool) or not isinstance(row, (int, np.integer)):
            return  # the op itself says what is wrong with it
        if not (state.ids == row).any():
            raise EditConflictError(
                "that step was deleted meanwhile (in another view, or from Python); "
                "nothing changed",
                on="step",
            )
        if self.since(int(row), seq, view):
            raise EditConflictError(
                "that step was changed meanwhile (in another view, or from Python): look at "
                "it again before moving or deleting it; nothing changed",
                on="step",
            )
