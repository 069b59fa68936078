"""`python -m benchlearn.cluster` (`make cluster WORKERS=N`): a PostgreSQL server, N dashboard workers, nginx.

Without `--db` the cluster runs a PostgreSQL server of its own with its data in `<folder>/pg` and, the first
time, loads the shipped demo data into it (as `make run` does for the file). With `--db postgresql://…` it uses
that server as it is. The workers are supervised: one that stops is started again, and meanwhile the proxy
sends its browsers to the others. Ctrl+C (or SIGTERM) stops the proxy, the workers and the cluster's own server.
"""

from __future__ import annotations

import argparse
import signal
import subprocess
import sys
import time
from pathlib import Path

from benchlearn.cluster import local_pg, proxy, workers
from benchlearn.errors import BenchlearnError, UsageError
from benchlearn.store import batches, open_store
from benchlearn.store.connection import is_server_address
from benchlearn.store.pg_store import redacted

ROOT = workers.ROOT


class Cluster:
    """The processes of one cluster, started in order and stopped in reverse."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.folder: Path = args.folder.resolve()
        self.ports = [args.first_worker_port + i for i in range(args.workers)]
        self.server: local_pg.LocalServer | None = None
        self.database: str = args.db or ""
        self.workers: dict[int, subprocess.Popen] = {}
        self.proxy: subprocess.Popen | None = None

    def start(self) -> None:
        """Server (own or given), demo data on a new own server, workers (each answering), then the proxy."""
        if not self.database:
            self.server, _ = local_pg.prepare(self.folder / "pg", workers.free_port())
            self.database = self.server.url()
            # asked of the database, not of "just created": a first start stopped during the load tries again
            if _without_batches(self.database):
                say("loading the shipped demo data into the new database (first start)")
                demo = subprocess.run([sys.executable, "-m", "benchlearn", "demo", "--db", self.database], cwd=ROOT,
                                      check=False)
                if demo.returncode != 0:
                    raise UsageError("the demo data could not be loaded (see above)")
        for port in self.ports:
            self._start_worker(port)
        for port in self.ports:
            if not workers.wait_healthy(port, self.workers[port]):
                raise UsageError(f"the worker on port {port} did not start; its log: {self._log(port)}")
        self.proxy = proxy.start(self.folder / "proxy", self.args.port, self.ports, self.args.host)
        time.sleep(0.5)
        if self.proxy.poll() is not None:
            raise UsageError(f"nginx stopped at once; see {self.folder / 'proxy' / 'error.log'}")
        count = f"{len(self.ports)} worker{'s' if len(self.ports) != 1 else ''}"
        say(f"{count} over {redacted(self.database)} behind http://localhost:{self.args.port}")

    def _log(self, port: int) -> Path:
        return self.folder / "logs" / f"worker-{port}.log"

    def _start_worker(self, port: int) -> None:
        self.workers[port] = workers.start(port, self.database, self._log(port))
        # who runs where, for an operator (and the failure tests) to find a worker's process
        run = self.folder / "run"
        run.mkdir(parents=True, exist_ok=True)
        (run / f"worker-{port}.pid").write_text(f"{self.workers[port].pid}\n")

    def supervise(self) -> None:
        """Start a stopped worker again; end when the proxy stops."""
        while self.proxy is not None and self.proxy.poll() is None:
            for port, process in list(self.workers.items()):
                if process.poll() is not None:
                    say(f"the worker on port {port} stopped (exit code {process.returncode}); starting it again")
                    self._start_worker(port)
            time.sleep(1.0)
        raise UsageError(f"nginx stopped; see {self.folder / 'proxy' / 'error.log'}")

    def stop(self) -> None:
        """Stop the proxy, the workers, and the cluster's own server (if it runs one)."""
        for process in ([self.proxy] if self.proxy else []) + list(self.workers.values()):
            if process.poll() is None:
                process.terminate()
        for process in ([self.proxy] if self.proxy else []) + list(self.workers.values()):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        if self.server is not None:
            try:
                local_pg.stop(self.server)
            except BenchlearnError as exc:  # already stopped, say: said, not a traceback
                say(exc.message)


def _without_batches(database: str) -> bool:
    """True when nothing was ever loaded into the database (no batch)."""
    store = open_store(database)
    try:
        with store.cursor() as cur:
            return batches.last_batch_id(cur) == 0
    finally:
        store.close()


def say(message: str) -> None:
    """One line of the cluster's progress on the terminal."""
    print(f"benchlearn cluster: {message}", flush=True)


def parse(argv: list[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(prog="python -m benchlearn.cluster", description=__doc__.split("\n")[0])
    parser.add_argument("--workers", type=int, default=2, help="dashboard worker processes (default 2)")
    parser.add_argument("--port", type=int, default=8501, help="the port the proxy listens on (default 8501)")
    parser.add_argument("--host", default="0.0.0.0", help="the address the proxy listens on (default: all)")
    parser.add_argument("--first-worker-port", type=int, default=8601, help="workers listen from here on")
    parser.add_argument("--db", help="a PostgreSQL server's address (default: the cluster's own server)")
    parser.add_argument("--folder", type=Path, default=ROOT / ".cluster", help="data, logs and configuration")
    args = parser.parse_args(argv)
    if args.workers < 1:
        parser.error("--workers must be at least 1")
    if args.db and not is_server_address(args.db):
        parser.error("--db must be a postgresql://… address: a DuckDB file can be opened by one process only")
    return args


def _stop_on_term(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    """Run the cluster until Ctrl+C or SIGTERM; exit 2 with a plain message when a part cannot start."""
    cluster = Cluster(parse(argv))
    signal.signal(signal.SIGTERM, _stop_on_term)
    try:
        cluster.start()
        cluster.supervise()
    except KeyboardInterrupt:
        say("stopping")
        return 0
    except BenchlearnError as exc:
        print(f"benchlearn cluster: {exc.message}", file=sys.stderr)
        return exc.exit_code
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
