"""Elderships: the test files (real eldership names of Akmenė and Joniškis, synthetic values) ingested through
the validated path, then the drill-down and the eldership's comparisons checked against numbers worked out by
hand."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from benchlearn import api
from benchlearn.api import elderships
from benchlearn.errors import NotFoundError
from benchlearn.ingest import IngestOptions
from benchlearn.model import Kind
from benchlearn.store import Store, open_store

DATA = Path(__file__).parent / "data" / "elderships"
SCORE, WAIT = "SYNTH_ELD_SERVICE_SCORE", "SYNTH_ELD_WAIT_DAYS"  # synthetic test indicators
FILES = (("elderships_akmene_joniskis.csv", Kind.ENTITIES),
         ("synthetic_eldership_indicators.csv", Kind.INDICATORS),
         ("synthetic_eldership_values.csv", Kind.VALUES))


def load_elderships(store: Store) -> None:
    """Ingest the three test files through the validated path, as a coordinator's uploads would."""
    for name, kind in FILES:
        outcome = api.ingest_path(store, DATA / name, IngestOptions(kind=kind), user="test")
        assert outcome.result.batch_id is not None


@pytest.fixture
def store(app_db: Path) -> Iterator[Store]:
    """A copy of the demo store with the eldership test data."""
    opened = open_store(app_db)
    load_elderships(opened)
    yield opened
    opened.close()


def test_the_municipalities_with_elderships(store: Store) -> None:
    """Akmenė has its 6 elderships, Joniškis its 10; other municipalities have none."""
    found = elderships.municipalities(store)
    assert found[["code", "elderships"]].values.tolist() == [["LT-01", 6], ["LT-11", 10]]
    names = elderships.elderships_of(store, "LT-01")["name"].tolist()
    assert names == ["Akmenės seniūnija", "Kruopių seniūnija", "Naujosios Akmenės kaimiškoji seniūnija",
                     "Naujosios Akmenės miesto seniūnija", "Papilės seniūnija", "Ventos seniūnija"]
    assert elderships.has_elderships(store, "LT-11") and not elderships.has_elderships(store, "LT-02")
    assert elderships.indicators(store, "LT-01") == [SCORE, WAIT]
    assert elderships.periods(store, "LT-01", SCORE) == ["2023", "2022"]


def test_drill_down_ranks_the_elderships_of_a_municipality(store: Store) -> None:
    """2023 scores 72.5 (NAM), 64.5 (AKM), 63.0 (VEN), 58.0 (KRU), 57.5 (PAP), 47.0 (NAK): median
    (63.0 + 58.0) / 2 = 60.5; percentiles 100, 80, 60, 40, 20, 0; bands top, top, upper middle, lower middle,
    bottom, bottom."""
    comparison = elderships.drill_down(store, "LT-01", SCORE, "2023")
    table = comparison.table
    assert table["entity_code"].tolist() == ["LT-01-NAM", "LT-01-AKM", "LT-01-VEN", "LT-01-KRU", "LT-01-PAP",
                                             "LT-01-NAK"]
    assert table["rank"].tolist() == [1, 2, 3, 4, 5, 6]
    assert table["percentile"].tolist() == [100.0, 80.0, 60.0, 40.0, 20.0, 0.0]
    assert table["band"].astype(str).tolist() == ["top", "top", "upper_middle", "lower_middle", "bottom",
                                                  "bottom"]
    assert comparison.summary["median"] == 60.5 and comparison.summary["n"] == 6
    assert table.loc[table["entity_code"] == "LT-01-KRU", "gap_to_median"].iloc[0] == -2.5


def test_an_eldership_compared_within_its_municipality_and_among_similar_ones(store: Store) -> None:
    """Kruopių (58.0 points, 14 days in 2023). Within Akmenė: 2 of the other 5 score ≤ 58 → percentile 40;
    waiting (lower is better): only Naujosios Akmenės kaimiškoji (19) waits longer → 1 of 5 = 20. Among the
    elderships of Akmenė and its similar municipalities (Joniškis is one): 16 elderships; 8 of the other 15
    score ≤ 58 → 53.3; 6 of 15 wait 14 days or longer (ties count) → 40."""
    assert "LT-11" in elderships.similar_parents(store, "LT-01")
    view = elderships.eldership_profile(store, "LT-01-KRU", "2023")
    assert view.parent == "LT-01" and view.similar_parents[0] == "LT-01"
    within = view.within.set_index("indicator_code")
    assert within.loc[SCORE, "percentile"] == 40.0 and within.loc[WAIT, "percentile"] == 20.0
    assert within.loc[SCORE, "peer_n"] == 6 and within.loc[SCORE, "peer_median"] == 60.5
    assert within.loc[SCORE, "direction"] == "improving"  # 55.0 in 2022 → 58.0
    similar = view.similar.set_index("indicator_code")
    assert similar.loc[SCORE, "peer_n"] == 16
    assert similar.loc[SCORE, "percentile"] == pytest.approx(800 / 15)
    assert similar.loc[WAIT, "percentile"] == pytest.approx(40.0)
    assert set(view.within["indicator_code"]) == {SCORE, WAIT}  # the municipalities' own indicators left out


def test_a_municipality_is_not_an_eldership(store: Store) -> None:
    """Asking for the eldership profile of a municipality, or the drill-down of one without elderships, says
    so plainly."""
    with pytest.raises(NotFoundError):
        elderships.eldership_profile(store, "LT-01", "2023")
    with pytest.raises(NotFoundError):
        elderships.drill_down(store, "LT-02", SCORE, "2023")
