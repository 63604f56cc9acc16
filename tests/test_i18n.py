"""The widgets' language: the ``lang`` trait, pages in it, and refusals the views translate."""

from __future__ import annotations

import pandas as pd
import pytest

from cjm_widgets import EmotionCurve, JourneyMap
from cjm_widgets.errors import InvalidArgumentError
from cjm_widgets.export.page import page

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
