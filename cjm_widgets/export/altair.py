"""Altair charts of the same data the widgets draw, for places without widgets."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from ..table.lanes.display import format_emotion
from .html import chart_html, drawable, drawable_spec, save_chart_html

# The persona colours, one list for the widget's bundle and this chart (see palette.json).
PALETTE: list[str] = json.loads(
    (Path(__file__).parent.parent / "palette.json").read_text(encoding="utf-8")
)["personas"]


def _label_expr(mapping: dict[float, str]) -> str:
    # Parallel arrays and vega's indexof: no object lookup, so no prototype to hit. Vega
    # rejects a string literal naming an Object.prototype member ("constructor",
    # "toString"...), so each label carries a "#" that slice() drops. ensure_ascii escapes
    # U+2028/U+2029, which would end the expression's string literals.
    values = json.dumps([float(k) for k in mapping])
    texts = json.dumps(["#" + v for v in mapping.values()])
    return f"slice({texts}[indexof({values}, datum.value)] || '#', 1)"


class EmotionChart(alt.LayerChart):
    """A layer chart whose HTML is this package's offline, escaped page: altair's own page
    loads vega from a CDN and embeds the spec in a script unescaped."""

    def save(self, fp: Any, format: Any = None, **kwargs: Any) -> None:  # type: ignore[override]
        suffix = str(getattr(fp, "name", fp)).rsplit(".", 1)[-1].lower()
        if (format or suffix) == "html":
            save_chart_html(self, fp)
        else:
            super().save(fp, format=format, **kwargs)

    def to_dict(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        # Every export (SVG, PNG, PDF, JSON, the notebook) goes through here: text added
        # after emotion_chart (a title, say) cannot abort vl-convert either.
        return drawable_spec(super().to_dict(*args, **kwargs))

    def to_html(self, *args: Any, **kwargs: Any) -> str:
        return chart_html(self)


def emotion_chart(
    points: pd.DataFrame,
    *,
    scale: tuple[float, float],
    ticks: Sequence[tuple[float, str | None]],
    line: str = "assumed",
    width: int | None = None,
    height: int = 260,
) -> Any:
    """The emotion curve as a layered altair chart (see :meth:`EmotionCurve.to_altair`).

    ``points`` is :meth:`EmotionCurve.points`: one row per step and persona.
    """
    lo, hi = scale
    data = points.reset_index(drop=True).copy()
    # Text is made drawable first: the axis's label expression carries the step names.
    for column in ("persona", "stage", "step", "moment_of_truth", "pain", "gain"):
        if column in data:
            data[column] = [drawable(v) if isinstance(v, str) else v for v in data[column]]
    steps = data.drop_duplicates("position").sort_values("position")
    count = int(steps["position"].max()) + 1 if len(steps) else 1
    width = width if width is not None else max(360, 36 * count)
    per_step = width / count  # px per step on the x axis
    # The y scale runs past the emotion scale: room above it for the stage names, the ★ row
    # and the highest labels, below it for the lowest labels, so no label sits on the frame,
    # on a stage name or on the axis. The axis still marks only the emotion scale.
    span = (hi - lo) or 1.0
    inner = max(40.0, height - _TOP_ROOM - _BOTTOM_ROOM)
    domain = [lo - _BOTTOM_ROOM * span / inner, hi + _TOP_ROOM * span / inner]
    ticks = [(v, None if text is None else drawable(text)) for v, text in ticks]
    data["persona"] = data["persona"].replace("", "emotion")
    has_evidence = bool(data["measured"].any())
    for column in ("ci_low", "ci_high"):
        data[column] = data[column].clip(lo, hi)
    # Solid only between two measured points (a null breaks a line mark); dashed elsewhere.
    data["solid"] = data["value"].where(data["measured"] | (not has_evidence))
    # The other line, drawn thin and dotted when it differs: the team's or the measured one.
    if line == "measured":
        data["other"] = data["assumed"]
    else:
        data["other"] = data["mean"].where(data["measured"], data["assumed"])
    differs = bool(((data["other"] - data["value"]).abs() > 1e-9).any())
    personas = list(pd.unique(data["persona"]))
    valued = data["value"].notna()
    # Whiskers of personas at one step, and their no-value marks, stand a few px apart.
    data["x_ci"] = data["position"] + _dodge(
        data, data["ci_low"].notna() & data["measured"], per_step
    )
    data["x_missing"] = data["position"] + _dodge(data, ~valued, per_step)
    colour = alt.Color(
        "persona:N",
        title="Persona",
        # The n-th persona gets the widget's n-th colour, the palette repeating as there.
        scale=alt.Scale(
            domain=personas, range=[PALETTE[i % len(PALETTE)] for i in range(max(1, len(personas)))]
        ),
        legend=alt.Legend(orient="top") if len(personas) > 1 else None,
    )
    x_scale = alt.Scale(domain=[-0.5, count - 0.5], nice=False, zero=False)
    x_axis = alt.Axis(
        values=steps["position"].tolist(),
        labelExpr=_label_expr(dict(zip(steps["position"], steps["step"], strict=True))),
        labelAngle=-40,
        # Longer names end in "…"; the points' tooltips give them whole.
        labelLimit=140,
        labelOverlap=False,
        # Vega thins explicit values down to the tick count (every other name was lost).
        tickCount=count,
        grid=False,
    )

    def x_of(field: str) -> Any:
        return alt.X(f"{field}:Q", title=None, scale=x_scale, axis=x_axis)

    x = x_of("position")
    tick_values = [v for v, _ in ticks]
    tick_text = {v: (text if text is not None else format_emotion(v)) for v, text in ticks}
    y_scale = alt.Scale(domain=domain, nice=False, zero=False)
    y_axis = alt.Axis(
        values=tick_values, labelExpr=_label_expr(tick_text), title="Emotion", grid=True
    )
    y = alt.Y("value:Q", scale=y_scale, axis=y_axis)
    tooltip = [
        alt.Tooltip("persona:N"),
        alt.Tooltip("stage:N"),
        alt.Tooltip("step:N"),
        alt.Tooltip("value:Q", title="emotion", format="+.2~f"),
        alt.Tooltip("n:Q"),
        alt.Tooltip("ci_low:Q", title="95% low", format=".2f"),
        alt.Tooltip("ci_high:Q", title="95% high", format=".2f"),
        alt.Tooltip("pain:N"),
        alt.Tooltip("gain:N"),
    ]

    stages = (
        data.groupby("stage", sort=False)["position"]
        .agg(["min", "max"])
        .reset_index()
        .sort_values("min")
    )
    stages["start"] = stages["min"] - 0.5
    stages["end"] = stages["max"] + 0.5
    stages["middle"] = (stages["start"] + stages["end"]) / 2
    # Every other stage shaded: the opacity itself as data (a scale on a discrete field
    # made vega warn).
    stages["shade"] = np.where(np.arange(len(stages)) % 2 == 1, 0.08, 0.0)
    bands = (
        alt.Chart(stages)
        .mark_rect(color="#57606a")
        .encode(
            x=x_of("start"),
            x2="end:Q",
            opacity=alt.Opacity("shade:Q", legend=None, scale=None),
        )
    )
    stage_names = (
        alt.Chart(stages)
        .mark_text(baseline="top", dy=2, fontWeight="bold")
        .encode(x=x_of("middle"), y=alt.YValue(0), text="stage:N")
    )
    layers: list[Any] = [bands, stage_names]
    if lo < 0 < hi:
        neutral = pd.DataFrame({"value": [0.0]})
        layers.append(alt.Chart(neutral).mark_rule(strokeDash=[3, 3], color="#8c959f").encode(y=y))
    base = alt.Chart(data)
    # A missing emotion is no point of the line: the line joins the persona's valued steps
    # over it (as over steps the persona does not have); a mark on the x axis shows it.
    line_base = base.transform_filter("isValid(datum.value)")
    x_ci = x_of("x_ci")
    if has_evidence:
        # The 95% interval is a whisker at each measured step, as in the widget: a band
        # between steps would claim values for the journey between two measurements.
        layers.append(
            base.transform_filter("isValid(datum.ci_low) && isValid(datum.ci_high)")
            .mark_rule(opacity=0.45, strokeWidth=2)
            .encode(
                x=x_ci,
                y=alt.Y("ci_low:Q", scale=y_scale, axis=y_axis),
                y2="ci_high:Q",
                color=colour,
            )
        )
        layers.append(
            line_base.mark_line(interpolate="monotone", strokeDash=[5, 4], strokeWidth=1.5).encode(
                x=x, y=y, color=colour
            )
        )
        if differs:
            layers.append(
                base.transform_filter("isValid(datum.other)")
                .mark_line(
                    interpolate="monotone", strokeWidth=1, strokeDash=[2, 3], color="#8c959f"
                )
                .encode(x=x, y=alt.Y("other:Q", scale=y_scale, axis=y_axis), detail="persona:N")
            )
    layers.append(
        line_base.mark_line(interpolate="monotone", strokeWidth=2.5).encode(
            x=x, y=alt.Y("solid:Q", scale=y_scale, axis=y_axis), color=colour
        )
    )
    filled = line_base.transform_filter("datum.measured || !" + json.dumps(has_evidence))
    hollow = line_base.transform_filter("!datum.measured && " + json.dumps(has_evidence))
    layers.append(
        filled.mark_point(filled=True, size=50).encode(x=x, y=y, color=colour, tooltip=tooltip)
    )
    layers.append(
        hollow.mark_point(filled=False, size=50, strokeWidth=1.5).encode(
            x=x, y=y, color=colour, tooltip=tooltip
        )
    )
    if not valued.all():
        layers.append(
            base.transform_filter("!isValid(datum.value)")
            .transform_calculate(emotion="'no value yet'")
            .mark_point(filled=False, size=28, strokeWidth=1.5, opacity=0.9)
            .encode(
                x=x_of("x_missing"),
                y=alt.YValue(height),
                color=colour,
                tooltip=[
                    alt.Tooltip("persona:N"),
                    alt.Tooltip("stage:N"),
                    alt.Tooltip("step:N"),
                    alt.Tooltip("emotion:N"),
                ],
            )
        )
    if has_evidence:
        layers.append(
            line_base.transform_filter("datum.measured")
            .mark_text(dx=9, dy=-8, fontSize=9, align="left")
            .encode(x=x, y=y, text=alt.Text("n:Q", format="d"), color=colour)
        )
    moments = data[data["moment_of_truth"].notna()].drop_duplicates("position")
    moment_tip = [
        alt.Tooltip("step:N", title="moment of truth"),
        alt.Tooltip("moment_of_truth:N", title="kind"),
    ]
    # By kind, as the widget and the map draw them: one-off (and other kinds) filled, in
    # the map's amber; cross-journey red and ringed; a plain moment (no kind) hollow.
    kinds = moments["moment_of_truth"]
    for rows, style in (
        (moments[(kinds != "cross-journey") & (kinds != "moment")], {"color": _WARN}),
        (moments[kinds == "cross-journey"], {"color": _NEGATIVE}),
        (moments[kinds == "moment"], {"fill": "#ffffff", "stroke": _WARN, "strokeWidth": 1}),
    ):
        if not len(rows):
            continue
        layers.append(
            alt.Chart(rows)
            .mark_text(text="\u2605", fontSize=14, baseline="bottom", **style)
            .encode(
                x=x_of("position"),
                y=alt.YValue(30),
                tooltip=moment_tip,
            )
        )
        if style.get("color") == _NEGATIVE:
            layers.append(
                alt.Chart(rows)
                .mark_point(
                    shape="circle", size=220, filled=False, color=_NEGATIVE, strokeWidth=1.2
                )
                .encode(x=x_of("position"), y=alt.YValue(24))
            )
    extremes = _place_extremes(_extremes(data), data, domain, height, count, per_step)
    if len(extremes):
        layers.append(
            alt.Chart(extremes)
            .mark_text(fontSize=10, fontWeight="bold", baseline="middle")
            .encode(
                x=x_of("label_x"),
                y=alt.Y("label_y:Q", scale=y_scale, axis=y_axis),
                text="label:N",
                color=colour,
            )
        )
    return EmotionChart(layer=layers, height=height, width=width)


# Px of the plot above the emotion scale (stage names to 16, ★ row to 32, two label rows)
# and below it (two label rows, clear of the axis's step names): two personas' labels at
# one step both find a row on their own side.
_TOP_ROOM = 76.0
_BOTTOM_ROOM = 36.0
# The map's colours for moments of truth (map.css: --cjm-warn, --cjm-negative).
_WARN = "#9a6700"
_NEGATIVE = "#cf222e"
# Px between personas' whiskers (or no-value marks) at one step, as in the widget.
_DODGE = 8.0
# Extreme labels: bold 10px text, about this many px a character, this tall.
_CHAR = 6.0
_LABEL_HEIGHT = 13.0


def _dodge(data: pd.DataFrame, which: pd.Series, per_step: float) -> np.ndarray:
    """Offsets (in steps) that set personas' marks at one step apart, in persona order."""
    rank = {p: i for i, p in enumerate(pd.unique(data["persona"]))}
    offset = np.zeros(len(data))
    chosen = data[which.to_numpy()]
    for _, group in chosen.groupby("position", sort=False):
        if len(group) < 2:
            continue
        order = sorted(group.index, key=lambda i: rank[data.at[i, "persona"]])
        for k, i in enumerate(order):
            offset[data.index.get_loc(i)] = (k - (len(order) - 1) / 2) * _DODGE / per_step
    return np.clip(offset, -0.35, 0.35)


def _place_extremes(
    labels: pd.DataFrame,
    data: pd.DataFrame,
    domain: list[float],
    height: float,
    count: int,
    per_step: float,
) -> pd.DataFrame:
    """Each label's place (``label_x`` in steps, ``label_y`` on the y scale): above its point
    for a highest, below for a lowest, inside the plot, clear of the points and each other."""
    if not len(labels):
        return labels
    d0, d1 = domain
    to_px = lambda v: height * (d1 - v) / (d1 - d0)  # noqa: E731
    top, bottom = 36.0, height - 2  # below the ★ row, above the axis
    points = [
        ((p + 0.5) * per_step, to_px(v))
        for p, v in zip(data["position"], data["value"], strict=True)
        if pd.notna(v)
    ]
    taken: list[tuple[float, float, float, float]] = []

    def free(box: tuple[float, float, float, float]) -> bool:
        x0, y0, x1, y1 = box
        if y0 < top or y1 > bottom:
            return False
        if any(x0 < t[2] and t[0] < x1 and y0 < t[3] and t[1] < y1 for t in taken):
            return False
        return not any(x0 - 4 < px < x1 + 4 and y0 - 4 < py < y1 + 4 for px, py in points)

    xs, ys = [], []
    for _, row in labels.iterrows():
        w = _CHAR * len(row["label"]) + 4
        cx = (row["position"] + 0.5) * per_step
        cx = min(max(cx, w / 2 + 1), count * per_step - w / 2 - 1)  # inside the plot
        py = to_px(row["value"])
        away = -1 if row["end"] == "highest" else 1
        offsets = [away * d for d in (13, 27, 41)] + [-away * d for d in (13, 27)]
        # Nearest row first; in a row, the label centred on its point, then a little aside
        # (kept inside the plot).
        boxes = []
        for o in offsets:
            for shift in (0.0, -0.25, 0.25, -0.5, 0.5):
                c = min(max(cx + shift * w, w / 2 + 1), count * per_step - w / 2 - 1)
                boxes.append(
                    (c - w / 2, py + o - _LABEL_HEIGHT / 2, c + w / 2, py + o + _LABEL_HEIGHT / 2)
                )
        inside = [b for b in boxes if b[1] >= top and b[3] <= bottom]
        box = next((b for b in boxes if free(b)), inside[0] if inside else boxes[0])
        taken.append(box)
        xs.append((box[0] + box[2]) / 2 / per_step - 0.5)
        ys.append(d1 - (box[1] + box[3]) / 2 * (d1 - d0) / height)
    return labels.assign(label_x=xs, label_y=ys)


def _extremes(data: pd.DataFrame) -> pd.DataFrame:
    """Each persona's lowest and highest point, with its label."""
    rows = []
    for _, group in data.dropna(subset=["value"]).groupby("persona", sort=False):
        if group["value"].nunique() < 2:
            continue
        values = group["value"].to_numpy()
        low = group.iloc[int(values.argmin())]
        high = group.iloc[int(values.argmax())]
        rows.append({**low.to_dict(), "label": f"lowest: {low['step']}", "end": "lowest"})
        rows.append({**high.to_dict(), "label": f"highest: {high['step']}", "end": "highest"})
    return pd.DataFrame(rows)
