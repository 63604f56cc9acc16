"""JourneyFlow: the transitions table it takes, the order of its steps, what it sends to the
view, the threshold, and its link to a map by step label."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cjm_widgets
from cjm_widgets import (
    EmotionCurve,
    InvalidArgumentError,
    JourneyFlow,
    JourneyMap,
    MissingColumnError,
    MissingValueError,
)
from cjm_widgets.analytics import transitions
from cjm_widgets.errors import InvalidTableError
from cjm_widgets.export import page
from cjm_widgets.widgets.base import Described
from cjm_widgets.widgets.flow import edge_kinds, read_edges, transition_order
from tests.journeys import PAYLOADS


def table(rows: list[tuple[str, str, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["from_step", "to_step", "count"])


STEPS = pd.DataFrame(
    {
        "stage": ["Discover", "Discover", "Buy", "Buy", "Use"],
        "step": ["search", "compare", "cart", "pay", "unbox"],
        "emotion": [0, 1, -1, 2, 3],
    }
)
WALKS = table(
    [
        ("search", "compare", 100),
        ("compare", "cart", 60),
        ("cart", "pay", 40),
        ("pay", "unbox", 38),
        ("cart", "compare", 9),
        ("compare", "compare", 5),
        ("pay", "search", 2),
    ]
)


# -- the table it takes ------------------------------------------------------------------


@pytest.mark.parametrize("column", ["from_step", "to_step", "count"])
def test_a_missing_column_is_named(column: str) -> None:
    with pytest.raises(MissingColumnError, match=repr(column)):
        JourneyFlow(WALKS.drop(columns=column))


def test_other_column_names_are_declared() -> None:
    renamed = WALKS.rename(columns={"from_step": "a", "to_step": "b", "count": "n"})
    flow = JourneyFlow(renamed, from_step="a", to_step="b", count="n")
    assert flow.edges["count"].sum() == WALKS["count"].sum()


@pytest.mark.parametrize("bad", [-1, np.nan, np.inf])
def test_a_count_that_is_not_a_finite_number_at_least_zero_is_refused(bad: float) -> None:
    walks = WALKS.astype({"count": float})
    walks.loc[3, "count"] = bad
    with pytest.raises(InvalidTableError, match=rf"'count'.*row 3.*{re.escape(repr(bad))}"):
        JourneyFlow(walks)


def test_counts_that_are_text_are_refused() -> None:
    with pytest.raises(InvalidTableError, match="'count' must hold numbers"):
        JourneyFlow(WALKS.astype({"count": str}))


def test_a_count_too_large_for_a_whole_count_is_named_with_its_row() -> None:
    walks = WALKS.astype({"count": object})
    walks.loc[2, "count"] = 10**30
    with pytest.raises(InvalidTableError, match=r"'count' at row 2 is 10{30}: too large"):
        JourneyFlow(walks)


def test_whole_counts_held_as_python_objects_are_read_as_numbers() -> None:
    flow = JourneyFlow(WALKS.astype({"count": object}))
    pd.testing.assert_series_equal(flow.edges["count"], JourneyFlow(WALKS).edges["count"])


def test_a_count_that_is_not_a_number_names_its_row() -> None:
    walks = WALKS.astype({"count": object})
    walks.loc[5, "count"] = "many"
    with pytest.raises(InvalidTableError, match=r"'count' must hold numbers.*row 5 is 'many'"):
        JourneyFlow(walks)


@pytest.mark.parametrize("column", ["from_step", "to_step", "count", "median_seconds"])
def test_a_column_the_flow_reads_named_twice_is_refused(column: str) -> None:
    walks = WALKS.assign(median_seconds=30.0)
    twice = pd.concat([walks, walks[[column]]], axis=1)
    with pytest.raises(InvalidTableError, match=f"more than one column is named {column!r}"):
        JourneyFlow(twice)


@pytest.mark.parametrize("column", ["stage", "step"])
def test_a_steps_table_column_named_twice_is_refused(column: str) -> None:
    twice = pd.concat([STEPS, STEPS[[column]]], axis=1)
    with pytest.raises(InvalidTableError, match=f"steps table.*{column!r}"):
        JourneyFlow(WALKS, steps=twice)


@pytest.mark.parametrize("column", ["from_step", "to_step"])
def test_a_missing_step_is_named_with_its_row(column: str) -> None:
    walks = WALKS.copy()
    walks.loc[4, column] = None
    with pytest.raises(MissingValueError, match=rf"{column}.*row 4"):
        JourneyFlow(walks)


def test_repeated_pairs_are_summed_and_shares_follow_the_counts() -> None:
    edges = read_edges(
        table([("a", "b", 3), ("a", "c", 1), ("a", "b", 4)]), "from_step", "to_step", "count"
    )
    assert edges[["from_step", "to_step", "count"]].values.tolist() == [
        ["a", "b", 7],
        ["a", "c", 1],
    ]
    assert edges["share"].tolist() == [7 / 8, 1 / 8]


def test_the_analytics_transitions_table_is_drawn_as_it_comes() -> None:
    events = pd.DataFrame(
        {
            "customer_id": [1, 1, 1, 2, 2, 2, 2],
            "step": ["search", "compare", "cart", "search", "compare", "compare", "cart"],
            "timestamp": pd.to_datetime(
                ["2024-01-01 10:00", "10:05", "10:09", "11:00", "11:01", "11:03", "11:30"],
                format="mixed",
            ),
        }
    )
    t = transitions(events, ends=True)
    flow = JourneyFlow(t, steps=STEPS)
    assert flow.steps == ["path_start", "search", "compare", "cart", "pay", "unbox", "path_end"]
    alone = JourneyFlow(t).steps
    assert (alone[0], alone[-1]) == ("path_start", "path_end")
    assert sorted(alone) == sorted(flow.steps[:4] + flow.steps[-1:])
    loop = flow.edges.set_index(["from_step", "to_step"]).loc[("compare", "compare")]
    assert (loop["count"], loop["kind"], loop["median_seconds"]) == (1, "loop", 120)


# -- the order of the steps --------------------------------------------------------------


def test_steps_follow_the_steps_table_stage_by_stage() -> None:
    # The walks alone would put "pay" before "cart": the table's order wins.
    walks = table([("search", "pay", 50), ("pay", "cart", 40), ("cart", "unbox", 3)])
    flow = JourneyFlow(walks, steps=STEPS)
    assert flow.steps == ["search", "compare", "cart", "pay", "unbox"]
    assert flow._flow["stages"] == ["Discover", "Buy", "Use"]
    assert flow._flow["stage_of"] == [0, 0, 1, 1, 2]
    assert flow.edges["kind"].tolist() == ["forward", "back", "forward"]


def test_steps_follow_a_map_and_its_stage_order() -> None:
    frame = STEPS.iloc[[2, 3, 0, 1, 4]].astype({"stage": "category"})
    frame["stage"] = frame["stage"].cat.reorder_categories(["Discover", "Buy", "Use"])
    m = JourneyMap(frame)
    assert JourneyFlow(WALKS, steps=m).steps == ["search", "compare", "cart", "pay", "unbox"]
    assert JourneyFlow(WALKS, map=m).steps == ["search", "compare", "cart", "pay", "unbox"]


def test_a_steps_table_must_cover_the_transitions() -> None:
    walks = table([("search", "<b>help</b>", 3), ("help desk", "pay", 1)])
    with pytest.raises(InvalidArgumentError, match=r"'<b>help</b>', 'help desk'"):
        JourneyFlow(walks, steps=STEPS)


def test_a_steps_table_names_its_columns() -> None:
    with pytest.raises(MissingColumnError, match="'phase'"):
        JourneyFlow(WALKS, steps=STEPS, stage="phase")
    renamed = STEPS.rename(columns={"stage": "phase", "step": "touchpoint"})
    assert JourneyFlow(WALKS, steps=renamed, stage="phase", step="touchpoint").steps[0] == "search"


def test_without_steps_the_heaviest_transitions_give_the_order() -> None:
    # b → c outweighs c → b, so b goes first; the light a ⇄ d cycle is broken at its lighter edge.
    walks = table(
        [("c", "b", 2), ("b", "c", 50), ("a", "b", 30), ("d", "a", 1), ("a", "d", 9), ("c", "c", 4)]
    )
    order = JourneyFlow(walks).steps
    assert order.index("b") < order.index("c")
    assert order.index("a") < order.index("b")
    assert order.index("a") < order.index("d")
    kinds = dict(
        zip(zip(walks.from_step, walks.to_step, strict=True), edge_kinds(walks, order), strict=True)
    )
    assert kinds[("c", "b")] == "back"
    assert kinds[("d", "a")] == "back"
    assert kinds[("c", "c")] == "loop"


@st.composite
def acyclic_walks(draw: st.DrawFn) -> tuple[list[str], pd.DataFrame]:
    names = draw(st.lists(st.text(min_size=1, max_size=4), min_size=1, max_size=8, unique=True))
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, len(names) - 1), st.integers(0, len(names) - 1)),
            min_size=1,
            max_size=20,
        )
    )
    counts = draw(st.lists(st.integers(1, 100), min_size=len(pairs), max_size=len(pairs)))
    rows = [
        (names[min(a, b)], names[max(a, b)], c) for (a, b), c in zip(pairs, counts, strict=True)
    ]
    rows = draw(st.permutations(rows))
    return names, table(rows)


@settings(deadline=None)  # each example builds a widget
@given(acyclic_walks())
def test_walks_that_never_go_back_are_drawn_with_no_back_edge(
    case: tuple[list[str], pd.DataFrame],
) -> None:
    _, walks = case
    flow = JourneyFlow(walks)
    walked = set(walks.from_step) | set(walks.to_step)
    assert sorted(flow.steps) == sorted(walked)
    edges = flow.edges
    assert "back" not in set(edges["kind"])
    encoded = flow._flow
    for i, (a, b) in enumerate(zip(encoded["from"], encoded["to"], strict=True)):
        assert (flow.steps[a], flow.steps[b]) == tuple(edges.iloc[i][["from_step", "to_step"]])
    assert sum(encoded["count"]) == walks["count"].sum()


@settings(deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abcdef"), st.sampled_from("abcdef"), st.integers(0, 9))))
def test_any_walks_give_each_step_once(rows: list[tuple[str, str, int]]) -> None:
    walks = table(rows)
    order = transition_order(read_edges(walks, "from_step", "to_step", "count"))
    assert sorted(order) == sorted(set(walks.from_step) | set(walks.to_step))


# -- the threshold ----------------------------------------------------------------------


def test_min_count_hides_rare_transitions() -> None:
    flow = JourneyFlow(WALKS, steps=STEPS, min_count=10)
    assert flow.edges.loc[flow.edges["shown"], "count"].tolist() == [100, 60, 40, 38]
    flow.min_count = 0
    assert flow.edges["shown"].all()
    assert flow.get_state("min_count")["min_count"] == 0


@pytest.mark.parametrize("bad", [-1, float("nan"), float("inf"), "3", True, None])
def test_min_count_must_be_a_number_at_least_zero(bad: object) -> None:
    flow = JourneyFlow(WALKS)
    with pytest.raises(InvalidArgumentError, match=re.escape(repr(bad))):
        flow.min_count = bad
    assert flow.min_count == 1
    with pytest.raises(InvalidArgumentError):
        JourneyFlow(WALKS, min_count=bad)  # type: ignore[arg-type]


# -- linked to a map ---------------------------------------------------------------------


def persona_map() -> JourneyMap:
    frame = pd.DataFrame(
        {
            "persona": ["Ana"] * 4 + ["Bo"] * 3,
            "stage": ["Discover", "Discover", "Buy", "Buy", "Discover", "Buy", "Use"],
            "step": ["search", "compare", "cart", "pay", "search", "pay", "unbox"],
        },
        index=[f"r{i}" for i in range(7)],
    )
    return JourneyMap(frame, persona="persona")


def test_selecting_a_step_in_the_flow_selects_it_on_the_map() -> None:
    m = persona_map()
    flow = JourneyFlow(WALKS, map=m)
    assert m.active_persona == "Ana"
    flow.selected = "pay"  # as the view sets it
    assert m.selected == ["r3"]
    flow.selected = "unbox"  # Ana has no such step: Bo's map shows it
    assert m.active_persona == "Bo"
    assert m.selected == ["r6"]
    flow.selected = None
    assert m.selected == []


def test_selecting_a_step_on_the_map_selects_it_in_the_flow() -> None:
    m = persona_map()
    flow = JourneyFlow(WALKS, map=m)
    m.selected = ["r1"]
    assert flow.selected == "compare"
    m.selected = []
    assert flow.selected is None
    m.active_persona = "Bo"
    m.selected = ["r5"]
    assert flow.selected == "pay"
    flow.unlink()
    m.selected = ["r4"]
    assert flow.selected == "pay"
    flow.selected = "cart"
    assert m.selected == ["r4"]


def test_a_step_of_a_persona_not_shown_selects_it_in_the_flow() -> None:
    # Personas side by side: a click on Ana's sub-row while the persona last shown is Bo.
    m = persona_map()
    m.compare_personas = True
    flow = JourneyFlow(WALKS, map=m)
    m.active_persona = "Bo"
    m.selected = ["r1"]
    assert flow.selected == "compare"
    m.selected = ["r5"]  # Bo's own step comes first
    assert flow.selected == "pay"


def test_a_step_no_flow_has_is_refused() -> None:
    flow = JourneyFlow(WALKS)
    with pytest.raises(InvalidArgumentError, match="'nowhere'"):
        flow.selected = "nowhere"


@pytest.mark.parametrize("bad", [5, 2.5, ["search"], b"search"])
def test_selected_takes_a_label_or_none(bad: object) -> None:
    flow = JourneyFlow(WALKS)
    flow.selected = "search"
    with pytest.raises(InvalidArgumentError, match=re.escape(repr(bad))):
        flow.selected = bad
    assert flow.selected == "search"
    flow.selected = None
    assert flow.selected is None


def test_map_takes_a_journey_map() -> None:
    with pytest.raises(InvalidArgumentError, match="DataFrame"):
        JourneyFlow(WALKS, map=STEPS)  # type: ignore[arg-type]


# -- hostile labels and the page ---------------------------------------------------------


def hostile_flow() -> tuple[JourneyMap, JourneyFlow]:
    steps = [f"{p} {i}" if i else p for i, p in enumerate(PAYLOADS)]
    frame = pd.DataFrame({"stage": PAYLOADS, "step": steps})
    walks = table(
        [(a, b, i + 1) for i, (a, b) in enumerate(zip(steps, steps[1:] + steps[:1], strict=True))]
    )
    m = JourneyMap(frame)
    return m, JourneyFlow(walks, map=m, title="<i>flow</i>")


def test_hostile_labels_travel_as_text_and_link_by_label() -> None:
    m, flow = hostile_flow()
    assert flow._flow["nodes"] == list(m.data["step"])
    assert flow._flow["stages"] == PAYLOADS
    flow.selected = "__proto__ 6"
    assert m.selected == [6]
    m.selected = [0]
    assert flow.selected == PAYLOADS[0]


def test_the_page_escapes_every_label(tmp_path: Path) -> None:
    m, flow = hostile_flow()
    path = cjm_widgets.to_html(tmp_path / "flow.html", [m, flow])
    text = path.read_text(encoding="utf-8")
    assert 'data-cjm-kind="flow"' in text
    assert "window.__pwned" in text  # the labels are there, as data
    for payload in PAYLOADS:
        if "<" in payload:  # as markup it would run or draw: only its escaped forms are there
            assert payload not in text
    assert text.count("<script") == 1 + 2  # the renderer and two saved states
    floor = flow._floor()
    assert "<script" not in floor
    assert html.escape(PAYLOADS[0]) in floor
    bundle = flow._repr_mimebundle_()
    assert bundle is not None
    assert 'data-cjm-kind="flow"' in bundle[0]["text/html"]


def test_a_flow_alone_is_a_page(tmp_path: Path) -> None:
    flow = JourneyFlow(WALKS, steps=STEPS, title="Flows", lang="fr-FR")
    assert flow.lang == "fr"
    text = flow.to_html(tmp_path / "alone.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in text
    assert text.count('data-cjm-kind="flow"') == 1
    assert cjm_widgets.to_html(tmp_path / "again.html", flow).read_text(encoding="utf-8") == text
    with pytest.raises(InvalidArgumentError, match="'klingon'"):
        flow.lang = "klingon"
    assert "JourneyFlow" in cjm_widgets.__all__


# -- the widgets' shared base ------------------------------------------------------------


@pytest.mark.parametrize("name", ["title", "description", "lang"])
def test_the_flow_says_what_it_shows_as_the_journey_widgets_do(name: str) -> None:
    # One declaration, on the shared base: the same trait (help, default, lang's check).
    shared = Described.class_traits()[name]
    for widget in (JourneyFlow, JourneyMap, EmotionCurve):
        assert widget.class_traits()[name] is shared, widget.__name__


def test_a_flow_whose_static_form_fails_still_shows_live(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object, **_kwargs: object) -> str:
        raise RuntimeError("no static form")

    monkeypatch.setattr(page, "fragment", broken)
    bundle = JourneyFlow(WALKS)._repr_mimebundle_()
    assert bundle is not None
    assert "application/vnd.jupyter.widget-view+json" in bundle[0]
    assert "cjm-static" not in bundle[0].get("text/html", "")


def test_on_a_page_a_flow_is_its_own_group_and_linked_maps_share_one() -> None:
    m = JourneyMap(STEPS)
    other = JourneyMap(STEPS)
    cjm_widgets.link(m, other)
    flow = JourneyFlow(WALKS, map=m)
    text = page.page([m, other, flow, JourneyFlow(WALKS)])
    groups = [
        json.loads(s)["group"] for s in re.findall(r"vnd\.cjm-widget\+json\">(.*?)</script>", text)
    ]
    assert groups == ["0", "0", "1", "2"]
