"""Several views of one map (two people, two browsers, one kernel): no edit lost silently."""

from __future__ import annotations

import asyncio
from typing import Any

import numpy as np
import pandas as pd
import pytest

from cjm_widgets import EmotionCurve, JourneyMap
from cjm_widgets.edits.concurrency import same_wire, wire_value

from .conftest import cells, run_as_kernel, steps_frame


def answers(sent: list[dict[str, Any]], view: str) -> list[dict[str, Any]]:
    """The answers to ``view``'s ops among messages sent: alone, or with a one-cell edit's
    cells (``journey_cells`` carries its edit's ``result``)."""
    found = [x.get("result", x) if x.get("type") == "journey_cells" else x for x in sent]
    return [x for x in found if x.get("type") == "edit_result" and x.get("view") == view]


class Outbox:
    """What the kernel sends: every message reaches every view (as anywidget does)."""

    def __init__(self, widget: Any) -> None:
        self.widget = widget
        self.sent: list[dict[str, Any]] = []
        widget.send = self.sent.append


class View:
    """One browser's view: a view id, the revision it drew, and the values its editors open
    with (sent as ``expected``), as mount.ts and EditSession give them."""

    def __init__(self, outbox: Outbox, name: str) -> None:
        self.outbox = outbox
        self.widget = outbox.widget
        self.name = name
        self.requests = 0
        self.widget._handle_custom_msg({"type": "view", "open": True, "view": name}, [])

    def wire(self) -> dict[str, Any]:
        w = self.widget
        return w._curve if hasattr(w, "_curve") else w._journey

    def revision(self) -> int:
        return int(self.wire()["revision"])

    def id_of(self, label: Any) -> int:
        return int(self.wire()["ids"][list(self.widget.data.index).index(label)])

    def shown(self, label: Any, key: str) -> Any:
        """What this view's editor opens with for a cell (the wire's value)."""
        row = list(self.widget.data.index).index(label)
        if key == self.wire().get("step_key"):
            return self.wire()["step"][row]
        if hasattr(self.widget, "_emotion"):
            return self.widget._emotion["values"][row]
        return cells(self.wire(), key)[row]

    def send(self, content: dict[str, Any]) -> dict[str, Any]:
        self.requests += 1
        before = len(self.outbox.sent)
        msg = {**content, "request": self.requests, "view": self.name}
        self.widget._handle_custom_msg(msg, [])
        mine = answers(self.outbox.sent[before:], self.name)
        assert len(mine) == 1
        assert mine[0]["request"] == self.requests
        return mine[0]

    def edit(self, **op: Any) -> dict[str, Any]:
        return self.send({"type": "edit", "op": op, "revision": self.revision()})

    def history(self, kind: str) -> dict[str, Any]:
        return self.send({"type": kind})


@pytest.fixture
def two() -> tuple[JourneyMap, View, View]:
    m = JourneyMap(steps_frame())
    out = Outbox(m)
    return m, View(out, "A"), View(out, "B")


def test_set_cell_with_the_value_shown_is_accepted(two: Any) -> None:
    m, a, _b = two
    seen = a.shown(20, "pain")
    reply = a.edit(kind="set_cell", id=a.id_of(20), column="pain", value="Slow", expected=seen)
    assert reply["ok"] is True
    assert reply["view"] == "A"
    assert m.data.loc[20, "pain"] == "Slow"


def test_same_cell_race_refuses_the_second_and_loses_nothing(two: Any) -> None:
    m, a, b = two
    opened_a = a.shown(20, "pain")
    opened_b = b.shown(20, "pain")
    row = a.id_of(20)
    assert a.edit(kind="set_cell", id=row, column="pain", value="A's", expected=opened_a)["ok"]
    reply = b.edit(kind="set_cell", id=row, column="pain", value="B's", expected=opened_b)
    assert reply["ok"] is False
    assert reply["code"] == "conflict"
    assert reply["conflict"] == {
        "on": "cell",
        "current": "A's",
        "yours": "B's",
        "id": row,
        "column": "pain",
    }
    assert reply["view"] == "B"
    assert m.data.loc[20, "pain"] == "A's"
    # Keep mine: sent again, knowingly over A's value.
    keep = b.edit(kind="set_cell", id=row, column="pain", value="B's", expected="A's")
    assert keep["ok"]
    assert m.data.loc[20, "pain"] == "B's"


def test_a_second_quick_edit_of_a_number_cell_expects_the_first_as_typed(two: Any) -> None:
    # The view expects its own unanswered text ("850"); once stored it reads 850: no conflict.
    m, a, b = two
    row = a.id_of(20)
    assert a.edit(
        kind="set_cell", id=row, column="visits", value="850", expected=a.shown(20, "visits")
    )["ok"]
    again = a.edit(kind="set_cell", id=row, column="visits", value="900", expected="850")
    assert again["ok"] is True
    assert m.data.loc[20, "visits"] == 900
    # Text that would be stored as another value is still a conflict.
    stale = b.edit(kind="set_cell", id=row, column="visits", value="1", expected="850")
    assert stale["ok"] is False
    assert stale["code"] == "conflict"
    assert m.data.loc[20, "visits"] == 900


def test_a_refusal_is_addressed_to_its_view_only(two: Any) -> None:
    m, a, b = two
    before = len(a.outbox.sent)
    b.edit(kind="set_cell", id=b.id_of(20), column="pain", value="x", expected="not this")
    results = [x for x in a.outbox.sent[before:] if x.get("type") == "edit_result"]
    assert [r["view"] for r in results] == ["B"]
    assert m.data.loc[20, "pain"] == "Slow page"


def test_nan_is_expected_as_empty(two: Any) -> None:
    m, a, _b = two
    assert np.isnan(m.data.loc[50, "emotion"])
    for expected in (None, float("nan")):
        m.data = steps_frame()
        reply = a.edit(kind="set_emotion", id=a.id_of(50), value=1, expected=expected)
        assert reply["ok"], reply
        assert m.data.loc[50, "emotion"] == 1.0
    reply = a.edit(kind="set_emotion", id=a.id_of(50), value=2, expected=None)
    assert reply["code"] == "conflict"
    assert reply["conflict"]["current"] == 1.0


@pytest.mark.parametrize(
    ("column", "values", "shown", "stale", "new"),
    [
        ("n", pd.array([1, 2, None], dtype="Int64"), 2, 3, None),
        ("x", [1.5, 2.0, 3.0], 2, 2.5, None),
        ("flag", [True, False, True], False, 0, True),
        (
            "day",
            pd.to_datetime(["2024-01-01", "2024-02-01", "2024-03-01"]),
            None,
            "2024-02-02",
            None,
        ),
        ("kind", pd.Categorical(["a", "b", "a"]), "b", "a", None),
    ],
)
def test_expected_compares_as_the_wire_shows_each_dtype(
    column: str, values: Any, shown: Any, stale: Any, new: Any
) -> None:
    df = pd.DataFrame({"stage": ["S"] * 3, "step": ["p", "q", "r"], column: values})
    m = JourneyMap(df)
    view = View(Outbox(m), "A")
    on_wire = view.shown(1, column)
    if shown is not None:
        assert same_wire(on_wire, shown)
    row = view.id_of(1)
    bad = view.edit(kind="set_cell", id=row, column=column, value=new, expected=stale)
    assert bad["code"] == "conflict", bad
    assert same_wire(view.shown(1, column), on_wire)  # nothing changed
    good = view.edit(kind="set_cell", id=row, column=column, value=new, expected=on_wire)
    assert good["ok"], good
    after = m.data[column].iloc[1]
    assert bool(after) if new else pd.isna(after)


def test_a_curve_drag_checks_its_start(two: Any) -> None:
    df = steps_frame()
    curve = EmotionCurve(df)
    out = Outbox(curve)
    a, b = View(out, "A"), View(out, "B")
    row = a.id_of(10)
    assert a.edit(kind="set_emotion", id=row, value=3, expected=a.shown(10, "emotion"))["ok"]
    stale = b.edit(kind="set_emotion", id=row, value=-2, expected=1.0)
    assert stale["code"] == "conflict"
    assert stale["conflict"]["current"] == 3.0
    assert curve.data.loc[10, "emotion"] == 3.0


def test_a_stale_rename_of_a_stage_is_a_conflict(two: Any) -> None:
    m, a, b = two
    assert a.edit(kind="rename_stage", stage="Purchase", name="Buy", expected="Purchase")["ok"]
    reply = b.edit(kind="rename_stage", stage="Purchase", name="Pay up", expected="Purchase")
    assert reply["code"] == "conflict.stage"
    assert reply["conflict"]["yours"] == "Pay up"
    assert "Buy" in set(m.data["stage"])
    assert "Pay up" not in set(m.data["stage"])


def test_move_or_delete_of_a_step_changed_since_is_refused(two: Any) -> None:
    m, a, b = two
    row = a.id_of(20)
    drawn = b.revision()
    assert a.edit(kind="set_cell", id=row, column="pain", value="new", expected="Slow page")["ok"]
    msg = {"type": "edit", "op": {"kind": "delete_step", "id": row}, "revision": drawn}
    reply = b.send(msg)
    assert reply["code"] == "conflict.step"
    assert 20 in m.data.index
    # From the newer drawing, the deletion goes ahead.
    assert b.edit(kind="delete_step", id=row)["ok"]
    assert 20 not in m.data.index
    # A move of the step deleted meanwhile is a conflict too, not a silent no-op.
    moved = a.send(
        {"type": "edit", "op": {"kind": "move_step", "id": row, "direction": 1}, "revision": drawn}
    )
    assert moved["code"] == "conflict.step"


def test_own_changes_are_no_conflict(two: Any) -> None:
    _m, a, _b = two
    row = a.id_of(20)
    drawn = a.revision()
    assert a.edit(kind="set_cell", id=row, column="pain", value="x", expected="Slow page")["ok"]
    reply = a.send(
        {"type": "edit", "op": {"kind": "move_step", "id": row, "direction": 1}, "revision": drawn}
    )
    assert reply["ok"], reply


def test_on_edit_names_the_view(two: Any) -> None:
    m, a, _b = two
    seen: list[Any] = []
    m.on_edit(seen.append)
    a.edit(kind="set_cell", id=a.id_of(10), column="pain", value="x", expected=None)
    assert [e.view for e in seen] == ["A"]
    m.undo()
    assert seen[-1].via == "undo"
    assert seen[-1].view is None


def undone(outbox: Outbox) -> list[dict[str, Any]]:
    return [x for x in outbox.sent if x.get("type") == "undone"]


def test_undo_in_a_view_undoes_its_own_edit_and_every_view_is_told(two: Any) -> None:
    m, a, b = two
    a.edit(kind="set_cell", id=a.id_of(10), column="pain", value="A1", expected=None)
    b.edit(kind="set_cell", id=b.id_of(30), column="channel", value="B1", expected="web\napp")
    reply = a.history("undo")
    assert reply["ok"]
    assert reply["view"] == "A"
    assert pd.isna(m.data.loc[10, "pain"])
    assert m.data.loc[30, "channel"] == "B1"
    told = undone(a.outbox)[-1]
    assert told["view"] == "A"
    assert told["step"] == "See ad"
    assert told["lane"] == "Pain"
    assert (told["old"], told["new"]) == ("A1", None)
    # B's own undo takes B's edit back (the latest of all: the whole state before it).
    assert b.history("undo")["ok"]
    assert m.data.loc[30, "channel"] == "web\napp"
    assert undone(a.outbox)[-1]["view"] == "B"
    assert a.history("undo")["notice"] == "Nothing to undo."


def test_undo_of_a_cell_someone_changed_since_is_a_conflict(two: Any) -> None:
    m, a, b = two
    a.edit(kind="set_cell", id=a.id_of(10), column="pain", value="A1", expected=None)
    b.edit(kind="set_cell", id=b.id_of(10), column="pain", value="B1", expected="A1")
    reply = a.history("undo")
    assert reply["ok"] is False
    # Not "yours": the value an undo would put back is the one the cell held before.
    assert reply["code"] == "conflict.undo"
    assert reply["conflict"] == {
        "on": "cell",
        "current": "B1",
        "yours": None,
        "id": a.id_of(10),
        "column": "pain",
    }
    assert reply["params"] == {"current": "B1", "yours": ""}
    assert m.data.loc[10, "pain"] == "B1"


def test_a_refused_redo_and_an_emotion_conflict_name_their_cell() -> None:
    m = JourneyMap(steps_frame())
    out = Outbox(m)
    a, b = View(out, "A"), View(out, "B")
    row = a.id_of(10)
    emotion = a.shown(10, "emotion")
    assert a.edit(kind="set_emotion", id=row, value=2, expected=emotion)["ok"]
    # B's edit between: A's undo is made by its inverse op, and so may its redo be refused.
    assert b.edit(kind="set_cell", id=b.id_of(20), column="pain", value="B", expected="Slow page")[
        "ok"
    ]
    assert a.history("undo")["ok"]
    assert b.edit(kind="set_emotion", id=row, value=-2, expected=emotion)["ok"]
    redo = a.history("redo")
    assert redo["ok"] is False
    assert redo["code"] == "conflict.redo"
    assert redo["conflict"]["column"] == "emotion"
    assert (redo["conflict"]["current"], redo["conflict"]["yours"]) == (-2, 2)
    # Alt+Down in A from the value it drew, after B's change: the cell and both values.
    stale = a.edit(kind="set_emotion", id=row, value=0, expected=emotion)
    assert stale["code"] == "conflict"
    assert stale["conflict"] == {
        "on": "cell",
        "current": -2,
        "yours": 0,
        "id": row,
        "column": "emotion",
    }
    assert m.data.loc[10, "emotion"] == -2


def test_view_redo_after_an_inverse_undo(two: Any) -> None:
    m, a, b = two
    a.edit(kind="set_cell", id=a.id_of(10), column="pain", value="A1", expected=None)
    b.edit(kind="set_cell", id=b.id_of(20), column="pain", value="B1", expected="Slow page")
    assert a.history("undo")["ok"]
    assert pd.isna(m.data.loc[10, "pain"])
    assert a.history("redo")["ok"]
    assert m.data.loc[10, "pain"] == "A1"
    told = undone(a.outbox)[-1]
    assert told["redo"] is True
    assert (told["view"], told["old"], told["new"]) == ("A", None, "A1")
    assert a.history("undo")["ok"]
    assert pd.isna(m.data.loc[10, "pain"])
    assert m.data.loc[20, "pain"] == "B1"
    # m.undo() goes back through everything, whoever made it.
    while m.undo() is not None:
        pass
    pd.testing.assert_frame_equal(m.data, steps_frame())


def test_structural_undo_after_others_edits(two: Any) -> None:
    m, a, b = two
    a.edit(kind="insert_step", after=a.id_of(10))
    new_label = m.data.index[1]
    a.edit(kind="move_step", id=a.id_of(30), direction=1)
    a.edit(kind="delete_step", id=a.id_of(50))
    b.edit(kind="set_cell", id=b.id_of(20), column="pain", value="B1", expected="Slow page")
    refused = a.history("undo")  # the deletion: not the latest any more
    assert refused["ok"] is False
    assert "latest edit" in refused["message"]
    # Said in the view's language from its code, as every refusal a view can cause is.
    assert refused["code"] == "refused.undo_delete"
    assert 50 not in m.data.index
    # The move and the insertion are undone by their inverse ops (after B's edit).
    a.edit(kind="set_cell", id=a.id_of(10), column="pain", value="mark", expected=None)
    assert a.history("undo")["ok"]
    assert pd.isna(m.data.loc[10, "pain"])
    assert new_label in m.data.index


def test_an_insertion_undone_around_others_edits(two: Any) -> None:
    m, a, b = two
    a.edit(kind="insert_step", after=a.id_of(10))
    label = m.data.index[1]
    b.edit(kind="set_cell", id=b.id_of(20), column="pain", value="B1", expected="Slow page")
    assert a.history("undo")["ok"]
    assert label not in m.data.index
    assert b.edit(kind="set_cell", id=b.id_of(40), column="pain", value="B2", expected=None)["ok"]
    refused = a.history("redo")
    assert refused["ok"] is False
    assert "insert the step again" in refused["message"]
    assert refused["code"] == "refused.redo_insert"
    assert label not in m.data.index
    # B's insertion, once touched by A, is not deleted by B's undo.
    b.edit(kind="insert_step", after=b.id_of(10))
    new = m.data.index[1]
    a.edit(kind="set_cell", id=a.id_of(new), column="pain", value="A's note", expected=None)
    b.edit(kind="set_cell", id=b.id_of(20), column="pain", value="B3", expected="B1")
    b.history("undo")  # B3 undone (its latest)
    conflict = b.history("undo")
    assert conflict["code"] == "conflict.step"
    assert m.data.loc[new, "pain"] == "A's note"


def test_move_undone_by_its_inverse(two: Any) -> None:
    m, a, b = two
    a.edit(kind="move_step", id=a.id_of(20), direction=1)
    order = list(m.data.index)
    b.edit(kind="set_cell", id=b.id_of(10), column="pain", value="B1", expected=None)
    assert a.history("undo")["ok"], order
    assert list(m.data.index) == list(steps_frame().index)
    assert m.data.loc[20, "stage"] == "Awareness"
    assert m.data.loc[10, "pain"] == "B1"


def test_persona_switched_in_a_view_is_that_views(two: Any) -> None:
    df = steps_frame()
    both = pd.concat([df.assign(persona="Ana"), df.assign(persona="Bo")], ignore_index=True)
    m = JourneyMap(both, persona="persona")
    out = Outbox(m)
    a, _b = View(out, "A"), View(out, "B")
    m._handle_custom_msg({"type": "persona", "view": "A", "persona": "Bo"}, [])
    assert m.active_persona == "Bo"
    assert m._persona_from == "A"
    m.active_persona = "Ana"
    assert m._persona_from == ""
    # Set from Python to the persona a view switched to last: every view is told all the same.
    m._handle_custom_msg({"type": "persona", "view": "A", "persona": "Bo"}, [])
    assert m._persona_from == "A"
    m.active_persona = "Bo"
    assert m._persona_from == ""
    m.active_persona = "Ana"
    m._handle_custom_msg({"type": "persona", "view": "A", "persona": "Nobody"}, [])
    assert m.active_persona == "Ana"
    # An op names the persona its view shows: a new stage goes to that persona.
    reply = a.send(
        {
            "type": "edit",
            "op": {"kind": "add_stage", "after": None, "name": "Later"},
            "persona": "Bo",
        }
    )
    assert reply["ok"], reply
    added = m.data[m.data["stage"] == "Later"]
    assert list(added["persona"]) == ["Bo"]
    assert m.active_persona == "Bo"
    assert m._persona_from == "A"


def test_presence_tracks_views_and_forgets_closed_ones(two: Any) -> None:
    m, a, b = two
    m._handle_custom_msg(
        {
            "type": "presence",
            "view": "A",
            "selected": [a.id_of(10), "x"],
            "editing": {"id": a.id_of(20), "column": "pain"},
            "persona": None,
        },
        [],
    )
    m._handle_custom_msg({"type": "presence", "view": "B", "selected": [], "editing": None}, [])
    assert m._presence["A"] == {
        "selected": [a.id_of(10)],
        "editing": {"id": a.id_of(20), "column": "pain"},
        "persona": None,
    }
    assert set(m._presence) == {"A", "B"}
    m._handle_custom_msg({"type": "view", "open": True, "view": "C"}, [])
    assert m._presence["C"] == {"selected": [], "editing": None, "persona": None}
    m._handle_custom_msg({"type": "view", "open": False, "view": "C"}, [])
    m._handle_custom_msg({"type": "view", "open": False, "view": "A"}, [])
    assert set(m._presence) == {"B"}
    assert b.name == "B"


def test_wire_value_is_what_the_view_is_sent(two: Any) -> None:
    m, _a, _b = two
    state, spec = m._state, m._spec
    for lane in m._journey["lanes"]:
        column = spec.keys[lane["key"]]
        for pos in range(len(state.frame)):
            assert same_wire(
                wire_value(state, spec, column, pos), cells(m._journey, lane["key"])[pos]
            )


def test_a_stale_delete_is_refused_after_the_views_own_later_edit(two: Any) -> None:
    m, a, b = two
    row = a.id_of(20)
    drawn = a.revision()  # A drew the map before B's note
    assert b.edit(kind="set_cell", id=row, column="pain", value="B's note", expected="Slow page")[
        "ok"
    ]
    # A edits another cell of that step, from its old drawing, then deletes the step.
    channel = {
        "kind": "set_cell",
        "id": row,
        "column": "channel",
        "value": "A's",
        "expected": a.shown(20, "channel"),
    }
    assert a.send({"type": "edit", "op": channel, "revision": drawn})["ok"]
    reply = a.send({"type": "edit", "op": {"kind": "delete_step", "id": row}, "revision": drawn})
    assert reply["code"] == "conflict.step"
    assert m.data.loc[20, "pain"] == "B's note"


def test_undo_of_an_insertion_keeps_another_views_note(two: Any) -> None:
    m, a, b = two
    a.edit(kind="insert_step", after=a.id_of(10))
    new = m.data.index[1]
    b.edit(kind="set_cell", id=b.id_of(new), column="pain", value="B's note", expected=None)
    a.edit(kind="set_cell", id=a.id_of(new), column="channel", value="A's", expected=None)
    assert a.history("undo")["ok"]  # A's own note, the latest edit
    refused = a.history("undo")  # the insertion: B wrote in the step since
    assert refused["ok"] is False
    assert refused["code"] == "conflict.step"
    assert m.data.loc[new, "pain"] == "B's note"


def test_redo_in_a_view_redoes_once(two: Any) -> None:
    m, a, b = two
    a.edit(kind="set_cell", id=a.id_of(10), column="pain", value="A text", expected=None)
    b.edit(kind="set_cell", id=b.id_of(20), column="pain", value="B1", expected="Slow page")
    assert a.history("undo")["ok"]
    assert pd.isna(m.data.loc[10, "pain"])
    told = len(undone(a.outbox))
    assert a.history("redo")["ok"]
    assert m.data.loc[10, "pain"] == "A text"
    for _ in range(2):
        reply = a.history("redo")
        assert "notice" in reply, reply
        assert m.data.loc[10, "pain"] == "A text"
    assert len(undone(a.outbox)) == told + 1
    assert m.data.loc[20, "pain"] == "B1"


def test_a_view_not_heard_of_for_a_minute_leaves_presence(
    two: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cjm_widgets.widgets import views

    m, _a, _b = two
    now = [1000.0]
    monkeypatch.setattr(views, "clock", lambda: now[0])
    for name in ("A", "B", "gone"):
        m._handle_custom_msg({"type": "view", "open": True, "view": name}, [])
    assert set(m._presence) == {"A", "B", "gone"}
    # A and B say they are open every 20 s; the closed tab says nothing, not even goodbye.
    for _ in range(4):
        now[0] += 20
        for name in ("A", "B"):
            m._handle_custom_msg({"type": "view", "open": True, "view": name}, [])
    assert set(m._presence) == {"A", "B"}
    # Back from sleep, a view is known again as soon as it speaks.
    m._handle_custom_msg({"type": "presence", "view": "gone", "selected": []}, [])
    assert set(m._presence) == {"A", "B", "gone"}
    # Phantoms do not fill the room: views come and go, a new one is still let in.
    for i in range(2 * views.MAX_VIEWS):
        now[0] += 61
        m._handle_custom_msg({"type": "view", "open": True, "view": f"tab{i}"}, [])
    assert set(m._presence) == {f"tab{2 * views.MAX_VIEWS - 1}"}


def test_a_one_cell_edit_sends_its_cells_not_the_whole_map(monkeypatch: pytest.MonkeyPatch) -> None:
    from cjm_widgets.widgets import wire

    m = JourneyMap(steps_frame())
    out = Outbox(m)
    a = View(out, "A")
    synced: list[Any] = []
    comm = type("Comm", (), {"comm_id": "c", "kernel": object(), "on_msg": lambda *a: None})()
    monkeypatch.setattr(m, "comm", comm)  # as if shown: trait changes are sent

    def send_state(key: Any = None) -> None:
        synced.extend([key] if isinstance(key, str) else sorted(key or ()))

    monkeypatch.setattr(m, "send_state", send_state)
    monkeypatch.setattr(wire, "SYNC_AFTER_S", 0.05)
    bases: list[int] = []

    async def burst() -> None:
        loud = a.edit(kind="set_cell", id=a.id_of(10), column="pain", value="Loud", expected=None)
        assert loud["ok"] is True
        bases.append(a.revision())
        a.edit(kind="set_cell", id=a.id_of(20), column="pain", value="Slower", expected="Slow page")
        assert synced == []  # the 45 KB of a big map are not sent again for each cell
        # Once the burst is over, the views' models get the whole journey once: what
        # JupyterLab saves into the notebook is the models' state.
        await asyncio.sleep(0.2)
        assert synced == ["_journey"]

    run_as_kernel(burst())
    synced.clear()
    base = bases[0]
    patches = [x for x in out.sent if x.get("type") == "journey_cells"]
    assert len(patches) == 2
    patches = patches[-1:]
    patch = patches[0]
    keys = [lane["key"] for lane in m._journey["lanes"]]
    assert list(patch["cells"]) == [str(keys.index("pain"))]
    assert patch["cells"][str(keys.index("pain"))][1] == "Slower"
    assert (patch["base"], patch["revision"]) == (base, a.revision())
    # The kernel's trait is the whole journey, for a view opened later.
    assert m._journey == wire.encode(m._state, m._spec, a.revision())
    # A structural edit sends the whole journey, as ever; a view that missed a change asks.
    a.edit(kind="insert_step", after=a.id_of(20))
    assert synced == ["_journey"]
    m._handle_custom_msg({"type": "journey_resync", "view": "A"}, [])
    assert synced == ["_journey", "_journey"]


def test_undo_refusals_a_view_can_meet_carry_codes_it_says_in_its_language(two: Any) -> None:
    m, a, b = two
    assert a.edit(kind="add_stage", after="Purchase", name="Later")["ok"]
    assert b.edit(kind="set_cell", id=b.id_of(20), column="pain", value="B1", expected="Slow page")[
        "ok"
    ]
    refused = a.history("undo")
    assert refused["ok"] is False
    assert (refused["code"], refused["params"]) == ("refused.undo_stage", {})
    assert "Later" in set(m.data["stage"])


def test_an_undo_names_the_lane_by_its_key(two: Any) -> None:
    _m, a, _b = two
    a.edit(kind="set_cell", id=a.id_of(10), column="pain", value="A1", expected=None)
    reply = a.history("undo")
    # The view titles the lane as its head does from the key ("Irritant" in French).
    assert (reply["undone"]["lane"], reply["undone"]["column"]) == ("Pain", "pain")
    assert (undone(a.outbox)[-1]["column"]) == "pain"


def test_insert_into_a_multiindex_table_is_refused_with_a_code() -> None:
    frame = steps_frame()
    frame.index = pd.MultiIndex.from_tuples([(1, i) for i in range(5)])
    m = JourneyMap(frame)
    view = View(Outbox(m), "A")
    reply = view.edit(kind="insert_step", after=view.id_of((1, 0)))
    assert reply["ok"] is False
    assert reply["code"] == "refused.multiindex"
    assert len(m.data) == 5


def test_an_edit_of_a_lane_python_took_away_is_refused_with_a_code(two: Any) -> None:
    m, a, _b = two
    reply = a.edit(kind="set_cell", id=a.id_of(10), column="gone", value="x")
    assert reply["ok"] is False
    assert (reply["code"], reply["params"]) == ("refused.no_lane", {"column": "gone"})
    assert "gone" not in m.data.columns


def test_an_undone_cells_lane_is_named_by_the_key_its_view_knows() -> None:
    """Columns 1 and "1" read alike: the announcement names each by its own lane key."""
    df = pd.DataFrame({"stage": ["A", "A"], "step": ["x", "y"], 1: ["p", None], "1": ["q", None]})
    m = JourneyMap(df)
    out = Outbox(m)
    view = View(out, "A")
    keys = {lane["label"] + "/" + lane["key"] for lane in m._journey["lanes"]}
    for key in (lane["key"] for lane in m._journey["lanes"] if lane["label"] == "1"):
        view.edit(kind="set_cell", id=view.id_of(1), column=key, value="new", expected=None)
        out.sent.clear()
        view.history("undo")
        undone = [
            msg.get("undone", msg)
            for msg in out.sent
            if "undone" in msg.values() or "undone" in msg
        ]
        assert undone
        assert {msg["column"] for msg in undone} == {key}, keys
