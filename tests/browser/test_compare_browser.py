"""Personas side by side in a real JupyterLab: a person switches compare mode on from the
toolbar, finds shared steps in one column and a persona's own step as a gap in the other's
sub-row, edits the second persona's cell, and the kernel's map follows."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pandas as pd

from .lab import Lab, open_notebook, run_cell
from .test_a11y_browser import axe
from .test_map_browser import after_edit, kernel_frame, show_map
from .test_priority_browser import contrast

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"

SETUP = """import pandas as pd
from cjm_widgets import JourneyMap
df = pd.DataFrame(
    {
        "persona": ["Ana"] * 5 + ["Bo"] * 5,
        "stage": ["Discover", "Discover", "Choose", "Buy", "Buy",
                  "Discover", "Discover", "Choose", "Buy", "Use"],
        "step": ["See ad", "Visit site", "Compare offers", "Checkout", "Pay",
                 "See ad", "Ask a friend", "Compare offers", "Pay", "Track parcel"],
        "channel": ["social", "web", "web", "web", "web",
                    "social", "phone", "store", "store", "app"],
        "emotion": [1, 2, -1, 0, 2, 0, 1, -2, 1, -1],
        "pain": [None, None, "Too many tabs", None, None,
                 None, None, "No stock in store", None, "No tracking number"],
        "exit_rate": [0.1, 0.25, 0.4, 0.2, 0.05, 0.12, 0.3, 0.5, 0.1, 0.0],
    },
    index=pd.Index(range(101, 111), name="row"),
)
m = JourneyMap(df, persona="persona", title="Ana and Bo, side by side")


def said(change=None):
    with open("compare.state", "w") as f:
        f.write(repr((m.compare_personas, m.active_persona)))


said()
m.observe(said, ["compare_personas", "active_persona"])
m"""


def kernel(page: Any, lab: Lab, name: str) -> tuple[pd.DataFrame, tuple[bool, str]]:
    """The kernel's table (as the second cell writes it), and its (compare_personas,
    active_persona) as they were at the last switch (as the observer writes them)."""
    (lab.root / f"{name}.pkl").unlink(missing_ok=True)
    frame = kernel_frame(page, lab, name)
    return frame, ast.literal_eval((lab.root / "compare.state").read_text())


def box(locator: Any) -> tuple[float, float]:
    b = locator.bounding_box()
    assert b is not None
    return round(b["x"], 1), round(b["width"], 1)


def test_a_person_compares_personas_side_by_side_and_edits_the_second(page, lab):
    name = "compare.ipynb"
    show_map(page, lab, name, SETUP)
    ui = page.locator(".cjm-map")
    toggle = ui.get_by_role("button", name="Compare personas")
    assert toggle.get_attribute("aria-pressed") == "false"
    assert "(Alt+C)" in (toggle.get_attribute("title") or "")
    before, (compare, _) = kernel(page, lab, name)
    assert compare is False

    toggle.click()
    grid = ui.locator("table.cjm-compare")
    grid.wait_for(timeout=20_000)
    assert toggle.get_attribute("aria-pressed") == "true"

    # One column per step, shared steps once: Ana's 5 and Bo's 5 share See ad, Compare offers, Pay.
    steps = ui.locator("th.cjm-step .cjm-step-name").all_inner_texts()
    assert steps == [
        "See ad",
        "Visit site",
        "Ask a friend",
        "Compare offers",
        "Checkout",
        "Pay",
        "Track parcel",
    ]
    # Each lane has a sub-row per persona, named in its head.
    pain = ui.locator('tr[data-lane="pain"]')
    assert pain.count() == 2
    assert "Ana" in pain.nth(0).locator("th").inner_text()
    assert "Bo" in pain.nth(1).locator("th").inner_text()

    def cell(track: int, step: str, lane: str = "pain") -> Any:
        col = ui.locator("th.cjm-step").filter(has_text=step).get_attribute("data-col")
        return ui.locator(f'tr[data-lane="{lane}"][data-track="{track}"] td[data-col="{col}"]')

    # A shared step's cells line up under its one header, in both sub-rows.
    for step in ("See ad", "Compare offers", "Pay"):
        header = box(ui.locator("th.cjm-step").filter(has_text=step))
        assert box(cell(0, step)) == header == box(cell(1, step)), step
    assert "Too many tabs" in cell(0, "Compare offers").inner_text()
    assert "No stock in store" in cell(1, "Compare offers").inner_text()

    # A persona's own step is a gap in the other's sub-row: said so, and not editable.
    gap = cell(1, "Checkout")
    assert "cjm-gap" in (gap.get_attribute("class") or "")
    assert gap.get_attribute("aria-label") == "Bo has no such step"
    assert cell(0, "Track parcel").get_attribute("aria-label") == "Ana has no such step"
    gap.dblclick()
    assert gap.locator(".cjm-editor").count() == 0
    # The emotion lane: a line per persona, told apart by more than colour.
    dashes = page.evaluate(
        """() => [0, 1].map((k) => getComputedStyle(document.querySelector(
            `tr[data-lane="emotion"][data-track="${k}"] .cjm-curve`)).strokeDasharray)"""
    )
    assert dashes[0] != dashes[1]

    # axe-core finds nothing serious in the side-by-side grid (gaps, sub-row heads, legend).
    serious = [v for v in axe(page, ".cjm-map") if v["impact"] in ("serious", "critical")]
    assert serious == []

    # The table view (Alt+T) reads the same: a row per lane and persona, gaps in words.
    cell(0, "See ad").click()
    page.keyboard.press("Alt+T")
    table = ui.locator(".cjm-table-view table.cjm-table")
    table.wait_for(timeout=10_000)
    bo_pain = table.locator("tbody tr").filter(has_text="Pain \u2014 Bo")
    assert "Bo has no such step" in bo_pain.inner_text()
    assert "No stock in store" in bo_pain.inner_text()
    page.keyboard.press("Alt+T")
    grid.wait_for(timeout=10_000)

    # The keyboard moves over the sub-rows: from Ana's pain cell in Pay, down is Bo's.
    cell(0, "Pay").click()
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.dataset.track") == "1"
    assert page.evaluate("document.activeElement.closest('tr').dataset.lane") == "pain"

    # Bo's cell opens on Bo's text (not the shared column's first track's, nor empty).
    cell(1, "Compare offers").dblclick()
    opened = cell(1, "Compare offers").locator(".cjm-editor")
    assert opened.input_value() == "No stock in store"
    page.keyboard.press("Escape")

    def edit_bo() -> None:
        cell(1, "Pay").dblclick()
        editor = cell(1, "Pay").locator(".cjm-editor")
        editor.fill("Card refused twice")
        page.keyboard.press("Enter")

    after_edit(page, edit_bo)
    assert "Card refused twice" in cell(1, "Pay").inner_text()
    assert grid.is_visible()  # still side by side after the edit
    ARTIFACTS.mkdir(exist_ok=True)
    page.evaluate(
        "document.activeElement.blur(); document.querySelector('.cjm-scroll').scrollLeft = 0"
    )
    page.wait_for_timeout(200)
    ui.screenshot(path=str(ARTIFACTS / "compare_personas.png"))

    after, (compare, persona) = kernel(page, lab, name)
    assert compare is True
    assert persona == "Bo"  # the persona last edited in
    assert after.loc[109, "pain"] == "Card refused twice"
    # Only Bo's Pay changed: Ana's Pay (105) and every other cell are as they were.
    expected = before.copy()
    expected.loc[109, "pain"] = "Card refused twice"
    pd.testing.assert_frame_equal(after, expected)

    # Back to one persona from the keyboard (Alt+C): the kernel follows.
    cell(0, "Pay").click()
    page.keyboard.press("Alt+c")
    ui.locator("table.cjm-grid:not(.cjm-compare)").wait_for(timeout=20_000)
    assert toggle.get_attribute("aria-pressed") == "false"
    _, (compare, _) = kernel(page, lab, name)
    assert compare is False
    assert page.js_errors == []


STATES = """import pandas as pd
from cjm_widgets import JourneyMap
current = pd.DataFrame(
    {
        "stage": ["Search", "Search", "Choose", "Pay", "Pay"],
        "step": ["Searches online", "Reads reviews", "Compares models", "Enters card",
                 "Confirms order"],
        "pain": [None, "Fake reviews", "Too many tabs", None, None],
        "emotion": [1.0, -1.0, -2.0, -2.0, 1.0],
        "exit_rate": [0.10, 0.25, 0.42, 0.18, 0.05],
    }
)
future = pd.DataFrame(
    {
        "stage": ["Search", "Choose", "Choose", "Pay", "Pay"],
        "step": ["Searches online", "Asks a chat advisor", "Compares models", "Confirms order",
                 "Enters card"],
        "pain": [None, None, "Too many tabs", None, None],
        "emotion": [1.0, 1.0, 0.0, 1.0, -2.0],
        "exit_rate": [0.10, 0.08, 0.30, 0.05, 0.18],
    }
)
m = JourneyMap.compare(current, future, title="Current and future")
m"""


def test_a_person_reads_the_current_and_future_states_side_by_side_and_edits_the_future(page, lab):
    name = "compare_states.ipynb"
    show_map(page, lab, name, STATES)
    ui = page.locator(".cjm-map")
    ui.locator("table.cjm-compare").wait_for(timeout=20_000)
    # Personas are not compared in a comparison view: its button stays hidden.
    assert ui.get_by_role("button", name="Compare personas").is_hidden()
    heads = ui.locator('tr[data-lane="pain"] th').all_inner_texts()
    assert ["Current" in heads[0], "Future" in heads[1]] == [True, True]

    def header(step: str) -> Any:
        return ui.locator("th.cjm-step").filter(has_text=step)

    # Each step header says its mark in words (and a shape beside them).
    assert header("Reads reviews").locator(".cjm-mark").inner_text() == "\u2212removed"
    assert header("Asks a chat advisor").locator(".cjm-mark").inner_text() == "+added"
    assert "changed" in header("Compares models").locator(".cjm-mark").inner_text()
    assert header("Searches online").locator(".cjm-mark").count() == 0
    # The card step moved after the order: a column per state, both marked moved.
    assert header("Enters card").locator(".cjm-mark").all_inner_texts() == ["\u21c4moved"] * 2

    def cell(track: int, step: str, lane: str) -> Any:
        col = header(step).get_attribute("data-col")
        return ui.locator(f'tr[data-lane="{lane}"][data-track="{track}"] td[data-col="{col}"]')

    # The future's changed cells are outlined and say so; deltas in the lane's unit.
    changed = cell(1, "Compares models", "exit_rate")
    assert "is-changed" in (changed.get_attribute("class") or "")
    assert changed.locator(".cjm-delta").inner_text() == "\u221212 pts"
    assert changed.locator(".cjm-sr", has_text="changed").count() == 1
    assert cell(1, "Compares models", "emotion").locator(".cjm-delta").inner_text() == "+2"
    assert "is-changed" not in (
        cell(0, "Compares models", "exit_rate").get_attribute("class") or ""
    )
    assert cell(1, "Reads reviews", "pain").get_attribute("aria-label") == "Future has no such step"
    ui.screenshot(path=str(ARTIFACTS / "compare_states.png"))
    serious = [v for v in axe(page, ".cjm-map") if v["impact"] in ("serious", "critical")]
    assert serious == []

    # The marks, deltas and track names are readable in both themes.
    for theme in ("JupyterLab Dark", "JupyterLab Light"):
        page.evaluate(
            f"window.jupyterapp.commands.execute('apputils:change-theme', {{theme: '{theme}'}})"
        )
        page.wait_for_function(f"document.body.dataset.jpThemeName === '{theme}'")
        page.wait_for_timeout(300)
        for selector in (".cjm-mark-changed", ".cjm-mark-added", ".cjm-delta", ".cjm-track-name"):
            assert contrast(page, selector) >= 4.5, (theme, selector)

    before = kernel_frame(page, lab, name)

    def edit_future() -> None:
        target = cell(1, "Searches online", "pain")
        target.dblclick()
        target.locator(".cjm-editor").fill("Slow search")
        page.keyboard.press("Enter")

    after_edit(page, edit_future)
    (lab.root / f"{name}.pkl").unlink()
    after = kernel_frame(page, lab, name)
    row = after.index[(after["state"] == "future") & (after["step"] == "Searches online")]
    expected = before.copy()
    expected.loc[row, "pain"] = "Slow search"
    pd.testing.assert_frame_equal(after, expected)
    assert page.js_errors == []


def test_each_view_switches_for_itself_and_python_switches_them_all(page, lab):
    name = "compare_views.ipynb"
    shown_twice = SETUP.replace(
        'm = JourneyMap(df, persona="persona", title="Ana and Bo, side by side")',
        'm = JourneyMap(df, persona="persona", compare_personas=True)\ndisplay(m)',
    )
    lab.write_notebook(
        name, [shown_twice, "m.compare_personas = False", "m.compare_personas = True"]
    )
    open_notebook(page, lab, name)
    run_cell(page, 0)
    maps = page.locator(".cjm-map")
    sides = page.locator(".cjm-map table.cjm-compare")
    # Both views start side by side (the constructor's argument).
    page.wait_for_function("document.querySelectorAll('.cjm-map table.cjm-compare').length === 2")
    assert maps.count() == 2

    # One view's switch is that view's: the other stays side by side.
    maps.nth(0).get_by_role("button", name="Compare personas").click()
    page.wait_for_function("document.querySelectorAll('.cjm-map table.cjm-compare').length === 1")
    assert maps.nth(1).locator("table.cjm-compare").count() == 1
    # Set from Python, every view follows: False is what the first view set already (the
    # trait does not change), and the second view leaves compare mode all the same.
    run_cell(page, 1)
    page.wait_for_function("document.querySelectorAll('.cjm-map table.cjm-compare').length === 0")
    run_cell(page, 2)
    page.wait_for_function("document.querySelectorAll('.cjm-map table.cjm-compare').length === 2")
    assert sides.count() == 2
    assert page.js_errors == []
