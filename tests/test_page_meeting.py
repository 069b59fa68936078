"""The meeting page opens on the newest period that has something to discuss (a directional value)."""

from __future__ import annotations

from pathlib import Path

import pytest
from page_support import copy_store, page_runner, specs

from benchlearn.api import meeting
from benchlearn.store import open_store


@pytest.fixture(scope="module")
def meeting_db(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo store for this module."""
    return copy_store(demo_db, tmp_path_factory.mktemp("page_meeting"), "meeting")


def test_default_period_skips_a_year_of_structural_facts_only(meeting_db: Path) -> None:
    """2018 holds only population and area for the Lithuanian networks: the meeting opens on 2017."""
    store = open_store(meeting_db)
    try:
        assert meeting.periods(store, "lt-municipalities")[0] == "2018"
        assert meeting.default_period(store, "lt-municipalities") == "2017"
        assert meeting.default_period(store, "lv-municipalities") == "2024"
    finally:
        store.close()


def test_page_opens_on_a_period_with_a_heatmap(meeting_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No period in the link: the page chooses 2017 and draws the heatmap (not 'no heatmap' for 2018)."""
    at = page_runner(meeting_db, monkeypatch, "meeting")(network="lt-municipalities")
    assert not at.exception
    period = next(box for box in at.selectbox if box.key == "url_period")
    assert period.value == "2017"
    assert any(spec["data"][0]["type"] == "heatmap" for spec in specs(at))
