"""Charts beside the map: altair charts of the priority tables, linked to a map's selection."""

from .export.priority import PriorityChart, importance_performance
from .widgets.chart_link import ChartLink, link_chart

__all__ = ["ChartLink", "PriorityChart", "importance_performance", "link_chart"]
