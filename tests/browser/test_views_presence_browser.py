"""Two people on one map: an edit saved in A ends A's editing without a message of its own
(the kernel clears it when the edit arrives, and B's outline of it goes with the edit), and a
conflict shows its choices around the very editor A typed in, text and focus kept.

The messages the kernel gets from the views are recorded by a callback of the notebook's own
and read back through a file a cell writes.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any

import pytest

from .lab import Lab, open_notebook, run_cell, wait_for_file
from .test_map_browser import PERSONA_FRAME, lane_cell, revision

NAME = "views_presence.ipynb"
CELLS = [
    PERSONA_FRAME
    + 'm = JourneyMap(df, persona="persona", title="Online purchase")\n'
    + "got = []\n"
    + "m.on_msg(lambda _w, c, _b: got.append((c.get('type'), c.get('view'), c.get('editing'))))\n"
    + "m",
    "m",
    f"open('{NAME}.txt', 'w').write(repr((got, m._presence)))",
]


@pytest.fixture
def people(browser: Any, lab: Lab) -> Iterator[tuple[Any, Any]]:
    """A's page runs the cell that makes the map, B's the one that shows it again."""
    lab.write_notebook(NAME, CELLS)
    contexts = [browser.new_context(viewport={"width": 1400, "height": 900}) for _ in "AB"]
    pages = [context.new_page() for context in contexts]
    errors: list[str] = []
    for index, page in enumerate(pages):
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        open_notebook(page, lab, NAME)
        run_cell(page, index)
        page.wait_for_selector(".cjm-map table", timeout=60_000)
    shown = "() => !document.querySelector('.cjm-presence').hidden"
    for page in pages:
        page.wait_for_function(shown, timeout=20_000)
    yield pages[0], pages[1]
    for context in contexts:
        context.close()
    assert errors == []


def kernel(page: Any, lab: Lab) -> tuple[list[tuple[Any, Any, Any]], dict[str, Any]]:
    """The messages the kernel got from the views, and its presence trait."""
    (lab.root / f"{NAME}.txt").unlink(missing_ok=True)
    run_cell(page, 2)
    wait_for_file(lab.root / f"{NAME}.txt")
    got, presence = ast.literal_eval((lab.root / f"{NAME}.txt").read_text())
    return got, presence


def test_a_saved_edit_ends_editing_without_a_message(people: tuple[Any, Any], lab: Lab) -> None:
    a, b = people
    lane_cell(a, "pain", "Visit site").dblclick()
    a.keyboard.press("Control+a")
    a.keyboard.type("Pages load slowly")
    # B outlines the cell A edits.
    b.wait_for_function(
        "() => document.querySelectorAll(\".cjm-map [data-presence='editing']\").length === 1",
        timeout=20_000,
    )
    a.keyboard.press("Enter")
    lane_cell(b, "pain", "Visit site").filter(has_text="Pages load slowly").wait_for(timeout=20_000)
    # The outline goes with the edit.
    b.wait_for_function(
        "() => document.querySelectorAll(\".cjm-map [data-presence='editing']\").length === 0",
        timeout=20_000,
    )
    got, presence = kernel(a, lab)
    edits = [i for i, (kind, _view, _editing) in enumerate(got) if kind == "edit"]
    assert len(edits) == 1
    a_view = got[edits[0]][1]
    # Nothing from A after its edit says it stopped editing: the kernel did.
    after = [m for m in got[edits[0] + 1 :] if m[1] == a_view and m[0] == "presence"]
    assert after == []
    assert presence[a_view]["editing"] is None
    # Escape still says so itself (no edit tells the kernel).
    before = len(got)
    lane_cell(a, "pain", "Compare").dblclick()
    b.wait_for_function(
        "() => document.querySelectorAll(\".cjm-map [data-presence='editing']\").length === 1",
        timeout=20_000,
    )
    a.keyboard.press("Escape")
    b.wait_for_function(
        "() => document.querySelectorAll(\".cjm-map [data-presence='editing']\").length === 0",
        timeout=20_000,
    )
    got, presence = kernel(a, lab)
    told = [m for m in got[before:] if m[1] == a_view and m[0] == "presence"]
    assert told[-1][2] is None
    assert any(m[2] is not None for m in told)
    assert presence[a_view]["editing"] is None


def test_a_conflict_keeps_the_editor_typed_in(people: tuple[Any, Any], lab: Lab) -> None:
    a, b = people
    lane_cell(a, "channel", "Compare").dblclick()
    a.keyboard.press("Control+a")
    a.keyboard.type("kiosk")
    drawn = revision(a)
    lane_cell(b, "channel", "Compare").dblclick()
    b.keyboard.press("Control+a")
    b.keyboard.type("phone")
    b.keyboard.press("Enter")
    a.wait_for_function(
        f"Number(document.querySelector('.cjm-map').dataset.revision) > {drawn}", timeout=20_000
    )
    a.evaluate("window.__typedIn = document.querySelector('.cjm-map .cjm-editor')")
    a.keyboard.press("Enter")
    a.locator(".cjm-conflict").wait_for(timeout=20_000)
    same = a.evaluate(
        "() => { const e = document.querySelector('.cjm-map .cjm-editor');"
        " return [e === window.__typedIn, e.value, document.activeElement === e,"
        " e.parentElement === document.querySelector('.cjm-conflict').parentElement]; }"
    )
    assert same == [True, "kiosk", True, True]
    assert a.locator(".cjm-conflict-current").inner_text() == "phone"
    # B sees A editing that cell again, the conflict open.
    b.wait_for_function(
        "() => document.querySelectorAll(\".cjm-map [data-presence='editing']\").length === 1",
        timeout=20_000,
    )
    got, presence = kernel(a, lab)
    # B's value had reached A: A knew of the conflict and sent nothing; A still edits the cell.
    edits = [view for kind, view, _ in got if kind == "edit"]
    assert len(edits) == 1
    editing = [view for view, p in presence.items() if p["editing"] is not None]
    assert len(editing) == 1
    assert editing[0] != edits[0]
    # Keep mine: the same editor's text is saved over B's value.
    a.locator(".cjm-conflict-mine").click()
    lane_cell(b, "channel", "Compare").filter(has_text="kiosk").wait_for(timeout=20_000)
