"""A real JupyterLab in headless Chromium, for browser tests and benchmarks.

Nothing here reaches the network: the server listens on 127.0.0.1, Chromium runs
with background networking off, and notebooks are written to a fresh root dir.
The other hosts the widgets are tested in (Notebook 7, Voila, marimo) start the same way.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psutil

CHROMIUM = os.environ.get("CJM_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def notebook_text(cells: list[str]) -> str:
    """An .ipynb file of code cells, none run yet."""
    notebook = {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": None,
                "id": f"c{i}",
                "metadata": {},
                "outputs": [],
                "source": source,
            }
            for i, source in enumerate(cells)
        ],
        "metadata": {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(notebook)


class Lab:
    """A running JupyterLab server (or another host, see ``running_lab``) with its own
    root dir, settings and token."""

    def __init__(
        self,
        root: Path,
        port: int,
        token: str,
        process: subprocess.Popen[bytes],
        app: str = "jupyterlab",
    ):
        self.root, self.port, self.token, self.process = root, port, token, process
        self.app = app
        self.url = f"http://127.0.0.1:{port}"
        # What the server started and left running once it was stopped (see running_lab).
        self.left_behind: list[str] = []
        # Whether stopping it took SIGKILL: SIGTERM alone left it running (see running_lab).
        self.killed = False

    def write_notebook(self, name: str, cells: list[str]) -> Path:
        path = self.root / name
        path.write_text(notebook_text(cells))
        return path

    def notebook_url(self, name: str) -> str:
        """The page showing a file: Voila and marimo serve only the file they started with."""
        if self.app == "notebook":
            return f"{self.url}/notebooks/{name}?token={self.token}"
        if self.app == "voila":
            return f"{self.url}/?token={self.token}"
        if self.app == "marimo":
            return f"{self.url}/?access_token={self.token}"
        return f"{self.url}/lab/tree/{name}?token={self.token}&reset"


def _command(app: str, port: int, token: str, root: Path, serve: str) -> tuple[list[str], str]:
    """How to start a host, and a URL path that answers once it is up."""
    python = [sys.executable, "-m"]
    if app in ("jupyterlab", "notebook"):
        expose = "LabApp" if app == "jupyterlab" else "JupyterNotebookApp"
        return [
            *python,
            app,
            "--no-browser",
            "--allow-root",
            f"--port={port}",
            "--ServerApp.ip=127.0.0.1",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}",
            f"--{expose}.expose_app_in_browser=True",
            "--ServerApp.disable_check_xsrf=True",
        ], f"/api/status?token={token}"
    if app == "voila":
        return [
            *python,
            "voila",
            serve,
            "--no-browser",
            f"--port={port}",
            "--Voila.ip=127.0.0.1",
            f"--Voila.token={token}",
            f"--Voila.root_dir={root}",
            "--show_tracebacks=True",
        ], f"/voila/static/voila.js?token={token}"
    if app == "marimo":
        return [
            *python,
            "marimo",
            "run",
            serve,
            "--headless",
            f"--port={port}",
            "--host=127.0.0.1",
            f"--token-password={token}",
            "--no-sandbox",
        ], "/health"
    raise ValueError(f"unknown host {app!r}: jupyterlab, notebook, voila or marimo")


@contextmanager
def running_lab(
    timeout: float = 120.0, app: str = "jupyterlab", serve: tuple[str, str] | None = None
) -> Iterator[Lab]:
    """Start JupyterLab on a free port in a fresh root dir; stop it by its PID.

    ``app`` starts another host instead: "notebook" (Notebook 7), "voila" or "marimo"; the
    last two serve one file, ``serve`` = (name, text), written to the root dir first.
    The server leads its own process group, stopped whole; what it started and left
    running after that is killed and named in ``Lab.left_behind``.
    """
    base = Path(tempfile.mkdtemp(prefix="cjm-lab-"))
    root, settings, workspaces = base / "root", base / "settings", base / "workspaces"
    for folder in (root, settings, workspaces):
        folder.mkdir()
    quiet = settings / "@jupyterlab" / "apputils-extension"
    quiet.mkdir(parents=True)
    (quiet / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False})
    )
    port, token = free_port(), secrets.token_hex(16)
    if serve is not None:
        (root / serve[0]).write_text(serve[1])
    command, ready = _command(app, port, token, root, serve[0] if serve else "")
    env = dict(
        os.environ,
        JUPYTERLAB_SETTINGS_DIR=str(settings),
        JUPYTERLAB_WORKSPACES_DIR=str(workspaces),
        MARIMO_SKIP_UPDATE_CHECK="1",
        PYTHONUNBUFFERED="1",
    )
    log = open(base / "lab.log", "wb")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        command, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=root, start_new_session=True
    )
    server = Lab(root, port, token, process, app)
    started: list[psutil.Process] = []
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"{app} exited early:\n{(base / 'lab.log').read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{ready}", timeout=2) as reply:
                    if reply.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"{app} not ready after {timeout:.0f}s")
            time.sleep(0.3)
        yield server
    finally:
        # Kernels lead process groups of their own: the server has to stop them itself.
        if process.poll() is None:
            started = psutil.Process(process.pid).children(recursive=True)
        server.killed = _stop_group(process)
        server.left_behind = _kill_left(started)
        log.close()
        shutil.rmtree(base, ignore_errors=True)


def _stop_group(process: subprocess.Popen[bytes]) -> bool:
    """SIGTERM to the server's group, then SIGKILL if the server still runs after 15 s;
    returns whether SIGKILL was sent."""
    killed = False
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            break
        killed = sig == signal.SIGKILL
        try:
            process.wait(timeout=15)
            break
        except subprocess.TimeoutExpired:
            continue
    process.wait()
    return killed


def _kill_left(processes: list[psutil.Process]) -> list[str]:
    """Wait a little for processes to end; kill and name those still running."""
    _gone, alive = psutil.wait_procs(processes, timeout=5)
    left = []
    for p in alive:
        try:
            if p.status() == psutil.STATUS_ZOMBIE:  # ended, not yet reaped by its new parent
                continue
            left.append(" ".join(p.cmdline()) or p.name())
            p.kill()
        except psutil.NoSuchProcess:
            pass
    return left


def launch_chromium(playwright: Any) -> Any:
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)


def open_notebook(page: Any, lab: Lab, name: str, timeout_ms: float = 90_000) -> None:
    """Open a notebook and wait until its kernel is idle."""
    page.goto(lab.notebook_url(name))
    wait_for_idle_kernel(page, timeout_ms)


def wait_for_idle_kernel(page: Any, timeout_ms: float = 90_000) -> None:
    """Wait until the current notebook has a kernel and it is idle."""
    page.wait_for_function(
        "() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
        " && window.jupyterapp.shell.currentWidget.sessionContext"
        " && window.jupyterapp.shell.currentWidget.sessionContext.session"
        " && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel"
        " && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === 'idle'",
        timeout=timeout_ms,
    )


def run_cell(page: Any, index: int) -> None:
    """Click into a cell's editor and press Shift+Enter, as a person runs a cell."""
    cell = page.locator(".jp-Notebook .jp-Cell").nth(index)
    cell.locator(".jp-InputArea-editor").click()
    page.keyboard.press("Shift+Enter")


def wait_for_file(path: Path, timeout: float = 60.0, page: Any = None) -> None:
    """Wait until ``path`` exists. Given the ``page`` that caused the write, wait through it:
    Playwright's sync API runs a page's route handlers (``offline_page``) only inside one of
    its calls, so a request the page makes meanwhile (marimo sends widget messages by HTTP)
    would wait, unsent, for as long as this sleeps."""

    def pause(seconds: float) -> None:
        if page is None:
            time.sleep(seconds)
        else:
            page.wait_for_timeout(seconds * 1000)

    deadline = time.monotonic() + timeout
    while not path.exists():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{path.name} was not written within {timeout:.0f}s")
        pause(0.1)
    pause(0.2)  # let the writer finish


@contextmanager
def two_people(
    browser: Any, lab: Lab, name: str, cells: list[str], shown: str, width: int = 1400
) -> Iterator[tuple[Any, Any]]:
    """Person A's and person B's pages on one notebook and kernel, each a browser context of
    its own (as two laptops would be): A runs cell 0 and B cell 1 of ``name`` (``cells``),
    each page then waiting for ``shown``. An uncaught error in either page fails the test."""
    lab.write_notebook(name, cells)
    contexts = [browser.new_context(viewport={"width": width, "height": 900}) for _ in range(2)]
    a, b = (context.new_page() for context in contexts)
    errors: list[str] = []
    for page, cell in ((a, 0), (b, 1)):
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        open_notebook(page, lab, name)
        run_cell(page, cell)
        page.wait_for_selector(shown, timeout=60_000)
    try:
        yield a, b
    finally:
        for context in contexts:
            context.close()
    assert errors == []
