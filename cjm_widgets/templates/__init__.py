"""Ready-made journeys to start from (and to learn the method with)."""

from .retail import (
    STAGES,
    retail_driver_survey,
    retail_events,
    retail_feelings,
    retail_journey,
    retail_survey,
)

__all__ = [
    "STAGES",
    "retail_driver_survey",
    "retail_events",
    "retail_feelings",
    "retail_journey",
    "retail_survey",
]
