"""Maps that read, for all three levels (issue 14.11): a small peer set on its whole country (the others light
grey, named on hover, the members labelled), Latvia mapped like Lithuania (Varakļāni part of Madona after its
merger), a municipality's elderships on its map, the credit line naming the boundaries drawn, and the labels'
glyphs served by the dashboard itself (no font from the internet).

The new modules are imported inside the tests, so that on the code before this change each test fails on what
it checks, not on an import.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from page_support import copy_store, demo_names, numbers, page_runner, specs, texts
from streamlit.testing.v1 import AppTest
from test_attribution import OSM, footer
from test_elderships import load_elderships

from benchlearn import api
from benchlearn.i18n import t
from benchlearn.ingest import IngestOptions
from benchlearn.model import Kind
from benchlearn.store import open_store

LT_CODES = {f"LT-{i:02d}" for i in range(1, 61)}
TRIO = ["LT-57", "LT-19", "LT-05"]
VARAKLANI, MADONA = "LV-102", "LV-059"
AKMENE = ["LT-01-AKM", "LT-01-KRU", "LT-01-NAK", "LT-01-NAM", "LT-01-PAP", "LT-01-VEN"]
GEOBOUNDARIES = "geoBoundaries (Runfola et al. 2020), CC BY 4.0"
REGISTRY = "Registrų centras (Address Registry), CC BY 4.0, via OfficeGovLT/powerbi-map-lt"


@pytest.fixture(scope="module")
def maps_db(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo store with the eldership test files and 2026 road lengths (after Varakļāni's end)."""
    path = copy_store(demo_db, tmp_path_factory.mktemp("maps"), "maps")
    store = open_store(str(path))
    load_elderships(store)
    api.ingest_bytes(store, b"entity_code,indicator_code,period,value\n"
                            b"LV-059,ROAD_KM_ALL_TOTAL,2026,1500\nLV-011,ROAD_KM_ALL_TOTAL,2026,900\n",
                     "roads_2026.csv", IngestOptions(kind=Kind.VALUES))
    store.close()
    return path


@pytest.fixture
def open_page(maps_db: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    """Open a page on the store with URL parameters."""
    def run(page: str, lang: str = "en", **params: str) -> AppTest:
        return page_runner(maps_db, monkeypatch, page)(lang, **params)
    return run


def polygons(figure: dict) -> dict[str, dict]:
    """Every polygon the map draws (entity code → feature), whichever layer draws it."""
    return {f["properties"].get("code"): f for trace in figure["data"] if trace["type"] == "choroplethmap"
            for f in trace["geojson"]["features"]}


def layer(figure: dict, name: str) -> dict:
    """The one trace named `name`."""
    (found,) = [trace for trace in figure["data"] if trace.get("name") == name]
    return found


def coloured(figure: dict) -> dict:
    """The trace of the members with a value (the one on the colour axis)."""
    (found,) = [trace for trace in figure["data"] if "coloraxis" in trace]
    return found


def test_a_small_peer_set_is_drawn_on_its_whole_country(open_page: Callable[..., AppTest]) -> None:
    """Three members: all 60 Lithuanian municipalities drawn, the three coloured, the 57 others light grey with
    their names and "not in this comparison" on hover, the three named on the map; credited to OpenStreetMap."""
    at = open_page("map", entity="LT-57", indicator="BIRTHS_PER_1000", period="2017", peers="list:" + ",".join(TRIO))
    assert not at.exception
    (figure,) = specs(at)
    assert set(polygons(figure)) == LT_CODES
    assert sorted(coloured(figure)["locations"]) == sorted(TRIO)
    from benchlearn.charts.map import OTHERS_COLOUR

    others = layer(figure, t("map.others", "en"))
    assert sorted(others["locations"]) == sorted(LT_CODES - set(TRIO))
    assert {colour for _, colour in others["colorscale"]} == {OTHERS_COLOUR}
    hover = {row[0]: row[1:] for row in others["customdata"]}
    assert hover["LT-13"] == [demo_names()["LT-13"], t("map.not_compared", "en")]
    labels = layer(figure, "labels")
    assert labels["type"] == "scattermap" and labels["mode"] == "text"
    assert sorted(labels["customdata"]) == sorted(TRIO)
    assert labels["text"] == [demo_names()[c] for c in labels["customdata"]]
    text = footer(at)
    assert OSM in text and GEOBOUNDARIES not in text and "Registrų" not in text


@pytest.mark.parametrize("lang", ["en", "lv"])
def test_latvia_is_mapped_like_lithuania(open_page: Callable[..., AppTest], lang: str) -> None:
    """The 43 Latvian municipalities of 2024 (Varakļāni on its own then), coloured; geoBoundaries credited."""
    at = open_page("map", lang, entity="LV-011", indicator="ROAD_GRAVEL_SHARE_TOTAL", period="2024",
                   peers="country:LV")
    assert not at.exception
    assert t("map.no_geometry", lang) not in texts(at, "info")
    (figure,) = specs(at)
    drawn = polygons(figure)
    assert len(drawn) == 43 and VARAKLANI in drawn and all(c.startswith("LV-") for c in drawn)
    assert len(coloured(figure)["locations"]) == 43
    text = footer(at)
    assert t("footer.map_geoboundaries", lang) in text and t("footer.map", lang) not in text


def test_after_the_merger_varaklani_is_drawn_as_part_of_madona(open_page: Callable[..., AppTest]) -> None:
    """2026: 42 municipalities; Madona's polygon holds Varakļāni's as a further part, no boundary changed."""
    from benchlearn.api import geography

    at = open_page("map", entity=MADONA, indicator="ROAD_KM_ALL_TOTAL", period="2026", peers="country:LV")
    assert not at.exception
    drawn = polygons(at and specs(at)[0])
    assert len(drawn) == 42 and VARAKLANI not in drawn
    before = geography.boundaries([MADONA, VARAKLANI])["features"]
    parts = [part for f in before for part in geography._parts(f["geometry"])]
    assert drawn[MADONA]["geometry"] == {"type": "MultiPolygon", "coordinates": parts}


def test_the_eldership_drill_down_draws_the_municipalitys_elderships(open_page: Callable[..., AppTest]) -> None:
    """Akmenė's six elderships on its map, coloured by their 2023 scores and named; only they are drawn (the
    file has no other eldership there); the Centre of Registers credited, not OpenStreetMap."""
    at = open_page("elderships", municipality="LT-01", eld_indicator="SYNTH_ELD_SERVICE_SCORE", eld_period="2023")
    assert not at.exception
    maps = [s for s in specs(at) if any(trace["type"] == "choroplethmap" for trace in s["data"])]
    assert len(maps) == 1
    (figure,) = maps
    assert set(polygons(figure)) == set(AKMENE)
    scores = dict(zip(coloured(figure)["locations"], numbers(coloured(figure)["z"]), strict=True))
    assert scores == {"LT-01-NAM": 72.5, "LT-01-AKM": 64.5, "LT-01-VEN": 63.0, "LT-01-KRU": 58.0,
                      "LT-01-PAP": 57.5, "LT-01-NAK": 47.0}
    assert sorted(layer(figure, "labels")["customdata"]) == AKMENE
    text = footer(at)
    assert REGISTRY in text and OSM not in text


def test_the_elderships_match_the_boundary_file_by_name_or_code() -> None:
    """"Kruopių seniūnija" is the file's "Kruopių sen."; the Address Registry code (3242) matches as an alias;
    the file's elderships the store lacks come back as others, with their names."""
    import pandas as pd

    from benchlearn.api import geography

    units = pd.DataFrame({"code": ["A", "B"], "name": ["Kruopių seniūnija", "Somewhere"], "aliases": [None, "3204"]})
    collection, others = geography.match_elderships("LT-01", units)
    codes = [f["properties"]["code"] for f in collection["features"]]
    assert len(codes) == 6 and {"A", "B"} <= set(codes)
    assert sorted(others["entity_name"]) == ["Naujosios Akmenės kaimiškoji sen.", "Naujosios Akmenės miesto sen.",
                                             "Papilės sen.", "Ventos sen."]


def _fields(data: bytes) -> list[tuple[int, int | bytes]]:
    """A protobuf message's fields (number, value): varints as ints, length-delimited as bytes."""
    out, i = [], 0
    while i < len(data):
        key, i = _varint(data, i)
        if key & 7 == 0:
            value, i = _varint(data, i)
        else:
            length, i = _varint(data, i)
            value, i = data[i:i + length], i + length
        out.append((key >> 3, value))
    return out


def _varint(data: bytes, i: int) -> tuple[int, int]:
    shift = value = 0
    while True:
        value |= (data[i] & 0x7F) << shift
        shift, i = shift + 7, i + 1
        if not data[i - 1] & 0x80:
            return value, i


def test_the_label_glyphs_cover_the_baltic_letters_and_fit_maplibres_format() -> None:
    """Every glyph's bitmap is (width + 6) × (height + 6) bytes (MapLibre rejects the whole range otherwise),
    and the ranges hold every letter of the three languages' names."""
    from benchlearn.glyphs import glyph_range

    ids = set()
    for start in (0, 256):
        ((_, stack),) = _fields(glyph_range(start))
        fields = _fields(stack)
        assert fields[1] == (2, f"{start}-{start + 255}".encode())
        for _number, glyph in fields[2:]:
            values = dict(_fields(glyph))
            width, height = values[3], values[4]
            assert len(values.get(2, b"")) == ((width + 6) * (height + 6) if width else 0)
            ids.add(values[1])
    assert set(map(ord, "AaZz ąčęėįšųūžĄČĘĖĮŠŲŪŽāēīķļņĀĒĪĶĻŅäöåÄÖÅ.-()")) <= ids
