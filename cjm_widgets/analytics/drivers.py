"""Key-driver analysis: how much of an outcome (overall satisfaction, likelihood to recommend)
each step's satisfaction explains, as shares of the model's R² with bootstrap intervals."""

from __future__ import annotations

import numbers
import warnings
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Any, cast

import narwhals as nw
import numpy as np
import pandas as pd

from ..errors import InvalidTableError, MissingColumnError
from ..table.schema import plain
from ._engine import (
    InvalidArgumentError,
    Source,
    check_label_types,
    check_roles,
    check_table,
    collect,
    naming_unwritable_text,
    raise_for_rows,
    source,
)
from ._importance import COLLINEAR, correlations, fewest, importance_of, interval, moments
from .surveys import first_seen

METHODS = ("shapley", "relative_weights", "correlation")
MISSING = ("listwise", "pairwise")
COLUMNS = [
    "driver",
    "n",
    "importance",
    "importance_pct",
    "r",
    "ci_low",
    "ci_high",
    "n_boot",
    "rank",
    "r2",
    "method",
    "missing",
]
# Exact Shapley visits all 2**p subsets: 20 drivers take 0.2 s and 90 MB for the estimate
# alone, and each driver more doubles both; relative weights need no subsets.
MAX_SHAPLEY = 20
# Each replicate keeps its correlation matrix and importances until the percentiles are
# taken: a million replicates of 2 drivers held 555 MB.
MAX_BOOT = 100_000
# Below this share of usable bootstrap replicates, the interval is flagged: the replicates
# left out are the awkward resamples, so the others understate the spread.
USABLE = 0.9
# Subsets times replicates beyond which a Shapley bootstrap is announced as slow: about
# 20 s at 0.2 µs a subset (16 drivers take 13 ms a replicate, 20 drivers 0.22 s).
SLOW_SHAPLEY = 100_000_000


class BootstrapWarning(UserWarning):
    """A key-driver bootstrap interval rests on fewer replicates than asked for, has none to
    rest on, or will take long to compute."""


@dataclass(frozen=True)
class _Options:
    method: str
    missing: str
    ci: float
    n_boot: int
    seed: int | None


@naming_unwritable_text
def key_drivers(
    responses: Any,
    *,
    outcome: Hashable,
    drivers: Iterable[Hashable] | None = None,
    method: str = "shapley",
    by: Hashable | None = None,
    ci: float = 0.95,
    n_boot: int = 1000,
    seed: int | None = 0,
    missing: str = "listwise",
    respondent: Hashable | None = None,
    step: Hashable = "step",
    score: Hashable = "score",
) -> Any:
    """Each driver's share of the outcome's explained variance (R² of a linear regression).

    Methods:

    - ``"shapley"`` (default): the LMG decomposition of Lindeman, Merenda & Gold (1980), the
      Shapley value of R²: each driver's gain in R² when added to a model, averaged over
      every order of entry (Grömping 2006, J. Stat. Softw. 17(1)). Computed exactly over all
      2**p subsets of the p drivers from the correlation matrix; at most 20 drivers. The
      time grows with 2**p, and the bootstrap repeats it for every replicate, so it grows
      with 2**p × ``n_boot``: about 0.2 µs a subset, i.e. 13 ms a replicate for 16 drivers
      and 0.2 s for 20 (1,000 replicates: 13 s and 4 minutes). Replicates go through in
      batches of about 32 MB of subsets (one at a time from 19 drivers on, about 90 MB at
      20); each replicate then keeps its correlation matrix and importances, so ``n_boot``
      is at most 100,000. A :class:`BootstrapWarning` is given up
      front when a group's 2**p × ``n_boot`` exceeds 10⁸; use ``method="relative_weights"``
      (instant at any size and close to Shapley) or fewer replicates then.
    - ``"relative_weights"``: Johnson's (2000, Multivariate Behav. Res. 35(1)) relative
      weights: the outcome regressed on the orthogonal counterparts of the drivers, the
      squared weights carried back to the drivers. Closed form, close to Shapley.
    - ``"correlation"``: derived importance, the squared correlation r² of each driver with
      the outcome. It ignores what drivers share, so its importances do not sum to R².

    Parameters
    ----------
    responses : table
        Wide form (``respondent`` not given): one row per respondent, one column per driver
        (e.g. satisfaction with each step) and the outcome column. Long form (``respondent``
        given): one row per answer, with columns ``respondent``, ``step``, ``score`` and
        ``outcome`` (the same on every row of a respondent, or missing on some of them); the
        drivers are then the steps, in order of first appearance (category order for a
        categorical column). pandas, polars (eager or lazy), pyarrow, DuckDB or PySpark.
    outcome : column name
        The outcome to explain, a numeric column.
    drivers : list of column names or steps, optional
        Wide form: the driver columns, by default every numeric column but ``outcome`` and
        ``by``. Wide form has no respondent column: passing ``respondent`` means long form,
        so a numeric respondent id in a wide table is taken for a driver unless the drivers
        are named here (or the id column is dropped or made text). Column names may be any
        pandas labels (numbers, ``""``); a name used by two columns is refused. Long form:
        the steps to use, in this order, by default every step. With ``by``, each group's
        drivers are those of these it answers (see ``by``).
    method : {"shapley", "relative_weights", "correlation"}
        How R² is shared out (see above).
    by : column name, optional
        A column (e.g. persona) to analyse each group of separately; groups in order of
        first appearance. Each group has drivers of its own: the drivers (in the order
        above) with at least one answer in the group, i.e. in long form the steps answered
        in the group's rows, in wide form the driver columns holding an answer in the
        group's rows. A driver without any answer in a group, even one named in
        ``drivers``, is left out of that group, and a group answering none of the drivers
        has no rows; a driver no group answers is refused.
    ci : float
        Level of the bootstrap percentile interval of each importance, in (0, 1).
    n_boot : int
        Bootstrap replicates (respondents resampled with replacement); 0 for no interval.
        Otherwise at least ``2 / (1 - ci)`` (40 at ``ci=0.95``, 200 at 0.99), so that at
        least one replicate lies beyond each end of the interval; 1,000 or more is the usual
        advice for percentile intervals. Replicates in which the drivers happen to be
        collinear or constant (or, pairwise, their correlations do not fit together) are
        left out; the interval is built from the others, and their number is the column
        ``n_boot``. A :class:`BootstrapWarning` says so when fewer than 90 % of the
        replicates are usable; with fewer usable replicates than the minimum above, the
        interval is NaN (and ``n_boot`` 0).
    seed : int or None
        Seed of ``numpy.random.default_rng``; each group is resampled with a generator of
        its own from this seed, so that a group's figures equal those of the group alone,
        and the same seed gives the same intervals.
    missing : {"listwise", "pairwise"}
        ``"listwise"`` uses the respondents who answered every driver (of the group) and the
        outcome; ``"pairwise"`` correlates each pair of columns over the respondents who
        answered both (and resamples all respondents of the group).
    respondent, step, score : column names
        Long form only: who answered, which step, and the answer.

    Returns
    -------
    table
        The input's kind, one row per driver (per group), with columns ``[by,] driver, n,
        importance, importance_pct, r, ci_low, ci_high, n_boot, rank, r2, method, missing``:
        ``driver`` the column's own name (wide) or the step, ``n`` the respondents used
        (listwise: complete ones; pairwise: those who answered the driver and the outcome),
        ``importance`` the share of R² (r² for ``"correlation"``), ``importance_pct`` the
        same in percent of the group's total, ``r`` the driver's correlation with the
        outcome, ``n_boot`` the bootstrap replicates the interval was built from (int64; 0
        without an interval), ``rank`` 1 for the most important (ties in driver order),
        ``r2`` the model's R².
    """
    check_table(responses, "responses")
    options = _options(method, missing, ci, n_boot, seed)
    long = respondent is not None
    roles = {"outcome": outcome, "by": by}
    if long:
        roles.update(respondent=respondent, step=step, score=score)
    named = check_roles(roles, required=[r for r in roles if r != "by"])
    listed = _listed(drivers)
    if by is not None and by in COLUMNS:
        raise InvalidArgumentError(
            f"by column {by!r} has the name of an output column; rename it first"
        )
    labels = {"by": by, **({"respondent": respondent, "step": step} if long else {})}
    check_label_types(responses, labels)
    readable = dict(named)
    if not long and listed is not None:
        readable.update({f"driver {d!r}": d for d in listed})
    src = source(responses, readable)
    own, schema = _schema(src)
    for role, column in named.items():
        if column not in schema:
            raise MissingColumnError(column, role, own)
    if long:
        _check_unique(own, list(named.values()))
        keys, values, names = _long(responses, src, named, listed, schema)
    else:
        keys, values, names = _wide(responses, src, outcome, by, listed, own, schema)
    if keys is None:
        groups: list[tuple[Any, np.ndarray]] = [(None, values)]
    else:
        seen = set(keys)
        # A pandas column may have any label for a name; other engines' names are text.
        order = [g for g in first_seen(responses, src, cast(str, by)) if g in seen]
        groups = [(g, values[(keys == g).to_numpy()]) for g in order]
        _check_answered(values, names, by)
    parts = []
    for group, data in groups:
        where = "" if by is None else f" in group {plain(group)!r} of {by!r}"
        own_names = names
        if by is not None:
            answered = ~np.isnan(data[:, :-1]).all(axis=0)
            if not answered.any():
                continue
            if not answered.all():
                own_names = [n for n, a in zip(names, answered, strict=True) if a]
                data = data[:, [*np.flatnonzero(answered), len(names)]]
        _check_size(len(own_names), options)  # refused before any warning of its time
        _warn_slow(len(own_names), options, where)
        part, usable = _analyse(data, own_names, outcome, options, where)
        _warn_replicates(usable, options, where)
        if by is not None:
            part.insert(0, by, pd.Series([group] * len(part), dtype=object).infer_objects())
        parts.append(part)
    return src.back(pd.concat(parts, ignore_index=True))


def _options(method: Any, missing: Any, ci: Any, n_boot: Any, seed: Any) -> _Options:
    """The analysis options, after checking each one."""
    if not isinstance(method, str) or method not in METHODS:
        raise InvalidArgumentError(f"method {method!r} is not one of {', '.join(METHODS)}")
    if not isinstance(missing, str) or missing not in MISSING:
        raise InvalidArgumentError(f"missing {missing!r} is not one of {', '.join(MISSING)}")
    if not isinstance(ci, numbers.Real) or isinstance(ci, bool | np.bool_) or not 0 < float(ci) < 1:
        raise InvalidArgumentError(f"ci must be a number between 0 and 1, e.g. 0.95; got {ci!r}")
    if not isinstance(n_boot, numbers.Integral) or isinstance(n_boot, bool | np.bool_):
        raise InvalidArgumentError(f"n_boot must be a whole number, e.g. 1000; got {n_boot!r}")
    if n_boot < 0:
        raise InvalidArgumentError(f"n_boot must be 0 or more; got {n_boot!r}")
    if int(n_boot) > MAX_BOOT:
        raise InvalidArgumentError(
            f"n_boot={n_boot} is more than the {MAX_BOOT:,} replicates key_drivers takes: a "
            "percentile interval is no more exact beyond that, and each replicate keeps its "
            "correlation matrix in memory; 1000 to 10,000 is usual"
        )
    ci, n_boot = float(ci), int(n_boot)
    if 0 < n_boot < fewest(ci):
        raise InvalidArgumentError(
            f"n_boot={n_boot} is too few for a {ci * 100:g}% percentile interval: it takes at "
            f"least {fewest(ci)} replicates (2 / (1 - ci)), so that one lies beyond each end; "
            "use 1000 or more, or 0 for no interval"
        )
    if seed is not None and (
        not isinstance(seed, numbers.Integral) or isinstance(seed, bool | np.bool_) or seed < 0
    ):
        raise InvalidArgumentError(
            f"seed must be a whole number of 0 or more, or None; got {seed!r}"
        )
    return _Options(method, missing, ci, n_boot, None if seed is None else int(seed))


def _listed(drivers: Any) -> list[Hashable] | None:
    """The drivers as a list, or ``None`` for all; raise for text, an empty list or repeats."""
    if drivers is None:
        return None
    if isinstance(drivers, str | bytes) or not isinstance(drivers, Iterable):
        raise InvalidArgumentError(
            f"drivers must be a list of columns (or steps), e.g. ['search', 'pay']; got {drivers!r}"
        )
    listed = list(drivers)
    if not listed:
        raise InvalidArgumentError("drivers is empty; name at least one driver, or pass None")
    for i, driver in enumerate(listed):
        try:
            hash(driver)
        except TypeError:
            raise InvalidArgumentError(f"driver {driver!r} is not a column name or step") from None
        if driver in listed[:i]:
            raise InvalidArgumentError(f"driver {driver!r} is listed twice")
    return listed


def _numeric(column: Hashable, dtype: Any, role: str) -> None:
    """Raise unless a column holds numbers (booleans are not numbers here)."""
    if not dtype.is_numeric():
        raise InvalidTableError(
            f"{role} column {column!r} has dtype {dtype}; expected numbers"
            + (" (cast booleans to 0/1 first)" if dtype == nw.Boolean else "")
        )


def _schema(src: Source) -> tuple[list[Hashable], dict[Hashable, Any]]:
    """The table's column names as the table has them (repeats included), and each name's
    dtype. DuckDB, which reads pandas and pyarrow tables, names their columns its own way
    (``1`` becomes ``"1"``, ``""`` becomes ``"C0"``, a repeated ``"a"`` becomes ``"a_1"``);
    the columns keep their places, so the table's own names are matched to them by place."""
    schema: dict[Hashable, Any] = dict(src.lazy.collect_schema().items())
    own: list[Hashable]
    read = src.keep[1] if src.in_memory else None
    if isinstance(read, pd.DataFrame) and not isinstance(read.columns, pd.MultiIndex):
        own = list(read.columns)
    elif read is not None and hasattr(read, "column_names"):  # pyarrow
        own = list(read.column_names)
    else:
        return list(schema), schema
    if len(own) != len(schema):
        return list(schema), schema
    return own, dict(zip(own, schema.values(), strict=True))


def _check_unique(own: list[Hashable], used: Iterable[Hashable]) -> None:
    """Raise for a column that is used and whose name more than one column has."""
    counts = Counter(own)
    for column in used:
        if counts[column] > 1:
            raise InvalidTableError(
                f"{counts[column]} columns are named {column!r}; give each column a name of its own"
            )


def _pull(
    table: Any, src: Source, labels: list[Hashable], numeric: list[Hashable]
) -> tuple[pd.DataFrame, np.ndarray]:
    """The label columns as they are, and the numeric columns as one float matrix (NaN for
    missing). An in-memory table is read directly: a DuckDB scan and collect of 100,000
    rows and 13 columns takes 20–30 ms, ten times the copy. A pandas table is read by its
    own column labels; other tables' names are text."""
    if isinstance(table, pd.DataFrame):
        frame = table[labels]
        values = table[numeric].to_numpy(dtype=float, na_value=np.nan)
        return _finite(frame, values, numeric)
    keys, names = [str(c) for c in labels], [str(c) for c in numeric]
    if src.in_memory:
        frame = table.select(keys + names).to_pandas()
    else:
        casts = [nw.col(c).cast(nw.Float64) for c in names]
        frame = collect(src.lazy.select(*(nw.col(c) for c in keys), *casts), names[-1])
    values = frame[names].to_numpy(dtype=float, na_value=np.nan)
    return _finite(frame[keys], values, numeric)


def _finite(
    frame: pd.DataFrame, values: np.ndarray, numeric: list[Hashable]
) -> tuple[pd.DataFrame, np.ndarray]:
    """The label columns and the values, after raising for infinite values."""
    infinite = np.isinf(values).any(axis=0)
    for column, found in zip(numeric, infinite, strict=True):
        if found:
            count = int(np.isinf(values[:, numeric.index(column)]).sum())
            raise InvalidTableError(
                f"column {column!r} holds {count} infinite values; drop them or mark them missing"
            )
    return frame, values


def _wide(
    table: Any,
    src: Source,
    outcome: Hashable,
    by: Hashable | None,
    listed: list[Hashable] | None,
    own: list[Hashable],
    schema: dict,
) -> tuple[pd.Series | None, np.ndarray, list[Any]]:
    """The group keys and the drivers' and outcome's values (in columns) of a wide table."""
    if listed is None:
        names = [c for c in schema if c not in (outcome, by) and schema[c].is_numeric()]
        _check_unique(own, [outcome, by, *names])
        if not names:
            raise InvalidTableError(
                f"no numeric column besides outcome {outcome!r} to use as a driver "
                f"(columns: {', '.join(repr(c) for c in schema)})"
            )
    else:
        for driver in listed:
            if driver == outcome:
                raise InvalidArgumentError(
                    f"outcome column {outcome!r} is also listed among the drivers; a column "
                    "cannot explain itself"
                )
            if by is not None and driver == by:
                raise InvalidArgumentError(f"by column {by!r} is also listed among the drivers")
            if driver not in schema:
                raise MissingColumnError(driver, "driver", own)
        names = listed
        _check_unique(own, [outcome, by, *names])
    _numeric(outcome, schema[outcome], "outcome")
    for driver in names:
        _numeric(driver, schema[driver], "driver")
    labels = [by] if by is not None else []
    frame, values = _pull(table, src, labels, [*names, outcome])
    _check_frame(frame, len(values), {"by": by} if by is not None else {})
    keys = frame[by] if by is not None else None
    return keys, values, list(names)


def _long(
    table: Any,
    src: Source,
    named: dict[str, Hashable],
    listed: list[Hashable] | None,
    schema: dict,
) -> tuple[pd.Series | None, np.ndarray, list[Any]]:
    """A long table pivoted to one row per respondent: the group keys, and the steps' and
    outcome's values in columns."""
    respondent, step, score, outcome = (
        named[r] for r in ("respondent", "step", "score", "outcome")
    )
    by = named.get("by")
    _numeric(score, schema[score], "score")
    _numeric(outcome, schema[outcome], "outcome")
    labels = [c for c in (respondent, step, by) if c is not None]
    frame, values = _pull(table, src, labels, [score, outcome])
    required: dict[str, Hashable] = {
        r: named[r] for r in ("respondent", "step", "by") if r in named
    }
    _check_frame(frame, len(values), required)
    present = set(frame[step])
    steps = [plain(s) for s in first_seen(table, src, cast(str, step)) if s in present]
    if listed is not None:
        for driver in listed:
            if driver not in present:
                shown = ", ".join(repr(s) for s in steps[:20])
                raise InvalidArgumentError(
                    f"driver {driver!r} is not a step in column {step!r} (its steps: {shown})"
                )
        steps = listed
    who, people = pd.factorize(frame[respondent])
    where = pd.Index(steps).get_indexer(pd.Index(frame[step]))
    answered = where >= 0
    pairs = pd.Series(who[answered] * len(steps) + where[answered])
    twice = pairs.duplicated()
    if twice.any():
        first = int(pairs[twice].iloc[0])
        raise InvalidTableError(
            f"respondent {plain(people[first // len(steps)])!r} answers step "
            f"{steps[first % len(steps)]!r} more than once; keep one answer per respondent "
            "and step"
        )
    per_row = frame.assign(__outcome=values[:, 1], __who=who)
    per = per_row.groupby("__who", sort=True)
    firsts = {}
    columns: list[tuple[Any, str]] = [("__outcome", "outcome"), (by, "by")]
    for column, role in columns:
        if role == "by" and by is None:
            continue
        differs = per[column].nunique() > 1
        if differs.any():
            person = int(np.argmax(differs.to_numpy()))
            seen = pd.unique(per_row.loc[who == person, column].dropna())
            raise InvalidTableError(
                f"{role} column {named[role]!r} differs between the rows of respondent "
                f"{plain(people[person])!r} ({plain(seen[0])!r} and {plain(seen[1])!r}); give each "
                f"respondent one {role} value"
            )
        firsts[role] = per[column].first()
    data = np.full((len(people), len(steps) + 1), np.nan)
    data[who[answered], where[answered]] = values[answered, 0]
    data[:, -1] = firsts["outcome"].to_numpy(dtype=float, na_value=np.nan)
    keys = firsts["by"].reset_index(drop=True) if by is not None else None
    return keys, data, list(steps)


def _check_frame(frame: pd.DataFrame, rows: int, labels: dict[str, Hashable]) -> None:
    """Raise for an empty table, or for missing values in its label columns."""
    missing = {role: int(frame[c].isna().sum()) for role, c in labels.items()}
    raise_for_rows(rows, missing, labels, "survey")


def _check_answered(values: np.ndarray, names: list[Any], by: Hashable) -> None:
    """Raise for a driver that no respondent of any group answered."""
    unanswered = np.isnan(values[:, :-1]).all(axis=0)
    if unanswered.any():
        driver = names[int(np.argmax(unanswered))]
        raise InvalidTableError(f"driver {driver!r} has no answers in any group of {by!r}; drop it")


# -- warnings ---------------------------------------------------------------------------


def _check_size(p: int, options: _Options) -> None:
    if options.method == "shapley" and p > MAX_SHAPLEY:
        raise InvalidArgumentError(
            f"method 'shapley' visits all 2**p subsets of drivers, and {p} drivers are more "
            f"than the {MAX_SHAPLEY} it takes; use method='relative_weights'"
        )


def _warn_slow(p: int, options: _Options, where: str) -> None:
    """Warn before an exact Shapley bootstrap whose subsets times replicates are many."""
    work = (1 << p) * options.n_boot
    if options.method != "shapley" or work <= SLOW_SHAPLEY:
        return
    warnings.warn(
        f"exact Shapley{where} visits all 2**{p} subsets of its {p} drivers in each of "
        f"{options.n_boot} bootstrap replicates ({work:.1e} subsets), which takes minutes; "
        "pass method='relative_weights' (close to Shapley, instant), fewer replicates, or "
        "n_boot=0",
        BootstrapWarning,
        stacklevel=4,  # the caller of key_drivers (past the error decorator)
    )


def _warn_replicates(usable: int, options: _Options, where: str) -> None:
    """Warn when fewer than :data:`USABLE` of the bootstrap replicates could be used, or
    too few for an interval (then NaN)."""
    asked, least = options.n_boot, fewest(options.ci)
    if not asked or (usable >= least and usable >= USABLE * asked):
        return
    pairwise = options.missing == "pairwise"
    failed = "a driver or the outcome came out constant or the drivers collinear" + (
        ", or their pairwise correlations did not fit together" if pairwise else ""
    )
    advice = "More respondents, fewer drivers" if pairwise else "More respondents or fewer drivers"
    advice += " or missing='listwise'" if pairwise else ""
    count = f"of the {asked} bootstrap replicates{where} could be used"
    if not usable:
        said = f"none {count}, so ci_low and ci_high are NaN: in every resample {failed}"
    elif usable < least:
        said = (
            f"only {usable} {count}, fewer than the {least} a {options.ci * 100:g}% interval "
            f"takes, so ci_low and ci_high are NaN: in the other resamples {failed}"
        )
    else:
        said = (
            f"only {usable} {count} ({usable / asked:.0%}); the interval is built from these "
            f"(column n_boot) and may be too narrow: in the other resamples {failed}"
        )
    warnings.warn(
        f"{said}. {advice} give usable replicates",
        BootstrapWarning,
        stacklevel=4,  # the caller of key_drivers (past the error decorator)
    )


# -- one group --------------------------------------------------------------------------


def _analyse(
    data: np.ndarray, names: list[Any], outcome: Hashable, options: _Options, where: str
) -> tuple[pd.DataFrame, int]:
    """The result rows of one group, and its usable bootstrap replicates: ``data`` holds the
    drivers' columns, then the outcome's."""
    p = data.shape[1] - 1
    labels = [*(f"driver {n!r}" for n in names), f"outcome {outcome!r}"]
    present = ~np.isnan(data)
    if options.missing == "listwise":
        complete = present.all(axis=1)
        if not complete.all():
            data = data[complete]
        if len(data) < p + 2:
            raise InvalidTableError(
                f"{len(data)} respondents{where} answered every driver and the outcome; "
                f"{p} drivers need at least {p + 2} (drivers + 2)"
            )
        mask = None
        counts = np.full(p, len(data), dtype=np.int64)
        _check_varies(data.min(axis=0), data.max(axis=0), labels, where)
        centred = data - data.mean(axis=0)
    else:
        _check_varies(np.fmin.reduce(data), np.fmax.reduce(data), labels, where)
        mask = present.astype(float)
        pairs = mask.T @ mask
        # The column answered least first, then the pair answered together least.
        thinnest = int(np.argmin(np.diagonal(pairs)))
        a, b = (int(k) for k in np.unravel_index(np.argmin(pairs), pairs.shape))
        if pairs[thinnest, thinnest] < p + 2:
            a = b = thinnest
            answered = f"answered {labels[thinnest]}"
        else:
            answered = f"answered both {labels[a]} and {labels[b]}"
        if pairs[a, b] < p + 2:
            raise InvalidTableError(
                f"{int(pairs[a, b])} respondents{where} {answered}; with missing='pairwise', "
                f"{p} drivers need at least {p + 2} (drivers + 2) answering each one and each "
                "pair"
            )
        counts = pairs[:p, p].astype(np.int64)
        centred = np.where(present, data - np.nanmean(data, axis=0), 0.0)
    corr = correlations(*moments(centred, mask))[0]
    if not np.isfinite(corr).all():  # pairwise: a column constant where another is answered
        i, j = np.argwhere(~np.isfinite(corr))[0]
        raise InvalidTableError(
            f"{labels[i]} is constant{where} among the respondents who also answered "
            f"{labels[j]}, so the two have no correlation"
        )
    _check_collinear(corr[:p, :p], labels, options.missing, where)
    importance = importance_of(corr[None], options.method)[0]
    r2 = float(corr[:p, p] @ np.linalg.solve(corr[:p, :p], corr[:p, p]))
    low, high, usable = interval(
        centred, mask, options.method, options.n_boot, options.seed, options.ci
    )
    total = importance.sum()
    rank = np.empty(p, dtype=np.int64)
    rank[np.argsort(-importance, kind="stable")] = np.arange(1, p + 1)
    return pd.DataFrame(
        {
            "driver": pd.Series(names, dtype=object).infer_objects(),
            "n": counts,
            "importance": importance,
            "importance_pct": importance / total * 100 if total > 0 else np.nan,
            "r": corr[:p, p],
            "ci_low": low,
            "ci_high": high,
            "n_boot": np.full(p, usable if usable >= fewest(options.ci) else 0, np.int64),
            "rank": rank,
            "r2": r2,
            "method": options.method,
            "missing": options.missing,
        }
    ), usable


def _check_varies(low: np.ndarray, high: np.ndarray, labels: list[str], where: str) -> None:
    """Raise for a driver (or the outcome) without answers, or with one value only, given
    each column's smallest and largest answer (NaN for none)."""
    for lo, hi, label in zip(low, high, labels, strict=True):
        if np.isnan(lo):
            raise InvalidTableError(f"{label} has no answers{where}")
        if lo == hi:
            raise InvalidTableError(
                f"{label} is constant{where} (every answer used is {lo:g}), so it explains "
                "nothing and has no correlation; drop it"
            )


def _check_collinear(rxx: np.ndarray, labels: list[str], missing: str, where: str) -> None:
    """Raise for drivers of which one is a linear combination of others, naming them."""
    values, vectors = np.linalg.eigh(rxx)
    if values[0] >= COLLINEAR:
        return
    if missing == "pairwise" and values[0] < -COLLINEAR:
        raise InvalidTableError(
            f"the pairwise correlations of the drivers{where} do not fit together (their matrix "
            f"has a negative eigenvalue, {values[0]:.3g}): too few respondents answered the "
            "same drivers; use missing='listwise'"
        )
    # The set spans the eigenvectors of the (near-)zero eigenvalues.
    null = np.abs(vectors[:, values < COLLINEAR]).max(axis=1)
    involved = [labels[k] for k in np.flatnonzero(null > 1e-3 * null.max())]
    raise InvalidTableError(
        f"drivers are perfectly collinear{where}: {', '.join(involved)} (one is a linear "
        "combination of the others); drop one of them or combine them"
    )
