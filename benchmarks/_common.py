"""What the browser benchmarks share: the repository on the import path (a benchmark runs as
``python benchmarks/bench_x.py``, and its notebooks' kernels import ``benchmarks.*``), and the
test lab's helpers that start JupyterLab and Chromium and drive a notebook.

A benchmark puts the repository on the path itself, then imports this module::

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # see _common

    import benchmarks._common as common
    from benchmarks._common import ROOT

    with common.running_lab() as lab: ...
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.browser.lab import (  # noqa: E402
    launch_chromium,
    open_notebook,
    run_cell,
    running_lab,
    wait_for_file,
    wait_for_idle_kernel,
)

__all__ = [
    "ROOT",
    "launch_chromium",
    "open_notebook",
    "run_cell",
    "running_lab",
    "wait_for_file",
    "wait_for_idle_kernel",
]
