"""Screening cost: what screening a 5 000-row values upload adds, against the validation of the same file.

The store is the shipped demo (real data: Finland 1990–2012, Lithuania, Latvia), built with `benchlearn demo`
unless --db names one. The upload is SYNTHETIC (made here, labelled so): 5 000 new values, each the year after
a series' latest (Finnish municipalities first, then Baltic), its latest value × (1 ± up to 3 %), about 1 %
written ×1 000. Both sides run in the real
path, in this process, median of --repeat runs: validation = `ingest.parse` of the file; screening = the
`api.screening.screen` call inside `uploads.ingest_bytes` (its two queries and the pandas checks), timed on a
dry run. Target (issue 13.3): screening adds less than a second.

Usage: python benchmarks/screening.py [--db PATH] [--rows 5000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchlearn.api import screening, uploads  # noqa: E402
from benchlearn.ingest import IngestOptions, parse  # noqa: E402
from benchlearn.store import open_store  # noqa: E402


def demo_store(folder: Path) -> Path:
    """The demo store built by the CLI, as `make run` builds it."""
    path = folder / "demo.duckdb"
    subprocess.run([sys.executable, "-m", "benchlearn", "demo", "--db", str(path)], cwd=ROOT, check=True,
                   capture_output=True)
    return path


def upload(store: object, rows: int, seed: int = 13) -> bytes:
    """`rows` new values a year after each series' latest (SYNTHETIC), about 1 % ×1 000 (where no range forbids)."""
    with store.cursor() as cur:
        base = cur.execute(
            "SELECT o.entity_code, o.indicator_code, max(o.period_key)::INTEGER + 1, arg_max(o.value, o.period_key), "
            "any_value(i.max_value) IS NULL FROM observation o JOIN indicator i ON i.code = o.indicator_code "
            "WHERE o.value > 0 AND o.period NOT LIKE '%-%' GROUP BY o.entity_code, o.indicator_code "
            "ORDER BY o.entity_code LIKE 'FI-%' DESC, o.entity_code, o.indicator_code LIMIT ?", [rows]).fetchall()
    rng = random.Random(seed)
    out = io.StringIO()
    out.write("entity_code,indicator_code,period,value\n")
    for number, (entity, indicator, period, value, unbounded) in enumerate(base):
        slip = 1000 if unbounded and number % 50 == 7 else 1  # only where no range check refuses it
        new = value * (1 + rng.uniform(-0.03, 0.03)) * slip
        out.write(f"{entity},{indicator},{period},{new:.3f}\n")
    return out.getvalue().encode()


def main() -> None:
    """Print the two medians and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(args.db or demo_store(Path(tmp)))
        data = upload(store, args.rows)
        ref = uploads.reference(store, None)
        validation, screened, flags = [], [], []
        original = screening.screen

        def timed(*call: object) -> object:
            start = time.perf_counter()
            found = original(*call)
            screened.append(time.perf_counter() - start)
            flags.append(len(found[0]))
            return found

        uploads.screening.screen = timed
        for _ in range(args.repeat):
            start = time.perf_counter()
            parse(data, "upload.csv", ref, IngestOptions())
            validation.append(time.perf_counter() - start)
            uploads.ingest_bytes(store, data, "upload.csv", dry_run=True)
        store.close()
    v, s = statistics.median(validation), statistics.median(screened)
    lines = data.count(b"\n") - 1
    print(f"upload: {lines} rows (SYNTHETIC new year over the real demo store); flags: {flags[0]}")
    print(f"validation alone (ingest.parse): {v:.3f} s   screening: {s:.3f} s   "
          f"ratio screening/validation: {s / v:.2f}x   target: screening < 1 s -> {'met' if s < 1 else 'NOT met'}")


if __name__ == "__main__":
    main()
