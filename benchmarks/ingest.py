"""Ingest speed and memory: the full validated path against a bare DuckDB read_csv → INSERT, same run.

The data is SYNTHETIC (generated here, labelled so): 1 000 entities × 100 indicators × 10 periods = 1 000 000 rows
of a long values CSV. Each measurement runs in its own subprocess so its peak memory (max RSS) is its own; the
median of several runs is reported. Targets (issue 2): time ≤ 2.0× the bare load for a first load and for a
re-upload of the same file; peak memory ≤ 3× the bare load's. The baseline inserts into a table with the same
primary key as ours (the key is what makes uploads race-safe, ARCHITECTURE §6), so both sides do the same index
work; the unkeyed insert is printed too, for reference.

Usage: python benchmarks/ingest.py [--rows-per-indicator-period 1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BARE = """
import duckdb, json, resource, sys, time
db, csv_path, keyed = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
con = duckdb.connect(db)
key = ", PRIMARY KEY (entity_code, indicator_code, period)" if keyed else ""
con.execute(f"CREATE TABLE observation (entity_code TEXT, indicator_code TEXT, period TEXT, value DOUBLE{key})")
start = time.perf_counter()
con.execute(f"INSERT INTO observation SELECT * FROM read_csv('{csv_path}', header=true, "
            "columns={'entity_code': 'VARCHAR', 'indicator_code': 'VARCHAR', 'period': 'VARCHAR', 'value': 'DOUBLE'})")
elapsed = time.perf_counter() - start
con.close()
print(json.dumps({"seconds": elapsed, "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

FULL = """
import json, resource, sys, time
sys.path.insert(0, sys.argv[4])
from benchlearn.api import ingest_path
from benchlearn.ingest import IngestOptions
from benchlearn.model import Kind
from benchlearn.store import open_store
db, csv_path, meta_dir, _, again = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5] == "1"
store = open_store(db)
ingest_path(store, f"{meta_dir}/entities.csv", IngestOptions(kind=Kind.ENTITIES))
ingest_path(store, f"{meta_dir}/indicators.csv", IngestOptions(kind=Kind.INDICATORS))
if again:
    ingest_path(store, csv_path)
start = time.perf_counter()
outcome = ingest_path(store, csv_path)
elapsed = time.perf_counter() - start
store.close()
r = outcome.result
print(json.dumps({"seconds": elapsed, "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "inserted": r.inserted, "unchanged": r.unchanged}))
"""


def make_data(folder: Path, entities: int, indicators: int, periods: int) -> Path:
    """Write the synthetic values CSV and its entities/indicators metadata; return the values path."""
    rng = random.Random(20261124)
    codes = [f"E{i:05d}" for i in range(entities)]
    with (folder / "entities.csv").open("w", encoding="utf-8") as out:
        out.write("code,name,kind,country\n")
        out.writelines(f"{c},Synthetic entity {c},municipality,XX\n" for c in codes)
    inds = [f"IND{i:03d}" for i in range(indicators)]
    with (folder / "indicators.csv").open("w", encoding="utf-8") as out:
        out.write("code,name,unit,polarity\n")
        out.writelines(f"{c},Synthetic indicator {c},index,higher_better\n" for c in inds)
    path = folder / "values.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write("entity_code,indicator_code,period,value\n")
        for ind in inds:
            for year in range(2015, 2015 + periods):
                out.writelines(f"{c},{ind},{year},{rng.uniform(0, 1000):.3f}\n" for c in codes)
    return path


def run(script: str, *args: str) -> dict:
    """Run one measurement in a fresh interpreter and return its JSON line."""
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    """Generate the data, measure bare, first load and re-upload; print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        csv_path = make_data(folder, args.entities, 100, 10)
        rows = args.entities * 1000
        results: dict[str, list[dict]] = {"bare": [], "bare_nokey": [], "first": [], "again": []}
        for i in range(args.repeat):
            results["bare"].append(run(BARE, str(folder / f"bare{i}.duckdb"), str(csv_path), "1"))
            results["bare_nokey"].append(run(BARE, str(folder / f"nokey{i}.duckdb"), str(csv_path), "0"))
            results["first"].append(run(FULL, str(folder / f"first{i}.duckdb"), str(csv_path), tmp, str(ROOT), "0"))
            results["again"].append(run(FULL, str(folder / f"again{i}.duckdb"), str(csv_path), tmp, str(ROOT), "1"))
        assert results["first"][0]["inserted"] == rows and results["again"][0]["unchanged"] == rows
    med = {k: statistics.median(r["seconds"] for r in v) for k, v in results.items()}
    mem = {k: statistics.median(r["max_rss_mb"] for r in v) for k, v in results.items()}
    print(f"synthetic long CSV, {rows:,} rows, median of {args.repeat} runs")
    print(f"baseline: bare DuckDB read_csv → INSERT into a table with the same primary key: {med['bare']:.2f} s, "
          f"peak {mem['bare']:.0f} MB")
    print(f"(for reference, the same INSERT into a table without a key: {med['bare_nokey']:.2f} s, "
          f"peak {mem['bare_nokey']:.0f} MB)")
    for key, label in (("first", "validated ingest, first load"), ("again", "validated ingest, re-upload")):
        print(f"{label:30s}: {med[key]:.2f} s = {med[key] / med['bare']:.2f}× the keyed baseline "
              f"({med[key] / med['bare_nokey']:.2f}× the unkeyed one; target ≤ 2.0×), "
              f"peak {mem[key]:.0f} MB = {mem[key] / mem['bare']:.2f}× (target ≤ 3.0×)")


if __name__ == "__main__":
    main()
