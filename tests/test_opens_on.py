"""Issue 14.4: the network view, the meeting pack and the ranking open on something meaningful without URL
parameters — the network of the current peer set or of the default municipality, a directional indicator.
Issue 13: an English first visit (`make run` on a fresh clone) opens on the Finnish demo, Helsinki."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from page_support import copy_store, page_runner, texts

from benchlearn.i18n import t


@pytest.fixture(scope="module")
def opens_db(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private copy of the demo store."""
    return copy_store(demo_db, tmp_path_factory.mktemp("opens_on"), "opens")


def _networks_of(db: Path, entity: str) -> list[str]:
    """The networks the entity belongs to, by code (read from the demo store the copy was made of)."""
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT network_code FROM network_member WHERE entity_code = ? ORDER BY 1",
                           [entity]).fetchall()
    return [r[0] for r in rows]


@pytest.mark.parametrize("lang", ["en", "lt"])
def test_the_network_view_opens_on_the_default_municipalitys_network(
        opens_db: Path, demo_db: Path, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    at = page_runner(opens_db, monkeypatch, "network")(lang)
    assert not at.exception
    assert t("network.choose", lang) not in texts(at, "info")
    entity = at.query_params["entity"]
    assert at.query_params["network"] == _networks_of(demo_db, entity)[0]  # kept in the URL
    assert any(chart.proto.spec for chart in at.get("plotly_chart"))  # the heatmap is drawn


def test_the_network_view_opens_on_the_peer_sets_network(opens_db: Path, demo_db: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    at = page_runner(opens_db, monkeypatch, "network")("en")
    entity = at.query_params["entity"]
    other = _networks_of(demo_db, entity)[-1]
    at = page_runner(opens_db, monkeypatch, "network")("en", peers=f"network:{other}")
    assert not at.exception
    assert at.query_params["network"] == other


def test_the_meeting_pack_opens_on_a_network(opens_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = page_runner(opens_db, monkeypatch, "meeting")("en")
    assert not at.exception
    assert t("meeting.choose", "en") not in texts(at, "info")
    assert at.query_params["network"]


@pytest.mark.parametrize("page", ["ranking", "trends", "scatter"])
def test_analysis_pages_open_on_a_directional_indicator(opens_db: Path, demo_db: Path,
                                                        monkeypatch: pytest.MonkeyPatch, page: str) -> None:
    at = page_runner(opens_db, monkeypatch, page)("en")
    assert not at.exception
    key = "x" if page == "scatter" else "indicator"
    code = at.query_params[key]
    with duckdb.connect(str(demo_db), read_only=True) as con:  # an English visit opens on the Finnish demo
        polarity = con.execute("SELECT polarity FROM indicator WHERE code = ?", [code]).fetchone()
    assert polarity[0] in ("higher_better", "lower_better")


def test_an_english_first_visit_opens_on_the_finnish_demo(opens_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = page_runner(opens_db, monkeypatch, "profile")("en")
    assert not at.exception
    assert (at.query_params["entity"], at.query_params["peers"]) == ("FI-091", "country:FI")  # kept in the URL
    performance = at.get("plotly_chart")[0].proto.spec
    judged = {label for trace in json.loads(performance)["data"] for label in trace["y"]}
    assert len(judged) >= 12, judged  # a profile of a dozen directional indicators, not one bar
    at = page_runner(opens_db, monkeypatch, "network")("en")
    assert (at.query_params["entity"], at.query_params["network"]) == ("FI-091", "fi-over-50000")


@pytest.mark.parametrize(("lang", "country"), [("lt", "LT"), ("lv", "LV")])
def test_lithuanian_and_latvian_visits_open_on_their_country(opens_db: Path, monkeypatch: pytest.MonkeyPatch,
                                                             lang: str, country: str) -> None:
    at = page_runner(opens_db, monkeypatch, "profile")(lang)
    assert not at.exception
    assert at.query_params["entity"].startswith(f"{country}-") and at.query_params["peers"] == f"country:{country}"


def test_a_store_without_the_showcase_opens_by_the_rule(demo_db: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    db = copy_store(demo_db, tmp_path, "no_finland")
    with duckdb.connect(str(db)) as con:  # a Baltic network's store: no Finnish values
        con.execute("DELETE FROM observation WHERE entity_code LIKE 'FI-%'")
    at = page_runner(db, monkeypatch, "profile")("en")
    assert not at.exception
    assert at.query_params["entity"] == "LT-01"  # the first of the largest network (60 Lithuanian municipalities)
