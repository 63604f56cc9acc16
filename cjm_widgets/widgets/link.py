"""Keep journey widgets over the same steps table in step: one table, one selection."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..edits import Document
from ..errors import CJMError
from ..table.schema import plain
from ..table.values import same_value
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
            # Drawn from the shared table, with the lanes its edits gave it.
            widget._document_changed(None)
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
            widget._doc = Document(doc.state.with_rows(doc.state.frame, doc.state.ids.copy()))
            widget._doc.views.append(widget)


def _check_same_steps(a: JourneyWidget, b: JourneyWidget) -> None:
    """Refuse to link tables that differ: linking keeps the first, so b's edits would be lost."""
    left, right = a._state.frame, b._state.frame
    names = f"{type(a).__name__} and {type(b).__name__}"
    if len(left.index) != len(right.index) or not left.index.sort_values().equals(
        right.index.sort_values()
    ):
        missing = [x for x in right.index if x not in set(left.index)][:5]
        extra = [x for x in left.index if x not in set(right.index)][:5]
        raise CJMError(
            f"cannot link {names}: their tables do not hold the same rows (index labels only "
            f"in the second: {missing}; only in the first: {extra}); build both from the same "
            "DataFrame"
        )
    only_b = [c for c in right.columns if c not in left.columns]
    if only_b:
        raise CJMError(
            f"cannot link {names}: the second table has columns the first lacks ({only_b!r}); "
            "linking keeps the first table, so they would be lost. Give both the same table "
            "first (e.g. first.data = second.data)"
        )
    if not left.index.equals(right.index):
        raise CJMError(
            f"cannot link {names}: their rows are in another order (a step was moved in one); "
            "linking keeps the first table's order. Give both the same table first"
        )
    for column in right.columns:
        ours, theirs = left[column], right[column]
        if ours.dtype != theirs.dtype:
            raise CJMError(
                f"cannot link {names}: column {column!r} is {ours.dtype} in the first and "
                f"{theirs.dtype} in the second. Give both the same table first"
            )
        if ours.equals(theirs):
            continue
        differs = np.array([not same_value(a, b) for a, b in zip(ours, theirs, strict=True)])
        if differs.any():
            row = left.index[int(differs.argmax())]
            raise CJMError(
                f"cannot link {names}: their tables differ at row {row!r}, column "
                f"{column!r} ({plain(ours[differs].iloc[0])!r} in the first, "
                f"{plain(theirs[differs].iloc[0])!r} in the second); linking keeps the first "
                "table, so that edit would be lost. Link the widgets before editing, or give "
                "both the same table first (e.g. second.data = first.data)"
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
