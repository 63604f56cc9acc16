"""A view's messages are handled in the order the view numbered them (``seq``), whatever
order the kernel runs them in; one that comes early waits for those before it, a while."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cjm_widgets import JourneyMap
from cjm_widgets.widgets import inbox as inbox_module
from cjm_widgets.widgets.inbox import MAX_HELD, Inbox

from .conftest import run_as_kernel, steps_frame

KINDS = st.sampled_from(["edit", "presence", "view", "undo"])


@st.composite
def arrivals(draw: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Two views' numbered messages, and an order the kernel might run them in."""
    sent = [
        {"type": draw(KINDS), "view": view, "seq": seq}
        for view in ("A", "B")
        for seq in range(1, draw(st.integers(0, 12)) + 1)
    ]
    return sent, draw(st.permutations(sent))


@given(arrivals())
def test_every_message_is_handled_once_in_its_views_order(
    case: tuple[list[dict[str, Any]], list[dict[str, Any]]],
) -> None:
    sent, came = case
    box = Inbox()
    handled = [content for message in came for content, _ in box.arrived(message)]
    assert not box.waiting
    assert sorted(handled, key=lambda m: (m["view"], m["seq"])) == sent
    for view in ("A", "B"):
        assert [m["seq"] for m in handled if m["view"] == view] == [
            m["seq"] for m in sent if m["view"] == view
        ]


@given(arrivals(), st.sets(st.integers(0, 24)))
def test_given_up_waits_lose_only_presence_older_than_what_was_handled(
    case: tuple[list[dict[str, Any]], list[dict[str, Any]]], give_up: set[int]
) -> None:
    sent, came = case
    box = Inbox()
    handled: list[dict[str, Any]] = []
    for i, message in enumerate(came):
        handled += [content for content, _ in box.arrived(message)]
        if i in give_up:  # the wait ran out here
            handled += [content for content, _ in box.overdue()]
    handled += [content for content, _ in box.overdue()]
    assert not box.waiting
    # Each at most once; every message but presence exactly once.
    assert len({(m["view"], m["seq"]) for m in handled}) == len(handled)
    dropped = [m for m in sent if m not in handled]
    assert all(m["type"] == "presence" for m in dropped)
    # A presence dropped came after a later one of its view was handled.
    for m in dropped:
        came_at = came.index(m)
        assert any(
            h["view"] == m["view"] and h["seq"] > m["seq"] and came.index(h) < came_at
            for h in handled
        )


def test_messages_without_a_number_are_handled_at_once() -> None:
    box = Inbox()
    assert box.arrived({"type": "edit", "view": "A"}) == [({"type": "edit", "view": "A"}, None)]
    assert box.arrived({"type": "edit", "view": "A", "seq": "2"})[0][0]["seq"] == "2"
    assert box.arrived({"type": "edit", "seq": 5}) == [({"type": "edit", "seq": 5}, None)]
    assert box.arrived("edit") == [("edit", None)]
    assert not box.waiting


def test_a_view_with_too_many_waiting_is_handled_in_order_at_once() -> None:
    box = Inbox()
    handled = []
    for seq in range(2, MAX_HELD + 3):
        handled += box.arrived({"type": "edit", "view": "A", "seq": seq})
    assert [m["seq"] for m, _ in handled] == list(range(2, MAX_HELD + 3))
    assert not box.waiting
    assert box.arrived({"type": "edit", "view": "A", "seq": 1})[0][0]["seq"] == 1  # late: handled


def test_views_are_forgotten_oldest_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(inbox_module, "MAX_TRACKED", 3)
    box = Inbox()
    for view in ("A", "B", "C"):
        box.arrived({"type": "view", "view": view, "seq": 1})
    box.arrived({"type": "view", "view": "A", "seq": 2})  # A heard of again: B is the oldest
    box.arrived({"type": "view", "view": "D", "seq": 1})
    # B forgotten: its next message waits as a new view's would, A's does not.
    assert box.arrived({"type": "view", "view": "B", "seq": 2}) == []
    assert box.arrived({"type": "view", "view": "A", "seq": 3}) != []


def presence(at: dict[str, Any] | None, seq: int) -> dict[str, Any]:
    return {"type": "presence", "view": "A", "selected": [], "editing": at, "seq": seq}


def test_the_map_runs_a_views_messages_in_its_order(shown: Any) -> None:
    m, _sent, _synced = shown
    at = {"id": m._journey["ids"][2], "column": "pain"}
    got: list[Any] = []
    m.on_msg(lambda _w, content, _b: got.append(content["seq"]))

    async def reordered() -> None:
        # The kernel runs "I edit this cell" before the selection sent just before it.
        m._handle_custom_msg(presence(at, 3), [])
        m._handle_custom_msg(presence(None, 2), [])
        assert got == []  # both wait for 1
        assert "A" not in m._presence
        m._handle_custom_msg({"type": "view", "open": True, "view": "A", "seq": 1}, [])
        assert got == [1, 2, 3]
        assert m._presence["A"]["editing"] == at

    run_as_kernel(reordered())


def test_a_message_that_never_comes_is_waited_for_a_while_only(
    shown: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    m, _sent, _synced = shown
    monkeypatch.setattr(inbox_module, "HOLD_S", 0.05)
    monkeypatch.setattr("cjm_widgets.widgets.base.HOLD_S", 0.05)
    label = list(m.data.index)[2]
    op = {"kind": "set_cell", "id": m._journey["ids"][2], "column": "pain", "value": "Slow"}

    async def gap() -> None:
        m._handle_custom_msg({"type": "view", "open": True, "view": "A", "seq": 1}, [])
        m._handle_custom_msg({"type": "edit", "op": op, "view": "A", "request": 1, "seq": 3}, [])
        assert m.data.loc[label, "pain"] != "Slow"  # waits for 2
        await asyncio.sleep(0.2)
        assert m.data.loc[label, "pain"] == "Slow"
        # 2 comes at last: an old presence says what the view no longer does, and goes.
        m._handle_custom_msg(presence({"id": op["id"], "column": "pain"}, 2), [])
        assert m._presence["A"]["editing"] is None

    run_as_kernel(gap())


def test_without_a_kernel_loop_messages_run_as_they_come() -> None:
    m = JourneyMap(steps_frame())
    got: list[Any] = []
    m.on_msg(lambda _w, content, _b: got.append(content["seq"]))
    m._handle_custom_msg({"type": "view", "open": True, "view": "A", "seq": 2}, [])
    m._handle_custom_msg({"type": "view", "open": True, "view": "A", "seq": 1}, [])
    assert got == [2, 1]


def test_a_host_other_than_a_jupyter_kernel_runs_them_as_they_come(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """marimo names its kernel by a string and handles the messages its own way: no wait."""
    m = JourneyMap(steps_frame())
    comm = type("Comm", (), {"comm_id": "c", "kernel": "marimo", "on_msg": lambda *a: None})()
    monkeypatch.setattr(m, "comm", comm)
    monkeypatch.setattr(m, "send", lambda msg, buffers=None: None)
    monkeypatch.setattr(m, "send_state", lambda key=None: None)
    got: list[Any] = []
    m.on_msg(lambda _w, content, _b: got.append(content["seq"]))

    async def early() -> None:
        m._handle_custom_msg({"type": "view", "open": True, "view": "A", "seq": 3}, [])
        assert got == [3]

    run_as_kernel(early())
