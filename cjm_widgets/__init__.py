"""cjm_widgets: customer journey maps in Jupyter, bound two-way to pandas DataFrames."""

from importlib.metadata import PackageNotFoundError, version

from .checks import check
from .edits import Edit
from .errors import (
    CJMError,
    DuplicateStepError,
    EditConflictError,
    EvidenceError,
    InvalidArgumentError,
    InvalidEditError,
    InvalidEmotionError,
    InvalidLaneError,
    JourneyFileError,
    MissingColumnError,
    MissingValueError,
    NoViewError,
)
from .export.page import to_html
from .keep import load
from .table import Lane
from .versions import journey_diff
from .widgets import EmotionCurve, JourneyFlow, JourneyMap, Link, link

try:
    __version__ = version("cjm_widgets")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

__all__ = [
    "CJMError",
    "DuplicateStepError",
    "Edit",
    "EditConflictError",
    "EmotionCurve",
    "EvidenceError",
    "InvalidArgumentError",
    "InvalidEditError",
    "InvalidEmotionError",
    "InvalidLaneError",
    "JourneyFileError",
    "JourneyFlow",
    "JourneyMap",
    "Lane",
    "Link",
    "MissingColumnError",
    "MissingValueError",
    "NoViewError",
    "__version__",
    "check",
    "journey_diff",
    "link",
    "load",
    "to_html",
]
