"""What every journey widget shares: one steps table, its edits, history and selection.

A widget views a :class:`Document` (the table's state and undo history). Linked widgets
view the same document, so an edit made in one lands once and every view redraws.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Hashable
from typing import Any

import anywidget
import numpy as np
import pandas as pd
import traitlets
from ipywidgets import CallbackDispatcher

from . import _edits
from ._frames import to_pandas
from .journey.errors import CJMError, InvalidEditError


class Document:
    """The steps table several widgets show and edit, with one undo history."""

    def __init__(self, state: _edits.State) -> None:
        self.state = state
        self.history = _edits.History()
        self.views: list[JourneyWidget] = []

    def commit(
        self, before: _edits.State, after: _edits.State, edit: _edits.Edit, gesture: Any
    ) -> None:
        self.state = after
        self.history.record(before, edit, gesture)
        self.notify(edit)

    def replace(self, df: Any) -> None:
        """Take a new table; every view checks it against its roles before anything changes."""
        frame = to_pandas(df)
        specs = []
        for view in self.views:
            spec, frame = view._prepare(frame)
            specs.append(spec)
        self.state = _edits.State(frame, _edits.carry_ids(self.state.frame, self.state.ids, frame))
        for view, spec in zip(self.views, specs, strict=True):
            view._spec = spec
        self.history.clear()
        self.notify(None)

    def step_history(self, undo: bool) -> _edits.Edit | None:
        moved = (self.history.undo if undo else self.history.redo)(self.state)
        if moved is None:
            return None
        self.state, edit = moved
        self.notify(edit, whole=True)
        return edit

    def notify(self, edit: _edits.Edit | None, whole: bool = False) -> None:
        for view in list(self.views):
            view._document_changed(None if whole else edit)
            if edit is not None:
                view._edit_handlers(edit)


class JourneyWidget(anywidget.AnyWidget):
    """Base of the journey widgets: ``data``, ``on_edit``, undo/redo and ``selected``."""

    _selected_ids = traitlets.List(traitlets.Int()).tag(sync=True)
    selected: traitlets.List[Any] = traitlets.List(help="Index labels of the selected steps.")

    def _init_document(self, df: Any) -> None:
        self._revisions = itertools.count(1)
        self._edit_handlers = CallbackDispatcher()
        self._syncing_selection = False
        self._spec, frame = self._prepare(to_pandas(df))
        self._doc = Document(_edits.State(frame, _edits.new_ids(len(frame))))
        self._doc.views.append(self)

    # -- what each widget defines ----------------------------------------------------

    def _prepare(self, frame: pd.DataFrame) -> tuple[_edits.Spec, pd.DataFrame]:
        """Check a table against the widget's roles; return its spec and the table to use."""
        raise NotImplementedError

    def _publish(self, column: Hashable | None = None) -> None:
        """Send the state to the view; after a one-cell edit, only that column changed."""
        raise NotImplementedError

    def _reduce(self, state: _edits.State, op: Any) -> tuple[_edits.State, _edits.Edit]:
        """Apply one op the view sent (see :func:`_edits.apply`)."""
        raise NotImplementedError

    # -- the DataFrame ---------------------------------------------------------------

    @property
    def _state(self) -> _edits.State:
        return self._doc.state

    @property
    def data(self) -> pd.DataFrame:
        """The current steps table, with every edit made in the widget applied."""
        return self._doc.state.frame.copy(deep=False)

    @data.setter
    def data(self, df: Any) -> None:
        self._doc.replace(df)

    def _document_changed(self, edit: _edits.Edit | None) -> None:
        self._publish(edit.column if edit is not None and edit.kind == "set_cell" else None)

    def _keep_live_selection(self) -> None:
        alive = set(self._state.ids.tolist())
        kept = [i for i in self._selected_ids if i in alive]
        if kept != self._selected_ids:
            self._selected_ids = kept

    # -- selection ---------------------------------------------------------------------

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
        """Undo the last edit; return it, or ``None`` if there is none."""
        return self._doc.step_history(undo=True)

    def redo(self) -> _edits.Edit | None:
        """Redo the last undone edit; return it, or ``None`` if there is none."""
        return self._doc.step_history(undo=False)

    def _apply(self, op: Any, gesture: Any = None) -> _edits.Edit:
        before = self._state
        after, edit = self._reduce(before, op)
        self._doc.commit(before, after, edit, gesture)
        return edit

    def _handle_custom_msg(self, content: Any, buffers: Any) -> None:
        if not isinstance(content, dict):
            return
        kind = content.get("type")
        request = content.get("request")
        try:
            if kind == "edit":
                self._apply(content.get("op"), content.get("gesture"))
            elif kind == "undo":
                self.undo()
            elif kind == "redo":
                self.redo()
            else:
                return
        except CJMError as exc:
            self.send({"type": "edit_result", "request": request, "ok": False, "message": str(exc)})
            return
        self.send({"type": "edit_result", "request": request, "ok": True})
