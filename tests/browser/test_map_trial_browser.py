"""JourneyMap in a real JupyterLab: what a first user tried, typed as a person types it, checked
in the kernel's DataFrame (and, for what only shows on screen, in the page)."""

from __future__ import annotations

from typing import Any

from .lab import Lab, run_cell, wait_for_file
from .test_map_browser import after_edit, focused_cell, lane_cell, show_map, step_header
from .test_map_layout_browser import LONG_FRENCH, scroll_map

TRIAL = """import pandas as pd
from cjm_widgets import JourneyMap, Lane
df = pd.DataFrame({
    "persona": ["Ana"] * 4 + ["Bo"] * 2,
    "stage": ["Voir", "Voir", "Acheter", "Acheter", "Voir", "Acheter"],
    "step": ["Publicité", "Site", "Panier", "Paiement", "Magasin", "Caisse"],
    "emotion": [0.0, 1.0, -1.0, 2.0, 0.0, 1.0],
    "exit_rate": [0.41, 0.2, 0.1, 0.05, 0.3, 0.6],
    "wait": [95.0, 30.0, 600.0, 45.0, 10.0, 20.0],
    "notes": [None] * 6,
}, index=pd.Index(range(11, 17), name="row"))
lanes = ["emotion", Lane("exit_rate", format="percent"), Lane("wait", format="duration"), "notes"]
m = JourneyMap(df, persona="persona", lanes=lanes)
m"""


def fresh_frame(page: Any, lab: Lab, name: str) -> Any:
    """The kernel's DataFrame now (the pickle of an earlier look is removed first)."""
    import pandas as pd

    out = lab.root / f"{name}.pkl"
    out.unlink(missing_ok=True)
    run_cell(page, 1)
    wait_for_file(out)
    return pd.read_pickle(out)


def focus_lane(page: Any, step: str, lane_row: int) -> None:
    """Click a step's header, then arrow down to a lane, as a keyboard user gets there."""
    step_header(page, step).click()
    for _ in range(lane_row):
        page.keyboard.press("ArrowDown")


def grid_top(page: Any) -> float:
    return page.locator(".cjm-map .cjm-scroll").bounding_box()["y"]


def test_typed_values_land_in_the_lane_unit_and_messages_leave_the_grid_in_place(page, lab: Lab):
    name = "trial.ipynb"
    show_map(page, lab, name, TRIAL)
    ui = page.locator(".cjm-map")
    top = grid_top(page)

    # Emotion at +1: typing "-2" types -2 (the "-" is not a decrement key).
    focus_lane(page, "Site", 1)
    after_edit(page, lambda: (page.keyboard.type("-2"), page.keyboard.press("Enter")))
    assert fresh_frame(page, lab, name).loc[12, "emotion"] == -2.0
    # Alt+Up raises by one, Alt+Down lowers.
    focus_lane(page, "Site", 1)
    after_edit(page, lambda: page.keyboard.press("Alt+ArrowUp"))
    assert fresh_frame(page, lab, name).loc[12, "emotion"] == -1.0
    focus_lane(page, "Site", 1)  # running the check cell took the focus
    after_edit(page, lambda: page.keyboard.press("Alt+ArrowDown"))
    assert fresh_frame(page, lab, name).loc[12, "emotion"] == -2.0

    # A percent lane edits in percent: "41%" in the editor, 50 typed is 50%.
    focus_lane(page, "Publicité", 2)
    page.keyboard.press("Enter")
    assert ui.locator("input.cjm-editor").input_value() == "41%"
    after_edit(page, lambda: (page.keyboard.type("50"), page.keyboard.press("Enter")))
    # A duration lane edits in minutes and seconds.
    lane_cell(page, "wait", "Publicité").dblclick()
    assert ui.locator("input.cjm-editor").input_value() == "1 min 35 s"
    after_edit(page, lambda: (page.keyboard.type("2 min"), page.keyboard.press("Enter")))
    # Shift+Enter in an empty text cell adds no blank first line.
    lane_cell(page, "notes", "Panier").dblclick()
    page.keyboard.press("Shift+Enter")
    after_edit(page, lambda: (page.keyboard.type("Code promo"), page.keyboard.press("Enter")))
    got = fresh_frame(page, lab, name)
    assert got.loc[11, "exit_rate"] == 0.5
    assert got.loc[11, "wait"] == 120.0
    assert got.loc[13, "notes"] == "Code promo"

    # Undo from another step: the focus goes to the step the undo touched, in the same lane.
    focus_lane(page, "Paiement", 3)
    assert focused_cell(page) == ["3", "3"]
    after_edit(page, lambda: page.keyboard.press("Control+z"))
    page.wait_for_function("document.activeElement?.dataset?.col === '2'", timeout=10_000)
    assert focused_cell(page) == ["3", "2"]
    notice = ui.get_by_role("status").filter(has_text="Undone")
    notice.wait_for(timeout=10_000)
    assert grid_top(page) == top  # the notice floats: the grid stays where it was

    # A refusal does not move the grid either, and stays until the next action.
    focus_lane(page, "Paiement", 1)
    page.keyboard.press("Enter")
    page.keyboard.type("9")
    page.keyboard.press("Enter")
    alert = ui.get_by_role("alert").filter(has_text="off the scale")
    alert.wait_for(timeout=10_000)
    assert grid_top(page) == top
    page.wait_for_timeout(9_000)
    assert alert.is_visible()
    # A notice goes by itself after about 8 seconds.
    after_edit(page, lambda: page.keyboard.press("Control+z"))
    notice.wait_for(timeout=10_000)
    page.wait_for_timeout(9_000)
    assert not notice.is_visible()
    got = fresh_frame(page, lab, name)
    assert got.loc[11, "wait"] == 95.0  # the second undo took back the duration
    assert got.loc[13, "notes"] is None or got.loc[13, "notes"] != got.loc[13, "notes"]
    assert page.js_errors == []


# Text colour against the colour actually painted behind it: translucent backgrounds are
# composited over their ancestors', and color(srgb …) (what color-mix computes to) is read.
CONTRAST = """([sel, prop]) => {
  const parse = (c) => {
    const m = c.match(/^color\\(srgb ([\\d.e-]+) ([\\d.e-]+) ([\\d.e-]+)(?: \\/ ([\\d.]+))?\\)/);
    if (m) return [+m[1] * 255, +m[2] * 255, +m[3] * 255, m[4] === undefined ? 1 : +m[4]];
    const n = c.match(/[\\d.]+/g).map(Number);
    return [n[0], n[1], n[2], n.length > 3 ? n[3] : 1];
  };
  const el = document.querySelector(sel);
  if (!el) return -1;
  const layers = [];
  for (let node = el; node; node = node.parentElement) {
    const bg = parse(getComputedStyle(node).backgroundColor);
    if (bg[3] > 0) layers.push(bg);
    if (bg[3] >= 1) break;
  }
  let [r, g, b] = [255, 255, 255];
  for (const [lr, lg, lb, a] of layers.reverse()) {
    r = lr * a + r * (1 - a); g = lg * a + g * (1 - a); b = lb * a + b * (1 - a);
  }
  const lum = ([r, g, b]) => [r, g, b].map((v) => {
    v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
  }).reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const a = lum(parse(getComputedStyle(el)[prop])), z = lum([r, g, b]);
  return (Math.max(a, z) + 0.05) / (Math.min(a, z) + 0.05);
}"""

# Each stage header in view: its visible width, and where its name is, relative to the area
# right of the lane titles.
STAGES_IN_VIEW = """() => {
  const scroller = document.querySelector('.cjm-map .cjm-scroll');
  const view = scroller.getBoundingClientRect();
  const left = document.querySelector('.cjm-map .cjm-corner').getBoundingClientRect().right;
  const right = view.left + scroller.clientWidth;
  return [...document.querySelectorAll('.cjm-map th.cjm-stage')].map((th) => {
    const box = th.getBoundingClientRect();
    const name = th.querySelector('.cjm-stage-name').getBoundingClientRect();
    return {
      stage: th.dataset.stage,
      shown: Math.min(box.right, right) - Math.max(box.left, left),
      nameLeft: name.left - left, nameRight: right - name.right,
    };
  }).filter((s) => s.shown > 0);
}"""


def assert_stage_names_in_view(page: Any, where: str) -> None:
    page.wait_for_timeout(300)
    stages = page.evaluate(STAGES_IN_VIEW)
    assert stages, where
    for s in stages:
        if s["shown"] < 168:  # less than one step of the stage in view: too narrow for a name
            continue
        assert s["nameLeft"] >= 0, f"{where}: {s}"
        assert s["nameRight"] >= 0, f"{where}: {s}"


def test_dark_theme_selection_sticky_stage_names_and_top_emotion(page, lab: Lab):
    show_map(page, lab, "trial_long.ipynb", LONG_FRENCH)
    page.evaluate(
        "window.jupyterapp.commands.execute('apputils:change-theme', {theme: 'JupyterLab Dark'})"
    )
    page.wait_for_function(
        "document.body.dataset.jpThemeName === 'JupyterLab Dark'", timeout=20_000
    )
    page.wait_for_timeout(500)
    page.locator(".cjm-map").scroll_into_view_if_needed()

    # Every stage with a step in view shows its whole name, at the end and mid-scroll.
    assert_stage_names_in_view(page, "start")
    scroll_map(page, 100_000)
    assert_stage_names_in_view(page, "end")
    for dx in (-1_500, -700, -300):
        scroll_map(page, dx)
        assert_stage_names_in_view(page, f"middle ({dx})")
    scroll_map(page, -100_000)
    # At +3, the top of the scale, the point and its label are inside the lane.
    cell = page.locator('tr[data-lane="émotion"] td[data-col="6"]').bounding_box()
    for part in (".cjm-dot", ".cjm-dot-label"):
        box = page.locator(f'tr[data-lane="émotion"] td[data-col="6"] {part}').bounding_box()
        margin = 4 if part == ".cjm-dot" else 1  # the point clear of the lane's edge
        assert box["y"] >= cell["y"] + margin, part
        assert box["y"] + box["height"] <= cell["y"] + cell["height"] - margin, part

    # The selected step's header and cells are readable; its emotion point stays filled.
    page.locator('th.cjm-step[data-col="6"]').click()  # Ana's step 7: emotion +3
    page.wait_for_selector("th.cjm-step.is-selected")
    for selector in (
        "th.cjm-step.is-selected .cjm-step-name",
        'tr[data-lane="douleur"] td.is-selected .cjm-card',
        'tr[data-lane="canal"] td.is-selected .cjm-channel',
    ):
        assert page.evaluate(CONTRAST, [selector, "color"]) >= 4.5, selector
    dot = 'tr[data-lane="émotion"] td.is-selected .cjm-dot'
    assert page.evaluate(f"getComputedStyle(document.querySelector('{dot}')).fill") != "none"
    assert page.evaluate(CONTRAST, [dot, "fill"]) >= 3
    assert (
        page.evaluate(CONTRAST, ['tr[data-lane="émotion"] td.is-selected .cjm-dot-label', "fill"])
        >= 4.5
    )

    assert page.js_errors == []
