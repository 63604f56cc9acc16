"""The map in every host the README names: JupyterLab, Jupyter Notebook 7, Voila and marimo.
In each, the map renders, a person types a number into a cell, the kernel's DataFrame has it,
no request leaves the machine (but Voila's own page links) and stopping the server leaves no
process behind."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pandas as pd
import pandas.testing as pdt
from jupyter_core.paths import jupyter_path
from playwright.sync_api import expect

from .lab import Lab, notebook_text, run_cell, running_lab, wait_for_file, wait_for_idle_kernel
from .test_map_browser import lane_cell

OUT = "edited.pkl"

# The journey, and a hook writing the kernel's table to a file after each edit (whole, then
# renamed, so that the test never reads half a file).
JOURNEY = f"""import os
import pandas as pd
from cjm_widgets import JourneyMap
df = pd.DataFrame(
    {{
        "stage": ["Discover", "Buy"],
        "step": ["See ad", "Pay"],
        "visits": [120, 80],
        "pain": [None, "Slow page"],
    }}
)
m = JourneyMap(df)


def keep(edit):
    m.data.to_pickle("{OUT}.part")
    os.replace("{OUT}.part", "{OUT}")


m.on_edit(keep)
"""

MARIMO_APP = (
    "import marimo\n\napp = marimo.App()\n\n\n@app.cell\ndef _():\n    import marimo as mo\n"
    + "".join(f"    {line}\n" if line else "\n" for line in JOURNEY.splitlines())
    + "    view = mo.ui.anywidget(m)\n    view\n    return\n\n\n"
    'if __name__ == "__main__":\n    app.run()\n'
)

# Errors of a host's own code, not the widget's: (part of the message, part of the stack).
HOST_ERRORS = [
    # Notebook 7's shortcuts plugin, on loading its settings, before any kernel runs.
    ("reading 'schema'", "/static/notebook/notebook_core."),
]


def voila_template_links() -> str:
    """Voila's default page template, whose stylesheet links point off the machine."""
    for folder in jupyter_path("voila", "templates", "lab"):
        template = Path(folder, "index.html.j2")
        if template.exists():
            return unquote(template.read_text())
    raise FileNotFoundError("Voila's lab template is not installed")


@contextmanager
def offline_page(browser: Any) -> Iterator[Any]:
    """A page whose requests to anywhere but 127.0.0.1 are aborted and listed in
    ``page.outside``; its script errors are listed in ``page.js_errors``."""
    # Service workers would take requests out of the route's sight.
    context = browser.new_context(viewport={"width": 1400, "height": 900}, service_workers="block")
    outside: list[str] = []

    def route(route: Any) -> None:
        url = route.request.url
        if urlsplit(url).hostname == "127.0.0.1":
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.outside = outside
    page.js_errors = []
    page.on("pageerror", lambda exc: page.js_errors.append((str(exc), exc.stack or "")))
    page.on(
        "websocket",
        lambda ws: None if urlsplit(ws.url).hostname == "127.0.0.1" else outside.append(ws.url),
    )
    try:
        yield page
    finally:
        context.close()


def edit_a_number(page: Any, server: Lab) -> None:
    """Check the map drawn; type 99 into See ad's visits, Enter; the kernel has exactly that."""
    try:
        page.wait_for_selector(".cjm-map table", timeout=60_000)
    except Exception as exc:
        raise AssertionError(
            f"the map did not render in {server.app}; the page shows:\n"
            + page.locator("body").inner_text()[:2000]
        ) from exc
    assert page.locator(".cjm-map th.cjm-step").all_inner_texts() == ["See ad", "Pay"]
    assert page.locator(".cjm-map tr[data-lane]").count() == 2
    cell = lane_cell(page, "visits", "See ad")
    assert "120" in cell.inner_text()

    out = server.root / OUT
    out.unlink(missing_ok=True)
    settled(page)
    cell.dblclick()
    # The editor is open in the map the page shows (not in one the host has just replaced).
    expect(cell.locator("input")).to_have_count(1, timeout=10_000)
    page.keyboard.type("99")
    page.keyboard.press("Enter")
    try:
        wait_for_file(out, timeout=60, page=page)
    except TimeoutError as exc:
        raise AssertionError(
            f"the edit did not reach Python in {server.app}; the cell shows "
            f"{cell.inner_text()!r}, the page's errors: {page.js_errors}"
        ) from exc
    expected = pd.DataFrame(
        {
            "stage": ["Discover", "Buy"],
            "step": ["See ad", "Pay"],
            "visits": [99, 80],
            "pain": [None, "Slow page"],
        }
    )
    pdt.assert_frame_equal(pd.read_pickle(out), expected)
    # The view shows the value Python sent back, its editor closed.
    expect(cell.locator("input")).to_have_count(0)
    expect(cell).to_contain_text("99")


def settled(page: Any, quiet_s: float = 1.0, timeout_s: float = 60.0) -> None:
    """Wait until the map's table has stayed the same element for ``quiet_s``: a host may draw
    an output, then draw it again once its cell has finished running (a person would not type
    into the first one either)."""
    deadline = time.monotonic() + timeout_s
    table = page.locator(".cjm-map table").first.element_handle()
    since = time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.1)
        current = page.locator(".cjm-map table").first.element_handle()
        if not table.evaluate("(t, now) => t === now && t.isConnected", current):
            table, since = current, time.monotonic()
        elif time.monotonic() - since >= quiet_s:
            return
    raise AssertionError("the host kept redrawing the map")


def widget_errors(page: Any) -> list[tuple[str, str]]:
    return [
        (message, stack)
        for message, stack in page.js_errors
        if not any(m in message and s in stack for m, s in HOST_ERRORS)
    ]


def stopped_cleanly(server: Lab) -> None:
    """The server stopped on SIGTERM alone (no SIGKILL), its kernels with it."""
    assert server.process.poll() is not None
    assert not server.killed, f"{server.app} needed SIGKILL: SIGTERM left it running"
    assert server.left_behind == []


def show_in_a_notebook(page: Any, server: Lab) -> None:
    server.write_notebook("hosts.ipynb", [JOURNEY + "m"])
    page.goto(server.notebook_url("hosts.ipynb"))
    wait_for_idle_kernel(page)
    run_cell(page, 0)


def test_jupyterlab_shows_the_map_and_an_edit_reaches_the_kernel(browser, lab):
    # The JupyterLab the browser tests share; a clean stop is checked with Notebook 7, started
    # by the same code.
    with offline_page(browser) as page:
        show_in_a_notebook(page, lab)
        edit_a_number(page, lab)
        assert page.outside == []
        assert widget_errors(page) == []


def test_notebook_7_shows_the_map_and_an_edit_reaches_the_kernel(browser):
    with running_lab(app="notebook") as server, offline_page(browser) as page:
        show_in_a_notebook(page, server)
        edit_a_number(page, server)
        assert page.outside == []
        assert widget_errors(page) == []
    stopped_cleanly(server)


def test_voila_shows_the_map_and_an_edit_reaches_the_kernel(browser):
    notebook = ("hosts.ipynb", notebook_text([JOURNEY + "m"]))
    with running_lab(app="voila", serve=notebook) as server, offline_page(browser) as page:
        page.goto(server.notebook_url("hosts.ipynb"))
        edit_a_number(page, server)
        # Voila's own page template links Font Awesome from a CDN; nothing else goes out.
        template = voila_template_links()
        assert [url for url in page.outside if unquote(url) not in template] == []
        assert widget_errors(page) == []
    stopped_cleanly(server)


def test_marimo_shows_the_map_and_an_edit_reaches_python(browser):
    with (
        running_lab(app="marimo", serve=("hosts.py", MARIMO_APP)) as server,
        offline_page(browser) as page,
    ):
        page.goto(server.notebook_url("hosts.py"))
        edit_a_number(page, server)
        assert page.outside == []
        assert widget_errors(page) == []
    stopped_cleanly(server)
