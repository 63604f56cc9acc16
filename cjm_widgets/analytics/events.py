"""Step KPIs from event logs: reach, entries and exits, time to the next step, transitions,
funnels and channel switches.

Every function takes a pandas, polars or pyarrow table, a DuckDB relation or a PySpark
DataFrame and returns the same kind. Events are ordered within a path by time; events with
the same time are ordered by step label (and then by channel, missing channels last), on
every engine (DuckDB and Spark keep no row order, so input order cannot break ties the same
way everywhere).
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import narwhals as nw
import numpy as np
import pandas as pd

from ..table.values import writable
from ._engine import (
    InvalidArgumentError,
    InvalidTimestampError,
    Source,
    check_label_types,
    check_roles,
    check_table,
    check_time_dtype,
    collect,
    count_if,
    duckdb_temp_table,
    materialized,
    naming_unwritable_text,
    parse_offsets,
    raise_for_rows,
    reads_offsets,
    require,
    source,
)
from ._engine import check_rows as _check_rows
from ._engine import seconds as _seconds
from ._sorted import SortedLog

PATH_START = "path_start"
# The DuckDB fast path's partition key (a 64-bit hash of the path's key columns).
PATH_HASH = "hash({keys})"
PATH_END = "path_end"
# The in-memory fast path codes steps (and channels) as integers through a DuckDB ENUM;
# with more distinct values than this, the engine path is taken instead.
MAX_CODES = 50_000

_PATH, _STEP, _SEC, _CUST, _CHAN = "__path", "__step", "__sec", "__cust", "__chan"
_PREV, _PREV_SEC, _PREV_CHAN, _RANK = "__prev", "__prev_sec", "__pchan", "__rank"
_NO_CHAN = "__no_chan"
_ORDER = [_SEC, _STEP]


class DuplicateEventsWarning(UserWarning):
    """Identical events (same path, step and time) in a log: each one after the first counts
    as a repeat of the step, 0 seconds later."""


class Events:
    """An event log made ready once: path key, step, epoch seconds, neighbours in the path."""

    def __init__(
        self,
        events: Any,
        *,
        customer: Hashable,
        step: Hashable,
        time: Hashable,
        path: Hashable | None,
        channel: Hashable | None = None,
    ) -> None:
        self.names = {
            "customer": customer,
            "step": step,
            "time": time,
            "path": path,
            "channel": channel,
        }
        check_table(events, "events")
        named = check_roles(self.names, required=("customer", "step", "time"))
        check_label_types(
            events, {"customer": customer, "path": path, "step": step, "channel": channel}
        )
        self.src: Source = source(events, named)
        self.time = str(time)
        self.channel = channel is not None
        lf = self.src.lazy
        schema = require(lf, self.names)
        required = {"customer": customer, "step": step, "time": time}
        if path is not None:
            required["path"] = path
        check_time_dtype(time, schema[time])
        self.time_dtype = schema[time]
        # Date-time text with UTC offsets is read as absolute time (refused if mixed).
        self.offsets = schema[time] == nw.String and reads_offsets(lf, self.time)
        # For a table in memory, one scan checks the rows and counts paths and steps.
        self.profile: dict[str, Any] = {}
        if self.src.in_memory:
            self.profile = self._profile(required)
        else:
            _check_rows(lf, required, "event log")
        self.base = self._duckdb_base() if lf.implementation.is_duckdb() else self._base(schema)
        if schema[time] == nw.String:
            self.check_times()

    def _base(self, schema: dict[Hashable, Any]) -> nw.LazyFrame[Any]:
        """Path key, customer, step, epoch seconds (and channel), through narwhals."""
        n = self.names
        lf, time_dtype = self.src.lazy, schema[n["time"]]
        if self.offsets and lf.implementation.is_polars():
            lf, time_dtype = parse_offsets(lf, self.time), nw.Datetime("us")
        key = nw.col(str(n["customer"])).cast(nw.String)
        if n["path"] is not None:
            key = nw.concat_str([key, nw.lit("\x1f"), nw.col(str(n["path"])).cast(nw.String)])
        cols = [
            key.alias(_PATH),
            nw.col(str(n["customer"])).cast(nw.String).alias(_CUST),
            nw.col(str(n["step"])).cast(nw.String).alias(_STEP),
            _seconds(self.src, self.time, time_dtype).alias(_SEC),
        ]
        if self.channel:
            cols.append(nw.col(str(n["channel"])).cast(nw.String).alias(_CHAN))
        return lf.select(cols)

    def _micros_sql(self) -> str:
        """Epoch microseconds in DuckDB SQL: tz-aware times and text with UTC offsets are
        absolute; other text and dates are read as times (narwhals cannot convert time zones
        on DuckDB). A cast to TIMESTAMP would drop an offset without a word."""
        column = _quote(self.names["time"])
        if self.offsets:
            return f"epoch_us(CAST({column} AS TIMESTAMPTZ))"
        aware = self.time_dtype == nw.Datetime and getattr(self.time_dtype, "time_zone", None)
        return f"epoch_us({column if aware else f'CAST({column} AS TIMESTAMP)'})"

    def _sql(self) -> dict[str, str | None]:
        """Each role column as DuckDB SQL text (``None`` for an unused role); time in seconds."""
        text = {
            role: None if column is None else f"CAST({_quote(column)} AS VARCHAR)"
            for role, column in self.names.items()
        }
        text["time"] = f"{self._micros_sql()} / 1e6"
        return text

    def _path_key_columns(self) -> list[str]:
        """The path key's columns (customer, and session if any) as DuckDB SQL text."""
        n = self._sql()
        return [k for k in (n["customer"], n["path"]) if k is not None]

    def _path_keys_sql(self) -> str:
        return ", ".join(self._path_key_columns())

    def _duckdb_base(self) -> nw.LazyFrame[Any]:
        n = self._sql()
        key = n["customer"] if n["path"] is None else f"{n['customer']} || chr(31) || {n['path']}"
        chan = f", {n['channel']} AS {_CHAN}" if n["channel"] else ""
        sql = (
            f"SELECT {key} AS {_PATH}, {n['customer']} AS {_CUST}, "
            f"{n['step']} AS {_STEP}, {n['time']} AS {_SEC}{chan} FROM __cjm_src"
        )
        return nw.from_native(self.src.lazy.to_native().query("__cjm_src", sql))

    def check_times(self) -> None:
        bad = collect(self.base.select(count_if(nw.col(_SEC).is_null()).alias("bad")), self.time)
        count = int(bad["bad"].iloc[0])
        if count:
            raise InvalidTimestampError(
                f"time column {self.time!r} has {count} values that are not dates and times"
            )

    def ordered(self) -> nw.LazyFrame[Any]:
        """Each event with the previous event of its path (step, time, channel).

        Everything is said with the previous event only: a transition a -> b is an event b
        whose previous step is a. (A "next event" column would need a lead window, which
        some engines plan far worse than a lag: DuckDB spilled tens of GiB at 31M rows.)
        """
        lf, order, extra = self.base, _ORDER, []
        if self.channel:
            # Ties in time and step go by channel, missing channels last, on every engine.
            lf = lf.with_columns(nw.col(_CHAN).is_null().alias(_NO_CHAN))
            order = [*_ORDER, _NO_CHAN, _CHAN]
            extra.append(nw.col(_CHAN).shift(1).over(_PATH, order_by=order).alias(_PREV_CHAN))
        return lf.with_columns(
            nw.col(_STEP).shift(1).over(_PATH, order_by=order).alias(_PREV),
            nw.col(_SEC).shift(1).over(_PATH, order_by=order).alias(_PREV_SEC),
            *extra,
        )

    def moves(self) -> nw.LazyFrame[Any]:
        """One row per transition: from and to step, path, seconds between them."""
        return (
            self.ordered()
            .filter(~nw.col(_PREV).is_null())
            .select(
                nw.col(_PREV).alias("from_step"),
                nw.col(_STEP).alias("to_step"),
                nw.col(_PATH),
                (nw.col(_SEC) - nw.col(_PREV_SEC)).alias("__gap"),
                *([nw.col(_CHAN), nw.col(_PREV_CHAN)] if self.channel else []),
            )
        )

    @contextmanager
    def transitions_table(self) -> Iterator[nw.LazyFrame[Any]]:
        """:meth:`moves`, computed once for the several aggregations that read it.

        On DuckDB, the fast path partitions by a 64-bit hash of the path key: sorting integers
        is much cheaper than sorting strings. Two paths with the same hash would share a
        partition, and then some event's previous row would belong to another path; such
        rows are counted, and if there is any, the exact (string) partitioning is used. With
        none, the hash is an exact path id.
        """
        if self.src.lazy.implementation.is_duckdb():
            native = self.src.lazy.to_native()
            with duckdb_temp_table(native, self._hashed_moves_sql()) as table:
                if not table.filter("broken").aggregate("count(*)").fetchall()[0][0]:
                    yield nw.from_native(table.project("* EXCLUDE (broken)"))
                    return
        with materialized(self.moves()) as moves:
            yield moves

    def _hashed_moves_sql(self) -> str:
        """:meth:`moves` in DuckDB SQL, partitioned by a hash of the path key, flagging any
        row whose previous row belongs to another path (``broken``)."""
        n = self._sql()
        keys = self._path_key_columns()
        chan = f", {n['channel']} AS c" if n["channel"] else ""
        lag_chan = f", c AS {_CHAN}, lag(c) OVER w AS {_PREV_CHAN}" if chan else ""
        same = " AND ".join(f"lag(k{i}) OVER w = k{i}" for i in range(len(keys)))
        return f"""
            SELECT prev AS from_step, step AS to_step, h AS {_PATH}, sec - prev_sec AS __gap,
                   broken{f", {_CHAN}, {_PREV_CHAN}" if chan else ""}
            FROM (
                SELECT step, h, sec, lag(step) OVER w AS prev, lag(sec) OVER w AS prev_sec,
                       NOT ({same}) AS broken{lag_chan}
                FROM (
                    SELECT {", ".join(f"{k} AS k{i}" for i, k in enumerate(keys))},
                           {PATH_HASH.format(keys=", ".join(keys))} AS h,
                           {n["step"]} AS step, {n["time"]} AS sec{chan}
                    FROM __cjm_src
                )
                WINDOW w AS (PARTITION BY h ORDER BY sec, step{", c" if chan else ""})
            )
            WHERE prev IS NOT NULL
        """

    def _profile(self, required: dict[str, Hashable]) -> dict[str, Any]:
        """Rows, missing values (raising as :func:`check_rows`), distinct paths, step and
        channel labels of a table in memory, in one DuckDB scan."""
        n = self._sql()
        keys = self._path_keys_sql()
        aggs = {
            "rows": "count(*)",
            **{role: f"count_if({_quote(c)} IS NULL)" for role, c in required.items()},
            "paths": f"count(DISTINCT ({keys}))",
            "steps": f"list(DISTINCT {n['step']})",
        }
        if n["channel"]:
            channel = n["channel"]
            aggs["channels"] = f"list(DISTINCT {channel}) FILTER (WHERE {channel} IS NOT NULL)"
        sql = ", ".join(f"{sql} AS {_quote(name)}" for name, sql in aggs.items())
        row = self._query(f"SELECT {sql} FROM __cjm_src").fetchall()[0]
        profile = dict(zip(aggs, row, strict=True))
        raise_for_rows(profile["rows"], profile, required, "event log")
        return profile

    def count_paths(self) -> int:
        """How many distinct paths the log holds."""
        if self.profile:
            return int(self.profile["paths"])
        total = collect(self.base.select(nw.col(_PATH).n_unique().alias("n")), self.time)
        return int(total["n"].iloc[0])

    def arrays(self, steps: list[str] | None = None) -> SortedLog | None:
        """The log as arrays sorted by path, time and step (see :mod:`._sorted`), for a
        pandas or pyarrow table; with ``steps``, only those steps' events.

        ``None`` where the engine path is taken: tables kept in their engine (DuckDB
        relations, polars, Spark), logs with over ``MAX_CODES`` distinct steps or channels,
        and logs where two paths share a hash (the engine path is exact).
        """
        profile = self.profile
        if not profile:
            return None
        n = self._sql()
        keys = self._path_keys_sql()
        where = "" if steps is None else f" WHERE {n['step']} IN ({_literals(steps)})"
        labels = sorted(steps if steps is not None else profile["steps"])
        channels = sorted(profile.get("channels") or [])
        if max(len(labels), len(channels)) > MAX_CODES:
            return None
        chan = ""
        if n["channel"]:
            code = f"CAST(enum_code(CAST({n['channel']} AS {_enum(channels)})) AS INTEGER)"
            chan = f", coalesce({code}, -1) AS ch" if channels else ", -1 AS ch"
        columns = self._query(
            f"SELECT {PATH_HASH.format(keys=keys)} AS h, {self._micros_sql()} AS t, "
            f"enum_code(CAST({n['step']} AS {_enum(labels)})) AS c{chan} "
            f"FROM __cjm_src{where} ORDER BY h, t, c{', ch < 0, ch' if chan else ''}"
        ).fetchnumpy()
        log = SortedLog.from_columns(
            labels, columns["h"], columns["c"], columns["t"], columns.get("ch")
        )
        # Paths are runs of equal hashes: as many runs as paths means no two share a hash.
        paths = profile["paths"]
        if steps is not None:
            paths = self._query(f"SELECT count(DISTINCT ({keys})) FROM __cjm_src{where}")
            paths = paths.fetchall()[0][0]
        return log if log.n_paths == paths else None

    def _query(self, sql: str) -> Any:
        """A DuckDB SQL query reading the source table as ``__cjm_src``."""
        return self.src.lazy.to_native().query("__cjm_src", sql)

    def events_per_step(self) -> pd.Series:
        per = collect(self.base.group_by(_STEP).agg(nw.len().alias("n")), self.time)
        return per.set_index(_STEP)["n"].astype("int64")


def gap_quantiles(
    moves: nw.LazyFrame[Any], keys: list[str], quantiles: dict[str, float], time: str
) -> pd.DataFrame:
    """Exact quantiles (linear interpolation) of ``__gap`` per group, and its size (``__count``).

    The engine only counts each (group, gap) value, a plain streaming aggregation; the
    quantiles are read off those counts here. A holistic median inside the engine's
    group-by ran DuckDB out of memory at 31 million events.
    """
    table = collect(moves.group_by(*keys, "__gap").agg(nw.len().alias("__n")), time)
    table = table.sort_values([*keys, "__gap"], kind="stable").reset_index(drop=True)
    groups = table.groupby(keys, sort=False)
    out = groups.size().reset_index()[keys]
    out["__count"] = groups["__n"].sum().to_numpy(dtype=np.int64)
    values = table["__gap"].to_numpy(dtype=float)
    ends = np.cumsum(table["__n"].to_numpy(dtype=np.int64))  # elements up to each row
    totals = out["__count"].to_numpy()
    starts = np.concatenate([[0], np.cumsum(totals)[:-1]])
    for name, q in quantiles.items():
        h = (totals - 1) * q
        lo = np.floor(h).astype(np.int64)
        hi = np.minimum(lo + 1, totals - 1)
        v_lo = values[np.searchsorted(ends, starts + lo, side="right")]
        v_hi = values[np.searchsorted(ends, starts + hi, side="right")]
        out[name] = v_lo + (h - lo) * (v_hi - v_lo)
    return out


def _warn_duplicates(count: int) -> None:
    if count:
        warnings.warn(
            f"{count} events repeat an earlier event of the same path, step and time; each "
            "counts as a repeat of its step 0 seconds later (drop duplicates first if they "
            "are not real repeats)",
            DuplicateEventsWarning,
            stacklevel=4,  # the caller of step_metrics or transitions (past the error decorator)
        )


def _duplicate() -> nw.Expr:
    """How many transitions join identical events (same path, step and time): ordered by
    time and step, such events are neighbours."""
    return count_if((nw.col("from_step") == nw.col("to_step")) & (nw.col("__gap") == 0))


def _step_moves(log: Events, moves: nw.LazyFrame[Any]) -> tuple[pd.DataFrame, ...]:
    """Per step: transitions out of it with the waits before the next step, transitions in."""
    outgoing = gap_quantiles(
        moves, ["from_step"], {"median_seconds_to_next": 0.5, "p90_seconds_to_next": 0.9}, log.time
    ).rename(columns={"__count": "__out", "from_step": "step"})
    incoming_aggs = [nw.len().alias("__in"), _duplicate().alias("__dup")]
    if log.channel:
        incoming_aggs.append(count_if(nw.col(_PREV_CHAN) != nw.col(_CHAN)).alias("__switch"))
    incoming = collect(moves.group_by("to_step").agg(*incoming_aggs), log.time).rename(
        columns={"to_step": "step"}
    )
    return outgoing, incoming


def _quote(name: Hashable) -> str:
    """A column name as a quoted SQL identifier."""
    return '"' + str(name).replace('"', '""') + '"'


def _literals(values: Sequence[str]) -> str:
    """Strings as SQL string literals, comma-separated."""
    return ", ".join("'" + str(v).replace("'", "''") + "'" for v in values)


def _enum(labels: Sequence[str]) -> str:
    """A DuckDB ENUM type of these labels, in this order (``enum_code`` is the position)."""
    return f"ENUM({_literals(labels)})"


def _result(src: Source, frame: pd.DataFrame) -> Any:
    return src.back(frame.reset_index(drop=True))


@naming_unwritable_text
def step_metrics(
    events: Any,
    *,
    customer: Hashable = "customer_id",
    step: Hashable = "step",
    time: Hashable = "timestamp",
    path: Hashable | None = None,
    channel: Hashable | None = None,
) -> Any:
    """One row per step: how many reach it, enter or leave there, and how long they wait.

    Columns: ``step``, ``events``, ``customers``, ``customer_share`` (of all customers in
    the log), ``entries`` and ``exits`` (events that start or end a path), ``exit_rate``
    (exits / events), ``median_seconds_to_next`` and ``p90_seconds_to_next`` (time to the
    next event in the path), ``repeat_rate`` (share of the paths reaching the step that reach
    it more than once); with ``channel=``, ``channel_switch_share``: the share of transitions
    into the step whose previous event was in another channel.

    ``path`` names a session column; by default each customer's events form one path.
    """
    log = Events(events, customer=customer, step=step, time=time, path=path, channel=channel)
    arrays = log.arrays()
    if arrays is not None:
        outgoing, incoming, visits = arrays.step_parts()
        _warn_duplicates(arrays.duplicates())
    else:
        with log.transitions_table() as moves:
            outgoing, incoming = _step_moves(log, moves)
        _warn_duplicates(int(incoming.pop("__dup").sum()))
        visits = collect(
            log.base.group_by(_STEP, _PATH)
            .agg(nw.len().alias("__n"))
            .group_by(_STEP)
            .agg(
                nw.col("__n").sum().alias("events"),
                nw.len().alias("__paths"),
                count_if(nw.col("__n") > 1).alias("__repeat"),
            ),
            log.time,
        ).rename(columns={_STEP: "step"})
    if path is None:  # a path per customer
        visits["customers"] = visits["__paths"]
        total = log.count_paths()
    else:
        reached = log.base.group_by(_STEP).agg(nw.col(_CUST).n_unique().alias("customers"))
        visits = visits.merge(collect(reached, log.time).rename(columns={_STEP: "step"}), on="step")
        customers = collect(log.base.select(nw.col(_CUST).n_unique().alias("n")), log.time)
        total = int(customers["n"].iloc[0])
    out = visits.merge(outgoing, on="step", how="left").merge(incoming, on="step", how="left")
    for column in ("__out", "__in", *(("__switch",) if log.channel else ())):
        out[column] = out[column].fillna(0)
    out["entries"] = out["events"] - out["__in"]
    out["exits"] = out["events"] - out["__out"]
    out["customer_share"] = out["customers"] / total
    out["exit_rate"] = out["exits"] / out["events"]
    out["repeat_rate"] = out["__repeat"] / out["__paths"]
    columns = [
        "step",
        "events",
        "customers",
        "customer_share",
        "entries",
        "exits",
        "exit_rate",
        "median_seconds_to_next",
        "p90_seconds_to_next",
        "repeat_rate",
    ]
    if log.channel:
        out["channel_switch_share"] = np.where(
            out["__in"] > 0, out["__switch"] / out["__in"].clip(lower=1), np.nan
        )
        columns.append("channel_switch_share")
    out = out[columns].astype(dict.fromkeys(("events", "customers", "entries", "exits"), "int64"))
    out = out.sort_values(["events", "step"], ascending=[False, True], kind="stable")
    return _result(log.src, out)


@naming_unwritable_text
def transitions(
    events: Any,
    *,
    customer: Hashable = "customer_id",
    step: Hashable = "step",
    time: Hashable = "timestamp",
    path: Hashable | None = None,
    ends: bool = False,
) -> Any:
    """Transitions between consecutive events of a path.

    Columns: ``from_step``, ``to_step``, ``count``, ``share`` (of the from step's outgoing
    transitions), ``paths`` (distinct paths making it) and ``median_seconds``. With
    ``ends=True``, ``path_start → step`` and ``step → path_end`` pseudo-transitions are added.
    """
    log = Events(events, customer=customer, step=step, time=time, path=path)
    arrays = log.arrays()
    if arrays is not None:
        out = arrays.transitions()
        _warn_duplicates(arrays.duplicates())
    else:
        keys = ["from_step", "to_step"]
        with log.transitions_table() as moves:
            out = collect(
                moves.group_by(*keys).agg(
                    nw.len().alias("count"),
                    nw.col(_PATH).n_unique().alias("paths"),
                    _duplicate().alias("__dup"),
                ),
                log.time,
            )
            _warn_duplicates(int(out.pop("__dup").sum()))
            waits = gap_quantiles(moves, keys, {"median_seconds": 0.5}, log.time)
            out = out.merge(waits.drop(columns="__count"), on=keys)
    if ends:
        # Every event is either entered from another or starts its path, and is either left
        # for another or ends it: so path starts and ends follow from counts per step.
        if arrays is not None:
            per_step = pd.Series(arrays.events_per_step(), index=arrays.labels)
        else:
            per_step = log.events_per_step()
        into = out.groupby("to_step")["count"].sum()
        out_of = out.groupby("from_step")["count"].sum()
        starts = (per_step - into.reindex(per_step.index, fill_value=0)).loc[lambda x: x > 0]
        stops = (per_step - out_of.reindex(per_step.index, fill_value=0)).loc[lambda x: x > 0]
        out = pd.concat(
            [
                out,
                pd.DataFrame(
                    {
                        "from_step": PATH_START,
                        "to_step": starts.index,
                        "count": starts.values,
                        "paths": starts.values,
                        "median_seconds": np.nan,
                    }
                ),
                pd.DataFrame(
                    {
                        "from_step": stops.index,
                        "to_step": PATH_END,
                        "count": stops.values,
                        "paths": stops.values,
                        "median_seconds": np.nan,
                    }
                ),
            ],
            ignore_index=True,
        )
    out["count"] = out["count"].astype("int64")
    out["paths"] = out["paths"].astype("int64")
    out["share"] = out["count"] / out.groupby("from_step")["count"].transform("sum")
    out = out[["from_step", "to_step", "count", "share", "paths", "median_seconds"]]
    out = out.sort_values(
        ["count", "from_step", "to_step"], ascending=[False, True, True], kind="stable"
    )
    return _result(log.src, out)


@naming_unwritable_text
def funnel(
    events: Any,
    steps: Sequence[Any],
    *,
    closed: bool = True,
    customer: Hashable = "customer_id",
    step: Hashable = "step",
    time: Hashable = "timestamp",
    path: Hashable | None = None,
) -> Any:
    """How many paths reach each listed step, in order.

    With ``closed=True`` a path counts at a step only if it reached every earlier listed step
    before it, in order, in the same path; otherwise it counts if it reached the step at all.
    Columns: ``step``, ``paths``, ``share_of_all`` (of every path in the log),
    ``conversion_from_first`` and ``conversion_from_previous``.
    """
    check_table(events, "events")
    wanted = _labels(steps)
    log = Events(events, customer=customer, step=step, time=time, path=path)
    arrays = log.arrays(wanted)
    if arrays is not None:
        got = pd.Series(arrays.funnel([arrays.labels.index(s) for s in wanted], closed))
    elif closed:
        got = _closed_funnel(log, wanted)
    else:
        mine = log.base.filter(nw.col(_STEP).is_in(wanted))
        per = collect(mine.group_by(_STEP).agg(nw.col(_PATH).n_unique().alias("paths")), log.time)
        got = per.set_index(_STEP)["paths"].reindex(wanted).set_axis(range(len(wanted)))
    paths = got.reindex(range(len(wanted))).fillna(0).astype("int64").to_numpy()
    out = pd.DataFrame({"step": wanted, "paths": paths})
    out["share_of_all"] = out["paths"] / log.count_paths()
    first = paths[0]
    out["conversion_from_first"] = out["paths"] / first if first else np.nan
    previous = np.concatenate([[first], paths[:-1]])
    with np.errstate(divide="ignore", invalid="ignore"):
        out["conversion_from_previous"] = np.where(
            previous > 0, paths / np.maximum(previous, 1), np.nan
        )
    return _result(log.src, out)


def _labels(steps: Any) -> list[str]:
    """A funnel's step labels as text, in order; raise unless ``steps`` is one label or
    an ordered collection of distinct labels (a set has no order to follow)."""
    if isinstance(steps, str):
        steps = [steps]
    elif isinstance(steps, bytes | set | frozenset | Mapping) or not isinstance(steps, Iterable):
        raise InvalidArgumentError(
            f"steps must list step labels in funnel order (a list or tuple); got {steps!r}"[:300]
        )
    wanted = []
    for position, label in enumerate(steps):
        if label is None or (pd.api.types.is_scalar(label) and pd.isna(label)):
            raise InvalidArgumentError(f"steps holds a missing label ({label!r}) at {position}")
        text = str(label)
        if not writable(text):
            raise InvalidArgumentError(
                f"steps label {text!r} cannot be written as UTF-8 (a lone surrogate)"
            )
        wanted.append(text)
    if not wanted:
        raise InvalidArgumentError("a funnel needs at least one step")
    if len(set(wanted)) != len(wanted):
        raise InvalidArgumentError(f"a funnel lists each step once; got {wanted}")
    return wanted


def _closed_funnel(log: Events, wanted: list[str]) -> pd.Series:
    """Paths reaching each listed step after every earlier one, in the engine."""
    ranked = log.base.filter(nw.col(_STEP).is_in(wanted)).with_columns(
        nw.col(_STEP).cum_count().over(_PATH, order_by=_ORDER).alias(_RANK)
    )
    reached = (
        ranked.filter(nw.col(_STEP) == wanted[0])
        .group_by(_PATH)
        .agg(nw.col(_RANK).min().alias("__at"))
    )
    counts: list[nw.LazyFrame[Any]] = []
    for k, name in enumerate(wanted):
        if k:
            reached = (
                ranked.filter(nw.col(_STEP) == name)
                .join(reached, on=_PATH)
                .filter(nw.col(_RANK) > nw.col("__at"))
                .group_by(_PATH)
                .agg(nw.col(_RANK).min().alias("__at"))
            )
        counts.append(reached.select(nw.lit(k).alias("__k"), nw.len().alias("paths")))
    return collect(nw.concat(counts, how="vertical"), log.time).set_index("__k")["paths"]
