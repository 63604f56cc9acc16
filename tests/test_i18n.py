"""The widgets' language: the ``lang`` trait, pages in it, and refusals the views translate."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pandas as pd
import pandas.testing as pdt
import pytest

from cjm_widgets import EmotionCurve, JourneyMap, to_html
from cjm_widgets.errors import InvalidArgumentError
from cjm_widgets.export.floor import curve_floor, flow_floor, map_floor
from cjm_widgets.export.page import page
from cjm_widgets.table.lanes.display import QUADRANTS, format_emotion, format_lane_number
from cjm_widgets.words import LANE_TITLES, WORDS

from .conftest import FakeView
from .journeys import french_journey


def small() -> pd.DataFrame:
    return pd.DataFrame(
        {"stage": ["A", "A"], "step": ["s1", "s2"], "emotion": [1.0, -1.0], "visits": [10, 20]}
    )


@pytest.mark.parametrize("cls", [JourneyMap, EmotionCurve])
@pytest.mark.parametrize(
    ("given", "kept"),
    [("fr", "fr"), ("en", "en"), ("fr-FR", "fr"), ("en_GB", "en"), ("FR", "fr"), ("auto", None)],
)
def test_lang_takes_a_language_or_its_tag(cls, given, kept):
    widget = cls(small(), lang=given)
    assert widget.lang == kept
    assert cls(small()).lang is None  # the view follows JupyterLab's language


@pytest.mark.parametrize("bad", ["de", "français", "", "f", 3, "fr-", "-fr"])
def test_lang_refuses_other_languages_naming_the_value(bad):
    widget = JourneyMap(small(), lang="fr")
    with pytest.raises(InvalidArgumentError, match=repr(bad).replace("(", r"\(")):
        widget.lang = bad
    assert widget.lang == "fr"  # unchanged
    with pytest.raises(InvalidArgumentError, match="lang"):
        EmotionCurve(small(), lang=bad)


def test_lang_is_synced_to_the_view():
    widget = JourneyMap(small(), lang="fr")
    assert widget.get_state()["lang"] == "fr"
    widget.lang = None
    assert widget.get_state()["lang"] is None


def test_a_page_speaks_its_widgets_language_unless_told():
    fr = JourneyMap(french_journey(6), persona="persona", lang="fr")
    en = EmotionCurve(small())
    assert '<html lang="fr">' in page([en, fr])
    assert '<html lang="en">' in page([en])
    assert '<html lang="en">' in page([fr], lang="en")


# -- refusals the views say in their language ----------------------------------------------

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "js" / "src" / "shared" / "i18n.ts"


def dictionary(name: str) -> dict[str, str]:
    """One dictionary of js/src/shared/i18n.ts (``EN`` or ``FR``): message id -> text."""
    source = I18N.read_text(encoding="utf-8")
    start = source.index(f"const {name}")
    body = source[source.index("{", start) : source.index("\n}", start)]
    return {m[1]: m[2] for m in re.finditer(r'^  "([\w.]+)": ("(?:[^"\\]|\\.)*")', body, re.M)}


def codes_in_python() -> set[str]:
    """Every refusal code the package can send: ``with_code("...")`` and values' ``_reject``."""
    found: set[str] = set()
    for path in (ROOT / "cjm_widgets").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        found |= set(re.findall(r'with_code\(\s*"([\w.]+)"', text))
        found |= set(re.findall(r'"(refused\.\w+)"', text))
    # Codes made from a word: move_step's f"refused.at_{end}", wire.nothing_to(kind).
    found |= {"refused.at_start", "refused.at_end", "history.nothing_undo", "history.nothing_redo"}
    return found


def test_every_code_python_sends_has_a_message_in_both_languages():
    en, fr = dictionary("EN"), dictionary("FR")
    codes = codes_in_python()
    assert len(codes) >= 20
    assert codes - set(en) == set()
    assert codes - set(fr) == set()


@pytest.mark.parametrize(
    ("op", "code", "params"),
    [
        (
            {"kind": "set_cell", "column": "visits", "value": "beaucoup"},
            "refused.number",
            {"value": "beaucoup", "column": "visits"},
        ),
        (
            {"kind": "set_cell", "column": "visits", "value": "1.5"},
            "refused.whole",
            {"value": "1.5", "column": "visits"},
        ),
        (
            {"kind": "set_cell", "column": "step", "value": "s2"},
            "refused.step_exists",
            {"step": "s2"},
        ),
        ({"kind": "set_cell", "column": "step", "value": " "}, "refused.step_name", {}),
        ({"kind": "set_cell", "column": "stage", "value": "B"}, "refused.stage_cell", {}),
        (
            {"kind": "set_emotion", "value": 5},
            "refused.emotion_scale",
            {"value": 5.0, "low": -3.0, "high": 3.0},
        ),
        ({"kind": "move_step", "direction": -1}, "refused.at_start", {}),
        ({"kind": "rename_stage", "stage": "A", "name": ""}, "refused.stage_name", {}),
    ],
)
def test_a_refused_edit_carries_its_code_and_params_beside_the_english_message(op, code, params):
    view = FakeView(JourneyMap(small(), lang="fr"))
    before = view.widget.data
    reply = view.edit(id=view.ids()[0], **op)
    assert reply["ok"] is False
    assert reply["code"] == code
    assert reply["params"] == params
    assert "«" not in reply["message"]  # Python's own words stay English
    json.dumps(reply)  # the comm sends it as JSON
    pdt.assert_frame_equal(view.widget.data, before)


def test_a_refusal_without_a_code_is_sent_as_before():
    view = FakeView(JourneyMap(small()))
    reply = view.edit(kind="no such op")
    assert reply["ok"] is False
    assert "code" not in reply
    assert "unknown edit 'no such op'" in reply["message"]


def test_nothing_to_undo_carries_its_code():
    view = FakeView(EmotionCurve(small(), lang="fr"))
    reply = view.history("undo")
    assert (reply["notice"], reply["notice_code"]) == ("Nothing to undo.", "history.nothing_undo")
    reply = view.history("redo")
    assert reply["notice_code"] == "history.nothing_redo"


# -- the static tables (no JS) in the widget's language --------------------------------------


def test_the_python_twins_say_what_the_view_says():
    en, fr = dictionary("EN"), dictionary("FR")
    for key, (english, french) in LANE_TITLES.items():
        assert json.loads(en[f"lane.{key}"]) == english
        assert json.loads(fr[f"lane.{key}"]) == french
    for kind, id_ in [("moment", "moment.title"), ("one-off", "moment.one_off")]:
        assert json.loads(fr[id_]) == WORDS["fr"][kind]
    for n, name in enumerate(QUADRANTS, start=1):
        assert json.loads(fr[f"quadrant.q{n}"]) == WORDS["fr"][name]
    assert (json.loads(fr["value.yes"]), json.loads(fr["value.no"])) == ("oui", "non")


@pytest.mark.parametrize(
    ("value", "fmt", "en", "fr"),
    [
        (850.5, None, "850.5", "850,5"),
        (1276.5, None, "1,276.5", "1\u202f276,5"),
        (1276, None, "1,276", "1\u202f276"),
        (0.415, {"style": "percent", "digits": None}, "41.5%", "41,5\u202f%"),
        (9.5, {"style": "duration", "digits": None}, "9.5 s", "9,5 s"),
        (-0.001, {"style": "number", "digits": 1}, "0.0", "0,0"),
    ],
)
def test_numbers_in_the_static_tables_are_written_in_the_widget_language(value, fmt, en, fr):
    assert format_lane_number(value, fmt) == en
    assert format_lane_number(value, fmt, "fr") == fr


def test_a_french_map_floor_speaks_french():
    frame = pd.DataFrame(
        {
            "stage": ["A", "A"],
            "step": ["s1", "s2"],
            "pain": ["long", None],
            "visits": [1276.5, 850.5],
            "moment_of_truth": ["one-off", None],
            "emotion": [-1.5, 2.0],
        }
    )
    fr = map_floor(JourneyMap(frame, lang="fr"))
    for text in ("Irritant", "1\u202f276,5", "Ponctuel", "\u22121,5", "(bas)", "Émotion"):
        assert text in fr
    en = map_floor(JourneyMap(frame))
    for text in ("Pain", "1,276.5", "One-off", "\u22121.5", "(low)"):
        assert text in en
    assert "Irritant" not in en
    curve = curve_floor(EmotionCurve(frame, lang="fr"))
    for text in ("Phase", "Étape", "Émotion", "\u22121,5"):
        assert text in curve


def test_an_undo_tells_the_view_what_it_changed_for_its_own_words():
    view = FakeView(JourneyMap(small(), lang="fr"))
    assert view.edit(kind="set_cell", id=view.ids()[0], column="visits", value=12)["ok"]
    reply = view.history("undo")
    assert reply["notice"].startswith("Undone: ")
    undone = reply["undone"]
    assert (undone["type"], undone["redo"], undone["step"]) == ("undone", False, "s1")
    assert (undone["old"], undone["new"]) == (12, 10)  # the undo sets 12 back to 10
    json.dumps(reply)


# -- numbers and durations read the same way in the view and in Python ---------------------


def test_a_duration_lane_reads_python_text_as_the_views_do():
    frame = small().assign(wait_seconds=[10.0, 20.0])
    view = FakeView(JourneyMap(frame, lang="fr"))
    first = view.ids()[0]
    # What the views send: seconds, read from "1,500 s" (English) by durationSeconds.
    assert view.edit(kind="set_cell", id=first, column="wait_seconds", value=1500)["ok"]
    assert view.widget.data["wait_seconds"].iloc[0] == 1500
    # Text from Python callers: read as the views read it, or refused where ambiguous.
    for text, seconds in [("1,5 h", 5400), ("1.5 h", 5400), ("2 h 30", 9000), ("2h30", 9000)]:
        reply = view.edit(kind="set_cell", id=first, column="wait_seconds", value=text)
        assert reply["ok"], (text, reply)
        assert view.widget.data["wait_seconds"].iloc[0] == seconds, text
    before = view.widget.data
    for text in ["1,500 s", "0,500 s", "2 h 75", "5 s 3 min", "1 27 s"]:
        reply = view.edit(kind="set_cell", id=first, column="wait_seconds", value=text)
        assert reply["ok"] is False, text
        assert reply["code"] in ("refused.comma", "refused.duration", "refused.number"), text
    pdt.assert_frame_equal(view.widget.data, before)


@pytest.mark.parametrize("text", ["1 27", "0 500", "00,500", "0,500", "1,500"])
def test_python_refuses_numbers_no_one_writes_or_the_languages_read_apart(text):
    view = FakeView(JourneyMap(small()))
    reply = view.edit(kind="set_cell", id=view.ids()[0], column="visits", value=text)
    assert reply["ok"] is False
    assert reply["params"]["value"] == text


def test_integer_bounds_are_sent_exactly_as_text():
    frame = small()
    view = FakeView(JourneyMap(frame))
    reply = view.edit(kind="set_cell", id=view.ids()[0], column="visits", value=1e19)
    assert reply["code"] == "refused.range"
    assert (reply["params"]["low"], reply["params"]["high"]) == (
        "-9223372036854775808",
        "9223372036854775807",
    )
    # As JSON numbers the view would read 9223372036854775807 as …776000.
    assert json.loads(json.dumps(reply))["params"]["high"] == str(2**63 - 1)


# -- the static tables of a page in the page's language --------------------------------------


def test_a_french_page_writes_its_static_tables_in_french(tmp_path):
    frame = pd.DataFrame(
        {
            "stage": ["A", "A"],
            "step": ["s1", "s2"],
            "pain": ["long", None],
            "visits": [1276.5, 850.5],
            "emotion": [-1.5, 2.0],
        }
    )
    m = JourneyMap(frame)  # lang None: the page says which
    c = EmotionCurve(frame)
    text = to_html(tmp_path / "fr.html", [m, c], lang="fr-FR").read_text("utf-8")
    assert '<html lang="fr-FR">' in text
    tables = floors(text)
    for french in ("Irritant", "1\u202f276,5", "Parcours client", "(bas)", "Phase", "Étape"):
        assert french in tables, french
    for english in ("Pain", "1,276.5", "Customer journey", "(low)", "Stage"):
        assert english not in tables, english
    # The same widgets on an English page keep English.
    tables = floors(to_html(tmp_path / "en.html", [m, c]).read_text("utf-8"))
    for english in ("Customer journey", "1,276.5", "Pain"):
        assert english in tables, english


def floors(page_text: str) -> str:
    """The static tables of a page (what shows with no script), unescaped, saved states out."""
    found = re.findall(r'<div class="cjm-floor">(.*?)</div></noscript>', page_text, re.S)
    assert found
    return html.unescape("\n".join(found))


def test_a_flows_static_table_speaks_the_page_language(tmp_path):
    from cjm_widgets import JourneyFlow

    walks = pd.DataFrame({"from_step": ["a", "b"], "to_step": ["b", "c"], "count": [1276, 3]})
    flow = JourneyFlow(walks)
    fr = html.unescape(flow_floor(flow, "fr"))
    for french in ("de l'étape", "vers l'étape", "nombre"):
        assert french in fr, french
    assert "1\u202f276" in fr
    en = html.unescape(flow_floor(flow))
    assert "from step" in en
    assert "1,276" in en
    french_flow = JourneyFlow(walks, lang="fr")
    assert "vers l'étape" in floors(to_html(tmp_path / "flow.html", french_flow).read_text("utf-8"))


def test_every_word_of_the_static_tables_has_both_languages():
    en, fr = WORDS["en"], WORDS["fr"]
    assert set(en) == set(fr)
    assert len(en) >= 20
    for key in en:
        assert en[key].strip(), key
        assert fr[key].strip(), key
        assert re.findall(r"\{\w+\}", en[key]) == re.findall(r"\{\w+\}", fr[key]), key
    for key, (english, french) in LANE_TITLES.items():
        assert english.strip(), key
        assert french.strip(), key
    # Every word a floor asks for is in the dictionary (floor.py has none of its own).
    source = (ROOT / "cjm_widgets" / "export" / "floor.py").read_text(encoding="utf-8")
    asked = set(re.findall(r'word\("([^"]+)"', source))
    assert asked
    assert asked <= set(en)
    assert "FRENCH" not in source


@pytest.mark.parametrize("value", [-0.001, 0.004, -0.004999, 0.0])
def test_an_emotion_that_rounds_to_zero_has_no_sign(value):
    for lang in ("en", "fr"):
        assert format_emotion(value, lang) == "0"
    assert format_emotion(0.005) == "+0.01"
