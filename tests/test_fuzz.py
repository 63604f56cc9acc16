"""Random ops, as a confused or hostile front end would send them: every one is answered,
a refused op changes nothing, and undo takes the table back to where it started."""

from __future__ import annotations

import random
from typing import Any

import numpy as np
import pandas as pd
import pandas.testing as pdt
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cjm_widgets import CJMError, EmotionCurve, JourneyMap, link
from cjm_widgets.widgets.wire import encode

from .conftest import FakeView

JUNK: list[Any] = [
    None, "", " ", "x", "Étape ü", "\ud800", "-3", "7", "1.5", "1e400", "nan", "inf", 3, -3, 2.5,
    10**30, float("nan"), True, False, [1], {"a": 1}, "2024-01-01", "2024-01-01T00:00:00Z",
    "10000-01-01", "1 day", "1ns", "one-off", "cross-journey", "oui", "constructor",
    "__proto__", "</script>", "A", "B", "Ana", "web\napp", "étape 1 ", " étape 2",
]  # fmt: skip
KINDS = [
    "set_cell", "set_emotion", "set_moment", "insert_step", "delete_step", "move_step",
    "rename_stage", "add_stage", "paint", None, 3,
]  # fmt: skip


def journey(rng: random.Random, steps: int) -> pd.DataFrame:
    personas = ["Ana", "Bo"]
    rows = []
    for persona in personas:
        for k in range(steps):
            rows.append(
                {
                    "persona": persona,
                    "stage": ["Découvrir", "Choisir", "Acheter"][k * 3 // steps],
                    "step": f"étape {k}",
                    "channel": rng.choice(["web", "app\nstore", None]),
                    "emotion": float(rng.randint(-3, 3)),
                    "pain": rng.choice([None, "lent", "cher"]),
                    "visits": rng.randint(0, 1000),
                    "moment_of_truth": rng.choice([None, None, "one-off", "cross-journey"]),
                    "when": pd.Timestamp("2024-01-01") + pd.Timedelta(days=rng.randint(0, 300)),
                    "digital": rng.random() < 0.5,
                }
            )
    df = pd.DataFrame(rows)
    df["stage"] = pd.Categorical(df["stage"], categories=["Découvrir", "Choisir", "Acheter"])
    df["zoned"] = df["when"].dt.tz_localize("Europe/Paris")
    return df.set_axis(pd.RangeIndex(100, 100 + len(df)))


def random_op(rng: random.Random, m: JourneyMap) -> dict[str, Any]:
    ids = list(m._journey["ids"]) or [1]
    keys = [lane["key"] for lane in m._journey["lanes"]] + ["stage", "step", "nope"]
    stages = [*m._journey["stages"], "ghost"]
    op: dict[str, Any] = {"kind": rng.choice(KINDS)}
    fields = {
        "id": lambda: rng.choice([*ids, 0, -1, 1.5, "1", None]),
        "after": lambda: rng.choice([*ids, 10**12, "x"]),
        "column": lambda: rng.choice([*keys, ["step"], 1]),
        "value": lambda: rng.choice(JUNK),
        "direction": lambda: rng.choice([-1, 1, 1, -1, 0, 2, 1.0, True, "1"]),
        "stage": lambda: rng.choice([*stages, None]),
        # A stage's own name with spaces around it, as a person may type it.
        "name": lambda: rng.choice([*JUNK, *(f"{s} " for s in stages), *(f" {s}" for s in stages)]),
    }
    for name, make in fields.items():
        if rng.random() < 0.8:
            op[name] = make()
    return op


def snapshot(m: JourneyMap) -> tuple[pd.DataFrame, np.ndarray]:
    return m.data, m._state.ids.copy()


def same(a: tuple[pd.DataFrame, np.ndarray], b: tuple[pd.DataFrame, np.ndarray]) -> None:
    pdt.assert_frame_equal(a[0], b[0])
    np.testing.assert_array_equal(a[1], b[1])


@pytest.mark.parametrize("seed", range(4))
def test_ten_thousand_random_ops_are_answered_and_break_nothing(seed: int):
    rng = random.Random(seed)
    df = journey(rng, steps=12)
    m = JourneyMap(df, persona="persona")
    c = EmotionCurve(df, persona="persona")
    link(m, c)
    views = [FakeView(m), FakeView(c)]
    refused = 0
    for _chunk in range(50):  # 4 seeds x 50 chunks x 50 ops = 10,000 ops
        start = snapshot(m)
        applied = 0
        for _ in range(50):
            view = rng.choice(views)
            if rng.random() < 0.05:
                m.active_persona = rng.choice(["Ana", "Bo"])
            before = m._state
            op = random_op(rng, m)
            if view.widget is c and rng.random() < 0.7:
                op["kind"] = "set_emotion"
            reply = view.edit(**op)  # FakeView checks the reply answers this request
            if reply["ok"]:
                applied += 1
                frame, ids = snapshot(m)
                assert len(ids) == len(frame) == len(set(ids.tolist()))
                names = [*m._journey["stages"], *m._journey["step"]]
                assert all(str(n) == str(n).strip() for n in names), names
            else:
                refused += 1
                assert isinstance(reply["message"], str)
                assert reply["message"]
                assert m._state is before  # not even a copy: nothing changed
        # The wire always matches the table (a single-column re-encode included).
        assert m._journey == {**encode(m._state, m._spec, m._journey["revision"])}
        end = snapshot(m)
        for _ in range(applied):
            assert m.undo() is not None
        same(start, snapshot(m))
        for _ in range(applied):
            assert m.redo() is not None
        same(end, snapshot(m))
    assert refused > 1000  # the ops were hostile enough to be refused often…
    assert refused < 9 * 2500 // 10  # …and valid often enough to change the table


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    texts=st.lists(st.text(max_size=12), min_size=1, max_size=6),
    value=st.one_of(st.none(), st.text(), st.integers(), st.floats(), st.booleans()),
)
def test_any_text_in_any_cell_is_either_stored_and_shown_or_refused(texts: list[str], value: Any):
    df = pd.DataFrame(
        {
            "stage": ["A"] * len(texts),
            "step": [f"s{i}" for i in range(len(texts))],
            "pain": pd.Series(texts, dtype=object),
            "visits": range(len(texts)),
        }
    )
    if any("\ud800" <= ch <= "\udfff" for text in texts for ch in text):
        with pytest.raises(CJMError, match="surrogate"):
            JourneyMap(df)
        return
    m = JourneyMap(df)
    v = FakeView(m)
    for column in ("pain", "visits", "step"):
        before = m.data
        reply = v.edit(kind="set_cell", id=m._journey["ids"][0], column=column, value=value)
        if reply["ok"]:
            assert m._journey == encode(m._state, m._spec, m._journey["revision"])
            assert m.undo() is not None
        pdt.assert_frame_equal(m.data, before)
