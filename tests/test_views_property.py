"""Three views of one map, each drawing an older or newer state, their ops interleaved at
random: every op is answered to its view, a refused op changes nothing, and no accepted edit
overwrites a value its author never saw."""

from __future__ import annotations

import random
from collections import Counter
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cjm_widgets import JourneyMap
from cjm_widgets.edits.concurrency import same_wire, wire_value

from .conftest import cells, steps_frame
from .test_views import Outbox

ACTIONS = ["set", "set", "set", "redraw", "redraw", "undo", "redo", "move", "delete", "insert"]
TEXTS = ["a", "b", "c", None, "Slow page"]
KEYS = ["pain", "channel", "step"]


class StaleView:
    """A view that keeps the journey it drew until it redraws (as a slow browser would)."""

    def __init__(self, outbox: Outbox, name: str) -> None:
        self.outbox, self.m, self.name = outbox, outbox.widget, name
        self.requests = 0
        self.redraw()

    def redraw(self) -> None:
        self.drawn = self.m._journey

    def shown(self, row: int, key: str) -> Any:
        if key == self.drawn["step_key"]:
            return self.drawn["step"][row]
        return cells(self.drawn, key)[row]

    def send(self, content: dict[str, Any]) -> dict[str, Any]:
        self.requests += 1
        before = len(self.outbox.sent)
        msg = {**content, "view": self.name, "request": self.requests}
        self.m._handle_custom_msg(msg, [])
        answers = [
            x
            for x in self.outbox.sent[before:]
            if x.get("type") == "edit_result" and x.get("view") == self.name
        ]
        assert len(answers) == 1 and answers[0]["request"] == self.requests  # noqa: PT018
        return answers[0]


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


def play(script: list[tuple[int, str, int]]) -> Counter[tuple[str, str]]:
    """Run a script of three views' actions, checking every answer; count the outcomes."""
    m = JourneyMap(steps_frame())
    out = Outbox(m)
    views = [StaleView(out, name) for name in ("A", "B", "C")]
    outcomes: Counter[tuple[str, str]] = Counter()
    for who, action, pick in script:
        view = views[who]
        if action == "redraw":
            view.redraw()
            continue
        before = m._state
        content = content_for(view, action, pick)
        op = content.get("op")
        target = None
        if op is not None and op["kind"] == "set_cell" and op["id"] in before.ids:
            live = list(before.ids).index(op["id"])
            target = wire_value(before, m._spec, m._spec.keys[op["column"]], live)
        reply = view.send(content)
        outcomes[
            (op["kind"] if op else content["type"], reply.get("code") or str(reply["ok"]))
        ] += 1
        if not reply["ok"]:
            assert m._state is before, reply  # a refusal changes nothing, not even a copy
            assert reply["message"]
            if reply.get("code") == "conflict" and op is not None:
                assert reply["conflict"]["on"] == "cell"
        elif target is not None:
            # An accepted write replaced exactly the value its author's editor showed.
            assert same_wire(target, op["expected"]), (target, op)
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
