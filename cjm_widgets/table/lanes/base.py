"""What every lane kind defines; each kind is one module beside this one."""

from __future__ import annotations

import unicodedata
from collections.abc import Hashable
from typing import Any

import pandas as pd


def name_key(column: Hashable) -> str:
    """A column name as the kinds compare it: lower case, no accents, spaces for ``_``/``-``."""
    text = unicodedata.normalize("NFKD", str(column))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.lower().replace("_", " ").replace("-", " ").split())


class LaneKind:
    """A lane kind: how it is recognised, what its column may hold, what the view gets.

    Subclasses override what differs from a plain text lane.
    """

    name = "text"
    #: Column names (as :func:`name_key` gives them) that mean this kind, English and French.
    names: frozenset[str] = frozenset()

    def recognises(self, series: pd.Series, column: Hashable) -> bool:
        """Whether an undeclared column is of this kind (by its name or its values)."""
        return name_key(column) in self.names

    def check_column(self, series: pd.Series, column: Hashable) -> None:
        """Raise :class:`~cjm_widgets.InvalidLaneError` if the column cannot be this kind."""

    def value(self, raw: Any, series: pd.Series, lane: Any) -> Any:
        """A value typed into the lane (``series`` is its column), before it is fitted to the
        column's dtype."""
        return raw

    def wire(self, lane: Any, series: pd.Series) -> dict[str, Any]:
        """Extra fields of the lane's entry in the view's state."""
        return {}

    def encode(self, series: pd.Series) -> list[Any] | None:
        """The lane's values for the view, when they differ from the column's own values."""
        return None
