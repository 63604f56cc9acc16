"""A view's messages handled in the order the view sent them.

A kernel does not always run a widget's messages in the order they came: ipykernel (7 and
later) runs a comm message at once while a cell holds the shell, ahead of comm messages
queued for the shell just before, so a view's "I edit this cell" can be handled before the
"I selected this step" sent before it, or an edit before the one typed first. So each view
numbers what it sends (``seq``, 1, 2, ... per view id; js/src/shared/outbox.ts), and a
message that comes early waits here for the ones before it, :data:`HOLD_S` at most: past
that, what waits is handled in order all the same (a message before it may never come, as
from a view whose page was closed while it sent). A presence message older than one handled
already says what the view no longer does, and is dropped; any other late message is handled.
Messages without a number (a view of an older page, the tests' own) are handled at once.
"""

from __future__ import annotations

from typing import Any

from .views import MAX_VIEWS, view_id

#: How long an early message waits for those its view sent before it.
HOLD_S = 0.25
#: The most messages one view may have waiting; more are handled at once, in order.
MAX_HELD = 500
#: The most views whose next number is kept (the oldest heard of go first).
MAX_TRACKED = 4 * MAX_VIEWS

Message = tuple[Any, Any]  # a message's content and its buffers


class Inbox:
    """Puts each view's numbered messages back in the order the view sent them."""

    def __init__(self) -> None:
        self._next: dict[str, int] = {}  # view id -> the number it sends next, in insertion order
        self._held: dict[str, dict[int, Message]] = {}

    @property
    def waiting(self) -> bool:
        """Whether a message waits for one its view sent before it."""
        return any(self._held.values())

    def arrived(self, content: Any, buffers: Any = None) -> list[Message]:
        """A message came: those that may be handled now, in order (none when it waits)."""
        view = view_id(content.get("view")) if isinstance(content, dict) else None
        seq = content.get("seq") if view is not None else None
        if view is None or type(seq) is not int or seq < 1:
            return [(content, buffers)]
        expected = self._expected(view)
        if seq < expected:
            # Late: a wait for it was given up on (or its number came twice).
            return [] if content.get("type") == "presence" else [(content, buffers)]
        held = self._held.setdefault(view, {})
        held[seq] = (content, buffers)
        ready = self._ready(view)
        if len(held) > MAX_HELD:
            ready += self._release(view)
        return ready

    def overdue(self) -> list[Message]:
        """Every message still waiting, each view's in its order, the gaps given up on."""
        out: list[Message] = []
        for view in list(self._held):
            out += self._release(view)
        return out

    def _expected(self, view: str) -> int:
        if view in self._next:
            self._next[view] = self._next.pop(view)  # heard of last: forgotten last
        else:
            if len(self._next) >= MAX_TRACKED:
                idle = next((v for v in self._next if v not in self._held), None)
                if idle is not None:
                    del self._next[idle]
            self._next[view] = 1
        return self._next[view]

    def _ready(self, view: str) -> list[Message]:
        held, n, out = self._held[view], self._next[view], []
        while n in held:
            out.append(held.pop(n))
            n += 1
        self._next[view] = n
        if not held:
            del self._held[view]
        return out

    def _release(self, view: str) -> list[Message]:
        held = self._held.pop(view, {})
        if held:
            self._next[view] = max(held) + 1
        return [held[n] for n in sorted(held)]
