"""The words Python writes for people without the view (static tables, pages' floors), in
English and French: the one Python dictionary, each word as js/src/shared/i18n.ts says it.

Python's exceptions stay English; these are the words of what a page or preview shows.
"""

from __future__ import annotations

import re
from typing import Any

from .errors import InvalidArgumentError

#: The languages the package speaks: the widgets' words, check()'s messages, the templates.
LANGS = ("en", "fr")

_LANG_TAG = re.compile(r"([A-Za-z]{2,3})([-_][A-Za-z0-9]{1,8})*")

#: Words by language, the same keys in each.
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "yes": "yes",
        "no": "no",
        "moment": "Moment of truth",
        "one-off": "One-off",
        "cross-journey": "Cross-journey",
        "concentrate here": "Concentrate here",
        "keep up the good work": "Keep up the good work",
        "low priority": "Low priority",
        "possible overkill": "Possible overkill",
        "very low": "very low",
        "low": "low",
        "neutral": "neutral",
        "high": "high",
        "very high": "very high",
        "Customer journey": "Customer journey",
        "persona": "persona",
        "Stage": "Stage",
        "Step": "Step",
        "Emotion": "Emotion",
        "Measured": "Measured",
        "95% interval": "95% interval",
        "{low} to {high}": "{low} to {high}",
        "from step": "from step",
        "to step": "to step",
        "count": "count",
        "New step": "New step",
        "New stage": "New stage",
    },
    "fr": {
        "yes": "oui",
        "no": "non",
        "moment": "Moment de vérité",
        "one-off": "Ponctuel",
        "cross-journey": "Transverse",
        "concentrate here": "Concentrer les efforts ici",
        "keep up the good work": "Maintenir les efforts",
        "low priority": "Faible priorité",
        "possible overkill": "Excès possible",
        "very low": "très bas",
        "low": "bas",
        "neutral": "neutre",
        "high": "haut",
        "very high": "très haut",
        "Customer journey": "Parcours client",
        "persona": "persona",
        "Stage": "Phase",
        "Step": "Étape",
        "Emotion": "Émotion",
        "Measured": "Mesurée",
        "95% interval": "Intervalle à 95\u202f%",
        "{low} to {high}": "de {low} à {high}",
        "from step": "de l'étape",
        "to step": "vers l'étape",
        "count": "nombre",
        "New step": "Nouvelle étape",
        "New stage": "Nouvelle phase",
    },
}

#: The standard roles' lane titles, English and French (``laneTitle`` in i18n.ts: a lane
#: whose label is still its column's default title is shown with its role's title).
LANE_TITLES: dict[str, tuple[str, str]] = {
    "stage": ("Stage", "Phase"),
    "step": ("Step", "Étape"),
    "action": ("Action", "Action"),
    "actions": ("Actions", "Actions"),
    "touchpoint": ("Touchpoint", "Point de contact"),
    "touchpoints": ("Touchpoints", "Points de contact"),
    "channel": ("Channel", "Canal"),
    "channels": ("Channels", "Canaux"),
    "thought": ("Thought", "Pensée"),
    "thoughts": ("Thoughts", "Pensées"),
    "emotion": ("Emotion", "Émotion"),
    "pain": ("Pain", "Irritant"),
    "pains": ("Pains", "Irritants"),
    "gain": ("Gain", "Point positif"),
    "gains": ("Gains", "Points positifs"),
    "expectation": ("Expectation", "Attente"),
    "expectations": ("Expectations", "Attentes"),
    "opportunity": ("Opportunity", "Opportunité"),
    "opportunities": ("Opportunities", "Opportunités"),
    "owner": ("Owner", "Responsable"),
    "frontstage": ("Frontstage", "Front-office"),
    "backstage": ("Backstage", "Back-office"),
    "support": ("Support", "Processus de support"),
    "moment_of_truth": ("Moment of truth", "Moment de vérité"),
    "priority": ("Priority", "Priorité"),
    "quadrant": ("Quadrant", "Quadrant"),
    "persona": ("Persona", "Persona"),
}


def language(value: Any) -> str | None:
    """``"fr"`` or ``"en"`` from a language tag (``"fr"``, ``"FR"``, ``"fr-FR"``, ``"en_GB"``);
    None for None or ``"auto"``; anything else raises :class:`InvalidArgumentError`."""
    if value is None or value == "auto":
        return None
    tag = _LANG_TAG.fullmatch(value) if isinstance(value, str) else None
    base = tag.group(1).lower() if tag else None
    if base not in LANGS:
        raise InvalidArgumentError(
            f"lang must be 'fr', 'en' (or a tag such as 'fr-FR'), 'auto' or None, not {value!r}"
        )
    return base


def base_lang(tag: object) -> str:
    """ "fr" or "en" from a language tag ("fr-FR", "en_GB", None); English for any other
    (read as :func:`language` reads it)."""
    try:
        return language(tag) or "en"
    except InvalidArgumentError:
        return "en"


def words(lang: str) -> dict[str, str]:
    """The words in ``lang`` (a tag such as "fr-FR" too; English for any other)."""
    return WORDS[base_lang(lang)]


def word(key: str, lang: str) -> str:
    """One word in ``lang``."""
    return words(lang)[key]
