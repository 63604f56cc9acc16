"""Two people, two browsers, one kernel, one emotion curve: a refused change offers choices.

Person A runs the cell that makes and shows the curve; person B shows the same curve from a
cell of their own, each in a browser context of their own. A drags a point; meanwhile B
changes that point with the keys; the rest of A's drag, made from a drawing that no longer
holds, is refused as a conflict. A sees both values and chooses. The kernel's table is read
back through a file a cell writes.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any

import pandas as pd
import pytest

from .lab import Lab, run_cell, two_people, wait_for_file

NAME = "curve_views.ipynb"
CELLS = [
    "import pandas as pd\n"
    "from cjm_widgets import EmotionCurve\n"
    "df = pd.DataFrame({\n"
    '    "stage": ["Discover", "Choose", "Choose", "Buy"],\n'
    '    "step": ["See ad", "Compare", "Read reviews", "Pay"],\n'
    '    "emotion": [0.0, 2.0, 1.0, 2.0],\n'
    '}, index=pd.Index([11, 12, 13, 14], name="row"))\n'
    "c = EmotionCurve(df)\n"
    "c",
    "c",
    f"c.data.to_pickle('{NAME}.pkl')\nopen('{NAME}.txt', 'w').write(repr(len(c._presence)))",
    "c.lang = 'fr'",
]
CURVE = ".cjm-emotion-curve"


@pytest.fixture
def people(browser: Any, lab: Lab) -> Iterator[tuple[Any, Any]]:
    """Person A's and person B's pages, each showing the curve, A's made first."""
    with two_people(browser, lab, NAME, CELLS, f"{CURVE} circle.cjm-point", 1300) as pages:
        yield pages


def kernel(page: Any, lab: Lab) -> tuple[pd.DataFrame, int]:
    """The kernel's table and how many views it knows of."""
    for suffix in (".pkl", ".txt"):
        (lab.root / f"{NAME}{suffix}").unlink(missing_ok=True)
    run_cell(page, 2)
    wait_for_file(lab.root / f"{NAME}.txt")
    wait_for_file(lab.root / f"{NAME}.pkl")
    views = ast.literal_eval((lab.root / f"{NAME}.txt").read_text())
    return pd.read_pickle(lab.root / f"{NAME}.pkl"), views


def point(page: Any, label: str) -> Any:
    return page.locator(f'{CURVE} circle[aria-label="{label}"]')


def value(page: Any, label: str) -> str | None:
    return point(page, label).get_attribute("aria-valuenow")


def sign(v: str) -> str:
    """An integer value as the curve writes it: +2, 0, −1."""
    n = int(v)
    return f"+{n}" if n > 0 else f"\u2212{-n}" if n < 0 else "0"


def shows(page: Any, label: str, wanted: str) -> None:
    page.wait_for_function(
        f"document.querySelector('{CURVE} circle[aria-label=\"{label}\"]')"
        f"?.getAttribute('aria-valuenow') === '{wanted}'",
        timeout=20_000,
    )


def race(a: Any, b: Any, label: str) -> tuple[str, str]:
    """A drags the point down; B, having seen A's first value, moves it up with a key; A drags
    on from its own drawing and lets go. Returns B's value and A's last one."""
    box = point(a, label).bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    a.mouse.move(x, y)
    a.mouse.down()
    a.mouse.move(x, y + 45, steps=5)
    first = value(a, label)
    shows(b, label, first)  # A's first value reached the kernel, and B
    point(b, label).click()
    b.keyboard.press("ArrowUp")
    theirs = str(int(first) + 1)
    shows(b, label, theirs)  # in the kernel now; A's drawing, under A's drag, is stale
    a.mouse.move(x, y + 130, steps=5)
    mine = value(a, label)
    assert mine not in (first, theirs)
    a.mouse.up()
    return theirs, mine


def test_a_refused_change_offers_theirs_and_mine(people: tuple[Any, Any], lab: Lab) -> None:
    a, b = people

    # -- Use mine: A's value goes back over B's, knowingly. -------------------------------
    theirs, mine = race(a, b, "Pay, Buy")
    box = a.locator(f"{CURVE} .cjm-conflict")
    box.wait_for(timeout=20_000)
    # The value there now and A's own, each as the curve writes it (signed, − for minus).
    assert box.locator(".cjm-conflict-current").inner_text().endswith(sign(theirs))
    assert box.locator(".cjm-conflict-yours").inner_text().endswith(sign(mine))
    assert "Pay" in box.locator(".cjm-conflict-title").inner_text()
    # The status line beside the choices says both values as the box does, not as the wire
    # holds them ("-2.0").
    said = a.locator(f"{CURVE} .cjm-message").inner_text()
    assert f"\u201c{sign(theirs)}\u201d" in said, said
    assert f"\u201c{sign(mine)}\u201d" in said, said
    # The focus was in the curve (on the point dragged): the first choice has it.
    assert a.evaluate("document.activeElement.className") == "cjm-conflict-theirs"
    assert value(a, "Pay, Buy") == theirs  # the curve draws theirs meanwhile
    frame, views = kernel(a, lab)
    assert frame.loc[14, "emotion"] == float(theirs)  # nothing of A's written over B's
    assert views == 2
    box.locator(".cjm-conflict-mine").click()
    shows(b, "Pay, Buy", mine)
    assert box.count() == 0
    assert a.evaluate("document.activeElement.getAttribute('aria-label')") == "Pay, Buy"
    frame, _ = kernel(a, lab)
    assert frame.loc[14, "emotion"] == float(mine)

    # -- Keep theirs, with the keys: Escape closes the choices, nothing is sent. ------------
    theirs, mine = race(a, b, "Compare, Choose")
    box.wait_for(timeout=20_000)
    assert a.evaluate("document.activeElement.className") == "cjm-conflict-theirs"
    # Tab reaches Use mine; Escape is Keep theirs from any of the choices.
    a.keyboard.press("Tab")
    assert a.evaluate("document.activeElement.className") == "cjm-conflict-mine"
    a.keyboard.press("Escape")
    box.wait_for(state="detached", timeout=10_000)
    assert a.evaluate("document.activeElement.getAttribute('aria-label')") == "Compare, Choose"
    a.wait_for_timeout(500)  # what A could have sent would have landed by now
    frame, _ = kernel(a, lab)
    assert frame.loc[12, "emotion"] == float(theirs)
    assert value(b, "Compare, Choose") == theirs
    assert value(a, "Compare, Choose") == theirs


def test_undo_in_a_curve_survives_a_new_language(people: tuple[Any, Any], lab: Lab) -> None:
    """c.lang changed from Python builds the curve again in its words: Ctrl+Z in A still
    undoes A's own edit (the view kept its id), not B's later one."""
    a, b = people
    point(a, "See ad, Discover").click()
    a.keyboard.press("ArrowUp")  # A: See ad 0 -> +1
    shows(b, "See ad, Discover", "1")
    point(b, "Read reviews, Choose").click()
    b.keyboard.press("ArrowDown")  # B: Read reviews 1 -> 0, the last edit of all
    shows(a, "Read reviews, Choose", "0")
    a.evaluate(f"document.querySelector('{CURVE}').dataset.old = '1'")
    run_cell(b, 3)  # c.lang = 'fr', from B's page
    a.wait_for_selector(f"{CURVE}:not([data-old])", timeout=20_000)
    a.locator(f'{CURVE} svg.cjm-plot[aria-label^="Courbe des émotions"]').wait_for(timeout=20_000)
    # The focus stayed on the point A was on, in the view built again.
    assert a.evaluate("document.activeElement.getAttribute('aria-label')") == "See ad, Discover"
    a.keyboard.press("Control+z")
    shows(b, "See ad, Discover", "0")
    frame, views = kernel(b, lab)
    assert frame.loc[11, "emotion"] == 0.0  # A's edit undone
    assert frame.loc[13, "emotion"] == 0.0  # B's kept
    assert views == 2  # the same view, not one more


def test_a_refused_undo_is_said_in_french_with_the_curves_values(
    people: tuple[Any, Any], lab: Lab
) -> None:
    """In a French curve, A's Ctrl+Z on a point B changed since is refused: the status line
    says it in French, both values signed as the curve writes them, and the value the undo
    would put back is not called A's own."""
    a, b = people
    a.evaluate(f"document.querySelector('{CURVE}').dataset.old = '1'")
    run_cell(b, 3)  # c.lang = 'fr'
    a.wait_for_selector(f"{CURVE}:not([data-old])", timeout=20_000)
    a.locator(f'{CURVE} svg.cjm-plot[aria-label^="Courbe des émotions"]').wait_for(timeout=20_000)
    b.locator(f'{CURVE} svg.cjm-plot[aria-label^="Courbe des émotions"]').wait_for(timeout=20_000)
    point(a, "See ad, Discover").click()
    a.keyboard.press("ArrowUp")  # A: See ad 0 -> +1
    shows(b, "See ad, Discover", "1")
    point(b, "See ad, Discover").click()
    b.keyboard.press("ArrowDown")
    shows(b, "See ad, Discover", "0")
    b.keyboard.press("ArrowDown")  # B: See ad +1 -> 0 -> -1, after A's edit
    shows(a, "See ad, Discover", "-1")
    point(a, "See ad, Discover").focus()
    a.keyboard.press("Control+z")
    message = a.locator(f"{CURVE} .cjm-message")
    a.wait_for_function(
        f"document.querySelector('{CURVE} .cjm-message')?.textContent.startsWith('Non annul')",
        timeout=20_000,
    )
    said = message.inner_text()
    assert said == (
        "Non annulé : modifié entre-temps dans une autre vue, on y lit maintenant « \u22121 » ; "
        "l'annulation y remettrait « 0 »."
    ), said
    frame, _ = kernel(a, lab)
    assert frame.loc[11, "emotion"] == -1.0  # B's value kept, nothing undone
