"""What `load.py` drives: the embedded single process over a DuckDB file, or `benchlearn.cluster` with N workers
behind nginx over a PostgreSQL server of the benchmark's own (both hold the same shipped demo data).

Each target yields its base URL and a function listing the processes whose memory counts (the server, or
every worker), and stops what it started when its block ends.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchlearn.cluster import local_pg, workers  # noqa: E402
from benchlearn.cluster.workers import free_port  # noqa: E402

HOST = "127.0.0.1"
Pids = Callable[[], list[int]]


def wait_health(port: int, process: subprocess.Popen, log: Path) -> None:
    """Wait for the health check on `port` (a worker's, or the proxy's passing it on); exit with the log if not."""
    if not workers.wait_healthy(port, process, 120):
        process.kill()
        raise SystemExit(f"port {port} did not answer; the log:\n{log.read_text(errors='replace')[-3000:]}")


@contextmanager
def embedded(db: Path, folder: Path) -> Iterator[tuple[str, Pids]]:
    """`streamlit run dashboard.py` on 127.0.0.1 over a copy of the DuckDB file `db`."""
    copy = folder / "embedded.duckdb"
    shutil.copyfile(db, copy)
    port, log = free_port(), folder / "embedded.log"
    server = workers.start(port, str(copy), log)  # the same command as one worker of the cluster
    try:
        wait_health(port, server, log)
        yield f"http://{HOST}:{port}", lambda: [server.pid]
    finally:
        server.terminate()
        server.wait(timeout=30)


@contextmanager
def database_server(folder: Path) -> Iterator[str]:
    """A PostgreSQL server of the benchmark's own holding the shipped demo, loaded through the CLI; its address."""
    root = Path(tempfile.mkdtemp(prefix="benchlearn-load-pg-"))
    root.chmod(0o755)  # the server's account reaches its folder (when this runs as root)
    server, _ = local_pg.prepare(root / "pg", free_port())
    try:
        subprocess.run([sys.executable, "-m", "benchlearn", "demo", "--db", server.url()], cwd=ROOT, check=True,
                       capture_output=True, timeout=1200)
        yield server.url()
    finally:
        local_pg.stop(server, "fast")
        shutil.rmtree(root, ignore_errors=True)


@contextmanager
def cluster(database: str, count: int, folder: Path) -> Iterator[tuple[str, Pids]]:
    """`python -m benchlearn.cluster` with `count` workers behind nginx over `database`."""
    port, first = free_port(), free_port()
    while any(_taken(first + i) for i in range(count)):
        first = free_port()
    where, log = folder / f"cluster-{count}", folder / f"cluster-{count}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "benchlearn.cluster", "--workers", str(count), "--port", str(port), "--host", HOST,
             "--first-worker-port", str(first), "--db", database, "--folder", str(where)],
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_health(port, process, log)
        yield f"http://{HOST}:{port}", lambda: [int(p.read_text()) for p in (where / "run").glob("worker-*.pid")]
    finally:
        process.terminate()
        process.wait(timeout=60)


def _taken(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex((HOST, port)) == 0
