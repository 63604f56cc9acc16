"""Journeys outside the notebook: pages, static forms, Mermaid, charts (altair)."""

from __future__ import annotations

from typing import Any

#: What a journey with no title of its own is called on a page, in a diagram or a table.
DEFAULT_TITLE = "Customer journey"


def title_of(widget: Any) -> str:
    """A widget's title, or :data:`DEFAULT_TITLE` when it has none."""
    own = getattr(widget, "title", "")
    return own if isinstance(own, str) and own.strip() else DEFAULT_TITLE
