"""JourneyFlow speed, from one run in headless Chromium against a real JupyterLab kernel.

Prints:
- first render (view created -> first painted frame) of a flow of 300 steps in 20 stages and
  3,000 transitions (forward, back and loops);
- threshold redraw: a key pressed on the slider (PageUp/PageDown, a tenth of its range)
  -> the flow painted with the rare transitions hidden or shown again;
- Python-side ``JourneyFlow(transitions, steps=...)`` construction for the same tables, and
  for the same transitions ordered by the transitions alone (no steps table).

Run: ``.venv/bin/python benchmarks/bench_flow.py``. Not a test: figures vary with the machine
(the load average is printed at start and end).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # see _common

import benchmarks._common as common
from benchmarks._common import ROOT
from benchmarks.bench_drivers import load
from benchmarks.bench_map import build_ms, first_renders, line, watch
from cjm_widgets import JourneyFlow


def flow_tables(steps: int = 300, seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A steps table (``steps`` steps in 20 stages) and 10 transitions per step: six forward
    (the next step the busiest), one loop and three back, with long-tailed counts."""
    rng = np.random.default_rng(seed)
    names = [f"Step {i + 1}" for i in range(steps)]
    table = pd.DataFrame(
        {"stage": [f"Stage {i * 20 // steps + 1}" for i in range(steps)], "step": names}
    )
    rows = []
    for i in range(steps):
        # Past the ends, jumps wrap around: every step has its ten transitions.
        for jump in (1, 2, 3, 4, 5, 6, 0, -1, -2, -3):
            j = (i + jump) % steps
            scale = 2000 if jump == 1 else 300 / (1 + abs(jump)) ** 1.5
            rows.append((names[i], names[j], int(rng.lognormal(np.log(scale), 0.8)) + 1))
    walks = pd.DataFrame(rows, columns=["from_step", "to_step", "count"])
    return table, walks.drop_duplicates(["from_step", "to_step"])


SETUP = f"""import sys
sys.path.insert(0, {str(ROOT)!r})
from benchmarks.bench_flow import flow_tables
from cjm_widgets import JourneyFlow
steps, walks = flow_tables()
flow = JourneyFlow(walks, steps=steps)"""

# The time a key went down on the slider, and the next painted frame after its input event.
SLIDER = """window.__key = []; window.__slid = [];
  document.addEventListener('keydown', (e) => {
    if (e.target.classList?.contains('cjm-flow-slider')) window.__key.push(e.timeStamp);
  }, true);
  document.addEventListener('input', (e) => {
    if (e.target.classList?.contains('cjm-flow-slider')) {
      requestAnimationFrame(() => setTimeout(() => window.__slid.push(performance.now()), 0));
    }
  }, true);"""


def slider_redraws(page, presses: int) -> list[float]:
    slider = page.locator(".cjm-flow-slider").first
    slider.scroll_into_view_if_needed()
    slider.focus()
    for k in range(presses):
        done = page.evaluate("window.__slid.length")
        page.keyboard.press("PageUp" if (k // 5) % 2 == 0 else "PageDown")
        page.wait_for_function(f"window.__slid.length > {done}", timeout=20_000)
        page.wait_for_timeout(60)
    keys = page.evaluate("window.__key")[-presses:]
    slid = page.evaluate("window.__slid")[-presses:]
    return [s - k for k, s in zip(keys, slid, strict=True)]


def main() -> None:
    from playwright.sync_api import sync_playwright

    steps, walks = flow_tables()
    print(
        f"JourneyFlow benchmark: {len(steps)} steps, {len(walks):,} transitions; "
        f"JupyterLab + headless Chromium on this machine ({os.cpu_count()} cores)"
    )
    print(f"load average at start: {load()} (1, 5, 15 min)\n")
    built = build_ms(lambda: JourneyFlow(walks, steps=steps))
    ordered = build_ms(lambda: JourneyFlow(walks), repeats=5)
    with common.running_lab() as lab, sync_playwright() as p:
        browser = common.launch_chromium(p)
        page = browser.new_page(viewport={"width": 1500, "height": 950})
        lab.write_notebook("bench.ipynb", [SETUP, "flow"])
        common.open_notebook(page, lab, "bench.ipynb")
        page.evaluate(watch(".cjm-flow", SLIDER))
        common.run_cell(page, 0)
        common.wait_for_idle_kernel(page, 120_000)
        time.sleep(1.0)
        renders = first_renders(page, 1, runs=7, mark="cjm-flow:render")
        shown = page.locator(".cjm-flow").first.get_attribute("data-shown")
        redraws = slider_redraws(page, presses=20)
        browser.close()

    line("first render, 300 steps x 3,000 transitions", renders, 200)
    line("slider key -> flow painted with the new threshold", redraws, 50)
    line("JourneyFlow(transitions, steps=table) construction", built)
    line("JourneyFlow(transitions) construction (order from counts)", ordered)
    print(f"\ntransitions shown at the first render: {shown}")
    print(f"load average at end: {load()} (1, 5, 15 min)")


if __name__ == "__main__":
    main()
