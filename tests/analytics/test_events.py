"""Event-log KPIs: reference figures, peers edge for edge, every engine, hand-made logs."""

from __future__ import annotations

import warnings
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import pandas.testing as pdt
import polars as pl
import pyarrow as pa
import pytest

from cjm_widgets import CJMError, MissingColumnError, MissingValueError
from cjm_widgets.analytics import (
    DuplicateEventsWarning,
    EmptyLogError,
    InvalidTimestampError,
    MixedTypesError,
    funnel,
    step_metrics,
    transitions,
)

from .conftest import ENGINES

ECOM = {"customer": "user_id", "step": "event", "time": "timestamp"}


def test_closed_session_funnel_on_ecom(ecom):
    out = funnel(ecom, ["cart", "shipping_details", "purchase"], path="session_id", **ECOM)
    assert out["paths"].tolist() == [1022, 512, 173]
    assert (out["share_of_all"] * 3605).round().astype(int).tolist() == [1022, 512, 173]
    assert out["conversion_from_previous"].round(4).tolist() == [1.0, 0.501, 0.3379]


def test_customer_funnel_on_ecom(ecom):
    out = funnel(ecom, ["add_to_cart", "purchase"], **ECOM)
    assert out["paths"].tolist() == [522, 297]


def test_open_funnel_counts_any_order(ecom):
    closed = funnel(ecom, ["purchase", "cart"], path="session_id", **ECOM)
    opened = funnel(ecom, ["purchase", "cart"], path="session_id", closed=False, **ECOM)
    sessions = ecom.groupby("session_id")["event"].agg(set)
    assert opened["paths"].tolist() == [
        int(sessions.map(lambda s: "purchase" in s).sum()),
        int(sessions.map(lambda s: "cart" in s).sum()),
    ]
    assert closed["paths"].iloc[1] < opened["paths"].iloc[1]


def _edges(frame: pd.DataFrame) -> dict[tuple[str, str], int]:
    return {
        (a, b): int(c)
        for a, b, c in frame[["from_step", "to_step", "count"]].itertuples(index=False)
    }


def _ordered(ecom: pd.DataFrame) -> pd.DataFrame:
    # Same rows, ties in time put in step order, which is how this package orders them.
    return ecom.sort_values(["user_id", "session_id", "timestamp", "event"], kind="stable")


@pytest.mark.parametrize("path", [None, "session_id"])
def test_transitions_equal_pm4py_dfg(ecom, path):
    pm4py = pytest.importorskip("pm4py")
    log = _ordered(ecom)
    case = log["user_id"] if path is None else log["user_id"] + "|" + log["session_id"]
    formatted = pm4py.format_dataframe(
        log.assign(case=case), case_id="case", activity_key="event", timestamp_key="timestamp"
    )
    dfg, starts, ends = pm4py.discover_dfg(formatted)
    ours = _edges(transitions(ecom, path=path, **ECOM))
    assert ours == dict(dfg)
    with_ends = _edges(transitions(ecom, path=path, ends=True, **ECOM))
    assert {b: c for (a, b), c in with_ends.items() if a == "path_start"} == dict(starts)
    assert {a: c for (a, b), c in with_ends.items() if b == "path_end"} == dict(ends)


@pytest.mark.parametrize("path", ["user_id", "session_id"])
def test_transitions_equal_retentioneering(ecom, path):
    from retentioneering.eventstream import Eventstream

    stream = Eventstream(_ordered(ecom), {"path_cols": ["user_id", "session_id"]})
    matrix = stream.transition_graph_data("count", path_col=path)
    theirs = {(a, b): int(c) for (a, b), c in matrix.stack().items() if c}
    ours = transitions(ecom, path=None if path == "user_id" else path, ends=True, **ECOM)
    assert _edges(ours) == theirs


def test_results_do_not_depend_on_row_order(ecom):
    shuffled = ecom.sample(frac=1, random_state=7)
    for fn, kwargs in [(transitions, {"ends": True}), (step_metrics, {})]:
        a = fn(ecom, path="session_id", **ECOM, **kwargs)
        b = fn(shuffled, path="session_id", **ECOM, **kwargs)
        pdt.assert_frame_equal(a, b)


# A log small enough to check by hand. Customer c1 has two sessions.
#   c1/s1: home(0s, web) -> search(10s, web) -> cart(40s, app) -> search(100s, app)
#   c1/s2: home(1000s, app) -> cart(1030s, app)
#   c2/s3: search(0s, store) -> cart(0s, store)  [a tie: ordered by step label: cart, search]
HAND = pd.DataFrame(
    {
        "customer_id": ["c1"] * 6 + ["c2"] * 2,
        "session": ["s1", "s1", "s1", "s1", "s2", "s2", "s3", "s3"],
        "step": ["home", "search", "cart", "search", "home", "cart", "search", "cart"],
        "seconds": [0, 10, 40, 100, 1000, 1030, 0, 0],
        "channel": ["web", "web", "app", "app", "app", "app", "store", "store"],
    }
)
HAND["timestamp"] = pd.Timestamp("2026-01-05 09:00") + pd.to_timedelta(HAND["seconds"], "s")


def test_step_metrics_by_hand():
    out = step_metrics(HAND, path="session", channel="channel").set_index("step")
    # cart: events in s1, s2, s3; c2's tie puts cart first in s3.
    cart = out.loc["cart"]
    assert (cart["events"], cart["customers"], cart["entries"], cart["exits"]) == (3, 2, 1, 1)
    assert cart["customer_share"] == 1.0
    assert cart["exit_rate"] == pytest.approx(1 / 3)
    # cart -> search: 60 s in s1, 0 s in s3 (tie); median 30, p90 = 0 + 0.9 * 60.
    assert cart["median_seconds_to_next"] == 30
    assert cart["p90_seconds_to_next"] == pytest.approx(54)
    # transitions into cart: search->cart (web->app: a switch), home->cart (app->app).
    assert cart["channel_switch_share"] == 0.5
    search = out.loc["search"]
    assert (search["events"], search["entries"], search["exits"]) == (3, 0, 2)
    assert search["repeat_rate"] == 0.5  # twice in s1, once in s3
    home = out.loc["home"]
    assert (home["entries"], home["exits"], home["customers"]) == (2, 0, 1)
    assert home["customer_share"] == 0.5
    assert np.isnan(home["channel_switch_share"])  # no transition into home
    assert home["median_seconds_to_next"] == 20  # 10 s and 30 s


def test_transitions_by_hand():
    out = transitions(HAND, path="session", ends=True)
    edges = {(a, b): (c, s, p, m) for a, b, c, s, p, m in out.itertuples(index=False)}
    assert edges[("cart", "search")][:3] == (2, 2 / 3, 2)  # s2 ends on cart: cart -> path_end
    assert edges[("cart", "search")][3] == 30
    assert edges[("home", "search")] == (1, 0.5, 1, 10)
    assert edges[("home", "cart")] == (1, 0.5, 1, 30)
    assert edges[("path_start", "home")][:3] == (2, 2 / 3, 2)
    assert np.isnan(edges[("path_start", "home")][3])
    assert edges[("search", "path_end")][0] == 2
    without = transitions(HAND, path="session")
    assert set(without["from_step"]) == {"home", "search", "cart"}
    # One path per customer by default: c1's s1 and s2 join up (search -> home).
    by_customer = _edges(transitions(HAND))
    assert by_customer[("search", "home")] == 1


def _as_pandas(result: Any) -> pd.DataFrame:
    if isinstance(result, pd.DataFrame):
        return result
    if isinstance(result, pl.LazyFrame):
        return result.collect().to_pandas()
    if isinstance(result, (pl.DataFrame, pa.Table)):
        return result.to_pandas()
    if isinstance(result, duckdb.DuckDBPyRelation):
        return result.df()
    return result.toPandas()


def _same(a: pd.DataFrame, b: pd.DataFrame, keys: list[str]) -> None:
    a = a.sort_values(keys).reset_index(drop=True)
    b = b.sort_values(keys).reset_index(drop=True)
    pdt.assert_frame_equal(a, b, check_dtype=False, rtol=1e-9)


CASES = [
    (lambda log: step_metrics(log, path="session_id", channel="platform", **ECOM), ["step"]),
    (lambda log: transitions(log, path="session_id", ends=True, **ECOM), ["from_step", "to_step"]),
    (
        lambda log: funnel(
            log, ["cart", "shipping_details", "purchase"], path="session_id", **ECOM
        ),
        ["step"],
    ),
    (lambda log: funnel(log, ["home", "purchase"], closed=False, **ECOM), ["step"]),
]


@pytest.mark.parametrize(
    "convert",
    [
        pytest.param(lambda df: pl.from_pandas(df), id="polars"),
        pytest.param(lambda df: pl.from_pandas(df).lazy(), id="polars-lazy"),
        pytest.param(lambda df: pa.Table.from_pandas(df, preserve_index=False), id="pyarrow"),
        pytest.param(lambda df: duckdb.from_df(df), id="duckdb"),
    ],
)
def test_every_engine_gives_the_pandas_result_in_its_own_kind(ecom, convert):
    native = convert(ecom)
    for run, keys in CASES:
        result = run(native)
        assert type(result) is type(native) or isinstance(result, type(native))
        _same(_as_pandas(result), run(ecom), keys)


def test_pyspark_gives_the_pandas_result(ecom, spark):
    sample = ecom[ecom["user_id"] < "user_0060"].copy()
    frame = spark.createDataFrame(
        sample.astype({c: object for c in sample.columns if sample[c].dtype == "str"})
    )
    for run, keys in CASES:
        result = run(frame)
        assert type(result).__name__ == "DataFrame"
        assert hasattr(result, "toPandas")
        _same(_as_pandas(result), run(sample), keys)


def test_string_timestamps_are_parsed(ecom):
    as_text = ecom.head(2000).assign(timestamp=lambda d: d["timestamp"].astype(str))
    _same(
        transitions(as_text, **ECOM), transitions(ecom.head(2000), **ECOM), ["from_step", "to_step"]
    )
    _same(
        transitions(pl.from_pandas(as_text), **ECOM).to_pandas(),
        transitions(ecom.head(2000), **ECOM),
        ["from_step", "to_step"],
    )


def test_clear_errors():
    with pytest.raises(MissingColumnError, match="time column 'when' is not in"):
        transitions(HAND, time="when")
    with pytest.raises(MissingColumnError, match="path column 'visit'"):
        step_metrics(HAND, path="visit")
    nulls = HAND.assign(customer_id=HAND["customer_id"].where(HAND.index % 3 != 0, None))
    with pytest.raises(MissingValueError, match="customer column 'customer_id' is empty in 3 of 8"):
        funnel(nulls, ["home"])
    with pytest.raises(EmptyLogError, match="event log has no rows"):
        step_metrics(HAND.iloc[:0])
    bad = HAND.assign(timestamp=["2026-01-01 10:00", "soon"] + ["2026-01-01 10:00"] * 6)
    with pytest.raises(InvalidTimestampError, match="time column 'timestamp'"):
        transitions(bad)
    with pytest.raises(InvalidTimestampError, match="expected dates and times"):
        transitions(HAND.assign(timestamp=HAND["seconds"]))
    with pytest.raises(CJMError, match="at least one step"):
        funnel(HAND, [])
    with pytest.raises(TypeError, match="expected a pandas, polars or pyarrow table"):
        transitions([1, 2, 3])


def test_gap_quantiles_equal_numpy_linear_quantiles():
    from cjm_widgets.analytics.events import gap_quantiles
    from cjm_widgets.analytics.events import source as wrap

    rng = np.random.default_rng(3)
    frame = pd.DataFrame(
        {
            "from_step": rng.choice(["a", "b", "c"], 5000),
            "__gap": rng.integers(0, 40, 5000).astype(float),  # many repeated values
        }
    )
    frame.loc[frame.index[:1], "from_step"] = "lonely"
    got = gap_quantiles(wrap(frame).lazy, ["from_step"], {"q50": 0.5, "q90": 0.9}, "t")
    for row in got.itertuples(index=False):
        values = frame.loc[frame["from_step"] == row.from_step, "__gap"]
        assert row.q50 == pytest.approx(np.quantile(values, 0.5))
        assert row.q90 == pytest.approx(np.quantile(values, 0.9))


def test_funnel_equals_retentioneering(ecom):
    from retentioneering.eventstream import Eventstream

    steps = ["catalog", "add_to_cart", "cart", "purchase"]
    stream = Eventstream(_ordered(ecom), {"path_cols": ["user_id", "session_id"]})
    for path in ("user_id", "session_id"):
        theirs = [s["unique_paths"] for s in stream.funnel_data(steps, path_col=path)["steps"]]
        ours = funnel(ecom, steps, path=None if path == "user_id" else path, **ECOM)
        assert ours["paths"].tolist() == theirs


def test_duckdb_fast_path_detects_hash_collisions(ecom, monkeypatch):
    from cjm_widgets.analytics import events as module

    sample = ecom[ecom["user_id"] < "user_0100"]
    exact = {
        "transitions": transitions(pl.from_pandas(sample), path="session_id", **ECOM).to_pandas(),
        "metrics": step_metrics(pl.from_pandas(sample), path="session_id", **ECOM).to_pandas(),
    }
    fallbacks = []
    real = module.materialized

    def spy(lf):
        fallbacks.append(lf)
        return real(lf)

    monkeypatch.setattr(module, "materialized", spy)
    _same(
        transitions(sample, path="session_id", **ECOM),
        exact["transitions"],
        ["from_step", "to_step"],
    )
    assert fallbacks == []  # the hash was an exact path id: no exact partitioning needed
    # Every path collides: the sorted arrays and the hashed window both see it.
    monkeypatch.setattr(module, "PATH_HASH", "hash({keys}) % 2")
    _same(
        transitions(sample, path="session_id", **ECOM),
        exact["transitions"],
        ["from_step", "to_step"],
    )
    _same(step_metrics(sample, path="session_id", **ECOM), exact["metrics"], ["step"])
    assert len(fallbacks) == 2  # collisions seen, exact partitioning used each time
    steps = ["cart", "shipping_details", "purchase"]
    _same(
        funnel(sample, steps, path="session_id", **ECOM),
        funnel(pl.from_pandas(sample), steps, path="session_id", **ECOM).to_pandas(),
        ["step"],
    )


def test_time_zone_aware_times_across_a_daylight_saving_change():
    # Paris clocks jump from 02:00 to 03:00 on 2026-03-29; these events straddle it.
    utc = HAND.assign(
        timestamp=pd.Timestamp("2026-03-29 00:59:30") + pd.to_timedelta(HAND["seconds"], "s")
    )
    paris = utc.assign(
        timestamp=utc["timestamp"].dt.tz_localize("UTC").dt.tz_convert("Europe/Paris")
    )
    expected = transitions(utc, path="session")
    _same(transitions(paris, path="session"), expected, ["from_step", "to_step"])
    _same(
        transitions(pl.from_pandas(paris), path="session").to_pandas(),
        expected,
        ["from_step", "to_step"],
    )
    assert (
        expected.set_index(["from_step", "to_step"]).loc[("home", "search"), "median_seconds"] == 10
    )


def test_no_temp_table_is_left_in_the_callers_connection():
    from cjm_widgets.analytics._engine import duckdb_temp_table

    con = duckdb.connect()
    rel = con.from_df(HAND)

    def leftovers() -> int:
        return con.sql(
            "SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE '__cjm_%'"
        ).fetchall()[0][0]

    step_metrics(rel, path="session", channel="channel")
    transitions(rel, path="session", ends=True)
    assert leftovers() == 0
    seen = []

    def fail_midway() -> None:
        with duckdb_temp_table(rel, "SELECT 1 AS x") as table:
            seen.append((table.fetchall(), leftovers()))
            raise RuntimeError("midway")

    with pytest.raises(RuntimeError, match="midway"):
        fail_midway()
    assert seen == [([(1,)], 1)]
    assert leftovers() == 0


# One path written in three UTC offsets. In absolute time: search (09:30Z), then home
# (10:00Z), then cart (10:15Z), then pay (10:20Z); in wall-clock time the order differs.
OFFSETS = pd.DataFrame(
    {
        "customer_id": ["c"] * 4,
        "step": ["home", "search", "cart", "pay"],
        "timestamp": [
            "2024-03-01T10:00:00Z",
            "2024-03-01T11:30:00+02:00",
            "2024-03-01T05:15:00.000-05:00",
            "2024-03-01 10:20:00+0000",
        ],
    }
)
OFFSET_GAPS = {("search", "home"): 1800.0, ("home", "cart"): 900.0, ("cart", "pay"): 300.0}


def _gaps(result: Any) -> dict[tuple[str, str], float]:
    out = _as_pandas(result)
    return {(a, b): m for a, b, m in out[["from_step", "to_step", "median_seconds"]].values}


@pytest.mark.parametrize("convert", ENGINES)
def test_offsets_in_timestamp_strings_give_absolute_times(convert):
    assert _gaps(transitions(convert(OFFSETS))) == OFFSET_GAPS
    metrics = _as_pandas(step_metrics(convert(OFFSETS))).set_index("step")
    assert metrics.loc["search", "entries"] == 1  # the path starts at search
    assert metrics.loc["pay", "exits"] == 1


@pytest.mark.parametrize("convert", ENGINES)
def test_timestamp_strings_with_and_without_offsets_are_refused(convert):
    mixed = OFFSETS.assign(timestamp=[*OFFSETS["timestamp"][:3], "2024-03-01 10:20:00"])
    with pytest.raises(
        InvalidTimestampError,
        match=r"time column 'timestamp' mixes times with a UTC offset .*'2024-03-01 10:20:00'",
    ):
        transitions(convert(mixed))
    named = OFFSETS.assign(timestamp=[*OFFSETS["timestamp"][:3], "2024-03-01 11:20:00 CET"])
    with pytest.raises(
        InvalidTimestampError, match=r"time column 'timestamp' .*'2024-03-01 11:20:00 CET'"
    ):
        step_metrics(convert(named))


def test_pyspark_reads_offsets(spark):
    assert _gaps(transitions(spark.createDataFrame(OFFSETS))) == OFFSET_GAPS
    mixed = OFFSETS.assign(timestamp=[*OFFSETS["timestamp"][:3], "2024-03-01 10:20:00"])
    with pytest.raises(InvalidTimestampError, match="mixes times with a UTC offset"):
        transitions(spark.createDataFrame(mixed))


def test_ids_and_steps_of_mixed_types_are_refused():
    # c2 is written as the number 1 and c1 as the text "1": two customers, not one.
    ids = HAND.assign(customer_id=[1] * 6 + ["1"] * 2)
    with pytest.raises(
        MixedTypesError,
        match=r"customer column 'customer_id' mixes value types \(int, str\), e\.g\. 1 and '1'",
    ):
        transitions(ids)
    sessions = HAND.assign(session=["s1"] * 4 + [2, 2, "2", "2"])
    with pytest.raises(MixedTypesError, match=r"path column 'session' .* 2 and '2'"):
        step_metrics(sessions, path="session")
    steps = HAND.assign(step=[1, "1", *HAND["step"][2:]])
    with pytest.raises(MixedTypesError, match=r"step column 'step' .* 1 and '1'"):
        funnel(steps, ["home"])
    categories = HAND.assign(step=pd.Categorical([1, "1", *HAND["step"][2:]]))
    with pytest.raises(MixedTypesError, match=r"step column 'step'"):
        transitions(categories)
    # One type per column, numbers or text, is fine.
    assert transitions(HAND.assign(customer_id=[1] * 6 + [2] * 2))["count"].sum() == 6


@pytest.mark.parametrize("convert", ENGINES)
def test_duplicate_events_are_warned_about_and_counted_as_before(convert):
    # search at 10 s in s1 twice more, home at 1000 s in s2 once more: 3 duplicated events.
    doubled = pd.concat([HAND, HAND.iloc[[1, 1, 4]]], ignore_index=True)
    with pytest.warns(DuplicateEventsWarning, match=r"^3 events repeat an earlier event") as seen:
        moves = _as_pandas(transitions(convert(doubled), path="session"))
    assert seen[0].filename == __file__  # the warning points at the caller's line
    # Still counted as repeats 0 seconds apart.
    loops = moves.set_index(["from_step", "to_step"]).loc[("search", "search")]
    assert (loops["count"], loops["median_seconds"]) == (2, 0)
    with pytest.warns(DuplicateEventsWarning, match=r"^3 events") as seen:
        metrics = _as_pandas(step_metrics(convert(doubled), path="session", channel="channel"))
    assert seen[0].filename == __file__
    assert metrics.set_index("step").loc["home", "repeat_rate"] == 0.5
    with warnings.catch_warnings():
        warnings.simplefilter("error", DuplicateEventsWarning)
        transitions(convert(HAND), path="session")
        step_metrics(convert(HAND), path="session", channel="channel")
