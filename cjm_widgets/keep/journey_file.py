"""The journey file: one UTF-8 text file holding a widget's table and settings, made for git.

::

    cjm-journey 1
    # A customer journey saved by cjm_widgets: its settings, then its table, a block per row.
    widget: "JourneyMap"
    title: "Achat en ligne"
    ...
    table: "steps"
    ...
    end

The first line names the format and its version. Then one line per setting (``name: JSON``),
then each table (see :mod:`cjm_widgets.keep.frame`), then ``end``, so that a file cut short
is known as such. Every value is one JSON text on one line, with newlines, U+2028 and the
invisible direction marks escaped, so editing a cell changes one line of ``git diff``. The same
widget gives the same bytes. Blank lines and lines starting with ``#`` are skipped.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import JourneyFileError
from .atomic import write_atomic
from .frame import Reader, table_lines
from .settings import EVIDENCE_TABLE, SETTINGS, Builder, Setting, optional, settings_of

FORMAT = "cjm-journey"
VERSION = 1
STEPS_TABLE = "steps"
_HEADER = re.compile(rf"{FORMAT} (\d+)")
_SETTING = re.compile(r"([a-z_]+): (.*)")
# Characters that would break a line or hide text from a reader: escaped in JSON strings
# (lone surrogates too, so any Python text can be written as UTF-8).
_INVISIBLE = re.compile(
    "[\u0085\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)


def _escape(text: str) -> str:
    return _INVISIBLE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def _kind(widget: Any) -> str:
    from ..widgets import EmotionCurve, JourneyMap

    for cls in (JourneyMap, EmotionCurve):
        if isinstance(widget, cls):
            return cls.__name__
    raise JourneyFileError(
        f"a journey file holds a JourneyMap or an EmotionCurve, not a {type(widget).__name__}"
    )


def lines(widget: Any) -> Iterator[str]:
    """The file's text, a line (or a block of lines) at a time, without line ends."""
    kind = _kind(widget)
    settings, evidence = settings_of(widget, kind)
    yield f"{FORMAT} {VERSION}"
    yield "# A customer journey saved by cjm_widgets: settings, then its table, a block per row."
    yield f"widget: {json.dumps(kind)}"
    for name in SETTINGS[kind]:
        yield f"{name}: {json.dumps(settings[name], ensure_ascii=False)}"
    for name, default in optional(kind).items():
        if settings[name] != default:
            yield f"{name}: {json.dumps(settings[name], ensure_ascii=False)}"
    yield ""
    yield from table_lines(STEPS_TABLE, widget._state.frame)
    if evidence is not None:
        yield ""
        yield from table_lines(EVIDENCE_TABLE, evidence)
    yield ""
    yield "end"


def dumps(widget: Any) -> str:
    """The journey file of a widget, as text."""
    return "".join(_escape(chunk) + "\n" for chunk in lines(widget))


def save(widget: Any, path: str | os.PathLike[str]) -> Path:
    """Write a widget to a journey file, atomically; return its path."""
    target = Path(path).expanduser()
    write_atomic(target, (_escape(chunk) + "\n" for chunk in lines(widget)))
    return target


def load(path: str | os.PathLike[str], cls: type | None = None) -> Any:
    """The widget a journey file holds (it must be a ``cls`` when one is given)."""
    source = Path(path).expanduser()
    data = source.read_bytes()  # not read_text: its universal newlines would split at a "\r"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise JourneyFileError(
            f"not UTF-8 text ({exc.reason})", line=line, field="text", path=str(source)
        ) from None
    return loads(text, cls, source=str(source))


def loads(text: str, cls: type | None = None, *, source: str | None = None) -> Any:
    """The widget a journey file's text holds."""
    try:
        return _read(text.replace("\r\n", "\n").split("\n"), cls)
    except JourneyFileError as exc:
        if source is None:
            raise
        raise JourneyFileError(
            exc.reason, line=exc.line, field=exc.field, path=source
        ) from exc.__cause__


def _read(all_lines: list[str], cls: type | None) -> Any:
    if all_lines and all_lines[-1] == "":
        all_lines.pop()
    if all_lines and all_lines[0].startswith("\ufeff"):
        all_lines[0] = all_lines[0][1:]
    _check_header(all_lines)
    _check_end(all_lines)
    settings, at = _settings(all_lines)
    widget = settings.pop("widget", None)
    if widget is None:
        raise JourneyFileError('the "widget" setting is missing', line=at + 1, field="widget")
    kind = widget.value
    if kind not in SETTINGS:
        raise JourneyFileError(
            f"unknown widget {json.dumps(kind, ensure_ascii=False)}; this version reads "
            f"{' and '.join(SETTINGS)}",
            line=widget.line,
            field="widget",
        )
    cls = _class(kind, cls, widget.line)
    names = SETTINGS[kind]
    extra = optional(kind)
    for name, setting in settings.items():
        if name not in names and name not in extra:
            raise JourneyFileError(
                f"unknown setting for a {kind} (its settings: {', '.join([*names, *extra])})",
                line=setting.line,
                field=f"setting {name!r}",
            )
    for name in names:
        if name not in settings:
            raise JourneyFileError(
                f"the setting is missing (settings end on line {at})",
                line=at,
                field=f"setting {name!r}",
            )
    wanted = [STEPS_TABLE]
    if settings.get("evidence") and settings["evidence"].value == {"table": EVIDENCE_TABLE}:
        wanted.append(EVIDENCE_TABLE)
    tables = _tables(all_lines, at, wanted)
    return Builder(kind, settings, tables, widget.line).build(cls)


def _check_header(all_lines: list[str]) -> None:
    first = all_lines[0] if all_lines else ""
    found = _HEADER.fullmatch(first.strip(" \t"))
    if found is None:
        shown = json.dumps(first[:40], ensure_ascii=False)
        raise JourneyFileError(
            f'not a journey file: its first line should be "{FORMAT} {VERSION}", not {shown}',
            line=1,
            field="format",
        )
    version = int(found[1])
    if version > VERSION:
        raise JourneyFileError(
            f"written by a newer cjm_widgets: format {version}, this version reads format "
            f"{VERSION}; upgrade cjm_widgets",
            line=1,
            field="format",
        )
    if version < 1:
        raise JourneyFileError(f"format {version} does not exist", line=1, field="format")


def _check_end(all_lines: list[str]) -> None:
    last = len(all_lines)
    while last > 1 and _blank(all_lines[last - 1]):
        last -= 1
    if all_lines[last - 1].strip(" \t") != "end":
        raise JourneyFileError(
            f'the file stops on line {last} without its "end" line: it was cut short '
            "(truncated), or the end was edited away",
            line=last,
            field="end",
        )


def _shown(text: str) -> str:
    return json.dumps(text if len(text) <= 50 else text[:47] + "...", ensure_ascii=False)


def _blank(line: str) -> bool:
    text = line.strip(" \t")
    return not text or text.startswith("#")


def _settings(all_lines: list[str]) -> tuple[dict[str, Setting], int]:
    """The settings by name, and the position of the line after them."""
    settings: dict[str, Setting] = {}
    at = 1
    while at < len(all_lines):
        text = all_lines[at].strip(" \t")
        if _blank(text):
            at += 1
            continue
        if text.startswith("table: ") or text == "end":
            break
        found = _SETTING.fullmatch(text)
        if found is None:
            raise JourneyFileError(
                f'expected "<setting>: <JSON value>", found {_shown(text)}',
                line=at + 1,
                field="settings",
            )
        name = found[1]
        if name in settings:
            raise JourneyFileError(
                f"set twice (first on line {settings[name].line})",
                line=at + 1,
                field=f"setting {name!r}",
            )
        try:
            value = json.loads(found[2])
        except (ValueError, RecursionError) as exc:  # too deeply nested is malformed too
            raise JourneyFileError(
                f"not a JSON value ({exc})", line=at + 1, field=f"setting {name!r}"
            ) from None
        settings[name] = Setting(value, at + 1)
        at += 1
    return settings, at


def _class(kind: str, cls: type | None, line: int) -> type:
    from ..widgets import EmotionCurve, JourneyMap

    held = {"JourneyMap": JourneyMap, "EmotionCurve": EmotionCurve}[kind]
    if cls is None:
        return held
    if not issubclass(cls, held):
        raise JourneyFileError(
            f"this file holds {_a(kind)}, not {_a(cls.__name__)}: read it with "
            f"{kind}.load(path), or cjm_widgets.load(path) for whichever widget a file holds",
            line=line,
            field="widget",
        )
    return cls


def _a(name: str) -> str:
    """'a JourneyMap', 'an EmotionCurve'."""
    return f"{'an' if name[:1] in 'AEIOU' else 'a'} {name}"


def _tables(all_lines: list[str], at: int, wanted: list[str]) -> dict[str, Any]:
    tables: dict[str, Any] = {}
    while at < len(all_lines):
        text = all_lines[at].strip(" \t")
        if _blank(text):
            at += 1
            continue
        if text == "end":
            break
        if not text.startswith("table: "):
            raise JourneyFileError(
                f'expected "table: <name>" or "end", found {_shown(text)}',
                line=at + 1,
                field="tables",
            )
        try:
            name = json.loads(text[7:])
        except (ValueError, RecursionError):
            name = None
        if name not in wanted:
            expected = " and ".join(json.dumps(w) for w in wanted)
            raise JourneyFileError(
                f"unknown table {text[7:50]} (this file's settings call for {expected})",
                line=at + 1,
                field="table",
            )
        if name in tables:
            raise JourneyFileError(
                f"table {name!r} is given twice", line=at + 1, field=f"table {name!r}"
            )
        frame, after = Reader(all_lines, name).read(at)
        tables[name] = (frame, at + 1)
        at = after
    for extra in all_lines[at + 1 :]:
        if not _blank(extra):
            raise JourneyFileError(
                'text after the "end" line', line=all_lines.index(extra, at + 1) + 1, field="end"
            )
    missing = [w for w in wanted if w not in tables]
    if missing:
        raise JourneyFileError(
            f"table {missing[0]!r} is missing", line=at + 1, field=f"table {missing[0]!r}"
        )
    return tables
