"""Edit ops as the view sends them: applied in Python, dtypes and index kept."""

from __future__ import annotations

import pandas as pd
import pandas.testing as pdt
import pytest

from cjm_widgets import Edit, JourneyMap

from .conftest import FakeView, cells, steps_frame


def test_set_cell_changes_one_value_and_keeps_dtypes_and_index(view, frame):
    reply = view.edit(kind="set_cell", id=view.id_of(20), column="visits", value="850")
    assert reply["ok"] is True
    expected = frame.copy()
    expected.loc[20, "visits"] = 850
    pdt.assert_frame_equal(view.widget.data, expected)
    assert view.widget.data["visits"].dtype == "int64"
    assert cells(view.widget._journey, "visits")[1] == 850


def test_text_cell_keeps_newlines(view):
    view.edit(kind="set_cell", id=view.id_of(10), column="pain", value="Too loud\nToo long")
    assert view.widget.data.loc[10, "pain"] == "Too loud\nToo long"


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("visits", "many", "'many' does not fit column 'visits' (int64): expected a number"),
        ("visits", "1.5", "expected a whole number"),
        ("visits", "", "cannot hold an empty value"),
        ("emotion", "4", "off the scale"),
        ("emotion", "happy", "expected a number"),
        ("moment_of_truth", "always", "'always' is not a moment of truth kind"),
        ("step", "Pay", "step 'Pay' already exists"),
        ("step", "  ", "a step needs a name"),
        ("stage", "Elsewhere", "rename a stage from its header"),
        ("nope", "x", "column 'nope' is not a lane"),
    ],
)
def test_rejected_edit_changes_nothing_and_says_why(view, frame, column, value, message):
    before = view.widget._journey
    reply = view.edit(kind="set_cell", id=view.id_of(20), column=column, value=value)
    assert reply["ok"] is False
    assert message in reply["message"]
    pdt.assert_frame_equal(view.widget.data, frame)
    assert view.widget._journey is before


def test_malformed_ops_are_rejected(view, frame):
    assert "unknown edit 'paint'" in view.edit(kind="paint")["message"]
    assert "missing 'id'" in view.edit(kind="delete_step")["message"]
    assert "no longer exists" in view.edit(kind="delete_step", id=10**9)["message"]
    assert "is not an id" in view.edit(kind="delete_step", id="10")["message"]
    assert (
        "moves by -1 or +1" in view.edit(kind="move_step", id=view.ids()[0], direction=2)["message"]
    )
    pdt.assert_frame_equal(view.widget.data, frame)


def test_set_emotion_and_clear_it(view):
    view.edit(kind="set_emotion", id=view.id_of(50), value=2)
    assert view.widget.data.loc[50, "emotion"] == 2.0
    view.edit(kind="set_emotion", id=view.id_of(50), value=None)
    assert pd.isna(view.widget.data.loc[50, "emotion"])
    assert cells(view.widget._journey, "emotion")[4] is None


def test_set_and_clear_moment_of_truth(view):
    view.edit(kind="set_moment", id=view.id_of(10), column="moment_of_truth", value="one-off")
    assert view.widget.data.loc[10, "moment_of_truth"] == "one-off"
    view.edit(kind="set_moment", id=view.id_of(30), column="moment_of_truth", value=None)
    assert pd.isna(view.widget.data.loc[30, "moment_of_truth"])


def test_bool_moment_lane_toggles():
    df = pd.DataFrame({"stage": ["a", "a"], "step": ["x", "y"], "moment_of_truth": [False, True]})
    v = FakeView(JourneyMap(df))
    assert v.edit(kind="set_moment", id=v.ids()[0], value="true")["ok"]
    assert v.widget.data["moment_of_truth"].tolist() == [True, True]
    assert v.widget.data["moment_of_truth"].dtype == bool


def test_insert_step_after_gets_a_fresh_label_and_blank_lanes(view, frame):
    view.edit(kind="insert_step", after=view.id_of(20))
    data = view.widget.data
    assert list(data.index) == [10, 20, 51, 30, 40, 50]
    new = data.loc[51]
    assert (new["stage"], new["step"]) == ("Awareness", "New step")
    assert pd.isna(new["emotion"])
    assert pd.isna(new["pain"])
    # Nothing is invented: an int64 column becomes Int64 so the new step's count stays empty.
    assert pd.isna(new["visits"])
    assert data["visits"].dtype == "Int64"
    assert data.drop(columns="visits").dtypes.equals(frame.drop(columns="visits").dtypes)
    view.edit(kind="insert_step", after=view.id_of(51))
    assert view.widget.data.loc[52, "step"] == "New step 2"


def test_insert_into_string_index_does_not_collide():
    df = steps_frame().set_index(pd.Index(["a", "b", "new-6", "d", "e"]))
    v = FakeView(JourneyMap(df))
    v.edit(kind="insert_step", after=v.ids()[0])
    labels = list(v.widget.data.index)
    assert labels[1] not in {"a", "b", "new-6", "d", "e"}
    assert len(set(labels)) == 6


def test_delete_step(view, frame):
    view.edit(kind="delete_step", id=view.id_of(30))
    pdt.assert_frame_equal(view.widget.data, frame.drop(index=30))


def test_move_within_a_stage_swaps_neighbours(view, frame):
    view.edit(kind="move_step", id=view.id_of(50), direction=-1)
    pdt.assert_frame_equal(view.widget.data, frame.loc[[10, 20, 30, 50, 40]])


def test_move_across_a_stage_boundary_changes_the_stage(view, frame):
    view.edit(kind="move_step", id=view.id_of(20), direction=1)
    data = view.widget.data
    assert list(data.index) == [10, 20, 30, 40, 50]
    assert data.loc[20, "stage"] == "Consideration"
    view.edit(kind="move_step", id=view.id_of(30), direction=1)
    assert view.widget.data.loc[30, "stage"] == "Purchase"
    assert view.widget._journey["stages"] == ["Awareness", "Consideration", "Purchase"]
    assert view.edit(kind="move_step", id=view.id_of(10), direction=-1)["message"].startswith(
        "the step is already at the start"
    )


def test_rename_and_add_stage(view):
    view.edit(kind="rename_stage", stage="Consideration", name="Compare")
    assert view.widget.data.loc[30, "stage"] == "Compare"
    assert (
        "already exists"
        in view.edit(kind="rename_stage", stage="Compare", name="Purchase")["message"]
    )
    view.edit(kind="add_stage", after="Compare")
    data = view.widget.data
    assert list(data.index) == [10, 20, 30, 51, 40, 50]
    assert (data.loc[51, "stage"], data.loc[51, "step"]) == ("New stage", "New step")
    assert view.widget._journey["stages"] == ["Awareness", "Compare", "New stage", "Purchase"]


def test_categorical_stage_rename_and_add_keep_the_dtype(frame):
    frame["stage"] = pd.Categorical(
        frame["stage"], categories=["Awareness", "Consideration", "Purchase"]
    )
    v = FakeView(JourneyMap(frame))
    v.edit(kind="rename_stage", stage="Awareness", name="Discover")
    v.edit(kind="add_stage", after="Discover", name="Research")
    v.edit(kind="move_step", id=v.id_of(30), direction=-1)
    data = v.widget.data
    assert list(data["stage"].cat.categories) == [
        "Discover",
        "Research",
        "Consideration",
        "Purchase",
    ]
    assert data.loc[30, "stage"] == "Research"
    assert v.widget._journey["stages"] == ["Discover", "Research", "Purchase"]


def test_add_stage_to_an_empty_map():
    v = FakeView(JourneyMap(pd.DataFrame()))
    assert v.edit(kind="add_stage", after=None)["ok"]
    data = v.widget.data
    assert data[["stage", "step"]].values.tolist() == [["New stage", "New step"]]


def test_nullable_and_datetime_dtypes_survive_edits():
    df = pd.DataFrame(
        {
            "stage": ["a", "a"],
            "step": ["x", "y"],
            "calls": pd.array([3, None], dtype="Int64"),
            "when": pd.to_datetime(["2026-01-01", "2026-02-01"]),
            "digital": [True, False],
        }
    )
    v = FakeView(JourneyMap(df))
    v.edit(kind="set_cell", id=v.ids()[1], column="calls", value="7")
    v.edit(kind="set_cell", id=v.ids()[0], column="calls", value="")
    v.edit(kind="set_cell", id=v.ids()[0], column="when", value="2026-03-05 10:00")
    v.edit(kind="set_cell", id=v.ids()[1], column="digital", value="yes")
    v.edit(kind="insert_step", after=v.ids()[1])
    data = v.widget.data
    # bool becomes boolean so that the new step's value stays empty instead of False
    assert data.dtypes.equals(df.dtypes.replace({df.dtypes["digital"]: "boolean"}))
    assert data["calls"].tolist()[:2] == [pd.NA, 7]
    assert data.loc[0, "when"] == pd.Timestamp("2026-03-05 10:00")
    assert data["digital"].tolist() == [True, True, pd.NA]


def test_personas_edit_only_their_rows():
    df = pd.DataFrame(
        {
            "persona": ["Ana", "Ana", "Bo", "Bo"],
            "stage": ["a", "b", "a", "b"],
            "step": ["x", "y", "x", "y"],
            "emotion": [0, 1, -1, 2],
        }
    )
    m = JourneyMap(df, persona="persona")
    v = FakeView(m)
    assert m._journey["personas"] == ["Ana", "Bo"]
    assert m.active_persona == "Ana"
    m.active_persona = "Bo"
    v.edit(kind="add_stage", after="a", name="c")
    assert m.data.iloc[1].tolist()[:3] == ["Bo", "c", "New step"]
    assert pd.isna(m.data.iloc[1]["emotion"])  # a new step has no emotion yet, not 0
    assert m._journey["stages"] == ["a", "c", "b"]
    v.edit(kind="move_step", id=v.id_of(2), direction=1)  # Bo's x crosses into c
    assert m.data.loc[2, "stage"] == "c"
    assert m.data.loc[0, "stage"] == "a"  # Ana's x untouched
    with pytest.raises(Exception, match="persona 'Cy' is not in the journey"):
        m.active_persona = "Cy"


def test_undo_and_redo(view, frame):
    view.edit(kind="set_cell", id=view.id_of(10), column="pain", value="Noise")
    view.edit(kind="delete_step", id=view.id_of(20))
    assert view.history("undo")["ok"]
    assert 20 in view.widget.data.index
    assert view.history("undo")["ok"]
    pdt.assert_frame_equal(view.widget.data, frame)
    assert view.history("undo")["ok"]  # nothing left: no change, no error
    view.history("redo")
    assert view.widget.data.loc[10, "pain"] == "Noise"
    view.edit(kind="set_cell", id=view.id_of(10), column="pain", value="Quiet")
    assert view.widget.redo() is None  # a new edit clears the redo stack


def test_on_edit_receives_typed_records(view):
    seen: list[Edit] = []
    view.widget.on_edit(seen.append)
    view.edit(kind="set_cell", id=view.id_of(20), column="visits", value=9)
    view.edit(kind="move_step", id=view.id_of(20), direction=1)
    view.edit(kind="set_cell", id=view.id_of(20), column="visits", value="x")  # rejected
    view.history("undo")
    assert seen == [
        Edit("set_cell", 20, "visits", 800, 9, step="Visit site"),
        Edit("move_step", 20, "stage", ("Awareness", 1), ("Consideration", 1), step="Visit site"),
        Edit(
            "move_step",
            20,
            "stage",
            ("Consideration", 1),
            ("Awareness", 1),
            via="undo",
            step="Visit site",
        ),
    ]
    view.widget.on_edit(seen.append, remove=True)
    view.history("redo")
    assert len(seen) == 3


def test_edit_after_python_replaced_the_frame(view, frame):
    stale_id = view.id_of(20)
    gone_id = view.id_of(50)
    replaced = frame.drop(index=50)
    replaced["pain"] = "changed in Python"
    view.widget.data = replaced
    assert view.edit(kind="set_cell", id=stale_id, column="visits", value=1)["ok"]
    data = view.widget.data
    assert data.loc[20, "visits"] == 1
    assert (data["pain"] == "changed in Python").all()
    reply = view.edit(kind="set_cell", id=gone_id, column="visits", value=1)
    assert not reply["ok"]
    assert "no longer exists" in reply["message"]
    assert view.widget.undo() is not None
    pdt.assert_frame_equal(view.widget.data, replaced)
    assert view.widget.undo() is None  # replacing the frame started a new history


def test_data_is_a_snapshot_not_a_live_handle(view, frame):
    snapshot = view.widget.data
    snapshot.loc[10, "pain"] = "edited outside"
    pdt.assert_frame_equal(view.widget.data, frame)
    view.widget.data = snapshot
    assert cells(view.widget._journey, "pain")[0] == "edited outside"


def test_selection_syncs_between_labels_and_ids(view):
    m = view.widget
    m.selected = [20, 40]
    assert m._selected_ids == [view.id_of(20), view.id_of(40)]
    m._selected_ids = [view.id_of(50)]  # as the view sets it on click
    assert m.selected == [50]
    with pytest.raises(Exception, match="no step has index label 99"):
        m.selected = [99]
    assert m.selected == [50]
    view.edit(kind="delete_step", id=view.id_of(50))
    assert m.selected == []
    assert m._selected_ids == []


def test_a_share_lane_reads_percentages_whatever_values_it_is_given():
    """A lane read as a percentage stays one: a value typed out of 0…1 does not turn the
    next ones into plain numbers (the view would show and send percentages still)."""
    df = pd.DataFrame(
        {
            "stage": ["Choisir"] * 3,
            "step": ["Compare", "Choisit", "Paie"],
            "taux_abandon": [0.1, 0.16, 0.0],
            "conversion_rate": [1.5, 2.0, 0.5],  # out of 0…1: a plain number from the start
        }
    )
    m = JourneyMap(df)
    v = FakeView(m)
    formats = {lane.column: lane.format for lane in m.lanes}
    assert formats == {"taux_abandon": "percent", "conversion_rate": "number"}
    typed = [("150 %", 1.5), ("50 %", 0.5), ("12", 0.12), ("-1,5 %", -0.015)]
    for text, stored in typed:
        assert v.edit(kind="set_cell", id=v.ids()[0], column="taux_abandon", value=text)["ok"]
        assert m.data["taux_abandon"].iloc[0] == pytest.approx(stored)
        assert m._journey["lanes"][0]["format"]["style"] == "percent"
    # Into 0…1, a plain number lane stays one: "0.5" is 0.5, "30" is 30.
    for value in ("0.5", "0.2", "30"):
        v.edit(kind="set_cell", id=v.ids()[0], column="conversion_rate", value=value)
    v.edit(kind="set_cell", id=v.ids()[1], column="conversion_rate", value="0.4")
    assert m.data["conversion_rate"].tolist() == [30.0, 0.4, 0.5]
    # A column written from Python (a priority lane) leaves the others as they read.
    v.edit(kind="set_cell", id=v.ids()[0], column="taux_abandon", value="150 %")
    m.add_priorities(pd.DataFrame({"step": ["Paie"], "priority": [1]}))
    assert {lane.column: lane.format for lane in m.lanes}["taux_abandon"] == "percent"


def test_new_steps_and_stages_are_named_in_the_view_s_language():
    df = pd.DataFrame({"stage": ["Choisir", "Payer"], "step": ["Compare", "Paie"]})
    m = JourneyMap(df, lang="fr")
    v = FakeView(m)
    v.edit(kind="insert_step", after=v.ids()[0], lang="fr")
    v.edit(kind="insert_step", after=v.ids()[0], lang="fr-FR")
    v.edit(kind="add_stage", after="Payer", lang="fr")
    v.edit(kind="add_stage", after="Payer", lang="fr")
    v.edit(kind="insert_step", after=v.ids()[0])  # no language said: English
    assert m.data[["stage", "step"]].values.tolist() == [
        ["Choisir", "Compare"],
        ["Choisir", "New step"],
        ["Choisir", "Nouvelle étape 2"],
        ["Choisir", "Nouvelle étape"],
        ["Payer", "Paie"],
        ["Nouvelle phase 2", "Nouvelle étape 4"],
        ["Nouvelle phase", "Nouvelle étape 3"],
    ]
