"""EmotionCurve speed, from one run in headless Chromium against a real JupyterLab kernel.

Prints:
- first render (view created -> first painted frame) for 5 personas x 500 steps, with
  survey evidence on a third of the steps (2,500 points, bands and labels);
- drag round trip over 40 drags in that curve: the last pointer move (where the value is
  final) -> the value in the kernel's DataFrame (browser and kernel wall clocks, same
  machine), and -> the curve redrawn; the wait of the ~20-a-second throttle is included;
- a one-second drag on an unsnapped curve: pointer moves made, updates that reached the kernel;
- Python-side ``EmotionCurve(df, evidence=...)`` construction for the same table.

Run: ``.venv/bin/python benchmarks/bench_curve.py``. Not a test: figures vary with the machine.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # see _common

import benchmarks._common as common
from benchmarks._common import ROOT
from benchmarks.bench_map import build_ms, first_renders, line, watch
from cjm_widgets import EmotionCurve

PERSONAS = ["Busy parent", "Bargain hunter", "First-time buyer", "Loyal member", "Gift giver"]


def journey(steps: int = 500, seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Five personas over the same `steps` steps in 20 stages, and survey answers."""
    rng = np.random.default_rng(seed)
    rows, answers = [], []
    for p, persona in enumerate(PERSONAS):
        walk = np.clip(np.cumsum(rng.normal(0, 0.8, steps)), -3, 3).round()
        for i in range(steps):
            rows.append((persona, f"Stage {i * 20 // steps + 1}", f"Step {i + 1}", float(walk[i])))
            if (i + p) % 3 == 0:
                scores = np.clip(rng.normal(walk[i], 1.2, 12).round(), -3, 3)
                answers.extend((persona, f"Step {i + 1}", float(s)) for s in scores)
    frame = pd.DataFrame(rows, columns=["persona", "stage", "step", "emotion"])
    frame["moment_of_truth"] = [("one-off" if i % 97 == 0 else None) for i in range(len(frame))]
    return frame, pd.DataFrame(answers, columns=["persona", "step", "score"])


def construction_ms(repeats: int = 9) -> list[float]:
    frame, answers = journey()
    return build_ms(lambda: EmotionCurve(frame, persona="persona", evidence=answers), repeats)


SETUP = f"""import sys, time
sys.path.insert(0, {str(ROOT)!r})
from benchmarks.bench_curve import journey
from cjm_widgets import EmotionCurve
frame, answers = journey()
c = EmotionCurve(frame, persona="persona", evidence=answers, line="assumed")
applied = []
c.on_edit(lambda e: applied.append((time.time() * 1000, e.new)))
# Unsnapped, so every pointer move is a new value and only the throttle limits the updates.
small, _ = journey(steps=20)
free = EmotionCurve(small, persona="persona", snap=False)
moved = []
free.on_edit(lambda e: moved.append((time.time() * 1000, e.new)))"""

# A drag's value is final at its last pointer move: time the round trip from there.
RELEASE = """window.__up = [];
  let lastMove = 0;
  window.addEventListener('pointermove', (e) => { lastMove = e.timeStamp; }, true);
  window.addEventListener('pointerup', (e) => {
    window.__up.push(performance.timeOrigin + (lastMove || e.timeStamp));
  }, true);"""


def point_center(page, label: str) -> tuple[float, float]:
    dot = page.locator(f'.cjm-emotion-curve circle[aria-label="{label}"]').last
    # Centred, not just "in view": a point at the scroller's edge can sit under the axis.
    dot.evaluate("el => el.scrollIntoView({block: 'center', inline: 'center'})")
    for _ in range(100):  # a scroll redraws the window of points: wait for the new ones
        box = dot.bounding_box()
        if box is not None:
            return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        page.wait_for_timeout(20)
    raise TimeoutError(f"point {label!r} is not on screen")


def tick_y(page, value: int) -> float:
    sign = "+" if value > 0 else "\u2212"
    text = "0" if value == 0 else f"{sign}{abs(value)}"
    box = page.locator(".cjm-emotion-curve text.cjm-tick", has_text=text).last.bounding_box()
    return box["y"] + box["height"] / 2


def value_of(page, label: str) -> str | None:
    return page.locator(f'.cjm-emotion-curve circle[aria-label="{label}"]').last.get_attribute(
        "aria-valuenow"
    )


def drags(page, count: int) -> list[tuple[str, float]]:
    """Drag points to new whole values, quickly (3 moves); return (label, value) per drag."""
    frame, _ = journey()
    # Points no other persona shares at that step, so the press grabs the intended one.
    shared = frame.duplicated(["step", "emotion"], keep=False)
    early = frame["step"].str[5:].astype(int) <= 25
    picks = frame[~shared & early].head(count)
    done = []
    for row in picks.itertuples():
        label = f"{row.step}, {row.stage}, {row.persona}"
        now = float(value_of(page, label))
        target = -2 if now >= 0 else 2
        x, y0 = point_center(page, label)
        y1 = tick_y(page, target)
        page.mouse.move(x, y0)
        page.mouse.down()
        for k in (1, 2, 3):
            page.mouse.move(x, y0 + (y1 - y0) * k / 3)
        page.mouse.up()
        page.wait_for_function(
            f"[...document.querySelectorAll('.cjm-emotion-curve circle[aria-label=\"{label}\"]')]"
            f".at(-1).getAttribute('aria-valuenow') === '{target}'",
            timeout=20_000,
        )
        page.wait_for_timeout(120)
        done.append((label, float(target)))
    return done


def slow_drag(page) -> int:
    """One point of the unsnapped curve dragged up and down for about a second.

    Returns how many pointer moves the drag made.
    """
    label = f"Step 10, Stage 10, {PERSONAS[-1]}"  # drawn last: on top if points meet
    x, y0 = point_center(page, label)
    top, bottom = tick_y(page, 3), tick_y(page, -3)
    page.mouse.move(x, y0)
    page.mouse.down()
    start = time.perf_counter()
    k = 0
    while time.perf_counter() - start < 1.0:
        k += 1
        page.mouse.move(x, top + (bottom - top) * (0.5 + 0.5 * np.sin(k / 6)))
        page.wait_for_timeout(5)
    page.mouse.up()
    page.wait_for_timeout(500)
    return k


def main() -> None:
    from playwright.sync_api import sync_playwright

    print("EmotionCurve benchmark: JupyterLab + headless Chromium on this machine\n")
    built = construction_ms()
    with common.running_lab() as lab, sync_playwright() as p:
        browser = common.launch_chromium(p)
        page = browser.new_page(viewport={"width": 1500, "height": 950})
        lab.write_notebook(
            "bench.ipynb",
            [
                SETUP,
                "c",
                "import json; json.dump(applied, open('applied.json', 'w')); applied.clear()",
                "free",
                "json.dump(moved, open('moved.json', 'w'))",
            ],
        )
        common.open_notebook(page, lab, "bench.ipynb")
        page.evaluate(watch(".cjm-emotion-curve", RELEASE))
        common.run_cell(page, 0)
        common.wait_for_idle_kernel(page, 120_000)
        time.sleep(1.0)
        renders = first_renders(page, 1, runs=7, mark="cjm-curve:render")
        ups_before = page.evaluate("window.__up.length")
        done = drags(page, 40)
        ups = page.evaluate("window.__up")[ups_before:]
        redrawn = page.evaluate("window.__redrawn")
        common.run_cell(page, 2)
        common.wait_for_file(lab.root / "applied.json")
        applied = json.loads((lab.root / "applied.json").read_text())
        common.run_cell(page, 3)
        page.wait_for_timeout(1500)
        moves = slow_drag(page)
        common.run_cell(page, 4)
        common.wait_for_file(lab.root / "moved.json")
        slow = json.loads((lab.root / "moved.json").read_text())
        browser.close()

    kernel, drawn = [], []
    for (_, value), up in zip(done, ups, strict=True):
        landed = [t for t, new in applied if new == value and t >= up - 5]
        kernel.append(landed[0] - up)
        drawn.append(next(r for r in redrawn if r >= landed[0]) - up)
    line("first render, 5 personas x 500 steps (2,500 points)", renders, 100)
    line("drag round trip: last move -> value in kernel DataFrame", kernel, 50)
    line("drag round trip: last move -> curve redrawn", drawn)
    span = (slow[-1][0] - slow[0][0]) / 1000 if len(slow) > 1 else 1.0
    print(
        f"{'a 1 s drag (snap=False): pointer moves -> kernel updates':<58} {moves} -> "
        f"{len(slow)} in {span:.2f} s ({len(slow) / max(span, 1e-9):.1f} per second; "
        f"at most about 20 wanted)"
    )
    line("EmotionCurve(df, evidence=...) construction, 2,500 rows", built)


if __name__ == "__main__":
    main()
