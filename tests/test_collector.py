"""The dashboard freezes its long-lived objects (benchlearn/ui/collector.py): at the first page view, again
after a run that imported modules, never otherwise; and the process still exits without duckdb's leak report.

In a child process: freezing changes the collector of the whole process, which the other tests share."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = """
import gc, json, sys
import duckdb
from benchlearn.ui.collector import freeze_long_lived_heap
steps = []
def step(name):
    steps.append([name, freeze_long_lived_heap(), gc.get_freeze_count()])
step("first view")
step("a run without imports")
assert "colorsys" not in sys.modules
import colorsys
step("a run that imported a module")
step("the next run")
duckdb.connect().execute("SELECT 1").fetchall()
print(json.dumps(steps))
"""


def test_frozen_at_the_first_view_and_after_runs_that_imported_code() -> None:
    done = subprocess.run([sys.executable, "-c", CHILD], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr
    steps = {name: (froze, count) for name, froze, count in json.loads(done.stdout.strip().splitlines()[-1])}
    first, count = steps["first view"]
    # the first view loads the chart libraries and the catalogue before freezing: far more than duckdb's objects
    assert first and count > 50_000
    assert steps["a run without imports"] == (False, count)
    again, more = steps["a run that imported a module"]
    assert again and more > count
    assert steps["the next run"] == (False, more)
    # frozen objects are unfrozen at exit, so the interpreter frees them and duckdb reports no leak
    assert "leaked" not in done.stderr, done.stderr[-2000:]
