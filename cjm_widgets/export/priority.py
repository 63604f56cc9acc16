"""The importance–performance chart: steps placed by what matters and how well it goes."""

from __future__ import annotations

import json
import math
import unicodedata
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import altair as alt
import pandas as pd

from ..errors import CJMError, MissingColumnError
from ..table.frames import collect_to_pandas
from ..table.lanes.priority import QUADRANTS
from ..table.schema import plain
from .html import chart_html, drawable, drawable_spec, save_chart_html

#: The selection a click on a point makes, and the param a map's selection sets.
PICK = "step"
HIGHLIGHT = "highlight"
#: Where the chart keeps the group it shows (column -> value), e.g. {"persona": "Ana"}.
GROUP = "cjm_group"

# One colour per quadrant, as the map's badges have them (see palette.json).
QUADRANT_COLOURS: list[str] = json.loads(
    (Path(__file__).parent.parent / "palette.json").read_text(encoding="utf-8")
)["quadrants"]
_RULE = "#8c959f"  # cut lines and the lines to distant names
_RING = "#0969da"  # a picked or highlighted point
_NEEDED = ("step", "importance", "performance", "quadrant", "importance_cut", "performance_cut")
_FONT = 11  # px, the point labels' font size
_CHAR = 0.62  # a generous average character width, in font sizes, for a sans-serif font
_NORMAL: Literal["normal"] = "normal"
_BOLD: Literal["bold"] = "bold"
_POINT = 6  # px, half the side of the box a point is kept clear in


class PriorityChart(alt.LayerChart):
    """A layer chart whose HTML is this package's offline, escaped page (altair's own page
    loads vega from a CDN)."""

    def save(self, fp: Any, format: Any = None, **kwargs: Any) -> None:  # type: ignore[override]
        suffix = str(getattr(fp, "name", fp)).rsplit(".", 1)[-1].lower()
        if (format or suffix) == "html":
            save_chart_html(self, fp, title="Importance and performance")
        else:
            super().save(fp, format=format, **kwargs)

    def to_dict(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        return drawable_spec(super().to_dict(*args, **kwargs))

    def to_html(self, *args: Any, **kwargs: Any) -> str:
        return chart_html(self, title="Importance and performance")


@dataclass(frozen=True)
class Box:
    """A rectangle in the chart's pixels (y down)."""

    left: float
    top: float
    width: float
    height: float

    def overlaps(self, other: Box) -> bool:
        return not (
            self.left + self.width <= other.left
            or other.left + other.width <= self.left
            or self.top + self.height <= other.top
            or other.top + other.height <= self.top
        )

    def inside(self, width: float, height: float) -> bool:
        return (
            self.left >= 0
            and self.top >= 0
            and self.left + self.width <= width
            and self.top + self.height <= height
        )


def text_box_size(text: str, font: float = _FONT) -> tuple[float, float]:
    """A generous estimate of a label's size in px (no font metrics in the kernel): wide
    characters (East Asian, emoji, capitals, m and w) count wider than the average."""
    return sum(_width(ch) for ch in text) * font + 4, font + 4


def _width(ch: str) -> float:
    """A character's width in font sizes, rounded up for a sans-serif font."""
    if unicodedata.east_asian_width(ch) in ("W", "F") or unicodedata.category(ch) == "So":
        return 1.15
    if ch in "mwMW@%":
        return 0.95
    if ch.isupper():
        return 0.75
    if ch in "iljtfrI.,;:'!| ":
        return 0.4
    return _CHAR


def place_labels(
    points: list[tuple[float, float]],
    texts: list[str],
    width: float,
    height: float,
    reserved: Sequence[Box] = (),
    avoid: Sequence[Box] = (),
) -> list[Box | None]:
    """A box for each label near its point, overlapping no other label, point or
    ``reserved`` box, inside the plot, and with no line from a distant label to its point
    passing over another point; ``None`` where no such place was found (the tooltip still
    names the step). ``avoid`` boxes (the cut lines) are kept clear where a place allows.
    Labels are placed in the order given, so the first get the nearest places."""
    keep_clear = [_point_box(x, y) for x, y in points]
    taken: list[Box] = [*reserved]
    boxes: list[Box | None] = []
    for k, ((x, y), text) in enumerate(zip(points, texts, strict=True)):
        others = keep_clear[:k] + keep_clear[k + 1 :]
        w, h = text_box_size(text)
        found = None
        for obstacles in ([*taken, *avoid], taken):
            found = next(
                (
                    box
                    for box in _candidates(x, y, w, h)
                    if box.inside(width, height)
                    and not box.overlaps(keep_clear[k])
                    and not any(box.overlaps(other) for other in obstacles)
                    and not any(box.overlaps(other) for other in others)
                    and not _leader_crosses(x, y, box, others)
                ),
                None,
            )
            if found is not None:
                break
        if found is not None:
            taken.append(found)
        boxes.append(found)
    return boxes


def fallback_box(x: float, y: float, text: str, width: float, height: float) -> Box:
    """The nearest place inside the plot for a label that found no free place: it is drawn
    only while its point is ringed, over whatever lies there."""
    w, h = text_box_size(text)
    inside = [b for b in _candidates(x, y, w, h) if b.inside(width, height)]
    box = inside[0] if inside else Box(x + _POINT + 2, y - h / 2, w, h)
    return Box(
        min(max(box.left, 0.0), max(width - w, 0.0)), min(max(box.top, 0.0), height - h), w, h
    )


def leader_end(x: float, y: float, box: Box) -> tuple[float, float] | None:
    """Where a line from a point to its distant label ends (the box's nearest point), or
    ``None`` for a label close enough to need no line."""
    near_x = min(max(x, box.left), box.left + box.width)
    near_y = min(max(y, box.top), box.top + box.height)
    return (near_x, near_y) if math.hypot(near_x - x, near_y - y) > _POINT + 12 else None


def _leader_crosses(x: float, y: float, box: Box, points: list[Box]) -> bool:
    end = leader_end(x, y, box)
    if end is None:
        return False
    steps = 12
    return any(
        any(
            p.left <= x + (end[0] - x) * t / steps <= p.left + p.width
            and p.top <= y + (end[1] - y) * t / steps <= p.top + p.height
            for t in range(1, steps + 1)
        )
        for p in points
    )


def _point_box(x: float, y: float) -> Box:
    return Box(x - _POINT, y - _POINT, 2 * _POINT, 2 * _POINT)


def _candidates(x: float, y: float, w: float, h: float) -> list[Box]:
    """Places around a point, nearest first: right, left, above, below, then the diagonals,
    at growing distances."""
    out: list[Box] = []
    for gap in (_POINT + 2, _POINT + 10, _POINT + 22, _POINT + 38, _POINT + 58):
        out += [
            Box(x + gap, y - h / 2, w, h),
            Box(x - gap - w, y - h / 2, w, h),
            Box(x - w / 2, y - gap - h, w, h),
            Box(x - w / 2, y + gap, w, h),
            Box(x + gap * 0.7, y - gap * 0.7 - h, w, h),
            Box(x + gap * 0.7, y + gap * 0.7, w, h),
            Box(x - gap * 0.7 - w, y - gap * 0.7 - h, w, h),
            Box(x - gap * 0.7 - w, y + gap * 0.7, w, h),
        ]
    return out


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _domain(data: pd.DataFrame, axis: str, cut: float, pad: float = 0.08) -> tuple[float, float]:
    """An axis's extent: its values, their intervals and its cut line, padded."""
    values = pd.concat(
        [data[axis], data[f"{axis}_ci_low"], data[f"{axis}_ci_high"], pd.Series([cut])]
    )
    finite = values[values.map(lambda v: isinstance(v, float) and math.isfinite(v))]
    lo, hi = (float(finite.min()), float(finite.max())) if len(finite) else (0.0, 1.0)
    span = hi - lo or abs(hi) or 1.0
    return lo - pad * span, hi + pad * span


def importance_performance(
    table: Any,
    *,
    width: int = 520,
    height: int = 380,
    title: str | None = None,
    label_limit: int = 28,
    x_title: str = "Performance",
    y_title: str = "Importance",
) -> Any:
    """The importance–performance chart of a table from
    :func:`cjm_widgets.analytics.importance_performance`.

    Performance runs across, importance up; the cut lines split the plot into Martilla &
    James's quadrants, each named in its corner. Each step is a point coloured by its
    quadrant, with its confidence intervals as error bars and its name beside it, placed so
    that no two names overlap (a name with no free place shows while its point is ringed,
    and in the tooltip; names longer than ``label_limit`` characters end in "…").
    ``x_title`` and ``y_title`` name the axes (say what the importance is: "Share of R²").

    Columns before ``step`` are the table's group (a persona, or key_drivers' ``by``): the
    chart shows one group, and a linked map the steps of that persona.

    The chart carries a point selection named ``step`` (a click picks a step) and a param
    ``highlight`` (a list of step names drawn ringed); :func:`cjm_widgets.charts.link_chart`
    ties both to a :class:`~cjm_widgets.JourneyMap`'s selection.
    """
    data = collect_to_pandas(
        table,
        "importance_performance charts a table from "
        "cjm_widgets.analytics.importance_performance, not a {type}",
    )
    for column in _NEEDED:
        if column not in data.columns:
            raise MissingColumnError(column, column, list(data.columns))
    # Group columns (a persona, key_drivers' by=) come before the step, as the analytics
    # write them; columns merged in after (pains, owners) are not groups.
    keys = list(data.columns[: list(data.columns).index("step")])
    groups = [c for c in keys if data[c].nunique(dropna=False) > 1]
    if groups:
        group: Hashable = groups[0]
        values = ", ".join(map(repr, pd.unique(data[group])[:5]))
        raise CJMError(
            f"the table holds several groups (column {group!r}: {values}); chart one group "
            f"at a time, e.g. table[table[{group!r}] == ...]"
        )
    # The one group charted (a persona, say), so a linked map knows whose steps these are.
    charted = {
        str(c): str(plain(data[c].iloc[0])) for c in keys if len(data) and data[c].notna().all()
    }
    data = data.reset_index(drop=True).copy()
    for low, high, value in (
        ("importance_ci_low", "importance_ci_high", "importance"),
        ("performance_ci_low", "performance_ci_high", "performance"),
    ):
        # No interval (a mean given alone): a bar of no length, and the domain from values.
        for column in (low, high):
            data[column] = (
                pd.to_numeric(data[column], errors="coerce").fillna(data[value])
                if column in data.columns
                else data[value]
            )
    for column in data.columns:
        if data[column].dtype.kind in "iuf":
            data[column] = data[column].astype(float)
    data["step"] = [drawable(str(v)) for v in data["step"]]
    data["quadrant"] = data["quadrant"].astype(str)
    x_cut = float(data["performance_cut"].iloc[0]) if len(data) else 0.0
    y_cut = float(data["importance_cut"].iloc[0]) if len(data) else 0.0
    x0, x1 = _domain(data, "performance", x_cut)
    y0, y1 = _domain(data, "importance", y_cut)

    def px(v: float) -> float:
        return (v - x0) / (x1 - x0) * width

    def py(v: float) -> float:
        return height - (v - y0) / (y1 - y0) * height

    # The quadrant names sit in the corners; no point label may cover them.
    corners = pd.DataFrame(
        {
            "name": list(QUADRANTS),
            "x": [4.0, width - 4.0, 4.0, width - 4.0],
            "y": [4.0, 4.0, height - 4.0, height - 4.0],
            "align": ["left", "right", "left", "right"],
            "baseline": ["top", "top", "bottom", "bottom"],
        }
    )
    reserved = []
    for _, corner in corners.iterrows():
        w, h = text_box_size(corner["name"], 12)
        left = corner["x"] if corner["align"] == "left" else corner["x"] - w
        top = corner["y"] if corner["baseline"] == "top" else corner["y"] - h
        reserved.append(Box(left, top, w, h))
    data["label"] = [_short(s, label_limit) for s in data["step"]]
    order = data.sort_values("priority").index if "priority" in data else data.index
    performance = data["performance"].astype(float)
    importance = data["importance"].astype(float)
    points = [(px(performance[i]), py(importance[i])) for i in order]
    texts = [str(data["label"][i]) for i in order]
    cut_lines = [Box(px(x_cut) - 2, 0, 4, height), Box(0, py(y_cut) - 2, width, 4)]
    placed = place_labels(points, texts, width, height, reserved, avoid=cut_lines)
    for column in ("label_x", "label_y", "leader_x", "leader_y", "point_x", "point_y"):
        data[column] = float("nan")
    for column in ("spare_x", "spare_y", "spare_leader_x", "spare_leader_y"):
        data[column] = float("nan")
    for i, (at_x, at_y), text, box in zip(order, points, texts, placed, strict=True):
        data.loc[i, ["point_x", "point_y"]] = [at_x, at_y]
        if box is None:
            # No free place: the name still shows while the point is ringed.
            spare = fallback_box(at_x, at_y, text, width, height)
            data.loc[i, ["spare_x", "spare_y"]] = [spare.left + 2, spare.top + 2]
            end = leader_end(at_x, at_y, spare)
            if end is not None:
                data.loc[i, ["spare_leader_x", "spare_leader_y"]] = list(end)
            continue
        data.at[i, "label_x"] = box.left + 2
        data.at[i, "label_y"] = box.top + 2
        # A name set further off than its nearest places gets a thin line to its point.
        end = leader_end(at_x, at_y, box)
        if end is not None:
            data.loc[i, ["leader_x", "leader_y"]] = list(end)

    x_scale = alt.Scale(domain=[x0, x1], nice=False, zero=False)
    y_scale = alt.Scale(domain=[y0, y1], nice=False, zero=False)
    x = alt.X("performance:Q", title=drawable(x_title), scale=x_scale)
    y = alt.Y("importance:Q", title=drawable(y_title), scale=y_scale)
    colour = alt.Color(
        "quadrant:N",
        title="Quadrant",
        scale=alt.Scale(domain=list(QUADRANTS), range=list(QUADRANT_COLOURS)),
        legend=alt.Legend(orient="bottom"),
    )
    pick = alt.selection_point(name=PICK, fields=["step"], on="click", clear="dblclick")
    highlight = alt.param(name=HIGHLIGHT, value=[])
    ringed = f"indexof({HIGHLIGHT}, datum.step) >= 0"
    base = alt.Chart(data)
    tooltip = [
        alt.Tooltip("step:N", title="Step"),
        alt.Tooltip("quadrant:N", title="Quadrant"),
        alt.Tooltip("importance:Q", title="Importance", format=".3f"),
        alt.Tooltip("importance_ci_low:Q", title="Importance, low", format=".3f"),
        alt.Tooltip("importance_ci_high:Q", title="Importance, high", format=".3f"),
        alt.Tooltip("performance:Q", title="Performance", format=".2f"),
        alt.Tooltip("performance_ci_low:Q", title="Performance, low", format=".2f"),
        alt.Tooltip("performance_ci_high:Q", title="Performance, high", format=".2f"),
    ]
    if "priority" in data:
        tooltip.insert(1, alt.Tooltip("priority:Q", title="Priority"))
    cuts = pd.DataFrame({"x": [x_cut], "y": [y_cut]})
    layers = [
        alt.Chart(cuts)
        .mark_rule(strokeDash=[4, 4], color=_RULE)
        .encode(x=alt.X("x:Q", scale=x_scale, title=drawable(x_title))),
        alt.Chart(cuts)
        .mark_rule(strokeDash=[4, 4], color=_RULE)
        .encode(y=alt.Y("y:Q", scale=y_scale, title=drawable(y_title))),
        *(
            alt.Chart(pd.DataFrame({"name": [corner["name"]]}))
            .mark_text(
                fontSize=12,
                fontStyle="italic",
                color="#6e7781",
                x=corner["x"],
                y=corner["y"],
                align=corner["align"],
                baseline=corner["baseline"],
            )
            .encode(text="name:N")
            for _, corner in corners.iterrows()
        ),
        base.mark_rule(opacity=0.5).encode(
            x=x,
            y=alt.Y("importance_ci_low:Q", scale=y_scale),
            y2="importance_ci_high:Q",
            color=colour,
        ),
        base.mark_rule(opacity=0.5).encode(
            x=alt.X("performance_ci_low:Q", scale=x_scale),
            x2="performance_ci_high:Q",
            y=y,
            color=colour,
        ),
        *(
            base.transform_filter(f"isValid(datum.{end}_x){shown}")
            .mark_rule(color=_RULE, strokeWidth=0.8)
            .encode(
                x=alt.X("point_x:Q", scale=None),
                y=alt.Y("point_y:Q", scale=None),
                x2=f"{end}_x:Q",
                y2=f"{end}_y:Q",
            )
            for end, shown in (("leader", ""), ("spare_leader", f" && {ringed}"))
        ),
        base.mark_point(filled=True, cursor="pointer")
        .encode(
            x=x,
            y=y,
            color=colour,
            # Ringed by the highlight alone: a click reaches it through the map's selection,
            # so the chart never rings a step the map no longer selects.
            size=alt.when(ringed).then(alt.value(200)).otherwise(alt.value(70)),
            stroke=alt.when(ringed).then(alt.value(_RING)).otherwise(alt.value("transparent")),
            strokeWidth=alt.value(3),
            tooltip=tooltip,
        )
        .add_params(pick, highlight),
        *(
            base.transform_filter(f"isValid(datum.label_x) && {test}")
            .mark_text(
                align="left", baseline="top", fontSize=_FONT, fontWeight=weight, cursor="pointer"
            )
            .encode(
                x=alt.X("label_x:Q", scale=None),
                y=alt.Y("label_y:Q", scale=None),
                text="label:N",
                tooltip=tooltip,
            )
            for test, weight in ((f"!({ringed})", _NORMAL), (ringed, _BOLD))
        ),
        # Names with no free place, shown while ringed, over a halo so they read on top.
        *(
            base.transform_filter(f"isValid(datum.spare_x) && {ringed}")
            .mark_text(
                align="left",
                baseline="top",
                fontSize=_FONT,
                fontWeight=_BOLD,
                stroke=halo,
                strokeWidth=width_,
                strokeOpacity=0.9,
            )
            .encode(
                x=alt.X("spare_x:Q", scale=None),
                y=alt.Y("spare_y:Q", scale=None),
                text="label:N",
            )
            for halo, width_ in (("white", 4), ("transparent", 0))
        ),
    ]
    chart = PriorityChart(layer=layers, usermeta={GROUP: charted}).properties(
        width=width, height=height
    )
    if title is not None:
        chart = chart.properties(title=drawable(title))
    return chart
