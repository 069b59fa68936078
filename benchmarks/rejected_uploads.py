"""Server memory after rejected uploads: N browser sessions each upload a large bad CSV to `streamlit run`.

Each session logs in as a coordinator (a fresh browser context, as N people would), uploads a ~19.9 MB CSV
with 15 000 columns (a wide file whose indicator columns are unknown, so it is rejected with a report), and
waits for the report. The server's resident memory (VmRSS of the `streamlit run` process) is read after a
warm-up session, after each rejection with every session still open, and again after all browsers closed and
a pause. Issue 11.5: the rejected upload's InputError (with its traceback, holding the whole parse) was kept
in session state, about 0.9 GB per session.

Usage: python benchmarks/rejected_uploads.py [--uploads 10] [--columns 15000] [--mb 19.9] [--pause 60]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from benchlearn.api import accounts, ingest_path  # noqa: E402
from benchlearn.ingest import IngestOptions  # noqa: E402
from benchlearn.model import Kind  # noqa: E402
from benchlearn.store import open_store  # noqa: E402

REF = ROOT / "tests" / "data" / "ref"
NETWORK, USER, PASSWORD = "NET-BENCH", "coord", "coordinator-pass-1"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def build_store(db: Path) -> None:
    """Reference entities and indicators, one network of them, and its coordinator."""
    store = open_store(db)
    ingest_path(store, REF / "entities.csv", IngestOptions(kind=Kind.ENTITIES))
    ingest_path(store, REF / "indicators.csv", IngestOptions(kind=Kind.INDICATORS))
    members = db.with_name("members.csv")
    members.write_text("group,entity_code,group_kind\n" + "".join(f"{NETWORK},LT-0{i},network\n"
                                                                for i in range(1, 6)), encoding="utf-8")
    ingest_path(store, members, IngestOptions(kind=Kind.MEMBERS))
    accounts.add_user(store, USER, PASSWORD, "coordinator", [NETWORK])
    store.close()


def bad_csv(path: Path, columns: int, megabytes: float) -> Path:
    """A wide CSV: entity, period and `columns` - 2 unknown indicator columns, rows until about `megabytes`."""
    header = "entity_code,period," + ",".join(f"X{i}" for i in range(columns - 2)) + "\n"  # lines under 100 KB
    row = ",".join(str(i % 10) for i in range(columns - 2))
    limit = int(megabytes * 1_000_000)  # Streamlit counts maxUploadSize in 10^6 bytes
    with path.open("w", encoding="utf-8") as out:
        out.write(header)
        written, n = len(header), 0
        while True:
            line = f"LT-0{n % 5 + 1},{2000 + n % 20},{row}\n"
            if written + len(line) > limit:
                break
            out.write(line)
            written, n = written + len(line), n + 1
    return path


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MB (VmRSS)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def serve(db: Path, log: Path) -> tuple[subprocess.Popen, str]:
    """`streamlit run dashboard.py` on a free port, healthy."""
    import socket
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "BENCHLEARN_DB": str(db), "PYTHONUNBUFFERED": "1"}
    with log.open("wb") as out:
        server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless=true",
                                   f"--server.port={port}", "--server.address=127.0.0.1",
                                   "--browser.gatherUsageStats=false", "--server.fileWatcherType=none"],
                                  cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.read().decode().strip() == "ok":
                    return server, url
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError(f"the server did not start; see {log}")


def ready(page) -> None:  # noqa: ANN001
    page.wait_for_selector(READY, timeout=120_000)
    page.wait_for_timeout(150)
    page.wait_for_selector(READY, timeout=120_000)


def session(browser, url: str, upload: Path | None):  # noqa: ANN001, ANN201
    """A new browser context logged in on /upload; with a file, upload it and wait for the rejection."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{url}/upload")
    ready(page)
    page.get_by_role("textbox", name="User name").fill(USER)
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    ready(page)
    if upload is not None:
        page.locator('[data-testid="stFileUploader"] input[type=file]').set_input_files(str(upload))
        page.get_by_text("The file was not loaded", exact=False).wait_for(timeout=300_000)
        ready(page)
    return context


def main() -> None:
    """Run the measurement and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uploads", type=int, default=10)
    parser.add_argument("--columns", type=int, default=15_000)
    parser.add_argument("--mb", type=float, default=19.9)
    parser.add_argument("--pause", type=float, default=60.0, help="seconds to wait after closing the browsers")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        build_store(folder / "bench.duckdb")
        bad = bad_csv(folder / "wide_bad.csv", args.columns, args.mb)
        print(f"code: {ROOT}; file: {bad.stat().st_size / 1e6:.1f} MB, {args.columns} columns")
        server, url = serve(folder / "bench.duckdb", folder / "server.log")
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
                session(browser, url, None).close()  # warm-up: imports, caches, the upload page once
                base = rss_mb(server.pid)
                print(f"server RSS after a warm-up session: {base:.0f} MB")
                contexts = []
                for n in range(1, args.uploads + 1):
                    started = time.monotonic()
                    contexts.append(session(browser, url, bad))
                    now = rss_mb(server.pid)
                    print(f"after rejected upload {n:2}: {now:6.0f} MB (+{now - base:.0f} MB, "
                          f"{time.monotonic() - started:.1f} s)")
                for context in contexts:
                    context.close()
                browser.close()
            time.sleep(args.pause)
            final = rss_mb(server.pid)
            grown = rss_mb(server.pid) - base
            print(f"{args.pause:.0f} s after every browser closed: {final:.0f} MB (+{grown:.0f} MB); "
                  f"per rejected upload: {grown / args.uploads:.0f} MB")
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
