"""The wire format: JSON-safe, column-wise, and cheap to update after a cell edit."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from cjm_widgets import JourneyMap
from cjm_widgets.widgets.wire import encode, encode_values, reencode_cell

from .conftest import FakeView, cells


def test_state_is_strict_json(frame):
    frame["when"] = pd.to_datetime(["2026-01-01", None, "2026-01-03", None, None])
    frame["share"] = [0.5, np.nan, 0.25, np.inf * 0, 1.0]
    state = JourneyMap(frame)._journey
    text = json.dumps(state, allow_nan=False)  # what the kernel's session does
    back = json.loads(text)
    assert cells(back, "emotion") == [1.0, 2.0, -1.0, 0.0, None]
    assert cells(back, "pain") == [
        None,
        "Slow page",
        "Too many options\nHidden fees",
        None,
        "Card refused",
    ]
    assert cells(back, "when") == ["2026-01-01T00:00:00", None, "2026-01-03T00:00:00", None, None]
    assert cells(back, "share") == [0.5, None, 0.25, None, 1.0]


def test_encode_values_per_dtype():
    assert encode_values(pd.Series([1, 2], dtype="int64")) == [1, 2]
    assert encode_values(pd.Series([1, None], dtype="Int64")) == [1, None]
    assert encode_values(pd.Series([True, None], dtype="boolean")) == [True, None]
    assert encode_values(pd.Series(["a", None], dtype="category")) == ["a", None]
    assert encode_values(pd.Series([3, "x", None], dtype=object)) == ["3", "x", None]
    assert all(type(v) is int for v in encode_values(pd.Series([1, 2], dtype="int32")))


def test_lane_dtypes_and_options_reach_the_view(frame):
    frame["tier"] = pd.Categorical(["gold", "silver", "gold", None, "silver"])
    lanes = {lane["key"]: lane for lane in JourneyMap(frame)._journey["lanes"]}
    assert lanes["visits"]["dtype"] == "integer"
    assert lanes["emotion"]["dtype"] == "number"
    assert lanes["pain"]["dtype"] == "text"
    assert lanes["tier"]["dtype"] == "category"
    assert lanes["tier"]["options"] == ["gold", "silver"]


def test_cell_update_equals_a_full_encode(view):
    view.edit(kind="set_cell", id=view.id_of(30), column="step", value="Compare")
    view.edit(kind="set_cell", id=view.id_of(30), column="pain", value="None left")
    m = view.widget
    full = encode(m._state, m._spec, m._journey["revision"])
    assert m._journey == full


def test_reencode_shares_untouched_columns(view):
    m = view.widget
    before = m._journey
    after = reencode_cell(before, m._state, m._spec, "pain", before["revision"] + 1)
    assert cells(after, "visits") is cells(before, "visits")
    assert after["revision"] == before["revision"] + 1


def test_revision_grows_with_every_change(view):
    revisions = [view.widget._journey["revision"]]
    view.edit(kind="set_cell", id=view.id_of(10), column="pain", value="a")
    revisions.append(view.widget._journey["revision"])
    view.widget.data = view.widget.data
    revisions.append(view.widget._journey["revision"])
    assert revisions == sorted(set(revisions))


def test_ids_survive_replacing_the_frame_by_label(frame):
    v = FakeView(JourneyMap(frame))
    old = dict(zip(frame.index, v.ids(), strict=True))
    v.widget.data = frame.loc[[50, 10, 30]].assign(extra=1)
    assert v.ids() == [old[50], old[10], old[30]]
    dup = pd.concat([frame.loc[[10]], frame.loc[[10]].assign(step="Other")])
    v.widget.data = dup
    # A row keeps its id by its step, not its label: label 10 now names two rows.
    assert v.ids()[0] == old[10]
    assert old[10] not in v.ids()[1:]


@settings(max_examples=80, deadline=None)
@given(
    values=st.lists(
        st.one_of(
            st.none(), st.floats(allow_nan=True, allow_infinity=False), st.integers(-(2**53), 2**53)
        ),
        min_size=1,
        max_size=20,
    ),
    texts=st.lists(
        st.one_of(st.none(), st.text(st.characters(exclude_categories=["Cs"]))),
        min_size=1,
        max_size=20,
    ),
)
def test_encoded_columns_are_json_and_decode_to_the_values(values: list[Any], texts: list[Any]):
    numbers = pd.Series([float("nan") if v is None else float(v) for v in values])
    sent = json.loads(json.dumps(encode_values(numbers), allow_nan=False))
    for got, want in zip(sent, numbers.tolist(), strict=True):
        assert (got is None) if want != want else got == want
    text = pd.Series(texts, dtype=object)
    sent = json.loads(json.dumps(encode_values(text), allow_nan=False))
    assert sent == [None if t is None else t for t in texts]
