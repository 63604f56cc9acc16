"""The package's exceptions: one base class, one subclass per kind of mistake."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any


class CJMError(Exception):
    """Base class of every error raised by cjm_widgets.

    ``code`` names a refusal the views say in their own language (a message id of
    ``js/src/shared/i18n.ts``, filled with ``params``); None for errors shown in these words.
    """

    code: str | None = None
    params: Mapping[str, Any] = MappingProxyType({})

    def with_code(self, code: str, **params: Any) -> CJMError:
        """This error, named ``code`` for the views (see the class docstring); returns it."""
        self.code = code
        self.params = MappingProxyType(params)
        return self


class MissingColumnError(CJMError, KeyError):
    """A column named by a role or a lane is not in the DataFrame."""

    def __init__(self, column: object, role: str, available: Sequence[object]) -> None:
        self.column = column
        self.role = role
        shown = ", ".join(repr(c) for c in available[:20]) or "none"
        super().__init__(f"{role} column {column!r} is not in the DataFrame (its columns: {shown})")

    def __str__(self) -> str:  # KeyError would quote the whole message
        return str(self.args[0])


class DuplicateStepError(CJMError, ValueError):
    """Two rows of one persona carry the same step label."""


class MissingValueError(CJMError, ValueError):
    """A stage or step label is missing."""


class InvalidEmotionError(CJMError, ValueError):
    """An emotion is not a number or lies off the declared scale."""


class InvalidLaneError(CJMError, ValueError):
    """A lane is declared with an unknown kind or twice."""


class InvalidTableError(CJMError, ValueError, TypeError):
    """The table cannot be shown as given (duplicate or MultiIndex columns, bytes, …)."""


class InvalidArgumentError(CJMError, TypeError, ValueError):
    """An argument a function cannot take: not a table, a role naming no column or another
    role's column, an unknown kind, a scale that is not two numbers, funnel steps that are
    not labels, a count of steps that is no whole number. Both a TypeError and a ValueError,
    as the errors it replaces were."""


class InvalidEditError(CJMError, ValueError):
    """An edit sent by the view (or by Python) cannot be applied; nothing changed."""


class EditConflictError(InvalidEditError):
    """An edit made from a stale value: another view (or Python) changed the cell or step
    since the editor opened. ``current`` is the value now (as the view receives it),
    ``yours`` the value the edit would have written; nothing changed.

    ``on`` says what changed (``"cell"``, ``"step"`` or ``"stage"``); for a cell, ``row`` and
    ``column`` (its row id and lane key) let the view say both values in the lane's words.
    ``via`` is ``"undo"`` or ``"redo"`` when the refused edit is an undo or a redo, whose
    value is no one's own but the one the cell held before."""

    def __init__(
        self,
        reason: str,
        *,
        on: str = "cell",
        current: object = None,
        yours: object = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.on = on
        self.current = current
        self.yours = yours
        self.row = row
        self.column = column
        self.via: str | None = None
        super().__init__(reason)


class EvidenceError(CJMError, ValueError):
    """Evidence for an emotion curve does not fit the journey (steps, personas, values)."""


class JourneyFileError(CJMError, ValueError):
    """A journey file cannot be read, or a widget cannot be written as one. The message names
    the file, the line (``line``) and the field (``field``: a setting, a column, a row)."""

    def __init__(
        self,
        reason: str,
        *,
        line: int | None = None,
        field: str | None = None,
        path: str | None = None,
    ) -> None:
        self.reason = reason
        self.line = line
        self.field = field
        self.path = path
        where = [path or "", f"line {line}" if line else "", field or ""]
        prefix = ", ".join(part for part in where if part)
        super().__init__(f"{prefix}: {reason}" if prefix else reason)


class NoViewError(CJMError, RuntimeError):
    """What only a view can do (draw an image) was asked of a widget no view shows now."""
