"""Journey files: save + load of a 3,000-step map, against pandas' own files in the same run.

The map: bench_map's journey, 20 stages x 150 steps, with a categorical stage, a persona column,
a priority and a moment of truth: 12 lanes (text, channel, emotion, numbers, priority, moment).
Timed, each the median of 15 runs after one warm-up:

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
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_map import build_ms as timed  # noqa: E402
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


def main() -> None:
    frame = journey()
    m = JourneyMap(frame, persona="persona", title="Achat en ligne", description="3 000 étapes")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "achat.journey"
        csv = Path(folder) / "achat.csv"
        parquet = Path(folder) / "achat.parquet"
        ours = timed(lambda: JourneyMap.load(m.save(path)), REPEATS)
        save = timed(lambda: m.save(path), REPEATS)
        load = timed(lambda: JourneyMap.load(path), REPEATS)
        text = dumps(m)
        encode = timed(lambda: dumps(m), REPEATS)
        decode_build = timed(lambda: loads(text), REPEATS)
        build = timed(lambda: JourneyMap(frame, persona="persona"), REPEATS)
        pandas_csv = timed(lambda: pd.read_csv(frame.to_csv(csv) or csv, index_col=0), REPEATS)
        try:
            import pyarrow  # noqa: F401

            pandas_parquet: list[float] | None = timed(
                lambda: pd.read_parquet(frame.to_parquet(parquet) or parquet), REPEATS
            )
        except ImportError:
            pandas_parquet = None
        size = path.stat().st_size
    load1, load5, load15 = os.getloadavg()
    print(
        f"Journey file benchmark: {len(frame):,} steps x {len(m.lanes)} lanes, "
        f"{size / 1e6:.2f} MB file; load average {load1:.2f} {load5:.2f} {load15:.2f} "
        f"on {os.cpu_count()} cores\n"
    )
    line("ours: m.save + JourneyMap.load", ours, TARGET_MS)
    line("  m.save(path)", save)
    line("  JourneyMap.load(path)", load)
    line("  dumps(m) (the text alone)", encode)
    line("  loads(text) (text to widget)", decode_build)
    line("  JourneyMap(df) alone (what any load pays)", build)
    line("pandas to_csv + read_csv (no settings, dtypes lost)", pandas_csv)
    total = statistics.median(ours)
    peers = {"to_csv + read_csv": pandas_csv}
    if pandas_parquet is not None:
        line("pandas to_parquet + read_parquet (no settings)", pandas_parquet)
        peers["to_parquet + read_parquet"] = pandas_parquet
    else:
        print("pandas to_parquet + read_parquet: pyarrow is not installed")
    print()
    for name, values in peers.items():
        print(f"ours / pandas {name}: {total / statistics.median(values):.1f}x the time")


if __name__ == "__main__":
    main()
