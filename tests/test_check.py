"""Method checks: one map per rule that breaks it, a good map that passes, order, languages."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pandas.testing as pdt
import pytest

import cjm_widgets
from cjm_widgets import EmotionCurve, InvalidArgumentError, JourneyMap
from cjm_widgets.checks import (
    COLUMNS,
    COMPANY_SIDE_EN,
    COMPANY_SIDE_FR,
    MESSAGES,
    RULES,
    check,
    company_side_words,
)
from cjm_widgets.words import LANGS

from .journeys import PAYLOADS

STAGES = ["Découvrir", "Comparer", "Acheter", "Recevoir", "Être aidé"]
VERBS = ["Voit", "Cherche", "Compare", "Choisit", "Paie", "Attend", "Reçoit", "Appelle"]
EVIDENCE = {"n": "n", "mean": "mean", "ci_low": "ci_low", "ci_high": "ci_high"}


def good(steps: int = 16, stages: int = 5) -> pd.DataFrame:
    """A French journey that meets every rule: two personas with ``steps`` steps each over
    ``stages`` stages, numbers, moments of truth, pains with owners, evidence columns."""
    rows = []
    for persona in ("Camille", "Léo"):
        for i in range(steps):
            pain = "Frais cachés" if i % 5 == 2 else None
            rows.append(
                {
                    "persona": persona,
                    "stage": STAGES[i * stages // steps],
                    "step": f"{VERBS[i % len(VERBS)]} l’offre {i + 1}",
                    "channel": ["web", "app", "magasin"][i % 3],
                    "emotion": float(i % 7 - 3),
                    "pain": pain,
                    "responsable": "Service client" if pain else None,
                    "visites": 1000 - 20 * i,
                    "moment_de_verite": "ponctuel" if i == 4 else None,
                    "n": 30,
                    "mean": float(i % 7 - 3),
                    "ci_low": float(i % 7 - 3) - 0.2,
                    "ci_high": float(i % 7 - 3) + 0.2,
                }
            )
    return pd.DataFrame(rows)


def curve(frame: pd.DataFrame) -> EmotionCurve:
    return EmotionCurve(frame, persona="persona", evidence=EVIDENCE)


def both(widget: object) -> tuple[pd.DataFrame, pd.DataFrame]:
    return check(widget), check(widget, lang="fr")


def only(widget: object, rule: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The English and French findings, which must all be of ``rule``."""
    en, fr = both(widget)
    assert set(en["rule"]) == {rule}, en[["rule", "message"]].to_string()
    assert list(fr["rule"]) == list(en["rule"])
    assert list(fr["step"]) == list(en["step"])
    return en, fr


# -- the good map ---------------------------------------------------------------------


def test_a_complete_french_curve_with_evidence_has_no_finding() -> None:
    found = check(curve(good()), lang="fr")
    assert list(found.columns) == list(COLUMNS)
    assert found.empty, found.to_string()


def test_a_complete_french_map_has_no_error_only_that_its_emotions_are_assumed() -> None:
    en, fr = both(JourneyMap(good(), persona="persona"))
    assert (en["severity"] != "error").all()
    assert en[["severity", "rule", "step"]].values.tolist() == [
        ["info", "emotion_without_evidence", None]
    ]
    assert en["message"].iloc[0].startswith("The 32 emotions are assumed")
    assert fr["message"].iloc[0].startswith("Les 32 émotions sont supposées")


# -- one map per rule -----------------------------------------------------------------


def test_too_coarse() -> None:
    en, fr = only(curve(good(steps=8, stages=4)), "too_coarse")
    assert en[["severity", "persona", "step"]].values.tolist() == [
        ["error", "Camille", None],
        ["error", "Léo", None],
    ]
    assert en["message"].iloc[0] == (
        "Only 8 steps: a useful map usually has 12 or more; split the broadest steps."
    )
    assert fr["message"].iloc[0].startswith("Seulement 8 étapes : une carte utile")


def test_a_count_of_one_is_said_in_the_singular() -> None:
    # One step, one number lane, one assumed emotion: no "1 steps" in either language.
    frame = pd.DataFrame(
        {"persona": ["Léa"], "stage": ["Buy"], "step": ["Pays"], "emotion": [1], "visits": [np.nan]}
    )
    for lang in ("en", "fr"):
        messages = check(frame, persona="persona", lang=lang)["message"].tolist()
        assert len(messages) >= 4
        plural = re.compile(r"\b1 (steps|étapes|emotions|émotions|number)")
        assert not any(plural.search(m) for m in messages)
    en = check(frame, persona="persona")["message"].tolist()
    assert any(m.startswith("Only one step: a useful map usually has 12 or more") for m in en)
    assert "Step “Pays” has no number (its number lane is empty): measure it." in en


def test_single_step_stage() -> None:
    frame = good()
    # Léo's last stage keeps one step: the others move to the stage before it.
    leo = frame.index[(frame["persona"] == "Léo") & (frame["stage"] == "Être aidé")]
    frame.loc[leo[:-1], "stage"] = "Recevoir"
    en, fr = only(curve(frame), "single_step_stage")
    step = frame.loc[leo[-1], "step"]
    assert en[["severity", "persona", "stage", "step"]].values.tolist() == [
        ["warning", "Léo", "Être aidé", step]
    ]
    assert en["message"].iloc[0] == (
        f"Stage “Être aidé” has only one step (“{step}”): list the touchpoints inside it."
    )
    assert fr["message"].iloc[0].startswith(f"La phase « Être aidé » n’a qu’une étape (« {step} »)")


def test_no_numbers() -> None:
    en, fr = only(curve(good().drop(columns="visites")), "no_numbers")
    assert en[["severity", "persona", "step"]].values.tolist() == [["warning", None, None]]
    assert "a journey without numbers has no value" in en["message"].iloc[0]
    assert "un parcours sans chiffres n’a pas de valeur" in fr["message"].iloc[0]


def test_step_without_number() -> None:
    frame = good()
    frame["visites"] = frame["visites"].astype(float)
    frame.loc[3, "visites"] = np.nan
    en, fr = only(curve(frame), "step_without_number")
    step = frame.loc[3, "step"]
    assert en[["severity", "persona", "step"]].values.tolist() == [["info", "Camille", step]]
    assert (
        en["message"].iloc[0]
        == f"Step “{step}” has no number (its number lane is empty): measure it."
    )
    assert fr["message"].iloc[0].startswith(f"L’étape « {step} » n’a aucun chiffre")


def test_emotion_without_evidence_per_step_of_a_curve_with_evidence() -> None:
    frame = good()
    frame["n"] = frame["n"].astype(float)
    frame.loc[[5, 20], ["n", "mean", "ci_low", "ci_high"]] = np.nan
    en, fr = only(curve(frame), "emotion_without_evidence")
    steps = frame.loc[[5, 20], "step"].tolist()
    assert en[["severity", "persona", "step"]].values.tolist() == [
        ["warning", "Camille", steps[0]],
        ["warning", "Léo", steps[1]],
    ]
    emotion = f"{frame.loc[5, 'emotion']:g}"
    assert en["message"].iloc[0] == (
        f"Step “{steps[0]}” has an emotion ({emotion}) but no evidence: back it with survey "
        "answers or mark it as assumed."
    )
    assert fr["message"].iloc[0].startswith(f"L’étape « {steps[0]} » a une émotion ({emotion})")


def test_emotion_without_evidence_once_for_a_curve_with_none() -> None:
    en, fr = only(EmotionCurve(good(), persona="persona"), "emotion_without_evidence")
    assert en[["severity", "persona", "step"]].values.tolist() == [["info", None, None]]
    assert en["message"].iloc[0].startswith("The 32 emotions are assumed: no evidence backs them")
    assert fr["message"].iloc[0].startswith("Les 32 émotions sont supposées")


def test_no_emotion_lane() -> None:
    en, fr = only(JourneyMap(good().drop(columns="emotion"), persona="persona"), "no_emotion")
    assert en[["severity", "persona", "step"]].values.tolist() == [["warning", None, None]]
    assert en["message"].iloc[0].startswith("No emotion lane")
    assert fr["message"].iloc[0].startswith("Pas de ligne d’émotion")


def test_no_emotion_value_for_one_persona() -> None:
    frame = good()
    frame.loc[frame["persona"] == "Léo", "emotion"] = np.nan
    en, fr = only(curve(frame), "no_emotion")
    assert en[["severity", "persona", "step"]].values.tolist() == [["warning", "Léo", None]]
    assert en["message"].iloc[0].startswith("No emotion on any of the 16 steps")
    assert fr["message"].iloc[0].startswith("Aucune émotion sur les 16 étapes")


def test_pain_without_owner() -> None:
    frame = good()
    frame.loc[8, "pain"] = "Attente au téléphone"
    en, fr = only(curve(frame), "pain_without_owner")
    step = frame.loc[8, "step"]
    assert en[["severity", "persona", "step"]].values.tolist() == [["warning", "Camille", step]]
    assert en["message"].iloc[0] == (
        f"Step “{step}” has a pain (“Attente au téléphone”) but neither an owner nor an "
        "opportunity: say who acts on it."
    )
    assert fr["message"].iloc[0].startswith(f"L’étape « {step} » a un irritant")


def test_a_pain_with_an_opportunity_and_no_owner_is_enough() -> None:
    frame = good()
    frame.loc[8, "pain"] = "Attente au téléphone"
    frame["opportunité"] = None
    frame.loc[8, "opportunité"] = "Rappel automatique"
    assert check(curve(frame)).empty


def test_no_moment_of_truth_for_one_persona() -> None:
    frame = good()
    frame.loc[frame["persona"] == "Léo", "moment_de_verite"] = None
    en, fr = only(curve(frame), "no_moment_of_truth")
    assert en[["severity", "persona", "step"]].values.tolist() == [["error", "Léo", None]]
    assert en["message"].iloc[0].startswith("No moment of truth among the 16 steps")
    assert fr["message"].iloc[0].startswith("Aucun moment de vérité parmi les 16 étapes")


def test_no_moment_of_truth_lane() -> None:
    en, fr = only(curve(good().drop(columns="moment_de_verite")), "no_moment_of_truth")
    assert en[["severity", "persona", "step"]].values.tolist() == [["error", None, None]]
    assert en["message"].iloc[0].startswith("No moment-of-truth lane")
    assert fr["message"].iloc[0].startswith("Pas de ligne de moments de vérité")


@pytest.mark.parametrize(
    ("lang", "column"), [("en", "moment_of_truth"), ("fr", "moment_de_vérité")]
)
def test_the_column_a_missing_moment_lane_message_names_is_a_moment_lane(
    lang: str, column: str
) -> None:
    # The column the message suggests (the one the templates use) is read as moments of truth.
    frame = good().drop(columns="moment_de_verite")
    message = check(frame, persona="persona", lang=lang).set_index("rule")["message"]
    assert column in message["no_moment_of_truth"]
    frame[column] = ["ponctuel" if i % 16 == 4 else None for i in range(len(frame))]
    m = JourneyMap(frame, persona="persona")
    assert [lane.kind for lane in m._spec.lanes if lane.column == column] == ["moment"]
    assert "no_moment_of_truth" not in set(check(m, lang=lang)["rule"])


def test_no_persona() -> None:
    frame = good()
    frame = frame[frame["persona"] == "Camille"].drop(columns="persona")
    en, fr = only(EmotionCurve(frame, evidence=EVIDENCE), "no_persona")
    assert en[["severity", "persona", "step"]].values.tolist() == [["error", None, None]]
    assert "one map per persona" in en["message"].iloc[0]
    assert "une carte par persona" in fr["message"].iloc[0]


def test_company_side_label() -> None:
    frame = good()
    frame.loc[18, "step"] = "Traitement du dossier"
    en, fr = only(curve(frame), "company_side_label")
    assert en[["severity", "persona", "step"]].values.tolist() == [
        ["warning", "Léo", "Traitement du dossier"]
    ]
    assert en["message"].iloc[0] == (
        "Step “Traitement du dossier” is written from the company’s side "
        "(“traitement du dossier”): what does the customer do or feel here?"
    )
    assert fr["message"].iloc[0] == (
        "L’étape « Traitement du dossier » est écrite du côté de l’entreprise "
        "(« traitement du dossier ») : que fait ou ressent le client ici ?"
    )


def test_unused_channel() -> None:
    frame = good()
    frame["channel"] = pd.Categorical(
        frame["channel"], ["web", "app", "magasin", "fax", "courrier"]
    )
    m = JourneyMap(frame, persona="persona")
    en, fr = both(m)
    found = en[en["rule"] == "unused_channel"]
    assert set(en["rule"]) == {"unused_channel", "emotion_without_evidence"}
    assert found[["severity", "persona", "step"]].values.tolist() == [["info", None, None]]
    assert found["message"].iloc[0] == (
        "2 channels of lane “Channel” are used by no step: fax, courrier."
    )
    assert fr[fr["rule"] == "unused_channel"]["message"].iloc[0] == (
        "2 canaux de la ligne « Channel » ne sont utilisés par aucune étape : fax, courrier."
    )


def test_one_unused_channel_is_said_in_the_singular() -> None:
    frame = good()
    frame["channel"] = pd.Categorical(frame["channel"], ["web", "app", "magasin", "fax"])
    en, fr = both(JourneyMap(frame, persona="persona"))
    assert en[en["rule"] == "unused_channel"]["message"].tolist() == [
        "One channel of lane “Channel” is used by no step: fax."
    ]
    assert fr[fr["rule"] == "unused_channel"]["message"].tolist() == [
        "Un canal de la ligne « Channel » n’est utilisé par aucune étape : fax."
    ]


def test_every_category_used_gives_no_unused_channel() -> None:
    frame = good()
    frame["channel"] = pd.Categorical(frame["channel"])
    assert "unused_channel" not in set(check(JourneyMap(frame, persona="persona"))["rule"])


# -- inputs, order, languages -------------------------------------------------------


def rough() -> pd.DataFrame:
    """A small map breaking many rules, its stages in an order that is not its rows' order."""
    frame = pd.DataFrame(
        {
            "persona": ["Ana", "Ana", "Ana", "Bo", "Bo"],
            "stage": ["Buy", "Choose", "Choose", "Buy", "Choose"],
            "step": ["Process order", "Compare", "Pick", "Pays online", "Approve loan"],
            "emotion": [1.0, np.nan, 2.0, np.nan, np.nan],
            "pain": ["Slow", None, "Fees", None, "Refused"],
            "owner": [None, None, "Ops", None, None],
            "visits": [10.0, np.nan, 5.0, np.nan, 3.0],
        },
        index=pd.Index([7, 3, 9, 1, 5], name="row"),
    )
    frame["stage"] = pd.Categorical(frame["stage"], ["Choose", "Buy"])
    return frame


def test_a_table_and_the_map_built_from_it_give_the_same_findings() -> None:
    frame = rough()
    from_table = check(frame, persona="persona", lang="fr")
    from_map = check(JourneyMap(frame, persona="persona"), lang="fr")
    pdt.assert_frame_equal(from_table, from_map)
    assert len(from_table) > 5
    lanes = ["visits"]
    pdt.assert_frame_equal(
        check(frame, persona="persona", lanes=lanes),
        check(JourneyMap(frame, persona="persona", lanes=lanes)),
    )


def test_findings_follow_map_order_errors_first() -> None:
    found = check(rough(), persona="persona")
    severities = found["severity"].tolist()
    assert severities == sorted(severities, key=lambda s: s != "error")
    assert severities[0] == "error"
    rest = found[found["severity"] != "error"]
    # Map order: the map-wide findings, then Ana's steps with stage Choose before Buy, then Bo.
    places = [(p, s) for p, s in zip(rest["persona"], rest["step"], strict=True) if s is not None]
    order = {
        ("Ana", "Compare"): 0,
        ("Ana", "Pick"): 1,
        ("Ana", "Process order"): 2,
        ("Bo", "Approve loan"): 3,
        ("Bo", "Pays online"): 4,
    }
    ranks = [order[p] for p in places]
    assert ranks == sorted(ranks)
    assert ("Ana", "Process order") in places
    assert ("Bo", "Approve loan") in places
    first_step = next(i for i, s in enumerate(rest["step"]) if s is not None)
    assert rest["step"].iloc[:first_step].isna().all()


def test_company_side_words_ignore_case_accents_and_punctuation() -> None:
    assert company_side_words("TRAITEMENT DU DOSSIER") == "traitement du dossier"
    assert company_side_words("Traitément du dossier !") == "traitement du dossier"
    assert company_side_words("Validation-interne (J+2)") == "validation interne"
    assert company_side_words("Expédition de la commande") == "expedition de la commande"
    assert company_side_words("Onboard the customer.") == "onboard the customer"
    assert company_side_words("Process Order #12") == "process order"
    assert company_side_words("Manager: APPROVE") == "approve"
    for label in ("Compare les offres", "Pays online", "Reçoit sa commande", "Approves of it"):
        assert company_side_words(label) is None, label
    labels = check(rough(), persona="persona")
    flagged = labels[labels["rule"] == "company_side_label"]["step"].tolist()
    assert flagged == ["Process order", "Approve loan"]


def test_word_lists_are_normalised_phrases_in_both_languages() -> None:
    assert len(COMPANY_SIDE_EN) > 10
    assert len(COMPANY_SIDE_FR) > 10
    for phrase in COMPANY_SIDE_EN + COMPANY_SIDE_FR:
        assert company_side_words(phrase) is not None, phrase


def test_every_rule_has_an_english_and_a_french_message() -> None:
    keys = {key.split(".")[0] for key in MESSAGES}
    assert keys == set(RULES)
    for key, texts in MESSAGES.items():
        assert set(texts) == set(LANGS), key
        assert all(text.strip() for text in texts.values()), key
        assert texts["en"] != texts["fr"], key
    assert set(RULES.values()) <= {"error", "warning", "info"}


def test_hostile_labels_come_back_as_plain_text() -> None:
    hostile = [*PAYLOADS, "%%{}", "{step} {0} %s %(x)s"]
    steps = [f"Process order {text}" for text in hostile]
    frame = pd.DataFrame(
        {
            "stage": ["Buy"] * len(steps),
            "step": steps,
            "pain": hostile,
        }
    )
    found = check(frame)
    for lang in ("en", "fr"):
        messages = check(frame, lang=lang)
        flagged = messages[messages["rule"] == "company_side_label"]["message"].tolist()
        assert len(flagged) == len(hostile)
        for text, message in zip(hostile, flagged, strict=True):
            assert " ".join(text.split()) in message
    pains = found[found["rule"] == "pain_without_owner"]["message"].tolist()
    assert any("<script>window.__pwned = 1</script>" in m for m in pains)
    assert any("{step} {0} %s %(x)s" in m for m in pains)


def test_a_label_with_bidi_controls_is_isolated_in_its_message() -> None:
    # U+202E unterminated would show the rest of the message reversed: the label is wrapped
    # in FSI … PDI; a plain label is quoted as it is.
    frame = pd.DataFrame(
        {"stage": ["Buy", "Buy"], "step": ["Paie \u202eenil", "Paie"], "pain": ["x", "y"]}
    )
    pains = check(frame, lang="fr").query("rule == 'pain_without_owner'")["message"].tolist()
    assert "« \u2068Paie \u202eenil\u2069 »" in pains[0]
    assert "« Paie » a un irritant" in pains[1]
    assert "\u2068" not in pains[1]


def test_nothing_missing_gives_an_empty_table_with_the_columns() -> None:
    found = check(curve(good()))
    assert found.empty
    assert list(found.columns) == list(COLUMNS)


def test_the_language_is_the_widget_s_unless_said_and_tags_are_read() -> None:
    frame = rough()
    french = JourneyMap(frame, persona="persona", lang="fr")
    said = check(french)["message"].tolist()
    assert said == check(frame, persona="persona", lang="fr")["message"].tolist()
    assert said != check(french, lang="en")["message"].tolist()
    assert check(frame, persona="persona", lang="FR-ca")["message"].tolist() == said
    assert (
        check(JourneyMap(frame, persona="persona"))["message"].tolist()
        == check(frame, persona="persona")["message"].tolist()
    )


def test_unknown_language_or_argument_is_refused() -> None:
    with pytest.raises(InvalidArgumentError, match="'de'"):
        check(rough(), lang="de", persona="persona")
    with pytest.raises(InvalidArgumentError, match="'colour'"):
        check(rough(), colour="red")
    with pytest.raises(InvalidArgumentError, match="persona="):
        check(JourneyMap(rough()), persona="persona")


def test_exported_from_the_package() -> None:
    assert cjm_widgets.check is check
