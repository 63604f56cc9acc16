"""A JourneyFlow linked to a map in JupyterLab: a person clicks a step in the flow and the map
selects it, selects a step on the map and the flow lights its transitions, moves the threshold
slider with the keys and the mouse and rare transitions disappear, the kernel following each
time. Nothing is fetched from outside the machine."""

from __future__ import annotations

import ast
import re
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pandas as pd
import pytest

from cjm_widgets import JourneyFlow, JourneyMap, to_html
from tests.journeys import PAYLOADS

from .lab import Lab, open_notebook, run_cell, wait_for_file
from .test_a11y_browser import axe
from .test_map_browser import _contrast

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"

STEPS = [
    ("Discover", "See an ad"),
    ("Discover", "Search"),
    ("Choose", "Compare offers"),
    ("Choose", "Read reviews"),
    ("Buy", "Add to cart"),
    ("Buy", "Pay"),
    ("After", "Delivery"),
    ("After", "Call support"),
]
WALKS = [
    ("See an ad", "Search", 420),
    ("Search", "Compare offers", 380),
    ("Search", "Search", 60),
    ("Compare offers", "Read reviews", 210),
    ("Read reviews", "Compare offers", 90),
    ("Compare offers", "Add to cart", 240),
    ("Read reviews", "Add to cart", 100),
    ("Add to cart", "Pay", 300),
    ("Pay", "Pay", 45),
    ("Pay", "Add to cart", 30),
    ("Pay", "Delivery", 260),
    ("Delivery", "Call support", 70),
    ("Call support", "Call support", 25),
    ("Call support", "Search", 8),
    ("See an ad", "Compare offers", 12),
    ("Compare offers", "Pay", 6),
    ("Delivery", "Search", 4),
]

SETUP = f"""import pandas as pd
from cjm_widgets import JourneyFlow, JourneyMap
steps = pd.DataFrame({STEPS!r}, columns=["stage", "step"], index=range(301, 309))
walks = pd.DataFrame({WALKS!r}, columns=["from_step", "to_step", "count"])
m = JourneyMap(steps)
flow = JourneyFlow(walks, map=m, title="Where customers go next")
display(m)
display(flow)
"""


def kernel_value(page: Any, lab: Lab, name: str, cell: int) -> Any:
    """What the notebook's cell ``cell`` writes: a value read in the kernel."""
    out = lab.root / f"{name}.{cell}.out"
    out.unlink(missing_ok=True)
    run_cell(page, cell)
    wait_for_file(out)
    return ast.literal_eval(out.read_text())


def node(page: Any, step: str) -> Any:
    """The flow's node for a step, found as a screen reader finds it: by its name."""
    return page.get_by_role("option", name=re.compile(f"^{re.escape(step)},"))


def shown_edges(page: Any) -> int:
    return page.evaluate(
        "() => [...document.querySelectorAll('.cjm-flow-plot .cjm-flow-edge')]"
        ".filter((p) => p.getAttribute('display') !== 'none').length"
    )


def test_a_flow_linked_to_a_map_selects_and_filters_as_a_person_acts(page, lab):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    name = "flow.ipynb"
    reads = {1: "list(m.selected)", 2: "flow.min_count", 3: "flow.selected"}
    checks = [f"open('{name}.{i}.out', 'w').write(repr({what}))" for i, what in reads.items()]
    lab.write_notebook(name, [SETUP, *checks])
    open_notebook(page, lab, name)
    run_cell(page, 0)
    page.wait_for_selector(".cjm-map table", timeout=60_000)
    page.wait_for_selector(".cjm-flow-node", timeout=60_000)
    assert page.locator(".cjm-flow-node").count() == len(STEPS)
    assert shown_edges(page) == len(WALKS)
    # Back-transitions are dashed, loops wear a glyph: colour is not the only sign.
    back = page.locator(".cjm-flow-plot .cjm-flow-back").first
    assert back.evaluate("p => getComputedStyle(p).strokeDasharray") not in ("none", "")
    assert "↻" in node(page, "Pay").text_content()
    flow = page.locator(".cjm-flow").first
    flow.scroll_into_view_if_needed()
    ARTIFACTS.mkdir(exist_ok=True)
    flow.screenshot(path=str(ARTIFACTS / "journey_flow.png"))  # docs/ has a copy made by hand

    # A click on a step of the flow selects it on the map, in the kernel.
    node(page, "Compare offers").click()
    assert kernel_value(page, lab, name, 1) == [303]

    # A step selected on the map lights its transitions in the flow and dims the others.
    page.locator("th.cjm-step").filter(has_text="Pay").click()
    page.wait_for_function(
        "el => el.getAttribute('aria-selected') === 'true'",
        arg=node(page, "Pay").element_handle(),
        timeout=20_000,
    )
    assert kernel_value(page, lab, name, 3) == "Pay"
    lit = {(a, b) for a, b, _ in WALKS if "Pay" in (a, b)}
    assert page.locator(".cjm-flow-plot .cjm-flow-in").count() == sum(b == "Pay" for _, b in lit)
    assert page.locator(".cjm-flow-plot .cjm-flow-out").count() == sum(a == "Pay" for a, _ in lit)
    faint = page.locator(".cjm-flow-plot .cjm-flow-edge:not(.cjm-flow-in):not(.cjm-flow-out)")
    assert float(faint.first.evaluate("p => getComputedStyle(p).strokeOpacity")) < 0.2

    # The keys: focus moves along the steps, Enter selects.
    node(page, "Pay").focus()
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.querySelector('title').textContent").startswith(
        "Delivery,"
    )
    page.keyboard.press("Enter")
    assert kernel_value(page, lab, name, 1) == [307]

    # The slider, with the keys: at 10, the three rarer transitions go.
    slider = page.get_by_label("Hide transitions seen fewer than")
    slider.focus()
    for _ in range(9):
        page.keyboard.press("ArrowRight")
    assert slider.input_value() == "10"
    assert shown_edges(page) == sum(c >= 10 for *_, c in WALKS)
    assert "14 of 17" in page.locator(".cjm-flow-value").inner_text()
    assert kernel_value(page, lab, name, 2) == 10

    # With the mouse: dragged to the middle, the kernel takes the value the slider shows.
    slider.scroll_into_view_if_needed()
    box = slider.bounding_box()
    page.mouse.move(box["x"] + 4, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=8)
    page.mouse.up()
    dragged = int(slider.input_value())
    assert 150 < dragged < 270
    assert shown_edges(page) == sum(c >= dragged for *_, c in WALKS)
    assert kernel_value(page, lab, name, 2) == dragged

    outside = [u for u in requests if urlparse(u).hostname not in ("127.0.0.1", None)]
    outside = [u for u in outside if not u.startswith(("data:", "blob:"))]
    assert outside == []
    assert page.js_errors == []


@pytest.mark.parametrize("theme", ["JupyterLab Light", "JupyterLab Dark"])
def test_the_flow_reads_well_in_light_and_dark_themes(page, lab: Lab, theme: str):
    name = f"flow-{theme.split()[-1].lower()}.ipynb"
    lab.write_notebook(name, [SETUP])
    open_notebook(page, lab, name)
    run_cell(page, 0)
    page.wait_for_selector(".cjm-flow-node", timeout=60_000)
    change = "window.jupyterapp.commands.execute('apputils:change-theme', {theme: '%s'})"
    page.evaluate(change % theme)
    try:
        page.wait_for_function(f"document.body.dataset.jpThemeName === '{theme}'", timeout=20_000)
        page.wait_for_timeout(500)
        for selector in (".cjm-flow-label", ".cjm-flow-band-label", ".cjm-flow-loop-count"):
            assert _contrast(page, f".cjm-flow {selector}", "fill") >= 4.5, selector
        for selector in (".cjm-flow-legend", ".cjm-flow-value", ".cjm-title"):
            assert _contrast(page, f".cjm-flow {selector}") >= 4.5, selector
        # The edges' colours stand out from the ground as graphics must (3:1).
        for kind in ("forward", "back", "loop"):
            assert _contrast(page, f".cjm-flow-plot .cjm-flow-{kind}", "stroke") >= 3, kind
        flow = page.locator(".cjm-flow").first
        flow.scroll_into_view_if_needed()
        flow.screenshot(path=str(ARTIFACTS / f"journey_flow_{theme.split()[-1].lower()}.png"))
        # axe-core finds nothing serious: names, roles, focus order, contrast.
        found = axe(page, ".cjm-flow")
        assert [v for v in found if v["impact"] in ("serious", "critical")] == [], found
    finally:
        page.evaluate(change % "JupyterLab Light")
    assert page.js_errors == []


def test_a_page_draws_the_flow_offline_with_hostile_names_as_text(browser, tmp_path: Path):
    steps = [f"{p} {i}" for i, p in enumerate(PAYLOADS)]
    frame = pd.DataFrame({"stage": PAYLOADS, "step": steps})
    walks = pd.DataFrame(
        {"from_step": steps, "to_step": steps[1:] + steps[:1], "count": range(1, 11)}
    )
    m = JourneyMap(frame)
    flow = JourneyFlow(walks, map=m, title=PAYLOADS[0])
    path = to_html(tmp_path / "flow.html", [m, flow])
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.route(re.compile(r"^(https?|wss?)://"), lambda route: route.abort())
    requests: list[str] = []
    try:
        page = context.new_page()
        page.on("request", lambda r: requests.append(r.url))
        page.goto(path.as_uri())
        page.wait_for_selector(".cjm-static-view .cjm-flow-node")
        names = page.eval_on_selector_all(
            ".cjm-flow-node", "nodes => nodes.map((n) => n.querySelector('title').textContent)"
        )
        assert [n.split(", ")[0] for n in names] == [s.split(", ")[0] for s in steps]
        assert page.locator(".cjm-flow .cjm-title").text_content() == PAYLOADS[0]
        assert page.evaluate("window.__pwned") is None
        # Read-only, but a reader still selects a step and moves the threshold.
        page.locator(".cjm-flow-node").nth(6).click()
        assert page.locator(".cjm-flow-node").nth(6).get_attribute("aria-selected") == "true"
        assert page.locator(".cjm-flow-plot .cjm-flow-in").count() == 1
        slider = page.get_by_label("Hide transitions seen fewer than")
        slider.focus()
        page.keyboard.press("End")
        assert page.locator(".cjm-flow").get_attribute("data-shown") == "1"
        assert requests == [path.as_uri()]
    finally:
        context.close()


def test_a_long_flow_draws_the_transitions_scrolled_to(browser, tmp_path: Path):
    steps = [f"Step {i}" for i in range(120)]
    walks = pd.DataFrame(
        {"from_step": steps[:-1], "to_step": steps[1:], "count": range(1, len(steps))}
    )
    path = to_html(tmp_path / "long.html", [JourneyFlow(walks)])
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    try:
        page = context.new_page()
        page.goto(path.as_uri())
        page.wait_for_selector(".cjm-flow-node")
        titles = "() => [...document.querySelectorAll('.cjm-flow-plot path.cjm-flow-edge')]"
        titles += ".map((p) => p.querySelector('title').textContent)"
        drawn = page.evaluate(titles)
        assert 0 < len(drawn) < len(walks) / 2  # only around the view
        assert not any(t.startswith("Step 118 →") for t in drawn)

        # The page's CSP forbids eval, which wait_for_function's polling uses: poll from here.
        def far_edge_drawn() -> bool:
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                if any(t.startswith("Step 118 →") for t in page.evaluate(titles)):
                    return True
                page.wait_for_timeout(100)
            return False

        page.locator(".cjm-flow-scroll").evaluate("s => { s.scrollLeft = s.scrollWidth; }")
        assert far_edge_drawn()
        # Keys reach a step out of view: it scrolls in, with its transitions.
        page.locator(".cjm-flow-scroll").evaluate("s => { s.scrollLeft = 0; }")
        page.wait_for_timeout(200)
        assert not any(t.startswith("Step 118 →") for t in page.evaluate(titles))
        page.get_by_role("option", name=re.compile("^Step 0,")).click()
        page.keyboard.press("End")
        assert far_edge_drawn()
    finally:
        context.close()
