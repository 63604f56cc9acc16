"""Current and future state in a real JupyterLab: a person edits a cell of the future state's
sub-row, and only that future row changes in the kernel; the curve draws both states."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
from playwright.sync_api import expect

from .lab import Lab
from .test_map_browser import after_edit, kernel_frame, show_map

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"

SETUP = """import pandas as pd
from IPython.display import display
from cjm_widgets import EmotionCurve, JourneyMap, link
current = pd.DataFrame(
    {
        "stage": ["Find", "Find", "Find", "Buy", "Buy"],
        "step": ["Search", "Compare offers", "Call support", "Checkout", "Pay"],
        "emotion": [1, -1, -2, 0, -2],
        "pain": [None, "Too many tabs", "Long wait", None, "Card refused"],
        "exit_rate": [0.10, 0.42, 0.30, 0.20, 0.15],
    }
)
future = pd.DataFrame(
    {
        "stage": ["Find", "Find", "Find", "Buy", "Buy"],
        "step": ["Search", "Compare offers", "Chat", "Checkout", "Pay"],
        "emotion": [1, 1, 2, 0, -1],
        "pain": [None, "Too many tabs", None, None, "Card refused"],
        "exit_rate": [0.10, 0.30, 0.05, 0.20, 0.15],
    }
)
m = JourneyMap.compare(current, future, title="Checkout, current and future")
c = EmotionCurve(m.data, state="state", title="Emotion, current and future")
link(m, c)
display(m)
c"""


def row(frame: pd.DataFrame, step: str, state: str) -> pd.Series:
    found = frame[(frame["step"] == step) & (frame["state"] == state)]
    assert len(found) == 1, (step, state)
    return found.iloc[0]


def test_a_person_edits_the_future_state_and_only_future_rows_change(page: Any, lab: Lab):
    name = "states.ipynb"
    show_map(page, lab, name, SETUP)
    ui = page.locator(".cjm-map")
    grid = ui.locator("table.cjm-compare")
    grid.wait_for(timeout=20_000)
    before = kernel_frame(page, lab, name)

    def cell(track: int, step: str, lane: str = "pain") -> Any:
        col = ui.locator("th.cjm-step").filter(has_text=step).first.get_attribute("data-col")
        return ui.locator(f'tr[data-lane="{lane}"][data-track="{track}"] td[data-col="{col}"]')

    # The current state's sub-row first, the future's second; Pay is in both.
    future_pay = cell(1, "Pay")
    pay_id = future_pay.get_attribute("data-id")
    assert pay_id is not None
    assert cell(0, "Pay").get_attribute("data-id") != pay_id
    assert "Card refused" in future_pay.inner_text()

    def edit_future() -> None:
        future_pay.dblclick()
        editor = future_pay.locator(".cjm-editor")
        editor.wait_for(timeout=10_000)
        editor.fill("Card refused, then accepted")
        page.keyboard.press("Enter")

    after_edit(page, edit_future)
    assert "Card refused, then accepted" in cell(1, "Pay").inner_text()
    assert "Card refused, then accepted" not in cell(0, "Pay").inner_text()
    # The comparison follows the edit: the future Pay's pain is now a changed cell.
    assert "is-changed" in (cell(1, "Pay").get_attribute("class") or "")

    after = kernel_frame(page, lab, name)
    assert row(after, "Pay", "future")["pain"] == "Card refused, then accepted"
    assert row(after, "Pay", "current")["pain"] == "Card refused"
    expected = before.copy()
    label = row(before, "Pay", "future").name
    expected.loc[label, "pain"] = "Card refused, then accepted"
    pd.testing.assert_frame_equal(after, expected)

    # The curve: a line per state, the future one dashed, the legend saying which.
    curve = page.locator(".cjm-emotion-curve")
    lines = curve.locator("g.cjm-line")
    assert lines.count() == 2
    dashes = page.evaluate(
        """() => [...document.querySelectorAll('.cjm-emotion-curve g.cjm-line')].map((g) =>
            getComputedStyle(g.querySelector('path.cjm-path:not(.is-gap)')).strokeDasharray)"""
    )
    assert dashes[0] == "none"
    assert dashes[1] != "none"
    legend = curve.locator(".cjm-legend").inner_text()
    assert "current: solid line" in legend
    assert "future: dashed line" in legend
    # Shared steps are one place on the x axis: each name once; each state's own step
    # (Call support, Chat) a place of its own, which the other state's line runs past dotted.
    names = page.evaluate(
        """() => [...document.querySelectorAll('.cjm-emotion-curve .cjm-step-label title')]
            .map((t) => t.textContent)"""
    )
    assert len(names) == 6
    assert len(names) == len(set(names)), names
    assert curve.locator("path.cjm-path.is-gap").count() == 2

    # The whole output (map and curve) in view, no tooltip, for the screenshot.
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1500, "height": 1700})
    page.mouse.move(2, 2)
    page.evaluate(
        """() => { document.activeElement.blur();
            document.querySelector('.cjm-map .cjm-scroll').scrollLeft = 0;
            document.querySelectorAll('.cjm-tip').forEach((tip) => { tip.hidden = true; }); }"""
    )
    output = page.locator(".jp-Cell").first.locator(".jp-Cell-outputWrapper")
    output.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    output.screenshot(path=str(ARTIFACTS / "comparison.png"))

    # Printed, the map keeps its states side by side: each step's mark, the gaps, the deltas.
    page.emulate_media(media="print")
    printed = page.locator(".cjm-map .cjm-print")
    expect(printed.locator("table.cjm-compare").first).to_be_attached()
    marks = printed.locator(".cjm-mark").all_text_contents()
    assert any("removed" in m for m in marks), marks
    assert any("added" in m for m in marks), marks
    assert printed.locator(".cjm-gap").count() >= 2
    assert any("pts" in d for d in printed.locator(".cjm-delta").all_text_contents())
    page.emulate_media(media="screen")
    assert page.js_errors == []
