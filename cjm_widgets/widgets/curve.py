"""EmotionCurve: the emotion along a journey, per persona, editable and evidence-backed."""

from __future__ import annotations

import math
import os
import pathlib
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd
import traitlets
from pandas.api import types as ptypes

from ..edits import Edit, Spec, State
from ..edits.ops import set_cell
from ..errors import InvalidEditError, InvalidEmotionError, InvalidTableError, MissingColumnError
from ..table import evidence as _evidence
from ..table.lanes.moment import moment_or_text
from ..table.schema import (
    Lane,
    Roles,
    check_frame,
    check_roles,
    check_scale,
    infer_kind,
    stage_order,
    unfit,
)
from ..table.values import is_missing
from . import wire as _wire
from .base import JourneyWidget
from .states import check as check_states
from .states import declare as declare_states
from .states import state_fields

STATIC = pathlib.Path(__file__).parent.parent / "static"
AUTO = "auto"


@dataclass(frozen=True)
class CurveSpec(Spec):
    """The reducer's spec, plus what the curve draws beside the emotion."""

    moment: Hashable | None = None
    pain: Hashable | None = None
    gain: Hashable | None = None
    evidence: _evidence.Evidence | None = None
    ticks: tuple[tuple[float, str | None], ...] = ()
    snap: bool = True

    @property
    def shown(self) -> set[Hashable]:
        """Columns whose edits change the drawing."""
        columns = {self.roles.stage, self.roles.step, self.roles.emotion}
        columns |= {c for c in (self.moment, self.pain, self.gain) if c is not None}
        if self.evidence is not None and self.evidence.columns is not None:
            columns |= set(self.evidence.columns.values())
        return columns


def snap_value(value: float, scale: tuple[float, float], snap: bool) -> float:
    """A dragged value on the scale: clamped to its ends, and to a whole step when snapping."""
    lo, hi = scale
    if snap:
        value = lo + math.floor(value - lo + 0.5)
    return float(min(hi, max(lo, value)))


def _ticks(labels: Mapping[Any, Any] | None, scale: tuple[float, float]) -> tuple:
    lo, hi = scale
    if labels is None:
        whole = range(math.ceil(lo), math.floor(hi) + 1)
        step = max(1, math.ceil(len(whole) / 11))
        return tuple((float(v), None) for v in whole[::step])
    if not isinstance(labels, Mapping):
        raise InvalidEmotionError(
            f"labels must map scale values to text, e.g. {{{lo:g}: 'very negative'}}, "
            f"not {type(labels).__name__}"
        )
    ticks = []
    for value, text in labels.items():
        if isinstance(value, bool) or not isinstance(value, (int, float, np.number)):
            raise InvalidEmotionError(f"label key {value!r} is not a number on the scale")
        try:
            number = float(value)
        except OverflowError:  # 10**400
            number = math.inf
        if not lo <= number <= hi:  # NaN fails too
            raise InvalidEmotionError(f"label key {value!r} is off the scale {lo:g}…{hi:g}")
        if not isinstance(text, str) or unfit(text, False):
            raise InvalidEmotionError(f"label {text!r} for {value!r} is not text")
        ticks.append((float(value), text))
    return tuple(sorted(ticks))


class EmotionCurve(JourneyWidget):
    """The emotion per step along a journey: one line per persona, on a fixed scale.

    Drag a point, or focus it (Tab, then ←/→) and press ↑/↓: the edit lands in
    :attr:`data`. With ``evidence``, each step shows its n and 95% interval, and the
    curve can switch between the team's assumed line and the measured one.

    Parameters
    ----------
    df
        The steps table: one row per step (or per step and persona).
    step, emotion, stage, persona
        The columns holding the step label, the emotion score, the stage and the persona.
    state, states
        A column naming each row's state and the two states in order, as for
        :class:`~cjm_widgets.JourneyMap`: the curve then draws a line per state, the current
        one solid and the future one dashed.
    scale
        The emotion scale's low and high ends.
    labels
        Text for scale values, e.g. ``{-3: "very negative", 0: "neutral", 3: "very positive"}``.
    evidence
        Individual responses (a table with step, persona and ``score`` columns), per-step
        summaries (``n``, ``mean``, ``ci_low``, ``ci_high``; the output of
        :func:`cjm_widgets.analytics.survey_scores` too), or a mapping naming such columns
        of ``df`` itself. Scores must be on the curve's scale.
    snap
        Whether drags and keys move in whole scale steps (else in tenths).
    moment_of_truth
        The column marking moments of truth; found by name or values when ``"auto"``.
    pain, gain
        Columns shown when a point is hovered or focused, if present.
    """

    _esm = STATIC / "curve.js"
    _css = STATIC / "curve.css"
    # How NoViewError names it (see images.py).
    _image_noun = "curve"

    _curve = traitlets.Dict().tag(sync=True)
    # The emotion values travel on their own, so a drag's updates send 8 bytes a step, not
    # the whole curve: {"revision": int, "values": [...]}, parallel to _curve["ids"].
    _emotion = traitlets.Dict().tag(sync=True)
    line = traitlets.Enum(
        ("assumed", "measured"),
        default_value="assumed",
        help="Which line leads: the team's assumed one or the one measured from evidence.",
    ).tag(sync=True)

    def __init__(
        self,
        df: Any,
        *,
        step: Hashable = "step",
        emotion: Hashable = "emotion",
        stage: Hashable = "stage",
        persona: Hashable | None = None,
        state: Hashable | None = None,
        states: Sequence[Any] | None = None,
        scale: tuple[float, float] = (-3, 3),
        labels: Mapping[float, str] | None = None,
        evidence: Any = None,
        snap: bool = True,
        moment_of_truth: Hashable | None = AUTO,
        pain: Hashable | None = "pain",
        gain: Hashable | None = "gain",
        **kwargs: Any,
    ) -> None:
        self._comparison = declare_states(state, states, None)
        self._declared = Roles(stage, step, emotion, persona, check_scale(scale))
        self._options: dict[str, Any] = {
            "labels": labels,
            "snap": bool(snap),
            "moment_of_truth": moment_of_truth,
            "pain": pain,
            "gain": gain,
        }
        self._evidence_input = evidence
        self._init_document(df)
        super().__init__(**kwargs)
        if self._curve_spec.evidence is not None and "line" not in kwargs:
            self.line = "measured"
        self._publish()

    # -- the table and its evidence ----------------------------------------------------

    def _prepare(self, frame: pd.DataFrame) -> tuple[Spec, pd.DataFrame]:
        declared = self._declared
        if declared.emotion is None:
            raise MissingColumnError(None, "emotion", list(frame.columns))
        if self._comparison is not None:
            declared = replace(declared, state=self._comparison.column)
            self._comparison = check_states(frame, declared, self._comparison)
        roles = check_roles(frame, declared, emotion_explicit=declared.emotion != "emotion")
        if roles.emotion is None:
            raise MissingColumnError(declared.emotion, "emotion", list(frame.columns))
        check_frame(frame, roles)
        options = self._options
        dtype = frame[roles.emotion].dtype
        if not options["snap"] and ptypes.is_integer_dtype(dtype):
            raise InvalidEmotionError(
                f"emotion column {roles.emotion!r} holds whole numbers ({dtype}), so snap=False "
                f"cannot store values between them; convert it with "
                f"df[{roles.emotion!r}] = df[{roles.emotion!r}].astype(float)"
            )
        moment = self._moment_column(frame, roles, options["moment_of_truth"])
        lanes = [Lane(roles.emotion, "emotion")]
        if moment is not None:
            lanes.append(Lane(moment, "moment"))
        extra = {}
        for name in ("pain", "gain"):
            column = options[name]
            try:
                hash(column)
            except TypeError:
                raise InvalidTableError(f"{name}= names one column, not {column!r}") from None
            extra[name] = column if column is not None and column in frame.columns else None
            if extra[name] is not None and extra[name] not in ((*roles.structural, moment)):
                lanes.append(Lane(extra[name], "text"))
        base = Spec.build(roles, lanes)
        spec = CurveSpec(
            base.roles,
            base.lanes,
            base.keys,
            moment=moment,
            pain=extra["pain"],
            gain=extra["gain"],
            evidence=_evidence.prepare(self._evidence_input, frame, roles),
            ticks=_ticks(options["labels"], roles.scale),
            snap=options["snap"],
        )
        return spec, frame

    @staticmethod
    def _moment_column(frame: pd.DataFrame, roles: Roles, declared: Hashable | None) -> Hashable:
        if declared is None:
            return None
        if declared != AUTO:
            if declared not in frame.columns:
                raise MissingColumnError(declared, "moment of truth", list(frame.columns))
            return declared
        taken = {*roles.structural, roles.emotion}
        for column in frame.columns:
            if column not in taken and infer_kind(frame[column], column) == "moment":
                return column
        return None

    @property
    def evidence(self) -> pd.DataFrame | None:
        """The evidence per step as drawn: n, mean, ci_low and ci_high for each row of ``data``."""
        spec = self._curve_spec
        if spec.evidence is None:
            return None
        frame = self._state.frame
        columns = [c for c in (spec.roles.persona, spec.roles.step) if c is not None]
        out = frame[columns].copy()
        for field, values in spec.evidence.per_row(frame, spec.roles).items():
            out[field] = values
        out["n"] = out["n"].astype("Int64")
        return out

    @evidence.setter
    def evidence(self, value: Any) -> None:
        spec = self._curve_spec
        self._spec = replace(spec, evidence=_evidence.prepare(value, self._state.frame, spec.roles))
        self._evidence_input = value
        if self._spec.evidence is None:
            self.line = "assumed"
        self._publish()

    @property
    def _curve_spec(self) -> CurveSpec:
        assert isinstance(self._spec, CurveSpec)
        return self._spec

    @traitlets.validate("line")
    def _check_line(self, proposal: dict[str, Any]) -> str:
        value = str(proposal["value"])
        spec = getattr(self, "_spec", None)
        if value == "measured" and getattr(spec, "evidence", None) is None:
            raise InvalidEditError("the measured line needs evidence=...; this curve has none")
        return value

    # -- drawing ---------------------------------------------------------------------

    def _publish(self, column: Hashable | None = None) -> None:
        spec = self._curve_spec
        revision = next(self._revisions)

        def emotion() -> dict[str, Any]:
            values = _wire.encode_values(self._state.frame[spec.roles.emotion])
            return {"revision": revision, "values": values}

        if column is not None and self._curve:
            if column not in spec.shown:
                return  # an edit the curve does not draw: nothing to encode
            if column == spec.roles.emotion:
                self._emotion = emotion()
                return
        with self.hold_sync():
            self._curve = {
                **_wire.encode_curve(self._state, spec, revision),
                **state_fields(self._state.frame, self._comparison),
            }
            self._emotion = emotion()
            self._keep_live_selection()

    # -- edits -------------------------------------------------------------------------

    def _reduce(self, state: State, op: Any) -> tuple[State, Edit]:
        if not isinstance(op, dict) or op.get("kind") != "set_emotion":
            kind = op.get("kind") if isinstance(op, dict) else type(op).__name__
            raise InvalidEditError(f"an emotion curve takes set_emotion edits, not {kind!r}")
        spec = self._curve_spec
        value = op.get("value")
        if value is not None:
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise InvalidEditError(f"emotion {value!r} is not a number")
            if not (abs(value) < 1e300):  # also NaN, inf and ints beyond any float
                raise InvalidEditError(f"emotion {value!r} is not a finite number")
            value = snap_value(float(value), spec.roles.scale, spec.snap)
        if "id" not in op:
            raise InvalidEditError("edit 'set_emotion' is missing 'id'")
        return set_cell(state, spec, op["id"], str(spec.roles.emotion), value)

    def set_emotion(
        self, step: Any, value: float | None, *, persona: Any = None, state: Any = None
    ) -> Edit:
        """Set one step's emotion from Python, as an edit (undoable, seen by ``on_edit``).

        The value must be on the scale; ``None`` clears it. ``persona=`` and ``state=`` name
        the step's persona and state when the curve has them.
        """
        spec = self._curve_spec
        frame = self._state.frame
        mask = frame[spec.roles.step].astype(str) == str(step)
        if spec.roles.persona is not None:
            if persona is None:
                raise InvalidEditError("this curve has personas: pass persona=...")
            mask &= frame[spec.roles.persona].astype(str) == str(persona)
        if spec.roles.state is not None:
            if state is None:
                raise InvalidEditError("this curve has states: pass state=...")
            mask &= frame[spec.roles.state].astype(str) == str(state)
        found = np.flatnonzero(mask.to_numpy())
        if len(found) == 0:
            who = "" if persona is None else f" for persona {persona!r}"
            raise InvalidEditError(f"there is no step {step!r}{who}")
        before = self._state
        row_id = int(before.ids[found[0]])
        after, edit = set_cell(before, spec, row_id, str(spec.roles.emotion), value)
        edit = replace(edit, via="python")
        self._doc.commit(before, after, edit, None)
        return edit

    # -- outside the notebook ----------------------------------------------------------

    def save(self, path: str | os.PathLike[str]) -> pathlib.Path:
        """Write the curve to a journey file (its table, roles, scale, labels, evidence,
        title and description); return its path. See :mod:`cjm_widgets.keep`."""
        from ..keep import save

        return save(self, path)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> EmotionCurve:
        """The curve a journey file holds; a malformed file, or one holding a map, raises
        :class:`~cjm_widgets.JourneyFileError`."""
        from ..keep import load

        return load(path, cls)

    def points(self) -> pd.DataFrame:
        """The curve as a tidy table, one row per drawn point, in drawing order.

        Columns: ``position`` (the step's place on the x axis), ``persona``, ``stage``,
        ``step``, ``assumed`` (the team's emotion), ``n``, ``mean``, ``ci_low``,
        ``ci_high``, ``measured`` (whether evidence backs the point), ``value`` (the
        emotion the leading line draws), ``moment_of_truth``, ``pain`` and ``gain``. With a
        state column, ``state`` too, and ``persona`` names each line ("Ana, future"; the state
        alone without personas), current first.
        """
        states = () if self._comparison is None else self._comparison.states
        return curve_points(self._state.frame, self._curve_spec, self.line, states)

    def to_altair(self, width: int | None = None, height: int = 260) -> Any:
        """The same curve as an altair chart, for PDFs and static pages."""
        from ..export.altair import emotion_chart

        spec = self._curve_spec
        return emotion_chart(
            self.points(),
            scale=spec.roles.scale,
            ticks=spec.ticks,
            line=self.line,
            width=width,
            height=height,
        )

    def to_mermaid(self, *, persona: Hashable | None = None, title: str | None = None) -> str:
        """The curve as a Mermaid ``journey`` diagram, as :meth:`JourneyMap.to_mermaid` writes
        a map (``persona=`` draws one persona, ``title=`` overrides the curve's title). The
        line that leads (assumed, or measured where evidence backs a step) gives the scores."""
        from ..export.mermaid import curve_mermaid

        return curve_mermaid(self, persona=persona, title=title)


def step_positions(frame: pd.DataFrame, roles: Roles, states: Sequence[Any] = ()) -> np.ndarray:
    """Each row's place on the x axis, shared by every line (as the view's ``layoutSteps``).

    The lines are the personas' (each persona's states', current first, when ``roles`` has a
    state column; ``states`` gives their order, else first appearance), each line's rows in
    map order. Stages in map order; inside a stage, each line's steps are merged into the
    columns so far by longest common subsequence of step names (``js/src/shared/align.ts``):
    a step lines share sits at one position, every line keeps its order, a step only one line
    has is a position of its own (at a tie, the columns so far come first).
    """
    n = len(frame)
    order = {s: i for i, s in enumerate(stage_order(frame, roles))}
    ranks = frame[roles.stage].map(order).fillna(len(order)).astype(int).tolist()
    steps = frame[roles.step].astype(str).tolist()
    personas = frame[roles.persona].astype(str).tolist() if roles.persona is not None else [""] * n
    named = [str(s) for s in states]
    kinds = frame[roles.state].astype(str).tolist() if roles.state is not None else [""] * n
    line_of = {
        key: i
        for i, key in enumerate(
            sorted(
                dict.fromkeys(zip(personas, kinds, strict=True)),
                key=lambda k: (
                    personas.index(k[0]),
                    named.index(k[1]) if k[1] in named else len(named) + kinds.index(k[1]),
                ),
            )
        )
    }
    # Each stage's lines, each line's rows in map order (stage, then row order).
    by_stage: dict[int, list[list[int]]] = {}
    for row in sorted(range(n), key=lambda r: ranks[r]):
        lines = by_stage.setdefault(ranks[row], [[] for _ in line_of])
        lines[line_of[(personas[row], kinds[row])]].append(row)
    position = np.zeros(n, dtype=int)
    done = 0
    for rank in sorted(by_stage):
        columns: list[tuple[str, list[int]]] = []
        for rows in by_stage[rank]:
            columns = _merge_line(columns, rows, steps)
        for i, (_, members) in enumerate(columns):
            position[members] = done + i
        done += len(columns)
    return position


def _merge_line(
    columns: list[tuple[str, list[int]]], rows: list[int], steps: list[str]
) -> list[tuple[str, list[int]]]:
    """The columns (a step name, the rows in it) with one more line's rows matched in by
    longest common subsequence of names, or inserted where they stand."""
    # A shared start matches as it stands, as the merge below would match it (lines mostly
    # share their first steps): the quadratic table is only built for what follows.
    head = 0
    while head < min(len(columns), len(rows)) and columns[head][0] == steps[rows[head]]:
        head += 1
    start = [
        (name, [*members, row])
        for (name, members), row in zip(columns[:head], rows[:head], strict=True)
    ]
    middle, rest = columns[head:], rows[head:]
    n, m = len(middle), len(rest)
    lcs = np.zeros((n + 1, m + 1), dtype=np.int32)
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            lcs[i, j] = (
                lcs[i + 1, j + 1] + 1
                if middle[i][0] == steps[rest[j]]
                else max(lcs[i + 1, j], lcs[i, j + 1])
            )
    out: list[tuple[str, list[int]]] = start
    i = j = 0
    while i < n or j < m:
        if i < n and j < m and middle[i][0] == steps[rest[j]]:
            out.append((middle[i][0], [*middle[i][1], rest[j]]))
            i, j = i + 1, j + 1
        elif j >= m or (i < n and lcs[i + 1, j] >= lcs[i, j + 1]):
            out.append(middle[i])
            i += 1
        else:
            out.append((steps[rest[j]], [rest[j]]))
            j += 1
    return out


def curve_points(
    frame: pd.DataFrame, spec: CurveSpec, line: str, states: Sequence[Any] = ()
) -> pd.DataFrame:
    roles = spec.roles
    out = pd.DataFrame(
        {
            "position": step_positions(frame, roles, states),
            "persona": frame[roles.persona].astype(str).to_numpy()
            if roles.persona is not None
            else "",
            "stage": frame[roles.stage].astype(str).to_numpy(),
            "step": frame[roles.step].astype(str).to_numpy(),
            "assumed": frame[roles.emotion].to_numpy(dtype=float, na_value=np.nan),
        },
        index=frame.index,
    )
    if spec.evidence is not None:
        for field, values in spec.evidence.per_row(frame, roles).items():
            out[field] = values
    else:
        for field in _evidence.FIELDS:
            out[field] = np.nan
    out["measured"] = out["n"].fillna(0).to_numpy() > 0
    out["value"] = out["assumed"]
    if line == "measured":
        out["value"] = out["mean"].where(out["measured"], out["assumed"])
    for name in ("moment", "pain", "gain"):
        column = getattr(spec, name)
        target = "moment_of_truth" if name == "moment" else name
        if column is None:
            out[target] = None
            continue
        values = frame[column]
        if name == "moment":
            out[target] = [moment_or_text(v) for v in values]
        else:
            out[target] = [
                None if is_missing(v) or str(v).strip() == "" else str(v) for v in values
            ]
    rank = {p: i for i, p in enumerate(pd.unique(out["persona"]))}
    track = out["persona"].map(rank).to_numpy()
    if roles.state is not None:
        # A line per persona and state, current first: ``persona`` names the line ("Ana,
        # future"), so to_altair draws each apart.
        out["state"] = frame[roles.state].astype(str).to_numpy()
        named = [str(v) for v in states]
        kinds = {v: i for i, v in enumerate(dict.fromkeys([*named, *pd.unique(out["state"])]))}
        track = track * len(kinds) + out["state"].map(kinds).to_numpy()
        who = out["persona"].astype(str)
        out["persona"] = np.where(who == "", out["state"], who + ", " + out["state"])
    order = np.lexsort((out["position"].to_numpy(), track))
    return out.iloc[order]
