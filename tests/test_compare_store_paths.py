"""The store's SQL fast paths give exactly the numbers of the pandas paths they replaced (issue 3).

`api.profile` counts peers in DuckDB (`reads.peer_counts` → `compare.profile_from_counts`) instead of scoring
every peer's row in pandas (`reads.panel` → `compare.entity_profile`); `api.neighbours` pivots the structural
table in DuckDB (`reads.structural`) instead of pivoting a long panel. Both are checked against the pandas path,
rebuilt here from the engine's own functions, on the demo store (real data with derived indicators, gaps and
counties) and on a small store built for the edge cases: ties at the entity's value, even and odd peer counts,
rows without a value, an entity without a row, zero denominators, duplicate codes in a peer list.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchlearn import api, compare
from benchlearn.api.honesty import honest_profile
from benchlearn.errors import NotFoundError
from benchlearn.store import Store, open_store, reads

# The previous period as the api found it before the walk-back in reads.previous_period: one GROUP BY.
PREVIOUS_BY_GROUPING = """SELECT period FROM observation WHERE indicator_code IN (SELECT unnest(?::VARCHAR[]))
    GROUP BY period HAVING min(period_key) < (SELECT min(period_key) FROM observation WHERE period = ?)
    ORDER BY min(period_key) DESC LIMIT 1"""


def stored_parts(cur, indicators: list[str]) -> list[str]:  # noqa: ANN001
    """The stored indicators behind a list (a derived one by its numerator and denominator)."""
    meta = reads.indicators(cur, indicators)
    parts = set(meta.loc[meta["numerator_code"].isna(), "code"])
    return sorted(parts | set(meta["numerator_code"].dropna()) | set(meta["denominator_code"].dropna()))


def pandas_profile(store: Store, entity: str, period: str, spec: str | None, network: str | None) -> pd.DataFrame:
    """api.profile's table the way it was computed before the counts: every peer's row scored in pandas."""
    peers = api.resolve(store, spec, period)
    codes = peers.codes if entity in peers.codes else [entity, *peers.codes]
    meta = api.indicators_of(store, network)
    with store.cursor() as cur:
        meta = meta[meta["code"].isin(reads.indicators_with_data(cur, meta["code"].tolist(), period))]
        if meta.empty:
            raise NotFoundError(f"no indicator has data in period {period!r}")
        indicators = meta["code"].tolist()
        found = cur.execute(PREVIOUS_BY_GROUPING, [stored_parts(cur, indicators), period]).fetchall()
        panel = reads.panel(cur, indicators, codes, [period])
        if found:
            panel = pd.concat([panel, reads.panel(cur, indicators, [entity], [found[0][0]])], ignore_index=True)
    table = compare.entity_profile(panel, meta, entity, period)
    # a shared rank (issue 16.2): another member of the peer set (once each) has the entity's value
    now = panel[panel["period"] == period].drop_duplicates(["entity_code", "indicator_code"]).dropna(subset=["value"])
    own = now[now["entity_code"] == entity].set_index("indicator_code")["value"]
    same = now[now["value"] == now["indicator_code"].map(own)].groupby("indicator_code").size()
    table["tied"] = (table["indicator_code"].map(same).fillna(0).gt(1) & table["rank"].notna()).to_numpy()
    # both paths then apply the same honesty rules of issue 16.2 (small denominators re-scored, < 5 peers)
    return honest_profile(store, table, meta, entity, period, peers.codes)


def pandas_neighbours(store: Store, target: str, k: int, on: list[str], weights: list[float] | None,
                      period: str | None) -> pd.DataFrame:
    """api.neighbours' distances the way they were computed before: a long panel pivoted in pandas."""
    with store.cursor() as cur:
        row = reads.entities(cur, [target])
        own = reads.panel(cur, on, [target], [period] if period else None).dropna(subset=["value"])
        if own.empty:
            raise NotFoundError(f"{target} has no values for the structural indicators {', '.join(on)}")
        latest = own.loc[own.groupby("indicator_code")["period_key"].idxmax(), ["indicator_code", "period"]]
        candidates = reads.entity_codes(cur, row["kind"].iloc[0], row["country"].iloc[0])
        panel = reads.panel(cur, latest["indicator_code"].tolist(), candidates, sorted(set(latest["period"])))
    panel = panel.merge(latest, on=["indicator_code", "period"]).dropna(subset=["value"])
    structural = panel.pivot(index="entity_code", columns="indicator_code", values="value")
    weight_map = {c: w for c, w in zip(on, weights, strict=True) if c in structural.columns} if weights else None
    return compare.nearest_neighbours(structural, target, k, weight_map)


def same_profile(store: Store, entity: str, period: str, spec: str | None = None, network: str | None = None) -> None:
    """api.profile equals the pandas path to the last bit (or both raise the same error)."""
    try:
        want = pandas_profile(store, entity, period, spec, network)
    except Exception as exc:  # noqa: BLE001 — the fast path must fail the same way
        with pytest.raises(type(exc), match=re.escape(str(exc))):
            api.profile(store, entity, period, spec, network)
        return
    got = api.profile(store, entity, period, spec, network)[0]
    # The pandas path typed its codes as objects when the entity had no row; the values must not change, and the
    # codes are now always text like the other text columns.
    pd.testing.assert_frame_equal(got, want, check_exact=True, check_dtype=False)
    assert got["indicator_code"].dtype == got["name_en"].dtype


@pytest.fixture(scope="module", params=["duckdb", "postgresql"])
def demo(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, demo_db: Path) -> Iterator[Store]:
    """A private copy of the demo store, opened once for the module: a file, then a database on the test server
    made from the demo the CLI loaded there (`pg_demo_db`)."""
    if request.param == "postgresql":
        path = request.getfixturevalue("pg_server").create_database(template=request.getfixturevalue("pg_demo_db"))
    else:
        path = tmp_path_factory.mktemp("paths") / "demo.duckdb"
        shutil.copyfile(demo_db, path)
    store = open_store(path)
    yield store
    store.close()


def demo_sample(store: Store) -> list[str]:
    """Every 25th Baltic entity (the sample this test was written with: the 113 Lithuanian and Latvian ones) and
    every 100th Finnish one. A stride over all entities made the sample follow the shipped data: with Finland's
    320 municipalities it became 18 entities, 13 of them Finnish, each checked against the Baltic peer sets."""
    entities = api.entities(store)
    baltic = entities["country"].isin(["LT", "LV"])
    return [*entities.loc[baltic, "code"].tolist()[::25], *entities.loc[~baltic, "code"].tolist()[::100]]


@pytest.mark.parametrize(("spec", "network"), [
    (None, None), ("network:lt-municipalities", "lt-municipalities"), ("country:LV", "lv-municipalities"),
    ("group:LT-AL", None), ("kind:county", None), ("list:LT-01,LT-06,LT-06,LV-011", None),
])
def test_profile_counts_equal_the_pandas_profile_on_the_demo_store(demo: Store, spec: str | None,
                                                                   network: str | None) -> None:
    for entity in [*demo_sample(demo), "LT-AL", "LV-011"]:
        for period in ("2024", "2017", "1996"):
            same_profile(demo, entity, period, spec, network)


def test_neighbours_pivoted_in_duckdb_equal_the_pandas_pivot(demo: Store) -> None:
    lithuanian = [(["POP_TOTAL", "AREA_KM2", "URBAN_SHARE"], [1.0, 2.0, 0.5], None),
                  (["POP_TOTAL", "POP_DENSITY"], None, "2017"), (["BIRTHS_PER_1000", "POP_TOTAL"], None, "2010")]
    latvian = [(["ROAD_KM_ALL_TOTAL", "ROAD_KM_GRAVEL_TOTAL", "ROAD_ASPHALT_SHARE_TOTAL"], [1.0, 1.0, 3.0], None)]
    for target, choices in [("LT-01", lithuanian), ("LT-13", lithuanian), ("LT-42", lithuanian),
                            ("LV-011", latvian), ("LV-041", latvian)]:
        for on, weights, period in choices:
            want = pandas_neighbours(demo, target, 8, on, weights, period)
            got = api.neighbours(demo, target, 8, on, weights, period)
            pd.testing.assert_frame_equal(got.drop(columns="entity_name"), want, check_exact=True)


# A store for the edge cases: entities A…H (municipalities, country XX) and Z (a county); x higher_better,
# y lower_better, n neutral, r = x / d × 100 (derived, d = 0 for some), w only in 2019.
EDGE_VALUES = {
    ("x", "2020"): {"A": 1.0, "B": 2.0, "C": 2.0, "D": 3.0, "E": None, "F": 5.0},
    ("x", "2021"): {"A": 2.0, "B": 2.0, "C": 2.0, "D": 7.0, "E": 1.0, "F": None, "G": 2.0, "Z": 9.0},
    ("y", "2021"): {"A": 4.0, "B": 3.0, "C": 4.0, "D": 4.0, "E": -1.0, "G": None, "Z": 0.5},
    ("n", "2021"): {"A": 0.0, "B": -0.0, "C": 1e300, "D": 1e300, "E": -1e300, "F": 0.1, "G": 0.2},
    ("d", "2021"): {"A": 4.0, "B": 0.0, "C": 8.0, "D": None, "E": 2.0, "F": 1.0, "G": 3.0},
    ("w", "2019"): {"A": 1.0, "B": 2.0},
}


@pytest.fixture(scope="module", params=["duckdb", "postgresql"])
def edge(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The edge-case store, written in SQL, on a DuckDB file and then on the test PostgreSQL server."""
    where = (str(tmp_path_factory.mktemp("edge") / "edge.duckdb") if request.param == "duckdb"
             else request.getfixturevalue("pg_server").create_database())
    store = open_store(where)
    polarity = {"x": "higher_better", "y": "lower_better", "n": "neutral", "d": "neutral", "w": "higher_better"}
    with store.transaction() as cur:
        for code in "ABCDEFGH":
            cur.execute("INSERT INTO entity (code, name, kind, country) VALUES (?, ?, 'municipality', 'XX')",
                        [code, f"Entity {code}"])
        cur.execute("INSERT INTO entity (code, name, kind, country) VALUES ('Z', 'County Z', 'county', 'XX')")
        for code, pol in polarity.items():
            cur.execute("INSERT INTO indicator (code, name_en, unit, polarity) VALUES (?, ?, 'u', ?)",
                        [code, code.upper(), pol])
        cur.execute("""INSERT INTO indicator (code, name_en, unit, polarity, numerator_code, denominator_code,
                       multiplier) VALUES ('r', 'R', '%', 'lower_better', 'x', 'd', 100)""")
        for (indicator, period), values in EDGE_VALUES.items():
            for entity, value in values.items():
                cur.execute("INSERT INTO observation VALUES (?, ?, ?, ?, ?, ?, 1)",
                            [entity, indicator, period, float(period), value,
                             "final" if value is not None else "not_available"])
    yield store
    store.close()


@pytest.mark.parametrize("spec", [None, "list:A,B,B,C", "list:D,E,F,G", "kind:county", "list:H"])
@pytest.mark.parametrize("period", ["2021", "2020", "2019"])
def test_profile_counts_equal_the_pandas_profile_on_the_edge_cases(edge: Store, spec: str | None,
                                                                   period: str) -> None:
    for entity in "ABCDEFGHZ":
        same_profile(edge, entity, period, spec)


def test_profile_counts_of_ties_and_a_missing_own_row(edge: Store) -> None:
    table = api.profile(edge, "B", "2021")[0].set_index("indicator_code")
    # x: A, B, C and G tie at 2 among the six valued municipalities (D 7 is better, E 1 worse, F has no value,
    # H no row; the county Z is no peer): one better → rank 2; 4 of the 5 others at most as good → 80.
    assert table.loc["x", ["rank", "peer_n", "peer_missing"]].tolist() == [2, 6, 1]
    assert table.loc["x", "percentile"] == pytest.approx(80.0)
    assert table.loc["x", "previous_period"] == "2020" and table.loc["x", "direction"] == "stable"
    # r = x / d × 100 with B's d = 0: no value, so B counts among the missing
    assert np.isnan(table.loc["r", "value"]) and table.loc["r", "band"] == "no_data"
    # H has no row anywhere: every indicator says no_data and counts H as missing
    other = api.profile(edge, "H", "2021")[0]
    assert (other["band"] == "no_data").all() and (other["peer_missing"] >= 1).all()


def test_previous_period_walks_back_past_a_period_without_the_indicators(edge: Store) -> None:
    with edge.cursor() as cur:
        assert reads.previous_period(cur, ["x"], "2021") == "2020"
        assert reads.previous_period(cur, ["y"], "2021") is None  # no earlier y: 2020 checked, then one scan
        assert reads.previous_period(cur, ["w"], "2021") == "2019"  # 2020 holds no w: one scan further back
        assert reads.previous_period(cur, ["r"], "2021") == "2020"  # the derived r through its numerator x
        assert reads.previous_period(cur, ["x"], "2019") is None
        assert reads.previous_period(cur, ["x"], "1999") is None
        assert reads.previous_period(cur, [], "2021") is None


@settings(max_examples=200, deadline=None)
@given(values=st.lists(st.one_of(st.none(), st.integers(-3, 3).map(float), st.floats(-1e6, 1e6)), min_size=1,
                       max_size=12),
       polarity=st.sampled_from(["higher_better", "lower_better", "neutral"]), own=st.integers(0, 11))
def test_counts_give_the_scores_of_ranking_every_peer(values: list[float | None], polarity: str, own: int) -> None:
    # One indicator, one period: entity_profile ranks every peer, profile_from_counts sees six numbers.
    entity = f"e{own % len(values):02d}"
    panel = pd.DataFrame({"entity_code": [f"e{i:02d}" for i in range(len(values))], "indicator_code": "x",
                          "period": "2021", "period_key": 2021.0,
                          "value": [np.nan if v is None else v for v in values]})
    meta = pd.DataFrame({"code": ["x"], "name_en": ["X"], "unit": ["u"], "polarity": [polarity]})
    x = panel["value"]
    mine = x[panel["entity_code"] == entity].iloc[0]
    ordered = np.sort(x.dropna().to_numpy())
    n = len(ordered)
    counts = pd.DataFrame({
        "indicator_code": ["x"], "value": [mine], "own_row": [True], "rows": [len(x)], "valued": [n],
        "median_low": [ordered[(n - 1) // 2] if n else np.nan], "median_high": [ordered[n // 2] if n else np.nan],
        "below": [int((x < mine).sum())], "equal": [int((x == mine).sum())], "above": [int((x > mine).sum())],
    })
    got = compare.profile_from_counts(counts, None, meta, "2021")
    want = compare.entity_profile(panel, meta, entity, "2021")
    pd.testing.assert_frame_equal(got, want, check_exact=True, check_dtype=False)
