"""Support for browser tests: Debian's Chromium, a real `streamlit run` server, readiness and screenshots.

Facts behind the choices are in FIELD-NOTES.md ("Browser tests"): Playwright cannot download its own
browser here, Chromium needs flags to stay off the network, and "page loaded" is not "app ready".
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = Path(os.environ.get("BENCHLEARN_CHROMIUM", "/usr/bin/chromium"))
# Playwright adds --headless itself (and drops it for --headed); the rest keep Chromium off the network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Tall, because Streamlit scrolls an inner container and a "full page" screenshot only shows the viewport.
VIEWPORT = {"width": 1400, "height": 2400}
READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'
HEALTH_TIMEOUT_S = 60.0
_PORT_TAKEN = "is not available"


def browser_required() -> bool:
    """True when a missing Chromium must fail the run instead of skipping the browser tests (CI)."""
    return os.environ.get("BENCHLEARN_REQUIRE_BROWSER") == "1"


def require_chromium() -> Path:
    """Chromium's path; skip the calling test without it, or fail when BENCHLEARN_REQUIRE_BROWSER=1."""
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    message = f"no Chromium at {CHROMIUM} (apt-get install chromium fonts-liberation)"
    if browser_required():
        pytest.fail(f"{message}; BENCHLEARN_REQUIRE_BROWSER=1 forbids skipping the browser tests")
    pytest.skip(message)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago (the server retries if another process took it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def streamlit_command(port: int, script: str = "dashboard.py") -> list[str]:
    """The command serving `script` headless on 127.0.0.1:`port`, without telemetry or file watching."""
    return [
        sys.executable, "-m", "streamlit", "run", script,
        "--server.headless=true",
        f"--server.port={port}",
        "--server.address=127.0.0.1",
        "--browser.gatherUsageStats=false",
        "--server.fileWatcherType=none",
    ]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.read().decode().strip() == "ok"
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _start(db_path: Path, log_path: Path, port: int) -> tuple[subprocess.Popen, str]:
    env = {**os.environ, "BENCHLEARN_DB": str(db_path), "PYTHONUNBUFFERED": "1"}
    with log_path.open("wb") as log:  # one attempt per log: the port check reads only this one
        process = subprocess.Popen(
            streamlit_command(port), cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + HEALTH_TIMEOUT_S
    while time.monotonic() < deadline and process.poll() is None:
        if _healthy(url):
            return process, url
        time.sleep(0.2)
    _stop(process)
    return process, ""


def start_server(db_path: Path, log_path: Path, attempts: int = 3) -> tuple[subprocess.Popen, str]:
    """Start the dashboard on `db_path` (log in `log_path`); return its process and base URL, or fail with its
    log. The caller stops it (`serve` does, a crash test kills it)."""
    for _ in range(attempts):
        process, url = _start(db_path, log_path, free_port())
        log = log_path.read_text(errors="replace")
        # Another test process can take the port between free_port() and the bind: try a fresh one.
        if not url and _PORT_TAKEN in log:
            continue
        break
    if not url:
        pytest.fail(f"streamlit did not answer /_stcore/health with 'ok' within {HEALTH_TIMEOUT_S:.0f} s "
                    f"(exit code {process.returncode}); its output:\n{log}")
    return process, url


@contextmanager
def serve(db_path: Path, log_path: Path, attempts: int = 3) -> Iterator[str]:
    """Serve the dashboard on `db_path` for the block; yield its base URL, or fail with its log."""
    process, url = start_server(db_path, log_path, attempts)
    try:
        yield url
    finally:
        _stop(process)


def log_in(page: Page, url: str, username: str, password: str, path: str = "login") -> None:
    """Open `path` (a page showing the login form while logged out) and log in through the form."""
    page.goto(f"{url}/{path}")
    wait_ready(page)
    page.get_by_role("textbox", name="User name").fill(username)
    page.get_by_role("textbox", name="Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    wait_ready(page)


def wait_ready(page: Page, timeout_ms: float = 30_000) -> None:
    """Wait until the app has finished its script run (after loading and after every interaction)."""
    page.wait_for_selector(READY, timeout=timeout_ms)
    # A click's rerun request reaches the server a moment later, while the app still shows the old run as
    # finished: settle briefly, then require a finished run again.
    page.wait_for_timeout(150)
    page.wait_for_selector(READY, timeout=timeout_ms)


def screenshot(page: Page, name: str) -> Path:
    """Save a screenshot of the page as artifacts/screenshots/<name>.png (git-ignored) and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', name).strip('-')}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
