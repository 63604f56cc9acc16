"""Channel lanes: each line a channel, drawn with its icon (web, app, store, phone…)."""

from .base import LaneKind


class Channel(LaneKind):
    name = "channel"
    names = frozenset({"channel", "channels", "canal", "canaux", "touchpoint channel"})


KIND = Channel()
