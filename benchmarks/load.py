"""Load: many analysts at once against a real `streamlit run dashboard.py` on 127.0.0.1 (issues 7 and 17).

Each analyst is one WebSocket session speaking Streamlit's own protocol, as the browser does: open
/_stcore/stream, send a `rerun_script` BackMsg carrying the page name and its URL query string, and wait for
the `script_finished` ForwardMsg. The time in between is the page time (the server's whole script run and
every element it sends; the browser's drawing is not included). Analysts move through the profile, ranking
and map pages with random municipalities, peer sets, indicators and periods of the demo store, pausing
a random "reading time" between pages (mean `--think` seconds; 0 = clicking as fast as the server answers).

A page counts as an error when the run does not finish successfully, the socket drops, no answer comes within
`--timeout`, or the page shows an exception or an error box. Server memory is the VmRSS of the server
process, read from /proc every second. A soak (`--soak-minutes`) keeps `--soak-sessions` analysts going and
compares the memory of its first and last minutes.

Targets (`--targets`, run one after the other in the same run, on the same data): `embedded`, the single
process over the DuckDB file (`make run`), and `cluster:N`, `python -m benchlearn.cluster` with N workers behind
nginx over a PostgreSQL server the benchmark starts and loads with the demo through the CLI (issue 17). Memory is
then the sum over the workers.

Usage: python benchmarks/load.py [--sessions 20,50] [--minutes 5] [--think 2] [--soak-minutes 0]
                                 [--soak-sessions 20] [--targets embedded,cluster:1,cluster:2] [--db PATH]
                                 [--json FILE]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager, nullcontext
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchlearn import api  # noqa: E402
from benchlearn.api import analyst  # noqa: E402
from benchlearn.store import open_store  # noqa: E402
from benchmarks.load_cpu import CpuMeter  # noqa: E402
from benchmarks.load_targets import Pids, cluster, database_server, embedded  # noqa: E402

HOST = "127.0.0.1"  # never anything else: this drives a local server only
PAGES = ("profile", "ranking", "map")
SLOW_S = 3.0
_ERROR_FORMAT = 1  # Alert.Format.ERROR: what st.error draws (our generic "something went wrong" box)


@dataclass(frozen=True)
class Choices:
    """What an analyst may pick: municipalities with their peer sets, indicators with their periods."""

    peers: dict[str, list[str]]
    periods: dict[str, list[str]]


@dataclass
class View:
    """One page view as the client measured it."""

    session: int
    page: str
    seconds: float
    error: str | None


@dataclass
class Level:
    """The figures of one run at a number of concurrent sessions."""

    sessions: int
    minutes: float
    think_s: float
    views: int
    errors: int
    p50_s: float
    p95_s: float
    max_s: float
    slow_sessions: int  # sessions whose own p95 passed SLOW_S
    rss_start_mb: float
    rss_peak_mb: float
    rss_end_mb: float
    load_average: float  # the machine's 1-minute load average at the end (2 cores: above 2 means queueing)
    per_page: dict[str, tuple[float, float]] = field(default_factory=dict)  # page → (p50, p95)
    error_examples: list[str] = field(default_factory=list)
    cpu: dict[str, float] = field(default_factory=dict)  # load_cpu.CpuMeter.read(): where the CPU went


def build_demo(folder: Path) -> Path:
    """The shipped real demo data loaded into a fresh store through the CLI."""
    path = folder / "load.duckdb"
    subprocess.run([sys.executable, "-m", "benchlearn", "demo", "--db", str(path)], cwd=ROOT, check=True,
                   capture_output=True, timeout=600)
    return path


def read_choices(db: Path) -> Choices:
    """The option space, read before the server opens the file (one process per file)."""
    store = open_store(db)
    try:
        entities = api.entities(store)
        codes = entities.loc[entities["kind"] == "municipality", ["code", "country"]].to_dict("records")
        peers = {e["code"]: [f"country:{e['country']}"] + [f"network:{n}" for n in
                                                            analyst.entity_networks(store, e["code"])]
                 for e in codes}
        periods = {code: api.periods_with_data(store, code)["period"].tolist()
                   for code in api.indicators(store)["code"]}
    finally:
        store.close()
    return Choices(peers, {k: v for k, v in periods.items() if v})


def next_view(rng: random.Random, choices: Choices, step: int) -> tuple[str, str]:
    """The page an analyst opens next (profile → ranking → map → …) and its query string."""
    page = PAGES[step % len(PAGES)]
    entity = rng.choice(sorted(choices.peers))
    indicator = rng.choice(sorted(choices.periods))
    params = {"entity": entity, "peers": rng.choice(choices.peers[entity]),
              "period": rng.choice(choices.periods[indicator])}
    if page != "profile":
        params["indicator"] = indicator
    return page, urlencode(params)


def rerun(page: str, query: str) -> bytes:
    """The BackMsg a browser sends to run `page` with the URL's query string."""
    msg = BackMsg()
    msg.rerun_script.page_name = page
    msg.rerun_script.query_string = query
    return msg.SerializeToString()


async def one_run(ws: websockets.ClientConnection, page: str, query: str, timeout: float) -> str | None:
    """Send one rerun and read until the script has finished; return an error description or None."""
    await ws.send(rerun(page, query))
    problem = None
    deadline = time.monotonic() + timeout
    while True:
        raw = await asyncio.wait_for(ws.recv(), max(deadline - time.monotonic(), 0.001))
        msg = ForwardMsg()
        msg.ParseFromString(raw)
        kind = msg.WhichOneof("type")
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            if element.WhichOneof("type") == "exception":
                problem = problem or f"exception element: {element.exception.type}"
            elif element.WhichOneof("type") == "alert" and element.alert.format == _ERROR_FORMAT:
                problem = problem or f"error box: {element.alert.body[:120]}"
        elif kind == "script_finished":
            status = msg.script_finished
            if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                continue  # the page called st.rerun(): the view ends with the next run
            if status != ForwardMsg.FINISHED_SUCCESSFULLY:
                problem = problem or f"script finished with status {status}"
            return problem


async def analyst_session(number: int, url: str, choices: Choices, until: float, think: float,
                          timeout: float, views: list[View]) -> None:
    """One analyst: a WebSocket session moving through the pages until `until` (monotonic seconds)."""
    rng = random.Random(number)
    step = rng.randrange(len(PAGES))
    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    try:
        async with websockets.connect(ws_url, subprotocols=["streamlit"], max_size=None,
                                      open_timeout=timeout) as ws:
            while time.monotonic() < until:
                page, query = next_view(rng, choices, step)
                step += 1
                start = time.perf_counter()
                try:
                    error = await one_run(ws, page, query, timeout)
                except TimeoutError:
                    error = f"no answer within {timeout:.0f} s"
                views.append(View(number, page, time.perf_counter() - start, error))
                if error and error.startswith("no answer"):
                    return  # the session is stuck: do not queue more runs behind it
                if think:
                    await asyncio.sleep(rng.uniform(0.5 * think, 1.5 * think))
    except (OSError, websockets.WebSocketException) as exc:
        views.append(View(number, "-", 0.0, f"connection: {type(exc).__name__}: {exc}"))


def rss_mb(pids: Pids) -> float:
    """The resident memory of the serving processes in MB (VmRSS from /proc; psutil is not installed); a worker
    restarting at that moment counts as 0."""
    total = 0.0
    for pid in pids():
        try:
            lines = Path(f"/proc/{pid}/status").read_text().splitlines()
        except OSError:
            continue
        total += next((int(line.split()[1]) / 1024 for line in lines if line.startswith("VmRSS:")), 0.0)
    return total


async def sample_rss(pids: Pids, until: float, samples: list[tuple[float, float]]) -> None:
    """Read the servers' RSS once a second until `until`."""
    start = time.monotonic()
    while time.monotonic() < until:
        samples.append((time.monotonic() - start, rss_mb(pids)))
        await asyncio.sleep(1.0)


async def drive(url: str, pid: Pids, choices: Choices, sessions: int, minutes: float, think: float,
                timeout: float, meter: CpuMeter | None = None) -> tuple[list[View], list[tuple[float, float]]]:
    """Run `sessions` analysts for `minutes`; return every view and the memory samples."""
    if meter is not None:
        meter.start()
    until = time.monotonic() + minutes * 60
    views: list[View] = []
    samples: list[tuple[float, float]] = []
    sampler = asyncio.create_task(sample_rss(pid, until, samples))
    # sessions arrive over the first seconds, as people do, not in one burst
    tasks = []
    for number in range(sessions):
        tasks.append(asyncio.create_task(analyst_session(number, url, choices, until, think, timeout, views)))
        await asyncio.sleep(min(0.1, minutes * 60 / max(sessions, 1) / 10))
    await asyncio.gather(*tasks)
    await sampler
    samples.append((minutes * 60, rss_mb(pid)))
    return views, samples


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0–100) by linear interpolation; NaN for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    at = (len(ordered) - 1) * q / 100
    low = int(at)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (at - low)


def summarise(sessions: int, minutes: float, think: float, views: list[View],
              samples: list[tuple[float, float]]) -> Level:
    """p50/p95 over all page views, errors, per-session p95 > 3 s, and memory."""
    times = [v.seconds for v in views if v.page != "-"]
    per_session: dict[int, list[float]] = {}
    for v in views:
        if v.page != "-":
            per_session.setdefault(v.session, []).append(v.seconds)
    errors = [v for v in views if v.error]
    rss = [mb for _, mb in samples]
    pages = {page: [v.seconds for v in views if v.page == page] for page in PAGES}
    return Level(
        sessions, minutes, think, len(times), len(errors), percentile(times, 50), percentile(times, 95),
        max(times, default=float("nan")), sum(percentile(t, 95) > SLOW_S for t in per_session.values()),
        rss[0], max(rss), rss[-1], load_average(),
        {page: (percentile(t, 50), percentile(t, 95)) for page, t in pages.items() if t},
        sorted({v.error for v in errors})[:5],
    )


def load_average() -> float:
    """The machine's 1-minute load average (other processes compete with the server for the 2 cores)."""
    return float(Path("/proc/loadavg").read_text().split()[0])


def soak_growth(samples: list[tuple[float, float]]) -> tuple[float, float, float]:
    """(median RSS of the first minute after a one-minute warm-up, of the last minute, growth in %)."""
    end = samples[-1][0]
    first = [mb for t, mb in samples if 60 <= t < 120] or [mb for _, mb in samples[: len(samples) // 4]]
    last = [mb for t, mb in samples if t >= end - 60]
    before, after = statistics.median(first), statistics.median(last)
    return before, after, 100 * (after - before) / before


def print_level(level: Level) -> None:
    """One line of figures for a run."""
    print(f"{level.sessions:>4} sessions  {level.minutes:g} min  think {level.think_s:g} s: "
          f"{level.views} page views, {level.errors} errors, p50 {level.p50_s:.2f} s, "
          f"p95 {level.p95_s:.2f} s, max {level.max_s:.2f} s, sessions with p95 > {SLOW_S:g} s: "
          f"{level.slow_sessions}/{level.sessions}; server RSS {level.rss_start_mb:.0f} → peak "
          f"{level.rss_peak_mb:.0f} → {level.rss_end_mb:.0f} MB; load average {level.load_average:.1f}",
          flush=True)
    pages = level.per_page.items()
    print("      " + "; ".join(f"{page} p50 {p50:.2f} s, p95 {p95:.2f} s" for page, (p50, p95) in pages))
    if level.cpu:
        print(f"      CPU: machine {level.cpu['machine_busy_pct']:.0f} % busy (all cores); dashboard processes "
              f"{level.cpu['serving_cpu_s']:.0f} s ({level.cpu['serving_cpu_s'] / max(level.views, 1):.2f} s per "
              f"view); database server {level.cpu.get('database_cpu_s', 0):.0f} s; load generator "
              f"{level.cpu['client_cpu_s']:.0f} s", flush=True)
    for example in level.error_examples:
        print(f"      error: {example}")


def targets(spec: str) -> list[tuple[str, int]]:
    """`embedded,cluster:1,cluster:2` → [("embedded", 1), ("cluster", 1), ("cluster", 2)]."""
    out = []
    for part in spec.split(","):
        kind, _, workers = part.strip().partition(":")
        if kind not in ("embedded", "cluster") or (kind == "cluster" and not workers.isdigit()):
            raise SystemExit(f"--targets: {part!r} is neither 'embedded' nor 'cluster:N'")
        out.append((kind, int(workers or 1)))
    return out


@contextmanager
def serving(kind: str, workers: int, db: Path, folder: Path, database: Callable[[], str]) -> Iterator[tuple[str, Pids]]:
    """The target's URL and its processes, for the block."""
    if kind == "embedded":
        with embedded(db, folder) as target:
            yield target
    else:
        with cluster(database(), workers, folder) as target:
            yield target


def run_target(url: str, pids: Pids, args: argparse.Namespace, choices: Choices, label: str) -> dict:
    """Every level (and the soak) against one target; its figures."""
    print(f"== {label} at {url}; {len(choices.peers)} municipalities, {len(choices.periods)} indicators; idle RSS "
          f"{rss_mb(pids):.0f} MB; load average before {load_average():.1f}", flush=True)
    levels = []
    for count in (int(s) for s in args.sessions.split(",")):
        meter = CpuMeter(pids)
        views, samples = asyncio.run(drive(url, pids, choices, count, args.minutes, args.think, args.timeout, meter))
        levels.append(summarise(count, args.minutes, args.think, views, samples))
        levels[-1].cpu = meter.read()
        print_level(levels[-1])
    soak = None
    if args.soak_minutes:
        views, samples = asyncio.run(drive(url, pids, choices, args.soak_sessions, args.soak_minutes, args.think,
                                           args.timeout))
        level = summarise(args.soak_sessions, args.soak_minutes, args.think, views, samples)
        before, after, growth = soak_growth(samples)
        soak = {**asdict(level), "rss_first_minute_mb": before, "rss_last_minute_mb": after,
                "growth_percent": growth}
        print_level(level)
        print(f"soak: RSS {before:.0f} MB in its second minute → {after:.0f} MB in its last ({growth:+.1f} %)",
              flush=True)
    return {"target": label, "levels": [asdict(v) for v in levels], "soak": soak}


def main() -> None:
    """Parse the flags, run each target's levels (and soak), print (and optionally save) figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", default="20,50", help="comma-separated concurrent session counts")
    parser.add_argument("--minutes", type=float, default=5.0, help="minutes per level")
    parser.add_argument("--think", type=float, default=2.0, help="mean seconds an analyst reads a page")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a page view is an error")
    parser.add_argument("--soak-minutes", type=float, default=0.0, help="soak duration (the issue asks 30)")
    parser.add_argument("--soak-sessions", type=int, default=20)
    parser.add_argument("--targets", default="embedded",
                        help="comma-separated: embedded (one process over the file) and/or cluster:N (N workers "
                             "behind nginx over a PostgreSQL server), run one after the other in this run")
    parser.add_argument("--db", type=Path, help="a store to copy (default: build the demo store)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--folder", type=Path,
                        help="work in this folder and keep it: the targets' logs, to read what an error was "
                             "(default: a temporary folder, removed at the end)")
    args = parser.parse_args()
    if args.folder:
        args.folder.mkdir(parents=True, exist_ok=True)
    work = nullcontext(str(args.folder)) if args.folder else tempfile.TemporaryDirectory(prefix="benchlearn-load-")
    with work as tmp, ExitStack() as servers:
        folder = Path(tmp)
        db = folder / "load.duckdb"
        if args.db:
            shutil.copyfile(args.db, db)
        else:
            db = build_demo(folder)
        choices = read_choices(db)
        addresses: list[str] = []

        def database() -> str:  # one server for every cluster target, loaded once
            if not addresses:
                addresses.append(servers.enter_context(database_server(folder)))
            return addresses[0]

        results = []
        for kind, workers in targets(args.targets):
            label = "embedded (1 process, DuckDB file)" if kind == "embedded" else (
                f"cluster: {workers} worker{'s' if workers > 1 else ''} behind nginx, PostgreSQL")
            with serving(kind, workers, db, folder, database) as (url, pids):
                results.append(run_target(url, pids, args, choices, label))
        if args.json:
            args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
