"""The map's checklist: the method checks' findings, shown in a panel of the map's views.

A view says when its Checks panel opens (``{"type": "checks", "open": true, "lang": "fr",
"view": id}``) and closes; the findings then go to every view in the synced ``_checks`` trait,
each with the id of the step it names. While a panel is open they are found again after each
change to the table, once the edit has been answered (a drag's many edits make one check);
when none is open, a change drops them, and the next panel opened finds them anew.
``m.show_checks()`` opens the panel from Python.
"""

from __future__ import annotations

from typing import Any

import traitlets

from ..checks import located
from ..edits import Edit
from ..errors import InvalidArgumentError
from ..words import LANGS, language
from .base import JourneyWidget
from .wire import kernel_loop


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


class Checklist(JourneyWidget):
    """What :class:`~cjm_widgets.JourneyMap` does with method checks (its base class)."""

    # None until a view or show_checks() asks: a map nobody checks never pays for checking.
    _checks = traitlets.Any(None).tag(sync=True)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._checks_views: set[Any] = set()  # the views whose panel is open
        self._checks_lang = "en"
        self._checks_queued = False
        self.on_msg(self._on_checks_message)

    def show_checks(self, on: bool = True, *, lang: str | None = None) -> None:
        """Open the Checks panel in the views shown now (``False`` closes it).

        The panel lists what :func:`cjm_widgets.check` finds, in the view's language (or
        ``lang``, ``"en"`` or ``"fr"``); choosing a finding selects its step on the map.
        The list follows every edit while the map lives.

        Raises
        ------
        InvalidArgumentError
            For an ``on`` that is not True or False, or an unknown ``lang``.
        NoViewError
            When ``on`` is True and no view of the map is shown.
        """
        if not isinstance(on, bool):
            raise InvalidArgumentError(
                f"show_checks(on=) takes True or False, not {type(on).__name__} {on!r}"
            )
        lang = language(lang)
        if on:
            self._need_view("show_checks")
            if lang is not None:
                self._find_checks(lang)
        self.send({"type": "checks_panel", "on": on, "lang": lang})

    def _on_checks_message(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if not isinstance(content, dict):
            return
        view = content.get("view")
        view = view if isinstance(view, str) else None
        if content.get("type") == "view" and content.get("open") is False:
            self._checks_views.discard(view)
        elif content.get("type") == "checks":
            if content.get("open", True) is False:
                self._checks_views.discard(view)
                return
            self._checks_views.add(view)
            lang = content.get("lang")
            self._find_checks(lang if lang in LANGS else "en")

    def _document_changed(self, edit: Edit | None) -> None:
        super()._document_changed(edit)
        if self._checks is None:
            return
        if not self._checks_views:
            self._checks = None  # nobody reads them: found anew when a panel opens
            return
        loop = kernel_loop(self)
        if loop is None:  # not shown from a kernel (a script, a test): find them now
            self._refresh_checks()
            return
        # In a kernel: after the edit's answer has gone, and once for a burst of edits.
        if not self._checks_queued:
            self._checks_queued = True
            loop.call_soon(self._refresh_checks)

    def _refresh_checks(self) -> None:
        self._checks_queued = False
        if self._checks_views and self._checks is not None:
            self._find_checks(self._checks_lang)

    def _find_checks(self, lang: str) -> None:
        self._checks_lang = lang
        table, positions = located(self, lang)
        ids = self._state.ids
        items = [
            {
                "severity": finding["severity"],
                "rule": finding["rule"],
                "id": None if row is None else int(ids[row]),
                "persona": _text(finding["persona"]),
                "stage": _text(finding["stage"]),
                "step": _text(finding["step"]),
                "message": finding["message"],
            }
            for finding, row in zip(table.to_dict("records"), positions, strict=True)
        ]
        self._checks = {"lang": lang, "items": items}
