"""Several views of one widget (two browsers on one kernel, or one map shown twice).

anywidget cannot send a message to one view only: every ``self.send`` reaches every view.
So what is meant for one view says so: the ``edit_result`` of an op names the ``view`` that
sent it, and the others pass it by. Each view says who it is (mount.ts gives it a random
id) in every op, in its open and close messages, and in what it tells of itself: the steps
it has selected, the cell it is editing and the persona it shows, kept in the synced
``_presence`` trait (view id -> that), from which each view outlines the others' work.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import traitlets

from ..edits import Edit
from ..errors import EditConflictError, InvalidEditError
from .wire import set_quietly, sync_later, sync_now

if TYPE_CHECKING:
    import anywidget

    _Traits = anywidget.AnyWidget
else:
    _Traits = traitlets.HasTraits

#: The most views one widget tracks presence for, and steps one view may report selected.
MAX_VIEWS = 50
MAX_SELECTED = 1000
#: A view says it is open every 20 s (mount.ts); one not heard of for this long is gone
#: (a tab closed or reloaded sends no goodbye) and leaves the others' presence.
VIEW_TIMEOUT = 60.0
#: The clock presence is timed by (a test may set its own).
clock: Callable[[], float] = time.monotonic


def view_id(value: Any) -> str | None:
    """A view's id as a message gives it; ``None`` when it gives none (or no usable one)."""
    return value if isinstance(value, str) and 0 < len(value) <= 100 else None


class Revisions:
    """Numbers the journeys a widget sends its views, remembering the document's change
    number each one showed: an op says which drawing it was made from by its revision."""

    KEEP = 1000

    def __init__(self, seq: Callable[[], int]) -> None:
        self._seq = seq
        self._last = 0
        self._shown: dict[int, int] = {}

    def __iter__(self) -> Revisions:
        return self

    def __next__(self) -> int:
        self._last += 1
        self._shown[self._last] = self._seq()
        if len(self._shown) > self.KEEP:
            del self._shown[min(self._shown)]
        return self._last

    def seq_of(self, revision: Any) -> int | None:
        """The change number a view's drawing showed; ``None`` when the op names no revision;
        0 (before any change) for one too old to be remembered."""
        if type(revision) is not int:
            return None
        return self._shown.get(revision, 0)


def plain_value(value: Any) -> Any:
    """A value for a JSON message: plain numbers, booleans and text as they are (NaN as
    ``None``), anything else as its text."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    try:
        item = value.item()  # numpy scalars
    except (AttributeError, ValueError, TypeError):
        return str(value)
    return plain_value(item) if item is not value else str(value)


def conflict_reply(exc: EditConflictError, op: Any) -> dict[str, Any]:
    """What a view is told of an op, undo or redo refused as a conflict (beside ``ok:
    false``): the code of its sentence, the values as text (``params``), and in ``conflict``
    the values as the wire holds them, with the cell's row id and lane key, so that the view
    says them as the lane shows them."""
    kind = op.get("kind") if isinstance(op, dict) else None
    on = exc.on
    if kind in ("move_step", "delete_step"):
        on = "step"
    elif kind == "rename_stage":
        on = "stage"
    conflict: dict[str, Any] = {
        "on": on,
        "current": plain_value(exc.current),
        "yours": plain_value(exc.yours),
    }
    if on == "cell" and exc.row is not None and exc.column is not None:
        conflict.update(id=plain_value(exc.row), column=exc.column)
    params = {"current": _shown(conflict["current"]), "yours": _shown(conflict["yours"])}
    if on != "cell":
        code = f"conflict.{on}"
    else:
        # An undo or redo puts back the value the cell held: no one's "yours".
        code = f"conflict.{exc.via}" if exc.via in ("undo", "redo") else "conflict"
    return {"code": code, "params": params, "conflict": conflict}


def _shown(value: Any) -> str:
    return "" if value is None else str(value)


def announcement(edit: Edit, lane: str | None, key: str | None = None) -> dict[str, Any]:
    """The message every view gets when an edit is undone or redone (by a view or Python):
    which step, lane (its label, and its ``column`` key, by which a view titles the lane as
    its head does and words the values as the lane shows them) and persona, and the value
    before and after, shown briefly. ``key`` defaults to the column's name, which is its key
    but for columns whose names read alike (``1`` and ``"1"``)."""
    kind = edit.kind
    if key is None and kind == "set_cell" and edit.column is not None:
        key = str(edit.column)
    old, new = edit.old, edit.new
    if kind not in ("set_cell", "rename_stage"):
        old = new = None  # a whole row or a position: the sentence says it
    return {
        "type": "undone",
        "view": edit.view,
        "redo": edit.via == "redo",
        "kind": kind,
        "row": edit.row,
        "step": plain_value(edit.step),
        "lane": lane,
        "column": key,
        "persona": plain_value(edit.persona),
        "old": plain_value(old),
        "new": plain_value(new),
        "text": edit.describe(lane),
    }


class ViewPresence(_Traits):
    """The views open now and what each is doing, for the others to show (mixed into
    JourneyWidget; the messages come through its ``on_msg`` handler)."""

    _presence = traitlets.Dict().tag(sync=True)
    # Who set ``active_persona`` last: a view's id (that view switched; the others keep the
    # persona they show) or "" (Python, or the kernel: every view shows it).
    _persona_from = traitlets.Unicode("").tag(sync=True)
    _persona_view: str | None

    def __setattr__(self, name: str, value: Any) -> None:
        super().__setattr__(name, value)
        # ``m.active_persona = ...`` from Python is every view's, even when it names the
        # persona a view switched to last (no change of the trait, so no observer).
        if name == "active_persona" and getattr(self, "_persona_view", None) is None:
            self._persona_from = ""

    def _persona_from_view(self, content: dict[str, Any]) -> None:
        """``{"type": "persona", "view", "persona"}``: a view switched persona."""
        view, persona = view_id(content.get("view")), content.get("persona")
        if view is None or not isinstance(persona, str) or not self.has_trait("active_persona"):
            return
        self._persona_view = view
        try:
            with self.hold_sync():
                setattr(self, "active_persona", persona)  # noqa: B010 (a map's trait)
                self._persona_from = view  # also when the persona was the one shown already
        except (traitlets.TraitError, InvalidEditError):
            pass  # a persona no longer in the journey: the view is redrawn with the others
        finally:
            self._persona_view = None

    def _presence_message(self, content: dict[str, Any]) -> None:
        """``{"type": "presence", "view", "selected": [ids], "editing": {...} | None,
        "persona": str | None}`` from a view, or ``{"type": "view", "open": false}``."""
        view = view_id(content.get("view"))
        if view is None:
            return
        # An editing ended by an edit and not sent yet goes first: a view that opens the same
        # cell again at once (a conflict's editor) would else tell the views' models what they
        # still hold, and they would not see it.
        sync_now(self, "_presence")
        presence = self._live_presence(view)
        if content.get("type") == "view":
            if content.get("open") is False and view in presence:
                del presence[view]
            elif content.get("open") is True and view not in presence and len(presence) < MAX_VIEWS:
                presence[view] = {"selected": [], "editing": None, "persona": None}
            if presence != self._presence:
                self._presence = presence
            return
        if view not in presence and len(presence) >= MAX_VIEWS:
            return
        selected = content.get("selected")
        ids = (
            [i for i in selected[:MAX_SELECTED] if type(i) is int]
            if isinstance(selected, list)
            else []
        )
        persona = content.get("persona")
        presence[view] = {
            "selected": ids,
            "editing": _editing(content.get("editing")),
            "persona": persona if isinstance(persona, str) and len(persona) <= 1000 else None,
        }
        if presence != self._presence:
            self._presence = presence

    def _edit_arrived(self, view: str | None) -> bool:
        """A view's edit op arrived: that view edits no cell now. Cleared here rather than
        by a message of the view's own after each edit, which would be a second message
        (and a second busy/idle round in every page); nor is the trait sent now: the answer
        to the edit, which every view gets, names the view and says so (``editing_ended``),
        and each view clears it there (the models get the trait once the burst of edits is
        over). True when it was cleared. A view whose edit is refused as a conflict says it
        edits the cell again when it reopens its editor."""
        if view is None:
            return False
        presence = self._presence.get(view)
        if not isinstance(presence, dict) or presence.get("editing") is None:
            return False
        set_quietly(self, "_presence", {**self._presence, view: {**presence, "editing": None}})
        sync_later(self, "_presence")
        return True

    def _live_presence(self, view: str) -> dict[str, Any]:
        """The views heard of lately, ``view`` (heard of now) among them."""
        seen: dict[str, float] = self.__dict__.setdefault("_presence_seen", {})
        now = clock()
        seen[view] = now
        for gone in [v for v, last in seen.items() if now - last > VIEW_TIMEOUT]:
            del seen[gone]
        if len(seen) > 4 * MAX_VIEWS:  # ids of views never let in: keep the newest
            for old in sorted(seen, key=seen.__getitem__)[: len(seen) - MAX_VIEWS]:
                del seen[old]
        return {v: p for v, p in self._presence.items() if v in seen}


def _editing(value: Any) -> dict[str, Any] | None:
    """The cell a view edits: a step's row id and a lane key, or a stage's name."""
    if not isinstance(value, dict):
        return None
    row, column, stage = value.get("id"), value.get("column"), value.get("stage")
    out: dict[str, Any] = {}
    if type(row) is int:
        out["id"] = row
    if isinstance(column, str) and len(column) <= 1000:
        out["column"] = column
    if isinstance(stage, str) and len(stage) <= 1000:
        out["stage"] = stage
    return out or None
