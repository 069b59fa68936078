"""What `load.py` drives: the embedded single process over a DuckDB file, or `benchlearn.cluster` with N workers
behind nginx over a PostgreSQL server of the benchmark's own (both hold the same shipped demo data).

Each target yields its base URL and a function listing the processes whose memory counts (the server, or
every worker), and stops what it started when its block ends.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchlearn.cluster import local_pg  # noqa: E402

HOST = "127.0.0.1"
Pids = Callable[[], list[int]]


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def wait_health(url: str, process: subprocess.Popen, log: Path, timeout_s: float = 120) -> None:
    """Wait for `url`'s health check; exit with the log when the process dies or the time is up."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit(f"{url} did not start; its log:\n{log.read_text(errors='replace')[-3000:]}")


@contextmanager
def embedded(db: Path, folder: Path) -> Iterator[tuple[str, Pids]]:
    """`streamlit run dashboard.py` on 127.0.0.1 over a copy of the DuckDB file `db`."""
    copy = folder / "embedded.duckdb"
    shutil.copyfile(db, copy)
    port, log = free_port(), folder / "embedded.log"
    command = [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless=true",
               f"--server.port={port}", f"--server.address={HOST}", "--browser.gatherUsageStats=false",
               "--server.fileWatcherType=none"]
    env = {**os.environ, "BENCHLEARN_DB": str(copy), "PYTHONUNBUFFERED": "1"}
    with log.open("wb") as out:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://{HOST}:{port}"
    try:
        wait_health(url, server, log)
        yield url, lambda: [server.pid]
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
def cluster(database: str, workers: int, folder: Path) -> Iterator[tuple[str, Pids]]:
    """`python -m benchlearn.cluster` with `workers` workers behind nginx over `database`."""
    port, first = free_port(), free_port()
    while any(_taken(first + i) for i in range(workers)):
        first = free_port()
    where, log = folder / f"cluster-{workers}", folder / f"cluster-{workers}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "benchlearn.cluster", "--workers", str(workers), "--port", str(port), "--host", HOST,
             "--first-worker-port", str(first), "--db", database, "--folder", str(where)],
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://{HOST}:{port}"
    try:
        wait_health(url, process, log)
        yield url, lambda: [int(p.read_text()) for p in sorted((where / "run").glob("worker-*.pid"))]
    finally:
        process.terminate()
        process.wait(timeout=60)


def _taken(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex((HOST, port)) == 0
