"""EmotionCurve in a real JupyterLab: a person drags and keys the curve, the kernel follows."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pandas.testing as pdt
import pytest

from .lab import Lab, open_notebook, run_cell, wait_for_file
from .test_map_browser import _contrast, after_edit, lane_cell

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"

SETUP = """import time
import pandas as pd
from IPython.display import display
from cjm_widgets import EmotionCurve, JourneyMap, link
df = pd.DataFrame(
    {
        "persona": ["Ana"] * 4 + ["Bo"] * 3,
        "stage": ["Discover", "Choose", "Choose", "Buy", "Discover", "Choose", "Buy"],
        "step": ["See ad", "Compare", "Read reviews", "Pay", "See ad", "Compare", "Pay"],
        "emotion": [0.0, -1.0, 1.0, 2.0, 1.0, -2.0, 0.0],
        "pain": [None, "Too many options", None, None, None, None, "Card refused"],
        "moment_of_truth": [None, "one-off", None, None, None, None, None],
    },
    index=pd.Index(range(1, 8), name="row"),
)
answers = pd.DataFrame({
    "persona": ["Ana"] * 6 + ["Bo"] * 3,
    "step": ["Compare"] * 3 + ["Read reviews"] * 3 + ["Compare"] * 3,
    "score": [-2, -1, -2, 2, 3, 3, -3, -2, -2],
})
m = JourneyMap(df, persona="persona")
c = EmotionCurve(df, persona="persona", evidence=answers)
link(m, c)
edits = []
c.on_edit(lambda e: edits.append((time.time(), e.new, e.via)))
display(m)
c"""

CHECK = """c.data.to_pickle('curve.pkl')
m.data.to_pickle('map.pkl')
state = {"edits": edits, "line": c.line, "selected": list(m.selected)}
json.dump(state, open('curve.json', 'w'))"""


def frame() -> pd.DataFrame:
    namespace: dict[str, Any] = {}
    exec(SETUP.split("m = JourneyMap")[0], namespace)
    return namespace["df"]


def after_curve_edit(page: Any, action: Any) -> None:
    after_edit(page, action, ".cjm-emotion-curve")


def point(page: Any, label: str) -> Any:
    return page.locator(f'.cjm-emotion-curve circle[aria-label="{label}"]')


def tick_y(page: Any, text: str) -> float:
    box = page.locator(".cjm-emotion-curve text.cjm-tick", has_text=text).bounding_box()
    return box["y"] + box["height"] / 2 - 4 + 4  # the text's baseline sits 4 px below the value


def test_drag_and_keys_edit_the_curve_and_the_linked_map_follows(page, lab: Lab):
    lab.write_notebook("curve.ipynb", [SETUP, "import json\n" + CHECK])
    open_notebook(page, lab, "curve.ipynb")
    run_cell(page, 0)
    page.wait_for_selector(".cjm-emotion-curve circle.cjm-point", timeout=60_000)
    page.wait_for_selector(".cjm-map table", timeout=60_000)
    curve = page.locator(".cjm-emotion-curve")

    # Evidence: three steps are measured (filled, with n), the others assumed (hollow); each
    # measured point has its own 95% interval at its step, Ana's two and Bo's one.
    assert curve.locator("circle.is-measured").count() == 3
    assert curve.locator("circle.is-assumed").count() == 4
    assert curve.locator("text.cjm-n").first.text_content() == "n=3"
    assert curve.locator('g[data-line="0"] path.cjm-interval').count() == 2
    assert curve.locator('g[data-line="1"] path.cjm-interval').count() == 1
    assert curve.locator("text.cjm-moment").count() == 1

    # Switch to the team's assumed line, as a person would, to edit it.
    curve.get_by_label("Assumed").check()
    page.wait_for_selector('svg.cjm-plot[aria-label="Emotion curve, assumed line"]')

    # Drag Ana's "See ad" point from 0 to +2, slowly (about a second of pointer moves).
    dot = point(page, "See ad, Discover, Ana")
    curve.scroll_into_view_if_needed()
    box = dot.bounding_box()
    x, y0 = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    target = tick_y(page, "+2")

    def drag() -> None:
        page.mouse.move(x, y0)
        page.mouse.down()
        for k in range(1, 41):
            page.mouse.move(x, y0 + (target - y0) * k / 40 + (6 if k < 40 else 0))
            page.wait_for_timeout(25)
        page.mouse.move(x, target)
        page.mouse.up()

    after_curve_edit(page, drag)
    page.wait_for_function(
        "document.querySelector('.cjm-emotion-curve circle[aria-label=\"See ad, Discover, Ana\"]')"
        ".getAttribute('aria-valuenow') === '2'",
        timeout=20_000,
    )
    # The linked map's emotion lane shows the new value without running a cell.
    page.wait_for_function(
        "[...document.querySelectorAll('.cjm-map tr[data-lane=\"emotion\"] td')]"
        ".some((td) => td.dataset.col === '0' && td.textContent.includes('+2'))",
        timeout=20_000,
    )

    # Keyboard: from the focused point, → to "Compare" (−1), ↑ twice: +1.
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == (
        "Compare, Choose, Ana"
    )
    after_curve_edit(page, lambda: page.keyboard.press("ArrowUp"))
    after_curve_edit(page, lambda: page.keyboard.press("ArrowUp"))
    assert "+1" in lane_cell(page, "emotion", "Compare").inner_text()

    # PageDown moves to Bo's line; Space selects the step in both widgets.
    page.keyboard.press("PageDown")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == (
        "Compare, Choose, Bo"
    )
    page.keyboard.press("Space")
    page.wait_for_function(
        "document.querySelectorAll('.cjm-emotion-curve rect.cjm-selected-step').length === 1"
    )

    # Three undos take back the two keys and the whole drag (one step); redo brings all back.
    for _ in range(3):
        after_curve_edit(page, lambda: page.keyboard.press("Control+z"))
    assert point(page, "See ad, Discover, Ana").get_attribute("aria-valuenow") == "0"
    assert point(page, "Compare, Choose, Ana").get_attribute("aria-valuenow") == "-1"
    for _ in range(3):
        after_curve_edit(page, lambda: page.keyboard.press("Control+Shift+z"))
    assert point(page, "See ad, Discover, Ana").get_attribute("aria-valuenow") == "2"
    assert point(page, "Compare, Choose, Ana").get_attribute("aria-valuenow") == "1"

    ARTIFACTS.mkdir(exist_ok=True)
    curve.screenshot(path=str(ARTIFACTS / "emotion_curve.png"))

    run_cell(page, 1)
    wait_for_file(lab.root / "curve.json")
    got_curve = pd.read_pickle(lab.root / "curve.pkl")
    got_map = pd.read_pickle(lab.root / "map.pkl")
    state = json.loads((lab.root / "curve.json").read_text())
    expected = frame()
    expected.loc[1, "emotion"] = 2.0
    expected.loc[2, "emotion"] = 1.0
    pdt.assert_frame_equal(got_curve, expected)
    pdt.assert_frame_equal(got_map, expected)
    assert state["line"] == "assumed"
    assert state["selected"] == [6]

    # While dragging, at most about 20 updates a second reached the kernel; the last was +2.
    drag_edits = [e for e in state["edits"] if e[2] == "view"][:-2]  # minus the two key edits
    assert drag_edits[-1][1] == 2.0
    span = drag_edits[-1][0] - drag_edits[0][0]
    assert 2 <= len(drag_edits) <= 20 * span + 2, (len(drag_edits), span)
    assert page.js_errors == []


TEMPLATE = """from cjm_widgets import EmotionCurve
from cjm_widgets.templates import retail_feelings, retail_journey
c = EmotionCurve(retail_journey(), persona="persona", evidence=retail_feelings())
c"""


@pytest.mark.parametrize("theme", ["JupyterLab Light", "JupyterLab Dark"])
def test_curve_is_readable_in_light_and_dark_themes(page, lab: Lab, theme: str):
    name = f"curve-{theme.split()[-1].lower()}.ipynb"
    lab.write_notebook(name, [TEMPLATE])
    open_notebook(page, lab, name)
    run_cell(page, 0)
    page.wait_for_selector(".cjm-emotion-curve circle.cjm-point", timeout=60_000)
    page.evaluate(
        f"window.jupyterapp.commands.execute('apputils:change-theme', {{theme: '{theme}'}})"
    )
    page.wait_for_function(f"document.body.dataset.jpThemeName === '{theme}'", timeout=20_000)
    page.wait_for_timeout(500)
    for selector in (".cjm-step-label", ".cjm-stage-name", ".cjm-tick"):
        assert _contrast(page, f".cjm-emotion-curve {selector}", "fill") >= 4.5, selector
    assert _contrast(page, ".cjm-emotion-curve .cjm-key") >= 4.5
    # Hovering a point shows its step, stage, evidence and pain, readable too.
    point = page.locator('.cjm-emotion-curve circle[aria-label^="Compares models"]').first
    point.hover()
    tip = page.get_by_role("tooltip")
    tip.wait_for()
    assert "Compares models" in tip.inner_text()
    assert "measured" in tip.inner_text()
    assert "Pain: Sizes hidden in a PDF" in tip.inner_text()
    assert _contrast(page, ".cjm-emotion-curve .cjm-tip-step") >= 4.5
    assert page.js_errors == []
