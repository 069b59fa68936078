"""Cross-check of the engine against independent DuckDB SQL on a real data set (Statistics Sweden / SKR).

For every indicator × period of the Swedish municipalities 2002–2022, the peer set is all 290 municipalities
(Knivsta, founded in 2003, is a member without a value in 2002). SQL computes median, quartiles, mean,
population sd, MAD, ranks under both polarities (rank() over the valued members), percentiles (from
cume_dist) and MAD scores; the engine must agree to 1e-9. The file is read by DuckDB's own CSV reader on one
side and pandas on the other, so not even the parsing is shared.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from benchlearn.compare import compare_indicator

SWEDEN = Path("/work/shared/data/sweden/se_municipalities_2002_2022_tidy.csv")
pytestmark = pytest.mark.skipif(not SWEDEN.exists(), reason="the shared Swedish data set is not here")

# One statement per execute(); the path is a parameter. Every (entity, indicator, period) of the grid is a
# member, valued or not; ranks and cume_dist are taken over the valued members only.
SQL_TABLE = ("CREATE TABLE t AS SELECT * FROM read_csv(?, header = true, "
             "types = {'entity_code': 'VARCHAR', 'period': 'VARCHAR'})")
SQL_REFERENCE = """
WITH grid AS (
    SELECT e.entity_code, g.indicator_code, g.period
    FROM (SELECT DISTINCT entity_code FROM t) e, (SELECT DISTINCT indicator_code, period FROM t) g
), members AS (
    SELECT grid.*, t.value FROM grid LEFT JOIN t USING (entity_code, indicator_code, period)
), stats AS (
    SELECT indicator_code, period, count(value) AS n, count(*) - count(value) AS missing,
           median(value) AS med, quantile_cont(value, 0.25) AS p25, quantile_cont(value, 0.75) AS p75,
           avg(value) AS mean, stddev_pop(value) AS sd
    FROM members GROUP BY indicator_code, period
), mad AS (
    SELECT m.indicator_code, m.period, median(abs(m.value - s.med)) AS mad
    FROM members m JOIN stats s USING (indicator_code, period) GROUP BY m.indicator_code, m.period
), ranked AS (
    SELECT entity_code, indicator_code, period,
           rank() OVER (PARTITION BY indicator_code, period ORDER BY value DESC) AS rank_hi,
           rank() OVER (PARTITION BY indicator_code, period ORDER BY value ASC) AS rank_lo,
           cume_dist() OVER (PARTITION BY indicator_code, period ORDER BY value ASC) AS cume_lo,
           cume_dist() OVER (PARTITION BY indicator_code, period ORDER BY value DESC) AS cume_hi
    FROM members WHERE value IS NOT NULL
)
SELECT m.indicator_code, m.period, m.entity_code, m.value, s.n, s.missing, s.med, s.p25, s.p75, s.mean, s.sd,
       d.mad, r.rank_hi, r.rank_lo,
       CASE WHEN s.n = 1 THEN 100.0 ELSE (r.cume_lo * s.n - 1) * 100.0 / (s.n - 1) END AS percentile_hi,
       CASE WHEN s.n = 1 THEN 100.0 ELSE (r.cume_hi * s.n - 1) * 100.0 / (s.n - 1) END AS percentile_lo,
       CASE WHEN d.mad = 0 THEN NULL ELSE (m.value - s.med) / d.mad END AS mad_score,
       CASE WHEN s.sd = 0 THEN NULL ELSE (m.value - s.mean) / s.sd END AS z
FROM members m
JOIN stats s USING (indicator_code, period)
JOIN mad d USING (indicator_code, period)
LEFT JOIN ranked r USING (entity_code, indicator_code, period)
ORDER BY m.indicator_code, m.period, m.entity_code
"""


@pytest.fixture(scope="module")
def reference() -> pd.DataFrame:
    """The SQL answer for every member of every indicator × period."""
    offline = {"autoinstall_known_extensions": "false", "autoload_known_extensions": "false"}
    con = duckdb.connect(config=offline)
    try:
        con.execute(SQL_TABLE, [str(SWEDEN)])
        return con.execute(SQL_REFERENCE).df()
    finally:
        con.close()


@pytest.fixture(scope="module")
def engine() -> pd.DataFrame:
    """The engine's answer: one compare_indicator per indicator × period and polarity, on pandas' own read."""
    tidy = pd.read_csv(SWEDEN, dtype={"entity_code": str, "period": str})
    names = tidy.drop_duplicates("entity_code").set_index("entity_code")["entity_name"]
    frames = []
    for (indicator, period), rows in tidy.groupby(["indicator_code", "period"]):
        members = pd.DataFrame({"entity_code": names.index, "entity_name": names.to_numpy()})
        members = members.merge(rows[["entity_code", "value"]], on="entity_code", how="left")
        summary, hi = compare_indicator(members, "higher_better")
        _, lo = compare_indicator(members, "lower_better")
        both = hi.merge(lo[["entity_code", "rank", "percentile", "gap_to_median"]], on="entity_code",
                        suffixes=("_hi", "_lo"))
        frames.append(both.assign(indicator_code=indicator, period=period, p25=summary["p25"],
                                  p75=summary["p75"], sd=summary["sd"]))
    out = pd.concat(frames, ignore_index=True)
    return out.sort_values(["indicator_code", "period", "entity_code"], ignore_index=True)


def test_the_grid_is_the_whole_data_set(reference: pd.DataFrame, engine: pd.DataFrame) -> None:
    groups = reference.groupby(["indicator_code", "period"]).ngroups
    assert groups == 16 * 6 and len(reference) == groups * 290
    # The file has 27 820 rows: the 20 members without a value are Knivsta in 2002 (16 indicators) and four
    # municipalities without tax_rate_4_years_back.
    assert reference["value"].isna().sum() == 290 * 96 - 27_820 == 20
    keys = ["indicator_code", "period", "entity_code"]
    assert engine[keys].to_numpy().tolist() == reference[keys].to_numpy().tolist()


def test_peer_statistics_match_sql(reference: pd.DataFrame, engine: pd.DataFrame) -> None:
    pairs = {"peer_n": "n", "peer_missing": "missing", "peer_median": "med", "peer_mean": "mean",
             "peer_mad": "mad", "p25": "p25", "p75": "p75", "sd": "sd"}
    for ours, theirs in pairs.items():
        np.testing.assert_allclose(engine[ours].to_numpy(float), reference[theirs].to_numpy(float),
                                   rtol=1e-9, atol=1e-9, err_msg=ours)


def test_ranks_under_both_polarities_match_sql(reference: pd.DataFrame, engine: pd.DataFrame) -> None:
    for ours, theirs in (("rank_hi", "rank_hi"), ("rank_lo", "rank_lo")):
        pd.testing.assert_series_equal(engine[ours].astype("Int64"), reference[theirs].astype("Int64"),
                                       check_names=False)
    assert engine["rank_hi"].notna().sum() == reference["value"].notna().sum()


def test_percentiles_mad_scores_and_z_match_sql(reference: pd.DataFrame, engine: pd.DataFrame) -> None:
    pairs = {"percentile_hi": "percentile_hi", "percentile_lo": "percentile_lo", "mad_score": "mad_score",
             "z": "z", "value": "value"}
    for ours, theirs in pairs.items():
        np.testing.assert_allclose(engine[ours].to_numpy(float), reference[theirs].to_numpy(float),
                                   rtol=1e-9, atol=1e-9, err_msg=ours)
    # Flag indicators (0/1) have MAD = 0 in some years: the engine must say NaN there, as SQL's NULL does.
    assert reference["mad_score"].isna().sum() > reference["value"].isna().sum()


def test_gaps_follow_the_sql_median(reference: pd.DataFrame, engine: pd.DataFrame) -> None:
    gap = (reference["value"] - reference["med"]).to_numpy(float)
    np.testing.assert_allclose(engine["gap_to_median_hi"].to_numpy(float), gap, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(engine["gap_to_median_lo"].to_numpy(float), -gap, rtol=1e-9, atol=1e-9)
