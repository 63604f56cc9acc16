"""Journey files: save + load of a 3,000-step map, against pandas' own files in the same run.

The map: bench_map's journey, 20 stages x 150 steps, with a categorical stage, a persona column,
a priority and a moment of truth: 12 lanes (text, channel, emotion, numbers, priority, moment).
Timed in turns, 15 rounds after a warm-up one (each figure a median), so that all meet
the same load:

- ours: ``m.save(path)`` then ``JourneyMap.load(path)`` (the widget rebuilt, its settings
  and every dtype kept);
- pandas ``to_csv`` + ``read_csv`` of the same frame (no settings, and dtypes are lost);
- pandas ``to_parquet`` + ``read_parquet`` (pyarrow), when pyarrow is installed.

Also timed on their own: the text alone (``dumps`` / ``loads``) and building the widget, so
what the file costs is seen apart from what the map costs. Target: save + load <= 200 ms.
Run: ``.venv/bin/python benchmarks/bench_keep.py``. Not a test: figures vary with the machine.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_map import journey as map_journey  # noqa: E402
from benchmarks.bench_map import line  # noqa: E402
from cjm_widgets import JourneyMap  # noqa: E402
from cjm_widgets.keep import dumps, loads  # noqa: E402

TARGET_MS = 200.0
REPEATS = 15


def journey(stages: int = 20, steps_per_stage: int = 150, seed: int = 0) -> pd.DataFrame:
    """The map benchmark's journey (10 lanes of every kind), with a categorical stage, a
    persona column, a priority and a moment of truth: 12 lanes."""
    frame = map_journey(stages, steps_per_stage, seed)
    rng = np.random.default_rng(seed)
    n = len(frame)
    names = list(pd.unique(frame["stage"]))
    frame["stage"] = pd.Categorical(frame["stage"], categories=names)
    frame.insert(0, "persona", rng.choice(["Léa", "Omar"], n))
    frame["priority"] = pd.array(rng.integers(1, 50, n), dtype="Int64")
    frame["moment_of_truth"] = rng.choice([None, None, None, "one-off"], n)
    return frame


def interleaved(contenders: dict[str, Callable[[], Any]], repeats: int) -> dict[str, list]:
    """Milliseconds per call of each contender, taken in turn in every round (after one warm-up
    round), so that all of them meet the same load on a shared machine."""
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for round_ in range(repeats + 1):
        for name, fn in contenders.items():
            start = time.perf_counter()
            fn()
            if round_:
                times[name].append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    frame = journey()
    m = JourneyMap(frame, persona="persona", title="Achat en ligne", description="3 000 étapes")
    text = dumps(m)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "achat.journey"
        csv = Path(folder) / "achat.csv"
        parquet = Path(folder) / "achat.parquet"
        contenders: dict[str, Callable[[], Any]] = {
            "ours: m.save + JourneyMap.load": lambda: JourneyMap.load(m.save(path)),
            "  m.save(path)": lambda: m.save(path),
            "  JourneyMap.load(path)": lambda: JourneyMap.load(path),
            "  dumps(m) (the text alone)": lambda: dumps(m),
            "  loads(text) (text to widget)": lambda: loads(text),
            "  JourneyMap(df) alone (what any load pays)": lambda: JourneyMap(
                frame, persona="persona"
            ),
            "pandas to_csv + read_csv (no settings, dtypes lost)": lambda: pd.read_csv(
                frame.to_csv(csv) or csv, index_col=0
            ),
        }
        try:
            import pyarrow  # noqa: F401

            contenders["pandas to_parquet + read_parquet (no settings)"] = lambda: pd.read_parquet(
                frame.to_parquet(parquet) or parquet
            )
        except ImportError:
            print("pandas to_parquet + read_parquet: pyarrow is not installed")
        before = os.getloadavg()
        times = interleaved(contenders, REPEATS)
        size = path.stat().st_size
    after = os.getloadavg()
    print(
        f"Journey file benchmark: {len(frame):,} steps x {len(m.lanes)} lanes, "
        f"{size / 1e6:.2f} MB file, {os.cpu_count()} cores; load average (1, 5, 15 min) "
        f"{before[0]:.2f} {before[1]:.2f} {before[2]:.2f} before, "
        f"{after[0]:.2f} {after[1]:.2f} {after[2]:.2f} after\n"
    )
    ours = next(iter(times))
    for name, values in times.items():
        line(name, values, TARGET_MS if name == ours else None)
    print()
    total = statistics.median(times[ours])
    for name, values in times.items():
        if name.startswith("pandas"):
            print(
                f"ours / {name.split(' (')[0]}: {total / statistics.median(values):.1f}x the time"
            )


if __name__ == "__main__":
    main()
