"""Journey files, by property: any table a widget takes comes back from its file exactly, and a
file with one line corrupted loads to the same widget or raises JourneyFileError, nothing else."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from cjm_widgets import CJMError, EmotionCurve, JourneyFileError, JourneyMap
from cjm_widgets.keep import dumps, loads

from .test_journey_file import PAYLOADS, every_dtype, journey, same_curve, same_map

SPECIAL = [*PAYLOADS, "\n", "\r", "\r\n", "\u2028", "\u2029", '"', "\\", "\\u2028", "", " ",
           "</script>", "\x00", "\u202e", "\ufeff", "NaN", "null", "row 1", "end"]  # fmt: skip
texts = st.one_of(
    st.text(), st.sampled_from(SPECIAL), st.lists(st.sampled_from(SPECIAL)).map("".join)
)
labels = st.one_of(st.text(min_size=1), st.sampled_from([s for s in SPECIAL if s]))
ZONES = ["UTC", "Europe/Paris", "America/St_Johns", "Asia/Kathmandu", "Australia/Lord_Howe"]
NS = st.integers(-(2**62), 2**62)  # within datetime64[ns]


def column(kind: str, n: int) -> st.SearchStrategy[Any]:
    """``n`` values of one dtype, with its missing values."""
    some = lambda values: st.lists(values, min_size=n, max_size=n)  # noqa: E731
    if kind == "object":
        return some(st.one_of(texts, st.none(), st.just(float("nan")))).map(
            lambda v: pd.Series(v, dtype=object)
        )
    if kind in ("string", "str"):
        return some(st.one_of(texts, st.none())).map(lambda v: pd.array(v, dtype=kind))
    if kind == "int64":
        return some(st.integers(-(2**63), 2**63 - 1)).map(lambda v: np.array(v, dtype=np.int64))
    if kind == "Int64":
        return some(st.one_of(st.none(), st.integers(-(2**63), 2**63 - 1))).map(
            lambda v: pd.array(v, dtype="Int64")
        )
    if kind == "float64":
        return some(st.floats()).map(lambda v: np.array(v, dtype=np.float64))
    if kind == "Float64":
        return st.tuples(some(st.floats()), some(st.booleans())).map(
            lambda t: pd.arrays.FloatingArray(np.array(t[0], dtype=np.float64), np.array(t[1]))
        )
    if kind == "bool":
        return some(st.booleans()).map(lambda v: np.array(v, dtype=bool))
    if kind == "boolean":
        return some(st.one_of(st.none(), st.booleans())).map(lambda v: pd.array(v, "boolean"))
    if kind == "category":
        return st.tuples(
            st.lists(texts, min_size=1, max_size=4, unique=True), st.booleans()
        ).flatmap(
            lambda c: some(st.one_of(st.none(), st.sampled_from(c[0]))).map(
                lambda v: pd.Categorical(v, categories=c[0], ordered=c[1])
            )
        )
    if kind == "datetime":
        return some(st.one_of(st.none(), NS)).map(
            lambda v: pd.array(np.array([("NaT" if x is None else x) for x in v], "datetime64[ns]"))
        )
    if kind == "datetime_tz":
        return st.tuples(some(st.one_of(st.none(), NS)), st.sampled_from(ZONES)).map(
            lambda t: (
                pd.DatetimeIndex(
                    np.array([("NaT" if x is None else x) for x in t[0]], "datetime64[ns]")
                )
                .tz_localize("UTC")
                .tz_convert(t[1])
                .array
            )
        )
    assert kind == "timedelta"
    return some(st.one_of(st.none(), NS)).map(
        lambda v: pd.array(np.array([("NaT" if x is None else x) for x in v], "timedelta64[ns]"))
    )


KINDS = ["object", "string", "str", "int64", "Int64", "float64", "Float64", "bool", "boolean",
         "category", "datetime", "datetime_tz", "timedelta"]  # fmt: skip


def index(n: int) -> st.SearchStrategy[pd.Index]:
    name = st.one_of(st.none(), texts, st.integers(-5, 5))
    ranges = st.tuples(st.integers(-100, 100), st.sampled_from([-3, -2, -1, 1, 2, 3]), name).map(
        lambda t: pd.RangeIndex(t[0], t[0] + t[1] * n, t[1], name=t[2])
    )
    ints = st.tuples(
        st.lists(st.integers(-(2**63), 2**63 - 1), min_size=n, max_size=n, unique=True), name
    )
    strings = st.tuples(st.lists(texts, min_size=n, max_size=n, unique=True), name)
    return st.one_of(
        ranges,
        ints.map(lambda t: pd.Index(t[0], dtype="int64", name=t[1])),
        strings.map(lambda t: pd.Index(t[0], dtype="str", name=t[1])),
        strings.map(lambda t: pd.Index(t[0], dtype=object, name=t[1])),
    )


@st.composite
def tables(draw: Any) -> tuple[pd.DataFrame, list[str] | None]:
    personas = draw(st.sampled_from([None, ["Léa"], ["Léa", "Omar ✈"]]))
    steps = draw(st.lists(labels, min_size=1, max_size=4, unique=True))
    stages = draw(st.lists(labels, min_size=1, max_size=3, unique=True))
    n = len(steps) * (len(personas) if personas else 1)
    data: dict[Any, Any] = {}
    if personas:
        data["persona"] = [p for p in personas for _ in steps]
    stage_values = draw(st.lists(st.sampled_from(stages), min_size=n, max_size=n))
    if draw(st.booleans()):
        data["stage"] = pd.Categorical(stage_values, categories=stages, ordered=draw(st.booleans()))
    else:
        data["stage"] = pd.array(stage_values, dtype=draw(st.sampled_from(["str", "object"])))
    data["step"] = steps * (len(personas) if personas else 1)
    emotions = draw(st.lists(st.one_of(st.none(), st.integers(-3, 3)), min_size=n, max_size=n))
    if draw(st.booleans()):
        data["emotion"] = pd.array(emotions, dtype="Int64")
    else:
        data["emotion"] = [np.nan if e is None else e / 2 for e in emotions]
    for k, kind in enumerate(draw(st.lists(st.sampled_from(KINDS), max_size=5))):
        data[f"c{k} {kind}"] = draw(column(kind, n))
    if draw(st.booleans()):
        data[7] = draw(column("object", n))  # a column named by a number
    frame = pd.DataFrame(data)
    frame.index = draw(index(n))
    return frame, personas


@given(
    table=tables(),
    kind=st.sampled_from(["map", "curve"]),
    every_lane=st.booleans(),
    title=texts,
    description=texts,
)
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_any_table_a_widget_takes_comes_back_from_its_file_exactly(
    table: tuple[pd.DataFrame, list[str] | None],
    kind: str,
    every_lane: bool,
    title: str,
    description: str,
):
    frame, personas = table
    persona = "persona" if personas else None
    try:
        if kind == "map":
            lanes = None if every_lane else []  # every column a lane, or none (any dtype)
            widget: Any = JourneyMap(
                frame, persona=persona, lanes=lanes, title=title, description=description
            )
        else:
            steps = frame["step"].tolist()
            answers = pd.DataFrame(
                {"step": steps, "score": [(-1) ** k for k in range(len(steps))], "note": title}
            )
            if persona:
                answers["persona"] = frame["persona"].to_numpy()
            widget = EmotionCurve(
                frame,
                persona=persona,
                evidence=answers,
                title=title,
                description=description,
                moment_of_truth=None,
            )
    except CJMError as exc:
        event(f"refused: {type(exc).__name__}")
        assume(False)  # a table the widget refuses never reaches a file
        return
    text = dumps(widget)
    back = loads(text)
    assert isinstance(back, JourneyMap if kind == "map" else EmotionCurve)
    (same_map if kind == "map" else same_curve)(widget, back)
    assert dumps(back) == text


def corpus() -> list[str]:
    m = JourneyMap(journey(), persona="persona", title="Achat", description="a\nb")
    m.add_priorities(pd.DataFrame({"step": ["Payer"], "rank": [1]}))
    answers = pd.DataFrame(
        {"step": ["Payer", "Payer"], "persona": ["Léa", "Omar"], "score": [1, -1]}
    )
    curve = EmotionCurve(journey(), persona="persona", evidence=answers, labels={0: "neutre"})
    dtypes = JourneyMap(every_dtype(), lanes=["int64"], emotion=None)
    return [dumps(m), dumps(curve), dumps(dtypes)]


CORPUS = corpus()


def corrupt(text: str, how: str, place: float, junk: str) -> str:
    """``text`` with one line deleted, duplicated, swapped with the next, replaced or preceded
    by ``junk``, or the file cut there; ``place`` (0 to 1) says where."""
    lines = text.split("\n")
    at = int(place * len(lines))
    if how == "delete":
        del lines[at]
    elif how == "duplicate":
        lines.insert(at, lines[at])
    elif how == "swap" and at + 1 < len(lines):
        lines[at], lines[at + 1] = lines[at + 1], lines[at]
    elif how == "replace":
        lines[at] = junk
    elif how == "insert":
        lines.insert(at, junk)
    elif how == "cut":
        return text[: at * len(text) // len(lines)]
    return "\n".join(lines)


@given(
    which=st.integers(0, len(CORPUS) - 1),
    how=st.sampled_from(["delete", "duplicate", "swap", "replace", "insert", "cut"]),
    place=st.floats(0, 1, exclude_max=True),
    junk=st.one_of(
        texts, st.sampled_from(['  "step": "x"', "row 3", 'table: "steps"', "{", "[" * 5000])
    ),
)
@settings(deadline=None)
def test_a_file_with_one_line_corrupted_loads_the_same_or_raises_journey_file_error(
    which: int, how: str, place: float, junk: str
):
    good = CORPUS[which]
    original = loads(good)
    refused: JourneyFileError | None = None
    try:
        back = loads(corrupt(good, how, place, junk))
    except JourneyFileError as exc:
        refused = exc
    if refused is not None:
        assert refused.line is not None  # every refusal names its line
        event(f"refused: {refused.field}")
        return
    assert isinstance(back, JourneyMap) == isinstance(original, JourneyMap)
    if isinstance(original, JourneyMap):
        same_map(original, back)
    else:
        same_curve(original, back)
