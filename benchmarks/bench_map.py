"""JourneyMap speed, from one run in headless Chromium against a real JupyterLab kernel.

Prints:
- first render (view created -> first painted frame) for 20 stages x 300 steps x 10 lanes,
  and for 3,000 steps;
- edit round trip over 100 edits: Enter pressed in a cell -> the DataFrame changed in the
  kernel (browser and kernel wall clocks, same machine), and -> the map redrawn;
- Python-side ``JourneyMap(df)`` construction for 10,000 rows.

Run: ``.venv/bin/python benchmarks/bench_map.py``. Not a test: figures vary with the machine.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # see _common

import benchmarks._common as common
from benchmarks._common import ROOT
from cjm_widgets import JourneyMap

CHANNELS = ["web", "app", "store", "phone", "email", "chat", "social", "mail"]


def journey(stages: int, steps_per_stage: int, seed: int = 0) -> pd.DataFrame:
    """A synthetic journey: stages x steps, with 10 lanes of every kind."""
    rng = np.random.default_rng(seed)
    n = stages * steps_per_stage
    words = np.array(["slow", "clear", "price", "wait", "help", "form", "card", "stock"])
    text = [" ".join(rng.choice(words, 4)) for _ in range(n)]
    return pd.DataFrame(
        {
            "stage": np.repeat([f"Stage {s + 1}" for s in range(stages)], steps_per_stage),
            "step": [f"Step {i + 1}" for i in range(n)],
            "action": text,
            "channel": rng.choice(CHANNELS, n),
            "thought": text[::-1],
            "emotion": rng.integers(-3, 4, n).astype(float),
            "pain": [t + "\n" + t[:9] if i % 3 == 0 else None for i, t in enumerate(text)],
            "gain": [t if i % 4 == 0 else None for i, t in enumerate(text)],
            "opportunity": [t if i % 5 == 0 else None for i, t in enumerate(text)],
            "owner": rng.choice(["CX", "IT", "Stores", "Marketing"], n),
            "reach": rng.integers(100, 10_000, n),
            "csat": rng.uniform(1, 5, n).round(1),
        }
    )


def build_ms(build: Callable[[], Any], repeats: int = 9) -> list[float]:
    """Milliseconds per call of ``build``, after one call that warms imports and caches."""
    build()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        build()
        times.append((time.perf_counter() - t0) * 1000)
    return times


def construction_ms(rows: int, repeats: int = 9) -> list[float]:
    frame = journey(rows // 500, 500)
    return build_ms(lambda: JourneyMap(frame), repeats)


SETUP = f"""import json, sys, time
sys.path.insert(0, {str(ROOT)!r})
from benchmarks.bench_map import journey
from cjm_widgets import JourneyMap
m300 = JourneyMap(journey(20, 15))
m3000 = JourneyMap(journey(20, 150))
applied = []
m300.on_edit(lambda e: applied.append(time.time() * 1000))"""


def watch(selector: str, extra: str = "") -> str:
    """A script for the page, run before any widget is shown: when an element matching
    `selector` appears, note the time after the next painted frame; when a widget's revision
    changes, likewise. `extra` adds listeners of the caller's."""
    return f"""() => {{
  window.__painted = [];
  window.__redrawn = [];
  const later = (push) => requestAnimationFrame(() => setTimeout(push, 0));
  new MutationObserver((records) => {{
    for (const r of records) {{
      if (r.type === 'childList') {{
        for (const n of r.addedNodes) {{
          if (n.nodeType === 1 && (n.matches('{selector}') || n.querySelector?.('{selector}'))) {{
            later(() => window.__painted.push(performance.now()));
          }}
        }}
      }} else if (r.type === 'attributes' && r.attributeName === 'data-revision') {{
        later(() => window.__redrawn.push(performance.timeOrigin + performance.now()));
      }}
    }}
  }}).observe(document.body, {{ childList: true, subtree: true, attributes: true,
                              attributeFilter: ['data-revision'] }});
  {extra}
}}"""


# The time Enter was pressed in a map's cell editor.
ENTER = """window.__enter = [];
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && e.target.classList?.contains('cjm-editor')) {
      window.__enter.push(performance.timeOrigin + e.timeStamp);
    }
  }, true);"""


def first_renders(page, cell: int, runs: int, mark: str = "cjm-map:render") -> list[float]:
    """Run a cell showing a widget `runs` times; each run is a fresh view's first render."""
    out = []
    for _ in range(runs):
        marks = page.evaluate(f"performance.getEntriesByName('{mark}').length")
        painted = page.evaluate("window.__painted.length")
        common.run_cell(page, cell)
        page.wait_for_function(
            f"performance.getEntriesByName('{mark}').length > {marks}"
            f" && window.__painted.length > {painted}",
            timeout=120_000,
        )
        start = page.evaluate(f"performance.getEntriesByName('{mark}').at(-1).startTime")
        end = page.evaluate("window.__painted.at(-1)")
        out.append(end - start)
    return out


def round_trips(page, lab, edits: int) -> tuple[list[float], list[float]]:
    grid = page.locator(".cjm-map").first
    for i in range(edits):
        revision = int(grid.get_attribute("data-revision"))
        grid.locator(f'tr[data-lane="action"] td[data-col="{i % 4}"]').dblclick()
        page.keyboard.type(f"edited {i}")
        page.keyboard.press("Enter")
        page.wait_for_function(
            f"Number(document.querySelector('.cjm-map').dataset.revision) > {revision}"
            f" && window.__redrawn.length >= {i + 1}",
            timeout=20_000,
        )
    common.run_cell(page, 3)
    out = lab.root / "applied.json"
    common.wait_for_file(out)
    applied = json.loads(out.read_text())
    enter = page.evaluate("window.__enter")
    redrawn = page.evaluate("window.__redrawn")
    assert len(applied) == len(enter) == edits, (len(applied), len(enter))
    kernel = [a - e for a, e in zip(applied, enter, strict=True)]
    drawn = [r - e for r, e in zip(redrawn[-edits:], enter, strict=True)]
    return kernel, drawn


def p95(values: list[float]) -> float:
    return float(np.percentile(values, 95))


def line(label: str, values: list[float], target: float | None = None, unit: str = "ms") -> None:
    median = statistics.median(values)
    extra = f"  target <= {target:g} {unit}: {median / target:.2f}x of target" if target else ""
    print(
        f"{label:<58} median {median:8.1f} {unit}  p95 {p95(values):8.1f} {unit}"
        f"  (n={len(values)}){extra}"
    )


def main() -> None:
    from playwright.sync_api import sync_playwright

    print("JourneyMap benchmark: JupyterLab + headless Chromium on this machine\n")
    built = construction_ms(10_000)
    with common.running_lab() as lab, sync_playwright() as p:
        browser = common.launch_chromium(p)
        page = browser.new_page(viewport={"width": 1500, "height": 950})
        lab.write_notebook(
            "bench.ipynb",
            [SETUP, "m300", "m3000", "json.dump(applied, open('applied.json', 'w'))"],
        )
        common.open_notebook(page, lab, "bench.ipynb")
        page.evaluate(watch(".cjm-map", ENTER))
        common.run_cell(page, 0)
        common.wait_for_idle_kernel(page, 120_000)
        time.sleep(1.0)
        render300 = first_renders(page, 1, runs=7)
        kernel, drawn = round_trips(page, lab, edits=100)
        render3000 = first_renders(page, 2, runs=5)
        browser.close()

    line("first render, 20 stages x 300 steps x 10 lanes", render300, 150)
    line("first render, 20 stages x 3,000 steps x 10 lanes", render3000, 1500)
    line("edit round trip: Enter -> DataFrame changed in kernel", kernel, 50)
    line("edit round trip: Enter -> map redrawn (300 steps)", drawn)
    line("JourneyMap(df) construction, 10,000 rows x 12 columns", built, 200)


if __name__ == "__main__":
    main()
