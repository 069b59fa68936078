"""Dashboard workers: one `streamlit run dashboard.py` per port, each a process of its own over the same server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEALTH_TIMEOUT_S = 90


def free_port() -> int:
    """A port free on 127.0.0.1 now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(port: int, database: str, log: Path) -> subprocess.Popen:
    """Start one worker on 127.0.0.1:`port` (only the proxy reaches it) over `database`."""
    command = [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless=true",
               f"--server.port={port}", "--server.address=127.0.0.1", "--browser.gatherUsageStats=false",
               "--server.fileWatcherType=none"]
    env = {**os.environ, "BENCHLEARN_DB": database, "PYTHONUNBUFFERED": "1"}
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as out:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)


def healthy(port: int) -> bool:
    """True when the worker answers its health check."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
            return response.read() == b"ok"
    except OSError:
        return False


def wait_healthy(port: int, process: subprocess.Popen, timeout_s: float = HEALTH_TIMEOUT_S) -> bool:
    """Wait until the worker answers, or it exits, or `timeout_s` passes; True when it answers."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and process.poll() is None:
        if healthy(port):
            return True
        time.sleep(0.2)
    return False
