"""Saving the emotion curve: pages that run no user text and fetch nothing, images that
never abort the kernel, whatever the journey's text holds."""

from __future__ import annotations

import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from cjm_widgets import EmotionCurve

ROOT = Path(__file__).resolve().parent.parent

PAYLOADS = {
    "script": "</script><script>window.__x=1</script>",
    "img": '<img src=x onerror="window.__x=1">',
    "constructor": "constructor",
    "proto": "__proto__",
    "tostring": "toString",
    "u2028": "a\u2028b",
    "u2029": "a\u2029b",
    "nul": "a\x00b",
    "vtab": "a\x0bb",
    "cdata": "]]>",
    "emoji": "Paiement 😀 👍🏽",
    "french": "Étape déjà réglée « ça »",
}
# What the chart keeps of a payload: text as it was, but characters SVG cannot hold.
KEPT = {**PAYLOADS, "nul": "a\ufffdb", "vtab": "a b"}
PLACES = ["step", "stage", "persona", "pain", "gain", "moment_of_truth", "label"]
CASES = [(p, q) for p in PAYLOADS for q in PLACES]


def curve_with(payload: str, place: str) -> EmotionCurve:
    """Two personas' journey with ``payload`` in one place (row 1: Ana, Choose, Compare)."""
    frame = pd.DataFrame(
        {
            "persona": ["Ana", "Ana", "Ana", "Bo", "Bo"],
            "stage": ["Discover", "Choose", "Buy", "Discover", "Buy"],
            "step": ["See ad", "Compare", "Pay", "See ad", "Pay"],
            "emotion": [0.0, -1.0, 2.0, 1.0, -2.0],
            "pain": [None, "Too many options", None, None, "Card refused"],
            "gain": ["Nice photos", None, None, None, None],
            "moment_of_truth": [None, "yes", None, None, None],
        }
    )
    labels = {-3: "très négatif", 0: "neutre", 3: "très positif"}
    if place == "label":
        labels[0] = payload
    else:
        frame.loc[1, place] = payload
    return EmotionCurve(frame, persona="persona", labels=labels, moment_of_truth="moment_of_truth")


class Tags(HTMLParser):
    """Every tag a browser would build from a page, with its attributes and script text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in = tag
        if tag == "script":
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "script":
            self.scripts[-1] += data
        else:
            self.text.append(data)


def parse(page: str) -> Tags:
    tags = Tags()
    tags.feed(page)
    tags.close()
    return tags


def assert_inert(page: str, scripts: int) -> Tags:
    """The page builds only our own elements: no user tag, handler or fetched resource."""
    tags = parse(page)
    names = [name for name, _ in tags.tags]
    assert names.count("script") == scripts
    assert page.lower().count("</script") == scripts
    assert "img" not in names
    for name, attrs in tags.tags:
        assert not [a for a in attrs if a.startswith("on")], name
        assert not {"src", "href"} & set(attrs), name  # nothing loads
    if scripts:  # raw, they would end a string in a script
        assert not {"\u2028", "\u2029"} & set(page)
    return tags


def page_spec(tags: Tags) -> Any:
    """The chart spec a page embeds (its one JSON data block)."""
    blocks = [
        s
        for (n, a), s in zip([t for t in tags.tags if t[0] == "script"], tags.scripts, strict=True)
        if a.get("type") == "application/json"
    ]
    assert len(blocks) == 1
    return json.loads(blocks[0])


def values_of(node: Any, key: str) -> list[Any]:
    if isinstance(node, dict):
        found = [node[key]] if key in node else []
        return found + [v for child in node.values() for v in values_of(child, key)]
    if isinstance(node, list):
        return [v for child in node for v in values_of(child, key)]
    return []


def dataset_strings(spec: dict[str, Any]) -> set[str]:
    return {
        v
        for rows in spec["datasets"].values()
        for row in rows
        for v in row.values()
        if isinstance(v, str)
    }


@pytest.mark.parametrize(("payload", "place"), CASES)
def test_a_saved_page_runs_no_user_text_and_keeps_it(payload, place, tmp_path):
    chart = curve_with(PAYLOADS[payload], place).to_altair()
    chart.save(tmp_path / "curve.html")
    page = (tmp_path / "curve.html").read_text(encoding="utf-8")
    tags = assert_inert(page, scripts=3)  # vega's bundle, the spec (JSON), the embed call
    spec = page_spec(tags)
    assert spec == json.loads(json.dumps(chart.to_dict()))  # the page holds the chart, whole
    if place != "label":
        assert KEPT[payload] in dataset_strings(spec)
    for expr in values_of(spec, "labelExpr"):  # a raw line break ends vega's parse
        assert not {"\u2028", "\u2029"} & set(expr)


@pytest.mark.parametrize("payload", list(PAYLOADS))
def test_a_static_page_is_inline_svg_and_inert(payload, tmp_path):
    from cjm_widgets.export.html import chart_html

    chart = curve_with(PAYLOADS[payload], "stage").to_altair()
    page = chart_html(chart, title=PAYLOADS[payload], interactive=False)
    tags = assert_inert(page, scripts=0)
    assert "svg" in [name for name, _ in tags.tags]
    assert KEPT[payload] in "".join(tags.text)  # the stage name, drawn as text
    assert "title" in [name for name, _ in tags.tags]


def test_a_title_is_escaped_in_the_interactive_page():
    from cjm_widgets.export.html import chart_html

    chart = curve_with("Buy", "stage").to_altair()
    page = chart_html(chart, title=PAYLOADS["script"] + PAYLOADS["img"])
    tags = assert_inert(page, scripts=3)
    assert PAYLOADS["script"] + PAYLOADS["img"] in "".join(tags.text)


RENDER = """
import sys
from tests.test_export import CASES, PAYLOADS, curve_with
out = sys.argv[1]
for i, (payload, place) in enumerate(CASES):
    try:
        curve_with(PAYLOADS[payload], place).to_altair().save(f"{out}/{i}.svg")
    except Exception as error:  # a failure, unlike an abort, leaves the others to run
        open(f"{out}/{i}.svg", "w").write(f"failed: {error}")
"""


@pytest.fixture(scope="module")
def svgs(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """Every case saved as SVG in one child process: an abort there cannot end pytest."""
    out = tmp_path_factory.mktemp("svg")
    done = subprocess.run(
        [sys.executable, "-c", RENDER, str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    return out, done


@pytest.mark.parametrize(("payload", "place"), CASES)
def test_saving_svg_never_aborts_and_draws_the_text(svgs, payload, place):
    out, done = svgs
    index = CASES.index((payload, place))
    path = out / f"{index}.svg"
    assert path.exists(), f"the child stopped (exit {done.returncode}): {done.stderr[-800:]}"
    svg = path.read_text(encoding="utf-8")
    assert not svg.startswith("failed:"), svg[:300]
    tags = parse(svg)
    assert "mark-line" in svg  # the curve drew, not an empty chart
    assert not [n for n, _ in tags.tags if n in ("script", "img", "foreignobject")]
    if place in ("stage", "label"):
        assert KEPT[payload] in "".join(tags.text)
    elif place in ("step", "persona"):
        assert KEPT[payload][:12] in "".join(tags.text)  # long axis and legend labels are cut


def test_control_characters_become_drawable_and_other_text_stays():
    from cjm_widgets.export.html import drawable

    assert (
        drawable("a\x00b\x0bc\x0cd\x1fe\ufffe\uffff\ud800")
        == "a\ufffdb c d\ufffde\ufffd\ufffd\ufffd"
    )
    kept = "tab\there\nnew line\r, déjà 😀 👍🏽 \u2028 \x85 \u200b «»"
    assert drawable(kept) == kept


def test_a_page_opened_from_disk_fetches_nothing_runs_no_payload_and_draws(tmp_path, browser):
    text = PAYLOADS["script"] + PAYLOADS["img"].replace("__x", "__y")
    path = tmp_path / "curve.html"
    curve_with(text, "step").to_altair().save(path)
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    page.wait_for_selector("svg .mark-line", timeout=15000)
    ran = page.evaluate("[typeof window.__x, typeof window.__y]")
    context.close()
    assert requests == [path.as_uri()]
    assert ran == ["undefined", "undefined"]
