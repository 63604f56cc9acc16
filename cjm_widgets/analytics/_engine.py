"""Where the work runs: every input becomes a narwhals LazyFrame, results go back as its kind.

pandas and pyarrow inputs are scanned by an in-process DuckDB (no copy for Arrow-backed
columns); polars stays polars; DuckDB relations and PySpark DataFrames stay in their engine.
The heavy steps (ordering events, windows, aggregation) run lazily in that engine; only the
small per-step results are collected. Event logs already in memory (pandas, pyarrow) take a
faster path: DuckDB sorts three numeric columns and numpy counts (see ``_sorted``).
"""

from __future__ import annotations

import functools
import inspect
import os
import sys
import threading
import uuid
from collections.abc import Callable, Collection, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ParamSpec, TypeVar

import narwhals as nw
import pandas as pd

from ..errors import (  # InvalidArgumentError is imported from here too
    CJMError,
    InvalidArgumentError,
    InvalidTableError,
    MissingColumnError,
    MissingValueError,
)
from ..table.values import writable

EPOCH = datetime(1970, 1, 1)

# Time zones written in date-time text, after the time of day. A UTC offset right after the
# time (Z, ±hh, ±hhmm or ±hh:mm) is read as absolute time on every engine; any other zone
# (a name, a space before it) is refused, as some engines would drop it without a word.
_CLOCK = r"\d:\d\d(:\d\d)?(\.\d+)?"
OFFSET_PATTERN = _CLOCK + r"(Z|[+-]\d\d(:?\d\d)?)$"
ZONE_PATTERN = _CLOCK + r"\s*([A-Za-z]|[+-]\d)"


class EmptyLogError(CJMError, ValueError):
    """The event log (or survey) has no rows."""


class InvalidTimestampError(CJMError, ValueError):
    """Timestamps that cannot be read as dates and times."""


class MixedTypesError(CJMError, ValueError):
    """A label column (ids, steps, personas) holds values of several types, such as 1 and
    "1", which the engines would read as one label."""


@dataclass
class Source:
    """An input as a LazyFrame, and how to hand a pandas result back as the input's kind."""

    lazy: nw.LazyFrame[Any]
    back: Callable[[pd.DataFrame], Any]
    keep: Any = None  # keeps an engine connection alive while the LazyFrame is used
    in_memory: bool = False  # a pandas or pyarrow table, scanned by an in-process DuckDB

    @property
    def is_spark(self) -> bool:
        return bool(self.lazy.implementation.is_spark_like())


_DATABASE: dict[int, Any] = {}  # process id -> its database
_DATABASE_LOCK = threading.Lock()


def _in_process() -> Any:
    """A new connection to the process's in-memory DuckDB database, which reads pandas and
    pyarrow inputs. One database serves every call (its memory, once grown, is reused), and
    each call has a connection of its own, so calls from several threads do not mix. A
    forked child process opens a database of its own."""
    with _DATABASE_LOCK:
        pid = os.getpid()
        if pid not in _DATABASE:
            import duckdb

            _DATABASE[pid] = duckdb.connect()
        return _DATABASE[pid].cursor()


TABLES = "a pandas, polars or pyarrow table, a DuckDB relation or a PySpark DataFrame"


def table_kind(obj: Any) -> str | None:
    """Which supported kind of table ``obj`` is (its module's name), or ``None``. Only
    modules already imported are looked at: an object of one has imported its module."""
    if isinstance(obj, pd.DataFrame):
        return "pandas"
    kinds = {
        "pyarrow": ("Table", "RecordBatch"),
        "polars": ("DataFrame", "LazyFrame"),
        "duckdb": ("DuckDBPyRelation",),
        "pyspark.sql": ("DataFrame",),
    }
    for module, names in kinds.items():
        loaded = sys.modules.get(module)
        if loaded is not None and isinstance(obj, tuple(getattr(loaded, n) for n in names)):
            return module.split(".")[0]
    return None


def check_table(obj: Any, argument: str) -> None:
    """Raise unless ``obj`` is a supported table."""
    if table_kind(obj) is None:
        raise InvalidArgumentError(
            f"{argument} is not a table: expected {TABLES}, got {type(obj).__name__}"
        )


def check_roles(roles: dict[str, Any], required: Collection[str]) -> dict[str, Hashable]:
    """The roles that name a column; raise for a required role given as ``None``, a name
    that is not a column name, or two roles naming one column (engines would read one
    column twice, or refuse the duplicate name)."""
    named: dict[str, Hashable] = {}
    for role, column in roles.items():
        if column is None and role not in required:
            continue
        try:
            hash(column)
            valid = column is not None
        except TypeError:
            valid = False
        if not valid:
            raise InvalidArgumentError(f"{role} must name a column; got {column!r}")
        if isinstance(column, str) and not writable(column):
            raise InvalidArgumentError(
                f"{role} column name {column!r} cannot be written as UTF-8 (a lone "
                "surrogate); rename the column"
            )
        for other, seen in named.items():
            if seen == column:
                raise InvalidArgumentError(
                    f"{other} and {role} both name column {column!r}; each role needs a "
                    "column of its own"
                )
        named[role] = column
    return named


P = ParamSpec("P")
R = TypeVar("R")
LABEL_ROLES = ("customer", "step", "time", "path", "channel", "persona")


def naming_unwritable_text(func: Callable[P, R]) -> Callable[P, R]:
    """Turn an engine's failure to read a lone surrogate in a pandas text column into an
    error naming the column. The failure is diagnosed only once it happens, so the fast
    path pays nothing for it."""
    signature = inspect.signature(func)

    @functools.wraps(func)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except Exception as exc:
            if isinstance(exc, CJMError) or "surrogate" not in str(exc):
                raise
            try:
                bound = signature.bind(*args, **kwargs)
            except TypeError:
                raise exc from None
            bound.apply_defaults()
            table = next(iter(bound.arguments.values()))
            roles = {r: bound.arguments.get(r) for r in LABEL_ROLES}
            check_writable(table, {r: c for r, c in roles.items() if c is not None})
            raise

    return run


def check_writable(table: Any, roles: dict[str, Hashable]) -> None:
    """Raise for the first role column of a pandas table holding text that cannot be
    written as UTF-8, with how many rows hold such text and an example."""
    if not isinstance(table, pd.DataFrame):
        return
    for role, column in roles.items():
        if column not in table.columns or not isinstance(table[column], pd.Series):
            continue
        values = table[column]
        if isinstance(values.dtype, pd.CategoricalDtype):
            # By code: the categories cannot become an index of text (which is UTF-8).
            categories = values.cat.categories
            bad = [i for i, c in enumerate(categories) if isinstance(c, str) and not writable(c)]
            rows = pd.Series(values.cat.codes.isin(bad).to_numpy(), index=values.index)
        elif values.dtype == object:
            rows = values.map(lambda v: isinstance(v, str) and not writable(v)).astype(bool)
        else:
            continue
        count = int(rows.sum())
        if count:
            raise InvalidTableError(
                f"{role} column {column!r} has {count} value{'s' if count > 1 else ''} that "
                f"cannot be written as UTF-8 (a lone surrogate), e.g. "
                f"{values[rows].iloc[0]!r}; fix or drop them first"
            )


def _role_columns(table: pd.DataFrame, roles: dict[str, Hashable] | None) -> pd.DataFrame:
    """Only the role columns of a pandas table (no copy), so that other columns, which
    DuckDB may be unable to read, play no part. The table as it is where a role column is
    missing or names are repeated (reported as for any table)."""
    if roles is None or not table.columns.is_unique or isinstance(table.columns, pd.MultiIndex):
        return table
    names = list(roles.values())
    if not all(name in table.columns for name in names):
        return table
    return table[names]


def _unreadable(
    table: pd.DataFrame, roles: dict[str, Hashable] | None, exc: Exception
) -> Exception:
    """The error for a pandas column whose dtype DuckDB cannot read (its message quotes the
    dtype), naming the role and column."""
    candidates = roles if roles is not None else {str(c): c for c in table.columns}
    for role, column in candidates.items():
        if column not in table.columns:  # the whole table was read: say what is missing
            return MissingColumnError(column, role, list(table.columns))
    for role, column in candidates.items():
        values = table[column]
        dtype = values.dtype if isinstance(values, pd.Series) else None
        if dtype is None or f"'{dtype}'" not in str(exc):
            continue
        if role == "time":
            return InvalidTimestampError(
                f"time column {column!r} has dtype {dtype}; expected dates and times"
            )
        if role == "score":
            return InvalidTableError(f"score column {column!r} has dtype {dtype}; expected numbers")
        return InvalidTableError(
            f"{role} column {column!r} has dtype {dtype}, which cannot be read; convert it "
            "first (e.g. .astype(str))"
        )
    return InvalidTableError(f"the table cannot be read: {str(exc).splitlines()[0][:300]}")


def source(obj: Any, roles: dict[str, Hashable] | None = None) -> Source:
    """Wrap any supported table; raise :class:`InvalidArgumentError` for anything else.

    ``roles`` (role -> column) lets a pandas table be read through its role columns only.
    """
    kind = table_kind(obj)
    if kind == "pandas":
        import duckdb

        table, con = obj, _in_process()
        try:
            relation = con.from_df(table)
        except duckdb.NotImplementedException:
            # A dtype DuckDB cannot read: read the role columns alone, so that only theirs
            # matter (trying the whole table first costs the usual case nothing).
            table = _role_columns(obj, roles)
            try:
                relation = con.from_df(table)
            except duckdb.NotImplementedException as exc:
                raise _unreadable(table, roles, exc) from exc
        return Source(nw.from_native(relation), lambda df: df, keep=(con, table), in_memory=True)
    if kind == "pyarrow":
        import pyarrow as pa

        con = _in_process()
        return Source(
            nw.from_native(con.from_arrow(obj)),
            lambda df: pa.Table.from_pandas(df, preserve_index=False),
            keep=(con, obj),
            in_memory=True,
        )
    if kind == "polars":
        import polars as pl

        if isinstance(obj, pl.DataFrame):
            return Source(nw.from_native(obj.lazy()), pl.from_pandas)
        return Source(nw.from_native(obj), lambda df: pl.from_pandas(df).lazy())
    if kind == "duckdb":
        import duckdb

        return Source(nw.from_native(obj), lambda df: duckdb.from_df(df))
    if kind == "pyspark":
        session = obj.sparkSession
        return Source(nw.from_native(obj), lambda df: session.createDataFrame(df))
    raise InvalidArgumentError(f"expected {TABLES}, got {type(obj).__name__}")


def count_if(condition: nw.Expr) -> nw.Expr:
    """How many rows meet a condition (engines such as Spark cannot sum booleans)."""
    return condition.cast(nw.Int64).sum()


def require(lf: nw.LazyFrame[Any], roles: dict[str, Hashable | None]) -> dict[Hashable, Any]:
    """The schema, after checking that every named role column exists."""
    schema: dict[Hashable, Any] = dict(lf.collect_schema().items())
    for role, column in roles.items():
        if column is not None and column not in schema:
            raise MissingColumnError(column, role, list(schema))
    return schema


def check_label_types(table: Any, columns: dict[str, Hashable | None]) -> None:
    """Raise for a pandas label column holding values of several types: the engines read
    such a column as text, so 1 and "1" would become one customer or step.

    Run before DuckDB reads the table (it refuses categories such as 1 and "1"). Only
    object columns (and categories) can mix types; ``infer_dtype`` scans them in C, and
    the values are looked at one by one only to name the types in the error.
    """
    if not isinstance(table, pd.DataFrame):
        return
    for role, column in columns.items():
        if column is None or column not in table.columns:
            continue  # a missing column is reported with the others
        values = table[column]
        if not isinstance(values, pd.Series):
            continue
        if isinstance(values.dtype, pd.CategoricalDtype):
            values = pd.Series(values.cat.categories)
        elif values.dtype != object:
            continue
        if pd.api.types.infer_dtype(values, skipna=True) not in ("mixed", "mixed-integer"):
            continue
        present = values.dropna()
        kinds = present.map(type)
        firsts = present[~kinds.duplicated()]
        if len(firsts) < 2:  # "mixed" is also said of one type infer_dtype does not name
            continue
        names = ", ".join(sorted({type(v).__name__ for v in firsts}))
        # Best example: two values of different types with the same text, as 1 and "1".
        pairs = pd.DataFrame({"text": present.astype(str), "kind": kinds.astype(str)})
        pairs = pairs.drop_duplicates()
        clash = pairs[pairs["text"].duplicated(keep=False)]
        shown = present[clash.index[:2]] if len(clash) else firsts[:2]
        raise MixedTypesError(
            f"{role} column {column!r} mixes value types ({names}), e.g. "
            f"{shown.iloc[0]!r} and {shown.iloc[1]!r}"
            + (", which would be read as one label" if len(clash) else "")
            + "; convert the column to one type first (e.g. .astype(str))"
        )


def check_rows(lf: nw.LazyFrame[Any], required: dict[str, Hashable], what: str) -> int:
    """Raise for an empty table or missing values in required columns; return the row count."""
    counts = (
        lf.select(
            nw.len().alias("__rows"),
            *(count_if(nw.col(str(c)).is_null()).alias(role) for role, c in required.items()),
        )
        .collect("pandas")
        .to_native()
        .iloc[0]
    )
    rows = int(counts["__rows"])
    raise_for_rows(rows, {role: int(counts[role]) for role in required}, required, what)
    return rows


def raise_for_rows(
    rows: int, missing: dict[str, int], required: dict[str, Hashable], what: str
) -> None:
    """Raise for an empty table, or for the first required column with missing values."""
    if rows == 0:
        raise EmptyLogError(f"the {what} has no rows")
    for role, column in required.items():
        if missing[role]:
            raise MissingValueError(
                f"{role} column {column!r} is empty in {missing[role]} of {rows} rows; "
                "drop or fill them first"
            )


def check_time_dtype(column: Hashable, dtype: Any) -> None:
    """Raise unless a time column holds date-times, dates, or text to read as date-times."""
    if not (dtype == nw.Datetime or dtype == nw.Date or dtype == nw.String):
        raise InvalidTimestampError(
            f"time column {column!r} has dtype {dtype}; expected dates and times"
        )


def reads_offsets(lf: nw.LazyFrame[Any], column: str) -> bool:
    """Whether a date-time text column gives UTC offsets (then every value does); raise
    for a mix of times with and without one, or for zones written otherwise."""
    text = nw.col(column)
    offset = text.str.contains(OFFSET_PATTERN)
    zone = text.str.contains(ZONE_PATTERN)
    found = collect(
        lf.select(
            count_if(~text.is_null()).alias("values"),
            count_if(offset).alias("offsets"),
            count_if(zone).alias("zones"),
            nw.when(offset).then(text).min().alias("offset"),
            nw.when(~zone).then(text).min().alias("plain"),
            nw.when(zone & ~offset).then(text).min().alias("other"),
        ),
        column,
    ).iloc[0]
    if found["zones"] > found["offsets"]:
        raise InvalidTimestampError(
            f"time column {column!r} has a time zone that is not a UTC offset right after "
            f"the time, e.g. {found['other']!r}; write offsets as Z or +02:00, or convert "
            "the column to date-times first"
        )
    if 0 < found["offsets"] < found["values"]:
        raise InvalidTimestampError(
            f"time column {column!r} mixes times with a UTC offset (e.g. {found['offset']!r}) "
            f"and without one (e.g. {found['plain']!r}), so their order is unknown; give "
            "every time an offset, or convert the column to date-times first"
        )
    return bool(found["offsets"])


def seconds(src: Source, column: str, dtype: Any) -> nw.Expr:
    """Epoch seconds of a datetime or date-time string column, as a float expression.

    Text with UTC offsets is read as absolute time by Spark's cast; polars needs
    :func:`parse_offsets` first.
    """
    col = nw.col(column)
    if src.is_spark and (dtype == nw.String or dtype == nw.Date):
        # Spark turns only its zoned TIMESTAMP into seconds; cast to it, text with a UTC
        # offset is read as absolute time and other text in the session's time zone.
        zone = src.lazy.to_native().sparkSession.conf.get("spark.sql.session.timeZone")
        return col.cast(nw.Datetime("us", zone)).cast(nw.Float64)
    if dtype == nw.String:
        col = (
            col.str.to_datetime()
            if src.lazy.implementation.is_polars()
            else col.cast(nw.Datetime("us"))
        )
    elif dtype == nw.Date:
        col = col.cast(nw.Datetime("us"))
    elif dtype == nw.Datetime and getattr(dtype, "time_zone", None) and not src.is_spark:
        # Absolute time: in UTC, durations are right across daylight-saving changes (Spark's
        # timestamps cast to absolute epoch seconds as they are).
        col = col.dt.convert_time_zone("UTC").dt.replace_time_zone(None)
    if src.is_spark:
        return col.cast(nw.Float64)
    return (col - nw.lit(EPOCH)).dt.total_microseconds() / 1e6


def parse_offsets(lf: nw.LazyFrame[Any], column: str) -> nw.LazyFrame[Any]:
    """A polars frame with its date-time text column (offsets on every value) read as UTC
    date-times without a zone. Told the zone to convert to, polars reads each value's
    offset; otherwise it refuses text whose offsets differ."""
    import polars as pl

    parsed = pl.col(column).str.to_datetime(time_unit="us", time_zone="UTC")
    return nw.from_native(lf.to_native().with_columns(parsed.dt.replace_time_zone(None)))


def collect(lf: nw.LazyFrame[Any], column: str) -> pd.DataFrame:
    """Run a lazy query, turning an engine's timestamp parse failure into a clear error."""
    try:
        return lf.collect("pandas").to_native()
    except Exception as exc:
        text = str(exc)
        if "surrogate" in text:  # not a time: named by ``naming_unwritable_text``
            raise
        if any(w in text.lower() for w in ("timestamp", "datetime", "strptime", "conversion")):
            raise InvalidTimestampError(
                f"time column {column!r} has values that are not dates and times: "
                f"{text.splitlines()[0][:300]}"
            ) from exc
        raise


@contextmanager
def duckdb_temp_table(relation: Any, select: str) -> Iterator[Any]:
    """A temp table of ``select`` (reading ``relation`` as ``__cjm_src``) in the relation's own
    connection, as a relation; dropped afterwards, whatever happens meanwhile."""
    name = f"__cjm_{uuid.uuid4().hex}"
    relation.query("__cjm_src", f"CREATE TEMP TABLE {name} AS {select}")
    try:
        yield relation.query("__cjm_src", f"SELECT * FROM {name}")
    finally:
        relation.query("__cjm_src", f"DROP TABLE IF EXISTS {name}")


@contextmanager
def materialized(lf: nw.LazyFrame[Any]) -> Iterator[nw.LazyFrame[Any]]:
    """``lf`` computed once, for a function that reads it more than once.

    Lazy engines recompute a query each time it is read (narwhals' DuckDB CTEs are not
    materialized), so the ordered-window step would run once per aggregation. DuckDB gets a
    temp table (dropped afterwards), Spark a cache, polars an eager frame.
    """
    native = lf.to_native()
    impl = lf.implementation
    if impl.is_duckdb():
        with duckdb_temp_table(native, "SELECT * FROM __cjm_src") as table:
            yield nw.from_native(table)
    elif impl.is_spark_like():
        cached = native.cache()
        try:
            yield nw.from_native(cached)
        finally:
            cached.unpersist()
    elif impl.is_polars():
        yield nw.from_native(native.collect().lazy())
    else:
        yield lf
