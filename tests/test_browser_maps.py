"""The three kinds of map in Chromium (issue 14.11), offline: a small Lithuanian peer set on its country, Latvia,
and a municipality's elderships. Each map's canvas is drawn, its labels' glyphs come from the dashboard (no
request leaves 127.0.0.1), and a screenshot of each is saved under artifacts/maps/ to be looked at."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import ROOT, serve, wait_ready
from playwright.sync_api import Page, Request
from test_elderships import load_elderships

from benchlearn.store import open_store

MAPS = ROOT / "artifacts" / "maps"
LINKS = {
    "lithuania-three-peers": "/map?entity=LT-57&indicator=BIRTHS_PER_1000&period=2017"
                             "&peers=list:LT-57,LT-19,LT-05&lang=lt",
    "latvia": "/map?entity=LV-011&indicator=ROAD_GRAVEL_SHARE_TOTAL&period=2024&peers=country:LV&lang=lv",
    "elderships-akmene": "/elderships?municipality=LT-01&eld_indicator=SYNTH_ELD_SERVICE_SCORE&eld_period=2023"
                         "&eldership=LT-01-KRU&lang=en",
}
pytestmark = pytest.mark.browser


@pytest.fixture
def maps_server(app_db: Path, tmp_path: Path) -> Iterator[str]:
    """The dashboard over a demo store with the elderships test data."""
    store = open_store(str(app_db))
    load_elderships(store)
    store.close()
    with serve(app_db, tmp_path / "streamlit.log") as url:
        yield url


def test_each_kind_of_map_draws_offline_and_is_photographed(maps_server: str, page: Page) -> None:
    """Three maps, no request beyond the dashboard, the glyphs fetched from it; screenshots to look at."""
    outside: list[str] = []
    glyphs: list[str] = []

    def watch(request: Request) -> None:
        if not re.match(r"(blob:)?https?://127\.0\.0\.1[:/]", request.url) and not request.url.startswith("data:"):
            outside.append(request.url)
        if "/glyphs/" in request.url:
            glyphs.append(request.url)

    # the route serves any font stack's covered ranges (waiting here for the first drawing, not in the shots)
    for start in (0, 256):
        response = page.request.get(f"{maps_server}/glyphs/Any%20Font/{start}-{start + 255}.pbf", timeout=120_000)
        assert response.ok and response.headers["content-type"] == "application/x-protobuf"
    assert page.request.get(f"{maps_server}/glyphs/Any%20Font/1-256.pbf").status == 404
    page.on("request", watch)
    MAPS.mkdir(parents=True, exist_ok=True)
    for name, link in LINKS.items():
        page.goto(maps_server + link)
        wait_ready(page, timeout_ms=90_000)
        chart = page.locator(".js-plotly-plot").filter(has=page.locator("canvas")).first
        chart.scroll_into_view_if_needed()
        page.wait_for_timeout(4_000)  # MapLibre draws after the figure: polygons, then the labels' glyphs
        chart.screenshot(path=str(MAPS / f"{name}.png"))
        assert page.get_by_test_id("stException").count() == 0
    assert outside == []
    assert any(url.endswith("/0-255.pbf") for url in glyphs)
