"""Mermaid journey diagrams: structure kept whatever the labels hold, scores on 1…5, labels
that read back as they were."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cjm_widgets import EmotionCurve, JourneyMap
from cjm_widgets.errors import InvalidArgumentError
from cjm_widgets.export import DEFAULT_TITLE
from cjm_widgets.export.mermaid import (
    MOMENT_MARK,
    PLACEHOLDER,
    Step,
    journey_text,
    mermaid_score,
    mermaid_text,
)

from .journeys import PAYLOADS as SHARED_PAYLOADS

# -- a strict reader of what to_mermaid may write ------------------------------------------

# A label: characters that change nothing in Mermaid's lexer, or entity codes.
_LABEL = r"(?:[^:;#%{}<>&`\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]|#[0-9]+;)+"
_ACTOR = _LABEL.replace("`", "`,")
TITLE = re.compile(rf"title ({_LABEL})")
SECTION = re.compile(rf"section ({_LABEL})")
TASK = re.compile(rf"  ({_LABEL}): ([1-5])(?:: ({_ACTOR}(?:, {_ACTOR})*))?")
KEYWORDS = ("journey", "title", "section", "acctitle", "accdescr")
SPACE = re.compile(r"^[\s\ufeff]|[\s\ufeff]$")
PAYLOADS = [
    *SHARED_PAYLOADS,
    "`code` and ``more``",
    ": 5:",
    "  padded  ",
    "Title search",
    "section 2",
    "accTitle",
    "a,b",
    "__proto__",
    "x\r\ny\u2028z\x00",
    "ﬂ°°58¶ß",
]


def decode(text: str) -> str:
    return re.sub(r"#([0-9]+);", lambda m: chr(int(m.group(1))), text)


def label(text: str, pattern: str) -> str:
    assert not SPACE.search(text), f"outer white space in {text!r}"
    assert re.fullmatch(pattern, text), text
    return decode(text)


@dataclass
class Diagram:
    title: str
    sections: list[tuple[str, list[tuple[str, int, list[str]]]]] = field(default_factory=list)

    @property
    def tasks(self) -> list[tuple[str, int, list[str]]]:
        return [task for _, tasks in self.sections for task in tasks]


def parse(text: str) -> Diagram:
    """The diagram's title, sections and tasks; fails on any line out of place."""
    assert text.endswith("\n")
    lines = text[:-1].split("\n")
    assert lines == text[:-1].splitlines(), "a line break Mermaid would read inside a label"
    assert lines[0] == "journey"
    title = TITLE.fullmatch(lines[1])
    assert title, lines[1]
    diagram = Diagram(label(title.group(1), _LABEL))
    for line in lines[2:]:
        section = SECTION.fullmatch(line)
        if section:
            diagram.sections.append((label(section.group(1), _LABEL), []))
            continue
        task = TASK.fullmatch(line)
        assert task, f"not a journey line: {line!r}"
        assert diagram.sections, "a task before any section"
        name = task.group(1)
        assert not name.lower().startswith(KEYWORDS), f"a keyword starts {name!r}"
        actors = [] if task.group(3) is None else task.group(3).split(", ")
        diagram.sections[-1][1].append(
            (label(name, _LABEL), int(task.group(2)), [label(a, _ACTOR) for a in actors])
        )
    return diagram


def shown(text: str) -> str:
    """What a label reads as in the diagram."""
    return text if text.strip() else PLACEHOLDER


# -- journeys -------------------------------------------------------------------------------

STAGES = ["Découverte", "Considération", "Achat", "Livraison", "Fidélité"]


def french_map() -> JourneyMap:
    """30 steps in 5 stages, two personas: Clémence has every step, Gérard the first four of
    each stage; they feel the even steps alike and the odd ones two points apart."""
    rows = []
    for s, stage in enumerate(STAGES):
        for k in range(6):
            n = s * 6 + k
            step = f"Étape {n + 1} : {['voir', 'lire', 'choisir', 'payer', 'attendre', 'noter'][k]}"
            mot = "ponctuel" if n in (8, 21) else None
            rows.append((stage, step, "Clémence", (n % 7) - 3, mot))
            if k < 4:
                other = (n % 7) - 3 if n % 2 == 0 else -((n % 7) - 3) or 2
                rows.append((stage, step, "Gérard", other, mot))
    columns = ["étape", "point de contact", "persona", "émotion", "moment de vérité"]
    df = pd.DataFrame(rows, columns=columns)
    return JourneyMap(
        df, stage="étape", step="point de contact", persona="persona", emotion="émotion"
    )


def test_french_map_has_a_section_per_stage_and_a_task_per_step_and_feeling() -> None:
    m = french_map()
    d = parse(m.to_mermaid())
    assert d.title == DEFAULT_TITLE
    assert [name for name, _ in d.sections] == STAGES
    expected = []
    for step, rows in m.data.groupby("point de contact", sort=False):
        mark = MOMENT_MARK if rows["moment de vérité"].notna().any() else ""
        by_score: dict[int, list[str]] = {}
        for who, value in zip(rows["persona"], rows["émotion"], strict=True):
            by_score.setdefault(mermaid_score(value, (-3, 3)), []).append(who)
        expected += [(mark + step, score, who) for score, who in by_score.items()]
    assert d.tasks == expected
    # Shared steps with one feeling are one task with both personas as actors.
    assert sum(len(who) == 2 for _, _, who in d.tasks) == 10
    assert len(d.tasks) == 30 + 10
    assert sum(name.startswith(MOMENT_MARK) for name, _, _ in d.tasks) == 3


def test_one_persona_and_a_title_of_ones_own() -> None:
    m = french_map()
    d = parse(m.to_mermaid(persona="Gérard", title="Parcours : Gérard"))
    assert d.title == "Parcours : Gérard"
    assert len(d.tasks) == 20
    assert {who for _, _, actors in d.tasks for who in actors} == {"Gérard"}
    with pytest.raises(InvalidArgumentError, match="'Zoé'"):
        m.to_mermaid(persona="Zoé")
    with pytest.raises(InvalidArgumentError, match="no personas"):
        JourneyMap(pd.DataFrame({"stage": ["a"], "step": ["b"]})).to_mermaid(persona="x")


def test_the_maps_title_is_used_when_it_has_one() -> None:
    m = JourneyMap(pd.DataFrame({"stage": ["a"], "step": ["b"], "emotion": [1]}))
    m.title = "Onboarding"  # a plain attribute before the trait exists, the trait after
    assert parse(m.to_mermaid()).title == "Onboarding"
    m.title = "  "
    assert parse(m.to_mermaid()).title == DEFAULT_TITLE
    assert parse(m.to_mermaid(title="")).title == PLACEHOLDER


@pytest.mark.parametrize(
    ("scale", "values", "scores"),
    [
        ((-3, 3), [-3, -2, -1, -0.75, 0, 1, 2, 3], [1, 2, 2, 3, 3, 4, 4, 5]),
        ((1, 5), [1, 2, 3, 4, 5], [1, 2, 3, 4, 5]),
        ((0, 10), [0, 1.25, 3.75, 5, 6.25, 8.75, 10], [1, 2, 3, 3, 4, 5, 5]),
    ],
)
def test_scores_go_linearly_from_the_scale_to_one_to_five(
    scale: tuple[float, float], values: list[float], scores: list[int]
) -> None:
    assert [mermaid_score(v, scale) for v in values] == scores
    df = pd.DataFrame(
        {"stage": "s", "step": [f"p{i}" for i in range(len(values))], "emotion": values}
    )
    m = JourneyMap(df, scale=scale)
    assert [score for _, score, _ in parse(m.to_mermaid()).tasks] == scores
    c = EmotionCurve(df, scale=scale)
    assert [score for _, score, _ in parse(c.to_mermaid()).tasks] == scores


def test_a_step_with_no_emotion_is_in_the_middle() -> None:
    df = pd.DataFrame({"stage": "s", "step": ["a", "b", "c"], "emotion": [3.0, np.nan, -3.0]})
    assert [t[1] for t in parse(JourneyMap(df).to_mermaid()).tasks] == [5, 3, 1]
    assert [t[1] for t in parse(EmotionCurve(df).to_mermaid()).tasks] == [5, 3, 1]
    no_emotion = JourneyMap(df.drop(columns="emotion"))
    assert [t[1] for t in parse(no_emotion.to_mermaid()).tasks] == [3, 3, 3]
    assert mermaid_score(None, (-3, 3)) == 3
    assert mermaid_score(pd.NA, (-3, 3)) == 3
    assert mermaid_score(9, (-3, 3)) == 5  # off the scale: kept within Mermaid's range


def test_a_curve_draws_its_moments_and_personas() -> None:
    df = pd.DataFrame(
        {
            "stage": ["A", "A", "B"] * 2,
            "step": ["x", "y", "z"] * 2,
            "persona": ["P1"] * 3 + ["P2"] * 3,
            "emotion": [1, 2, -3, 1, -2, -3],
            "moment_of_truth": [None, "one-off", None] * 2,
        }
    )
    d = parse(EmotionCurve(df, persona="persona").to_mermaid())
    assert d.tasks == [
        ("x", 4, ["P1", "P2"]),
        (MOMENT_MARK + "y", 4, ["P1"]),
        (MOMENT_MARK + "y", 2, ["P2"]),
        ("z", 1, ["P1", "P2"]),
    ]
    assert len(parse(EmotionCurve(df, persona="persona").to_mermaid(persona="P2")).tasks) == 3


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_in_every_field_keep_the_structure_and_read_back(payload: str) -> None:
    df = pd.DataFrame(
        {
            "stage": [payload, "Two"],
            "step": [payload, "b"],
            "persona": [payload, payload],
            "emotion": [-3, 3],
        }
    )
    for widget in (JourneyMap(df, persona="persona"), EmotionCurve(df, persona="persona")):
        d = parse(widget.to_mermaid(title=payload))
        assert d.title == payload
        assert d.sections == [
            (payload, [(payload, 1, [payload])]),
            ("Two", [("b", 5, [payload])]),
        ]
        assert parse(widget.to_mermaid(persona=payload)).sections == d.sections


def test_what_is_coded_and_what_is_kept() -> None:
    assert mermaid_text("Voir : l'offre ; #1") == "Voir #58; l'offre #59; #35;1"
    assert mermaid_text("%%{init}%%") == "#37;#37;#123;init#125;#37;#37;"
    assert mermaid_text(" a ") == "#32;a#32;"
    assert mermaid_text("a, b") == "a, b"
    assert mermaid_text("a, b", actor=True) == "a#44; b"
    assert mermaid_text("Journey", task=True) == "#74;ourney"
    assert mermaid_text("Journey") == "Journey"
    assert mermaid_text("") == mermaid_text(" \n") == PLACEHOLDER
    assert mermaid_text("Étape déjà réglée « ça » 😀") == "Étape déjà réglée « ça » 😀"
    # A right-to-left override would show the rest of the line reversed in an editor.
    assert mermaid_text("abc\u202edef") == "abc#8238;def"
    assert mermaid_text("\u2067x\u2069") == "#8295;x#8297;"


def test_an_empty_journey_is_a_diagram_too() -> None:
    d = parse(journey_text([], "Vide"))
    assert d.title == "Vide"
    assert d.sections == []


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.text(max_size=12), st.text(max_size=12), st.text(max_size=8), st.booleans()),
        max_size=8,
    ),
    st.text(max_size=12),
)
def test_any_text_keeps_the_structure(rows: list[tuple[str, str, str, bool]], title: str) -> None:
    steps = [
        Step(i, stage, step, persona, 1 + i % 5, moment)
        for i, (stage, step, persona, moment) in enumerate(rows)
    ]
    d = parse(journey_text(steps, title, merge=False))
    assert d.title == shown(title)
    sections = [
        shown(s.stage) for i, s in enumerate(steps) if i == 0 or s.stage != steps[i - 1].stage
    ]
    assert [name for name, _ in d.sections] == sections
    assert d.tasks == [
        (
            (MOMENT_MARK + s.step) if s.moment else shown(s.step),
            s.score,
            [shown(s.persona)],
        )
        for s in steps
    ]


# Text a table may hold (a lone surrogate is refused before any map is drawn).
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=10)
#: A map's stages, steps and personas.
LABELS = st.tuples(
    st.lists(TEXT, min_size=1, max_size=3, unique=True),
    st.lists(TEXT, min_size=1, max_size=5, unique=True),
    st.lists(TEXT, min_size=1, max_size=2, unique=True),
)


def labelled_frame(
    stages: list[str], steps: list[str], personas: list[str], values: list[object]
) -> pd.DataFrame:
    """Every persona has every step, with ``values[i]`` at step i; stages taken in turn."""
    rows = [
        (stages[i % len(stages)], step, persona, values[i])
        for persona in personas
        for i, step in enumerate(steps)
    ]
    return pd.DataFrame(rows, columns=["stage", "step", "persona", "value"])


@settings(max_examples=40, deadline=None)
@given(LABELS)
def test_any_text_in_a_map_keeps_the_structure(labels: tuple[list[str], ...]) -> None:
    stages, steps, personas = labels
    values = [float(i % 7 - 3) for i in range(len(steps))]
    m = JourneyMap(
        labelled_frame(stages, steps, personas, values), persona="persona", emotion="value"
    )
    d = parse(m.to_mermaid())
    order = list(dict.fromkeys(stages[i % len(stages)] for i in range(len(steps))))
    assert [name for name, _ in d.sections] == [shown(s) for s in order]
    # Personas share every step at the same score: one task per step, all personas on it.
    assert sorted(name for name, _, _ in d.tasks) == sorted(shown(s) for s in steps)
    assert all(actors == [shown(p) for p in personas] for _, _, actors in d.tasks)
