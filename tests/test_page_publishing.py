"""The data calls page's publish button (issue 15.5), in AppTest on the hand-built store of test_data_calls:
the coordinator sees how many values wait, publishes, and the publication is listed with who; the public
reads then see the values."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from test_data_calls import db, fill_2024, who  # noqa: F401 — db is the hand-built store's fixture
from test_page_datacalls import page, store, texts  # noqa: F401 — store is the dashboard's store fixture

from benchlearn.api import data_calls
from benchlearn.store import Store, reads


@pytest.fixture
def opened(store: Store) -> Iterator[Store]:  # noqa: F811 — store from the import
    """NET's 2024 call, opened by its coordinator, with the members' values in."""
    data_calls.open_call(store, who("net-coord"), "NET", "2024", ["RATE", "COST"], "2099-03-31")
    fill_2024(store)
    yield store


def test_the_coordinator_publishes_the_period_from_the_page(opened: Store) -> None:
    with opened.cursor() as cur:  # a public cursor: nothing of the call yet
        assert reads.panel(cur, ["COST"], None, ["2024"]).empty
    at = page("net-coord")
    assert "4 values wait for publication" in "\n".join(m.value for m in at.markdown)
    at = at.button(key="datacalls_publish").click().run()
    assert not at.exception
    assert "are published" in texts(at)
    assert "Published on" in texts(at) and "by net-coord" in texts(at)
    with opened.cursor() as cur:
        assert sorted(reads.panel(cur, ["COST"], None, ["2024"])["status"].unique()) == ["final"]
