"""Personas side by side: the ``compare_personas`` switch of a :class:`JourneyMap`.

Each view compares personas or not on its own, as each shows its own persona: the switch a
view's toolbar turns is that view's (``_compare_from`` names it and the other views keep
theirs); ``m.compare_personas = ...`` from Python is every view's.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import traitlets

from ..errors import InvalidArgumentError


class Switch(traitlets.Bool):
    """A synced on/off trait that refuses anything but True or False with a CJMError."""

    def validate(self, obj: Any, value: Any) -> bool:
        if isinstance(value, (bool, np.bool_)):
            return bool(value)
        raise InvalidArgumentError(
            f"{self.name} takes True or False, not {type(value).__name__} {value!r}"
        )


def check(journey: dict[str, Any], on: bool) -> None:
    """Refuse to compare personas where there are not two to compare.

    Raises
    ------
    InvalidArgumentError
        When ``on`` and the map has fewer than two personas, or compares states already.
    """
    if not on or not journey:
        return
    if journey.get("state") is not None:
        raise InvalidArgumentError(
            "compare_personas=True: this map compares its states already (its state column); "
            "it shows the persona picked with active_persona"
        )
    personas = journey.get("personas") or []
    if len(personas) < 2:
        having = (
            "no persona column (JourneyMap(df, persona=...))"
            if not personas
            else f"one persona only ({personas[0]!r})"
        )
        raise InvalidArgumentError(
            f"compare_personas=True needs two personas or more to set side by side; "
            f"the map has {having}"
        )
