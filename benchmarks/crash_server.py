"""Crash safety of our ingest over a PostgreSQL server (issue 17): the client killed, the server crashed.

The same SYNTHETIC data as `benchmarks/crash.py` (tests/crash_support.py, labelled so), on a PostgreSQL server
this script starts from Debian's programs (`benchlearn.cluster.local_pg`, in a temporary folder). A base
database holds the entities and indicators; every trial gets a fresh copy (`CREATE DATABASE … TEMPLATE`) and
runs `python -m benchlearn ingest values.csv --db postgresql://…`, disturbed at a random moment of its run:

- client: the CLI is SIGKILLed (the server sees its connection drop mid-transaction);
- server: the server is stopped `immediate` (no shutdown checkpoint: crash recovery from the WAL at the next
  start, as after a power cut), started again, and the CLI left to finish on its own.

After each, a fresh process opens the copy and checks, as crash.py does: the values batch row and its
observations are all there or none of them (else a partial batch); a batch whose commit the CLI reported (its
one-line summary) is there (else a lost batch). For server trials it also checks that the CLI ended with one
`error:` line and no traceback when it failed. Open time is connection + migration check in the checking process.

Usage: python benchmarks/crash_server.py [--trials 60] [--seed 7] [--entities 500]
"""

from __future__ import annotations

import argparse
import random
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from crash import INDICATORS, PERIODS, Outcome, check, report  # noqa: E402
from crash_support import cli, make_synthetic  # noqa: E402
from pg_support import PgServer  # noqa: E402

from benchlearn.cluster import local_pg  # noqa: E402
from benchlearn.cluster.workers import free_port  # noqa: E402


@dataclass
class Target:
    """The server under test, its base database and the current trial's copy of it."""

    local: local_pg.LocalServer
    base: str = ""
    work: str = ""

    def fresh(self) -> str:
        """A fresh copy of the base database (the previous trial's copy dropped); its address."""
        server = PgServer(self.local.port, self.local.data)
        if self.work:
            server.drop_database(self.work)
        self.work = server.create_database("crash_work", template=self.base)
        return self.work


def client_trial(target: Target, values: Path, rows: int, delay: float) -> tuple[Outcome, bool]:
    """The CLI ingest SIGKILLed after `delay` s."""
    work = target.fresh()
    proc = cli(work, "ingest", str(values))
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    out, _ = proc.communicate(timeout=120)
    finished = bool(out.strip())  # the one-line summary is printed after the commit
    return Outcome("client", "after exit" if finished else "in the run", *check(work, rows, finished)), True


def server_trial(target: Target, values: Path, rows: int, delay: float) -> tuple[Outcome, bool]:
    """The server crashed (`immediate`) `delay` s into the CLI ingest, then started again; the CLI finishes."""
    work = target.fresh()
    proc = cli(work, "ingest", str(values))
    time.sleep(delay)
    running = proc.poll() is None
    local_pg.stop(target.local, "immediate")
    local_pg.start(target.local)
    out, err = proc.communicate(timeout=300)
    committed = proc.returncode == 0 and bool(out.strip())
    # a failure is one `error:` line, and nothing is ever a traceback (the CLI's own promise); a commit may print
    # screening notes before its summary
    said = err.decode(errors="replace")
    errors = [line for line in said.splitlines() if line.startswith("error:")]
    plain = "Traceback" not in said and (len(errors) == 1 if proc.returncode else not errors)
    if not plain:
        print("  the CLI said:", said.strip()[-1500:], flush=True)
    phase = "in the run" if running else "after exit"
    return Outcome("server", phase, *check(work, rows, committed)), plain


def calibrate(target: Target, values: Path) -> float:
    """Seconds of one undisturbed CLI ingest into a fresh copy."""
    work = target.fresh()
    start = time.perf_counter()
    done = cli(work, "ingest", str(values))
    if done.wait(timeout=600) != 0:
        raise SystemExit(f"the calibration ingest failed: {done.stderr.read().decode()}")
    return time.perf_counter() - start


def main() -> None:
    """Start a server, build the base database, run the client and server trials, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trials", type=int, default=60)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--entities", type=int, default=500, help="synthetic entities (× 40 indicators × 10)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    rows = args.entities * INDICATORS * PERIODS
    root = Path(tempfile.mkdtemp(prefix="benchlearn-crash-pg-"))
    root.chmod(0o755)  # the server's account reaches its folder (when this runs as root)
    server, _ = local_pg.prepare(root / "pg", free_port())
    try:
        target = Target(server, PgServer(server.port, server.data).create_database("crash_base"))
        entities, indicators, values = make_synthetic(root, args.entities, INDICATORS, PERIODS)
        for path, kind in ((entities, "entities"), (indicators, "indicators")):
            done = cli(target.base, "ingest", str(path), "--kind", kind)
            if done.wait(timeout=300) != 0:
                raise SystemExit(done.stderr.read().decode())
        cli_s = calibrate(target, values)
        print(f"SYNTHETIC values file: {rows} rows. Undisturbed CLI ingest over the server: {cli_s:.2f} s", flush=True)
        n_client = args.trials // 2
        plan = ([(client_trial, rng.uniform(0.05, cli_s * 1.1)) for _ in range(n_client)]
                + [(server_trial, rng.uniform(0.05, cli_s * 1.1)) for _ in range(args.trials - n_client)])
        outcomes, plain = [], []
        started = time.perf_counter()
        for number, (trial, delay) in enumerate(plan, start=1):
            outcome, one_line = trial(target, values, rows, delay)
            outcomes.append(outcome)
            plain.append(one_line)
            if number % 10 == 0:
                print(f"  {number} trials done ({time.perf_counter() - started:.0f} s)", flush=True)
        report(outcomes, "connection + migration check, in the checking process")
        print(f"CLI messages with a traceback or more than one line after a server crash: {plain.count(False)}")
    finally:
        local_pg.stop(server, "fast")
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
