"""A view built again in a new language lets the old one go: a person switches the curve, the
flow and the map to French and back, and nothing keeps watching the views they replaced."""

from __future__ import annotations

import ast
from typing import Any

from .lab import Lab, open_notebook, run_cell, wait_for_file

# Every ResizeObserver of the page, with what it still observes: a detached element inside a
# widget's view, still observed, is a view kept alive (and drawn again when it is resized).
WATCH_OBSERVERS = """(() => {
  const Native = window.ResizeObserver;
  if (!Native) return;
  const watched = new Map();
  window.__cjmObserved = () => {
    const views = ".cjm-emotion-curve, .cjm-flow, .cjm-map";
    let live = 0, detached = 0;
    for (const targets of watched.values()) {
      for (const t of targets) {
        if (!t.closest || !t.closest(views)) continue;
        if (t.isConnected) live += 1; else detached += 1;
      }
    }
    return { live, detached };
  };
  window.ResizeObserver = class extends Native {
    constructor(callback) { super(callback); watched.set(this, new Set()); }
    observe(target, options) {
      watched.get(this).add(target);
      return super.observe(target, options);
    }
    unobserve(target) { watched.get(this).delete(target); return super.unobserve(target); }
    disconnect() { watched.get(this).clear(); return super.disconnect(); }
  };
})();"""

SETUP = """import pandas as pd
from IPython.display import display
from cjm_widgets import EmotionCurve, JourneyFlow, JourneyMap
steps = pd.DataFrame(
    {
        "stage": ["Discover", "Discover", "Buy", "Buy"],
        "step": ["See ad", "Compare", "Pay", "Unbox"],
        "emotion": [1, -1, -2, 2],
    }
)
walks = pd.DataFrame(
    {
        "from_step": ["See ad", "Compare", "Pay"],
        "to_step": ["Compare", "Pay", "Unbox"],
        "count": [9, 6, 5],
    }
)
c = EmotionCurve(steps)
f = JourneyFlow(walks, steps=steps)
m = JourneyMap(steps)
display(c, f, m)"""


def speak(lang: str) -> str:
    return f'for w in (c, f, m):\n    w.lang = "{lang}"'


CHECK = "open('langs.txt', 'w').write(repr([w.lang for w in (c, f, m)]))"


def observed(page: Any) -> dict[str, int]:
    return dict(page.evaluate("window.__cjmObserved()"))


def shown_in(page: Any, curve: str, flow: str) -> None:
    """Wait until the curve and the flow are drawn again, once each, with these names (the
    curve's goes on with the line it shows)."""
    page.wait_for_function(
        """([curve, flow]) => {
          const curves = document.querySelectorAll(".cjm-emotion-curve .cjm-plot");
          const flows = document.querySelectorAll(".cjm-flow .cjm-flow-plot");
          return curves.length === 1 && flows.length === 1
            && curves[0].getAttribute("aria-label").startsWith(curve)
            && flows[0].getAttribute("aria-label") === flow;
        }""",
        arg=[curve, flow],
        timeout=30_000,
    )


def test_a_new_language_leaves_no_old_view_observed(page: Any, lab: Lab) -> None:
    page.add_init_script(WATCH_OBSERVERS)
    lab.write_notebook("dispose.ipynb", [SETUP, speak("fr"), speak("en"), CHECK])
    open_notebook(page, lab, "dispose.ipynb")
    run_cell(page, 0)
    for selector in (".cjm-emotion-curve .cjm-plot", ".cjm-flow-node", ".cjm-map table"):
        page.wait_for_selector(selector, timeout=60_000)
    first = observed(page)
    assert first["live"] >= 2, first  # the curve and the flow watch their size
    assert first["detached"] == 0, first

    run_cell(page, 1)
    shown_in(page, "Courbe des émotions", "Transitions entre étapes")
    run_cell(page, 2)
    shown_in(page, "Emotion curve", "Transitions between steps")
    # The window changes size: only the views shown are told.
    page.set_viewport_size({"width": 1100, "height": 800})
    page.wait_for_timeout(300)
    last = observed(page)
    assert last["detached"] == 0, last
    assert last["live"] == first["live"], (first, last)
    assert page.js_errors == []

    out = lab.root / "langs.txt"
    out.unlink(missing_ok=True)
    run_cell(page, 3)
    wait_for_file(out)
    assert ast.literal_eval(out.read_text()) == ["en", "en", "en"]
