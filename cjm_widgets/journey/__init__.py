"""The journey's data model: lanes, roles, validation and errors."""

from .errors import (
    CJMError,
    DuplicateStepError,
    InvalidEditError,
    InvalidEmotionError,
    InvalidLaneError,
    MissingColumnError,
    MissingValueError,
)
from .schema import LANE_KINDS, FLAG_KINDS, Lane, Roles

__all__ = [
    "CJMError",
    "DuplicateStepError",
    "FLAG_KINDS",
    "InvalidEditError",
    "InvalidEmotionError",
    "InvalidLaneError",
    "LANE_KINDS",
    "Lane",
    "MissingColumnError",
    "MissingValueError",
    "Roles",
]
