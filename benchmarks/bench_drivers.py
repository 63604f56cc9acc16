"""Key-driver analysis at survey scale: cjm_widgets.analytics.key_drivers against pingouin.

Simulated surveys: drivers are satisfaction answers on a 1–5 scale (correlated through a
shared general satisfaction), the outcome a 0–10 likelihood to recommend built from them
with coefficients of both signs. Timed, from a pandas frame to the result:

- exact Shapley (LMG) shares for 12 drivers over 100,000 respondents: ours
  (``n_boot=0``, as pingouin has no interval) against ``pingouin.linear_regression(X, y,
  relimp=True)`` on the same numbers, with the largest difference between their shares;
  target: ours at least 20 times faster;
- the same for 15 drivers (pingouin not run: it doubles per driver); target: at most 2 s;
- 1,000 bootstrap replicates of the shares for 8 drivers over 5,000 respondents; target: at
  most 5 s; relative weights and pairwise deletion alongside, for comparison.

Ours: medians of 5 runs (3 for the bootstrap); pingouin: median of 2. The load average of
the machine is printed at start and end, as other work on it slows every figure.
Run: ``.venv/bin/python benchmarks/bench_drivers.py``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_analytics import timed  # noqa: E402
from cjm_widgets.analytics import key_drivers  # noqa: E402


def survey(respondents: int, drivers: int, seed: int = 0) -> pd.DataFrame:
    """One row per respondent: step satisfaction ``s1…`` (1–5) and ``recommend`` (0–10)."""
    rng = np.random.default_rng(seed)
    general = rng.normal(size=(respondents, 1))
    latent = 0.6 * general + 0.8 * rng.normal(size=(respondents, drivers))
    answers = np.clip(np.round(3 + 1.1 * latent), 1, 5)
    weights = rng.uniform(-0.3, 1.0, size=drivers)
    score = (answers - 3) @ weights + rng.normal(scale=1.5, size=respondents)
    recommend = np.clip(np.round(7 + score / score.std() * 2), 0, 10)
    table = pd.DataFrame(answers, columns=[f"s{i + 1}" for i in range(drivers)])
    table["recommend"] = recommend
    return table


def load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def against_pingouin(respondents: int, drivers: int) -> None:
    import pingouin as pg

    table = survey(respondents, drivers)
    x = table.drop(columns="recommend").to_numpy()
    y = table["recommend"].to_numpy()
    key_drivers(table, outcome="recommend", n_boot=0)  # first call: imports, DuckDB connection
    ours, out = timed(lambda: key_drivers(table, outcome="recommend", n_boot=0), 5)
    theirs, lm = timed(lambda: pg.linear_regression(x, y, relimp=True), 2)
    gap = np.abs(out["importance"].to_numpy() - lm["relimp"].to_numpy()[1:]).max()
    ratio = theirs / ours
    print(f"\nexact Shapley, {drivers} drivers over {respondents:,} respondents")
    print(f"  ours (key_drivers)          {ours:8.3f} s   R² {out['r2'].iloc[0]:.4f}")
    print(f"  pingouin relimp=True        {theirs:8.3f} s   largest difference in shares {gap:.1e}")
    verdict = "meets" if ratio >= 20 else "misses"
    print(f"  pingouin / ours = {ratio:.1f}x faster ({verdict} the 20x target)")


def fifteen(respondents: int) -> None:
    table = survey(respondents, 15, seed=1)
    seconds, out = timed(lambda: key_drivers(table, outcome="recommend", n_boot=0), 5)
    verdict = "meets" if seconds <= 2 else "misses"
    print(f"\nexact Shapley, 15 drivers over {respondents:,} respondents ({2**15:,} subsets)")
    print(f"  ours (key_drivers)          {seconds:8.3f} s   ({verdict} the 2 s target)")
    top = out.sort_values("rank").head(3)
    shown = ", ".join(f"{row.driver} {row.importance_pct:.1f}%" for row in top.itertuples())
    print(f"  top drivers: {shown}")


def bootstrap(respondents: int) -> None:
    table = survey(respondents, 8, seed=2)
    holes = table.mask(np.random.default_rng(3).random(table.shape) < 0.05)
    print(f"\n1,000 bootstrap replicates, 8 drivers over {respondents:,} respondents")
    runs = [
        ("shapley, listwise", table, {}),
        ("relative_weights, listwise", table, {"method": "relative_weights"}),
        ("shapley, pairwise (5% gaps)", holes, {"missing": "pairwise"}),
    ]
    for name, data, kwargs in runs:
        seconds, out = timed(
            lambda data=data, kwargs=kwargs: key_drivers(
                data, outcome="recommend", n_boot=1000, **kwargs
            ),
            3,
        )
        widest = (out["ci_high"] - out["ci_low"]).max()
        used = int(out["n_boot"].iloc[0])
        verdict = (
            f"  ({'meets' if seconds <= 5 else 'misses'} the 5 s target)" if not kwargs else ""
        )
        print(
            f"  {name:<28} {seconds:8.3f} s   widest 95% interval {widest:.4f} "
            f"({used} replicates used){verdict}"
        )


def main() -> None:
    print(f"key_drivers against pingouin (medians; load average at start: {load()})")
    against_pingouin(100_000, 12)
    fifteen(100_000)
    bootstrap(5_000)
    print(f"\nload average at end: {load()} (1, 5, 15 min; {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
