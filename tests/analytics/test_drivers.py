"""Key drivers checked against pingouin, textbook formulas written out, and a simulation."""

from __future__ import annotations

import importlib
import itertools
import math
import warnings
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import pingouin as pg
import polars as pl
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cjm_widgets import CJMError, MissingColumnError, MissingValueError
from cjm_widgets.analytics import (
    BootstrapWarning,
    EmptyLogError,
    InvalidArgumentError,
    key_drivers,
)
from cjm_widgets.errors import InvalidTableError

from .conftest import ENGINES

# The output columns, as the issue fixes them (written out here, not imported).
COLUMNS = ["driver", "n", "importance", "importance_pct", "r", "ci_low", "ci_high", "n_boot"]
COLUMNS += ["rank", "r2", "method", "missing"]


def simulate(n: int, beta: list[float], rho: float = 0.4, noise: float = 1.0, seed: int = 0):
    """Drivers with pairwise correlation ``rho`` and an outcome ``X @ beta + noise``."""
    rng = np.random.default_rng(seed)
    p = len(beta)
    cov = np.full((p, p), rho) + (1 - rho) * np.eye(p)
    x = rng.multivariate_normal(np.zeros(p), cov, size=n)
    y = x @ np.asarray(beta) + rng.normal(scale=noise, size=n)
    return x, y


def frame(x: np.ndarray, y: np.ndarray) -> pd.DataFrame:
    out = pd.DataFrame(x, columns=[f"x{i}" for i in range(x.shape[1])])
    out["y"] = y
    return out


def as_pandas(result: Any) -> pd.DataFrame:
    if isinstance(result, pl.LazyFrame):
        result = result.collect()
    if isinstance(result, duckdb.DuckDBPyRelation):
        return result.df()
    return result if isinstance(result, pd.DataFrame) else result.to_pandas()


# -- references written out -------------------------------------------------------------


def fitted_r2(x: np.ndarray, y: np.ndarray) -> float:
    """R² of a least-squares fit with an intercept, on the rows."""
    design = np.column_stack([np.ones(len(y)), x])
    residual = y - design @ np.linalg.lstsq(design, y, rcond=None)[0]
    return 1 - residual @ residual / ((y - y.mean()) @ (y - y.mean()))


def lmg(corr: np.ndarray) -> np.ndarray:
    """LMG by its definition: the R² gain of each driver averaged over every order of entry
    (outcome last in ``corr``)."""
    p = len(corr) - 1

    def r2(subset: tuple[int, ...]) -> float:
        if not subset:
            return 0.0
        s = list(subset)
        return float(corr[s, p] @ np.linalg.solve(corr[np.ix_(s, s)], corr[s, p]))

    shares = np.zeros(p)
    for order in itertools.permutations(range(p)):
        for k, driver in enumerate(order):
            shares[driver] += r2(tuple(sorted(order[: k + 1]))) - r2(tuple(sorted(order[:k])))
    return shares / math.factorial(p)


def johnson(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Johnson's (2000) relative weights as he wrote them: the SVD X = P Δ Q' of the
    standardized drivers, Z = P Q' their nearest orthonormal counterparts, β the weights of
    y on Z, Λ = Q Δ Q' the weights of X on Z, ε_j = Σ_k Λ_jk² β_k²."""
    zx = (x - x.mean(axis=0)) / (x.std(axis=0) * math.sqrt(len(x)))
    zy = (y - y.mean()) / (y.std() * math.sqrt(len(y)))
    left, delta, right_t = np.linalg.svd(zx, full_matrices=False)
    z = left @ right_t
    beta = z.T @ zy
    lam = right_t.T @ np.diag(delta) @ right_t
    return (lam**2) @ (beta**2)


def pairwise_corr(data: np.ndarray) -> np.ndarray:
    """Pearson correlations, each pair over the rows where both are present."""
    q = data.shape[1]
    corr = np.eye(q)
    for a, b in itertools.combinations(range(q), 2):
        rows = ~np.isnan(data[:, a]) & ~np.isnan(data[:, b])
        corr[a, b] = corr[b, a] = np.corrcoef(data[rows, a], data[rows, b])[0, 1]
    return corr


# -- shares ------------------------------------------------------------------------------

DATA_SETS = [
    pytest.param(simulate(200, [0.5, 0.3, 0.2]), id="3 drivers"),
    pytest.param(simulate(500, [1.0, -0.7, 0.4, 0.0, 0.25], rho=0.6, seed=1), id="5 correlated"),
    pytest.param(
        simulate(800, [0.8, -0.5, 0.3, -0.2, 0.6, 0.1, -0.4, 0.2, 0.05, 0.3], rho=0.5, seed=2),
        id="10 drivers, both signs",
    ),
    pytest.param(simulate(40, [0.2, 0.1], rho=-0.3, noise=2.0, seed=3), id="2 drivers, weak"),
]


@pytest.mark.parametrize("data", DATA_SETS)
def test_shapley_equals_pingouin_relimp(data):
    x, y = data
    expected = pg.linear_regression(x, y, relimp=True)["relimp"].to_numpy()[1:]
    out = key_drivers(frame(x, y), outcome="y", n_boot=0)
    assert list(out.columns) == COLUMNS
    np.testing.assert_allclose(out["importance"], expected, rtol=0, atol=1e-9)
    r2 = fitted_r2(x, y)
    assert out["r2"].iloc[0] == pytest.approx(r2, abs=1e-10)
    assert abs(out["importance"].sum() - out["r2"].iloc[0]) < 1e-12
    np.testing.assert_allclose(out["importance_pct"], expected / expected.sum() * 100, atol=1e-7)


@pytest.mark.parametrize("data", DATA_SETS)
def test_relative_weights_equal_johnsons_formula(data):
    x, y = data
    out = key_drivers(frame(x, y), outcome="y", method="relative_weights", n_boot=0)
    np.testing.assert_allclose(out["importance"], johnson(x, y), rtol=0, atol=1e-12)
    assert abs(out["importance"].sum() - fitted_r2(x, y)) < 1e-12
    assert (out["method"] == "relative_weights").all()


def test_two_drivers_by_hand():
    x, y = simulate(300, [0.6, 0.3], rho=0.5, seed=4)
    r1, r2_ = (np.corrcoef(x[:, i], y)[0, 1] for i in range(2))
    total = fitted_r2(x, y)
    out = key_drivers(frame(x, y), outcome="y", n_boot=0)
    # Each driver's gain entering first (r²) and entering second (R² − the other's r²).
    assert out["importance"].tolist() == pytest.approx(
        [(r1**2 + total - r2_**2) / 2, (r2_**2 + total - r1**2) / 2], abs=1e-12
    )
    assert out["r"].tolist() == pytest.approx([r1, r2_], abs=1e-12)
    assert out["rank"].tolist() == [1, 2]
    assert out["rank"].dtype == np.int64
    assert out["n"].tolist() == [300, 300]


def test_correlation_is_squared_r_and_need_not_sum_to_r2():
    x, y = simulate(300, [0.6, 0.3, 0.3], rho=0.5, seed=5)
    out = key_drivers(frame(x, y), outcome="y", method="correlation", n_boot=0)
    r = np.array([np.corrcoef(x[:, i], y)[0, 1] for i in range(3)])
    np.testing.assert_allclose(out["r"], r, atol=1e-12)
    np.testing.assert_allclose(out["importance"], r**2, atol=1e-12)
    np.testing.assert_allclose(out["importance_pct"], r**2 / (r**2).sum() * 100, atol=1e-9)
    assert out["importance"].sum() > out["r2"].iloc[0] + 0.05  # shared variance, counted twice
    assert out["r2"].iloc[0] == pytest.approx(fitted_r2(x, y), abs=1e-10)


def test_ties_rank_in_driver_order():
    # b mirrors a (each row also appears with a and b swapped), so r(a, y) == r(b, y).
    rows = [(1, 2, 1), (2, 4, 3), (3, 1, 2), (4, 3, 4), (2, 2, 1), (3, 3, 4)]
    table = pd.DataFrame(rows + [(b, a, y) for a, b, y in rows], columns=["a", "b", "y"])
    table["c"] = [1, 2, 1, 2, 1, 2, 2, 1, 2, 1, 1, 1]
    out = key_drivers(table, outcome="y", drivers=["c", "b", "a"], method="correlation", n_boot=0)
    assert out["importance"].iloc[1] == out["importance"].iloc[2]
    assert out["driver"].tolist() == ["c", "b", "a"]
    assert out["rank"].tolist() == [3, 1, 2]


# -- bootstrap ---------------------------------------------------------------------------


def test_bootstrap_intervals_cover_the_population_shares(report):
    beta = np.array([0.6, 0.4, -0.3])
    rho = 0.3
    cov = np.full((3, 3), rho) + (1 - rho) * np.eye(3)
    # Population correlations of (x, y) from the known covariance, and their LMG shares.
    full = np.zeros((4, 4))
    full[:3, :3] = cov
    full[:3, 3] = full[3, :3] = cov @ beta
    full[3, 3] = beta @ cov @ beta + 1.0
    scale = np.sqrt(np.diag(full))
    truth = lmg(full / np.outer(scale, scale))
    covered = []
    for seed in range(80):
        x, y = simulate(300, beta.tolist(), rho=rho, seed=100 + seed)
        out = key_drivers(frame(x, y), outcome="y", n_boot=200, seed=seed)
        covered += ((out["ci_low"] <= truth) & (truth <= out["ci_high"])).tolist()
    coverage = float(np.mean(covered))
    report(
        f"key_drivers: coverage of 95% bootstrap intervals of LMG shares in 80 simulated "
        f"surveys ({len(covered)} intervals): {coverage:.3f}"
    )
    assert 0.85 <= coverage <= 0.995


def test_intervals_hold_the_estimate_and_follow_the_seed():
    table = frame(*simulate(400, [0.5, 0.3, 0.2], seed=6))
    first = key_drivers(table, outcome="y", n_boot=300, seed=7)
    again = key_drivers(table, outcome="y", n_boot=300, seed=7)
    other = key_drivers(table, outcome="y", n_boot=300, seed=8)
    pd.testing.assert_frame_equal(first, again)
    assert not np.allclose(first["ci_low"], other["ci_low"])
    assert (first["ci_low"] <= first["importance"]).all()
    assert (first["importance"] <= first["ci_high"]).all()
    wider = key_drivers(table, outcome="y", n_boot=300, seed=7, ci=0.99)
    assert (wider["ci_low"] <= first["ci_low"]).all()
    assert (wider["ci_high"] >= first["ci_high"]).all()
    assert first["n_boot"].dtype == np.int64
    assert (first["n_boot"] == 300).all()
    none = key_drivers(table, outcome="y", n_boot=0)
    assert none[["ci_low", "ci_high"]].isna().all().all()
    assert none["n_boot"].dtype == np.int64
    assert (none["n_boot"] == 0).all()
    np.testing.assert_allclose(none["importance"], first["importance"], atol=0)


@pytest.mark.parametrize("ci", [0.95, 0.8])
def test_interval_is_the_percentiles_of_the_usable_replicates(ci):
    # Ten respondents on 1–3 scales, eight giving a 1: some resamples leave a constant, and
    # are left out.
    table = pd.DataFrame(
        {
            "a": [1, 1, 1, 1, 1, 3, 1, 1, 2, 1],
            "b": [2, 2, 3, 3, 1, 1, 2, 1, 3, 3],
            "y": [1, 3, 4, 5, 1, 3, 2, 2, 5, 4],
        }
    )
    with pytest.warns(BootstrapWarning, match=r"^only 1\d\d of the 200 bootstrap replicates"):
        out = key_drivers(table, outcome="y", n_boot=200, seed=1, ci=ci)
    kept = []
    for rows in np.random.default_rng(1).integers(0, 10, size=(200, 10)):
        try:
            kept.append(key_drivers(table.iloc[rows], outcome="y", n_boot=0)["importance"])
        except InvalidTableError:
            continue
    assert 20 < 200 - len(kept) < 40
    assert (out["n_boot"] == len(kept)).all()
    expected = np.quantile(np.array(kept), [(1 - ci) / 2, (1 + ci) / 2], axis=0)
    np.testing.assert_allclose(out[["ci_low", "ci_high"]].to_numpy().T, expected, atol=1e-12)


@pytest.mark.parametrize("method", ["shapley", "relative_weights", "correlation"])
@pytest.mark.parametrize("missing", ["listwise", "pairwise"])
def test_a_bootstrap_replicate_is_the_shares_of_resampled_respondents(method, missing):
    table = frame(*simulate(50, [0.5, 0.3, 0.1], seed=10))
    # Ten replicates at ci=0.8 (the fewest it takes): the ends are between the lowest two
    # and the highest two of the replicates' shares.
    out = key_drivers(table, outcome="y", n_boot=10, seed=3, ci=0.8, method=method, missing=missing)
    shares = [
        key_drivers(table.iloc[picks], outcome="y", n_boot=0, method=method)["importance"]
        for picks in np.random.default_rng(3).integers(0, 50, size=(10, 50))
    ]
    expected = np.quantile(np.array(shares), [0.1, 0.9], axis=0)
    np.testing.assert_allclose(out[["ci_low", "ci_high"]].to_numpy().T, expected, atol=1e-12)
    assert out["n_boot"].tolist() == [10] * 3


def gappy(seed: int) -> pd.DataFrame:
    """80 respondents, 32 drivers, a tenth of the answers missing at random."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(80, 32)) + 0.5 * rng.normal(size=(80, 1))
    y = x.sum(axis=1) + 3 * rng.normal(size=80)
    x[rng.random(x.shape) < 0.1] = np.nan
    return frame(x, y)


def test_no_usable_replicate_is_warned_about_with_what_to_do():
    # Pairwise correlations of 32 drivers from 80 respondents with gaps: the estimate passes,
    # but in every resample (about 63 % of the respondents, some twice) they do not fit.
    table = gappy(1)
    kwargs = {"outcome": "y", "method": "relative_weights", "missing": "pairwise"}
    with pytest.warns(BootstrapWarning) as seen:
        out = key_drivers(table, n_boot=200, **kwargs)
    assert len(seen) == 1
    message = str(seen[0].message)
    assert message.startswith(
        "none of the 200 bootstrap replicates could be used, so ci_low and ci_high are NaN"
    )
    assert "pairwise correlations did not fit together" in message
    assert "More respondents, fewer drivers or missing='listwise'" in message
    assert seen[0].filename == __file__  # the warning points at the caller's line
    assert out[["ci_low", "ci_high"]].isna().all().all()
    assert (out["n_boot"] == 0).all()
    # The estimate itself is there, and without an interval there is nothing to warn about.
    with warnings.catch_warnings():
        warnings.simplefilter("error", BootstrapWarning)
        alone = key_drivers(table, n_boot=0, **kwargs)
    pd.testing.assert_series_equal(out["importance"], alone["importance"])


def test_few_usable_replicates_are_flagged_per_group():
    # Group 'b' is the ten respondents of the hand-made table above (a quarter of its
    # resamples unusable); group 'a' has no such trouble.
    small = pd.DataFrame(
        {
            "a": [1, 1, 1, 1, 1, 3, 1, 1, 2, 1],
            "b": [2, 2, 3, 3, 1, 1, 2, 1, 3, 3],
            "y": [1, 3, 4, 5, 1, 3, 2, 2, 5, 4],
        }
    )
    big = frame(*simulate(200, [0.5, 0.3], seed=14)).rename(columns={"x0": "a", "x1": "b"})
    table = pd.concat([big.assign(g="a"), small.assign(g="b")], ignore_index=True)
    with pytest.warns(BootstrapWarning) as seen:
        out = key_drivers(table, outcome="y", by="g", n_boot=200, seed=1)
    assert len(seen) == 1
    message = str(seen[0].message)
    assert message.startswith("only 1")
    assert "bootstrap replicates in group 'b' of 'g' could be used" in message
    assert "the interval is built from these (column n_boot) and may be too narrow" in message
    assert seen[0].filename == __file__
    counts = out.groupby("g")["n_boot"].first()
    assert counts["a"] == 200
    assert 160 < counts["b"] < 180
    assert np.isfinite(out[["ci_low", "ci_high"]]).all().all()


def test_fewer_usable_replicates_than_the_level_takes_leave_no_interval():
    # At ci=0.99 an interval takes 200 replicates; the hand-made table keeps about 170 of 200.
    table = pd.DataFrame(
        {
            "a": [1, 1, 1, 1, 1, 3, 1, 1, 2, 1],
            "b": [2, 2, 3, 3, 1, 1, 2, 1, 3, 3],
            "y": [1, 3, 4, 5, 1, 3, 2, 2, 5, 4],
        }
    )
    with pytest.warns(BootstrapWarning, match=r"^only 1\d\d of the 200 .* fewer than the 200 a"):
        out = key_drivers(table, outcome="y", n_boot=200, seed=1, ci=0.99)
    assert out[["ci_low", "ci_high"]].isna().all().all()
    assert (out["n_boot"] == 0).all()


def test_a_long_shapley_bootstrap_is_announced_before_it_starts():
    x, y = simulate(60, [0.1] * 17, rho=0.2, seed=15)
    with warnings.catch_warnings():
        # As an error, the warning stops the call before the bootstrap runs.
        warnings.simplefilter("error", BootstrapWarning)
        with pytest.raises(BootstrapWarning, match=r"visits all 2\*\*17 subsets of its 17"):
            key_drivers(frame(x, y), outcome="y", n_boot=1000)
        # Relative weights visit no subsets.
        key_drivers(frame(x, y), outcome="y", n_boot=1000, method="relative_weights")


# -- engines, forms, groups, missing answers ---------------------------------------------

SMALL = frame(*simulate(120, [0.5, -0.3, 0.2], seed=11)).assign(
    persona=["a", "b", "c"] * 40, id=range(120)
)
SMALL.loc[[3, 17, 40], "x1"] = np.nan
SMALL.loc[[5, 60], "y"] = np.nan


@pytest.mark.parametrize("missing", ["listwise", "pairwise"])
def test_large_tables_are_resampled_in_blocks_of_rows(monkeypatch, missing):
    table = SMALL.drop(columns=["persona", "id"])
    expected = key_drivers(table, outcome="y", n_boot=40, missing=missing)
    # Batches of 3 replicates, and the products built 7 (pairwise) or 28 rows at a time.
    monkeypatch.setattr(importlib.import_module("cjm_widgets.analytics._importance"), "BATCH", 400)
    out = key_drivers(table, outcome="y", n_boot=40, missing=missing)
    pd.testing.assert_frame_equal(out, expected, check_exact=False, rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("convert", ENGINES)
def test_every_engine_gives_the_same_rows_as_its_own_kind(convert):
    expected = key_drivers(SMALL, outcome="y", drivers=["x0", "x1", "x2"], by="persona", n_boot=50)
    native = convert(SMALL)
    out = key_drivers(native, outcome="y", drivers=["x0", "x1", "x2"], by="persona", n_boot=50)
    assert type(out) is type(native)
    pd.testing.assert_frame_equal(as_pandas(out), expected, check_dtype=False)
    assert list(expected.columns) == ["persona", *COLUMNS]
    assert expected["persona"].tolist() == ["a"] * 3 + ["b"] * 3 + ["c"] * 3


def test_numeric_columns_are_the_default_drivers():
    table = SMALL.drop(columns="id").assign(flag=True)  # booleans are not numbers
    out = key_drivers(table, outcome="y", by="persona", n_boot=0)
    assert out["driver"].unique().tolist() == ["x0", "x1", "x2"]


def test_groups_equal_each_group_alone():
    out = key_drivers(SMALL, outcome="y", drivers=["x0", "x1", "x2"], by="persona", n_boot=100)
    for persona, rows in out.groupby("persona", sort=False):
        alone = key_drivers(
            SMALL[SMALL["persona"] == persona], outcome="y", drivers=["x0", "x1", "x2"], n_boot=100
        )
        pd.testing.assert_frame_equal(rows.drop(columns="persona").reset_index(drop=True), alone)


def test_listwise_uses_the_complete_respondents():
    out = key_drivers(SMALL, outcome="y", drivers=["x0", "x1", "x2"], n_boot=0)
    complete = SMALL.dropna(subset=["x0", "x1", "x2", "y"])
    assert out["n"].tolist() == [len(complete)] * 3 == [115] * 3
    x, y = complete[["x0", "x1", "x2"]].to_numpy(), complete["y"].to_numpy()
    np.testing.assert_allclose(out["importance"], lmg(np.corrcoef(np.column_stack([x, y]).T)))
    assert (out["missing"] == "listwise").all()


def test_pairwise_by_hand():
    data = np.array(
        [
            [1, 2, np.nan, 3],
            [2, 1, 3, 4],
            [3, np.nan, 2, 4],
            [4, 4, 5, np.nan],
            [5, 3, 4, 6],
            [np.nan, 5, 5, 7],
            [2, 2, 1, 2],
            [4, 5, 3, 6],
            [5, 4, np.nan, 5],
            [1, 1, 2, 1],
        ]
    )
    table = pd.DataFrame(data, columns=["a", "b", "c", "y"])
    out = key_drivers(table, outcome="y", missing="pairwise", n_boot=0)
    corr = pairwise_corr(data)
    assert out["n"].tolist() == [8, 8, 7]  # rows where the driver and y are both answered
    np.testing.assert_allclose(out["r"], corr[:3, 3], atol=1e-12)
    np.testing.assert_allclose(out["importance"], lmg(corr), atol=1e-12)
    r2 = corr[:3, 3] @ np.linalg.solve(corr[:3, :3], corr[:3, 3])
    assert out["r2"].iloc[0] == pytest.approx(r2, abs=1e-12)
    assert (out["missing"] == "pairwise").all()
    listwise = key_drivers(table, outcome="y", n_boot=0)
    assert listwise["n"].tolist() == [5, 5, 5]
    # Pairwise bootstrap resamples every respondent, with their gaps (of ten respondents,
    # some resamples leave a column constant).
    with pytest.warns(BootstrapWarning, match="^only 174 of the 200 bootstrap replicates"):
        boot = key_drivers(table, outcome="y", missing="pairwise", n_boot=200, method="correlation")
    assert np.isfinite(boot[["ci_low", "ci_high"]]).all().all()


def test_pairwise_equals_listwise_without_gaps():
    table = frame(*simulate(200, [0.5, 0.3, 0.2], seed=12))
    listwise = key_drivers(table, outcome="y", n_boot=100)
    pairwise = key_drivers(table, outcome="y", n_boot=100, missing="pairwise")
    cols = ["importance", "r", "ci_low", "ci_high", "r2", "n"]
    np.testing.assert_allclose(listwise[cols].to_numpy(float), pairwise[cols].to_numpy(float))


def personas(sizes: tuple[int, int] = (90, 70)) -> pd.DataFrame:
    """Two personas with steps of their own: 'Étudiante' answers s0–s3, 'Retraité' s2–s5
    (s2 and s3 shared), each respondent all of their persona's steps but for a few gaps."""
    parts = []
    for k, (persona, steps) in enumerate([("Étudiante", [0, 1, 2, 3]), ("Retraité", [2, 3, 4, 5])]):
        x, y = simulate(sizes[k], [0.5, 0.3, -0.2, 0.4], seed=30 + k)
        part = pd.DataFrame(np.nan, index=range(sizes[k]), columns=[f"s{i}" for i in range(6)])
        part[[f"s{i}" for i in steps]] = x
        part.iloc[[r for r in (3, 11) if r < sizes[k]], steps[1]] = np.nan
        parts.append(part.assign(y=y, persona=persona))
    table = pd.concat(parts, ignore_index=True)
    return table.assign(id=range(len(table)))[["id", "persona", *table.columns[:6], "y"]]


OWN = {"Étudiante": ["s0", "s1", "s2", "s3"], "Retraité": ["s2", "s3", "s4", "s5"]}


@pytest.mark.parametrize("missing", ["listwise", "pairwise"])
def test_each_group_has_the_drivers_it_answers(missing):
    table = personas()
    kwargs = {"outcome": "y", "missing": missing, "n_boot": 50}
    out = key_drivers(table.drop(columns="id"), by="persona", **kwargs)
    assert list(out.columns) == ["persona", *COLUMNS]
    for persona, steps in OWN.items():
        rows = out[out["persona"] == persona].drop(columns="persona").reset_index(drop=True)
        assert rows["driver"].tolist() == steps
        assert sorted(rows["rank"]) == [1, 2, 3, 4]
        alone = table[table["persona"] == persona]
        expected = key_drivers(alone, drivers=steps, **kwargs)
        pd.testing.assert_frame_equal(rows, expected)
    # Long form: the steps that occur in each group's rows.
    answers = long_form(table, [f"s{i}" for i in range(6)])
    long = key_drivers(answers, respondent="id", by="persona", **kwargs)
    pd.testing.assert_frame_equal(long, out, check_dtype=False)


def test_listed_drivers_a_group_never_answers_are_left_out_of_it():
    table = personas()
    out = key_drivers(table, outcome="y", drivers=["s5", "s0", "s2"], by="persona", n_boot=0)
    assert out[["persona", "driver"]].values.tolist() == [
        ["Étudiante", "s0"],
        ["Étudiante", "s2"],
        ["Retraité", "s5"],
        ["Retraité", "s2"],
    ]
    answers = long_form(table, [f"s{i}" for i in range(6)])
    long = key_drivers(
        answers, outcome="y", respondent="id", drivers=["s5", "s0", "s2"], by="persona", n_boot=0
    )
    pd.testing.assert_frame_equal(long, out, check_dtype=False)
    # A group answering none of the drivers has no rows.
    only = key_drivers(table, outcome="y", drivers=["s0", "s1"], by="persona", n_boot=0)
    assert only[["persona", "driver"]].values.tolist() == [["Étudiante", "s0"], ["Étudiante", "s1"]]
    # Without by, a driver without answers is still refused, and so with by when no group
    # answers it.
    _raises(table, InvalidTableError, "0 respondents answered every driver", drivers=["s0", "s5"])
    _raises(
        table.assign(s6=np.nan),
        InvalidTableError,
        "driver 's6' has no answers in any group of 'persona'",
        by="persona",
        drivers=["s0", "s6"],
    )


def test_group_errors_count_the_groups_own_drivers():
    table = personas((90, 5))  # one of the five 'Retraité' skips s3
    message = (
        "4 respondents in group 'Retraité' of 'persona' answered every driver and the "
        "outcome; 4 drivers need at least 6"
    )
    _raises(table.drop(columns="id"), InvalidTableError, message, by="persona")
    answers = long_form(table, [f"s{i}" for i in range(6)])
    _raises(answers, InvalidTableError, message, by="persona", respondent="id")
    message = (
        "4 respondents in group 'Retraité' of 'persona' answered driver 's3'; with "
        "missing='pairwise', 4 drivers need at least 6"
    )
    _raises(table.drop(columns="id"), InvalidTableError, message, by="persona", missing="pairwise")


def long_form(wide: pd.DataFrame, steps: list[str]) -> pd.DataFrame:
    """One row per answer (missing answers left out), steps interleaved per respondent."""
    rows = wide.melt(
        id_vars=["id", "y", "persona"], value_vars=steps, var_name="step", value_name="score"
    )
    rows = rows.dropna(subset=["score"])
    order = np.lexsort([rows["step"].map(steps.index), rows["id"]])
    return rows.iloc[order].reset_index(drop=True)


@pytest.mark.parametrize("convert", ENGINES)
def test_long_form_equals_wide_form(convert):
    steps = ["x0", "x1", "x2"]
    wide = key_drivers(SMALL, outcome="y", drivers=steps, by="persona", n_boot=50)
    answers = long_form(SMALL, steps)
    long = key_drivers(
        convert(answers), outcome="y", respondent="id", by="persona", missing="listwise", n_boot=50
    )
    pd.testing.assert_frame_equal(as_pandas(long), wide, check_dtype=False)
    pairwise = key_drivers(answers, outcome="y", respondent="id", missing="pairwise", n_boot=0)
    expected = key_drivers(SMALL, outcome="y", drivers=steps, missing="pairwise", n_boot=0)
    pd.testing.assert_frame_equal(pairwise, expected, check_dtype=False)


def test_long_form_steps_in_journey_order_or_as_listed():
    answers = long_form(SMALL, ["x2", "x0", "x1"])
    out = key_drivers(answers, outcome="y", respondent="id", n_boot=0)
    assert out["driver"].tolist() == ["x2", "x0", "x1"]
    ordered = answers.assign(step=pd.Categorical(answers["step"], ["x1", "x2", "x0"]))
    out = key_drivers(ordered, outcome="y", respondent="id", n_boot=0)
    assert out["driver"].tolist() == ["x1", "x2", "x0"]
    chosen = key_drivers(answers, outcome="y", respondent="id", drivers=["x1", "x0"], n_boot=0)
    assert chosen["driver"].tolist() == ["x1", "x0"]
    wide = key_drivers(SMALL, outcome="y", drivers=["x1", "x0"], n_boot=0)
    np.testing.assert_allclose(chosen["importance"], wide["importance"])
    # An outcome given on some rows of a respondent only is that respondent's outcome.
    sparse = answers.copy()
    sparse.loc[sparse["step"] != "x2", "y"] = np.nan
    out = key_drivers(sparse, outcome="y", respondent="id", n_boot=0)
    assert out["n"].tolist() == [len(SMALL.dropna(subset=["x0", "x1", "x2", "y"]))] * 3


def test_long_form_numeric_step_labels():
    answers = long_form(SMALL, ["x0", "x1", "x2"])
    answers["step"] = answers["step"].map({"x0": 10, "x1": 20, "x2": 30})
    out = key_drivers(answers, outcome="y", respondent="id", n_boot=0)
    assert out["driver"].tolist() == [10, 20, 30]


@pytest.mark.parametrize("names", [[1, 2, "c"], ["", "b", 0], [0, 1, 2]])
def test_any_pandas_column_name_is_a_driver_by_its_own_name(names):
    x, y = simulate(100, [0.5, 0.3, 0.2], seed=16)
    table = pd.DataFrame(x, columns=names).assign(overall=y)
    out = key_drivers(table, outcome="overall", n_boot=40)
    assert out["driver"].tolist() == names
    expected = key_drivers(frame(x, y), outcome="y", n_boot=40)
    cols = ["importance", "ci_low", "ci_high", "r2", "n_boot"]
    pd.testing.assert_frame_equal(out[cols], expected[cols])
    listed = key_drivers(table, outcome="overall", drivers=names[::-1], n_boot=0)
    assert listed["driver"].tolist() == names[::-1]
    # Outcome and by columns may have such names too.
    numbered = pd.DataFrame(np.column_stack([x, y]), columns=[10, 11, 12, 13]).assign(**{"": "g"})
    out = key_drivers(numbered, outcome=13, by="", n_boot=0)
    assert out["driver"].tolist() == [10, 11, 12]
    assert out[""].tolist() == ["g"] * 3
    np.testing.assert_allclose(out["importance"], expected["importance"])


def test_long_form_role_columns_with_number_names():
    answers = long_form(SMALL, ["x0", "x1", "x2"]).rename(columns={"id": 0, "step": 1, "score": 2})
    out = key_drivers(answers, outcome="y", respondent=0, step=1, score=2, by="persona", n_boot=0)
    expected = key_drivers(SMALL, outcome="y", drivers=["x0", "x1", "x2"], by="persona", n_boot=0)
    pd.testing.assert_frame_equal(out, expected, check_dtype=False)


def test_a_column_name_two_columns_share_is_refused():
    x, y = simulate(50, [0.5, 0.3, 0.2], seed=17)
    table = pd.DataFrame(x, columns=["a", "a", "c"]).assign(y=y)
    for kwargs in ({}, {"drivers": ["a", "c"]}):
        with pytest.raises(CJMError, match="2 columns are named 'a'; give each column a name"):
            key_drivers(table, outcome="y", n_boot=0, **kwargs)
    # A repeated name that is not used does not matter.
    key_drivers(table, outcome="y", drivers=["c"], n_boot=0)
    repeated = table.set_axis(["a", "b", "y", "y"], axis=1)
    _raises(repeated, InvalidTableError, "2 columns are named 'y'", drivers=["a", "b"])
    answers = long_form(SMALL, ["x0", "x1"]).assign(other=1.0)
    answers.columns = ["id", "y", "persona", "step", "score", "step"]
    _raises(answers, InvalidTableError, "2 columns are named 'step'", respondent="id")


# -- properties --------------------------------------------------------------------------


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    p=st.integers(1, 6),
    extra=st.integers(4, 60),
    seed=st.integers(0, 2**32 - 1),
    rho=st.floats(-0.15, 0.8),
)
def test_shares_are_a_split_of_r2(p, extra, seed, rho):
    rng = np.random.default_rng(seed)
    n = p + extra
    x = rng.normal(size=(n, p)) + rho * rng.normal(size=(n, 1))
    y = x @ rng.normal(size=p) + rng.normal(size=n)
    assume(np.linalg.eigvalsh(np.corrcoef(x.T).reshape(p, p))[0] > 1e-3)
    table = frame(x, y)
    shapley = key_drivers(table, outcome="y", n_boot=0)
    weights = key_drivers(table, outcome="y", method="relative_weights", n_boot=0)
    r2 = fitted_r2(x, y)
    for out in (shapley, weights):
        assert abs(out["importance"].sum() - out["r2"].iloc[0]) < 1e-12
        assert out["r2"].iloc[0] == pytest.approx(r2, abs=1e-9)
        assert (out["importance"] >= -1e-12).all()
        assert sorted(out["rank"]) == list(range(1, p + 1))
        assert out["importance_pct"].sum() == pytest.approx(100)
    if p <= 4:
        corr = np.corrcoef(np.column_stack([x, y]).T)
        np.testing.assert_allclose(shapley["importance"], lmg(corr), atol=1e-10)


# -- errors ------------------------------------------------------------------------------

BASE = frame(*simulate(30, [0.5, 0.3, 0.2], seed=13)).assign(persona=["a", "b"] * 15)

ERRORS = [
    ({"method": "lasso"}, InvalidArgumentError, "method 'lasso' is not one of shapley"),
    ({"missing": "mean"}, InvalidArgumentError, "missing 'mean' is not one of listwise"),
    ({"ci": 1.0}, InvalidArgumentError, "ci must be a number between 0 and 1, e.g. 0.95; got 1.0"),
    ({"ci": 0}, InvalidArgumentError, "ci must be a number between 0 and 1"),
    ({"ci": True}, InvalidArgumentError, "ci must be a number"),
    ({"n_boot": -1}, InvalidArgumentError, "n_boot must be 0 or more; got -1"),
    ({"n_boot": 10.5}, InvalidArgumentError, "n_boot must be a whole number"),
    ({"n_boot": True}, InvalidArgumentError, "n_boot must be a whole number"),
    (
        {"n_boot": 1},
        InvalidArgumentError,
        r"n_boot=1 is too few for a 95% percentile interval: it takes at least 40 replicates",
    ),
    ({"n_boot": 39}, InvalidArgumentError, "n_boot=39 is too few"),
    ({"n_boot": 100, "ci": 0.99}, InvalidArgumentError, "too few for a 99% .* at least 200"),
    ({"seed": -2}, InvalidArgumentError, "seed must be a whole number"),
    ({"drivers": "x0"}, InvalidArgumentError, "drivers must be a list"),
    ({"drivers": []}, InvalidArgumentError, "drivers is empty"),
    ({"drivers": ["x0", "x0"]}, InvalidArgumentError, "driver 'x0' is listed twice"),
    ({"drivers": ["x0", "y"]}, InvalidArgumentError, "outcome column 'y' is also listed"),
    ({"drivers": ["x0", "nope"]}, MissingColumnError, "driver column 'nope' is not in"),
    ({"outcome": "nope"}, MissingColumnError, "outcome column 'nope' is not in"),
    ({"by": "nope"}, MissingColumnError, "by column 'nope' is not in"),
    ({"drivers": ["x0", "persona"]}, InvalidTableError, "driver column 'persona' has dtype"),
    ({"outcome": "persona"}, InvalidTableError, "outcome column 'persona' has dtype String"),
    ({"by": "y", "outcome": "y"}, InvalidArgumentError, "outcome and by both name column 'y'"),
]


@pytest.mark.parametrize("convert", ENGINES)
@pytest.mark.parametrize(("kwargs", "error", "message"), ERRORS)
def test_arguments_the_function_cannot_take(convert, kwargs, error, message):
    with pytest.raises(error, match=message):
        key_drivers(convert(BASE), **{"outcome": "y", "n_boot": 0, **kwargs})


def _raises(table: pd.DataFrame, error: type, message: str, **kwargs: Any) -> None:
    with pytest.raises(error, match=message):
        key_drivers(table, **{"outcome": "y", "n_boot": 0, **kwargs})


def test_constant_columns_are_named():
    _raises(BASE.assign(x1=4.0), InvalidTableError, r"driver 'x1' is constant \(every answer")
    _raises(BASE.assign(y=2), InvalidTableError, "outcome 'y' is constant")
    by_group = BASE.assign(x2=np.where(BASE["persona"] == "b", 1.0, BASE["x2"]))
    _raises(
        by_group,
        InvalidTableError,
        "driver 'x2' is constant in group 'b' of 'persona'",
        by="persona",
    )
    _raises(BASE.assign(x0=np.nan), InvalidTableError, "0 respondents answered every driver")
    _raises(
        BASE.assign(x0=np.nan), InvalidTableError, "driver 'x0' has no answers", missing="pairwise"
    )


def test_too_few_respondents_say_how_many():
    _raises(
        BASE.head(4),
        InvalidTableError,
        "4 respondents answered every driver and the outcome; 3 drivers need at least 5",
    )
    gaps = BASE.head(8).assign(persona=["a"] * 6 + ["b"] * 2)
    _raises(
        gaps,
        InvalidTableError,
        "2 respondents in group 'b' of 'persona' answered every",
        by="persona",
    )
    holes = BASE.copy()
    holes.loc[4:, "x2"] = np.nan
    _raises(holes, InvalidTableError, "4 respondents answered every driver")
    message = (
        "4 respondents answered driver 'x2'; with missing='pairwise', 3 drivers need at least 5"
    )
    _raises(holes, InvalidTableError, message, missing="pairwise")
    apart = BASE.copy()
    apart.loc[:14, "x0"] = np.nan
    apart.loc[15:, "x2"] = np.nan
    message = "0 respondents answered both driver 'x0' and driver 'x2'"
    _raises(apart, InvalidTableError, message, missing="pairwise")


def test_collinear_drivers_are_named():
    table = BASE.assign(x3=BASE["x0"] - 2 * BASE["x2"], x4=np.arange(30.0) ** 1.5)
    message = r"perfectly collinear: driver 'x0', driver 'x2', driver 'x3' \(one is"
    _raises(table, InvalidTableError, message, drivers=["x0", "x1", "x2", "x3", "x4"])
    _raises(
        table, InvalidTableError, message, drivers=["x0", "x1", "x2", "x3"], method="correlation"
    )
    twin = BASE.assign(twin=BASE["x1"] * 3 + 1)
    _raises(
        twin,
        InvalidTableError,
        "collinear: driver 'x1', driver 'twin'",
        drivers=["x0", "x1", "twin"],
    )


def test_pairwise_correlations_that_do_not_fit_together():
    # a ~ b and b ~ c on disjoint respondents, a ~ -c on others: no joint distribution has them.
    t = np.linspace(-1, 1, 12)
    a = np.r_[t, [np.nan] * 12, t]
    b = np.r_[t, t, [np.nan] * 12]
    c = np.r_[[np.nan] * 12, t, -t]
    y = np.r_[t, t, t] + np.r_[[0.3, -0.2, 0.1] * 12]
    table = pd.DataFrame({"a": a, "b": b, "c": c, "y": y})
    _raises(
        table,
        InvalidTableError,
        "pairwise correlations of the drivers do not fit together",
        missing="pairwise",
    )


def test_table_errors():
    _raises(
        BASE.assign(x0=BASE["x0"] > 0),
        InvalidTableError,
        "driver column 'x0' has dtype Boolean; expected numbers",
        drivers=["x0", "x1"],
    )
    _raises(BASE.assign(x1=np.inf), InvalidTableError, "column 'x1' holds 30 infinite values")
    _raises(BASE.head(0), EmptyLogError, "the survey has no rows")
    _raises(
        BASE.assign(persona=["a", None] * 15),
        MissingValueError,
        "by column 'persona' is empty in 15 of 30 rows",
        by="persona",
    )
    _raises(
        BASE.drop(columns=["x0", "x1", "x2"]),
        InvalidTableError,
        "no numeric column besides outcome 'y'",
    )
    _raises(
        BASE,
        InvalidArgumentError,
        "by column 'driver' has the name of an output column",
        by="driver",
    )
    wide = pd.DataFrame(np.random.default_rng(0).normal(size=(40, 22)))
    wide.columns = [f"d{i}" for i in range(21)] + ["y"]
    _raises(wide, InvalidArgumentError, "21 drivers are more than the 20 it takes")
    # Refused before any warning that it would take long.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(InvalidArgumentError, match="more than the 20"):
            key_drivers(wide, outcome="y")
    _raises(BASE, InvalidArgumentError, "more than the 100,000 replicates", n_boot=100_001)
    with pytest.raises(InvalidArgumentError, match="responses is not a table"):
        key_drivers([1, 2, 3], outcome="y")


def test_long_form_errors():
    answers = long_form(SMALL, ["x0", "x1", "x2"])
    kwargs = {"respondent": "id"}
    changed = answers.copy()
    changed.loc[changed.index[4], "y"] += 1
    who = changed.loc[changed.index[4], "id"]
    _raises(
        changed,
        InvalidTableError,
        f"outcome column 'y' differs between the rows of respondent {who}",
        **kwargs,
    )
    twice = pd.concat([answers, answers.iloc[[7]]])
    step = answers["step"].iloc[7]
    who = answers["id"].iloc[7]
    _raises(
        twice, InvalidTableError, f"respondent {who} answers step '{step}' more than once", **kwargs
    )
    persona = answers.copy()
    persona.loc[persona.index[0], "persona"] = "z"
    _raises(
        persona,
        InvalidTableError,
        "by column 'persona' differs between the rows of respondent 0",
        by="persona",
        **kwargs,
    )
    _raises(
        answers,
        InvalidArgumentError,
        "driver 'x9' is not a step in column 'step'",
        drivers=["x0", "x9"],
        **kwargs,
    )
    _raises(
        answers.assign(score="good"),
        InvalidTableError,
        "score column 'score' has dtype String",
        **kwargs,
    )
    _raises(answers, MissingColumnError, "step column 'stage' is not in", step="stage", **kwargs)
    _raises(answers.assign(step=None), MissingValueError, "step column 'step' is empty", **kwargs)


def test_errors_are_cjm_errors():
    assert issubclass(InvalidTableError, CJMError)
    with pytest.raises(CJMError):
        key_drivers(BASE, outcome="y", method="lasso")


def test_pyspark_gives_the_pandas_result(spark):
    steps = ["x0", "x1", "x2"]
    expected = key_drivers(SMALL, outcome="y", drivers=steps, by="persona", n_boot=50)
    out = key_drivers(
        spark.createDataFrame(SMALL), outcome="y", drivers=steps, by="persona", n_boot=50
    )
    assert type(out).__module__.startswith("pyspark")
    got = out.toPandas()
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    answers = long_form(SMALL, steps)
    long = key_drivers(
        spark.createDataFrame(answers), outcome="y", respondent="id", by="persona", n_boot=50
    )
    pd.testing.assert_frame_equal(long.toPandas(), expected, check_dtype=False)
