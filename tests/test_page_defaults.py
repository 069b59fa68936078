"""Issue 14.4 and 14.5: analysis pages open on something, and the pickers cannot lead nowhere.

AppTest over a copy of the demo store. 14.4: every analysis page opened without parameters shows a municipality
(Lithuanian pages a Lithuanian one, Latvian pages a Latvian one, English ones Helsinki), its country's peers, an
indicator with data and a period, never "choose a municipality / an indicator"; what is shown is in the URL, and
that URL opens the same choice in a fresh session. 14.5: the peer sets offered are those the municipality can be
compared in (it belongs to them, or shares indicators with values with their members); switching to a Latvian
municipality while a Lithuanian network is chosen moves to its country and says so; the indicators offered have
values for the municipality and its peers; a dead end explains itself and offers the way out.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from benchlearn import ui
from benchlearn.api import choices
from benchlearn.i18n import t

ROOT = Path(__file__).resolve().parents[1]
CHOOSE = ("pick.choose_entity", "pick.choose_indicator", "scatter.choose")
# page → the URL parameters its opening view must carry
PAGES = {
    "profile": ("entity", "peers", "period"),
    "ranking": ("entity", "peers", "indicator", "period"),
    "trends": ("entity", "peers", "indicator"),
    "map": ("entity", "peers", "indicator", "period"),
    "scatter": ("entity", "peers", "x", "y", "period"),
    "network": ("entity",),
    "similar": ("entity",),
    "exports": ("entity", "peers"),
}


@pytest.fixture
def open_page(app_db: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    """Open a page through dashboard.py on a demo copy, with URL parameters, in a fresh session."""
    monkeypatch.setenv("BENCHLEARN_DB", str(app_db))
    st.cache_data.clear()
    st.cache_resource.clear()

    def run(page: str, **params: str) -> AppTest:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
        for key, value in params.items():
            at.query_params[key] = value
        return at.switch_page(f"pages/{page}.py").run()

    yield run
    st.cache_resource.clear()


def infos(at: AppTest) -> list[str]:
    return [i.value for i in at.info]


def chosen(at: AppTest, keys: tuple[str, ...]) -> dict[str, str]:
    return {k: at.selectbox(key=f"url_{k}").value for k in keys}


@pytest.mark.parametrize("page", sorted(PAGES))
def test_a_page_opens_on_a_municipality_and_its_url_reproduces_it(open_page: Callable[..., AppTest],
                                                                  page: str) -> None:
    at = open_page(page)
    assert not at.exception
    assert not {t(k, "en") for k in CHOOSE} & set(infos(at)), infos(at)
    keys = PAGES[page]
    shown = chosen(at, keys)
    assert all(shown.values()), shown
    assert shown["entity"] == choices.default_entity(ui.shared_store(), "en")
    if "peers" in keys:
        assert shown["peers"] == "country:" + shown["entity"].split("-")[0]
    link = {k: at.query_params[k] for k in keys}
    assert link == shown  # the URL holds what is shown …
    again = open_page(page, **link)
    assert chosen(again, keys) == shown and not again.warning  # … and a fresh session opens the same


# an English visit opens on the Finnish demo (issue 13), Lithuanian and Latvian ones on their own country
@pytest.mark.parametrize(("lang", "country"), [("lt", "LT"), ("lv", "LV"), ("en", "FI")])
def test_the_default_municipality_follows_the_language(open_page: Callable[..., AppTest], lang: str,
                                                       country: str) -> None:
    at = open_page("ranking", lang=lang)
    entity = at.selectbox(key="url_entity").value
    assert entity.startswith(f"{country}-") and at.selectbox(key="url_peers").value == f"country:{country}"
    assert at.selectbox(key="url_indicator").value and at.selectbox(key="url_period").value


def test_a_latvian_municipality_never_keeps_a_lithuanian_network(open_page: Callable[..., AppTest]) -> None:
    at = open_page("ranking", entity="LT-01", peers="network:lt-municipalities")
    assert at.selectbox(key="url_peers").value == "network:lt-municipalities"
    at = at.selectbox(key="url_entity").set_value("LV-002").run()
    peers = at.selectbox(key="url_peers")
    assert peers.value == "country:LV"
    assert not [o for o in peers.options if "Lithuanian" in o]  # only sets LV-002 shares data with
    said = "in common with “Network: Lithuanian municipalities (example network)”, so it cannot be compared there"
    assert any(said in i for i in infos(at)), infos(at)
    offered = at.selectbox(key="url_indicator").options  # labels: as many as indicators with values for both
    assert offered and len(offered) == len(choices.coverage(ui.shared_store()).comparable_indicators(
        "LV-002", choices.peer_codes(ui.shared_store(), "country:LV")))
    assert at.selectbox(key="url_indicator").value and not at.exception


def test_a_link_to_a_set_the_municipality_is_not_in_explains_itself(open_page: Callable[..., AppTest]) -> None:
    at = open_page("ranking", entity="LV-002", peers="network:lt-municipalities")
    assert at.selectbox(key="url_peers").value == "country:LV" and not at.warning
    assert any("cannot be compared there" in i for i in infos(at))


def test_a_dead_end_explains_itself_and_offers_the_way_out(open_page: Callable[..., AppTest]) -> None:
    # Akmenė (population data) against a Latvian municipality (road data only): no indicator in common
    at = open_page("ranking", entity="LT-01", peers="list:LT-01,LV-002")
    assert any(i.startswith(t("pick.no_common", "en", entity="", peers="")[:9]) for i in infos(at)), infos(at)
    way_out = [b for b in at.button if b.key == "pick_way_out"]
    assert way_out and way_out[0].label == t("pick.way_out", "en", peers=t("pick.peers.country", "en", country="LT"))
    at = way_out[0].click().run()
    assert at.selectbox(key="url_peers").value == "country:LT" and at.selectbox(key="url_indicator").value
    assert not at.exception
