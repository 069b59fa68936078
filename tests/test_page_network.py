"""The network view on the demo store: the percentile heatmap and the composite index, checked against
percentiles and min–max scores recomputed by hand from the shipped CSV files."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from page_support import (
    ROOT,
    copy_store,
    country_values,
    demo_indicators,
    demo_names,
    numbers,
    page_downloads,
    page_runner,
    specs,
    texts,
)
from streamlit.testing.v1 import AppTest

from benchlearn.charts.common import HIGHLIGHT
from benchlearn.charts.ranking import MARK
from benchlearn.i18n import t, tn

LV_DIRECTIONAL = ["ROAD_ASPHALT_SHARE_MUNI_ROADS", "ROAD_ASPHALT_SHARE_MUNI_STREETS",
                  "ROAD_ASPHALT_SHARE_TOTAL", "ROAD_GRAVEL_SHARE_TOTAL"]


@pytest.fixture(scope="module")
def network_db(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo store for this module, plus a network that has members but no indicator."""
    folder = tmp_path_factory.mktemp("page_network")
    path = copy_store(demo_db, folder, "network")  # a file, or a database on the test server
    members = folder / "members.csv"
    members.write_text("group,entity_code,group_kind,group_name\n"
                       "no-indicators,LT-01,network,Members without indicators\n"
                       "no-indicators,LT-02,network,Members without indicators\n", encoding="utf-8")
    command = [sys.executable, "-m", "benchlearn", "ingest", str(members), "--kind", "members",
               "--db", str(path)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture
def open_network(network_db: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    """Open the network view with URL parameters."""
    return page_runner(network_db, monkeypatch, "network")


def _oriented(code: str) -> pd.Series:
    values = country_values(code, "2024", "LV")
    return -values if demo_indicators().loc[code, "polarity"] == "lower_better" else values


def _percentiles(code: str) -> pd.Series:
    """Share of the other valued members each member does at least as well as, × 100 (ARCHITECTURE §8)."""
    oriented = _oriented(code).dropna()
    return oriented.map(lambda v: ((oriented <= v).sum() - 1) * 100 / (len(oriented) - 1))


def _minmax_scores() -> pd.Series:
    """Equal weights, min–max 0–100 per indicator, scored where ≥ 60 % of the weight has values."""
    oriented = {code: _oriented(code) for code in LV_DIRECTIONAL}
    normalised = pd.DataFrame({c: (o - o.min()) / (o.max() - o.min()) * 100 for c, o in oriented.items()})
    present = normalised.notna().sum(axis=1)
    return normalised.mean(axis=1).where(present / len(LV_DIRECTIONAL) >= 0.6)


@pytest.mark.parametrize("lang", ["en", "lt", "lv"])
def test_the_heatmap_holds_every_members_percentile(open_network: Callable[..., AppTest], lang: str) -> None:
    """43 members × the 4 directional road indicators; neutral ones left out and said so; entity boxed."""
    at = open_network(lang, entity="LV-011", network="lv-municipalities", period="2024")
    assert not at.exception
    assert [title.value for title in at.title] == [t("network.title", lang)]
    assert tn("network.neutral_left_out", 16, lang) in texts(at, "caption")
    heatmap, composite = specs(at)
    cells = heatmap["data"][0]
    assert sorted(cells["x"]) == sorted(LV_DIRECTIONAL) and len(cells["y"]) == 43
    matrix = pd.DataFrame(numbers(cells["z"]), index=cells["y"], columns=cells["x"], dtype="float64")
    for code in LV_DIRECTIONAL:
        expected = _percentiles(code).reindex(matrix.index)
        pd.testing.assert_series_equal(matrix[code], expected, check_names=False, atol=1e-9)
    assert cells["colorbar"]["title"]["text"] == t("network.percentile", lang)
    yaxis = heatmap["layout"]["yaxis"]
    ticks = dict(zip(yaxis["tickvals"], yaxis["ticktext"], strict=True))
    assert ticks["LV-011"] == MARK + demo_names()["LV-011"]
    row = cells["y"].index("LV-011")
    boxes = [s for s in heatmap["layout"]["shapes"] if s["type"] == "rect"]
    assert len(boxes) == 1 and boxes[0]["line"]["color"] == HIGHLIGHT
    assert boxes[0]["y0"] == row - 0.5 and boxes[0]["y1"] == row + 0.5
    hover = dict(zip(cells["y"], cells["text"], strict=True))["LV-RIX"]
    roads = cells["x"].index("ROAD_ASPHALT_SHARE_MUNI_ROADS")
    assert t("status.not_applicable", lang) in hover[roads]  # Rīga has no municipal roads
    assert composite["layout"]["title"]["text"] == t("network.composite_title", lang, period="2024")


def test_the_composite_segments_add_up_to_the_hand_computed_scores(
    open_network: Callable[..., AppTest],
) -> None:
    """Min–max, equal weights: each member's segments sum to its score, which matches the hand computation."""
    at = open_network("en", entity="LV-011", network="lv-municipalities", period="2024")
    composite = specs(at)[1]
    bars = [trace for trace in composite["data"] if trace["type"] == "bar"]
    totals: dict[str, float] = {}
    for trace in bars:
        for code, part in zip(trace["y"], numbers(trace["x"]), strict=True):
            totals[code] = totals.get(code, 0.0) + part
    marker = next(trace for trace in composite["data"] if trace["type"] == "scatter")
    scores = dict(zip(marker["y"], numbers(marker["x"]), strict=True))
    expected = _minmax_scores().dropna()
    assert sorted(scores) == sorted(expected.index)
    for code, score in scores.items():
        assert score == pytest.approx(expected[code], abs=1e-9)
        assert totals[code] == pytest.approx(score, abs=1e-9)
    assert marker["y"] == sorted(scores, key=lambda c: (-scores[c], c))
    assert len(scores) == 43  # every member has at least 3 of the 4 components
    assert not any("unscored" in text for text in texts(at, "caption"))
    # the page's own six downloads; the explanation popovers add their own (issue 16.1)
    assert len(page_downloads(at)) == 6


def test_changing_the_method_and_the_weights_rescores(open_network: Callable[..., AppTest]) -> None:
    """z-scores change the subtitle; a heavy weight leaves members under 60 % coverage unscored; unticking
    every indicator asks for a weight."""
    at = open_network("lt", entity="LV-011", network="lv-municipalities", period="2024")
    at.radio(key="network_method").set_value("z").run()
    assert not at.exception
    assert t("network.method.z", "lt") in specs(at)[1]["layout"]["title"]["subtitle"]["text"]
    # Municipal roads weighing 3 of 6: the seven state cities, which have none, fall under 60 % coverage.
    at.session_state["network_weights_lv-municipalities"] = {
        "edited_rows": {0: {"weight": 3.0}}, "added_rows": [], "deleted_rows": [],
    }
    at.run()
    assert not at.exception
    # The seven state cities have no municipal roads: not applicable, so the roads leave their weight instead of
    # counting as missing (issue 16.2) — every member is scored, none is called unscored.
    cities = country_values("ROAD_ASPHALT_SHARE_MUNI_ROADS", "2024", "LV").isna().sum()
    assert cities == 7 and tn("network.unscored", 7, "lt") not in texts(at, "caption")
    marker = next(trace for trace in specs(at)[1]["data"] if trace["type"] == "scatter")
    assert len(marker["y"]) == 43
    at.session_state["network_weights_lv-municipalities"] = {
        "edited_rows": {i: {"use": False} for i in range(len(LV_DIRECTIONAL))}, "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception
    assert t("network.no_weights", "lt") in texts(at, "info")
    assert len(specs(at)) == 1


def test_a_lithuanian_network_with_one_directional_indicator(open_network: Callable[..., AppTest]) -> None:
    """The city network has one indicator with a better direction: a one-column heatmap and index."""
    at = open_network("lt", entity="LT-57", network="lt-city-municipalities", period="2017")
    assert not at.exception
    heatmap, _ = specs(at)
    assert heatmap["data"][0]["x"] == ["INFANT_DEATHS_PER_1000_BIRTHS"] and len(heatmap["data"][0]["y"]) == 7


def test_guidance_instead_of_errors(open_network: Callable[..., AppTest]) -> None:
    """No network chosen: the municipality's own network (issue 14.4); one without a directional indicator: a
    plain message, no chart."""
    first = open_network("lv", entity="LV-011")
    assert not first.exception and t("network.choose", "lv") not in texts(first, "info")
    assert first.query_params["network"] and specs(first)
    bare = open_network("en", network="no-indicators")
    assert not bare.exception and t("network.no_directional", "en") in texts(bare, "info")
    assert not specs(bare)
