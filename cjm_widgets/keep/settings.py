"""A widget's settings in a journey file, one line each: what is needed to build it again.

Columns are named by their JSON value (text, a number, true/false). Each setting is checked
when read, and a setting naming a column the table lacks is refused, naming its line.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from ..errors import CJMError, JourneyFileError
from ..table.evidence import FIELDS
from ..table.frames import to_pandas
from ..table.schema import Lane, check_scale
from ..words import language
from .codecs import label_value

#: The settings of each widget, in the order they are written.
COMMON = ("title", "description", "stage", "step", "emotion", "persona", "scale")
SETTINGS = {
    "JourneyMap": (*COMMON, "lanes", "written", "forms", "active_persona"),
    "EmotionCurve": (
        *COMMON,
        "labels",
        "snap",
        "moment_of_truth",
        "pain",
        "gain",
        "evidence",
        "line",
    ),
}
#: Settings a file may leave out, with the value they then take: written only when they differ,
#: so a file written before they existed reads the same, and re-saving it changes no byte.
OPTIONAL: dict[str, Any] = {"lang": None, "state": None}
#: Optional settings of one kind of widget only, read and written as :data:`OPTIONAL`.
OPTIONAL_OF: dict[str, dict[str, Any]] = {
    "JourneyMap": {
        "blueprint": False,
        "branch": "branch",
        "branch_share": None,
        "compare_personas": False,
    },
    "EmotionCurve": {},
}
EVIDENCE_TABLE = "evidence"
_LANE_KEYS = ("column", "kind", "label", "format")
#: A lane's keys written only when set, so lanes saved before them read and save the same.
_LANE_OPTIONAL = ("group",)


def optional(kind: str) -> dict[str, Any]:
    """The optional settings of a kind of widget, and the value each takes when left out."""
    return {**OPTIONAL, **OPTIONAL_OF[kind]}


def _ref(value: Any, setting: str) -> Any:
    try:
        return label_value(value)
    except TypeError as exc:
        raise JourneyFileError(
            f"a column named by a {exc} cannot be saved; name columns with text or numbers",
            field=f"setting {setting!r}",
        ) from None


def _lane(item: Any) -> Any:
    if isinstance(item, Lane):
        out = {
            k: _ref(getattr(item, k), "lanes") if k == "column" else getattr(item, k)
            for k in _LANE_KEYS
        }
        out.update((k, getattr(item, k)) for k in _LANE_OPTIONAL if getattr(item, k) is not None)
        return out
    return _ref(item, "lanes")


def settings_of(widget: Any, kind: str) -> tuple[dict[str, Any], pd.DataFrame | None]:
    """The widget's settings as JSON values, and its evidence table if it has one."""
    roles = widget._declared
    out: dict[str, Any] = {
        "title": widget.title,
        "description": widget.description,
        "stage": _ref(roles.stage, "stage"),
        "step": _ref(roles.step, "step"),
        "emotion": _ref(roles.emotion, "emotion"),
        "persona": _ref(roles.persona, "persona"),
        "scale": [float(v) for v in roles.scale],
        "lang": widget.lang,
    }
    # A widget comparing states: {"column": ..., "states": [current, future], "key": ...}.
    comparison = widget._comparison
    out["state"] = (
        None
        if comparison is None
        else {
            "column": _ref(comparison.column, "state"),
            "states": [_ref(s, "state") for s in comparison.states],
            "key": None if comparison.key is None else _ref(comparison.key, "state"),
        }
    )
    evidence = None
    if kind == "JourneyMap":
        lanes = widget._declared_lanes
        state = widget._state
        out["lanes"] = None if lanes is None else [_lane(item) for item in lanes]
        out["written"] = [_ref(c, "written") for c in state.written]
        out["forms"] = [[_ref(c, "forms"), form] for c, form in state.forms]
        out["active_persona"] = widget.active_persona
        out["blueprint"] = widget.blueprint
        out["compare_personas"] = widget.compare_personas
        branch, share = widget._declared_branches
        out["branch"] = None if branch is None else _ref(branch, "branch")
        out["branch_share"] = None if share is None else _ref(share, "branch_share")
        return out, None
    options = widget._options
    labels = options["labels"]
    out["labels"] = None if labels is None else [[_ref(k, "labels"), t] for k, t in labels.items()]
    out["snap"] = bool(options["snap"])
    for name in ("moment_of_truth", "pain", "gain"):
        out[name] = _ref(options[name], name)
    given = widget._evidence_input
    if given is None:
        out["evidence"] = None
    elif isinstance(given, Mapping):
        out["evidence"] = {"columns": {f: _ref(c, "evidence") for f, c in given.items()}}
    else:
        evidence = to_pandas(given)
        out["evidence"] = {"table": EVIDENCE_TABLE}
    out["line"] = widget.line
    return out, evidence


@dataclass
class Setting:
    value: Any
    line: int


class Builder:
    """Checks a file's settings against its tables and builds the widget they describe."""

    def __init__(
        self,
        kind: str,
        settings: dict[str, Setting],
        tables: dict[str, tuple[pd.DataFrame, int]],
        widget_line: int,
    ) -> None:
        self.kind = kind
        self.settings = settings
        self.tables = tables
        self.widget_line = widget_line
        self.frame = tables["steps"][0]

    def fail(self, name: str, message: str) -> JourneyFileError:
        return JourneyFileError(message, line=self.settings[name].line, field=f"setting {name!r}")

    def get(self, name: str, check: Callable[[Any], bool], what: str) -> Any:
        value = self.settings[name].value
        if not check(value):
            raise self.fail(name, f"expected {what}, found {_shown(value)}")
        return value

    def column(self, name: str, value: Any, *, optional: bool = False) -> Hashable:
        if not _is_ref(value):
            raise self.fail(name, f"{_shown(value)} is not a column name")
        if not optional and value not in self.frame.columns:
            shown = ", ".join(_shown(c) for c in list(self.frame.columns)[:20])
            raise self.fail(
                name, f"column {_shown(value)} is not in table 'steps' (its columns: {shown})"
            )
        return value

    def role(self, name: str) -> Hashable | None:
        value = self.settings[name].value
        if value is None and name in ("emotion", "persona"):
            return None
        # The default emotion column is looked for under its other names when absent.
        return self.column(name, value, optional=name == "emotion" and value == "emotion")

    def common(self) -> dict[str, Any]:
        scale = self.get("scale", _is_scale, "the scale's two ends, e.g. [-3, 3]")
        try:
            check_scale(scale)
        except CJMError as exc:
            raise self.fail("scale", str(exc)) from None
        return {
            "title": self.get("title", _is_text, "text"),
            "description": self.get("description", _is_text, "text"),
            "stage": self.role("stage"),
            "step": self.role("step"),
            "emotion": self.role("emotion"),
            "persona": self.role("persona"),
            "scale": (scale[0], scale[1]),
            "lang": self._lang(),
        }

    def _lang(self) -> str | None:
        if "lang" not in self.settings:
            return OPTIONAL["lang"]
        value = self.settings["lang"].value
        try:
            return language(value)
        except CJMError:
            raise self.fail("lang", f'expected "fr", "en" or null, found {_shown(value)}') from None

    def build(self, cls: type) -> Any:
        kwargs = self.common()
        if "state" in self.settings:
            kwargs.update(self._state())
        if self.kind == "JourneyMap":
            return self._map(cls, kwargs)
        return self._curve(cls, kwargs)

    def _construct(self, make: Callable[[], Any]) -> Any:
        try:
            return make()
        except (CJMError, ValueError, TypeError, KeyError) as exc:
            raise JourneyFileError(
                f"the file's table and settings make no {self.kind}: {exc}",
                line=self.widget_line,
                field="widget",
            ) from exc

    # -- the map -------------------------------------------------------------------------

    def _map(self, cls: type, kwargs: dict[str, Any]) -> Any:
        written = tuple(
            self.column("written", c, optional=True)
            for c in self.get("written", _is_list, "a list of columns")
        )
        forms = tuple(
            (self.column("forms", f[0], optional=True), f[1])
            for f in self.get("forms", _is_forms, 'a list of [column, "rank" or "quadrant"]')
        )
        lanes = self._lanes(set(written))
        persona = self.get("active_persona", _is_text, "text")
        for name in ("blueprint", "compare_personas"):
            if name in self.settings:
                kwargs[name] = self.get(name, lambda v: type(v) is bool, "true or false")
        for name in ("branch", "branch_share"):
            if name in self.settings and self.settings[name].value is not None:
                value = self.settings[name].value
                # The default branch column is read only when the table has it.
                kwargs[name] = self.column(name, value, optional=value == "branch")
            elif name in self.settings:
                kwargs[name] = None
        # A declared lane whose written column an undo took away is dropped while building,
        # as the map itself drops it; the lanes are then kept as declared.
        present = (
            None
            if lanes is None
            else [
                item
                for item in lanes
                if (item.column if isinstance(item, Lane) else item) in self.frame.columns
            ]
        )

        def make() -> Any:
            widget = cls(self.frame, lanes=present, **kwargs)
            doc = widget._doc
            if (doc.state.written, doc.state.forms) != (written, forms) or present != lanes:
                widget._declared_lanes = lanes
                doc.state = replace(doc.state, written=written, forms=forms)
                doc._show(doc.state, None)
            return widget

        widget = self._construct(make)
        if persona:
            try:
                widget.active_persona = persona
            except CJMError as exc:
                raise self.fail("active_persona", str(exc)) from None
        return widget

    def _state(self) -> dict[str, Any]:
        """A compared map's ``state=``, ``states=`` and ``key=``."""
        value = self.get("state", _is_state, 'null or {"column": ..., "states": [...], "key": ...}')
        if value is None:
            return {}
        out = {"state": self.column("state", value["column"]), "states": tuple(value["states"])}
        if value["key"] is not None:
            out["key"] = self.column("state", value["key"])
        return out

    def _lanes(self, written: set[Hashable]) -> list[Any] | None:
        value = self.get("lanes", lambda v: v is None or _is_list(v), "null or a list of lanes")
        if value is None:
            return None
        lanes: list[Any] = []
        for item in value:
            if isinstance(item, dict):
                if not set(_LANE_KEYS) <= set(item) <= {*_LANE_KEYS, *_LANE_OPTIONAL}:
                    raise self.fail(
                        "lanes",
                        f"a lane has the keys {', '.join(_LANE_KEYS)} (and may have "
                        f"{', '.join(_LANE_OPTIONAL)}), not {_shown(sorted(item))}",
                    )
                column = item["column"]
                try:
                    lane = Lane(**item)
                except (CJMError, TypeError) as exc:
                    raise self.fail("lanes", str(exc)) from None
            else:
                column = lane = item
            self.column("lanes", column, optional=_is_ref(column) and column in written)
            lanes.append(lane)
        return lanes

    # -- the curve -----------------------------------------------------------------------

    def _curve(self, cls: type, kwargs: dict[str, Any]) -> Any:
        labels = self.get(
            "labels", lambda v: v is None or _is_labels(v), "null or a list of [value, text]"
        )
        moment = self.settings["moment_of_truth"].value
        if moment is not None and moment != "auto":  # "auto": found by name or values
            self.column("moment_of_truth", moment)
        if labels is not None and len({k for k, _ in labels}) < len(labels):
            raise self.fail("labels", "a scale value is labelled twice")
        options = {
            "labels": None if labels is None else dict(labels),
            "snap": self.get("snap", lambda v: type(v) is bool, "true or false"),
            "moment_of_truth": moment,
            "pain": self._optional("pain"),
            "gain": self._optional("gain"),
            "evidence": self._evidence(),
            "line": self.get(
                "line", lambda v: v in ("assumed", "measured"), '"assumed" or "measured"'
            ),
        }
        if options["line"] == "measured" and options["evidence"] is None:
            raise self.fail("line", "the measured line needs evidence; this file gives none")
        return self._construct(lambda: cls(self.frame, **kwargs, **options))

    def _optional(self, name: str) -> Hashable | None:
        """pain= and gain=: a column shown when present (and ignored when absent)."""
        value = self.settings[name].value
        return None if value is None else self.column(name, value, optional=True)

    def _evidence(self) -> Any:
        value = self.settings["evidence"].value
        if value is None:
            return None
        if value == {"table": EVIDENCE_TABLE}:
            return self.tables[EVIDENCE_TABLE][0]
        columns = value.get("columns") if isinstance(value, dict) and len(value) == 1 else None
        if not isinstance(columns, dict) or set(columns) != set(FIELDS):
            raise self.fail(
                "evidence",
                'expected null, {"table": "evidence"} or {"columns": '
                '{"n": ..., "mean": ..., "ci_low": ..., "ci_high": ...}}',
            )
        return {field: self.column("evidence", column) for field, column in columns.items()}


def _shown(value: Any) -> str:
    import json

    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def _is_ref(value: Any) -> bool:
    return type(value) in (str, int, bool) or (type(value) is float and math.isfinite(value))


def _is_text(value: Any) -> bool:
    return type(value) is str


def _is_number(value: Any) -> bool:
    return type(value) in (int, float)


def _is_state(value: Any) -> bool:
    if value is None:
        return True
    return (
        isinstance(value, dict)
        and set(value) == {"column", "states", "key"}
        and _is_list(value["states"])
        and len(value["states"]) == 2
    )


def _is_list(value: Any) -> bool:
    return type(value) is list


def _is_scale(value: Any) -> bool:
    return _is_list(value) and len(value) == 2 and all(_is_number(v) for v in value)


def _is_forms(value: Any) -> bool:
    return _is_list(value) and all(
        _is_list(f) and len(f) == 2 and f[1] in ("rank", "quadrant") for f in value
    )


def _is_labels(value: Any) -> bool:
    return _is_list(value) and all(
        _is_list(p) and len(p) == 2 and _is_number(p[0]) and _is_text(p[1]) for p in value
    )
