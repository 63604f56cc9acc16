"""Roles, lanes and the checks a steps table must pass before it is drawn."""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd
from pandas.api import types as ptypes

from ..errors import (
    DuplicateStepError,
    InvalidArgumentError,
    InvalidEmotionError,
    InvalidLaneError,
    InvalidTableError,
    MissingColumnError,
    MissingValueError,
)
from .groups import check_group, infer_group
from .lanes import KINDS, infer_kind
from .lanes.emotion import find_emotion_column
from .lanes.number import FORMATS, lane_format, parse_format
from .lanes.priority import KIND as PRIORITY
from .lanes.priority import priority_form
from .values import same_value, writable

LANE_KINDS = tuple(KINDS)


@dataclass(frozen=True)
class Lane:
    """One row of the map, drawn from one column.

    Parameters
    ----------
    column
        The DataFrame column the lane shows and edits.
    kind
        One of ``text``, ``channel``, ``emotion``, ``number``, ``moment`` (moment of
        truth; ``flag``, its older name, is read as ``moment``) or ``priority`` (a rank or
        an importance–performance quadrant);
        inferred from the column's name and dtype when ``None``.
    label
        The lane's title on the map; the column name, humanised, when ``None``.
    format
        How a number lane writes its values: ``"number"``, ``"percent"`` (0.69 is 69%) or
        ``"duration"`` (seconds), optionally with decimals (``"percent:1"``); read from the
        column's name when ``None`` (``exit_rate`` is a percentage, ``median_seconds`` a
        duration). A priority lane's form, ``"rank"`` or ``"quadrant"``: read from its values
        when ``None``.
    group
        The lane's group in a service blueprint: ``"evidence"`` (physical evidence),
        ``"customer"`` (customer actions), ``"frontstage"``, ``"backstage"`` or ``"support"``
        (support processes); for a text or channel lane, read from the column's name when
        ``None`` (``front office``, ``coulisses``…, see :mod:`cjm_widgets.table.groups`).
    """

    column: Hashable
    kind: str | None = None
    label: str | None = None
    format: str | None = None
    group: str | None = None

    def __post_init__(self) -> None:
        try:
            hash(self.column)
        except TypeError:
            raise InvalidLaneError(
                f"a lane names one column, not {type(self.column).__name__} {self.column!r}"
            ) from None
        if self.kind == "flag":  # the older name of the moment-of-truth kind
            object.__setattr__(self, "kind", "moment")
        if self.kind is not None and self.kind not in LANE_KINDS:
            raise InvalidLaneError(
                f"lane {self.column!r}: kind {self.kind!r} is not one of {', '.join(LANE_KINDS)}"
            )
        if self.label is not None and (not isinstance(self.label, str) or unfit(self.label, False)):
            raise InvalidLaneError(f"lane {self.column!r}: label {self.label!r} is not text")
        if self.kind != "priority":
            parse_format(self.column, self.format)
        check_group(self.column, self.group)


@dataclass(frozen=True)
class Roles:
    """Which columns play the journey's structural roles."""

    stage: Hashable = "stage"
    step: Hashable = "step"
    emotion: Hashable | None = "emotion"
    persona: Hashable | None = None
    scale: tuple[float, float] = (-3, 3)
    #: The column naming each row's state (current or future), a grouping like persona.
    state: Hashable | None = None

    @property
    def structural(self) -> tuple[Hashable, ...]:
        return tuple(c for c in (self.stage, self.step, self.persona, self.state) if c is not None)


# Kept in capitals when a column name is humanised into a lane title.
_ACRONYMS = frozenset({"csat", "nps", "ces", "kpi", "id", "url", "faq", "cta", "sla", "crm", "ux"})


def check_one_column(value: Any, name: str) -> None:
    """Raise :class:`InvalidArgumentError` when an argument meant to name one column (``name=``)
    cannot be a column's name (a list, a dict...)."""
    try:
        hash(value)
    except TypeError:
        raise InvalidArgumentError(
            f"{name}= names one column, not {type(value).__name__} {value!r}"
        ) from None


def humanise(column: Hashable) -> str:
    """A lane title from a column name: ``exit_rate`` -> "Exit rate", ``csat`` -> "CSAT".

    Names the user already cased (``NPS score``, ``eBay``) keep their casing.
    """
    words = str(column).replace("_", " ").split()
    words = [w.upper() if w.lower() in _ACRONYMS and w.islower() else w for w in words]
    if words and words[0].islower():
        words[0] = words[0][:1].upper() + words[0][1:]
    return " ".join(words)


def resolve_lanes(
    frame: pd.DataFrame,
    roles: Roles,
    lanes: Sequence[Lane | Hashable] | None,
    forms: Mapping[Hashable, str] | None = None,
) -> list[Lane]:
    """Turn the caller's lane list (or the default) into lanes with kinds and labels.

    A priority lane gets its form (``format``: ``"rank"`` or ``"quadrant"``) from its values;
    ``forms`` gives the form a column with no value keeps. A number lane's format, when not
    declared, is read from its name and values (see ``lane_format``) unless ``forms`` keeps one.
    """
    if lanes is None:
        chosen: list[Lane | Hashable] = [c for c in frame.columns if c not in roles.structural]
    elif isinstance(lanes, (str, bytes, Lane)) or not isinstance(lanes, Iterable):
        raise InvalidLaneError(f"lanes= takes a list of columns or Lane objects, not {lanes!r}")
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
        kind = lane.kind or ("emotion" if lane.column == roles.emotion else None)
        kind = kind or infer_kind(series, lane.column)
        if kind == "emotion" and lane.column != roles.emotion:
            raise InvalidLaneError(
                f"lane {lane.column!r} is declared as an emotion lane but the emotion column "
                f"is {roles.emotion!r}; pass emotion={lane.column!r}"
            )
        form = lane.format
        if kind == "priority":
            form = form or priority_form(series, (forms or {}).get(lane.column))
            PRIORITY.check_form(series, lane.column, form)
        else:
            KINDS[kind].check_column(series, lane.column)
        if kind == "number" and form is None:
            # Read once, from the table as it is now (or as ``forms`` kept it): an edit never
            # changes how the lane reads and writes its numbers (one value out of 0…1 would
            # turn a share into a plain number while its view still shows percentages).
            kept = (forms or {}).get(lane.column)
            form = kept if kept in FORMATS else lane_format(Lane(lane.column), series)["style"]
        if form is not None and kind not in ("number", "priority"):
            raise InvalidLaneError(
                f"lane {lane.column!r}: only number and priority lanes take a format"
            )
        label = lane.label or humanise(lane.column)
        group = infer_group(lane.column, kind, lane.group)
        resolved.append(Lane(lane.column, kind, label, form, group))
    return resolved


def _role_of(column: Hashable, roles: Roles) -> str:
    for role in ("stage", "step", "persona", "state"):
        if getattr(roles, role) == column:
            return role
    return "role"


def check_roles(frame: pd.DataFrame, roles: Roles, *, emotion_explicit: bool) -> Roles:
    """Check the table and that the role columns exist.

    An absent default emotion column is looked for under its usual names (``émotion``,
    ``feeling``…) and dropped when none is there.
    """
    for role in ("stage", "step", "emotion", "persona"):
        try:
            hash(getattr(roles, role))
        except TypeError:
            raise InvalidTableError(
                f"{role}= names one column, not {type(getattr(roles, role)).__name__} "
                f"{getattr(roles, role)!r}"
            ) from None
    for role in ("stage", "step"):
        if getattr(roles, role) is None:
            raise InvalidTableError(f"{role}= must name a column of the table")
    named = [c for c in (roles.stage, roles.step, roles.persona) if c is not None]
    if len(set(named)) < len(named):
        raise InvalidTableError(
            f"stage, step and persona must be three columns, not {named!r}: each plays one role"
        )
    check_table(frame, roles)
    columns = list(frame.columns)
    for role in ("stage", "step", "persona"):
        column = getattr(roles, role)
        if column is not None and column not in frame.columns:
            raise MissingColumnError(column, role, columns)
    if roles.emotion is not None and roles.emotion not in frame.columns:
        if emotion_explicit:
            raise MissingColumnError(roles.emotion, "emotion", columns)
        taken = set(roles.structural)
        found = find_emotion_column([c for c in columns if c not in taken])
        roles = replace(roles, emotion=found)  # the state column kept
    return roles


def check_scale(scale: Any) -> tuple[float, float]:
    """The emotion scale as two floats, low < high; raise a clear error for anything else."""
    try:
        lo, hi = (float(v) for v in scale)
    except (TypeError, ValueError, OverflowError):
        raise InvalidEmotionError(
            f"scale must be two numbers, low and high, e.g. (-3, 3); not {scale!r}"
        ) from None
    if isinstance(scale, (str, bytes)) or not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
        raise InvalidEmotionError(f"scale {scale!r} must be two finite numbers, low < high")
    return (lo, hi)


def check_table(frame: pd.DataFrame, roles: Roles) -> None:
    """Raise a clear error for a table no map can show: its shape, then its text values."""
    if isinstance(frame.columns, pd.MultiIndex):
        raise InvalidTableError(
            "the table has MultiIndex columns; flatten them first, e.g. "
            "df.columns = [' '.join(map(str, c)) for c in df.columns]"
        )
    duplicated = frame.columns[frame.columns.duplicated()].unique().tolist()
    if duplicated:
        raise InvalidTableError(
            f"the table has more than one column named {duplicated[0]!r}; give each column "
            "its own name"
        )
    for column in frame.columns:
        if unfit(column, False):
            raise InvalidTableError(f"column name {column!r}: {unfit(column, False)}")
        series = frame[column]
        if isinstance(series.dtype, (pd.IntervalDtype, pd.SparseDtype)):
            raise InvalidTableError(
                f"column {column!r} ({series.dtype}) cannot be shown or edited in a map; convert "
                f"it first, e.g. df[{column!r}] = df[{column!r}].astype(str)"
            )
        if isinstance(series.dtype, pd.CategoricalDtype):
            for category in series.cat.categories:
                if unfit(category, False):
                    raise InvalidTableError(
                        f"column {column!r}, category {category!r}: {unfit(category, False)}"
                    )
            continue
        if not ptypes.is_object_dtype(series.dtype) or _plain_text_or_numbers(series):
            continue
        for label, value in series.items():
            why = unfit(value, column in roles.structural)
            if why:
                raise InvalidTableError(f"column {column!r}, row {plain(label)!r}: {why}")


def _check_distinct_text(series: pd.Series, role: str, column: Hashable) -> None:
    """Values the map tells apart by their text must not print the same (1 and "1")."""
    seen: dict[str, Any] = {}
    for value in pd.unique(series.dropna()):
        twin = seen.setdefault(str(value), value)
        if twin is not value and not same_value(twin, value):
            raise InvalidTableError(
                f"{role} column {column!r} holds {twin!r} and {value!r}, which read the same; "
                "make them one value or two names"
            )


def _plain_text_or_numbers(series: pd.Series) -> bool:
    """Whether an object column surely holds nothing :func:`unfit` refuses (checked at once)."""
    kind = ptypes.infer_dtype(series, skipna=True)
    if kind in ("empty", "integer", "floating", "mixed-integer-float", "boolean", "decimal"):
        return True
    if kind != "string":
        return False
    return writable("".join(series.dropna()))


def unfit(value: Any, structural: bool) -> str:
    """Why a value cannot be drawn (empty when it can)."""
    if isinstance(value, str):
        if not writable(value):
            return f"{value!r} holds a lone surrogate, which is not text; clean it first"
        return ""
    if isinstance(value, (bytes, bytearray)):
        return f"{value!r} is bytes; decode the column first, e.g. df[col].str.decode('utf-8')"
    if structural and isinstance(value, (list, tuple, dict, set, pd.Series, np.ndarray)):
        return f"a {type(value).__name__} cannot name a stage, step or persona"
    return ""


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
    for role in ("stage", "step", "persona"):
        column = getattr(roles, role)
        if column is None:
            continue
        missing = frame[column].isna()
        if missing.any():
            raise MissingValueError(
                f"{role} column {column!r} is empty in rows {_labels(frame, missing)}"
            )
    for role in ("stage", "step", "persona"):
        column = getattr(roles, role)
        if column is not None:
            _check_distinct_text(frame[column], role, column)
    keys = [c for c in (roles.persona, roles.state) if c is not None] + [roles.step]
    duplicated = frame.duplicated(subset=keys, keep=False)
    if duplicated.any():
        first = plain(frame[roles.step][duplicated.to_numpy()].iloc[0])
        where = "" if roles.persona is None else " within one persona"
        if roles.state is not None:  # the same step may stand in both states
            where = f"{where or ' within one'} state".replace("persona state", "persona and state")
        hint = ""
        if roles.persona is None and "persona" in frame.columns:
            hint = "; if each persona has its own rows, pass persona='persona'"
        elif roles.state is None and "state" in frame.columns:
            hint = "; if the table holds a current and a future state, pass state='state'"
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
    if ptypes.is_complex_dtype(series.dtype):
        raise InvalidEmotionError(
            f"emotion column {roles.emotion!r} holds complex numbers; emotions are real numbers"
        )
    lo, hi = roles.scale
    off = ((series < lo) | (series > hi)).fillna(False).astype(bool)
    if off.any():
        value = plain(series[off.to_numpy()].iloc[0])
        raise InvalidEmotionError(
            f"emotion {value!r} in column {roles.emotion!r} is off the scale {lo:g}…{hi:g} "
            f"(rows {_labels(series.to_frame(), off)})"
        )


def stage_order(frame: pd.DataFrame, roles: Roles) -> list[Hashable]:
    """Stages in map order: the categorical order if any, else first appearance."""
    series = frame[roles.stage]
    if isinstance(series.dtype, pd.CategoricalDtype):
        used = set(series.dropna().unique())
        return [c for c in series.cat.categories if c in used]
    return list(pd.unique(series.dropna()))
