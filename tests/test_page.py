"""Pages and static outputs: one file that fetches nothing, whose user text stays text."""

from __future__ import annotations

import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

import cjm_widgets
from cjm_widgets import EmotionCurve, InvalidArgumentError, JourneyMap, link
from cjm_widgets.export import page as page_module
from cjm_widgets.export.html import inlinable
from cjm_widgets.export.page import STATE_TYPE, fragment, page

from .journeys import PAYLOADS, french_journey


class Parsed(HTMLParser):
    """Every tag with its attributes, and the text of each <script> by its type."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[str | None, str]] = []
        self.texts: list[str] = []
        self._script: str | bool | None = False
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script = dict(attrs).get("type")
            self.scripts.append((self._script, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = False

    def handle_data(self, data: str) -> None:
        self.texts.append(data)
        if self._script is not False:
            kind, text = self.scripts[-1]
            self.scripts[-1] = (kind, text + data)

    def states(self) -> list[dict[str, Any]]:
        return [json.loads(text) for kind, text in self.scripts if kind == STATE_TYPE]


def hostile_map() -> JourneyMap:
    return JourneyMap(
        french_journey(payloads=True),
        persona="persona",
        title=PAYLOADS[0],
        description=PAYLOADS[1],
    )


def test_a_page_is_one_file_that_fetches_nothing(tmp_path: Path) -> None:
    m = JourneyMap(french_journey(), persona="persona", title="Achat en ligne")
    c = EmotionCurve(french_journey(), persona="persona")
    path = cjm_widgets.to_html(tmp_path / "carte.html", [m, c])
    assert path == tmp_path / "carte.html"
    parsed = Parsed(path.read_text(encoding="utf-8"))
    tags = [tag for tag, _ in parsed.tags]
    # No element that loads anything: every script and style is inline.
    assert "link" not in tags
    assert "iframe" not in tags
    assert "img" not in tags
    for tag, attrs in parsed.tags:
        assert not {"src", "href"} & set(attrs), (tag, attrs)
    csp = [a["content"] for t, a in parsed.tags if a.get("http-equiv") == "Content-Security-Policy"]
    assert csp
    assert "default-src 'none'" in csp[0]
    assert [kind for kind, _ in parsed.scripts] == [STATE_TYPE, STATE_TYPE, None]
    assert [s["kind"] for s in parsed.states()] == ["map", "curve"]
    assert "<title>Achat en ligne</title>" in path.read_text(encoding="utf-8")
    # The bundle and the CSS never name an address to fetch.
    text = path.read_text(encoding="utf-8")
    assert "@import" not in text
    assert "url(http" not in text


def test_the_saved_state_is_what_the_live_view_draws() -> None:
    m = JourneyMap(french_journey(), persona="persona")
    m.active_persona = "Léo"
    m.selected = [3]
    (state,) = Parsed(page([m])).states()
    assert state["state"]["_journey"] == m._journey
    assert state["state"]["active_persona"] == "Léo"
    assert state["state"]["_selected_ids"] == m._selected_ids
    assert "_esm" not in state["state"]
    assert "layout" not in state["state"]


def test_payloads_stay_text_in_the_page() -> None:
    m = hostile_map()
    c = EmotionCurve(french_journey(payloads=True), persona="persona", title=PAYLOADS[2])
    text = page([m, c], title=PAYLOADS[2])
    parsed = Parsed(text)
    # Exactly the scripts the page writes: two states and the renderer, none from user text.
    assert [kind for kind, _ in parsed.scripts] == [STATE_TYPE, STATE_TYPE, None]
    assert not any(tag == "img" for tag, _ in parsed.tags)
    assert not any(name.startswith("on") for _, attrs in parsed.tags for name in attrs)
    assert not any(tag == "b" for tag, _ in parsed.tags)
    # Inside the state scripts nothing can close the script; the JSON decodes to the text.
    for kind, body in parsed.scripts:
        if kind == STATE_TYPE:
            assert "<" not in body
    states = parsed.states()
    assert states[0]["state"]["_journey"] == m._journey
    assert states[0]["state"]["title"] == PAYLOADS[0]
    assert states[1]["state"]["title"] == PAYLOADS[2]


def test_linked_widgets_share_a_group_on_the_page() -> None:
    m = JourneyMap(french_journey(), persona="persona")
    c = EmotionCurve(french_journey(), persona="persona")
    other = JourneyMap(french_journey(8), persona="persona")
    link(m, c)
    groups = [s["group"] for s in Parsed(page([m, other, c])).states()]
    assert groups[0] == groups[2] != groups[1]


def test_a_displayed_widget_leaves_its_static_form() -> None:
    m = JourneyMap(french_journey(), persona="persona")
    data, _ = m._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in data
    html = data["text/html"]
    assert html == fragment(m)
    parsed = Parsed(html)
    # The floor: every step of the active persona readable with no script.
    assert all(step in html for step in m.data.loc[m.data["persona"] == "Camille", "step"])
    assert [s["kind"] for s in parsed.states()] == ["map"]
    c = EmotionCurve(french_journey(), persona="persona")
    data, _ = c._repr_mimebundle_()
    assert [s["kind"] for s in Parsed(data["text/html"]).states()] == ["curve"]


def test_the_method_and_the_function_write_the_same_page(tmp_path: Path) -> None:
    m = JourneyMap(french_journey(), persona="persona", title="Parcours")
    one = m.to_html(tmp_path / "one.html")
    two = cjm_widgets.to_html(tmp_path / "two.html", m)
    assert one.read_text(encoding="utf-8") == two.read_text(encoding="utf-8")


def test_a_failed_write_leaves_the_old_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    m = JourneyMap(french_journey(), persona="persona")
    target = m.to_html(tmp_path / "map.html")
    before = target.read_bytes()

    def broken(fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", broken)
    with pytest.raises(OSError, match="disk full"):
        JourneyMap(french_journey(8), persona="persona").to_html(target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]


@pytest.mark.parametrize(
    ("widgets", "kwargs", "message"),
    [
        ([], {}, "at least one widget"),
        (["not a widget"], {}, "JourneyMap and EmotionCurve"),
        (None, {"title": 3}, "title must be text"),
        (None, {"lang": 'fr" onload="x'}, "language tag"),
    ],
)
def test_bad_arguments_are_refused(widgets: Any, kwargs: dict[str, Any], message: str) -> None:
    items = [JourneyMap(french_journey(8), persona="persona")] if widgets is None else widgets
    with pytest.raises(InvalidArgumentError, match=message):
        page(items, **kwargs)


def test_lone_surrogates_do_not_break_the_write(tmp_path: Path) -> None:
    # The table refuses them; a title is any Python string.
    m = JourneyMap(french_journey(8), persona="persona", title="broken \ud800 title")
    path = m.to_html(tmp_path / "s.html")
    assert "broken \ufffd title" in path.read_text(encoding="utf-8")


def test_the_renderer_cannot_end_its_own_script() -> None:
    script, style = page_module.bundle()
    assert inlinable(script)
    assert "</style" not in style.lower()


def test_a_failing_static_form_never_hides_the_live_view(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(widget: Any, group: Any = None) -> str:
        raise RuntimeError("no static form")

    monkeypatch.setattr(page_module, "fragment", broken)
    data, _ = JourneyMap(french_journey(8), persona="persona")._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in data
    assert "text/html" not in data


def test_only_the_renderer_may_run_on_a_page() -> None:
    import base64
    import hashlib

    text = page([JourneyMap(french_journey(8), persona="persona")])
    parsed = Parsed(text)
    (csp,) = [
        a["content"] for _, a in parsed.tags if a.get("http-equiv") == "Content-Security-Policy"
    ]
    (renderer,) = [body for kind, body in parsed.scripts if kind is None]
    digest = base64.b64encode(hashlib.sha256(renderer.encode()).digest()).decode()
    script_src = next(part for part in csp.split(";") if "script-src" in part)
    assert script_src.split() == ["script-src", f"'sha256-{digest}'"]


def test_where_scripts_and_styles_are_stripped_the_floor_reads(tmp_path: Path) -> None:
    """As GitHub's notebook preview shows an output: no <script>, no <style>, no classes."""
    m = hostile_map()
    data, _ = m._repr_mimebundle_()
    stripped = re.sub(r"<(script|style)\b.*?</\1>", "", data["text/html"], flags=re.S | re.I)
    text = Parsed(stripped)
    assert not text.scripts
    words = "".join(text.texts)
    for persona, steps in m.data.groupby("persona", sort=False)["step"]:
        assert persona in words
        assert all(step in words for step in steps)


def test_a_page_keeps_its_floor_for_browsers_without_scripts() -> None:
    m = JourneyMap(french_journey(8), persona="persona")
    shown = fragment(m)
    written = page([m])
    # In a notebook output the floor is markup (scripts are often stripped there); on a page,
    # whose renderer runs, it waits in <noscript>, read as bare text, so it is not built twice.
    assert "<noscript>" not in shown
    floor_html = shown[shown.index('<div class="cjm-floor">') : shown.index("<script")]
    assert f"<noscript>{floor_html}</noscript>" in written


def test_a_page_written_through_a_link_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.html"
    real.write_text("old", encoding="utf-8")
    link_path = tmp_path / "link.html"
    link_path.symlink_to(real)
    JourneyMap(french_journey(8), persona="persona").to_html(link_path)
    assert link_path.is_symlink()
    assert "<!DOCTYPE html>" in real.read_text(encoding="utf-8")


def test_a_page_for_a_missing_folder_names_the_folder(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    with pytest.raises(FileNotFoundError, match="no such folder") as caught:
        JourneyMap(french_journey(8), persona="persona").to_html(missing / "map.html")
    assert caught.value.filename == str(missing)
    assert not missing.exists()


def test_a_page_is_not_written_over_a_folder(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    with pytest.raises(IsADirectoryError, match="a folder") as caught:
        JourneyMap(french_journey(8), persona="persona").to_html(tmp_path / "out")
    assert caught.value.filename == str(tmp_path / "out")
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_a_page_path_may_start_with_the_home_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    JourneyMap(french_journey(8), persona="persona").to_html("~/carte.html")
    assert (tmp_path / "carte.html").is_file()
