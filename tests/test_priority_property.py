"""Random sequences of priority tables, priority cell edits, new tables, undo and redo on a map
with two personas and a second map linked to it: every call is answered, a refused one changes
nothing, both maps always send what a fresh encoding gives, undo returns to the last table."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pandas.testing as pdt
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import cjm_widgets
from cjm_widgets import CJMError, JourneyMap
from cjm_widgets.table.lanes.priority import QUADRANTS
from cjm_widgets.widgets.wire import encode

from .conftest import FakeView

STEPS = ["Voir la pub", "Comparer", "Payer", "Être livré"]


def journey() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "persona": ["Ana"] * 4 + ["Bo"] * 3,
            "stage": ["Découvrir", "Choisir", "Acheter", "Après", "Découvrir", "Acheter", "Après"],
            "step": [*STEPS, "Voir la pub", "Payer", "Être livré"],
            "pain": [None, "Trop d'offres", None, "Retard", None, "<script>x</script>", None],
            "owner": ["Marketing", None, "Caisse", None, None, None, "Logistique"],
        },
        index=pd.Index([11, 12, 13, 14, 21, 22, 23], name="row"),
    )


# Values a table or a person may give: ranks in every spelling and quadrants in both
# languages, and values that are no priority at all.
GOOD = st.sampled_from(
    [1, 2, 3, "1", "#2", " 7 ", *QUADRANTS, "faible priorité", "Concentrer les efforts ici"]
)
BAD = st.sampled_from([0, -1, 1.5, 1e300, "haute", "constructor", "<img src=x onerror=alert(1)>"])
VALUES = st.one_of(GOOD, GOOD, GOOD, BAD, st.none())

# Mostly tables that fit (a column of ranks or of quadrants), some that do not.
RANKS = st.sampled_from([1, 2, 3, 4, "#1", "2"])
QUADRANT_WORDS = st.sampled_from([*QUADRANTS, "faible priorité", "maintenir les efforts"])
TABLES = st.one_of(
    st.fixed_dictionaries(
        {
            "steps": st.lists(st.sampled_from(STEPS), min_size=1, max_size=4, unique=True),
            "values": st.one_of(
                st.lists(RANKS, min_size=4, max_size=4),
                st.lists(QUADRANT_WORDS, min_size=4, max_size=4),
            ),
            "persona": st.sampled_from([None, "Ana", "Bo"]),
            "column": st.sampled_from(["priority", "rang"]),
        }
    ),
    st.fixed_dictionaries(
        {
            "steps": st.lists(st.sampled_from([*STEPS, "Inconnu"]), min_size=1, max_size=4),
            "values": st.lists(VALUES, min_size=4, max_size=4),
            "persona": st.sampled_from([None, "Ana", "Bo", "Cy"]),
            "column": st.sampled_from(["priority", "rang", "pain", "stage"]),
        }
    ),
)

# New tables: the journey with a priority column of ranks (numbers or text), quadrants, other
# words, or nothing in it.
COLUMNS = {
    "ranks": pd.array([1, None, 2, None, 3, None, None], dtype="Int64"),
    "text ranks": ["#1", None, None, None, None, None, None],
    "quadrants": ["low priority", None, None, "concentrate here", None, None, None],
    "words": ["high", "low", "high", None, None, None, None],
    "empty": pd.Series([None] * 7, dtype=object, index=journey().index),
}
NEW_TABLES = st.tuples(
    st.sampled_from([None, *COLUMNS]), st.sampled_from(["priority", "rang"]), st.booleans()
)


def new_table(spec: tuple[Any, str, bool]) -> pd.DataFrame:
    values, column, _ = spec
    frame = journey()
    if values is not None:
        frame[column] = COLUMNS[values]
    return frame


OPS = st.one_of(
    st.tuples(st.just("add"), TABLES),
    st.tuples(st.just("data"), NEW_TABLES),
    st.tuples(st.just("edit"), st.sampled_from([11, 12, 13, 14, 21, 22, 23]), VALUES),
    st.tuples(st.just("edit"), st.sampled_from([11, 12, 13, 14, 21, 22, 23]), VALUES),
    st.tuples(st.just("edit2"), st.sampled_from([11, 12, 13, 14, 21, 22, 23]), VALUES),
    st.tuples(st.just("undo")),
    st.tuples(st.just("redo")),
    st.tuples(st.just("persona"), st.sampled_from(["Ana", "Bo"])),
)


def add(m: JourneyMap, spec: dict[str, Any]) -> None:
    table = pd.DataFrame({"step": spec["steps"], "priority": spec["values"][: len(spec["steps"])]})
    if spec["persona"] is not None:
        table["persona"] = spec["persona"]
    m.add_priorities(table, column=spec["column"], value="priority")


def priority_column(m: JourneyMap) -> Any:
    lanes = [lane.column for lane in m.lanes if lane.kind == "priority"]
    return lanes[0] if lanes else None


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(OPS, min_size=1, max_size=12))
def test_random_priority_sequences_never_lose_or_half_apply_anything(ops: list[tuple]) -> None:
    start = journey()
    m = JourneyMap(start, persona="persona")
    m2 = JourneyMap(start, persona="persona")
    cjm_widgets.link(m, m2)
    view, view2 = FakeView(m), FakeView(m2)
    for op in ops:
        before = m.data.copy()
        if op[0] == "data":
            start = new_table(op[1])
            if op[1][2]:
                m2.data = start
            else:
                m.data = start
            event(f"new table: {op[1][0]}")
            # As a fresh map shows it.
            fresh = JourneyMap(start, persona="persona")
            assert m.lanes == fresh.lanes
            assert m._journey["lanes"] == fresh._journey["lanes"]
        elif op[0] == "add":
            try:
                add(m, op[1])
                event("table written")
            except CJMError:
                event("table refused")
                pdt.assert_frame_equal(m.data, before)
        elif op[0] in ("edit", "edit2"):
            column = priority_column(m)
            if column is None:
                continue
            value = op[2]
            reply = (view if op[0] == "edit" else view2).edit(
                kind="set_cell",
                id=view.id_of(op[1]),
                column=str(column),
                value=None if value is None else str(value),
            )
            assert isinstance(reply["ok"], bool)
            event(f"cell edit {'applied' if reply['ok'] else 'refused'}")
            if not reply["ok"]:
                assert reply["message"]
                pdt.assert_frame_equal(m.data, before)
        elif op[0] == "persona":
            m.active_persona = op[1]
        else:
            reply = view.history(op[0])
            assert reply["ok"] is True
        # Each view always holds what a fresh encoding of the table gives.
        assert m._journey == encode(m._state, m._spec, m._journey["revision"])
        assert m2._journey == encode(m2._state, m2._spec, m2._journey["revision"])
        assert m2.lanes == m.lanes
        if priority_column(m) is not None:
            ranked = m.priorities()
            assert set(ranked.index) <= set(m.data.index)
    while m.undo() is not None:
        pass
    pdt.assert_frame_equal(m.data, start)
    # The lanes are the last table's, as a fresh map shows them.
    fresh = JourneyMap(start, persona="persona")
    assert m.lanes == m2.lanes == fresh.lanes
    assert m._journey["lanes"] == fresh._journey["lanes"]
    assert m._journey["cells"] == fresh._journey["cells"]


def test_undo_of_a_cell_emptied_in_a_nullable_column_says_what_it_did() -> None:
    frame = journey().assign(visits=pd.array([5, 4, 3, 2, 1, None, 7], dtype="Int64"))
    m = JourneyMap(frame, persona="persona")
    view = FakeView(m)
    assert view.edit(kind="set_cell", id=view.id_of(11), column="visits", value=None)["ok"]
    reply = view.history("undo")
    assert reply["ok"] is True
    assert reply["notice"] == (
        "Undone: Visits of step \u201cVoir la pub\u201d: (empty) \u2192 \u201c5\u201d (persona Ana)"
    )
    pdt.assert_frame_equal(m.data, frame)
    reply = view.history("redo")
    assert reply["ok"] is True
    assert "(empty)" in reply["notice"]


def test_undo_of_priorities_a_linked_map_declared_drops_its_lane_and_redo_brings_it_back():
    import cjm_widgets

    frame = pd.DataFrame({"stage": ["A", "A", "B"], "step": ["s1", "s2", "s3"]})
    m = JourneyMap(frame)
    m.add_priorities(pd.DataFrame({"step": ["s1", "s3"], "priority": [2, 1]}))
    m2 = JourneyMap(m.data, lanes=["priority"])
    cjm_widgets.link(m, m2)
    assert m.undo() is not None
    pdt.assert_frame_equal(m.data, frame)
    assert [lane.column for lane in m2.lanes] == []
    assert m2._journey == encode(m2._state, m2._spec, m2._journey["revision"])
    assert m.redo() is not None
    assert [lane.column for lane in m2.lanes] == ["priority"]
    assert m2.data["priority"].tolist() == [2, pd.NA, 1]


def test_an_undo_no_view_can_show_changes_nothing_and_stays_in_the_history(monkeypatch):
    m = JourneyMap(journey(), persona="persona")
    view = FakeView(m)
    assert view.edit(kind="set_cell", id=view.id_of(12), column="pain", value="Trop cher")["ok"]
    edited = m.data.copy()
    real = JourneyMap._document_changed
    calls = {"n": 0}

    def fails_once(self: JourneyMap, edit: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 1:
            raise CJMError("cannot show it")
        real(self, edit)

    monkeypatch.setattr(JourneyMap, "_document_changed", fails_once)
    reply = view.history("undo")
    assert reply["ok"] is False
    assert "cannot show it" in reply["message"]
    pdt.assert_frame_equal(m.data, edited)
    # The edit is still there to undo.
    assert view.history("undo")["ok"] is True
    pdt.assert_frame_equal(m.data, journey())


def test_whole_decimals_from_duckdb_are_ranks_and_other_numbers_are_called_ranks_gone_wrong():
    import duckdb

    from cjm_widgets import InvalidEditError

    frame = pd.DataFrame({"stage": ["A", "A", "B"], "step": ["s1", "s2", "s3"]})
    m = JourneyMap(frame)
    m.add_priorities(
        duckdb.sql("select 's1' as step, 2::HUGEINT as priority union all select 's3', 1::HUGEINT")
    )
    assert m.data["priority"].tolist() == [2, pd.NA, 1]
    before = m.data.copy()
    with pytest.raises(InvalidEditError, match=r"Decimal\('2\.5'\).*not a rank"):
        m.add_priorities(
            duckdb.sql("select 's1' as step, 2.5::DECIMAL(5,1) as priority"), column="p2"
        )
    pdt.assert_frame_equal(m.data, before)
