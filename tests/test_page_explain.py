"""The ranking page's Explain popover (issue 16.1): the chosen municipality's formulas with its numbers, the
peers with their values (a table with downloads), what was left out and the source files, in en, lt and lv;
the numbers are those `api.explain` (and so `compare`) gives on the same store."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from page_support import copy_store, page_runner
from streamlit.testing.v1 import AppTest

from benchlearn.api.comparisons import indicator_meta
from benchlearn.api.explain import explain
from benchlearn.charts.ranking import decimals_of
from benchlearn.i18n import fmt_number, t
from benchlearn.store import open_store

ENTITY, INDICATOR, PERIOD, PEERS = "LV-011", "ROAD_ASPHALT_SHARE_MUNI_ROADS", "2024", "country:LV"


@pytest.fixture(scope="module")
def explain_db(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo store for this module."""
    return copy_store(demo_db, tmp_path_factory.mktemp("page_explain"), "explain")


@pytest.fixture
def open_ranking(explain_db: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    """Open the ranking page with URL parameters."""
    return page_runner(explain_db, monkeypatch, "ranking")


@pytest.fixture(scope="module")
def expected(explain_db: Path) -> dict:
    """What `api.explain` says about the chosen municipality, read before any page opens the store."""
    store = open_store(explain_db)
    try:
        return explain(store, ENTITY, INDICATOR, PERIOD, PEERS) | {
            "decimals": decimals_of(indicator_meta(store, INDICATOR))}
    finally:
        store.close()


@pytest.mark.parametrize("lang", ["en", "lt", "lv"])
def test_the_explain_popover_renders(open_ranking: Callable[..., AppTest], expected: dict, lang: str) -> None:
    """Its label, the MAD score formula with the numbers, one row per peer used and left out, the sources."""
    at = open_ranking(lang, entity=ENTITY, indicator=INDICATOR, peers=PEERS, period=PERIOD)
    assert not at.exception
    popovers = [b for b in at.get("popover") if b.proto.popover.label == t("explain.open", lang, entity=ENTITY)]
    assert len(popovers) == 1
    box = popovers[0]
    text = "\n".join(x.value for x in box.text)
    places = expected["decimals"]  # as the page formats the indicator's values
    score = t("explain.mad_score", lang, value=fmt_number(expected["value"], lang, places),
              median=fmt_number(expected["median"], lang, places), mad=fmt_number(expected["mad"], lang, places),
              score=fmt_number(expected["mad_score"], lang, 2))
    assert score in text
    assert t("explain.rank", lang, rank=expected["rank"], n=expected["n"]) in text
    peers, excluded, sources = (frame.value for frame in box.dataframe)
    assert len(peers) == expected["n"] == len(expected["peers"])
    assert list(peers[t("explain.col.entity_code", lang)]) == [p["entity_code"] for p in expected["peers"]]
    assert len(excluded) == len(expected["excluded"]) == 7
    assert set(excluded[t("explain.col.reason", lang)]) == {t("status.not_applicable", lang)}
    assert list(sources[t("explain.col.file_name", lang)]) == [s["file_name"] for s in expected["sources"]]
    assert len(box.get("download_button")) == 2


def test_the_explain_popover_opens_in_chromium(app_server: str, page) -> None:  # noqa: ANN001
    """Chromium against `streamlit run`: a click on Explain shows the MAD score formula and the sources table."""
    from browser_support import screenshot, wait_ready

    page.goto(f"{app_server}/")
    wait_ready(page)
    page.goto(f"{app_server}/ranking?entity={ENTITY}&indicator={INDICATOR}&peers={PEERS}&period={PERIOD}&lang=en")
    wait_ready(page)
    page.get_by_role("button", name=t("explain.open", "en", entity=ENTITY)).click()
    body = page.locator('[data-testid="stPopoverBody"]')
    body.get_by_text("MAD score = (", exact=False).wait_for(timeout=30_000)
    assert body.get_by_text(t("explain.sources", "en")).count() == 1
    assert body.locator('[data-testid="stDataFrame"]').count() == 3
    screenshot(page, "ranking-explain")
