"""Construction: roles, lane kinds, and the errors bad input gets."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pytest

import cjm_widgets as cw
from cjm_widgets import JourneyMap, Lane


def test_default_lanes_follow_frame_order_with_inferred_kinds(frame):
    m = JourneyMap(frame)
    assert [(lane.column, lane.kind) for lane in m.lanes] == [
        ("channel", "channel"),
        ("emotion", "emotion"),
        ("pain", "text"),
        ("visits", "number"),
        ("moment_of_truth", "moment"),
    ]
    assert m.lanes[4].label == "Moment of truth"


def test_declared_lanes_choose_order_kind_and_label(frame):
    m = JourneyMap(
        frame, lanes=[Lane("pain", label="Pains"), Lane("channel", kind="text"), "visits"]
    )
    assert [(lane.column, lane.kind, lane.label) for lane in m.lanes] == [
        ("pain", "text", "Pains"),
        ("channel", "text", "Channel"),
        ("visits", "number", "Visits"),
    ]
    assert [lane["key"] for lane in m._journey["lanes"]] == ["pain", "channel", "visits"]


def test_moment_kind_is_inferred_from_values():
    df = pd.DataFrame(
        {
            "stage": ["a", "a"],
            "step": ["x", "y"],
            "mot": [None, "cross-journey"],
            "decisive": ["", "one-off"],
        }
    )
    kinds = {lane.column: lane.kind for lane in JourneyMap(df).lanes}
    assert kinds == {"mot": "moment", "decisive": "moment"}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"stage": "phase"}, "stage column 'phase' is not in the DataFrame"),
        ({"step": "touchpoint"}, "step column 'touchpoint' is not in the DataFrame"),
        ({"persona": "segment"}, "persona column 'segment'"),
        ({"emotion": "feeling"}, "emotion column 'feeling'"),
        ({"lanes": ["pain", "gain"]}, "lane column 'gain'"),
    ],
)
def test_missing_columns_are_named(frame, kwargs, message):
    with pytest.raises(cw.MissingColumnError, match=message) as info:
        JourneyMap(frame, **kwargs)
    assert isinstance(info.value, cw.CJMError)
    assert "'stage'" in str(info.value)  # the available columns are listed


def test_absent_default_emotion_column_is_fine(frame):
    m = JourneyMap(frame.drop(columns="emotion"))
    assert m._journey["emotion"] is None


def test_duplicate_step_is_named_with_rows(frame):
    frame.loc[40, "step"] = "Pay"
    with pytest.raises(
        cw.DuplicateStepError, match=r"step 'Pay' appears more than once \(rows 40, 50\)"
    ):
        JourneyMap(frame)


def test_duplicate_steps_hint_at_persona_column():
    df = pd.DataFrame({"stage": ["a", "a"], "step": ["x", "x"], "persona": ["p", "q"]})
    with pytest.raises(cw.DuplicateStepError, match="pass persona='persona'"):
        JourneyMap(df)
    assert len(JourneyMap(df, persona="persona").data) == 2


def test_missing_stage_label_is_named(frame):
    frame.loc[30, "stage"] = None
    with pytest.raises(cw.MissingValueError, match="stage column 'stage' is empty in rows 30"):
        JourneyMap(frame)


def test_non_numeric_emotion_is_named(frame):
    frame["emotion"] = ["good", "1", "2", "0", None]
    with pytest.raises(cw.InvalidEmotionError, match="value 'good' is not a number"):
        JourneyMap(frame)


def test_off_scale_emotion_is_named(frame):
    frame.loc[20, "emotion"] = 4
    with pytest.raises(
        cw.InvalidEmotionError, match=r"emotion 4.0 .* off the scale -3…3 \(rows 20\)"
    ):
        JourneyMap(frame)
    assert JourneyMap(frame, scale=(-5, 5)).data.loc[20, "emotion"] == 4


def test_bad_scale_and_lane_kind_are_rejected(frame):
    with pytest.raises(cw.InvalidEmotionError, match="low < high"):
        JourneyMap(frame, scale=(3, -3))
    with pytest.raises(cw.InvalidLaneError, match="kind 'chart'"):
        Lane("pain", kind="chart")
    with pytest.raises(cw.InvalidLaneError, match="number lane but its dtype is str"):
        JourneyMap(frame, lanes=[Lane("pain", kind="number")])
    with pytest.raises(cw.InvalidLaneError, match="journey's stage"):
        JourneyMap(frame, lanes=["stage"])


@pytest.mark.parametrize(
    "empty",
    [pd.DataFrame(), pd.DataFrame({"stage": pd.Series(dtype=str), "step": pd.Series(dtype=str)})],
)
def test_empty_frame_gives_an_empty_map(empty):
    m = JourneyMap(empty)
    assert m._journey["ids"] == []
    assert m._journey["stages"] == []
    assert len(m.data) == 0


def test_other_frame_libraries_come_in_as_pandas(frame):
    table = pa.Table.from_pandas(frame.reset_index(drop=True))
    m = JourneyMap(table)
    assert isinstance(m.data, pd.DataFrame)
    assert list(m.data["step"]) == list(frame["step"])
    with pytest.raises(TypeError, match="expected a pandas, polars or pyarrow table"):
        JourneyMap([1, 2, 3])


def test_stage_order_is_categorical_order_or_first_appearance(frame):
    assert JourneyMap(frame)._journey["stages"] == ["Awareness", "Consideration", "Purchase"]
    frame["stage"] = pd.Categorical(
        frame["stage"], categories=["Purchase", "Unused", "Awareness", "Consideration"]
    )
    assert JourneyMap(frame)._journey["stages"] == ["Purchase", "Awareness", "Consideration"]
