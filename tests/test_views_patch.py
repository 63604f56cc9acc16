"""A one-cell edit reaches the other views as its cells: the kernel's work per edit stays small."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from cjm_widgets import JourneyMap
from cjm_widgets.widgets import wire

from .conftest import cells, run_as_kernel


def edit(m: JourneyMap, label: int, value: str) -> None:
    ids = m._journey["ids"]
    row = list(m.data.index).index(label)
    op = {"kind": "set_cell", "id": ids[row], "column": "pain", "value": value}
    m._handle_custom_msg({"type": "edit", "op": op, "view": "A", "request": 1}, [])


def test_a_cell_edit_keeps_the_whole_journey_in_the_kernel_without_comparing_it(
    shown: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    m, sent, _synced = shown
    compared: list[str] = []
    should_send = type(m)._should_send_property

    def spy(self: Any, key: str, value: Any) -> bool:
        compared.append(key)
        return bool(should_send(self, key, value))

    monkeypatch.setattr(type(m), "_should_send_property", spy)
    # The property lock made ipywidgets walk and JSON round-trip the whole journey per edit.
    monkeypatch.setattr(type(m), "_lock_property", None)
    edit(m, 30, "Too slow")
    assert [x["type"] for x in sent] == ["journey_cells"]  # with its answer: one message
    assert sent[0]["result"] == {"type": "edit_result", "request": 1, "ok": True, "view": "A"}
    assert cells(m._journey, "pain")[2] == "Too slow"  # for a view opened later
    assert sent[0]["cells"] == {"2": cells(m._journey, "pain")}
    assert compared.count("_journey") == 1  # held: seen once, dropped, never compared


def test_a_whole_journey_queued_before_a_cell_edit_still_goes(shown: Any) -> None:
    m, sent, synced = shown

    async def held() -> None:  # in a kernel: the journey's own sync waits for the burst's end
        with m.hold_sync():
            m.title = "Shop"  # queued with the journey set from Python just before the edit
            m._journey = {**m._journey, "revision": m._journey["revision"] + 100}
            edit(m, 30, "Too slow")
        assert sorted(synced) == ["_journey", "title"]
        synced.clear()
        edit(m, 30, "Slower")  # on its own: the views get its cells, the journey later
        assert synced == []
        m._journey_sync.cancel()

    run_as_kernel(held())
    assert [x["type"] for x in sent] == ["journey_cells"] * 2
    assert [x["result"]["ok"] for x in sent] == [True, True]


def test_an_edit_refused_is_answered_alone(shown: Any) -> None:
    m, sent, _synced = shown
    ids = m._journey["ids"]
    op = {"kind": "set_cell", "id": ids[2], "column": "pain", "value": "Mine", "expected": "Old"}
    m._handle_custom_msg({"type": "edit", "op": op, "view": "A", "request": 7}, [])
    assert [(x["type"], x["ok"], x["request"]) for x in sent] == [("edit_result", False, 7)]
    assert sent[0]["conflict"]["current"] == "Too many options\nHidden fees"


def test_a_second_patch_while_an_edit_is_answered_sends_the_first(shown: Any) -> None:
    m, sent, _synced = shown
    first = m._journey["revision"]
    m._held_cells = []  # as while a view's edit is answered
    try:
        m._publish("pain")
        m._publish("pain")
        held = list(m._held_cells)
    finally:
        m._held_cells = None
    # The first goes at once, the second waits for the answer: the views get them in order.
    assert [(x["base"], x["revision"]) for x in sent] == [(first, first + 1)]
    assert [(x["base"], x["revision"]) for x in held] == [(first + 1, first + 2)]


def test_the_views_editing_presence_ends_with_the_answer_and_syncs_after_the_burst(
    shown: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    m, sent, synced = shown
    monkeypatch.setattr(wire, "SYNC_AFTER_S", 0.05)
    at = {"id": m._journey["ids"][2], "column": "pain"}
    m._handle_custom_msg({"type": "presence", "view": "A", "selected": [], "editing": at}, [])
    assert synced == ["_presence"]  # opening an editor is told at once
    synced.clear()

    async def burst() -> None:
        edit(m, 30, "Too slow")
        # The answer, with the cells, names the view: each view clears its editing there.
        assert m._presence["A"]["editing"] is None
        assert [(x["result"]["view"], x["result"]["editing_ended"]) for x in sent] == [("A", True)]
        assert "_presence" not in synced
        await asyncio.sleep(0.2)
        assert sorted(synced) == ["_journey", "_presence"]  # the models, once edits pause

    run_as_kernel(burst())


def test_a_view_editing_again_at_once_is_told_after_its_ended_editing(
    shown: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    m, _sent, synced = shown
    at = {"id": m._journey["ids"][2], "column": "pain"}
    told: list[Any] = []
    monkeypatch.setattr(
        m, "send_state", lambda key=None: told.append((key, m._presence["A"]["editing"]))
    )

    async def again() -> None:
        m._handle_custom_msg({"type": "presence", "view": "A", "selected": [], "editing": at}, [])
        edit(m, 30, "Too slow")
        # The conflict's editor, or the same cell, opened again before the presence was sent:
        # the views' models still hold "editing" there, so the ended editing goes first, and
        # the new one is a change they see.
        m._handle_custom_msg({"type": "presence", "view": "A", "selected": [], "editing": at}, [])
        m._journey_sync.cancel()

    run_as_kernel(again())
    assert [x for x in told if x[0] == "_presence"] == [
        ("_presence", at),
        ("_presence", None),
        ("_presence", at),
    ]
    assert synced == []
