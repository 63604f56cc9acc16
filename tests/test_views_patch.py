"""A one-cell edit reaches the other views as its cells: the kernel's work per edit stays small."""

from __future__ import annotations

from typing import Any

import pytest

from cjm_widgets import JourneyMap

from .conftest import cells, run_as_kernel, steps_frame


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> tuple[JourneyMap, list[Any], list[Any]]:
    """A map as if shown in a kernel: its messages, and the traits it syncs to the views."""
    m = JourneyMap(steps_frame())
    comm = type("Comm", (), {"comm_id": "c", "kernel": object(), "on_msg": lambda *a: None})()
    monkeypatch.setattr(m, "comm", comm)  # trait changes are sent, as in a kernel
    sent: list[Any] = []
    synced: list[Any] = []
    monkeypatch.setattr(m, "send", lambda msg, buffers=None: sent.append(msg))

    def send_state(key: Any = None) -> None:
        synced.extend([key] if isinstance(key, str) else sorted(key or ()))

    monkeypatch.setattr(m, "send_state", send_state)
    return m, sent, synced


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
    assert [x["type"] for x in sent] == ["journey_cells", "edit_result"]
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
    assert [x["type"] for x in sent] == ["journey_cells", "edit_result"] * 2
