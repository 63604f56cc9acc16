"""Current/future comparison speed, from one run in headless Chromium against a real
JupyterLab kernel.

Prints:
- first render (view created -> first painted frame) of the comparison view of 2 x 300 steps
  (``JourneyMap.compare``: each lane a sub-row per state, columns aligned, marks and deltas),
  beside its peers on the same run: a one-state map of 300 steps and one of 600 steps (as
  many rows as both states);
- Python side: building the compared map, and a one-cell edit with its comparison computed
  again, beside the same for a one-state map of 600 steps.

The load average is printed at start and end. Run: ``.venv/bin/python
benchmarks/bench_compare.py``. Not a test: figures vary with the machine and its load.
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
from benchmarks.bench_map import build_ms, first_renders, journey, line, watch
from cjm_widgets import JourneyMap


def future_of(current: pd.DataFrame, seed: int = 1) -> pd.DataFrame:
    """A future state of ``current``: a tenth of its steps removed, as many added, a fifth of
    the emotions and numbers changed, a few steps swapped with their neighbour."""
    rng = np.random.default_rng(seed)
    n = len(current)
    future = current.drop(index=rng.choice(n, n // 10, replace=False)).reset_index(drop=True)
    changed = rng.choice(len(future), len(future) // 5, replace=False)
    future.loc[changed, "emotion"] = rng.integers(-3, 4, len(changed)).astype(float)
    future.loc[changed, "reach"] = rng.integers(100, 10_000, len(changed))
    for i in rng.choice(len(future) - 1, 5, replace=False):
        if future.loc[i, "stage"] == future.loc[i + 1, "stage"]:
            future.iloc[[i, i + 1]] = future.iloc[[i + 1, i]].to_numpy()
    # Each new step right after a step of the same stage.
    after = np.sort(rng.choice(len(future), n // 10, replace=False))
    added = future.iloc[after].assign(step=[f"New step {k + 1}" for k in range(len(after))])
    order = np.argsort(np.r_[np.arange(len(future)), after + 0.5], kind="stable")
    return pd.concat([future, added]).iloc[order].reset_index(drop=True)


def compared() -> JourneyMap:
    current = journey(20, 15)
    return JourneyMap.compare(current, future_of(current))


def edit_ms(m: JourneyMap, repeats: int = 15) -> list[float]:
    """A one-cell edit applied as a view's op is (the journey and its comparison re-sent)."""
    target = int(m._state.ids[-1])
    times = []
    m.send = lambda *a, **k: None  # type: ignore[method-assign]  # no view to send to
    for k in range(repeats):
        t0 = time.perf_counter()
        m._apply({"kind": "set_cell", "id": target, "column": "action", "value": f"edit {k}"})
        times.append((time.perf_counter() - t0) * 1000)
    return times


SETUP = f"""import sys
sys.path.insert(0, {str(ROOT)!r})
from benchmarks.bench_compare import compared
from benchmarks.bench_map import journey
from cjm_widgets import JourneyMap
both = compared()
m300 = JourneyMap(journey(20, 15))
m600 = JourneyMap(journey(20, 30))
print(len(both.data), both.states)"""


def load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    from playwright.sync_api import sync_playwright

    print("Current/future comparison benchmark: JupyterLab + headless Chromium on this machine")
    print(f"load average at start: {load()} (1, 5, 15 min; {os.cpu_count()} cores)\n")
    built_both = build_ms(compared, repeats=5)
    built_600 = build_ms(lambda: JourneyMap(journey(20, 30)), repeats=5)
    edit_both = edit_ms(compared())
    edit_600 = edit_ms(JourneyMap(journey(20, 30)))
    with common.running_lab() as lab, sync_playwright() as p:
        browser = common.launch_chromium(p)
        page = browser.new_page(viewport={"width": 1500, "height": 950})
        lab.write_notebook("bench_compare.ipynb", [SETUP, "both", "m300", "m600"])
        common.open_notebook(page, lab, "bench_compare.ipynb")
        page.evaluate(watch(".cjm-map table"))
        common.run_cell(page, 0)
        common.wait_for_idle_kernel(page, 120_000)
        time.sleep(1.0)
        # Interleaved, so the machine's load weighs on each alike.
        render_both: list[float] = []
        render_300: list[float] = []
        render_600: list[float] = []
        for _ in range(5):
            render_both += first_renders(page, 1, runs=1)
            render_300 += first_renders(page, 2, runs=1)
            render_600 += first_renders(page, 3, runs=1)
        shown = page.locator("table.cjm-compare").count()
        browser.close()

    assert shown > 0, "the comparison view was not drawn"
    line("first render, comparison view, 2 x 300 steps x 10 lanes", render_both, 150)
    line("first render, one state, 300 steps x 10 lanes (peer)", render_300)
    line("first render, one state, 600 steps x 10 lanes (peer)", render_600)
    median = float(np.median(render_both))
    print(
        f"  comparison / 300-step map: {median / np.median(render_300):.2f}x;"
        f" comparison / 600-step map: {median / np.median(render_600):.2f}x"
    )
    line("JourneyMap.compare(current, future), 2 x 300 steps", built_both)
    line("JourneyMap(df), 600 steps (peer)", built_600)
    line("one-cell edit with the comparison again, 2 x 300 steps", edit_both)
    line("one-cell edit, one state, 600 steps (peer)", edit_600)
    print(f"\nload average at end: {load()}")


if __name__ == "__main__":
    main()
