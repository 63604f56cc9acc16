"""Undo and redo over whole states (cheap under pandas copy-on-write)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from .state import Edit, State


@dataclass(eq=False)
class Entry:
    """One step of history: the state before it, the edit, and for a view's own undo made
    after others' edits (an inverse op, see :mod:`.views`) the entry it undid.

    ``seq`` is the document's change number the edit made. ``undone``: a view undid this
    edit with an inverse op; the entry stays, so that ``m.undo()`` can still go back through
    it, but its view's Ctrl+Z passes it by.
    """

    before: State
    edit: Edit
    seq: int = 0
    inverts: Entry | None = None
    undone: bool = False


@dataclass
class History:
    """Undo and redo stacks of whole states (cheap under pandas copy-on-write).

    Edits that carry the same ``gesture`` (the updates of one drag) are one step of
    history: undo takes the table back to before the gesture began.
    """

    depth: int = 100
    undo_stack: list[Entry] = field(default_factory=list)
    redo_stack: list[Entry] = field(default_factory=list)
    _last_gesture: Any = None

    def record(
        self,
        before: State,
        edit: Edit,
        gesture: Any = None,
        seq: int = 0,
        inverts: Entry | None = None,
    ) -> Entry:
        last = self.undo_stack[-1] if self.undo_stack else None
        if (
            gesture is not None
            and gesture == self._last_gesture
            and last is not None
            and (last.edit.kind, last.edit.label, last.edit.column, last.edit.view)
            == (edit.kind, edit.label, edit.column, edit.view)
        ):
            last.edit = replace(edit, old=last.edit.old)
            last.seq = seq
            entry = last
        else:
            entry = Entry(before, edit, seq, inverts)
            self.undo_stack.append(entry)
            del self.undo_stack[: -self.depth]
        self._last_gesture = gesture
        self.redo_stack.clear()
        return entry

    def clear(self) -> None:
        self.undo_stack.clear()
        self.redo_stack.clear()
        self._last_gesture = None

    def undo(self, current: State) -> tuple[State, Edit] | None:
        moved = self._move(self.undo_stack, self.redo_stack, current)
        if moved is None:
            return None
        before, entry = moved
        if entry.inverts is not None:
            entry.inverts.undone = False  # the edit its view had undone is back
        edit = entry.edit
        return before, replace(edit, old=edit.new, new=edit.old, via="undo")

    def redo(self, current: State) -> tuple[State, Edit] | None:
        moved = self._move(self.redo_stack, self.undo_stack, current)
        if moved is None:
            return None
        after, entry = moved
        if entry.inverts is not None:
            entry.inverts.undone = True
        return after, replace(entry.edit, via="redo")

    def _move(
        self, source: list[Entry], target: list[Entry], current: State
    ) -> tuple[State, Entry] | None:
        """Take the top of one stack, leaving ``current`` on the other in its place."""
        if not source:
            return None
        self._last_gesture = None
        entry = source.pop()
        target.append(Entry(current, entry.edit, entry.seq, entry.inverts))
        return entry.before, entry

    def snapshot(self) -> tuple[list[Entry], list[Entry], list[bool]]:
        """The stacks as they are, to put back if a step cannot be shown."""
        marks = [e.inverts.undone for e in (*self.undo_stack, *self.redo_stack) if e.inverts]
        return list(self.undo_stack), list(self.redo_stack), marks

    def restore(self, saved: tuple[list[Entry], list[Entry], list[bool]]) -> None:
        self.undo_stack[:], self.redo_stack[:] = saved[0], saved[1]
        inverting = [e.inverts for e in (*self.undo_stack, *self.redo_stack) if e.inverts]
        for target, mark in zip(inverting, saved[2], strict=True):
            target.undone = mark
