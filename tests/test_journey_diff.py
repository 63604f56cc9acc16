"""journey_diff: the current and the future state of a journey, step by step and cell by cell."""

from __future__ import annotations

import math
from collections.abc import Hashable
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cjm_widgets
from cjm_widgets import JourneyMap, journey_diff
from cjm_widgets.errors import (
    DuplicateStepError,
    InvalidArgumentError,
    InvalidTableError,
    MissingColumnError,
    MissingValueError,
)

from .conftest import steps_frame


def by_step(diff: pd.DataFrame, column: str = "change", key: str = "step") -> dict[Any, Any]:
    return dict(zip(diff[key], diff[column], strict=True))


def steps_of(diff: pd.DataFrame, change: str, key: str = "step") -> set[Any]:
    return set(diff.loc[diff["change"] == change, key])


def unchanged_but(changes: dict[str, str]) -> dict[str, str]:
    """The change of each step of :func:`steps_frame`, and of the steps added to it."""
    return {**dict.fromkeys(steps_frame()["step"], "unchanged"), **changes}


def empty(value: Any) -> bool:
    return value is None or value == "" or (not isinstance(value, str) and pd.isna(value))


def same(a: Any, b: Any) -> bool:
    return (empty(a) and empty(b)) or (not empty(a) and not empty(b) and a == b)


# -- one kind of change at a time -------------------------------------------------------


def test_all_unchanged_when_nothing_differs() -> None:
    current = steps_frame()
    diff = journey_diff(current, current.copy())
    assert diff["step"].tolist() == current["step"].tolist()
    assert set(diff["change"]) == {"unchanged"}
    assert not diff["moved"].any()
    assert not diff["changed"].any()
    assert diff["changed_columns"].map(len).sum() == 0
    assert diff["position_current"].tolist() == [1, 2, 3, 4, 5]
    assert diff["position_future"].tolist() == [1, 2, 3, 4, 5]
    assert diff["visits_delta"].tolist() == [0.0] * 5
    assert journey_diff(current, current.copy(), cells=True).empty


def test_an_added_step_shifts_the_others_without_moving_them() -> None:
    current = steps_frame()
    new = pd.DataFrame({"stage": ["Awareness"], "step": ["Hears from a friend"], "visits": [90]})
    future = pd.concat([new, current], ignore_index=True)
    diff = journey_diff(current, future)
    assert by_step(diff) == unchanged_but({"Hears from a friend": "added"})
    assert diff["step"].iloc[0] == "Hears from a friend"
    assert by_step(diff, "position_future")["See ad"] == 2
    assert by_step(diff, "position_current")["See ad"] == 1
    added = diff.iloc[0]
    assert pd.isna(added["position_current"])
    assert added["stage_current"] is None
    assert added["stage_future"] == "Awareness"
    assert (added["visits_current"], added["visits_future"]) == (
        pytest.approx(np.nan, nan_ok=True),
        90.0,
    )
    assert math.isnan(added["visits_delta"])
    assert not added["moved"]
    assert not added["changed"]


def test_a_removed_step_stays_after_the_step_it_followed() -> None:
    current = steps_frame()
    future = current.drop(index=30)  # "Compare offers"
    diff = journey_diff(current, future)
    assert diff["step"].tolist() == ["See ad", "Visit site", "Compare offers", "Checkout", "Pay"]
    assert by_step(diff)["Compare offers"] == "removed"
    removed = diff.iloc[2]
    assert removed["stage_future"] is None
    assert pd.isna(removed["position_future"])
    assert removed["position_current"] == 3
    assert by_step(diff, "position_future")["Checkout"] == 3
    assert steps_of(diff, "unchanged") == {"See ad", "Visit site", "Checkout", "Pay"}


def test_a_step_moved_within_its_stage_is_the_only_one_moved() -> None:
    current = steps_frame()
    future = current.loc[[10, 20, 30, 50, 40]]  # Pay before Checkout
    diff = journey_diff(current, future)
    assert diff["moved"].sum() == 1
    assert steps_of(diff, "moved") <= {"Checkout", "Pay"}
    assert steps_of(diff, "unchanged") >= {"See ad", "Visit site", "Compare offers"}
    assert diff["step"].tolist()[-2:] == ["Pay", "Checkout"]


def test_a_step_moved_far_is_one_move() -> None:
    stages = ["A"] * 8
    current = pd.DataFrame({"stage": stages, "step": [f"s{i}" for i in range(8)]})
    future = current.iloc[[1, 2, 3, 4, 5, 6, 0, 7]]
    diff = journey_diff(current, future)
    assert steps_of(diff, "moved") == {"s0"}


def test_a_new_stage_moves_a_step_even_in_the_same_place() -> None:
    current = steps_frame()
    future = current.copy()
    future.loc[20, "stage"] = "Discovery"  # same place in the map, another stage
    diff = journey_diff(current, future)
    row = diff.set_index("step").loc["Visit site"]
    assert row["change"] == "moved"
    assert row["moved"]
    assert not row["changed"]
    assert (row["stage_current"], row["stage_future"]) == ("Awareness", "Discovery")
    assert row["changed_columns"] == []
    cells = journey_diff(current, future, cells=True)
    assert cells.to_dict("records") == [
        {
            "step": "Visit site",
            "column": "stage",
            "current": "Awareness",
            "future": "Discovery",
            "change": "moved",
        }
    ]


def test_changed_values_are_listed_with_their_columns_and_deltas() -> None:
    current = steps_frame()
    future = current.copy()
    future.loc[30, "pain"] = "Too many options"
    future.loc[30, "visits"] = 450
    future.loc[40, "emotion"] = 1.5
    diff = journey_diff(current, future)
    assert by_step(diff) == unchanged_but({"Compare offers": "changed", "Checkout": "changed"})
    assert by_step(diff, "changed_columns")["Compare offers"] == ["pain", "visits"]
    assert by_step(diff, "changed_columns")["Checkout"] == ["emotion"]
    assert by_step(diff, "visits_delta")["Compare offers"] == -50.0
    assert by_step(diff, "emotion_delta")["Checkout"] == 1.5
    assert math.isnan(by_step(diff, "emotion_delta")["Pay"])  # NaN in both states
    assert not diff["moved"].any()
    cells = journey_diff(current, future, cells=True)
    assert cells[["step", "column", "change"]].values.tolist() == [
        ["Compare offers", "pain", "changed"],
        ["Compare offers", "visits", "changed"],
        ["Checkout", "emotion", "changed"],
    ]
    assert cells["current"].tolist() == ["Too many options\nHidden fees", 500, 0.0]
    assert cells["future"].tolist() == ["Too many options", 450, 1.5]


def test_a_step_both_moved_and_changed_says_changed_and_keeps_both_facts() -> None:
    current = steps_frame()
    future = current.loc[[10, 20, 30, 50, 40]].copy()  # Pay before Checkout
    future.loc[40, "channel"] = "app"
    future.loc[20, "pain"] = None
    diff = journey_diff(current, future).set_index("step")
    moved = diff.index[diff["moved"]].tolist()
    assert len(moved) == 1
    assert moved[0] in {"Checkout", "Pay"}
    assert diff.loc["Checkout", "change"] == "changed"
    assert diff.loc["Checkout", "changed_columns"] == ["channel"]
    assert diff.loc["Visit site", "change"] == "changed"
    assert not diff.loc["Visit site", "moved"]
    assert diff.loc["Pay", "change"] == ("moved" if moved == ["Pay"] else "unchanged")
    assert set(diff.index[diff["changed"]]) == {"Visit site", "Checkout"}


def test_rows_reordered_across_stages_do_not_move() -> None:
    current = steps_frame()
    future = current.loc[[10, 30, 40, 20, 50]]  # the map groups steps by stage
    assert not journey_diff(current, future)["moved"].any()


def test_percent_like_lanes_give_their_delta_in_points() -> None:
    current = pd.DataFrame(
        {"stage": ["A", "A"], "step": ["Cart", "Pay"], "exit_rate": [0.42, 0.1], "csat": [7, 8]}
    )
    future = current.assign(exit_rate=[0.30, 0.1], csat=[7.5, 8])
    diff = journey_diff(current, future)
    assert "exit_rate_delta" not in diff.columns
    assert diff["exit_rate_delta_pts"].tolist() == [-12.0, 0.0]
    assert diff["exit_rate_current"].tolist() == [0.42, 0.1]
    assert diff["csat_delta"].tolist() == [0.5, 0.0]


def test_a_map_declared_percent_lane_gives_points() -> None:
    current = pd.DataFrame({"stage": ["A"], "step": ["Cart"], "kept": [0.5], "drop": [0.2]})
    future = current.assign(kept=[0.25], drop=[0.3])
    plain_diff = journey_diff(current, future)
    assert plain_diff["drop_delta"].tolist() == [0.1]  # "drop" is not a share by its name
    declared = [cjm_widgets.Lane("kept"), cjm_widgets.Lane("drop", format="percent")]
    diff = journey_diff(JourneyMap(current, lanes=declared), JourneyMap(future, lanes=declared))
    assert diff["kept_delta_pts"].tolist() == [-25.0]
    assert diff["drop_delta_pts"].tolist() == [10.0]


# -- what does not count as a change -------------------------------------------------------


def test_empty_cells_are_equal_whatever_their_form() -> None:
    current = pd.DataFrame(
        {
            "stage": ["A"] * 4,
            "step": ["a", "b", "c", "d"],
            "pain": [None, np.nan, "", pd.NA],
            "score": pd.array([1, None, 3, None], dtype="Int64"),
        }
    )
    future = current.assign(
        pain=pd.array(["", None, np.nan, None], dtype="string"),
        score=[1.0, np.nan, 3.0, np.nan],
    )
    diff = journey_diff(current, future)
    assert set(diff["change"]) == {"unchanged"}
    assert journey_diff(current, future, cells=True).empty
    assert diff["score_delta"].iloc[0] == 0.0
    assert math.isnan(diff["score_delta"].iloc[1])


def test_int_and_float_columns_of_equal_values_are_unchanged() -> None:
    current = steps_frame()
    future = current.assign(visits=current["visits"].astype(float), emotion=current["emotion"])
    future["visits"] = future["visits"].astype("float32")
    assert set(journey_diff(current, future)["change"]) == {"unchanged"}


def test_categorical_stages_use_their_order_and_compare_as_values() -> None:
    order = ["Awareness", "Consideration", "Purchase"]
    current = steps_frame()
    current["stage"] = pd.Categorical(current["stage"], categories=order)
    future = current.iloc[::-1].copy()  # rows reversed: the categories still order the stages
    future.index = pd.Index(["e", "d", "c", "b", "a"])
    diff = journey_diff(current, future)
    # Reversed rows inside a stage move: Awareness's two steps and Purchase's two swap.
    assert by_step(diff, "position_current") == {
        "See ad": 1,
        "Visit site": 2,
        "Compare offers": 3,
        "Checkout": 4,
        "Pay": 5,
    }
    assert by_step(diff, "position_future") == {
        "Visit site": 1,
        "See ad": 2,
        "Compare offers": 3,
        "Pay": 4,
        "Checkout": 5,
    }
    assert diff["moved"].sum() == 2
    assert not diff["changed"].any()
    assert diff.index.tolist() == [0, 1, 2, 3, 4]
    as_text = current.assign(stage=current["stage"].astype(str))
    assert set(journey_diff(current, as_text)["change"]) == {"unchanged"}


def test_cells_holding_lists_or_dates_compare_as_values() -> None:
    current = pd.DataFrame(
        {
            "stage": ["A", "A", "A"],
            "step": ["x", "y", "z"],
            "tags": [["web", "app"], ["store"], None],
            "due": pd.to_datetime(["2024-03-01", None, "2024-05-01"]),
        }
    )
    future = current.assign(
        tags=[["web", "app"], ["store", "phone"], ""],
        due=pd.to_datetime(["2024-03-01", None, "2024-06-01"]),
    )
    diff = journey_diff(current, future)
    assert by_step(diff, "changed_columns") == {"x": [], "y": ["tags"], "z": ["due"]}
    cells = journey_diff(current, future, cells=True)
    assert cells["future"].tolist() == [["store", "phone"], pd.Timestamp("2024-06-01")]


def test_a_shuffled_table_with_another_index_is_unchanged() -> None:
    current = steps_frame()
    future = current.sample(frac=1.0, random_state=3).sort_values("stage", kind="stable")
    future = future.loc[[10, 20, 30, 40, 50]].reset_index(drop=True)
    assert set(journey_diff(current, future)["change"]) == {"unchanged"}


# -- personas, keys, one table with a state column ---------------------------------------


def two_personas() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "persona": ["Busy parent"] * 3 + ["Student"] * 3,
            "stage": ["A", "A", "B"] * 2,
            "step": ["Search", "Compare", "Buy"] * 2,
            "emotion": [1.0, 0.0, 2.0, -1.0, 0.0, 1.0],
        },
        index=[5, 6, 7, 8, 9, 10],
    )


def test_steps_are_matched_within_each_persona() -> None:
    current = two_personas()
    future = current.drop(index=9)  # the student no longer compares
    future.loc[5, "emotion"] = 2.0  # the parent searches more happily
    future = pd.concat(
        [future, pd.DataFrame({"persona": ["Busy parent"], "stage": ["B"], "step": ["Review"]})]
    )
    diff = journey_diff(current, future, persona="persona")
    assert diff.columns[:2].tolist() == ["persona", "step"]
    rows = {
        (p, s): c for p, s, c in zip(diff["persona"], diff["step"], diff["change"], strict=True)
    }
    assert rows == {
        ("Busy parent", "Search"): "changed",
        ("Busy parent", "Compare"): "unchanged",
        ("Busy parent", "Buy"): "unchanged",
        ("Busy parent", "Review"): "added",
        ("Student", "Search"): "unchanged",
        ("Student", "Compare"): "removed",
        ("Student", "Buy"): "unchanged",
    }
    assert diff["persona"].tolist() == ["Busy parent"] * 4 + ["Student"] * 3
    student = diff[diff["persona"] == "Student"]
    assert student["position_future"].tolist()[0] == 1
    assert student["position_future"].tolist()[2] == 2
    assert not diff["moved"].any()


def test_a_persona_only_in_the_future_adds_its_steps() -> None:
    current = two_personas()
    future = pd.concat([current, current.iloc[:1].assign(persona="Retiree")], ignore_index=True)
    diff = journey_diff(current, future, persona="persona")
    assert diff.loc[diff["persona"] == "Retiree", "change"].tolist() == ["added"]
    assert (diff["change"] == "added").sum() == 1


def test_an_id_key_follows_a_renamed_step() -> None:
    current = steps_frame().assign(step_id=["s1", "s2", "s3", "s4", "s5"])
    future = current.copy()
    future.loc[40, "step"] = "Review basket"
    diff = journey_diff(current, future, key="step_id")
    assert diff.columns[:2].tolist() == ["step_id", "step"]
    row = diff.set_index("step_id").loc["s4"]
    assert row["step"] == "Review basket"
    assert row["change"] == "changed"
    assert row["changed_columns"] == ["step"]
    cells = journey_diff(current, future, key="step_id", cells=True)
    assert cells.to_dict("records") == [
        {
            "step_id": "s4",
            "column": "step",
            "current": "Checkout",
            "future": "Review basket",
            "change": "changed",
        }
    ]
    by_label = journey_diff(current, future)
    assert by_step(by_label)["Checkout"] == "removed"
    assert by_step(by_label)["Review basket"] == "added"


def test_integer_and_float_ids_are_one_key() -> None:
    current = pd.DataFrame({"stage": ["A", "A"], "step": ["x", "y"], "id": [1, 2]})
    future = current.assign(id=[1.0, 2.0])
    assert set(journey_diff(current, future, key="id")["change"]) == {"unchanged"}


def test_one_table_with_a_state_column() -> None:
    current = two_personas()
    future = current.copy()
    future.loc[7, "emotion"] = 0.0
    both = pd.concat([current.assign(state="current"), future.assign(state="future")])
    diff = journey_diff(both, state="state", persona="persona")
    assert diff.equals(journey_diff(current, future, persona="persona"))
    assert "state_current" not in diff.columns
    assert steps_of(diff, "changed") == {"Buy"}
    assert diff.loc[diff["changed"], "persona"].tolist() == ["Busy parent"]
    cells = journey_diff(both, state="state", persona="persona", cells=True)
    assert cells.columns.tolist() == ["persona", "step", "column", "current", "future", "change"]
    assert cells[["persona", "step", "column"]].values.tolist() == [
        ["Busy parent", "Buy", "emotion"]
    ]


def test_maps_bring_their_roles() -> None:
    current = two_personas()
    future = current.copy()
    future.loc[8, "emotion"] = 3.0
    diff = journey_diff(JourneyMap(current, persona="persona"), future)
    assert diff.loc[diff["changed"], ["persona", "step"]].values.tolist() == [["Student", "Search"]]
    with pytest.raises(InvalidArgumentError, match="persona= is for tables"):
        journey_diff(JourneyMap(current, persona="persona"), future, persona="persona")
    with pytest.raises(InvalidArgumentError, match="persona from different columns"):
        journey_diff(JourneyMap(current, persona="persona"), JourneyMap(current.iloc[:3]))


def test_lanes_limit_the_comparison() -> None:
    current = steps_frame()
    future = current.assign(channel="store", visits=current["visits"] + 1)
    diff = journey_diff(current, future, lanes=["visits"])
    assert diff["changed_columns"].map(tuple).unique().tolist() == [("visits",)]
    assert "emotion_delta" not in diff.columns


def test_a_lane_only_one_state_has_counts_where_it_holds_a_value() -> None:
    current = steps_frame()
    future = current.assign(owner=["", "web team", None, None, None])
    diff = journey_diff(current, future)
    assert steps_of(diff, "changed") == {"Visit site"}
    assert by_step(diff, "changed_columns")["Visit site"] == ["owner"]


@pytest.mark.parametrize("empty_table", [pd.DataFrame(), pd.DataFrame(columns=["stage", "step"])])
def test_empty_states(empty_table: pd.DataFrame) -> None:
    current = steps_frame()
    diff = journey_diff(empty_table, current)
    assert diff["change"].tolist() == ["added"] * 5
    assert diff["position_future"].tolist() == [1, 2, 3, 4, 5]
    assert set(journey_diff(current, empty_table)["change"]) == {"removed"}
    none = journey_diff(empty_table, empty_table)
    assert none.empty
    assert none.columns[:3].tolist() == ["step", "stage_current", "stage_future"]
    cells = journey_diff(empty_table, current, cells=True)
    assert set(cells["change"]) == {"added"}
    assert len(cells[cells["step"] == "Pay"]) == 5  # stage, channel, pain, visits, moment


# -- errors ------------------------------------------------------------------------------------


def test_duplicate_keys_name_the_key_the_state_and_the_rows() -> None:
    current = steps_frame()
    future = current.copy()
    future.loc[40, "step"] = "Pay"
    with pytest.raises(DuplicateStepError, match=r"'Pay'.*future state.*rows 40, 50"):
        journey_diff(current, future)
    personas = two_personas()
    with pytest.raises(DuplicateStepError, match="persona='persona'"):
        journey_diff(personas, personas)


def test_bad_arguments_name_what_is_wrong() -> None:
    current = steps_frame()
    both = pd.concat([current.assign(state="current"), current.assign(state="to-be")])
    with pytest.raises(InvalidArgumentError, match="needs the future state"):
        journey_diff(current)
    with pytest.raises(InvalidArgumentError, match="pass no future table"):
        journey_diff(both, current, state="state")
    with pytest.raises(InvalidTableError, match=r"state column 'state' holds 'to-be'"):
        journey_diff(both, state="state")
    with pytest.raises(MissingColumnError, match="'phase'"):
        journey_diff(current, state="phase")
    with pytest.raises(InvalidArgumentError, match="key 'stage' is the stage column"):
        journey_diff(current, current, key="stage")
    with pytest.raises(MissingColumnError, match="'step_id'"):
        journey_diff(current, current, key="step_id")
    with pytest.raises(InvalidArgumentError, match="lane 'stage'"):
        journey_diff(current, current, lanes=["stage"])
    with pytest.raises(InvalidArgumentError, match="cells="):
        journey_diff(current, current, cells="yes")  # type: ignore[arg-type]
    with pytest.raises(InvalidTableError, match="int"):
        journey_diff(current, 3)


def test_an_empty_key_names_its_rows() -> None:
    current = steps_frame()
    future = current.copy()
    future.loc[30, "step"] = None
    with pytest.raises(MissingValueError, match=r"'step'.*future state's rows 30"):
        journey_diff(current, future)


def test_an_output_name_two_columns_would_share_is_refused() -> None:
    current = steps_frame().assign(change=["a", "b", "c", "d", "e"])
    with pytest.raises(InvalidTableError, match="'change'"):
        journey_diff(current, current, key="change")
    numbers = pd.DataFrame({"stage": ["A"], "step": ["x"], "position": [1]})
    with pytest.raises(InvalidTableError, match="'position_current'"):
        journey_diff(numbers, numbers)


# -- the property: a future made by known edits -------------------------------------------------

STAGES = ("A", "B", "C")
LANES = ("emotion", "visits", "pain")


@st.composite
def journeys(draw: st.DrawFn) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, set[Hashable]]]:
    n = draw(st.integers(0, 12))
    stages = sorted(draw(st.lists(st.sampled_from(STAGES), min_size=n, max_size=n)))
    texts = st.sampled_from([None, "", "slow", "lost", np.nan])
    current = pd.DataFrame(
        {
            "stage": np.array(stages, dtype=object),
            "step": [f"s{i}" for i in range(n)],
            "emotion": draw(
                st.lists(st.sampled_from([-2.0, 0.0, 1.5, np.nan]), min_size=n, max_size=n)
            ),
            "visits": draw(st.lists(st.integers(0, 50), min_size=n, max_size=n)),
            "pain": np.array(draw(st.lists(texts, min_size=n, max_size=n)), dtype=object),
        },
        index=pd.Index(draw(st.permutations(range(100, 100 + n))), name="row"),
    )
    labels = current["step"].tolist()
    removed = set(draw(st.sets(st.sampled_from(labels), max_size=n))) if n else set()
    kept = [s for s in labels if s not in removed]
    changed = set(draw(st.sets(st.sampled_from(kept), max_size=len(kept)))) if kept else set()
    future = current[~current["step"].isin(removed)].copy()
    future["visits"] = future["visits"].astype(float)  # another dtype, the same values
    for label in sorted(changed):
        row = future.index[future["step"] == label][0]
        column = draw(st.sampled_from(LANES))
        old = future.at[row, column]
        if column == "pain":
            future.at[row, column] = f"{old or 'new'} and more"
        elif column == "visits":
            future.at[row, column] = old + 1
        else:
            future.at[row, column] = 3.0 if pd.isna(old) else old - 1
    added = {f"n{i}" for i in range(draw(st.integers(0, 4)))}
    new_rows = pd.DataFrame(
        {
            "stage": [draw(st.sampled_from(STAGES)) for _ in sorted(added)],
            "step": sorted(added),
            "visits": [draw(st.integers(0, 9)) for _ in sorted(added)],
            "pain": ["new" for _ in sorted(added)],
        }
    )
    future = pd.concat([future, new_rows], ignore_index=True)
    future = future.iloc[draw(st.permutations(range(len(future))))]
    return current, future, {"added": added, "removed": removed, "changed": changed}


def lcs_length(a: list[Any], b: list[Any]) -> int:
    """The textbook dynamic programme, as an independent check of the moved steps."""
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            table[i + 1][j + 1] = (
                table[i][j] + 1 if x == y else max(table[i][j + 1], table[i + 1][j])
            )
    return table[-1][-1]


def map_order(frame: pd.DataFrame) -> list[Any]:
    rank = {s: i for i, s in enumerate(pd.unique(frame["stage"]))}
    ordered = sorted(range(len(frame)), key=lambda k: rank[frame["stage"].iloc[k]])
    return [frame["step"].iloc[k] for k in ordered]


def records(frame: pd.DataFrame) -> dict[Any, dict[Any, Any]]:
    columns = ["stage", *LANES]
    return {
        row["step"]: {c: row[c] if c in frame.columns else None for c in columns}
        for row in frame.to_dict("records")
    }


@settings(deadline=None)  # the first example pays for pandas' first calls
@given(journeys())
def test_the_diff_finds_exactly_the_edits_made(
    case: tuple[pd.DataFrame, pd.DataFrame, dict[str, set[Hashable]]],
) -> None:
    current, future, made = case
    diff = journey_diff(current, future)
    assert steps_of(diff, "added") == made["added"]
    assert steps_of(diff, "removed") == made["removed"]
    assert set(diff.loc[diff["changed"], "step"]) == made["changed"]
    assert len(diff) == len(current) + len(made["added"])
    # The moved steps are as few as can be: the others keep one longest common order.
    common = set(current["step"]) & set(future["step"])
    before = [s for s in map_order(current) if s in common]
    after = [s for s in map_order(future) if s in common]
    moved = set(diff.loc[diff["moved"], "step"])
    assert moved <= common
    assert [s for s in before if s not in moved] == [s for s in after if s not in moved]
    assert len(common) - len(moved) == lcs_length(before, after)
    # Writing the long form's cells into the current table gives the future's values.
    rebuilt = records(current)
    for cell in journey_diff(current, future, cells=True).to_dict("records"):
        if cell["change"] == "removed":
            rebuilt.pop(cell["step"], None)
            continue
        rebuilt.setdefault(cell["step"], dict.fromkeys(["stage", *LANES]))
        assert same(rebuilt[cell["step"]][cell["column"]], cell["current"])
        rebuilt[cell["step"]][cell["column"]] = cell["future"]
    wanted = records(future)
    assert rebuilt.keys() == wanted.keys()
    for step, values in wanted.items():
        for column, value in values.items():
            assert same(rebuilt[step][column], value), (step, column)


def with_stage_order(frame: pd.DataFrame, persona: str) -> pd.DataFrame:
    """The frame as one persona's rows, its stages in one fixed order whatever the rows'."""
    return frame.assign(persona=persona, stage=pd.Categorical(frame["stage"], categories=STAGES))


@settings(deadline=None)
@given(journeys(), journeys(), st.randoms(use_true_random=False))
def test_each_persona_is_compared_on_its_own(
    first: tuple[pd.DataFrame, pd.DataFrame, Any],
    second: tuple[pd.DataFrame, pd.DataFrame, Any],
    random: Any,
) -> None:
    cases = {"Busy parent": first, "Student": second}  # the same step labels, most of them
    current = pd.concat([with_stage_order(c, p) for p, (c, _, _) in cases.items()])
    future = pd.concat([with_stage_order(f, p) for p, (_, f, _) in cases.items()])
    # The personas' rows interleaved at random, each persona's in its own order.
    turns = future["persona"].tolist()
    random.shuffle(turns)
    places = {p: iter(np.flatnonzero(future["persona"].to_numpy() == p)) for p in cases}
    rows = [next(places[p]) for p in turns]
    diff = journey_diff(current, future.iloc[rows], persona="persona")
    shown = ["step", "change", "moved", "changed", "position_current", "position_future"]
    for persona, (c, f, _) in cases.items():
        alone = journey_diff(with_stage_order(c, persona), with_stage_order(f, persona))
        mine = diff.loc[diff["persona"] == persona, shown].reset_index(drop=True)
        pd.testing.assert_frame_equal(mine, alone[shown], check_dtype=False)


def test_polars_tables_are_compared_as_pandas_ones() -> None:
    import polars as pl

    current = steps_frame().reset_index(drop=True)
    future = current.iloc[[1, 0, 2, 3, 4]].assign(visits=[800, 1000, 500, 300, 260])
    ours = journey_diff(pl.from_pandas(current), pl.from_pandas(future))
    pd.testing.assert_frame_equal(ours, journey_diff(current, future))
    assert steps_of(ours, "changed") == {"Pay"}
    assert ours["moved"].sum() == 1
