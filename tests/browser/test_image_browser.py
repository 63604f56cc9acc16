"""Images in a real JupyterLab: a person saves the whole map and the curve from their Image
menus with the keyboard, and the kernel's save_image writes them through the views."""

from __future__ import annotations

import ast
import io
import struct
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from .lab import Lab, open_notebook, run_cell, wait_for_file

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
SVG_NS = "{http://www.w3.org/2000/svg}"

SETUP = """import pandas as pd
from cjm_widgets import EmotionCurve, JourneyMap, NoViewError
n = 34
etapes = [f"Étape {i + 1} : {'paiement' if i == 20 else 'découverte'}" for i in range(n)]
etapes[5] = "<script>alert('x')</script> & « guillemets »"
df = pd.DataFrame(
    {
        "persona": ["Camille"] * n + ["Léo"] * 3,
        "phase": [f"Phase {i // 7 + 1}" for i in range(n)] + ["Phase 1"] * 3,
        "étape": etapes + ["Rien que Léo", "Étape 1 : découverte", "Étape 2 : découverte"],
        "canal": ["site web, appli" if i % 3 else "magasin" for i in range(n + 3)],
        "douleur": [f"Attente trop longue n°{i}" if i % 4 == 0 else None for i in range(n + 3)],
        "emotion": [float((i % 7) - 3) if i % 9 else None for i in range(n + 3)],
        "taux": [round(i / (n + 3), 3) for i in range(n + 3)],
        "moment_of_truth": ["one-off" if i == 20 else None for i in range(n + 3)],
    }
)
m = JourneyMap(df, stage="phase", step="étape", persona="persona", title="Achat en ligne",
               description="Du premier clic\\nà la livraison",
               lanes=["canal", "douleur", "emotion", "taux", "moment_of_truth"])
c = EmotionCurve(df, stage="phase", step="étape", persona="persona", title="Courbe d'émotion")
try:
    m.save_image("early.png")
except NoViewError as exc:
    open("noview.txt", "w").write(f"{type(exc).__name__}: {exc}")"""

CAMILLE_STEPS = [f"Étape {i + 1} : {'paiement' if i == 20 else 'découverte'}" for i in range(34)]
CAMILLE_STEPS[5] = "<script>alert('x')</script> & « guillemets »"

SAVE = """import time
asked = time.time()
r = m.save_image("map.png")
s = c.save_image("curve.svg")
r, s"""

CHECK = """import os
late = os.stat("map.png").st_mtime - asked
open("saved.txt", "w").write(repr((r.done, s.done, repr(r), repr(s), late)))"""


def texts(svg: bytes) -> list[str]:
    """The text of every <text> element of an SVG (its tspans joined by spaces)."""
    root = ET.fromstring(svg)
    return [
        " ".join(t for t in (e.text, *(s.text for s in e)) if t) for e in root.iter(f"{SVG_NS}text")
    ]


def squash(text: str) -> str:
    return "".join(text.split())


def png_size(data: bytes) -> tuple[int, int]:
    """A PNG's width and height, decoded by PIL when it is installed."""
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    try:
        from PIL import Image
    except ImportError:
        assert data[12:16] == b"IHDR"
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        return image.size


def save_from_menu(page: Any, button: Any, format_: str, key: str = "Enter") -> bytes:
    """Open the Image menu with the keyboard from its button, pick a format, get the file."""
    button.focus()
    page.keyboard.press(key)
    menu = page.locator(f"#{button.get_attribute('aria-controls')}")
    assert menu.get_attribute("role") == "menu"
    assert menu.is_visible()
    assert button.get_attribute("aria-expanded") == "true"
    assert page.evaluate("document.activeElement.getAttribute('role')") == "menuitem"
    if format_ == "png":
        page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.textContent") == f"Save as {format_.upper()}"
    with page.expect_download(timeout=60_000) as info:
        page.keyboard.press("Enter")
    download = info.value
    assert download.suggested_filename.endswith(f".{format_}")
    path = download.path()
    assert not menu.is_visible()
    return Path(path).read_bytes()


def escape_closes(page: Any, button: Any) -> None:
    """Escape, in an open Image menu: the menu closes and its own button has the focus (the
    ARIA menu button's way), so the next key goes on from where the person was."""
    menu = page.locator(f"#{button.get_attribute('aria-controls')}")
    assert menu.is_visible()
    assert button.get_attribute("aria-expanded") == "true"
    assert page.evaluate("document.activeElement.getAttribute('role')") == "menuitem"
    page.keyboard.press("Escape")
    assert not menu.is_visible()
    assert button.get_attribute("aria-expanded") == "false"
    assert button.evaluate("(b) => document.activeElement === b")


def set_theme(page: Any, theme: str) -> None:
    """Switch JupyterLab's theme and wait until the map has taken its colours (the theme is
    a setting of the session's JupyterLab: another test may have left it on either)."""
    if page.evaluate("document.body.dataset.jpThemeName") == theme:
        return
    colour = "getComputedStyle(document.querySelector('.cjm-map')).backgroundColor"
    before = page.evaluate(colour)
    page.evaluate(
        f"window.jupyterapp.commands.execute('apputils:change-theme', {{theme: '{theme}'}})"
    )
    page.wait_for_function(f"document.body.dataset.jpThemeName === '{theme}'")
    page.wait_for_function(f"{colour} !== {before!r}", timeout=30_000)
    page.wait_for_timeout(300)


def test_a_person_saves_the_whole_map_and_curve_and_the_kernel_saves_them_too(
    page, lab: Lab, report
):
    name = "images.ipynb"
    lab.write_notebook(name, [SETUP, "m", "c", SAVE, CHECK])
    open_notebook(page, lab, name)

    # Before anything is shown, save_image says at once that it needs a view.
    run_cell(page, 0)
    try:
        wait_for_file(lab.root / "noview.txt")
    except TimeoutError as exc:
        shown = page.locator(".jp-Notebook .jp-Cell").first.inner_text()
        raise AssertionError(f"the first cell did not finish; it shows:\n{shown}") from exc
    said = (lab.root / "noview.txt").read_text()
    assert said.startswith("NoViewError: save_image needs the map displayed: show it")
    assert not (lab.root / "early.png").exists()

    run_cell(page, 1)
    page.wait_for_selector(".cjm-map table", timeout=60_000)
    set_theme(page, "JupyterLab Light")
    ui = page.locator(".cjm-map")
    button = ui.get_by_role("button", name="Image")
    assert button.get_attribute("aria-haspopup") == "menu"
    assert button.get_attribute("aria-expanded") == "false"
    # In the toolbar, before the priorities toggle (whose panel follows it for Tab).
    order = page.evaluate(
        "() => [...document.querySelector('.cjm-map .cjm-toolbar').children]"
        ".map((e) => e.dataset.action || e.className)"
    )
    assert order.index("cjm-image-menu") < order.index("priorities")
    # The map draws a window: the last steps are not in the page.
    assert ui.locator("th.cjm-step", has_text="Étape 34").count() == 0

    # Escape closes the menu and gives the focus back to its button; Space opens it.
    button.focus()
    page.keyboard.press(" ")
    assert button.get_attribute("aria-expanded") == "true"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # wraps round to the first item
    assert page.evaluate("document.activeElement.textContent") == "Save as SVG"
    escape_closes(page, button)
    # Opened with the mouse, the same.
    button.click()
    escape_closes(page, button)

    svg = save_from_menu(page, button, "svg")
    shown = texts(svg)
    joined = squash(" ".join(shown))
    for step in CAMILLE_STEPS:
        assert squash(step) in joined, step
    assert "Rien que Léo" not in " ".join(shown)
    for lane in ("canal", "douleur", "emotion", "taux", "Moment of truth"):
        assert any(t.lower() == lane.lower() for t in shown), lane
    assert "Achat en ligne" in shown
    assert "Persona: Camille" in shown
    assert "Du premier clic à la livraison" in shown  # two lines, as typed
    root = ET.fromstring(svg)
    assert not list(root.iter(f"{SVG_NS}script"))
    assert not any(el.tag.endswith("foreignObject") for el in root.iter())
    width = float(root.get("width"))
    assert width >= 112 + 34 * 168
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"

    png = save_from_menu(page, button, "png", key="ArrowDown")
    w, h = png_size(png)
    assert w == 2 * int(root.get("width"))
    assert h == 2 * int(root.get("height"))
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "map_image_light.png").write_bytes(png)
    (ARTIFACTS / "map_image.svg").write_bytes(svg)

    # The other persona: its own steps.
    ui.get_by_label("Persona").select_option("Léo")
    leo = " ".join(texts(save_from_menu(page, button, "svg")))
    assert "Rien que Léo" in leo
    assert "Étape 30" not in leo
    ui.get_by_label("Persona").select_option("Camille")

    # Dark theme: the image takes the theme's colours.
    set_theme(page, "JupyterLab Dark")
    dark = save_from_menu(page, button, "png")
    (ARTIFACTS / "map_image_dark.png").write_bytes(dark)
    dark_svg = save_from_menu(page, button, "svg")
    assert ET.fromstring(dark_svg).find(f"{SVG_NS}rect").get("fill") != root.find(
        f"{SVG_NS}rect"
    ).get("fill")
    set_theme(page, "JupyterLab Light")

    # The curve has its own menu; the whole curve, every step, in the image.
    run_cell(page, 2)
    page.wait_for_selector(".cjm-emotion-curve circle.cjm-point", timeout=60_000)
    curve_button = page.locator(".cjm-emotion-curve").get_by_role("button", name="Image")
    curve_button.focus()
    page.keyboard.press("Enter")
    escape_closes(page, curve_button)
    curve_button.click()
    escape_closes(page, curve_button)
    curve_svg = save_from_menu(page, curve_button, "svg")
    curve_text = squash(" ".join(texts(curve_svg)))
    assert not list(ET.fromstring(curve_svg).iter(f"{SVG_NS}script"))
    assert squash(CAMILLE_STEPS[5]) in curve_text
    assert "Courbed'émotion" in curve_text
    for step in ("Étape 1 : découverte", "Étape 34 : découverte", "Rien que Léo"):
        assert squash(step) in curve_text, step
    curve_png = save_from_menu(page, curve_button, "png")
    assert png_size(curve_png)[0] == 2 * int(ET.fromstring(curve_svg).get("width"))
    (ARTIFACTS / "curve_image.png").write_bytes(curve_png)
    set_theme(page, "JupyterLab Dark")
    (ARTIFACTS / "curve_image_dark.png").write_bytes(save_from_menu(page, curve_button, "png"))
    set_theme(page, "JupyterLab Light")

    # From the kernel: the views answer once the cell has ended.
    started = time.monotonic()
    run_cell(page, 3)
    wait_for_file(lab.root / "map.png")
    wait_for_file(lab.root / "curve.svg")
    report(
        f"save_image: map.png ({w}x{h}) and curve.svg written "
        f"{time.monotonic() - started:.2f} s after the cell was run"
    )
    kernel_png = (lab.root / "map.png").read_bytes()
    assert png_size(kernel_png) == (w, h)
    kernel_svg = (lab.root / "curve.svg").read_bytes()
    assert squash("Étape 34 : découverte") in squash(" ".join(texts(kernel_svg)))
    assert [p.name for p in lab.root.iterdir() if p.name.endswith(".tmp")] == []
    run_cell(page, 4)
    wait_for_file(lab.root / "saved.txt")
    done_map, done_curve, said_map, said_curve, late = ast.literal_eval(
        (lab.root / "saved.txt").read_text()
    )
    assert (done_map, done_curve) == (True, True)
    assert said_map.startswith("map.png: written, ")
    assert said_map.endswith(" KB")
    assert said_curve.startswith("curve.svg: written, ")
    report(f"save_image: map.png written {late:.2f} s after save_image was called")
    assert page.js_errors == []
