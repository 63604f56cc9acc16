"""The steps table several widgets show and edit, with one undo history."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, Literal

from ..errors import CJMError, InvalidEditError
from ..table.frames import to_pandas
from .concurrency import RowLog
from .history import Entry, History
from .state import Edit, Spec, State, carry_ids

if TYPE_CHECKING:
    from ..widgets.base import JourneyWidget


class Document:
    """The steps table several widgets show and edit, with one undo history."""

    def __init__(self, state: State) -> None:
        self.state = state
        self.history = History()
        self.views: list[JourneyWidget] = []
        #: Each row's last change and who made it (see concurrency.RowLog).
        self.rows = RowLog()
        #: Each view's last new edit, by change number: its undos made before it are not
        #: redone (as in any editor), even once that edit itself was undone.
        self.last_edit: dict[str, int] = {}

    @property
    def seq(self) -> int:
        """The number of changes made so far (views tie their drawings to it)."""
        return self.rows.seq

    def commit(
        self, before: State, after: State, edit: Edit, gesture: Any, inverts: Entry | None = None
    ) -> None:
        """Take an applied edit; if a view cannot draw the result, nothing changes."""
        seq = self.rows.next()
        self._show(after, edit, fallback=before)
        self.rows.touch(_rows_of(edit), edit.view)
        if edit.via == "view" and edit.view is not None:
            self.last_edit[edit.view] = seq
        self.history.record(before, edit, gesture, seq, inverts)
        if inverts is not None:
            inverts.undone = True
        self._tell(edit)

    def undo_view(self, view: str, spec: Spec, redo: bool = False) -> Edit | None:
        """Undo (or redo) the last edit made in one view; see :func:`.inverse.view_step`."""
        from .inverse import view_step

        return view_step(self, view, spec, redo)

    def replace(self, df: Any) -> None:
        """Take a new table; every view checks it against its roles before anything changes."""
        frame = to_pandas(df)
        specs = []
        for view in self.views:
            spec, frame = view._prepare(frame)
            specs.append(spec)
        ids = carry_ids(self.state.frame, self.state.ids, frame, specs[0].roles)
        olds = [view._spec for view in self.views]
        for view, spec in zip(self.views, specs, strict=True):
            view._spec = spec
        self.rows.next()
        try:
            # A new table: the lanes' forms are decided afresh, the written columns kept.
            self._show(State(frame, ids, self.state.written), None, fallback=self.state)
        except CJMError:
            for view, spec in zip(self.views, olds, strict=True):
                view._spec = spec
            self._show(self.state, None)
            raise
        self.rows.touch(ids.tolist(), None)
        self.history.clear()

    def step_history(
        self,
        undo: bool,
        view: str | None = None,
        via: Literal["undo", "redo"] | None = None,
    ) -> Edit | None:
        """Undo or redo the last step of all (made in any view or from Python); if a view
        cannot show the result, nothing changes, the history included. ``view``: who asked
        (the record names it); ``via``: what the record calls it, when a view's redo takes
        back its own undo by going back one step."""
        before = self.state
        stacks = self.history.snapshot()
        moved = (self.history.undo if undo else self.history.redo)(before)
        if moved is None:
            return None
        after, edit = moved
        edit = replace(edit, view=view, via=via or edit.via)
        self.rows.next()
        # Columns written from Python stay known after an undo takes them away, so a view
        # that declared such a column as a lane drops the lane instead of refusing the undo.
        gone = [c for c in before.written if c not in after.frame.columns]
        written = tuple(dict.fromkeys((*after.written, *gone)))
        try:
            self._show(replace(after, written=written), None, fallback=before)
        except CJMError:
            self.history.restore(stacks)
            raise
        self.rows.touch(_rows_of(edit), view)
        self._tell(edit)
        return edit

    def _show(self, state: State, edit: Edit | None, fallback: State | None = None) -> None:
        """Make ``state`` current and redraw every view; on failure, go back to ``fallback``.

        A value that passed the edit's checks but that a view cannot send (the wire's
        limits) must not leave the table in a state no view can draw.
        """
        self.state = state
        try:
            for view in list(self.views):
                view._document_changed(edit)
        except Exception as exc:
            if fallback is None:
                raise
            self.state = fallback
            for view in list(self.views):
                view._document_changed(None)
            if isinstance(exc, CJMError):
                raise
            raise InvalidEditError(
                f"the result cannot be shown ({type(exc).__name__}: {exc}); nothing changed"
            ).with_code("refused.not_shown") from exc

    def _tell(self, edit: Edit) -> None:
        for view in list(self.views):
            view._edit_handlers(edit)
            view._edit_applied(edit)
            if edit.via in ("undo", "redo"):
                view._announce(edit)


def _rows_of(edit: Edit) -> list[int]:
    return [] if edit.row is None else [edit.row]
