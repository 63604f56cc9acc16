"""EmotionCurve without a browser: edits, snapping, evidence, errors, link and altair."""

from __future__ import annotations

import html
import json
import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pandas.testing as pdt
import pytest

from cjm_widgets import (
    EmotionCurve,
    EvidenceError,
    InvalidEditError,
    InvalidEmotionError,
    JourneyMap,
    link,
)
from cjm_widgets.widgets.curve import snap_value, step_positions

from .conftest import FakeView, cells


def two_personas() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "persona": ["Ana", "Ana", "Ana", "Bo", "Bo"],
            "stage": ["Discover", "Choose", "Buy", "Discover", "Buy"],
            "step": ["See ad", "Compare", "Pay", "See ad", "Pay"],
            "emotion": [0.0, -1.0, 2.0, 1.0, np.nan],
            "pain": [None, "Too many options", None, None, "Card refused"],
            "moment_of_truth": [None, "one-off", None, None, None],
        },
        index=pd.Index([11, 12, 13, 21, 22], name="row"),
    )


@pytest.fixture
def curve() -> FakeView:
    return FakeView(EmotionCurve(two_personas(), persona="persona"))


def test_a_drag_lands_snapped_and_clamped_in_the_dataframe(curve):
    structure = curve.widget._curve
    reply = curve.edit(kind="set_emotion", id=curve.id_of(11), value=1.6)
    assert curve.widget._curve is structure  # only the emotion values are sent again
    assert reply["ok"] is True
    assert curve.widget.data.loc[11, "emotion"] == 2.0
    curve.edit(kind="set_emotion", id=curve.id_of(12), value=-7.2)
    assert curve.widget.data.loc[12, "emotion"] == -3.0
    expected = two_personas()
    expected.loc[11, "emotion"] = 2.0
    expected.loc[12, "emotion"] = -3.0
    pdt.assert_frame_equal(curve.widget.data, expected)
    assert curve.widget._emotion["values"][:2] == [2.0, -3.0]


@pytest.mark.parametrize(
    ("value", "scale", "snap", "expected"),
    [
        (1.5, (-3, 3), True, 2.0),
        (-1.5, (-3, 3), True, -1.0),  # half-way rounds up, as the browser's Math.round does
        (0.26, (-3, 3), False, 0.26),
        (3.4, (-3, 3), False, 3.0),
        (-9.0, (-3, 3), True, -3.0),
        (4.4, (1, 10), True, 4.0),
        (0.2, (1, 10), True, 1.0),
        (1.2, (0.5, 4.5), True, 1.5),
    ],
)
def test_snap_value(value, scale, snap, expected):
    assert snap_value(value, scale, snap) == pytest.approx(expected)


def test_without_snapping_values_between_steps_are_kept():
    frame = two_personas()
    c = FakeView(EmotionCurve(frame, persona="persona", snap=False))
    c.edit(kind="set_emotion", id=c.id_of(13), value=1.25)
    assert c.widget.data.loc[13, "emotion"] == 1.25


def test_snap_false_on_a_whole_number_column_is_refused_with_a_way_out():
    frame = two_personas().dropna(subset=["emotion"]).astype({"emotion": "int64"})
    with pytest.raises(InvalidEmotionError, match=r"astype\(float\)"):
        EmotionCurve(frame, persona="persona", snap=False)
    c = FakeView(EmotionCurve(frame, persona="persona"))
    c.edit(kind="set_emotion", id=c.id_of(12), value=2.4)
    assert c.widget.data["emotion"].dtype == "int64"
    assert c.widget.data.loc[12, "emotion"] == 2


@pytest.mark.parametrize(
    ("op", "message"),
    [
        ({"kind": "set_emotion", "value": "high"}, "'high' is not a number"),
        ({"kind": "set_emotion", "value": True}, "is not a number"),
        ({"kind": "set_emotion", "value": float("inf")}, "not a finite number"),
        ({"kind": "delete_step"}, "takes set_emotion edits, not 'delete_step'"),
    ],
)
def test_bad_ops_are_refused_and_change_nothing(curve, op, message):
    before = curve.widget.data
    reply = curve.edit(id=curve.id_of(11), **op)
    assert reply["ok"] is False
    assert message in reply["message"]
    pdt.assert_frame_equal(curve.widget.data, before)


def test_clearing_a_point_and_placing_one_where_there_was_none(curve):
    curve.edit(kind="set_emotion", id=curve.id_of(22), value=-2)
    assert curve.widget.data.loc[22, "emotion"] == -2.0
    curve.edit(kind="set_emotion", id=curve.id_of(22), value=None)
    assert math.isnan(curve.widget.data.loc[22, "emotion"])


def test_one_drag_is_one_step_of_undo(curve):
    row = curve.id_of(13)
    for value, gesture in [(1.0, 7), (0.0, 7), (-1.0, 7), (-2.0, 7)]:
        curve.requests += 1
        curve.widget._handle_custom_msg(
            {
                "type": "edit",
                "request": curve.requests,
                "op": {"kind": "set_emotion", "id": row, "value": value},
                "gesture": gesture,
            },
            [],
        )
    curve.edit(kind="set_emotion", id=curve.id_of(11), value=3)
    edits = []
    curve.widget.on_edit(edits.append)
    assert curve.widget.undo().label == 11
    undone = curve.widget.undo()
    assert (undone.old, undone.new, undone.via) == (-2.0, 2.0, "undo")
    pdt.assert_frame_equal(curve.widget.data, two_personas())
    assert curve.widget.undo() is None
    assert len(edits) == 2


def test_set_emotion_from_python_is_strict_and_undoable():
    c = EmotionCurve(two_personas(), persona="persona")
    seen = []
    c.on_edit(seen.append)
    edit = c.set_emotion("Pay", -1, persona="Bo")
    assert (edit.label, edit.new, edit.via) == (22, -1.0, "python")
    assert c.data.loc[22, "emotion"] == -1.0
    with pytest.raises(InvalidEmotionError, match="off the scale"):
        c.set_emotion("Pay", 5, persona="Bo")
    with pytest.raises(InvalidEditError, match="pass persona"):
        c.set_emotion("Pay", 1)
    with pytest.raises(InvalidEditError, match="no step 'Nap'"):
        c.set_emotion("Nap", 1, persona="Ana")
    c.undo()
    assert math.isnan(c.data.loc[22, "emotion"])
    assert len(seen) == 2


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        (
            lambda f: f.assign(emotion=["sad", 1, 2, 3, 0]),
            InvalidEmotionError,
            "'sad' is not a number",
        ),
        (
            lambda f: f.assign(emotion=[0, 1, 5, 0, 0]),
            InvalidEmotionError,
            "emotion 5 in column 'emotion' is off the scale .* \\(rows 13\\)",
        ),
        (
            lambda f: f.drop(columns="emotion"),
            KeyError,
            "emotion column 'emotion' is not in the DataFrame",
        ),
        (
            lambda f: f.assign(emotion=pd.Series([None] * 5, dtype=object, index=f.index)),
            InvalidEmotionError,
            "has no values and dtype object; give it a numeric dtype",
        ),
    ],
)
def test_bad_emotions_are_named(change, error, message):
    with pytest.raises(error, match=message):
        EmotionCurve(change(two_personas()), persona="persona")


def test_scale_labels_are_checked():
    with pytest.raises(InvalidEmotionError, match="label key 4 is off the scale"):
        EmotionCurve(two_personas(), persona="persona", labels={4: "ecstatic"})
    c = EmotionCurve(
        two_personas(), persona="persona", labels={-3: "très négatif", 0: "neutre", 3: "😀"}
    )
    assert c._curve["ticks"] == [[-3.0, "très négatif"], [0.0, "neutre"], [3.0, "😀"]]
    plain = EmotionCurve(two_personas().assign(emotion=5.0), persona="persona", scale=(1, 10))
    assert [v for v, _ in plain._curve["ticks"]] == [float(v) for v in range(1, 11)]


RESPONSES = pd.DataFrame(
    {
        "persona": ["Ana"] * 5 + ["Bo"] * 2,
        "step": ["See ad", "See ad", "See ad", "Compare", "Compare", "See ad", "Pay"],
        "score": [1, 2, 3, -2, np.nan, 0, -1],
    }
)


def test_evidence_from_responses_is_n_mean_and_a_t_interval():
    c = EmotionCurve(two_personas(), persona="persona", evidence=RESPONSES)
    ev = c.evidence
    see_ad = ev.loc[11]
    # 1, 2, 3: mean 2, sd 1, t(0.975, 2 df) = 4.303, half-width 4.303 / sqrt(3) = 2.4843.
    assert see_ad["n"] == 3
    assert see_ad["mean"] == pytest.approx(2.0)
    assert see_ad["ci_low"] == pytest.approx(2 - 4.303 / math.sqrt(3))
    assert see_ad["ci_high"] == pytest.approx(2 + 4.303 / math.sqrt(3))
    # A missing answer is not a response; one response has a mean but no interval.
    assert ev.loc[12, "n"] == 1
    assert ev.loc[12, "mean"] == -2.0
    assert math.isnan(ev.loc[12, "ci_low"])
    assert pd.isna(ev.loc[13, "n"])  # no evidence: drawn as assumed
    wire = c._curve["evidence"]
    assert wire["n"] == [3, 1, None, 1, 1]
    assert c.line == "measured"


def test_evidence_from_survey_scores_and_from_columns_agree():
    from cjm_widgets.analytics import survey_scores

    answers = RESPONSES.dropna()
    scores = survey_scores(answers, kind="csat", scale=(-3, 3), persona="persona")
    a = EmotionCurve(two_personas(), persona="persona", evidence=scores).evidence
    b = EmotionCurve(two_personas(), persona="persona", evidence=answers).evidence
    pdt.assert_frame_equal(a, b)
    frame = two_personas().join(b[["n", "mean", "ci_low", "ci_high"]])
    columns = {"n": "n", "mean": "mean", "ci_low": "ci_low", "ci_high": "ci_high"}
    c = EmotionCurve(frame, persona="persona", evidence=columns)
    pdt.assert_frame_equal(c.evidence, b)


@pytest.mark.parametrize(
    ("evidence", "message"),
    [
        (RESPONSES.assign(step="Nap"), "steps that are not in the journey: 'Nap \\(Ana\\)'"),
        (RESPONSES.assign(persona="Cy"), "personas that are not in the journey: 'Cy'"),
        (RESPONSES.drop(columns="persona"), "has no persona column"),
        (RESPONSES.assign(score=9), "score 9 is off the curve's scale"),
        (RESPONSES.assign(score="good"), "'good' is not a number"),
        (RESPONSES.drop(columns="score"), "needs either a 'score' column"),
        (
            pd.DataFrame(
                {
                    "persona": ["Ana"],
                    "step": ["Pay"],
                    "n": [3],
                    "mean": [1.0],
                    "ci_low": [1.5],
                    "ci_high": [2.0],
                }
            ),
            "does not contain its mean",
        ),
        ({"n": "n", "mean": "avg"}, "missing: 'ci_high', 'ci_low'"),
    ],
)
def test_evidence_that_does_not_fit_is_named(evidence, message):
    with pytest.raises(EvidenceError, match=message):
        EmotionCurve(two_personas(), persona="persona", evidence=evidence)


def test_the_measured_line_needs_evidence(curve):
    with pytest.raises(InvalidEditError, match="needs evidence"):
        curve.widget.line = "measured"
    curve.widget.evidence = RESPONSES
    curve.widget.line = "measured"
    points = curve.widget.points().set_index("step", append=True)
    assert points.loc[(11, "See ad"), "value"] == pytest.approx(2.0)  # the mean, not 0
    curve.widget.line = "assumed"
    assert curve.widget.points().loc[11, "value"] == 0.0


def test_steps_line_up_across_personas_in_stage_order():
    frame = two_personas()
    assert step_positions(frame, EmotionCurve(frame, persona="persona")._spec.roles).tolist() == [
        0,
        1,
        2,
        0,
        2,
    ]


def test_points_carry_annotations(curve):
    points = curve.widget.points()
    assert points.loc[12, "moment_of_truth"] == "one-off"
    assert points.loc[22, "pain"] == "Card refused"
    assert list(points["persona"]) == ["Ana", "Ana", "Ana", "Bo", "Bo"]
    wire = curve.widget._curve
    assert wire["moments"][1] == "one-off"
    assert "flags" not in wire
    assert wire["pain"][4] == "Card refused"


def test_the_wire_names_the_interval_as_the_table_does():
    c = EmotionCurve(two_personas(), persona="persona", evidence=RESPONSES)
    evidence = c._curve["evidence"]
    assert set(evidence) == {"n", "mean", "ci_low", "ci_high"}
    for field in ("ci_low", "ci_high"):
        table = c.evidence[field].tolist()
        assert evidence[field] == [None if pd.isna(v) else pytest.approx(v) for v in table]


def test_linked_map_and_curve_share_edits_selection_and_history():
    frame = two_personas()
    m = FakeView(JourneyMap(frame, persona="persona"))
    c = FakeView(EmotionCurve(frame, persona="persona"))
    link(m.widget, c.widget)
    map_edits, curve_edits = [], []
    m.widget.on_edit(map_edits.append)
    c.widget.on_edit(curve_edits.append)

    c.edit(kind="set_emotion", id=c.id_of(13), value=-3)
    assert m.widget.data.loc[13, "emotion"] == -3.0
    assert cells(m.widget._journey, "emotion")[2] == -3.0
    m.edit(kind="set_emotion", id=m.id_of(11), value="2")
    assert c.widget.data.loc[11, "emotion"] == 2.0
    assert c.widget._emotion["values"][0] == 2.0
    assert len(map_edits) == len(curve_edits) == 2

    # A step inserted in the map shows in the curve.
    m.edit(kind="insert_step", after=m.id_of(12))
    assert len(c.widget._curve["ids"]) == 6
    c.widget.undo()
    assert len(m.widget.data) == 5

    m.widget._selected_ids = [m.id_of(12)]
    assert c.widget.selected == [12]
    c.widget.selected = [13, 21]
    assert m.widget.selected == [13, 21]


def test_link_refuses_tables_with_other_rows():
    frame = two_personas()
    m = JourneyMap(frame, persona="persona")
    with pytest.raises(Exception, match="do not hold the same rows"):
        link(m, EmotionCurve(frame.iloc[:3], persona="persona"))


def test_unlink_parts_the_tables():
    frame = two_personas()
    m, c = JourneyMap(frame, persona="persona"), EmotionCurve(frame, persona="persona")
    tie = link(m, c)
    tie.unlink()
    c.set_emotion("Pay", 3, persona="Ana")
    assert m.data.loc[13, "emotion"] == 2.0
    assert c.data.loc[13, "emotion"] == 3.0


def test_replacing_the_data_redraws_and_checks_evidence():
    c = EmotionCurve(two_personas(), persona="persona", evidence=RESPONSES)
    renamed = two_personas().replace({"step": {"Compare": "Weigh up"}})
    with pytest.raises(EvidenceError, match="Compare"):
        c.data = renamed
    assert "Compare" in c._curve["step"]
    c.data = two_personas().assign(emotion=1.0)
    assert c._emotion["values"] == [1.0] * 5


def test_to_altair_draws_the_same_curve():
    c = EmotionCurve(
        two_personas(), persona="persona", evidence=RESPONSES, labels={-3: "awful", 3: "great"}
    )
    spec = c.to_altair().to_dict()
    layers = spec["layer"]
    marks = [
        layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]
        for layer in layers
    ]
    assert "area" not in marks  # no band between steps: an interval is a whisker per step
    whiskers = [layer for layer in layers if layer["mark"].get("type") == "rule"]
    assert any(layer["encoding"].get("y2") == {"field": "ci_high"} for layer in whiskers)
    lines = [layer for layer in layers if layer["mark"].get("type") == "line"]
    assert {layer["mark"]["interpolate"] for layer in lines} == {"monotone"}
    datasets = spec["datasets"]
    points = next(v for v in datasets.values() if len(v) == 5 and "assumed" in v[0])
    assert [p["value"] for p in points] == [2.0, -2.0, 2.0, 0.0, -1.0]  # measured line
    y = next(layer["encoding"]["y"] for layer in lines)
    # The scale's ends, with room beyond them for labels; the axis marks only the scale.
    low, high = y["scale"]["domain"]
    assert low < -3
    assert high > 3
    assert y["axis"]["values"] == [-3, 3]
    assert "awful" in y["axis"]["labelExpr"]
    texts = [layer for layer in layers if layer["mark"].get("type") == "text"]
    labels = [
        row.get("label")
        for layer in texts
        for row in datasets.get(layer.get("data", {}).get("name", ""), [])
    ]
    assert "lowest: Compare" in labels
    assert "highest: See ad" in labels
    assert any(layer["mark"].get("text") == "\u2605" for layer in texts)


TWO_PERSONAS = Path(__file__).parents[1] / "js" / "src" / "curve" / "fixtures" / "two_personas.json"


def test_steps_of_two_personas_align_as_the_view_draws_them():
    # The example geometry.test.ts gives layoutSteps: both sides must place steps alike.
    example = json.loads(TWO_PERSONAS.read_text(encoding="utf-8"))
    frame = pd.DataFrame({k: example[k] for k in ("persona", "stage", "step")})
    frame["emotion"] = 0.0
    roles = EmotionCurve(frame, persona="persona")._spec.roles
    assert step_positions(frame, roles).tolist() == example["position"]
    points = EmotionCurve(frame, persona="persona").points()
    axis = points.drop_duplicates("position").sort_values("position")["step"].tolist()
    assert axis == example["axis"]
    for _, mine in points.groupby("persona"):
        assert mine["position"].is_monotonic_increasing  # each line runs forwards


def test_the_chart_colours_personas_as_the_widget_does():
    # The widget's bundle reads cjm_widgets/palette.json (see js/src/curve/palette.ts and its
    # vitest); the chart must give the n-th persona that same colour, past the 8th too.
    import cjm_widgets

    palette = json.loads(
        (Path(cjm_widgets.__file__).parent / "palette.json").read_text(encoding="utf-8")
    )["personas"]
    names = [f"P{i}" for i in range(10)]
    frame = pd.DataFrame(
        {
            "persona": [p for p in names for _ in range(2)],
            "stage": ["Discover", "Buy"] * 10,
            "step": ["See ad", "Pay"] * 10,
            "emotion": [float(i % 7 - 3) for i in range(20)],
        }
    )
    spec = EmotionCurve(frame, persona="persona").to_altair().to_dict()
    scales = [
        enc["color"]["scale"]
        for layer in spec["layer"]
        for enc in [layer.get("encoding", {})]
        if "scale" in enc.get("color", {})
    ]
    assert scales
    for scale in scales:
        assert scale["domain"] == names
        assert scale["range"] == [palette[i % len(palette)] for i in range(10)]


ARTIFACTS = Path(__file__).parent / "artifacts"

# A journey as a new user drew it: two personas, French step names (one with « »), values at
# both ends of the scale, steps with no emotion yet, and survey evidence at shared steps.
FR_STEPS = [
    ("Découverte", "Voit une pub « Été 2024 »"),
    ("Découverte", "Lit un article de blog"),
    ("Découverte", "Visite le site"),
    ("Achat", "Compare les offres"),
    ("Achat", "Crée un compte"),
    ("Achat", "Paie en ligne"),
    ("Livraison", "Suit le colis"),
    ("Livraison", "Reçoit le colis"),
    ("Livraison", "Ouvre le colis"),
    ("SAV", "Constate une panne"),
    ("SAV", "Appelle la hotline du service client"),
    ("SAV", "Déclare un défaut"),
]
FR_EMOTIONS = {
    "Camille": [1, 0, np.nan, 2, -1, 0, 1, 3, 2, -1, -2, -3],
    "Léo": [0, 1, 2, np.nan, 0, 1, 2, 3, np.nan, -2, -3, -2],
}


def french_curve() -> EmotionCurve:
    frame = pd.DataFrame(
        [
            {"persona": who, "stage": stage, "step": step, "emotion": float(value)}
            for who, values in FR_EMOTIONS.items()
            for (stage, step), value in zip(FR_STEPS, values, strict=True)
        ]
    )
    answers = pd.DataFrame(
        [
            {"persona": who, "step": step, "score": score}
            for who in FR_EMOTIONS
            for step, scores in (
                ("Paie en ligne", [0, 1, -1, 1]),
                ("Appelle la hotline du service client", [-3, -3, -2, -3, -3, -2]),
            )
            for score in scores
        ]
    )
    return EmotionCurve(frame, persona="persona", evidence=answers)


def layer_rows(spec: dict, layer: dict) -> list[dict]:
    return spec["datasets"][layer["data"]["name"]] if "data" in layer else []


def test_to_altair_names_every_step_and_keeps_labels_inside_the_plot():
    c = french_curve()
    chart = c.to_altair()
    spec = chart.to_dict()
    steps = [step for _, step in FR_STEPS]
    # No label overlap removal anywhere (it dropped every other step name).
    assert 'labelOverlap": true' not in json.dumps(spec)
    axes = [
        layer["encoding"]["x"]["axis"]
        for layer in spec["layer"]
        if isinstance(layer.get("encoding", {}).get("x", {}).get("axis"), dict)
    ]
    assert axes
    for axis in axes:
        assert axis["labelOverlap"] is False
        assert axis["values"] == list(range(len(steps)))
        # Vega thins explicit values down to tickCount: it must allow every step.
        assert axis["tickCount"] >= len(steps)
    # Drawn, every step name is an axis label (the longest cut with "…", whole in the tooltip).
    import vl_convert as vlc

    svg = vlc.vegalite_to_svg(spec)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "emotion_curve_altair.svg").write_text(svg, encoding="utf-8")
    drawn = re.findall(r"role-axis-label.*?</g></g>", svg, re.S)
    labels = [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", drawn[0])]
    for step in steps:
        assert step in labels or any(
            t.endswith("\u2026") and step.startswith(t[:-1]) for t in labels
        ), (step, labels)
    tooltips = [t for layer in spec["layer"] for t in layer.get("encoding", {}).get("tooltip", [])]
    assert {"field": "step", "type": "nominal"} in tooltips

    # The highest/lowest labels lie inside the plot, below the stage names and ★ row, above
    # the axis: their y, with room for the text, is within the y scale's domain.
    height = spec["height"]
    label_layers = [
        layer for layer in spec["layer"] if any("label" in r for r in layer_rows(spec, layer))
    ]
    assert label_layers
    for layer in label_layers:
        domain = layer["encoding"]["y"]["scale"]["domain"]
        px = lambda v, d=domain: height * (d[1] - v) / (d[1] - d[0])  # noqa: E731
        for row in layer_rows(spec, layer):
            y = px(row["label_y"])
            assert y - 7 >= 40, (row["label"], y)  # below the stage names and the ★ row
            assert y + 7 <= height - 2, (row["label"], y)  # above the x axis
    labels = [r["label"] for layer in label_layers for r in layer_rows(spec, layer)]
    assert "highest: Reçoit le colis" in labels
    assert "lowest: Déclare un défaut" in labels

    # No opacity scale on a discrete field (vega warned about the stage bands' shading).
    for layer in spec["layer"]:
        opacity = layer.get("encoding", {}).get("opacity", {})
        assert opacity.get("type") not in ("nominal", "ordinal"), opacity


def test_to_altair_leaves_missing_emotions_off_the_line_and_dodges_intervals():
    spec = french_curve().to_altair().to_dict()
    layers = spec["layer"]
    lines = [layer for layer in layers if layer["mark"].get("type") == "line"]
    assert lines
    for layer in lines + [layer for layer in layers if layer["mark"].get("type") == "point"]:
        if layer["encoding"]["y"].get("value") is not None:  # the no-value marks, on the axis
            continue
        # A missing emotion is not a point of the line: filtered out, so the line joins the
        # persona's valued steps over it instead of dropping to 0 or breaking.
        field = layer["encoding"]["y"]["field"]
        field = "value" if field == "solid" else field  # null where unmeasured, to break
        assert f"isValid(datum.{field})" in json.dumps(layer.get("transform", [])), layer
    missing = [
        layer
        for layer in layers
        if layer["encoding"].get("y", {}).get("value") is not None
        and "!isValid(datum.value)" in json.dumps(layer.get("transform", []))
    ]
    assert len(missing) == 1
    assert missing[0]["encoding"]["y"]["value"] == spec["height"]  # on the x axis's baseline

    # The two personas' 95% whiskers at a shared step stand apart.
    whisker = next(layer for layer in layers if layer["encoding"].get("y2") == {"field": "ci_high"})
    x_field = whisker["encoding"]["x"]["field"]
    rows = spec["datasets"][spec["data"]["name"]] if "data" in spec else None
    rows = rows or next(v for v in spec["datasets"].values() if v and "ci_low" in v[0])
    at = {}
    for row in rows:
        if row["ci_low"] is not None:
            at.setdefault(row["position"], []).append(row[x_field])
    assert at
    for position, xs in at.items():
        assert len(set(xs)) == len(xs), (position, xs)
        assert all(abs(x - position) < 0.3 for x in xs)


def test_a_curve_reads_moments_of_truth_as_the_map_does() -> None:
    frame = pd.DataFrame(
        {
            "stage": ["Découvrir"] * 4,
            "step": ["a", "b", "c", "d"],
            "emotion": [1.0, -1.0, 0.0, 2.0],
            "moment": ["oui", "ponctuel", "transversal", None],
        }
    )
    c = EmotionCurve(frame, moment_of_truth="moment")
    assert c._curve["moments"] == ["moment", "one-off", "cross-journey", None]
    kinds = c.points()["moment_of_truth"]
    assert [k if isinstance(k, str) else None for k in kinds] == [
        "moment",
        "one-off",
        "cross-journey",
        None,
    ]
