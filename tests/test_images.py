"""save_image in the kernel: which views are open, what a view's answer does, the file."""

from __future__ import annotations

import base64
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from cjm_widgets import EmotionCurve, InvalidArgumentError, JourneyMap, NoViewError
from cjm_widgets.widgets import images

PNG = images.PNG_SIGNATURE + b"\x00\x00\x00\rIHDR" + b"\x00" * 20
SVG = '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'


class Views:
    """Plays the browser: views that open, close and answer; keeps what the kernel sent."""

    def __init__(self, widget: Any) -> None:
        self.widget = widget
        self.sent: list[dict[str, Any]] = []
        widget.send = self.sent.append

    def message(self, content: Any, buffers: Any = ()) -> None:
        self.widget._handle_custom_msg(content, list(buffers))

    def open(self, view: str = "v1", open_: bool = True) -> None:
        self.message({"type": "view", "open": open_, "view": view})

    def requests(self) -> list[dict[str, Any]]:
        return [m for m in self.sent if m.get("type") == "image_request"]

    def answer(self, data: Any, *, fmt: str = "png", id_: int | None = None, **extra: Any) -> None:
        request = self.requests()[-1]["id"] if id_ is None else id_
        self.message({"type": "image", "id": request, "format": fmt, "data": data, **extra})


@pytest.fixture
def views(frame: Any) -> Views:
    return Views(JourneyMap(frame))


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def test_with_no_view_shown_save_image_says_so_at_once(views: Views, tmp_path: Path) -> None:
    with pytest.raises(NoViewError, match=r"needs the map displayed: show it \(a cell that ends"):
        views.widget.save_image(tmp_path / "map.png")
    assert views.requests() == []
    curve = EmotionCurve(views.widget.data)
    with pytest.raises(NoViewError, match=r"needs the curve displayed.*ends with the curve\)"):
        curve.save_image(tmp_path / "curve.svg")


def test_views_say_when_they_open_and_close(views: Views, tmp_path: Path) -> None:
    views.open("a")
    views.open("b")
    views.open("a", False)
    image = views.widget.save_image(tmp_path / "map.svg")  # "b" is still open
    assert views.requests() == [{"type": "image_request", "id": 1, "format": "svg"}]
    assert not image.done
    views.open("b", False)
    with pytest.raises(NoViewError):
        views.widget.save_image(tmp_path / "map.svg")
    # Malformed view messages change nothing.
    for bad in (
        {"type": "view", "open": "yes", "view": "c"},
        {"type": "view", "open": True},
        {"type": "view", "open": True, "view": ""},
        {"type": "view", "open": True, "view": 3},
    ):
        views.message(bad)
    with pytest.raises(NoViewError):
        views.widget.save_image(tmp_path / "map.svg")


def test_the_first_answer_is_written_and_a_second_ignored(views: Views, tmp_path: Path) -> None:
    views.open("a")
    views.open("b")
    target = tmp_path / "map.png"
    image = views.widget.save_image(target)
    assert repr(image) == "map.png: waiting for the view"
    assert not target.exists()
    views.answer(b64(PNG))
    assert target.read_bytes() == PNG
    assert image.done
    assert image.size == len(PNG)
    assert image.error is None
    assert repr(image) == "map.png: written, 1 KB"
    views.answer(b64(images.PNG_SIGNATURE + b"other"))
    assert target.read_bytes() == PNG
    # No temporary file is left beside it, and the file has an ordinary mode.
    assert [p.name for p in tmp_path.iterdir()] == ["map.png"]
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask


def test_an_unknown_request_is_ignored(views: Views, tmp_path: Path) -> None:
    views.open()
    image = views.widget.save_image(tmp_path / "map.png")
    views.answer(b64(PNG), id_=99)
    views.answer(b64(PNG), id_="1")  # type: ignore[arg-type]
    views.message({"type": "image", "id": True, "format": "png", "data": b64(PNG)})
    views.message(["image", 1])
    assert not image.done
    assert list(tmp_path.iterdir()) == []


def test_a_bad_answer_is_refused_without_breaking_the_kernel(views: Views, tmp_path: Path) -> None:
    views.open("a")
    views.open("b")
    target = tmp_path / "map.png"
    image = views.widget.save_image(target)
    views.answer("not base64 at all!")  # one of two views: still waiting for the other
    assert not image.done
    assert not target.exists()
    views.answer(b64(b"GIF89a not a png"))
    assert image.done
    assert image.size is None
    assert "not base64" in image.error
    assert "not a PNG" in image.error
    assert repr(image).startswith("map.png: not written: the view's PNG is not base64")
    assert not target.exists()
    # The widget still works: a new request is answered and written.
    again = views.widget.save_image(target)
    views.answer(b64(PNG))
    assert again.done
    assert target.read_bytes() == PNG


@pytest.mark.parametrize(
    ("answer", "why"),
    [
        ({"data": SVG, "format": "png"}, "sent 'png', not 'svg'"),
        ({"data": "<html>no</html>"}, "not SVG text"),
        ({"data": None}, "not SVG text"),
        ({"error": "canvas refused"}, "could not draw it (canvas refused)"),
    ],
)
def test_an_svg_answer_must_be_svg(views: Views, tmp_path: Path, answer: dict, why: str) -> None:
    views.open()
    image = views.widget.save_image(tmp_path / "map.svg")
    views.message({"type": "image", "id": 1, "format": "svg", **answer})
    assert image.done
    assert why in image.error
    assert not (tmp_path / "map.svg").exists()


def test_svg_text_and_png_buffers_are_written(views: Views, tmp_path: Path) -> None:
    views.open()
    svg = views.widget.save_image(tmp_path / "Map.SVG")
    views.answer(SVG + "<!-- é -->", fmt="svg")
    assert (tmp_path / "Map.SVG").read_text(encoding="utf-8") == SVG + "<!-- é -->"
    assert svg.format == "svg"
    assert svg.path == tmp_path / "Map.SVG"
    png = views.widget.save_image(str(tmp_path / "buffer.png"))
    views.message({"type": "image", "id": 2, "format": "png"}, [memoryview(PNG)])
    assert png.done
    assert (tmp_path / "buffer.png").read_bytes() == PNG


def test_an_existing_file_is_replaced_whole(views: Views, tmp_path: Path) -> None:
    target = tmp_path / "map.png"
    target.write_bytes(b"old")
    views.open()
    image = views.widget.save_image(target)
    assert target.read_bytes() == b"old"  # untouched until the answer
    views.answer(b64(PNG))
    assert target.read_bytes() == PNG
    assert image.size == len(PNG)


def test_a_failed_write_leaves_no_temporary_file(
    views: Views, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    views.open()
    image = views.widget.save_image(tmp_path / "map.png")

    def refuse(*_: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(images.os, "replace", refuse)
    views.answer(b64(PNG))
    assert image.done
    assert "No space left on device" in image.error
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("path", "why"),
    [
        ("map.jpg", r"'.*map.jpg' ends in '.jpg'; name a .svg or .png file"),
        ("map", "has no suffix"),
        ("no/such/folder/map.png", "the folder '.*folder' does not exist"),
        (42, "takes a file path, not int 42"),
    ],
)
def test_a_path_that_cannot_be_an_image_is_refused(
    views: Views, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, path: Any, why: str
) -> None:
    monkeypatch.chdir(tmp_path)
    views.open()
    with pytest.raises(InvalidArgumentError, match=why):
        views.widget.save_image(path)
    assert views.requests() == []


def test_a_view_opened_later_is_asked_again(views: Views, tmp_path: Path) -> None:
    views.open("a")
    image = views.widget.save_image(tmp_path / "map.png")
    views.open("a", False)  # closed before answering
    views.open("b")
    assert [r["id"] for r in views.requests()] == [1, 1]
    views.answer(b64(PNG))
    assert image.done
    assert image.size == len(PNG)


def test_edits_still_answered_beside_image_messages(views: Views) -> None:
    views.open()
    views.message({"type": "undo", "request": 1})
    replies = [m for m in views.sent if m.get("type") == "edit_result"]
    # The undo is answered as ever, image messages or not (a view words it by its code).
    nothing = {
        "type": "edit_result",
        "request": 1,
        "ok": True,
        "notice": "Nothing to undo.",
        "notice_code": "history.nothing_undo",
    }
    assert replies == [nothing]


def test_a_view_opened_later_is_asked_alone(views: Views, tmp_path: Path) -> None:
    """A view already asked that cannot draw the image does not make the request fail while
    a view opened later, asked alone, can still answer."""
    views.open("a")
    image = views.widget.save_image(tmp_path / "map.png")
    views.open("b")
    first, again = views.requests()
    assert "view" not in first
    assert again["view"] == "b"
    # View a answers every request meant for it (as the browser does): it cannot draw.
    for request in views.requests():
        if request.get("view") in (None, "a"):
            views.answer(None, id_=request["id"], error="no canvas here")
    assert not image.done
    views.answer(b64(PNG))  # view b
    assert image.done
    assert image.size == len(PNG)
