"""Keep a journey: widgets saved to and loaded from journey files (see :mod:`.journey_file`)."""

from .journey_file import FORMAT, VERSION, dumps, load, loads, save

__all__ = ["FORMAT", "VERSION", "dumps", "load", "loads", "save"]
