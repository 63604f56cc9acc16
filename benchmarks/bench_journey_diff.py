"""journey_diff on two states of a 10,000-step map, against pandas merge + compare by hand.

The current state: bench_keep's journey, 20 stages x 500 steps (categorical stage, a persona
column, 12 lanes of every kind). The future state, made from it: 3% of the steps removed,
3% added, 10% with one lane changed, 1% swapped with the next step, 1% in another stage, and
the ``reach`` column turned from int to float (the same values).

Timed in turns, 15 rounds after a warm-up one (each figure a median), so that all meet the
same load:

- ours: ``journey_diff(current, future, persona="persona")``, one row per step (match, LCS of
  the common order, positions, changed columns, deltas), and with ``cells=True``;
- by hand, as teams compare states today: ``merge(how="outer", indicator=True)`` on persona
  and step, then ``DataFrame.compare`` of the lanes of the matched rows. It finds added,
  removed and changed steps but neither moves nor positions, and calls an int 3 and a float
  3.0 equal only because ``compare`` does.

Then the CPU time of each, which a busy machine does not inflate. Target: ours <= 200 ms.
Run: ``.venv/bin/python benchmarks/bench_journey_diff.py``. Not a test: figures vary with the
machine.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_keep import interleaved, journey  # noqa: E402
from benchmarks.bench_map import line  # noqa: E402
from cjm_widgets import journey_diff  # noqa: E402

TARGET_MS = 200.0
REPEATS = 15
KEYS = ["persona", "step"]


def future_of(current: pd.DataFrame, seed: int = 1) -> pd.DataFrame:
    """The future state: steps removed, added, changed, moved and re-staged."""
    rng = np.random.default_rng(seed)
    n = len(current)
    future = current.drop(index=current.index[rng.choice(n, n * 3 // 100, replace=False)])
    changed = rng.choice(len(future), len(future) // 10, replace=False)
    for k, row in enumerate(future.index[changed]):
        column = ("emotion", "owner", "reach", "pain", "csat")[k % 5]
        value = future.at[row, column]
        if column == "emotion":
            future.at[row, column] = -value if value else 1.0
        elif column == "reach":
            future.at[row, column] = value + 1
        elif column == "csat":
            future.at[row, column] = round(value - 0.5, 1)
        else:
            future.at[row, column] = f"{value or ''} (new)"
    restaged = future.index[rng.choice(len(future), len(future) // 100, replace=False)]
    stages = future["stage"].cat.categories
    future.loc[restaged, "stage"] = stages[(future.loc[restaged, "stage"].cat.codes + 1) % 20]
    order = np.arange(len(future))
    for a in rng.choice(len(future) - 1, len(future) // 100, replace=False):
        order[[a, a + 1]] = order[[a + 1, a]]  # a step and the next swap: one moves
    added = current.sample(n * 3 // 100, random_state=seed).assign(step=lambda d: d["step"] + "b")
    future = pd.concat([future.iloc[order], added])
    return future.assign(reach=future["reach"].astype(float))


def by_hand(current: pd.DataFrame, future: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Added and removed steps from an outer merge, changed cells from DataFrame.compare."""
    lanes = [c for c in current.columns if c not in KEYS]
    merged = current.merge(
        future, on=KEYS, how="outer", suffixes=("_current", "_future"), indicator=True
    )
    both = merged[merged["_merge"] == "both"].reset_index(drop=True)
    now = both[[f"{c}_current" for c in lanes]].set_axis(lanes, axis=1).astype(object)
    then = both[[f"{c}_future" for c in lanes]].set_axis(lanes, axis=1).astype(object)
    # Empty text is no value, as journey_diff reads it.
    now, then = now.replace("", None), then.replace("", None)
    return merged[["persona", "step", "_merge"]], now.compare(then)


def cpu_ms(fn: Any, repeats: int) -> list[float]:
    """CPU milliseconds of the process per call of ``fn``, after one warm-up call."""
    fn()
    times = []
    for _ in range(repeats):
        start = time.process_time()
        fn()
        times.append((time.process_time() - start) * 1000)
    return times


def main() -> None:
    current = journey(20, 500)
    future = future_of(current)
    diff = journey_diff(current, future, persona="persona")
    hand_merge, hand_cells = by_hand(current, future)
    counts = diff["change"].value_counts()
    stages = diff[["stage_current", "stage_future"]].dropna()
    restaged = int((stages["stage_current"] != stages["stage_future"]).sum())
    print(
        f"journey_diff benchmark: {len(current):,} current and {len(future):,} future steps, "
        f"{current.shape[1] - 3} lanes, 2 personas, {os.cpu_count()} cores"
    )
    print("  changes found: " + ", ".join(f"{k} {counts.get(k, 0):,}" for k in counts.index))
    print(
        f"  by hand: {int((hand_merge['_merge'] != 'both').sum()):,} added or removed, "
        f"{len(hand_cells):,} steps with changed cells, stage included (ours: "
        f"{int(diff['changed'].sum()):,} changed, {restaged:,} in another stage)"
    )
    contenders: dict[str, Any] = {
        "ours: journey_diff(current, future, persona=...)": lambda: journey_diff(
            current, future, persona="persona"
        ),
        "ours: journey_diff(..., cells=True)": lambda: journey_diff(
            current, future, persona="persona", cells=True
        ),
        "by hand: merge + compare (no moves, no positions)": lambda: by_hand(current, future),
    }
    before = os.getloadavg()
    times = interleaved(contenders, REPEATS)
    after = os.getloadavg()
    print(
        f"  load average (1, 5, 15 min) {before[0]:.2f} {before[1]:.2f} {before[2]:.2f} "
        f"before, {after[0]:.2f} {after[1]:.2f} {after[2]:.2f} after\n"
    )
    for name, values in times.items():
        line(name, values, TARGET_MS if name.startswith("ours") else None)
    # CPU time is what the call costs whatever else runs: wall time on a shared machine also
    # counts the time spent waiting for a core.
    for name, fn in contenders.items():
        line(f"CPU time, {name}", cpu_ms(fn, REPEATS))
    print()
    *ours, hand = times
    for name in ours:
        ratio = statistics.median(times[name]) / statistics.median(times[hand])
        print(f"{name.removeprefix('ours: ')} / merge + compare: {ratio:.2f}x the time")


if __name__ == "__main__":
    main()
