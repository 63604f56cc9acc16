"""Two views of one map, two people: how soon each sees the other's work.

Two browser contexts (two people) on one JupyterLab and one kernel show the same map of
20 stages x 300 steps x 10 lanes. Prints:
- edit shown in the other view: Enter pressed in a cell in view A -> view B redrawn with it
  (browser wall clocks of one machine), beside the same edit shown in A itself and applied in
  the kernel;
- conflict answered: Enter pressed in A on a cell B changed since A's editor opened -> A's
  editor shows the value there now and the three choices. B's value has reached A before
  Enter, so A knows of the conflict and shows it around its open editor without asking the
  kernel (a change still on its way is refused by the kernel and answered a round trip later).

- the peer, the host's own floor: the same two pages, where A types into an ipywidgets
  ``Text`` and presses Enter, and the kernel puts the text into an ipywidgets ``HTML`` that B
  shows (one trait in, one trait out: the least any widget's edit costs between two pages on
  one kernel, with the kernel's busy and idle status around each message). Map and peer edits
  alternate in rounds, so both meet the same load.

Both pages' clocks are the machine's wall clock (their offset is printed). Each edit starts
once the one before has settled: half a second after a burst of edits the kernel sends the
views the whole journey (wire.SYNC_AFTER_S), and an edit typed at the harness's pace would
otherwise meet that sync in most runs, which people typing at theirs seldom do.

Run: ``.venv/bin/python benchmarks/bench_views.py``. Not a test: figures vary with the machine
and its load (printed).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # see _common

import benchmarks._common as common
from benchmarks._common import ROOT
from benchmarks.bench_map import line
from cjm_widgets.widgets.wire import SYNC_AFTER_S

SETUP = f"""import json, sys, time
sys.path.insert(0, {str(ROOT)!r})
from benchmarks.bench_map import journey
from cjm_widgets import JourneyMap
m = JourneyMap(journey(20, 15))
applied = []
m.on_edit(lambda e: applied.append(time.time() * 1000))
m"""

PEER = """import ipywidgets as widgets
peer_text = widgets.Text(continuous_update=False, description="Peer")
peer_html = widgets.HTML("(nothing yet)")
peer_text.observe(lambda change: setattr(peer_html, "value", change["new"]), "value")
peer = widgets.VBox([peer_text, peer_html])
peer"""

# Wall-clock times (ms) of: Enter pressed in a cell editor; the map redrawn (its revision
# changed) and painted; a conflict's choices shown and painted; the same for the peer (Enter
# in its text box, its HTML changed and painted).
WATCH = """() => {
  window.__enter = []; window.__redrawn = []; window.__conflict = [];
  window.__peerEnter = []; window.__peerShown = [];
  const now = () => performance.timeOrigin + performance.now();
  const later = (list) => requestAnimationFrame(() => setTimeout(() => list.push(now()), 0));
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && e.target.classList?.contains('cjm-editor')) {
      window.__enter.push(performance.timeOrigin + e.timeStamp);
    }
    if (e.key === 'Enter' && e.target.closest?.('.widget-text')) {
      window.__peerEnter.push(performance.timeOrigin + e.timeStamp);
    }
  }, true);
  new MutationObserver((records) => {
    if (records.some((r) => r.target.closest?.('.widget-html-content'))) later(window.__peerShown);
    for (const r of records) {
      if (r.type === 'attributes') later(window.__redrawn);
      for (const n of r.addedNodes ?? []) {
        if (n.nodeType === 1 && n.matches('.cjm-conflict')) later(window.__conflict);
      }
    }
  }).observe(document.body, { childList: true, subtree: true, attributes: true,
                              attributeFilter: ['data-revision'] });
}"""


#: How long an edit takes to settle: the whole journey sent after it, and drawn.
SETTLE_S = SYNC_AFTER_S + 0.3
CLOCK = "() => Date.now() - (performance.timeOrigin + performance.now())"
AUTOSAVE_OFF = """async () => {
  const commands = window.jupyterapp.commands, toggle = 'docmanager:toggle-autosave';
  if (commands.isToggled(toggle)) await commands.execute(toggle);
  return commands.isToggled(toggle);
}"""


def cell(page: Any, col: int) -> Any:
    return page.locator(f'.cjm-map tr[data-lane="action"] td[data-col="{col}"]')


def revision(page: Any) -> int:
    return int(page.locator(".cjm-map").get_attribute("data-revision"))


def wait_until(page: Any, predicate: str, timeout: float = 20.0) -> None:
    """Wait for a JS expression to hold, asking from Python every 20 ms: Playwright's own wait
    asks in the page at every animation frame, work of the harness's own in the timed span."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(predicate):
        if time.monotonic() > deadline:
            raise TimeoutError(f"still false after {timeout:.0f} s: {predicate}")
        time.sleep(0.02)


def wait_revision(page: Any, above: int) -> None:
    wait_until(page, f"Number(document.querySelector('.cjm-map').dataset.revision) > {above}")


def edit(page: Any, col: int, text: str) -> None:
    cell(page, col).dblclick()
    page.keyboard.press("Control+a")
    page.keyboard.type(text)


def shown_elsewhere(a: Any, b: Any, edits: int) -> tuple[list[float], list[float]]:
    """Enter in A -> B redrawn, and -> A redrawn (the same edit in its own view), per edit."""
    there, here = [], []
    for i in range(edits):
        seen_b, seen_a = (
            b.evaluate("window.__redrawn.length"),
            a.evaluate("window.__redrawn.length"),
        )
        before = revision(b)
        edit(a, i % 4, f"from A {i}")
        a.keyboard.press("Enter")
        wait_revision(b, before)
        wait_until(b, f"window.__redrawn.length > {seen_b}")
        wait_until(a, f"window.__redrawn.length > {seen_a}")
        enter = a.evaluate("window.__enter.at(-1)")
        there.append(b.evaluate("window.__redrawn.at(-1)") - enter)
        here.append(a.evaluate("window.__redrawn.at(-1)") - enter)
        time.sleep(SETTLE_S)
    return there, here


def peer_shown(a: Any, b: Any, edits: int) -> list[float]:
    """Enter in A's ipywidgets Text -> B's ipywidgets HTML shows the text, per edit."""
    out = []
    b.locator(".widget-html").scroll_into_view_if_needed()
    box = a.locator(".widget-text input")
    for i in range(edits):
        seen = b.evaluate("window.__peerShown.length")
        box.click()
        a.keyboard.press("Control+a")
        a.keyboard.type(f"from A {i}")
        a.keyboard.press("Enter")
        wait_until(b, f"window.__peerShown.length > {seen}")
        out.append(
            b.evaluate("window.__peerShown.at(-1)") - a.evaluate("window.__peerEnter.at(-1)")
        )
        time.sleep(SETTLE_S)
    b.locator(".cjm-map table").scroll_into_view_if_needed()
    return out


def conflicts(a: Any, b: Any, runs: int) -> list[float]:
    """Enter in A on a cell B changed since A's editor opened -> A shows the conflict."""
    out = []
    for i in range(runs):
        col = 4 + i % 4
        edit(a, col, f"mine {i}")
        before = revision(a)
        edit(b, col, f"theirs {i}")
        b.keyboard.press("Enter")
        wait_revision(a, before)  # B's value has reached A (A's editor stays open)
        time.sleep(SETTLE_S)
        shown = a.evaluate("window.__conflict.length")
        a.keyboard.press("Enter")
        wait_until(a, f"window.__conflict.length > {shown}")
        out.append(a.evaluate("window.__conflict.at(-1)") - a.evaluate("window.__enter.at(-1)"))
        a.locator(".cjm-conflict-theirs").click()
        a.locator(".cjm-conflict").wait_for(state="detached", timeout=20_000)
        time.sleep(SETTLE_S)
    return out


def main() -> None:
    from playwright.sync_api import sync_playwright

    print("Views benchmark: two people on one JupyterLab kernel, headless Chromium\n")
    with common.running_lab() as lab, sync_playwright() as p:
        browser = common.launch_chromium(p)
        # A shows the peer and the map from cells 0 and 2, B from cells 1 and 3.
        lab.write_notebook(
            "views.ipynb",
            [PEER, "peer", SETUP, "m", "json.dump(applied, open('applied.json', 'w'))"],
        )
        a, b = (
            browser.new_context(viewport={"width": 1500, "height": 950}).new_page()
            for _ in range(2)
        )
        for page, index in ((a, 2), (b, 3)):
            common.open_notebook(page, lab, "views.ipynb")
            # Two pages saving one notebook: the second to save would ask, in a dialog over
            # the map, which copy to keep (a run outlasts the 2-minute autosave). The setting
            # is the server's: off from A, B opens with it off.
            if page.evaluate(AUTOSAVE_OFF):
                raise RuntimeError("JupyterLab's autosave is still on")
            page.evaluate(WATCH)
            common.run_cell(page, index - 2)  # the peer (B shows A's)
            page.wait_for_selector(".widget-html", timeout=120_000)
            common.wait_for_idle_kernel(page, 120_000)
            common.run_cell(page, index)
            page.wait_for_selector(".cjm-map table", timeout=120_000)
            common.wait_for_idle_kernel(page, 120_000)
        time.sleep(1.0)
        # The pages' clocks, each against the wall clock: the A -> B times subtract one from
        # the other.
        skew = abs(a.evaluate(CLOCK) - b.evaluate(CLOCK))
        shown: list[float] = []
        own: list[float] = []
        peer: list[float] = []
        for _round in range(4):  # map and peer edits in turn, under the same load
            there, here = shown_elsewhere(a, b, edits=10)
            shown += there
            own += here
            peer += peer_shown(a, b, edits=10)
        common.run_cell(a, 4)
        common.wait_for_file(lab.root / "applied.json")
        enters = a.evaluate("window.__enter")
        times = json.loads((lab.root / "applied.json").read_text())
        kernel = [t - e for t, e in zip(times, enters, strict=True)]
        answered = conflicts(a, b, runs=30)
        browser.close()
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    line("edit in view A -> shown in view B (300 steps)", shown, 50)
    line("peer: ipywidgets Text in A -> HTML shown in B", peer)
    ratio = statistics.median(shown) / statistics.median(peer)
    print(f"{'the map edit / the peer (medians)':<58} {ratio:.2f}x")
    line("the same edit -> shown in view A itself (for comparison)", own)
    line("the same edit -> applied in the kernel (on_edit)", kernel)
    line("conflict: Enter in A -> A shows theirs and the choices", answered, 50)
    print(f"\nclocks of pages A and B apart by {skew:.2f} ms")
    print(f"load average (1, 5, 15 min) at the end: {load} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
