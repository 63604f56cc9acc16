"""``jupyter nbconvert --to cjm_html``: a notebook as a page that fetches nothing.

nbconvert's own HTML page loads require.js and MathJax from the web, and, when the notebook
holds widget state, the widget manager too; offline, its widgets show blank. This
exporter writes JupyterLab's page with none of these: every widget output falls back to its
static form (cjm_widgets' maps and curves are drawn by the inlined page renderer, other
widgets show their text), and a Content-Security-Policy forbids any request and lets no
script run but the renderer (not one in a markdown cell or another output).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from nbconvert.exporters import HTMLExporter
from traitlets import default

from .html import policy, script_hash
from .page import STATE_TYPE, bundle, restate, script_first

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
TEMPLATES = Path(__file__).parent / "nbconvert_templates"


class OfflineHTMLExporter(HTMLExporter):
    """JupyterLab's HTML page with no request to any network; see the module docstring."""

    export_from_notebook = "HTML, offline (cjm_widgets)"

    def _template_name_default(self) -> str:
        return "cjm_offline"

    @default("extra_template_basedirs")
    def _default_extra_template_basedirs(self) -> list[str]:
        return [str(TEMPLATES), *super()._default_extra_template_basedirs()]

    def from_notebook_node(
        self, nb: Any, resources: dict[str, Any] | None = None, **kw: Any
    ) -> tuple[Any, dict[str, Any]]:
        nb = copy.deepcopy(nb)
        # The widgets' state as the notebook was saved: newer than their static forms.
        saved = (nb.metadata.pop("widgets", None) or {}).get(WIDGET_STATE, {}).get("state", {})
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                data = output.get("data")
                if not data:
                    continue
                view = data.pop(WIDGET_VIEW, None)
                html = data.get("text/html")
                if html is None:
                    continue
                html = html if isinstance(html, str) else "".join(html)
                if STATE_TYPE in html:
                    model = saved.get(view.get("model_id")) if isinstance(view, dict) else None
                    if isinstance(model, dict) and isinstance(model.get("state"), dict):
                        html = restate(html, model["state"])
                    data["text/html"] = script_first(html)
        script, style = bundle()
        # Only the renderer runs: no script in a markdown cell or an output, nothing fetched.
        csp = policy(script_hash(script))
        resources = {**(resources or {}), "cjm_script": script, "cjm_style": style, "cjm_csp": csp}
        return super().from_notebook_node(nb, resources, **kw)
