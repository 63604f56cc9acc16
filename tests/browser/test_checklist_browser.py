"""The checklist in a real JupyterLab: a person opens the Checks panel, picks findings with
the mouse and the keys (each takes them to its step, or its persona), fixes one, and the
panel follows; Python opens and closes it."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

from .lab import Lab, open_notebook, run_cell, wait_for_file
from .test_map_browser import after_edit, lane_cell

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"

SETUP = """import pandas as pd
from cjm_widgets import JourneyMap
rows = []
for persona in ("Léa", "Marc"):
    for i in range(14):
        rows.append({
            "persona": persona, "stage": ["Découvrir", "Acheter", "Utiliser"][i % 3],
            "step": f"Étape {i}", "emotion": (i % 5) - 2, "visits": 100 + i,
            "pain": "", "owner": "", "moment_of_truth": persona == "Léa" and i == 3,
        })
df = pd.DataFrame(rows, index=[f"r{k}" for k in range(len(rows))])
df.loc["r5", ["step", "pain"]] = ["Paie", "<b>Frais</b> cachés"]
m = JourneyMap(df, persona="persona")
m"""

STATE = "open('{name}.state', 'w').write(repr((list(m.selected), m.active_persona)))"


def kernel_state(page: Any, lab: Lab, name: str) -> tuple[list[Any], str]:
    """``m.selected`` and ``m.active_persona`` in the kernel, as the third cell writes them."""
    out = lab.root / f"{name}.state"
    out.unlink(missing_ok=True)
    run_cell(page, 2)
    wait_for_file(out)
    selected, persona = ast.literal_eval(out.read_text())
    return list(selected), persona


def test_a_person_walks_the_checklist_and_fixes_a_finding(page, lab):
    name = "checklist.ipynb"
    closing = ["m.show_checks(False)", "m.show_checks(lang='fr')"]
    lab.write_notebook(name, [SETUP, "m", STATE.format(name=name), *closing])
    open_notebook(page, lab, name)
    run_cell(page, 0)
    page.wait_for_selector(".cjm-map table", timeout=60_000)
    ui = page.locator(".cjm-map").first
    toggle = ui.get_by_role("button", name="Checks")
    assert "Alt+K" in (toggle.get_attribute("title") or "")
    assert toggle.get_attribute("aria-expanded") == "false"

    toggle.click()
    panel = ui.locator("section.cjm-checks")
    head = panel.locator(".cjm-panel-head")
    head.filter(has_text="warning").wait_for(timeout=20_000)
    assert toggle.get_attribute("aria-expanded") == "true"
    assert panel.get_attribute("aria-labelledby") == head.get_attribute("id")
    items = panel.locator("li")
    texts = [items.nth(k).inner_text() for k in range(items.count())]
    # Errors come first; each finding has a word for its severity, not only a colour.
    assert texts[0].splitlines()[0].endswith("Error")
    pain = panel.get_by_role("button").filter(has_text="Paie")
    assert "<b>Frais</b> cachés" in pain.inner_text()  # user text stays text
    assert panel.locator("b").count() == 0
    # A finding about the whole map is read, not a button.
    assert panel.locator("li > div.cjm-check-item").count() >= 1
    ui.screenshot(path=str(ARTIFACTS / "checks_panel.png"))

    # A click takes the map to the step: selected (in the kernel too) and focused.
    pain.click()
    step_id = pain.get_attribute("data-id")
    assert page.evaluate("document.activeElement.dataset.id") == step_id
    header = ui.locator(f'th.cjm-step[data-id="{step_id}"]')
    assert "is-selected" in (header.get_attribute("class") or "")
    assert kernel_state(page, lab, name) == (["r5"], "Léa")

    # Keys: End and Home walk the list; Enter picks the first finding, an error about Marc,
    # whose persona the map then shows, the keyboard back on the grid.
    panel.get_by_role("button").first.focus()
    page.keyboard.press("End")
    assert "Paie" in page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Home")
    assert "Marc" in page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    assert ui.get_by_label("Persona").input_value() == "Marc"
    assert page.evaluate("!!document.activeElement.closest('.cjm-scroll')")
    assert kernel_state(page, lab, name)[1] == "Marc"

    # Alt+K, from the grid, closes the panel (the keyboard stays on the grid) and opens it
    # with the keyboard in it.
    ui.locator("th.cjm-step").first.click()
    page.keyboard.press("Alt+k")
    assert not panel.is_visible()
    assert page.evaluate("!!document.activeElement.closest('.cjm-scroll')")
    page.keyboard.press("Alt+k")
    assert panel.is_visible()
    on_item = "document.activeElement.classList.contains('cjm-check-item')"
    page.wait_for_function(on_item, timeout=20_000)  # on the first finding once they come
    page.keyboard.press("ArrowDown")
    second = page.evaluate("document.activeElement.textContent")
    # The list is one Tab stop: Tab leaves it for the grid, Shift+Tab comes back to the same
    # finding, Escape closes the panel and the keyboard is on the grid again.
    in_grid = "!!document.activeElement.closest('.cjm-scroll')"
    page.keyboard.press("Tab")
    assert page.evaluate(in_grid)
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.textContent") == second
    page.keyboard.press("Escape")
    assert not panel.is_visible()
    assert page.evaluate(in_grid)

    # Fix the finding: give Paie's pain an owner; the open panel drops it.
    toggle.click()
    ui.get_by_label("Persona").select_option("Léa")
    before = panel.get_by_role("button").filter(has_text="Paie").count()
    assert before == 1

    def give_owner() -> None:
        lane_cell(page, "owner", "Paie").dblclick()
        page.keyboard.type("Service client")
        page.keyboard.press("Enter")

    after_edit(page, give_owner)
    panel.get_by_role("button").filter(has_text="Paie").wait_for(state="detached", timeout=20_000)

    # Python closes the panel, then opens it in French.
    run_cell(page, 3)
    panel.wait_for(state="hidden", timeout=20_000)
    run_cell(page, 4)
    head.filter(has_text="Contrôles de méthode").wait_for(timeout=20_000)
    assert panel.is_visible()
    assert page.js_errors == []
