"""JourneyFlow: the transition graph between steps (branches, loops, going back) as a widget,
its steps in stage order, optionally linked to a map by step label."""

from __future__ import annotations

import heapq
import math
import pathlib
from collections.abc import Hashable
from typing import Any

import numpy as np
import pandas as pd
import traitlets
from pandas.api import types as ptypes

from ..analytics.events import PATH_END, PATH_START
from ..errors import (
    InvalidArgumentError,
    InvalidTableError,
    MissingColumnError,
    MissingValueError,
)
from ..table.frames import to_pandas
from ..table.schema import Roles
from ..table.values import is_missing
from .base import Described
from .curve import step_positions
from .map import JourneyMap

STATIC = pathlib.Path(__file__).parent.parent / "static"
# How many missing steps an error names before it says "and N more".
_NAMED = 8


def _label(value: Any) -> str:
    return str(value)


def read_edges(table: Any, from_step: Hashable, to_step: Hashable, count: Hashable) -> pd.DataFrame:
    """The transitions as ``from_step, to_step, count, share, median_seconds``: labels as text,
    one row per pair (repeated pairs summed), ``share`` of the from step's outgoing count.

    Raises :class:`MissingColumnError` for a column that is not there,
    :class:`MissingValueError` for a missing step label and :class:`InvalidTableError` for a
    count that is not a finite number at least 0; each names the column, row and value."""
    frame = to_pandas(table)
    if not isinstance(frame, pd.DataFrame):
        raise InvalidTableError(f"transitions must be a table, not {type(table).__name__}")
    for column, role in ((from_step, "from_step"), (to_step, "to_step"), (count, "count")):
        if column not in frame.columns:
            raise MissingColumnError(column, role, list(frame.columns))
    _one_column_each(frame, [from_step, to_step, count, "median_seconds"], "transitions")
    counts = _counts(frame[count], count)
    values = counts.to_numpy(dtype=float, na_value=np.nan)
    bad = ~np.isfinite(values) | (values < 0)
    if bad.any():
        row = int(bad.argmax())
        raise InvalidTableError(
            f"count column {count!r} at row {frame.index[row]!r} is {counts.iloc[row]!r}: "
            "counts are finite numbers, 0 or more"
        )
    columns = {}
    for column, role in ((from_step, "from_step"), (to_step, "to_step")):
        series = frame[column]
        missing = np.array([is_missing(v) for v in series], dtype=bool)
        if missing.any():
            row = int(missing.argmax())
            raise MissingValueError(
                f"{role} column {column!r} at row {frame.index[row]!r} has no step "
                f"({series.iloc[row]!r}); drop or name it first"
            )
        columns[role] = [_label(v) for v in series]
    whole = ptypes.is_integer_dtype(counts)
    out = pd.DataFrame({**columns, "count": values.astype(np.int64) if whole else values})
    if "median_seconds" in frame.columns and ptypes.is_numeric_dtype(frame["median_seconds"]):
        out["median_seconds"] = frame["median_seconds"].to_numpy(dtype=float, na_value=np.nan)
    else:
        out["median_seconds"] = np.nan
    if out.duplicated(["from_step", "to_step"]).any():
        # A table per channel or per segment repeats pairs: the flow draws their sum, whose
        # median wait the rows cannot give.
        out = out.groupby(["from_step", "to_step"], sort=False, as_index=False).agg(
            count=("count", "sum"),
            median_seconds=("median_seconds", lambda s: s.iloc[0] if len(s) == 1 else np.nan),
        )
    outgoing = out.groupby("from_step", sort=False)["count"].transform("sum")
    out["share"] = (out["count"] / outgoing.where(outgoing > 0)).astype(float)
    return out[["from_step", "to_step", "count", "share", "median_seconds"]].reset_index(drop=True)


def _one_column_each(frame: pd.DataFrame, columns: list[Hashable], table: str) -> None:
    """Refuse a table where a column the flow reads is there more than once."""
    for column in columns:
        if int((frame.columns == column).sum()) > 1:
            raise InvalidTableError(
                f"{table}: more than one column is named {column!r}; give each its own name"
            )


def _counts(counts: pd.Series, column: Hashable) -> pd.Series:
    """The count column as numbers; a value that is not a number names its row."""
    if not len(counts) or (ptypes.is_numeric_dtype(counts) and not ptypes.is_bool_dtype(counts)):
        return counts
    for row, value in zip(counts.index, counts, strict=True):
        if isinstance(value, bool) or not isinstance(value, (int, float, np.number)):
            raise InvalidTableError(
                f"count column {column!r} must hold numbers, not {counts.dtype}: "
                f"row {row!r} is {value!r}"
            )
        if isinstance(value, int) and value >= 2**63:
            # Python's ints are unbounded; the flow's whole counts are 64-bit.
            raise InvalidTableError(
                f"count column {column!r} at row {row!r} is {value!r}: too large for a count "
                "(at most 2**63 - 1; give it as a float)"
            )
    # Numbers in an object column (a column built from Python ints, say): read as numbers.
    return pd.Series(pd.to_numeric(counts.to_numpy()), index=counts.index)


def _named(edges: pd.DataFrame) -> list[str]:
    """The steps in the order the table first names them (each row's from, then to step)."""
    pairs = zip(edges["from_step"], edges["to_step"], strict=True)
    return list(dict.fromkeys(step for pair in pairs for step in pair))


def transition_order(edges: pd.DataFrame) -> list[str]:
    """Steps ordered by the transitions alone, for a flow given no steps table.

    The heaviest transitions are kept first, each unless it would close a cycle with those
    kept (loops never count): the kept ones form the journey's main forward direction, and
    the steps are placed in a topological order of it. Among steps free to go next, the one
    named first in the table goes first. A log's ``path_start`` comes first, ``path_end``
    last."""
    first = _named(edges)
    node = {step: i for i, step in enumerate(first)}
    n = len(first)
    # reach[i]: the steps reachable from i along kept edges (i included), as a bit set.
    reach = [1 << i for i in range(n)]
    after: list[list[int]] = [[] for _ in range(n)]
    indegree = [0] * n
    heaviest = edges.sort_values("count", ascending=False, kind="stable")
    for a, b in zip(heaviest["from_step"], heaviest["to_step"], strict=True):
        u, v = node[a], node[b]
        if reach[v] >> u & 1:  # a loop, or v already leads back to u: a cycle
            continue
        after[u].append(v)
        indegree[v] += 1
        gained = reach[v]
        bit = 1 << u
        for w in range(n):
            if reach[w] & bit:
                reach[w] |= gained
    ready = [i for i in range(n) if indegree[i] == 0]
    heapq.heapify(ready)
    order: list[int] = []
    while ready:
        u = heapq.heappop(ready)
        order.append(u)
        for v in after[u]:
            indegree[v] -= 1
            if indegree[v] == 0:
                heapq.heappush(ready, v)
    steps = [first[i] for i in order if first[i] not in (PATH_START, PATH_END)]
    # A log's pseudo-steps frame the walk whatever the counts say.
    head = [PATH_START] if PATH_START in node else []
    tail = [PATH_END] if PATH_END in node else []
    return head + steps + tail


def _steps_source(
    steps: Any, stage: Hashable | None, step: Hashable | None
) -> tuple[pd.DataFrame, Roles]:
    if isinstance(steps, JourneyMap):
        roles = steps._spec.roles
        return steps.data, Roles(roles.stage, roles.step, None, roles.persona)
    frame = to_pandas(steps)
    roles = Roles("stage" if stage is None else stage, "step" if step is None else step, None)
    for column, role in ((roles.stage, "stage"), (roles.step, "step")):
        if column not in frame.columns:
            raise MissingColumnError(column, role, list(frame.columns))
    _one_column_each(frame, [roles.stage, roles.step], "steps table")
    for column, role in ((roles.stage, "stage"), (roles.step, "step")):
        missing = frame[column].isna().to_numpy()
        if missing.any():
            row = frame.index[int(missing.argmax())]
            raise MissingValueError(
                f"steps table: {role} column {column!r} at row {row!r} is missing"
            )
    return frame, roles


def stage_layout(
    edges: pd.DataFrame, steps: Any, stage: Hashable | None, step: Hashable | None
) -> tuple[list[str], list[str], list[int]]:
    """The stages, the steps in order and each step's stage (-1: none) for a flow.

    With a steps table or a map, steps follow its stages left to right and, inside a stage,
    its step order (a map's personas merged as its emotion curve merges them); every step of
    the transitions must be one of its steps, but ``path_start`` and ``path_end`` (which
    ``transitions(..., ends=True)`` adds), placed first and last outside any stage. Without,
    the order is :func:`transition_order`'s and there are no stages."""
    if steps is None:
        nodes = transition_order(edges)
        return [], nodes, [-1] * len(nodes)
    frame, roles = _steps_source(steps, stage, step)
    position = step_positions(frame, roles)
    labels = [_label(v) for v in frame[roles.step]]
    stages_of = [_label(v) for v in frame[roles.stage]]
    order: dict[str, tuple[int, str]] = {}
    for pos, label, stage_name in sorted(zip(position, labels, stages_of, strict=True)):
        order.setdefault(label, (int(pos), stage_name))
    walked = set(edges["from_step"]) | set(edges["to_step"])
    missing = [s for s in _named(edges) if s not in order and s not in (PATH_START, PATH_END)]
    if missing:
        shown = ", ".join(repr(s) for s in missing[:_NAMED])
        more = f" and {len(missing) - _NAMED} more" if len(missing) > _NAMED else ""
        raise InvalidArgumentError(
            f"the transitions name steps the steps table does not have: {shown}{more}; add "
            "them to it, or keep the transitions of its steps, e.g. "
            "t[t.from_step.isin(names) & t.to_step.isin(names)]"
        )
    stages = list(dict.fromkeys(stage_name for _, stage_name in sorted(order.values())))
    stage_index = {name: i for i, name in enumerate(stages)}
    nodes = sorted(order, key=lambda s: order[s][0])
    stage_of = [stage_index[order[s][1]] for s in nodes]
    if PATH_START in walked and PATH_START not in order:
        nodes.insert(0, PATH_START)
        stage_of.insert(0, -1)
    if PATH_END in walked and PATH_END not in order:
        nodes.append(PATH_END)
        stage_of.append(-1)
    return stages, nodes, stage_of


def edge_kinds(edges: pd.DataFrame, nodes: list[str]) -> np.ndarray:
    """``forward``, ``back`` (to an earlier step) or ``loop`` (to itself), per edge."""
    place = {s: i for i, s in enumerate(nodes)}
    a = edges["from_step"].map(place).to_numpy()
    b = edges["to_step"].map(place).to_numpy()
    return np.where(a == b, "loop", np.where(b < a, "back", "forward"))


def encode_flow(
    stages: list[str], nodes: list[str], stage_of: list[int], edges: pd.DataFrame
) -> dict[str, Any]:
    """The flow as the view reads it: node indices and counts in columns."""
    place = {s: i for i, s in enumerate(nodes)}

    def numbers(values: Any) -> list[float | None]:
        return [
            None if math.isnan(v) else (int(v) if float(v).is_integer() else float(v))
            for v in values
        ]

    return {
        "stages": stages,
        "nodes": nodes,
        "stage_of": stage_of,
        "from": [place[s] for s in edges["from_step"]],
        "to": [place[s] for s in edges["to_step"]],
        "count": numbers(edges["count"]),
        "share": numbers(edges["share"]),
        "median_seconds": numbers(edges["median_seconds"]),
    }


class _Number(traitlets.Any):
    """Any value, None included, goes to the widget's own check (``Any`` lets None by)."""

    allow_none = False


class JourneyFlow(Described):
    """The transitions between steps as a graph: who goes where next, who loops, who goes back.

    Steps are nodes placed left to right in stage order, stages as labelled bands; each
    transition is an arc whose width grows with the square root of its count. Forward
    transitions arc above the steps, back-transitions (to an earlier step) below and dashed,
    a step's loop to itself is a ↻ glyph with its count. The slider hides transitions rarer
    than :attr:`min_count`. Focus a step (Tab, then the arrows) and press Enter to select it:
    its in- and out-transitions stand out, the rest dims.

    Parameters
    ----------
    transitions
        One row per transition: from step, to step and a count, as
        :func:`cjm_widgets.analytics.transitions` returns. Repeated pairs are summed;
        ``share`` is computed again from the counts.
    steps
        The steps' order: a :class:`~cjm_widgets.JourneyMap` or a steps table (``stage`` and
        ``step`` columns). Every step of the transitions must be one of its steps (else
        :class:`~cjm_widgets.InvalidArgumentError` names those missing), apart from
        ``path_start`` and ``path_end``. Defaults to ``map``; without either, steps follow
        the heaviest transitions (see :func:`transition_order`) and there are no stages.
    stage, step
        The stage and step columns of a steps table.
    min_count
        Transitions with a smaller count are hidden.
    map
        A :class:`~cjm_widgets.JourneyMap` to link by step label: selecting a step in the
        flow selects it on the map (among the steps of the persona it shows, else the first
        persona having it) and selecting a step on the map selects it here.
    from_step, to_step, count
        The transitions' column names.
    """

    _esm = STATIC / "flow.js"
    _css = STATIC / "flow.css"

    _flow = traitlets.Dict().tag(sync=True)
    # Any, not Float: what is not a count gets the package's own error, naming the value.
    min_count = _Number(1.0, help="Transitions rarer than this are hidden.").tag(sync=True)
    # Any, not Unicode: what is not a step's label gets the package's own error, naming it.
    selected = traitlets.Any(None, allow_none=True, help="The selected step's label, or None.").tag(
        sync=True
    )

    def __init__(
        self,
        transitions: Any,
        *,
        steps: Any = None,
        stage: Hashable | None = None,
        step: Hashable | None = None,
        min_count: float = 1,
        map: JourneyMap | None = None,
        from_step: Hashable = "from_step",
        to_step: Hashable = "to_step",
        count: Hashable = "count",
        **kwargs: Any,
    ) -> None:
        if map is not None and not isinstance(map, JourneyMap):
            raise InvalidArgumentError(f"map= takes a JourneyMap, not {type(map).__name__}")
        edges = read_edges(transitions, from_step, to_step, count)
        stages, nodes, stage_of = stage_layout(edges, map if steps is None else steps, stage, step)
        self._edges = edges
        self._nodes = nodes
        super().__init__(**kwargs)
        self._flow = encode_flow(stages, nodes, stage_of, edges)
        self.min_count = min_count
        self._map: JourneyMap | None = None
        self._busy = False
        if map is not None:
            self._link(map)

    # -- validation --------------------------------------------------------------------

    @traitlets.validate("min_count")
    def _check_min_count(self, proposal: dict[str, Any]) -> float:
        value = proposal["value"]
        if isinstance(value, bool) or not isinstance(value, (int, float, np.number)):
            raise InvalidArgumentError(f"min_count must be a number, not {value!r}")
        if not (math.isfinite(value) and value >= 0):
            raise InvalidArgumentError(
                f"min_count must be a finite number, 0 or more, not {value!r}"
            )
        return float(value)

    @traitlets.validate("selected")
    def _check_selected(self, proposal: dict[str, Any]) -> str | None:
        value = proposal["value"]
        if value is not None and not isinstance(value, str):
            raise InvalidArgumentError(
                f"selected takes a step's label (text) or None, not {value!r}"
            )
        if value is not None and value not in getattr(self, "_nodes", ()):
            raise InvalidArgumentError(f"selected: the flow has no step {value!r}")
        return value

    # -- what it shows -----------------------------------------------------------------

    @property
    def steps(self) -> list[str]:
        """The steps (nodes) in drawing order, left to right."""
        return list(self._nodes)

    @property
    def edges(self) -> pd.DataFrame:
        """The transitions as drawn: ``from_step, to_step, count, share, median_seconds``,
        ``kind`` (``forward``, ``back`` or ``loop``) and ``shown`` (count ≥ ``min_count``)."""
        out = self._edges.copy()
        out["kind"] = edge_kinds(out, self._nodes)
        out["shown"] = out["count"] >= self.min_count
        return out

    # -- the linked map ----------------------------------------------------------------

    @property
    def map(self) -> JourneyMap | None:
        """The map this flow is linked to, if any."""
        return self._map

    def _link(self, journey_map: JourneyMap) -> None:
        self._map = journey_map
        self.observe(self._to_map, names="selected")
        journey_map.observe(self._from_map, names=["selected", "active_persona"])
        self._from_map(None)

    def unlink(self) -> None:
        """Stop mirroring selections with the map; both keep their current selection."""
        if self._map is None:
            return
        self.unobserve(self._to_map, names="selected")
        self._map.unobserve(self._from_map, names=["selected", "active_persona"])
        self._map = None

    def _map_steps(self, persona: str | None) -> pd.Series:
        """Each map row's step label, by index label (one persona's rows when it has some)."""
        assert self._map is not None
        frame = self._map.data
        roles = self._map._spec.roles
        if roles.persona is not None and persona is not None:
            frame = frame[frame[roles.persona].map(str) == persona]
        return frame[roles.step].map(_label)

    def _to_map(self, change: Any) -> None:
        if self._busy or self._map is None:
            return
        m = self._map
        step = change["new"]
        self._busy = True
        try:
            if step is None:
                m.selected = []
                return
            steps = self._map_steps(m.active_persona or None)
            labels = [label for label, s in steps.items() if s == step]
            persona_column = m._spec.roles.persona
            if not labels and persona_column is not None:
                # The shown persona lacks the step: the first persona having it is shown.
                rows = m.data[self._map_steps(None) == step]
                if len(rows):
                    m.active_persona = str(rows[persona_column].iloc[0])
                    steps = self._map_steps(m.active_persona)
                    labels = [label for label, s in steps.items() if s == step]
            m.selected = labels
        finally:
            self._busy = False

    def _from_map(self, _change: Any) -> None:
        if self._busy or self._map is None:
            return
        selected = self._map.selected
        steps = self._map_steps(self._map.active_persona or None)
        chosen = [steps[label] for label in selected if label in steps.index]
        if not chosen:  # another persona's step (personas side by side show every persona's)
            steps = self._map_steps(None)
            chosen = [steps[label] for label in selected if label in steps.index]
        step = next((s for s in chosen if s in self._nodes), None)
        self._busy = True
        try:
            self.selected = step
        finally:
            self._busy = False

    # -- outside the notebook ----------------------------------------------------------

    def _floor(self, lang: str | None = None) -> str:
        """The flow as an escaped table of its transitions, where scripts do not run, in
        ``lang`` (else the flow's own language)."""
        from ..export.floor import flow_floor

        return flow_floor(self, lang)
