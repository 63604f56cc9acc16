"""The map as a service blueprint: its lanes in group order, and the switch that says so.

The groups and the three lines are described in :mod:`cjm_widgets.table.groups`; the view
draws the lines between the groups (``js/src/map/blueprint.ts``) when the journey it is sent
says ``blueprint: true``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import traitlets

from ..errors import InvalidArgumentError
from ..table.groups import blueprint_order
from ..table.schema import Lane
from .base import JourneyWidget


def check_blueprint(value: Any) -> bool:
    """``blueprint=`` checked: True or False."""
    if not isinstance(value, bool):
        raise InvalidArgumentError(
            f"blueprint= takes True or False, not {type(value).__name__} {value!r}"
        )
    return value


class Blueprint(JourneyWidget):
    """What :class:`~cjm_widgets.JourneyMap` does as a blueprint (one of its base classes)."""

    _blueprint = False

    @property
    def blueprint(self) -> bool:
        """Whether the map is laid out as a service blueprint: lanes with no group first (the
        journey above its blueprint), then lanes in group order (physical evidence, customer
        actions, frontstage, backstage, support processes), with the lines of interaction,
        visibility and internal interaction drawn between the groups. Set it to switch every
        view."""
        return self._blueprint

    @blueprint.setter
    def blueprint(self, on: Any) -> None:
        on = check_blueprint(on)
        if on == self._blueprint:
            return
        self._blueprint = on
        # The lanes read their values as they do now: only their order changes.
        self._spec = self._resolve(self._state.frame, self._spec.roles, self._forms_as_read())
        self._publish()

    def _in_blueprint_order(self, lanes: Sequence[Lane]) -> list[Lane]:
        """The lanes as the map shows them: in group order when it is a blueprint."""
        if not self._blueprint:
            return list(lanes)
        return [lanes[i] for i in blueprint_order([lane.group for lane in lanes])]

    def _resolve(self, frame: Any, roles: Any, forms: dict[Any, str]) -> Any:
        """The table's spec (the map defines it)."""
        raise NotImplementedError

    def _forms_as_read(self) -> dict[Any, str]:
        """The lanes' forms, each number lane's as it reads now (the map defines it)."""
        raise NotImplementedError

    # The journey says it is a blueprint however it was encoded (whole, or a cell at a time
    # from the journey before, which says it already): the views, pages and images read it there.
    @traitlets.validate("_journey")
    def _say_blueprint(self, proposal: dict[str, Any]) -> Any:
        journey = proposal["value"]
        if not isinstance(journey, dict) or bool(journey.get("blueprint")) == self._blueprint:
            return journey
        if self._blueprint:
            return {**journey, "blueprint": True}
        return {k: v for k, v in journey.items() if k != "blueprint"}
