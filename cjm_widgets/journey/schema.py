"""Roles, lanes and the checks a steps table must pass before it is drawn."""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import pandas as pd
from pandas.api import types as ptypes

from .errors import (
    DuplicateStepError,
    InvalidEmotionError,
    InvalidLaneError,
    MissingColumnError,
    MissingValueError,
)

LANE_KINDS = ("text", "channel", "emotion", "number", "flag")
FLAG_KINDS = ("one-off", "cross-journey")

_CHANNEL_NAMES = {"channel", "channels", "canal", "canaux"}
_FLAG_NAMES = {"moment_of_truth", "moments_of_truth", "mot", "moment de vérité"}


@dataclass(frozen=True)
class Lane:
    """One row of the map, drawn from one column.

    Parameters
    ----------
    column
        The DataFrame column the lane shows and edits.
    kind
        One of ``text``, ``channel``, ``emotion``, ``number`` or ``flag``;
        inferred from the column's name and dtype when ``None``.
    label
        The lane's title on the map; the column name, humanised, when ``None``.
    """

    column: Hashable
    kind: str | None = None
    label: str | None = None

    def __post_init__(self) -> None:
        if self.kind is not None and self.kind not in LANE_KINDS:
            raise InvalidLaneError(
                f"lane {self.column!r}: kind {self.kind!r} is not one of {', '.join(LANE_KINDS)}"
            )


@dataclass(frozen=True)
class Roles:
    """Which columns play the journey's structural roles."""

    stage: Hashable = "stage"
    step: Hashable = "step"
    emotion: Hashable | None = "emotion"
    persona: Hashable | None = None
    scale: tuple[float, float] = (-3, 3)

    @property
    def structural(self) -> tuple[Hashable, ...]:
        return tuple(c for c in (self.stage, self.step, self.persona) if c is not None)


def humanise(column: Hashable) -> str:
    text = str(column).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def _looks_like_flag(series: pd.Series) -> bool:
    values = series.dropna()
    if len(values) == 0 or not (
        ptypes.is_object_dtype(series.dtype) or ptypes.is_string_dtype(series.dtype)
    ):
        return False
    return set(values.astype(str).str.strip()) - {""} <= set(FLAG_KINDS)


def infer_kind(series: pd.Series, column: Hashable, roles: Roles) -> str:
    """The lane kind a column gets when none is declared."""
    name = str(column).strip().lower()
    if column == roles.emotion:
        return "emotion"
    if name in _FLAG_NAMES or _looks_like_flag(series):
        return "flag"
    if name in _CHANNEL_NAMES:
        return "channel"
    if ptypes.is_bool_dtype(series.dtype):
        return "text"
    if ptypes.is_numeric_dtype(series.dtype):
        return "number"
    return "text"


def resolve_lanes(
    frame: pd.DataFrame, roles: Roles, lanes: Sequence[Lane | Hashable] | None
) -> list[Lane]:
    """Turn the caller's lane list (or the default) into lanes with kinds and labels."""
    if lanes is None:
        chosen: list[Lane | Hashable] = [c for c in frame.columns if c not in roles.structural]
    else:
        chosen = list(lanes)
    resolved: list[Lane] = []
    seen: set[Hashable] = set()
    for item in chosen:
        lane = item if isinstance(item, Lane) else Lane(item)
        if lane.column not in frame.columns:
            raise MissingColumnError(lane.column, "lane", list(frame.columns))
        if lane.column in seen:
            raise InvalidLaneError(f"lane {lane.column!r} is listed twice")
        if lane.column in roles.structural:
            raise InvalidLaneError(
                f"column {lane.column!r} is the journey's {_role_of(lane.column, roles)} "
                "and cannot also be a lane"
            )
        seen.add(lane.column)
        series = frame[lane.column]
        kind = lane.kind or infer_kind(series, lane.column, roles)
        if kind == "emotion" and lane.column != roles.emotion:
            raise InvalidLaneError(
                f"lane {lane.column!r} is declared as an emotion lane but the emotion column "
                f"is {roles.emotion!r}; pass emotion={lane.column!r}"
            )
        if kind == "number" and not (
            ptypes.is_numeric_dtype(series.dtype) and not ptypes.is_bool_dtype(series.dtype)
        ):
            raise InvalidLaneError(
                f"lane {lane.column!r} is declared as a number lane but its dtype is {series.dtype}"
            )
        resolved.append(Lane(lane.column, kind, lane.label or humanise(lane.column)))
    return resolved


def _role_of(column: Hashable, roles: Roles) -> str:
    for role in ("stage", "step", "persona"):
        if getattr(roles, role) == column:
            return role
    return "role"


def check_roles(frame: pd.DataFrame, roles: Roles, *, emotion_explicit: bool) -> Roles:
    """Check that the role columns exist; drop a default emotion column that is absent."""
    columns = list(frame.columns)
    for role in ("stage", "step", "persona"):
        column = getattr(roles, role)
        if column is not None and column not in frame.columns:
            raise MissingColumnError(column, role, columns)
    if roles.emotion is not None and roles.emotion not in frame.columns:
        if emotion_explicit:
            raise MissingColumnError(roles.emotion, "emotion", columns)
        roles = Roles(roles.stage, roles.step, None, roles.persona, roles.scale)
    lo, hi = roles.scale
    if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
        raise InvalidEmotionError(f"scale {roles.scale!r} must be two finite numbers, low < high")
    return roles


def plain(value: object) -> object:
    """A value as a message shows it: numpy scalars as plain Python ones."""
    item = getattr(value, "item", None)
    return item() if callable(item) and getattr(value, "ndim", None) == 0 else value


def _labels(frame: pd.DataFrame, mask: pd.Series) -> str:
    shown = [repr(plain(x)) for x in frame.index[mask.to_numpy()][:5]]
    more = int(mask.sum()) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def check_frame(frame: pd.DataFrame, roles: Roles) -> None:
    """Raise a clear error for missing labels, duplicate steps or a bad emotion column."""
    for role in ("stage", "step"):
        column = getattr(roles, role)
        missing = frame[column].isna()
        if missing.any():
            raise MissingValueError(
                f"{role} column {column!r} is empty in rows {_labels(frame, missing)}"
            )
    keys = [roles.step] if roles.persona is None else [roles.persona, roles.step]
    duplicated = frame.duplicated(subset=keys, keep=False)
    if duplicated.any():
        first = plain(frame[roles.step][duplicated.to_numpy()].iloc[0])
        where = "" if roles.persona is None else " within one persona"
        hint = ""
        if roles.persona is None and "persona" in frame.columns:
            hint = "; if each persona has its own rows, pass persona='persona'"
        raise DuplicateStepError(
            f"step {first!r} appears more than once{where} (rows {_labels(frame, duplicated)})"
            f"{hint}"
        )
    if roles.emotion is not None:
        check_emotions(frame[roles.emotion], roles)


def check_emotions(series: pd.Series, roles: Roles) -> None:
    if ptypes.is_bool_dtype(series.dtype) or not ptypes.is_numeric_dtype(series.dtype):
        if series.notna().sum() == 0:
            raise InvalidEmotionError(
                f"emotion column {roles.emotion!r} has no values and dtype {series.dtype}; give "
                f"it a numeric dtype: df[{roles.emotion!r}] = df[{roles.emotion!r}].astype(float)"
            )
        numeric = pd.to_numeric(series, errors="coerce")
        bad = numeric.isna() & series.notna()
        value = plain(series[bad.to_numpy()].iloc[0] if bad.any() else series.dropna().iloc[0])
        raise InvalidEmotionError(
            f"emotion column {roles.emotion!r} must be numeric (dtype {series.dtype}); "
            f"value {value!r} is not a number"
        )
    lo, hi = roles.scale
    off = (series < lo) | (series > hi)
    if off.any():
        value = plain(series[off.to_numpy()].iloc[0])
        raise InvalidEmotionError(
            f"emotion {value!r} in column {roles.emotion!r} is off the scale {lo}…{hi} "
            f"(rows {_labels(series.to_frame(), off)})"
        )


def stage_order(frame: pd.DataFrame, roles: Roles) -> list[Hashable]:
    """Stages in map order: the categorical order if any, else first appearance."""
    series = frame[roles.stage]
    if isinstance(series.dtype, pd.CategoricalDtype):
        used = set(series.dropna().unique())
        return [c for c in series.cat.categories if c in used]
    return list(pd.unique(series.dropna()))
