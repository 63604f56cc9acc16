"""A service blueprint in a real JupyterLab: its three lines stand between the right lanes, on
the screen and in the order a screen reader reads, the arrow keys go over them from lane to
lane, an edit made there reaches the kernel, and Python switches the layout off and on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .lab import Lab, open_notebook, run_cell
from .test_a11y_browser import axe
from .test_image_browser import set_theme
from .test_map_browser import after_edit, kernel_frame
from .test_priority_browser import contrast

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"

SETUP = """from cjm_widgets import JourneyMap, templates
df = templates.load("service_blueprint")
m = JourneyMap(df, persona="persona", blueprint=True, title="Hotel stay: service blueprint")
m"""

# Each line, and the groups it stands between (the last lane above it, the first below).
LINES = {
    "interaction": ("customer", "frontstage"),
    "visibility": ("frontstage", "backstage"),
    "internal": ("backstage", "support"),
}

# The body's rows in DOM order: each lane's group (or "" for none) or the line's name.
ROWS = """() => Array.from(document.querySelectorAll(".cjm-map table.cjm-grid > tbody > tr"))
  .map((tr) => {
    const box = tr.getBoundingClientRect();
    return { line: tr.dataset.line ?? null, group: tr.dataset.group ?? "",
             lane: tr.dataset.lane ?? null, top: box.top, bottom: box.bottom,
             text: tr.innerText.trim() };
  })"""


def rows(page: Any) -> list[dict[str, Any]]:
    return list(page.evaluate(ROWS))


def check_lines(page: Any) -> None:
    """Each line's row lies between its groups' lanes, in the DOM and on the screen."""
    drawn = rows(page)
    lines = [r for r in drawn if r["line"] is not None]
    assert [r["line"] for r in lines] == list(LINES), drawn
    for at, row in enumerate(drawn):
        if row["line"] is None:
            continue
        above, below = LINES[row["line"]]
        before = next(r for r in reversed(drawn[:at]) if r["line"] is None)
        after = next(r for r in drawn[at + 1 :] if r["line"] is None)
        assert (before["group"], after["group"]) == (above, below), row["line"]
        # No lane of the groups above after it, none of the groups below before it.
        order = ["evidence", "customer", "frontstage", "backstage", "support"]
        edge = order.index(above)
        for other in drawn:
            if other["line"] is not None or other["group"] == "":
                continue
            if order.index(other["group"]) <= edge:
                assert other["bottom"] <= row["top"] + 0.5, (row["line"], other["lane"])
            else:
                assert other["top"] >= row["bottom"] - 0.5, (row["line"], other["lane"])
        assert before["bottom"] <= row["top"] + 0.5
        assert row["bottom"] <= after["top"] + 0.5
        assert row["bottom"] - row["top"] >= 10  # a visible rule, not a hairline
    names = [r["text"] for r in lines]
    assert names == ["Line of interaction", "Line of visibility", "Line of internal interaction"]


def test_a_blueprint_shows_its_three_lines_between_the_right_lanes(page, lab: Lab) -> None:
    name = "blueprint.ipynb"
    check = f"m.data.to_pickle('{name}.pkl')"
    lab.write_notebook(name, [SETUP, check, "m.lang = 'fr'", "m.blueprint = False"])
    open_notebook(page, lab, name)
    run_cell(page, 0)
    page.wait_for_selector(".cjm-map tr.cjm-line", timeout=60_000)
    check_lines(page)
    # Every group is there, each named over its first lane (unless its title says it).
    groups = [r["group"] for r in rows(page) if r["line"] is None and r["group"]]
    assert list(dict.fromkeys(groups)) == [
        "evidence",
        "customer",
        "frontstage",
        "backstage",
        "support",
    ]
    heads = page.locator(".cjm-map .cjm-group-name").all_inner_texts()
    assert [h.lower() for h in heads] == [
        "physical evidence",
        "customer actions",
        "support processes",
    ]

    # Readable in both themes: the lines' names and the group names. A window tall enough for
    # the journey's lanes and the blueprint under them, so the screenshots show every line.
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1400, "height": 1700})
    for theme, shot in (
        ("JupyterLab Dark", "blueprint-dark.png"),
        ("JupyterLab Light", "blueprint.png"),
    ):
        set_theme(page, theme)
        for selector in (".cjm-line-name", ".cjm-group-name"):
            assert contrast(page, selector) >= 4.5, (theme, selector)
        rule = page.evaluate(
            "getComputedStyle(document.querySelector('.cjm-line-visibility .cjm-line-rule'))"
            ".borderTopStyle"
        )
        assert rule == "dashed"
        page.locator(".cjm-map").screenshot(path=str(ARTIFACTS / shot))

    # axe-core finds nothing serious in the blueprint (its line rows among the lanes).
    serious = [v for v in axe(page, ".cjm-map") if v["impact"] in ("serious", "critical")]
    assert serious == [], serious

    # A person moves down from the customer's action to the frontstage lane with the arrow key:
    # the line between them is no stop. What is typed there reaches the kernel's table.
    page.locator('tr[data-lane="action"] td[data-col="5"]').click()
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.closest('tr').dataset.lane")
    assert focused == "frontstage"
    after_edit(page, lambda: (page.keyboard.type("Greets by name"), page.keyboard.press("Enter")))
    frame = kernel_frame(page, lab, name)
    assert frame["frontstage"].iloc[5] == "Greets by name"
    assert frame["frontstage"].iloc[4] == "Signs at the entrance"  # the others as they were
    check_lines(page)
    styles = page.evaluate(
        """() => ["interaction", "visibility", "internal"].map((l) => getComputedStyle(
          document.querySelector(`.cjm-line-${l} .cjm-line-rule`)).borderTopStyle)"""
    )
    assert styles == ["solid", "dashed", "dotted"]  # told apart by shape, not colour alone

    # The printout (the whole map, in blocks of steps) has the three lines in each block.
    page.emulate_media(media="print")
    page.wait_for_selector(".cjm-print tr.cjm-line", state="attached")
    blocks = page.locator(".cjm-print .cjm-print-block").count()
    assert blocks >= 2
    assert page.locator(".cjm-print tr.cjm-line").count() == 3 * blocks
    page.emulate_media(media="screen")

    # From Python: the map in French names its lines in French; off, no line and table order.
    run_cell(page, 2)
    page.wait_for_function(
        "document.querySelector('.cjm-line-visibility')?.innerText.trim() === 'Ligne de visibilité'"
    )
    check_order = [r["text"] for r in rows(page) if r["line"] is not None]
    assert check_order == [
        "Ligne d'interaction",
        "Ligne de visibilité",
        "Ligne d'interaction interne",
    ]
    run_cell(page, 3)
    page.wait_for_function("!document.querySelector('.cjm-map tr.cjm-line')")
    lanes = [r["lane"] for r in rows(page)]
    assert lanes[:2] == ["action", "channel"]  # the table's order again
    assert page.locator(".cjm-map .cjm-group-name").count() == 0


COMPARED = """from cjm_widgets import JourneyMap, templates
df = templates.load("service_blueprint").drop(columns="persona")
future = df[df["step"] != "Reads the confirmation"]
m = JourneyMap.compare(df, future, blueprint=True)
m"""


def test_a_blueprint_compared_with_its_future_keeps_its_lines(page, lab: Lab) -> None:
    # Side by side (a sub-row per state), the lines stand between the groups' sub-rows.
    name = "blueprint_compared.ipynb"
    lab.write_notebook(name, [COMPARED])
    open_notebook(page, lab, name)
    run_cell(page, 0)
    page.wait_for_selector(".cjm-map table.cjm-compare tr.cjm-line", timeout=60_000)
    check_lines(page)
    drawn = [r for r in rows(page) if r["line"] is None]
    assert [r["lane"] for r in drawn if r["group"] == "frontstage"] == ["frontstage"] * 2
