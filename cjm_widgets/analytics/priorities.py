"""What to act on first: importance against performance, opportunity scores, what-if funnels.

The inputs are small per-step results (of ``key_drivers``, ``survey_scores`` and ``funnel``),
so they are read into pandas whole; each result goes back as the kind of table given.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Hashable, Iterable
from typing import Any

import numpy as np
import pandas as pd

from ..errors import InvalidTableError, MissingColumnError
from ..table.lanes.priority import QUADRANTS
from ._engine import InvalidArgumentError, check_roles, check_table, raise_for_rows, source
from .surveys import INTERVALS

#: Ulwick's opportunity bands, highest first (their edges: see opportunity_scores).
LEVELS = ("extreme", "high", "solid", "low")

CUTS = ("mean", "midpoint")

# A value this close to a cut (relative to the cut) counts as on it: a mean of steps can
# miss one of them by a rounding error.
_ON_CUT = 1e-9

FUNNEL_COLUMNS = ("step", "paths", "conversion_from_first", "conversion_from_previous")

# The results' columns, after the ``by`` column when there is one.
_IPA_COLUMNS = (
    "step",
    "importance",
    "importance_ci_low",
    "importance_ci_high",
    "performance",
    "performance_ci_low",
    "performance_ci_high",
    "quadrant",
    "priority",
    "importance_cut",
    "performance_cut",
    "cut",
)
_OPPORTUNITY_COLUMNS = ("step", "importance", "satisfaction", "opportunity", "level", "rank")

Back = Callable[[pd.DataFrame], Any]
Input = tuple[str, Any, dict[str, Hashable], Hashable]  # name, table, roles, step column


def importance_performance(
    importance: Any,
    performance: Any,
    *,
    cut: str | tuple[float, float] = "mean",
    performance_col: Hashable = "mean",
    step: Hashable = "step",
    driver: Hashable = "driver",
    by: Hashable | None = None,
) -> Any:
    """Place each step in an importance-performance grid (Martilla & James, 1977).

    Importance (vertical axis) comes from a ``key_drivers`` table, one row per driver, a
    driver being a step label; performance (horizontal axis) from a ``survey_scores`` table,
    one row per step. The two are joined on driver label = step label (and on ``by``).

    ============== =================== =========================
    importance     performance below   performance at or above
    ============== =================== =========================
    at or above    concentrate here    keep up the good work
    below          low priority        possible overkill
    ============== =================== =========================

    A value equal to its cut counts as at or above it.

    Parameters
    ----------
    importance : table
        A ``key_drivers`` result: columns ``driver`` and ``importance``, with ``ci_low`` and
        ``ci_high`` carried when present (and ``by``).
    performance : table
        A ``survey_scores`` result: columns ``step`` and ``performance_col`` (and ``by``).
    cut : {"mean", "midpoint"} or (float, float)
        Where the axes are cut: at the mean importance and mean performance of the steps,
        at the midpoint of each axis's observed range ((min + max) / 2), or at the given
        ``(performance, importance)`` values. "mean" and "midpoint" cut each ``by`` group
        on its own.
    performance_col : str
        The score to plot, e.g. ``"mean"`` or ``"top2_share"``; its interval
        (``mean_ci_low``/``mean_ci_high``, ``top2_ci_low``/``top2_ci_high``, …) is carried
        when present.
    step : str
        The performance table's step column.
    driver : str
        The importance table's driver column.
    by : str, optional
        A group column both tables have, such as ``"persona"``: steps are compared and
        ranked within each group.

    Returns
    -------
    table
        The kind of ``performance``, one row per step in its row order, with columns
        ``[by,] step, importance, importance_ci_low, importance_ci_high, performance,
        performance_ci_low, performance_ci_high, quadrant, priority, importance_cut,
        performance_cut, cut``. ``priority`` ranks the steps of a group from 1 (act first):
        by quadrant in the order of :data:`QUADRANTS`, then by importance (highest first),
        then by performance (lowest first). ``cut`` is "mean", "midpoint" or "given".
    """
    cuts = _check_cut(cut)
    imp_roles = check_roles({"driver": driver, "importance": "importance", "by": by}, ("driver",))
    perf_roles = check_roles(
        {"step": step, "performance": performance_col, "by": by}, ("step", "performance")
    )
    keys = _check_by(by, _IPA_COLUMNS)
    # Read performance first: its kind and row order are the result's.
    perf, back, imp, rows = _joined(
        ("performance", performance, perf_roles, step),
        ("importance", importance, imp_roles, driver),
        by,
    )
    low, high = INTERVALS.get(
        str(performance_col), (f"{performance_col}_ci_low", f"{performance_col}_ci_high")
    )
    out = _keys(perf, step, by, keys)
    out["importance"] = _numbers(imp, "importance", "importance")[rows]
    out["importance_ci_low"] = _numbers(imp, "ci_low", "importance interval", optional=True)[rows]
    out["importance_ci_high"] = _numbers(imp, "ci_high", "importance interval", optional=True)[rows]
    out["performance"] = _numbers(perf, performance_col, "performance")
    out["performance_ci_low"] = _numbers(perf, low, "performance interval", optional=True)
    out["performance_ci_high"] = _numbers(perf, high, "performance interval", optional=True)
    groups = _groups(perf, by)
    if isinstance(cuts, tuple):
        out["importance_cut"], out["performance_cut"] = float(cuts[1]), float(cuts[0])
    else:
        for axis in ("importance", "performance"):
            values = out[axis].groupby(groups)
            mid = (
                values.transform("mean")
                if cuts == "mean"
                else ((values.transform("min") + values.transform("max")) / 2)
            )
            out[f"{axis}_cut"] = mid.to_numpy(dtype=float)
    high_importance = _at_or_above(out["importance"], out["importance_cut"])
    high_performance = _at_or_above(out["performance"], out["performance_cut"])
    # Position in QUADRANTS: 0 concentrate, 1 keep up, 2 low priority, 3 overkill.
    quadrant = np.where(high_importance, 0, 2) + high_performance
    out["quadrant"] = np.asarray(QUADRANTS, dtype=object)[quadrant]
    out["priority"] = _ranks(
        groups, quadrant, -out["importance"].to_numpy(), out["performance"].to_numpy()
    )
    out["cut"] = "given" if isinstance(cuts, tuple) else cuts
    return back(out[[*keys, *_IPA_COLUMNS]])


def opportunity_scores(
    importance: Any,
    satisfaction: Any,
    *,
    step: Hashable = "step",
    share: Hashable = "top2_share",
    by: Hashable | None = None,
) -> Any:
    """Ulwick's opportunity scores from an importance survey and a satisfaction survey.

    Both scores run 0–10: ten times the step's top-two-box share (the ``share`` column of a
    ``survey_scores`` table, asked "how important is …" in one survey and "how satisfied
    are you with …" in the other). ``opportunity = importance + max(importance −
    satisfaction, 0)``, so 0–20.

    ``level`` holds Ulwick's bands: "extreme" above 15, "high" from 12 up to 15 (15 itself
    is high), "solid" from 10 up to 12 (12 is high), "low" below 10. Scores are rounded to
    12 decimals first, so that 10 × 0.7 is 7 and a score on a band's edge stays on it.

    Parameters
    ----------
    importance : table
        Importance survey scores: columns ``step`` and ``share`` (and ``by``).
    satisfaction : table
        Satisfaction survey scores of the same steps: the same columns.
    step : str
        Both tables' step column.
    share : str
        Both tables' share column, shares from 0 to 1.
    by : str, optional
        A group column both tables have, such as ``"persona"``; ranks are within a group.

    Returns
    -------
    table
        The kind of ``importance``, one row per step in its row order, with columns
        ``[by,] step, importance, satisfaction, opportunity, level, rank``. ``rank`` runs
        from 1 (biggest opportunity) within a group; equal opportunities are ranked by
        importance (highest first), then by row order.
    """
    roles = check_roles({"step": step, "share": share, "by": by}, ("step", "share"))
    keys = _check_by(by, _OPPORTUNITY_COLUMNS)
    imp, back, sat, rows = _joined(
        ("importance", importance, roles, step), ("satisfaction", satisfaction, roles, step), by
    )
    out = _keys(imp, step, by, keys)
    out["importance"] = _score(imp, step, share, "importance")
    out["satisfaction"] = _score(sat, step, share, "satisfaction")[rows]
    gap = np.maximum(out["importance"] - out["satisfaction"], 0)
    out["opportunity"] = (out["importance"] + gap).round(12)
    score = out["opportunity"].to_numpy()
    bands = np.select([score > 15, score >= 12, score >= 10], [0, 1, 2], 3)
    out["level"] = np.asarray(LEVELS, dtype=object)[bands]
    out["rank"] = _ranks(_groups(imp, by), -score, -out["importance"].to_numpy())
    return back(out[[*keys, *_OPPORTUNITY_COLUMNS]])


def what_if(funnel_table: Any, step: Hashable, drop_off_change: float = -0.2) -> Any:
    """A funnel as it would be if the drop-off before one step changed.

    The drop-off at ``step`` is the share of paths that reached the step before it and did
    not reach ``step``: 1 − ``conversion_from_previous``. It changes by the relative amount
    ``drop_off_change`` (−0.2: it falls by a fifth), and every later step is assumed to
    convert from its previous step as before, so the paths at ``step`` and after it scale by
    one factor.

    Parameters
    ----------
    funnel_table : table
        A ``funnel`` result: columns ``step``, ``paths``, ``conversion_from_first`` and
        ``conversion_from_previous``.
    step : str
        The step whose drop-off changes; not the first step, which has none before it.
    drop_off_change : float
        The relative change, such that the new drop-off stays within 0–1 (−1 removes it).

    Returns
    -------
    table
        The kind of ``funnel_table``, with columns ``step, paths, paths_after,
        conversion_from_first, conversion_from_first_after, drop_off, drop_off_after``, the
        input's other columns, and ``assumption``: the change and its result in words, the
        same on every row. ``drop_off`` is missing for the first step.

    Examples
    --------
    >>> steps = ["home", "cart", "shipping details", "purchase"]
    >>> result = what_if(funnel(events, steps), "shipping details", -0.2)  # doctest: +SKIP
    >>> print(result["assumption"].iloc[0])  # polars: [0]          # doctest: +SKIP
    If drop-off at shipping details falls 20 % (from 45.0 % to 36.0 %) and later steps
    convert as before, purchase conversion goes from 17.0 % to 19.8 %.
    """
    change = _check_change(drop_off_change)
    # Conversions may be missing: a funnel has none after a step no path reached.
    table, back = _read(funnel_table, "funnel", {c: c for c in FUNNEL_COLUMNS}, complete=2)
    labels = table["step"].tolist()
    k = _funnel_step(labels, step)
    paths = _numbers(table, "paths", "paths")
    first = _numbers(table, "conversion_from_first", "conversion")
    previous = _numbers(table, "conversion_from_previous", "conversion")
    drop_off = 1 - previous
    drop_off[0] = np.nan  # the first step has no step before it to drop off from
    if previous[k] > 1:
        raise InvalidArgumentError(
            f"more paths reached {labels[k]!r} than {labels[k - 1]!r} before it (an open "
            "funnel?), so there is no drop-off to change; use a closed funnel"
        )
    if np.isnan(drop_off[k]):
        raise InvalidArgumentError(
            f"no path reached {labels[k - 1]!r}, the step before {labels[k]!r}, so there is "
            "no drop-off to change"
        )
    new = drop_off[k] * (1 + change)
    if not 0 <= new <= 1:
        raise InvalidArgumentError(
            f"drop_off_change {change:g} would take the drop-off at {labels[k]!r} from "
            f"{_percent(drop_off[k])} to {_percent(new)}, outside 0–100 %; it can change by "
            f"−1 (none left) to {1 / drop_off[k] - 1:.4g}"
        )
    if new == drop_off[k]:  # no change, or one too small to move a float
        paths_after, first_after = paths.copy(), first.copy()
    else:
        paths_after, first_after = _after(labels, k, new, paths, first, previous)
    drop_off_after = drop_off.copy()
    drop_off_after[k] = new
    out = pd.DataFrame(
        {
            "step": table["step"].to_numpy(),
            "paths": table["paths"].to_numpy(),
            "paths_after": paths_after,
            "conversion_from_first": first,
            "conversion_from_first_after": first_after,
            "drop_off": drop_off,
            "drop_off_after": drop_off_after,
        }
    )
    for column in table.columns:
        if column not in out.columns and column != "assumption":
            out[column] = table[column].to_numpy()
    out["assumption"] = _assumption(
        labels,
        k,
        change,
        (drop_off[k], new),
        (first[-1], out["conversion_from_first_after"].iloc[-1]),
    )
    return back(out)


def _after(
    labels: list[Any],
    k: int,
    drop_off: float,
    paths: np.ndarray,
    first: np.ndarray,
    previous: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Paths and conversions from the first step with the drop-off at step ``k`` changed
    to ``drop_off`` and the later steps converting as before.

    Step by step, as products of conversions: in a closed funnel these stay within 0–1
    (a scaling factor could carry a conversion of 1 past 1 by a rounding error).
    """
    if previous[k] == 0 and k < len(labels) - 1:
        raise InvalidArgumentError(
            f"no path reached {labels[k]!r}, so how the steps after it convert is unknown"
        )
    converts = min(max(1 - drop_off, 0.0), 1.0)
    paths_after, first_after = paths.copy(), first.copy()
    paths_after[k], first_after[k] = paths[k - 1] * converts, first[k - 1] * converts
    for j in range(k + 1, len(labels)):
        # After a step no path reaches, none reach the later ones either.
        rate = previous[j] if paths_after[j - 1] else 0.0
        paths_after[j], first_after[j] = paths_after[j - 1] * rate, first_after[j - 1] * rate
    return paths_after, first_after


def _assumption(
    labels: list[Any], k: int, change: float, drop: tuple[float, float], last: tuple[float, float]
) -> str:
    """The what-if in words: the change at step ``k`` and the last step's conversion."""
    later = " and later steps convert as before" if k < len(labels) - 1 else ""
    outcome = f"{labels[-1]} conversion"
    if change == 0:
        return (
            f"If drop-off at {labels[k]} stays at {_percent(drop[0])}{later}, {outcome} "
            f"stays at {_percent(last[0])}."
        )
    size = abs(change) * 100
    amount = f"{size:.1f}".removesuffix(".0") if size >= 0.1 else f"{size:.2g}"
    moves = "falls" if change < 0 else "rises"
    return (
        f"If drop-off at {labels[k]} {moves} {amount} % (from {_percent(drop[0])} to "
        f"{_percent(drop[1])}){later}, {outcome} goes from {_percent(last[0])} to "
        f"{_percent(last[1])}."
    )


def _percent(share: float) -> str:
    return "an unknown share" if math.isnan(share) else f"{share * 100:.1f} %"


def _read(
    table: Any, argument: str, roles: dict[str, Hashable], complete: int | None = None
) -> tuple[pd.DataFrame, Back]:
    """A small result table as pandas, and how to give a result back as its kind; raise for
    a missing role column, no rows, or missing values in the first ``complete`` role
    columns (all of them by default)."""
    check_table(table, argument)
    back: Back
    if isinstance(table, pd.DataFrame):
        # Already in memory: read as it is (DuckDB would refuse some of its text).
        frame, back = table, _as_given
    else:
        src = source(table)
        frame, back = src.lazy.collect("pandas").to_native(), src.back
    if isinstance(frame.columns, pd.MultiIndex) or not frame.columns.is_unique:
        raise InvalidTableError(f"the {argument} table repeats a column name or has a MultiIndex")
    for role, column in roles.items():
        if column not in frame.columns:
            raise MissingColumnError(column, f"{argument} table's {role}", list(frame.columns))
    required = dict(list(roles.items())[:complete])
    missing = {role: int(frame[column].isna().sum()) for role, column in required.items()}
    raise_for_rows(len(frame), missing, required, f"{argument} table")
    return frame, back


def _as_given(frame: pd.DataFrame) -> pd.DataFrame:
    return frame


def _numbers(
    frame: pd.DataFrame, column: Hashable, role: str, *, optional: bool = False
) -> np.ndarray:
    """A column's finite numbers (missing ones as NaN); NaN throughout for an optional
    column the table does not have."""
    if column not in frame.columns:
        if optional:
            return np.full(len(frame), np.nan)
        raise MissingColumnError(column, role, list(frame.columns))
    values = frame[column]
    if not pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
        raise InvalidTableError(
            f"{role} column {column!r} has dtype {values.dtype}; expected numbers"
        )
    numbers_ = values.to_numpy(dtype=float, na_value=np.nan)
    if np.isinf(numbers_).any():
        raise InvalidTableError(f"{role} column {column!r} holds infinite values")
    return numbers_


def _score(frame: pd.DataFrame, step: Hashable, share: Hashable, what: str) -> np.ndarray:
    """Ten times a top-two-box share; raise for shares outside 0–1."""
    shares = _numbers(frame, share, f"{what} share")
    off = (shares < 0) | (shares > 1)
    if off.any():
        at = int(np.argmax(off))
        raise InvalidTableError(
            f"share column {share!r} of the {what} table holds {int(off.sum())} values outside "
            f"0–1, e.g. {shares[at]:g} at step {frame[step].iloc[at]!r}; opportunity scores "
            "take top-two-box shares"
        )
    return np.round(shares * 10, 12)


def _check_cut(cut: Any) -> str | tuple[float, float]:
    if isinstance(cut, str) and cut in CUTS:
        return cut
    if isinstance(cut, Iterable) and not isinstance(cut, str | bytes):
        values = list(cut)
        if len(values) == 2 and all(_is_number(v) for v in values):
            return float(values[0]), float(values[1])
    raise InvalidArgumentError(
        f"cut must be 'mean', 'midpoint' or two numbers (performance, importance); got {cut!r}"
    )


def _check_change(change: Any) -> float:
    if not _is_number(change):
        raise InvalidArgumentError(
            f"drop_off_change must be a number, e.g. -0.2 for a fall of 20 %; got {change!r}"
        )
    return float(change)


def _is_number(value: Any) -> bool:
    return (
        isinstance(value, numbers.Real)
        and not isinstance(value, bool | np.bool_)
        and math.isfinite(value)
    )


def _check_by(by: Hashable | None, columns: tuple[str, ...]) -> list[Hashable]:
    """The result's key columns; raise for a ``by`` named as one of the result's columns."""
    if by is None:
        return []
    if by in columns:
        raise InvalidArgumentError(
            f"by column {by!r} has the name of a column of the result; rename it"
        )
    return [by]


def _keys(
    frame: pd.DataFrame, step: Hashable, by: Hashable | None, keys: list[Hashable]
) -> pd.DataFrame:
    """The result's first columns: ``by`` (when given) and ``step``, from ``frame``."""
    out = pd.DataFrame({key: frame[key].to_numpy() for key in keys})
    out["step"] = frame[step].to_numpy()
    return out


def _positions(
    frame: pd.DataFrame, step: Hashable, by: Hashable | None, what: str
) -> dict[tuple[Any, ...], int]:
    """Each row's (step, group) key -> its row; raise for a key on two rows."""
    columns = [frame[step].tolist()] + ([frame[by].tolist()] if by is not None else [])
    positions: dict[tuple[Any, ...], int] = {}
    for row, key in enumerate(zip(*columns, strict=True)):
        if key in positions:
            hint = f" and {by}" if by is not None else "; pass by=... for a row per group"
            raise InvalidTableError(
                f"the {what} table has two rows for {_show(key, by)}; it needs one row per "
                f"step{hint}"
            )
        positions[key] = row
    return positions


def _joined(
    first: Input, second: Input, by: Hashable | None
) -> tuple[pd.DataFrame, Back, pd.DataFrame, np.ndarray]:
    """Two tables read as pandas: the first, how to give a result back as its kind, the
    second, and the row of the second for each row of the first. Raise naming the steps
    only one of the two has."""
    (name, table, roles, step), (other, other_table, other_roles, other_step) = first, second
    frame, back = _read(table, name, roles)
    other_frame, _ = _read(other_table, other, other_roles)
    left = _positions(frame, step, by, name)
    right = _positions(other_frame, other_step, by, other)
    names = (name, other)
    only = [[k for k in left if k not in right], [k for k in right if k not in left]]
    if any(only):
        said = "; ".join(
            f"only in {table_name}: {_listed([_show(k, by) for k in keys])}"
            for table_name, keys in zip(names, only, strict=True)
            if keys
        )
        raise InvalidTableError(
            f"the {names[0]} and {names[1]} tables have different steps ({said}); give "
            "both tables the same steps, spelled the same"
        )
    rows = np.array([right[key] for key in left], dtype=np.int64)
    return frame, back, other_frame, rows


def _show(key: tuple[Any, ...], by: Hashable | None) -> str:
    return repr(key[0]) + (f" ({by} {key[1]!r})" if len(key) > 1 else "")


def _listed(items: list[str], most: int = 10) -> str:
    more = f" and {len(items) - most} more" if len(items) > most else ""
    return ", ".join(items[:most]) + more


def _groups(frame: pd.DataFrame, by: Hashable | None) -> np.ndarray:
    """Each row's group number (0 for every row without ``by``)."""
    if by is None:
        return np.zeros(len(frame), dtype=np.int64)
    return pd.factorize(frame[by])[0]


def _at_or_above(values: pd.Series, cuts: pd.Series) -> np.ndarray:
    value, cut = values.to_numpy(dtype=float), cuts.to_numpy(dtype=float)
    return (value >= cut) | np.isclose(value, cut, rtol=_ON_CUT, atol=0)


def _ranks(groups: np.ndarray, *keys: Any) -> np.ndarray:
    """Ranks 1..n within each group, ordered by ``keys`` (most significant first), ties by
    row order."""
    order = np.lexsort((np.arange(len(groups)), *reversed(keys), groups))
    ranks = np.empty(len(groups), dtype=np.int64)
    ranks[order] = pd.Series(groups[order]).groupby(groups[order]).cumcount().to_numpy() + 1
    return ranks


def _funnel_step(labels: list[Any], step: Hashable) -> int:
    """The position of ``step`` among a funnel's labels, past the first."""
    found = [i for i, label in enumerate(labels) if label == step]
    if not found:
        raise InvalidArgumentError(
            f"step {step!r} is not in the funnel; its steps: {_listed([repr(s) for s in labels])}"
        )
    if len(found) > 1:
        raise InvalidTableError(f"the funnel lists step {step!r} {len(found)} times")
    if found[0] == 0:
        raise InvalidArgumentError(
            f"step {step!r} is the funnel's first step: no step comes before it, so it has no "
            "drop-off to change"
        )
    return found[0]
