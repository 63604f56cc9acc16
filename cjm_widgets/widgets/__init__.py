"""The journey widgets: the shared base, the wire codec, the map, the curve and links."""

from .curve import EmotionCurve
from .link import Link, link
from .map import JourneyMap

__all__ = ["EmotionCurve", "JourneyMap", "Link", "link"]
