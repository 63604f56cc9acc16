"""Undo and redo over whole states (cheap under pandas copy-on-write)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from .state import Edit, State


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
        moved = self._move(self.undo_stack, self.redo_stack, current)
        if moved is None:
            return None
        before, edit = moved
        return before, replace(edit, old=edit.new, new=edit.old, via="undo")

    def redo(self, current: State) -> tuple[State, Edit] | None:
        moved = self._move(self.redo_stack, self.undo_stack, current)
        return None if moved is None else (moved[0], replace(moved[1], via="redo"))

    def _move(
        self, source: list[tuple[State, Edit]], target: list[tuple[State, Edit]], current: State
    ) -> tuple[State, Edit] | None:
        """Take the top of one stack, leaving ``current`` on the other in its place."""
        if not source:
            return None
        self._last_gesture = None
        state, edit = source.pop()
        target.append((current, edit))
        return state, edit
