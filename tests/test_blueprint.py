"""The service blueprint: lane groups, their order, the wire and the journey file."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cjm_widgets import JourneyMap, Lane, templates
from cjm_widgets.errors import InvalidArgumentError, JourneyFileError
from cjm_widgets.keep.journey_file import dumps, loads
from cjm_widgets.table.groups import GROUPS, blueprint_order, group_of_name


def _table(columns: list[str]) -> pd.DataFrame:
    data = {"stage": ["A", "A", "B"], "step": ["s1", "s2", "s3"]}
    data.update({c: [f"{c} 1", f"{c} 2", None] for c in columns})
    return pd.DataFrame(data)


@pytest.mark.parametrize(
    ("name", "group"),
    [
        ("Physical evidence", "evidence"),
        ("preuves physiques", "evidence"),
        ("Preuve", "evidence"),
        ("customer_actions", "customer"),
        ("Actions client", "customer"),
        ("client", "customer"),
        ("action", "customer"),
        ("frontstage", "frontstage"),
        ("Front-Office", "frontstage"),
        ("visible", "frontstage"),
        ("onstage contact actions", "frontstage"),
        ("backstage actions", "backstage"),
        ("BACK OFFICE", "backstage"),
        ("coulisses", "backstage"),
        ("support processes", "support"),
        ("Systèmes", "support"),
        ("systèmes d'information", "support"),
    ],
)
def test_a_column_name_tells_its_group_in_english_and_french(name: str, group: str) -> None:
    assert group_of_name(name) == group


@pytest.mark.parametrize(
    "name",
    ["thought", "pensée client", "customer_share", "pain", "opportunity", "backstager", "frontal"],
)
def test_other_names_tell_no_group(name: str) -> None:
    # Whole words only, and the generic words (client, customer) only as a whole name.
    assert group_of_name(name) is None


def test_a_declared_group_wins_and_a_wrong_one_is_refused_naming_value_and_choices() -> None:
    m = JourneyMap(
        _table(["backstage", "note"]),
        lanes=[Lane("backstage", group="support"), Lane("note", group="evidence")],
    )
    assert [(lane.column, lane.group) for lane in m.lanes] == [
        ("backstage", "support"),
        ("note", "evidence"),
    ]
    with pytest.raises(InvalidArgumentError) as caught:
        Lane("note", group="coulisses")
    message = str(caught.value)
    assert "'coulisses'" in message
    assert "'note'" in message
    assert all(f"'{g}'" in message for g in GROUPS)
    with pytest.raises(InvalidArgumentError):
        Lane("note", group=3)  # type: ignore[arg-type]


def test_numbers_are_not_grouped_by_name() -> None:
    frame = _table(["support"]).assign(support_tickets=[1, 2, 3])
    groups = {lane.column: lane.group for lane in JourneyMap(frame).lanes}
    assert groups == {"support": "support", "support_tickets": None}
    m = JourneyMap(frame, lanes=["support", Lane("support_tickets", group="support")])
    assert [lane.group for lane in m.lanes] == ["support", "support"]


def test_a_blueprint_puts_ungrouped_lanes_first_then_orders_lanes_by_group_stably() -> None:
    columns = ["thought", "support", "backstage", "systems", "frontstage", "action", "evidence"]
    m = JourneyMap(_table(columns))
    assert [lane.column for lane in m.lanes] == columns  # not a blueprint: table order
    b = JourneyMap(_table(columns), blueprint=True)
    assert [lane.column for lane in b.lanes] == [
        "thought",  # no group: the journey, above its blueprint
        "evidence",
        "action",
        "frontstage",
        "backstage",
        "support",
        "systems",  # two support lanes keep their table order
    ]
    assert blueprint_order([None, "support", "evidence", None, "support"]) == [0, 3, 2, 1, 4]


def test_the_wire_carries_groups_always_and_the_blueprint_flag_when_on() -> None:
    m = JourneyMap(_table(["thought", "backstage", "action"]))
    lanes = {lane["key"]: lane for lane in m._journey["lanes"]}
    assert lanes["backstage"]["group"] == "backstage"
    assert lanes["action"]["group"] == "customer"
    assert "group" not in lanes["thought"]
    assert "blueprint" not in m._journey
    m.blueprint = True  # Python switches it: the views are sent the lanes in blueprint order
    assert m._journey["blueprint"] is True
    assert [lane["key"] for lane in m._journey["lanes"]] == ["thought", "action", "backstage"]
    assert m._journey["cells"][1] == ["action 1", "action 2", None]
    m.blueprint = False
    assert "blueprint" not in m._journey
    assert [lane["key"] for lane in m._journey["lanes"]] == ["thought", "backstage", "action"]
    with pytest.raises(InvalidArgumentError, match="blueprint= takes True or False, not str 'yes'"):
        m.blueprint = "yes"  # type: ignore[assignment]
    with pytest.raises(InvalidArgumentError, match="not int 1"):
        JourneyMap(_table(["action"]), blueprint=1)  # type: ignore[arg-type]


def test_an_edit_in_a_blueprint_lands_in_its_column_and_keeps_the_flag() -> None:
    m = JourneyMap(_table(["thought", "backstage", "action"]), blueprint=True)
    row = m._state.ids.tolist()[1]
    m._apply({"kind": "set_cell", "id": row, "column": "backstage", "value": "Checked"})
    assert m.data["backstage"].tolist()[:2] == ["backstage 1", "Checked"]
    assert m._journey["blueprint"] is True
    assert m._journey["cells"][2][1] == "Checked"  # backstage is lane 2 in blueprint order


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_blueprint_template_shows_every_group_in_order(lang: str) -> None:
    frame = templates.load("service_blueprint", lang=lang)
    assert isinstance(frame, pd.DataFrame)
    m = JourneyMap(frame, persona="persona", blueprint=True)
    groups = [lane.group for lane in m.lanes]
    shown = [g for g in dict.fromkeys(groups) if g is not None]
    assert shown == list(GROUPS)
    assert groups == sorted(groups, key=lambda g: GROUPS.index(g) if g else -1)
    assert frame["persona"].value_counts().min() >= 20


def test_the_journey_file_keeps_groups_and_blueprint_and_old_files_read_the_same() -> None:
    frame = _table(["thought", "backstage"])
    old = JourneyMap(frame, lanes=["thought", Lane("backstage", label="Back")])
    text = dumps(old)
    assert "blueprint" not in text  # as written before it existed
    assert "group" not in text
    assert dumps(loads(text)) == text
    m = JourneyMap(frame, lanes=[Lane("thought", group="frontstage"), "backstage"], blueprint=True)
    saved = dumps(m)
    assert "blueprint: true" in saved
    assert '"group": "frontstage"' in saved
    back = loads(saved)
    assert back.blueprint is True
    assert back.lanes == m.lanes
    assert dumps(back) == saved
    with pytest.raises(JourneyFileError, match=r"blueprint.*true or false"):
        loads(saved.replace("blueprint: true", 'blueprint: "yes"'))
    with pytest.raises(JourneyFileError, match="'wings'"):
        loads(saved.replace('"group": "frontstage"', '"group": "wings"'))


def test_an_offline_page_of_a_blueprint_holds_its_layout(tmp_path: Path) -> None:
    m = JourneyMap(_table(["thought", "backstage", "action"]), blueprint=True)
    page = m.to_html(tmp_path / "map.html").read_text(encoding="utf-8")
    plain = JourneyMap(_table(["thought", "backstage", "action"])).to_html(tmp_path / "p.html")
    assert '"blueprint":true' in page.replace(" ", "")
    assert '"blueprint"' not in plain.read_text(encoding="utf-8")


@given(st.lists(st.sampled_from([*GROUPS, None]), max_size=30))
def test_blueprint_order_is_a_stable_sort_by_group(groups: list[str | None]) -> None:
    order = blueprint_order(groups)
    assert sorted(order) == list(range(len(groups)))  # every lane once
    ranks = [GROUPS.index(g) if g else -1 for g in (groups[i] for i in order)]
    assert ranks == sorted(ranks)  # lanes with no group first, then group by group
    for group in [*GROUPS, None]:  # a group's lanes in the table's order
        mine = [i for i in order if groups[i] == group]
        assert mine == sorted(mine)
