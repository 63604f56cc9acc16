"""A map's priorities: the lane filled from a priority table, and the steps ranked by it."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import replace
from numbers import Integral
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..edits import Edit
from ..errors import InvalidArgumentError, InvalidLaneError
from ..table.lanes import KINDS, name_key
from ..table.lanes.emotion import Emotion
from ..table.lanes.priority import holds_priorities
from ..table.ranking import join_priorities, ranked_steps, top_positions
from ..table.schema import plain
from ..table.values import is_missing
from .base import JourneyWidget

if TYPE_CHECKING:
    from ..table.schema import Roles


class Priorities(JourneyWidget):
    """What :class:`~cjm_widgets.JourneyMap` does with priorities (its base class)."""

    # Defined by JourneyMap: its state on the wire, and the roles it was given.
    _journey: dict[str, Any]
    _declared: Roles

    # -- priorities ----------------------------------------------------------

    def add_priorities(
        self,
        table: Any,
        *,
        column: Hashable = "priority",
        value: Hashable | None = None,
        step: Hashable | None = None,
        persona: Hashable | None = None,
    ) -> Edit:
        """Write a priority table's values into column ``column``, shown as a priority lane.

        One edit, undone by :meth:`undo` (or the map's Undo) as any other, lanes included; the
        index, the other columns and their dtypes are kept. The column is a priority lane of
        this map and of the maps linked to it (:func:`cjm_widgets.link`) while it holds
        priorities, also after ``m.data = ...``; a table whose column holds other data shows it
        as a fresh map would.

        Parameters
        ----------
        table
            A table with a row per step, such as ``importance_performance(...)``,
            ``opportunity_scores(...)`` or ``key_drivers(...)``: pandas, polars, pyarrow or
            DuckDB.
        column
            The map's column to write: a new one, or the map's priority lane; not a name the
            map reads as another kind of lane or as its emotion column (``channel``,
            ``émotion``…). Ranks are written as ``Int64`` (into a text column of ranks, as
            its text: ``"#3"`` or ``"3"``), quadrants as text.
        value
            The table's column to copy: default ``priority`` if present, else ``rank``, else
            ``rang``, else ``quadrant``. Numbers, or text that is all ranks (``"#1"``,
            ``"2"``), are ranks: whole numbers from 1 to 1,000,000; other text is quadrants.
        step
            The table's step column: default ``step``, else ``driver``.
        persona
            The table's persona column; by default the map's persona column name, else
            ``persona``. Without one, each value goes to the step in every persona.

        Returns
        -------
        Edit
            The applied edit, of kind ``set_column``: ``old`` and ``new`` are the column's
            values before (``None`` for a new column) and after, as lists in row order.

        Raises
        ------
        InvalidEditError
            When the table names a step or persona the map lacks, or a value that is no rank
            nor quadrant.
        InvalidTableError
            When ``table`` is no table, has no step or value column, or two rows for a step.
        MissingValueError
            When a row of the table has an empty step or persona.
        MissingColumnError
            When ``value``, ``step`` or ``persona`` names a column the table lacks.
        InvalidArgumentError
            When ``column``, ``value``, ``step`` or ``persona`` is not a column name.
        InvalidLaneError
            When ``column`` plays a role in the map, is a lane of another kind, holds other
            data, or has a name the map reads as another kind or as its emotion column.

        In each case nothing changes.
        """
        self._check_priority_column(column)
        before = self._state
        values = join_priorities(
            before.frame,
            self._spec.roles,
            table,
            value=value,
            step=step,
            persona=persona,
            column=column,
        )
        frame = before.frame.copy(deep=False)
        old = _column_values(frame[column]) if column in frame.columns else None
        frame[column] = values
        written = before.written if column in before.written else (*before.written, column)
        after = replace(before.with_rows(frame), written=written)
        edit = Edit("set_column", None, column, old, _column_values(frame[column]), via="python")
        self._doc.commit(before, after, edit, None)
        return edit

    def _check_priority_column(self, column: Hashable) -> None:
        try:
            hash(column)
            fits = column is not None
        except TypeError:
            fits = False
        if not fits:
            raise InvalidArgumentError(
                f"column= names the map's column to write, e.g. column='priority'; not "
                f"{type(column).__name__} {column!r}"
            )
        roles = self._spec.roles
        if column in (*roles.structural, roles.emotion):
            raise InvalidLaneError(
                f"column {column!r} plays a role in the map; write the priorities to another "
                "column, e.g. column='priority'"
            )
        lane = self._spec.lane(column)
        frame = self._state.frame
        if lane is not None and lane.kind != "priority":
            what = f"is {_a_lane(str(lane.kind))}"
        elif lane is None and column in frame.columns and not holds_priorities(frame[column]):
            what = "is a column of other data"  # a column the map does not show
        elif lane is None and (claim := self._claimed_by_name(column)) is not None:
            what = f"is read as {claim} by its name"
        else:
            return
        raise InvalidLaneError(
            f"column {column!r} {what}; write the priorities to another column, e.g. "
            "column='priority'"
        )

    def _claimed_by_name(self, column: Hashable) -> str | None:
        """What a column the map shows no lane for would be read as by its name, other than
        a priority lane: the map's emotion column, or a lane of another kind."""
        key = name_key(column)
        declared, roles = self._declared, self._spec.roles
        # An absent default emotion column is looked for by name (émotion, feeling…).
        if declared.emotion == "emotion" and roles.emotion is None and key in Emotion.names:
            return "the map's emotion column"
        nothing = pd.Series([], dtype=object)
        kind = next(
            (
                k.name
                for k in KINDS.values()
                if k.name != "priority" and k.recognises(nothing, column)
            ),
            None,
        )
        return None if kind is None else _a_lane(kind)

    def priorities(
        self,
        n: int | None = None,
        *,
        column: Hashable | None = None,
        persona: Hashable | None = None,
    ) -> pd.DataFrame:
        """The steps to act on first, ranked by the map's priority lane.

        Rank ascending (a quadrant lane: quadrant order); ties, and steps in one quadrant,
        in persona then journey order. Steps without a priority are left out. The map's
        priorities panel lists ``m.priorities(10, persona=m.active_persona)``.

        Parameters
        ----------
        n
            How many steps to keep, a whole number from 0 (default: all); anything else raises
            :class:`~cjm_widgets.InvalidArgumentError`.
        column
            The priority lane to rank by (default: the map's first).
        persona
            Only this persona's steps: one of the map's personas, by value or by name as the
            map shows it (``m.active_persona``). Default: every persona's.

        Returns
        -------
        pandas.DataFrame
            Indexed by the map's index labels (``m.selected = list(m.priorities(3).index)``
            selects them), with columns ``stage``, ``step``, ``persona`` (with personas),
            ``priority`` and, when the map has them (found by name, English or French),
            ``pain``, ``opportunity`` and ``owner``.
        """
        if n is not None and (isinstance(n, bool) or not isinstance(n, Integral) or n < 0):
            raise InvalidArgumentError(
                f"n= takes a whole number of steps from 0 (or None), not {n!r}"
            )
        if column is not None:
            try:
                hash(column)
            except TypeError:
                raise InvalidArgumentError(
                    f"column= names one priority lane, not {type(column).__name__} {column!r}"
                ) from None
        lanes = [lane for lane in self._spec.lanes if lane.kind == "priority"]
        lane = next((ln for ln in lanes if column is None or ln.column == column), None)
        if lane is None:
            what = (
                "this map has no priority lane"
                if column is None
                else (f"column {column!r} is not a priority lane of this map")
            )
            raise InvalidLaneError(
                f"{what}; add one with m.add_priorities(table), or show a column named "
                "'priority' or 'quadrant'"
            )
        frame, roles = self._state.frame, self._spec.roles
        if persona is not None:
            self._check_persona_name(persona)
        order = top_positions(frame, roles, lane.column, None if n is None else int(n), persona)
        return ranked_steps(frame, roles, lane.column, order)

    def _check_persona_name(self, persona: Any) -> None:
        personas = self._journey.get("personas", [])
        if not personas:
            raise InvalidArgumentError(
                f"persona={persona!r}: this map has no personas; leave persona= out"
            )
        try:
            hash(persona)
            known = str(persona) in personas
        except TypeError:
            known = False
        if not known:
            raise InvalidArgumentError(
                f"persona= takes one of the map's personas ({', '.join(map(repr, personas))}), "
                f"not {persona!r}"
            )


def _a_lane(kind: str) -> str:
    """'a text lane', 'an emotion lane'."""
    return f"{'an' if kind[:1] in ('a', 'e', 'i', 'o', 'u') else 'a'} {kind} lane"


def _column_values(series: pd.Series) -> list[Any]:
    """A column's values as an edit reports them: plain Python values, ``None`` for missing."""
    return [None if is_missing(v) else plain(v) for v in series.tolist()]
