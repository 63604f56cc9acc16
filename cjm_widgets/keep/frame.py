"""A table in a journey file: its index and columns, then one block per row, one line per cell.

::

    table: "steps"
    index: {"name": "row", "dtype": "int64"}
    columns: {"name": null, "dtype": "str", "storage": "pyarrow"}
    column: {"name": "stage", "dtype": "category", "ordered": false, "categories": {...}}
    column: {"name": "step", "dtype": "str", "storage": "pyarrow"}

    row 10
      "stage": "Découvrir"
      "step": "Voir la publicité"

Rows come in table order and cells in column order, so an edited cell is one changed line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import repeat
from typing import Any

import numpy as np
import pandas as pd

from ..errors import JourneyFileError
from .codec import json_key
from .codecs import BadSpec, BadValue, Codec, codec_from_spec, column_codec, label_value

_decode = json.JSONDecoder().decode
_scan = json.JSONDecoder().raw_decode
_scan_once = json.JSONDecoder().scan_once  # type: ignore[attr-defined]


def _range_of(index: pd.Index) -> dict[str, int] | None:
    if isinstance(index, pd.RangeIndex):
        return {"start": int(index.start), "step": int(index.step)}
    return None


def _axis_spec(index: pd.Index, codec: Codec, what: str) -> dict[str, Any]:
    try:
        name = label_value(index.name)
    except TypeError as exc:
        raise JourneyFileError(
            f"a name of type {exc} cannot be saved; name it with text, a number or None",
            field=f"{what} name {index.name!r}",
        ) from None
    spec: dict[str, Any] = {"name": name, **codec.spec}
    span = _range_of(index)
    if span is not None:
        spec["range"] = span
    return spec


def _encoded(codec: Codec, values: pd.Series, field: str, labels: pd.Index | None) -> list[str]:
    """The values' JSON texts; one that cannot be written is refused, naming its row (or, for
    a column name or an index label, itself)."""
    try:
        return codec.encode(values)
    except BadValue as bad:
        where = values.iloc[bad.position] if labels is None else labels[bad.position]
        raise JourneyFileError(
            bad.message, field=f"{field} {where!r}" if labels is None else f"{field}, row {where!r}"
        ) from None


def table_lines(name: str, frame: pd.DataFrame) -> Iterator[str]:
    """The lines of one table, first its description, then a block per row."""
    for axis, what in ((frame.index, "index"), (frame.columns, "columns")):
        if isinstance(axis, pd.MultiIndex):
            raise JourneyFileError(
                f"the table's {what} is a MultiIndex ({axis.nlevels} levels), which a journey "
                f"file does not hold; flatten it first, e.g. df.reset_index()",
                field=f"table {name!r}",
            )
    if not frame.columns.is_unique:
        twice = frame.columns[frame.columns.duplicated()][0]
        raise JourneyFileError(f"two columns are named {twice!r}", field=f"table {name!r}")
    index_codec = column_codec(frame.index.dtype, "the index")
    columns_codec = column_codec(frame.columns.dtype, "the column names")
    yield f"table: {json.dumps(name, ensure_ascii=False)}"
    yield "index: " + _dumps(_axis_spec(frame.index, index_codec, "index"))
    yield "columns: " + _dumps(_axis_spec(frame.columns, columns_codec, "columns"))
    keys = _encoded(columns_codec, pd.Series(frame.columns, copy=False), "column name", None)
    cells = []
    for position, key in enumerate(keys):
        column = frame.columns[position]
        codec = column_codec(frame.dtypes.iloc[position], f"column {column!r}")
        spec = {"name": json.loads(key), **codec.spec}
        yield "column: " + _dumps(spec)
        cells.append(_encoded(codec, frame.iloc[:, position], f"column {column!r}", frame.index))
    labels = _encoded(index_codec, pd.Series(frame.index, copy=False), "index label", None)
    prefixes = [f"  {key}: " for key in keys]
    rows = zip(*cells, strict=True) if cells else [()] * len(labels)
    out: list[str] = []
    for label, row in zip(labels, rows, strict=True):
        out.append(f"\nrow {label}")  # a blank line, then the row
        out.extend(map(str.__add__, prefixes, row))
    if out:
        yield "\n".join(out)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


class Reader:
    """Reads one table from the file's lines (``lines[i]`` is line ``i + 1``)."""

    def __init__(self, lines: list[str], name: str) -> None:
        self.lines = lines
        self.name = name

    def fail(self, at: int, field: str, message: str) -> JourneyFileError:
        return JourneyFileError(message, line=at + 1, field=f"table {self.name!r}, {field}")

    def _spec_line(self, at: int, key: str) -> dict[str, Any]:
        text = self.lines[at].strip(" \t") if at < len(self.lines) else ""
        if not text.startswith(f"{key}: "):
            found = json.dumps(text[:40], ensure_ascii=False)
            raise self.fail(at, key, f'expected "{key}: {{...}}" here, found {found}')
        try:
            spec = _decode(text[len(key) + 2 :])
        except (ValueError, RecursionError) as exc:  # too deeply nested is malformed too
            raise self.fail(at, key, f"not a JSON value ({exc})") from None
        if not isinstance(spec, dict):
            raise self.fail(at, key, "expected a JSON object {...}")
        return spec

    def _axis(self, at: int, key: str) -> tuple[Codec, dict[str, Any]]:
        spec = dict(self._spec_line(at, key))
        extra: dict[str, Any] = {k: spec.pop(k) for k in ("name", "range") if k in spec}
        if "name" not in extra:
            raise self.fail(at, key, 'the "name" is missing')
        try:
            label_value(extra["name"])
        except TypeError:
            raise self.fail(at, key, f"name {extra['name']!r} is not a label") from None
        try:
            codec = codec_from_spec(spec)
        except BadSpec as exc:
            raise self.fail(at, key, str(exc)) from None
        return codec, extra

    def _index(
        self, codec: Codec, extra: dict[str, Any], labels: Any, at: int, key: str
    ) -> pd.Index:
        span = extra.get("range")
        if span is None:
            return pd.Index(labels, dtype=codec.dtype, name=extra["name"])
        start, step = (span.get(k) if isinstance(span, dict) else None for k in ("start", "step"))
        if type(start) is not int or type(step) is not int or step == 0 or len(span) != 2:
            raise self.fail(at, key, '"range" must be {"start": a whole number, "step": not 0}')
        index = pd.RangeIndex(start, start + step * len(labels), step, name=extra["name"])
        if not np.array_equal(np.asarray(labels), index.to_numpy()):
            raise self.fail(at, key, "the labels do not follow the range it states")
        return index

    def read(self, at: int) -> tuple[pd.DataFrame, int]:
        """The table whose ``table:`` line is ``at``; and where the next section starts."""
        lines = self.lines
        at = _skip(lines, at + 1)
        index_codec, index_extra = self._axis(at, "index")
        index_at = at
        at = _skip(lines, at + 1)
        columns_codec, columns_extra = self._axis(at, "columns")
        columns_at = at
        at = _skip(lines, at + 1)
        names: list[Any] = []
        codecs: list[Codec] = []
        name_lines: list[int] = []
        while at < len(lines) and lines[at].strip(" \t").startswith("column: "):
            spec = dict(self._spec_line(at, "column"))
            if "name" not in spec:
                raise self.fail(at, "column", 'the "name" is missing')
            names.append(spec.pop("name"))
            try:
                codecs.append(codec_from_spec(spec))
            except BadSpec as exc:
                raise self.fail(at, f"column {names[-1]!r}", str(exc)) from None
            name_lines.append(at)
            at = _skip(lines, at + 1)
        columns = self._columns(columns_codec, columns_extra, names, name_lines, columns_at)
        prefixes = [f"{json.dumps(n, ensure_ascii=False)}: " for n in names]
        keys = {json_key(n): j for j, n in enumerate(names)}
        texts: list[list[str]] = [[] for _ in names]
        where: list[list[int]] = [[] for _ in names]
        labels: list[str] = []
        label_lines: list[int] = []
        j = len(names)
        # As written: the cell lines of a row, in column order (checked first, for speed).
        fast = [f"  {prefix}" for prefix in prefixes]
        count = len(names)
        offsets = [0] * count  # where each column's value starts in its texts
        regular = self._regular(at, fast)
        if regular is not None:  # every row as written: read a column at a time
            at, labels, label_lines, texts, where = regular
            offsets = [len(prefix) for prefix in fast]
        while at < len(lines):
            text = lines[at]
            if j < count and text.startswith(fast[j]):
                texts[j].append(text[len(fast[j]) :])
                where[j].append(at)
                j += 1
                at += 1
                continue
            text = text.strip(" \t")
            if not text or text.startswith("#"):
                at += 1
                continue
            if text.startswith("table: ") or text == "end":
                break
            if text.startswith("row "):
                if j < len(names):
                    raise self.fail(
                        at,
                        f"row {labels[-1]}",
                        f"the row has no cell for column "
                        f"{names[j]!r} (line {label_lines[-1] + 1} starts the row)",
                    )
                labels.append(text[4:])
                label_lines.append(at)
                j = 0
            elif not labels:
                raise self.fail(at, "rows", f'expected "row <label>" here, found {_shown(text)}')
            else:
                j = self._cell(at, text, labels[-1], names, prefixes, keys, j, texts, where)
            at += 1
        if labels and j < len(names):
            raise self.fail(
                at - 1, f"row {labels[-1]}", f"the row has no cell for column {names[j]!r}"
            )
        arrays = [
            self._values(codec, texts[j], where[j], f"column {names[j]!r}", offsets[j])
            for j, codec in enumerate(codecs)
        ]
        decoded = self._values(index_codec, labels, label_lines, "row label")
        index = self._index(index_codec, index_extra, decoded, index_at, "index")
        frame = pd.DataFrame(dict(enumerate(arrays)), index=index, copy=False)
        frame.columns = columns
        for j, codec in enumerate(codecs):
            if frame.dtypes.iloc[j] != codec.dtype:  # object text read as str, say
                frame.isetitem(j, pd.Series(arrays[j], index=index, dtype=codec.dtype, copy=False))
        return frame, at

    def _regular(self, at: int, fast: list[str]) -> Any:
        """The rows from ``at`` to the table's end, when they are laid out as written (a header,
        every cell in order, a blank line): each column's lines taken at once, ten times as
        fast as line by line. ``None`` when any line differs; the caller then reads every line.
        The texts are the whole lines: each column's values start after its prefix."""
        lines, count = self.lines, len(fast)
        stride = count + 2
        end = at
        while end < len(lines) and lines[end].startswith("row "):
            end += stride
        if end == at or end > len(lines) + 1:
            return None
        blanks = lines[at + count + 1 : end : stride]
        if any(blanks) or len(blanks) != (end - at) // stride:
            return None
        after = _skip(lines, end)
        if after < len(lines) and not (lines[after] == "end" or lines[after].startswith("table: ")):
            return None
        texts, where = [], []
        for j, prefix in enumerate(fast):
            cells = lines[at + 1 + j : end : stride]
            if not all(map(str.startswith, cells, repeat(prefix))):
                return None
            texts.append(cells)
            where.append(list(range(at + 1 + j, end, stride)))
        labels = [header[4:] for header in lines[at:end:stride]]
        return min(end, len(lines)), labels, list(range(at, end, stride)), texts, where

    def _cell(
        self,
        at: int,
        text: str,
        label: str,
        names: list[Any],
        prefixes: list[str],
        keys: dict[Any, int],
        j: int,
        texts: list[list[str]],
        where: list[list[int]],
    ) -> int:
        if j < len(names) and text.startswith(prefixes[j]):
            value = text[len(prefixes[j]) :]
        else:
            try:
                key, end = _scan(text)
                found = keys.get(json_key(key))
            except (ValueError, TypeError, RecursionError):
                found, end = None, 0
            rest = text[end:].lstrip(" \t")
            if found is None or not rest.startswith(":"):
                raise self.fail(
                    at, f"row {label}", f'expected "<column>: <value>", found {_shown(text)}'
                )
            if found > j:
                raise self.fail(
                    at,
                    f"row {label}",
                    f"the row has no cell for column {names[j]!r} before column "
                    f"{names[found]!r} (cells follow the order of the column lines)",
                )
            if found < j:
                raise self.fail(
                    at,
                    f"row {label}",
                    f"column {names[found]!r} is out of place or given twice: cells follow "
                    "the order of the column lines",
                )
            value = rest[1:].strip(" \t")
        texts[j].append(value)
        where[j].append(at)
        return j + 1

    def _values(
        self, codec: Codec, texts: list[str], where: list[int], field: str, offset: int = 0
    ) -> Any:
        """The values of ``texts`` (from ``offset`` on in each), decoded by ``codec``."""
        try:
            # The scanner alone, three times as fast as decode(); a value must end its line.
            scanned = [_scan_once(text, offset) for text in texts]
            if [end for _, end in scanned] != list(map(len, texts)):
                raise ValueError("trailing text")
            values = [value for value, _ in scanned]
        except (ValueError, StopIteration, RecursionError):
            values = []
            for whole, at in zip(texts, where, strict=True):
                text = whole[offset:]
                try:
                    values.append(_decode(text.strip(" \t")))
                except (ValueError, RecursionError) as exc:  # too deep is malformed too
                    raise self.fail(
                        at, field, f"{_shown(text)} is not a JSON value ({exc})"
                    ) from None
        try:
            return codec.decode(values)
        except BadValue as bad:
            raise self.fail(where[bad.position], field, bad.message) from None

    def _columns(
        self,
        codec: Codec,
        extra: dict[str, Any],
        names: list[Any],
        name_lines: list[int],
        at: int,
    ) -> pd.Index:
        seen: dict[Any, int] = {}
        for name, line in zip(names, name_lines, strict=True):
            first = seen.setdefault(json_key(name), line)
            if first != line:
                raise self.fail(
                    line, f"column {name!r}", f"a second column of that name (see line {first + 1})"
                )
        decoded = self._values(codec, [json.dumps(n) for n in names], name_lines, "column name")
        columns = self._index(codec, extra, decoded, at, "columns")
        if not columns.is_unique:
            raise self.fail(at, "columns", "two column names read the same in its dtype")
        return columns


def _shown(text: str) -> str:
    return json.dumps(text if len(text) <= 50 else text[:47] + "...", ensure_ascii=False)


def _skip(lines: list[str], at: int) -> int:
    """The next line that is not blank nor a comment."""
    while at < len(lines) and (
        not lines[at].strip(" \t") or lines[at].lstrip(" \t").startswith("#")
    ):
        at += 1
    return at
