"""Every page's explanations (issue 16.1): the profile, network view (a heatmap cell picker and the composite),
trends, similar, scatter and meeting pack each open an explanation with the numbers `benchlearn.api`'s explain
functions give on the same store, in the page's language."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from page_support import copy_store, page_runner
from streamlit.testing.v1 import AppTest

from benchlearn.api import accounts, analyst, targets
from benchlearn.api.explain import explain
from benchlearn.api.explain_target import explain_target
from benchlearn.api.explain_trend import explain_trend
from benchlearn.api.targets import TargetInput
from benchlearn.auth import Identity
from benchlearn.i18n import fmt_number, t
from benchlearn.store import open_store

ENTITY, INDICATOR, PERIOD, PEERS = "LV-011", "ROAD_ASPHALT_SHARE_MUNI_ROADS", "2024", "country:LV"


@pytest.fixture(scope="module")
def everywhere_db(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo store for this module."""
    return copy_store(demo_db, tmp_path_factory.mktemp("explain_everywhere"), "everywhere")


@pytest.fixture(scope="module")
def expected(everywhere_db: Path) -> dict:
    """What the api explains on the profile's first indicator and the trend, read before any page opens the store."""
    store = open_store(everywhere_db)
    try:
        first = analyst.profile_view(store, ENTITY, PERIOD, PEERS).table["indicator_code"].iloc[0]
        accounts.add_user(store, "root", "admin-password-1", "admin")
        target = targets.create(store, Identity.issue("root", "admin", (), None),
                                TargetInput(ENTITY, INDICATOR, "2027", "absolute", 50.0))
        return {"target": explain_target(store, target),"profile": explain(store, ENTITY, first, PERIOD, PEERS),
                "trend": explain_trend(store, ENTITY, INDICATOR, PEERS)}
    finally:
        store.close()


@pytest.fixture
def open_page(everywhere_db: Path, expected: dict, monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    """Open a page by name with URL parameters. After `expected`, always: it opens the store itself, which a page
    already run in this process would still hold (the app keeps its store open), and it writes the target the
    targets page shows. Without the dependency, an xdist worker handed another test of the module first failed
    with StoreLockedError."""
    def run(page: str, lang: str = "en", **params: str) -> AppTest:
        return page_runner(everywhere_db, monkeypatch, page)(lang, **params)
    return run


def _box(at: AppTest, label: str):  # noqa: ANN202 — streamlit's testing element type
    found = [b for b in at.get("popover") if b.proto.popover.label == label]
    assert len(found) == 1, [b.proto.popover.label for b in at.get("popover")]
    return found[0]


def _text(box) -> str:  # noqa: ANN001
    return "\n".join(x.value for x in box.text)


@pytest.mark.parametrize("lang", ["en", "lt"])
def test_the_profile_explains_its_first_indicator(open_page: Callable[..., AppTest], expected: dict,
                                                  lang: str) -> None:
    """The profile's 'Explain a figure' opens on an indicator of the table with the ranking's own numbers."""
    at = open_page("profile", lang, entity=ENTITY, peers=PEERS, period=PERIOD)
    assert not at.exception
    box = _box(at, t("explain.figure", lang))
    found = expected["profile"]
    assert box.selectbox[0].value == found["indicator"]
    assert t("explain.rank", lang, rank=found["rank"], n=found["n"]) in _text(box)
    peers = box.dataframe[0].value
    assert len(peers) == found["n"]


def test_the_network_view_explains_a_cell_and_a_composite(open_page: Callable[..., AppTest]) -> None:
    """A member × indicator picker stands in for the heatmap cells; the composite's score is summed."""
    at = open_page("network", "en", entity=ENTITY)
    assert not at.exception
    cell = _box(at, t("explain.figure", "en"))
    assert cell.selectbox[0].value == ENTITY
    assert "Rank = " in _text(cell)
    composite = _box(at, t("explain.composite.open", "en"))
    assert "Score = " in _text(composite)
    assert len(composite.dataframe[0].value) >= 1


def test_the_trends_page_explains_the_change(open_page: Callable[..., AppTest], expected: dict) -> None:
    """The change card's formula with the numbers of `explain_trend`."""
    at = open_page("trends", "lv", entity=ENTITY, peers=PEERS, indicator=INDICATOR)
    assert not at.exception
    found = expected["trend"]
    text = _text(_box(at, t("explain.trend.open", "lv")))
    if found["change"] is not None:
        assert f"= {fmt_number(found['change'], 'lv', 1)}" in text
    gap = found["gap"]
    assert t("explain.trend.gap", "lv", period=gap["period"], value=fmt_number(gap["value"], "lv", 1),
             median=fmt_number(gap["median"], "lv", 1), sign="1",
             gap=fmt_number(gap["gap_to_median"], "lv", 1)) in text


def test_the_similar_and_scatter_pages_explain(open_page: Callable[..., AppTest]) -> None:
    """The similar page explains a neighbour's distance; the scatter page an axis value."""
    similar = open_page("similar", "en", entity=ENTITY)
    assert not similar.exception
    assert "Match = 100 × (1 − " in _text(_box(similar, t("explain.similar.open", "en")))
    scatter = open_page("scatter", "en", entity=ENTITY, peers=PEERS)
    assert not scatter.exception
    assert "MAD" in _text(_box(scatter, t("explain.figure", "en")))


def test_the_meeting_pack_explains_a_figure(open_page: Callable[..., AppTest]) -> None:
    """The meeting pack's numbers open the same explanation."""
    at = open_page("meeting", "en", entity=ENTITY)
    assert not at.exception
    assert "Median of the" in _text(_box(at, t("explain.figure", "en")))


def test_the_targets_page_explains_a_status(open_page: Callable[..., AppTest], expected: dict) -> None:
    """The target's value, its planned path and the rule that gave its status, in Lithuanian."""
    at = open_page("targets", "lt", entity=ENTITY, peers=PEERS)
    assert not at.exception
    found = expected["target"]
    text = _text(_box(at, t("explain.target.open", "lt")))
    assert t("explain.target.absolute", "lt", t=fmt_number(50.0, "lt", 1), n=0) in text
    assert t(f"targets.explain.{found['status']}", "lt") in text
    if found["status"] != "pending":
        assert t("explain.target.gap", "lt", v=fmt_number(found["latest_value"], "lt", 1),
                 t=fmt_number(50.0, "lt", 1), s=fmt_number(found["sign"], "lt", 0),
                 gap=fmt_number(found["gap"], "lt", 1)) in text
