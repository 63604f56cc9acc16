"""Two people, two browsers, one JupyterLab and one kernel, one map: no edit is lost silently.

Each person has a browser context of their own (their own page, as two laptops would) on the
same notebook and kernel. Person A runs the cell that makes and shows the map; person B shows
the same map from a cell of their own. They act with the mouse and the keys; the kernel's
table is read back through a file a cell writes.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from .lab import Lab, open_notebook, run_cell, two_people, wait_for_file
from .test_map_browser import PERSONA_FRAME, lane_cell, revision, step_header

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"

NAME = "views.ipynb"
CELLS = [
    PERSONA_FRAME + 'm = JourneyMap(df, persona="persona", title="Online purchase")\nm',
    "m",
    f"m.data.to_pickle('{NAME}.pkl')\n"
    f"open('{NAME}.txt', 'w').write(repr((m.active_persona, len(m._presence))))",
    "m.lang = 'fr'",
    "m.lang = 'en'",
    "m.active_persona = 'Bo'",
]


@pytest.fixture
def people(browser: Any, lab: Lab) -> Iterator[tuple[Any, Any]]:
    """Person A's and person B's pages, each showing the map, A's made first."""
    with two_people(browser, lab, NAME, CELLS, ".cjm-map table") as (a, b):
        # Each sees the other: the kernel knows both views.
        for page in (a, b):
            page.wait_for_function(
                "() => !document.querySelector('.cjm-presence').hidden", timeout=20_000
            )
        yield a, b


def kernel(page: Any, lab: Lab) -> tuple[pd.DataFrame, str, int]:
    """The kernel's table, active persona and number of views that told it of themselves."""
    for suffix in (".pkl", ".txt"):
        (lab.root / f"{NAME}{suffix}").unlink(missing_ok=True)
    run_cell(page, 2)
    wait_for_file(lab.root / f"{NAME}.txt")
    wait_for_file(lab.root / f"{NAME}.pkl")
    persona, views = ast.literal_eval((lab.root / f"{NAME}.txt").read_text())
    return pd.read_pickle(lab.root / f"{NAME}.pkl"), persona, views


def editor(page: Any) -> Any:
    return page.locator(".cjm-map .cjm-editor")


def open_editor(page: Any, lane: str, step: str, text: str | None = None) -> None:
    lane_cell(page, lane, step).dblclick()
    editor(page).wait_for(timeout=10_000)
    if text is not None:
        page.keyboard.press("Control+a")
        page.keyboard.type(text)


def shows(page: Any, lane: str, step: str, text: str) -> None:
    """Wait until a cell (not being edited) shows a text."""
    cell = lane_cell(page, lane, step)
    cell.filter(has_text=text).wait_for(timeout=20_000)


def each_saves(*edits: tuple[Any, str, str, str]) -> None:
    """Each person in turn saves a text in a cell (page, lane, step, text), and the other
    sees it before the next one types."""
    pages = [page for page, *_ in edits]
    for page, lane, step, text in edits:
        open_editor(page, lane, step, text)
        page.keyboard.press("Enter")
        for other in pages:
            if other is not page:
                shows(other, lane, step, text)


def test_two_people_edit_one_map(people: tuple[Any, Any], lab: Lab) -> None:
    a, b = people

    # -- the same-cell race: both open "Visit site"'s pain; B saves first. ---------------
    open_editor(a, "pain", "Visit site", "Pages load slowly")
    open_editor(b, "pain", "Visit site", "Search finds nothing")
    # A sees that B is editing that very cell (B's colour outlines it).
    b.keyboard.press("Enter")
    shows(b, "pain", "Visit site", "Search finds nothing")
    # A's editor stayed open through the redraw, A's text and all.
    assert editor(a).input_value() == "Pages load slowly"
    a.keyboard.press("Enter")
    conflict = a.locator(".cjm-conflict")
    conflict.wait_for(timeout=20_000)
    assert conflict.locator(".cjm-conflict-current").inner_text() == "Search finds nothing"
    assert editor(a).input_value() == "Pages load slowly"  # A's own text is kept
    ARTIFACTS.mkdir(exist_ok=True)
    lane_cell(a, "pain", "Visit site").scroll_into_view_if_needed()
    # docs/conflict.png is copied from here by hand, when the picture is worth changing.
    a.locator(".cjm-map").screenshot(path=str(ARTIFACTS / "conflict.png"))
    frame, _, views = kernel(a, lab)
    assert frame.loc[102, "pain"] == "Search finds nothing"  # B's edit stands
    assert views == 2
    # Keyboard: Tab reaches the choices; Combine joins both texts, editable; Enter saves.
    editor(a).click()  # back from the notebook's cell, where reading the kernel left the focus
    a.keyboard.press("Tab")
    a.keyboard.press("Tab")
    a.keyboard.press("Tab")
    assert a.evaluate("document.activeElement.className") == "cjm-conflict-combine"
    a.keyboard.press("Enter")
    assert editor(a).input_value() == "Search finds nothing\nPages load slowly"
    a.keyboard.press("Enter")
    shows(b, "pain", "Visit site", "Pages load slowly")
    frame, _, _ = kernel(a, lab)
    assert frame.loc[102, "pain"] == "Search finds nothing\nPages load slowly"

    # -- a stale editor: A opens Compare's channel; B changes it; A types over and saves. -
    open_editor(a, "channel", "Compare")
    open_editor(b, "channel", "Compare", "phone")
    b.keyboard.press("Enter")
    # A had typed nothing: A's editor now holds B's value, and saving it loses nothing.
    a.wait_for_function(
        "() => document.querySelector('.cjm-map .cjm-editor')?.value === 'phone'", timeout=20_000
    )
    a.keyboard.press("End")
    a.keyboard.type(" or chat")
    a.keyboard.press("Enter")
    shows(b, "channel", "Compare", "phone or chat")
    # Now B saves text typed before A's change: refused, shown, kept.
    open_editor(b, "channel", "Checkout", "web shop")
    drawn = revision(b)
    open_editor(a, "channel", "Checkout", "kiosk")
    a.keyboard.press("Enter")
    shows(a, "channel", "Checkout", "kiosk")
    b.wait_for_function(
        f"Number(document.querySelector('.cjm-map').dataset.revision) > {drawn}", timeout=20_000
    )
    assert editor(b).input_value() == "web shop"
    b.keyboard.press("Enter")
    b.locator(".cjm-conflict").wait_for(timeout=20_000)
    # Keep mine: B writes over A's value knowingly.
    b.locator(".cjm-conflict-mine").click()
    shows(a, "channel", "Checkout", "web shop")

    # -- a refused edit in A leaves B's editor, and B's text, as they are. ---------------
    open_editor(b, "pain", "Pay", "Card declined twice")
    step_header(a, "Compare").dblclick()
    a.keyboard.press("Control+a")
    a.keyboard.press("Delete")
    a.keyboard.press("Enter")  # a step needs a name: refused
    a.locator(".cjm-status-box[data-tone=error]").wait_for(timeout=20_000)
    assert editor(b).input_value() == "Card declined twice"
    assert b.locator(".cjm-status-box").is_hidden()
    b.keyboard.press("Enter")
    shows(a, "pain", "Pay", "Card declined twice")

    # -- persona: each view shows its own; Python reads the last one switched. ----------
    a.locator(".cjm-persona-select").select_option("Bo")
    step_header(a, "Compare").wait_for(timeout=10_000)
    a.wait_for_function("() => document.querySelectorAll('th.cjm-step').length === 3")
    assert b.locator("th.cjm-step").count() == 5  # B still shows Ana
    _, persona, _ = kernel(a, lab)
    assert persona == "Bo"
    a.locator(".cjm-persona-select").select_option("Ana")
    a.wait_for_function("() => document.querySelectorAll('th.cjm-step').length === 5")

    # -- a drag of an emotion point that B changed meanwhile is refused, not taken. ------
    lane_cell(a, "emotion", "Pay").scroll_into_view_if_needed()
    dot = lane_cell(a, "emotion", "Pay").locator(".cjm-dot").bounding_box()
    x, y = dot["x"] + dot["width"] / 2, dot["y"] + dot["height"] / 2
    a.mouse.move(x, y)
    a.mouse.down()
    a.mouse.move(x, y + 30, steps=5)
    drawn = revision(a)
    step_header(b, "Pay").click()
    b.keyboard.press("ArrowDown")
    b.keyboard.press("ArrowDown")
    b.keyboard.type("-3")
    b.keyboard.press("Enter")
    a.wait_for_function(
        f"Number(document.querySelector('.cjm-map').dataset.revision) > {drawn}", timeout=20_000
    )
    a.mouse.move(x, y + 40, steps=3)
    a.mouse.up()
    a.locator(".cjm-status-box[data-tone=error]").wait_for(timeout=20_000)
    frame, _, _ = kernel(a, lab)
    assert frame.loc[105, "emotion"] == -3.0  # B's value, not A's drag

    # -- undo: A's Ctrl+Z undoes A's own last edit, and B is told. ----------------------
    each_saves((a, "pain", "See ad", "Too many ads"), (b, "pain", "Compare", "Prices unclear"))
    step_header(a, "See ad").click()
    a.keyboard.press("Control+z")
    b.locator(".cjm-status-box[data-tone=notice]").filter(
        has_text="Undone in another view"
    ).wait_for(timeout=20_000)
    assert "Too many ads" in b.locator(".cjm-status-box").inner_text()
    frame, _, _ = kernel(a, lab)
    assert pd.isna(frame.loc[101, "pain"])  # A's edit undone
    assert frame.loc[103, "pain"] == "Prices unclear"  # B's kept
    assert frame.loc[105, "pain"] == "Card declined twice"


def test_delete_clears_a_cell_in_one_view(browser: Any, lab: Lab) -> None:
    """Delete or Backspace on a cell clears it: the value it replaces is the one drawn."""
    lab.write_notebook(NAME, CELLS)
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    open_notebook(page, lab, NAME)
    run_cell(page, 0)
    page.wait_for_selector(".cjm-map table", timeout=60_000)
    for lane, step, key in (
        ("channel", "Visit site", "Delete"),
        ("pain", "Visit site", "Backspace"),
    ):
        drawn = revision(page)
        lane_cell(page, lane, step).click()
        page.keyboard.press(key)
        page.wait_for_function(
            f"Number(document.querySelector('.cjm-map').dataset.revision) > {drawn}",
            timeout=20_000,
        )
        assert page.locator(".cjm-conflict").count() == 0
        assert page.locator(".cjm-status-box[data-tone=error]").count() == 0
    frame, _, _ = kernel(page, lab)
    # An emptied text cell holds "" (as an editor emptied and saved leaves it).
    assert frame.loc[102, "channel"] == ""
    assert frame.loc[102, "pain"] == ""
    assert frame.loc[103, "channel"] == "web"  # only the cells pressed on
    context.close()
    assert errors == []


def rebuilt(page: Any, run: Any) -> None:
    """Do something that makes the map be built again, and wait until it is."""
    page.evaluate("document.querySelector('.cjm-map').dataset.old = '1'")
    run()
    page.wait_for_selector(".cjm-map:not([data-old])", timeout=20_000)


def test_a_new_language_keeps_each_views_state(people: tuple[Any, Any], lab: Lab) -> None:
    """m.lang changed from Python builds the map again in its words: A's half-typed text stays
    in A's editor (not saved), with the focus; A's undo still knows A's edits; A's table stays."""
    a, b = people
    open_editor(a, "pain", "Visit site")
    a.keyboard.press("End")
    a.keyboard.type(" MOT2")
    rebuilt(a, lambda: run_cell(b, 3))  # B's page runs m.lang = 'fr'
    assert a.locator(".cjm-map").get_attribute("lang") in (None, "fr")
    assert editor(a).input_value() == "Slow page MOT2"
    assert a.evaluate("document.activeElement.classList.contains('cjm-editor')")
    frame, _, views = kernel(b, lab)
    assert frame.loc[102, "pain"] == "Slow page"  # nothing saved unasked
    assert views == 2  # the same view, not one more
    a.keyboard.press("Enter")
    shows(b, "pain", "Visit site", "Slow page MOT2")
    # Ctrl+Z in A still undoes A's edit: the view kept its id, and so its history.
    a.keyboard.press("Control+z")
    shows(b, "pain", "Visit site", "Slow page")
    shows(a, "pain", "Visit site", "Slow page")
    # The table view stays open through a new language.
    a.locator(".cjm-map [data-action=table]").click()
    a.locator(".cjm-table-view").wait_for(timeout=10_000)
    rebuilt(a, lambda: run_cell(b, 4))  # m.lang = 'en'
    assert a.locator(".cjm-table-view").is_visible()
    assert a.locator(".cjm-map [data-action=table]").get_attribute("aria-pressed") == "true"


def test_a_persona_set_from_python_saves_the_text_typed_in_a_cell_it_hides(
    people: tuple[Any, Any], lab: Lab
) -> None:
    """B's notebook sets m.active_persona: A's map shows Bo, whose steps do not include the
    cell A was typing in. A's text is saved there, as a click elsewhere would have saved it,
    and A is told so (the step was not deleted)."""
    a, b = people
    open_editor(a, "pain", "Visit site")
    a.keyboard.press("End")
    a.keyboard.type(" MOT3")
    run_cell(b, 5)  # B's page runs m.active_persona = 'Bo'
    status = a.locator(".cjm-map .cjm-message")
    status.filter(has_text="Saved your edit").wait_for(timeout=20_000)
    assert "Slow page MOT3" in status.inner_text()
    assert "deleted" not in status.inner_text()
    assert editor(a).count() == 0
    frame, persona, _ = kernel(b, lab)
    assert persona == "Bo"
    assert frame.loc[102, "pain"] == "Slow page MOT3"
    assert frame.loc[frame.index != 102, "pain"].isna().all()  # only that cell changed


def stage_head(page: Any, name: str) -> Any:
    return page.locator(f'.cjm-map [data-row="-1"][data-stage="{name}"]')


def test_a_stage_renamed_elsewhere_while_renamed_here(people: tuple[Any, Any], lab: Lab) -> None:
    """A renames a stage; B renames it first: A is told the stage was renamed (not that a step
    was deleted), with A's text to type again."""
    a, b = people
    stage_head(a, "Choose").dblclick()
    editor(a).wait_for(timeout=10_000)
    a.keyboard.press("Control+a")
    a.keyboard.type("Pick")
    stage_head(b, "Choose").dblclick()
    editor(b).wait_for(timeout=10_000)
    b.keyboard.press("Control+a")
    b.keyboard.type("Decide")
    b.keyboard.press("Enter")
    status = a.locator(".cjm-status-box")
    status.filter(has_text="The stage you were renaming").wait_for(timeout=20_000)
    assert "Pick" in status.inner_text()
    assert "step" not in status.inner_text().split(";")[0]
    frame, _, _ = kernel(b, lab)
    assert "Decide" in set(frame["stage"])


def test_a_french_map_says_undo_and_its_refusals_in_french(
    people: tuple[Any, Any], lab: Lab
) -> None:
    """In a French map, an undo's notice titles the lane as its head does (Point positif, not
    Gain), in both views; A's Ctrl+Z on a deletion others edited around is refused in French."""
    a, b = people
    rebuilt(a, lambda: run_cell(b, 3))  # m.lang = 'fr'
    for page in (a, b):
        page.get_by_role("button", name="Supprimer l'étape").wait_for(timeout=20_000)
    each_saves((a, "gain", "See ad", "Pub claire"), (b, "pain", "Compare", "Prix flous"))
    step_header(a, "See ad").click()
    a.keyboard.press("Control+z")
    told = b.locator(".cjm-status-box[data-tone=notice]").filter(has_text="Annulé dans une autre")
    told.wait_for(timeout=20_000)
    assert "Point positif de « See ad »" in told.inner_text(), told.inner_text()
    own = a.locator(".cjm-status-box[data-tone=notice]")
    own.wait_for(timeout=20_000)
    assert own.inner_text().startswith("Annulé : Point positif de « See ad »"), own.inner_text()

    # -- a deletion, then B's edit: A's Ctrl+Z is refused, in French. -------------------
    step_header(a, "Checkout").click()
    a.get_by_role("button", name="Supprimer l'étape").click()
    b.wait_for_function("() => document.querySelectorAll('th.cjm-step').length === 4")
    open_editor(b, "pain", "Pay", "Carte refusée")
    b.keyboard.press("Enter")
    shows(a, "pain", "Pay", "Carte refusée")
    step_header(a, "Compare").click()
    a.keyboard.press("Control+z")
    refused = a.locator(".cjm-status-box[data-tone=error]")
    refused.wait_for(timeout=20_000)
    assert refused.inner_text().startswith(
        "Une suppression ne peut être annulée que tant qu'elle est la dernière modification"
    ), refused.inner_text()
    frame, _, _ = kernel(a, lab)
    assert 104 not in frame.index  # still deleted
    assert pd.isna(frame.loc[101, "gain"])  # A's first undo stands
    assert frame.loc[105, "pain"] == "Carte refusée"

    # -- an emotion B changed since: A's Ctrl+Z is refused, the values as the lane shows them.
    def past(page: Any, seen: int) -> None:
        page.wait_for_function(
            f"Number(document.querySelector('.cjm-map').dataset.revision) >= {seen}",
            timeout=20_000,
        )

    seen = revision(b)
    lane_cell(a, "emotion", "See ad").click()
    a.keyboard.press("Alt+ArrowUp")  # 0 -> 1
    past(b, seen + 1)
    # Both views hold A's edit before B's: a revision read in A before A drew its own edit
    # would let A's Ctrl+Z leave before B's second change reached the kernel.
    seen = revision(b)
    past(a, seen)
    lane_cell(b, "emotion", "See ad").click()
    b.keyboard.press("Alt+ArrowDown")  # 1 -> 0
    past(a, seen + 1)
    b.keyboard.press("Alt+ArrowDown")  # 0 -> -1
    past(a, seen + 2)
    a.keyboard.press("Control+z")
    conflict = a.locator(".cjm-status-box[data-tone=error]").filter(has_text="\u22121")
    conflict.wait_for(timeout=20_000)
    assert "-1" not in conflict.inner_text()  # the lane's sign, not Python's
    frame, _, _ = kernel(a, lab)
    assert frame.loc[101, "emotion"] == -1
