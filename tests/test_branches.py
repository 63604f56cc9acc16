"""Alternative steps: the branch column, each branch's share, the wire, and edits."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cjm_widgets import JourneyMap
from cjm_widgets.errors import (
    InvalidArgumentError,
    InvalidLaneError,
    InvalidTableError,
    MissingColumnError,
)
from cjm_widgets.table.branches import Branches, branch_shares
from cjm_widgets.table.schema import Roles

from .conftest import FakeView


def journey(**extra: list) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "stage": ["Discover", "Buy", "Buy", "Buy", "Buy", "Use"],
            "step": ["Ad", "Browse site", "Pay online", "Visit store", "Pay at till", "Unbox"],
            "branch": [None, "Online", "Online", "Store", "Store", None],
            "visits": [1000, 620, 600, 380, 370, 900],
            "pain": ["a", "b", "c", "d", "e", "f"],
            **extra,
        }
    )


def test_a_branch_column_is_read_and_is_no_lane():
    m = JourneyMap(journey())
    wire = m._journey
    assert wire["branch"] == [None, "Online", "Online", "Store", "Store", None]
    assert wire["branch_share"] == []  # no share column declared
    assert [lane["key"] for lane in wire["lanes"]] == ["visits", "pain"]


def test_without_a_branch_column_the_wire_is_as_before():
    m = JourneyMap(journey().drop(columns="branch"))
    assert "branch" not in m._journey
    assert "branch_share" not in m._journey
    m = JourneyMap(journey(), branch=None)
    assert "branch" not in m._journey
    assert "branch" in [lane["key"] for lane in m._journey["lanes"]]  # a lane as any column


def test_shares_from_counts_at_each_branch_first_step():
    m = JourneyMap(journey(), branch_share="visits")
    assert m._journey["branch_share"] == [["Buy", "Online", 0.62], ["Buy", "Store", 0.38]]


def test_shares_given_directly():
    frame = journey(rate=[1.0, 0.5, 0.4, 0.3, 0.2, 0.9])
    m = JourneyMap(frame, branch_share="rate")
    # Given as shares, read as given: 0.5 and 0.3 (the rest of the stage's customers left).
    assert m._journey["branch_share"] == [["Buy", "Online", 0.5], ["Buy", "Store", 0.3]]


def test_a_declared_branch_column_with_another_name():
    frame = journey().rename(columns={"branch": "chemin"})
    m = JourneyMap(frame, branch="chemin", branch_share="visits")
    assert m._journey["branch"][1] == "Online"
    assert "chemin" not in [lane["key"] for lane in m._journey["lanes"]]


def test_a_single_branch_stage_and_a_branch_in_two_stages():
    frame = journey()
    frame.loc[3:4, "branch"] = None  # Buy has only Online now
    frame.loc[5, "branch"] = "Online"  # and Use has an Online step too
    m = JourneyMap(frame, branch_share="visits")
    assert m._journey["branch"] == [None, "Online", "Online", None, None, "Online"]
    assert m._journey["branch_share"] == []  # one branch per stage: no share to split


def test_shares_per_persona():
    a, b = journey(persona=["p"] * 6), journey(persona=["q"] * 6)
    b["visits"] = [10, 1, 1, 3, 3, 5]
    m = JourneyMap(pd.concat([a, b], ignore_index=True), persona="persona", branch_share="visits")
    assert m._journey["branch_share"] == [
        ["Buy", "Online", 0.62, "p"],
        ["Buy", "Store", 0.38, "p"],
        ["Buy", "Online", 0.25, "q"],
        ["Buy", "Store", 0.75, "q"],
    ]


def test_a_stage_whose_counts_are_missing_or_zero_has_no_share():
    frame = journey()
    frame["visits"] = frame["visits"].astype(float)
    frame.loc[3, "visits"] = np.nan
    assert JourneyMap(frame, branch_share="visits")._journey["branch_share"] == []
    frame["visits"] = 0  # counts (integers) summing to zero
    assert JourneyMap(frame, branch_share="visits")._journey["branch_share"] == []


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"branch": "route"}, MissingColumnError, "branch column 'route'"),
        ({"branch_share": "clicks"}, MissingColumnError, "branch_share column 'clicks'"),
        ({"branch": None, "branch_share": "visits"}, InvalidArgumentError, "branch_share='visits'"),
        ({"branch": "stage"}, InvalidTableError, "'stage' is the journey's stage"),
        ({"branch": ["a"]}, InvalidArgumentError, "branch= names one column"),
        ({"branch_share": "pain"}, InvalidTableError, "row 0: 'a' is not a number"),
    ],
)
def test_bad_arguments_are_named(kwargs, error, words):
    with pytest.raises(error) as info:
        JourneyMap(journey(), **kwargs)
    assert words in str(info.value)


def test_negative_counts_name_the_column_row_and_value():
    frame = journey()
    frame.loc[3, "visits"] = -5
    with pytest.raises(InvalidTableError, match=r"'visits', row 3: -5 is not a count"):
        JourneyMap(frame, branch_share="visits")


def test_the_branch_column_is_no_lane_even_when_declared():
    with pytest.raises(InvalidLaneError, match="'branch' is the journey's branch"):
        JourneyMap(journey(), lanes=["branch", "pain"])


def test_hostile_branch_names_are_data():
    names = ["<script>alert(1)</script>", "__proto__", "constructor", '"]}', "Ünïcødé ⑂"]
    frame = pd.DataFrame(
        {
            "stage": ["S"] * 5,
            "step": [f"s{i}" for i in range(5)],
            "branch": names,
            "n": [1, 1, 1, 1, 1],
        }
    )
    m = JourneyMap(frame, branch_share="n")
    back = json.loads(json.dumps(m._journey, allow_nan=False))
    assert back["branch"] == names
    assert [entry[1] for entry in back["branch_share"]] == names
    assert [entry[2] for entry in back["branch_share"]] == [0.2] * 5


def test_blank_and_numeric_branch_values():
    frame = journey()
    frame["branch"] = [None, 1, 1, 2, "  ", np.nan]
    assert JourneyMap(frame)._journey["branch"] == [None, "1", "1", "2", None, None]


def test_insert_after_a_branch_step_is_on_that_branch():
    m = JourneyMap(journey(), branch_share="visits")
    view = FakeView(m)
    assert view.edit(kind="insert_step", after=view.id_of(2))["ok"]
    assert m.data["branch"].tolist()[3] == "Online"
    assert m._journey["branch"][3] == "Online"
    # After a main-path step, on the main path.
    assert view.edit(kind="insert_step", after=view.id_of(0))["ok"]
    assert pd.isna(m.data["branch"].tolist()[1])
    assert view.history("undo")["ok"]
    assert view.history("undo")["ok"]
    assert m.data["branch"].tolist() == journey()["branch"].tolist()


def test_moving_keeps_the_branch_and_editing_an_alternative_lands():
    m = JourneyMap(journey(), branch_share="visits")
    view = FakeView(m)
    row = view.id_of(2)
    assert view.edit(kind="move_step", id=row, direction=-1)["ok"]
    assert m.data.loc[2, "branch"] == "Online"
    assert view.edit(kind="set_cell", id=view.id_of(3), column="pain", value="queue")["ok"]
    assert m.data.loc[3, "pain"] == "queue"
    assert m.data.loc[3, "branch"] == "Store"


def test_editing_a_count_updates_the_shares_and_a_negative_one_is_refused():
    m = JourneyMap(journey(), branch_share="visits")
    view = FakeView(m)
    assert view.edit(kind="set_cell", id=view.id_of(3), column="visits", value=1620)["ok"]
    assert m._journey["branch_share"] == [["Buy", "Online", 0.276786], ["Buy", "Store", 0.723214]]
    reply = view.edit(kind="set_cell", id=view.id_of(1), column="visits", value=-1)
    assert not reply["ok"]
    assert "'visits', row 1: -1" in reply["message"]
    assert m.data.loc[1, "visits"] == 620


def test_a_new_table_is_checked_and_shown():
    m = JourneyMap(journey(), branch_share="visits")
    frame = journey()
    frame.loc[1, "branch"] = "Phone"
    m.data = frame
    assert m._journey["branch"][1] == "Phone"
    bad = journey()
    bad.loc[1, "visits"] = -1
    with pytest.raises(InvalidTableError):
        m.data = bad
    assert m._journey["branch"][1] == "Phone"


@settings(max_examples=60)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["A", "B", "C"]),
            st.one_of(st.none(), st.sampled_from(["x", "y", "z"])),
            st.integers(0, 1000),
        ),
        min_size=1,
        max_size=20,
    )
)
def test_count_shares_sum_to_one_per_stage(rows):
    frame = pd.DataFrame(rows, columns=["stage", "branch", "n"])
    frame["step"] = [f"s{i}" for i in range(len(frame))]
    shares = branch_shares(frame, Roles(), Branches("branch", "n"))
    by_stage: dict[str, list[float]] = {}
    for stage, _branch, share in shares:
        by_stage.setdefault(stage, []).append(share)
    for stage, values in by_stage.items():
        assert sum(values) == pytest.approx(1, abs=1e-5)
        named = frame.loc[frame["stage"] == stage, "branch"].dropna().unique()
        assert len(values) == len(named) >= 2
    # Each branch's share is read at its first step: a stage split equally shares equally.
    for stage, group in frame.groupby("stage"):
        firsts = group.dropna(subset=["branch"]).groupby("branch", sort=False)["n"].first()
        if len(firsts) >= 2 and firsts.sum() > 0:
            expected = (firsts / firsts.sum()).round(6).tolist()
            assert by_stage[stage] == pytest.approx(expected)


def interleaved() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "stage": ["Buy", "Buy", "Buy", "Buy", "Use"],
            "step": ["Browse site", "Visit store", "Pay online", "Pay at till", "Unbox"],
            "branch": ["Online", "Store", "Online", "Store", None],
        }
    )


def test_a_move_passes_the_neighbour_drawn_in_its_track():
    m = JourneyMap(interleaved())
    view = FakeView(m)
    # Drawn: Browse site, Pay online | Visit store, Pay at till. Left from Pay online:
    assert view.edit(kind="move_step", id=view.id_of(2), direction=-1)["ok"]
    assert m.data["step"].tolist() == [
        "Pay online",
        "Browse site",
        "Visit store",
        "Pay at till",
        "Unbox",
    ]
    assert m.data["branch"].tolist()[:4] == ["Online", "Online", "Store", "Store"]
    # Undo gives the table its own order back.
    assert view.history("undo")["ok"]
    assert m.data["step"].tolist() == interleaved()["step"].tolist()


def test_a_step_at_its_track_edge_stays_on_its_path():
    m = JourneyMap(interleaved())
    view = FakeView(m)
    reply = view.edit(kind="move_step", id=view.id_of(1), direction=-1)
    assert not reply["ok"]
    assert reply["code"] == "refused.at_start"
    assert "'Store'" in reply["message"]
    assert m.data["step"].tolist() == interleaved()["step"].tolist()
    # The stage's last step crosses into the next stage, on its branch still.
    assert view.edit(kind="move_step", id=view.id_of(3), direction=1)["ok"]
    assert m.data.loc[3, "stage"] == "Use"
    assert m.data.loc[3, "branch"] == "Store"


def test_a_journey_file_keeps_the_branch_roles(tmp_path):
    frame = journey().rename(columns={"branch": "chemin"})
    m = JourneyMap(frame, branch="chemin", branch_share="visits")
    back = JourneyMap.load(m.save(tmp_path / "m.journey"))
    assert back._journey["branch"] == m._journey["branch"]
    assert back._journey["branch_share"] == [["Buy", "Online", 0.62], ["Buy", "Store", 0.38]]
    text = (tmp_path / "m.journey").read_text()
    assert 'branch: "chemin"' in text
    assert 'branch_share: "visits"' in text
    # A map with the default roles writes no branch line: files saved before read the same.
    plain = JourneyMap(journey())
    text = plain.save(tmp_path / "plain.journey").read_text()
    assert "branch" not in text.split("\n\n")[0]
    assert JourneyMap.load(tmp_path / "plain.journey")._journey["branch"][1] == "Online"
    # branch=None is kept: the column is then a lane, as it was.
    lane = JourneyMap.load(JourneyMap(journey(), branch=None).save(tmp_path / "none.journey"))
    assert "branch" not in lane._journey


def test_with_states_a_move_at_a_track_edge_is_refused_and_no_row_changes_state():
    # Stage A: m1, m2 on the main path, b1 on Alt, in both states (current rows first).
    table = pd.DataFrame(
        {
            "stage": ["A", "A", "A", "B"],
            "step": ["m1", "m2", "b1", "u"],
            "branch": [None, None, "Alt", None],
        }
    )
    m = JourneyMap.compare(table, table)
    view = FakeView(m)
    before = m.data.copy()
    states = dict(zip(m._state.ids.tolist(), m.data["state"], strict=True))
    # Current m2 is the main path's last step in A: moving it right would pass b1.
    reply = view.edit(kind="move_step", id=view.id_of(1), direction=1)
    assert not reply["ok"]
    assert reply["code"] == "refused.at_end"
    pd.testing.assert_frame_equal(m.data, before)
    # Future b1 is Alt's only step: left is refused too.
    reply = view.edit(kind="move_step", id=view.id_of(6), direction=-1)
    assert reply["code"] == "refused.at_start"
    pd.testing.assert_frame_equal(m.data, before)
    # Future m1 moves past m2 within the future rows; the current rows keep their order.
    assert view.edit(kind="move_step", id=view.id_of(4), direction=1)["ok"]
    assert m.data["step"].tolist() == ["m1", "m2", "b1", "u", "m2", "m1", "b1", "u"]
    assert m.data["state"].tolist() == ["current"] * 4 + ["future"] * 4
    assert dict(zip(m._state.ids.tolist(), m.data["state"], strict=True)) == states


def test_shares_per_state():
    table = journey()
    later = table.assign(visits=[10, 9, 8, 1, 7, 5])  # first steps: Online 9, Store 1
    m = JourneyMap.compare(table, later, branch_share="visits")
    assert m._journey["branch_share"] == [
        ["Buy", "Online", 0.62, None, "current"],
        ["Buy", "Store", 0.38, None, "current"],
        ["Buy", "Online", 0.9, None, "future"],
        ["Buy", "Store", 0.1, None, "future"],
    ]
    roles = Roles("stage", "step", None, "persona", state="state")
    both = pd.concat([m.data.assign(persona="p"), m.data.assign(persona="q")], ignore_index=True)
    shares = branch_shares(both, roles, Branches("branch", "visits"))
    assert shares[:2] == [
        ["Buy", "Online", 0.62, "p", "current"],
        ["Buy", "Store", 0.38, "p", "current"],
    ]
    assert len(shares) == 8
