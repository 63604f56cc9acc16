"""A chart and a map kept in step: a click on a point selects the step on the map, and the
steps selected on the map are ringed in the chart."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from ..errors import CJMError
from ..export.html import drawable
from ..export.priority import GROUP, HIGHLIGHT, PICK
from .map import JourneyMap


def offline_jupyter_chart(chart: Any) -> Any:
    """An ``alt.JupyterChart`` drawn by vega from vl-convert's bundle: no CDN is asked for."""
    try:
        alt.JupyterChart.enable_offline()
    except ImportError as error:  # altair raises a plain ImportError naming vl-convert
        raise ModuleNotFoundError(
            'a linked chart draws vega offline from vl-convert: pip install "cjm_widgets[charts]"'
        ) from error
    # SVG: each point is an element a screen reader (and a test) can find by its label.
    return alt.JupyterChart(chart, embed_options={"renderer": "svg", "actions": False})


class ChartLink:
    """A live link between a :class:`~cjm_widgets.JourneyMap` and a chart; display it to show
    the chart, call :meth:`unlink` to part them.

    The chart must carry a point selection named ``step`` over a ``step`` field and a list
    param named ``highlight``, as :func:`cjm_widgets.charts.importance_performance` makes.
    Steps are matched by their label, among the steps of the persona the chart shows (its
    table held one persona's rows: a click then shows that persona on the map), else among
    those of the persona the map shows.
    """

    def __init__(self, journey_map: JourneyMap, chart: Any) -> None:
        if not isinstance(journey_map, JourneyMap):
            raise CJMError(f"link_chart takes a JourneyMap, not {type(journey_map).__name__}")
        widget = chart if isinstance(chart, alt.JupyterChart) else offline_jupyter_chart(chart)
        names = set(widget.selections.trait_names())
        if PICK not in names or HIGHLIGHT not in widget.params.trait_names():
            raise CJMError(
                f"link_chart needs a chart with a point selection named {PICK!r} and a param "
                f"named {HIGHLIGHT!r}, as cjm_widgets.charts.importance_performance makes"
            )
        self.map = journey_map
        self.chart = widget
        self.persona = self._charted_persona(widget.chart)
        self._busy = False
        widget.selections.observe(self._from_chart, names=PICK)
        journey_map.observe(self._from_map, names="selected")
        journey_map.observe(self._from_map, names="active_persona")
        self._from_map(None)

    def _charted_persona(self, chart: Any) -> str | None:
        """The persona whose figures the chart shows, when its table held one persona's rows
        (a column named like the map's persona column, or ``persona``)."""
        column = self.map._spec.roles.persona
        meta = getattr(chart, "usermeta", None)
        group = meta.get(GROUP) if isinstance(meta, dict) else None
        if column is None or not isinstance(group, dict):
            return None
        for name in (str(column), "persona"):
            if name in group:
                persona = str(group[name])
                known = self.map._journey.get("personas", [])
                if persona not in known:
                    raise CJMError(
                        f"the chart shows persona {persona!r}, which the map does not have "
                        f"({', '.join(map(repr, known))})"
                    )
                return persona
        return None

    def _steps(self, persona: str | None) -> pd.Series:
        """The step label of each row of a persona (every row for a map without personas),
        by index label."""
        m = self.map
        frame = m.data
        roles = m._spec.roles
        if roles.persona is not None and persona is not None:
            frame = frame[frame[roles.persona].map(str) == persona]
        return frame[roles.step].map(lambda v: drawable(str(v)))

    def _from_chart(self, change: Any) -> None:
        if self._busy:
            return
        picked = {
            str(row.get("step")) for row in (change["new"].value or []) if isinstance(row, dict)
        }
        persona = self.persona or self.map.active_persona or None
        steps = self._steps(persona)
        labels = [label for label, step in steps.items() if step in picked]
        self._busy = True
        try:
            # The chart's figures are one persona's: its steps are the ones to show.
            if picked and self.persona is not None and self.map.active_persona != self.persona:
                self.map.active_persona = self.persona
            self.map.selected = labels
        finally:
            self._busy = False
        self._from_map(None)

    def _from_map(self, _change: Any) -> None:
        steps = self._steps(self.persona or self.map.active_persona or None)
        chosen = [steps[label] for label in self.map.selected if label in steps.index]
        setattr(self.chart.params, HIGHLIGHT, list(dict.fromkeys(chosen)))

    def unlink(self) -> None:
        """Stop mirroring selections; the chart and the map keep their current state."""
        self.chart.selections.unobserve(self._from_chart, names=PICK)
        self.map.unobserve(self._from_map, names="selected")
        self.map.unobserve(self._from_map, names="active_persona")

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.chart._repr_mimebundle_(**kwargs)


def link_chart(journey_map: JourneyMap, chart: Any) -> ChartLink:
    """Link a map and an altair chart both ways (see :class:`ChartLink`).

    ``chart`` is an altair chart (drawn offline in an ``alt.JupyterChart``) or a
    ``JupyterChart`` already made. Display the result to show the chart.

    Examples
    --------
    >>> ipa = analytics.importance_performance(drivers, scores)   # doctest: +SKIP
    >>> charts.link_chart(m, charts.importance_performance(ipa))   # doctest: +SKIP
    """
    return ChartLink(journey_map, chart)
