"""Defects found by trying the package as users and attackers would; each test failed before."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd
import pandas.testing as pdt
import pytest
import traitlets

from cjm_widgets import CJMError, EmotionCurve, JourneyMap, Lane, link

from .conftest import FakeView, cells


def abc() -> pd.DataFrame:
    return pd.DataFrame({"stage": ["A"] * 3, "step": ["a", "b", "c"]})


# 1. Stale ids after m.data = …


def test_an_edit_queued_before_reset_index_lands_on_its_own_step():
    m = JourneyMap(abc())
    v = FakeView(m)
    b = m._journey["ids"][1]
    m.data = m.data.iloc[1:].reset_index(drop=True)  # label 0 now names "b", label 1 "c"
    assert v.edit(kind="delete_step", id=b)["ok"]
    assert m.data["step"].tolist() == ["c"]


def test_an_edit_for_a_step_that_is_gone_is_refused_and_says_so():
    m = JourneyMap(abc())
    v = FakeView(m)
    a = m._journey["ids"][0]
    m.data = m.data.iloc[1:].reset_index(drop=True)
    before = m.data
    reply = v.edit(kind="set_cell", id=a, column="step", value="typed into a")
    assert reply["ok"] is False
    assert "no longer exists" in reply["message"]
    pdt.assert_frame_equal(m.data, before)


# 2. link(a, b) silently discarding b's edits


def test_link_refuses_tables_that_differ_and_names_the_first_difference():
    df = pd.DataFrame({"stage": ["A", "A"], "step": ["a", "b"], "emotion": [-1.0, 1.0]})
    m, c = JourneyMap(df), EmotionCurve(df)
    c.set_emotion("a", -2)
    with pytest.raises(CJMError, match=r"row 0, column 'emotion' \(-1.0 in the first, -2.0"):
        link(m, c)
    assert c.data.loc[0, "emotion"] == -2.0  # nothing lost
    m.data = c.data  # the same table: now nothing can be lost
    link(m, c)
    assert m.data.loc[0, "emotion"] == -2.0


# 3. Malformed ops escaping the handler


@pytest.mark.parametrize(
    "op",
    [
        {"kind": "move_step", "direction": 1.0},
        {"kind": "move_step", "direction": -1.5},
        {"kind": "set_cell", "column": ["when"], "value": "x"},
        {"kind": "set_cell", "column": {"a": 1}, "value": "x"},
        {"kind": "set_cell", "column": "when", "value": 1.5},
        {"kind": "set_cell", "column": "when", "value": "2024-01-01 00:00:00.000000001"},
        {"kind": "set_cell", "column": "when", "value": "10000-01-01"},
        {"kind": "set_cell", "column": "when", "value": "2263-01-01"},
        {"kind": "set_cell", "column": "when", "value": "-3"},
        {"kind": "set_cell", "column": "zoned", "value": "-3"},
        {"kind": "set_cell", "column": "zoned", "value": 7},
        {"kind": "set_cell", "column": "wait", "value": "1ns"},
        {"kind": "set_cell", "column": "wait", "value": "9999999999 days"},
        {"kind": "set_cell", "column": "wait", "value": 3},
        {"kind": "set_cell", "column": "note", "value": "\ud800"},
        {"kind": "set_cell", "column": "note", "value": [1, 2]},
        {"kind": "rename_stage", "stage": "A", "name": "\udfff"},
        {"kind": "add_stage", "after": ["A"], "name": "B"},
        {"kind": 7},
        {"kind": ["set_cell"]},
    ],
)
def test_malformed_ops_are_answered_and_change_nothing(op: dict[str, Any]):
    df = pd.DataFrame(
        {
            "stage": ["A", "A"],
            "step": ["a", "b"],
            "when": pd.to_datetime(["2024-01-01", "2024-02-01"]).astype("datetime64[ns]"),
            "zoned": pd.to_datetime(["2024-01-01", "2024-02-01"]).tz_localize("Europe/Paris"),
            "wait": pd.to_timedelta([1, 2], unit="h"),
            "note": ["x", None],
        }
    )
    m = JourneyMap(df)
    v = FakeView(m)
    op = {"id": m._journey["ids"][0], **op}
    reply = v.edit(**op)
    assert reply["ok"] is False, reply
    pdt.assert_frame_equal(m.data, df)
    m._publish()  # every redraw still works


# 4. Undo across personas


def two_personas() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "persona": ["Ana", "Ana", "Bo", "Bo"],
            "stage": ["A", "B", "A", "B"],
            "step": ["x", "y", "x", "y"],
            "pain": ["p1", None, None, None],
        }
    )


def test_undo_switches_to_the_persona_it_touches_and_says_what_it_undid():
    m = JourneyMap(two_personas(), persona="persona")
    v = FakeView(m)
    v.edit(kind="set_cell", id=m._journey["ids"][0], column="pain", value="slow")
    m.active_persona = "Bo"
    reply = v.history("undo")
    assert reply["ok"] is True
    assert m.active_persona == "Ana"
    assert m.data.loc[0, "pain"] == "p1"
    assert "Undone" in reply["notice"]
    assert "\u201cx\u201d" in reply["notice"]
    assert "Ana" in reply["notice"]
    assert "slow" in reply["notice"]
    assert "p1" in reply["notice"]
    assert v.history("undo")["notice"] == "Nothing to undo."


# 5. Users' on_msg callbacks


def test_a_users_on_msg_callback_still_runs():
    m = JourneyMap(abc())
    v = FakeView(m)
    seen: list[Any] = []
    m.on_msg(lambda widget, content, buffers: seen.append(content))
    v.edit(kind="delete_step", id=m._journey["ids"][0])
    assert seen
    assert seen[0]["type"] == "edit"
    assert m.data["step"].tolist() == ["b", "c"]


# 6. Lanes that share a wire key


def test_columns_1_and_string_1_are_two_lanes_with_their_own_values_and_edits():
    df = pd.DataFrame({"stage": ["A", "A"], "step": ["a", "b"], 1: ["int one", None]})
    df["1"] = ["str one", None]
    m = JourneyMap(df)
    v = FakeView(m)
    keys = [lane["key"] for lane in m._journey["lanes"]]
    assert len(set(keys)) == 2
    assert cells(m._journey, keys[0]) == ["int one", None]
    assert cells(m._journey, keys[1]) == ["str one", None]
    assert v.edit(kind="set_cell", id=m._journey["ids"][1], column=keys[1], value="typed")["ok"]
    assert m.data.loc[1, "1"] == "typed"
    assert pd.isna(m.data.loc[1, 1])


# 7. Invented values


def test_a_new_step_has_no_emotion_and_no_invented_numbers():
    df = pd.DataFrame(
        {"stage": ["A"], "step": ["a"], "emotion": [2], "visits": [10], "digital": [True]}
    )
    m = JourneyMap(df)
    v = FakeView(m)
    assert v.edit(kind="insert_step", after=m._journey["ids"][0])["ok"]
    new = m.data.iloc[1]
    assert pd.isna(new["emotion"])
    assert pd.isna(new["visits"])
    assert pd.isna(new["digital"])
    assert cells(m._journey, "emotion")[1] is None
    assert v.history("undo")["ok"]
    pdt.assert_frame_equal(m.data, df)


# 8. Constructor inputs that crashed with something other than a CJMError


def bad_inputs() -> list[tuple[str, Any, dict[str, Any]]]:
    base = {"stage": ["A", "A"], "step": ["a", "b"]}
    dup = pd.DataFrame([["A", "a", 1, 2]], columns=["stage", "step", "x", "x"])
    multi = pd.DataFrame(
        [["A", "a"]], columns=pd.MultiIndex.from_tuples([("stage", ""), ("step", "")])
    )
    return [
        ("duplicate columns", dup, {}),
        ("MultiIndex columns", multi, {}),
        ("bytes step", pd.DataFrame({"stage": ["A"], "step": [b"a"]}), {}),
        ("bytes lane", pd.DataFrame({**base, "pain": [b"x", "y"]}), {}),
        (
            "surrogate step",
            pd.DataFrame({"stage": ["A"], "step": pd.Series(["\ud800"], dtype=object)}),
            {},
        ),
        (
            "surrogate lane",
            pd.DataFrame({**base, "pain": pd.Series(["\udfff", "y"], dtype=object)}),
            {},
        ),
        ("nested list stage", pd.DataFrame({"stage": [["A"], ["A"]], "step": ["a", "b"]}), {}),
        ("unhashable lanes item", pd.DataFrame(base), {"lanes": [["stage"]]}),
        ("unhashable role", pd.DataFrame(base), {"stage": ["stage"]}),
        ("scale of one number", pd.DataFrame(base), {"scale": (3,)}),
        ("scale of text", pd.DataFrame(base), {"scale": "ab"}),
        ("scale with None", pd.DataFrame(base), {"scale": (None, 3)}),
        ("scale upside down", pd.DataFrame(base), {"scale": (3, -3)}),
    ]


@pytest.mark.parametrize(("why", "df", "kwargs"), bad_inputs(), ids=lambda x: str(x)[:20])
def test_bad_constructor_input_raises_a_cjm_error(why: str, df: pd.DataFrame, kwargs: Any):
    with pytest.raises(CJMError):
        JourneyMap(df, **kwargs)


def test_a_lane_label_must_be_text():
    with pytest.raises(CJMError, match="label 3 is not text"):
        Lane("step", label=3)  # type: ignore[arg-type]


def test_the_errors_name_the_problem():
    dup = pd.DataFrame([["A", "a", 1, 2]], columns=["stage", "step", "x", "x"])
    with pytest.raises(CJMError, match="more than one column named 'x'"):
        JourneyMap(dup)
    with pytest.raises(CJMError, match=r"column 'step', row 0: b'a' is bytes"):
        JourneyMap(pd.DataFrame({"stage": ["A"], "step": [b"a"]}))
    with pytest.raises(CJMError, match="scale must be two numbers"):
        JourneyMap(pd.DataFrame({"stage": ["A"], "step": ["a"]}), scale=(3,))


@pytest.mark.parametrize("labels", [{10**400: "far"}, {float("nan"): "nan"}, {"x": "y"}])
def test_bad_curve_labels_raise_a_cjm_error(labels: dict[Any, str]):
    df = pd.DataFrame({"stage": ["A"], "step": ["a"], "emotion": [0.0]})
    with pytest.raises(CJMError):
        EmotionCurve(df, labels=labels)


# 9. Moment-of-truth values


def test_moment_of_truth_synonyms_are_accepted_in_french_and_english():
    df = pd.DataFrame(
        {
            "stage": ["A"] * 4,
            "step": ["a", "b", "c", "d"],
            "moment_of_truth": ["oui", "ponctuel", "Transversal", None],
        }
    )
    m = JourneyMap(df)
    assert m.lanes[0].kind == "moment"
    assert cells(m._journey, "moment_of_truth") == ["moment", "one-off", "cross-journey", None]
    v = FakeView(m)
    # The editor offers the kinds; the column keeps its own word for each.
    assert v.edit(kind="set_moment", id=m._journey["ids"][3], value="cross-journey")["ok"]
    assert m.data.loc[3, "moment_of_truth"] == "Transversal"
    assert v.edit(kind="set_moment", id=m._journey["ids"][3], value="one-off")["ok"]
    assert m.data.loc[3, "moment_of_truth"] == "ponctuel"


def test_a_kind_the_column_has_no_word_for_is_written_as_the_kind():
    df = pd.DataFrame({"stage": ["A", "A"], "step": ["a", "b"], "moment_of_truth": ["oui", None]})
    m = JourneyMap(df)
    v = FakeView(m)
    assert v.edit(kind="set_moment", id=m._journey["ids"][1], value="one-off")["ok"]
    assert m.data.loc[1, "moment_of_truth"] == "one-off"


def test_the_moment_kind_keeps_its_older_name_flag():
    assert Lane("mot", kind="flag").kind == "moment"


def test_an_unknown_moment_of_truth_value_is_refused_clearly():
    df = pd.DataFrame({"stage": ["A"], "step": ["a"], "moment_of_truth": ["peut-être"]})
    with pytest.raises(CJMError, match=r"'peut-être' \(row 0\) is not a kind"):
        JourneyMap(df)


# 10. The emotion column by its usual names


@pytest.mark.parametrize("name", ["émotion", "Feeling", "ressenti"])
def test_the_emotion_column_is_found_by_its_usual_names(name: str):
    df = pd.DataFrame({"stage": ["A", "A"], "step": ["a", "b"], name: [1.0, -2.0]})
    m = JourneyMap(df)
    assert [lane.kind for lane in m.lanes] == ["emotion"]
    assert EmotionCurve(df).data[name].tolist() == [1.0, -2.0]
    with pytest.raises(CJMError, match="off the scale"):
        JourneyMap(df.assign(**{name: [7.0, 0.0]}))


# 11. The row an error names


def test_set_emotion_off_the_scale_names_the_steps_row():
    df = pd.DataFrame(
        {"stage": ["A"] * 3, "step": ["a", "b", "c"], "emotion": [0.0, 0.0, 0.0]},
        index=[10, 20, 30],
    )
    c = EmotionCurve(df)
    with pytest.raises(CJMError, match=r"rows 30"):
        c.set_emotion("c", 7)


# 23. Number formats and titles


def test_number_lanes_get_formats_from_their_names_or_the_lane():
    df = pd.DataFrame(
        {
            "stage": ["A", "A"],
            "step": ["a", "b"],
            "exit_rate": [0.69, 0.1],
            "median_seconds_to_next": [1035.7, 12.0],
            "csat": [4.2, 3.9],
            "visits": [10, 20],
        }
    )
    m = JourneyMap(
        df,
        lanes=["exit_rate", "median_seconds_to_next", "csat", Lane("visits", format="percent:1")],
    )
    formats = {lane["key"]: lane.get("format") for lane in m._journey["lanes"]}
    assert formats["exit_rate"] == {"style": "percent", "digits": None}
    assert formats["median_seconds_to_next"] == {"style": "duration", "digits": None}
    assert formats["csat"] == {"style": "number", "digits": None}
    assert formats["visits"] == {"style": "percent", "digits": 1}
    assert [lane.label for lane in m.lanes][:3] == ["Exit rate", "Median seconds to next", "CSAT"]
    with pytest.raises(CJMError, match="format 'money'"):
        Lane("visits", format="money")


@pytest.mark.parametrize(
    ("column", "typed", "stored"),
    [
        ("exit_rate", "50", 0.5),
        ("exit_rate", "12,5 %", 0.125),
        ("exit_rate", "41%", 0.41),
        ("median_seconds_to_next", "95", 95.0),
        ("median_seconds_to_next", "1 min 35 s", 95.0),
        ("median_seconds_to_next", "2 h 05 min", 7500.0),
        ("median_seconds_to_next", "2 min", 120.0),
        ("median_seconds_to_next", "\u22121 min 35 s", -95.0),
        ("csat", "4,5", 4.5),
        ("csat", "\u22121.5", -1.5),
        ("csat", "1 234.5", 1234.5),
    ],
)
def test_numbers_are_typed_in_the_lanes_unit(column: str, typed: str, stored: float):
    df = pd.DataFrame(
        {
            "stage": ["A"],
            "step": ["a"],
            "exit_rate": [0.41],
            "median_seconds_to_next": [95.0],
            "csat": [4.2],
        }
    )
    m = JourneyMap(df)
    v = FakeView(m)
    reply = v.edit(kind="set_cell", id=m._journey["ids"][0], column=column, value=typed)
    assert reply["ok"], reply
    assert m.data.loc[0, column] == pytest.approx(stored)


@pytest.mark.parametrize("typed", ["1,500", "1,5,0", "2 min 3 parsecs", "12 %%"])
def test_ambiguous_numbers_are_refused(typed: str):
    df = pd.DataFrame(
        {"stage": ["A"], "step": ["a"], "exit_rate": [0.41], "median_seconds_to_next": [95.0]}
    )
    m = JourneyMap(df)
    v = FakeView(m)
    column = "median_seconds_to_next" if "min" in typed else "exit_rate"
    reply = v.edit(kind="set_cell", id=m._journey["ids"][0], column=column, value=typed)
    assert reply["ok"] is False
    assert m.data.loc[0, column] == df.loc[0, column]


def test_lane_titles_keep_the_users_casing():
    df = pd.DataFrame({"stage": ["A"], "step": ["a"], "NPS score": [1.0], "eBay visits": [2]})
    assert [lane.label for lane in JourneyMap(df).lanes] == ["NPS score", "eBay visits"]


# A value the view cannot draw is rolled back, whatever let it through


def test_a_value_no_view_can_draw_is_rolled_back(monkeypatch: pytest.MonkeyPatch):
    m = JourneyMap(abc().assign(pain=["x", None, None]))
    v = FakeView(m)
    from cjm_widgets.widgets import wire

    real = wire.encode_values

    def fussy(series: pd.Series) -> list[Any]:
        if (series == "boom").any():
            raise NotImplementedError("cannot encode")
        return real(series)

    monkeypatch.setattr(wire, "encode_values", fussy)
    before = m.data
    reply = v.edit(kind="set_cell", id=m._journey["ids"][1], column="pain", value="boom")
    assert reply["ok"] is False
    assert "nothing changed" in reply["message"]
    pdt.assert_frame_equal(m.data, before)
    assert m.undo() is None  # the refused edit is not in the history


def test_timestamps_with_microseconds_are_kept():
    df = pd.DataFrame({"stage": ["A"], "step": ["a"], "when": [pd.Timestamp("2024-01-01")]})
    m = JourneyMap(df)
    v = FakeView(m)
    assert v.edit(
        kind="set_cell", id=m._journey["ids"][0], column="when", value="2024-01-01 10:00:00.123456"
    )["ok"]
    assert m.data.loc[0, "when"] == pd.Timestamp("2024-01-01 10:00:00.123456")
    assert isinstance(m.data.loc[0, "when"], dt.datetime)
    assert np.issubdtype(m.data["when"].dtype, np.datetime64)


# Found by trying the map as a new user


def test_link_after_an_insert_compares_nullable_columns():
    df = pd.DataFrame(
        {"stage": ["A", "A"], "step": ["a", "b"], "emotion": [1.0, 2.0], "visits": [3, 5]}
    )
    m = JourneyMap(df)
    FakeView(m).edit(kind="insert_step", after=m._journey["ids"][0])  # visits becomes Int64
    c = EmotionCurve(m.data)
    link(m, c)
    assert c.data["visits"].dtype == "Int64"
    other = EmotionCurve(m.data.assign(visits=pd.array([3, 4, 5], dtype="Int64")))
    with pytest.raises(CJMError, match=r"column 'visits' \(<NA> in the first, 4 in the second"):
        link(m, other)


def test_an_undo_says_the_lanes_title_and_where_to_look():
    df = pd.DataFrame(
        {
            "persona": ["Ana", "Ana", "Bo"],
            "stage": ["A", "B", "A"],
            "step": ["x", "y", "x"],
            "moment_de_vérité": [None, None, None],
            "csat": [3.0, 4.0, 5.0],
        }
    )
    m = JourneyMap(df, persona="persona", lanes=["moment_de_vérité", "csat"])
    v = FakeView(m)
    v.edit(kind="set_cell", id=m._journey["ids"][1], column="csat", value="-2")
    reply = v.history("undo")
    quoted = "\u201c{}\u201d".format
    minus_two = "\u22122"
    expected = f"Undone: CSAT of step {quoted('y')}: {quoted(minus_two)} \u2192 {quoted(4)}"
    assert reply["notice"] == expected + " (persona Ana)"
    assert reply["focus"] == m._journey["ids"][1]
    v.edit(kind="insert_step", after=m._journey["ids"][0])
    assert "focus" not in v.history("undo")  # the new step is gone: nothing to show


def test_renaming_a_stage_says_it_renames_it_for_every_persona():
    m = JourneyMap(two_personas(), persona="persona")
    reply = FakeView(m).edit(kind="rename_stage", stage="A", name="Avant")
    assert (
        reply["notice"]
        == "Stage renamed for every persona: \u201cA\u201d \u2192 \u201cAvant\u201d."
    )
    assert m.data["stage"].tolist() == ["Avant", "B", "Avant", "B"]
    single = JourneyMap(abc())
    assert "notice" not in FakeView(single).edit(kind="rename_stage", stage="A", name="Z")


def test_selected_holds_plain_labels():
    m = JourneyMap(abc())
    m._selected_ids = [m._journey["ids"][2]]
    assert m.selected == [2]
    assert type(m.selected[0]) is int


# Found by attacking the package


def test_link_refuses_columns_order_and_dtypes_it_would_lose():
    df = pd.DataFrame({"stage": ["A", "A", "B"], "step": ["a", "b", "c"], "emotion": [1.0, 0, -1]})
    with pytest.raises(CJMError, match=r"columns the first lacks \(\['owner'\]\)"):
        link(JourneyMap(df), JourneyMap(df.assign(owner=["x", "y", "z"])))
    a, b = JourneyMap(df), JourneyMap(df)
    FakeView(b).edit(kind="move_step", id=b._journey["ids"][0], direction=1)
    with pytest.raises(CJMError, match="another order"):
        link(a, b)
    staged = df.assign(stage=pd.Categorical(df["stage"], categories=["B", "A"]))
    with pytest.raises(CJMError, match="column 'stage' is"):
        link(JourneyMap(df), JourneyMap(staged))
    assert b.data["step"].tolist() == ["b", "a", "c"]  # nothing was lost


@pytest.mark.parametrize(
    "build",
    [
        lambda df: JourneyMap(
            df.assign(pain=pd.Categorical(pd.Series(["\udfff", "x", None], dtype=object)))
        ),
        lambda df: JourneyMap(df.assign(pain="x"), lanes=[Lane("pain", label="\ud800")]),
        lambda df: EmotionCurve(df, labels={1: "\ud800"}),
        lambda df: JourneyMap(
            df.set_axis(pd.Index(["stage", "step", "emotion"], dtype=object), axis=1).assign(
                **{"\ud800": "x"}
            )
        ),
        lambda df: JourneyMap(df.assign(pain=pd.Categorical([b"x", b"y", b"x"]))),
    ],
)
def test_text_that_cannot_be_sent_is_refused_wherever_it_hides(build: Any):
    df = pd.DataFrame({"stage": ["A", "A", "B"], "step": ["a", "b", "c"], "emotion": [1.0, 0, -1]})
    with pytest.raises(CJMError):
        build(df)


@pytest.mark.parametrize("dtype", ["Int64", "Float64", "int64[pyarrow]", "double[pyarrow]"])
def test_a_nullable_emotion_off_the_scale_is_named(dtype: str):
    df = pd.DataFrame(
        {"stage": ["A"] * 3, "step": ["a", "b", "c"], "emotion": pd.array([1, None, 5], dtype)}
    )
    with pytest.raises(CJMError, match=r"emotion 5.* off the scale"):
        JourneyMap(df)


def test_a_value_too_large_for_its_column_is_refused():
    df = pd.DataFrame({"stage": ["A"], "step": ["a"], "v": np.array([1], dtype="float32")})
    m = JourneyMap(df)
    v = FakeView(m)
    reply = v.edit(kind="set_cell", id=m._journey["ids"][0], column="v", value="1e300")
    assert reply["ok"] is False
    assert "too large for float32" in reply["message"]
    for value in (10**400, "1" + "0" * 400):
        assert v.edit(kind="set_emotion", id=m._journey["ids"][0], value=value)["ok"] is False
    c = FakeView(EmotionCurve(df.assign(emotion=[0.0])))
    reply = c.edit(kind="set_emotion", id=c.ids()[0], value=10**400)
    assert reply["ok"] is False
    assert "finite" in reply["message"]


def test_personas_must_be_named_and_read_apart():
    df = pd.DataFrame({"stage": ["A"] * 3, "step": ["a", "b", "c"]})
    with pytest.raises(CJMError, match=r"persona column 'p' is empty in rows 1"):
        JourneyMap(df.assign(p=["u", np.nan, "u"]), persona="p")
    with pytest.raises(CJMError, match="which read the same"):
        JourneyMap(df.assign(p=pd.Series([1, "1", "1"], dtype=object)), persona="p")
    with pytest.raises(CJMError, match="which read the same"):
        JourneyMap(df.assign(stage=pd.Series([1, "1", 2], dtype=object)))


@pytest.mark.parametrize("junk", [[999], [[10]], "a", 3, [float("nan")]])
def test_a_bad_selection_is_refused_and_leaves_the_selection(junk: Any):
    m = JourneyMap(abc())
    m.selected = [1]
    with pytest.raises((CJMError, traitlets.TraitError)):  # a non-list: traitlets' own check
        m.selected = junk
    assert m.selected == [1]
    assert m._selected_ids == [m._journey["ids"][1]]
    with pytest.raises(CJMError):
        JourneyMap(abc(), selected=[999])


def test_a_row_labelled_nan_can_be_selected():
    m = JourneyMap(abc().set_axis([0.0, float("nan"), 2.0]))
    m.selected = [float("nan")]
    assert m._selected_ids == [m._journey["ids"][1]]


def test_columns_named_none_or_nan_are_lanes_like_any_other():
    for name in (None, float("nan")):
        m = JourneyMap(abc().assign(x="t").rename(columns={"x": name}))
        assert len(m.lanes) == 1
        assert m._journey["cells"][0] == ["t", "t", "t"]


def test_complex_numbers_are_not_taken_for_reals():
    df = abc().assign(z=[1 + 2j, 3j, 0])
    m = JourneyMap(df)
    assert m.lanes[0].kind == "text"
    assert m._journey["cells"][0] == ["(1+2j)", "3j", "0j"]
    with pytest.raises(CJMError, match="complex"):
        JourneyMap(abc().assign(emotion=[1j, 0, 0]))


def test_columns_no_map_can_edit_are_refused_and_a_full_index_says_so():
    with pytest.raises(CJMError, match="interval"):
        JourneyMap(abc().assign(bucket=pd.interval_range(0, 3)))
    with pytest.raises(CJMError, match="Sparse"):
        JourneyMap(abc().assign(s=pd.arrays.SparseArray([0, 0, 1])))
    m = JourneyMap(abc().set_axis(pd.Index([0, 1, 2**63 - 1], dtype="int64")))
    reply = FakeView(m).edit(kind="insert_step", after=m._journey["ids"][0])
    assert reply["ok"] is False
    assert "the index is full" in reply["message"]


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [
        (("x",), {}),
        ((None,), {}),
        (({"stage": ["A"]},), {}),
        ((pd.Series([1]),), {}),
        ((abc(),), {"step": None}),
        ((abc(),), {"stage": None}),
        ((abc(),), {"lanes": 5}),
        ((abc(),), {"lanes": "step"}),
        ((abc(),), {"stage": "step"}),
    ],
)
def test_bad_constructor_arguments_raise_cjm_errors(args: tuple[Any, ...], kwargs: Any):
    with pytest.raises(CJMError):
        JourneyMap(*args, **kwargs)


def test_a_curve_with_an_unhashable_column_argument_says_so():
    df = abc().assign(emotion=[0.0, 1.0, 2.0], pain="x")
    with pytest.raises(CJMError, match="pain= names one column"):
        EmotionCurve(df, pain=["pain"])


def test_a_request_number_that_is_not_a_number_is_not_echoed():
    m = JourneyMap(abc())
    replies: list[Any] = []
    m.send = replies.append  # type: ignore[method-assign,assignment]
    m._handle_custom_msg({"type": "undo", "request": "\ud800"}, [])
    m._handle_custom_msg({"type": "edit", "request": [1], "op": None}, [])
    assert [r["request"] for r in replies] == [None, None]
    assert [r["ok"] for r in replies] == [True, False]
