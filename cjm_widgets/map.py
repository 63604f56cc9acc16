"""JourneyMap: an editable journey map bound two-way to a pandas DataFrame."""

from __future__ import annotations

import itertools
import pathlib
from collections.abc import Callable, Hashable, Sequence
from typing import Any

import anywidget
import numpy as np
import pandas as pd
import traitlets
from ipywidgets import CallbackDispatcher

from . import _edits, _wire
from ._frames import to_pandas
from .journey.errors import CJMError, InvalidEditError
from .journey.schema import Lane, Roles, check_frame, check_roles, resolve_lanes

STATIC = pathlib.Path(__file__).parent / "static"


class JourneyMap(anywidget.AnyWidget):
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
    _selected_ids = traitlets.List(traitlets.Int()).tag(sync=True)
    active_persona = traitlets.Unicode("", help="The persona the map shows.").tag(sync=True)
    selected: traitlets.List[Any] = traitlets.List(help="Index labels of the selected steps.")

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
        self._declared = Roles(stage, step, emotion, persona, tuple(scale))  # type: ignore[arg-type]
        self._declared_lanes = lanes
        self._revisions = itertools.count(1)
        self._history = _edits.History()
        self._edit_handlers = CallbackDispatcher()
        self._syncing_selection = False
        self._spec, self._state = self._prepare(df, None)
        super().__init__(**kwargs)
        self._publish()

    # -- the DataFrame ---------------------------------------------------------------

    @property
    def data(self) -> pd.DataFrame:
        """The current steps table, with every edit made in the map applied."""
        return self._state.frame.copy(deep=False)

    @data.setter
    def data(self, df: Any) -> None:
        self._spec, self._state = self._prepare(df, self._state)
        self._history.clear()
        self._publish()

    @property
    def lanes(self) -> list[Lane]:
        """The lanes shown, with their resolved kinds and labels."""
        return list(self._spec.lanes)

    def _prepare(self, df: Any, previous: _edits.State | None) -> tuple[_edits.Spec, _edits.State]:
        frame = to_pandas(df)
        declared = self._declared
        if len(frame.columns) == 0:
            frame = pd.DataFrame(
                {declared.stage: pd.Series(dtype=object), declared.step: pd.Series(dtype=object)},
                index=frame.index,
            )
        roles = check_roles(frame, declared, emotion_explicit=declared.emotion != "emotion")
        check_frame(frame, roles)
        spec = _edits.Spec.build(roles, resolve_lanes(frame, roles, self._declared_lanes))
        if previous is None:
            ids = _edits.new_ids(len(frame))
        else:
            ids = _edits.carry_ids(previous.frame, previous.ids, frame)
        return spec, _edits.State(frame, ids)

    def _publish(self, column: Hashable | None = None) -> None:
        """Send the state to the view; after a cell edit only that column is re-encoded."""
        revision = next(self._revisions)
        if column is not None and self._journey:
            self._journey = _wire.reencode_cell(
                self._journey, self._state, self._spec, column, revision
            )
        else:
            self._journey = _wire.encode(self._state, self._spec, revision)
        personas = self._journey["personas"]
        with self.hold_sync():
            if personas and self.active_persona not in personas:
                self.active_persona = personas[0]
            alive = set(self._state.ids.tolist())
            kept = [i for i in self._selected_ids if i in alive]
            if kept != self._selected_ids:
                self._selected_ids = kept

    # -- personas and selection ------------------------------------------------------

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

    @traitlets.observe("_selected_ids")
    def _selection_from_view(self, change: dict[str, Any]) -> None:
        if self._syncing_selection:
            return
        position = {row_id: pos for pos, row_id in enumerate(self._state.ids.tolist())}
        labels = [self._state.frame.index[position[i]] for i in change["new"] if i in position]
        self._syncing_selection = True
        try:
            self.selected = labels
        finally:
            self._syncing_selection = False

    @traitlets.observe("selected")
    def _selection_from_python(self, change: dict[str, Any]) -> None:
        if self._syncing_selection:
            return
        index = self._state.frame.index
        ids: list[int] = []
        for label in change["new"]:
            found = np.flatnonzero(index == label)
            if len(found) == 0:
                self._syncing_selection = True
                try:
                    self.selected = change["old"]
                finally:
                    self._syncing_selection = False
                raise InvalidEditError(f"selected: no step has index label {label!r}")
            ids.extend(int(self._state.ids[p]) for p in found)
        self._syncing_selection = True
        try:
            self._selected_ids = ids
        finally:
            self._syncing_selection = False

    # -- edits -------------------------------------------------------------------------

    def on_edit(self, callback: Callable[[_edits.Edit], Any], remove: bool = False) -> None:
        """Call ``callback(edit)`` after each applied edit (see :class:`Edit`)."""
        self._edit_handlers.register_callback(callback, remove=remove)

    def undo(self) -> _edits.Edit | None:
        """Undo the last edit made in the map; return it, or ``None`` if there is none."""
        return self._step_history(self._history.undo)

    def redo(self) -> _edits.Edit | None:
        """Redo the last undone edit; return it, or ``None`` if there is none."""
        return self._step_history(self._history.redo)

    def _step_history(
        self, move: Callable[[_edits.State], tuple[_edits.State, _edits.Edit] | None]
    ) -> _edits.Edit | None:
        moved = move(self._state)
        if moved is None:
            return None
        self._state, edit = moved
        self._publish()
        self._edit_handlers(edit)
        return edit

    def _apply(self, op: Any) -> _edits.Edit:
        before = self._state
        self._state, edit = _edits.apply(before, self._spec, op, self._persona_value())
        self._history.record(before, edit)
        self._publish(edit.column if edit.kind == "set_cell" else None)
        self._edit_handlers(edit)
        return edit

    def _handle_custom_msg(self, content: Any, buffers: Any) -> None:
        if not isinstance(content, dict):
            return
        kind = content.get("type")
        request = content.get("request")
        try:
            if kind == "edit":
                self._apply(content.get("op"))
            elif kind == "undo":
                self.undo()
            elif kind == "redo":
                self.redo()
            else:
                return
        except CJMError as exc:
            self.send({"type": "edit_result", "request": request, "ok": False, "message": str(exc)})
            return
        self.send(
            {
                "type": "edit_result",
                "request": request,
                "ok": True,
                "revision": self._journey["revision"],
            }
        )
