"""Honest small numbers and missing values (issue 16.2) on a small hand-built store, every figure by hand.

RATE = DEATHS / BIRTHS × 1 000 (lower is better) declares a minimum denominator of 500 births. In 2021:
A 2/1 000 = 2.0, B 4/800 = 5.0, C 3/600 = 5.0, D 0/700 = 0.0, E 2/900 = 2.2222, F 0/100 = 0.0 (100 births:
shown, not ranked), G has no births (0: not applicable). Ranked: D 1, A 2, E 3, B and C share 4; the median of
0, 2, 2.2222, 5, 5 is 2.2222 — F's 0.0 counts nowhere. In 2020 F was 1/100 = 10.0: 10.0 → 0.0 is noise, so F
is never "most improved"; D (1/700 = 1.4286 → 0) is. SCORE (higher is better) is not applicable to G.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from benchlearn import api
from benchlearn.api import explain as explain_api
from benchlearn.charts import ranking as ranking_charts
from benchlearn.ingest import IngestOptions
from benchlearn.model import Kind
from benchlearn.store import Store, open_store

ENTITIES = "code,name,kind,country\n" + "".join(f"{c},Town {c},municipality,LT\n" for c in "ABCDEFG")
INDICATORS = """code,name,unit,polarity,numerator,denominator,multiplier,min_denominator
BIRTHS,Births,persons,neutral,,,,
DEATHS,Infant deaths,persons,neutral,,,,
RATE,Infant deaths per 1 000 births,per 1 000 births,lower_better,DEATHS,BIRTHS,1000,500
SCORE,Score,points,higher_better,,,,
SIZE,Size,km2,higher_better,,,,
"""
BIRTHS = {"2020": dict(A=1000, B=800, C=600, D=700, E=900, F=100, G=0),
          "2021": dict(A=1000, B=800, C=600, D=700, E=900, F=100, G=0)}
DEATHS = {"2020": dict(A=3, B=4, C=3, D=1, E=2, F=1, G=0), "2021": dict(A=2, B=4, C=3, D=0, E=2, F=0, G=0)}
SCORE = dict(A="1", B="2", C="3", D="4", E="5", F="6", G="x")
SIZE = dict(A="10", B="20", C="30", D="40", E="50", F="60", G="70")


def _values() -> bytes:
    rows = ["entity_code,indicator_code,period,value"]
    for code, series in (("BIRTHS", BIRTHS), ("DEATHS", DEATHS)):
        rows += [f"{e},{code},{p},{v}" for p, values in series.items() for e, v in values.items()]
    rows += [f"{e},SCORE,2021,{v}" for e, v in SCORE.items()] + [f"{e},SIZE,2021,{v}" for e, v in SIZE.items()]
    return ("\n".join(rows) + "\n").encode()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """The hand-built store of the module docstring."""
    built = open_store(tmp_path / "honest.duckdb")
    for kind, data in ((Kind.ENTITIES, ENTITIES.encode()), (Kind.INDICATORS, INDICATORS.encode()),
                       (Kind.VALUES, _values())):
        outcome = api.ingest_bytes(built, data, f"{kind}.csv", IngestOptions(kind=kind))
        assert outcome.result.batch_id is not None, outcome
    yield built
    built.close()


def test_a_small_denominator_is_shown_but_not_ranked(store: Store) -> None:
    table = api.compare_indicator(store, "RATE", "2021", "country:LT").table.set_index("entity_code")
    assert table.loc["F", "value"] == 0.0 and pd.isna(table.loc["F", "rank"]) and table.loc["F", "small"]
    assert table["rank"].dropna().astype(int).to_dict() == {"D": 1, "A": 2, "E": 3, "B": 4, "C": 4}
    assert table.loc["A", "peer_n"] == 5 and table.loc["A", "peer_median"] == pytest.approx(2000 / 900)
    assert table.loc["F", "caveat"] == "small_denominator"


def test_a_small_denominator_is_never_most_improved_nor_best(store: Store) -> None:
    best, improved = api.learn_from(store, "A", "RATE", "country:LT")
    assert improved["entity_code"].tolist() == ["D"]
    assert improved["improvement"].tolist() == pytest.approx([1000 / 700])
    assert "F" not in best["entity_code"].tolist() and best["entity_code"].tolist() == ["D"]


def test_the_explanation_says_why_a_value_is_left_out(store: Store) -> None:
    found = explain_api.explain(store, "F", "RATE", "2021", "country:LT")
    assert found["rank"] is None and found["small"] and found["value"] == 0.0
    excluded = {e["entity_code"]: e for e in found["excluded"]}
    assert excluded["F"]["kind"] == "small_denominator"
    assert excluded["F"]["reason"] == "denominator 100 below the minimum of 500: shown, not ranked"
    assert excluded["G"]["status"] == "not_applicable"
    assert [p["entity_code"] for p in found["peers"]] == ["A", "B", "C", "D", "E"]


def test_not_applicable_counts_in_no_rank_median_or_composite(store: Store) -> None:
    comparison = api.compare_indicator(store, "SCORE", "2021", "country:LT")
    table = comparison.table.set_index("entity_code")
    assert comparison.summary["n"] == 6 and comparison.summary["median"] == 3.5
    assert pd.isna(table.loc["G", "rank"]) and table.loc["G", "status"] == "not_applicable"
    # G has SIZE but no SCORE: without the rule its coverage would be 0.5 (< 0.6, unscored); not applicable
    # leaves SCORE out of G's index, so G is scored on SIZE alone (coverage 1 of what applies)
    scores, _ = api.composite(store, {"SCORE": 1.0, "SIZE": 1.0}, "2021", "country:LT")
    g = scores.set_index("entity_code").loc["G"]
    assert g["coverage"] == 1.0 and g["score"] == 100.0


def test_fewer_than_five_peers_give_no_percentile_or_band(store: Store) -> None:
    comparison = api.compare_indicator(store, "SIZE", "2021", "list:A,B,C,D")
    table = comparison.table.set_index("entity_code")
    assert table["rank"].astype(int).to_dict() == {"D": 1, "C": 2, "B": 3, "A": 4}
    assert table["percentile"].isna().all() and (table["band"] == "no_data").all()
    found = explain_api.explain(store, "A", "SIZE", "2021", "list:A,B,C,D")
    assert found["few_peers"] and found["percentile"] is None
    assert "only 4 peers have a value" in found["formulas"]["percentile"]
    five = api.compare_indicator(store, "SIZE", "2021", "list:A,B,C,D,E").table
    assert five["percentile"].notna().all()


def test_ties_are_shown_as_ties_and_a_zero_is_drawn(store: Store) -> None:
    comparison = api.compare_indicator(store, "RATE", "2021", "country:LT")
    table = comparison.table
    assert table.set_index("entity_code")["tied"].to_dict() == {
        "D": False, "A": False, "E": False, "B": True, "C": True, "F": False, "G": False}
    text = ranking_charts.texts("en", comparison.indicator, "2021", "LT", 5, 7)
    figure = ranking_charts.ranked_bars(table, "A", text, neutral=False).to_plotly_json()
    hovers = [h for trace in figure["data"] if trace["type"] == "bar" for h in trace["customdata"]]
    assert {h[0]: h[2] for h in hovers}["B"].split(" · ")[1] == "#=4"
    ticks = [trace for trace in figure["data"] if trace["type"] == "scatter"]
    assert len(ticks) == 1 and list(ticks[0]["y"]) == ["D", "F"] and list(ticks[0]["x"]) == [0.0, 0.0]
    names = {trace["name"] for trace in figure["data"] if trace["type"] == "bar"}
    assert "Not ranked: denominator below the minimum" in names


def test_reference_values_are_labelled_with_their_method_and_count(store: Store) -> None:
    references = api.compare_indicator(store, "RATE", "2021", "country:LT").references
    by = {r["method"]: r for r in references}
    assert by["median"]["n"] == 5 and by["median"]["value"] == pytest.approx(2000 / 900)
    # Σ deaths / Σ births over every municipality of the country with both parts (F's small one included):
    # 11 / 4 100 × 1 000; the mean is not a network's (a country's peer set), so it is the peers' mean
    assert by["national"]["n"] == 7 and by["national"]["value"] == pytest.approx(11000 / 4100)
    assert by["national"]["country"] == "LT" and by["mean"]["scope"] == "peers"


def test_the_profile_rescores_a_small_denominator_and_withholds_few_peers(store: Store) -> None:
    table = api.profile(store, "F", "2021", "country:LT")[0].set_index("indicator_code")
    assert table.loc["RATE", "value"] == 0.0 and pd.isna(table.loc["RATE", "rank"]) and table.loc["RATE", "small"]
    assert table.loc["RATE", "peer_n"] == 5
    few = api.profile(store, "A", "2021", "list:A,B,C")[0].set_index("indicator_code")
    assert few["percentile"].isna().all() and few["few_peers"].all()
