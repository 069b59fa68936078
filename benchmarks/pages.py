"""Page speed: the median script run time of every analyst page (AppTest), on the demo store and on a store
ten times larger, cold (every cache cleared before the run) and warm (a rerun of the same session, as when
an analyst changes a widget), with the ratio large / demo.

The large store is SYNTHETIC (generated here, labelled so): the real demo store plus, for each of its
municipalities, nine clones named "SYNTHETIC <n> of <name>" in the same country, county and networks, whose
stored values are the real ones times a random factor (log-normal, sd 0.15; rounded to the indicator's
decimals and kept within its declared range, as validation requires), loaded through the validated upload
path. Derived indicators (rates, shares) are computed from those as for real data.

Usage: python benchmarks/pages.py [--runs 5] [--factor 10] [--pages ranking,profile]
"""

from __future__ import annotations

import argparse
import csv
import io
import math
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from benchlearn import api  # noqa: E402
from benchlearn.ingest import IngestOptions  # noqa: E402
from benchlearn.model import Kind  # noqa: E402
from benchlearn.store import Store, open_store  # noqa: E402
from benchlearn.ui.navigation import SECTIONS  # noqa: E402

# Every page's URL keys at once: each page reads the ones it uses.
PARAMS = {"entity": "LT-43", "peers": "country:LT", "indicator": "BIRTHS_PER_1000", "period": "2017",
          "network": "lt-municipalities", "x": "POP_DENSITY", "y": "BIRTHS_PER_1000", "lang": "en"}
SEED = 20261124


def analyst_pages() -> list[str]:
    """The analyst pages (the Compare section of the menu) that exist."""
    return [path for path, *_ in SECTIONS["nav.compare"] if (ROOT / path).exists()]


def _rows(store: Store, sql: str, params: list | None = None) -> list[tuple]:
    with store.cursor() as cur:
        return cur.execute(sql, params or []).fetchall()


def _csv(header: list[str], rows: list[list]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def add_synthetic_clones(store: Store, factor: int) -> int:
    """Add factor − 1 SYNTHETIC clones of every municipality (entities, memberships, values); return how many."""
    rng = random.Random(SEED)
    towns = _rows(store, "SELECT code, name, parent_code, country FROM entity WHERE kind = 'municipality'")
    clones = {code: [f"{code}-S{n:02d}" for n in range(1, factor)] for code, *_ in towns}
    entities = [[clone, f"SYNTHETIC {n} of {name}", "municipality", parent or "", country or ""]
                for code, name, parent, country in towns for n, clone in enumerate(clones[code], start=1)]
    api.ingest_bytes(store, _csv(["code", "name", "kind", "parent_code", "country"], entities),
                     "synthetic_entities.csv", IngestOptions(kind=Kind.ENTITIES))
    members = [[group, clone] for group, code in
               _rows(store, "SELECT network_code, entity_code FROM network_member")
               + _rows(store, "SELECT group_code, entity_code FROM peer_group_member")
               if code in clones for clone in clones[code]]
    api.ingest_bytes(store, _csv(["group", "entity_code"], members), "synthetic_members.csv",
                     IngestOptions(kind=Kind.MEMBERS))
    # each indicator's decimals and declared range: a share of 98 % times the noise must stay a share
    shape = {code: (int(places), low, high) for code, places, low, high in _rows(
        store, "SELECT code, coalesce(decimals, 1), min_value, max_value FROM indicator")}
    values = []
    for code, indicator, period, value in _rows(
            store, "SELECT entity_code, indicator_code, period, value FROM observation WHERE value IS NOT NULL"):
        places, low, high = shape.get(indicator, (1, None, None))
        for clone in clones.get(code, []):
            noisy = value * math.exp(rng.gauss(0, 0.15))
            noisy = min(max(noisy, low if low is not None else -math.inf), high if high is not None else math.inf)
            values.append([clone, indicator, period, round(noisy, places)])
    api.ingest_bytes(store, _csv(["entity_code", "indicator_code", "period", "value"], values),
                     "synthetic_values.csv")
    return len(entities)


def build_stores(folder: Path, factor: int) -> dict[str, Path]:
    """The demo store and the SYNTHETIC store `factor` times larger, built in `folder`."""
    paths = {"demo": folder / "demo.duckdb", "large": folder / "large.duckdb"}
    for name, path in paths.items():
        store = open_store(str(path))
        api.load_demo(store)
        if name == "large":
            added = add_synthetic_clones(store, factor)
            counts = api.summary(store)
            print(f"SYNTHETIC store: {counts['municipalities']} municipalities ({added} synthetic clones), "
                  f"{counts['observations']} stored observations")
        store.close()
    return paths


def app_for(page: str) -> AppTest:
    """An AppTest of the dashboard switched to `page` (a path under pages/), with every URL key of PARAMS."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=300)
    at.switch_page(page)
    for key, value in PARAMS.items():
        at.query_params[key] = value
    return at


def _timed(at: AppTest) -> float:
    start = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - start
    if at.exception:
        raise RuntimeError(at.exception[0].message)
    return elapsed


def measure(page: str, runs: int) -> tuple[float, float]:
    """(cold, warm) median seconds of `runs` script runs of one page."""
    import streamlit as st

    cold = []
    for _ in range(runs):
        st.cache_data.clear()
        cold.append(_timed(app_for(page)))
    at = app_for(page)
    _timed(at)
    warm = [_timed(at) for _ in range(runs)]
    return statistics.median(cold), statistics.median(warm)


def main() -> None:
    """Build both stores, time every page on each, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--factor", type=int, default=10)
    parser.add_argument("--pages", help="comma-separated page names (default: every analyst page)")
    args = parser.parse_args()
    pages = analyst_pages()
    if args.pages:
        pages = [p for p in pages if Path(p).stem in args.pages.split(",")]
    with tempfile.TemporaryDirectory() as folder:
        stores = build_stores(Path(folder), args.factor)
        results: dict[str, dict[str, tuple[float, float]]] = {}
        for name, path in stores.items():
            os.environ["BENCHLEARN_DB"] = str(path)  # the dashboard opens (and caches) the store by this path
            results[name] = {page: measure(page, args.runs) for page in pages}
    print(f"\nMedian script run time per page, seconds ({args.runs} runs each; AppTest; large = SYNTHETIC "
          f"{args.factor}x municipalities)")
    header = f"{'page':<12}{'demo cold':>11}{'demo warm':>11}{'large cold':>12}{'large warm':>12}" \
             f"{'ratio cold':>12}{'ratio warm':>12}"
    print(header)
    print("-" * len(header))
    for page in pages:
        (dc, dw), (lc, lw) = results["demo"][page], results["large"][page]
        print(f"{Path(page).stem:<12}{dc:>11.3f}{dw:>11.3f}{lc:>12.3f}{lw:>12.3f}{lc / dc:>11.2f}x{lw / dw:>11.2f}x")


if __name__ == "__main__":
    main()
