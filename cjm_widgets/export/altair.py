"""Altair charts of the same data the widgets draw, for places without widgets."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from .html import chart_html, drawable, drawable_spec, save_chart_html

# The persona colours, one list for the widget's bundle and this chart (see palette.json).
PALETTE: list[str] = json.loads(
    (Path(__file__).parent.parent / "palette.json").read_text(encoding="utf-8")
)["personas"]


def _signed(value: float) -> str:
    text = f"{abs(value):g}"
    return f"+{text}" if value > 0 else f"\u2212{text}" if value < 0 else "0"


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
    for column in ("persona", "stage", "step", "moment_of_truth", "pain", "gain"):
        if column in data:
            data[column] = [drawable(v) if isinstance(v, str) else v for v in data[column]]
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
    steps = data.drop_duplicates("position").sort_values("position")
    count = int(steps["position"].max()) + 1 if len(steps) else 1
    personas = list(pd.unique(data["persona"]))
    colour = alt.Color(
        "persona:N",
        title="Persona",
        # The n-th persona gets the widget's n-th colour, the palette repeating as there.
        scale=alt.Scale(
            domain=personas, range=[PALETTE[i % len(PALETTE)] for i in range(max(1, len(personas)))]
        ),
        legend=alt.Legend(orient="top") if len(personas) > 1 else None,
    )
    x = alt.X(
        "position:Q",
        title=None,
        scale=alt.Scale(domain=[-0.5, count - 0.5], nice=False, zero=False),
        axis=alt.Axis(
            values=steps["position"].tolist(),
            labelExpr=_label_expr(dict(zip(steps["position"], steps["step"], strict=True))),
            labelAngle=-40,
            labelLimit=140,
            labelOverlap=False,
            grid=False,
        ),
    )
    tick_values = [v for v, _ in ticks]
    tick_text = {v: (text if text is not None else _signed(v)) for v, text in ticks}
    y_scale = alt.Scale(domain=[lo, hi], nice=False, zero=False)
    y_axis = alt.Axis(values=tick_values, labelExpr=_label_expr(tick_text), title="Emotion")
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
    stages["shade"] = np.arange(len(stages)) % 2
    bands = (
        alt.Chart(stages)
        .mark_rect(opacity=0.07, color="#57606a")
        .encode(
            x="start:Q",
            x2="end:Q",
            opacity=alt.Opacity("shade:N", legend=None, scale=alt.Scale(range=[0.0, 0.08])),
        )
    )
    stage_names = (
        alt.Chart(stages)
        .mark_text(baseline="top", dy=2, fontWeight="bold")
        .encode(x="middle:Q", y=alt.YValue(0), text="stage:N")
    )
    layers: list[Any] = [bands, stage_names]
    if lo < 0 < hi:
        neutral = pd.DataFrame({"value": [0.0]})
        layers.append(alt.Chart(neutral).mark_rule(strokeDash=[3, 3], color="#8c959f").encode(y=y))
    base = alt.Chart(data)
    if has_evidence:
        # The 95% interval is a whisker at each measured step, as in the widget: a band
        # between steps would claim values for the journey between two measurements.
        layers.append(
            base.transform_filter("isValid(datum.ci_low) && isValid(datum.ci_high)")
            .mark_rule(opacity=0.45, strokeWidth=2)
            .encode(
                x=x, y=alt.Y("ci_low:Q", scale=y_scale, axis=y_axis), y2="ci_high:Q", color=colour
            )
        )
        layers.append(
            base.mark_line(interpolate="monotone", strokeDash=[5, 4], strokeWidth=1.5).encode(
                x=x, y=y, color=colour
            )
        )
        if differs:
            layers.append(
                base.mark_line(
                    interpolate="monotone", strokeWidth=1, strokeDash=[2, 3], color="#8c959f"
                ).encode(x=x, y=alt.Y("other:Q", scale=y_scale, axis=y_axis), detail="persona:N")
            )
    layers.append(
        base.mark_line(interpolate="monotone", strokeWidth=2.5).encode(
            x=x, y=alt.Y("solid:Q", scale=y_scale, axis=y_axis), color=colour
        )
    )
    filled = base.transform_filter("datum.measured || !" + json.dumps(has_evidence))
    hollow = base.transform_filter("!datum.measured && " + json.dumps(has_evidence))
    layers.append(
        filled.mark_point(filled=True, size=50).encode(x=x, y=y, color=colour, tooltip=tooltip)
    )
    layers.append(
        hollow.mark_point(filled=False, size=50, strokeWidth=1.5).encode(
            x=x, y=y, color=colour, tooltip=tooltip
        )
    )
    if has_evidence:
        layers.append(
            base.transform_filter("datum.measured")
            .mark_text(dx=9, dy=-8, fontSize=9, align="left")
            .encode(x=x, y=y, text=alt.Text("n:Q", format="d"), color=colour)
        )
    moments = data[data["moment_of_truth"].notna()].drop_duplicates("position")
    if len(moments):
        layers.append(
            alt.Chart(moments)
            .mark_text(text="\u2605", fontSize=14, color="#9a6700", baseline="bottom")
            .encode(x=x, y=alt.YValue(30), tooltip=[alt.Tooltip("step:N", title="moment of truth")])
        )
    extremes = _extremes(data)
    for end, dy in (("highest", -14), ("lowest", 16)):
        rows = extremes[extremes["end"] == end] if len(extremes) else extremes
        if len(rows):
            layers.append(
                alt.Chart(rows)
                .mark_text(fontSize=10, fontWeight="bold", dy=dy)
                .encode(x=x, y=y, text="label:N", color=colour)
            )
    return EmotionChart(
        layer=layers, height=height, width=width if width is not None else max(360, 36 * count)
    )


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
