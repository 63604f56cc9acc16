"""Evidence behind an emotion curve: n, mean and a 95% interval per step (and persona).

Evidence comes in one of three shapes:

- individual responses: a table with a ``score`` column, one row per answer, keyed by
  step (and persona); aggregated here into n, mean and a t interval;
- per-step summaries: a table with ``n``, ``mean``, ``ci_low`` and ``ci_high`` (or
  :func:`cjm_widgets.analytics.survey_scores`' ``mean_ci_low`` / ``mean_ci_high``);
- columns of the steps table itself: a mapping ``{"n": ..., "mean": ..., "ci_low": ...,
  "ci_high": ...}`` naming them, so the evidence moves with its rows.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from pandas.api import types as ptypes

from ..errors import EvidenceError, InvalidTableError, MissingColumnError
from ..stats import mean_interval
from .frames import to_pandas
from .schema import Roles, plain
from .values import writable

FIELDS = ("n", "mean", "ci_low", "ci_high")
_ALIASES = {"ci_low": ("ci_low", "mean_ci_low"), "ci_high": ("ci_high", "mean_ci_high")}
# The first float past int64: counts at or above it cannot be held as Int64.
_COUNT_LIMIT = 2.0**63


@dataclass(frozen=True)
class Evidence:
    """Evidence in one of its two stored forms.

    ``table`` holds one row per (persona, step) key with columns ``n``, ``mean``,
    ``ci_low`` and ``ci_high``; ``columns`` names the steps table's own columns instead.
    """

    table: pd.DataFrame | None = None
    columns: Mapping[str, Hashable] | None = None

    def per_row(self, frame: pd.DataFrame, roles: Roles) -> dict[str, np.ndarray]:
        """n, mean, ci_low and ci_high aligned to the steps table's rows (NaN: none)."""
        if self.columns is not None:
            return {
                f: frame[self.columns[f]].to_numpy(dtype=float, na_value=np.nan) for f in FIELDS
            }
        assert self.table is not None
        keys = _row_keys(frame, roles)
        found = self.table.reindex(pd.MultiIndex.from_arrays(keys, names=["persona", "step"]))
        return {f: found[f].to_numpy(dtype=float, na_value=np.nan) for f in FIELDS}


def _row_keys(frame: pd.DataFrame, roles: Roles) -> list[list[str]]:
    steps = [str(s) for s in frame[roles.step]]
    if roles.persona is None:
        return [[""] * len(frame), steps]
    return [[str(p) for p in frame[roles.persona]], steps]


def _shown(values: Any, limit: int = 5) -> str:
    values = list(values)
    text = ", ".join(repr(plain(v)) for v in values[:limit])
    return text + (f" and {len(values) - limit} more" if len(values) > limit else "")


def prepare(evidence: Any, frame: pd.DataFrame, roles: Roles) -> Evidence | None:
    """Check evidence against the steps table and bring it to one of the stored forms."""
    if evidence is None:
        return None
    if isinstance(evidence, Mapping):
        return _from_columns(evidence, frame, roles)
    try:
        table = to_pandas(evidence)
    except (TypeError, InvalidTableError) as exc:
        raise EvidenceError(
            "evidence must be a table (pandas, polars or pyarrow) or a mapping naming columns "
            f"of the steps table, got {type(evidence).__name__}"
        ) from exc
    _check_unique(table, roles)
    if "score" in table.columns:
        summary = aggregate(table, roles)
    elif {"n", "mean"} <= set(table.columns):
        summary = _from_summary(table, roles)
    else:
        raise EvidenceError(
            "evidence needs either a 'score' column (one row per response) or the columns "
            "'n', 'mean', 'ci_low' and 'ci_high' (one row per step); its columns are "
            f"{_shown(table.columns, 12)}"
        )
    _check_values(summary, roles, where="evidence")
    _check_keys(summary, frame, roles)
    return Evidence(table=summary.set_index(["persona", "step"]).sort_index())


def _check_unique(table: pd.DataFrame, roles: Roles) -> None:
    """Two columns under one name would be read as a table, not a column."""
    names: list[Hashable] = ["score", "step", "persona", roles.step, roles.persona, *FIELDS]
    names += [alias for aliases in _ALIASES.values() for alias in aliases]
    labels: list[Hashable] = list(table.columns)
    for name in dict.fromkeys(n for n in names if n is not None):
        count = labels.count(name)
        if count > 1:
            raise EvidenceError(f"evidence has {count} columns named {name!r}; keep one")


def _numbers(column: pd.Series, name: Hashable, where: str = "evidence column") -> None:
    """Refuse anything but real numbers (a complex one would be read as its real part)."""
    dtype = column.dtype
    if ptypes.is_complex_dtype(dtype):
        raise EvidenceError(f"{where} {name!r} must hold real numbers (dtype {dtype})")
    if ptypes.is_bool_dtype(dtype) or not ptypes.is_numeric_dtype(dtype):
        raise EvidenceError(f"{where} {name!r} must hold numbers ({dtype})")


def _labels(table: pd.DataFrame, column: Hashable, what: str) -> pd.Series:
    """A key column as text; missing keys and text that cannot be sent are refused."""
    values = table[column]
    missing = int(values.isna().sum())
    if missing:
        rows = "1 evidence row has" if missing == 1 else f"{missing} evidence rows have"
        raise EvidenceError(
            f"{rows} no {what} (column {column!r}); give each one, or drop those rows"
        )
    for label in {str(v) for v in values}:
        if not writable(label):
            raise EvidenceError(
                f"evidence column {column!r} holds text that is not valid unicode: {label!r} "
                "(a lone surrogate); fix the label"
            )
    return values.astype(str)


def _keys(table: pd.DataFrame, roles: Roles) -> pd.DataFrame:
    step, persona = _key_columns(table, roles)
    # Arrays, not Series: a repeated index label must not be aligned on.
    return pd.DataFrame(
        {
            "persona": "" if persona is None else _labels(table, persona, "persona").to_numpy(),
            "step": _labels(table, step, "step").to_numpy(),
        },
        index=table.index,
    )


def _key_columns(table: pd.DataFrame, roles: Roles) -> tuple[Hashable, Hashable | None]:
    step = roles.step if roles.step in table.columns else "step"
    if step not in table.columns:
        raise MissingColumnError(roles.step, "evidence step", list(table.columns))
    persona = None
    if roles.persona is not None:
        persona = roles.persona if roles.persona in table.columns else "persona"
        if persona not in table.columns:
            raise EvidenceError(
                f"the curve has personas (column {roles.persona!r}) but the evidence has no "
                f"persona column; add one so each response counts for its persona"
            )
    else:
        extra = [c for c in ("persona",) if c in table.columns]
        if extra:
            raise EvidenceError(
                "the evidence has a 'persona' column but the curve has none; pass "
                "persona=... to the curve, or drop the column to pool the responses"
            )
    return step, persona


def aggregate(responses: pd.DataFrame, roles: Roles) -> pd.DataFrame:
    """n, mean and the 95% t interval of the mean per step (and persona)."""
    score = responses["score"]
    if ptypes.is_complex_dtype(score.dtype):
        _numbers(score, "score")
    if ptypes.is_bool_dtype(score.dtype) or not ptypes.is_numeric_dtype(score.dtype):
        numeric = pd.to_numeric(score, errors="coerce")
        bad = score[numeric.isna() & score.notna()]
        value = bad.iloc[0] if len(bad) else score.dropna().iloc[0] if score.notna().any() else None
        raise EvidenceError(
            f"evidence column 'score' must hold numbers (dtype {score.dtype}); "
            f"value {plain(value)!r} is not a number"
        )
    lo, hi = roles.scale
    off = score[(score < lo) | (score > hi)]
    if len(off):
        raise EvidenceError(
            f"evidence score {plain(off.iloc[0])!r} is off the curve's scale {lo:g}…{hi:g} "
            f"({len(off)} responses in all); put the responses on the curve's scale first"
        )
    keys = _keys(responses, roles).assign(score=score.astype(float).to_numpy())
    keys = keys.dropna(subset=["score"])
    grouped = keys.groupby(["persona", "step"], sort=False)["score"]
    out = grouped.agg(n="count", mean="mean", std=lambda s: s.std(ddof=1)).reset_index()
    out["ci_low"], out["ci_high"] = mean_interval(
        out["mean"].to_numpy(), out["std"].to_numpy(dtype=float), out["n"].to_numpy()
    )
    return out.drop(columns="std")


def _pick(table: pd.DataFrame, field: str) -> Hashable:
    for name in _ALIASES.get(field, (field,)):
        if name in table.columns:
            return name
    raise MissingColumnError(field, "evidence", list(table.columns))


def _from_summary(table: pd.DataFrame, roles: Roles) -> pd.DataFrame:
    out = _keys(table, roles).reset_index(drop=True)
    for field in FIELDS:
        name = _pick(table, field)
        column = table[name]
        _numbers(column, name)
        out[field] = column.astype(float).to_numpy()
    duplicated = out.duplicated(["persona", "step"], keep=False)
    if duplicated.any():
        raise EvidenceError(
            "evidence has more than one row for step "
            f"{out.loc[duplicated, 'step'].iloc[0]!r}"
            + (
                ""
                if roles.persona is None
                else f" of persona {out.loc[duplicated, 'persona'].iloc[0]!r}"
            )
        )
    return out


def _from_columns(mapping: Mapping[str, Any], frame: pd.DataFrame, roles: Roles) -> Evidence:
    unknown = set(mapping) - set(FIELDS)
    missing = set(FIELDS) - set(mapping)
    if unknown or missing:
        raise EvidenceError(
            "evidence columns are named by a mapping with exactly the keys n, mean, ci_low, "
            f"ci_high (missing: {_shown(sorted(missing))}; "
            f"unknown: {_shown(sorted(unknown, key=str))})"
        )
    columns = dict(mapping)
    summary = pd.DataFrame(index=frame.index)
    for field, column in columns.items():
        try:
            hash(column)
        except TypeError:
            raise EvidenceError(
                f"evidence {field} must name one column of the steps table, not {column!r}"
            ) from None
        if column not in frame.columns:
            raise MissingColumnError(column, f"evidence {field}", list(frame.columns))
        series = frame[column]
        _numbers(series, column)
        summary[field] = series.astype(float)
    summary["step"] = frame[roles.step].astype(str).to_numpy()
    _check_values(summary, roles, where="evidence columns")
    return Evidence(columns=columns)


def _check_values(summary: pd.DataFrame, roles: Roles, where: str) -> None:
    lo, hi = roles.scale
    # Infinity is never evidence, even on a row without a count: the wire must stay JSON.
    for field in FIELDS:
        infinite = np.isinf(summary[field].to_numpy(dtype=float))
        if infinite.any():
            row = summary[infinite].iloc[0]
            raise EvidenceError(
                f"{where}: {field} {plain(row[field])!r} for step {row['step']!r} is not finite"
            )
    n = summary["n"]
    has = n.notna() & (n > 0)
    bad_n = n.notna() & ((n < 0) | (n % 1 != 0) | (n >= _COUNT_LIMIT))
    if bad_n.any():
        row = summary[bad_n].iloc[0]
        raise EvidenceError(
            f"{where}: n must be a whole count from 0 to 2**63 - 1, not {plain(row['n'])!r} "
            f"(step {row['step']!r})"
        )
    # One response has a mean but no spread: only then may the interval be missing.
    lone = (n == 1) & summary["ci_low"].isna() & summary["ci_high"].isna()
    for field in ("mean", "ci_low", "ci_high"):
        gap = has & summary[field].isna()
        if field != "mean":
            gap &= ~lone
        if gap.any():
            row = summary[gap].iloc[0]
            raise EvidenceError(
                f"{where}: step {row['step']!r} has n = {int(row['n'])} but no {field}"
                + ("" if field == "mean" else "; only a single response may lack an interval")
            )
    mean = summary["mean"]
    off = has & ((mean < lo) | (mean > hi))
    if off.any():
        row = summary[off].iloc[0]
        raise EvidenceError(
            f"{where}: mean {plain(row['mean'])!r} for step {row['step']!r} is off the curve's "
            f"scale {lo:g}…{hi:g}"
        )
    inverted = has & ((summary["ci_low"] > mean + 1e-9) | (summary["ci_high"] < mean - 1e-9))
    if inverted.any():
        row = summary[inverted].iloc[0]
        raise EvidenceError(
            f"{where}: the interval {plain(row['ci_low'])!r}…{plain(row['ci_high'])!r} for step "
            f"{row['step']!r} does not contain its mean {plain(row['mean'])!r}"
        )


def _check_keys(summary: pd.DataFrame, frame: pd.DataFrame, roles: Roles) -> None:
    journey = pd.MultiIndex.from_arrays(_row_keys(frame, roles), names=["persona", "step"])
    if roles.persona is not None:
        personas = {str(p) for p in frame[roles.persona].dropna()}
        unknown = sorted(set(summary["persona"]) - personas)
        if unknown:
            raise EvidenceError(
                f"evidence names personas that are not in the journey: {_shown(unknown)} "
                f"(the journey's: {_shown(sorted(personas))})"
            )
    wanted = pd.MultiIndex.from_frame(summary[["persona", "step"]])
    stray = wanted[~wanted.isin(journey)]
    if len(stray):
        shown = [s if roles.persona is None else f"{s} ({p})" for p, s in stray]
        raise EvidenceError(f"evidence names steps that are not in the journey: {_shown(shown)}")
