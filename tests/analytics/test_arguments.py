"""Inputs the functions cannot take raise a CJMError naming the column or argument, on every
engine, before any engine work where the arguments alone show the mistake."""

from __future__ import annotations

import math
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

from cjm_widgets import CJMError, MissingColumnError, MissingValueError
from cjm_widgets.analytics import (
    InvalidArgumentError,
    InvalidTimestampError,
    funnel,
    step_metrics,
    survey_scores,
    transitions,
)
from cjm_widgets.errors import InvalidTableError

from .conftest import ENGINES

LOG = pd.DataFrame(
    {
        "customer_id": ["c1", "c1", "c2", "c2"],
        "step": ["home", "cart", "home", "pay"],
        "timestamp": pd.to_datetime(
            ["2026-01-05 09:00", "2026-01-05 09:05", "2026-01-05 10:00", "2026-01-05 10:02"]
        ),
    }
)
ANSWERS = pd.DataFrame(
    {"step": ["home", "home", "pay", "pay"], "score": [1, 4, 5, 3], "who": ["a", "b", "a", "b"]}
)
SURROGATE = "\ud800"  # a lone surrogate: Python text, but no UTF-8 the engines can read


def _text(values: list[Any]) -> pd.Series:
    # pandas' default string dtype cannot hold a lone surrogate; an object column can.
    return pd.Series(values, dtype=object)


def _funnel(events: Any, **kwargs: Any) -> Any:
    return funnel(events, ["home", "cart"], **kwargs)


EVENT_FUNCTIONS = [
    pytest.param(step_metrics, id="step_metrics"),
    pytest.param(transitions, id="transitions"),
    pytest.param(_funnel, id="funnel"),
]


# (keyword arguments, error, message) for the event functions, on any engine.
EVENT_ARGUMENTS = [
    ({"step": None}, InvalidArgumentError, r"step must name a column; got None"),
    ({"customer": None}, InvalidArgumentError, r"customer must name a column; got None"),
    ({"time": None}, InvalidArgumentError, r"time must name a column; got None"),
    ({"step": ["step"]}, InvalidArgumentError, r"step must name a column; got \['step'\]"),
    (
        {"step": SURROGATE},
        InvalidArgumentError,
        r"step column name '\\ud800' cannot be written as UTF-8",
    ),
    (
        {"customer": "step"},
        InvalidArgumentError,
        r"customer and step both name column 'step'",
    ),
    (
        {"path": "customer_id"},
        InvalidArgumentError,
        r"customer and path both name column 'customer_id'",
    ),
    (
        {"channel": "timestamp"},
        InvalidArgumentError,
        r"time and channel both name column 'timestamp'",
    ),
]


@pytest.mark.parametrize("convert", ENGINES)
@pytest.mark.parametrize("run", EVENT_FUNCTIONS)
@pytest.mark.parametrize(("kwargs", "error", "message"), EVENT_ARGUMENTS)
def test_event_roles_that_name_no_column_or_anothers(convert, run, kwargs, error, message):
    if "channel" in kwargs and run is not step_metrics:
        kwargs = {"path": kwargs["channel"]}  # only step_metrics takes a channel
        message = message.replace("channel", "path")
    with pytest.raises(error, match=message):
        run(convert(LOG), **kwargs)


SURVEY_ARGUMENTS = [
    ({"step": None}, InvalidArgumentError, r"step must name a column; got None"),
    ({"score": None}, InvalidArgumentError, r"score must name a column; got None"),
    ({"persona": "step"}, InvalidArgumentError, r"step and persona both name column 'step'"),
    ({"score": "step"}, InvalidArgumentError, r"step and score both name column 'step'"),
    ({"kind": ["csat"]}, InvalidArgumentError, r"kind \['csat'\] is not one of csat, nps, ces"),
    ({"kind": None}, InvalidArgumentError, r"kind None is not one of csat, nps, ces"),
    ({"scale": "15"}, InvalidArgumentError, r"scale must be two numbers .*; got '15'"),
    ({"scale": (1, 2, 3)}, InvalidArgumentError, r"scale must be two numbers .*; got \(1, 2, 3\)"),
    ({"scale": ("1", "5")}, InvalidArgumentError, r"scale must be two numbers"),
    ({"scale": (1, math.nan)}, InvalidArgumentError, r"scale must be two numbers"),
    ({"scale": (True, 5)}, InvalidArgumentError, r"scale must be two numbers"),
    ({"scale": 5}, InvalidArgumentError, r"scale must be two numbers .*; got 5"),
    ({"scale": (5, 1)}, InvalidArgumentError, r"scale \(5, 1\) must run from low to high"),
]


@pytest.mark.parametrize("convert", ENGINES)
@pytest.mark.parametrize(("kwargs", "error", "message"), SURVEY_ARGUMENTS)
def test_survey_arguments(convert, kwargs, error, message):
    with pytest.raises(error, match=message):
        survey_scores(convert(ANSWERS), **kwargs)


NOT_TABLES = [
    pytest.param("events.csv", id="str"),
    pytest.param([1, 2, 3], id="list"),
    pytest.param({"step": ["home"]}, id="dict"),
    pytest.param(None, id="None"),
    pytest.param(pd.Series(["home"]), id="pandas-Series"),
    pytest.param(pl.Series(["home"]), id="polars-Series"),
    pytest.param(pa.array(["home"]), id="pyarrow-Array"),
    pytest.param(duckdb.connect(), id="duckdb-connection"),
]

ALL_FUNCTIONS = [
    *EVENT_FUNCTIONS,
    pytest.param(survey_scores, id="survey_scores"),
]


@pytest.mark.parametrize("run", ALL_FUNCTIONS)
@pytest.mark.parametrize("table", NOT_TABLES)
def test_inputs_that_are_not_tables(run, table):
    name = "responses" if run is survey_scores else "events"
    with pytest.raises(
        InvalidArgumentError,
        match=rf"{name} is not a table: expected a pandas, polars or pyarrow table",
    ):
        run(table)
    with pytest.raises(TypeError):  # as before
        run(table)


@pytest.mark.parametrize(
    "steps",
    [
        pytest.param(None, id="None"),
        pytest.param(3, id="int"),
        pytest.param({"home", "cart"}, id="set"),
        pytest.param(["home", None], id="None-label"),
        pytest.param(["home", math.nan], id="NaN-label"),
        pytest.param(b"home", id="bytes"),
        pytest.param(["home", SURROGATE], id="surrogate"),
    ],
)
def test_funnel_steps_must_be_labels_in_order(steps):
    with pytest.raises(InvalidArgumentError, match=r"steps"):
        funnel(LOG, steps)


@pytest.mark.parametrize(
    ("run", "table", "error", "message"),
    [
        pytest.param(
            step_metrics,
            LOG.assign(timestamp=LOG["timestamp"].dt.to_period("D")),
            InvalidTimestampError,
            r"time column 'timestamp' has dtype period\[D\]; expected dates and times",
            id="period-time",
        ),
        pytest.param(
            transitions,
            LOG.assign(step=pd.arrays.SparseArray([1, 0, 0, 1])),
            InvalidTableError,
            r"step column 'step' has dtype Sparse\[int64, 0\], which cannot be read",
            id="sparse-step",
        ),
        pytest.param(
            survey_scores,
            ANSWERS.assign(score=ANSWERS["score"] + 0j),
            InvalidTableError,
            r"score column 'score' has dtype complex128; expected numbers",
            id="complex-score",
        ),
        pytest.param(
            survey_scores,
            ANSWERS.assign(score="good"),
            InvalidTableError,
            r"score column 'score' has dtype String; expected numbers",
            id="text-score",
        ),
    ],
)
def test_dtypes_the_engines_cannot_read(run, table, error, message):
    with pytest.raises(error, match=message):
        run(table)


def test_unreadable_columns_outside_the_roles_are_ignored():
    extra = {
        "month": LOG["timestamp"].dt.to_period("M"),
        "z": np.ones(len(LOG)) + 1j,
        "note": _text(["ok", SURROGATE, "ok", "ok"]),
    }
    for run in (step_metrics, transitions, _funnel):
        pd.testing.assert_frame_equal(run(LOG.assign(**extra)), run(LOG))
    answers = ANSWERS.assign(**{k: v for k, v in extra.items() if k != "note"})
    pd.testing.assert_frame_equal(survey_scores(answers), survey_scores(ANSWERS))
    with pytest.raises(MissingColumnError, match=r"time column 'when' is not in .*'month'"):
        step_metrics(LOG.assign(**extra), time="when")


@pytest.mark.parametrize(
    ("run", "table", "message"),
    [
        pytest.param(
            step_metrics,
            LOG.assign(step=_text(["home", SURROGATE, "home", "pay"])),
            r"step column 'step' has 1 value that cannot be written as UTF-8 \(a lone "
            r"surrogate\), e.g. '\\ud800'",
            id="step",
        ),
        pytest.param(
            transitions,
            LOG.assign(customer_id=_text(["c1", "c1", SURROGATE + "x", SURROGATE + "x"])),
            r"customer column 'customer_id' has 2 values that cannot be written",
            id="customer",
        ),
        pytest.param(
            _funnel,
            LOG.assign(
                step=pd.Categorical.from_codes(
                    [0, 1, 0, 1], pd.Index(["home", SURROGATE], dtype=object)
                )
            ),
            r"step column 'step' has 2 values that cannot be written",
            id="categorical-step",
        ),
        pytest.param(
            step_metrics,
            LOG.assign(timestamp=_text(["2026-01-05 09:00", SURROGATE, "2026-01-05 10:00", "x"])),
            r"time column 'timestamp' has 1 value that cannot be written",
            id="time-text",
        ),
        pytest.param(
            survey_scores,
            ANSWERS.assign(step=_text(["home", "home", SURROGATE, "pay"])),
            r"step column 'step' has 1 value that cannot be written",
            id="survey-step",
        ),
        pytest.param(
            lambda table: survey_scores(table, persona="who"),
            ANSWERS.assign(who=_text(["a", SURROGATE, "a", "b"])),
            r"persona column 'who' has 1 value that cannot be written",
            id="survey-persona",
        ),
    ],
)
def test_lone_surrogates_in_labels_are_refused(run, table, message):
    with pytest.raises(InvalidTableError, match=message):
        run(table)


@pytest.mark.parametrize("convert", ENGINES)
@pytest.mark.parametrize(
    "missing",
    [
        pytest.param(["a", None, "b", "a"], id="None"),
        pytest.param(["a", math.nan, "b", "a"], id="NaN"),
        pytest.param([1.0, math.nan, 2.0, 1.0], id="float-NaN"),
    ],
)
def test_missing_personas_are_refused_as_missing_steps_are(convert, missing):
    answers = ANSWERS.assign(who=pd.Series(missing, dtype=object if missing[0] == "a" else None))
    with pytest.raises(MissingValueError, match=r"persona column 'who' is empty in 1 of 4 rows"):
        survey_scores(convert(answers), persona="who")


def test_errors_are_cjm_errors():
    for error in (InvalidArgumentError, InvalidTableError, InvalidTimestampError):
        assert issubclass(error, CJMError)
