"""What every journey widget shares: one steps table, its edits, history and selection.

A widget views a :class:`~cjm_widgets.edits.Document` (the table's state and undo history).
Linked widgets view the same document, so an edit made in one lands once and every view
redraws.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import replace
from typing import Any

import anywidget
import numpy as np
import pandas as pd
import traitlets
from ipywidgets import CallbackDispatcher

from ..edits import Document, Edit, Spec, State, new_ids
from ..edits.concurrency import check_expected, lane_key
from ..edits.state import edit_key, step_keys
from ..errors import CJMError, EditConflictError, InvalidEditError
from ..table.frames import to_pandas
from ..table.schema import plain
from ..table.values import is_missing
from ..words import language
from .images import ImageExport
from .inbox import HOLD_S, Inbox
from .views import Revisions, ViewPresence, announcement, conflict_reply, view_id
from .wire import kernel_loop, nothing_to, refusal


class Described(anywidget.AnyWidget):
    """What every widget says alike: a title, a description, the language of its words, and
    its static form where there is no kernel (a page, a notebook preview)."""

    title = traitlets.Unicode("", help="The widget's title, shown above it.").tag(sync=True)
    description = traitlets.Unicode(
        "", help="What the widget shows, under its title (may span lines)."
    ).tag(sync=True)
    # Any, not Unicode: what is not a language gets the package's own error, naming the value.
    lang = traitlets.Any(
        None,
        help='The language of the widget\'s words and numbers, "fr" or "en"; None (or "auto")'
        " follows JupyterLab's language setting, English when the page does not say.",
    ).tag(sync=True)

    @traitlets.validate("lang")
    def _check_lang(self, proposal: dict[str, Any]) -> str | None:
        return language(proposal["value"])

    def _handle_custom_msg(self, content: Any, buffers: Any) -> None:
        # Every view's messages, to our handlers and a user's ``on_msg`` alike, in the order
        # the view sent them (see inbox.py).
        inbox: Inbox = self.__dict__.setdefault("_inbox", Inbox())
        self._handle_in_order(inbox.arrived(content, buffers))
        timer = self.__dict__.get("_inbox_timer")
        if not inbox.waiting:
            if timer is not None:  # what waited came: no need to give up on it
                timer.cancel()
                self.__dict__["_inbox_timer"] = None
            return
        if timer is not None:
            return
        # Nothing to wait with, or a host other than a Jupyter kernel (marimo, whose comm
        # names its kernel by a string, sends each message by its own request): in the order
        # they came, as they come.
        loop = kernel_loop(self)
        if loop is None or isinstance(getattr(self.comm, "kernel", None), str):
            self._handle_in_order(inbox.overdue())
            return

        def overdue() -> None:
            self.__dict__["_inbox_timer"] = None
            self._handle_in_order(inbox.overdue())

        self.__dict__["_inbox_timer"] = loop.call_later(HOLD_S, overdue)

    def _handle_in_order(self, messages: list[tuple[Any, Any]]) -> None:
        for content, buffers in messages:
            super()._handle_custom_msg(content, buffers)

    @property
    def _shared(self) -> object:
        """What the widgets linked to this one share (on a page they select together)."""
        return self

    def to_html(self, path: Any, *, title: str | None = None, lang: str | None = None) -> Any:
        """Write this widget as a self-contained HTML page (see :func:`cjm_widgets.to_html`)."""
        from ..export.page import to_html

        return to_html(path, [self], title=title, lang=lang)

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        # Beside the live view, a static form for every place with no kernel: nbconvert,
        # notebook previews (the escaped table where scripts are stripped), saved notebooks.
        bundle = super()._repr_mimebundle_(**kwargs)
        if bundle is None:
            return None
        data, metadata = bundle
        try:
            from ..export.page import fragment

            data = {**data, "text/html": fragment(self)}
        except Exception:  # the live view shows all the same; the static form is a bonus
            self.log.exception("cjm_widgets could not write the static form of %r", self)
        return data, metadata


class JourneyWidget(ViewPresence, ImageExport, Described):
    """Base of the journey widgets: ``data``, ``on_edit``, undo/redo and ``selected``."""

    _selected_ids = traitlets.List(traitlets.Int()).tag(sync=True)
    selected: traitlets.List[Any] = traitlets.List(help="Index labels of the selected steps.")
    #: The cell patch of the edit being answered (see ``_on_view_message``); None otherwise.
    _held_cells: list[dict[str, Any]] | None = None

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # The public hook, so that a user's own on_msg callbacks still run beside ours.
        self.on_msg(self._on_view_message)
        if self.has_trait("active_persona"):
            self.observe(self._persona_changed, "active_persona")

    def _init_document(self, df: Any) -> None:
        self._revisions = Revisions(lambda: self._doc.seq)
        self._persona_view: str | None = None
        self._edit_handlers = CallbackDispatcher()
        self._syncing_selection = False
        self._spec, frame = self._prepare(to_pandas(df))
        self._doc = Document(State(frame, new_ids(len(frame))))
        self._doc.views.append(self)

    # -- what each widget defines ----------------------------------------------------

    def _prepare(self, frame: pd.DataFrame) -> tuple[Spec, pd.DataFrame]:
        """Check a table against the widget's roles; return its spec and the table to use."""
        raise NotImplementedError

    def _publish(self, column: Hashable | None = None) -> None:
        """Send the state to the view; after a one-cell edit, only that column changed."""
        raise NotImplementedError

    def _reduce(self, state: State, op: Any) -> tuple[State, Edit]:
        """Apply one op the view sent (see :func:`apply`)."""
        raise NotImplementedError

    # -- the DataFrame ---------------------------------------------------------------

    @property
    def _state(self) -> State:
        return self._doc.state

    @property
    def data(self) -> pd.DataFrame:
        """The current steps table, with every edit made in the widget applied."""
        return self._doc.state.frame.copy(deep=False)

    @data.setter
    def data(self, df: Any) -> None:
        self._doc.replace(df)

    def _row_id(self, edit: Edit) -> int | None:
        """The id of the row an edit touched, if it is still there (found by persona and step)."""
        if edit.step is None:
            return None
        keys = step_keys(self._state.frame, self._spec.roles)
        found = [i for i, key in enumerate(keys) if key == edit_key(edit, self._spec.roles)]
        return int(self._state.ids[found[0]]) if len(found) == 1 else None

    def _edit_reply(self, edit: Edit) -> dict[str, Any]:
        """What the view is told beside "ok" after one of its edits (nothing by default)."""
        return {}

    def _edit_applied(self, edit: Edit) -> None:
        """After an edit, undo or redo landed (the map shows the persona an undo touched)."""

    def _document_changed(self, edit: Edit | None) -> None:
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
        index = self._state.frame.index
        labels = [plain(index[position[i]]) for i in change["new"] if i in position]
        self._syncing_selection = True
        try:
            self.selected = labels
        finally:
            self._syncing_selection = False

    def _ids_of(self, labels: Any) -> list[int]:
        """The row ids of index labels; a label no step has is an error (nothing changes)."""
        if isinstance(labels, (str, bytes)) or not isinstance(labels, (list, tuple)):
            raise InvalidEditError(f"selected takes a list of index labels, not {labels!r}")
        index = self._state.frame.index
        ids: list[int] = []
        for label in labels:
            try:
                found = np.flatnonzero(index.isna() if is_missing(label) else index == label)
            except (TypeError, ValueError):
                found = np.array([], dtype=int)
            if len(found) == 0:
                raise InvalidEditError(f"selected: no step has index label {label!r}")
            ids.extend(int(self._state.ids[p]) for p in found)
        return ids

    @traitlets.validate("selected")
    def _check_selected(self, proposal: dict[str, Any]) -> Any:
        if not self._syncing_selection:
            self._ids_of(proposal["value"])
        return proposal["value"]

    @traitlets.observe("selected")
    def _selection_from_python(self, change: dict[str, Any]) -> None:
        if self._syncing_selection:
            return
        ids = self._ids_of(change["new"])
        self._syncing_selection = True
        try:
            self._selected_ids = ids
        finally:
            self._syncing_selection = False

    # -- edits -------------------------------------------------------------------------

    def on_edit(self, callback: Callable[[Edit], Any], remove: bool = False) -> None:
        """Call ``callback(edit)`` after each applied edit (see :class:`Edit`)."""
        self._edit_handlers.register_callback(callback, remove=remove)

    def undo(self) -> Edit | None:
        """Undo the last edit, made in any view or from Python; return it, or ``None`` if
        there is none. (Ctrl+Z in a view undoes that view's own last edit.)"""
        return self._doc.step_history(undo=True)

    def redo(self) -> Edit | None:
        """Redo the last undone edit; return it, or ``None`` if there is none."""
        return self._doc.step_history(undo=False)

    def _apply(
        self, op: Any, gesture: Any = None, view: str | None = None, revision: Any = None
    ) -> Edit:
        """Apply a view's op: refused as a conflict when made from a value or a drawing that
        someone else changed since (see :mod:`cjm_widgets.edits.concurrency`)."""
        before = self._state
        check_expected(before, self._spec, op)
        self._doc.rows.check_step(before, op, view, self._revisions.seq_of(revision))
        if isinstance(op, dict) and "expected" in op:
            op = {k: v for k, v in op.items() if k != "expected"}
        after, edit = self._reduce(before, op)
        if view is not None:
            edit = replace(edit, view=view)
        self._doc.commit(before, after, edit, gesture)
        return edit

    def _history_step(self, kind: str, view: str | None) -> Edit | None:
        """A view's undo or redo: its own last edit; without a view id, the last of all."""
        if view is None:
            return self.undo() if kind == "undo" else self.redo()
        self._persona_view = view
        try:
            return self._doc.undo_view(view, self._spec, redo=kind == "redo")
        finally:
            self._persona_view = None

    def _announce(self, edit: Edit) -> None:
        """Tell every view what an undo or redo changed (each shows it briefly)."""
        lane = self._spec.lane(edit.column) if edit.kind == "set_cell" else None
        self.send(announcement(edit, lane.label if lane else None, self._lane_key(edit)))

    def _lane_key(self, edit: Edit) -> str | None:
        """The key views know an edited cell's column by (None for other edits)."""
        return lane_key(self._spec, edit.column) if edit.kind == "set_cell" else None

    def _persona_changed(self, change: dict[str, Any]) -> None:
        # Views show a persona each: one a view switched to is that view's, and the others
        # keep theirs; one set from Python (or by the kernel) is shown by every view.
        self._persona_from = self._persona_view or ""

    def _on_view_message(self, _widget: Any, content: Any, buffers: Any) -> None:
        """An op, undo or redo from a view; every one is answered with an ``edit_result``
        that names the view it answers (anywidget sends every message to every view)."""
        if not isinstance(content, dict):
            return
        if content.get("type") in ("presence", "view"):
            self._presence_message(content)
        if content.get("type") == "persona":
            self._persona_from_view(content)
        if content.get("type") == "journey_resync" and self.has_trait("_journey"):
            self.send_state("_journey")  # a view missed a change: the whole journey again
        if content.get("type") not in ("edit", "undo", "redo"):
            return
        kind = content["type"]
        request = content.get("request")
        view = view_id(content.get("view"))
        reply: dict[str, Any] = {
            "type": "edit_result",
            "request": request if type(request) is int else None,  # views number their ops
            "ok": True,
        }
        if view is not None:
            reply["view"] = view
        persona = content.get("persona")
        # The persona the view shows is the one its op means (a new stage is that persona's).
        if (
            view is not None
            and isinstance(persona, str)
            and persona != getattr(self, "active_persona", persona)
        ):
            self._persona_from_view({"view": view, "persona": persona})
        # A one-cell edit's patch waits for this answer, and goes with it (wire.publish_cells):
        # one message per edit instead of two, each a task in every page that shows the map.
        self._held_cells = [] if kind == "edit" else None
        try:
            if kind == "edit":
                applied = self._apply(
                    content.get("op"), content.get("gesture"), view, content.get("revision")
                )
                reply.update(self._edit_reply(applied))
            else:
                edit = self._history_step(kind, view)
                if edit is None:
                    reply.update(nothing_to(kind))
                else:
                    lane = self._spec.lane(edit.column) if edit.kind == "set_cell" else None
                    done = "Undone" if kind == "undo" else "Redone"
                    reply["notice"] = f"{done}: {edit.describe(lane.label if lane else None)}"
                    # What it changed, for a view that says it in another language.
                    reply["undone"] = announcement(
                        edit, lane.label if lane else None, self._lane_key(edit)
                    )
                    focus = self._row_id(edit)
                    if focus is not None:
                        reply["focus"] = focus
        except EditConflictError as exc:
            reply.update(ok=False, message=str(exc), **conflict_reply(exc, content.get("op")))
        except CJMError as exc:
            reply.update(ok=False, **refusal(exc))
        except Exception as exc:  # a defect of ours: say so, and keep the kernel alive
            self.log.exception("cjm_widgets could not apply %r", content)
            reply.update(
                ok=False, message=f"the edit failed ({type(exc).__name__}); nothing changed"
            )
        finally:
            held, self._held_cells = self._held_cells, None
        if kind == "edit" and self._edit_arrived(view):
            reply["editing_ended"] = True  # each view ends the sender's outline (presence.ts)
        self.send({**held[0], "result": reply} if held else reply)

    @property
    def _shared(self) -> object:
        # Linked widgets view one document.
        return self._doc
