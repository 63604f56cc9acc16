"""Survey scores per step (and persona): CSAT, NPS and CES with their uncertainty."""

from __future__ import annotations

import math
import numbers
from collections.abc import Hashable, Iterable
from typing import Any

import narwhals as nw
import numpy as np
import pandas as pd

from ..errors import InvalidTableError
from ..stats import mean_interval, nps_interval, wilson
from ._engine import (
    InvalidArgumentError,
    Source,
    check_label_types,
    check_roles,
    check_rows,
    check_table,
    collect,
    count_if,
    naming_unwritable_text,
    require,
    source,
)

KINDS = {"csat": (1, 5), "nps": (0, 10), "ces": (1, 7)}
#: The interval survey_scores writes beside each of its scores.
INTERVALS = {
    "mean": ("mean_ci_low", "mean_ci_high"),
    "top2_share": ("top2_ci_low", "top2_ci_high"),
    "nps": ("nps_ci_low", "nps_ci_high"),
}
LOW_N = 30


@naming_unwritable_text
def survey_scores(
    responses: Any,
    *,
    step: Hashable = "step",
    score: Hashable = "score",
    kind: str = "csat",
    scale: tuple[float, float] | None = None,
    persona: Hashable | None = None,
) -> Any:
    """Per step (and persona): n, mean with a 95% t interval, and the kind's headline score.

    - ``csat`` (default scale 1–5) and ``ces`` (1–7): ``top2_share``, the share of answers in
      the top two points of the scale, with a Wilson 95% interval;
    - ``nps`` (0–10): ``promoters`` (9–10) and ``detractors`` (0–6) shares and ``nps`` in
      points (−100…100), with an adjusted-Wald 95% interval.

    ``low_n`` flags rows with fewer than 30 answers. Scores off the scale raise an error.
    """
    check_table(responses, "responses")
    roles = {"step": step, "score": score, "persona": persona}
    named = check_roles(roles, required=("step", "score"))
    if not isinstance(kind, str) or kind not in KINDS:
        raise InvalidArgumentError(f"kind {kind!r} is not one of {', '.join(KINDS)}")
    lo, hi = _scale(scale) if scale is not None else KINDS[kind]
    check_label_types(responses, {"step": step, "persona": persona})
    src = source(responses, named)
    lf = src.lazy
    schema = require(lf, roles)
    if not schema[score].is_numeric():
        raise InvalidTableError(
            f"score column {score!r} has dtype {schema[score]}; expected numbers"
        )
    # A missing persona is refused as a missing step is, not made a group of its own.
    check_rows(lf, named, "survey")
    value = nw.col(str(score)).cast(nw.Float64)
    keys = [str(step)] + ([str(persona)] if persona is not None else [])
    off = collect(
        lf.select(
            count_if((value < lo) | (value > hi)).alias("off"),
            value.min().alias("min"),
            value.max().alias("max"),
        ),
        str(score),
    )
    if int(off["off"].iloc[0]):
        raise InvalidTableError(
            f"{int(off['off'].iloc[0])} scores in column {score!r} are off the {kind} scale "
            f"{lo:g}…{hi:g} (seen {off['min'].iloc[0]:g}…{off['max'].iloc[0]:g})"
        )
    if kind == "nps":
        top = count_if(value >= 9).alias("__top")
        bottom = count_if(value <= 6).alias("__bottom")
    else:
        top = count_if(value >= hi - 1).alias("__top")
        bottom = count_if(value <= lo + 1).alias("__bottom")
    agg = collect(
        lf.group_by(*keys).agg(
            nw.len().alias("n"),
            value.mean().alias("mean"),
            value.std(ddof=1).alias("__std"),
            top,
            bottom,
        ),
        str(score),
    )
    n = agg["n"].to_numpy(dtype=float)
    out = agg[keys].rename(columns={str(step): "step"}).copy()
    if persona is not None:
        out = out.rename(columns={str(persona): "persona"})
    out["n"] = agg["n"].astype("int64")
    out["mean"] = agg["mean"]
    out[INTERVALS["mean"][0]], out[INTERVALS["mean"][1]] = mean_interval(
        agg["mean"].to_numpy(), agg["__std"].to_numpy(dtype=float), n
    )
    if kind == "nps":
        out["promoters"] = agg["__top"] / n
        out["detractors"] = agg["__bottom"] / n
        out["nps"] = (out["promoters"] - out["detractors"]) * 100
        out[INTERVALS["nps"][0]], out[INTERVALS["nps"][1]] = nps_interval(
            agg["__top"].to_numpy(), agg["__bottom"].to_numpy(), n
        )
    else:
        out["top2_share"] = agg["__top"] / n
        out[INTERVALS["top2_share"][0]], out[INTERVALS["top2_share"][1]] = wilson(
            agg["__top"].to_numpy(), n
        )
    out["low_n"] = out["n"] < LOW_N
    # Journey order, so that the rows line up with a map's steps; personas likewise.
    order = {"step": step, **({"persona": persona} if persona is not None else {})}
    ranks = [
        _rank(out[name], first_seen(responses, src, str(column))) for name, column in order.items()
    ]
    out = out.iloc[np.lexsort([r.to_numpy() for r in reversed(ranks)])]
    return src.back(pd.DataFrame(out).reset_index(drop=True).astype({"low_n": bool}))


def _scale(scale: Any) -> tuple[float, float]:
    """A scale given as (low, high); raise unless it is two finite numbers, low first."""
    values = list(scale) if isinstance(scale, Iterable) and not isinstance(scale, str) else []
    if len(values) != 2 or not all(
        isinstance(v, numbers.Real) and not isinstance(v, bool | np.bool_) and math.isfinite(v)
        for v in values
    ):
        raise InvalidArgumentError(
            f"scale must be two numbers (low, high), e.g. (1, 5); got {scale!r}"
        )
    lo, hi = values
    if lo >= hi:
        raise InvalidArgumentError(f"scale {scale!r} must run from low to high, e.g. (1, 5)")
    return float(lo), float(hi)


def _rank(values: pd.Series, order: list[Any]) -> pd.Series:
    """Each value's position in ``order``; values not in it come last, by label."""
    position = {value: i for i, value in enumerate(order)}
    ranked = values.map(lambda v: position.get(v, len(order)))
    last = ranked == len(order)
    if last.any():
        labels = values[last].astype(str).rank(method="dense")
        ranked = ranked.astype(float).where(~last, len(order) + labels)
    return ranked.astype(float)


def first_seen(table: Any, src: Source, column: str) -> list[Any]:
    """A column's distinct values in the order of their first row, or in category order
    for a categorical (pandas, pyarrow dictionary, polars Enum, DuckDB ENUM) column.

    DuckDB and Spark tables have no row order of their own: a relation's rows come in scan
    order (DuckDB keeps insertion order), a Spark DataFrame's in partition order.
    """
    if isinstance(table, pd.DataFrame):
        values = table[column]
        if isinstance(values.dtype, pd.CategoricalDtype):
            return list(values.cat.categories)
        return list(pd.unique(values.dropna()))
    impl = src.lazy.implementation
    native = src.lazy.to_native()
    if type(table).__module__.split(".")[0] == "pyarrow":
        import pyarrow as pa
        import pyarrow.compute as pc

        values = table.column(column)
        if pa.types.is_dictionary(values.type):
            return list(values.to_pandas().cat.categories)
        return pc.unique(values).drop_null().to_pylist()  # in order of first appearance
    if impl.is_polars():
        import polars as pl

        dtype = native.collect_schema()[column]
        if isinstance(dtype, pl.Enum):
            return dtype.categories.to_list()
        distinct = native.select(pl.col(column).unique(maintain_order=True).drop_nulls())
        return distinct.collect().to_series().to_list()
    if impl.is_duckdb():
        quoted = '"' + column.replace('"', '""') + '"'
        if str(native.select(quoted).types[0]).startswith("ENUM"):
            sql = f"SELECT DISTINCT {quoted} FROM __cjm_src ORDER BY 1"  # ENUMs sort by position
        else:
            sql = (
                f"SELECT {quoted} FROM (SELECT {quoted}, row_number() OVER () AS r "
                f"FROM __cjm_src) GROUP BY 1 ORDER BY min(r)"
            )
        return [row[0] for row in native.query("__cjm_src", sql).fetchall() if row[0] is not None]
    from pyspark.sql import functions as F

    first = (
        native.select(column, F.monotonically_increasing_id().alias("__r"))
        .groupBy(column)
        .agg(F.min("__r").alias("__r"))
        .orderBy("__r")
    )
    return [row[0] for row in first.collect() if row[0] is not None]
