"""Pages with no kernel and no network, opened from disk in Chromium with every http(s)
request aborted: a person reads the map, switches persona, selects, hovers, tries to edit,
prints; a notebook run by nbconvert and written with ``--to cjm_html`` shows its maps too."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote
from xml.etree import ElementTree

import pytest

import cjm_widgets
from cjm_widgets import EmotionCurve, JourneyMap, link
from cjm_widgets.templates import retail_journey

from ..journeys import french_journey
from .lab import Lab, open_notebook, wait_for_idle_kernel

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
ROOT = Path(__file__).resolve().parents[2]

# What an A4 landscape page holds across at 96 px per inch, inside 10 mm margins.
A4_LANDSCAPE_PX = (297 - 20) / 25.4 * 96


@contextmanager
def offline_page(browser: Any, path: Path) -> Iterator[tuple[Any, list[str], list[str]]]:
    """The page at ``path`` opened from disk; every request, and any dialog, is recorded and
    every http(s) request aborted."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    context.route(re.compile(r"^(https?|wss?)://"), lambda route: route.abort())
    page = context.new_page()
    requests: list[str] = []
    dialogs: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        page.goto(path.as_uri())
        page.wait_for_selector(".cjm-static-view .cjm-grid, .cjm-static-view .cjm-plot")
        yield page, requests, dialogs
    finally:
        context.close()


def step_names(page: Any, scope: str = ".cjm-static-view .cjm-scroll") -> list[str]:
    return page.eval_on_selector_all(
        f"{scope} .cjm-step .cjm-step-name", "nodes => nodes.map(n => n.textContent)"
    )


@pytest.mark.browser
def test_a_page_reads_selects_and_prints_offline(browser: Any, tmp_path: Path) -> None:
    df = french_journey(payloads=True)
    m = JourneyMap(df, persona="persona", title="Parcours d’achat </script><b>x</b>")
    c = EmotionCurve(df, persona="persona")
    link(m, c)
    path = cjm_widgets.to_html(tmp_path / "parcours.html", [m, c])
    with offline_page(browser, path) as (page, requests, dialogs):
        # Drawn by the live renderer (the floor hidden), the first steps readable.
        assert page.is_hidden(".cjm-floor")
        names = step_names(page)
        camille = list(df.loc[df["persona"] == "Camille", "step"])
        assert names == camille[: len(names)]
        assert len(names) >= 6
        assert page.inner_text(".cjm-static-view .cjm-title") == m.title

        # Persona switch, as in the notebook.
        page.select_option(".cjm-persona-select", "Léo")
        page.wait_for_function("document.querySelectorAll('.cjm-scroll .cjm-step').length > 0")
        leo = list(df.loc[df["persona"] == "Léo", "step"])
        assert step_names(page) == leo[: len(step_names(page))]

        # Selecting a step on the map selects it on the linked curve.
        page.click(".cjm-scroll .cjm-step >> nth=2")
        assert page.get_attribute(".cjm-scroll .cjm-step >> nth=2", "aria-selected") == "true"
        assert page.locator(".cjm-emotion-curve .is-selected").count() >= 1

        # Read-only: no edit buttons, no editor on double-click or typing.
        assert page.locator(".cjm-map [data-action=insert]").count() == 0
        cell = page.locator(".cjm-scroll .cjm-kind-text .cjm-cell >> nth=1")
        cell.dblclick()
        cell.press("x")
        cell.press("Enter")
        assert page.locator(".cjm-editor").count() == 0
        before = step_names(page)
        page.locator(".cjm-scroll .cjm-step >> nth=0").focus()
        page.keyboard.press("Alt+n")
        page.keyboard.press("Control+z")
        # Nothing was tried: no step added, no "read-only" refusal to read.
        assert step_names(page) == before
        assert page.is_hidden(".cjm-map .cjm-status-box")
        page.screenshot(path=str(ARTIFACTS / "page_offline.png"))

        # A tooltip on the curve: hover a point.
        page.hover(".cjm-emotion-curve .cjm-line >> nth=-1 >> .cjm-point >> nth=3")
        page.wait_for_selector(".cjm-emotion-curve .cjm-tip:not([hidden])")

        # Presentation mode on the page, by keyboard alone.
        page.locator(".cjm-map [data-action=present]").focus()
        page.keyboard.press("Enter")
        root = page.locator(".cjm-static-view .cjm-map")
        assert "cjm-presenting" in (root.get_attribute("class") or "")
        assert root.get_attribute("data-stage-index") == "0"
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        assert root.get_attribute("data-stage-index") == "2"
        page.keyboard.press("Escape")
        assert "cjm-presenting" not in (root.get_attribute("class") or "")

        # An image of the whole map, made in the page.
        page.click(".cjm-map .cjm-image-button")
        with page.expect_download() as download:
            page.click(".cjm-map .cjm-menu-item[data-format=svg]")
        svg = ElementTree.fromstring(Path(download.value.path()).read_bytes())  # well-formed
        words = " ".join(svg.itertext())
        assert all(step.split(" :")[0] + " " in words for step in leo)  # labels wrap: their heads
        assert not [e for e in svg.iter() if e.tag.endswith(("script", "foreignObject"))]

        # Printing: every step of the persona, in blocks that fit A4 landscape.
        page.emulate_media(media="print")
        page.wait_for_selector(".cjm-print .cjm-step")
        printed = step_names(page, ".cjm-print")
        assert printed == leo
        assert page.inner_text(".cjm-map .cjm-print-persona") == "Persona: Léo"
        # The curve prints whole, as its image: every step, not the window the screen scrolls.
        curve = page.locator(".cjm-emotion-curve .cjm-print-image")
        assert curve.is_visible()
        assert page.locator(".cjm-emotion-curve .cjm-toolbar").is_hidden()
        svg = unquote(curve.get_attribute("src").split(",", 1)[1])
        drawn = " ".join(ElementTree.fromstring(svg).itertext())
        assert all(step.split(" :")[0] + " " in drawn for step in camille)
        widths = page.eval_on_selector_all(
            ".cjm-print-block", "nodes => nodes.map(n => n.getBoundingClientRect().width)"
        )
        assert max(widths) <= A4_LANDSCAPE_PX
        page.pdf(path=str(ARTIFACTS / "page_print.pdf"), landscape=True, format="A4")
        page.emulate_media(media="screen")
        page.wait_for_function("document.querySelectorAll('.cjm-print').length === 0")

        assert page.evaluate("window.__pwned") is None
        assert dialogs == []
        assert requests == [path.as_uri()]


JUPYTER = [sys.executable, "-m", "jupyter"]
NBCONVERT = [*JUPYTER, "nbconvert"]


@pytest.fixture(scope="module")
def executed_tour(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tour notebook executed as nbconvert does by default (widget state kept)."""
    notebook = tmp_path_factory.mktemp("tour") / "tour.ipynb"
    shutil.copy(ROOT / "example_notebooks" / "01_tour.ipynb", notebook)
    subprocess.run(
        [*NBCONVERT, "--to", "notebook", "--execute", "--inplace", str(notebook)],
        check=True,
        cwd=notebook.parent,
        timeout=600,
        capture_output=True,
    )
    return notebook


def first_map_state(notebook: Path) -> dict[str, Any]:
    """The state the notebook saved for its first displayed map."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    states = nb["metadata"]["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get("application/vnd.jupyter.widget-view+json")
            if view and "_journey" in states[view["model_id"]]["state"]:
                return dict(states[view["model_id"]]["state"])
    raise AssertionError("the notebook shows no map")


def expected_steps(state: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The steps of the persona a map's state shows, in order, and its lane titles."""
    journey = state["_journey"]
    personas = journey["persona"] or [None] * len(journey["step"])
    shown = (None, state["active_persona"])
    steps = [s for s, p in zip(journey["step"], personas, strict=True) if p in shown]
    return steps, [lane["label"] for lane in journey["lanes"]]


@pytest.mark.browser
def test_the_tour_run_by_nbconvert_shows_its_maps_offline(
    browser: Any, executed_tour: Path, tmp_path: Path
) -> None:
    notebook = tmp_path / "tour.ipynb"
    nb = json.loads(executed_tour.read_text(encoding="utf-8"))
    # A script in a markdown cell must not run on a page meant to be shared.
    nb["cells"].insert(
        0,
        {
            "cell_type": "markdown",
            "id": "hostile",
            "metadata": {},
            "source": "<script>alert('markdown')</script>",
        },
    )
    notebook.write_text(json.dumps(nb), encoding="utf-8")
    subprocess.run(
        [*NBCONVERT, "--to", "cjm_html", str(notebook)],
        check=True,
        cwd=tmp_path,
        timeout=600,
        capture_output=True,
    )
    path = tmp_path / "tour.html"
    # Drawn from the state the notebook was saved with (the tour switches persona and adds
    # a lane after the map is first displayed).
    steps, lanes = expected_steps(first_map_state(notebook))
    with offline_page(browser, path) as (page, requests, dialogs):
        first = page.locator(".cjm-static-view >> nth=0")
        names = first.locator(".cjm-scroll .cjm-step .cjm-step-name").all_text_contents()
        assert len(names) >= 5
        assert names == steps[: len(names)]
        assert page.is_visible(f"text={names[0]}")
        heads = first.locator(".cjm-scroll tbody th.cjm-lane-head")
        assert heads.all_text_contents() == lanes
        # The map's own look, not the notebook's data-table style (right-aligned, striped).
        step = first.locator(".cjm-scroll .cjm-step >> nth=0")
        assert step.evaluate("n => getComputedStyle(n).textAlign") in ("left", "start")
        assert page.locator(".cjm-static-view").count() >= 2
        page.screenshot(path=str(ARTIFACTS / "tour_offline.png"), full_page=True)
        assert dialogs == []
        assert requests == [path.as_uri()]


@pytest.mark.browser
def test_a_saved_notebook_shows_its_maps_in_jupyterlab(
    page: Any, lab: Lab, executed_tour: Path
) -> None:
    """Reopened in JupyterLab with a fresh kernel: untrusted, the maps show as their escaped
    tables (no script runs); trusted, the live view comes back from the widget state saved in
    the notebook, and an edit there, with no widget behind it in the kernel, is said to be
    unanswered rather than lost in silence. Nothing is fetched from outside the machine."""
    name = "saved_tour.ipynb"
    notebook = lab.root / name
    shutil.copy(executed_tour, notebook)
    outside: list[str] = []
    page.on(
        "request",
        lambda r: None if r.url.startswith((lab.url, "data:", "blob:")) else outside.append(r.url),
    )
    open_notebook(page, lab, name)
    page.wait_for_selector(".jp-OutputArea .cjm-floor table", timeout=60_000)
    floor = page.inner_text(".jp-OutputArea .cjm-floor >> nth=0")
    steps = retail_journey()
    first = steps.loc[steps["persona"] == steps["persona"].iloc[0], "step"]
    assert all(step in floor for step in first)
    assert page.locator(".jp-OutputArea .cjm-map").count() == 0

    subprocess.run([*JUPYTER, "trust", str(notebook)], check=True, capture_output=True)
    page.reload()
    wait_for_idle_kernel(page)
    page.wait_for_selector(".jp-OutputArea .cjm-map .cjm-step", timeout=60_000)
    names = page.eval_on_selector_all(
        ".jp-OutputArea .cjm-map >> nth=0 >> .cjm-step .cjm-step-name",
        "nodes => nodes.map(n => n.textContent)",
    )
    # The persona shown is the one the saved state had (the tour switches persona).
    assert names == expected_steps(first_map_state(notebook))[0][: len(names)]
    assert len(names) >= 5
    cell = page.locator(".jp-OutputArea .cjm-map >> nth=0 >> .cjm-kind-text .cjm-cell >> nth=0")
    cell.click()
    page.keyboard.type("note")
    page.keyboard.press("Enter")
    status = page.locator(".jp-OutputArea .cjm-map >> nth=0 >> .cjm-message")
    status.wait_for(state="visible", timeout=15_000)
    assert "has not answered" in status.inner_text()
    page.screenshot(path=str(ARTIFACTS / "saved_tour_lab.png"))
    assert outside == []


@pytest.mark.browser
def test_a_page_follows_the_readers_dark_mode(browser: Any, tmp_path: Path) -> None:
    m = JourneyMap(french_journey(), persona="persona", title="Parcours")
    path = m.to_html(tmp_path / "sombre.html")
    context = browser.new_context(color_scheme="dark", viewport={"width": 1400, "height": 900})
    context.route(re.compile(r"^(https?|wss?)://"), lambda route: route.abort())
    try:
        page = context.new_page()
        page.goto(path.as_uri())
        page.wait_for_selector(".cjm-static-view .cjm-grid")

        def luminance(selector: str, prop: str) -> float:
            rgb = page.eval_on_selector(selector, f"n => getComputedStyle(n).{prop}")
            r, g, b = (int(x) for x in re.findall(r"\d+", rgb)[:3])
            return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255

        # Light text on a dark ground, in the map as on the page.
        assert luminance("body", "backgroundColor") < 0.2
        assert luminance(".cjm-map", "backgroundColor") < 0.2
        assert luminance(".cjm-scroll .cjm-step", "color") > 0.7
        page.screenshot(path=str(ARTIFACTS / "page_dark.png"))
        # A printout stays light.
        page.emulate_media(media="print", color_scheme="dark")
        assert luminance("body", "backgroundColor") > 0.9
    finally:
        context.close()
