"""Survey scores per step (and persona): CSAT, NPS and CES with their uncertainty."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import narwhals as nw
import pandas as pd

from ..errors import CJMError
from ..stats import mean_interval, nps_interval, wilson
from ._engine import check_label_types, check_rows, collect, count_if, require, source

KINDS = {"csat": (1, 5), "nps": (0, 10), "ces": (1, 7)}
LOW_N = 30


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
    if kind not in KINDS:
        raise CJMError(f"kind {kind!r} is not one of {', '.join(KINDS)}")
    lo, hi = scale if scale is not None else KINDS[kind]
    check_label_types(responses, {"step": step, "persona": persona})
    src = source(responses)
    lf = src.lazy
    schema = require(lf, {"step": step, "score": score, "persona": persona})
    if not schema[score].is_numeric():
        raise CJMError(f"score column {score!r} has dtype {schema[score]}; expected numbers")
    required = {"step": step, "score": score}
    check_rows(lf, required, "survey")
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
        raise CJMError(
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
    out["mean_ci_low"], out["mean_ci_high"] = mean_interval(
        agg["mean"].to_numpy(), agg["__std"].to_numpy(dtype=float), n
    )
    if kind == "nps":
        out["promoters"] = agg["__top"] / n
        out["detractors"] = agg["__bottom"] / n
        out["nps"] = (out["promoters"] - out["detractors"]) * 100
        out["nps_ci_low"], out["nps_ci_high"] = nps_interval(
            agg["__top"].to_numpy(), agg["__bottom"].to_numpy(), n
        )
    else:
        out["top2_share"] = agg["__top"] / n
        out["top2_ci_low"], out["top2_ci_high"] = wilson(agg["__top"].to_numpy(), n)
    out["low_n"] = out["n"] < LOW_N
    out = out.sort_values(["step", *(["persona"] if persona is not None else [])], kind="stable")
    return src.back(pd.DataFrame(out).reset_index(drop=True).astype({"low_n": bool}))
