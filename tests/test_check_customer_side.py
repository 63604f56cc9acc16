"""company_side_label spares a company's wording that the customer waits for, receives or
looks at ("Wait for approval"), and still flags the company's own doing ("Approve loan")."""

from __future__ import annotations

import pandas as pd
import pytest

from cjm_widgets import JourneyMap
from cjm_widgets.checks import (
    CLAUSE_BREAKS,
    CUSTOMER_SIDE_EN,
    CUSTOMER_SIDE_FR,
    check,
    company_side_words,
)


@pytest.mark.parametrize(
    "label",
    [
        "Wait for approval",
        "Receive approval",
        "Get the order processing status",
        "Track the order fulfilment",
        "Reads the invoice customer letter",
        "Attendre la validation du dossier",
        "Recevoir la facturation",
        "Consulter la facturation",
        "Reçoit sa facturation",
        "Suivi de l'expédition de la commande",
        "ATTENTE DE LA VALIDATION DU DOSSIER !",
    ],
)
def test_a_wording_after_a_customer_side_verb_is_not_flagged(label: str) -> None:
    assert company_side_words(label) is None


@pytest.mark.parametrize(
    ("label", "words"),
    [
        ("Approve application", "approve"),
        ("Process the order", "process the order"),
        ("Traitement du dossier", "traitement du dossier"),
        ("Facturation", "facturation"),
        # The customer-side verb comes after: it does not make the label the customer's.
        ("Approval to receive", "approval"),
        # Another clause: the verb does not reach the company's doing.
        ("Check the file and approve it", "approve"),
        ("Wait for approval, then process the order", "process the order"),
        ("Vérifier les pièces puis validation du dossier", "validation du dossier"),
        # The wording twice: once waited for, once done by the company.
        ("Approve, then wait for approval", "approve"),
        # Punctuation ends a clause; a noun that names the company's work is no verb.
        ("Check documents, approve loan", "approve"),
        ("Read the terms; approve the loan", "approve"),
        ("Credit check approval", "approval"),
        ("Demande de prêt : validation du dossier", "validation du dossier"),
    ],
)
def test_the_company_s_own_doing_is_still_flagged(label: str, words: str) -> None:
    assert company_side_words(label) == words


@pytest.mark.parametrize("verb", CUSTOMER_SIDE_EN)
def test_each_english_customer_side_verb_spares_a_wording(verb: str) -> None:
    assert company_side_words(f"Approve it and {verb} the approval") == "approve"
    assert company_side_words(f"{verb} the approval") is None
    # Before the wording only, and within its clause.
    assert company_side_words(f"approval {verb}") == "approval"
    assert company_side_words(f"{verb} the file and approval") == "approval"


@pytest.mark.parametrize("verb", CUSTOMER_SIDE_FR)
def test_each_french_customer_side_verb_spares_a_wording(verb: str) -> None:
    assert company_side_words(f"{verb.capitalize()} la validation du dossier") is None
    assert company_side_words(f"validation du dossier, {verb}") == "validation du dossier"
    assert company_side_words(f"{verb} les pièces puis facturation") == "facturation"


def test_every_clause_break_ends_a_clause() -> None:
    for word in CLAUSE_BREAKS:
        assert company_side_words(f"Wait for the file {word} approve") == "approve", word


def test_the_rule_spares_customer_side_steps_and_keeps_its_message() -> None:
    frame = pd.DataFrame(
        {
            "stage": ["Apply", "Apply", "Wait", "Wait"],
            "step": [
                "Wait for approval",
                "Approve application",
                "Attendre la validation du dossier",
                "Traitement du dossier",
            ],
        }
    )
    found = check(JourneyMap(frame), lang="en")
    flagged = found[found["rule"] == "company_side_label"]
    assert flagged["step"].tolist() == ["Approve application", "Traitement du dossier"]
    assert flagged["severity"].tolist() == ["warning", "warning"]
    assert flagged["message"].iloc[0] == (
        "Step “Approve application” is written from the company’s side (“approve”): what "
        "does the customer do or feel here?"
    )
