"""Step KPIs from event logs and survey answers, on pandas, polars, pyarrow, DuckDB or PySpark.

Every function returns the kind of table it was given.
"""

from ._engine import EmptyLogError, InvalidArgumentError, InvalidTimestampError, MixedTypesError
from .drivers import BootstrapWarning, key_drivers
from .events import PATH_END, PATH_START, DuplicateEventsWarning, funnel, step_metrics, transitions
from .priorities import importance_performance, opportunity_scores, what_if
from .surveys import survey_scores

__all__ = [
    "PATH_END",
    "PATH_START",
    "BootstrapWarning",
    "DuplicateEventsWarning",
    "EmptyLogError",
    "InvalidArgumentError",
    "InvalidTimestampError",
    "MixedTypesError",
    "funnel",
    "importance_performance",
    "key_drivers",
    "opportunity_scores",
    "step_metrics",
    "survey_scores",
    "transitions",
    "what_if",
]
