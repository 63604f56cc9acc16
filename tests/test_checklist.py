"""The map's checklist: the method checks' findings, sent to the views with each step's id."""

from __future__ import annotations

import asyncio
from typing import Any

import pandas as pd
import pytest

import cjm_widgets as cw
from cjm_widgets import JourneyMap
from cjm_widgets.errors import InvalidArgumentError, NoViewError

from .conftest import FakeView, run_as_kernel
from .journeys import PAYLOADS


def journey() -> pd.DataFrame:
    """Two personas; Léa's step "Paie" has a pain with no owner, Marc has no moment of truth."""
    rows = []
    for persona in ("Léa", "Marc"):
        for i in range(14):
            rows.append(
                {
                    "persona": persona,
                    "stage": ["Découvrir", "Acheter", "Utiliser"][i % 3],
                    "step": f"Étape {i}",
                    "emotion": (i % 5) - 2,
                    "visits": 100 + i,
                    "pain": "",
                    "owner": "",
                    "moment_of_truth": persona == "Léa" and i == 3,
                }
            )
    df = pd.DataFrame(rows, index=[f"r{k}" for k in range(len(rows))])
    df.loc["r5", ["step", "pain"]] = ["Paie", "Frais cachés"]
    return df


def asked(m: JourneyMap, lang: str = "fr", view: str = "v1") -> list[dict[str, Any]]:
    """The findings a view gets when its panel opens (it asks for them)."""
    m._handle_custom_msg({"type": "checks", "open": True, "lang": lang, "view": view}, [])
    assert m._checks is not None
    assert m._checks["lang"] == lang
    return list(m._checks["items"])


def test_no_finding_is_computed_until_a_view_asks():
    m = JourneyMap(journey(), persona="persona")
    assert m._checks is None
    m.data = journey()
    assert m._checks is None


def test_the_findings_are_check_s_with_the_id_of_each_step():
    m = JourneyMap(journey(), persona="persona")
    items = asked(m, "fr")
    table = cw.check(m, lang="fr")
    assert [i["message"] for i in items] == table["message"].tolist()
    assert [i["rule"] for i in items] == table["rule"].tolist()
    pain = next(i for i in items if i["rule"] == "pain_without_owner")
    position = list(m.data.index).index("r5")
    assert pain["id"] == int(m._journey["ids"][position])
    assert (pain["persona"], pain["stage"], pain["step"]) == ("Léa", "Utiliser", "Paie")
    # A finding about a whole persona names it and no step.
    moment = next(i for i in items if i["rule"] == "no_moment_of_truth")
    assert (moment["id"], moment["persona"], moment["step"]) == (None, "Marc", None)


def test_an_unknown_language_from_a_view_falls_back_to_english():
    m = JourneyMap(journey(), persona="persona")
    m._handle_custom_msg({"type": "checks", "lang": "de"}, [])
    assert m._checks is not None
    assert m._checks["lang"] == "en"
    assert m._checks["items"][0]["message"] == cw.check(m, lang="en")["message"][0]


def test_the_findings_follow_every_edit_once_asked():
    m = JourneyMap(journey(), persona="persona")
    v = FakeView(m)
    assert any(i["rule"] == "pain_without_owner" for i in asked(m))
    reply = v.edit(kind="set_cell", id=v.id_of("r5"), column="owner", value="Service client")
    assert reply["ok"] is True
    assert m._checks is not None
    assert not any(i["rule"] == "pain_without_owner" for i in m._checks["items"])
    v.history("undo")
    assert any(i["rule"] == "pain_without_owner" for i in m._checks["items"])
    # A new table is checked too, in the language last asked for.
    m.data = journey().assign(pain="")
    assert m._checks["lang"] == "fr"
    assert not any(i["rule"] == "pain_without_owner" for i in m._checks["items"])


def test_show_checks_opens_the_panel_of_the_views_shown():
    m = JourneyMap(journey(), persona="persona")
    v = FakeView(m)
    with pytest.raises(NoViewError, match="show_checks needs the map displayed"):
        m.show_checks()
    m.show_checks(False)  # closing with no view is no error
    m._handle_custom_msg({"type": "view", "open": True, "view": "v1"}, [])
    m.show_checks(lang="en")
    assert v.replies[-1] == {"type": "checks_panel", "on": True, "lang": "en"}
    assert m._checks is not None
    assert m._checks["lang"] == "en"


def test_with_every_panel_closed_an_edit_drops_the_findings_until_one_opens():
    m = JourneyMap(journey(), persona="persona")
    v = FakeView(m)
    asked(m, "fr", view="a")
    asked(m, "fr", view="b")
    m._handle_custom_msg({"type": "checks", "open": False, "view": "a"}, [])
    v.edit(kind="set_cell", id=v.id_of("r5"), column="owner", value="Service client")
    assert m._checks is not None  # b's panel is open: found again
    assert not any(i["rule"] == "pain_without_owner" for i in m._checks["items"])
    # b's output goes away (its view closes) with its panel open: nobody reads them now.
    m._handle_custom_msg({"type": "view", "open": False, "view": "b"}, [])
    v.edit(kind="set_cell", id=v.id_of("r5"), column="owner", value="")
    assert m._checks is None
    assert any(i["rule"] == "pain_without_owner" for i in asked(m, "en", view="c"))


def test_in_a_kernel_the_findings_come_after_the_answer_and_once_for_a_burst(monkeypatch):
    import cjm_widgets.widgets.checklist as checklist

    m = JourneyMap(journey(), persona="persona")
    v = FakeView(m)
    quiet = {"comm_id": "c", "kernel": object(), "on_msg": lambda *a: None}
    kernel = type("Comm", (), {**quiet, "send": lambda *a, **k: None})()
    monkeypatch.setattr(m, "comm", kernel)  # shown from a kernel: work may wait for its loop
    asked(m)
    calls = []
    real = checklist.located
    monkeypatch.setattr(checklist, "located", lambda *a: calls.append(1) or real(*a))

    async def burst() -> None:
        for value in ("a", "b", "Service client"):
            reply = v.edit(kind="set_cell", id=v.id_of("r5"), column="owner", value=value)
            assert reply["ok"] is True
        assert calls == []  # the answers went first
        await asyncio.sleep(0)

    run_as_kernel(burst())
    assert calls == [1]
    assert m._checks is not None
    assert not any(i["rule"] == "pain_without_owner" for i in m._checks["items"])


@pytest.mark.parametrize("on", [1, "yes", None])
def test_show_checks_refuses_what_is_not_true_or_false(on: Any):
    m = JourneyMap(journey(), persona="persona")
    with pytest.raises(InvalidArgumentError, match=r"show_checks\(on=\) takes True or False"):
        m.show_checks(on)


def test_show_checks_refuses_an_unknown_language():
    m = JourneyMap(journey(), persona="persona")
    m._handle_custom_msg({"type": "view", "open": True, "view": "v1"}, [])
    with pytest.raises(InvalidArgumentError, match=r"lang must be 'fr', 'en'.*not 'de'"):
        m.show_checks(lang="de")
    m.show_checks(lang="fr-FR")
    assert m._checks is not None
    assert m._checks["lang"] == "fr"


def test_hostile_labels_reach_the_views_as_text():
    df = journey()
    df["step"] = [PAYLOADS[k % len(PAYLOADS)] + f" {k}" for k in range(len(df))]
    df.loc["r5", "pain"] = "<script>alert(1)</script>"
    m = JourneyMap(df, persona="persona")
    items = asked(m, "en")
    pain = next(i for i in items if i["rule"] == "pain_without_owner")
    assert pain["step"] == df.loc["r5", "step"]
    assert "<script>alert(1)</script>" in pain["message"]
