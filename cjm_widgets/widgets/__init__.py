"""The journey widgets: the shared base, the wire codec, the map, the curve and links."""

from .curve import EmotionCurve
from .flow import JourneyFlow
from .link import Link, link
from .map import JourneyMap

__all__ = ["EmotionCurve", "JourneyFlow", "JourneyMap", "Link", "link"]
