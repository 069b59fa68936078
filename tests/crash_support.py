"""Shared by the crash test and benchmarks/crash.py: SIGKILL an ingest subprocess and check all-or-nothing."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make_synthetic(folder: Path, entities: int, indicators: int, periods: int) -> tuple[Path, Path, Path]:
    """SYNTHETIC test data (generated, not real): entities, indicators and a long values file."""
    rng = random.Random(7)
    ent, ind, val = folder / "entities.csv", folder / "indicators.csv", folder / "values.csv"
    codes = [f"E{i:05d}" for i in range(entities)]
    ent.write_text("code,name\n" + "".join(f"{c},Synthetic {c}\n" for c in codes), encoding="utf-8")
    inds = [f"I{i:03d}" for i in range(indicators)]
    ind.write_text("code,name,unit,polarity\n" + "".join(f"{c},Synthetic {c},index,higher_better\n" for c in inds),
                   encoding="utf-8")
    with val.open("w", encoding="utf-8") as out:
        out.write("entity_code,indicator_code,period,value\n")
        for i in inds:
            for year in range(2000, 2000 + periods):
                out.writelines(f"{c},{i},{year},{rng.uniform(0, 100):.2f}\n" for c in codes)
    return ent, ind, val


def cli(db: Path, *args: str, **kwargs) -> subprocess.Popen:
    """Start `python -m benchlearn … --db db` in the background."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "benchlearn", *args, "--db", str(db)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)


def copy_db(src: Path, dst: Path) -> None:
    """Copy a closed database file (and its WAL, if any)."""
    shutil.copyfile(src, dst)
    wal = Path(str(src) + ".wal")
    if wal.exists():
        shutil.copyfile(wal, Path(str(dst) + ".wal"))


# Reopens the database in a fresh process (as after a crash) and prints what it holds.
CHECK = """
import sys
from benchlearn.store import open_store
store = open_store(sys.argv[1])
with store.cursor() as cur:
    b = cur.execute("SELECT count(*), coalesce(sum(rows_in), 0) FROM batch WHERE kind = 'values'").fetchall()[0]
    o = cur.execute("SELECT count(*), count(DISTINCT batch_id) FROM observation").fetchall()[0]
print(b[0], b[1], o[0], o[1])
"""


@dataclass
class Trial:
    """One kill: when, what the reopened database held, and whether that was all-or-nothing."""

    delay: float
    exit_code: int
    batches: int
    observations: int
    whole: bool


def kill_trial(base: Path, work: Path, values: Path, rows: int, delay: float) -> Trial:
    """Copy the base store, start an ingest, SIGKILL it after `delay` s, reopen and check all-or-nothing."""
    for suffix in ("", ".wal"):
        Path(str(work) + suffix).unlink(missing_ok=True)
    copy_db(base, work)
    proc = cli(work, "ingest", str(values))
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    check = subprocess.run(
        [sys.executable, "-c", CHECK, str(work)],
        capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120,
    )
    assert check.returncode == 0, f"the database did not reopen after a kill at {delay:.2f} s: {check.stderr}"
    batches, batch_rows, observations, owners = map(int, check.stdout.split())
    whole = (batches == 0 and observations == 0) or (batches == 1 and observations == rows == batch_rows
                                                      and owners == 1)
    return Trial(delay, proc.returncode, batches, observations, whole)
