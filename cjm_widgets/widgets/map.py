"""JourneyMap: an editable journey map bound two-way to a pandas DataFrame."""

from __future__ import annotations

import os
import pathlib
from collections.abc import Hashable, Sequence
from dataclasses import replace
from typing import Any

import pandas as pd
import traitlets

from ..edits import Edit, Spec, State, apply
from ..errors import InvalidArgumentError, InvalidEditError
from ..table import branches as _branches
from ..table.lanes.priority import holds_priorities
from ..table.schema import (
    Lane,
    Roles,
    check_frame,
    check_roles,
    check_scale,
    resolve_lanes,
)
from . import side_by_side as _side
from . import wire as _wire
from .blueprint import Blueprint, check_blueprint
from .checklist import Checklist
from .priorities import Priorities
from .states import States, with_states
from .states import check as check_states
from .states import declare as declare_states
from .views import view_id

STATIC = pathlib.Path(__file__).parent.parent / "static"


class JourneyMap(States, Blueprint, Checklist, Priorities):
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
    state
        A column naming each row's state: the map then compares two states of the journey
        (see :meth:`compare` for two tables). ``current`` and ``future`` (or ``actuel`` and
        ``futur``, any case) go in that order, other names in the order the table shows them.
        Steps, moves and new steps stay in their state; the state column is not a lane.
    states
        The two states' names in order, current first, e.g. ``("as-is", "to-be")``.
    key
        The column that identifies a step in both states (as in
        :func:`~cjm_widgets.journey_diff`); the step label by default.
    persona
        A column naming each row's persona; the map then shows one persona at a time.
    scale
        The emotion scale, low and high ends.
    branch
        A column naming the path each step is on: rows with a value are alternatives within
        their stage, drawn as parallel tracks; rows without one are the main path. Read when
        a column named ``branch`` is there (any other name is declared); ``None``: no branches.
    branch_share
        A number column giving each branch's share of its stage's customers, read at the
        branch's first step: counts (visits; the share is the count over the stage's branches)
        or shares from 0 to 1 (a float column with every value in that range).
    blueprint
        Lay the map out as a service blueprint: lanes in group order (see :class:`Lane`'s
        ``group``), the lines of interaction, visibility and internal interaction drawn
        between the groups. ``m.blueprint`` switches it later.

    Examples
    --------
    >>> m = JourneyMap(steps)            # doctest: +SKIP
    >>> m.on_edit(print)                 # doctest: +SKIP
    >>> m.data                           # the edited DataFrame  # doctest: +SKIP
    >>> m.compare_personas = True        # every persona side by side  # doctest: +SKIP
    """

    _esm = STATIC / "map.js"
    _css = STATIC / "map.css"

    _journey = traitlets.Dict().tag(sync=True)
    active_persona = traitlets.Unicode(
        "",
        help=(
            "The persona the map shows. Set from Python, every view shows it; read, it is the "
            "persona a view last switched to or edited in (or the one last set from Python)."
        ),
    ).tag(sync=True)
    compare_personas = _side.Switch(
        False,
        help=(
            "Whether the map shows every persona side by side: each lane one sub-row per "
            "persona, columns aligned on the steps they share, a gap where a persona has no "
            "such step. Set from Python (or as a constructor argument), every view switches; "
            "read, it is what a view last switched to (or what Python last set). Needs two "
            "personas or more."
        ),
    ).tag(sync=True)
    # Who set ``compare_personas`` last: a view's id (that view switched; the others keep
    # theirs) or "" (Python: every view follows), as ``_persona_from`` is for the persona.
    _compare_from = traitlets.Unicode("").tag(sync=True)
    _compare_view: str | None = None

    def __init__(
        self,
        df: Any,
        *,
        state: Hashable | None = None,
        states: Sequence[Any] | None = None,
        key: Hashable | None = None,
        stage: Hashable = "stage",
        step: Hashable = "step",
        lanes: Sequence[Lane | Hashable] | None = None,
        emotion: Hashable | None = "emotion",
        persona: Hashable | None = None,
        scale: tuple[float, float] = (-3, 3),
        branch: Hashable | None = _branches.DEFAULT,
        branch_share: Hashable | None = None,
        blueprint: bool = False,
        **kwargs: Any,
    ) -> None:
        self._comparison = declare_states(state, states, key)
        self._declared = Roles(stage, step, emotion, persona, check_scale(scale))
        self._declared_branches = (branch, branch_share)
        self._declared_lanes = lanes
        self._blueprint = check_blueprint(blueprint)
        self._init_document(df)
        self._remember_forms()
        super().__init__(**kwargs)
        self._publish()
        _side.check(self._journey, self.compare_personas)  # given before the journey was built
        self.on_msg(self._compare_message)

    @property
    def lanes(self) -> list[Lane]:
        """The lanes shown, with their resolved kinds and labels."""
        return list(self._spec.lanes)

    def save(self, path: str | os.PathLike[str]) -> pathlib.Path:
        """Write the map to a journey file (a text file made for git: its table, lanes, roles,
        priorities, title and description); return its path. See :mod:`cjm_widgets.keep`."""
        from ..keep import save

        return save(self, path)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> JourneyMap:
        """The map a journey file holds, as :meth:`save` wrote it; a malformed file, or one
        holding another widget, raises :class:`~cjm_widgets.JourneyFileError`."""
        from ..keep import load

        return load(path, cls)

    def present(self, on: bool = True) -> None:
        """Present the map in the views shown now, or leave presentation mode (``False``).

        Presentation mode lives in the browser: full screen (or the whole window where the
        browser refuses it), large type, stage by stage with ← and →, editing off. This sends
        the views open now a message; a view opened later starts as an ordinary map, and the
        map's state does not change.

        Raises
        ------
        InvalidArgumentError
            When ``on`` is not True or False.
        NoViewError
            When ``on`` is True and no view of the map is shown.
        """
        if not isinstance(on, bool):
            raise InvalidArgumentError(
                f"present(on=) takes True or False, not {type(on).__name__} {on!r}"
            )
        if on:
            self._need_view("present")
        self.send({"type": "present", "on": on})

    def _prepare(self, frame: pd.DataFrame) -> tuple[Spec, pd.DataFrame]:
        """A table's spec as a fresh map with these arguments gives it, with the priority
        lanes add_priorities wrote into this map's table (see :meth:`_lanes_for`)."""
        declared = self._declared
        if self._comparison is not None:
            declared = replace(declared, state=self._comparison.column)
            self._comparison = check_states(frame, declared, self._comparison)
        if len(frame.columns) == 0:
            frame = pd.DataFrame(
                {declared.stage: pd.Series(dtype=object), declared.step: pd.Series(dtype=object)},
                index=frame.index,
            )
        roles = check_roles(frame, declared, emotion_explicit=declared.emotion != "emotion")
        check_frame(frame, roles)
        _branches.check_branches(frame, roles, *self._declared_branches)
        return self._resolve(frame, roles, {}), frame

    def _resolve(self, frame: pd.DataFrame, roles: Roles, forms: dict[Hashable, str]) -> Spec:
        lanes = self._lanes_for(frame, roles, self._written())
        lanes = _branches.without_branch(frame, roles, lanes, self._branches_in(frame, roles))
        lanes = resolve_lanes(frame, roles, lanes, forms)
        states = () if self._comparison is None else self._comparison.states
        return Spec.build(roles, self._in_blueprint_order(lanes), states)

    def _branches_in(self, frame: pd.DataFrame, roles: Roles) -> _branches.Branches:
        """The branch and share columns the table has now (see :mod:`..table.branches`)."""
        return _branches.present(frame, roles, *self._declared_branches)

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
            # A written column: the other number lanes read as they did.
            forms = dict(state.forms) if edit is None else self._forms_as_read()
            self._spec = self._resolve(state.frame, self._spec.roles, forms)
            self._remember_forms()
        super()._document_changed(edit)

    def _forms_as_read(self) -> dict[Any, str]:
        """The table's lane forms, with each number lane's format as it reads now, so that
        resolving the lanes again changes how none of them reads."""
        forms = dict(self._state.forms)
        forms.update(
            (lane.column, str(lane.format))
            for lane in self._spec.lanes
            if lane.kind == "number" and lane.column not in forms
        )
        return forms

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
        state, roles = self._state, self._spec.roles
        branches = self._branches_in(state.frame, roles)
        if column is not None and self._journey:
            if (
                column not in self._spec.keys.values()
                and column not in _wire.priority_sources(state, self._spec)
                and column not in (branches.column, branches.share)
            ):
                return  # a linked widget edited a column this map does not show
            new = _wire.reencode_cell(self._journey, state, self._spec, column, revision)
            new = _branches.with_branches(new, state.frame, roles, branches)
            new = with_states(new, state, self._spec, self._comparison)  # the diff again
            _wire.publish_cells(self, self._journey, new)  # only the changed cells are sent
        else:
            journey = _wire.encode(state, self._spec, revision)
            journey = _branches.with_branches(journey, state.frame, roles, branches)
            self._journey = with_states(journey, state, self._spec, self._comparison)
        personas = self._journey["personas"]
        with self.hold_sync():
            if personas and self.active_persona not in personas:
                self.active_persona = personas[0]
            self._keep_live_selection()

    def _reduce(self, state: State, op: Any) -> tuple[State, Edit]:
        branches = self._branches_in(state.frame, self._spec.roles)
        grouped = _branches.in_track_order(state, self._spec.roles, op, branches)
        after, edit = apply(grouped, self._spec, op, self._persona_value())
        edited = edit.column if edit.kind == "set_cell" else None
        _branches.check_share_edit(after, branches, edited)
        return _branches.keep_branch(state, after, op, branches), edit

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

    # -- personas side by side ---------------------------------------------------

    def __setattr__(self, name: str, value: Any) -> None:
        super().__setattr__(name, value)
        # ``m.compare_personas = ...`` from Python is every view's, even when it is the value
        # a view switched to last (no change of the trait, so no observer).
        if name == "compare_personas" and getattr(self, "_compare_view", None) is None:
            self._compare_from = ""

    @traitlets.validate("compare_personas")
    def _check_compare(self, proposal: dict[str, Any]) -> bool:
        on = bool(proposal["value"])
        _side.check(self._journey, on)
        return on

    def _compare_message(self, _widget: Any, content: Any, _buffers: Any) -> None:
        """``{"type": "compare", "view", "on"}``: a view switched compare mode (for itself)."""
        if not isinstance(content, dict) or content.get("type") != "compare":
            return
        view, on = view_id(content.get("view")), content.get("on")
        if view is None or not isinstance(on, bool):
            return
        self._compare_view = view
        try:
            with self.hold_sync():
                self.compare_personas = on
                self._compare_from = view
        except InvalidArgumentError:
            pass  # personas gone meanwhile: the view draws the one-persona map
        finally:
            self._compare_view = None

    @traitlets.validate("active_persona")
    def _check_persona(self, proposal: dict[str, Any]) -> str:
        value = str(proposal["value"])
        personas = self._journey.get("personas", []) if self._journey else []
        if personas and value not in personas:
            raise InvalidEditError(
                f"persona {value!r} is not in the journey ({', '.join(personas)})"
            )
        return value

    def to_mermaid(self, *, persona: Hashable | None = None, title: str | None = None) -> str:
        """The map as a Mermaid ``journey`` diagram (text to paste into Markdown).

        One ``section`` per stage, one task per step. Emotions go linearly from the map's
        scale onto Mermaid's 1…5 (low end 1, high end 5, rounded half away from zero); a step
        with no emotion gets 3. The personas that share a step at the same score are that
        task's actors; a moment of truth's task starts with ★. Labels are written with
        Mermaid's entity codes where they would change the diagram (see
        :mod:`cjm_widgets.export.mermaid`).

        Parameters
        ----------
        persona
            Draw this persona only (default: every persona).
        title
            The diagram's title (default: the map's title, else "Customer journey").
        """
        from ..export.mermaid import map_mermaid

        return map_mermaid(self, persona=persona, title=title)
