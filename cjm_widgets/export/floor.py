"""The static floor of a widget: its journey as plain HTML tables, readable with no CSS and no
script (GitHub's notebook preview strips both, and most attributes).

Only semantic elements: ``table``, ``caption``, ``thead``, ``tbody``, ``tr``, ``th`` (with
``scope`` and ``colspan``), ``td``, ``br``, ``strong`` and ``em``, each with a ``class`` for
pages that style them. Every text from the journey is escaped.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from typing import Any

from ..table.lanes.display import (
    channel_items,
    display_text,
    format_emotion,
    format_lane_number,
    format_number,
    lane_title,
    moment_text,
    priority_text,
    split_items,
)
from ..table.values import is_missing
from ..words import base_lang, word
from .mermaid import mermaid_score

#: Where an emotion sits on its scale, by Mermaid's 1…5 score (see ``mermaid_score``).
PLACES = ("very low", "low", "neutral", "high", "very high")


def floor_lang(widget: Any, lang: str | None = None) -> str:
    """The floor's language: the page's (``lang``, a tag such as "fr-FR" too), else the
    widget's; English when neither says, as the floor is read with no JupyterLab to ask."""
    return base_lang(lang or getattr(widget, "lang", None))


def _title(widget: Any, lang: str) -> str:
    own = getattr(widget, "title", "")
    return own if isinstance(own, str) and own.strip() else word("Customer journey", lang)


def _e(text: Any) -> str:
    return html.escape(text if type(text) is str else str(text), quote=True)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None


def emotion_text(value: Any, scale: Any, ticks: Any = (), lang: str = "en") -> str:
    """An emotion as the number and its place on the scale: "−2 <em>(low)</em>"; the place is
    the scale's own label for that value when it has one."""
    number = _number(value)
    if number is None:
        return ""
    named = {float(v): text for v, text in ticks if text is not None}
    place = named.get(number) or word(PLACES[mermaid_score(number, scale) - 1], lang)
    return f'{_e(format_emotion(number, lang))} <em class="cjm-floor-place">({_e(place)})</em>'


def _lines(items: list[str]) -> str:
    return "<br>".join(_e(item) for item in items)


def _cell_writer(lane: dict[str, Any], scale: Any, lang: str = "en") -> Callable[[Any], str]:
    """How a lane's wire values are written in a cell, as its kind draws them; a value met
    before is written once (lanes repeat their words and levels: channels, kinds, emotions).
    A lane's values are of one type (the wire sends them so), so 1 and True never meet."""
    write = _writer(lane, scale, lang)
    seen: dict[Any, str] = {}

    def cell(value: Any) -> str:
        if value is None or value != value:  # missing, NaN
            return ""
        text = seen.get(value)
        if text is None:
            text = seen[value] = write(value)
        return text

    return cell


def _writer(lane: dict[str, Any], scale: Any, lang: str) -> Callable[[Any], str]:
    kind, dtype = lane.get("kind"), lane.get("dtype", "text")
    if kind == "emotion":
        return lambda v: emotion_text(v, scale, lang=lang)
    if kind == "number":
        fmt = lane.get("format")

        def number(v: Any) -> str:
            # Digits, separators, % and unit words: nothing to escape.
            n = _number(v)
            return "" if n is None else format_lane_number(n, fmt, lang)

        return number
    if kind == "moment":
        return lambda v: f"<strong>{_e(t)}</strong>" if (t := moment_text(v, lang)) else ""
    if kind == "priority":
        form = lane.get("priority")
        return lambda v: _e(priority_text(v, form, lang))
    if kind == "channel":
        return lambda v: _e(", ".join(channel_items(v)))
    if dtype != "text":
        return lambda v: _e(display_text(v, dtype, lang))
    return lambda v: _lines(split_items(v))


def _caption(title: str, persona: str | None, lang: str) -> str:
    who = "" if persona is None else f" \u2014 {word('persona', lang)}: <em>{_e(persona)}</em>"
    return f"<caption><strong>{_e(title)}</strong>{who}</caption>"


def _personas(widget: Any, personas: list[str]) -> list[str | None]:
    """Every persona, the one shown first; ``[None]`` for a journey without personas."""
    if not personas:
        return [None]
    active = getattr(widget, "active_persona", "")
    return sorted(personas, key=lambda p: p != active)


def _columns(journey: dict[str, Any], persona: str | None) -> list[tuple[str, list[int]]]:
    """The persona's rows by stage, stages in map order (as the view's ``layoutMap``)."""
    buckets: dict[str, list[int]] = {name: [] for name in journey["stages"]}
    who = journey.get("persona")
    for row, stage in enumerate(journey["stage"]):
        if persona is None or who is None or who[row] == persona:
            buckets.setdefault(stage, []).append(row)
    return [(stage, rows) for stage, rows in buckets.items() if rows]


def map_floor(m: Any, lang: str | None = None) -> str:
    """A :class:`~cjm_widgets.JourneyMap` as HTML tables: one per persona (the shown one
    first), stages over their steps in the header, a row per lane with each step's value
    written as the map writes it, in ``lang`` (see :func:`floor_lang`)."""
    journey = m._journey
    lang = floor_lang(m, lang)
    scale = journey.get("scale", (-3, 3))
    lanes = journey.get("lanes", [])
    # Each lane's cells written once, then picked per persona.
    written = [
        list(map(_cell_writer(lane, scale, lang), cells))
        for lane, cells in zip(lanes, journey.get("cells", []), strict=True)
    ]
    steps = journey.get("step", [])
    title = _title(m, lang)
    out: list[str] = []
    for persona in _personas(m, list(journey.get("personas", []))):
        columns = _columns(journey, persona)
        rows = [row for _, stage_rows in columns for row in stage_rows]
        out.append('<table class="cjm-floor-map">')
        out.append(_caption(title, persona, lang))
        out.append('<thead><tr class="cjm-floor-stages"><td></td>')
        out.extend(
            f'<th scope="colgroup" colspan="{len(r)}" class="cjm-floor-stage">{_e(stage)}</th>'
            for stage, r in columns
        )
        out.append('</tr><tr class="cjm-floor-steps"><td></td>')
        out.extend(f'<th scope="col" class="cjm-floor-step">{_e(steps[r])}</th>' for r in rows)
        out.append("</tr></thead><tbody>")
        for lane, cells in zip(lanes, written, strict=True):
            head = lane_title(str(lane.get("key", "")), str(lane.get("label", "")), lang)
            out.append(f'<tr class="cjm-floor-lane"><th scope="row">{_e(head)}</th>')
            out.extend(f"<td>{cells[r]}</td>" for r in rows)
            out.append("</tr>")
        out.append("</tbody></table>")
    return "".join(out)


def curve_floor(c: Any, lang: str | None = None) -> str:
    """An :class:`~cjm_widgets.EmotionCurve` as HTML tables, one per persona: each step's
    stage, emotion and, with evidence, the measured mean, n and 95% interval, in ``lang``."""
    curve = c._curve
    scale, ticks = curve.get("scale", (-3, 3)), curve.get("ticks", [])
    points = c.points()
    evidence = curve.get("evidence") is not None
    has_personas = curve.get("persona") is not None
    lang = floor_lang(c, lang)
    head = ["Stage", "Step", "Emotion"] + (["Measured", "n", "95% interval"] if evidence else [])
    head = [name if name == "n" else word(name, lang) for name in head]
    columns = {
        name: points[name].tolist()
        for name in ("persona", "stage", "step", "assumed", "mean", "n", "ci_low", "ci_high")
    }
    title = _title(c, lang)
    out: list[str] = []
    for persona in _personas(c, list(curve.get("personas", []))):
        out.append('<table class="cjm-floor-curve">')
        out.append(_caption(title, persona, lang))
        out.append("<thead><tr>")
        out.extend(f'<th scope="col">{_e(name)}</th>' for name in head)
        out.append("</tr></thead><tbody>")
        for i, who in enumerate(columns["persona"]):
            if has_personas and who != persona:
                continue
            out.append(
                f"<tr><td>{_e(columns['stage'][i])}</td>"
                f'<th scope="row">{_e(columns["step"][i])}</th>'
                f"<td>{emotion_text(columns['assumed'][i], scale, ticks, lang)}</td>"
            )
            if evidence:
                n = columns["n"][i]
                measured = not is_missing(n) and n > 0
                low, high = columns["ci_low"][i], columns["ci_high"][i]
                interval = (
                    word("{low} to {high}", lang).format(
                        low=_e(format_emotion(low, lang)), high=_e(format_emotion(high, lang))
                    )
                    if measured and _number(low) is not None and _number(high) is not None
                    else ""
                )
                mean = emotion_text(columns["mean"][i], scale, ticks, lang) if measured else ""
                out.append(
                    f"<td>{mean}</td><td>{int(n) if measured else ''}</td><td>{interval}</td>"
                )
            out.append("</tr>")
        out.append("</tbody></table>")
    return "".join(out)


def flow_floor(flow: Any, lang: str | None = None) -> str:
    """A :class:`~cjm_widgets.JourneyFlow` as a table of its transitions (those the flow
    shows, from ``min_count`` on), headed and counted in ``lang``."""
    lang = floor_lang(flow, lang)
    edges = flow._edges
    rows = "".join(
        f"<tr><td>{_e(a)}</td><td>{_e(b)}</td><td>{_e(format_number(float(c), lang))}</td></tr>"
        for a, b, c in zip(edges["from_step"], edges["to_step"], edges["count"], strict=True)
        if c >= flow.min_count
    )
    head = "".join(f"<th>{_e(word(name, lang))}</th>" for name in ("from step", "to step", "count"))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
