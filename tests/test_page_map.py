"""The map page on the demo store: an offline choropleth of Lithuania with the municipality outlined, the
ranking instead where no boundaries exist (Finland), clicks on polygons; and the boundary helpers. The peer set
drawn on its whole country, Latvia and the elderships are in test_maps.py."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from pathlib import Path

import pytest
from page_support import (
    copy_store,
    country_values,
    demo_indicators,
    demo_names,
    numbers,
    page_runner,
    ranked_values,
    specs,
    texts,
)
from streamlit.testing.v1 import AppTest

from benchlearn.api import geography
from benchlearn.charts.common import HIGHLIGHT
from benchlearn.charts.ranking import MARK
from benchlearn.errors import NotFoundError
from benchlearn.i18n import fmt_number, localized, t, tn
from benchlearn.ui.plain_text import plain

LT_CODES = [f"LT-{i:02d}" for i in range(1, 61)]


def layers(figure: dict) -> dict[str, dict]:
    """The map's traces by role: `coloured` (the members with a value), `outline` (the chosen unit), `labels`."""
    found = {}
    for trace in figure["data"]:
        if trace["type"] == "scattermap":
            found["labels"] = trace
        elif "coloraxis" in trace:
            found["coloured"] = trace
        elif trace.get("marker", {}).get("line", {}).get("color") == HIGHLIGHT:
            found["outline"] = trace
    return found


@pytest.fixture(scope="module")
def map_db(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo store for this module."""
    return copy_store(demo_db, tmp_path_factory.mktemp("page_map"), "map")


@pytest.fixture
def open_map(map_db: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    """Open the map page with URL parameters."""
    return page_runner(map_db, monkeypatch, "map")


@pytest.mark.parametrize(("entity", "indicator", "lang"), [
    ("LT-57", "INFANT_DEATHS_PER_1000_BIRTHS", "lt"),
    ("LT-05", "URBAN_SHARE", "en"),
    ("LT-21", "DEATHS_PER_1000", "lv"),
])
def test_the_choropleth_is_offline_and_outlines_the_municipality(
    open_map: Callable[..., AppTest], entity: str, indicator: str, lang: str,
) -> None:
    """choroplethmap on white-bg (no tiles, no CDN): every LT municipality coloured, the chosen outlined."""
    at = open_map(lang, entity=entity, indicator=indicator, period="2017", peers="country:LT")
    assert not at.exception
    assert [title.value for title in at.title] == [t("map.title", lang)]
    (figure,) = specs(at)
    assert {trace["type"] for trace in figure["data"]} == {"choroplethmap", "scattermap"}
    style = figure["layout"]["map"]["style"]
    assert style["sources"] == {} and [layer["type"] for layer in style["layers"]] == ["background"]
    assert style["glyphs"].startswith("/glyphs/") and "geo" not in figure["layout"]
    coloured, outline = layers(figure)["coloured"], layers(figure)["outline"]
    values = country_values(indicator, "2017", "LT")
    assert sorted(coloured["locations"]) == sorted(values.dropna().index)
    by_code = dict(zip(coloured["locations"], numbers(coloured["z"]), strict=True))
    assert by_code[entity] == pytest.approx(values[entity], rel=1e-9)
    drawn = {f["properties"]["code"] for f in coloured["geojson"]["features"]}
    assert drawn == set(coloured["locations"])
    assert outline["locations"] == [entity]
    assert outline["marker"]["line"] == {"color": HIGHLIGHT, "width": 4.0}
    assert [f["properties"]["code"] for f in outline["geojson"]["features"]] == [entity]
    assert layers(figure)["labels"]["customdata"] == [entity]  # 60 members: only the chosen one is named
    meta = demo_indicators().loc[indicator]
    unit = localized(meta.to_dict(), "unit", lang)  # the page's language (issue 14.6)
    assert unit in figure["layout"]["coloraxis"]["colorbar"]["title"]["text"]
    assert t(f"polarity.{meta['polarity']}", lang) in figure["layout"]["title"]["subtitle"]["text"]
    # the peer median of the ranked values (issue 16.2: a rate on too few births is coloured, not ranked)
    median = statistics.median(ranked_values(indicator, "2017", "LT").dropna())
    caption = f"{t('ranking.median', lang)}: {fmt_number(median, lang, int(meta['decimals']))} {unit}"
    assert caption in texts(at, "caption")
    assert len(at.dataframe[0].value) == 60 and len(at.get("download_button")) == 2


def test_colouring_by_percentile_uses_0_to_100(open_map: Callable[..., AppTest]) -> None:
    """The percentile colouring is fixed to 0–100 and its colour bar says 100 = best."""
    at = open_map("en", entity="LT-57", indicator="INFANT_DEATHS_PER_1000_BIRTHS", peers="country:LT")
    at.sidebar.radio(key="map_colour_by").set_value("percentile").run()
    assert not at.exception
    layout = specs(at)[0]["layout"]
    assert (layout["coloraxis"]["cmin"], layout["coloraxis"]["cmax"]) == (0, 100)
    assert layout["coloraxis"]["colorbar"]["title"]["text"] == t("map.percentile_axis", "en")


@pytest.mark.parametrize("lang", ["en", "lt", "lv"])
def test_finland_has_no_boundaries_so_the_ranking_is_shown(open_map: Callable[..., AppTest],
                                                           lang: str) -> None:
    """No geometry for Finnish municipalities: the page says so plainly and draws the ranking, entity marked."""
    at = open_map(lang, entity="FI-091", indicator="SOTKANET-181", period="2011", peers="country:FI")
    assert not at.exception
    assert t("map.no_geometry", lang) in texts(at, "info")
    (figure,) = specs(at)
    assert {trace["type"] for trace in figure["data"]} == {"bar"}
    assert MARK + demo_names()["FI-091"] in figure["layout"]["yaxis"]["ticktext"]
    assert len(figure["layout"]["yaxis"]["ticktext"]) == 320


def test_a_mixed_peer_set_maps_what_it_can_and_says_how_many_are_left_out(
    open_map: Callable[..., AppTest],
) -> None:
    """All municipalities of the three countries: the 60 Lithuanian ones are coloured, the 43 Latvian ones
    drawn without a value (the indicator is Lithuanian), the 320 Finnish ones counted."""
    at = open_map("en", entity="LT-57", indicator="POP_DENSITY", peers="all")
    assert not at.exception
    assert tn("map.partial", 320, "en") in texts(at, "caption")
    figure = specs(at)[0]
    assert sorted(layers(figure)["coloured"]["locations"]) == LT_CODES
    grey = [trace for trace in figure["data"] if trace["type"] == "choroplethmap" and trace["name"] == "No data"]
    assert len(grey[0]["locations"]) == 43 and all(c.startswith("LV-") for c in grey[0]["locations"])


def test_clicking_a_polygon_selects_that_municipality(open_map: Callable[..., AppTest]) -> None:
    """A map selection carries the polygon's location: it becomes the chosen municipality."""
    at = open_map("lt", entity="LT-57", indicator="INFANT_DEATHS_PER_1000_BIRTHS", peers="country:LT")
    at.session_state["map_LT-57"] = {"selection": {"points": [{"location": "LT-21", "z": 1.0}],
                                                   "point_indices": [0], "box": [], "lasso": []}}
    at.run()
    assert not at.exception
    assert at.selectbox(key="url_entity").value == "LT-21"
    assert layers(specs(at)[0])["outline"]["locations"] == ["LT-21"]


def test_guidance_instead_of_errors(open_map: Callable[..., AppTest]) -> None:
    """Without an indicator, or with peers that have no value, a plain message and no map."""
    first = open_map("lv", entity="LT-57")  # an indicator with data is chosen (issue 14.4)
    assert not first.exception and t("pick.choose_indicator", "lv") not in texts(first, "info") and specs(first)
    # an indicator the peers have no value of is not offered (issue 14.5): the link's value is refused plainly
    empty = open_map("en", entity="LV-011", indicator="BIRTHS_PER_1000", peers="country:LV")
    assert not empty.exception
    assert t("link.bad_value", "en", name="indicator", value=plain("BIRTHS_PER_1000")) in texts(empty, "warning")


def test_boundaries_cover_the_lithuanian_and_latvian_municipalities() -> None:
    """Every LT and LV municipality has a boundary, no Finnish one; unknown codes are skipped."""
    assert geography.mapped_codes([*LT_CODES, "LV-011", "FI-091", "LV-RIX"]) == [*LT_CODES, "LV-011", "LV-RIX"]
    collection = geography.boundaries(["FI-091", "LT-05", "LT-57", "XX-1"])
    assert [f["properties"]["code"] for f in collection["features"]] == ["LT-05", "LT-57"]
    assert geography.sources_of(["LT-05", "FI-091", "LV-011", "LT-57"]) == ["osm", "geoboundaries"]


def test_the_view_fits_the_boundaries() -> None:
    """The whole country is centred inside Lithuania at a country zoom; one city (a Finnish code has no
    boundary and is ignored) zooms in further."""
    centre, zoom = geography.view(geography.boundaries(LT_CODES))
    assert 22.5 < centre["lon"] < 25.5 and 54.5 < centre["lat"] < 56.0
    assert 5.0 < zoom < 7.0
    _, city_zoom = geography.view(geography.boundaries(["LT-57", "FI-091"]))
    assert city_zoom > zoom + 2
    with pytest.raises(NotFoundError):
        geography.view(geography.boundaries(["FI-091"]))
