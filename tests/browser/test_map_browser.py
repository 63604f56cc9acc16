"""JourneyMap in a real JupyterLab: a person edits the map, the kernel's DataFrame follows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pandas.testing as pdt
import pytest

from .lab import Lab, open_notebook, run_cell, wait_for_file

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"

PERSONA_FRAME = """import pandas as pd
from cjm_widgets import JourneyMap
df = pd.DataFrame(
    {
        "persona": ["Ana"] * 5 + ["Bo"] * 3,
        "stage": ["Discover", "Discover", "Choose", "Buy", "Buy", "Discover", "Choose", "Buy"],
        "step": ["See ad", "Visit site", "Compare", "Checkout", "Pay", "See ad", "Compare", "Pay"],
        "channel": ["social", "web", "web", "web", "web", "store", "store", "store"],
        "emotion": [0.0, 1.0, -1.0, 0.0, 2.0, 0.0, 0.0, 1.0],
        "pain": [None, "Slow page", None, None, None, None, None, None],
        "gain": [None] * 8,
        "moment_of_truth": [None] * 8,
    },
    index=pd.Index(range(101, 109), name="row"),
)
df["gain"] = df["gain"].astype("str")
df["moment_of_truth"] = df["moment_of_truth"].astype("str")
"""


def frame_in_kernel() -> pd.DataFrame:
    namespace: dict[str, Any] = {}
    exec(PERSONA_FRAME, namespace)
    return namespace["df"]


def revision(page: Any, widget: str = ".cjm-map") -> int:
    return int(page.locator(widget).get_attribute("data-revision"))


def after_edit(page: Any, action: Any, widget: str = ".cjm-map") -> None:
    """Do something to a widget and wait until Python has sent the edited state back."""
    before = revision(page, widget)
    action()
    page.wait_for_function(
        f"Number(document.querySelector('{widget}').dataset.revision) > {before}", timeout=20_000
    )


def focused_cell(page: Any) -> list[str]:
    """The grid row and column of the focused cell."""
    return page.evaluate("[document.activeElement.dataset.row, document.activeElement.dataset.col]")


def step_header(page: Any, name: str) -> Any:
    return page.locator("th.cjm-step").filter(has_text=name)


def lane_cell(page: Any, lane: str, step: str) -> Any:
    col = step_header(page, step).get_attribute("data-col")
    return page.locator(f'tr[data-lane="{lane}"] td[data-col="{col}"]')


def show_map(page: Any, lab: Lab, name: str, setup: str) -> None:
    check = f"m.data.to_pickle('{name}.pkl')\nopen('{name}.sel', 'w').write(repr(list(m.selected)))"
    lab.write_notebook(name, [setup, check])
    open_notebook(page, lab, name)
    run_cell(page, 0)
    try:
        page.wait_for_selector(".cjm-map table", timeout=60_000)
    except Exception as exc:
        shown = page.locator(".jp-Notebook .jp-Cell").first.inner_text()
        raise AssertionError(f"the map did not render; the cell shows:\n{shown}") from exc


def kernel_frame(page: Any, lab: Lab, name: str) -> pd.DataFrame:
    run_cell(page, 1)
    out = lab.root / f"{name}.pkl"
    wait_for_file(out)
    return pd.read_pickle(out)


def test_a_person_edits_the_map_and_the_kernel_has_exactly_those_changes(page, lab):
    show_map(page, lab, "edits.ipynb", PERSONA_FRAME + 'm = JourneyMap(df, persona="persona")\nm')
    ui = page.locator(".cjm-map")

    # Keyboard only: from a step header, arrow down to its pain cell, type, Enter.
    step_header(page, "See ad").click()
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    after_edit(page, lambda: (page.keyboard.type("Ad is too pushy"), page.keyboard.press("Enter")))

    # Double-click a cell; Shift+Enter makes a second item.
    def two_gains() -> None:
        lane_cell(page, "gain", "Compare").dblclick()
        page.keyboard.type("Clear prices")
        page.keyboard.press("Shift+Enter")
        page.keyboard.type("Free returns")
        page.keyboard.press("Enter")

    after_edit(page, two_gains)
    assert lane_cell(page, "gain", "Compare").locator(".cjm-card").count() == 2

    # Insert a step after "Visit site", then name it.
    step_header(page, "Visit site").click()
    after_edit(page, lambda: ui.get_by_role("button", name="Insert step").click())

    def rename() -> None:
        step_header(page, "New step").dblclick()
        page.keyboard.type("Read reviews")
        page.keyboard.press("Enter")

    after_edit(page, rename)

    # Delete "Checkout".
    step_header(page, "Checkout").click()
    after_edit(page, lambda: ui.get_by_role("button", name="Delete step").click())

    # "Read reviews" is last in Discover: moving it right takes it into Choose.
    step_header(page, "Read reviews").click()
    after_edit(page, lambda: ui.get_by_role("button", name="Move ▶").click())
    choose = page.locator("th.cjm-stage", has_text="Choose")
    assert choose.get_attribute("colspan") == "2"

    # Drag Pay's emotion point (at +2) up to the top of the scale, +3.
    box = lane_cell(page, "emotion", "Pay").bounding_box()
    x = box["x"] + box["width"] / 2
    point = lane_cell(page, "emotion", "Pay").locator(".cjm-dot").bounding_box()

    def drag() -> None:
        page.mouse.move(x, point["y"] + point["height"] / 2)
        page.mouse.down()
        page.mouse.move(x, box["y"] + 10, steps=5)
        page.mouse.move(x, box["y"] + 2, steps=3)
        page.mouse.up()

    after_edit(page, drag)

    # Flag "Compare" as a one-off moment of truth.
    def flag() -> None:
        lane_cell(page, "moment_of_truth", "Compare").dblclick()
        ui.locator("select.cjm-editor").select_option("one-off")

    after_edit(page, flag)
    assert step_header(page, "Compare").locator(".cjm-moment-mark").count() == 1

    # Switch to Bo and edit Bo's row.
    ui.get_by_label("Persona").select_option("Bo")
    page.wait_for_selector('table[aria-label="Journey map: Bo"]')
    assert page.locator("th.cjm-step").count() == 3

    def bo_pain() -> None:
        lane_cell(page, "pain", "Compare").dblclick()
        page.keyboard.type("No stock info")
        page.keyboard.press("Enter")

    after_edit(page, bo_pain)

    # One more edit, then undo it with Ctrl+Z.
    def oops() -> None:
        lane_cell(page, "gain", "Pay").dblclick()
        page.keyboard.type("oops")
        page.keyboard.press("Enter")

    after_edit(page, oops)
    after_edit(page, lambda: page.keyboard.press("Control+z"))
    assert "oops" not in lane_cell(page, "gain", "Pay").inner_text()

    got = kernel_frame(page, lab, "edits.ipynb")

    expected = frame_in_kernel()
    expected.loc[101, "pain"] = "Ad is too pushy"
    expected.loc[103, "gain"] = "Clear prices\nFree returns"
    new_row = pd.DataFrame(
        {
            "persona": ["Ana"],
            "stage": ["Choose"],
            "step": ["Read reviews"],
            "channel": [None],
            "emotion": [float("nan")],
            "pain": [None],
            "gain": [None],
            "moment_of_truth": [None],
        },
        index=pd.Index([109], name="row"),
    ).astype(expected.dtypes)
    expected = pd.concat([expected.loc[[101, 102]], new_row, expected.loc[103:]])
    expected = expected.drop(index=104)
    expected.loc[105, "emotion"] = 3.0
    expected.loc[103, "moment_of_truth"] = "one-off"
    expected.loc[107, "pain"] = "No stock info"
    pdt.assert_frame_equal(got, expected)
    assert page.js_errors == []


PAYLOADS = [
    '<img src=x onerror="window.__pwned=(window.__pwned||0)+1">',
    "<script>window.__pwned=(window.__pwned||0)+1</script>",
    '<svg onload="window.__pwned=(window.__pwned||0)+1"></svg>',
    '"><iframe src="javascript:window.__pwned=1"></iframe>',
]

XSS_FRAME = """import pandas as pd
from cjm_widgets import JourneyMap, Lane
P = {payloads!r}
df = pd.DataFrame({{
    "persona": [P[0], P[0], P[1], P[1]],
    "stage": [P[1], P[2], P[1], P[2]],
    "step": [P[0], P[3], P[0], P[3]],
    "channel": [P[2], "web\\n" + P[0], P[1], P[3]],
    "emotion": [1, -1, 0, 2],
    "pain": [P[0] + "\\n" + P[1], P[2], P[3], P[0]],
    P[0]: [P[1], P[2], P[3], P[0]],
    "mot": ["one-off", "cross-journey", None, "one-off"],  # Python refuses other kinds
    "visits": [1, 2, 3, 4],
}})
lanes = ["channel", "emotion", "pain", P[0], Lane("mot", kind="moment"), "visits"]
m = JourneyMap(df, persona="persona", lanes=lanes)
m"""


def test_text_from_the_dataframe_never_runs_as_markup(page, lab):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    show_map(page, lab, "xss.ipynb", XSS_FRAME.format(payloads=PAYLOADS))
    ui = page.locator(".cjm-map")

    def assert_inert() -> None:
        assert page.evaluate("window.__pwned") is None
        for tag in ("img", "script", "iframe", "foreignObject"):
            assert ui.locator(tag).count() == 0, tag
        assert ui.locator("svg[onload]").count() == 0

    assert_inert()
    text = ui.inner_text()
    for payload in (PAYLOADS[0], PAYLOADS[2], PAYLOADS[3]):
        assert payload in text  # shown literally, as the text it is
    # Payloads typed in by a person, and the other persona, stay inert too.
    cell = page.locator('tr[data-lane="pain"] td[data-col="0"]')
    cell.dblclick()
    after_edit(page, lambda: (page.keyboard.type(PAYLOADS[1]), page.keyboard.press("Enter")))
    ui.get_by_label("Persona").select_option(PAYLOADS[1])
    page.wait_for_selector("th.cjm-step")
    stage = page.locator("th.cjm-stage").first
    stage.dblclick()
    after_edit(page, lambda: (page.keyboard.type(PAYLOADS[2] + "!"), page.keyboard.press("Enter")))
    assert_inert()
    assert PAYLOADS[1] in ui.inner_text()
    assert dialogs == []
    got = kernel_frame(page, lab, "xss.ipynb")
    assert got.loc[0, "pain"] == PAYLOADS[1]
    assert set(got.loc[got["persona"] == PAYLOADS[1], "stage"]) >= {PAYLOADS[2] + "!"}


TOUR_FRAME = """import pandas as pd
from cjm_widgets import JourneyMap
from cjm_widgets.templates import retail_journey
m = JourneyMap(retail_journey(), persona="persona")
m"""


def _contrast(page: Any, selector: str, prop: str = "color") -> float:
    """Contrast of an element's text (``color``, or ``fill`` for SVG) with its background."""
    return page.evaluate(
        """([sel, prop]) => {
        const el = document.querySelector(sel);
        const lum = (c) => {
          const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map(Number).map((v) => {
            v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
          return 0.2126 * r + 0.7152 * g + 0.0722 * b;
        };
        let node = el, bg = 'rgba(0, 0, 0, 0)';
        while (node && (bg === 'rgba(0, 0, 0, 0)' || bg === 'transparent')) {
          bg = getComputedStyle(node).backgroundColor; node = node.parentElement;
        }
        const a = lum(getComputedStyle(el)[prop]), b = lum(bg);
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      }""",
        [selector, prop],
    )


@pytest.mark.parametrize("theme", ["JupyterLab Light", "JupyterLab Dark"])
def test_map_is_readable_in_light_and_dark_themes(page, lab, theme):
    name = f"theme-{theme.split()[-1].lower()}.ipynb"
    show_map(page, lab, name, TOUR_FRAME)
    page.evaluate(
        f"window.jupyterapp.commands.execute('apputils:change-theme', {{theme: '{theme}'}})"
    )
    page.wait_for_function(f"document.body.dataset.jpThemeName === '{theme}'", timeout=20_000)
    page.wait_for_timeout(500)
    for selector in (".cjm-step-name", ".cjm-card", ".cjm-lane-head", ".cjm-stage-name"):
        assert _contrast(page, selector) >= 4.5, selector
    dark = page.evaluate("getComputedStyle(document.querySelector('.cjm-map')).backgroundColor")
    channels = [int(v) for v in dark[dark.index("(") + 1 : dark.index(")")].split(",")[:3]]
    assert (sum(channels) < 200) == (theme == "JupyterLab Dark")
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator(".cjm-map").screenshot(
        path=str(ARTIFACTS / f"journey_map_{theme.split()[-1].lower()}.png")
    )


BIG_FRAME = """import pandas as pd
from cjm_widgets import JourneyMap
n = 240
df = pd.DataFrame({
    "stage": [f"Stage {i // 12 + 1}" for i in range(n)],
    "step": [f"Step {i + 1}" for i in range(n)],
    "pain": [f"pain {i + 1}" for i in range(n)],
    "emotion": [float(i % 7 - 3) for i in range(n)],
})
m = JourneyMap(df)
m"""


def test_a_long_map_draws_what_is_in_view_and_keys_reach_the_end(page, lab):
    show_map(page, lab, "big.ipynb", BIG_FRAME)
    drawn = page.locator("th.cjm-step").count()
    assert 0 < drawn < 60  # only the steps in view (and a margin) are in the DOM
    # Keyboard: into the pain lane, End jumps to the last step, type over it.
    page.locator('th.cjm-step[data-col="0"]').click()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("End")
    assert focused_cell(page) == ["1", "239"]
    assert page.locator('th.cjm-step[data-col="239"]').is_visible()
    after_edit(page, lambda: (page.keyboard.type("last pain"), page.keyboard.press("Enter")))
    # Scrolling back with the mouse wheel draws the first steps again.
    page.locator(".cjm-scroll").hover()
    page.mouse.wheel(-100_000, 0)
    page.wait_for_selector('th.cjm-step[data-col="0"]', timeout=10_000)

    # Escape cancels an edit; Tab commits it and moves to the next step.
    pain = page.locator('tr[data-lane="pain"] td[data-col="0"]')
    pain.dblclick()
    page.keyboard.type("never mind")
    page.keyboard.press("Escape")
    assert pain.inner_text() == "pain 1"
    pain.dblclick()
    after_edit(page, lambda: (page.keyboard.type("first pain"), page.keyboard.press("Tab")))
    assert focused_cell(page) == ["1", "1"]

    # A value off the emotion scale is refused: the map says why and nothing changes.
    emotion = page.locator('tr[data-lane="emotion"] td[data-col="2"]')
    emotion.click()
    page.keyboard.press("Enter")
    page.keyboard.type("9")
    page.keyboard.press("Enter")
    alert = page.get_by_role("alert")
    alert.filter(has_text="off the scale").wait_for(timeout=10_000)
    assert "9" in alert.inner_text()

    # Click one step, Shift+click another: the steps between are selected in the kernel.
    page.locator('th.cjm-step[data-col="3"]').click()
    page.locator('th.cjm-step[data-col="5"]').click(modifiers=["Shift"])
    assert page.locator("th.cjm-step.is-selected").count() == 3

    got = kernel_frame(page, lab, "big.ipynb")
    assert got.loc[239, "pain"] == "last pain"
    assert got.loc[0, "pain"] == "first pain"
    assert (got["pain"].iloc[1:239] == [f"pain {i + 1}" for i in range(1, 239)]).all()
    assert got.loc[2, "emotion"] == -1.0
    assert (lab.root / "big.ipynb.sel").read_text() == "[3, 4, 5]"
