"""Presentation mode in a real JupyterLab: a person presents a French map stage by stage with
the keys, nothing can be edited meanwhile, Escape gives the ordinary map back; m.present()
turns it on and off from the kernel."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .lab import Lab, open_notebook, run_cell, wait_for_idle_kernel
from .test_map_browser import after_edit, kernel_frame, revision

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"

# Camille walks 35 steps in 5 stages, Hugo 10. In Camille's "Achat" (4 steps: the stages beside
# it show, dimmed) the spotlight falls on two lowest emotions (-2) and on Paiement, a moment of
# truth at -1 (the scale's lowest third).
SETUP = """import pandas as pd
from cjm_widgets import JourneyMap
stages = {
    "Découverte": ["Voir une publicité", "Entendre un ami", "Chercher en ligne", "Lire un avis",
                   "Visiter le site", "Voir une vidéo", "S'abonner", "Recevoir un e-mail",
                   "Cliquer sur l'offre"],
    "Considération": ["Comparer les offres", "Lire la FAQ", "Simuler un prix", "Appeler le service",
                      "Essayer en boutique", "Demander un devis", "Lire les CGV", "Réfléchir"],
    "Achat": ["Panier", "Créer un compte", "Code promo", "Paiement"],
    "Livraison": ["Suivi du colis", "Colis en retard", "Réception", "Déballage", "Installation",
                  "Premier usage", "Facture"],
    "Fidélisation": ["Avis demandé", "Programme fidélité", "Réclamation", "Réponse du SAV",
                     "Offre de renouvellement", "Parrainage", "Rachat"],
}
feel = {
    "Découverte": [1, 2, 1, 0, 2, 1, 2, 1, 0],
    "Considération": [1, 0, 1, -1, 0, 1, 2, 0],
    "Achat": [1, -2, -2, -1],
    "Livraison": [0, -3, 1, 2, 1, 2, 0],
    "Fidélisation": [1, 0, -1, 1, 2, 1, 2],
}
moments = {("Achat", "Paiement"): "one-off", ("Livraison", "Colis en retard"): "cross-journey",
           ("Fidélisation", "Réclamation"): "one-off"}
rows = []
for stage, steps in stages.items():
    for k, step in enumerate(steps):
        rows.append(("Camille", stage, step, feel[stage][k], moments.get((stage, step))))
for stage, steps in stages.items():
    for k, step in enumerate(steps[:2]):
        rows.append(("Hugo", stage, step, [-1, 1][k], None))
df = pd.DataFrame(rows, columns=["persona", "phase", "étape", "émotion", "moment de vérité"])
df["canal"] = ["web", "app", "boutique", "téléphone", "e-mail"] * 9
df["douleur"] = [f"Attente {i}" if i % 4 == 1 else None for i in range(len(df))]
df.index = pd.RangeIndex(500, 500 + len(df), name="ligne")
m = JourneyMap(df, stage="phase", step="étape", persona="persona")
first = pd.DataFrame({"persona": ["Camille"], "étape": ["Colis en retard"], "rang": [1]})
m.add_priorities(first, column="rang", step="étape")
m"""

EDIT_BUTTONS = ("insert", "delete", "left", "right", "stage", "undo", "redo")


def run_cell_command(page: Any, index: int) -> None:
    """Run a cell through JupyterLab's command: the map covers the notebook while presenting."""
    page.evaluate(
        """(i) => { const panel = window.jupyterapp.shell.currentWidget;
        panel.content.activeCellIndex = i;
        return window.jupyterapp.commands.execute('notebook:run-cell'); }""",
        index,
    )


def stage_state(page: Any) -> dict[str, Any]:
    return page.evaluate(
        """() => { const root = document.querySelector('.cjm-map');
        return { index: root.dataset.stageIndex ?? null,
                 live: root.querySelector('.cjm-present-stage[aria-live]').textContent,
                 spotlit: [...root.querySelectorAll('th.cjm-step.is-spotlit')]
                   .map((th) => [th.querySelector('.cjm-step-name').textContent,
                                 th.querySelector('.cjm-spot-cue').textContent]) }; }"""
    )


def covers_window(page: Any, selector: str = ".cjm-map") -> bool:
    """Full screen, or the overlay that stands in for it: the map fills the whole window, its
    tools clear of the screen's edge."""
    return page.evaluate(
        """(selector) => { const root = document.querySelector(selector);
        const r = root.getBoundingClientRect();
        const on = document.fullscreenElement === root || root.classList.contains('is-overlay');
        const top = document.elementFromPoint(innerWidth - 5, innerHeight - 5);
        const tools = root.querySelector('.cjm-toolbar').getBoundingClientRect();
        return on && r.left <= 0.5 && r.top <= 0.5 && r.right >= innerWidth - 0.5
          && r.bottom >= innerHeight - 0.5 && root.contains(top)
          && tools.left >= 12 && tools.top >= 8; }""",
        selector,
    )


def opacities(page: Any) -> tuple[list[float], list[float]]:
    """Computed opacity of the drawn lane cells: other stages', the current stage's."""
    return tuple(
        page.evaluate(
            f"""() => [...document.querySelectorAll('.cjm-map td.{cls}')]
            .map((td) => Number(getComputedStyle(td).opacity))"""
        )
        for cls in ("is-dimmed", "is-stage-current")
    )  # type: ignore[return-value]


def stage_in_view(page: Any, index: int) -> bool:
    """The stage's step headers are drawn and lie inside the visible part of the map."""
    return page.evaluate(
        """(index) => { const root = document.querySelector('.cjm-map');
        const heads = [...root.querySelectorAll('th.cjm-step.is-stage-current')];
        const view = root.querySelector('.cjm-scroll').getBoundingClientRect();
        const lane = root.querySelector('tr.cjm-steps th.cjm-lane-head').getBoundingClientRect();
        return root.dataset.stageIndex === String(index) && heads.length > 0 && heads.every((h) => {
          const r = h.getBoundingClientRect();
          return r.left >= lane.right - 1 && r.right <= view.right + 1; }); }""",
        index,
    )


def test_a_person_presents_the_map_stage_by_stage(page, lab: Lab):
    name = "present.ipynb"
    check = f"m.data.to_pickle('{name}.pkl')"
    lab.write_notebook(name, [SETUP, check, "m.present()", "m.present(False)", "m"])
    open_notebook(page, lab, name)
    run_cell(page, 0)
    page.wait_for_selector(".cjm-map table", timeout=60_000)
    ui = page.locator(".cjm-map")
    present = ui.get_by_role("button", name="Present")
    assert present.get_attribute("aria-pressed") == "false"
    assert present.get_attribute("aria-keyshortcuts") == "Alt+P"
    for action in EDIT_BUTTONS:
        assert ui.locator(f'button[data-action="{action}"]').is_visible()
    walk = ui.locator(".cjm-present-walk, .cjm-present-stage")
    assert [walk.nth(k).is_visible() for k in range(3)] == [False] * 3
    normal_size = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.cjm-step-name')).fontSize)"
    )

    # Tab reaches the button; Enter presents: full screen (or the window), editing gone.
    ui.get_by_label("Persona").focus()
    for _ in range(12):
        if page.evaluate("document.activeElement.dataset.action") == "present":
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert present.get_attribute("aria-pressed") == "true"
    page.wait_for_function("document.querySelector('.cjm-map').dataset.stageIndex === '0'")
    assert covers_window(page)
    for action in EDIT_BUTTONS:
        assert not ui.locator(f'button[data-action="{action}"]').is_visible()
    big = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.cjm-step-name')).fontSize)"
    )
    lane_text = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.cjm-map td.cjm-cell')).fontSize)"
    )
    assert big >= 1.45 * normal_size
    assert lane_text >= 1.45 * normal_size
    assert stage_state(page)["live"] == "Stage 1 of 5 \u00b7 Découverte"

    # Nothing edits: typing, Enter, a double-click, an emotion drag, Alt+N.
    before = revision(page)
    cell = ui.locator('tr[data-lane="douleur"] td[data-col="1"]')
    cell.click()
    page.keyboard.type("x")
    page.keyboard.press("Enter")
    page.keyboard.press("Alt+N")
    page.keyboard.press("Control+Z")
    cell.dblclick()
    dot = ui.locator('tr[data-lane="émotion"] td[data-col="2"] circle').bounding_box()
    page.mouse.move(dot["x"] + dot["width"] / 2, dot["y"] + dot["height"] / 2)
    page.mouse.down()
    page.mouse.move(dot["x"] + dot["width"] / 2, dot["y"] + 60, steps=4)
    page.mouse.up()
    page.wait_for_timeout(800)
    assert ui.locator(".cjm-editor").count() == 0
    assert revision(page) == before
    assert present.get_attribute("aria-pressed") == "true"

    # → twice: the third stage, "Achat", in view and wide; the others dimmed; its spotlight.
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    state = stage_state(page)
    assert state["index"] == "2"
    assert state["live"] == "Stage 3 of 5 \u00b7 Achat"
    assert state["spotlit"] == [
        ["Créer un compte", "Spotlight: lowest emotion"],
        ["Code promo", "Spotlight: lowest emotion"],
        ["Paiement", "Spotlight: \u2605 moment of truth, low emotion"],
    ]
    assert stage_in_view(page, 2)
    dimmed, current = opacities(page)
    assert dimmed
    assert current
    assert max(dimmed) < 1
    assert min(dimmed) >= 0.4
    assert min(current) == 1
    widths = page.evaluate(
        """() => ['is-stage-current', 'is-dimmed'].map((c) =>
        document.querySelector(`.cjm-map th.cjm-step.${c}`).getBoundingClientRect().width)"""
    )
    assert widths[0] > 1.1 * widths[1]  # as wide as the view lets the stage be
    assert ui.locator("th.cjm-stage.is-stage-current").get_attribute("aria-current") == "true"
    ARTIFACTS.mkdir(exist_ok=True)
    for theme, mode in (("JupyterLab Dark", "dark"), ("JupyterLab Light", "light")):
        page.evaluate(
            f"window.jupyterapp.commands.execute('apputils:change-theme', {{theme: '{theme}'}})"
        )
        page.wait_for_function(f"document.body.dataset.jpThemeName === '{theme}'")
        page.wait_for_timeout(400)
        # The window, down to the end of the map (the rest of a full screen is empty).
        bottom = page.evaluate(
            "document.querySelector('.cjm-map table').getBoundingClientRect().bottom"
        )
        box = {"x": 0, "y": 0, "width": 1500, "height": min(950, bottom + 24)}
        page.screenshot(path=str(ARTIFACTS / f"presentation_{mode}.png"), clip=box)

    # ← back to "Considération"; End and Home; a press on another stage walks there.
    page.keyboard.press("ArrowLeft")
    assert stage_state(page)["live"] == "Stage 2 of 5 \u00b7 Considération"
    page.keyboard.press("End")
    assert stage_state(page)["index"] == "4"
    assert stage_in_view(page, 4)
    page.keyboard.press("PageDown")  # the last stage stays the last
    state = stage_state(page)
    assert state["index"] == "4"
    assert state["spotlit"] == [
        ["Réclamation", "Spotlight: \u2605 moment of truth, lowest emotion"]
    ]
    page.keyboard.press("Home")
    assert stage_state(page)["index"] == "0"
    page.keyboard.press("PageDown")
    assert stage_state(page)["live"] == "Stage 2 of 5 \u00b7 Considération"
    # A press on the blank screen below the map keeps the keys in it.
    page.mouse.click(750, 930)
    assert page.evaluate("document.activeElement.classList.contains('cjm-map')")
    page.keyboard.press("ArrowRight")
    assert stage_state(page)["index"] == "2"
    # A press on a cell of a dimmed stage goes to that stage.
    ui.locator('tr[data-lane="canal"] td.is-dimmed[data-col="21"]').click()  # Suivi du colis
    assert stage_state(page)["index"] == "3"
    # A pick in the priorities panel goes to its step's stage.
    page.keyboard.press("Home")
    toggle = ui.get_by_role("button", name="Priorities")
    toggle.click()
    ui.get_by_role("button", name="#1 Colis en retard Livraison").click()
    assert stage_state(page)["index"] == "3"
    assert stage_in_view(page, 3)
    toggle.click()
    page.keyboard.press("Home")
    assert stage_state(page)["index"] == "0"

    # Escape leaves: the ordinary map, focus on the button or in the grid, editing back.
    page.keyboard.press("Escape")
    assert present.get_attribute("aria-pressed") == "false"
    assert page.evaluate("document.fullscreenElement") is None
    assert "cjm-presenting" not in (ui.get_attribute("class") or "")
    assert ui.locator(".is-dimmed, .is-spotlit, .cjm-spot-cue").count() == 0
    assert page.evaluate(
        """() => { const a = document.activeElement;
        return a.dataset.action === 'present' || !!a.closest('.cjm-scroll'); }"""
    )
    for action in EDIT_BUTTONS:
        assert ui.locator(f'button[data-action="{action}"]').is_visible()
    assert [walk.nth(k).is_visible() for k in range(3)] == [False] * 3

    pain = ui.locator('tr[data-lane="douleur"] td[data-col="2"]')
    pain.click()
    after_edit(page, lambda: (page.keyboard.type("Trop de pubs"), page.keyboard.press("Enter")))
    assert kernel_frame(page, lab, name).loc[502, "douleur"] == "Trop de pubs"

    # Leaving full screen the browser's way (its own Escape, F11) leaves presenting too.
    present.click()
    page.wait_for_function("document.fullscreenElement === document.querySelector('.cjm-map')")
    page.evaluate("() => document.exitFullscreen()")
    page.wait_for_function("document.querySelector('.cjm-map.cjm-presenting') === null")
    assert present.get_attribute("aria-pressed") == "false"

    # From the kernel: m.present() and m.present(False), with the keys working in between.
    # The browser refuses full screen here (as an iframe may): the map fills the window instead.
    page.evaluate(
        "() => { Element.prototype.requestFullscreen = () => Promise.reject(new TypeError()); }"
    )
    run_cell_command(page, 2)
    page.wait_for_function("document.querySelector('.cjm-map.cjm-presenting') !== null")
    assert present.get_attribute("aria-pressed") == "true"
    page.wait_for_function("document.querySelector('.cjm-map.is-overlay') !== null")
    assert page.evaluate("document.fullscreenElement") is None
    assert covers_window(page)
    page.keyboard.press("ArrowRight")
    assert stage_state(page)["index"] == "1"  # from the current step's stage, the keys in the map
    wait_for_idle_kernel(page)
    run_cell_command(page, 3)
    page.wait_for_function("document.querySelector('.cjm-map.cjm-presenting') === null")
    assert present.get_attribute("aria-pressed") == "false"

    # Alt+P from the grid presents; the other persona is presented with its own steps.
    ui.locator("th.cjm-step").first.click()
    page.keyboard.press("Alt+P")
    assert present.get_attribute("aria-pressed") == "true"
    ui.get_by_label("Persona").select_option("Hugo")
    page.wait_for_function("document.querySelectorAll('.cjm-map th.cjm-step').length === 10")
    state = stage_state(page)
    assert state["live"] == "Stage 1 of 5 \u00b7 Découverte"
    assert state["spotlit"] == [["Voir une publicité", "Spotlight: lowest emotion"]]
    present.focus()
    page.keyboard.press("End")
    state = stage_state(page)
    assert state["live"] == "Stage 5 of 5 \u00b7 Fidélisation"
    assert state["spotlit"] == [["Avis demandé", "Spotlight: lowest emotion"]]
    assert stage_in_view(page, 4)
    page.keyboard.press("Alt+P")
    assert present.get_attribute("aria-pressed") == "false"
    assert page.evaluate("document.activeElement.dataset.action") == "present"

    # Two views of the map: m.present() fills the window with one of them, Escape leaves.
    run_cell_command(page, 4)
    page.wait_for_function("document.querySelectorAll('.cjm-map table').length === 2")
    wait_for_idle_kernel(page)
    run_cell_command(page, 2)
    page.wait_for_function("document.querySelector('.cjm-map.is-overlay') !== null")
    page.wait_for_timeout(300)
    assert page.locator(".cjm-map.cjm-presenting").count() == 1
    assert covers_window(page, ".cjm-map.cjm-presenting")
    page.keyboard.press("Escape")
    assert page.locator(".cjm-map.cjm-presenting").count() == 0
    assert page.js_errors == []
