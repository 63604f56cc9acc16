"""Importance-performance quadrants, opportunity scores and what-if funnels, checked against
values computed by hand."""

from __future__ import annotations

import math
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cjm_widgets import CJMError, MissingColumnError
from cjm_widgets.analytics import (
    InvalidArgumentError,
    funnel,
    importance_performance,
    opportunity_scores,
    what_if,
)
from cjm_widgets.analytics.priorities import QUADRANTS
from cjm_widgets.errors import InvalidTableError, MissingValueError

from .conftest import ENGINES

CONCENTRATE, KEEP_UP, LOW, OVERKILL = QUADRANTS


def drivers(steps: list[str], importance: list[float], **columns: Any) -> pd.DataFrame:
    """An importance table as key_drivers writes it (ci_low/ci_high around importance)."""
    values = np.asarray(importance, dtype=float)
    table = pd.DataFrame(
        {
            **columns,
            "driver": steps,
            "n": 50,
            "importance": values,
            "importance_pct": values * 100,
            "r": 0.5,
            "ci_low": values - 0.05,
            "ci_high": values + 0.05,
        }
    )
    table["rank"] = table["importance"].rank(ascending=False, method="first").astype("int64")
    return table.assign(r2=0.6, method="shapley", missing=0)


def scores(steps: list[str], mean: list[float], **columns: Any) -> pd.DataFrame:
    """A performance table as survey_scores writes it."""
    values = np.asarray(mean, dtype=float)
    return pd.DataFrame(
        {
            "step": steps,
            **columns,
            "n": 40,
            "mean": values,
            "mean_ci_low": values - 0.25,
            "mean_ci_high": values + 0.25,
            "top2_share": values / 10,
            "top2_ci_low": values / 10 - 0.01,
            "top2_ci_high": values / 10 + 0.01,
            "low_n": False,
        }
    )


def shares(steps: list[str], top2: list[float], **columns: Any) -> pd.DataFrame:
    return pd.DataFrame({"step": steps, **columns, "n": 40, "top2_share": top2})


def as_pandas(table: Any) -> pd.DataFrame:
    if isinstance(table, pl.LazyFrame):
        table = table.collect()
    if isinstance(table, pd.DataFrame):
        return table
    if isinstance(table, duckdb.DuckDBPyRelation):
        return table.df()
    return table.to_pandas()


def rows(table: pd.DataFrame, *columns: str) -> list[list[Any]]:
    return table[list(columns)].values.tolist()


# --- importance_performance -----------------------------------------------------------------

# One step per quadrant at the means (importance 0.25, performance 3.75); the performance
# table lists the steps in another order than the importance table.
FOUR = (
    drivers(["a", "b", "c", "d"], [0.4, 0.3, 0.2, 0.1]),
    scores(["d", "c", "b", "a"], [4.5, 3.0, 4.0, 3.5]),
)


def test_quadrants_at_the_means_by_hand():
    out = importance_performance(*FOUR)
    assert list(out.columns) == [
        "step",
        "importance",
        "importance_ci_low",
        "importance_ci_high",
        "performance",
        "performance_ci_low",
        "performance_ci_high",
        "quadrant",
        "priority",
        "importance_cut",
        "performance_cut",
        "cut",
    ]
    assert rows(out, "step", "quadrant", "priority") == [
        ["d", OVERKILL, 4],
        ["c", LOW, 3],
        ["b", KEEP_UP, 2],
        ["a", CONCENTRATE, 1],
    ]
    assert out["priority"].dtype == np.int64
    assert out["importance"].tolist() == [0.1, 0.2, 0.3, 0.4]
    assert out["importance_ci_low"].tolist() == pytest.approx([0.05, 0.15, 0.25, 0.35])
    assert out["importance_ci_high"].tolist() == pytest.approx([0.15, 0.25, 0.35, 0.45])
    assert out["performance"].tolist() == [4.5, 3.0, 4.0, 3.5]
    assert out["performance_ci_low"].tolist() == [4.25, 2.75, 3.75, 3.25]
    assert out["performance_ci_high"].tolist() == [4.75, 3.25, 4.25, 3.75]
    assert out["importance_cut"].tolist() == pytest.approx([0.25] * 4)
    assert out["performance_cut"].tolist() == pytest.approx([3.75] * 4)
    assert out["cut"].tolist() == ["mean"] * 4


# Mean cuts: importance 0.4 (b sits on it), performance 5 (a sits on it); midpoint cuts:
# importance 0.5, performance 5.5.
CUT_STEPS = (
    drivers(["a", "b", "c", "d"], [0.1, 0.4, 0.2, 0.9]),
    scores(["a", "b", "c", "d"], [5.0, 4.0, 1.0, 10.0]),
)


@pytest.mark.parametrize(
    ("cut", "quadrants", "priority", "cuts", "named"),
    [
        pytest.param(
            "mean",
            [OVERKILL, CONCENTRATE, LOW, KEEP_UP],
            [4, 1, 3, 2],
            (0.4, 5.0),
            "mean",
            id="mean, ties count as high",
        ),
        pytest.param(
            "midpoint",
            [LOW, LOW, LOW, KEEP_UP],
            [4, 2, 3, 1],
            (0.5, 5.5),
            "midpoint",
            id="midpoint",
        ),
        pytest.param(
            (4, 0.3),
            [OVERKILL, KEEP_UP, LOW, KEEP_UP],
            [4, 2, 3, 1],
            (0.3, 4.0),
            "given",
            id="given (performance, importance)",
        ),
    ],
)
def test_quadrants_for_each_cut(cut, quadrants, priority, cuts, named):
    out = importance_performance(*CUT_STEPS, cut=cut)
    assert out["quadrant"].tolist() == quadrants
    assert out["priority"].tolist() == priority
    assert out["importance_cut"].tolist() == pytest.approx([cuts[0]] * 4)
    assert out["performance_cut"].tolist() == pytest.approx([cuts[1]] * 4)
    assert out["cut"].tolist() == [named] * 4


def test_priority_within_a_quadrant_by_importance_then_lower_performance_then_row_order():
    out = importance_performance(
        drivers(["p", "q", "r", "s", "t"], [0.6, 0.6, 0.8, 0.6, 0.9]),
        scores(["p", "q", "r", "s", "t"], [3.0, 2.0, 6.0, 3.0, 4.0]),
        cut=(5, 0.5),
    )
    assert out["quadrant"].tolist() == [CONCENTRATE] * 2 + [KEEP_UP] + [CONCENTRATE] * 2
    # t: most important; q: as important as p and s, lower performance; p before s by row.
    assert out["priority"].tolist() == [3, 2, 5, 4, 1]


def test_a_value_on_a_cut_counts_as_high_even_when_the_mean_is_off_by_rounding():
    # In floating point the mean of 0.7, 0.8, 0.9 comes out a hair above 0.8, that of 0.1,
    # 0.7, 0.4 above 0.4; 0.8 and 0.4 still sit on the cuts.
    out = importance_performance(
        drivers(["a", "b", "c"], [0.7, 0.8, 0.9]), scores(["a", "b", "c"], [0.1, 0.7, 0.4])
    )
    assert out["importance_cut"].iloc[0] == pytest.approx(0.8)
    assert out["performance_cut"].iloc[0] == pytest.approx(0.4)
    assert out["quadrant"].tolist() == [LOW, KEEP_UP, KEEP_UP]


def test_each_group_gets_its_own_cuts_and_priorities():
    importance = pd.concat(
        [
            drivers(["a", "b"], [0.2, 0.6], persona=["x", "x"]),
            drivers(["a", "b"], [0.5, 0.1], persona=["y", "y"]),
        ]
    )
    performance = scores(["a", "a", "b", "b"], [4.0, 1.0, 2.0, 5.0], persona=["x", "y", "x", "y"])
    out = importance_performance(importance, performance, by="persona")
    assert list(out.columns[:2]) == ["persona", "step"]
    assert rows(out, "persona", "step", "quadrant", "priority") == [
        ["x", "a", OVERKILL, 2],
        ["y", "a", CONCENTRATE, 1],
        ["x", "b", CONCENTRATE, 1],
        ["y", "b", OVERKILL, 2],
    ]
    assert out["importance_cut"].tolist() == pytest.approx([0.4, 0.3, 0.4, 0.3])
    assert out["performance_cut"].tolist() == pytest.approx([3.0, 3.0, 3.0, 3.0])
    with pytest.raises(InvalidTableError, match=r"two rows for 'a'; .*pass by="):
        importance_performance(importance, performance)
    with pytest.raises(MissingColumnError, match="importance table's by column 'persona'"):
        importance_performance(FOUR[0], performance, by="persona")


def test_top2_share_carries_its_own_interval():
    out = importance_performance(*FOUR, performance_col="top2_share")
    assert out["performance"].tolist() == pytest.approx([0.45, 0.3, 0.4, 0.35])
    assert out["performance_ci_low"].tolist() == pytest.approx([0.44, 0.29, 0.39, 0.34])
    assert out["performance_ci_high"].tolist() == pytest.approx([0.46, 0.31, 0.41, 0.36])
    bare = importance_performance(
        FOUR[0][["driver", "importance"]], FOUR[1][["step", "mean"]], cut="midpoint"
    )
    assert (
        bare["quadrant"].tolist()
        == importance_performance(*FOUR, cut="midpoint")["quadrant"].tolist()
    )
    assert bare[["importance_ci_low", "performance_ci_high"]].isna().all().all()


def test_importance_performance_refuses_tables_of_different_steps():
    importance = drivers(["a", "b", "z"], [0.4, 0.3, 0.2])
    performance = scores(["a", "b", "e", "f"], [4.0, 3.0, 2.0, 1.0])
    with pytest.raises(
        InvalidTableError,
        match=r"different steps \(only in performance: 'e', 'f'; only in importance: 'z'\)",
    ):
        importance_performance(importance, performance)
    with pytest.raises(InvalidTableError, match=r"only in importance: 'c', 'd'\)"):
        importance_performance(FOUR[0], scores(["a", "b"], [1.0, 2.0]))


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        ({"cut": "median"}, InvalidArgumentError, "cut must be 'mean', 'midpoint' or two"),
        ({"cut": (1, 2, 3)}, InvalidArgumentError, r"got \(1, 2, 3\)"),
        ({"cut": (1, math.nan)}, InvalidArgumentError, "two numbers"),
        ({"cut": "4,0.3"}, InvalidArgumentError, "two numbers"),
        ({"performance_col": "nps"}, MissingColumnError, "performance column 'nps'"),
        ({"performance_col": "low_n"}, InvalidTableError, "'low_n' has dtype bool"),
        ({"driver": "step"}, MissingColumnError, "driver column 'step'"),
        ({"by": "step"}, InvalidArgumentError, "step and by both name column 'step'"),
        ({"by": "quadrant"}, InvalidArgumentError, "'quadrant' has the name of a column"),
    ],
)
def test_importance_performance_argument_errors(arguments, error, message):
    with pytest.raises(error, match=message):
        importance_performance(*FOUR, **arguments)


def test_importance_performance_table_errors():
    with pytest.raises(InvalidArgumentError, match="importance is not a table"):
        importance_performance({"driver": ["a"]}, FOUR[1])
    missing = FOUR[0].assign(importance=[0.4, None, 0.2, 0.1])
    with pytest.raises(MissingValueError, match="importance column 'importance' is empty in 1"):
        importance_performance(missing, FOUR[1])
    with pytest.raises(InvalidTableError, match="importance column 'importance' has dtype"):
        importance_performance(FOUR[0].assign(importance="high"), FOUR[1])
    with pytest.raises(CJMError, match="performance table has no rows"):
        importance_performance(FOUR[0], FOUR[1].iloc[:0])


# --- opportunity_scores ---------------------------------------------------------------------


def test_opportunity_scores_by_hand():
    out = opportunity_scores(
        shares(["a", "b", "c", "d", "e"], [0.8, 0.6, 0.95, 0.5, 0.7]),
        shares(["e", "d", "c", "b", "a"], [0.3, 0.5, 0.1, 0.9, 0.3]),
    )
    assert list(out.columns) == [
        "step",
        "importance",
        "satisfaction",
        "opportunity",
        "level",
        "rank",
    ]
    assert out["step"].tolist() == ["a", "b", "c", "d", "e"]
    assert out["importance"].tolist() == [8.0, 6.0, 9.5, 5.0, 7.0]
    assert out["satisfaction"].tolist() == [3.0, 9.0, 1.0, 5.0, 3.0]
    # 8 + 5, 6 + 0 (satisfaction above importance adds nothing), 9.5 + 8.5, 5 + 0, 7 + 4
    assert out["opportunity"].tolist() == [13.0, 6.0, 18.0, 5.0, 11.0]
    assert out["level"].tolist() == ["high", "low", "extreme", "low", "solid"]
    assert out["rank"].tolist() == [2, 4, 1, 5, 3]
    assert out["rank"].dtype == np.int64


@pytest.mark.parametrize(
    ("importance", "satisfaction", "opportunity", "level"),
    [
        (0.76, 0.0, 15.2, "extreme"),
        (0.75, 0.0, 15.0, "high"),
        (0.82, 0.14, 15.0, "high"),  # 14.999999999999998 unrounded
        (0.6, 0.0, 12.0, "high"),
        (0.72, 0.24, 12.0, "high"),  # 11.999999999999998 unrounded
        (0.59, 0.0, 11.8, "solid"),
        (0.5, 0.0, 10.0, "solid"),
        (0.57, 0.14, 10.0, "solid"),  # 9.999999999999998 unrounded
        (0.5, 0.01, 9.9, "low"),
        (0.0, 1.0, 0.0, "low"),
    ],
)
def test_opportunity_band_boundaries(importance, satisfaction, opportunity, level):
    row = opportunity_scores(shares(["a"], [importance]), shares(["a"], [satisfaction])).iloc[0]
    # Scores as written in decimals: 10 × 0.57 is 5.7, not 5.699999999999999.
    assert row["importance"] == round(importance * 100) / 10
    assert row["satisfaction"] == round(satisfaction * 100) / 10
    assert row["opportunity"] == opportunity
    assert row["level"] == level


def test_equal_opportunities_rank_by_importance_within_each_group():
    out = opportunity_scores(
        shares(["a", "b", "a", "b"], [0.6, 0.8, 0.6, 0.8], persona=["x", "x", "y", "y"]),
        shares(["a", "b", "a", "b"], [0.0, 0.4, 0.0, 0.9], persona=["x", "x", "y", "y"]),
        by="persona",
    )
    assert rows(out, "persona", "step", "opportunity", "rank") == [
        ["x", "a", 12.0, 2],
        ["x", "b", 12.0, 1],
        ["y", "a", 12.0, 1],
        ["y", "b", 8.0, 2],
    ]


def test_opportunity_errors():
    good = shares(["a", "b"], [0.5, 0.6])
    with pytest.raises(
        InvalidTableError,
        match=r"share column 'top2_share' of the satisfaction table holds 1 values outside 0–1, "
        r"e.g. 1.2 at step 'b'",
    ):
        opportunity_scores(good, shares(["a", "b"], [0.5, 1.2]))
    with pytest.raises(InvalidTableError, match=r"importance table holds 1 values.*-0.1 at step"):
        opportunity_scores(shares(["a", "b"], [-0.1, 0.6]), good)
    with pytest.raises(InvalidTableError, match="importance share column 'top2_share' has dtype"):
        opportunity_scores(shares(["a", "b"], ["50%", "60%"]), good)
    with pytest.raises(InvalidTableError, match=r"only in satisfaction: 'c'\)"):
        opportunity_scores(good, shares(["a", "b", "c"], [0.1, 0.2, 0.3]))
    with pytest.raises(MissingColumnError, match="satisfaction table's share column 'mean'"):
        opportunity_scores(good.assign(mean=1.0), good, share="mean")


# --- what_if ----------------------------------------------------------------------------------

STEPS = ["home", "cart", "shipping details", "purchase"]


def event_log(reached: list[int], steps: list[str] = STEPS) -> pd.DataFrame:
    """``reached[k]`` customers reach step k (the first ones of those who reached k - 1)."""
    events = [
        (f"c{c:02}", step, pd.Timestamp("2026-03-01") + pd.Timedelta(minutes=60 * c + k))
        for k, (step, count) in enumerate(zip(steps, reached, strict=True))
        for c in range(count)
    ]
    return pd.DataFrame(events, columns=["customer_id", "step", "timestamp"])


# 20 reach home, 16 the cart, 8 shipping details (drop-off 50 %), 4 purchase (20 % of all).
LOG = event_log([20, 16, 8, 4])


def test_what_if_by_hand():
    out = what_if(funnel(LOG, STEPS), "shipping details", -0.2)
    # Drop-off 50 % -> 40 %: shipping details converts 60 % instead of 50 %, a factor 1.2.
    assert out["paths"].tolist() == [20, 16, 8, 4]
    assert out["paths_after"].tolist() == pytest.approx([20, 16, 9.6, 4.8])
    assert out["conversion_from_first"].tolist() == [1.0, 0.8, 0.4, 0.2]
    assert out["conversion_from_first_after"].tolist() == pytest.approx([1.0, 0.8, 0.48, 0.24])
    assert out["drop_off"].tolist()[1:] == pytest.approx([0.2, 0.5, 0.5])
    assert math.isnan(out["drop_off"].iloc[0])  # nothing before the first step
    assert out["drop_off_after"].tolist()[1:] == pytest.approx([0.2, 0.4, 0.5])
    assert {"share_of_all", "conversion_from_previous"} <= set(out.columns)
    assumption = (
        "If drop-off at shipping details falls 20 % (from 50.0 % to 40.0 %) and later steps "
        "convert as before, purchase conversion goes from 20.0 % to 24.0 %."
    )
    assert out["assumption"].tolist() == [assumption] * 4


def test_what_if_rises_and_at_the_last_step():
    rises = what_if(funnel(LOG, STEPS), "cart", 0.5)
    # Drop-off 20 % -> 30 %: the cart converts 70 % instead of 80 %, a factor 7/8.
    assert rises["paths_after"].tolist() == pytest.approx([20, 14, 7, 3.5])
    assert rises["assumption"].iloc[0] == (
        "If drop-off at cart rises 50 % (from 20.0 % to 30.0 %) and later steps convert as "
        "before, purchase conversion goes from 20.0 % to 17.5 %."
    )
    last = what_if(funnel(LOG, STEPS), "purchase", -1)
    assert last["paths_after"].tolist() == [20, 16, 8, 8]
    assert last["assumption"].iloc[0] == (
        "If drop-off at purchase falls 100 % (from 50.0 % to 0.0 %), purchase conversion "
        "goes from 20.0 % to 40.0 %."
    )


def test_what_if_without_change_gives_the_same_funnel():
    before = funnel(LOG, STEPS)
    out = what_if(before, "cart", 0)
    assert out["paths_after"].tolist() == before["paths"].tolist()
    assert out["conversion_from_first_after"].tolist() == before["conversion_from_first"].tolist()
    assert out["drop_off_after"].equals(out["drop_off"])
    assert out["assumption"].iloc[0] == (
        "If drop-off at cart stays at 20.0 % and later steps convert as before, purchase "
        "conversion stays at 20.0 %."
    )


def test_what_if_takes_labels_as_plain_text():
    labels = ["{0} home", "100% {cart!r}", "<b>pay</b>"]
    out = what_if(funnel(event_log([4, 2, 1], labels), labels), "100% {cart!r}", -0.5)
    assert out["assumption"].iloc[0] == (
        "If drop-off at 100% {cart!r} falls 50 % (from 50.0 % to 25.0 %) and later steps "
        "convert as before, <b>pay</b> conversion goes from 25.0 % to 37.5 %."
    )


@pytest.mark.parametrize(
    ("step", "change", "message"),
    [
        ("home", -0.2, "'home' is the funnel's first step: no step comes before it"),
        (
            "checkout",
            -0.2,
            "step 'checkout' is not in the funnel; its steps: 'home', 'cart', "
            "'shipping details', 'purchase'",
        ),
        (
            "shipping details",
            1.5,
            "drop_off_change 1.5 would take the drop-off at 'shipping details' from 50.0 % to "
            "125.0 %, outside 0–100 %; it can change by −1 \\(none left\\) to 1",
        ),
        ("cart", -1.5, "from 20.0 % to -10.0 %, outside 0–100 %"),
        ("cart", "-20%", "drop_off_change must be a number"),
        ("cart", True, "drop_off_change must be a number"),
        ("cart", math.inf, "drop_off_change must be a number"),
    ],
)
def test_what_if_errors(step, change, message):
    with pytest.raises(InvalidArgumentError, match=message):
        what_if(funnel(LOG, STEPS), step, change)


def test_what_if_after_a_step_no_path_reached():
    dead = funnel(event_log([3, 0, 0], ["a", "b", "c"]), ["a", "b", "c"])
    with pytest.raises(InvalidArgumentError, match="no path reached 'b', the step before 'c'"):
        what_if(dead, "c")
    with pytest.raises(InvalidArgumentError, match="no path reached 'b', so how the steps after"):
        what_if(dead, "b")
    assert what_if(dead, "b", 0)["paths_after"].tolist() == [3, 0, 0]
    with pytest.raises(MissingColumnError, match="funnel table's paths column 'paths'"):
        what_if(dead.drop(columns="paths"), "b")


# --- engines ----------------------------------------------------------------------------------


def same_as_pandas(got: Any, kind: Any, expected: pd.DataFrame) -> None:
    assert type(got) is type(kind)
    pd.testing.assert_frame_equal(as_pandas(got), expected, check_dtype=False)


@pytest.mark.parametrize("convert", ENGINES)
def test_importance_performance_on_every_engine(convert):
    importance = pd.concat([CUT_STEPS[0].assign(persona="x"), FOUR[0].assign(persona="y")])
    performance = pd.concat([CUT_STEPS[1].assign(persona="x"), FOUR[1].assign(persona="y")])
    expected = importance_performance(importance, performance, by="persona")
    given_ = convert(performance)
    same_as_pandas(
        importance_performance(convert(importance), given_, by="persona"), given_, expected
    )


@pytest.mark.parametrize("convert", ENGINES)
def test_opportunity_scores_on_every_engine(convert):
    importance, satisfaction = shares(["a", "b"], [0.8, 0.6]), shares(["b", "a"], [0.9, 0.3])
    given_ = convert(importance)
    got = opportunity_scores(given_, convert(satisfaction))
    same_as_pandas(got, given_, opportunity_scores(importance, satisfaction))


@pytest.mark.parametrize("convert", ENGINES)
def test_what_if_on_every_engine(convert):
    given_ = funnel(convert(LOG), STEPS)
    got = what_if(given_, "shipping details")
    same_as_pandas(got, given_, what_if(funnel(LOG, STEPS), "shipping details"))


def test_tables_of_two_engines_give_the_second_ones_kind():
    out = importance_performance(pl.from_pandas(FOUR[0]), duckdb.from_df(FOUR[1]))
    assert isinstance(out, duckdb.DuckDBPyRelation)
    pd.testing.assert_frame_equal(out.df(), importance_performance(*FOUR), check_dtype=False)
    arrow = importance_performance(FOUR[0], pa.Table.from_pandas(FOUR[1]))
    assert isinstance(arrow, pa.Table)


# --- properties -------------------------------------------------------------------------------


@st.composite
def grids(draw: Any) -> tuple[pd.DataFrame, pd.DataFrame, Any]:
    n = draw(st.integers(1, 8))
    # Values on a coarse grid, so that ties between steps and with the cuts are common.
    importance = draw(st.lists(st.integers(0, 10), min_size=n, max_size=n))
    performance = draw(st.lists(st.integers(10, 50), min_size=n, max_size=n))
    steps = [f"s{i}" for i in range(n)]
    order = draw(st.permutations(steps))
    cut = draw(
        st.one_of(
            st.sampled_from(["mean", "midpoint"]),
            st.tuples(st.integers(10, 50).map(lambda v: v / 10), st.integers(0, 10).map(float)),
        )
    )
    imp = drivers(list(order), [importance[steps.index(s)] / 10 for s in order])
    perf = scores(steps, [v / 10 for v in performance])
    return imp, perf, cut


def _at_or_above(values: pd.Series, cuts: pd.Series) -> pd.Series:
    return values >= cuts - 1e-9 * cuts.abs()


@settings(max_examples=150, deadline=None)
@given(grids())
def test_every_step_gets_the_quadrant_its_cuts_give_and_one_priority(case):
    imp, perf, cut = case
    out = importance_performance(imp, perf, cut=cut)
    assert out["step"].tolist() == perf["step"].tolist()
    if cut == "mean":
        cuts = (imp["importance"].mean(), perf["mean"].mean())
    elif cut == "midpoint":
        cuts = (
            (imp["importance"].min() + imp["importance"].max()) / 2,
            (perf["mean"].min() + perf["mean"].max()) / 2,
        )
    else:
        cuts = (cut[1], cut[0])
    assert out["importance_cut"].tolist() == pytest.approx([cuts[0]] * len(out))
    assert out["performance_cut"].tolist() == pytest.approx([cuts[1]] * len(out))
    high = _at_or_above(out["importance"], out["importance_cut"])
    good = _at_or_above(out["performance"], out["performance_cut"])
    expected = np.select(
        [high & ~good, high & good, ~high & ~good], [CONCENTRATE, KEEP_UP, LOW], OVERKILL
    )
    assert out["quadrant"].tolist() == expected.tolist()
    assert sorted(out["priority"]) == list(range(1, len(out) + 1))
    ranked = out.sort_values("priority")
    assert ranked["quadrant"].map(QUADRANTS.index).is_monotonic_increasing


@st.composite
def journeys(draw: Any) -> pd.DataFrame:
    paths = draw(
        st.lists(st.lists(st.sampled_from("abcd"), min_size=1, max_size=6), min_size=1, max_size=12)
    )
    events = [
        (f"c{c}", step, pd.Timestamp("2026-03-01") + pd.Timedelta(minutes=t))
        for c, path in enumerate(paths)
        for t, step in enumerate(path)
    ]
    return pd.DataFrame(events, columns=["customer_id", "step", "timestamp"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journeys(), st.booleans(), st.integers(1, 3), st.floats(-1, 1))
@example(
    pd.DataFrame({"customer_id": ["c0"], "step": ["a"], "timestamp": [pd.Timestamp("2026-03-01")]}),
    False,
    1,
    1.3833587215694274e-33,
)
@example(
    pd.DataFrame(
        {
            "customer_id": [f"c{i}" for i in range(11)] + ["c10"],
            "step": ["a"] * 11 + ["b"],
            "timestamp": [pd.Timestamp("2026-03-01")] * 11 + [pd.Timestamp("2026-03-01 00:01")],
        }
    ),
    True,
    1,
    1.3833587215694274e-33,
)
def test_what_if_keeps_conversions_in_range_and_no_change_changes_nothing(log, closed, k, change):
    table = funnel(log, list("abcd"), closed=closed)
    step = "abcd"[k]
    previous = table["conversion_from_previous"].iloc[k]
    if previous > 1:  # an open funnel can reach a step more often than the one before
        with pytest.raises(InvalidArgumentError, match="open funnel"):
            what_if(table, step, 0)
        return
    if math.isnan(previous):
        with pytest.raises(InvalidArgumentError, match="no path reached"):
            what_if(table, step, 0)
        return
    same = what_if(table, step, 0)
    for column in ("paths", "conversion_from_first"):
        np.testing.assert_array_equal(same[f"{column}_after"], table[column])
    drop_off = 1 - previous
    if drop_off * (1 + change) > 1:
        with pytest.raises(InvalidArgumentError, match="outside 0–100 %"):
            what_if(table, step, change)
        return
    if previous == 0 and k < 3 and drop_off * (1 + change) != drop_off:
        with pytest.raises(InvalidArgumentError, match="how the steps after it convert"):
            what_if(table, step, change)
        return
    out = what_if(table, step, change)
    assert out["drop_off_after"].iloc[k] == pytest.approx(drop_off * (1 + change))
    assert out["paths_after"].iloc[:k].tolist() == table["paths"].iloc[:k].tolist()
    if closed and table["paths"].iloc[0]:
        after = out["conversion_from_first_after"]
        assert ((after >= 0) & (after <= 1)).all()
        # Fewer drop-offs, more paths at the step and after it; more, fewer.
        # (Differences of a rounding error count as none.)
        moved = (out["paths_after"] - table["paths"]).iloc[k:]
        change_sign = np.sign(moved.where(moved.abs() > 1e-9 * table["paths"].max(), 0.0))
        assert (change_sign * np.sign(change) <= 0).all()


def test_pyspark_gives_the_pandas_result(spark):
    importance = drivers(["a", "b", "c"], [0.3, 0.1, 0.2])
    performance = scores(["a", "b", "c"], [2.5, 4.0, 3.0])
    expected = importance_performance(importance, performance)
    out = importance_performance(
        spark.createDataFrame(importance), spark.createDataFrame(performance)
    )
    assert type(out).__module__.startswith("pyspark")
    pd.testing.assert_frame_equal(out.toPandas(), expected, check_dtype=False)
