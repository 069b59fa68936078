"""Boundaries for the maps: the shipped GeoJSON files, read once per process, keyed by the store's entity codes.

- Municipalities: Lithuania (`lt_municipalities.geojson`, OpenStreetMap) and Latvia (`lv_municipalities_2021.geojson`,
  geoBoundaries from the State Land Service); each feature's `properties.iso_3166_2` is the entity code.
- Elderships (`lt_elderships.geojson`, Registrų centras via OfficeGovLT/powerbi-map-lt): keyed in the file by
  municipality and name ("Akmenės sen.") or the Address Registry's code; a store's elderships are matched to
  them by their parent and name, aliases or that code (`match_elderships`).

Every feature handed out carries one property, `code` (the entity code), and its boundary source
(`SOURCES`), so a page credits exactly the licence of what it draws. Nothing here changes a boundary: a merged
municipality is drawn as the parts it absorbed side by side (`boundaries(…, merged=…)`). There is no boundary
file for Finland: a page asks `mapped_codes` which members it can draw and says plainly when none.
"""

from __future__ import annotations

import json
import math
import unicodedata
from collections.abc import Iterable, Mapping
from functools import cache, lru_cache
from pathlib import Path

import pandas as pd

from benchlearn.errors import NotFoundError

DATA = Path(__file__).resolve().parents[2] / "data"
# file → the boundary source its features are credited to (benchlearn.reports.spreadsheet.MAP_CREDITS)
MUNICIPALITY_FILES = {"lt_municipalities.geojson": "osm", "lv_municipalities_2021.geojson": "geoboundaries"}
ELDERSHIP_FILE = "lt_elderships.geojson"
ELDERSHIP_SOURCE = "registru_centras"
SOURCES = (*MUNICIPALITY_FILES.values(), ELDERSHIP_SOURCE)
CODE_PROPERTY = "code"
FEATURE_ID_KEY = f"properties.{CODE_PROPERTY}"
# The plot area a page gives the map, in CSS pixels, beside its colour bar (a conservative guess: too small
# only zooms out a little, too large cuts the edges off).
_MAP_PIXELS = (500.0, 460.0)
# MapLibre draws the whole world 512 px wide at zoom 0.
_WORLD_PIXELS = 512.0


class SharedCoordinates(list):
    """A geometry's coordinates, read once and never changed, so a deep copy may return the same object.

    Plotly deep-copies every trace when a figure is built and again when it is serialised: on 53 000 boundary
    points that cost 0.8 s per page run; sharing the (read-only) coordinates makes it 0.05 s.
    """

    def __deepcopy__(self, memo: dict) -> SharedCoordinates:
        return self


def _feature(code: str, geometry: dict) -> dict:
    coordinates = geometry["coordinates"]
    # wrapped once: the same object each run keeps the label points' cache (charts.map_labels) warm
    shared = {"type": geometry["type"], "coordinates": coordinates if isinstance(coordinates, SharedCoordinates)
              else SharedCoordinates(coordinates)}
    lons, lats = zip(*_points(shared), strict=True)
    # GeoJSON's own bbox member [west, south, east, north]: a view is fitted without walking the points again
    return {"type": "Feature", "bbox": [min(lons), min(lats), max(lons), max(lats)],
            "properties": {CODE_PROPERTY: code}, "geometry": shared}


@cache
def _collection(name: str) -> tuple[dict, ...]:
    with open(DATA / name, encoding="utf-8") as handle:
        return tuple(json.load(handle)["features"])


@cache
def _municipalities() -> dict[str, tuple[dict, str]]:
    """entity code → (feature, boundary source), over every municipality file."""
    found: dict[str, tuple[dict, str]] = {}
    for name, source in MUNICIPALITY_FILES.items():
        for feature in _collection(name):
            code = feature["properties"]["iso_3166_2"]
            found[code] = (_feature(code, feature["geometry"]), source)
    return found


def mapped_codes(codes: Iterable[str]) -> list[str]:
    """The municipality codes among `codes` that have a boundary to draw, in the order given."""
    features = _municipalities()
    return [code for code in codes if code in features]


def sources_of(codes: Iterable[str]) -> list[str]:
    """The boundary sources (`SOURCES`) of the municipalities `codes` that have a boundary, each once."""
    features = _municipalities()
    return list(dict.fromkeys(features[c][1] for c in codes if c in features))


def _parts(geometry: dict) -> list:
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" else list(geometry["coordinates"])


def boundaries(codes: Iterable[str], merged: Mapping[str, Iterable[str]] | None = None) -> dict:
    """A FeatureCollection of the municipalities `codes` (unknown codes are skipped); `merged` maps a code to
    the codes it absorbed, whose polygons join its feature as further parts of one MultiPolygon."""
    features, merged = _municipalities(), merged or {}
    drawn = []
    for code in codes:
        if code not in features:
            continue
        feature = features[code][0]
        absorbed = [features[c][0]["geometry"] for c in merged.get(code, ()) if c in features]
        if absorbed:
            parts = [p for g in (feature["geometry"], *absorbed) for p in _parts(g)]
            feature = _feature(code, {"type": "MultiPolygon", "coordinates": parts})
        drawn.append(feature)
    return {"type": "FeatureCollection", "features": drawn}


def _key(name: str) -> str:
    """A name as the eldership file and a store may both write it: case-folded, NFC, "seniūnija" as "sen."."""
    text = unicodedata.normalize("NFC", str(name)).casefold().strip()
    return " ".join(text.replace("seniūnija", "sen.").split())


@cache
def _elderships() -> dict[str, tuple[dict, ...]]:
    """municipality code → the file's features of its elderships."""
    found: dict[str, list[dict]] = {}
    for feature in _collection(ELDERSHIP_FILE):
        shared = _feature("", feature["geometry"])["geometry"]
        found.setdefault(feature["properties"]["municipality_iso"], []).append({**feature, "geometry": shared})
    return {code: tuple(features) for code, features in found.items()}


def match_elderships(municipality: str, units: pd.DataFrame) -> tuple[dict, pd.DataFrame]:
    """The boundaries of the municipality's elderships in the store (`units`: code, name, aliases) and the
    file's other elderships there (entity_code, entity_name), which the store does not hold.

    A unit matches a feature by the Address Registry's code (as its code or an alias) or by name or alias
    ("Kruopių seniūnija" = "Kruopių sen."); the returned features are keyed by the store's codes.
    """
    matched, others = [], []
    keys = {}
    for code, name, aliases in zip(units["code"], units["name"], units["aliases"].fillna(""), strict=True):
        for key in (code, name, *str(aliases).split("|")):
            keys.setdefault(_key(key), code)
    for feature in _elderships().get(municipality, ()):
        props = feature["properties"]
        code = keys.get(_key(str(props["eldership_code"]))) or keys.get(_key(props["eldership_name"]))
        if code is None:
            name = props["eldership_name"]
            others.append((f"{municipality}:{props['eldership_code']}", name))
            code = others[-1][0]
        matched.append(_feature(code, feature["geometry"]))
    return ({"type": "FeatureCollection", "features": matched},
            pd.DataFrame(others, columns=["entity_code", "entity_name"]))


def _points(geometry: dict) -> Iterable[tuple[float, float]]:
    for polygon in _parts(geometry):
        for ring in polygon:
            yield from ((float(lon), float(lat)) for lon, lat, *_ in ring)


def _mercator_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def view(collection: dict) -> tuple[dict[str, float], float]:
    """(centre, zoom) that fit a FeatureCollection's boundaries into the map area (Web Mercator)."""
    if not collection["features"]:
        raise NotFoundError("none of these entities has a boundary to draw")
    boxes = [f["bbox"] for f in collection["features"]]
    return _view(min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
                 max(b[3] for b in boxes))


@lru_cache(maxsize=256)
def _view(west: float, south: float, east: float, north: float) -> tuple[dict[str, float], float]:
    lon_share = max(east - west, 1e-6) / 360
    lat_share = max(_mercator_y(north) - _mercator_y(south), 1e-6) / (2 * math.pi)
    width, height = _MAP_PIXELS
    zoom = min(math.log2(width / (_WORLD_PIXELS * lon_share)),
               math.log2(height / (_WORLD_PIXELS * lat_share)))
    centre_y = (_mercator_y(north) + _mercator_y(south)) / 2
    centre = {"lon": (west + east) / 2, "lat": math.degrees(2 * math.atan(math.exp(centre_y)) - math.pi / 2)}
    return centre, round(min(max(zoom, 1.0), 12.0), 2)
