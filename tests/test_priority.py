"""Priority lanes, priorities written from survey tables, and the steps ranked by them."""

from __future__ import annotations

import json
import re
from typing import Any

import numpy as np
import pandas as pd
import pandas.testing as pdt
import pytest

import cjm_widgets
import cjm_widgets.analytics
import cjm_widgets.analytics._engine
from cjm_widgets import (
    CJMError,
    InvalidArgumentError,
    InvalidEditError,
    InvalidLaneError,
    JourneyMap,
    Lane,
    MissingColumnError,
    MissingValueError,
)
from cjm_widgets.errors import InvalidTableError
from cjm_widgets.table.lanes import KINDS, infer_kind
from cjm_widgets.table.lanes.priority import MAX_RANK, QUADRANTS, quadrant_of, rank_of
from cjm_widgets.widgets.wire import encode

from .conftest import FakeView, cells, steps_frame

STEPS = ["See ad", "Visit site", "Compare offers", "Checkout", "Pay"]


def lane_kinds(m: JourneyMap) -> dict[Any, str]:
    return {lane.column: str(lane.kind) for lane in m.lanes}


def ipa_table() -> pd.DataFrame:
    """The shape of importance_performance(...)."""
    return pd.DataFrame(
        {
            "step": ["Pay", "Checkout", "Visit site", "See ad"],
            "importance": [0.8, 0.7, 0.3, 0.2],
            "performance": [2.1, 3.9, 2.5, 4.1],
            "quadrant": list(QUADRANTS),
            "priority": [1, 2, 3, 4],
        }
    )


def opportunity_table() -> pd.DataFrame:
    """The shape of opportunity_scores(...)."""
    return pd.DataFrame(
        {
            "step": ["Compare offers", "Pay"],
            "importance": [8.0, 9.0],
            "satisfaction": [3.0, 6.0],
            "opportunity": [13.0, 12.0],
            "level": ["high", "medium"],
            "rank": [1, 2],
        }
    )


def drivers_table() -> pd.DataFrame:
    """The shape of key_drivers(...)."""
    return pd.DataFrame(
        {
            "driver": ["Checkout", "See ad"],
            "n": [120, 120],
            "importance": [0.4, 0.1],
            "importance_pct": [80.0, 20.0],
            "r": [0.6, 0.3],
            "ci_low": [0.5, 0.1],
            "ci_high": [0.7, 0.45],
            "rank": [1, 2],
        }
    )


def persona_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "persona": ["Ana", "Ana", "Ana", "Bo", "Bo"],
            "stage": ["Find", "Buy", "Buy", "Find", "Buy"],
            "step": ["Search", "Checkout", "Pay", "Search", "Pay"],
            "pain": ["Too many results", None, "Card refused", "No stock shown", None],
        },
        index=pd.Index(["a1", "a2", "a3", "b1", "b2"], name="key"),
    )


# -- the lane kind ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "values"),
    [
        ("priority", [1, 2, None, 3, None]),
        ("Priorités", [3, 1, 2, 4, 5]),
        ("priority_rank", [1.0, None, None, None, 2.0]),
        ("Rang", [1, 2, 3, 4, 5]),
        ("quadrant", [None, "concentrate here", "low priority", None, "possible overkill"]),
        ("Quadrants", ["faible priorité", None, "Concentrer les efforts ici", None, None]),
        ("priorité", ["excès possible", "maintenir les efforts", None, None, None]),
    ],
)
def test_a_priority_column_is_recognised_by_its_name(column: str, values: list[Any]):
    frame = steps_frame().assign(**{column: values})
    if column in ("priority", "Priorités"):
        frame[column] = frame[column].astype("Int64")
    assert lane_kinds(JourneyMap(frame))[column] == "priority"


@pytest.mark.parametrize(
    ("column", "values", "kind"),
    [
        ("priority", ["high", "low", None, None, "high"], "text"),
        ("priority", [0, 1, 2, 3, 4], "number"),
        ("priority", [1.5, 1, 2, 3, 4], "number"),
        ("priority", [True, False, True, False, True], "text"),
        ("score", [1, 2, 3, 4, 5], "number"),
        ("comment", ["concentrate here"] * 5, "text"),
    ],
)
def test_a_column_that_holds_no_priorities_keeps_its_kind(column: str, values: list[Any], kind):
    frame = steps_frame().assign(**{column: values})
    assert lane_kinds(JourneyMap(frame))[column] == kind
    assert infer_kind(frame[column], column) == kind


def test_a_declared_priority_lane_is_checked_and_refusals_name_the_problem():
    frame = steps_frame().assign(act=[1, 2, 3, 4, 5], bad=[1, 2, 0, 4, 5], word=["soon"] * 5)
    m = JourneyMap(frame, lanes=[Lane("act", kind="priority")])
    assert lane_kinds(m) == {"act": "priority"}
    with pytest.raises(InvalidLaneError, match=r"priority lane 'bad': 0 \(row 30\) is not a rank"):
        JourneyMap(frame, lanes=[Lane("bad", kind="priority")])
    with pytest.raises(InvalidLaneError, match=r"'soon' \(row 10\) is not a quadrant"):
        JourneyMap(frame, lanes=[Lane("word", kind="priority")])
    frame["flag"] = True
    with pytest.raises(InvalidLaneError, match="dtype bool"):
        JourneyMap(frame, lanes=[Lane("flag", kind="priority")])


def test_ranks_and_quadrants_are_read_from_their_usual_words():
    assert [rank_of(v) for v in (1, 2.0, "3", " #4 ", None, "", float("nan"))] == [
        1,
        2,
        3,
        4,
        None,
        None,
        None,
    ]
    for bad in (0, -1, 1.5, "x", "#x", True, float("inf")):
        with pytest.raises(ValueError, match=re.escape(str(bad))):
            rank_of(bad)
    # One rule: digits, optionally after "#", or a whole number, from 1 to MAX_RANK.
    assert [rank_of(v) for v in ("  7  ", "# 5", "#0012", np.int64(6), MAX_RANK, 3.0)] == [
        7,
        5,
        12,
        6,
        1_000_000,
        3,
    ]
    for bad in (
        *(1e300, 2**62, MAX_RANK + 1, "1000001", "9" * 5000, "2.0", "1e3", "#", "##2"),
        *("+2", "2#", "\uff12", "0", "#0", "nan", "inf", np.uint64(2**63)),
    ):
        with pytest.raises(ValueError, match=re.escape(str(bad)[:20])):
            rank_of(bad)
    assert quadrant_of("Concentrer les efforts ici") == "concentrate here"
    assert quadrant_of("MAINTENIR LES EFFORTS") == "keep up the good work"
    assert quadrant_of("faible priorité") == "low priority"
    assert quadrant_of("Excès possible") == "possible overkill"
    assert quadrant_of("keep_up_the_good_work") == "keep up the good work"
    assert quadrant_of(None) is None
    with pytest.raises(ValueError, match="urgent"):
        quadrant_of("urgent")
    with pytest.raises(ValueError, match="1"):
        quadrant_of(1)


def test_a_rank_cell_is_edited_through_the_op_handler():
    frame = steps_frame().assign(priority=pd.array([1, None, 2, None, None], dtype="Int64"))
    v = FakeView(JourneyMap(frame))
    assert v.edit(kind="set_cell", id=v.id_of(20), column="priority", value="#3")["ok"] is True
    assert v.edit(kind="set_cell", id=v.id_of(10), column="priority", value=None)["ok"] is True
    data = v.widget.data
    assert data["priority"].dtype == "Int64"
    assert data["priority"].tolist()[:3] == [pd.NA, 3, 2]
    assert cells(v.widget._journey, "priority") == [None, 3, 2, None, None]
    for typed, why in [("0", "is not a priority"), ("1.5", "whole number from 1"), ("soon", "")]:
        reply = v.edit(kind="set_cell", id=v.id_of(30), column="priority", value=typed)
        assert reply["ok"] is False
        assert f"{typed!r} is not a priority of lane 'priority'" in reply["message"]
        assert why in reply["message"]
    pdt.assert_frame_equal(v.widget.data, data)


def test_a_rank_beyond_the_largest_is_refused_in_the_editor():
    frame = steps_frame().assign(priority=pd.array([1, None, 2, None, None], dtype="Int64"))
    v = FakeView(JourneyMap(frame))
    assert v.edit(kind="set_cell", id=v.id_of(20), column="priority", value="1000000")["ok"]
    for typed in ("1000001", "4611686018427387904", "1e300", 1e300, 2**62):
        reply = v.edit(kind="set_cell", id=v.id_of(30), column="priority", value=typed)
        assert reply["ok"] is False
        assert "a whole number from 1 (act first) to 1,000,000" in reply["message"]
    assert v.widget.data["priority"].tolist()[:3] == [1, 1_000_000, 2]


@pytest.mark.parametrize("dtype", [object, "string"])
@pytest.mark.parametrize(
    "values",
    [["#1", "#2", None, "#4", "#3"], ["1", "2", "", "4", "3"], [" 1 ", "2", None, "# 4", "03"]],
)
def test_a_text_column_of_ranks_is_a_rank_lane(values, dtype):
    frame = steps_frame().assign(**{"priorité": pd.Series(values, index=[10, 20, 30, 40, 50])})
    frame["priorité"] = frame["priorité"].astype(dtype)
    assert infer_kind(frame["priorité"], "priorité") == "priority"
    m = JourneyMap(frame)
    assert lane_kinds(m)["priorité"] == "priority"
    lane = next(x for x in m._journey["lanes"] if x["key"] == "priorité")
    assert lane["priority"] == "rank"
    assert cells(m._journey, "priorité") == [1, 2, None, 4, 3]
    assert m.priorities().index.tolist() == [10, 20, 50, 40]


@pytest.mark.parametrize(
    "values",
    [
        ["1", "high", None, None, None],
        ["1", "2.5", None, None, None],
        ["#1", "concentrate here", None, None, None],
        ["1", "1000001", None, None, None],
        [1, 2_000_000, 3, 4, 5],
    ],
)
def test_a_priority_column_whose_values_do_not_fit_keeps_its_kind(values):
    frame = steps_frame().assign(priority=values)
    kind = "number" if isinstance(values[0], int) else "text"
    assert lane_kinds(JourneyMap(frame))["priority"] == kind


def test_a_text_column_of_ranks_stays_text_when_edited():
    frame = steps_frame().assign(priority=["#1", None, "#2", None, None])
    v = FakeView(JourneyMap(frame))
    assert v.edit(kind="set_cell", id=v.id_of(20), column="priority", value="3")["ok"]
    assert v.edit(kind="set_cell", id=v.id_of(40), column="priority", value=" #2 ")["ok"]
    assert v.edit(kind="set_cell", id=v.id_of(30), column="priority", value=2)["ok"]  # the view's
    assert v.edit(kind="set_cell", id=v.id_of(10), column="priority", value="")["ok"]
    data = v.widget.data
    assert data["priority"].dtype == frame["priority"].dtype  # text, as it was
    assert data["priority"].tolist()[1:4] == ["#3", "#2", "#2"]
    assert data["priority"].isna().tolist() == [True, False, False, False, True]
    assert cells(v.widget._journey, "priority") == [None, 3, 2, 2, None]
    reply = v.edit(kind="set_cell", id=v.id_of(50), column="priority", value="soon")
    assert reply["ok"] is False
    assert "'soon' is not a priority of lane 'priority'; use a rank" in reply["message"]
    plain = FakeView(JourneyMap(steps_frame().assign(rang=["1", None, None, None, None])))
    plain.edit(kind="set_cell", id=plain.id_of(50), column="rang", value="#4")
    assert plain.widget.data["rang"].tolist()[-1] == "4"


def test_a_quadrant_cell_keeps_the_columns_own_words():
    frame = steps_frame().assign(
        quadrant=["faible priorité", None, "Concentrer les efforts ici", None, None]
    )
    v = FakeView(JourneyMap(frame))
    lane = next(x for x in v.widget._journey["lanes"] if x["key"] == "quadrant")
    assert lane["priority"] == "quadrant"
    assert [q[0] for q in lane["quadrants"]] == list(QUADRANTS)
    assert cells(v.widget._journey, "quadrant")[:3] == ["low priority", None, "concentrate here"]
    v.edit(kind="set_cell", id=v.id_of(20), column="quadrant", value="concentrate here")
    v.edit(kind="set_cell", id=v.id_of(40), column="quadrant", value="possible overkill")
    v.edit(kind="set_cell", id=v.id_of(50), column="quadrant", value="Low Priority")
    v.edit(kind="set_cell", id=v.id_of(10), column="quadrant", value="")
    assert pd.isna(v.widget.data.loc[10, "quadrant"])
    assert v.widget.data["quadrant"].tolist()[1:] == [
        "Concentrer les efforts ici",
        "Concentrer les efforts ici",
        "possible overkill",
        "faible priorité",
    ]
    reply = v.edit(kind="set_cell", id=v.id_of(10), column="quadrant", value="urgent")
    assert reply["ok"] is False
    assert (
        "'urgent' is not a priority of lane 'quadrant'; use a quadrant: concentrate here"
        in (reply["message"])
    )


# -- add_priorities ----------------------------------------------------------------------


def test_importance_performance_ranks_become_a_priority_lane_and_nothing_else_changes(frame):
    m = JourneyMap(frame)
    edit = m.add_priorities(ipa_table())
    assert edit.kind == "set_column"
    assert edit.column == "priority"
    data = m.data
    assert data["priority"].dtype == "Int64"
    assert data["priority"].tolist() == [4, 3, pd.NA, 2, 1]
    pdt.assert_frame_equal(data.drop(columns="priority"), frame)
    assert lane_kinds(m)["priority"] == "priority"
    assert cells(m._journey, "priority") == [4, 3, None, 2, 1]


def test_quadrants_are_written_as_text_when_asked_for(frame):
    m = JourneyMap(frame)
    m.add_priorities(ipa_table(), column="quadrant", value="quadrant")
    assert m.data["quadrant"].tolist() == [
        "possible overkill",
        "low priority",
        None,
        "keep up the good work",
        "concentrate here",
    ]
    assert lane_kinds(m)["quadrant"] == "priority"
    assert m.priorities()["step"].tolist() == ["Pay", "Checkout", "Visit site", "See ad"]


def test_opportunity_and_driver_tables_give_their_rank(frame):
    m = JourneyMap(frame)
    m.add_priorities(opportunity_table())
    assert m.data["priority"].tolist() == [pd.NA, pd.NA, 1, pd.NA, 2]
    m.add_priorities(drivers_table(), column="driver rank")
    assert m.data["driver rank"].tolist() == [2, pd.NA, pd.NA, 1, pd.NA]
    assert lane_kinds(m)["driver rank"] == "priority"


def test_a_map_with_declared_lanes_gets_the_priority_lane_added(frame):
    m = JourneyMap(frame, lanes=["pain", "visits"])
    m.add_priorities(ipa_table(), column="act first")
    assert list(lane_kinds(m)) == ["pain", "visits", "act first"]
    m.data = m.data  # the lane stays when the table is given back
    assert list(lane_kinds(m)) == ["pain", "visits", "act first"]


def test_add_priorities_is_one_undoable_edit(frame):
    m = JourneyMap(frame)
    v = FakeView(m)
    seen: list[Any] = []
    m.on_edit(seen.append)
    v.edit(kind="set_cell", id=v.id_of(10), column="pain", value="Loud")
    m.add_priorities(ipa_table())
    assert [e.kind for e in seen] == ["set_cell", "set_column"]
    reply = v.history("undo")
    assert reply["notice"] == "Undone: column \u201cpriority\u201d of every step"
    assert "priority" not in m.data.columns
    assert "priority" not in lane_kinds(m)
    assert m._journey["priorities"] is None
    assert m.data.loc[10, "pain"] == "Loud"
    m.redo()
    assert m.data["priority"].tolist() == [4, 3, pd.NA, 2, 1]
    assert m._journey == encode(m._state, m._spec, m._journey["revision"])
    m.undo()
    m.undo()
    pdt.assert_frame_equal(m.data, frame)


def test_other_engines_tables_are_accepted(frame):
    polars = pytest.importorskip("polars")
    pyarrow = pytest.importorskip("pyarrow")
    duckdb = pytest.importorskip("duckdb")
    table = ipa_table()
    connection = duckdb.connect()
    for native in (
        polars.from_pandas(table),
        pyarrow.Table.from_pandas(table),
        connection.from_df(table),
    ):
        m = JourneyMap(frame)
        m.add_priorities(native)
        assert m.data["priority"].tolist() == [4, 3, pd.NA, 2, 1], type(native)
    with pytest.raises(InvalidTableError, match="not list"):
        JourneyMap(frame).add_priorities([{"step": "Pay", "priority": 1}])


@pytest.mark.parametrize(
    ("table", "kwargs", "error", "message"),
    [
        (
            pd.DataFrame({"step": ["Pay", "Refund", "Chat"], "rank": [1, 2, 3]}),
            {},
            InvalidEditError,
            "names steps the map does not have: 'Refund', 'Chat'",
        ),
        (pd.DataFrame({"step": ["Pay"], "rank": [0]}), {}, InvalidEditError, "holds 0 for step"),
        (
            pd.DataFrame({"step": ["Pay"], "quadrant": ["urgent"]}),
            {},
            InvalidEditError,
            "'urgent' for step 'Pay', which is not a quadrant",
        ),
        (
            pd.DataFrame({"step": ["Pay"], "opportunity": [12.5]}),
            {"value": "opportunity"},
            InvalidEditError,
            "holds 12.5 for step 'Pay', which is not a rank",
        ),
        (pd.DataFrame({"step": ["Pay"], "score": [1]}), {}, InvalidTableError, "no priority"),
        (
            pd.DataFrame({"step": ["Pay", None], "rank": [1, 2]}),
            {},
            MissingValueError,
            "the priority table's step column 'step' is empty in row 1; drop or fill",
        ),
        (
            pd.DataFrame({"step": ["", "Pay", " ", np.nan], "rank": [1, 2, 3, 4]}),
            {},
            MissingValueError,
            "step column 'step' is empty in rows 0, 2, 3;",
        ),
        (
            pd.DataFrame({"step": ["Pay", "See ad", "Checkout"], "priority": [1e300, 2, 3]}),
            {},
            InvalidEditError,
            "holds 1e+300 for step 'Pay', which is not a rank: a whole number from 1 (act "
            "first) to 1,000,000",
        ),
        (
            pd.DataFrame({"step": ["Pay"], "priority": [2**62]}),
            {},
            InvalidEditError,
            "holds 4611686018427387904 for step 'Pay', which is not a rank",
        ),
        (
            pd.DataFrame({"step": ["Pay"], "priority": [MAX_RANK + 1]}),
            {},
            InvalidEditError,
            "holds 1000001 for step 'Pay', which is not a rank",
        ),
        (
            pd.DataFrame({"step": ["Pay"], "rank": [1]}),
            {"value": ["rank"]},
            InvalidArgumentError,
            r"value= names one column of the priority table, not list ['rank']",
        ),
        (
            pd.DataFrame({"step": ["Pay"], "rank": [1]}),
            {"step": {"step": 1}},
            InvalidArgumentError,
            "step= names one column",
        ),
        (
            pd.DataFrame({"step": ["Pay"], "rank": [1]}),
            {"column": ["priority"]},
            InvalidArgumentError,
            "column= names the map's column to write, e.g. column='priority'; not list",
        ),
        (
            pd.DataFrame({"step": ["Pay"], "rank": [1]}),
            {"column": None},
            InvalidArgumentError,
            "column= names the map's column to write",
        ),
        (
            pd.DataFrame({"step": ["Pay"], "rank": [1]}),
            {"column": "Channels"},
            InvalidLaneError,
            "column 'Channels' is read as a channel lane by its name; write the priorities "
            "to another column",
        ),
        (
            pd.DataFrame({"step": ["Pay"], "rank": [1]}),
            {"column": "MOT"},
            InvalidLaneError,
            "column 'MOT' is read as a moment lane by its name",
        ),
        (pd.DataFrame({"name": ["Pay"], "rank": [1]}), {}, InvalidTableError, "no step or driver"),
        (
            pd.DataFrame({"step": ["Pay"], "rank": [1]}),
            {"step": "name"},
            MissingColumnError,
            "'name'",
        ),
        (
            pd.DataFrame({"step": ["Pay", "Pay"], "rank": [1, 2]}),
            {},
            InvalidTableError,
            "more than one row for step 'Pay'",
        ),
        (
            pd.DataFrame({"step": ["Pay"], "rank": [1]}),
            {"column": "visits"},
            InvalidLaneError,
            "is a number lane",
        ),
        (
            pd.DataFrame({"step": ["Pay"], "rank": [1]}),
            {"column": "step"},
            InvalidLaneError,
            "plays a role",
        ),
    ],
)
def test_a_table_that_does_not_fit_is_refused_and_nothing_changes(
    frame, table, kwargs, error, message
):
    m = JourneyMap(frame)
    before = m._journey
    with pytest.raises(error, match=re.escape(message)):
        m.add_priorities(table, **kwargs)
    pdt.assert_frame_equal(m.data, frame)
    assert m._journey is before


@pytest.mark.parametrize("ranks", [["#1", "#2", "#3"], ["1", "2", "3"], [" 1", "#2 ", "3"]])
def test_ranks_written_as_text_are_ranks(frame, ranks):
    m = JourneyMap(frame)
    m.add_priorities(pd.DataFrame({"step": ["Pay", "Checkout", "See ad"], "priority": ranks}))
    assert m.data["priority"].dtype == "Int64"
    assert m.data["priority"].tolist() == [3, pd.NA, pd.NA, 2, 1]
    assert lane_kinds(m)["priority"] == "priority"


def test_ranks_written_into_a_text_column_of_ranks_keep_its_form_and_dtype(frame):
    table = pd.DataFrame({"step": ["Pay", "See ad"], "rank": [1, 2]})
    for dtype, written in [(object, "#"), ("string", ""), ("str", "#")]:
        start = ["#4", None, "#5", None, None] if written else ["4", None, "5", None, None]
        m = JourneyMap(frame.assign(priority=pd.Series(start, index=frame.index, dtype=dtype)))
        m.add_priorities(table)
        assert m.data["priority"].dtype == dtype
        assert m.data["priority"].isna().tolist() == [False, True, True, True, False]
        assert m.data["priority"][[10, 50]].tolist() == [f"{written}2", f"{written}1"]
        assert cells(m._journey, "priority") == [2, None, None, None, 1]
        m.add_priorities(pd.DataFrame({"step": ["Pay"], "quadrant": ["low priority"]}))
        assert m.data["priority"].tolist()[-1] == "low priority"  # quadrants replace them
    m = JourneyMap(frame.assign(priority=pd.array([4, None, 5, None, None], dtype="Int64")))
    m.add_priorities(pd.DataFrame({"step": ["Pay"], "rank": ["#1"]}))
    assert m.data["priority"].dtype == "Int64"


def test_an_empty_persona_is_named_by_its_row():
    m = JourneyMap(persona_frame(), persona="persona")
    for empty in (None, np.nan, ""):
        table = pd.DataFrame({"persona": [empty, "Bo"], "step": ["Pay", "Pay"], "rank": [1, 2]})
        with pytest.raises(
            MissingValueError,
            match=r"the priority table's persona column 'persona' is empty in row 0; drop",
        ):
            m.add_priorities(table)
    table = pd.DataFrame({"who": ["Ana", None, None], "step": ["Pay"] * 3, "rank": [1, 2, 3]})
    with pytest.raises(MissingValueError, match=r"'who' is empty in rows 1, 2; drop"):
        m.add_priorities(table, persona="who")
    assert "priority" not in m.data.columns


def test_a_column_the_map_reads_by_its_name_is_refused_for_priorities(frame):
    no_emotion = frame.drop(columns="emotion")
    for name in ("émotion", "emotion", "Feeling"):
        m = JourneyMap(no_emotion)
        with pytest.raises(
            InvalidLaneError,
            match=f"column '{name}' is read as the map's emotion column by its name; write "
            "the priorities to another column, e.g. column='priority'",
        ):
            m.add_priorities(ipa_table(), column=name)
        pdt.assert_frame_equal(m.data, no_emotion)
    # With an emotion column (or one declared), another emotion word names a column as any.
    m = JourneyMap(frame)
    m.add_priorities(ipa_table(), column="feeling")
    assert lane_kinds(m)["feeling"] == "priority"
    m = JourneyMap(no_emotion, emotion=None)
    m.add_priorities(ipa_table(), column="émotion")
    assert lane_kinds(m)["émotion"] == "priority"
    assert m.priorities().index.tolist() == [50, 40, 20, 10]


def test_invalid_argument_error_is_one_class_from_every_import():
    assert cjm_widgets.InvalidArgumentError is cjm_widgets.analytics.InvalidArgumentError
    assert cjm_widgets.analytics._engine.InvalidArgumentError is InvalidArgumentError
    assert cjm_widgets.errors.InvalidArgumentError is InvalidArgumentError
    assert InvalidArgumentError.__bases__ == (CJMError, TypeError, ValueError)
    assert "InvalidArgumentError" in cjm_widgets.__all__


def test_a_column_of_other_data_is_never_overwritten(frame):
    frame["notes"] = "keep me"
    m = JourneyMap(frame, lanes=["pain"])
    with pytest.raises(InvalidLaneError, match="column 'notes' is a column of other data"):
        m.add_priorities(ipa_table(), column="notes")
    with pytest.raises(InvalidLaneError, match="column 'pain' is a text lane"):
        m.add_priorities(ipa_table(), column="pain")
    pdt.assert_frame_equal(m.data, frame)


def test_personas_are_joined_by_persona_and_step():
    m = JourneyMap(persona_frame(), persona="persona")
    table = pd.DataFrame(
        {"persona": ["Bo", "Ana", "Ana"], "step": ["Pay", "Pay", "Search"], "rank": [1, 1, 2]}
    )
    m.add_priorities(table)
    assert m.data["priority"].tolist() == [2, pd.NA, 1, pd.NA, 1]
    # Without a persona column, a step's value goes to that step in every persona.
    m.add_priorities(pd.DataFrame({"step": ["Search"], "quadrant": ["low priority"]}), column="q")
    assert m.data["q"].tolist() == ["low priority", None, None, "low priority", None]
    # The table's persona column may carry another name (key_drivers' by=).
    by_segment = table.rename(columns={"persona": "segment"})
    m.add_priorities(by_segment, column="p2", persona="segment")
    assert m.data["p2"].tolist() == [2, pd.NA, 1, pd.NA, 1]


def test_persona_mismatches_are_refused_and_named():
    m = JourneyMap(persona_frame(), persona="persona")
    with pytest.raises(InvalidEditError, match=r"personas the map does not have: 'Cy'"):
        m.add_priorities(pd.DataFrame({"persona": ["Cy"], "step": ["Pay"], "rank": [1]}))
    with pytest.raises(
        InvalidEditError, match=r"steps the map does not have: 'Checkout' of persona"
    ):
        m.add_priorities(pd.DataFrame({"persona": ["Bo"], "step": ["Checkout"], "rank": [1]}))
    plain = JourneyMap(persona_frame().query("persona == 'Ana'").drop(columns="persona"))
    two = pd.DataFrame({"persona": ["Ana", "Bo"], "step": ["Pay", "Pay"], "rank": [1, 2]})
    with pytest.raises(InvalidTableError, match="the map has no persona: keep one persona's rows"):
        plain.add_priorities(two)
    with pytest.raises(InvalidEditError, match="the map has no personas"):
        plain.add_priorities(two, persona="persona")


# -- priorities() ------------------------------------------------------------------------


def test_priorities_rank_the_steps_with_their_pain_and_leave_out_the_rest(frame):
    m = JourneyMap(frame)
    m.add_priorities(pd.DataFrame({"step": ["Pay", "Visit site", "See ad"], "rank": [2, 1, 2]}))
    top = m.priorities()
    assert list(top.columns) == ["stage", "step", "priority", "pain"]
    assert top.index.tolist() == [20, 10, 50]  # rank 2 twice: in journey order
    assert top.index.name == "row"
    assert top.loc[20, "pain"] == "Slow page"
    assert pd.isna(top.loc[10, "pain"])
    assert m.priorities(2).index.tolist() == [20, 10]
    assert m.priorities(np.int64(1)).index.tolist() == [20]
    assert m.priorities(0).empty
    m.selected = list(m.priorities().index[:2])
    assert m.selected == [20, 10]
    for bad in (-1, 1.5, True, "3"):
        with pytest.raises(InvalidArgumentError, match="n= takes a whole number of steps from 0"):
            m.priorities(bad)
    with pytest.raises(InvalidArgumentError, match=r"column= names one priority lane, not list"):
        m.priorities(column=["priority"])


def test_quadrants_rank_in_quadrant_order_then_journey_order():
    frame = steps_frame().assign(
        quadrant=["low priority", "concentrate here", None, "faible priorité", "concentrate here"]
    )
    top = JourneyMap(frame).priorities()
    assert top.index.tolist() == [20, 50, 10, 40]
    assert top["priority"].tolist()[-1] == "faible priorité"  # the column's own value


def test_priorities_with_personas_and_french_columns():
    frame = persona_frame().rename(columns={"pain": "Irritants"})
    frame["Pistes d'amélioration"] = ["Filters", None, "Retry", None, None]
    frame["Responsable"] = ["Search team", None, "Payments", None, "Payments"]
    frame["Priorité"] = pd.array([2, None, 1, 1, 2], dtype="Int64")
    top = JourneyMap(frame, persona="persona").priorities()
    assert list(top.columns) == [
        "stage",
        "step",
        "persona",
        "priority",
        "pain",
        "opportunity",
        "owner",
    ]
    assert top.index.tolist() == ["a3", "b1", "a1", "b2"]
    assert top.loc["a3"].tolist() == ["Buy", "Pay", "Ana", 1, "Card refused", "Retry", "Payments"]


def test_a_map_without_priorities_says_how_to_get_them(frame):
    with pytest.raises(InvalidLaneError, match=r"no priority lane; add one with m.add_priorities"):
        JourneyMap(frame).priorities()
    frame["priority"] = [1, 2, 3, 4, 5]
    with pytest.raises(InvalidLaneError, match="column 'visits' is not a priority lane"):
        JourneyMap(frame).priorities(column="visits")


# -- the panel's wire ----------------------------------------------------------------------


def test_the_panel_gets_each_personas_top_steps_by_id_with_their_text():
    frame = persona_frame()
    frame["owner"] = ["Search team", None, "Payments", None, None]
    frame["priority"] = pd.array([2, None, 1, 1, None], dtype="Int64")
    v = FakeView(JourneyMap(frame, persona="persona"))
    wire = v.widget._journey
    ids = dict(zip(frame.index, wire["ids"], strict=True))
    assert wire["priorities"] == {
        "lane": "priority",
        "items": [
            {"id": ids["a3"], "pain": "Card refused", "owner": "Payments"},
            {"id": ids["b1"], "pain": "No stock shown", "owner": None},
            {"id": ids["a1"], "pain": "Too many results", "owner": "Search team"},
        ],
    }
    assert v.widget.priorities().index.tolist() == ["a3", "b1", "a1"]
    # Editing a pain, or a priority, updates the panel as a full encode would.
    v.edit(kind="set_cell", id=ids["a1"], column="pain", value="Slow")
    v.edit(kind="set_cell", id=ids["a2"], column="priority", value="1")
    m = v.widget
    assert m._journey == encode(m._state, m._spec, m._journey["revision"])
    assert [i["id"] for i in m._journey["priorities"]["items"]] == [
        ids["a2"],
        ids["a3"],
        ids["b1"],
        ids["a1"],
    ]


def test_the_panel_lists_ten_steps_per_persona():
    frame = pd.DataFrame(
        {
            "persona": ["Ana"] * 12 + ["Bo"] * 2,
            "stage": ["s"] * 14,
            "step": [f"step {i}" for i in range(12)] + ["step 0", "step 1"],
            "priority": [*range(12, 0, -1), 1, 2],
        }
    )
    items = JourneyMap(frame, persona="persona")._journey["priorities"]["items"]
    assert len(items) == 12  # ten of Ana's, both of Bo's
    one = JourneyMap(frame.iloc[:12].drop(columns="persona"))
    assert len(one._journey["priorities"]["items"]) == 10
    assert len(one.priorities()) == 12


def test_user_text_with_markup_stays_text(frame):
    frame.loc[50, "pain"] = "<script>alert(1)</script>"
    m = JourneyMap(frame)
    m.add_priorities(pd.DataFrame({"step": ["Pay"], "priority": [1]}))
    assert m.priorities().loc[50, "pain"] == "<script>alert(1)</script>"
    sent = json.loads(json.dumps(m._journey))
    assert sent["priorities"]["items"][0]["pain"] == "<script>alert(1)</script>"
    with pytest.raises(InvalidEditError, match="is not a quadrant"):
        m.add_priorities(
            pd.DataFrame({"step": ["Pay"], "quadrant": ["<img src=x onerror=alert(1)>"]}),
            column="q",
        )


def test_every_kind_module_is_in_the_registry():
    assert KINDS["priority"].name == "priority"
    assert list(KINDS).index("priority") < list(KINDS).index("number")


# -- lanes after m.data = ..., undo, redo and links ---------------------------------------


def small_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "stage": ["Find", "Find", "Buy"],
            "step": ["s1", "s2", "s3"],
            "pain": ["slow", None, "costly"],
        }
    )


def wire_but_revision(m: JourneyMap) -> dict[str, Any]:
    return {k: v for k, v in m._journey.items() if k != "revision"}


def test_a_new_table_after_add_priorities_is_read_as_a_fresh_map_reads_it():
    df = small_frame()
    m = JourneyMap(df)
    m.add_priorities(pd.DataFrame({"step": ["s1", "s2"], "priority": [2, 1]}))
    new = df.assign(priority=["high", "low", "high"])
    m.data = new
    fresh = JourneyMap(new)
    assert m.lanes == fresh.lanes
    assert lane_kinds(m)["priority"] == "text"
    assert wire_but_revision(m)["lanes"] == fresh._journey["lanes"]
    # The column is a priority lane again once it holds priorities.
    m.data = df.assign(priority=pd.array([None, 3, 1], dtype="Int64"))
    assert lane_kinds(m)["priority"] == "priority"


def test_a_new_table_keeps_a_written_priority_lane_beside_the_declared_ones_while_it_holds_them():
    df = small_frame()
    m = JourneyMap(df, lanes=["pain"])
    m.add_priorities(pd.DataFrame({"step": ["s1"], "priority": [1]}), column="order")
    assert [lane.column for lane in m.lanes] == ["pain", "order"]
    m.data = df.assign(order=["soon", None, "later"])
    assert [lane.column for lane in m.lanes] == ["pain"]  # as a fresh map with lanes=['pain']
    m.data = df.assign(order=pd.array([2, None, 1], dtype="Int64"))
    assert lane_kinds(m) == {"pain": "text", "order": "priority"}


def test_undo_of_add_priorities_takes_its_lane_and_panel_away_and_redo_brings_them_back():
    df = small_frame().assign(priority=pd.array([None] * 3, dtype="Int64"))
    m = JourneyMap(df, lanes=["pain"])
    before = wire_but_revision(m)
    m.add_priorities(pd.DataFrame({"step": ["s1", "s3"], "priority": [2, 1]}))
    after = wire_but_revision(m)
    assert [lane.column for lane in m.lanes] == ["pain", "priority"]
    assert after["priorities"]["items"]
    m.undo()
    assert [lane.column for lane in m.lanes] == ["pain"]
    assert wire_but_revision(m) == before
    assert m._journey["priorities"] is None
    m.redo()
    assert wire_but_revision(m) == after
    m.undo()
    assert wire_but_revision(m) == before


def test_undo_of_add_priorities_over_an_empty_text_lane_gives_back_its_quadrant_form():
    df = small_frame().assign(priority=pd.Series([None] * 3, dtype=object))
    m = JourneyMap(df)
    before = wire_but_revision(m)
    assert before["lanes"][-1]["priority"] == "quadrant"
    m.add_priorities(pd.DataFrame({"step": ["s1"], "priority": [1]}))
    assert m._journey["lanes"][-1]["priority"] == "rank"
    m.undo()
    assert wire_but_revision(m) == before


def test_a_linked_map_gets_the_priority_lane_and_loses_it_on_undo():
    df = small_frame()
    m, m2 = JourneyMap(df, lanes=["pain"]), JourneyMap(df, lanes=["pain"])
    cjm_widgets.link(m, m2)
    m.add_priorities(pd.DataFrame({"step": ["s2"], "priority": [1]}))
    assert lane_kinds(m2) == {"pain": "text", "priority": "priority"}
    assert m2._journey["priorities"]["items"] == [{"id": m2._journey["ids"][1], "pain": None}]
    assert m2._journey == encode(m2._state, m2._spec, m2._journey["revision"])
    m2.undo()
    assert [lane.column for lane in m.lanes] == [lane.column for lane in m2.lanes] == ["pain"]
    m.redo()
    assert lane_kinds(m2)["priority"] == "priority"
    # A map linked after the edit gets the lane too.
    m3 = JourneyMap(m.data, lanes=["pain"])
    cjm_widgets.link(m, m3)
    assert lane_kinds(m3)["priority"] == "priority"


# -- a lane's form is decided when its lanes are resolved ------------------------------------


def test_emptying_a_text_rank_lane_keeps_it_a_rank_lane_in_the_wire_and_the_editor():
    df = small_frame().assign(priority=["#1", None, None])
    m = JourneyMap(df)
    v = FakeView(m)
    start = m.data
    assert m._journey["lanes"][-1]["priority"] == "rank"
    assert v.edit(kind="set_cell", id=v.id_of(0), column="priority", value=None)["ok"]
    sent = m._journey["lanes"][-1]["priority"]
    assert sent == encode(m._state, m._spec, 0)["lanes"][-1]["priority"] == "rank"
    assert m.lanes[-1].format == "rank"
    reply = v.edit(kind="set_cell", id=v.id_of(1), column="priority", value=2)
    assert reply["ok"], reply
    assert m._journey == encode(m._state, m._spec, m._journey["revision"])
    # Undo and redo give back the form each state had.
    v.history("undo")
    v.history("undo")
    pdt.assert_frame_equal(m.data, start)
    v.history("redo")
    assert m._journey["lanes"][-1]["priority"] == "rank"
    assert m._journey == encode(m._state, m._spec, m._journey["revision"])


def test_a_declared_priority_form_is_checked_and_kept():
    df = small_frame().assign(priority=pd.Series([None] * 3, dtype=object))
    m = JourneyMap(df, lanes=[Lane("priority", "priority", format="rank")])
    assert m._journey["lanes"][0]["priority"] == "rank"
    with pytest.raises(InvalidLaneError, match="is not a rank"):
        JourneyMap(
            df.assign(priority=["low priority", None, None]),
            lanes=[Lane("priority", "priority", format="rank")],
        )
    with pytest.raises(InvalidLaneError, match="format 'percent' is not one of rank, quadrant"):
        JourneyMap(df, lanes=[Lane("priority", "priority", format="percent")])


def test_the_rank_lane_entry_carries_the_largest_rank_and_the_words_for_a_rank():
    df = small_frame().assign(priority=pd.array([1, None, 2], dtype="Int64"))
    entry = JourneyMap(df)._journey["lanes"][-1]
    assert entry["max_rank"] == MAX_RANK
    assert entry["rank_hint"] == (
        f"a rank: a whole number from 1 (act first) to {MAX_RANK:,}, e.g. 1, 2 or #3"
    )
    quadrant = JourneyMap(df.assign(priority=["low priority", None, None]))._journey["lanes"][-1]
    assert "max_rank" not in quadrant


# -- priorities per persona -------------------------------------------------------------


def test_priorities_of_one_persona_are_the_panels_list():
    frame = persona_frame()
    frame["priority"] = pd.array([2, None, 1, 1, 3], dtype="Int64")
    m = JourneyMap(frame, persona="persona")
    assert list(m.priorities().index) == ["a3", "b1", "a1", "b2"]
    assert list(m.priorities(persona="Bo").index) == ["b1", "b2"]
    assert list(m.priorities(1, persona="Ana").index) == ["a3"]
    ids = dict(zip(frame.index, m._journey["ids"], strict=True))
    items = [item["id"] for item in m._journey["priorities"]["items"]]
    rows = m._journey["persona"]
    for persona in ("Ana", "Bo"):
        panel = [i for i in items if rows[m._journey["ids"].index(i)] == persona]
        assert panel == [ids[k] for k in m.priorities(10, persona=persona).index]
    with pytest.raises(InvalidArgumentError, match="one of the map's personas"):
        m.priorities(persona="Cy")
    with pytest.raises(InvalidArgumentError, match="has no personas"):
        JourneyMap(frame.drop(columns="persona").iloc[:3]).priorities(persona="Ana")


def test_the_panel_lists_ten_steps_of_each_persona_as_priorities_does():
    n = 12
    frame = pd.DataFrame(
        {
            "persona": ["Ana"] * n + ["Bo"] * n,
            "stage": ["Go"] * (2 * n),
            "step": [f"s{i}" for i in range(n)] * 2,
            "priority": pd.array([*range(1, n + 1), *range(n, 0, -1)], dtype="Int64"),
        }
    )
    m = JourneyMap(frame, persona="persona")
    listed = {item["id"] for item in m._journey["priorities"]["items"]}
    ids = m._journey["ids"]
    for persona in ("Ana", "Bo"):
        top = {ids[frame.index.get_loc(k)] for k in m.priorities(10, persona=persona).index}
        mine = {i for i in listed if m._journey["persona"][ids.index(i)] == persona}
        assert mine == top
        assert len(top) == 10


# -- names and edits ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["rank", "ranks", "Rang", "rangs", "RANK"])
def test_rank_columns_are_priority_lanes_by_name(name):
    df = small_frame().assign(**{name: pd.array([1, None, 2], dtype="Int64")})
    assert infer_kind(df[name], name) == "priority"
    assert lane_kinds(JourneyMap(df))[name] == "priority"


def test_a_priority_table_s_rang_column_is_read_by_default():
    m = JourneyMap(small_frame())
    m.add_priorities(pd.DataFrame({"step": ["s1", "s2"], "rang": [2, 1]}))
    assert m.data["priority"].tolist() == [2, 1, pd.NA]


def test_set_column_edits_carry_the_column_before_and_after():
    df = small_frame().assign(priority=pd.array([None, 5, None], dtype="Int64"))
    m = JourneyMap(df)
    seen: list[Any] = []
    m.on_edit(seen.append)
    edit = m.add_priorities(pd.DataFrame({"step": ["s1", "s2"], "priority": [2, 1]}))
    assert (edit.old, edit.new) == ([None, 5, None], [2, 1, None])
    assert seen == [edit]
    json.dumps([edit.old, edit.new])  # loggable as is
    undone = m.undo()
    assert undone is not None
    assert (undone.old, undone.new) == ([2, 1, None], [None, 5, None])
    new = m.add_priorities(pd.DataFrame({"step": ["s3"], "priority": ["low priority"]}), column="q")
    assert new.old is None
    assert new.new == [None, None, "low priority"]
