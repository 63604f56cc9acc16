"""Images of a widget: ``m.save_image(path)`` asks an open view to draw the map or curve.

Only the browser draws (one renderer), so the kernel asks the views shown now for an image:
``{"type": "image_request", "id": n, "format": "svg" | "png"}``; the first view to answer
``{"type": "image", "id": n, "format": ..., "data": ...}`` (SVG text, or the PNG as base64
text or a binary buffer) has its image written, atomically. A kernel reads comm messages only
between cells, so :meth:`ImageExport.save_image` returns at once an :class:`ImageFile` that
says when the file is written. Views say when they open and close (``{"type": "view",
"open": bool, "view": id}``), so that a map shown nowhere is told so at once.
"""

from __future__ import annotations

import base64
import binascii
import itertools
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from ..errors import InvalidArgumentError, NoViewError
from ..keep.atomic import write_atomic

if TYPE_CHECKING:
    import anywidget

    _Widget = anywidget.AnyWidget
else:
    _Widget = object

log = logging.getLogger(__name__)

FORMATS = {".svg": "svg", ".png": "png"}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class ImageFile:
    """An image :meth:`~ImageExport.save_image` asked a view for: written when it answers.

    Attributes
    ----------
    path
        Where the image goes (absolute).
    format
        ``"svg"`` or ``"png"``.
    done
        Whether it is over: written (``size`` set) or failed (``error`` set).
    size
        Bytes written, once written.
    error
        Why no file was written, when every view asked failed to draw it or the file could
        not be written.
    """

    def __init__(self, path: Path, format: str, asked: int) -> None:
        self.path = path
        self.format = format
        self.size: int | None = None
        self.error: str | None = None
        self._asked = asked
        self._refusals: list[str] = []

    @property
    def done(self) -> bool:
        return self.size is not None or self.error is not None

    def __repr__(self) -> str:
        if self.size is not None:
            return f"{self.path.name}: written, {max(1, round(self.size / 1024)):,} KB"
        if self.error is not None:
            return f"{self.path.name}: not written: {self.error}"
        return f"{self.path.name}: waiting for the view"

    def _refused(self, why: str) -> None:
        """One view could not give the image; when none of those asked can, it failed."""
        self._refusals.append(why)
        if len(self._refusals) >= self._asked:
            self.error = "; ".join(dict.fromkeys(self._refusals))


def image_format(path: Path) -> str:
    """``"svg"`` or ``"png"`` from the file's suffix; any other is refused."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        shown = f"ends in {path.suffix!r}" if path.suffix else "has no suffix"
        raise InvalidArgumentError(
            f"save_image: {str(path)!r} {shown}; name a .svg or .png file, e.g. 'map.png'"
        )
    return FORMATS[suffix]


def image_bytes(content: dict[str, Any], buffers: Any, format: str) -> bytes:
    """The file's bytes from a view's answer; ValueError says why an answer is unusable."""
    if "error" in content:
        raise ValueError(f"the view could not draw it ({str(content['error'])[:300]})")
    if content.get("format") != format:
        raise ValueError(f"the view sent {content.get('format')!r}, not {format!r}")
    data = content.get("data")
    if format == "svg":
        if not isinstance(data, str) or "<svg" not in data[:200]:
            raise ValueError("the view's answer is not SVG text")
        return data.encode("utf-8")
    if isinstance(data, str):
        try:
            raw = base64.b64decode(data, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ValueError(f"the view's PNG is not base64 ({exc})") from None
    elif data is None and buffers:
        raw = bytes(buffers[0])
    else:
        raise ValueError("the view's answer holds no PNG")
    if not raw.startswith(PNG_SIGNATURE):
        raise ValueError("the view's answer is not a PNG")
    return raw


class ImageExport(_Widget):
    """``save_image`` for a widget whose views can draw it (mixed into JourneyWidget)."""

    #: How NoViewError names the widget.
    _image_noun: ClassVar[str] = "map"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._open_views: set[str] = set()
        self._image_requests: dict[int, ImageFile] = {}
        self._image_ids = itertools.count(1)
        # A callback of its own: the edit handler's behaviour stays as it is.
        self.on_msg(self._on_image_message)

    def save_image(self, path: str | os.PathLike[str]) -> ImageFile:
        """Save the whole widget as an image: ``.svg`` or ``.png``, from the path's suffix.

        The image comes from a view shown now (every step, not only those in sight; a map
        shows its persona shown now). A kernel reads the view's answer only once the cell
        that asks has finished, so this returns at once and the file is written when the
        view answers, normally well under a second after the cell ends: the returned
        :class:`ImageFile` says so (``.done``, ``.size``, ``.error``). A view that went away
        without saying so (its browser tab closed) cannot answer: the request then waits
        until the widget is shown again, and is asked of that view.

        Raises
        ------
        InvalidArgumentError
            When the path is not a ``.svg`` or ``.png`` file in an existing folder.
        NoViewError
            When no view of the widget is shown.
        """
        if not isinstance(path, (str, os.PathLike)):
            raise InvalidArgumentError(
                f"save_image takes a file path, not {type(path).__name__} {path!r}"
            )
        target = Path(os.path.abspath(Path(path).expanduser()))
        format = image_format(target)
        if not target.parent.is_dir():
            raise InvalidArgumentError(
                f"save_image: the folder {str(target.parent)!r} does not exist"
            )
        self._need_view("save_image")
        request = next(self._image_ids)
        image = ImageFile(target, format, asked=len(self._open_views))
        self._image_requests[request] = image
        self.send({"type": "image_request", "id": request, "format": format})
        return image

    def _need_view(self, action: str) -> None:
        """Refuse ``action`` at once when no view of the widget is shown to act on it."""
        if not self._open_views:
            noun = self._image_noun
            raise NoViewError(
                f"{action} needs the {noun} displayed: show it (a cell that ends with the "
                f"{noun}) and call {action} again"
            )

    def _on_image_message(self, _widget: Any, content: Any, buffers: Any) -> None:
        if not isinstance(content, dict):
            return
        if content.get("type") == "view":
            self._track_view(content)
        elif content.get("type") == "image":
            self._receive_image(content, buffers)

    def _track_view(self, content: dict[str, Any]) -> None:
        view, open_ = content.get("view"), content.get("open")
        if not isinstance(view, str) or not 0 < len(view) <= 100 or not isinstance(open_, bool):
            return
        if not open_:
            self._open_views.discard(view)
            return
        if view in self._open_views:
            return
        self._open_views.add(view)
        # Requests no view answered yet (views closed, or gone without saying so): ask the
        # new view alone, so that each view asked answers once.
        for request, image in self._image_requests.items():
            image._asked += 1
            self.send(
                {"type": "image_request", "id": request, "format": image.format, "view": view}
            )

    def _receive_image(self, content: dict[str, Any], buffers: Any) -> None:
        request = content.get("id")
        if type(request) is not int:
            return
        image = self._image_requests.get(request)
        if image is None:
            return  # not ours, or answered already by another view
        try:
            data = image_bytes(content, buffers, image.format)
        except ValueError as exc:
            log.warning("cjm_widgets: no image for %s: %s", image.path.name, exc)
            image._refused(str(exc))
            if image.done:
                del self._image_requests[request]
            return
        del self._image_requests[request]
        try:
            write_atomic(image.path, data)
        except OSError as exc:
            image.error = f"could not write {str(image.path)!r} ({exc.strerror or exc})"
            log.warning("cjm_widgets: %s", image.error)
            return
        image.size = len(data)
