"""A view's own undo: Ctrl+Z in a view undoes the last edit made in that view.

When that edit is still the latest of all, the whole state before it comes back (as
``m.undo()`` does). When others edited since, going back to an older state would undo
their edits too; the edit is undone instead by its inverse op, checked the way a view's op
is: a cell goes back to its old value only if it still holds the value this view wrote
(else a conflict), a moved step moves back only if it still stands where it was put, an
inserted step is deleted only if nobody touched it since. A deletion or a new stage is undone
only while it is the latest edit: re-inserting a row, or removing a stage others may have
filled, cannot be done safely around others' edits, and is refused saying so.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..errors import EditConflictError, InvalidEditError
from ..table.values import same_value
from .concurrency import lane_key, wire_value
from .history import Entry
from .ops import _set_value, _step_taken, delete_step, move_step, rename_stage
from .state import Edit, Spec, State, display_order, group_of, position_of

if TYPE_CHECKING:
    from .document import Document


def _target(doc: Document, view: str, redo: bool) -> Entry | None:
    """The entry a view's undo (or redo) acts on: its last edit not undone yet (or its last
    undo, when it made no edit since)."""
    for entry in reversed(doc.history.undo_stack):
        edit = entry.edit
        if edit.view != view or entry.undone:
            continue
        if not redo:
            if edit.via in ("view", "redo"):
                return entry
            continue
        if edit.via == "undo" and entry.inverts is not None:
            return entry if entry.seq > doc.last_edit.get(view, 0) else None
        if edit.via == "view":
            return None  # a new edit since: nothing to redo, as in any editor
    return None


def view_step(doc: Document, view: str, spec: Spec, redo: bool) -> Edit | None:
    """Undo (or redo) the last edit made in ``view``; ``None`` when it has none."""
    redo_stack = doc.history.redo_stack
    # A view's undo taken back (its redo, below) lands on the redo stack too: redoing that
    # would undo again, so a view's redo only takes back its own edits and redos from there.
    top = redo_stack[-1].edit if redo and redo_stack else None
    if top is not None and top.view == view and top.via != "undo":
        return doc.step_history(undo=False, view=view)
    entry = _target(doc, view, redo)
    if entry is None:
        return None
    if doc.history.undo_stack[-1] is entry:
        return doc.step_history(undo=True, view=view, via="redo" if redo else "undo")
    before = doc.state
    try:
        after, edit = _inverse(doc, before, spec, entry, view)
    except EditConflictError as exc:
        exc.via = "redo" if redo else "undo"  # the value it would put back is no one's own
        raise
    edit = replace(edit, via="redo" if redo else "undo", view=view)
    doc.commit(before, after, edit, None, inverts=entry)
    return edit


def _inverse(
    doc: Document, state: State, spec: Spec, entry: Entry, view: str
) -> tuple[State, Edit]:
    edit = entry.edit
    if edit.kind == "set_cell" and edit.row is not None:
        return _restore_cell(state, spec, edit)
    if edit.kind == "rename_stage":
        names = {str(s) for s in state.frame[spec.roles.stage].dropna().unique()}
        if str(edit.new) not in names:
            raise EditConflictError(
                f"stage {str(edit.new)!r} was renamed meanwhile (now "
                f"{', '.join(sorted(names))}); the rename cannot be undone, nothing changed",
                on="stage",
            )
        return rename_stage(state, spec, str(edit.new), str(edit.old), typed=False)
    if edit.kind == "move_step" and edit.row is not None:
        return _move_back(state, spec, edit)
    if edit.kind == "insert_step" and edit.new is None:
        raise InvalidEditError(
            "an insertion undone while others were editing cannot be redone: insert the step "
            "again; nothing changed"
        ).with_code("refused.redo_insert")
    if edit.kind == "insert_step" and edit.row is not None:
        position_of(state, edit.row)  # refused when the step is gone
        if doc.rows.since(edit.row, entry.seq, view):
            raise EditConflictError(
                f"step {edit.new!r} was changed in another view since it was inserted; "
                "it is not deleted, nothing changed",
                on="step",
            )
        after, deleted = delete_step(state, spec, edit.row)
        return after, replace(deleted, kind="insert_step", old=edit.new, new=None)
    what = {"delete_step": "a deletion", "add_stage": "a new stage"}.get(edit.kind, edit.kind)
    # Each said in the view's language; any other kind (none today) by its own name.
    code = {"delete_step": "refused.undo_delete", "add_stage": "refused.undo_stage"}.get(
        edit.kind, "refused.undo_latest"
    )
    raise InvalidEditError(
        f"{what} can be undone only while it is the latest edit, and others have edited "
        "since; nothing changed"
    ).with_code(code)


def _restore_cell(state: State, spec: Spec, edit: Edit) -> tuple[State, Edit]:
    """The cell back to ``edit.old``, if it still holds ``edit.new`` (else a conflict)."""
    assert edit.row is not None
    pos = position_of(state, edit.row)
    column = edit.column
    if column not in state.frame.columns:
        raise InvalidEditError(
            f"column {column!r} is no longer in the table; nothing changed"
        ).with_code("refused.column_gone", column=str(column))
    now = state.frame[column].iloc[pos]
    if not same_value(now, edit.new):
        raise EditConflictError(
            f"{column} of step {edit.step!r} was changed meanwhile in another view; your "
            "edit is not undone, nothing changed",
            current=wire_value(state, spec, column, pos),
            yours=_wire(edit.old),
            row=edit.row,
            column=lane_key(spec, column),
        )
    if column == spec.roles.step:
        persona = group_of(state, spec, pos)
        if _step_taken(state, spec, persona, edit.old, pos):
            raise InvalidEditError(
                f"step {edit.old!r} exists again (another view named a step so); nothing changed"
            ).with_code("refused.step_exists", step=str(edit.old))
    frame = _set_value(state.frame, pos, column, edit.old)
    undone = replace(edit, old=edit.new, new=edit.old)
    return state.with_rows(frame), undone


def _move_back(state: State, spec: Spec, edit: Edit) -> tuple[State, Edit]:
    """A moved step back where it was, if it still stands where the move put it."""
    assert edit.row is not None
    pos = position_of(state, edit.row)
    persona = group_of(state, spec, pos)
    order = display_order(state, spec, persona)
    here = (state.frame[spec.roles.stage].iloc[pos], order.index(pos))
    if not (same_value(here[0], edit.new[0]) and here[1] == edit.new[1]):
        raise EditConflictError(
            f"step {edit.step!r} was moved meanwhile in another view; it stays where it is, "
            "nothing changed",
            on="step",
        )
    for direction in (-1, 1):
        try:
            after, moved = move_step(state, spec, edit.row, direction)
        except InvalidEditError:
            continue
        if same_value(moved.new[0], edit.old[0]) and moved.new[1] == edit.old[1]:
            return after, moved
    raise InvalidEditError(f"step {edit.step!r} cannot be moved back; nothing changed").with_code(
        "refused.move_back", step=str(edit.step)
    )


def _wire(value: Any) -> Any:
    """A value for a message (JSON): plain numbers and text as they are, others as text."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return None if value != value else value
    return str(value)
