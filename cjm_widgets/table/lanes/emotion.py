"""The emotion lane: the journey's emotion column, drawn as a curve on the declared scale."""

from __future__ import annotations

from collections.abc import Hashable

import pandas as pd

from .base import LaneKind, name_key


class Emotion(LaneKind):
    name = "emotion"
    # The emotion column is found by these names (compared without case and accents) when
    # ``emotion=`` is not given, so an off-scale value is refused instead of drawn as a bar.
    names = frozenset(
        {"emotion", "emotions", "feeling", "feelings", "sentiment", "ressenti", "emotion score"}
    )

    def recognises(self, series: pd.Series, column: Hashable) -> bool:
        return False  # only the emotion role's column is an emotion lane


def find_emotion_column(columns: list[Hashable]) -> Hashable | None:
    """The first column whose name means emotion, e.g. ``émotion`` or ``Feeling``."""
    return next((c for c in columns if name_key(c) in Emotion.names), None)


KIND = Emotion()
