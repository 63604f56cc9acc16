"""Alternative steps in a real JupyterLab: a stage's two paths drawn as parallel tracks with
their shares; a person edits an alternative step and the kernel has it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .lab import Lab
from .test_a11y_browser import Audit
from .test_map_browser import (
    after_edit,
    focused_cell,
    kernel_frame,
    lane_cell,
    show_map,
    step_header,
)

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"

SETUP = """import pandas as pd
from cjm_widgets import JourneyMap
df = pd.DataFrame(
    {
        "stage": ["Discover", "Buy", "Buy", "Buy", "Buy", "Buy", "Use"],
        "step": ["See ad", "Browse site", "Visit store", "Pay online", "Try on", "Pay at till",
                 "Unbox"],
        "branch": [None, "Online", "Store", "Online", "Store", "Store", None],
        "visits": [1000, 620, 380, 600, 300, 370, 900],
        "emotion": [0, 1, 1, -1, 2, 1, 2],
        "pain": [None, "Slow search", None, "Card refused", None, "Queue", None],
    },
    index=pd.Index(range(101, 108), name="row"),
)
m = JourneyMap(df, branch_share="visits", title="Buying: online or in store")
m"""


def step_order(page: Any) -> list[str]:
    return page.locator("th.cjm-step .cjm-step-name").all_inner_texts()


def test_a_stage_draws_its_paths_as_tracks_and_an_alternative_step_edits(page, lab: Lab):
    name = "branches.ipynb"
    page.set_viewport_size({"width": 1800, "height": 950})  # the whole map in view
    show_map(page, lab, name, SETUP)
    ui = page.locator(".cjm-map")

    # Each path's steps side by side, the main path first: Online's two, then Store's three.
    assert step_order(page) == [
        "See ad",
        "Browse site",
        "Pay online",
        "Visit store",
        "Try on",
        "Pay at till",
        "Unbox",
    ]
    band = ui.locator("tr.cjm-tracks")
    tracks = band.locator("th.cjm-track-band")
    assert tracks.all_inner_texts() == ["\u2387 Online \u00b7 62%", "\u2387 Store \u00b7 38%"]
    assert [tracks.nth(i).get_attribute("colspan") for i in range(2)] == ["2", "3"]
    assert {tracks.nth(i).get_attribute("scope") for i in range(2)} == {"colgroup"}
    # The main path's columns have no label; the band sits between stage and step headers.
    assert band.locator("td.cjm-track-gap").all_inner_texts() == ["", ""]
    rows = ui.locator("thead tr").evaluate_all("(rs) => rs.map((r) => r.className)")
    assert rows == ["cjm-stages", "cjm-tracks", "cjm-steps"]
    assert ui.locator("table.cjm-grid").get_attribute("aria-rowcount") == str(
        ui.locator("table.cjm-grid tr").count()
    )
    # Fork and join: each track's first and last columns, not the main path's.
    classes = ui.locator("th.cjm-step").evaluate_all("(hs) => hs.map((h) => h.className)")
    starts = [i for i, c in enumerate(classes) if "cjm-track-start" in c]
    ends = [i for i, c in enumerate(classes) if "cjm-track-end" in c]
    assert (starts, ends) == ([1, 3], [2, 5])

    # The band is no keyboard row: up from a step header is its stage.
    step_header(page, "Try on").click()
    page.keyboard.press("ArrowUp")
    assert focused_cell(page)[0] == "-1"
    page.keyboard.press("ArrowDown")
    assert focused_cell(page)[0] == "0"
    step_header(page, "Try on").click()

    # Keys only: down past visits and emotion to the pain lane of an alternative step.
    def type_pain() -> None:
        for _ in range(3):
            page.keyboard.press("ArrowDown")
        page.keyboard.type("No size left")
        page.keyboard.press("Enter")

    after_edit(page, type_pain)
    page.locator(".cjm-scroll").evaluate("(s) => { s.scrollLeft = 0; }")
    ui.screenshot(path=str(ARTIFACTS / "branches.png"))  # docs/ has a copy made by hand
    assert "No size left" in lane_cell(page, "pain", "Try on").inner_text()

    # Presenting, the taller stage row leaves the band and the step headers below it.
    ui.get_by_role("button", name="Present").click()
    page.wait_for_function("document.querySelector('.cjm-map.cjm-presenting') !== null")
    page.wait_for_timeout(300)
    page.locator(".cjm-scroll").evaluate("(s) => { s.scrollTop = 200; }")  # the heads stick
    boxes = [
        ui.locator(f"thead tr.{row} th").nth(1).bounding_box()
        for row in ("cjm-stages", "cjm-tracks", "cjm-steps")
    ]
    assert boxes[0]["y"] + boxes[0]["height"] <= boxes[1]["y"] + 1
    assert boxes[1]["y"] + boxes[1]["height"] <= boxes[2]["y"] + 1
    ui.screenshot(path=str(ARTIFACTS / "branches_present.png"))
    page.keyboard.press("Escape")
    page.wait_for_function("document.querySelector('.cjm-map.cjm-presenting') === null")

    # axe finds nothing serious in the band, in either theme (the labels' contrast included).
    audit = Audit(page)
    for theme in ("JupyterLab Light", "JupyterLab Dark"):
        page.evaluate(
            f"window.jupyterapp.commands.execute('apputils:change-theme', {{theme: '{theme}'}})"
        )
        page.wait_for_function(f"document.body.dataset.jpThemeName === '{theme}'")
        page.wait_for_timeout(300)
        audit.check(".cjm-map", theme)
    audit.assert_clean()

    got = kernel_frame(page, lab, name)
    assert got.loc[105, "pain"] == "No size left"
    assert got.loc[105, "branch"] == "Store"
    assert got["pain"].isna().sum() == 3  # nothing else changed
    assert got.index.tolist() == list(range(101, 108))
    assert page.js_errors == []
