"""Text lanes: thoughts, pains, gains, owners…; newline-separated items become cards."""

from .base import LaneKind


class Text(LaneKind):
    name = "text"


KIND = Text()
