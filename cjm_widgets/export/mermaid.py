"""Journeys as Mermaid ``journey`` diagrams: text for Markdown, wikis and issue trackers.

A diagram is ``journey``, a ``title`` line, then a ``section`` per stage in map order and a
task per step: ``  <step>: <score>: <personas>``.

Every label is written so that it cannot change the diagram's structure: Mermaid's lexer
ends a label at ``:``, ``;``, ``#`` and newlines, reads ``%%`` as a comment or directive,
``{``/``}`` as directives, ``<``, ``>`` and ``&`` as HTML and backticks as Markdown, trims
outer spaces, and reads a task beginning with ``title``, ``section``, ``journey``,
``accTitle`` or ``accDescr`` as that keyword. Such characters become Mermaid's entity codes
(``#58;`` for ``:``), which Mermaid draws as the character itself; see :func:`mermaid_text`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import InvalidArgumentError
from ..table.values import is_missing
from . import title_of
from .html import PROTOTYPE_NAMES

#: What a blank stage, step or persona is drawn as (an empty label is a syntax error).
PLACEHOLDER = "(unnamed)"
#: The title of a journey that has none.
#: Mermaid's scores run from 1 (worst) to 5 (best); a step with no emotion gets the middle.
MIDDLE = 3
#: The mark before a moment of truth's task label (text, not syntax).
MOMENT_MARK = "\u2605 "

# Structure, comments, directives, HTML and Markdown, the characters mermaid uses for its own
# entity placeholders (U+FB02, U+00B6), and what is no text on one line: control characters,
# line and paragraph separators, lone surrogates.
# Bidi controls too: raw, U+202E would show the rest of the line reversed in an editor.
_SPECIAL = (
    "[:;#%{}<>&`\ufb02\u00b6\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff"
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
_LABEL = re.compile(_SPECIAL)
_ACTOR = re.compile(_SPECIAL[:-1] + ",]")  # a comma separates a task's personas
# JS's \s: the lexer skips it before a label, and Mermaid trims it from personas.
_OUTER = re.compile(r"^[\s\ufeff]+|[\s\ufeff]+$")
# What the lexer reads as a keyword at the start of a task line (it ignores case).
_KEYWORDS = ("journey", "title", "section", "acctitle", "accdescr")


def _code(match: re.Match[str]) -> str:
    return "".join(f"#{ord(ch)};" for ch in match.group())


def mermaid_text(text: Any, *, task: bool = False, actor: bool = False) -> str:
    """A label as Mermaid source: one line that Mermaid draws as ``text`` and reads as data.

    ``: ; # % { } < > & `` ` `` (and ``,`` in a persona), control characters, line
    separators, bidi controls and outer white space become entity codes (``#58;``); a task
    label that starts with a Mermaid keyword has its first character coded; a persona named
    like a member of JavaScript's ``Object.prototype`` too (Mermaid keys its personas by
    name). A blank label becomes :data:`PLACEHOLDER`.
    """
    raw = str(text)
    if raw.strip() == "":
        return PLACEHOLDER
    coded = (_ACTOR if actor else _LABEL).sub(_code, raw)
    coded = _OUTER.sub(_code, coded)
    if (task and coded.lower().startswith(_KEYWORDS)) or (actor and raw in PROTOTYPE_NAMES):
        coded = f"#{ord(coded[0])};{coded[1:]}"
    return coded


def mermaid_score(value: Any, scale: tuple[float, float]) -> int:
    """An emotion on ``scale`` as Mermaid's 1…5: linear, ``lo`` -> 1 and ``hi`` -> 5, rounded
    half away from zero and kept within 1…5; a missing value gets the middle, 3.

    On the default −3…+3 scale: −3 -> 1, −2 and −1 -> 2, 0 -> 3, +1 and +2 -> 4, +3 -> 5.
    """
    try:
        number = float(value)
    except (TypeError, ValueError):
        return MIDDLE
    if not math.isfinite(number):
        return MIDDLE
    lo, hi = float(scale[0]), float(scale[1])
    place = 1 + 4 * (number - lo) / (hi - lo)
    rounded = math.floor(place + 0.5) if place >= 0 else -math.floor(-place + 0.5)
    return int(min(5, max(1, rounded)))


@dataclass(frozen=True)
class Step:
    """One row of the journey as the diagram reads it."""

    position: int
    stage: str
    step: str
    persona: str | None
    score: int
    moment: bool


@dataclass
class _Task:
    position: int
    stage: str
    label: str
    score: int
    moment: bool
    personas: list[str]


def _tasks(steps: Iterable[Step], merge: bool) -> list[_Task]:
    """Tasks in drawing order. With ``merge``, the personas that share a step at the same
    score (and the same moment of truth) are one task's actors; a persona that feels the step
    otherwise gets a task of its own, since a task has one score."""
    tasks: list[_Task] = []
    at: dict[int, list[_Task]] = {}
    for s in sorted(steps, key=lambda s: s.position):
        shared = at.setdefault(s.position, []) if merge and s.persona is not None else []
        task = next(
            (
                t
                for t in shared
                if t.score == s.score and t.moment == s.moment and s.persona not in t.personas
            ),
            None,
        )
        if task is None:
            task = _Task(s.position, s.stage, s.step, s.score, s.moment, [])
            shared.append(task)
            tasks.append(task)
        if s.persona is not None:
            task.personas.append(s.persona)
    return tasks


def journey_text(steps: Iterable[Step], title: str, *, merge: bool = True) -> str:
    """The Mermaid source of a journey's steps (see the module's docstring)."""
    lines = ["journey", f"title {mermaid_text(title)}"]
    stage: str | None = None
    for task in _tasks(steps, merge):
        if task.stage != stage:
            stage = task.stage
            lines.append(f"section {mermaid_text(stage)}")
        label = (MOMENT_MARK if task.moment else "") + task.label
        line = f"  {mermaid_text(label, task=True)}: {task.score}"
        if task.personas:
            line += ": " + ", ".join(mermaid_text(p, actor=True) for p in task.personas)
        lines.append(line)
    return "\n".join(lines) + "\n"


def _title(widget: Any, title: str | None) -> str:
    return str(title) if title is not None else title_of(widget)


def _check_persona(persona: Hashable | None, personas: list[str]) -> str | None:
    if persona is None:
        return None
    if not personas:
        raise InvalidArgumentError(f"persona={persona!r}: this journey has no personas")
    if str(persona) not in personas:
        raise InvalidArgumentError(
            f"persona={persona!r} is not in the journey ({', '.join(map(repr, personas))})"
        )
    return str(persona)


def _is_moment(value: Any) -> bool:
    # As the view's momentKind: true, or any kind the lane sent.
    return value is not None and value is not False and value != ""


def map_mermaid(m: Any, *, persona: Hashable | None = None, title: str | None = None) -> str:
    """A :class:`~cjm_widgets.JourneyMap` as a Mermaid journey (see ``JourneyMap.to_mermaid``)."""
    from ..widgets.curve import step_positions

    journey = m._journey
    personas = list(journey.get("personas", []))
    only = _check_persona(persona, personas)
    roles = m._spec.roles
    frame = m._state.frame
    scale = roles.scale
    emotion = (
        frame[roles.emotion].to_numpy(dtype=float, na_value=np.nan)
        if roles.emotion is not None and roles.emotion in frame.columns
        else np.full(len(frame), np.nan)
    )
    moments = [
        cells
        for lane, cells in zip(journey["lanes"], journey["cells"], strict=True)
        if lane["kind"] == "moment"
    ]
    who = journey.get("persona")
    positions = step_positions(frame, roles).tolist() if len(frame) else []
    rank = {p: i for i, p in enumerate(personas)}
    steps = [
        Step(
            position,
            journey["stage"][row],
            journey["step"][row],
            None if who is None else who[row],
            mermaid_score(emotion[row], scale),
            any(_is_moment(cells[row]) for cells in moments),
        )
        for row, position in sorted(
            enumerate(positions), key=lambda r: (r[1], rank.get(who[r[0]], 0) if who else 0)
        )
        if only is None or who is None or who[row] == only
    ]
    return journey_text(steps, _title(m, title))


def curve_mermaid(c: Any, *, persona: Hashable | None = None, title: str | None = None) -> str:
    """An :class:`~cjm_widgets.EmotionCurve` as a Mermaid journey: the line that leads
    (assumed, or measured where evidence backs a step) gives each task's score."""
    personas = list(c._curve.get("personas", []))
    only = _check_persona(persona, personas)
    points = c.points()
    scale = c._spec.roles.scale
    has_personas = c._spec.roles.persona is not None
    rank = {p: i for i, p in enumerate(personas)}
    # Plain lists: a pandas lookup per row costs more than the whole diagram.
    rows = zip(
        points["position"].tolist(),
        points["stage"].tolist(),
        points["step"].tolist(),
        points["persona"].tolist(),
        points["value"].tolist(),
        points["moment_of_truth"].tolist(),
        strict=True,
    )
    steps = [
        Step(
            int(position),
            str(stage),
            str(step),
            str(who) if has_personas else None,
            mermaid_score(value, scale),
            not is_missing(moment),
        )
        for position, stage, step, who, value, moment in rows
        if only is None or str(who) == only
    ]
    steps.sort(key=lambda s: (s.position, rank.get(s.persona, 0)))
    return journey_text(steps, _title(c, title))
