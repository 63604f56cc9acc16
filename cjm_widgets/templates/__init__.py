"""Ready-made journeys to start from (and to learn the method with).

``names()`` lists the journeys ``load(name, lang=)`` builds, each in English and French. The
retail journey of :func:`retail_journey` (English, two personas of ten steps, with its event,
survey and feeling generators) stays apart: the analytics examples are built on it.
"""

from __future__ import annotations

import pandas as pd

from ..errors import InvalidArgumentError
from ..words import LANGS
from . import b2b_buying, public_permit, purchase, service_blueprint, subscription_onboarding
from ._build import Template, check_lang
from .retail import (
    STAGES,
    retail_driver_survey,
    retail_events,
    retail_feelings,
    retail_journey,
    retail_survey,
)

_TEMPLATES: dict[str, Template] = {
    module.TEMPLATE.name: module.TEMPLATE
    for module in (purchase, b2b_buying, service_blueprint, public_permit, subscription_onboarding)
}


def names() -> list[str]:
    """The ready-made journeys' names, in a stable order (English ids in both languages)."""
    return list(_TEMPLATES)


def load(name: str, lang: str = "en") -> pd.DataFrame:
    """A ready-made journey as a steps table, for ``JourneyMap(df, persona="persona")``.

    Parameters
    ----------
    name
        One of :func:`names`.
    lang
        ``"en"`` or ``"fr"``: the text, stage names, persona names and lane columns in that
        language (``stage``, ``step`` and ``persona`` keep their names). Both tables have
        the same shape, rows and stage order.

    Returns
    -------
    pandas.DataFrame
        A new table each call: one row per step and persona, ``stage`` categorical in journey
        order, emotions on −3…+3, a number on every step and moments of truth marked.

    Raises
    ------
    InvalidArgumentError
        For a name or a language that is not one of the choices (the message lists them).
    """
    template = _TEMPLATES.get(name) if isinstance(name, str) else None
    if template is None:
        raise InvalidArgumentError(
            f"template {name!r} is not one of {', '.join(map(repr, _TEMPLATES))}"
        )
    return template.frame(check_lang(lang))


__all__ = [
    "LANGS",
    "STAGES",
    "load",
    "names",
    "retail_driver_survey",
    "retail_events",
    "retail_feelings",
    "retail_journey",
    "retail_survey",
]
