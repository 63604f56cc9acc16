"""cjm_widgets: customer journey maps in Jupyter, bound two-way to pandas DataFrames."""

from importlib.metadata import PackageNotFoundError, version

from ._edits import Edit
from .journey import (
    CJMError,
    DuplicateStepError,
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
    "InvalidEditError",
    "InvalidEmotionError",
    "InvalidLaneError",
    "JourneyMap",
    "Lane",
    "MissingColumnError",
    "MissingValueError",
    "__version__",
]
