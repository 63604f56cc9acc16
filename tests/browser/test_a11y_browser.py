"""Accessibility in a real JupyterLab: axe-core finds nothing serious in the map and the curve
(light and dark themes, English and French, the table view open, an offline page), and a
person reads the whole map as a table by keyboard and comes back to the grid."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .lab import Lab, open_notebook, run_cell, wait_for_file
from .test_image_browser import set_theme
from .test_map_browser import after_edit

AXE = Path(__file__).resolve().parents[2] / "js" / "node_modules" / "axe-core" / "axe.min.js"

SETUP = """import pandas as pd
from IPython.display import display
from cjm_widgets import EmotionCurve, JourneyMap
LANG = {lang!r}
n = 30
stages = ["Discover", "Choose", "Buy", "Use", "Stay"]
df = pd.DataFrame(
    {{
        "persona": ["Ana"] * n + ["Bo"] * 4,
        "stage": [stages[i // 6] for i in range(n)] + ["Discover", "Choose", "Buy", "Buy"],
        "step": [f"Step {{i + 1}}" for i in range(n)] + ["See ad", "Compare", "Pay", "Wait"],
        "channel": ["web", "app", "store", "phone", "email", "chat"] * 5
        + ["social", "web", "store", "mail"],
        "emotion": [float((i % 7) - 3) for i in range(n)] + [1.0, -2.0, 0.0, None],
        "thoughts": [f"Is it worth it? ({{i + 1}})" for i in range(n)]
        + [None, "Too many", None, "<b>x</b>"],
        "pain": [f"Pain {{i + 1}}" if i % 3 == 0 else None for i in range(n)]
        + [None, "Card refused", None, None],
        "gain": [f"Gain {{i + 1}}" if i % 4 == 1 else None for i in range(n)]
        + ["Friendly", None, None, None],
        "opportunity": [f"Idea {{i + 1}}" if i % 5 == 2 else None for i in range(n)]
        + [None, None, "One click", None],
        "moment_of_truth": [
            "one-off" if i == 4 else "cross-journey" if i == 17 else None for i in range(n)
        ]
        + [None, "one-off", None, None],
        "conversion": [round(1 - i / 40, 3) for i in range(n)] + [0.5, 0.4, 0.3, 0.2],
    }},
    index=pd.Index(range(100, 100 + n + 4), name="row"),
)
ranks = pd.DataFrame(
    [
        ("Ana", "Step 28", 1, "concentrate here"),
        ("Ana", "Step 3", 2, "low priority"),
        ("Ana", "Step 14", 3, "keep up the good work"),
        ("Bo", "Compare", 1, "concentrate here"),
    ],
    columns=["persona", "step", "priority", "quadrant"],
)
m = JourneyMap(df, persona="persona", title="Buying a bike", lang=LANG)
m.add_priorities(ranks)
m.add_priorities(ranks, column="quadrant", value="quadrant")
c = EmotionCurve(df, persona="persona", title="Buying a bike", lang=LANG)
display(m)
c"""

CHECK = """far = m.data.loc[m.data["step"] == "Step 28"].iloc[0]
open("far.txt", "w").write(str(far["pain"]))
ana = m.data[m.data["persona"] == "Ana"]
open("stages.txt", "w").write("\\n".join(dict.fromkeys(ana["stage"])))"""

PAGE = """m.to_html("a11y_page.html")
open("page.done", "w").write("ok")"""


def axe(page: Any, selector: str) -> list[dict[str, Any]]:
    """axe-core's violations inside one element (its own file, injected: no network)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async (sel) => {
        const root = document.querySelector(sel);
        if (!root) throw new Error(`nothing matches ${sel}`);
        // axe checks the contrast of what is on the screen only: the widget is brought there.
        // JupyterLab's body is 0 px tall (its shell is placed absolutely) and clips: axe would
        // take everything in it for hidden, so the body is given the window's height meanwhile.
        root.scrollIntoView({ block: "start" });
        const height = document.body.style.height;
        document.body.style.height = "100vh";
        await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 200)));
        let result;
        try {
          result = await axe.run(root, { resultTypes: ["violations"] });
        } finally {
          document.body.style.height = height;
        }
        return result.violations.map((v) => ({
          id: v.id, impact: v.impact, help: v.help,
          targets: v.nodes.slice(0, 6).map((n) => n.target.join(" ")),
          why: v.nodes.length ? v.nodes[0].failureSummary : "",
        }));
      }""",
        selector,
    )


class Audit:
    """axe run on each state of a page; at the end, no serious or critical violation in any
    (a failure lists each: id, impact, target, help), and how many lesser ones there were."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.serious: list[str] = []
        self.lesser: dict[str, int] = {}

    def check(self, selector: str, where: str) -> None:
        for v in axe(self.page, selector):
            if v["impact"] not in ("serious", "critical"):
                key = f"{v['id']} ({v['impact']})"
                self.lesser[key] = self.lesser.get(key, 0) + 1
                continue
            self.serious.append(
                f"{where}, {selector}: {v['id']} ({v['impact']}): {v['help']}\n"
                f"    at {v['targets']}\n    {v['why']}"
            )

    def can_fail(self, selector: str) -> None:
        """axe sees a nameless button and grey-on-grey text put into the widget (contrast is
        checked only for what axe takes to be on the screen)."""
        self.page.evaluate(
            """(sel) => { const probe = document.createElement("div");
            probe.className = "a11y-probe";
            probe.append(document.createElement("button"));
            const text = document.createElement("span");
            text.textContent = "faint";
            text.style.cssText = "color: #777; background: #888";
            probe.append(text);
            document.querySelector(sel).prepend(probe); }""",
            selector,
        )
        found = {v["id"] for v in axe(self.page, selector)}
        self.page.evaluate("document.querySelector('.a11y-probe').remove()")
        assert {"button-name", "color-contrast"} <= found, found

    def assert_clean(self) -> None:
        assert not self.serious, "axe found:\n" + "\n".join(self.serious)

    @property
    def minor(self) -> str:
        """The lesser violations, by rule and how many runs found each."""
        return ", ".join(f"{k} x{n}" for k, n in sorted(self.lesser.items())) or "none"


def show(page: Any, lab: Lab, name: str, lang: str, extra: list[str] | None = None) -> None:
    lab.write_notebook(name, [SETUP.format(lang=lang), CHECK, *(extra or [])])
    open_notebook(page, lab, name)
    run_cell(page, 0)
    try:
        page.wait_for_selector(".cjm-map table", timeout=60_000)
        page.wait_for_selector(".cjm-emotion-curve circle.cjm-point", timeout=60_000)
    except Exception as exc:
        shown = page.locator(".jp-Notebook .jp-Cell").first.inner_text()
        raise AssertionError(f"the widgets did not render; the cell shows:\n{shown}") from exc


@pytest.mark.parametrize(
    ("theme", "lang"),
    [
        ("JupyterLab Light", "en"),
        ("JupyterLab Dark", "en"),
        ("JupyterLab Light", "fr"),
        ("JupyterLab Dark", "fr"),
    ],
)
def test_axe_finds_nothing_serious_in_the_map_and_the_curve(page, lab, report, theme, lang):
    name = f"a11y-{theme.split()[-1].lower()}-{lang}.ipynb"
    show(page, lab, name, lang)
    set_theme(page, theme)
    where = f"{theme}, lang={lang}"
    audit = Audit(page)
    audit.can_fail(".cjm-map")
    audit.check(".cjm-map", where)
    audit.check(".cjm-emotion-curve", where)

    # The curve as a table.
    page.locator(".cjm-emotion-curve circle.cjm-point").first.click()
    page.keyboard.press("Alt+T")
    page.wait_for_selector(".cjm-emotion-curve .cjm-table-view table")
    audit.check(".cjm-emotion-curve", f"{where}, curve's table view")
    page.keyboard.press("Alt+T")

    # The map as a table, and with the priorities panel open.
    page.locator(".cjm-map th.cjm-step").first.click()
    page.keyboard.press("Alt+T")
    page.wait_for_selector(".cjm-map .cjm-table-view table")
    audit.check(".cjm-map", f"{where}, table view")
    page.keyboard.press("Alt+T")
    page.locator(".cjm-map [data-action='priorities']").click()
    page.wait_for_selector(".cjm-map .cjm-priorities:not([hidden])")
    audit.check(".cjm-map", f"{where}, priorities panel")

    # The other persona's map.
    page.locator(".cjm-map .cjm-persona-select").select_option("Bo")
    page.wait_for_function(
        "[...document.querySelectorAll('.cjm-map th.cjm-step')].some((th) => "
        "th.textContent.includes('Compare'))"
    )
    audit.check(".cjm-map", f"{where}, persona Bo")
    set_theme(page, "JupyterLab Light")
    audit.assert_clean()
    report(f"axe, {where}: 0 serious or critical violations; lesser: {audit.minor}")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_serious_in_an_offline_page(browser, lab, report, scheme):
    # The page's own policy allows its one script only: the test's axe is let in past it.
    context = browser.new_context(
        viewport={"width": 1400, "height": 900}, bypass_csp=True, color_scheme=scheme
    )
    try:
        page = context.new_page()
        show(page, lab, f"a11y-page-{scheme}.ipynb", "fr", [PAGE])
        run_cell(page, 2)
        wait_for_file(lab.root / "page.done")
        offline = context.new_page()
        requests: list[str] = []
        offline.on("request", lambda r: requests.append(r.url))
        offline.goto((lab.root / "a11y_page.html").as_uri())
        offline.wait_for_selector(".cjm-map table")
        assert all(url.startswith("file://") for url in requests), requests
        audit = Audit(offline)
        audit.can_fail(".cjm-map")
        audit.check(".cjm-map", f"offline page ({scheme})")
        offline.locator(".cjm-map th.cjm-step").first.click()
        offline.keyboard.press("Alt+T")
        offline.wait_for_selector(".cjm-map .cjm-table-view table")
        audit.check(".cjm-map", f"offline page ({scheme}), table view")
        audit.check("body", f"offline page ({scheme}), whole page")
        audit.assert_clean()
        report(f"axe, offline page ({scheme}): 0 serious or critical; lesser: {audit.minor}")
    finally:
        context.close()


def active(page: Any) -> dict[str, Any]:
    return page.evaluate(
        """() => { const a = document.activeElement;
        return { cls: a.className, col: a.dataset.col ?? null, row: a.dataset.row ?? null,
                 inGrid: !!a.closest('.cjm-scroll'), inTable: !!a.closest('.cjm-table-view') }; }"""
    )


def test_a_person_reads_a_far_step_in_the_table_view_and_comes_back_to_the_grid(page, lab):
    name = "a11y-person.ipynb"
    show(page, lab, name, "en")
    ui = page.locator(".cjm-map")
    # The grid draws a window of steps: the far one is not in the page.
    assert ui.locator("th.cjm-step", has_text="Step 28").count() == 0

    # What the kernel holds at the far step, read before the keyboard takes over.
    run_cell(page, 1)
    wait_for_file(lab.root / "far.txt")

    # Every control says its shortcut in its title.
    for action, keys in (("stage", "Alt+S"), ("table", "Alt+T"), ("priorities", "Alt+R")):
        button = ui.locator(f".cjm-toolbar [data-action='{action}']")
        assert button.get_attribute("aria-keyshortcuts") == keys
        assert keys in button.get_attribute("title"), action
    image = ui.locator(".cjm-image-button")
    assert image.get_attribute("aria-keyshortcuts") == "Alt+I"
    assert "Alt+I" in image.get_attribute("title")

    # Keyboard only: onto the third step's pain cell, then Alt+T.
    ui.locator("th.cjm-step", has_text="Step 3").click()
    for _ in range(4):
        page.keyboard.press("ArrowDown")
    before = active(page)
    assert before["inGrid"]
    assert before["col"] == "2"
    page.keyboard.press("Alt+T")
    table = ui.locator(".cjm-table-view table")
    table.wait_for()
    assert active(page)["inTable"]
    assert ui.locator(".cjm-scroll").is_hidden()
    toggle = ui.locator(".cjm-toolbar [data-action='table']")
    assert toggle.get_attribute("aria-pressed") == "true"
    assert table.locator("caption").inner_text() == "Buying a bike \u2014 Persona: Ana"
    # Headers a screen reader announces: stages span their steps, steps and lanes scoped.
    assert table.locator("th[scope='colgroup']").count() == 5
    assert table.locator("th[scope='col']").count() == 30
    lanes = ui.locator(".cjm-scroll tr.cjm-lane").count()
    assert lanes == 10
    assert table.locator("tbody th[scope='row']").count() == lanes
    assert table.locator("tbody td").count() == lanes * 30

    # The pain of step 28, read where its column and the pain row meet.
    read = page.evaluate(
        """() => {
        const t = document.querySelector('.cjm-table-view table');
        const steps = [...t.tHead.rows[1].cells].map((c) => c.textContent);
        const col = steps.indexOf('Step 28');
        const row = [...t.tBodies[0].rows].find((r) => /pain/i.test(r.cells[0].textContent));
        return { col, text: row.cells[col].textContent, head: row.cells[0].scope };
      }"""
    )
    assert read["col"] == 28
    assert read["head"] == "row"
    assert read["text"] == (lab.root / "far.txt").read_text() == "Pain 28"

    # Alt+T again: the grid is back, the focus on the cell it was on.
    page.keyboard.press("Alt+T")
    ui.locator(".cjm-scroll").wait_for()
    after = active(page)
    assert after["inGrid"]
    assert (after["row"], after["col"]) == (before["row"], before["col"])
    assert toggle.get_attribute("aria-pressed") == "false"
    assert ui.locator(".cjm-table-view").is_hidden()

    # Alt+R opens the priorities on their first item; Escape closes them back onto the grid.
    page.keyboard.press("Alt+R")
    assert page.evaluate("document.activeElement.classList.contains('cjm-priority-item')")
    page.keyboard.press("Escape")
    assert active(page)["inGrid"]

    # Alt+S adds a stage after the focused step's, and the focus stays in the grid.
    after_edit(page, lambda: page.keyboard.press("Alt+S"))
    assert active(page)["inGrid"]
    (lab.root / "stages.txt").unlink()
    run_cell(page, 1)
    wait_for_file(lab.root / "stages.txt")
    stages = (lab.root / "stages.txt").read_text().split("\n")
    assert stages[:2] == ["Discover", "New stage"], stages
    assert len(stages) == 6, stages

    # The curve's table: Alt+T on a point, every persona's value at every step, Alt+T back
    # to the point it was on.
    curve = page.locator(".cjm-emotion-curve")
    curve.locator("circle.cjm-point").nth(2).click()
    point = page.evaluate("document.activeElement.dataset.id")
    page.keyboard.press("Alt+T")
    ctable = curve.locator(".cjm-table-view table")
    ctable.wait_for()
    assert curve.locator(".cjm-chart").is_hidden()
    assert page.evaluate("!!document.activeElement.closest('.cjm-emotion-curve .cjm-table-view')")
    assert ctable.locator("th[scope='col']").count() == 30 + 4  # Bo's own four steps join the axis
    assert ctable.locator("tbody th[scope='row']").all_inner_texts() == ["Ana", "Bo"]
    page.keyboard.press("Alt+T")
    curve.locator(".cjm-chart").wait_for()
    assert page.evaluate("document.activeElement.dataset.id") == point

    # Alt+Page Down and Alt+Page Up go round the personas; the keyboard stays in the grid.
    ui.locator("th.cjm-step", has_text="Step 3").click()
    select = ui.locator(".cjm-persona-select")
    assert select.get_attribute("aria-keyshortcuts") == "Alt+PageDown Alt+PageUp"
    page.keyboard.press("Alt+PageDown")
    ui.locator("th.cjm-step", has_text="Compare").wait_for()
    assert select.input_value() == "Bo"
    assert active(page)["inGrid"]
    page.keyboard.press("Alt+PageUp")
    ui.locator("th.cjm-step", has_text="Step 3").wait_for()
    assert select.input_value() == "Ana"
    assert active(page)["inGrid"]
    assert page.js_errors == []
