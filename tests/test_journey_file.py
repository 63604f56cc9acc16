"""Journey files: a widget saved and loaded back is the same widget; the file is text made for
git (one edited cell, one changed line); a malformed file is refused naming its line and field;
a failed save leaves the old file as it was."""

from __future__ import annotations

import datetime as dt
import difflib
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import dateutil.tz
import numpy as np
import pandas as pd
import pandas.testing as pdt
import pytest
import pytz

import cjm_widgets
from cjm_widgets import EmotionCurve, JourneyFileError, JourneyMap, Lane
from cjm_widgets.keep import dumps, loads, texts

from .conftest import FakeView, steps_frame
from .journeys import PAYLOADS

FRENCH = "Trop d'étapes\navant de payer\tà la caisse 😡\u2028fin — «\u00a0ouf\u00a0»"
ARABIC = "الدفع مرفوض"


def journey() -> pd.DataFrame:
    rows = []
    stages = [("Découvrir", "Voir la publicité"), ("Découvrir", "Visiter le site"),
              ("Acheter", "Payer"), ("Acheter", "Recevoir")]  # fmt: skip
    for persona in ("Léa", "Omar"):
        for k, (stage, step) in enumerate(stages):
            rows.append(
                {
                    "persona": persona,
                    "stage": stage,
                    "step": step,
                    "channel": ["web", "app", "web", "store"][k],
                    "emotion": [1.0, -1.0, float("nan"), 2.0][k],
                    "pain": [None, FRENCH, ARABIC, ""][k],
                    "visits": [1000, 800, 500, 300][k],
                }
            )
    df = pd.DataFrame(rows, index=pd.Index([f"r{k}" for k in range(8)], name="ligne"))
    df["stage"] = pd.Categorical(df["stage"], categories=["Découvrir", "Acheter"], ordered=True)
    df["pain"] = df["pain"].astype(object)
    df.loc["r0", "pain"] = None
    return df


def same_map(a: JourneyMap, b: JourneyMap) -> None:
    pdt.assert_frame_equal(a.data, b.data, check_exact=True)
    assert b.lanes == a.lanes
    assert b._spec.roles == a._spec.roles
    assert b._declared == a._declared
    assert b._declared_lanes == a._declared_lanes
    assert (b.title, b.description) == (a.title, a.description)
    assert b.active_persona == a.active_persona
    assert (b._state.written, b._state.forms) == (a._state.written, a._state.forms)


def same_curve(a: EmotionCurve, b: EmotionCurve) -> None:
    pdt.assert_frame_equal(a.data, b.data, check_exact=True)
    assert replace(b._curve_spec, evidence=None) == replace(a._curve_spec, evidence=None)
    assert b._spec.roles == a._spec.roles
    assert b._options == a._options
    assert (b.title, b.description, b.line) == (a.title, a.description, a.line)
    assert b._curve_spec.ticks == a._curve_spec.ticks
    if a.evidence is None:
        assert b.evidence is None
    else:
        pdt.assert_frame_equal(a.evidence, b.evidence, check_exact=True)


# -- round trips -------------------------------------------------------------------------


def test_a_map_with_personas_priorities_and_french_text_comes_back_the_same(tmp_path: Path):
    m = JourneyMap(
        journey(),
        persona="persona",
        lanes=["channel", Lane("pain", "text", "Douleurs «\u00a0clients\u00a0»"), "emotion"],
        title="Achat en ligne",
        description="Du premier contact\nà la livraison",
    )
    m.add_priorities(pd.DataFrame({"step": ["Payer", "Voir la publicité"], "rank": [1, 2]}))
    m.active_persona = "Omar"
    path = m.save(tmp_path / "achat.journey")
    assert path == tmp_path / "achat.journey"
    back = JourneyMap.load(path)
    same_map(m, back)
    assert back.lanes[-1] == Lane("priority", "priority", "Priority", "rank")
    assert back.priorities(persona="Omar")["step"].tolist() == ["Payer", "Voir la publicité"]
    assert back.data.loc["r1", "pain"] == FRENCH
    # The same widget gives the same bytes: a re-save of the loaded map changes nothing.
    before = path.read_bytes()
    back.save(str(path))
    assert path.read_bytes() == before


def test_a_priority_lane_emptied_keeps_its_form_and_an_undone_column_its_declared_lane(
    tmp_path: Path,
):
    df = journey()
    df["priority"] = pd.array([1, 2, 3, 4, 1, 2, 3, 4], dtype="Int64")
    m = JourneyMap(df, persona="persona", lanes=["channel", "priority"])
    m.add_priorities(pd.DataFrame({"step": ["Payer"], "quadrant": ["concentrate here"]}),
                     column="quadrant")  # fmt: skip
    m.data = m.data.assign(priority=pd.array([None] * 8, dtype="Int64"))
    m.undo()
    back = JourneyMap.load(m.save(tmp_path / "j.journey"))
    same_map(m, back)


def test_a_curve_with_evidence_labels_and_personas_comes_back_the_same(tmp_path: Path):
    answers = pd.DataFrame(
        {
            "persona": ["Léa", "Léa", "Léa", "Omar", "Omar"],
            "step": ["Payer", "Payer", "Recevoir", "Payer", "Payer"],
            "score": [-2, -1, 2, 0, 1],
            "verbatim": [FRENCH, None, "", ARABIC, PAYLOADS[0]],
        }
    )
    c = EmotionCurve(
        journey(),
        persona="persona",
        evidence=answers,
        labels={-3: "très négatif", 0: "neutre", 3.0: "très positif"},
        snap=False,
        pain="pain",
        title="Courbe «\u00a0achat\u00a0»",
        description=PAYLOADS[1],
    )
    back = EmotionCurve.load(c.save(tmp_path / "courbe.journey"))
    same_curve(c, back)
    assert back.line == "measured"
    pdt.assert_frame_equal(back._evidence_input, answers, check_exact=True)
    assert dumps(back) == dumps(c)


def test_a_curve_whose_evidence_is_columns_of_its_table(tmp_path: Path):
    df = steps_frame()
    df["n"] = [3, 0, 2, 1, 0]
    df["mean"] = [1.0, None, -1.0, 0.5, None]
    df["lo"] = [0.0, None, -2.0, None, None]
    df["hi"] = [2.0, None, 0.0, None, None]
    evidence = {"n": "n", "mean": "mean", "ci_low": "lo", "ci_high": "hi"}
    c = EmotionCurve(df, evidence=evidence, moment_of_truth=None, line="assumed")
    back = EmotionCurve.load(c.save(tmp_path / "c.journey"))
    same_curve(c, back)
    assert back._evidence_input == evidence


def every_dtype() -> pd.DataFrame:
    n = 4
    paris = pd.date_range("2024-03-31T00:30", periods=n, freq="1h", tz="Europe/Paris")
    return pd.DataFrame(
        {
            "stage": pd.Categorical(["b", "a", "b", "a"], categories=["b", "a"], ordered=True),
            "step": ["s1", "s2", "s3", "s4"],
            "int64": np.array([0, -1, 2**62, 7], dtype=np.int64),
            "uint64": np.array([0, 1, 2**64 - 1, 3], dtype=np.uint64),
            "int8": np.array([-128, 0, 1, 127], dtype=np.int8),
            "Int64": pd.array([1, None, -(2**63), 4], dtype="Int64"),
            "boolean": pd.array([True, None, False, True], dtype="boolean"),
            "Float64": pd.arrays.FloatingArray(
                np.array([1.5, np.nan, 0.0, -0.0]), np.array([False, False, True, False])
            ),
            "float64": [0.1, float("nan"), float("inf"), -0.0],
            "float32": np.array([0.1, np.nan, 3.4e38, -1.5], dtype=np.float32),
            "bool": [True, False, True, False],
            "object": pd.Series(["", None, float("nan"), "x\n\ty"], dtype=object),
            "mixed": pd.Series([1, 2.5, True, pd.NA], dtype=object),
            "string": pd.array(["é", None, "", "\u2028"], dtype="string"),
            "string_python": pd.array(["a", None, "b", ""], dtype=pd.StringDtype("python")),
            "str": pd.array(["a", None, "b", ""], dtype="str"),
            "codes": pd.Categorical([3, 1, None, 3], categories=[3, 1, 2], ordered=False),
            "naive": pd.to_datetime(
                ["2024-01-01", None, "2024-01-01T10:30:00.000000001", "1677-09-22"],
                format="ISO8601",
            ).as_unit("ns"),
            "seconds": np.array(
                ["3000-01-01", "NaT", "1000-06-01T12:00:00", "2024-02-29"], dtype="datetime64[s]"
            ),
            "paris": paris,
            "utc": paris.tz_convert("UTC"),
            "fixed": paris.tz_convert(dt.timezone(dt.timedelta(hours=-3, minutes=-30))),
            "wait": pd.to_timedelta(["1 days 02:00:00", None, "-1ns", "0s"]),
            "wait_s": pd.to_timedelta(["1h", None, "-3s", "0s"]).as_unit("s"),
        },
        index=pd.RangeIndex(5, 5 + 3 * n, 3, name="n°"),
    )


def test_every_supported_dtype_comes_back_exactly(tmp_path: Path):
    df = every_dtype()
    m = JourneyMap(df, lanes=["int64", "paris", "mixed"], emotion=None)
    back = JourneyMap.load(m.save(tmp_path / "dtypes.journey"))
    same_map(m, back)
    assert str(back.data["fixed"].dtype) == str(df["fixed"].dtype)


@pytest.mark.parametrize(
    "index",
    [
        pd.RangeIndex(4),
        pd.RangeIndex(10, -6, -4),
        pd.Index([3, 1, 2, 10], dtype="int64", name="id"),
        pd.Index(["b", "a", "é", "\n"], name="clé"),
        pd.Index(["b", "a", "c", "d"], dtype=object),
        pd.Index([1, 2, 3, 4], dtype="uint8", name=0),
        pd.Index(pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04"])),
    ],
    ids=repr,
)
def test_index_kinds_come_back(tmp_path: Path, index: pd.Index):
    df = steps_frame().iloc[:4].set_axis(index)
    m = JourneyMap(df)
    back = JourneyMap.load(m.save(tmp_path / "i.journey"))
    same_map(m, back)
    pdt.assert_index_equal(back.data.index, index, exact=True)


def test_column_names_that_are_not_text_come_back(tmp_path: Path):
    df = steps_frame()[["stage", "step", "emotion", "visits"]]
    df.columns = pd.Index(["stage", "step", "emotion", 2024], dtype=object)
    df[1.5] = ["a", "b", "c", "d", "e"]
    df[True] = [1, 2, 3, 4, 5]
    m = JourneyMap(df)
    back = JourneyMap.load(m.save(tmp_path / "c.journey"))
    same_map(m, back)
    assert [type(c) for c in back.data.columns] == [str, str, str, int, float, bool]


def test_a_table_with_numbered_columns_and_roles(tmp_path: Path):
    df = pd.DataFrame({0: ["A", "A", "B"], 1: ["x", "y", "z"], 2: [1.0, 0.0, -1.0]})
    m = JourneyMap(df, stage=0, step=1, emotion=2)
    back = JourneyMap.load(m.save(tmp_path / "n.journey"))
    same_map(m, back)
    assert isinstance(back.data.columns, pd.RangeIndex)


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda df: df.set_index(["stage", "step"], drop=False), "MultiIndex"),
        (lambda df: df.assign(when=[dt.date(2024, 1, d) for d in range(1, 6)]), "column 'when'"),
        (lambda df: df.assign(n=df["visits"].astype("complex128")), "dtype complex128"),
        (lambda df: df.set_axis(pd.Index([0.5, 1.5, 2.5, 3.5, 4.5], name=("a", 1))), "index"),
        (
            lambda df: df.assign(**{"x": 1}).rename(columns={"x": ("x", 1)}),
            r"column name \('x', 1\)",
        ),
        (lambda df: df.set_axis(pd.Index([1, 2, (3,), 4, 5], dtype=object)), r"index label \(3,\)"),
    ],
    ids=["multiindex", "date objects", "complex", "tuple name", "tuple column", "tuple label"],
)
def test_what_a_file_cannot_hold_is_refused_by_name(tmp_path: Path, change: Any, words: str):
    m = JourneyMap(change(steps_frame()), lanes=["channel"])
    with pytest.raises(JourneyFileError, match=words):
        m.save(tmp_path / "x.journey")
    assert list(tmp_path.iterdir()) == []


def test_load_gives_whichever_widget_the_file_holds_and_refuses_the_other(tmp_path: Path):
    curve = EmotionCurve(steps_frame()).save(tmp_path / "curve.journey")
    mapped = JourneyMap(steps_frame()).save(tmp_path / "map.journey")
    assert isinstance(cjm_widgets.load(curve), EmotionCurve)
    assert isinstance(cjm_widgets.load(str(mapped)), JourneyMap)
    with pytest.raises(JourneyFileError, match=r"line 3, widget: this file holds an EmotionCurve"):
        JourneyMap.load(curve)
    with pytest.raises(
        JourneyFileError, match=r"line 3, widget: this file holds a JourneyMap, not an"
    ):
        EmotionCurve.load(mapped)


def test_a_widget_s_language_is_kept_and_a_file_without_one_reads_as_before(tmp_path: Path):
    m = JourneyMap(journey(), persona="persona", lang="fr-FR")
    back = JourneyMap.load(m.save(tmp_path / "fr.journey"))
    assert back.lang == "fr"
    same_map(m, back)
    curve = EmotionCurve(steps_frame(), lang="en").save(tmp_path / "c.journey")
    assert EmotionCurve.load(curve).lang == "en"
    # The default (JupyterLab's language) is not written: such a file is as it always was.
    plain = dumps(JourneyMap(journey(), persona="persona"))
    assert "\nlang:" not in plain
    assert loads(plain).lang is None
    assert dumps(loads(plain)) == plain


@pytest.mark.parametrize("value", ['"de"', "3", '["fr"]'])
def test_a_language_the_widgets_do_not_speak_is_refused_by_line(value: str):
    text = dumps(JourneyMap(journey(), persona="persona", lang="fr"))
    line = text.splitlines().index('lang: "fr"') + 1
    with pytest.raises(
        JourneyFileError, match=rf"line {line}, setting 'lang': expected \"fr\", \"en\" or null"
    ):
        loads(text.replace('lang: "fr"', f"lang: {value}"))


def test_crlf_line_ends_are_read(tmp_path: Path):
    m = JourneyMap(journey(), persona="persona")
    path = tmp_path / "windows.journey"
    path.write_bytes(dumps(m).replace("\n", "\r\n").encode("utf-8"))
    same_map(m, JourneyMap.load(path))


def test_payloads_are_data_written_as_text_and_read_back_byte_exact(tmp_path: Path):
    df = pd.DataFrame(
        {
            "stage": ["Découvrir"] * len(PAYLOADS),
            "step": [f"Étape {i}" for i in range(len(PAYLOADS))],
            "pain": PAYLOADS,
        }
    )
    m = JourneyMap(df, title=PAYLOADS[0], description=PAYLOADS[2])
    path = m.save(tmp_path / "p.journey")
    text = path.read_text(encoding="utf-8")
    assert '"<script>window.__pwned = 1</script>"' in text  # as JSON text, nothing else
    back = JourneyMap.load(path)
    assert back.data["pain"].tolist() == df["pain"].tolist()
    assert back.title.encode() == PAYLOADS[0].encode()


# -- made for git ------------------------------------------------------------------------


def changed_lines(before: str, after: str) -> list[str]:
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def test_one_cell_edited_in_the_map_is_one_changed_line(tmp_path: Path):
    m = JourneyMap(journey(), persona="persona", title="Achat")
    path = m.save(tmp_path / "j.journey")
    before = path.read_text(encoding="utf-8")
    view = FakeView(m)
    reply = view.edit(kind="set_cell", id=view.id_of("r2"), column="channel", value="email")
    assert reply["ok"], reply
    after = m.save(path).read_text(encoding="utf-8")
    assert changed_lines(before, after) == ['-  "channel": "web"', '+  "channel": "email"']


def test_a_multi_line_text_edit_is_one_changed_line(tmp_path: Path):
    m = JourneyMap(journey(), persona="persona")
    path = m.save(tmp_path / "j.journey")
    before = path.read_text(encoding="utf-8")
    view = FakeView(m)
    text = "Trois lignes\nde douleur\u2028et une de plus\r\n"
    assert view.edit(kind="set_cell", id=view.id_of("r0"), column="pain", value=text)["ok"]
    after = m.save(path).read_text(encoding="utf-8")
    changed = changed_lines(before, after)
    assert len(changed) == 2, changed
    assert changed[0] == '-  "pain": null'
    assert changed[1].startswith('+  "pain": "Trois lignes\\nde douleur\\u2028')
    assert JourneyMap.load(path).data.loc["r0", "pain"] == m.data.loc["r0", "pain"]


def test_a_changed_title_or_emotion_from_python_is_one_changed_line():
    m = JourneyMap(journey(), persona="persona")
    before = dumps(m)
    m.title = "Nouveau titre"
    assert changed_lines(before, dumps(m)) == ['-title: ""', '+title: "Nouveau titre"']
    before = dumps(m)
    m.data = m.data.assign(visits=m.data["visits"].where(m.data.index != "r5", 42))
    assert changed_lines(before, dumps(m)) == ['-  "visits": 800', '+  "visits": 42']


def test_the_file_is_one_line_per_value_whatever_the_text():
    df = steps_frame()
    df["pain"] = ["a\nb", "c\rd", "e\u2028f\u2029g", "h\x85i\x0bj\x0ck\x1cl", "\u202eevil\u202c"]
    text = dumps(JourneyMap(df))
    assert len(text.splitlines()) == text.count("\n")  # no other line breaks, not even U+2028
    assert "\u202e" not in text
    assert "\\u202e" in text


# -- malformed files -----------------------------------------------------------------------


def good_text() -> str:
    df = steps_frame()
    df["stage"] = pd.Categorical(df["stage"])
    return dumps(JourneyMap(df, title="T"))


def replace_line(text: str, start: str, new: str) -> str:
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(start))
    lines[at] = new
    return "\n".join(lines)


def line_of(text: str, start: str | tuple[str, int]) -> int:
    """The number of the first line starting with ``start`` (and an offset from it)."""
    start, offset = start if isinstance(start, tuple) else (start, 0)
    return offset + next(i for i, line in enumerate(text.split("\n"), 1) if line.startswith(start))


MALFORMED = {
    "bad JSON value": (
        lambda t: replace_line(t, '  "visits": 800', '  "visits": 8OO'),
        '  "visits": 8OO',
        r"column 'visits': \"8OO\" is not a JSON value",
    ),
    "a lone carriage return": (
        lambda t: replace_line(t, '  "visits": 800', '  "visits": 8\r00'),
        '  "visits": 8\r00',
        r"column 'visits': \"8\\r00\" is not a JSON value",
    ),
    "wrong type": (
        lambda t: replace_line(t, '  "visits": 800', '  "visits": "800"'),
        '  "visits": "800"',
        r"column 'visits': \"800\" is not a whole number \(int64\)",
    ),
    "unknown dtype": (
        lambda t: replace_line(
            t, 'column: {"name": "visits"', 'column: {"name": "visits", "dtype": "int65"}'
        ),
        'column: {"name": "visits"',
        r"column 'visits': unknown dtype \"int65\"",
    ),
    "missing header": (
        lambda t: t.split("\n", 1)[1],
        "# A customer",
        r"format: not a journey file",
    ),
    "unknown setting": (
        lambda t: replace_line(t, "title:", "colour: 3"),
        "colour:",
        r"setting 'colour': unknown setting for a JourneyMap",
    ),
    "setting twice": (
        lambda t: replace_line(t, "description:", 'title: "U"'),
        'title: "U"',
        r"setting 'title': set twice \(first on line 4\)",
    ),
    "column declared but missing": (
        lambda t: replace_line(t, "persona:", 'persona: "persona"'),
        "persona:",
        r"setting 'persona': column \"persona\" is not in table 'steps'",
    ),
    "lane naming no column": (
        lambda t: replace_line(t, "lanes:", 'lanes: ["channel", "ghost"]'),
        "lanes:",
        r"setting 'lanes': column \"ghost\" is not in table 'steps'",
    ),
    "category value not among categories": (
        lambda t: replace_line(t, '  "stage": "Purchase"', '  "stage": "Retention"'),
        '  "stage": "Retention"',
        r"column 'stage': \"Retention\" is not among the column's categories",
    ),
    "newer version": (
        lambda t: t.replace("cjm-journey 1", "cjm-journey 2", 1),
        "cjm-journey",
        r"written by a newer cjm_widgets: format 2, this version reads format 1; upgrade",
    ),
    "wrong widget class": (
        lambda t: replace_line(t, "widget:", 'widget: "Chart"'),
        "widget:",
        r"widget: unknown widget \"Chart\"",
    ),
    "missing cell": (
        lambda t: replace_line(t, '  "visits": 800', "# gone"),
        ("# gone", 1),
        r"row 20: the row has no cell for column 'visits'",
    ),
    "cell out of place": (
        lambda t: replace_line(t, '  "visits": 800', '  "pain": "x"'),
        '  "pain": "x"',
        r"row 20: column 'pain' is out of place or given twice",
    ),
    "bad index label": (
        lambda t: replace_line(t, "row 20", "row twenty"),
        "row twenty",
        r"row label: \"twenty\" is not a JSON value",
    ),
    "scale upside down": (
        lambda t: replace_line(t, "scale:", "scale: [3, -3]"),
        "scale:",
        r"setting 'scale': scale \[3, -3\] must be two finite numbers, low < high",
    ),
    "emotion off the scale": (
        lambda t: replace_line(t, "scale:", "scale: [0, 1]"),
        "widget:",
        r"widget: the file's table and settings make no JourneyMap: emotion 2",
    ),
}


@pytest.mark.parametrize("case", list(MALFORMED), ids=list(MALFORMED))
def test_a_malformed_file_is_refused_naming_its_line_and_field(tmp_path: Path, case: str):
    corrupt, start, words = MALFORMED[case]
    text = corrupt(good_text())
    path = tmp_path / "bad.journey"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(JourneyFileError, match=words) as caught:
        JourneyMap.load(path)
    assert caught.value.line == line_of(text, start)
    assert f"{path}, line {caught.value.line}, " in str(caught.value)
    assert caught.value.field


@pytest.mark.parametrize("cut", [0.1, 0.5, 0.9, 0.999])
def test_a_truncated_file_is_said_to_be_cut_short(cut: float):
    text = good_text()
    short = text[: int(len(text) * cut)]
    with pytest.raises(JourneyFileError, match=r"without its \"end\" line: it was cut short") as c:
        loads(short)
    assert c.value.line == len(short.rstrip("\n").split("\n"))


def test_text_after_the_end_and_bytes_that_are_not_utf8(tmp_path: Path):
    with pytest.raises(JourneyFileError, match=r"line \d+, end: text after the \"end\" line"):
        loads(good_text() + "row 99\nend\n")
    path = tmp_path / "latin1.journey"
    path.write_bytes(good_text().replace("Awareness", "Sensibilisé").encode("latin-1"))
    with pytest.raises(JourneyFileError, match=r"line \d+, text: not UTF-8") as caught:
        JourneyMap.load(path)
    assert caught.value.line == line_of(good_text(), 'column: {"name": "stage"')


# -- writing -------------------------------------------------------------------------------


def test_a_save_that_fails_partway_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    m = JourneyMap(journey(), persona="persona")
    path = m.save(tmp_path / "j.journey")
    old = path.read_bytes()
    m.title = "changed"
    seen: list[Path] = []
    real_encode = texts.Objects.encode

    def failing(self: Any, values: pd.Series) -> list[str]:
        seen.extend(p for p in tmp_path.iterdir() if p != path)  # the file being written
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(texts.Objects, "encode", failing)
    with pytest.raises(RuntimeError, match="disk on fire"):
        m.save(path)
    assert len(seen) == 1  # the failure came partway, with the temporary file open
    assert seen[0].name.startswith(".j.journey.")
    assert path.read_bytes() == old
    assert sorted(tmp_path.iterdir()) == [path]
    monkeypatch.setattr(texts.Objects, "encode", real_encode)

    def no_fsync(fd: int) -> None:
        raise OSError("no space left")

    monkeypatch.setattr(os, "fsync", no_fsync)
    with pytest.raises(OSError, match="no space left"):
        m.save(path)
    assert path.read_bytes() == old
    assert sorted(tmp_path.iterdir()) == [path]


def test_save_keeps_the_file_mode_and_writes_newlines_only(tmp_path: Path):
    path = tmp_path / "j.journey"
    m = JourneyMap(journey(), persona="persona")
    m.save(path)
    path.chmod(0o640)
    m.save(path)
    assert path.stat().st_mode & 0o777 == 0o640
    assert b"\r" not in path.read_bytes()
    assert path.read_bytes().startswith(b"cjm-journey 1\n")


def test_a_curve_file_with_settings_that_do_not_fit_is_refused_at_their_line():
    text = dumps(EmotionCurve(steps_frame()))
    cases = {
        ('line: "assumed"', 'line: "measured"'): r"setting 'line': the measured line needs",
        ("labels: null", 'labels: [[1, "a"], [1, "b"]]'): r"setting 'labels': a scale value is",
        ("snap: true", "snap: 1"): r"setting 'snap': expected true or false, found 1",
        ("evidence: null", 'evidence: {"table": "evidence"}'): r"table 'evidence' is missing",
        ("moment_of_truth: ", 'moment_of_truth: "flag"'): r"'moment_of_truth': column \"flag\"",
    }
    for (start, new), words in cases.items():
        bad = replace_line(text, start, new)
        with pytest.raises(JourneyFileError, match=words) as caught:
            loads(bad)
        where = "end" if "evidence" in start else new
        assert caught.value.line == line_of(bad, where), (start, caught.value)


@pytest.mark.parametrize(
    "zone",
    [
        pytz.timezone("Europe/Paris"),
        dateutil.tz.gettz("Europe/Paris"),
        pytz.FixedOffset(90),
        dateutil.tz.tzoffset("IST", 19800),
    ],
    ids=["pytz", "dateutil", "pytz-offset", "dateutil-offset"],
)
def test_time_zones_of_pytz_and_dateutil_come_back(zone: Any, tmp_path: Path) -> None:
    when = pd.to_datetime(["2024-01-01 10:00", "2024-06-01 10:00"]).tz_localize(zone)
    m = JourneyMap(pd.DataFrame({"stage": ["a", "a"], "step": ["x", "y"], "when": when}))
    back = JourneyMap.load(m.save(tmp_path / "t.journey"))
    # The same instants, in a zone of the same rules (an IANA key or the same offset).
    assert back.data["when"].tolist() == m.data["when"].tolist()
    assert [t.utcoffset() for t in back.data["when"]] == [t.utcoffset() for t in when]


def test_a_zone_offset_by_seconds_is_refused_naming_its_column(tmp_path: Path) -> None:
    when = pd.to_datetime(["2024-01-01 10:00"]).tz_localize(dateutil.tz.tzoffset(None, 30))
    m = JourneyMap(pd.DataFrame({"stage": ["a"], "step": ["x"], "when": when}))
    with pytest.raises(JourneyFileError, match="column 'when': time zone"):
        m.save(tmp_path / "t.journey")
    assert not (tmp_path / "t.journey").exists()
