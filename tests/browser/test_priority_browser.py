"""Priorities in a real JupyterLab: a person opens the Priorities panel, picks steps from it
with the mouse and the keys, edits priority cells, and the kernel's map follows."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

from .lab import Lab, run_cell, wait_for_file
from .test_map_browser import after_edit, kernel_frame, show_map

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"

SETUP = """import pandas as pd
from cjm_widgets import JourneyMap
n = 24
df = pd.DataFrame(
    {
        "persona": ["Ana"] * n + ["Bo"] * 3,
        "stage": [f"Stage {i // 6 + 1}" for i in range(n)] + ["Stage 1"] * 3,
        "step": [f"Step {i + 1}" for i in range(n)] + ["Step 1", "Step 2", "Step 3"],
        "pain": [f"pain {i + 1}" for i in range(n)] + [None, "<b>not bold</b>", None],
        "owner": ["Payments" if i == 21 else None for i in range(n + 3)],
    },
    index=pd.Index(range(100, 100 + n + 3), name="row"),
)
table = pd.DataFrame(
    {
        "persona": ["Ana", "Ana", "Ana", "Bo"],
        "step": ["Step 22", "Step 3", "Step 14", "Step 2"],
        "priority": [1, 2, 3, 1],
        "quadrant": [
            "concentrate here",
            "low priority",
            "keep up the good work",
            "concentrate here",
        ],
    }
)
m = JourneyMap(df, persona="persona")
m.add_priorities(table)
m.add_priorities(table, column="quadrant", value="quadrant")
m"""


def kernel_selection(page: Any, lab: Lab, name: str) -> list[int]:
    """``m.selected`` in the kernel, as the notebook's second cell writes it."""
    out = lab.root / f"{name}.sel"
    out.unlink(missing_ok=True)
    run_cell(page, 1)
    wait_for_file(out)
    return list(ast.literal_eval(out.read_text()))


def focused_step(page: Any) -> str | None:
    return page.evaluate(
        "document.activeElement.classList.contains('cjm-step')"
        " ? document.activeElement.dataset.id : null"
    )


def in_view(page: Any, step_id: str) -> bool:
    """Whether a step's header lies inside the map's scrolled view."""
    return page.evaluate(
        """(id) => {
        const a = document.querySelector(`th.cjm-step[data-id="${id}"]`).getBoundingClientRect();
        const b = document.querySelector(".cjm-scroll").getBoundingClientRect();
        return a.left >= b.left && a.right <= b.right + 1;
      }""",
        step_id,
    )


def contrast(page: Any, selector: str) -> float:
    """Contrast of an element's text with the background it is drawn on (any CSS colour
    syntax, color-mix included: each colour is read back from a canvas)."""
    return page.evaluate(
        """(sel) => {
        const ctx = document.createElement("canvas").getContext("2d", { willReadFrequently: true });
        const rgba = (c) => {
          ctx.clearRect(0, 0, 1, 1); ctx.fillStyle = c; ctx.fillRect(0, 0, 1, 1);
          return Array.from(ctx.getImageData(0, 0, 1, 1).data);
        };
        const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255;
          return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); })
          .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
        const el = document.querySelector(sel);
        if (!el) return -1;
        let node = el, bg = [0, 0, 0, 0];
        while (node && bg[3] === 0) {
          bg = rgba(getComputedStyle(node).backgroundColor); node = node.parentElement;
        }
        const fg = rgba(getComputedStyle(el).color);  // a translucent text colour blends in
        const a = lum(fg.map((v, i) => v * (fg[3] / 255) + bg[i] * (1 - fg[3] / 255)));
        const b = lum(bg);
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      }""",
        selector,
    )


def test_a_person_picks_priorities_from_the_panel_and_edits_them(page, lab):
    name = "priorities.ipynb"
    show_map(page, lab, name, SETUP)
    ui = page.locator(".cjm-map")
    toggle = ui.get_by_role("button", name="Priorities")
    assert toggle.get_attribute("aria-expanded") == "false"

    toggle.click()
    panel = ui.get_by_role("region", name="Top priorities for Ana")
    assert toggle.get_attribute("aria-expanded") == "true"
    items = panel.get_by_role("listitem").get_by_role("button")
    assert items.count() == 3
    text = items.nth(0).inner_text()
    for part in ("#1", "Step 22", "Stage 4", "Pain: pain 22", "Owner: Payments"):
        assert part in text
    # Named by the words it shows (so that speech input finds it by them).
    assert items.nth(0).get_attribute("aria-label") is None
    assert panel.get_by_role("button", name="#1 Step 22 Stage 4 Pain: pain 22").count() == 1
    ui.screenshot(path=str(ARTIFACTS / "priorities_panel.png"))
    # Every badge stays inside its step's cell (the longest quadrant's words wrap).
    outside = page.evaluate(
        """() => [...document.querySelectorAll('.cjm-map td .cjm-priority')].filter((b) => {
            const r = b.getBoundingClientRect(), c = b.closest('td').getBoundingClientRect();
            return r.left < c.left - 0.5 || r.right > c.right + 0.5; }).map((b) => b.textContent)"""
    )
    assert outside == []

    # A click selects the step, far right on the map: scrolled into view and focused.
    first = items.nth(0).get_attribute("data-id")
    items.nth(0).click()
    header = ui.locator(f'th.cjm-step[data-id="{first}"]')
    assert focused_step(page) == first
    assert "is-selected" in (header.get_attribute("class") or "")
    assert in_view(page, first)
    assert kernel_selection(page, lab, name) == [121]

    # Keys: Tab from the toggle into the list, an arrow to the next item, Enter picks it.
    toggle.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")
    second = items.nth(1).get_attribute("data-id")
    assert page.evaluate("document.activeElement.dataset.id") == second
    page.keyboard.press("Enter")
    assert focused_step(page) == second
    # End and Space pick the last one.
    toggle.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("End")
    page.keyboard.press(" ")
    last = items.nth(2).get_attribute("data-id")
    assert focused_step(page) == last
    assert kernel_selection(page, lab, name) == [113]

    # Escape closes the panel and gives the focus back to the grid, on the step it was on.
    toggle.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    assert not panel.is_visible()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert focused_step(page) == last

    # Another persona: its own priorities; its text stays text.
    toggle.click()
    ui.get_by_label("Persona").select_option("Bo")
    bo = ui.get_by_role("region", name="Top priorities for Bo")
    assert bo.get_by_role("button").count() == 1
    assert "Pain: <b>not bold</b>" in bo.get_by_role("button").inner_text()
    assert bo.locator("b").count() == 0
    ui.get_by_label("Persona").select_option("Ana")

    # Edit a rank through its number input, and a quadrant through its list.
    col = ui.locator("th.cjm-step", has_text="Step 5").first.get_attribute("data-col")
    rank = ui.locator(f'tr[data-lane="priority"] td[data-col="{col}"]')
    quadrant = ui.locator(f'tr[data-lane="quadrant"] td[data-col="{col}"]')

    def type_rank(text: str) -> None:
        rank.dblclick()
        editor = rank.locator("input.cjm-editor")
        assert editor.get_attribute("inputmode") == "decimal"
        editor.fill(text)
        page.keyboard.press("Enter")

    type_rank("0")
    status = ui.locator(".cjm-status-box")
    status.wait_for(state="visible", timeout=20_000)
    assert "'0' is not a priority of lane 'priority'" in status.inner_text()
    after_edit(page, lambda: type_rank("4"))
    assert rank.locator(".cjm-priority").inner_text() == "#4"

    def pick_quadrant() -> None:
        quadrant.dblclick()
        quadrant.locator("select.cjm-editor").select_option("low priority")

    after_edit(page, pick_quadrant)
    badge = quadrant.locator(".cjm-priority")
    assert badge.inner_text() == "Low priority"
    assert badge.get_attribute("data-tone") == "q3"
    assert panel.get_by_role("button").count() == 4  # the panel follows the edit

    (lab.root / f"{name}.pkl").unlink()
    got = kernel_frame(page, lab, name)
    assert got.loc[104, "priority"] == 4
    assert got.loc[104, "quadrant"] == "low priority"
    assert str(got["priority"].dtype) == "Int64"
    assert got.drop(columns=["priority", "quadrant"]).index.tolist() == list(range(100, 127))
    # Badges and the panel are readable in both themes.
    for theme in ("JupyterLab Light", "JupyterLab Dark"):
        page.evaluate(
            f"window.jupyterapp.commands.execute('apputils:change-theme', {{theme: '{theme}'}})"
        )
        page.wait_for_function(f"document.body.dataset.jpThemeName === '{theme}'")
        page.wait_for_timeout(300)
        # Steps 22 (#1, concentrate here) and 3 (#2, low priority) in turn brought into view.
        for item, tones in ((0, ("top", "rank", "q1")), (1, ("q3",))):
            items.nth(item).click()
            for tone in tones:
                badge = f'.cjm-priority[data-tone="{tone}"]'
                assert contrast(page, badge) >= 4.5, (theme, tone)
        for selector in (".cjm-priority-step", ".cjm-priority-note", ".cjm-priorities-head"):
            assert contrast(page, selector) >= 4.5, (theme, selector)
    assert page.js_errors == []
