"""Three views of one map, each drawing an older or newer state, their ops interleaved at
random: every op is answered to its view, a refused op changes nothing, and no accepted edit
overwrites a value its author never saw."""

from __future__ import annotations

import random
from collections import Counter
from typing import Any

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cjm_widgets import JourneyMap

from .conftest import cells, steps_frame
from .test_views import Outbox, answers

ACTIONS = ["set", "set", "set", "redraw", "redraw", "undo", "redo", "move", "delete", "insert"]
TEXTS = ["a", "b", "c", None, "Slow page"]
KEYS = ["pain", "channel", "step"]


class StaleView:
    """A view that keeps the journey it drew until it redraws (as a slow browser would)."""

    def __init__(self, outbox: Outbox, name: str) -> None:
        self.outbox, self.m, self.name = outbox, outbox.widget, name
        self.requests = 0
        self.redraw(0)

    def redraw(self, t: int) -> None:
        self.drawn = self.m._journey
        self.drawn_at = t  # the script's step when it drew

    def shown(self, row: int, key: str) -> Any:
        if key == self.drawn["step_key"]:
            return self.drawn["step"][row]
        return cells(self.drawn, key)[row]

    def send(self, content: dict[str, Any]) -> dict[str, Any]:
        self.requests += 1
        before = len(self.outbox.sent)
        msg = {**content, "view": self.name, "request": self.requests}
        self.m._handle_custom_msg(msg, [])
        mine = answers(self.outbox.sent[before:], self.name)
        assert len(mine) == 1 and mine[0]["request"] == self.requests  # noqa: PT018
        return mine[0]


def content_for(view: StaleView, action: str, pick: int) -> dict[str, Any]:
    """What a view sends for one scripted action, from the journey it drew."""
    ids = view.drawn["ids"]
    row = pick % len(ids) if ids else 0
    key = KEYS[pick % len(KEYS)]
    op: dict[str, Any] | None = None
    if action == "set" and ids:
        value = TEXTS[pick % len(TEXTS)] if key != "step" else f"step {pick % 7}"
        op = {
            "kind": "set_cell",
            "id": ids[row],
            "column": key,
            "value": value,
            "expected": view.shown(row, key),
        }
    elif action in ("move", "delete", "insert") and ids:
        op = {"kind": f"{action}_step", "id": ids[row], "direction": 1 if pick % 2 else -1}
        if action == "insert":
            op = {"kind": "insert_step", "after": ids[row]}
    if op is None:
        return {"type": "undo" if action == "undo" else "redo"}
    return {"type": "edit", "op": op, "revision": view.drawn["revision"]}


ABSENT = object()  # a cell of a row not in the table


def same(a: Any, b: Any) -> bool:
    """The model's own equality: missing equals missing, else the values are equal."""
    if a is ABSENT or b is ABSENT:
        return a is b
    if (
        pd.isna(a) or pd.isna(b)
        if pd.api.types.is_scalar(a) and pd.api.types.is_scalar(b)
        else False
    ):
        return bool(pd.isna(a) and pd.isna(b))
    return bool(a == b)


def undoes(changes: dict[Any, tuple[Any, Any]], edit: dict[Any, tuple[Any, Any]]) -> bool:
    """Whether ``changes`` take ``edit`` back: each cell they change held what the edit wrote,
    and gets back what it replaced."""
    return all(
        c in edit and same(old, edit[c][1]) and same(new, edit[c][0])
        for c, (old, new) in changes.items()
    )


def cells_of(m: JourneyMap) -> dict[tuple[int, Any], Any]:
    """Every cell of the table, by row id and column."""
    frame, ids = m._state.frame, m._state.ids
    return {
        (int(rid), column): frame[column].iloc[pos]
        for pos, rid in enumerate(ids)
        for column in frame.columns
    }


class Model:
    """What the views were told, kept apart from the code under test: each cell's accepted
    value, who wrote it and when, and each view's own edits (its undo and redo stacks), as
    the changes (old, new) each made. It checks that a value is replaced only by an op that
    expected that very value."""

    def __init__(self, m: JourneyMap) -> None:
        self.values = cells_of(m)
        self.marks: dict[tuple[int, Any], tuple[str | None, int]] = dict.fromkeys(
            self.values, (None, 0)
        )
        self.undo: dict[str, list[dict[Any, tuple[Any, Any]]]] = {}
        self.redo: dict[str, list[dict[Any, tuple[Any, Any]]]] = {}

    def check(
        self, m: JourneyMap, view: StaleView, content: dict[str, Any], reply: Any, t: int
    ) -> None:
        after = cells_of(m)
        keys = set(self.values) | set(after)
        changes = {
            c: (self.values.get(c, ABSENT), after.get(c, ABSENT))
            for c in keys
            if not same(self.values.get(c, ABSENT), after.get(c, ABSENT))
        }
        name, kind = view.name, content["type"]
        undo, redo = self.undo.setdefault(name, []), self.redo.setdefault(name, [])
        op = content.get("op") or {}
        if kind == "edit" and op["kind"] == "set_cell":
            column = m._spec.keys[op["column"]]
            # The value replaced is the one the view's editor opened with.
            assert same(self.values[(op["id"], column)], op["expected"]), (op, self.values)
            assert set(changes) <= {(op["id"], column)}, changes
        elif kind == "edit":
            # A step moved or deleted as the view drew it: nothing in it changed since,
            # except by that view itself.
            for c, (old, _new) in changes.items():
                if old is not ABSENT:
                    who, when = self.marks[c]
                    assert who == name or when <= view.drawn_at, (op, c, who, when)
        elif "undone" in reply:
            # An undo takes back the view's last edit, a redo one of its undos (the last one
            # still to be redone: a redo lost to others' edits is passed by): each cell still
            # holds what that edit wrote, and gets back what it replaced.
            stack = undo if kind == "undo" else redo
            found = [i for i, top in enumerate(stack) if undoes(changes, top)]
            assert found, (kind, changes, stack[-1:])
            if kind == "undo":
                assert found[-1] == len(stack) - 1, (changes, stack[-1])
            del stack[found[-1] :]
            (redo if kind == "undo" else undo).append(changes)
        else:
            assert not changes, (kind, changes)
            if kind == "redo":
                redo.clear()  # nothing to redo: the code let it go, it may not come back
        if kind == "edit":
            undo.append(changes)
            redo.clear()
        for c, (_old, new) in changes.items():
            if new is ABSENT:
                del self.values[c], self.marks[c]
            else:
                self.values[c], self.marks[c] = new, (name, t)


def play(script: list[tuple[int, str, int]]) -> Counter[tuple[str, str]]:
    """Run a script of three views' actions, checking every answer against the model;
    count the outcomes."""
    m = JourneyMap(steps_frame())
    out = Outbox(m)
    views = [StaleView(out, name) for name in ("A", "B", "C")]
    model = Model(m)
    outcomes: Counter[tuple[str, str]] = Counter()
    for t, (who, action, pick) in enumerate(script, start=1):
        view = views[who]
        if action == "redraw":
            view.redraw(t)
            continue
        before = m._state
        content = content_for(view, action, pick)
        op = content.get("op")
        reply = view.send(content)
        outcomes[
            (op["kind"] if op else content["type"], reply.get("code") or str(reply["ok"]))
        ] += 1
        if not reply["ok"]:
            assert m._state is before, reply  # a refusal changes nothing, not even a copy
            assert reply["message"]
            if reply.get("code") == "conflict" and op is not None:
                assert reply["conflict"]["on"] == "cell"
            continue
        model.check(m, view, content, reply, t)
    # Python's undo still goes back through everything, whoever made it.
    while m.undo() is not None:
        pass
    assert m.data.equals(steps_frame())
    return outcomes


SCRIPT = st.lists(
    st.tuples(st.integers(0, 2), st.sampled_from(ACTIONS), st.integers(0, 10**6)), max_size=60
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(script=SCRIPT)
def test_interleaved_views_lose_no_edit_silently(script: list[tuple[int, str, int]]) -> None:
    play(script)


def test_the_interleavings_meet_every_kind_of_conflict(report: Any) -> None:
    """The simulation is worth running: stale views do meet conflicts of each kind."""
    rng = random.Random(7)
    outcomes: Counter[tuple[str, str]] = Counter()
    for _ in range(60):
        script = [
            (rng.randint(0, 2), rng.choice(ACTIONS), rng.randint(0, 10**6))
            for _ in range(rng.randint(0, 60))
        ]
        outcomes += play(script)
    for kind, code in [
        ("set_cell", "conflict"),
        ("set_cell", "True"),
        ("move_step", "conflict.step"),
        ("delete_step", "conflict.step"),
        ("undo", "True"),
    ]:
        assert outcomes[(kind, code)] > 0, (kind, code, outcomes)
    conflicts = sum(n for (_, code), n in outcomes.items() if code.startswith("conflict"))
    report(
        f"3 interleaved views: {sum(outcomes.values())} ops, {conflicts} refused as conflicts, "
        f"{sum(n for (_, c), n in outcomes.items() if c == 'True')} accepted"
    )
