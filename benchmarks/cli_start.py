"""Start-up of a command-line call, with and without the package's bytecode, as a ratio in one run.

Each call is `python -m benchlearn ingest BAD --db DB` on a store that exists: the CLI starts, opens the store,
reads what validation needs and refuses a two-row file (tests/data/bad/ambiguous_entity.csv) — what every test of
a bad upload runs, and what a script calling the CLI pays per file. Both variants run with
PYTHONDONTWRITEBYTECODE=1 (as on machines that forbid writing it): one on a copy of the package without
__pycache__, so every module is compiled from source at each start; one on a copy compiled first with
compileall (what `make run` and `make test` do, the `bytecode` target). Calls alternate between the two.

Usage: python benchmarks/cli_start.py [--calls 15]
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BAD = ROOT / "tests" / "data" / "bad" / "ambiguous_entity.csv"


def copy_package(target: Path) -> Path:
    """The benchlearn package copied into `target` without any bytecode; the folder to put on PYTHONPATH."""
    shutil.copytree(ROOT / "benchlearn", target / "benchlearn", ignore=shutil.ignore_patterns("__pycache__"))
    return target


def one_call(path: Path, db: Path) -> float:
    """Seconds of one refused ingest through the CLI with `path` first on PYTHONPATH."""
    env = {**os.environ, "PYTHONPATH": str(path), "PYTHONDONTWRITEBYTECODE": "1"}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "benchlearn", "ingest", str(BAD), "--db", str(db)], env=env,
                          capture_output=True, text=True, cwd=path, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 1:  # the file is refused: exit 1 with its problems
        raise SystemExit(f"unexpected exit {done.returncode}: {done.stderr}")
    return elapsed


def main() -> None:
    """Print the median start of each variant and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=15, help="calls per variant (default 15)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source, compiled = copy_package(folder / "source"), copy_package(folder / "compiled")
        compileall.compile_dir(compiled / "benchlearn", quiet=1)
        db = folder / "store.duckdb"
        subprocess.run([sys.executable, "-m", "benchlearn", "init", "--db", str(db)], cwd=ROOT, check=True,
                       capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        times: dict[str, list[float]] = {"source": [], "compiled": []}
        one_call(source, db), one_call(compiled, db)  # warm the file cache
        for _ in range(args.calls):
            times["source"].append(one_call(source, db))
            times["compiled"].append(one_call(compiled, db))
    median = {name: statistics.median(values) for name, values in times.items()}
    print(f"refused ingest through the CLI, median of {args.calls} calls each:")
    print(f"  compiled from source at start: {median['source'] * 1000:.0f} ms")
    print(f"  with the package's bytecode:   {median['compiled'] * 1000:.0f} ms")
    print(f"  ratio compiled / source: {median['compiled'] / median['source']:.2f}")


if __name__ == "__main__":
    main()
