"""What every ready-made journey is made of, and how its steps table is built.

A template holds its rows once, with their text in both languages side by side: a row's
numbers, channel and moment of truth are shared, its text is written in English and in French
(``" | "`` between fields, an empty field for nothing), so both tables have the same shape.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from ..words import language

# The moment-of-truth kinds as each language writes them (the map reads both).
_MOMENTS = {
    "en": {"o": "one-off", "x": "cross-journey"},
    "fr": {"o": "ponctuel", "x": "transversal"},
}

# Channels in French, as the map's channel lane knows them (so each keeps its icon).
_CHANNELS_FR = {
    "web": "web",
    "app": "appli",
    "store": "magasin",
    "phone": "téléphone",
    "email": "e-mail",
    "chat": "chat",
    "social": "réseaux sociaux",
    "mail": "courrier",
}

# The columns around a template's own text lanes, per language. stage, step and persona keep
# their names in both, so ``JourneyMap(df, persona="persona")`` reads either.
_COLUMNS = {
    "en": {"channel": "channel", "emotion": "emotion", "moment": "moment_of_truth"},
    "fr": {"channel": "canal", "emotion": "émotion", "moment": "moment_de_vérité"},
}


#: The text lanes most journeys have, in each row's field order (see :class:`Template`).
TEXTS: dict[str, tuple[str, ...]] = {
    "en": ("step", "action", "thought", "pain", "gain", "opportunity", "owner"),
    "fr": ("step", "action", "pensée", "irritant", "gain", "opportunité", "responsable"),
}


@dataclass(frozen=True)
class Row:
    """One step of one persona.

    ``stage`` indexes the template's stages; ``moment`` is ``"o"`` (one-off), ``"x"``
    (cross-journey) or ``""``; ``channel`` is one or more channel names in English, a line
    each (``"web\\napp"``); ``en`` and ``fr`` are the text fields in the template's order.
    """

    stage: int
    channel: str
    emotion: int
    number: float
    moment: str
    en: str
    fr: str


@dataclass(frozen=True)
class Template:
    """A ready-made journey: stages, personas and their rows, in English and French."""

    name: str
    stages: Mapping[str, tuple[str, ...]]
    personas: Mapping[str, tuple[str, ...]]
    # The text lanes, in the order of each row's fields: step first, then e.g. action,
    # thought, pain, gain, opportunity, owner. The channel follows the second field and the
    # emotion the third, as a map is read: what the customer does, where, thinks, feels.
    texts: Mapping[str, tuple[str, ...]]
    number: Mapping[str, str]
    rows: tuple[tuple[Row, ...], ...]  # one tuple of rows per persona
    whole_numbers: bool = True
    channels_fr: Mapping[str, str] = field(default_factory=dict)

    def frame(self, lang: str) -> pd.DataFrame:
        """The steps table in ``lang``: a new DataFrame each call."""
        texts = self.texts[lang]
        names = _COLUMNS[lang]
        columns = [
            "persona",
            "stage",
            texts[0],
            texts[1],
            names["channel"],
            texts[2],
            names["emotion"],
            *texts[3:],
            self.number[lang],
            names["moment"],
        ]
        channels = {**_CHANNELS_FR, **self.channels_fr} if lang == "fr" else {}
        records = []
        for persona, rows in zip(self.personas[lang], self.rows, strict=True):
            for row in rows:
                fields = [f.strip() or None for f in getattr(row, lang).split("|")]
                if len(fields) != len(texts):
                    # A row's text has one field per text lane, or the lanes would shift.
                    raise ValueError(f"{self.name} ({lang}) {fields[0]!r}: {len(fields)} fields")
                channel = "\n".join(channels.get(c, c) for c in row.channel.split("\n"))
                records.append(
                    [
                        persona,
                        self.stages[lang][row.stage],
                        *fields[:2],
                        channel,
                        fields[2],
                        row.emotion,
                        *fields[3:],
                        row.number,
                        _MOMENTS[lang].get(row.moment),
                    ]
                )
        frame = pd.DataFrame(records, columns=columns)
        frame["stage"] = pd.Categorical(frame["stage"], categories=self.stages[lang], ordered=True)
        frame[names["emotion"]] = frame[names["emotion"]].astype("int64")
        number = self.number[lang]
        frame[number] = frame[number].astype("int64" if self.whole_numbers else "float64")
        return frame


def check_lang(lang: object) -> str:
    """ "fr" or "en" from a language tag ("fr-FR" too); English for None."""
    return language(lang) or "en"
