"""``jupyter nbconvert --to cjm_html``: a notebook's page with nothing fetched, its maps drawn
from the state the notebook was saved with."""

from __future__ import annotations

import json
from typing import Any

import ipywidgets
import nbformat
from nbconvert.exporters import get_exporter

from cjm_widgets import JourneyMap
from cjm_widgets.export.html import script_hash
from cjm_widgets.export.nbconvert import WIDGET_STATE, WIDGET_VIEW, OfflineHTMLExporter
from cjm_widgets.export.page import STATE_TYPE

from .journeys import french_journey
from .test_page import Parsed


def notebook(*widgets: Any, saved: bool = True) -> Any:
    """A notebook with one displayed widget per cell and, if ``saved``, their state now."""
    cells = []
    for widget in widgets:
        bundle = widget._repr_mimebundle_()
        data = bundle[0] if isinstance(bundle, tuple) else bundle  # ipywidgets: no metadata
        cell = nbformat.v4.new_code_cell("m")
        cell.outputs = [nbformat.v4.new_output("display_data", data=data)]
        cells.append(cell)
    nb = nbformat.v4.new_notebook(cells=cells)
    if saved:
        state = {
            w.model_id: {
                "model_name": w._model_name,
                "state": json.loads(json.dumps(w.get_state())),
            }
            for w in widgets
        }
        nb.metadata["widgets"] = {WIDGET_STATE: {"state": state, "version_major": 2}}
    return nb


def export(nb: Any) -> Parsed:
    body, _ = OfflineHTMLExporter().from_notebook_node(nb)
    return Parsed(body)


def test_the_exporter_is_installed_for_nbconvert() -> None:
    assert get_exporter("cjm_html") is OfflineHTMLExporter


def test_a_map_is_drawn_from_the_state_the_notebook_was_saved_with() -> None:
    m = JourneyMap(french_journey(), persona="persona", title="Avant")
    nb = notebook(m, saved=False)
    # Edited after it was displayed: the notebook's saved widget state is newer.
    m.active_persona = "Léo"
    m.title = "Après"
    nb.metadata["widgets"] = notebook(m).metadata["widgets"]
    parsed = export(nb)
    (state,) = parsed.states()
    assert state["state"]["active_persona"] == "Léo"
    assert state["state"]["title"] == "Après"
    assert state["state"]["_journey"] == m._journey


def test_without_saved_state_the_displayed_form_is_kept() -> None:
    m = JourneyMap(french_journey(), persona="persona", title="Tel quel")
    (state,) = export(notebook(m, saved=False)).states()
    assert state["state"]["title"] == "Tel quel"


def test_nothing_on_the_page_can_fetch() -> None:
    m = JourneyMap(french_journey(), persona="persona")
    slider = ipywidgets.IntSlider(3)
    parsed = export(notebook(m, slider))
    for tag, attrs in parsed.tags:
        assert "src" not in attrs, (tag, attrs)
        assert str(attrs.get("href", "#")).startswith("#"), (tag, attrs)  # anchors only
    kinds = [kind for kind, _ in parsed.scripts]
    # No widget view nor widget state for a widget manager from a CDN: the slider shows its text.
    assert WIDGET_VIEW not in kinds
    assert WIDGET_STATE not in kinds
    assert kinds.count(STATE_TYPE) == 1
    csp = [a["content"] for _, a in parsed.tags if a.get("http-equiv") == "Content-Security-Policy"]
    assert csp
    assert csp[0].startswith("default-src 'none'")
    assert "IntSlider" in "".join(parsed.texts)


def test_only_the_renderer_may_run_on_a_notebook_page() -> None:
    m = JourneyMap(french_journey(), persona="persona")
    nb = notebook(m)
    nb.cells.insert(0, nbformat.v4.new_markdown_cell("<script>window.__pwned = 1</script>"))
    parsed = export(nb)
    (csp,) = [
        a["content"] for _, a in parsed.tags if a.get("http-equiv") == "Content-Security-Policy"
    ]
    script_src = next(part.split() for part in csp.split(";") if "script-src" in part)
    (renderer,) = [body for kind, body in parsed.scripts if kind is None and "cjmWidgets" in body]
    assert script_src == ["script-src", script_hash(renderer)]


def test_a_damaged_static_form_is_kept_as_it_is() -> None:
    from cjm_widgets.export.page import restate

    damaged = f'<div><script type="{STATE_TYPE}">{{"kind": "map", "sta</script></div>'
    assert restate(damaged, {"title": "x"}) == damaged
    no_state = f'<div><script type="{STATE_TYPE}">{{"kind": "map"}}</script></div>'
    assert restate(no_state, {"title": "x"}) == no_state
