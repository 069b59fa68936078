"""The full collection Streamlit runs after every script run (`runner.postScriptGC`), in a process that has run
every page, with the dashboard's freezes (benchlearn/ui/collector.py) and without, as ratios in one run.

Each variant is a child process that builds nothing itself: it runs every page of the menu once through
AppTest on the demo store (real data, built here through the CLI), so it holds what a serving dashboard
holds: the modules of pandas, plotly, streamlit and benchlearn, the caches and a session. It then times
`gc.collect(2)`. Variants:
- none: nothing frozen (Streamlit alone);
- first: frozen once, at the first page view (the dashboard before the pages' own code was frozen too);
- every: frozen at the first page view and after every run that imported modules (the dashboard now).

Usage: python benchmarks/collector.py [--collections 9]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VARIANTS = ("none", "first", "every")


def child(variant: str, count: int) -> None:
    """In a child process: run every page under `variant`, then print the collections' figures as JSON."""
    sys.path.insert(0, str(ROOT))
    from benchlearn import ui
    from benchlearn.ui import collector, navigation

    # the page benchmark's AppTest of a page with its URL keys (benchmarks/pages.py: a module beside this one
    # wins over the namespace package pages/ of the root)
    from pages import app_for

    freeze = collector.freeze_long_lived_heap
    if variant == "none":
        ui.freeze_long_lived_heap = navigation.freeze_long_lived_heap = lambda: False
    elif variant == "first":
        def once() -> bool:
            froze = freeze()
            collector._modules_frozen = sys.maxsize  # no later freeze
            return froze
        ui.freeze_long_lived_heap = navigation.freeze_long_lived_heap = once
    pages = [path for section in navigation.SECTIONS.values() for path, *_ in section if (ROOT / path).exists()]
    for page in pages:
        app_for(page).run()
    times = []
    for _ in range(count):
        start = time.perf_counter()
        gc.collect(2)
        times.append((time.perf_counter() - start) * 1000)
    print(json.dumps({"pages": len(pages), "frozen": gc.get_freeze_count(), "tracked": len(gc.get_objects()),
                      "ms": statistics.median(times)}))


def main() -> None:
    """Print each variant's median full collection and the ratios of the dashboard's to the others."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--collections", type=int, default=9, help="collections timed per variant (default 9)")
    parser.add_argument("--child", choices=VARIANTS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.collections)
        return
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.duckdb"
        subprocess.run([sys.executable, "-m", "benchlearn", "demo", "--no-examples", "--db", str(db)], cwd=ROOT,
                       check=True, capture_output=True)
        env = {**os.environ, "BENCHLEARN_DB": str(db)}
        found = {}
        for variant in VARIANTS:
            done = subprocess.run([sys.executable, __file__, "--child", variant, "--collections",
                                   str(args.collections)], cwd=ROOT, env=env, capture_output=True, text=True,
                                  check=True)
            found[variant] = json.loads(done.stdout.strip().splitlines()[-1])
    for variant, row in found.items():
        print(f"{variant:6s} {row['pages']} pages run: {row['tracked']:7d} tracked, {row['frozen']:7d} frozen; "
              f"a full collection {row['ms']:6.1f} ms")
    every = found["every"]["ms"]
    print(f"every / first: {every / found['first']['ms']:.3f}x   every / none: {every / found['none']['ms']:.3f}x")


if __name__ == "__main__":
    main()
