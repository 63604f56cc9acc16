"""The widgets in French in a real JupyterLab: a person reads French buttons, types a French
number into a cell and the kernel holds it, a refused edit is said in French, a French curve
speaks French; a map with no lang follows JupyterLab's language setting."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .lab import Lab, open_notebook, run_cell
from .test_map_browser import after_edit, kernel_frame, show_map

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"

FRENCH = """import pandas as pd
from cjm_widgets import JourneyMap
from tests.journeys import french_journey
df = french_journey(12)
df["panier"] = 42.0
m = JourneyMap(df, persona="persona", lang={lang!r}, title="Achat en ligne")
m"""


def french_setup(lab: Lab, lang: str | None) -> str:
    # The notebook runs in the lab's root dir: tests.journeys is found from the repository.
    root = Path(__file__).resolve().parents[2]
    return f"import sys\nsys.path.insert(0, {str(root)!r})\n" + FRENCH.format(lang=lang)


def save_screenshot(page: Any, widget: Any, name: str) -> None:
    """The widget as a person sees it, in tests/artifacts (docs/ holds a copy, made by hand:
    a test run leaves the clone as it was)."""
    page.mouse.move(0, 0)
    ARTIFACTS.mkdir(exist_ok=True)
    widget.screenshot(path=str(ARTIFACTS / name))


def cell_of(ui: Any, lane: str, index: int) -> Any:
    col = ui.locator("th.cjm-step").nth(index).get_attribute("data-col")
    return ui.locator(f'tr[data-lane="{lane}"] td[data-col="{col}"]')


def type_into(page: Any, cell: Any, text: str) -> None:
    cell.dblclick()
    editor = cell.locator("input.cjm-editor")
    assert editor.get_attribute("inputmode") == "decimal"
    editor.fill(text)
    page.keyboard.press("Enter")


def test_a_french_map_speaks_french_and_reads_french_numbers(page, lab):
    name = "i18n_map.ipynb"
    show_map(page, lab, name, french_setup(lab, "fr"))
    ui = page.locator(".cjm-map")

    # French buttons; each title ends with its shortcut, composed from the keys.
    insert = ui.get_by_role("button", name="Insérer une étape")
    assert insert.is_visible()
    assert insert.get_attribute("title") == (
        "Insérer une étape après l'étape courante (Alt+N ou Alt+Inser)"
    )
    assert ui.get_by_role("button", name="Présenter").is_visible()
    assert ui.get_by_role("toolbar").get_attribute("aria-label") == (
        "Outils de la carte du parcours"
    )
    assert ui.locator("tr.cjm-stages th.cjm-corner").inner_text() == "Phase"
    assert ui.locator('tr[data-lane="pain"] th').inner_text() == "Irritant"
    # Numbers as French people write them: 1 000 with a narrow no-break space.
    first = cell_of(ui, "visites", 0)
    assert first.locator(".cjm-value").inner_text() == "1\u202f000"
    save_screenshot(page, ui, "journey_map_fr.png")

    # A French number typed into a number cell reaches the kernel as a float.
    after_edit(page, lambda: type_into(page, cell_of(ui, "panier", 1), "850,5"))
    after_edit(page, lambda: type_into(page, cell_of(ui, "panier", 2), "1 276,5"))
    assert cell_of(ui, "panier", 2).locator(".cjm-value").inner_text() == "1\u202f276,5"
    got = kernel_frame(page, lab, name)
    camille = got[got["persona"] == "Camille"]
    assert camille["panier"].tolist()[:3] == [42.0, 850.5, 1276.5]
    assert got["panier"].dtype == "float64"

    # Refused by Python (a whole-number column): said in French, nothing changed.
    status = ui.locator(".cjm-status-box")
    type_into(page, cell_of(ui, "visites", 1), "1,5")
    status.wait_for(state="visible", timeout=20_000)
    said = status.inner_text()
    assert "ne convient pas à la colonne «\u202fvisites\u202f»" in said
    assert "un nombre entier est attendu" in said
    assert "1,5" in said
    assert status.get_by_role("button", name="Fermer le message").is_visible()
    # Refused in the view: not a number at all.
    type_into(page, cell_of(ui, "panier", 3), "beaucoup")
    page.wait_for_function(
        "document.querySelector('.cjm-map .cjm-status-box').innerText.includes('beaucoup')"
    )
    assert "n'est pas un nombre" in status.inner_text()
    again = kernel_frame(page, lab, name)
    assert again["visites"].tolist() == got["visites"].tolist()
    assert again["panier"].tolist() == got["panier"].tolist()
    assert page.js_errors == []


CURVE = """import sys
sys.path.insert(0, {root!r})
from cjm_widgets import EmotionCurve
from tests.journeys import french_journey
c = EmotionCurve(french_journey(12), persona="persona", lang="fr", title="Achat en ligne")
c"""


def test_a_french_curve_speaks_french(page, lab):
    name = "i18n_curve.ipynb"
    root = str(Path(__file__).resolve().parents[2])
    lab.write_notebook(name, [CURVE.format(root=root)])
    open_notebook(page, lab, name)
    run_cell(page, 0)
    ui = page.locator(".cjm-emotion-curve")
    ui.locator("circle.cjm-point").first.wait_for(timeout=60_000)
    assert ui.get_by_role("toolbar").get_attribute("aria-label") == (
        "Outils de la courbe des émotions"
    )
    assert ui.get_by_role("button", name="Annuler").get_attribute("title") == "Annuler (Ctrl+Z)"
    assert ui.locator("svg.cjm-plot").get_attribute("aria-label") == (
        "Courbe des émotions, ligne supposée"
    )
    legend = ui.locator(".cjm-legend").inner_text()
    assert "pas encore de valeur (sur l'axe)" in legend
    extremes = ui.locator("text.cjm-extreme").all_text_contents()
    assert any(text.startswith("plus haut\u00a0:") for text in extremes)
    assert any(text.startswith("plus bas\u00a0:") for text in extremes)
    save_screenshot(page, ui, "emotion_curve_fr.png")
    # A point's tooltip, hovered: the persona's value, said the French way.
    ui.locator("circle.cjm-point").nth(1).hover()
    tip = ui.locator(".cjm-tip")
    tip.wait_for(state="visible")
    assert "Camille\u00a0: " in tip.inner_text()
    assert page.js_errors == []


def test_a_map_with_no_lang_follows_jupyterlab_language(page, lab):
    # JupyterLab's Settings > Language: the translation plugin's "locale" (a language pack
    # need not be installed; JupyterLab puts the locale on <html lang> all the same).
    folder = lab.root.parent / "settings" / "@jupyterlab" / "translation-extension"
    folder.mkdir(parents=True, exist_ok=True)
    setting = folder / "plugin.jupyterlab-settings"
    setting.write_text(json.dumps({"locale": "fr_FR"}))
    try:
        name = "i18n_auto.ipynb"
        show_map(page, lab, name, french_setup(lab, None))
        assert page.evaluate("document.documentElement.lang") == "fr-FR"
        ui = page.locator(".cjm-map")
        assert ui.get_by_role("button", name="Ajouter une phase").is_visible()

        # A widget's own lang wins over JupyterLab's; set from Python, the view redraws in it.
        name = "i18n_auto_en.ipynb"
        lab.write_notebook(name, [french_setup(lab, "en"), "m.lang = None"])
        open_notebook(page, lab, name)
        run_cell(page, 0)
        ui = page.locator(".cjm-map")
        ui.get_by_role("button", name="Add stage").wait_for(timeout=60_000)
        run_cell(page, 1)
        ui.get_by_role("button", name="Ajouter une phase").wait_for(timeout=20_000)
        assert ui.get_by_role("button", name="Add stage").count() == 0
    finally:
        setting.unlink()
    assert page.js_errors == []
