"""Keep journey widgets over the same steps table in step: one table, one selection."""

from __future__ import annotations

from typing import Any

from ..edits import Document, State
from ..errors import CJMError
from .base import JourneyWidget


class Link:
    """A live link between journey widgets; :meth:`unlink` ends it.

    The widgets share one table and one undo history: an edit in any of them lands
    once, in every widget's ``data``, and each redraws; selecting steps in one selects
    them in the others.
    """

    def __init__(self, widgets: tuple[JourneyWidget, ...]) -> None:
        self.widgets = widgets
        source = widgets[0]
        doc = source._doc
        for widget in widgets[1:]:
            _check_same_steps(source, widget)
        for widget in widgets[1:]:
            if widget._doc is doc:
                continue
            spec, _ = widget._prepare(doc.state.frame)
            widget._doc.views.remove(widget)
            widget._doc = doc
            widget._spec = spec
            doc.views.append(widget)
            widget._selected_ids = list(source._selected_ids)
            widget._publish()
        for widget in widgets:
            widget.observe(self._mirror_selection, names="_selected_ids")

    def _mirror_selection(self, change: dict[str, Any]) -> None:
        for widget in self.widgets:
            if widget is not change["owner"] and list(widget._selected_ids) != change["new"]:
                widget._selected_ids = list(change["new"])

    def unlink(self) -> None:
        """Give every widget but the first its own copy of the table and history again."""
        for widget in self.widgets:
            widget.unobserve(self._mirror_selection, names="_selected_ids")
        for widget in self.widgets[1:]:
            doc = widget._doc
            if widget in doc.views:
                doc.views.remove(widget)
            widget._doc = Document(State(doc.state.frame, doc.state.ids.copy()))
            widget._doc.views.append(widget)


def _check_same_steps(a: JourneyWidget, b: JourneyWidget) -> None:
    left, right = a._state.frame.index, b._state.frame.index
    if len(left) != len(right) or not left.sort_values().equals(right.sort_values()):
        missing = [x for x in right if x not in set(left)][:5]
        extra = [x for x in left if x not in set(right)][:5]
        raise CJMError(
            f"cannot link {type(a).__name__} and {type(b).__name__}: their tables do not hold "
            f"the same rows (index labels only in the second: {missing}; only in the first: "
            f"{extra}); build both from the same DataFrame"
        )


def link(*widgets: JourneyWidget) -> Link:
    """Link journey widgets over the same steps table (e.g. a map and its emotion curve).

    The first widget's table is the one kept; the others must hold the same rows (same
    index labels) and their role columns. Returns a :class:`Link`; call ``unlink()`` to
    part them again.

    Examples
    --------
    >>> m, c = JourneyMap(df), EmotionCurve(df)   # doctest: +SKIP
    >>> cjm_widgets.link(m, c)                     # doctest: +SKIP
    """
    if len(widgets) < 2:
        raise CJMError("link needs at least two widgets")
    for widget in widgets:
        if not isinstance(widget, JourneyWidget):
            raise CJMError(f"link takes journey widgets, not {type(widget).__name__}")
    return Link(widgets)
