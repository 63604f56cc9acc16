"""Evidence that cannot be drawn honestly is refused with an EvidenceError naming why."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from cjm_widgets import CJMError, EmotionCurve, EvidenceError

from .test_curve import RESPONSES, two_personas


def summary(**changes: list) -> pd.DataFrame:
    """One per-step summary for Ana's Pay, with ``changes`` replacing its columns."""
    columns = {
        "persona": ["Ana"],
        "step": ["Pay"],
        "n": [3],
        "mean": [1.0],
        "ci_low": [0.5],
        "ci_high": [1.5],
    }
    return pd.DataFrame({**columns, **changes})


def text(values: list) -> pd.Series:
    """Labels kept as Python objects (a string dtype would refuse a lone surrogate itself)."""
    return pd.Series(values, dtype=object)


def curve(evidence: object) -> EmotionCurve:
    return EmotionCurve(two_personas(), persona="persona", evidence=evidence)


def refused(evidence: object, message: str) -> EvidenceError:
    with pytest.raises(EvidenceError, match=message) as caught:
        curve(evidence)
    # The message itself must be printable and sendable.
    str(caught.value).encode("utf-8")
    return caught.value


def wire_json(c: EmotionCurve) -> str:
    return json.dumps(c._curve, allow_nan=False)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ci_low": [-np.inf], "ci_high": [np.inf]}, "ci_low -inf for step 'Pay' is not finite"),
        ({"ci_high": [np.inf]}, "ci_high inf for step 'Pay' is not finite"),
        ({"mean": [np.inf]}, "mean inf for step 'Pay' is not finite"),
        ({"n": [np.inf]}, "n inf for step 'Pay' is not finite"),
        ({"mean": [np.nan]}, "step 'Pay' has n = 3 but no mean"),
        ({"ci_low": [np.nan]}, "step 'Pay' has n = 3 but no ci_low"),
        ({"ci_low": [np.nan], "ci_high": [np.nan]}, "step 'Pay' has n = 3 but no ci_low"),
        # Without a count the values are no evidence, but infinity is never a value.
        ({"n": [0], "mean": [np.inf]}, "mean inf for step 'Pay' is not finite"),
        ({"n": [np.nan], "ci_low": [-np.inf]}, "ci_low -inf for step 'Pay' is not finite"),
    ],
)
def test_non_finite_summaries_are_refused(changes, message):
    refused(summary(**changes), message)


def test_non_finite_columns_of_the_steps_table_are_refused():
    frame = two_personas().assign(n=3, mean=1.0, ci_low=0.0, ci_high=2.0)
    frame.loc[12, "ci_high"] = np.inf
    columns = {"n": "n", "mean": "mean", "ci_low": "ci_low", "ci_high": "ci_high"}
    with pytest.raises(EvidenceError, match="ci_high inf for step 'Compare' is not finite"):
        EmotionCurve(frame, persona="persona", evidence=columns)
    frame.loc[12, ["mean", "ci_high"]] = [np.nan, 2.0]
    with pytest.raises(EvidenceError, match="step 'Compare' has n = 3 but no mean"):
        EmotionCurve(frame, persona="persona", evidence=columns)


@pytest.mark.parametrize(
    "changes",
    [
        {"n": [0], "mean": [np.nan], "ci_low": [np.nan], "ci_high": [np.nan]},
        {"n": [np.nan], "mean": [np.nan], "ci_low": [np.nan], "ci_high": [np.nan]},
        {"n": [0], "mean": [1.0]},
        # One answer has a mean but no spread, so no interval.
        {"n": [1], "ci_low": [np.nan], "ci_high": [np.nan]},
    ],
)
def test_steps_without_an_interval_are_drawn_and_the_wire_stays_json(changes):
    c = curve(summary(**changes))
    n = c.evidence.loc[13, "n"]
    assert pd.isna(n) if pd.isna(changes["n"][0]) else n == changes["n"][0]
    wire_json(c)


@pytest.mark.parametrize(
    ("column", "missing"),
    [
        ("step", [None, np.nan]),
        ("step", [pd.NA, pd.NA]),
        ("persona", [None, np.nan]),
    ],
)
def test_responses_without_a_step_or_persona_are_counted_and_refused(column, missing):
    extra = pd.DataFrame({"persona": ["Ana", "Ana"], "step": ["Pay", "Pay"], "score": [1, 2]})
    extra[column] = pd.Series(missing, dtype=object)
    responses = pd.concat([RESPONSES, extra], ignore_index=True)
    refused(responses, f"2 evidence rows have no {column}")
    strings = responses.astype({"step": "string", "persona": "string"})
    refused(strings, f"2 evidence rows have no {column}")


def test_summaries_without_a_step_are_refused():
    refused(summary(step=[None]), "1 evidence row has no step")


def test_two_score_columns_are_refused():
    doubled = pd.concat([RESPONSES, RESPONSES[["score"]]], axis=1)
    refused(doubled, "evidence has 2 columns named 'score'")
    twice = pd.concat([summary(), summary()[["mean"]]], axis=1)
    refused(twice, "evidence has 2 columns named 'mean'")


@pytest.mark.parametrize("n", [1e300, 2.0**63, -1.0, 2.5])
def test_counts_must_be_whole_numbers_within_int64(n):
    refused(summary(n=[n]), "n must be a whole count")


def test_a_large_whole_count_is_kept():
    c = curve(summary(n=[2.0**53]))
    assert c.evidence.loc[13, "n"] == 2**53
    assert c._curve["evidence"]["n"][2] == 2**53
    wire_json(c)


@pytest.mark.parametrize(
    ("evidence", "message"),
    [
        ("x", "evidence must be a table .* got str"),
        ([1, 2], "evidence must be a table .* got list"),
        (RESPONSES["score"], "evidence must be a table .* got Series"),
        (3, "evidence must be a table .* got int"),
    ],
)
def test_evidence_that_is_not_a_table_is_refused(evidence, message):
    refused(evidence, message)


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        (
            {"n": ["visits"], "mean": "emotion", "ci_low": "emotion", "ci_high": "emotion"},
            "evidence n must name one column of the steps table, not \\['visits'\\]",
        ),
        (
            {"n": {"a": 1}, "mean": "emotion", "ci_low": "emotion", "ci_high": "emotion"},
            "evidence n must name one column",
        ),
        ({1: "emotion", "x": "emotion", "n": "emotion"}, "unknown: 1, 'x'"),
    ],
)
def test_mappings_that_do_not_name_columns_are_refused(columns, message):
    refused(columns, message)


def test_complex_numbers_are_refused():
    refused(RESPONSES.assign(score=1j), "'score' must hold real numbers .*complex")
    refused(summary(mean=[1 + 0j]), "'mean' must hold real numbers .*complex")
    frame = two_personas().assign(n=3, mean=1.0 + 0j, ci_low=0.0, ci_high=2.0)
    columns = {"n": "n", "mean": "mean", "ci_low": "ci_low", "ci_high": "ci_high"}
    with pytest.raises(EvidenceError, match=r"'mean' must hold real numbers .*complex"):
        EmotionCurve(frame, persona="persona", evidence=columns)


@pytest.mark.parametrize("column", ["step", "persona"])
def test_labels_that_cannot_be_encoded_are_refused(column):
    responses = RESPONSES.assign(**{column: text(["\ud800"] * len(RESPONSES))})
    error = refused(responses, f"evidence column '{column}' holds text that is not valid unicode")
    assert isinstance(error, CJMError)
    refused(summary(**{column: text(["\ud800"])}), f"evidence column '{column}'")


def test_responses_under_repeated_index_labels_are_all_counted():
    twice = pd.concat([RESPONSES, RESPONSES])
    assert curve(twice).evidence.loc[11, "n"] == 6
