"""Engine speed against hand-written DuckDB SQL doing the same work, in the same run (issue 3).

The store is SYNTHETIC (generated here, labelled so): 100 000 entities × 50 indicators × 10 periods = 50 M
observations, in Benchlearn's own schema. Each case runs the api (DuckDB slice → pandas engine) and one
hand-written SQL query computing the same numbers; medians of several runs and the ratio are printed.
Target: every ratio ≤ 3×, and the profile of one municipality fast enough for a page.

Usage: python benchmarks/compare.py [--entities 100000] [--repeat 5] [--db PATH (kept for reuse)]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchlearn import api  # noqa: E402
from benchlearn.store import Store, open_store  # noqa: E402

INDICATORS, PERIODS, NETWORK_SIZE = 50, 10, 1000


def build(store: Store, entities: int) -> None:
    """Fill an empty store with the synthetic data, in SQL (the ingest path is measured elsewhere)."""
    with store.transaction() as cur:
        cur.execute("""INSERT INTO entity (code, name, kind, country)
                       SELECT printf('S%06d', i), 'Synthetic entity ' || i, 'municipality', 'XX'
                       FROM range(?) t(i)""", [entities])
        cur.execute("""INSERT INTO indicator (code, name_en, unit, polarity)
                       SELECT printf('I%02d', i), 'Synthetic indicator ' || i, 'index',
                              CASE i % 3 WHEN 0 THEN 'higher_better' WHEN 1 THEN 'lower_better' ELSE 'neutral' END
                       FROM range(?) t(i)""", [INDICATORS])
        cur.execute("INSERT INTO network (code, name) VALUES ('NET', 'Synthetic network of 1 000')")
        cur.execute("INSERT INTO network_member SELECT 'NET', printf('S%06d', i * (? // ?)), NULL FROM range(?) t(i)",
                    [entities, NETWORK_SIZE, NETWORK_SIZE])
        cur.execute("INSERT INTO network_indicator SELECT 'NET', printf('I%02d', i), NULL FROM range(?) t(i)",
                    [INDICATORS])
        cur.execute("""INSERT INTO batch VALUES (1, 'values', 'synthetic', '-', 'benchmark', NULL, current_timestamp,
                       0, 0, 0, 0, 'committed', NULL, NULL)""")
    for ind in range(INDICATORS):  # one transaction per indicator keeps memory modest
        with store.transaction() as cur:
            cur.execute("""INSERT INTO observation
                           SELECT printf('S%06d', e), printf('I%02d', ?), (2015 + p)::TEXT, 2015 + p,
                                  CASE WHEN hash(e, ?, p) % 50 = 0 THEN NULL
                                       ELSE (hash(e * 7 + p, ?) % 100000) / 100.0 END,
                                  CASE WHEN hash(e, ?, p) % 50 = 0 THEN 'not_available' ELSE 'final' END, 1
                           FROM range(?) a(e), range(?) b(p)""", [ind, ind, ind, ind, entities, PERIODS])
    store.checkpoint()


SQL_INDICATOR = """
WITH peers AS (SELECT code AS entity_code, name FROM entity WHERE {peer_filter}),
x AS (SELECT p.entity_code, p.name, o.value FROM peers p LEFT JOIN observation o
      ON o.entity_code = p.entity_code AND o.indicator_code = ? AND o.period = ?),
s AS (SELECT count(value) n, count(*) - count(value) missing, avg(value) mean, median(value) med,
             stddev_pop(value) sd, max(value) best FROM x),
m AS (SELECT median(abs(x.value - s.med)) mad FROM x, s)
SELECT x.entity_code, x.name, x.value,
       CASE WHEN x.value IS NULL THEN NULL ELSE rank() OVER (ORDER BY x.value DESC NULLS LAST) END AS rank,
       CASE WHEN x.value IS NULL THEN NULL
            ELSE 100.0 * (count(x.value) OVER (ORDER BY x.value RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) - 1)
                 / greatest(s.n - 1, 1) END AS percentile,
       (x.value - s.mean) / nullif(s.sd, 0) AS z, (x.value - s.med) / nullif(m.mad, 0) AS mad_score,
       x.value - s.med AS gap_to_median, x.value - s.best AS gap_to_best, s.n, s.missing, s.med, s.mean, m.mad
FROM x, s, m ORDER BY rank NULLS LAST, x.entity_code
"""

SQL_PROFILE = """
WITH peers AS (SELECT code AS entity_code FROM entity WHERE {peer_filter}),
x AS (SELECT o.indicator_code, o.entity_code, o.value FROM observation o SEMI JOIN peers p USING (entity_code)
      WHERE o.period = ?),
s AS (SELECT indicator_code, median(value) med, count(value) n FROM x GROUP BY indicator_code),
r AS (SELECT indicator_code, entity_code, value,
             rank() OVER (PARTITION BY indicator_code ORDER BY value DESC NULLS LAST) rk,
             count(value) OVER (PARTITION BY indicator_code ORDER BY value
                                RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) le FROM x),
prev AS (SELECT indicator_code, value AS previous_value FROM observation WHERE entity_code = ? AND period = ?)
SELECT r.indicator_code, r.value, s.med, 100.0 * (r.le - 1) / greatest(s.n - 1, 1) pct, r.rk, s.n,
       r.value - s.med gap, prev.previous_value, r.value - prev.previous_value change
FROM r JOIN s USING (indicator_code) LEFT JOIN prev USING (indicator_code) WHERE r.entity_code = ?
"""

SQL_NEAREST = """
WITH x AS (SELECT entity_code, indicator_code, value FROM observation
           WHERE indicator_code IN ('I02', 'I05', 'I08') AND period = '2024'),
z AS (SELECT entity_code, indicator_code,
             coalesce((value - avg(value) OVER w) / nullif(stddev_pop(value) OVER w, 0), 0) z
      FROM x WINDOW w AS (PARTITION BY indicator_code)),
t AS (SELECT indicator_code, z AS tz FROM z WHERE entity_code = ?),
d AS (SELECT z.entity_code, sqrt(sum((z.z - t.tz) ^ 2)) dist FROM z JOIN t USING (indicator_code)
      WHERE z.entity_code <> ? GROUP BY z.entity_code)
SELECT entity_code, dist / max(dist) OVER () AS distance FROM d ORDER BY distance, entity_code LIMIT 15
"""


def timed(func: Callable[[], object], repeat: int) -> float:
    """Median wall time of `repeat` calls (after one warm-up call)."""
    func()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def sql(store: Store, query: str, params: list) -> Callable[[], object]:
    """A callable running one query on a fresh cursor and materialising the result, as the api does."""
    def run() -> object:
        with store.cursor() as cur:
            return cur.execute(query, params).df()
    return run


def main() -> None:
    """Build (or reuse) the synthetic store and print each case's median times and ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--db", help="keep the synthetic store here (built when missing)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.db) if args.db else Path(tmp) / "synthetic.duckdb"
        fresh = not path.exists()
        store = open_store(path)
        if fresh:
            start = time.perf_counter()
            build(store, args.entities)
            print(f"built the synthetic store ({args.entities:,} × {INDICATORS} × {PERIODS}) in "
                  f"{time.perf_counter() - start:.0f} s")
        target = "S000000"
        network_filter = "code IN (SELECT entity_code FROM network_member WHERE network_code = 'NET')"
        cases = [
            ("one indicator over all entities",
             lambda: api.compare_indicator(store, "I00", "2024", "all"),
             sql(store, SQL_INDICATOR.format(peer_filter="kind = 'municipality'"), ["I00", "2024"])),
            ("one indicator over a 1 000-member network",
             lambda: api.compare_indicator(store, "I00", "2024", "network:NET"),
             sql(store, SQL_INDICATOR.format(peer_filter=network_filter), ["I00", "2024"])),
            ("an entity profile over 50 indicators, 1 000 peers",
             lambda: api.profile(store, target, "2024", "network:NET"),
             sql(store, SQL_PROFILE.format(peer_filter=network_filter), ["2024", target, "2023", target])),
            ("an entity profile over 50 indicators, all peers",
             lambda: api.profile(store, target, "2024", "all"),
             sql(store, SQL_PROFILE.format(peer_filter="kind = 'municipality'"), ["2024", target, "2023", target])),
            ("15 nearest neighbours among all entities",
             lambda: api.neighbours(store, target, 15, ["I02", "I05", "I08"], None, "2024"),
             sql(store, SQL_NEAREST, [target, target])),
        ]
        print(f"{'case':50s} {'engine':>9s} {'SQL':>9s} {'ratio':>7s}")
        for name, engine, baseline in cases:
            e, b = timed(engine, args.repeat), timed(baseline, args.repeat)
            print(f"{name:50s} {e * 1000:8.0f}ms {b * 1000:8.0f}ms {e / b:6.2f}×  (target ≤ 3×)")
        store.close()


if __name__ == "__main__":
    main()
