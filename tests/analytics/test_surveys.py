"""Survey scores checked against values computed by hand."""

from __future__ import annotations

import math
from typing import Any

import duckdb
import pandas as pd
import polars as pl
import pytest

from cjm_widgets import CJMError, MissingColumnError
from cjm_widgets.analytics import MixedTypesError, survey_scores

from .conftest import ENGINES

CSAT = pd.DataFrame({"step": ["pay"] * 10, "score": [5, 5, 4, 3, 2, 5, 4, 4, 1, 5]})


def test_csat_by_hand():
    row = survey_scores(CSAT).iloc[0]
    assert (row["step"], row["n"], row["mean"]) == ("pay", 10, 3.8)
    # sd = sqrt(17.6 / 9); t(9, 97.5%) = 2.262
    half = 2.262 * math.sqrt(17.6 / 9) / math.sqrt(10)
    assert row["mean_ci_low"] == pytest.approx(3.8 - half)
    assert row["mean_ci_high"] == pytest.approx(3.8 + half)
    assert row["top2_share"] == 0.7
    # Wilson, 7 of 10, z = 1.96
    z = 1.959963984540054
    centre = (0.7 + z**2 / 20) / (1 + z**2 / 10)
    half = z * math.sqrt(0.7 * 0.3 / 10 + z**2 / 400) / (1 + z**2 / 10)
    assert row["top2_ci_low"] == pytest.approx(centre - half)
    assert row["top2_ci_high"] == pytest.approx(centre + half)
    assert bool(row["low_n"]) is True


def test_nps_by_hand():
    scores = [10] * 20 + [9] * 10 + [8] * 10 + [7] * 5 + [5] * 10 + [0] * 5  # n = 60
    row = survey_scores(pd.DataFrame({"step": "call", "score": scores}), kind="nps").iloc[0]
    assert row["promoters"] == pytest.approx(30 / 60)
    assert row["detractors"] == pytest.approx(15 / 60)
    assert row["nps"] == pytest.approx(25.0)
    # adjusted Wald: (30.75 - 15.75) / 63, se from the adjusted shares
    p, d = 30.75 / 63, 15.75 / 63
    half = 1.959963984540054 * math.sqrt((p + d - (p - d) ** 2) / 63)
    assert row["nps_ci_low"] == pytest.approx((p - d - half) * 100)
    assert row["nps_ci_high"] == pytest.approx((p - d + half) * 100)
    assert bool(row["low_n"]) is False


def test_per_persona_and_other_engines():
    frame = pd.DataFrame(
        {
            "step": ["a", "a", "a", "b", "b", "b"],
            "persona": ["x", "x", "y", "x", "y", "y"],
            "score": [1, 7, 7, 6, 2, 3],
        }
    )
    out = survey_scores(frame, kind="ces", persona="persona")
    assert out[["step", "persona", "n"]].values.tolist() == [
        ["a", "x", 2],
        ["a", "y", 1],
        ["b", "x", 1],
        ["b", "y", 2],
    ]
    assert out["top2_share"].tolist() == [0.5, 1.0, 1.0, 0.0]
    assert math.isnan(out["mean_ci_low"].iloc[1])  # one answer: no interval
    as_polars = survey_scores(pl.from_pandas(frame), kind="ces", persona="persona")
    assert isinstance(as_polars, pl.DataFrame)
    pd.testing.assert_frame_equal(as_polars.to_pandas(), out, check_dtype=False)
    rel = survey_scores(duckdb.from_df(frame), kind="ces", persona="persona")
    assert isinstance(rel, duckdb.DuckDBPyRelation)
    pd.testing.assert_frame_equal(rel.df(), out, check_dtype=False)


def test_survey_errors():
    with pytest.raises(CJMError, match="kind 'ces2'"):
        survey_scores(CSAT, kind="ces2")
    with pytest.raises(CJMError, match=r"2 scores in column 'score' are off the csat scale 1…5"):
        survey_scores(CSAT.assign(score=[0, 6] + [3] * 8))
    with pytest.raises(MissingColumnError, match="persona column 'segment'"):
        survey_scores(CSAT, persona="segment")
    with pytest.raises(CJMError, match="expected numbers"):
        survey_scores(CSAT.assign(score="good"))
    assert (
        survey_scores(CSAT.assign(score=[0, 10] * 5), kind="nps", scale=(0, 10))["n"].iloc[0] == 10
    )


def test_survey_steps_of_mixed_types_are_refused():
    with pytest.raises(MixedTypesError, match=r"step column 'step' .* 2 and '2'"):
        survey_scores(CSAT.assign(step=[2] * 5 + ["2"] * 5))
    with pytest.raises(MixedTypesError, match=r"persona column 'who'"):
        survey_scores(CSAT.assign(who=[2] * 5 + ["2"] * 5), persona="who")


# Steps in journey order (search, pay, home) that the alphabet would put otherwise, and
# personas first seen as y, then x.
JOURNEY = pd.DataFrame(
    {
        "step": ["search", "search", "pay", "home", "pay", "home", "search"],
        "persona": ["y", "x", "y", "x", "x", "y", "y"],
        "score": [5, 4, 3, 2, 1, 5, 4],
    }
)


def _rows(result: Any, *columns: str) -> list[list[Any]]:
    if isinstance(result, pl.LazyFrame):
        result = result.collect()
    frame = result.df() if isinstance(result, duckdb.DuckDBPyRelation) else result
    if not isinstance(frame, pd.DataFrame):
        frame = frame.to_pandas()
    return frame[list(columns)].astype(str).values.tolist()


@pytest.mark.parametrize("convert", ENGINES)
def test_steps_come_in_order_of_first_appearance(convert):
    assert _rows(survey_scores(convert(JOURNEY)), "step", "n") == [
        ["search", "3"],
        ["pay", "2"],
        ["home", "2"],
    ]
    by_persona = survey_scores(convert(JOURNEY), persona="persona")
    assert _rows(by_persona, "step", "persona", "n") == [
        ["search", "y", "2"],
        ["search", "x", "1"],
        ["pay", "y", "1"],
        ["pay", "x", "1"],
        ["home", "y", "1"],
        ["home", "x", "1"],
    ]


@pytest.mark.parametrize("convert", ENGINES)
def test_categorical_steps_come_in_category_order(convert):
    order = ["home", "search", "pay"]
    frame = JOURNEY.assign(step=pd.Categorical(JOURNEY["step"], categories=order))
    native = convert(frame)
    if isinstance(native, (pl.DataFrame, pl.LazyFrame)):
        native = native.with_columns(pl.col("step").cast(pl.Enum(order)))
    assert [s for (s,) in _rows(survey_scores(native), "step")] == order


def test_pyspark_steps_come_in_order_of_first_appearance(spark):
    frame = spark.createDataFrame(JOURNEY.astype({"step": object, "persona": object}))
    out = survey_scores(frame, persona="persona").toPandas()
    assert _rows(out, "step", "persona") == [
        ["search", "y"],
        ["search", "x"],
        ["pay", "y"],
        ["pay", "x"],
        ["home", "y"],
        ["home", "x"],
    ]
