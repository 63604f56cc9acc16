"""JourneyMap: an editable journey map bound two-way to a pandas DataFrame."""

from __future__ import annotations

import pathlib
from collections.abc import Hashable, Sequence
from dataclasses import replace
from numbers import Integral
from typing import Any

import pandas as pd
import traitlets

from ..edits import Edit, Spec, State, apply
from ..errors import InvalidArgumentError, InvalidEditError, InvalidLaneError
from ..table.lanes import KINDS, name_key
from ..table.lanes.emotion import Emotion
from ..table.lanes.priority import holds_priorities
from ..table.ranking import join_priorities, ranked_steps, top_positions
from ..table.schema import (
    Lane,
    Roles,
    check_frame,
    check_roles,
    check_scale,
    plain,
    resolve_lanes,
)
from ..table.values import is_missing
from . import wire as _wire
from .base import JourneyWidget

STATIC = pathlib.Path(__file__).parent.parent / "static"


class JourneyMap(JourneyWidget):
    """An interactive journey map: stages × steps as columns, lanes as rows.

    Parameters
    ----------
    df
        The steps table: one row per step (or per step and persona).
    stage, step
        The columns holding each row's stage and step label.
    lanes
        The columns to show as lanes, in order: names or :class:`Lane` objects.
        Default: every column but stage, step and persona, in DataFrame order.
    emotion
        The emotion column, drawn as a curve on ``scale``; ignored when absent.
    persona
        A column naming each row's persona; the map then shows one persona at a time.
    scale
        The emotion scale, low and high ends.

    Examples
    --------
    >>> m = JourneyMap(steps)            # doctest: +SKIP
    >>> m.on_edit(print)                 # doctest: +SKIP
    >>> m.data                           # the edited DataFrame  # doctest: +SKIP
    """

    _esm = STATIC / "map.js"
    _css = STATIC / "map.css"

    _journey = traitlets.Dict().tag(sync=True)
    active_persona = traitlets.Unicode("", help="The persona the map shows.").tag(sync=True)

    def __init__(
        self,
        df: Any,
        *,
        stage: Hashable = "stage",
        step: Hashable = "step",
        lanes: Sequence[Lane | Hashable] | None = None,
        emotion: Hashable | None = "emotion",
        persona: Hashable | None = None,
        scale: tuple[float, float] = (-3, 3),
        **kwargs: Any,
    ) -> None:
        self._declared = Roles(stage, step, emotion, persona, check_scale(scale))
        self._declared_lanes = lanes
        self._init_document(df)
        self._remember_forms()
        super().__init__(**kwargs)
        self._publish()

    @property
    def lanes(self) -> list[Lane]:
        """The lanes shown, with their resolved kinds and labels."""
        return list(self._spec.lanes)

    def _prepare(self, frame: pd.DataFrame) -> tuple[Spec, pd.DataFrame]:
        """A table's spec as a fresh map with these arguments gives it, with the priority
        lanes add_priorities wrote into this map's table (see :meth:`_lanes_for`)."""
        declared = self._declared
        if len(frame.columns) == 0:
            frame = pd.DataFrame(
                {declared.stage: pd.Series(dtype=object), declared.step: pd.Series(dtype=object)},
                index=frame.index,
            )
        roles = check_roles(frame, declared, emotion_explicit=declared.emotion != "emotion")
        check_frame(frame, roles)
        return self._resolve(frame, roles, {}), frame

    def _resolve(self, frame: pd.DataFrame, roles: Roles, forms: dict[Hashable, str]) -> Spec:
        lanes = self._lanes_for(frame, roles, self._written())
        return Spec.build(roles, resolve_lanes(frame, roles, lanes, forms))

    def _written(self) -> tuple[Hashable, ...]:
        """The columns add_priorities wrote into the table (kept by the table's state, so undo,
        redo and linked maps follow them)."""
        doc = getattr(self, "_doc", None)
        return () if doc is None else doc.state.written

    def _lanes_for(
        self, frame: pd.DataFrame, roles: Roles, written: tuple[Hashable, ...]
    ) -> Sequence[Lane | Hashable] | None:
        """The declared lanes, with a priority lane for each column add_priorities wrote that
        is there and holds priorities (one that holds other data is read as a fresh map
        reads it)."""
        added = [
            c
            for c in written
            if c in frame.columns and c not in roles.structural and holds_priorities(frame[c])
        ]
        declared = self._declared_lanes
        # A declared lane of a column add_priorities wrote and an undo took away.
        gone = {c for c in written if c not in frame.columns}
        if gone and isinstance(declared, (list, tuple)):
            declared = [
                lane
                for lane in declared
                if (lane.column if isinstance(lane, Lane) else lane) not in gone
            ]
        if not added:
            return declared
        if declared is None:
            return [
                Lane(c, "priority") if c in added else c
                for c in frame.columns
                if c not in roles.structural
            ]
        named = {lane.column if isinstance(lane, Lane) else lane for lane in declared}
        return [*declared, *(Lane(c, "priority") for c in added if c not in named)]

    def _document_changed(self, edit: Edit | None) -> None:
        # A written column, an undo or redo, or a new table may change the lanes: they are
        # resolved again from the table's state (its written columns, its lanes' forms).
        if edit is None or edit.kind == "set_column":
            state = self._state
            self._spec = self._resolve(state.frame, self._spec.roles, dict(state.forms))
            self._remember_forms()
        super()._document_changed(edit)

    def _remember_forms(self) -> None:
        """Keep the forms of the priority lanes on the table's state, for undo and redo."""
        state = self._state
        forms = dict(state.forms)
        mine = {
            lane.column: str(lane.format) for lane in self._spec.lanes if lane.kind == "priority"
        }
        if any(forms.get(column) != form for column, form in mine.items()):
            forms.update(mine)
            self._doc.state = replace(state, forms=tuple(forms.items()))

    def _publish(self, column: Hashable | None = None) -> None:
        revision = next(self._revisions)
        if column is not None and self._journey:
            if column not in self._spec.keys.values() and column not in _wire.priority_sources(
                self._state, self._spec
            ):
                return  # a linked widget edited a column this map does not show
            self._journey = _wire.reencode_cell(
                self._journey, self._state, self._spec, column, revision
            )
        else:
            self._journey = _wire.encode(self._state, self._spec, revision)
        personas = self._journey["personas"]
        with self.hold_sync():
            if personas and self.active_persona not in personas:
                self.active_persona = personas[0]
            self._keep_live_selection()

    def _reduce(self, state: State, op: Any) -> tuple[State, Edit]:
        return apply(state, self._spec, op, self._persona_value())

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

    # -- personas ------------------------------------------------------------

    def _edit_reply(self, edit: Edit) -> dict[str, Any]:
        # Stages belong to the journey, not to one persona: say so when a rename reaches others.
        if edit.kind == "rename_stage" and len(self._journey.get("personas", [])) > 1:
            return {
                "notice": f"Stage renamed for every persona: \u201c{edit.old}\u201d \u2192 "
                f"\u201c{edit.new}\u201d."
            }
        return {}

    def _edit_applied(self, edit: Edit) -> None:
        # An undo of another persona's edit shows that persona, so no change goes unseen.
        if edit.via in ("undo", "redo") and edit.persona is not None:
            name = str(edit.persona)
            if name != self.active_persona and name in self._journey.get("personas", []):
                self.active_persona = name

    def _persona_value(self) -> Hashable | None:
        column = self._spec.roles.persona
        if column is None:
            return None
        for value in pd.unique(self._state.frame[column].dropna()):
            if str(value) == self.active_persona:
                return value
        return None

    @traitlets.validate("active_persona")
    def _check_persona(self, proposal: dict[str, Any]) -> str:
        value = str(proposal["value"])
        personas = self._journey.get("personas", []) if self._journey else []
        if personas and value not in personas:
            raise InvalidEditError(
                f"persona {value!r} is not in the journey ({', '.join(personas)})"
            )
        return value


def _a_lane(kind: str) -> str:
    """'a text lane', 'an emotion lane'."""
    return f"{'an' if kind[:1] in ('a', 'e', 'i', 'o', 'u') else 'a'} {kind} lane"


def _column_values(series: pd.Series) -> list[Any]:
    """A column's values as an edit reports them: plain Python values, ``None`` for missing."""
    return [None if is_missing(v) else plain(v) for v in series.tolist()]
