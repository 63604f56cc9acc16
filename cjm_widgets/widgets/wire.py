"""The journey as the view receives it: a JSON-safe, column-wise dict.

Values are sent as plain JSON (numbers, strings, booleans, ``null`` for missing),
so the same state renders from a saved notebook or an exported HTML page.
"""

from __future__ import annotations

import asyncio
from collections.abc import Hashable
from typing import Any

import numpy as np
import pandas as pd
from pandas.api import types as ptypes

from ..edits import Spec, State
from ..errors import CJMError
from ..table.lanes import KINDS
from ..table.lanes.moment import moment_or_text
from ..table.ranking import text_columns, top_positions
from ..table.schema import Lane, plain, stage_order
from ..table.values import is_missing

#: How many steps of each persona the view's priorities panel lists.
PANEL_TOP = 10


def dtype_name(dtype: Any) -> str:
    """The editor the view uses for a column: number, integer, bool, category, date or text."""
    if isinstance(dtype, pd.CategoricalDtype):
        return "category"
    if ptypes.is_bool_dtype(dtype):
        return "bool"
    if ptypes.is_complex_dtype(dtype):
        return "text"
    if ptypes.is_integer_dtype(dtype):
        return "integer"
    if ptypes.is_numeric_dtype(dtype):
        return "number"
    if ptypes.is_datetime64_any_dtype(dtype):
        return "date"
    return "text"


def encode_values(series: pd.Series) -> list[Any]:
    """One column as a JSON-safe list (missing values become ``None``)."""
    missing = series.isna().to_numpy()
    kind = dtype_name(series.dtype)
    if kind in ("integer", "number", "bool"):
        if kind == "number":
            values = series.to_numpy(dtype=float, na_value=np.nan).tolist()
        else:
            values = series.astype(object).tolist()
        if not missing.any():
            return [v if not isinstance(v, np.generic) else v.item() for v in values]
        return [
            None if m else (v.item() if isinstance(v, np.generic) else v)
            for v, m in zip(values, missing, strict=True)
        ]
    if kind == "date":
        return [None if m else v.isoformat() for v, m in zip(series, missing, strict=True)]
    values = series.tolist()
    if not missing.any() and (
        ptypes.is_string_dtype(series.dtype) and not ptypes.is_object_dtype(series.dtype)
    ):
        return values
    return [
        None if m else (v if isinstance(v, str) else str(v))
        for v, m in zip(values, missing, strict=True)
    ]


def lane_values(lane: Lane, series: pd.Series) -> list[Any]:
    """A lane's values for the view: as its kind shows them, else as the column holds them."""
    shown = KINDS[str(lane.kind)].encode(series)
    return encode_values(series) if shown is None else shown


def labels(values: Any) -> list[str]:
    return [str(v) for v in values]


def encode_steps(state: State, spec: Spec, revision: int) -> dict[str, Any]:
    """What every view gets: row ids, each row's stage, step and persona, stages, personas."""
    frame, roles = state.frame, spec.roles
    personas: list[str] = []
    if roles.persona is not None:
        personas = labels(pd.unique(frame[roles.persona].dropna()))
    return {
        "revision": revision,
        "ids": state.ids.tolist(),
        "stage": labels(frame[roles.stage]),
        "step": labels(frame[roles.step]),
        "persona": labels(frame[roles.persona]) if roles.persona is not None else None,
        "stages": labels(stage_order(frame, roles)),
        "personas": personas,
    }


def encode(state: State, spec: Spec, revision: int) -> dict[str, Any]:
    """The whole journey for the view; ``cells[i]`` holds the values of ``lanes[i]``."""
    frame, roles = state.frame, spec.roles
    lanes = []
    for lane in spec.lanes:
        dtype = frame[lane.column].dtype
        entry: dict[str, Any] = {
            "key": spec.key_of(lane.column),
            "label": lane.label,
            "kind": lane.kind,
            "dtype": dtype_name(dtype),
        }
        if isinstance(dtype, pd.CategoricalDtype):
            entry["options"] = labels(dtype.categories)
        entry.update(KINDS[str(lane.kind)].wire(lane, frame[lane.column]))
        if lane.group is not None:  # a blueprint's group (left out when none, as before)
            entry["group"] = lane.group
        lanes.append(entry)
    return {
        **encode_steps(state, spec, revision),
        "lanes": lanes,
        "cells": [lane_values(lane, frame[lane.column]) for lane in spec.lanes],
        "step_key": spec.key_of(roles.step),
        "emotion": None if roles.emotion is None else spec.key_of(roles.emotion),
        "scale": [roles.scale[0], roles.scale[1]],
        "priorities": encode_priorities(state, spec),
    }


def priority_lane(spec: Spec) -> Lane | None:
    """The lane the map's priorities come from: its first priority lane."""
    return next((lane for lane in spec.lanes if lane.kind == "priority"), None)


def priority_sources(state: State, spec: Spec) -> set[Hashable]:
    """The columns the priorities panel is drawn from (none without a priority lane)."""
    lane = priority_lane(spec)
    if lane is None:
        return set()
    return {lane.column, *text_columns(state.frame, spec.roles, skip=(lane.column,)).values()}


def encode_priorities(state: State, spec: Spec) -> dict[str, Any] | None:
    """The priorities panel: the first ``PANEL_TOP`` steps of each persona in acting order
    (each persona's as ``JourneyMap.priorities(PANEL_TOP, persona=...)`` gives them), by row
    id, with their pain, opportunity and owner text; ``None`` without a priority lane.
    The lane's values, and each step's stage and step, are in the rest of the wire."""
    lane = priority_lane(spec)
    if lane is None:
        return None
    frame, roles = state.frame, spec.roles
    if roles.persona is None:
        order = top_positions(frame, roles, lane.column, PANEL_TOP)
    else:
        # Each persona's list is m.priorities(PANEL_TOP, persona=...), the same function,
        # in the acting order of every persona's steps.
        personas = dict.fromkeys(labels(pd.unique(frame[roles.persona].dropna())))
        shown = [top_positions(frame, roles, lane.column, PANEL_TOP, p) for p in personas]
        order = top_positions(frame, roles, lane.column)
        order = order[np.isin(order, np.concatenate([*shown, np.array([], dtype=np.int64)]))]
    texts = {
        role: frame[column].to_numpy()
        for role, column in text_columns(frame, roles, skip=(lane.column,)).items()
    }

    def text(value: Any) -> str | None:
        return None if is_missing(value) else str(plain(value))

    items = [
        {"id": int(state.ids[pos]), **{role: text(v[pos]) for role, v in texts.items()}}
        for pos in order.tolist()
    ]
    return {"lane": spec.key_of(lane.column), "items": items}


def reencode_cell(
    wire: dict[str, Any], state: State, spec: Spec, column: Hashable, revision: int
) -> dict[str, Any]:
    """The wire after a single-cell edit: only the touched column is encoded again."""
    out = dict(wire, revision=revision)
    if column == spec.roles.step:
        out["step"] = labels(state.frame[column])
    shown = [i for i, lane in enumerate(spec.lanes) if lane.column == column]
    if shown:
        cells = list(wire["cells"])
        for i in shown:
            cells[i] = lane_values(spec.lanes[i], state.frame[column])
        out["cells"] = cells
    if wire.get("priorities") is not None and column in priority_sources(state, spec):
        out["priorities"] = encode_priorities(state, spec)
    return out


def publish_cells(widget: Any, old: dict[str, Any], new: dict[str, Any]) -> None:
    """Give a widget's ``_journey`` after a one-cell edit (``new``, from :func:`reencode_cell`)
    without sending the whole map: the views are sent what changed, as a ``journey_cells``
    message on the revision they hold (``base``); a view that holds another asks for the whole
    journey (``journey_resync``). The trait holds ``new`` in the kernel, for views opened later.
    """
    changed = [
        i for i, (a, b) in enumerate(zip(old["cells"], new["cells"], strict=True)) if a is not b
    ]
    patch = {
        "type": "journey_cells",
        "base": old.get("revision"),
        "revision": new["revision"],
        "cells": {str(i): new["cells"][i] for i in changed},
        "fields": {
            k: v for k, v in new.items() if k not in ("cells", "revision") and v is not old.get(k)
        },
    }
    set_quietly(widget, "_journey", new)
    held = getattr(widget, "_held_cells", None)
    if held is None:
        widget.send(patch)
    else:  # answering a view's edit: the patch goes with the answer, as one message
        if held:
            widget.send(held.pop())
        held.append(patch)
    sync_later(widget, "_journey")


def set_quietly(widget: Any, name: str, value: Any) -> None:
    """Set a synced trait without sending it now (:func:`sync_later` sends it).

    The trait is set with its sync held and then dropped: ipywidgets neither sends it nor
    compares it with a view's copy (that walk and JSON round trip of the whole journey took
    10 ms of a 300-step map's edit). A sync queued before, by an outer hold, still goes."""
    with widget.hold_sync():
        queued = name in widget._states_to_send
        setattr(widget, name, value)
        if not queued:
            widget._states_to_send.discard(name)


#: How long after a burst of one-cell edits the views' models are given the whole journey.
SYNC_AFTER_S = 0.5


def kernel_loop(widget: Any) -> asyncio.AbstractEventLoop | None:
    """The kernel's event loop, when the widget talks to views through one (a comm, in a
    kernel that runs a loop): work can then wait until the current message is answered."""
    # Outside a kernel, ipywidgets gives a DummyComm with no kernel.
    if getattr(getattr(widget, "comm", None), "kernel", None) is None:
        return None
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def sync_later(widget: Any, name: str) -> None:
    """Give the views' models a trait set quietly (``_journey`` after one-cell edits, a view's
    presence after its edit) once a burst of edits is over: what JupyterLab saves into the
    notebook (and nbconvert draws) is the models' state, which the messages never touch.
    Views holding that revision already draw nothing again."""
    loop = kernel_loop(widget)
    if loop is None:  # no kernel loop to wait with: now
        widget.send_state(name)
        return
    attr = f"{name}_sync"
    handle = getattr(widget, attr, None)
    if handle is not None:
        handle.cancel()

    def send() -> None:
        setattr(widget, attr, None)
        widget.send_state(name)

    setattr(widget, attr, loop.call_later(SYNC_AFTER_S, send))


def sync_now(widget: Any, name: str) -> None:
    """Send a trait set quietly whose sync is still waiting (:func:`sync_later`), at once."""
    handle = getattr(widget, f"{name}_sync", None)
    if handle is not None:
        handle.cancel()
        setattr(widget, f"{name}_sync", None)
        widget.send_state(name)


def _floats(values: Any) -> list[float | None]:
    return [None if v != v else float(v) for v in np.asarray(values, dtype=float).tolist()]


def encode_curve(state: State, spec: Any, revision: int) -> dict[str, Any]:
    """An emotion curve for the view, but its emotion values (``spec`` is the curve's spec)."""
    frame, roles = state.frame, spec.roles
    evidence = None
    if spec.evidence is not None:
        rows = spec.evidence.per_row(frame, roles)
        evidence = {
            "n": [None if v != v else int(v) for v in rows["n"].tolist()],
            "mean": _floats(rows["mean"]),
            "ci_low": _floats(rows["ci_low"]),
            "ci_high": _floats(rows["ci_high"]),
        }

    def text(column: Hashable | None) -> list[Any] | None:
        return None if column is None else encode_values(frame[column])

    return {
        **encode_steps(state, spec, revision),
        "scale": [roles.scale[0], roles.scale[1]],
        "ticks": [[value, label] for value, label in spec.ticks],
        "snap": spec.snap,
        # A moment's kind, as the map reads it (ponctuel is one-off, oui a moment...).
        "moments": None if spec.moment is None else [moment_or_text(v) for v in frame[spec.moment]],
        "pain": text(spec.pain),
        "gain": text(spec.gain),
        "evidence": evidence,
    }


def refusal(exc: CJMError) -> dict[str, Any]:
    """What an edit result says of a refused edit: Python's words (English), and for the
    refusals an edit in a view can meet, their ``code`` and ``params``, which the view says in
    its own language (``js/src/shared/i18n.ts`` has a message for every code)."""
    out: dict[str, Any] = {"message": str(exc)}
    if exc.code is not None:
        out["code"] = exc.code
        out["params"] = {
            name: value if type(value) in (str, int, float) else str(plain(value))
            for name, value in exc.params.items()
        }
    return out


def nothing_to(kind: str) -> dict[str, Any]:
    """The notice of an undo or redo with nothing left to undo or redo, and its code."""
    return {"notice": f"Nothing to {kind}.", "notice_code": f"history.nothing_{kind}"}
