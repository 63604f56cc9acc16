"""Alternative steps: a branch column naming the path a step is on, and each path's share.

A row with no branch is on the main path; rows with a branch value are alternatives within
their stage (the same branch name in two stages makes two tracks, one per stage). A stage's
branches are the paths its customers split into; with a share column, each branch's share is
read at its first step: from counts (its count over the sum of the stage's branches), or
given directly (a float column with every value in 0…1).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from pandas.api import types as ptypes

from ..edits import Spec, State
from ..edits.state import group_of, persona_mask
from ..errors import (
    InvalidArgumentError,
    InvalidEditError,
    InvalidLaneError,
    InvalidTableError,
    MissingColumnError,
)
from .schema import Roles, check_one_column, plain
from .values import is_missing

#: The branch column a map reads when it is there and not declared (only this name: a path,
#: chemin or parcours column may mean something else, so those are declared, never guessed).
DEFAULT = "branch"


@dataclass(frozen=True)
class Branches:
    """Which columns hold each step's branch and each branch's share (None: not there)."""

    column: Hashable | None = None
    share: Hashable | None = None


def check_branches(
    frame: pd.DataFrame, roles: Roles, branch: Hashable | None, share: Hashable | None
) -> Branches:
    """The branch roles of a table, checked: ``branch`` is used when it is there, and must be
    when declared (anything but the default name); ``share`` needs a branch column, and holds
    non-negative finite numbers."""
    check_one_column(branch, "branch")
    check_one_column(share, "branch_share")
    columns = list(frame.columns)
    if branch is not None and branch not in frame.columns:
        if branch != DEFAULT or share is not None:
            raise MissingColumnError(branch, "branch", columns)
        branch = None
    if share is not None and branch is None:
        raise InvalidArgumentError(
            f"branch_share={share!r} needs a branch column: pass branch= naming the column "
            "that says which path each step is on"
        )
    if branch is not None:
        taken = {"stage": roles.stage, "step": roles.step, "persona": roles.persona}
        taken["emotion"] = roles.emotion
        for role, column in taken.items():
            if column is not None and column == branch:
                raise InvalidTableError(
                    f"branch column {branch!r} is the journey's {role}: a column plays one role"
                )
    if share is not None:
        if share not in frame.columns:
            raise MissingColumnError(share, "branch_share", columns)
        if share == branch or share in roles.structural:
            raise InvalidTableError(
                f"branch_share column {share!r} is a role column; it must hold numbers "
                "(visits, or shares from 0 to 1)"
            )
        check_share_values(frame, share)
    return Branches(branch, share)


def check_share_values(frame: pd.DataFrame, share: Hashable) -> None:
    """Raise :class:`InvalidTableError` naming the row and value of a share column's first
    value that is not a count or a share (text, negative, infinite)."""
    series = frame[share]
    if ptypes.is_bool_dtype(series.dtype) or not ptypes.is_numeric_dtype(series.dtype):
        for label, value in series.items():
            if is_missing(value):
                continue
            if isinstance(value, bool) or not isinstance(value, (int, float, np.number)):
                raise InvalidTableError(
                    f"branch_share column {share!r}, row {plain(label)!r}: {plain(value)!r} is "
                    "not a number (a count such as visits, or a share from 0 to 1)"
                )
    values = pd.to_numeric(series, errors="coerce").astype(float).to_numpy()
    bad = ~np.isnan(values) & ((values < 0) | ~np.isfinite(values))
    if bad.any():
        pos = int(np.flatnonzero(bad)[0])
        raise InvalidTableError(
            f"branch_share column {share!r}, row {plain(series.index[pos])!r}: "
            f"{plain(series.iloc[pos])!r} is not a count or a share (it must be 0 or more)"
        )


def present(
    frame: pd.DataFrame, roles: Roles, branch: Hashable | None, share: Hashable | None
) -> Branches:
    """The branch roles a table has now, unchecked (a linked widget's edit may have left a
    count out of range: its stage then shows no share, and the map still draws)."""
    column = branch if branch is not None and branch in frame.columns else None
    if column in (roles.stage, roles.step, roles.persona, roles.emotion):
        column = None
    kept = share if column is not None and share is not None and share in frame.columns else None
    return Branches(column, kept)


def without_branch(
    frame: pd.DataFrame, roles: Roles, lanes: Sequence[Any] | None, branches: Branches
) -> Sequence[Any] | None:
    """The lanes to resolve: the branch column is no lane (as the persona is none)."""
    column = branches.column
    if column is None:
        return lanes
    if lanes is None:
        return [c for c in frame.columns if c not in roles.structural and c != column]
    if isinstance(lanes, (list, tuple)):
        for lane in lanes:
            if getattr(lane, "column", lane) == column:
                raise InvalidLaneError(
                    f"column {column!r} is the journey's branch and cannot also be a lane"
                )
    return lanes


def keep_branch(before: State, after: State, op: Any, branches: Branches) -> State:
    """After an insert, the new step is on the path of the step it follows."""
    column = branches.column
    if column is None or not isinstance(op, dict) or op.get("kind") != "insert_step":
        return after
    found = np.flatnonzero(before.ids == op.get("after"))
    new = np.flatnonzero(~np.isin(after.ids, before.ids))
    if len(found) != 1 or len(new) != 1:
        return after
    value = before.frame[column].iloc[int(found[0])]
    if is_missing(value):
        return after
    frame = after.frame.copy(deep=False)
    values = frame[column].copy()
    values.iloc[int(new[0])] = value
    frame[column] = values
    return after.with_rows(frame)


def _stage_rows(state: State, roles: Roles, pos: int) -> list[int]:
    """The positions of the rows in ``pos``'s stage and of its group (its persona, and with a
    state column its state too), in the table's order."""
    frame = state.frame
    mask = (frame[roles.stage] == frame[roles.stage].iloc[pos]).to_numpy(dtype=bool, na_value=False)
    spec = Spec(roles, ())
    mask = mask & persona_mask(state, spec, group_of(state, spec, pos))
    return [int(p) for p in np.flatnonzero(mask)]


def in_track_order(state: State, roles: Roles, op: Any, branches: Branches) -> State:
    """Before a move: the moved step's stage in the order the map draws it (main path, then
    each branch in first-seen order), so that the step moves past its neighbour as drawn; a
    step at its track's edge stays in its track (a move keeps the branch).

    Raises
    ------
    InvalidEditError
        When the step is at its track's start (or end) within its stage.
    """
    column = branches.column
    if column is None or not isinstance(op, dict) or op.get("kind") != "move_step":
        return state
    row_id = op.get("id")
    found = np.flatnonzero(state.ids == row_id) if type(row_id) is int else np.array([])
    if len(found) != 1 or op.get("direction") not in (-1, 1):
        return state  # the op's own checks say what is wrong
    pos = int(found[0])
    labels = branch_labels(state.frame, branches) or []
    slots = _stage_rows(state, roles, pos)
    if pos not in slots:  # a missing stage or persona matches nothing: as the op has it
        return state
    rank = {name: k for k, name in enumerate(dict.fromkeys([None, *(labels[p] for p in slots)]))}
    order = sorted(slots, key=lambda p: rank[labels[p]])
    i = order.index(pos)
    j = i + int(op["direction"])
    if 0 <= j < len(order) and labels[order[j]] != labels[pos]:
        end = "start" if j < i else "end"
        raise InvalidEditError(
            f"the step is already at the {end} of its path {labels[pos] or '(main)'!r}"
        ).with_code(f"refused.at_{end}")
    if order == slots:
        return state
    perm = np.arange(len(state.frame))
    perm[slots] = order
    return state.with_rows(state.frame.iloc[perm], state.ids[perm])


def check_share_edit(state: State, branches: Branches, column: Hashable | None) -> None:
    """Refuse an edit that leaves a share column with a value no share is read from."""
    if branches.share is None or column is None or column != branches.share:
        return
    try:
        check_share_values(state.frame, branches.share)
    except InvalidTableError as exc:
        raise InvalidEditError(str(exc)) from None


def branch_labels(frame: pd.DataFrame, branches: Branches) -> list[str | None] | None:
    """Each row's branch as the view shows it (``None``: the main path); ``None`` without a
    branch column. A blank value is the main path too."""
    if branches.column is None:
        return None
    out: list[str | None] = []
    for value in frame[branches.column].tolist():
        text = None if is_missing(value) else str(plain(value))
        out.append(text if text is not None and text.strip() else None)
    return out


def _direct(series: pd.Series) -> bool:
    """Whether a share column gives shares (floats all within 0…1) rather than counts."""
    if not ptypes.is_float_dtype(series.dtype):
        return False
    values = series.dropna().to_numpy(dtype=float)
    return bool(len(values)) and bool(((values >= 0) & (values <= 1)).all())


def branch_shares(frame: pd.DataFrame, roles: Roles, branches: Branches) -> list[list[Any]]:
    """Each branch's share of its stage's customers: ``[stage, branch, share]``, then the
    persona when the map has personas, and the state when it has a state column (the persona
    then ``None`` when there are no personas), in the table's order of first steps. Shares
    are read per persona and state: the future's paths may split otherwise.

    Only stages with two branches or more have shares; a stage whose counts are missing,
    negative or sum to zero has none (the band then names its tracks without a share).
    """
    labels = branch_labels(frame, branches)
    if labels is None or branches.share is None:
        return []
    series = frame[branches.share]
    direct = _direct(series)
    values = pd.to_numeric(series, errors="coerce").astype(float).tolist()
    stages = [str(plain(v)) for v in frame[roles.stage].tolist()]
    personas = _texts(frame, roles.persona)
    states = _texts(frame, roles.state)
    # The value at each branch's first step, per (persona, state, stage), in first-seen order.
    first: dict[tuple[str | None, str | None, str], dict[str, float]] = {}
    for row, name in enumerate(labels):
        if name is None:
            continue
        tracks = first.setdefault((personas[row], states[row], stages[row]), {})
        if name not in tracks:
            tracks[name] = values[row]
    out: list[list[Any]] = []
    for (persona, state, stage), tracks in first.items():
        if len(tracks) < 2:
            continue
        counts = list(tracks.values())
        if direct:
            shares = [None if math.isnan(v) else v for v in counts]
        else:
            total = sum(counts)
            if any(math.isnan(v) or v < 0 for v in counts) or not total > 0:
                continue
            shares = [v / total for v in counts]
        for name, value in zip(tracks, shares, strict=True):
            if value is None:
                continue
            entry: list[Any] = [stage, name, round(value, 6)]
            if roles.persona is not None or roles.state is not None:
                entry.append(persona)
            if roles.state is not None:
                entry.append(state)
            out.append(entry)
    return out


def _texts(frame: pd.DataFrame, column: Hashable | None) -> list[str | None]:
    """Each row's value of a role column as the wire writes it (all ``None`` without one)."""
    if column is None:
        return [None] * len(frame)
    return [None if is_missing(v) else str(plain(v)) for v in frame[column].tolist()]


def encode_branches(frame: pd.DataFrame, roles: Roles, branches: Branches) -> dict[str, Any]:
    """The wire's branch fields: ``branch`` (per row, ``None`` without a branch column) and
    ``branch_share``."""
    return {
        "branch": branch_labels(frame, branches),
        "branch_share": branch_shares(frame, roles, branches),
    }


def with_branches(
    wire: dict[str, Any], frame: pd.DataFrame, roles: Roles, branches: Branches
) -> dict[str, Any]:
    """The wire with its branch fields (none without a branch column: the wire is then as
    it was before branches); a field that did not change keeps its object, so that a one-cell
    edit sends the views only what changed."""
    out = dict(wire)
    if branches.column is None:
        for key in ("branch", "branch_share"):
            out.pop(key, None)
        return out
    for key, value in encode_branches(frame, roles, branches).items():
        if key not in wire or wire[key] != value:
            out[key] = value
    return out
