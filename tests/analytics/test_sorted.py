"""The in-memory fast path (sorted arrays) against the engine path, and its helpers."""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
import polars as pl
import pytest

from cjm_widgets.analytics import events as module
from cjm_widgets.analytics import funnel, step_metrics, transitions
from cjm_widgets.analytics._sorted import dense_codes, quantiles_by_group

from .test_events import _same


def _log(seed: int = 0, rows: int = 6000) -> pd.DataFrame:
    """A messy log: ties in time, numeric customer ids, missing channels, rows in any order."""
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(
        {
            "customer_id": rng.integers(0, 300, rows),
            "session": rng.choice(["a", "b", "c"], rows),
            "step": rng.choice(["home", "search", "cart", "pay", "help", "o'clock"], rows),
            "channel": rng.choice(["web", "app", None], rows, p=[0.5, 0.4, 0.1]),
            # Whole minutes over an hour: many events of a path share a time.
            "timestamp": pd.Timestamp("2026-02-01")
            + pd.to_timedelta(rng.integers(0, 60, rows), "min"),
        }
    )
    return frame


@pytest.fixture
def fast_path_used(monkeypatch):
    """Records, per call of ``Events.arrays``, whether it returned arrays."""
    used: list[bool] = []
    real = module.Events.arrays

    def spy(self, steps=None):
        arrays = real(self, steps)
        used.append(arrays is not None)
        return arrays

    monkeypatch.setattr(module.Events, "arrays", spy)
    return used


CASES = [
    (lambda log: step_metrics(log, path="session", channel="channel"), ["step"]),
    (lambda log: step_metrics(log), ["step"]),
    (lambda log: transitions(log, ends=True), ["from_step", "to_step"]),
    (lambda log: transitions(log, path="session"), ["from_step", "to_step"]),
    (lambda log: funnel(log, ["search", "cart", "never", "pay"], path="session"), ["step"]),
    (lambda log: funnel(log, ["pay", "o'clock", "home"]), ["step"]),
    (lambda log: funnel(log, ["cart", "home"], closed=False), ["step"]),
]


@pytest.mark.parametrize("seed", [0, 1])
def test_fast_path_equals_the_engine_path(seed, fast_path_used):
    log = _log(seed)
    for run, keys in CASES:
        fast_path_used.clear()
        ours = run(log)
        assert fast_path_used == [True]
        fast_path_used.clear()
        _same(ours, run(pl.from_pandas(log)).to_pandas(), keys)
        assert fast_path_used == [False]  # polars stays in its engine


def test_fast_path_results_by_hand(fast_path_used):
    from .test_events import HAND

    out = transitions(HAND, path="session").set_index(["from_step", "to_step"])
    assert fast_path_used == [True]
    assert out.loc[("home", "search"), "median_seconds"] == 10
    # c2's tie at 0 s is ordered by label: cart before search.
    assert out.loc[("cart", "search"), ["count", "paths"]].tolist() == [2, 2]
    assert out.loc[("cart", "search"), "median_seconds"] == 30
    metrics = step_metrics(HAND, path="session", channel="channel").set_index("step")
    # Into cart: from search (web) to app in s1, from home (app) in s2.
    assert metrics.loc["cart", "channel_switch_share"] == pytest.approx(1 / 2)
    assert metrics.loc["search", "repeat_rate"] == pytest.approx(1 / 2)


def test_many_steps_take_the_engine_path(monkeypatch, fast_path_used):
    log = _log(2)
    expected = transitions(log, path="session")
    monkeypatch.setattr(module, "MAX_CODES", 3)
    _same(transitions(log, path="session"), expected, ["from_step", "to_step"])
    assert fast_path_used == [True, False]


@pytest.mark.parametrize("offset", [0, -50])  # negative values cannot be packed: lexsort
def test_quantiles_by_group_equal_numpy(offset):
    rng = np.random.default_rng(5)
    groups = rng.integers(0, 40, 20_000)
    groups[groups == 7] = 8  # an empty group
    values = rng.integers(0, 100, 20_000) + offset
    got = quantiles_by_group(groups, values, 41, [0.5, 0.9])
    for g in range(41):
        mine = values[groups == g]
        if len(mine):
            assert got[g].tolist() == pytest.approx(np.quantile(mine, [0.5, 0.9]))
        else:
            assert np.isnan(got[g]).all()


@pytest.mark.parametrize("bound", [50, 1 << 40])  # counting, then hashing
def test_dense_codes(bound):
    values = np.array([7, 3, 7, 49, 3, 0])
    codes, uniques = dense_codes(values, bound)
    assert uniques[codes].tolist() == values.tolist()
    assert sorted(uniques.tolist()) == [0, 3, 7, 49]  # each distinct value once
    assert set(codes.tolist()) == set(range(4))


def test_channel_ties_are_ordered_the_same_on_every_engine():
    # Three carts at the same second in path a, in channels app, web and none: ordered by
    # channel, missing last. Into cart: home(web) -> app, app -> web, web -> none (no
    # channel, so no switch) in a; home(app) -> app, app -> web in b: 3 switches of 5.
    # Into pay: from the cart without channel in a, from web to web in b: none of 2.
    log = pd.DataFrame(
        {
            "customer_id": ["a"] * 5 + ["b"] * 4,
            "step": ["home", "cart", "cart", "cart", "pay", "home", "cart", "cart", "pay"],
            "channel": ["web", "app", None, "web", "app", "app", "web", "app", "web"],
            "timestamp": pd.to_datetime(
                ["2026-01-01 10:00"]
                + ["2026-01-01 10:01"] * 3
                + ["2026-01-01 10:02", "2026-01-01 11:00"]
                + ["2026-01-01 11:01"] * 2
                + ["2026-01-01 11:05"]
            ),
        }
    )
    for seed in range(3):
        shuffled = log.sample(frac=1, random_state=seed)
        for out in (
            step_metrics(shuffled, channel="channel"),
            step_metrics(pl.from_pandas(shuffled), channel="channel").to_pandas(),
            step_metrics(duckdb.from_df(shuffled), channel="channel").df(),
        ):
            share = out.set_index("step")["channel_switch_share"]
            assert share["cart"] == pytest.approx(3 / 5)
            assert share["pay"] == 0
