"""Widgets as pages and static outputs that need no kernel and no network.

A widget's static form is a fragment: its escaped table (the *floor*, what shows where scripts
do not run, e.g. GitHub's notebook preview) and its saved state in an inert
``<script type="application/vnd.cjm-widget+json">``. The page renderer (``static/page.js``,
built from the live widgets' own views) draws each saved state in place of its floor,
read-only. A page is fragments, the renderer and its CSS inlined into one file, under a
Content-Security-Policy that lets it fetch nothing.
"""

from __future__ import annotations

import functools
import html
import json
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import CJMError, InvalidArgumentError
from ..keep.atomic import write_atomic
from . import DEFAULT_TITLE
from .html import inlinable, policy, script_hash, script_json

if TYPE_CHECKING:
    from ..widgets.base import Described

STATIC = Path(__file__).parent.parent / "static"
STATE_TYPE = "application/vnd.cjm-widget+json"
_STATE_OPEN = f'<script type="{STATE_TYPE}">'

# The traits every ipywidget carries, and the bundle itself: none is the widget's state.
_NOT_STATE = frozenset(
    {"_esm", "_css", "_anywidget_id", "layout", "tabbable", "tooltip", "_dom_classes"}
)
_SURROGATE = re.compile("[\ud800-\udfff]")

_PAGE_CSS = """\
body { margin: 0; padding: 16px 24px; font-family: system-ui, -apple-system, "Segoe UI",
  Roboto, "Helvetica Neue", Arial, sans-serif; font-size: 14px; color: #1f1f1f; background: #fff; }
.cjm-page-title { font-size: 1.5em; margin: 0 0 12px; }
.cjm-static { margin: 0 0 24px; }
.cjm-floor table { border-collapse: collapse; }
.cjm-floor th, .cjm-floor td { border: 1px solid #ccc; padding: 2px 6px; vertical-align: top; }
@media print { body { padding: 0; } }
/* The reader's dark mode, on screen (a printout stays light): JupyterLab's dark colours. */
@media screen and (prefers-color-scheme: dark) {
  :root {
    color-scheme: dark;
    --jp-ui-font-color1: #e6edf3; --jp-ui-font-color2: #9da7b3;
    --jp-layout-color0: #161b22; --jp-layout-color1: #0d1117; --jp-layout-color2: #1c2230;
    --jp-border-color2: #3d444d; --jp-brand-color1: #4493f8; --jp-brand-color3: #1f3a5f;
    --jp-error-color1: #f85149; --jp-error-color3: #3d1d1d; --jp-success-color1: #3fb950;
    --jp-warn-color1: #d29922;
  }
  body { color: #e6edf3; background: #0d1117; }
  .cjm-floor th, .cjm-floor td { border-color: #3d444d; }
}
"""


@functools.cache
def bundle() -> tuple[str, str]:
    """The page renderer and its CSS, as built into ``static/`` by ``npm run build``."""
    script = (STATIC / "page.js").read_text(encoding="utf-8")
    style = (STATIC / "page.css").read_text(encoding="utf-8")
    if not inlinable(script) or "</style" in style.lower():
        raise CJMError("the page renderer cannot be inlined: rebuild it (npm run build)")
    return script, style


def widget_kind(widget: Described) -> str:
    from ..widgets.curve import EmotionCurve
    from ..widgets.flow import JourneyFlow
    from ..widgets.map import JourneyMap

    if isinstance(widget, JourneyMap):
        return "map"
    if isinstance(widget, EmotionCurve):
        return "curve"
    if isinstance(widget, JourneyFlow):
        return "flow"
    raise InvalidArgumentError(
        "to_html takes JourneyMap and EmotionCurve widgets and JourneyFlow ones, "
        f"not {type(widget).__name__}"
    )


def saved_state(widget: Described) -> dict[str, Any]:
    """What the views draw from: the widget's synced traits, without the bundle."""
    names = [name for name in widget.keys if name not in _NOT_STATE]
    state = widget.get_state(key=names)
    return {
        name: value for name, value in state.items() if not name.startswith(("_model_", "_view_"))
    }


def state_script(widget: Described, group: str | None = None) -> str:
    saved = {"kind": widget_kind(widget), "state": saved_state(widget), "group": group}
    return f"{_STATE_OPEN}{script_json(saved)}</script>"


def floor(widget: Described, lang: str | None = None) -> str:
    """The widget's static table, in the page's ``lang`` (else the widget's own)."""
    from .floor import curve_floor, flow_floor, map_floor

    kind = widget_kind(widget)
    if kind == "flow":
        return flow_floor(widget, lang)
    return map_floor(widget, lang) if kind == "map" else curve_floor(widget, lang)


_FLOOR_OPEN = '<div class="cjm-floor">'
_FLOOR_CLOSE = f"</div>{_STATE_OPEN}"


def fragment(widget: Described, group: str | None = None, lang: str | None = None) -> str:
    """The widget's static form: its floor (in ``lang``, else the widget's language), then its
    saved state for the page renderer."""
    kind = widget_kind(widget)
    return (
        f'<div class="cjm-static" data-cjm-kind="{kind}">'
        f"{_FLOOR_OPEN}{floor(widget, lang)}</div>{state_script(widget, group)}</div>"
    )


def restate(html_fragment: str, state: Mapping[str, Any]) -> str:
    """A static form whose saved state takes the values ``state`` has (the widget's state as a
    notebook saved it, newer than the form written when it was displayed)."""
    start = html_fragment.find(_STATE_OPEN)
    if start < 0:
        return html_fragment
    start += len(_STATE_OPEN)
    end = html_fragment.find("</script>", start)
    try:
        saved = json.loads(html_fragment[start:end])
        saved["state"] = {name: state.get(name, value) for name, value in saved["state"].items()}
        text = script_json(saved)
    except (ValueError, TypeError, KeyError, AttributeError):
        return html_fragment  # not a form this package wrote: kept as it is
    return html_fragment[:start] + text + html_fragment[end:]


def script_first(html_fragment: str) -> str:
    """A fragment for a page whose renderer runs: the floor inside <noscript>, which a
    browser running scripts reads as bare text, so a large map is not built twice."""
    return html_fragment.replace(_FLOOR_OPEN, "<noscript>" + _FLOOR_OPEN, 1).replace(
        _FLOOR_CLOSE, "</div></noscript>" + _FLOOR_CLOSE.removeprefix("</div>"), 1
    )


def page(widgets: Iterable[Described], title: str | None = None, lang: str | None = None) -> str:
    """One self-contained page showing ``widgets`` (linked widgets share their selection).

    ``lang`` defaults to the first language a widget is set to, else English."""
    widgets = list(widgets)
    if not widgets:
        raise InvalidArgumentError("to_html needs at least one widget")
    for widget in widgets:
        widget_kind(widget)
    if title is None:
        title = next((w.title for w in widgets if w.title.strip()), DEFAULT_TITLE)
    if not isinstance(title, str):
        raise InvalidArgumentError(f"title must be text, not {type(title).__name__}")
    if lang is None:
        lang = next((w.lang for w in widgets if w.lang), "en")
    if not isinstance(lang, str) or not re.fullmatch(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*", lang):
        raise InvalidArgumentError(f"lang must be a language tag such as 'fr', not {lang!r}")
    groups: dict[int, str] = {}
    body = "\n".join(
        script_first(fragment(w, groups.setdefault(id(w._shared), str(len(groups))), lang))
        for w in widgets
    )
    script, style = bundle()
    # The first widget shows its own title: the page repeats it only in <title>.
    shown = title == widgets[0].title
    heading = "" if shown else f'<h1 class="cjm-page-title">{html.escape(title)}</h1>\n'
    text = f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{policy(script_hash(script))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="cjm_widgets">
<title>{html.escape(title)}</title>
<style>{_PAGE_CSS}</style>
<style>{style}</style>
</head>
<body>
{heading}<main>
{body}
</main>
<script>{script}</script>
</body>
</html>
"""
    # A lone surrogate cannot be written as UTF-8: it is shown as U+FFFD instead.
    return _SURROGATE.sub("\ufffd", text)


def to_html(
    path: str | os.PathLike[str],
    widgets: Described | Iterable[Described],
    *,
    title: str | None = None,
    lang: str | None = None,
) -> Path:
    """Write ``widgets`` as one self-contained HTML page at ``path``; return its path.

    The page opens from disk with no kernel and no network: the same views as in the
    notebook draw the maps and curves, read-only, with selection, tooltips, persona switch
    and presentation mode; printing gives the whole map. ``title`` defaults to the first
    widget's title; ``lang`` (the page's language) the first widget's ``lang``, else English.
    """
    from ..widgets.base import Described

    items = [widgets] if isinstance(widgets, Described) else list(widgets)
    target = Path(path).expanduser()
    write_atomic(target, [page(items, title, lang)])
    return target
