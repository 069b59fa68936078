"""A municipality that ended by a merger is no peer after its end; its successor's trend says it absorbed it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from page_support import page_runner

from benchlearn import api
from benchlearn.api import peers
from benchlearn.ingest import IngestOptions
from benchlearn.model import Kind
from benchlearn.store import Store, open_store

VARAKLANI, MADONA = "LV-102", "LV-059"


@pytest.fixture
def store(app_db: Path) -> Iterator[Store]:
    """The demo store with 2026 road lengths for two Latvian municipalities (after Varakļāni's end)."""
    opened = open_store(app_db)
    api.ingest_bytes(opened, b"entity_code,indicator_code,period,value\n"
                             b"LV-059,ROAD_KM_ALL_TOTAL,2026,1500\nLV-011,ROAD_KM_ALL_TOTAL,2026,900\n",
                     "roads_2026.csv", IngestOptions(kind=Kind.VALUES))
    yield opened
    opened.close()


def test_an_ended_municipality_is_no_peer_after_its_end(store: Store) -> None:
    """Varakļāni (valid to 2025-06-30) is a peer in 2024 and 2025, not in 2025-Q3 or 2026."""
    assert VARAKLANI in peers.resolve(store, "country:LV", "2024").codes
    assert VARAKLANI in peers.resolve(store, "country:LV", "2025").codes
    assert VARAKLANI not in peers.resolve(store, "country:LV", "2025-Q3").codes
    assert VARAKLANI not in peers.resolve(store, "country:LV", "2026").codes
    assert VARAKLANI in peers.resolve(store, "country:LV").codes  # no period: the register as it is


def test_the_ranking_of_a_later_period_does_not_list_it_as_missing(store: Store) -> None:
    """2026: 42 municipalities exist, 2 have values; Varakļāni is neither ranked nor counted as missing."""
    found = api.compare_indicator(store, "ROAD_KM_ALL_TOTAL", "2026", "country:LV")
    assert VARAKLANI not in set(found.table["entity_code"])
    assert found.summary["n"] == 2
    assert found.summary["n"] + found.summary["missing"] == 42


def test_the_successors_trend_says_it_absorbed_it(app_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Madona's trend page names Varakļāni and the date it ended, in Latvian."""
    at = page_runner(app_db, monkeypatch, "trends")("lv", entity=MADONA, indicator="ROAD_KM_ALL_TOTAL",
                                                    peers="country:LV")
    assert not at.exception
    captions = " ".join(c.value for c in at.caption)
    assert "Varakļānu novads (LV-102)" in captions and "2025-06-30" in captions
