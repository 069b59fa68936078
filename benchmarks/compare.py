"""Engine speed against hand-written DuckDB SQL doing the same work, in the same run (issue 3).

The store is SYNTHETIC (generated here, labelled so): 100 000 entities × 50 indicators × 10 periods = 50 M
observations, in Benchlearn's own schema. Each case runs the api (DuckDB slice → pandas engine) and one
hand-written SQL query computing the same numbers — checked before timing: the run stops if a baseline's
table differs from the api's — interleaved so both see the same load; medians of several runs and the ratio
are printed. Target: every ratio ≤ 3×, and the profile of one municipality fast enough for a page.

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

import numpy as np
import pandas as pd

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


# The baselines compute what the api returns, as one statement each: every column of the api's table (polarity
# included) over the same rows (the peers and the entity; the candidates of the target's kind and country).

SQL_INDICATOR = """
WITH peers AS (SELECT code AS entity_code, name FROM entity WHERE {peer_filter}),
x AS (SELECT p.entity_code, p.name, o.value, coalesce(o.status, 'not_available') AS status FROM peers p
      LEFT JOIN observation o ON o.entity_code = p.entity_code AND o.indicator_code = ? AND o.period = ?),
s AS (SELECT count(value) n, count(*) - count(value) missing, avg(value) mean, median(value) med,
             quantile_cont(value, 0.25) p25, quantile_cont(value, 0.75) p75, min(value) lo, max(value) best,
             stddev_pop(value) sd FROM x),
m AS (SELECT median(abs(x.value - s.med)) mad FROM x, s),
r AS (SELECT x.*, CASE WHEN x.value IS NULL THEN NULL ELSE rank() OVER (ORDER BY x.value DESC NULLS LAST) END AS rank,
             CASE WHEN x.value IS NULL THEN NULL WHEN s.n = 1 THEN 100.0
                  ELSE 100.0 * (count(x.value) OVER (ORDER BY x.value RANGE BETWEEN UNBOUNDED PRECEDING
                                                     AND CURRENT ROW) - 1) / (s.n - 1) END AS percentile
      FROM x, s)
SELECT r.entity_code, r.name AS entity_name, r.value, r.rank, r.percentile, (r.value - s.mean) / nullif(s.sd, 0) AS z,
       (r.value - s.med) / nullif(m.mad, 0) AS mad_score,
       CASE WHEN r.value IS NULL THEN 'no_data' WHEN r.percentile >= 75 THEN 'top' WHEN r.percentile >= 50
            THEN 'upper_middle' WHEN r.percentile >= 25 THEN 'lower_middle' ELSE 'bottom' END AS band,
       r.value - s.med AS gap_to_median, r.value - s.best AS gap_to_best, s.n AS peer_n, s.missing AS peer_missing,
       s.med AS peer_median, s.mean AS peer_mean, m.mad AS peer_mad, r.status, s.p25, s.p75, s.lo, s.best
FROM r, s, m ORDER BY r.rank NULLS LAST, r.entity_code
"""

# One entity against its peers on every indicator with data in the period: the entity's rank and percentile come
# from counting the peers below, level with and above it (no ranking of every peer), the previous period is the
# latest one before the period among those indicators' observations.
SQL_PROFILE = """
WITH peers AS (SELECT code FROM entity WHERE {peer_filter} UNION SELECT ?),
ind AS (SELECT code, name_en, unit, polarity, CASE polarity WHEN 'lower_better' THEN -1 ELSE 1 END AS sign
        FROM indicator WHERE code IN (SELECT indicator_code FROM observation WHERE period = ? AND value IS NOT NULL)),
own AS (SELECT indicator_code, value FROM observation WHERE entity_code = ? AND period = ?),
s AS (SELECT x.indicator_code, count(*) AS rows, count(x.value) AS n, median(x.value) AS med,
             count(*) FILTER (WHERE x.value < own.value) AS below, count(*) FILTER (WHERE x.value = own.value) AS equal,
             count(*) FILTER (WHERE x.value > own.value) AS above
      FROM observation x SEMI JOIN peers p ON p.code = x.entity_code LEFT JOIN own USING (indicator_code)
      WHERE x.period = ? GROUP BY x.indicator_code),
before AS (SELECT min(period) AS period FROM observation WHERE indicator_code IN (SELECT code FROM ind)
           AND period_key = (SELECT max(period_key) FROM observation WHERE indicator_code IN (SELECT code FROM ind)
                             AND period_key < (SELECT min(period_key) FROM observation WHERE period = ?))),
prev AS (SELECT indicator_code, period, value FROM observation
         WHERE entity_code = ? AND period = (SELECT period FROM before)),
r AS (SELECT ind.code, ind.name_en, ind.unit, ind.polarity, ind.sign, own.value,
             own.indicator_code IS NOT NULL AS own_row,
             coalesce(s.rows, 0) AS rows, coalesce(s.n, 0) AS n, s.med,
             CASE WHEN own.value IS NULL THEN NULL WHEN ind.sign > 0 THEN s.below + s.equal ELSE s.above + s.equal END
               AS at_least
      FROM ind LEFT JOIN s ON s.indicator_code = ind.code LEFT JOIN own ON own.indicator_code = ind.code),
q AS (SELECT r.*, CASE WHEN r.at_least IS NULL THEN NULL WHEN r.n = 1 THEN 100.0
                       ELSE 100.0 * (r.at_least - 1) / (r.n - 1) END AS percentile FROM r)
SELECT q.code AS indicator_code, q.name_en, q.unit, q.polarity, q.value, q.med AS peer_median, q.percentile,
       CASE WHEN q.value IS NULL THEN 'no_data' WHEN q.percentile >= 75 THEN 'top' WHEN q.percentile >= 50
            THEN 'upper_middle' WHEN q.percentile >= 25 THEN 'lower_middle' ELSE 'bottom' END AS band,
       q.n - q.at_least + 1 AS rank, q.n AS peer_n,
       q.rows - q.n + CASE WHEN q.own_row THEN 0 ELSE 1 END AS peer_missing,
       (q.value - q.med) * q.sign AS gap_to_median, prev.period AS previous_period, prev.value AS previous_value,
       q.value - prev.value AS change,
       CASE WHEN q.value IS NULL OR prev.value IS NULL THEN NULL
            WHEN CASE WHEN prev.value = 0 THEN q.value = 0 ELSE abs((q.value - prev.value) / prev.value) < 0.01 END
              THEN 'stable'
            WHEN q.polarity = 'neutral' THEN CASE WHEN q.value > prev.value THEN 'up' ELSE 'down' END
            WHEN (q.value - prev.value) * q.sign > 0 THEN 'improving' ELSE 'worsening' END AS direction
FROM q LEFT JOIN prev ON prev.indicator_code = q.code ORDER BY q.code
"""

# z-scores over the candidates (the target's kind and country) with a value, missing → 0, Euclidean distance
# rebased on the farthest, the k nearest with their names and match.
SQL_NEAREST = """
WITH cand AS (SELECT code, name FROM entity WHERE kind = (SELECT kind FROM entity WHERE code = ?)
              AND upper(country) = (SELECT upper(country) FROM entity WHERE code = ?)),
x AS (SELECT o.entity_code, o.indicator_code, o.value FROM observation o SEMI JOIN cand c ON c.code = o.entity_code
      WHERE o.indicator_code IN ('I02', 'I05', 'I08') AND o.period = '2024' AND o.value IS NOT NULL),
z AS (SELECT entity_code, indicator_code,
             coalesce((value - avg(value) OVER w) / nullif(stddev_pop(value) OVER w, 0), 0) z
      FROM x WINDOW w AS (PARTITION BY indicator_code)),
t AS (SELECT indicator_code, z AS tz FROM z WHERE entity_code = ?),
e AS (SELECT DISTINCT entity_code FROM z WHERE entity_code <> ?),
d AS (SELECT e.entity_code, sqrt(sum((coalesce(z.z, 0) - t.tz) ^ 2)) dist FROM e CROSS JOIN t
      LEFT JOIN z ON z.entity_code = e.entity_code AND z.indicator_code = t.indicator_code GROUP BY e.entity_code),
r AS (SELECT entity_code, dist / max(dist) OVER () AS distance FROM d)
SELECT r.entity_code, c.name AS entity_name, r.distance, 100 * (1 - r.distance) AS match
FROM r JOIN cand c ON c.code = r.entity_code ORDER BY r.distance, r.entity_code LIMIT 15
"""


def timed(engine: Callable[[], object], baseline: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median wall times of `repeat` calls of each (after one warm-up call of each), the two interleaved and
    taking turns to go first, so that both see the same load on a shared machine."""
    engine(), baseline()
    times: dict[Callable[[], object], list[float]] = {engine: [], baseline: []}
    for i in range(repeat):
        for func in (engine, baseline) if i % 2 == 0 else (baseline, engine):
            start = time.perf_counter()
            func()
            times[func].append(time.perf_counter() - start)
    return statistics.median(times[engine]), statistics.median(times[baseline])


def agree(engine: object, baseline: pd.DataFrame, key: str) -> list[str]:
    """The columns on which the api's table and the baseline's differ (floats to 1e-9), rows matched by `key`."""
    table = engine.table if isinstance(engine, api.Comparison) else engine[0] if isinstance(engine, tuple) else engine
    left, right = table.set_index(key).sort_index(), baseline.set_index(key).sort_index()
    if not left.index.equals(right.index):
        return [key]
    differ = []
    for column in left.columns.intersection(right.columns):
        a, b = left[column], right[column]
        if pd.api.types.is_numeric_dtype(a) and pd.api.types.is_numeric_dtype(b):
            same = np.allclose(a.astype("float64"), b.astype("float64"), rtol=1e-9, atol=1e-9, equal_nan=True)
        else:
            same = [None if pd.isna(v) else str(v) for v in a] == [None if pd.isna(v) else str(v) for v in b]
        if not same:
            differ.append(column)
    return differ


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
        profile_args = [target, "2024", target, "2024", "2024", "2024", target]
        cases = [
            ("one indicator over all entities",
             lambda: api.compare_indicator(store, "I00", "2024", "all"),
             sql(store, SQL_INDICATOR.format(peer_filter="kind = 'municipality'"), ["I00", "2024"]), "entity_code"),
            ("one indicator over a 1 000-member network",
             lambda: api.compare_indicator(store, "I00", "2024", "network:NET"),
             sql(store, SQL_INDICATOR.format(peer_filter=network_filter), ["I00", "2024"]), "entity_code"),
            ("an entity profile over 50 indicators, 1 000 peers",
             lambda: api.profile(store, target, "2024", "network:NET"),
             sql(store, SQL_PROFILE.format(peer_filter=network_filter), profile_args), "indicator_code"),
            ("an entity profile over 50 indicators, all peers",
             lambda: api.profile(store, target, "2024", "all"),
             sql(store, SQL_PROFILE.format(peer_filter="kind = 'municipality'"), profile_args), "indicator_code"),
            ("15 nearest neighbours among all entities",
             lambda: api.neighbours(store, target, 15, ["I02", "I05", "I08"], None, "2024"),
             sql(store, SQL_NEAREST, [target] * 4), "entity_code"),
        ]
        for name, engine, baseline, key in cases:  # the baselines must compute what the api returns
            differ = agree(engine(), baseline(), key)
            if differ:
                sys.exit(f"{name}: the SQL baseline differs from the api on {', '.join(differ)}")
        print("every SQL baseline returns the api's numbers (to 1e-9)")
        print(f"{'case':50s} {'engine':>9s} {'SQL':>9s} {'ratio':>7s}")
        for name, engine, baseline, _ in cases:
            e, b = timed(engine, baseline, args.repeat)
            print(f"{name:50s} {e * 1000:8.0f}ms {b * 1000:8.0f}ms {e / b:6.2f}×  (target ≤ 3×)")
        store.close()


if __name__ == "__main__":
    main()
