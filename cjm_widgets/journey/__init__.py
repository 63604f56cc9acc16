"""The journey's data model: lanes, roles, validation and errors."""

from .errors import (
    CJMError,
    DuplicateStepError,
    EvidenceError,
    InvalidEditError,
    InvalidEmotionError,
    InvalidLaneError,
    MissingColumnError,
    MissingValueError,
)
from .schema import FLAG_KINDS, LANE_KINDS, Lane, Roles

__all__ = [
    "FLAG_KINDS",
    "LANE_KINDS",
    "CJMError",
    "DuplicateStepError",
    "EvidenceError",
    "InvalidEditError",
    "InvalidEmotionError",
    "InvalidLaneError",
    "Lane",
    "MissingColumnError",
    "MissingValueError",
    "Roles",
]
