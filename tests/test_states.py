"""Current and future state in one map: the state column, edits kept in their state, the
comparison on the wire, the journey file, and the curve's states."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cjm_widgets import EmotionCurve, JourneyMap, Lane, journey_diff
from cjm_widgets.errors import (
    DuplicateStepError,
    InvalidArgumentError,
    InvalidEditError,
    InvalidTableError,
    MissingColumnError,
    MissingValueError,
)

from .conftest import FakeView


def current() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "persona": ["Ana", "Ana", "Ana", "Ana", "Bo", "Bo"],
            "stage": ["Find", "Find", "Buy", "Buy", "Find", "Buy"],
            "step": ["Search", "Compare", "Cart", "Pay", "Search", "Pay"],
            "emotion": [1.0, -1.0, 0.0, -2.0, 2.0, -1.0],
            "drop_off": [0.30, 0.42, 0.20, 0.10, 0.25, 0.15],
            "pain": ["", "Too many tabs", "", "Card refused", "", ""],
        }
    )


def future() -> pd.DataFrame:
    # Ana: Compare changed (drop-off 42% -> 30%, emotion -1 -> 1), Cart removed, Chat added;
    # Bo unchanged.
    return pd.DataFrame(
        {
            "persona": ["Ana", "Ana", "Ana", "Ana", "Bo", "Bo"],
            "stage": ["Find", "Find", "Find", "Buy", "Find", "Buy"],
            "step": ["Search", "Compare", "Chat", "Pay", "Search", "Pay"],
            "emotion": [1.0, 1.0, 2.0, -2.0, 2.0, -1.0],
            "drop_off": [0.30, 0.30, 0.05, 0.10, 0.25, 0.15],
            "pain": ["", "Too many tabs", "", "Card refused", "", ""],
        }
    )


def compared(**kwargs: Any) -> JourneyMap:
    return JourneyMap.compare(current(), future(), persona="persona", **kwargs)


def row_of(m: JourneyMap, row_id: int) -> pd.Series:
    return m.data.iloc[list(m._state.ids).index(row_id)]


def marks(m: JourneyMap) -> dict[tuple[str, str, str], Any]:
    """The wire's marks by (persona, step, state of the row the entry names)."""
    out = {}
    for entry in m._journey["diff"]:
        row = row_of(m, entry["id"])
        out[(row["persona"], row["step"], row["state"])] = entry
    return out


# -- building -------------------------------------------------------------------------


def test_compare_builds_one_table_with_a_state_column() -> None:
    m = compared()
    assert list(m.data["state"]) == ["current"] * 6 + ["future"] * 6
    assert m.states == ("current", "future")
    pd.testing.assert_frame_equal(m.state_data("future"), future().set_axis(range(6, 12)))
    pd.testing.assert_frame_equal(m.state_data("current"), current())
    # The state column is not a lane.
    assert "state" not in [lane.column for lane in m.lanes]
    assert m._journey["states"] == ["current", "future"]
    assert m._journey["state"] == ["current"] * 6 + ["future"] * 6


def test_compare_keeps_distinct_indexes() -> None:
    m = JourneyMap.compare(
        current().set_axis(range(6)), future().set_axis(range(10, 16)), persona="persona"
    )
    assert list(m.data.index) == [*range(6), *range(10, 16)]


@pytest.mark.parametrize(
    ("values", "states"),
    [
        (["Future", "Current"], ("Current", "Future")),
        (["futur", "actuel"], ("actuel", "futur")),
        (["to-be", "as-is"], ("to-be", "as-is")),  # unknown names: first seen first
        (["current"], ("current", "future")),
    ],
)
def test_state_order(values: list[str], states: tuple[str, str]) -> None:
    n = len(values)
    df = pd.DataFrame({"stage": ["S"] * n, "step": ["a"] * n, "version": values})
    assert JourneyMap(df, state="version").states == states


def test_declared_states_order_and_refuse_others() -> None:
    df = pd.DataFrame({"stage": ["S", "S"], "step": ["a", "a"], "v": ["to-be", "as-is"]})
    assert JourneyMap(df, state="v", states=("as-is", "to-be")).states == ("as-is", "to-be")
    with pytest.raises(InvalidTableError, match=r"'v' holds 'draft'.*'as-is' and 'to-be'"):
        JourneyMap(df.assign(v=["draft", "as-is"]), state="v", states=("as-is", "to-be"))


def test_bad_state_columns_are_named() -> None:
    df = pd.DataFrame({"stage": ["S"] * 3, "step": ["a"] * 3, "v": ["x", "y", "z"]})
    with pytest.raises(InvalidTableError, match=r"'v' holds 3 states \('x', 'y', 'z'\)"):
        JourneyMap(df, state="v")
    with pytest.raises(InvalidTableError, match=r"'v' holds 'x'.*states=\('as-is', 'to-be'\)"):
        JourneyMap(df.iloc[:1], state="v")
    with pytest.raises(MissingColumnError, match="'nope'"):
        JourneyMap(df, state="nope")
    with pytest.raises(MissingValueError, match=r"state column 'v' is empty in rows 1"):
        JourneyMap(df.iloc[:2].assign(v=["current", None]), state="v")
    with pytest.raises(InvalidArgumentError, match="states= takes the two states"):
        JourneyMap(df, state="v", states=("x",))
    with pytest.raises(InvalidArgumentError, match="state='state' too"):
        JourneyMap(df, states=("x", "y"))
    with pytest.raises(InvalidTableError, match="already has a column 'state'"):
        JourneyMap.compare(current().assign(state=1), future())
    with pytest.raises(DuplicateStepError, match="within one persona and state"):
        JourneyMap(
            pd.concat([current(), current().iloc[:1]]).assign(s="current"),
            state="s",
            persona="persona",
        )


# -- the comparison on the wire ----------------------------------------------------------


def test_marks_for_added_removed_moved_changed_with_personas() -> None:
    m = compared()
    found = marks(m)
    assert found[("Ana", "Chat", "future")]["mark"] == "added"
    assert found[("Ana", "Chat", "future")]["pair"] is None
    assert found[("Ana", "Cart", "current")]["mark"] == "removed"
    assert found[("Ana", "Compare", "future")]["mark"] == "changed"
    assert found[("Ana", "Compare", "future")]["changed"] == ["emotion", "drop_off"]
    assert found[("Ana", "Search", "future")]["mark"] is None
    assert found[("Bo", "Pay", "future")]["mark"] is None
    # The pair of a future row is the same step's current row.
    entry = found[("Ana", "Compare", "future")]
    pair = row_of(m, entry["pair"])
    assert (pair["step"], pair["state"]) == ("Compare", "current")
    # One entry per future row and per removed current row.
    assert len(m._journey["diff"]) == 6 + 1


def test_moved_step() -> None:
    fut = current().iloc[[1, 0, 2, 3, 4, 5]]  # Ana's Compare before Search
    m = JourneyMap.compare(current(), fut, persona="persona")
    found = marks(m)
    moved = [k for k, e in found.items() if e["mark"] == "moved"]
    assert moved == [("Ana", "Search", "future")] or moved == [("Ana", "Compare", "future")]
    stage = current().assign(stage=["Find", "Buy", "Buy", "Buy", "Find", "Buy"])
    m = JourneyMap.compare(current(), stage, persona="persona")
    assert marks(m)[("Ana", "Compare", "future")]["mark"] == "moved"


def test_deltas_in_points_for_shares() -> None:
    lanes = ["emotion", Lane("drop_off", format="percent"), "pain"]
    entry = marks(compared(lanes=lanes))[("Ana", "Compare", "future")]
    deltas = dict(entry["deltas"])
    assert deltas["drop_off"] == pytest.approx(-12.0)
    assert deltas["emotion"] == pytest.approx(2.0)
    # A share found by its name is in points too; a plain number is not.
    renamed = {"drop_off": "exit_rate"}
    m = JourneyMap.compare(
        current().rename(columns=renamed), future().rename(columns=renamed), persona="persona"
    )
    assert dict(marks(m)[("Ana", "Compare", "future")]["deltas"])["exit_rate"] == pytest.approx(
        -12.0
    )
    plain = dict(marks(compared())[("Ana", "Compare", "future")]["deltas"])
    assert plain["drop_off"] == pytest.approx(-0.12)


def test_keys_when_matching_by_an_id_column() -> None:
    cur = current().assign(sid=range(6))
    fut = cur.copy()
    fut.loc[1, "step"] = "Compare offers"  # renamed: the same step by its id, changed
    m = JourneyMap.compare(cur, fut, persona="persona", key="sid")
    assert m._journey["keys"] == [str(i) for i in range(6)] * 2
    entry = marks(m)[("Ana", "Compare offers", "future")]
    assert entry["mark"] == "changed"
    assert entry["changed"] == ["step"]
    assert compared()._journey["keys"] is None


def test_a_map_without_state_sends_none_of_it() -> None:
    m = JourneyMap(current(), persona="persona")
    assert not {"state", "states", "diff", "keys"} & set(m._journey)
    with pytest.raises(InvalidArgumentError, match="no state column"):
        m.state_data("future")


# -- edits stay in their state -----------------------------------------------------------


def test_editing_a_future_cell_changes_only_that_row() -> None:
    m = compared()
    view = FakeView(m)
    before = m.data
    target = next(e["id"] for k, e in marks(m).items() if k == ("Ana", "Search", "future"))
    reply = view.edit(kind="set_cell", id=target, column="pain", value="Slow search")
    assert reply["ok"], reply
    after = m.data
    changed = (before.fillna("") != after.fillna("")).any(axis=1)
    assert changed.sum() == 1
    assert after.loc[changed, ["step", "state", "pain"]].values.tolist() == [
        ["Search", "future", "Slow search"]
    ]
    # The comparison follows: the step is now changed, its pain highlighted.
    assert marks(m)[("Ana", "Search", "future")]["changed"] == ["pain"]
    assert m._journey["diff"] == marks_wire(m)


def marks_wire(m: JourneyMap) -> list[dict[str, Any]]:
    from cjm_widgets.widgets.states import diff_rows

    return diff_rows(m._state, m._spec, m._comparison)


def test_insert_move_delete_stay_in_their_state() -> None:
    m = compared()
    view = FakeView(m)
    fut_search = marks(m)[("Ana", "Search", "future")]["id"]
    assert view.edit(kind="insert_step", after=fut_search)["ok"]
    new = m.data[m.data["step"] == "New step"]
    assert new[["persona", "state", "stage"]].values.tolist() == [["Ana", "future", "Find"]]
    new_id = int(m._state.ids[list(m.data.index).index(new.index[0])])
    # A second "New step" in the current state is a name of its own state only.
    cur_search = marks(m)[("Ana", "Search", "future")]["pair"]
    assert view.edit(kind="insert_step", after=cur_search)["ok"]
    assert sorted(m.data.loc[m.data["step"] == "New step", "state"]) == ["current", "future"]
    # Moving the future's new step forward passes future rows only.
    assert view.edit(kind="move_step", id=new_id, direction=1)["ok"]
    fut = m.state_data("future")
    ana = fut[fut["persona"] == "Ana"]["step"].tolist()
    assert ana[:3] == ["Search", "Compare", "New step"]
    assert m.state_data("current").equals(m.state_data("current"))
    cur_steps = m.state_data("current")
    assert cur_steps[cur_steps["persona"] == "Ana"]["step"].tolist() == [
        "Search",
        "New step",
        "Compare",
        "Cart",
        "Pay",
    ]
    # A step at its state's end does not move into the other state.
    last = marks(m)[("Bo", "Pay", "future")]["id"]
    assert not view.edit(kind="move_step", id=last, direction=1)["ok"]
    assert view.edit(kind="delete_step", id=new_id)["ok"]
    assert m.data.loc[m.data["step"] == "New step", "state"].tolist() == ["current"]
    # A new stage goes to the state the view names (the future one when it names none).
    assert view.edit(kind="add_stage", after="Buy", name="Keep", state="current")["ok"]
    assert m.data.loc[m.data["stage"] == "Keep", "state"].tolist() == ["current"]
    assert view.edit(kind="add_stage", after="Keep", name="Care")["ok"]
    assert m.data.loc[m.data["stage"] == "Care", "state"].tolist() == ["future"]
    refused = view.edit(kind="add_stage", after="Care", name="X", state="past")
    assert not refused["ok"]
    assert "past" in refused["message"]


def test_renaming_a_step_to_a_name_of_the_other_state_is_allowed() -> None:
    m = compared()
    view = FakeView(m)
    chat = marks(m)[("Ana", "Chat", "future")]["id"]
    assert view.edit(kind="set_cell", id=chat, column="step", value="Cart")["ok"]
    # Now matched with the current Cart (in another stage): moved and changed.
    assert marks(m)[("Ana", "Cart", "future")]["mark"] == "changed"
    search = marks(m)[("Ana", "Search", "future")]["id"]
    refused = view.edit(kind="set_cell", id=search, column="step", value="Cart")
    assert not refused["ok"]


def test_undo_returns_to_the_start() -> None:
    m = compared()
    view = FakeView(m)
    start, wire = m.data, m._journey["diff"]
    target = marks(m)[("Ana", "Pay", "future")]["id"]
    view.edit(kind="set_cell", id=target, column="drop_off", value="50%")
    view.edit(kind="insert_step", after=target)
    view.edit(kind="move_step", id=target, direction=-1)
    view.edit(kind="delete_step", id=target)
    while m.undo() is not None:
        pass
    pd.testing.assert_frame_equal(m.data, start)
    assert m._journey["diff"] == wire


def test_journey_file_keeps_the_states(tmp_path: Any) -> None:
    m = JourneyMap.compare(
        current().assign(sid=range(6)), future().assign(sid=range(6)), persona="persona", key="sid"
    )
    path = m.save(tmp_path / "both.journey")
    back = JourneyMap.load(path)
    pd.testing.assert_frame_equal(back.data, m.data)
    assert back.states == ("current", "future")
    assert back._comparison == m._comparison
    assert back._journey["diff"] == diff_by_rows(m, back)


def diff_by_rows(m: JourneyMap, back: JourneyMap) -> list[dict[str, Any]]:
    """``m``'s wire diff with row ids as ``back`` numbers the same rows."""
    to = dict(zip(m._state.ids.tolist(), back._state.ids.tolist(), strict=True))
    return [
        {**e, "id": to[e["id"]], "pair": None if e["pair"] is None else to[e["pair"]]}
        for e in m._journey["diff"]
    ]


def test_an_edit_on_a_map_of_300_steps_per_state_updates_its_diff_only_there() -> None:
    rng = np.random.default_rng(1)
    n = 300
    cur = pd.DataFrame(
        {
            "stage": [f"Stage {i // 20}" for i in range(n)],
            "step": [f"Step {i}" for i in range(n)],
            "emotion": rng.integers(-3, 4, n).astype(float),
            "drop_off": rng.random(n),
            "pain": [""] * n,
        }
    )
    fut = cur.sample(frac=1.0, random_state=2).reset_index(drop=True)
    m = JourneyMap.compare(cur, fut)
    view = FakeView(m)
    target = int(m._state.ids[-1])
    before = {e["id"]: e for e in m._journey["diff"]}
    assert before[target]["changed"] == []
    assert view.edit(kind="set_cell", id=target, column="pain", value="v0")["ok"]
    after = {e["id"]: e for e in m._journey["diff"]}
    assert after[target]["mark"] == "changed"
    assert after[target]["changed"] == ["pain"]
    assert after[target]["moved"] == before[target]["moved"]
    assert {k: v for k, v in after.items() if k != target} == {
        k: v for k, v in before.items() if k != target
    }


def test_the_wire_diff_by_hand_with_a_step_both_moved_and_changed() -> None:
    # Current x, y, z, w; future y, z, x (x moved after z, and its pain changed), v added, w
    # removed. The longest common order is y, z: only x is moved.
    cur = pd.DataFrame(
        {"stage": ["S"] * 4, "step": ["x", "y", "z", "w"], "pain": ["p", "q", "r", "s"]}
    )
    fut = pd.DataFrame(
        {"stage": ["S"] * 4, "step": ["y", "z", "x", "v"], "pain": ["q", "r", "p2", "t"]}
    )
    m = JourneyMap.compare(cur, fut)
    got = [
        (*row_of(m, e["id"])[["step", "state"]], e["mark"], e["moved"], e["changed"])
        for e in m._journey["diff"]
    ]
    assert got == [
        ("y", "future", None, False, []),
        ("z", "future", None, False, []),
        ("w", "current", "removed", False, []),
        ("x", "future", "changed", True, ["pain"]),
        ("v", "future", "added", False, []),
    ]
    pairs = {row_of(m, e["id"])["step"]: e["pair"] for e in m._journey["diff"]}
    assert row_of(m, pairs["x"])[["step", "state"]].tolist() == ["x", "current"]
    table = journey_diff(m).set_index("step")
    assert table.loc["x", ["change", "moved", "changed"]].tolist() == ["changed", True, True]
    assert table.loc["y", ["change", "moved", "changed"]].tolist() == ["unchanged", False, False]


def test_journey_diff_of_a_map_compares_its_lanes_as_the_view_does() -> None:
    cur = pd.DataFrame(
        {"stage": ["A", "A"], "step": ["x", "y"], "drop_off": [0.30, 0.5], "note": ["a", "b"]}
    )
    fut = cur.assign(drop_off=[0.18, 0.5], note=["a", "changed"])
    m = JourneyMap.compare(cur, fut, lanes=[Lane("drop_off", format="percent")])
    table = journey_diff(m).set_index("step")
    assert table.loc["x", "change"] == "changed"
    assert list(table.loc["x", "changed_columns"]) == ["drop_off"]
    assert table.loc["y", "change"] == "unchanged"  # its note is no lane of the map
    assert [e["mark"] for e in m._journey["diff"]] == ["changed", None]
    assert "note_current" not in table.columns
    # Named lanes are compared whatever the map shows.
    assert journey_diff(m, lanes=["note"]).set_index("step").loc["y", "change"] == "changed"
    # A share's delta is in points in both, read from the lane's declared format.
    assert table.loc["x", "drop_off_delta_pts"] == pytest.approx(-12.0)
    assert m._journey["diff"][0]["deltas"] == [["drop_off", pytest.approx(-12.0)]]


def test_a_new_stage_goes_to_the_future_state_whatever_the_rows_order() -> None:
    both = pd.DataFrame({"stage": ["A", "A"], "step": ["x", "x"], "state": ["future", "current"]})
    m = JourneyMap(both, state="state")
    view = FakeView(m)
    assert view.edit(kind="add_stage", after="A", name="B")["ok"]
    assert m.data[m.data["stage"] == "B"]["state"].tolist() == ["future"]
    numbered = both.assign(state=[1, 0])
    m = JourneyMap(numbered, state="state", states=(0, 1))
    assert FakeView(m).edit(kind="add_stage", after="A", name="B")["ok"]
    assert m.data[m.data["stage"] == "B"]["state"].tolist() == [1]


# -- random edits (property) -------------------------------------------------------------

OPS = st.lists(
    st.tuples(
        st.sampled_from(["set_cell", "insert_step", "delete_step", "move_step", "step_name"]),
        st.integers(0, 40),
        st.sampled_from([-1, 1]),
        # Step names with spaces around them too: "Pay " is the step "Pay".
        st.sampled_from(["Pay ", " Cart", "", "x", "12%", "-5", "Search", "Cart", "Pay", " "]),
    ),
    max_size=12,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=OPS)
def test_random_edits_keep_states_apart(ops: list[tuple[str, int, int, str]]) -> None:
    m = compared()
    view = FakeView(m)
    home = dict(zip(m._state.ids.tolist(), m.data["state"], strict=True))
    for kind, pick, direction, text in ops:
        ids = m._state.ids.tolist()
        target = ids[pick % len(ids)] if ids else 0
        op: dict[str, Any] = {
            "set_cell": {"kind": "set_cell", "id": target, "column": "drop_off", "value": text},
            "step_name": {"kind": "set_cell", "id": target, "column": "step", "value": text},
            "insert_step": {"kind": "insert_step", "after": target},
            "delete_step": {"kind": "delete_step", "id": target},
            "move_step": {"kind": "move_step", "id": target, "direction": direction},
        }[kind]
        before, wire = m.data, m._journey
        count = sum(r["type"] == "edit_result" for r in view.replies)
        reply = view.edit(**op)
        assert sum(r["type"] == "edit_result" for r in view.replies) == count + 1  # answered
        if not reply["ok"]:
            pd.testing.assert_frame_equal(m.data, before)
            assert m._journey is wire
        if kind == "insert_step" and reply["ok"]:
            new = next(i for i in m._state.ids.tolist() if i not in home)
            home[new] = home[target]  # a new step joins the state of the step it follows
        # No row changes state.
        now = dict(zip(m._state.ids.tolist(), m.data["state"], strict=True))
        assert all(home[i] == s for i, s in now.items())
        assert all(str(s) == str(s).strip() for s in m.data["step"])  # names kept unpadded
        check_wire_diff(m)


def check_wire_diff(m: JourneyMap) -> None:
    """The wire's comparison says what journey_diff says of m.data's two states (read as
    tables, not through the map; hand-written cases are in the tests above)."""
    table = journey_diff(m.data, state="state", persona="persona")
    named = ["persona", "step", "change", "moved", "changed_columns"]
    expected = {
        (p, s): (None if c == "unchanged" else c, bool(moved), list(cols))
        for p, s, c, moved, cols in table[named].itertuples(index=False)
    }
    got = {}
    for entry in m._journey["diff"]:
        row = row_of(m, entry["id"])
        got[(row["persona"], row["step"])] = (entry["mark"], entry["moved"], entry["changed"])
    assert got == expected
    assert [
        (row_of(m, e["id"])["persona"], row_of(m, e["id"])["step"]) for e in m._journey["diff"]
    ] == list(table[["persona", "step"]].itertuples(index=False, name=None))


# -- the curve ---------------------------------------------------------------------------


def test_curve_sends_states_and_sets_one_state() -> None:
    both = compared().data
    c = EmotionCurve(both, persona="persona", state="state")
    assert c._curve["states"] == ["current", "future"]
    assert c._curve["state"] == list(both["state"])
    with pytest.raises(InvalidEditError, match="pass state="):
        c.set_emotion("Search", 3, persona="Ana")
    c.set_emotion("Search", 3, persona="Ana", state="future")
    changed = c.data["emotion"] != both["emotion"]
    assert c.data.loc[changed, ["step", "state"]].values.tolist() == [["Search", "future"]]
    assert "state" not in EmotionCurve(current(), persona="persona")._curve


def test_curve_points_align_states_and_personas() -> None:
    rows = [
        ("Ana", "current", "Find", "Search"),
        ("Ana", "current", "Find", "Call"),
        ("Ana", "current", "Buy", "Pay"),
        ("Ana", "future", "Find", "Search"),
        ("Ana", "future", "Find", "Chat"),
        ("Ana", "future", "Buy", "Pay"),
        ("Bo", "current", "Find", "Search"),
        ("Bo", "future", "Find", "Search"),
    ]
    df = pd.DataFrame(rows, columns=["persona", "state", "stage", "step"]).assign(emotion=0.0)
    # The same journey as js/src/curve/align.test.ts: the view draws these positions.
    points = EmotionCurve(df, persona="persona", state="state").points()
    assert points.sort_index()["position"].tolist() == [0, 1, 3, 0, 2, 3, 0, 0]
    # The future rows first in the table: the current state's line is still merged first.
    flipped = EmotionCurve(df.iloc[[3, 4, 5, 0, 1, 2, 6, 7]], persona="persona", state="state")
    assert flipped.points().loc[range(8), "position"].tolist() == [0, 1, 3, 0, 2, 3, 0, 0]


def test_curve_points_name_a_line_per_persona_and_state() -> None:
    c = EmotionCurve(compared().data, persona="persona", state="state")
    points = c.points()
    lines = list(dict.fromkeys(points["persona"]))
    assert lines == ["Ana, current", "Ana, future", "Bo, current", "Bo, future"]
    ana_future = points[points["persona"] == "Ana, future"]
    assert ana_future["step"].tolist() == ["Search", "Compare", "Chat", "Pay"]
    assert (ana_future["state"] == "future").all()
    # Each line's positions rise: no line runs backwards.
    for _, line in points.groupby("persona"):
        assert line["position"].is_monotonic_increasing
    assert c.to_altair() is not None


def test_a_table_of_two_states_read_without_state_says_how() -> None:
    with pytest.raises(DuplicateStepError, match="pass state='state'"):
        EmotionCurve(compared().data, persona="persona")


def test_journey_diff_of_a_compared_map_is_the_wire_s() -> None:
    lanes = ["emotion", Lane("drop_off", format="percent"), "pain"]
    m = compared(lanes=lanes)
    table = journey_diff(m)
    by_tables = journey_diff(m.state_data("current"), m.state_data("future"), persona="persona")
    pd.testing.assert_frame_equal(
        table[["persona", "step", "change"]], by_tables[["persona", "step", "change"]]
    )
    # The map's own formats: its percent lane's delta is in points.
    compare = table.set_index("step").loc["Compare"]
    assert compare["drop_off_delta_pts"] == pytest.approx(-12.0)
    assert "drop_off_delta" in by_tables.columns
    assert [e["mark"] for e in m._journey["diff"]] == [
        None if c == "unchanged" else c for c in table["change"]
    ]
    with pytest.raises(InvalidArgumentError, match="persona= is for tables"):
        journey_diff(m, persona="persona")


@settings(max_examples=60, deadline=None)
@given(
    lines=st.lists(
        st.lists(st.sampled_from("abcdef"), min_size=1, max_size=7, unique=True),
        min_size=1,
        max_size=4,
    )
)
def test_curve_positions_keep_each_line_in_order(lines: list[list[str]]) -> None:
    from cjm_widgets.widgets.curve import step_positions

    rows = [(f"p{k}", "S", step) for k, line in enumerate(lines) for step in line]
    df = pd.DataFrame(rows, columns=["persona", "stage", "step"]).assign(emotion=0.0)
    roles = EmotionCurve(df, persona="persona")._spec.roles
    position = step_positions(df, roles)
    df = df.assign(position=position)
    # Every place holds a step; a line never runs backwards; a place is one step name.
    assert sorted(set(position.tolist())) == list(range(int(position.max()) + 1))
    for _, line in df.groupby("persona"):
        assert line["position"].is_monotonic_increasing
        assert line["position"].is_unique
    assert (df.groupby("position")["step"].nunique() == 1).all()
    # Steps every line has in the same order share a place.
    first = lines[0]
    if all(line == first for line in lines):
        assert int(position.max()) + 1 == len(first)
