"""cjm_widgets: customer journey maps in Jupyter, bound two-way to pandas DataFrames."""

from importlib.metadata import PackageNotFoundError, version

from ._edits import Edit
from ._link import Link, link
from .curve import EmotionCurve
from .journey import (
    CJMError,
    DuplicateStepError,
    EvidenceError,
    InvalidEditError,
    InvalidEmotionError,
    InvalidLaneError,
    Lane,
    MissingColumnError,
    MissingValueError,
)
from .map import JourneyMap

try:
    __version__ = version("cjm_widgets")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

__all__ = [
    "CJMError",
    "DuplicateStepError",
    "Edit",
    "EmotionCurve",
    "EvidenceError",
    "InvalidEditError",
    "InvalidEmotionError",
    "InvalidLaneError",
    "JourneyMap",
    "Lane",
    "Link",
    "MissingColumnError",
    "MissingValueError",
    "__version__",
    "link",
]
