"""Personas side by side: JourneyMap's compare_personas switch, from Python and from views."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest

from cjm_widgets import InvalidArgumentError, JourneyFileError, JourneyMap
from cjm_widgets.keep import dumps, loads

from .conftest import FakeView


def two_personas() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "persona": ["Ana", "Ana", "Ana", "Bo", "Bo"],
            "stage": ["Look", "Look", "Buy", "Look", "Buy"],
            "step": ["See ad", "Compare", "Pay", "See ad", "Pay"],
            "pain": ["", "too many tabs", "", "", "card refused"],
            "emotion": [1, -1, 2, 0, -2],
        }
    )


def from_view(m: JourneyMap, view: str, on: Any) -> None:
    m._handle_custom_msg({"type": "compare", "view": view, "on": on}, [])


def test_off_by_default_and_on_from_the_constructor() -> None:
    assert JourneyMap(two_personas(), persona="persona").compare_personas is False
    m = JourneyMap(two_personas(), persona="persona", compare_personas=True)
    assert m.compare_personas is True
    assert m._compare_from == ""
    assert "compare_personas" in m.keys  # synced, so a saved notebook or a page starts so


def test_set_from_python_is_every_views() -> None:
    m = JourneyMap(two_personas(), persona="persona")
    FakeView(m)
    from_view(m, "A", True)
    assert m.compare_personas is True
    assert m._compare_from == "A"  # view A's own switch: the others keep theirs
    # Python setting the value view A set is still every view's.
    m.compare_personas = True
    assert m._compare_from == ""
    from_view(m, "B", False)
    assert (m.compare_personas, m._compare_from) == (False, "B")
    m.compare_personas = np.bool_(True)
    assert (m.compare_personas, m._compare_from) == (True, "")


def test_a_views_message_that_is_not_a_switch_changes_nothing() -> None:
    m = JourneyMap(two_personas(), persona="persona")
    FakeView(m)
    from_view(m, "A", "yes")
    from_view(m, "", True)
    m._handle_custom_msg({"type": "compare", "on": True}, [])
    assert (m.compare_personas, m._compare_from) == (False, "")


def test_no_personas_is_refused_naming_what_is_missing() -> None:
    frame = two_personas().query("persona == 'Ana'").drop(columns="persona")
    with pytest.raises(InvalidArgumentError, match=r"two personas or more.*no persona column"):
        JourneyMap(frame, compare_personas=True)
    m = JourneyMap(frame)
    with pytest.raises(InvalidArgumentError, match="no persona column"):
        m.compare_personas = True
    assert m.compare_personas is False


def test_one_persona_is_refused_naming_it() -> None:
    frame = two_personas().query("persona == 'Bo'")
    m = JourneyMap(frame, persona="persona")
    with pytest.raises(InvalidArgumentError, match=r"one persona only \('Bo'\)"):
        m.compare_personas = True
    # A view asking for it (its button is hidden then) changes nothing and raises nothing.
    FakeView(m)
    from_view(m, "A", True)
    assert m.compare_personas is False


@pytest.mark.parametrize("value", ["yes", 1, None])
def test_only_true_or_false(value: Any) -> None:
    m = JourneyMap(two_personas(), persona="persona")
    with pytest.raises(InvalidArgumentError, match=r"compare_personas takes True or False, not"):
        m.compare_personas = value
    with pytest.raises(InvalidArgumentError, match=repr(value).replace("(", r"\(")):
        JourneyMap(two_personas(), persona="persona", compare_personas=value)


def test_an_edit_in_a_sub_row_lands_on_that_personas_row_only() -> None:
    m = JourneyMap(two_personas(), persona="persona", compare_personas=True)
    view = FakeView(m)
    bo_pay = view.id_of(4)
    # As compare mode sends it: the row id of the cell edited, and that sub-row's persona.
    m._handle_custom_msg(
        {
            "type": "edit",
            "request": 1,
            "view": "A",
            "persona": "Bo",
            "op": {"kind": "set_cell", "id": bo_pay, "column": "pain", "value": "slow page"},
        },
        [],
    )
    assert view.replies[-1]["ok"] is True
    assert m.data["pain"].tolist() == ["", "too many tabs", "", "", "slow page"]
    assert m.compare_personas is True


def test_the_journey_file_keeps_compare_mode_and_old_files_read_the_same() -> None:
    plain = dumps(JourneyMap(two_personas(), persona="persona"))
    assert "compare_personas" not in plain  # as written before it existed
    assert loads(plain).compare_personas is False
    assert dumps(loads(plain)) == plain
    saved = dumps(JourneyMap(two_personas(), persona="persona", compare_personas=True))
    assert "compare_personas: true" in saved
    back = loads(saved)
    assert back.compare_personas is True
    assert dumps(back) == saved
    with pytest.raises(JourneyFileError, match=r"compare_personas.*true or false"):
        loads(saved.replace("compare_personas: true", "compare_personas: 1"))
