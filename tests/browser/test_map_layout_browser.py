"""JourneyMap in a real JupyterLab: long maps scroll cleanly, user text is only text, and the
toolbar and its shortcuts leave the keyboard in the grid."""

from __future__ import annotations

from typing import Any

from .lab import Lab
from .test_map_browser import (
    after_edit,
    focused_cell,
    kernel_frame,
    lane_cell,
    show_map,
    step_header,
)

# 32 steps for Ana, 30 for Bruno, in French; a moment of truth among each persona's last 3 steps.
LONG_FRENCH = """import pandas as pd
from cjm_widgets import JourneyMap, Lane
stages = ["Découverte", "Considération", "Achat", "Livraison", "Fidélisation"]
rows = []
for persona, n in (("Ana", 32), ("Bruno", 30)):
    for i in range(n):
        rows.append({
            "persona": persona,
            "étape": f"Étape {i + 1} : {persona} compare les offres",
            "phase": stages[min(4, i * 5 // n)],
            "canal": ["site web", "appli", "magasin", "téléphone"][i % 4],
            "émotion": float(i % 7 - 3),
            "douleur": f"Attente trop longue n° {i + 1}" if i % 3 == 0 else None,
            "moment de vérité": "cross-journey" if i == n - 2 else None,
        })
df = pd.DataFrame(rows)
lanes = ["canal", "émotion", "douleur", Lane("moment de vérité", kind="moment")]
m = JourneyMap(df, stage="phase", step="étape", emotion="émotion", persona="persona", lanes=lanes)
m"""

# Every step header under the step row, across the scroller's visible width, shows its name.
BLANK_STEPS = """() => {
  const root = document.querySelector('.cjm-map');
  const scroller = root.querySelector('.cjm-scroll');
  const head = root.querySelector('.cjm-steps .cjm-lane-head').getBoundingClientRect();
  const view = scroller.getBoundingClientRect();
  const y = head.top + head.height / 2;
  const blanks = [];
  for (let x = head.right + 2; x < view.left + scroller.clientWidth - 2; x += 24) {
    const th = document.elementFromPoint(x, y)?.closest('th.cjm-step');
    const name = th?.querySelector('.cjm-step-name')?.textContent.trim();
    if (!name) blanks.push(Math.round(x - view.left));
  }
  return blanks;
}"""

# Elements, from the widget root up to the cell's output area, that can scroll sideways.
WIDE_BOXES = """() => {
  const out = [];
  let node = document.querySelector('.cjm-map');
  while (node && !node.classList.contains('jp-Cell')) {
    if (node.scrollWidth > node.clientWidth + 1)
      out.push(`${node.className}: ${node.scrollWidth} > ${node.clientWidth}`);
    node = node.parentElement;
  }
  return out;
}"""


def scroll_map(page: Any, dx: float) -> None:
    """Turn the mouse wheel sideways over the map, then let the redraw frame run."""
    page.locator(".cjm-scroll").hover()
    page.mouse.wheel(dx, 0)
    page.wait_for_timeout(400)


def assert_steps_drawn(page: Any, where: str) -> None:
    blanks = page.evaluate(BLANK_STEPS)
    if blanks:  # a redraw may still be a frame away: look again once
        page.wait_for_timeout(600)
        blanks = page.evaluate(BLANK_STEPS)
    assert blanks == [], f"{where}: step headers blank at x = {blanks}"
    assert page.evaluate(WIDE_BOXES) == [], where


def test_a_long_map_draws_every_step_in_view_at_both_ends_and_the_middle(page, lab: Lab):
    show_map(page, lab, "long_fr.ipynb", LONG_FRENCH)
    page.locator(".cjm-map").scroll_into_view_if_needed()
    for persona, count in (("Ana", 32), ("Bruno", 30)):
        page.locator(".cjm-map").get_by_label("Persona").select_option(persona)
        page.wait_for_selector(f'table[aria-label="Journey map: {persona}"]')
        assert_steps_drawn(page, f"{persona}, start")
        scroll_map(page, 1_500)
        assert_steps_drawn(page, f"{persona}, middle")
        scroll_map(page, -100_000)
        assert_steps_drawn(page, f"{persona}, back at the start")
        scroll_map(page, 2_000)
        scroll_map(page, 100_000)
        assert_steps_drawn(page, f"{persona}, right end")
        last = page.locator(f'th.cjm-step[data-col="{count - 1}"]')
        assert last.inner_text().endswith(f"Étape {count} : {persona} compare les offres")
        assert "★" in page.locator(f'th.cjm-step[data-col="{count - 2}"]').inner_text()
        scroll_map(page, -2_000)
        assert_steps_drawn(page, f"{persona}, middle from the end")
        scroll_map(page, -100_000)
    assert page.js_errors == []


PROTOTYPE_KEYS = """import pandas as pd
from cjm_widgets import JourneyMap, Lane
df = pd.DataFrame({
    "stage": ["constructor", "constructor", "__proto__"],
    "step": ["Publicité", "__proto__", "Comparer"],
    "channel": ["constructor", "__proto__", "web, toString"],
    "emotion": [0.0, 1.0, -1.0],
    "constructor": ["hasOwnProperty", None, "valueOf"],
    "mot": ["one-off", None, None],
})
lanes = ["channel", "emotion", "constructor", Lane("mot", kind="moment", label="Moment of truth")]
m = JourneyMap(df, lanes=lanes)
m"""


def test_labels_named_like_object_members_are_shown_as_text(page, lab: Lab):
    # Python refuses unknown moment kinds, so "constructor" as a kind is left to vitest.
    show_map(page, lab, "proto.ipynb", PROTOTYPE_KEYS)
    ui = page.locator(".cjm-map")
    assert page.locator("th.cjm-step").count() == 3
    assert lane_cell(page, "channel", "Publicité").inner_text().strip() == "constructor"
    assert lane_cell(page, "channel", "__proto__").inner_text().strip() == "__proto__"
    assert "toString" in lane_cell(page, "channel", "Comparer").inner_text()
    assert lane_cell(page, "constructor", "Comparer").inner_text().strip() == "valueOf"
    assert "★ One-off" in lane_cell(page, "mot", "Publicité").inner_text()
    assert page.locator("th.cjm-stage").filter(has_text="__proto__").count() == 1
    assert "function" not in ui.inner_text()
    assert page.js_errors == []


LONG_NAMES = """import pandas as pd
from cjm_widgets import JourneyMap
long = "Compare les offres " * 160
df = pd.DataFrame({
    "stage": ["Découvrir " * 40, "Acheter"],
    "step": [long, "Paie"],
    "emotion": [0.0, 1.0],
})
m = JourneyMap(df)
m"""


def test_a_very_long_name_leaves_the_lanes_in_view(page, lab: Lab):
    # A 3,000-character step name takes three lines, its title gives it whole, and the lane
    # rows stay on screen; a long stage name stays on its one line.
    show_map(page, lab, "long_names.ipynb", LONG_NAMES)
    head = page.locator("th.cjm-step").first
    name = head.locator(".cjm-step-name")
    full = ("Compare les offres " * 160).strip()
    assert (name.get_attribute("title") or "").strip() == full
    assert head.bounding_box()["height"] < 100
    emotion = page.locator('tr[data-lane="emotion"]')
    assert emotion.bounding_box()["y"] < page.viewport_size["height"]
    stage = page.locator("th.cjm-stage").first
    assert stage.bounding_box()["height"] < 40
    # A short name is not cut and has no title.
    short = page.locator("th.cjm-step").nth(1).locator(".cjm-step-name")
    assert short.get_attribute("title") is None
    assert page.js_errors == []


SMALL = """import pandas as pd
from cjm_widgets import JourneyMap
df = pd.DataFrame({
    "persona": ["Ana"] * 4 + ["Bo"] * 2,
    "stage": ["Voir", "Voir", "Acheter", "Acheter", "Voir", "Acheter"],
    "step": ["Publicité", "Site", "Panier", "Paiement", "Magasin", "Caisse"],
    "emotion": [0.0, 1.0, -1.0, 2.0, 0.0, 1.0],
    "pain": [None] * 6,
}, index=pd.Index(range(11, 17), name="row"))
m = JourneyMap(df, persona="persona")
m"""


def banner(page: Any) -> Any:
    return page.locator(".cjm-map").get_by_role("alert")


def fail_an_edit(page: Any) -> None:
    """Type a value off the emotion scale: Python refuses it and the map says why."""
    lane_cell(page, "emotion", "Paiement").click()
    page.keyboard.press("Enter")
    page.keyboard.type("9")
    page.keyboard.press("Enter")
    banner(page).filter(has_text="off the scale").wait_for(timeout=10_000)


def test_toolbar_and_shortcuts_leave_focus_on_the_step_and_old_errors_go(page, lab: Lab):
    show_map(page, lab, "keys.ipynb", SMALL)
    ui = page.locator(".cjm-map")

    # Clicking "Insert step" puts the focus on the new step's header, not on the button.
    step_header(page, "Site").click()
    after_edit(page, lambda: ui.get_by_role("button", name="Insert step").click())
    assert page.evaluate("document.activeElement.textContent") == "New step"
    assert focused_cell(page) == ["0", "2"]
    got = kernel_frame(page, lab, "keys.ipynb")
    assert list(got["step"][got["persona"] == "Ana"]) == [
        "Publicité",
        "Site",
        "New step",
        "Panier",
        "Paiement",
    ]

    # Alt+N inserts after the current step, Alt+Delete and Alt+Backspace delete it.
    step_header(page, "Paiement").click()
    after_edit(page, lambda: page.keyboard.press("Alt+n"))
    assert focused_cell(page) == ["0", "5"]
    after_edit(page, lambda: page.keyboard.press("Alt+Insert"))
    step_header(page, "Publicité").click()
    after_edit(page, lambda: page.keyboard.press("Alt+Delete"))
    after_edit(page, lambda: page.keyboard.press("Alt+Backspace"))
    assert focused_cell(page) == ["0", "0"]
    got = kernel_frame(page, lab, "keys.ipynb")
    assert list(got["step"][got["persona"] == "Ana"]) == [
        "New step",
        "Panier",
        "Paiement",
        "New step 2",
        "New step 3",
    ]
    assert ui.get_by_role("button", name="Delete step").get_attribute("aria-keyshortcuts")

    # The emotion lane gives each of the 7 levels at least 14 px to aim a drag at.
    assert lane_cell(page, "emotion", "Panier").bounding_box()["height"] >= 14 * 6 + 16

    # An old error goes with the next action: Escape, a persona switch, the dismiss button.
    fail_an_edit(page)
    page.keyboard.press("Escape")
    assert banner(page).count() == 0 or not banner(page).is_visible()
    fail_an_edit(page)
    ui.get_by_label("Persona").select_option("Bo")
    page.wait_for_selector('table[aria-label="Journey map: Bo"]')
    assert not banner(page).is_visible()
    ui.get_by_label("Persona").select_option("Ana")
    fail_an_edit(page)
    ui.get_by_role("button", name="Dismiss message").click()
    assert not banner(page).is_visible()
    fail_an_edit(page)
    after_edit(
        page,
        lambda: (
            lane_cell(page, "pain", "Panier").dblclick(),
            page.keyboard.type("Lent"),
            page.keyboard.press("Enter"),
        ),
    )
    assert not banner(page).is_visible()
    got = kernel_frame(page, lab, "keys.ipynb")
    assert got.loc[got["step"] == "Panier", "pain"].tolist() == ["Lent"]
    assert page.js_errors == []
