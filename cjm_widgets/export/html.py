"""Charts as pages that open from disk: no request leaves them, and no text in them runs."""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import json
import re
from pathlib import Path
from typing import Any

# Inside a <script>, "</script" or "<!--" in a string would end or bend the script, and a raw
# U+2028/U+2029 ends a string literal in older engines; \u escapes keep the JSON the same.
_SCRIPT_SAFE = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)
# Characters XML 1.0 cannot hold: vl-convert aborts the whole process on them.
_NOT_XML = re.compile("[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# In a function: the bundle's top-level names are globals of the page.
_EMBED = """\
(() => {
  const spec = JSON.parse(document.getElementById("cjm-spec").textContent);
  const el = document.getElementById("cjm-chart");
  vegaEmbed(el, spec, {
    renderer: "svg",
    actions: {export: true, source: false, compiled: false, editor: false},
  }).catch((error) => { el.textContent = String(error); });
})();
"""


def drawable(text: str) -> str:
    """``text`` as vl-convert can draw it: vertical tab and form feed become spaces, other
    characters SVG cannot hold become U+FFFD; everything else is kept as it is."""
    return _NOT_XML.sub("\ufffd", text.replace("\x0b", " ").replace("\x0c", " "))


# Vega reads a title that names an Object.prototype member as something else and fails to
# draw the chart ("Operator not defined"); a trailing space keeps the title and the chart.
PROTOTYPE_NAMES = frozenset(
    {
        "constructor",
        "hasOwnProperty",
        "isPrototypeOf",
        "propertyIsEnumerable",
        "toLocaleString",
        "toString",
        "valueOf",
        "__proto__",
        "__defineGetter__",
        "__defineSetter__",
        "__lookupGetter__",
        "__lookupSetter__",
    }
)
_TITLE_KEYS = frozenset({"title", "text", "subtitle"})


def drawable_spec(node: Any, key: str | None = None) -> Any:
    """A spec with :func:`drawable` applied to every string in it, and titles that vega
    would misread kept as text."""
    if isinstance(node, str):
        text = drawable(node)
        return text + " " if key in _TITLE_KEYS and text in PROTOTYPE_NAMES else text
    if isinstance(node, dict):
        return {k: drawable_spec(value, k) for k, value in node.items()}
    if isinstance(node, list):
        return [drawable_spec(value, key) for value in node]
    return node


def script_json(value: Any) -> str:
    """JSON that can sit inside a <script> element as it is."""
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return text.translate(_SCRIPT_SAFE)


def inlinable(script: str) -> bool:
    """Whether a script can sit inside a <script> element as it is: nothing in it could end
    or bend the element."""
    return re.search(r"</script|<!--|<script", script, re.IGNORECASE) is None


def script_hash(script: str) -> str:
    """The CSP source that lets exactly this inline script run."""
    return f"'sha256-{base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()}'"


def policy(script_src: str) -> str:
    """A page's Content-Security-Policy: nothing fetched, inline styles, data: and blob:
    images, and the scripts ``script_src`` allows."""
    return (
        f"default-src 'none'; script-src {script_src}; style-src 'unsafe-inline'; "
        "img-src data: blob:; font-src data:"
    )


def _vl_version() -> str:
    import altair as alt

    return ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])


@functools.lru_cache(maxsize=1)
def _bundle() -> str | None:
    """Vega, Vega-Lite and vega-embed in one script, from vl-convert (offline), if it has it."""
    try:
        import vl_convert as vlc
    except ImportError:
        return None
    make = getattr(vlc, "javascript_bundle", None)
    if make is None:
        return None
    version = _vl_version()
    known: list[str] = getattr(vlc, "get_vegalite_versions", list)()
    script = str(make(vl_version=version) if version in known else make())
    # Inlined as is: a bundle that could end or bend its <script> is not used at all.
    return script if inlinable(script) else None


def _csp(scripts: list[str]) -> str:
    # Only our own scripts run (by hash) and nothing is fetched; vega compiles its
    # expressions with Function, hence 'unsafe-eval'.
    hashes = " ".join(script_hash(s) for s in scripts)
    return policy(f"{hashes} 'unsafe-eval'" if scripts else "'none'")


def _page(title: str, csp: str, head: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{html.escape(csp)}">\n'
        f"<title>{html.escape(title)}</title>\n{head}</head>\n<body>\n{body}</body>\n</html>\n"
    )


def chart_html(chart: Any, *, title: str = "Chart", interactive: bool = True) -> str:
    """A whole HTML page drawing ``chart`` (an altair chart), that opens from disk offline.

    Interactive (vega-embed, inlined from vl-convert) when ``interactive`` and vl-convert
    offers its script bundle; else the chart as inline SVG, rendered by vl-convert.
    """
    spec = drawable_spec(chart.to_dict())
    bundle = _bundle() if interactive else None
    if bundle is not None:
        scripts = [bundle, _EMBED]
        head = f"<script>{bundle}</script>\n"
        body = (
            '<div id="cjm-chart"></div>\n'
            f'<script type="application/json" id="cjm-spec">{script_json(spec)}</script>\n'
            f"<script>{_EMBED}</script>\n"
        )
        return _page(title, _csp(scripts), head, body)
    try:
        import vl_convert as vlc
    except ImportError as error:
        raise ModuleNotFoundError(
            'saving a chart as a page needs vl-convert: pip install "cjm_widgets[charts]"'
        ) from error
    # vega's SVG writer escapes text and attributes; no script may run in it anyway.
    svg = vlc.vegalite_to_svg(spec, vl_version=_vl_version())
    return _page(title, _csp([]), "", f"{svg}\n")


def save_chart_html(chart: Any, fp: Any, **kwargs: Any) -> None:
    """Write :func:`chart_html` to a path or an open text file."""
    page = chart_html(chart, **kwargs)
    if hasattr(fp, "write"):
        fp.write(page)
    else:
        Path(fp).write_text(page, encoding="utf-8")
