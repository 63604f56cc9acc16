"""A map and its importance–performance chart in JupyterLab: a person clicks a point and the
map's selection follows in the kernel; a person selects steps on the map and their points are
ringed. Nothing is fetched from outside the machine."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from .lab import Lab, open_notebook, run_cell, wait_for_file

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"

SETUP = """import numpy as np
import pandas as pd
from cjm_widgets import JourneyMap
from cjm_widgets.analytics import importance_performance
from cjm_widgets.charts import importance_performance as ipa_chart, link_chart

steps = ["Voir la pub", "Comparer les offres", "Payer", "Être livré", "Appeler le SAV"]
df = pd.DataFrame(
    {
        "persona": ["Ana"] * 5 + ["Bo"] * 3,
        "stage": ["Découvrir", "Choisir", "Acheter", "Acheter", "Après"]
        + ["Découvrir", "Acheter", "Après"],
        "step": steps + ["Voir la pub", "Payer", "Appeler le SAV"],
        "pain": [None, "Trop d'offres", None, "Retard", "Attente"] + [None] * 3,
    },
    index=pd.Index(range(201, 209), name="row"),
)
drivers = pd.DataFrame({"driver": steps, "importance": [0.02, 0.14, 0.05, 0.11, 0.09]})
drivers["ci_low"], drivers["ci_high"] = drivers["importance"] * 0.6, drivers["importance"] * 1.4
scores = pd.DataFrame({"step": steps, "mean": [4.1, 2.6, 4.4, 3.0, 3.9]})
ipa = importance_performance(drivers, scores)
m = JourneyMap(df, persona="persona")
link = link_chart(m, ipa_chart(ipa))
display(m)
display(link)
"""


def point(page: Any, step: str) -> Any:
    """The chart's point for a step, found as a screen reader finds it: by its label."""
    return page.locator(f'.vega-embed path[aria-roledescription="point"][aria-label*="{step}"]')


def kernel_selection(page: Any, lab: Lab, name: str, cell: int) -> list[Any]:
    out = lab.root / f"{name}.{cell}.sel"
    run_cell(page, cell)
    wait_for_file(out)
    return ast.literal_eval(out.read_text())


def test_a_click_on_a_point_selects_the_step_and_map_selection_rings_points(page, lab):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    name = "chart_link.ipynb"
    checks = [f"open('{name}.{i}.sel', 'w').write(repr(list(m.selected)))" for i in (1, 2, 3)]
    lab.write_notebook(name, [SETUP, *checks])
    open_notebook(page, lab, name)
    run_cell(page, 0)
    page.wait_for_selector(".cjm-map table", timeout=60_000)
    page.wait_for_selector('.vega-embed path[aria-roledescription="point"]', timeout=60_000)

    # The names as drawn (the browser's own font metrics) overlap no other name.
    boxes = page.evaluate(
        """() => [...document.querySelectorAll('.vega-embed g.mark-text text')]
            .filter((t) => t.textContent.trim() !== '')
            .map((t) => { const r = t.getBoundingClientRect();
                          return [t.textContent, r.left, r.top, r.right, r.bottom]; })"""
    )
    assert len(boxes) >= 5 + 4, "every step's name and the four quadrants are drawn"
    for i, (a, *ra) in enumerate(boxes):
        for b, *rb in boxes[i + 1 :]:
            apart = ra[2] <= rb[0] or rb[2] <= ra[0] or ra[3] <= rb[1] or rb[3] <= ra[1]
            assert apart, f"{a!r} overlaps {b!r}"

    # A click on "Comparer les offres" selects Ana's step of that name (row 202).
    point(page, "Comparer les offres").click()
    assert kernel_selection(page, lab, name, 1) == [202]
    header = page.locator("th.cjm-step").filter(has_text="Comparer les offres")
    page.wait_for_function(
        "el => el.getAttribute('aria-selected') === 'true'"
        " || el.classList.contains('cjm-selected')",
        arg=header.element_handle(),
        timeout=20_000,
    )

    # Selecting another step on the map rings its point in the chart.
    page.locator("th.cjm-step").filter(has_text="Être livré").click()
    ringed = point(page, "Être livré")
    page.wait_for_function(
        "el => el.getAttribute('stroke') === '#0969da'", arg=ringed.element_handle(), timeout=20_000
    )
    assert kernel_selection(page, lab, name, 2) == [204]
    # The step clicked before is no longer selected on the map: no longer ringed.
    page.wait_for_function(
        "el => el.getAttribute('stroke') !== '#0969da'",
        arg=point(page, "Comparer les offres").element_handle(),
        timeout=20_000,
    )
    assert point(page, "Payer").get_attribute("stroke") in (None, "transparent")
    chart = page.locator(".vega-embed").first
    chart.scroll_into_view_if_needed()
    chart.screenshot(path=str(ARTIFACTS / "importance_performance.png"))

    # Bo's map: a click on "Payer" selects Bo's row of that name.
    page.locator(".cjm-map").get_by_label("Persona").select_option("Bo")
    page.wait_for_selector('table[aria-label="Journey map: Bo"]')
    point(page, "Payer").click()
    assert kernel_selection(page, lab, name, 3) == [207]

    outside = [u for u in requests if urlparse(u).hostname not in ("127.0.0.1", None)]
    outside = [u for u in outside if not u.startswith(("data:", "blob:"))]
    assert outside == []
    assert page.js_errors == []
