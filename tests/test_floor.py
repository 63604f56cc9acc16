"""The static floor: a map or curve as plain HTML tables, read back with the stdlib's parser."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cjm_widgets import EmotionCurve, JourneyMap, Lane
from cjm_widgets.export.floor import curve_floor, map_floor
from cjm_widgets.table.lanes.display import (
    display_text,
    format_emotion,
    format_lane_number,
    format_number,
    split_items,
)

from .conftest import steps_frame
from .journeys import PAYLOADS
from .test_mermaid import LABELS, TEXT, labelled_frame

ALLOWED = {"table", "caption", "thead", "tbody", "tr", "th", "td", "br", "strong", "em"}
ATTRIBUTES = {"class", "scope", "colspan"}


@dataclass
class Cell:
    tag: str
    attrs: dict[str, str | None]
    text: str = ""


@dataclass
class Table:
    caption: str = ""
    head: list[list[Cell]] = field(default_factory=list)
    body: list[list[Cell]] = field(default_factory=list)


class Reader(HTMLParser):
    """Tables, their rows and cells (a <br> read as a newline); every tag and attribute seen."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[Table] = []
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.section: list[list[Cell]] | None = None
        self.cell: Cell | None = None
        self.in_caption = False
        self.stray = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes |= {name for name, _ in attrs}
        if tag == "table":
            self.tables.append(Table())
        elif tag == "caption":
            self.in_caption = True
        elif tag in ("thead", "tbody"):
            table = self.tables[-1]
            self.section = table.head if tag == "thead" else table.body
        elif tag == "tr":
            assert self.section is not None
            self.section.append([])
        elif tag in ("th", "td"):
            assert self.section is not None
            self.cell = Cell(tag, dict(attrs))
            self.section[-1].append(self.cell)
        elif tag == "br":
            self.handle_data("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "caption":
            self.in_caption = False
        elif tag in ("th", "td"):
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.in_caption:
            self.tables[-1].caption += data
        elif self.cell is not None:
            self.cell.text += data
        else:
            self.stray += data


def read(fragment: str) -> Reader:
    reader = Reader()
    reader.feed(fragment)
    reader.close()
    assert reader.tags <= ALLOWED, reader.tags - ALLOWED
    assert reader.attributes <= ATTRIBUTES, reader.attributes
    assert not any(name.startswith("on") for name in reader.attributes)
    assert reader.stray == "", f"text outside cells: {reader.stray!r}"
    return reader


def texts(row: list[Cell]) -> list[str]:
    return [cell.text for cell in row]


def check_grid(table: Table, steps: list[str], stages: list[tuple[str, int]], lanes: list[str]):
    """Two header rows (stages spanning their steps, then steps), a row per lane, a cell per
    step in every row."""
    stage_row, step_row = table.head
    assert stage_row[0].tag == "td"
    assert [(c.text, int(c.attrs["colspan"] or 0)) for c in stage_row[1:]] == stages
    assert all(c.attrs["scope"] == "colgroup" for c in stage_row[1:])
    assert sum(n for _, n in stages) == len(steps)
    assert texts(step_row)[1:] == steps
    assert all(c.tag == "th" and c.attrs["scope"] == "col" for c in step_row[1:])
    assert [row[0].text for row in table.body] == lanes
    assert all(row[0].tag == "th" and row[0].attrs["scope"] == "row" for row in table.body)
    assert all(len(row) == len(steps) + 1 for row in table.body)


def lane_row(table: Table, label: str) -> list[str]:
    return next(texts(row)[1:] for row in table.body if row[0].text == label)


# -- the map ---------------------------------------------------------------------------------


def test_a_map_is_one_table_with_stages_over_steps_and_a_row_per_lane() -> None:
    m = JourneyMap(steps_frame())
    reader = read(map_floor(m))
    [table] = reader.tables
    assert table.caption == "Customer journey"
    steps = ["See ad", "Visit site", "Compare offers", "Checkout", "Pay"]
    stages = [("Awareness", 2), ("Consideration", 1), ("Purchase", 2)]
    lanes = [lane.label for lane in m.lanes]
    check_grid(table, steps, stages, lanes)
    assert lane_row(table, "Channel") == ["social", "web", "web, app", "web", "web"]
    assert lane_row(table, "Emotion") == [
        "+1 (high)",
        "+2 (high)",
        "\u22121 (low)",
        "0 (neutral)",
        "",
    ]
    assert lane_row(table, "Pain") == [
        "",
        "Slow page",
        "Too many options\nHidden fees",
        "",
        "Card refused",
    ]
    assert lane_row(table, "Visits") == ["1,000", "800", "500", "300", "250"]
    assert lane_row(table, "Moment of truth") == ["", "", "★ One-off", "", "★ Cross-journey"]


def test_numbers_are_written_in_their_lanes_format() -> None:
    df = pd.DataFrame(
        {
            "stage": ["A", "A", "B"],
            "step": ["a", "b", "c"],
            "exit_rate": [0.69, 0.6912, 1.0],
            "wait_seconds": [1036.0, 7500.0, 2.5],
            "share": [0.5, 0.25, None],
            "priority": pd.array([1, 12, None], dtype="Int64"),
            "quadrant": ["concentrate here", None, "possible overkill"],
            "when": pd.to_datetime(["2026-01-02", "2026-01-03 14:30", None], format="ISO8601"),
            "ok": [True, False, True],
        }
    )
    m = JourneyMap(
        df,
        lanes=[
            "exit_rate",
            "wait_seconds",
            Lane("share", "number", "Share", "percent:1"),
            "priority",
            Lane("quadrant", "priority"),
            "when",
            "ok",
        ],
    )
    [table] = read(map_floor(m)).tables
    assert lane_row(table, "Exit rate") == ["69%", "69.1%", "100%"]
    assert lane_row(table, "Wait seconds") == ["17 min 16 s", "2 h 05 min", "2.5 s"]
    assert lane_row(table, "Share") == ["50.0%", "25.0%", ""]
    assert lane_row(table, "Priority") == ["#1", "#12", ""]
    assert lane_row(table, "Quadrant") == ["Concentrate here", "", "Possible overkill"]
    assert lane_row(table, "When") == ["2026-01-02", "2026-01-03 14:30:00", ""]
    assert lane_row(table, "Ok") == ["yes", "no", "yes"]


def test_a_table_per_persona_the_shown_one_first() -> None:
    df = pd.DataFrame(
        {
            "stage": ["A", "A", "B", "A", "B", "B"],
            "step": ["a", "b", "c", "a", "c", "d"],
            "persona": ["Ana", "Ana", "Ana", "Bob", "Bob", "Bob"],
            "emotion": [1, 2, 3, -1, -2, -3],
        }
    )
    m = JourneyMap(df, persona="persona")
    m.active_persona = "Bob"
    m.title = "Onboarding"  # a plain attribute before the trait exists, the trait after
    bob, ana = read(map_floor(m)).tables
    assert bob.caption == "Onboarding \u2014 persona: Bob"
    assert ana.caption == "Onboarding \u2014 persona: Ana"
    check_grid(bob, ["a", "c", "d"], [("A", 1), ("B", 2)], ["Emotion"])
    check_grid(ana, ["a", "b", "c"], [("A", 2), ("B", 1)], ["Emotion"])
    assert lane_row(bob, "Emotion") == ["\u22121 (low)", "\u22122 (low)", "\u22123 (very low)"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_in_every_field_are_only_text(payload: str) -> None:
    df = pd.DataFrame(
        {
            "stage": [payload, "B"],
            "step": [payload, "b"],
            "persona": [payload, payload],
            payload: [payload, "x"],
            "channel": [payload, "web"],
        }
    )
    m = JourneyMap(df, persona="persona", lanes=[Lane(payload, "text", payload), "channel"])
    m.title = payload
    [table] = read(map_floor(m)).tables
    assert table.caption == f"{payload} \u2014 persona: {payload}"
    check_grid(table, [payload, "b"], [(payload, 1), ("B", 1)], [payload, "Channel"])
    assert lane_row(table, payload) == ["\n".join(split_items(payload)), "x"]
    c = EmotionCurve(df.assign(emotion=[1, 2]), persona="persona")
    c.title = payload
    [curve] = read(curve_floor(c)).tables
    assert curve.caption == f"{payload} \u2014 persona: {payload}"
    assert [texts(r)[:2] for r in curve.body] == [[payload, payload], ["B", "b"]]


@settings(max_examples=60, deadline=None)
@given(LABELS, TEXT, st.lists(st.text(st.characters(blacklist_categories=("Cs",))), min_size=5))
def test_any_text_is_only_text(labels: tuple[list[str], ...], label: str, notes: list[str]) -> None:
    stages, steps, personas = labels
    df = labelled_frame(stages, steps, personas, notes[: len(steps)])
    m = JourneyMap(df, persona="persona", lanes=[Lane("value", "text", label)])
    m.title = label
    tables = read(map_floor(m)).tables
    assert len(tables) == len(personas)
    order = list(dict.fromkeys(stages[i % len(stages)] for i in range(len(steps))))
    counts = [(s, sum(stages[i % len(stages)] == s for i in range(len(steps)))) for s in order]
    in_order = [
        (i, step) for s in order for i, step in enumerate(steps) if stages[i % len(stages)] == s
    ]
    for table, persona in zip(tables, personas, strict=True):
        title = label if label.strip() else "Customer journey"  # a blank title is none
        assert table.caption == f"{title} \u2014 persona: {persona}"
        check_grid(table, [step for _, step in in_order], counts, [label])
        assert lane_row(table, label) == ["\n".join(split_items(notes[i])) for i, _ in in_order]


# -- the curve -------------------------------------------------------------------------------


def test_a_curve_is_a_table_of_steps_per_persona_with_its_evidence() -> None:
    df = pd.DataFrame(
        {
            "stage": ["A", "A", "B"] * 2,
            "step": ["a", "b", "c"] * 2,
            "persona": ["Ana"] * 3 + ["Bob"] * 3,
            "emotion": [-3.0, 0.0, 2.0, 1.0, np.nan, 3.0],
        }
    )
    summary = pd.DataFrame(
        {
            "step": ["a", "c"],
            "persona": ["Ana", "Bob"],
            "n": [40, 12],
            "mean": [-2.4, 1.25],
            "ci_low": [-2.9, 0.5],
            "ci_high": [-1.9, 2.0],
        }
    )
    c = EmotionCurve(df, persona="persona", labels={-3: "awful", 3: "great"}, evidence=summary)
    ana, bob = read(curve_floor(c)).tables
    assert [texts(r) for r in ana.head] == [
        ["Stage", "Step", "Emotion", "Measured", "n", "95% interval"]
    ]
    assert [texts(r) for r in ana.body] == [
        ["A", "a", "\u22123 (awful)", "\u22122.4 (very low)", "40", "\u22122.9 to \u22121.9"],
        ["A", "b", "0 (neutral)", "", "", ""],
        ["B", "c", "+2 (high)", "", "", ""],
    ]
    assert [texts(r) for r in bob.body] == [
        ["A", "a", "+1 (high)", "", "", ""],
        ["A", "b", "", "", "", ""],
        ["B", "c", "+3 (great)", "+1.25 (high)", "12", "+0.5 to +2"],
    ]
    assert bob.caption == "Customer journey \u2014 persona: Bob"
    assert all(r[1].tag == "th" and r[1].attrs["scope"] == "row" for r in ana.body)
    plain = read(curve_floor(EmotionCurve(df[df["persona"] == "Ana"]))).tables
    assert [texts(r) for r in plain[0].head] == [["Stage", "Step", "Emotion"]]
    assert len(plain[0].body) == 3


# -- the formats, as the view's own tests write them (js/src/map/format.test.ts, lanes.test.ts)


def test_number_formats_match_the_views() -> None:
    assert format_number(1234567) == "1,234,567"
    assert format_number(0.12345) == "0.12"
    assert format_number(1234.56) == "1,234.6"
    assert format_number(-0.0001) == "0"
    assert format_number(float("nan")) == ""
    assert format_emotion(2) == "+2"
    assert format_emotion(-1.5) == "\u22121.5"
    assert format_emotion(0) == "0"
    assert format_emotion(None) == ""
    plain = {"style": "number", "digits": None}
    assert format_lane_number(1234567) == "1,234,567"
    assert format_lane_number(0.12345, plain) == "0.12"
    assert format_lane_number(float("nan")) == ""
    assert format_lane_number(3, None) == "3"
    assert format_lane_number(1234.5, {"style": "number", "digits": 2}) == "1,234.50"
    assert format_lane_number(2.4, {"style": "number", "digits": 0}) == "2"
    assert format_lane_number(-0.001, {"style": "number", "digits": 1}) == "0.0"
    assert format_lane_number(0.69, {"style": "percent", "digits": None}) == "69%"
    assert format_lane_number(0.6912, {"style": "percent", "digits": 1}) == "69.1%"
    assert format_lane_number(1, {"style": "percent", "digits": 0}) == "100%"
    duration = {"style": "duration", "digits": None}
    assert [format_lane_number(v, duration) for v in (1036, 7500, 45, 59.7, 3599.8, 2.5, -90)] == [
        "17 min 16 s",
        "2 h 05 min",
        "45 s",
        "1 min 00 s",
        "1 h 00 min",
        "2.5 s",
        "\u22121 min 30 s",
    ]
    # Intl rounds the shortest text of a float half up (1.005 is 1.01), not its binary value.
    assert format_number(1.005) == "1.01"
    assert format_number(2.675) == "2.68"
    assert format_number(1e21) == "1,000,000,000,000,000,000,000"
    assert display_text(True, "bool") == "yes"
    assert display_text("2026-01-02T00:00:00", "date") == "2026-01-02"
    assert split_items("Slow\n\n  Confusing \r\nHidden fees") == [
        "Slow",
        "Confusing",
        "Hidden fees",
    ]


def test_a_large_map_keeps_its_shape() -> None:
    """3,000 steps x 12 lanes, as written with every displayed widget (its speed is measured
    outside the tests)."""
    n = 3000
    rng = np.random.default_rng(0)
    df = pd.DataFrame(
        {
            "stage": [f"Stage {i // 100}" for i in range(n)],
            "step": [f"Step <{i}>" for i in range(n)],
            "emotion": rng.integers(-3, 4, n).astype(float),
            "channel": rng.choice(["web", "app, store", "phone"], n),
            "pain": rng.choice(["slow\nugly", "", None, "x & y"], n),
            "visits": rng.integers(0, 10**6, n),
            "exit_rate": rng.random(n),
            "wait_seconds": rng.random(n) * 5000,
            "moment_of_truth": rng.choice([None, "one-off", "cross-journey"], n),
            "gain": "g",
            "owner": "o",
            "opportunity": "op",
            "thought": "t\nu",
            "revenue": rng.random(n) * 1e5,
        }
    )
    m = JourneyMap(df)
    assert len(m.lanes) == 12
    [table] = read(map_floor(m)).tables
    assert len(table.head[1]) == n + 1
    assert len(table.body) == 12
