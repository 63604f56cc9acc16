"""Step KPIs at scale: cjm_widgets.analytics against retentioneering and pm4py, in one run.

retentioneering's ecom dataset (31,106 events, 3,605 sessions) is replicated x10 and x100
(customer and session ids suffixed; about 3.1 million rows at x100). Each operation is timed
with ingest included, from a pandas frame with parsed timestamps to the result:

- transition counts: ours ``transitions``; retentioneering ``Eventstream`` +
  ``transition_graph_data("count")``; pm4py ``format_dataframe`` + ``discover_dfg``;
- the closed funnel cart -> shipping_details -> purchase per session: ours ``funnel``;
  retentioneering ``funnel_data``; pm4py has no funnel, so chained
  ``filter_eventually_follows_relation`` (its nearest equivalent) and a case count;
- median time between steps: ours ``transitions`` (median per transition); retentioneering
  ``transition_graph_data("time_median")``; pm4py ``discover_performance_dfg``.

Then x1000 (about 31 million rows), each in a fresh process, with time and peak memory: as a
DuckDB relation (the engine path, which can spill to disk) and as a pandas frame (the
in-memory path: DuckDB sorts three numeric columns, numpy counts). Times at x10 and x100 are
medians of 5 runs for ours and of 3 (x10) or 2 (x100) for the peers.
Run: ``.venv/bin/python benchmarks/bench_analytics.py``.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("RETENTIONEERING_NO_TRACK", "1")

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cjm_widgets.analytics import (  # noqa: E402
    DuplicateEventsWarning,
    funnel,
    step_metrics,
    transitions,
)
from tests.analytics.conftest import ecom_path, load_ecom  # noqa: E402

STEPS = ["cart", "shipping_details", "purchase"]
KEYS = {"customer": "user_id", "step": "event", "time": "timestamp", "path": "session_id"}


def replicate(ecom: pd.DataFrame, times: int) -> pd.DataFrame:
    parts = [
        ecom.assign(user_id=ecom["user_id"] + f"_{k}", session_id=ecom["session_id"] + f"_{k}")
        for k in range(times)
    ]
    return pd.concat(parts, ignore_index=True)


def timed(fn: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


# -- the three contenders -------------------------------------------------------------


def ours(df: pd.DataFrame) -> dict[str, Callable[[], Any]]:
    return {
        "transition counts": lambda: transitions(df, **KEYS),
        "closed funnel": lambda: funnel(df, STEPS, **KEYS)["paths"].tolist(),
        "median time between steps": lambda: transitions(df, **KEYS),
    }


def retentioneering(df: pd.DataFrame) -> dict[str, Callable[[], Any]]:
    from retentioneering.eventstream import Eventstream

    schema = {"path_cols": ["user_id", "session_id"]}

    def stream() -> Any:
        return Eventstream(df, schema)

    def funnel_counts() -> list[int]:
        data = stream().funnel_data(STEPS, path_col="session_id")
        return [int(s["unique_paths"]) for s in data["steps"]]

    return {
        "transition counts": lambda: stream().transition_graph_data("count", path_col="session_id"),
        "closed funnel": funnel_counts,
        "median time between steps": lambda: stream().transition_graph_data(
            "time_median", path_col="session_id"
        ),
    }


def pm4py_ops(df: pd.DataFrame) -> dict[str, Callable[[], Any]]:
    with contextlib.redirect_stdout(io.StringIO()):  # its licence banner
        import pm4py

    def log() -> pd.DataFrame:
        cases = df.assign(case=df["user_id"] + "|" + df["session_id"])
        return pm4py.format_dataframe(
            cases, case_id="case", activity_key="event", timestamp_key="timestamp"
        )

    def funnel_counts() -> list[int]:
        current = log()
        counts = [
            int(current.loc[current["concept:name"] == STEPS[0], "case:concept:name"].nunique())
        ]
        for a, b in itertools.pairwise(STEPS):
            current = pm4py.filter_eventually_follows_relation(current, [(a, b)])
            counts.append(int(current["case:concept:name"].nunique()))
        return counts

    return {
        "transition counts": lambda: pm4py.discover_dfg(log()),
        "closed funnel": funnel_counts,
        "median time between steps": lambda: pm4py.discover_performance_dfg(log()),
    }


def run_scale(ecom: pd.DataFrame, times: int, repeats: int) -> None:
    df = replicate(ecom, times)
    print(f"\nx{times}: {len(df):,} events, {df['session_id'].nunique():,} sessions")
    contenders = {"ours": ours(df), "retentioneering": retentioneering(df), "pm4py": pm4py_ops(df)}
    for op in ("transition counts", "closed funnel", "median time between steps"):
        seconds = {}
        for name, ops in contenders.items():
            # Ours is cheap to repeat: more runs steady its median on a noisy machine.
            seconds[name], result = timed(ops[op], max(repeats, 5) if name == "ours" else repeats)
            if op == "closed funnel":
                print(f"  {op:<27} {name:<16} {seconds[name]:7.3f} s   paths {result}")
            else:
                print(f"  {op:<27} {name:<16} {seconds[name]:7.3f} s")
        fastest_peer = min(seconds["retentioneering"], seconds["pm4py"])
        ratio = seconds["ours"] / fastest_peer
        verdict = ""
        if times == 100:  # the target is set at x100
            verdict = f"  ({'meets' if ratio <= 0.2 else 'misses'} the 1/5 target)"
        print(f"  {'':<27} ours / faster peer = {ratio:.3f}{verdict}")


# -- x1000, in processes of their own so that each peak memory is its own -------------


def x1000(kind: str) -> None:
    """x1000 as a DuckDB relation (the engine path, which can spill to disk) or as a pandas
    frame (the in-memory path)."""
    import duckdb

    con = duckdb.connect()
    spill = Path(tempfile.mkdtemp(prefix="cjm-duckdb-"))
    con.execute(f"SET temp_directory = '{spill}'")
    t0 = time.perf_counter()
    con.execute(
        f"""
        CREATE TABLE events AS
        SELECT user_id || '_' || k AS user_id, session_id || '_' || k AS session_id, event,
               CAST(timestamp AS TIMESTAMP) AS timestamp
        FROM read_csv('{ecom_path()}') , range(1000) AS r(k)
        """
    )
    table: Any = con.table("events")
    if kind == "pandas":
        table = table.to_arrow_table().to_pandas()  # strings stay Arrow-backed
        con.execute("DROP TABLE events")
        rows = len(table)
    else:
        rows = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
    built = time.perf_counter() - t0
    print(f"\nx1000 as a {kind} table: {rows:,} events (built in {built:.1f} s)")
    as_pandas = (lambda r: r) if kind == "pandas" else (lambda r: r.df())
    for name, fn in [
        ("transition counts + medians", lambda: as_pandas(transitions(table, **KEYS))),
        ("closed funnel", lambda: as_pandas(funnel(table, STEPS, **KEYS))["paths"].tolist()),
        ("step metrics", lambda: as_pandas(step_metrics(table, **KEYS))),
    ]:
        seconds, result = timed(fn, 1)
        shown = f"   paths {result}" if isinstance(result, list) else ""
        print(f"  {name:<29} {seconds:7.2f} s{shown}")
    peak_gib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
    print(f"  peak memory (max RSS of the process, table included): {peak_gib:.2f} GiB of 24 GiB")
    shutil.rmtree(spill, ignore_errors=True)


def main() -> None:
    # ecom repeats 30 events per copy (same path, step and time): known, and not news each run.
    warnings.simplefilter("ignore", DuplicateEventsWarning)
    if "--x1000" in sys.argv:
        x1000(sys.argv[-1])
        return
    print("cjm_widgets.analytics against retentioneering and pm4py (medians, ingest included)")
    ecom = load_ecom()
    run_scale(ecom, 10, repeats=3)
    run_scale(ecom, 100, repeats=2)
    for kind in ("duckdb", "pandas"):
        subprocess.run([sys.executable, __file__, "--x1000", kind], check=True)


if __name__ == "__main__":
    main()
