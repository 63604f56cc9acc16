"""The kernel clears a view's editing presence when that view's edit arrives (the view sends
no message of its own after an edit), and leaves the other views' presence as it was."""

from __future__ import annotations

from typing import Any

from cjm_widgets import JourneyMap

from .conftest import steps_frame
from .test_views import Outbox, View


def editing(m: JourneyMap, view: View, label: Any, column: str) -> dict[str, Any]:
    at = {"id": view.id_of(label), "column": column}
    m._handle_custom_msg({"type": "presence", "view": view.name, "selected": [], "editing": at}, [])
    return at


def two() -> tuple[JourneyMap, View, View]:
    m = JourneyMap(steps_frame())
    out = Outbox(m)
    return m, View(out, "A"), View(out, "B")


def test_an_edit_arriving_clears_its_views_editing_and_no_other() -> None:
    m, a, b = two()
    editing(m, a, 20, "pain")
    theirs = editing(m, b, 10, "pain")
    seen = a.shown(20, "pain")
    reply = a.edit(kind="set_cell", id=a.id_of(20), column="pain", value="Slow", expected=seen)
    assert reply["ok"] is True
    assert m._presence["A"]["editing"] is None
    assert m._presence["B"]["editing"] == theirs


def test_the_presence_change_reaches_the_views_with_the_edit() -> None:
    m, a, _b = two()
    editing(m, a, 20, "pain")
    changes: list[Any] = []
    m.observe(lambda change: changes.append(change["new"]["A"]["editing"]), "_presence")
    a.edit(
        kind="set_cell", id=a.id_of(20), column="pain", value="Slow", expected=a.shown(20, "pain")
    )
    assert changes == [None]


def test_a_refused_edit_clears_it_too_and_the_view_may_say_it_edits_again() -> None:
    m, a, b = two()
    editing(m, a, 20, "pain")
    seen = a.shown(20, "pain")
    b.edit(kind="set_cell", id=b.id_of(20), column="pain", value="Theirs", expected=seen)
    reply = a.edit(kind="set_cell", id=a.id_of(20), column="pain", value="Mine", expected=seen)
    assert reply["ok"] is False
    assert reply["conflict"]["current"] == "Theirs"
    assert m._presence["A"]["editing"] is None
    again = editing(m, a, 20, "pain")  # the conflict's editor, open again
    assert m._presence["A"]["editing"] == again


def test_undo_and_presence_messages_leave_editing_as_it_is() -> None:
    m, a, _b = two()
    a.edit(
        kind="set_cell", id=a.id_of(20), column="pain", value="Slow", expected=a.shown(20, "pain")
    )
    at = editing(m, a, 10, "pain")
    a.history("undo")
    assert m._presence["A"]["editing"] == at
