"""The importance–performance chart and its link to a map's selection."""

from __future__ import annotations

import json
import re

import altair as alt
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cjm_widgets import CJMError, JourneyMap, MissingColumnError
from cjm_widgets.analytics import importance_performance as ipa_table
from cjm_widgets.charts import ChartLink, importance_performance, link_chart
from cjm_widgets.export.priority import Box, place_labels, text_box_size

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(2)</script>",
    "</style>",
    "constructor",
    "__proto__",
    "a\u2028b",
    "ctrl\x0bchar\x01",
]


def ipa(steps: list[str], seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    importance = rng.uniform(0.01, 0.2, len(steps))
    performance = rng.uniform(2.5, 4.5, len(steps))
    drivers = pd.DataFrame(
        {
            "driver": steps,
            "importance": importance,
            "ci_low": importance * 0.7,
            "ci_high": importance * 1.3,
        }
    )
    scores = pd.DataFrame(
        {
            "step": steps,
            "mean": performance,
            "mean_ci_low": performance - 0.2,
            "mean_ci_high": performance + 0.2,
        }
    )
    return ipa_table(drivers, scores)


def of_persona(table: pd.DataFrame, persona: str) -> pd.DataFrame:
    """A table as importance_performance(..., by="persona") gives it: the group first."""
    return table.assign(persona=persona)[["persona", *table.columns]]


def spec_of(chart: alt.TopLevelMixin) -> dict:
    return chart.to_dict()


def test_chart_carries_a_step_selection_a_highlight_param_and_the_cut_lines() -> None:
    table = ipa(["See ad", "Compare", "Pay", "Deliver"])
    spec = spec_of(importance_performance(table))
    params = spec.get("params", []) + [
        p for layer in spec["layer"] for p in layer.get("params", [])
    ]
    names = {p["name"] for p in params}
    assert {"step", "highlight"} <= names
    pick = next(p for p in params if p["name"] == "step")
    assert pick["select"]["fields"] == ["step"]
    text = json.dumps(spec)
    for quadrant in ("concentrate here", "keep up the good work", "low priority"):
        assert quadrant in text
    cuts = [d for d in spec["datasets"].values() if d and set(d[0]) == {"x", "y"}]
    assert cuts == [[{"x": table["performance_cut"][0], "y": table["importance_cut"][0]}]]


def test_chart_refuses_a_table_of_several_groups_and_names_missing_columns() -> None:
    table = ipa(["a", "b", "c"])
    two = pd.concat([of_persona(table, "Ana"), of_persona(table, "Bo")])
    with pytest.raises(CJMError, match=r"several groups.*'persona'"):
        importance_performance(two)
    # One group is fine.
    importance_performance(two[two["persona"] == "Ana"])
    # Columns merged in after the step (pains, owners) are not groups.
    merged = table.assign(pain=["Slow", "Lost", None], owner=["A", "B", "C"])
    assert importance_performance(merged).usermeta == {"cjm_group": {}}
    with pytest.raises(MissingColumnError, match="quadrant"):
        importance_performance(table.drop(columns="quadrant"))
    with pytest.raises(CJMError, match="not a list"):
        importance_performance([1, 2])


def test_labels_of_the_drawn_chart_do_not_overlap_each_other_or_points() -> None:
    steps = [f"Étape {i} — parcours client numéro {i}" for i in range(30)]
    chart = importance_performance(ipa(steps, seed=3))
    data = next(v for v in spec_of(chart)["datasets"].values() if v and "label_x" in v[0])
    boxes = []
    for row in data:
        if row["label_x"] is None:
            continue
        w, h = text_box_size(row["label"])
        boxes.append(Box(row["label_x"] - 2, row["label_y"] - 2, w, h))
    assert len(boxes) >= 15, "most names find a place"
    for i, a in enumerate(boxes):
        assert a.inside(520, 380)
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(0, 400), st.floats(0, 300), st.text(min_size=0, max_size=30)),
        min_size=1,
        max_size=40,
    )
)
def test_placed_labels_never_overlap_and_stay_inside(rows: list) -> None:
    points = [(x, y) for x, y, _ in rows]
    texts = [t for _, _, t in rows]
    reserved = [Box(0, 0, 100, 16)]
    boxes = place_labels(points, texts, 400, 300, reserved)
    placed = [b for b in boxes if b is not None]
    for i, a in enumerate(placed):
        assert a.inside(400, 300)
        assert not a.overlaps(reserved[0])
        for x, y in points:
            assert not a.overlaps(Box(x - 6, y - 6, 12, 12))
        for b in placed[i + 1 :]:
            assert not a.overlaps(b)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_user_text_stays_text_in_the_page_and_the_image(payload: str) -> None:
    chart = importance_performance(ipa([payload, "b " + payload, "c"]), title=payload)
    page = chart.to_html()
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "</style>" not in page.split("<body>", 1)[1] or payload != "</style>"
    # Every script in the page is ours: the bundle, the spec (JSON) and the embed call.
    assert len(re.findall(r"<script", page)) == 3
    vlc = pytest.importorskip("vl_convert")
    svg = vlc.vegalite_to_svg(chart.to_dict())
    assert "<script" not in svg
    assert "onerror=" not in svg.replace("onerror=alert", "")


# -- the link ------------------------------------------------------------------------


def journey() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "persona": ["Ana", "Ana", "Ana", "Bo", "Bo"],
            "stage": ["Find", "Buy", "Buy", "Find", "Buy"],
            "step": ["See ad", "Compare", "Pay", "See ad", "Pay"],
            "pain": [None, "Too many offers", None, None, "Card refused"],
        },
        index=pd.Index([11, 12, 13, 21, 22], name="row"),
    )


def pick(link: ChartLink, *steps: str) -> None:
    """What the chart's view sends when a person clicks points."""
    signal = {"vlPoint": {"or": [{"step": s} for s in steps]}} if steps else None
    link.chart._vl_selections = {"step": {"value": signal, "store": []}}


def test_a_click_on_a_point_selects_the_step_of_the_persona_shown() -> None:
    m = JourneyMap(journey(), persona="persona")
    link = link_chart(m, importance_performance(ipa(["See ad", "Compare", "Pay"])))
    assert isinstance(link.chart, alt.JupyterChart)
    pick(link, "Pay")
    assert m.selected == [13]
    m.active_persona = "Bo"
    pick(link, "See ad", "Pay")
    assert m.selected == [21, 22]
    pick(link, "Compare")  # Bo has no such step
    assert m.selected == []
    pick(link)
    assert m.selected == []


def test_steps_selected_on_the_map_are_ringed_in_the_chart() -> None:
    m = JourneyMap(journey(), persona="persona")
    link = link_chart(m, importance_performance(ipa(["See ad", "Compare", "Pay"])))
    assert link.chart.params.highlight == []
    m.selected = [12, 13]
    assert link.chart.params.highlight == ["Compare", "Pay"]
    # What the view is sent, too.
    assert link.chart._params["highlight"] == ["Compare", "Pay"]
    m.selected = []
    assert link.chart.params.highlight == []
    link.unlink()
    m.selected = [11]
    assert link.chart.params.highlight == []
    pick(link, "Pay")
    assert m.selected == [11]


def test_link_chart_refuses_what_it_cannot_link() -> None:
    m = JourneyMap(journey(), persona="persona")
    with pytest.raises(CJMError, match="JourneyMap"):
        link_chart("map", importance_performance(ipa(["a"])))  # type: ignore[arg-type]
    plain = alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x:Q")
    with pytest.raises(CJMError, match="point selection named 'step'"):
        link_chart(m, plain)


def test_the_linked_chart_is_drawn_offline() -> None:
    m = JourneyMap(journey(), persona="persona")
    link = link_chart(m, importance_performance(ipa(["See ad", "Pay"])))
    esm = link.chart._esm
    assert "cdn.jsdelivr" not in esm
    assert "unpkg.com" not in esm
    assert not re.search(r"""import\s*\(?\s*["']https?://""", esm)


def test_the_axes_hold_every_point_when_the_performance_has_no_interval() -> None:
    drivers = pd.DataFrame({"driver": ["a", "b", "c"], "importance": [0.02, 0.14, 0.05]})
    scores = pd.DataFrame({"step": ["a", "b", "c"], "mean": [4.1, 2.6, 4.4]})
    spec = spec_of(importance_performance(ipa_table(drivers, scores)))
    domains = {}
    for layer in spec["layer"]:
        for channel in ("x", "y"):
            scale = layer.get("encoding", {}).get(channel, {}).get("scale")
            if scale and "domain" in scale:
                domains[layer["encoding"][channel]["field"]] = scale["domain"]
    lo, hi = domains["performance"]
    assert lo < 2.6
    assert hi > 4.4
    lo, hi = domains["importance"]
    assert lo < 0.02
    assert hi > 0.14


def test_a_title_vega_would_misread_still_draws() -> None:
    vlc = pytest.importorskip("vl_convert")
    chart = importance_performance(ipa(["a", "b", "c"]), title="constructor")
    assert "constructor" in vlc.vegalite_to_svg(chart.to_dict())


def test_an_emotion_chart_titled_constructor_still_draws() -> None:
    from cjm_widgets import EmotionCurve

    vlc = pytest.importorskip("vl_convert")
    frame = pd.DataFrame({"stage": ["A", "B"], "step": ["x", "y"], "emotion": [1, -1]})
    chart = EmotionCurve(frame).to_altair().properties(title="toString")
    assert "toString" in vlc.vegalite_to_svg(chart.to_dict())


def test_a_chart_of_one_persona_selects_that_personas_steps_whatever_the_map_shows() -> None:
    m = JourneyMap(journey(), persona="persona")
    table = of_persona(ipa(["See ad", "Pay"]), "Bo")
    link = link_chart(m, importance_performance(table))
    assert link.persona == "Bo"
    assert m.active_persona == "Ana"
    pick(link, "Pay")
    assert m.active_persona == "Bo"
    assert m.selected == [22]
    assert link.chart.params.highlight == ["Pay"]
    # Ana's "Pay" is another step: not ringed in Bo's chart.
    m.selected = [13]
    assert link.chart.params.highlight == []
    m.selected = [13, 21]
    assert link.chart.params.highlight == ["See ad"]


def test_a_chart_of_a_persona_the_map_lacks_is_refused() -> None:
    m = JourneyMap(journey(), persona="persona")
    chart = importance_performance(of_persona(ipa(["See ad", "Pay"]), "Cy"))
    with pytest.raises(CJMError, match=r"persona 'Cy'.*does not have"):
        link_chart(m, chart)


def crowded_rows() -> list[dict]:
    steps = [f"Étape numéro {i} du parcours" for i in range(40)]
    drivers = pd.DataFrame(
        {"driver": steps, "importance": [0.1 + (i % 3) * 1e-3 for i in range(40)]}
    )
    scores = pd.DataFrame({"step": steps, "mean": [3.0 + (i % 4) * 1e-2 for i in range(40)]})
    spec = spec_of(importance_performance(ipa_table(drivers, scores)))
    return next(v for v in spec["datasets"].values() if v and "label_x" in v[0])


def test_every_point_has_a_name_to_show_at_least_while_it_is_ringed() -> None:
    rows = crowded_rows()
    placed = [r for r in rows if r["label_x"] is not None]
    spare = [r for r in rows if r["spare_x"] is not None]
    assert len(placed) + len(spare) == len(rows)
    assert spare, "a crowded chart leaves some names to show only when ringed"
    for r in spare:
        w, h = text_box_size(r["label"])
        assert Box(r["spare_x"] - 2, r["spare_y"] - 2, w, h).inside(520, 380)


def test_leader_lines_pass_over_no_other_point() -> None:
    chart = importance_performance(ipa([f"Step {i} of the journey" for i in range(30)], seed=5))
    rows = next(v for v in spec_of(chart)["datasets"].values() if v and "label_x" in v[0])
    with_leader = [r for r in rows if r["leader_x"] is not None]
    points = [(r["point_x"], r["point_y"]) for r in rows]
    assert with_leader, "some names sit away from their point"
    for r in with_leader:
        for t in np.linspace(0.1, 1, 10):
            x = r["point_x"] + (r["leader_x"] - r["point_x"]) * t
            y = r["point_y"] + (r["leader_y"] - r["point_y"]) * t
            for px, py in points:
                if (px, py) == (r["point_x"], r["point_y"]):
                    continue
                assert not (abs(x - px) < 5 and abs(y - py) < 5)


def test_wide_characters_are_given_room() -> None:
    narrow, _ = text_box_size("illicite")
    latin, _ = text_box_size("commande")
    wide, _ = text_box_size("顧客の旅程")
    emoji, _ = text_box_size("🚀🚀🚀🚀🚀")
    assert narrow < latin
    assert wide > 5 * 11
    assert emoji > 5 * 11
