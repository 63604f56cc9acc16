"""Stage and step names typed in a view: the spaces around a name are not part of it."""

from __future__ import annotations

from typing import Any

import pandas.testing as pdt
import pytest

from cjm_widgets import JourneyMap
from cjm_widgets.edits.ops import typed_name

from .conftest import FakeView, steps_frame
from .test_views import Outbox, View


def test_typed_name_trims_text_and_leaves_other_values():
    assert typed_name("  Achat\t\n") == "Achat"
    assert typed_name("Pay later") == "Pay later"  # inner spaces are the name's
    assert typed_name(3) == 3
    assert typed_name(None) is None


@pytest.mark.parametrize("name", ["Purchase ", " Purchase", "\tPurchase\n"])
def test_a_new_stage_named_like_one_with_spaces_is_refused(view: FakeView, frame: Any, name: str):
    before = view.widget._state
    reply = view.edit(kind="add_stage", after="Awareness", name=name)
    assert reply["ok"] is False
    assert reply["code"] == "refused.stage_exists"
    assert reply["params"] == {"stage": "Purchase"}
    assert view.widget._state is before
    pdt.assert_frame_equal(view.widget.data, frame)


@pytest.mark.parametrize("name", ["Purchase ", " Purchase"])
def test_a_stage_renamed_like_another_with_spaces_is_refused(view: FakeView, frame: Any, name: str):
    reply = view.edit(kind="rename_stage", stage="Consideration", name=name)
    assert reply["ok"] is False
    assert "stage 'Purchase' already exists" in reply["message"]
    pdt.assert_frame_equal(view.widget.data, frame)


def test_new_and_renamed_stages_are_stored_without_their_spaces(view: FakeView):
    assert view.edit(kind="rename_stage", stage="Consideration", name=" Achat ")["ok"]
    assert view.edit(kind="add_stage", after="Achat", name="Paie\t")["ok"]
    assert view.widget._journey["stages"] == ["Awareness", "Achat", "Paie", "Purchase"]
    assert {"Achat", "Paie"} <= set(view.widget.data["stage"])


@pytest.mark.parametrize("kind", ["rename_stage", "add_stage"])
def test_a_stage_name_of_spaces_only_is_refused_as_empty(view: FakeView, frame: Any, kind: str):
    reply = view.edit(kind=kind, stage="Awareness", after="Awareness", name=" \t ")
    assert reply["ok"] is False
    assert reply["code"] == "refused.stage_name"
    pdt.assert_frame_equal(view.widget.data, frame)


def test_a_step_named_like_another_with_spaces_is_refused(view: FakeView, frame: Any):
    reply = view.edit(kind="set_cell", id=view.id_of(40), column="step", value="Pay ")
    assert reply["ok"] is False
    assert reply["code"] == "refused.step_exists"
    assert reply["params"] == {"step": "Pay"}
    pdt.assert_frame_equal(view.widget.data, frame)


def test_a_step_name_is_stored_without_its_spaces_and_undone_to_the_start(
    view: FakeView, frame: Any
):
    assert view.edit(kind="set_cell", id=view.id_of(40), column="step", value=" Pay now ")["ok"]
    assert view.widget.data.loc[40, "step"] == "Pay now"
    assert view.widget._journey["step"][3] == "Pay now"
    assert view.edit(kind="set_cell", id=view.id_of(40), column="step", value="  ")["ok"] is False
    assert view.widget.undo() is not None
    pdt.assert_frame_equal(view.widget.data, frame)


def test_a_second_quick_edit_of_a_step_typed_with_spaces_is_no_conflict():
    m = JourneyMap(steps_frame())
    a = View(Outbox(m), "A")
    row = a.id_of(40)
    assert a.edit(kind="set_cell", id=row, column="step", value="Pay now ", expected="Checkout")[
        "ok"
    ]
    # The view's editor opens again on its own text while Python's answer is on its way.
    again = a.edit(kind="set_cell", id=row, column="step", value="Pay today", expected="Pay now ")
    assert again["ok"] is True
    assert m.data.loc[40, "step"] == "Pay today"


def test_a_view_s_undo_of_a_rename_gives_back_the_stage_name_with_its_spaces():
    df = steps_frame()
    df.loc[[10, 20], "stage"] = "Awareness "  # as the table held it, from Python
    m = JourneyMap(df)
    out = Outbox(m)
    a, b = View(out, "A"), View(out, "B")
    assert a.edit(kind="rename_stage", stage="Awareness ", name="Discover")["ok"]
    assert b.edit(kind="set_cell", id=b.id_of(30), column="pain", value="Slow")["ok"]
    # Others edited since: A's undo is the inverse rename, not a step back in history.
    assert a.history("undo")["ok"]
    assert list(m.data["stage"])[:2] == ["Awareness ", "Awareness "]
    assert m.data.loc[30, "pain"] == "Slow"


def test_a_name_the_table_holds_with_spaces_is_taken_too_but_may_lose_its_own():
    import pandas as pd

    m = JourneyMap(
        pd.DataFrame({"stage": ["Buy ", "Buy ", "Pay"], "step": ["Pay ", "Cart", "Card"]})
    )
    view = FakeView(m)
    # "Pay" beside a step the table holds as "Pay ", and "Buy" beside stage "Buy ": twins.
    step = view.edit(kind="set_cell", id=view.id_of(1), column="step", value="Pay")
    stage = view.edit(kind="rename_stage", stage="Pay", name="Buy")
    assert (step["ok"], stage["ok"]) == (False, False)
    assert m.data["step"].tolist() == ["Pay ", "Cart", "Card"]
    # A name renamed to itself without its spaces is no twin of itself.
    assert view.edit(kind="rename_stage", stage="Buy ", name="Buy")["ok"] is True
    assert view.edit(kind="set_cell", id=view.id_of(0), column="step", value="Pay")["ok"] is True
    assert m.data["stage"].tolist() == ["Buy", "Buy", "Pay"]
    assert m.data["step"].tolist() == ["Pay", "Cart", "Card"]
