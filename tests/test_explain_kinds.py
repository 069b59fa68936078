"""Trend, composite, target and source explanations on a hand-computed store (issue 16.1).

SCORE (%, higher is better): A01 2.0 (2021), 2.5 (2022) from early.csv by ana, 3.5 (2023) from late.csv by ben;
A02 1.0, A03 2.0, A04 4.0 in 2023. COST (EUR, lower is better) 2023: A01 30, A02 10, A03 50, A05 20; A01 40 in
2022.
- Trend of A01 on SCORE: change 3.5 − 2.5 = 1, 1 × 100 / 2.5 = 40 %, CAGR (3.5 / 2)^(1/2) − 1 = 0.3228756555,
  2023 median of 1, 2, 3.5, 4 = 2.75, gap 3.5 − 2.75 = 0.75.
- Composite SCORE ×2 + COST ×1 (min-max) in 2023: A01 SCORE 100 × (3.5 − 1) / (4 − 1) = 83.333…, COST oriented
  −30 among −50 … −10: 100 × (−30 + 50) / 40 = 50; weights 2/3, 1/3; score 72.222…; A04 100 (only SCORE:
  coverage 2/3), A02 33.33, A03 22.22, A05 unscored (coverage 1/3 < 0.6); A01 rank 2 of 4.
- Absolute target 4 on SCORE by 2025 from 2022 (2.5): L(2023) = 2.5 + 1.5 × 1/3 = 3, gap −0.5, share 66.67 %,
  on track. Peer-median target on COST by 2025 from 2022 (40): T = median(10, 20, 30, 50) = 25, L = 35,
  gap (30 − 25) × −1 = −5, share 66.67 %, on track.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from benchlearn import api
from benchlearn.api import accounts, analyst, targets, value_notes
from benchlearn.api.explain_composite import explain_composite
from benchlearn.api.explain_similar import explain_similarity
from benchlearn.api.explain_sources import with_mappings
from benchlearn.api.explain_target import explain_target
from benchlearn.api.explain_trend import explain_trend
from benchlearn.api.targets import TargetInput
from benchlearn.auth import Identity
from benchlearn.ingest import IngestOptions
from benchlearn.model import Kind
from benchlearn.store import Store, mappings, open_store

ENTITIES = b"code,name,kind,country\nA01,Alpha,municipality,LT\nA02,Beta,municipality,LT\n" \
           b"A03,Gamma,municipality,LT\nA04,Delta,municipality,LT\nA05,Epsilon,municipality,LT\n"
INDICATORS = b"code,name,unit,polarity,source\nSCORE,Score,%,higher_better,Office\nCOST,Cost,EUR,lower_better,Office\n"
EARLY = b"entity_code,indicator_code,period,value\nA01,SCORE,2021,2.0\nA01,SCORE,2022,2.5\nA01,COST,2022,40\n"
LATE = b"""entity_code,indicator_code,period,value
A01,SCORE,2023,3.5
A02,SCORE,2023,1.0
A03,SCORE,2023,2.0
A04,SCORE,2023,4.0
A01,COST,2023,30
A02,COST,2023,10
A03,COST,2023,50
A05,COST,2023,20
"""
ADMIN = Identity.issue("admin", "admin", (), None)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """The hand-computed store, written through the upload path in two values batches."""
    opened = open_store(tmp_path / "kinds.duckdb")
    api.ingest_bytes(opened, ENTITIES, "entities.csv", IngestOptions(kind=Kind.ENTITIES))
    api.ingest_bytes(opened, INDICATORS, "indicators.csv", IngestOptions(kind=Kind.INDICATORS))
    api.ingest_bytes(opened, EARLY, "early.csv", IngestOptions(kind=Kind.VALUES), user="ana")
    api.ingest_bytes(opened, LATE, "late.csv", IngestOptions(kind=Kind.VALUES), user="ben")
    accounts.add_user(opened, "admin", "admin-password-1", "admin")
    yield opened
    opened.close()


def test_the_trend_explanation_gives_the_hand_computed_figures(store: Store) -> None:
    """Change, percentage, CAGR, gap to the median and direction, with the numbers in their formulas."""
    found = explain_trend(store, "A01", "SCORE", "all")
    assert (found["previous_period"], found["previous_value"]) == ("2022", 2.5)
    assert (found["last_period"], found["last_value"], found["first_value"]) == ("2023", 3.5, 2.0)
    assert found["change"] == pytest.approx(1.0)
    assert found["change_pct"] == pytest.approx(40.0)
    assert found["years"] == 2
    assert found["cagr"] == pytest.approx(1.75 ** 0.5 - 1, abs=1e-12)
    assert found["direction"] == "improving"
    assert (found["gap"]["period"], found["gap"]["median"], found["gap"]["gap_to_median"]) == ("2023", 2.75, 0.75)
    assert found["formulas"]["change"] == "3.5 − 2.5 = 1"
    assert found["formulas"]["change_pct"] == "1 × 100 / |2.5| = 40"
    assert found["formulas"]["cagr"] == "(3.5 / 2)^(1 / 2) − 1 = 0.322876"
    assert found["formulas"]["gap_to_median"] == "(3.5 − 2.75) × 1 = 0.75"
    assert [(s["file_name"], s["user"], s["period"]) for s in found["sources"]] == [
        ("early.csv", "ana", "2021"), ("early.csv", "ana", "2022"), ("late.csv", "ben", "2023")]


def test_the_composite_explanation_gives_the_hand_computed_figures(store: Store) -> None:
    """Each component's normalisation, the re-normalised weights, the contributions, score, rank, unscored."""
    found = explain_composite(store, "A01", "2023", {"SCORE": 2.0, "COST": 1.0}, "all", "minmax")
    score, cost = found["components"]
    assert (score["reference"], score["normalised"]) == ({"min": 1.0, "max": 4.0}, pytest.approx(250 / 3))
    assert (cost["oriented"], cost["reference"], cost["normalised"]) == (-30.0, {"min": -50.0, "max": -10.0}, 50.0)
    assert (score["weight"], cost["weight"]) == (pytest.approx(2 / 3), pytest.approx(1 / 3))
    assert score["contribution"] + cost["contribution"] == pytest.approx(found["score"])
    assert found["score"] == pytest.approx(2 / 3 * 250 / 3 + 50 / 3)
    assert (found["rank"], found["n_scored"], found["coverage"]) == (2, 4, 1.0)
    assert [(u["entity_code"], u["coverage"]) for u in found["unscored"]] == [("A05", pytest.approx(1 / 3))]
    assert found["formulas"]["normalised.SCORE"] == "100 × (3.5 − 1) / (4 − 1) = 83.3333"
    assert found["formulas"]["normalised.COST"] == "100 × (−30 − −50) / (−10 − −50) = 50"
    assert found["formulas"]["score"] == "0.666667 × 83.3333 + 0.333333 × 50 = 72.2222"
    assert {s["file_name"] for s in found["sources"]} == {"late.csv"}
    partial = explain_composite(store, "A04", "2023", {"SCORE": 2.0, "COST": 1.0}, "all", "minmax")
    assert (partial["score"], partial["rank"], partial["coverage"]) == (100.0, 1, pytest.approx(2 / 3))


def test_the_target_explanations_give_the_hand_computed_figures(store: Store) -> None:
    """An absolute target and a peer-median one: T, the planned path, gap, share and status with numbers."""
    absolute = targets.create(store, ADMIN, TargetInput("A01", "SCORE", "2025", "absolute", 4.0,
                                                        baseline_period="2022"))
    relative = targets.create(store, ADMIN, TargetInput("A01", "COST", "2025", "peer_median", peer_spec="all",
                                                        baseline_period="2022"))
    found = explain_target(store, absolute)
    assert (found["target_value"], found["baseline_value"], found["latest_value"]) == (4.0, 2.5, 3.5)
    assert (found["expected"], found["gap"], found["status"]) == (3.0, -0.5, "on_track")
    assert found["share"] == pytest.approx(200 / 3)
    assert found["formulas"]["expected"] == "L = 2.5 + (4 − 2.5) × (2023 − 2022) / (2025 − 2022) = 3"
    assert found["formulas"]["gap"] == "(3.5 − 4) × 1 = −0.5"
    assert found["peers"] == []
    assert [s["file_name"] for s in found["sources"]] == ["late.csv"]
    median = explain_target(store, relative)
    assert [p["value"] for p in median["peers"]] == [30.0, 10.0, 50.0, 20.0]
    assert (median["target_value"], median["expected"], median["gap"], median["sign"]) == (25.0, 35.0, -5.0, -1.0)
    assert (median["status"], median["share"]) == ("on_track", pytest.approx(200 / 3))
    assert median["formulas"]["target_value"] == "T = median of the 4 peer values = 25"
    assert median["formulas"]["gap"] == "(30 − 25) × −1 = −5"


def test_a_source_names_the_import_mapping_its_batch_saved(store: Store) -> None:
    """The mapping lines of the batch that wrote a value are part of its source; a plain upload has none."""
    found = explain_trend(store, "A01", "SCORE", "all")
    late = found["sources"][-1]
    with store.cursor() as cur:
        mappings.save(cur, None, "portal", pd.DataFrame({"kind": ["entity"], "source": ["Alfa m."],
                                                         "target": ["A01"]}), late["batch_id"])
    enriched = with_mappings(store, found["sources"])
    assert enriched[-1]["mapping"] == ["portal entity: Alfa m. → A01"]
    assert enriched[0]["mapping"] == []


STRUCTURE = b"code,name,unit,polarity,source\nPOP,Population,people,neutral,Office\nAREA,Area,km2,neutral,Office\n"
STRUCTURAL = b"""entity_code,indicator_code,period,value
A01,POP,2023,100
A02,POP,2023,200
A03,POP,2023,300
A01,AREA,2023,10
A02,AREA,2023,10
A03,AREA,2023,40
"""


def test_the_similarity_explanation_gives_the_hand_computed_distance(store: Store) -> None:
    """POP z = −1.2247, 0, 1.2247; AREA z = −0.7071, −0.7071, 1.4142: d(A01, A02) = √1.5, farthest √10.5 (A03),
    distance √(1/7) = 0.377964, match 62.2036 — the similar page's own figures."""
    api.ingest_bytes(store, STRUCTURE, "structure.csv", IngestOptions(kind=Kind.INDICATORS))
    api.ingest_bytes(store, STRUCTURAL, "structural.csv", IngestOptions(kind=Kind.VALUES), user="ana")
    found = explain_similarity(store, "A01", "A02", ["POP", "AREA"])
    assert found["n"] == 3
    assert (found["d"], found["farthest"], found["farthest_code"]) == (
        pytest.approx(1.5 ** 0.5), pytest.approx(10.5 ** 0.5), "A03")
    assert found["distance"] == pytest.approx((1 / 7) ** 0.5)
    assert found["formulas"]["distance"] == "distance = 1.22474 / 3.24037 = 0.377964"
    shown = analyst.similar(store, "A01", 2, ("POP", "AREA")).set_index("entity_code")
    assert shown.loc["A02", "distance"] == pytest.approx(found["distance"])
    assert shown.loc["A02", "match"] == pytest.approx(found["match"])
    assert {s["file_name"] for s in found["sources"]} == {"structural.csv"}


def test_a_members_note_on_a_value_is_part_of_its_explanation(store: Store) -> None:
    """A note written on A01's 2023 value (their own words) comes with the trend and target explanations."""
    value_notes.write(store, ADMIN, ("A01", "SCORE", "2023"), "new counting rule from 2023")
    assert explain_trend(store, "A01", "SCORE", "all")["notes"] == {"2023": "new counting rule from 2023"}
    target = targets.create(store, ADMIN, TargetInput("A01", "SCORE", "2025", "absolute", 4.0, baseline_period="2022"))
    assert explain_target(store, target)["notes"] == {"A01": "new counting rule from 2023"}
