"""Older import path of :mod:`cjm_widgets.templates`, kept so existing notebooks still run."""

from ..templates import STAGES, retail_events, retail_feelings, retail_journey, retail_survey

__all__ = ["STAGES", "retail_events", "retail_feelings", "retail_journey", "retail_survey"]
