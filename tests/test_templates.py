"""Ready-made journeys: names, both languages alike in shape, rich enough to pass the method
checks, refused names and languages, a fresh table per load."""

from __future__ import annotations

import pandas as pd
import pandas.testing as pdt
import pytest

from cjm_widgets import EmotionCurve, InvalidArgumentError, JourneyMap, check, templates

NAMES = [
    "purchase",
    "b2b_buying",
    "service_blueprint",
    "public_permit",
    "subscription_onboarding",
]
CASES = [(name, lang) for name in NAMES for lang in ("en", "fr")]


def test_names_lists_the_templates_in_order() -> None:
    assert templates.names() == NAMES


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_each_template_loads_as_a_journey_with_every_lane(name: str, lang: str) -> None:
    df = templates.load(name, lang=lang)
    assert isinstance(df, pd.DataFrame)
    assert isinstance(df["stage"].dtype, pd.CategoricalDtype)
    assert df["stage"].cat.ordered
    assert df.groupby("persona").size().min() >= 20
    m = JourneyMap(df, persona="persona")
    kinds = {lane.kind for lane in m._spec.lanes}
    assert {"text", "channel", "emotion", "number", "moment"} <= kinds
    curve = EmotionCurve(df, persona="persona")
    assert len(curve.points()) == len(df)


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_each_template_passes_the_method_checks(name: str, lang: str) -> None:
    findings = check(JourneyMap(templates.load(name, lang=lang), persona="persona"), lang=lang)
    # Only the note that emotions are assumed may remain: a template has no survey behind it.
    assert findings["severity"].tolist() == ["info"], findings.to_string()
    assert findings["rule"].tolist() == ["emotion_without_evidence"]


@pytest.mark.parametrize("name", NAMES)
def test_both_languages_share_the_structure_and_differ_in_text(name: str) -> None:
    en, fr = templates.load(name, lang="en"), templates.load(name, lang="fr")
    assert en.shape == fr.shape
    assert len(en["stage"].cat.categories) == len(fr["stage"].cat.categories)
    assert en["stage"].cat.codes.tolist() == fr["stage"].cat.codes.tolist()
    assert pd.factorize(en["persona"])[0].tolist() == pd.factorize(fr["persona"])[0].tolist()
    # Same numbers and emotions row by row: the columns in the same places hold them.
    for position in range(en.shape[1]):
        left, right = en.iloc[:, position], fr.iloc[:, position]
        if pd.api.types.is_numeric_dtype(left.dtype):
            assert left.tolist() == right.tolist()
    assert all(a != b for a, b in zip(en["step"], fr["step"], strict=True))
    assert list(en["stage"].cat.categories) != list(fr["stage"].cat.categories)
    french = " ".join(fr["step"]) + " ".join(fr.iloc[:, 5].dropna())
    assert any(ch in french for ch in "éèêàçù"), "French text is written with its accents"


def test_the_buying_committee_has_several_roles() -> None:
    assert templates.load("b2b_buying")["persona"].nunique() >= 3


def test_the_blueprint_has_frontstage_backstage_and_support_lanes() -> None:
    en = templates.load("service_blueprint", lang="en")
    fr = templates.load("service_blueprint", lang="fr")
    assert {"frontstage", "backstage", "support"} <= set(en.columns)
    assert {"front office", "back office", "support"} <= set(fr.columns)
    assert en["backstage"].notna().mean() > 0.8


def test_an_unknown_name_is_refused_with_the_choices() -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        templates.load("checkout")
    message = str(caught.value)
    assert "'checkout'" in message
    assert all(f"'{name}'" in message for name in NAMES)
    with pytest.raises(InvalidArgumentError):
        templates.load(["purchase"])  # type: ignore[arg-type]


def test_an_unknown_language_is_refused_with_the_choices() -> None:
    with pytest.raises(InvalidArgumentError, match=r"'fr', 'en'.*not 'de'"):
        templates.load("purchase", lang="de")


def test_a_language_tag_reads_as_its_language() -> None:
    french = templates.load("purchase", lang="fr")
    pdt.assert_frame_equal(templates.load("purchase", lang="fr-FR"), french)
    pdt.assert_frame_equal(templates.load("purchase", lang="FR"), french)


@pytest.mark.parametrize("name", NAMES)
def test_each_load_is_a_fresh_table(name: str) -> None:
    first = templates.load(name)
    expected = first.copy(deep=True)
    first.loc[first.index[0], "step"] = "Changed"
    first.iloc[1, first.columns.get_loc("emotion")] = 3
    del first["action"]
    pdt.assert_frame_equal(templates.load(name), expected)


def test_the_retail_journey_is_still_there() -> None:
    df = templates.retail_journey()
    assert len(df) == 17
    assert list(df["stage"].cat.categories) == templates.STAGES
    assert "retail" not in templates.names()
