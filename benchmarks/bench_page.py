"""Pages with no kernel: how fast ``to_html`` writes one and Chromium draws it, and how big.

Prints, for a map of 3,000 steps x 12 lanes:
- ``to_html`` (floor, saved state, renderer inlined, atomic write), beside two peers run on
  the same widget or table in the same run: ipywidgets' ``embed_minimal_html`` (whose page
  needs require.js and the widget manager from a CDN to show anything) and pandas'
  ``DataFrame.to_html`` (a bare table);
- the page's first render in headless Chromium, opened from disk with every http(s)
  request aborted: navigation start -> the map's grid painted;
and the size of the tour map's page (``templates.retail_journey``, two personas).

Run: ``.venv/bin/python benchmarks/bench_page.py``. Not a test: figures vary with the machine.
"""

from __future__ import annotations

import os
import re
import statistics
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_map import build_ms, journey  # noqa: E402

from cjm_widgets import JourneyMap  # noqa: E402
from cjm_widgets.templates import retail_journey  # noqa: E402
from tests.browser.lab import launch_chromium  # noqa: E402

# Records when the first map grid is painted: the frame after it enters the document.
PAINTED = """
window.__cjmPainted = new Promise((resolve) => {
  const seen = () => document.querySelector(".cjm-static-view .cjm-grid");
  const observer = new MutationObserver(() => {
    if (!seen()) return;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0));
  });
  observer.observe(document, { childList: true, subtree: true });
});
"""


def big_map() -> JourneyMap:
    df = journey(20, 150)
    rng = np.random.default_rng(1)
    df["moment_of_truth"] = np.where(rng.random(len(df)) < 0.05, "one-off", None)
    df["exit_rate"] = rng.uniform(0, 0.4, len(df)).round(3)
    return JourneyMap(df, title="3,000 steps")


def line(label: str, values: list[float], target: float | None = None) -> float:
    median = statistics.median(values)
    extra = f"  target <= {target:g} ms: {median / target:.2f}x of target" if target else ""
    print(f"{label:<52} median {median:8.1f} ms  (n={len(values)}){extra}")
    return median


def first_renders(path: Path, runs: int) -> list[float]:
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as p:
        browser = launch_chromium(p)
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            context.route(re.compile(r"^(https?|wss?)://"), lambda route: route.abort())
            page = context.new_page()
            page.add_init_script(PAINTED)
            page.goto(path.as_uri())
            out.append(float(page.evaluate("window.__cjmPainted")))
            context.close()
        browser.close()
    return out


def main() -> None:
    from ipywidgets.embed import embed_minimal_html

    print("Pages with no kernel: cjm_widgets.to_html on this machine")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
    m = big_map()
    frame = m.data
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        ours = line(
            "to_html, 3,000 steps x 12 lanes",
            build_ms(lambda: m.to_html(out / "map.html"), 9),
            target=300,
        )
        embed = line(
            "  peer: ipywidgets embed_minimal_html (needs a CDN)",
            build_ms(lambda: embed_minimal_html(out / "embed.html", [m], drop_defaults=False), 9),
        )
        bare = line(
            "  peer: pandas DataFrame.to_html (a bare table)",
            build_ms(lambda: (out / "bare.html").write_text(frame.to_html()), 9),
        )
        print(f"{'':<52} ours / embed {ours / embed:.2f}x, ours / to_html {ours / bare:.2f}x")
        size = (out / "map.html").stat().st_size
        print(f"{'  page size, 3,000 steps':<52} {size / 1024:8.1f} KB\n")

        line(
            "first render from disk, 3,000 steps (navigation -> grid)",
            first_renders(out / "map.html", 7),
            target=300,
        )
        tour = JourneyMap(retail_journey(), persona="persona", title="Retail journey")
        tour_size = tour.to_html(out / "tour.html").stat().st_size
        print(f"{'tour map page size':<52} {tour_size / 1024:8.1f} KB  target <= 150 KB")
    print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
