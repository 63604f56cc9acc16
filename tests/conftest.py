from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from typing import Any

import pandas as pd
import pytest
from hypothesis import settings

from cjm_widgets import JourneyMap

# The README's test command (scripts/dev.sh test, run by CI) passes --hypothesis-profile ci:
# the property tests draw the same examples on every run there, so a failure can be replayed;
# a plain pytest run draws new ones each time and keeps exploring.
settings.register_profile("ci", derandomize=True)


def steps_frame() -> pd.DataFrame:
    """A small journey with every lane kind and a non-default index."""
    return pd.DataFrame(
        {
            "stage": ["Awareness", "Awareness", "Consideration", "Purchase", "Purchase"],
            "step": ["See ad", "Visit site", "Compare offers", "Checkout", "Pay"],
            "channel": ["social", "web", "web\napp", "web", "web"],
            "emotion": [1.0, 2.0, -1.0, 0.0, float("nan")],
            "pain": [None, "Slow page", "Too many options\nHidden fees", None, "Card refused"],
            "visits": [1000, 800, 500, 300, 250],
            "moment_of_truth": [None, None, "one-off", None, "cross-journey"],
        },
        index=pd.Index([10, 20, 30, 40, 50], name="row"),
    )


def cells(wire: dict[str, Any], key: str) -> list[Any]:
    """A lane's values in the map's wire state (``cells`` is parallel to ``lanes``)."""
    keys = [lane["key"] for lane in wire["lanes"]]
    return wire["cells"][keys.index(key)]


class FakeView:
    """Plays the front end: sends ops as the browser would, keeps Python's replies."""

    def __init__(self, widget: Any) -> None:
        self.widget = widget
        self.replies: list[dict[str, Any]] = []
        self.requests = 0
        widget.send = self._receive  # type: ignore[method-assign,assignment]

    def _receive(self, msg: dict[str, Any], buffers: Any = None) -> None:
        # A one-cell edit's cells carry the answer to it (one message): kept as two here.
        if msg.get("type") == "journey_cells" and "result" in msg:
            self.replies.append({k: v for k, v in msg.items() if k != "result"})
            self.replies.append(msg["result"])
        else:
            self.replies.append(msg)

    def ids(self) -> list[int]:
        wire = self.widget._curve if hasattr(self.widget, "_curve") else self.widget._journey
        return list(wire["ids"])

    def id_of(self, label: Any) -> int:
        position = list(self.widget.data.index).index(label)
        return self.ids()[position]

    def edit(self, **op: Any) -> dict[str, Any]:
        self.requests += 1
        self.widget._handle_custom_msg({"type": "edit", "request": self.requests, "op": op}, [])
        reply = self.replies[-1]
        assert reply["request"] == self.requests
        return reply

    def history(self, kind: str) -> dict[str, Any]:
        self.requests += 1
        self.widget._handle_custom_msg({"type": kind, "request": self.requests}, [])
        return self.replies[-1]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the session (Playwright's sync API allows one per thread)."""
    from playwright.sync_api import sync_playwright

    from .browser.lab import launch_chromium

    with sync_playwright() as p:
        chromium = launch_chromium(p)
        yield chromium
        chromium.close()


@pytest.fixture
def frame() -> pd.DataFrame:
    return steps_frame()


@pytest.fixture
def view(frame: pd.DataFrame) -> FakeView:
    return FakeView(JourneyMap(frame))


# Figures a test measures and the run should show (a simulation's coverage, say): a test
# adds lines with the ``report`` fixture; they are printed at the end of the run. They travel
# on the test's own report: the test command runs tests in pytest-xdist workers, and only
# reports reach the process that prints the summary.
_REPORTED: list[str] = []


@pytest.fixture
def report(request: pytest.FixtureRequest) -> Any:
    def add(line: str) -> None:
        request.node.user_properties.append(("figure", line))

    return add


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    # The teardown report carries every property the test added.
    if report.when == "teardown":
        _REPORTED.extend(str(value) for name, value in report.user_properties if name == "figure")


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _REPORTED:
        terminalreporter.section("figures measured by the tests")
        for line in _REPORTED:
            terminalreporter.write_line(line)


def run_as_kernel(coroutine: Any) -> None:
    """Run a coroutine on a loop of its own, as a kernel's loop runs message handlers, in a
    thread: the test process may already run a loop (Playwright's sync API does)."""
    failures: list[BaseException] = []

    def main() -> None:
        try:
            asyncio.run(coroutine)
        except BaseException as exc:  # handed back to the test
            failures.append(exc)

    thread = threading.Thread(target=main)
    thread.start()
    thread.join()
    if failures:
        raise failures[0]


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> tuple[JourneyMap, list[Any], list[Any]]:
    """A map as if shown in a kernel: its messages, and the traits it syncs to the views."""
    m = JourneyMap(steps_frame())
    comm = type("Comm", (), {"comm_id": "c", "kernel": object(), "on_msg": lambda *a: None})()
    monkeypatch.setattr(m, "comm", comm)  # trait changes are sent, as in a kernel
    sent: list[Any] = []
    synced: list[Any] = []
    monkeypatch.setattr(m, "send", lambda msg, buffers=None: sent.append(msg))

    def send_state(key: Any = None) -> None:
        synced.extend([key] if isinstance(key, str) else sorted(key or ()))

    monkeypatch.setattr(m, "send_state", send_state)
    return m, sent, synced
